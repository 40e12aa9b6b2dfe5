/**
 * What a node looks like when a person drops it from the palette: a fresh id from its kind
 * (`queue-2`) and the few settings it needs to do something in a simulation. Everything else stays
 * unset, so the defaults of `core/schema/defaults.ts` apply and the document stays sparse.
 */
import type { TopologyNode } from '../core/schema';
import type { NodeKind } from '../core/schema/nodes';
import type { XY } from './operations';
import { freshId } from './operations';

/** The id prefix of each kind: short, readable, valid. */
const ID_BASE: Record<NodeKind, string> = {
  producer: 'producer',
  topic: 'topic',
  queue: 'queue',
  exchange: 'exchange',
  stream: 'stream',
  webhook: 'webhook',
  consumer: 'consumer',
  projection: 'projection',
  eventstore: 'eventstore',
  deadletter: 'dlq',
};

/** A new node of `kind` at `position`, with an id not in `taken`. */
export function createNode(kind: NodeKind, position: XY, taken: ReadonlySet<string>): TopologyNode {
  const id = freshId(ID_BASE[kind], taken);
  const at = { x: Math.round(position.x), y: Math.round(position.y) };
  switch (kind) {
    case 'producer':
      return { id, kind, position: at, messages: [{ type: 'Event', rate: 1 }] };
    case 'exchange':
      return { id, kind, position: at, exchangeType: 'topic' };
    default:
      return { id, kind, position: at } as TopologyNode;
  }
}

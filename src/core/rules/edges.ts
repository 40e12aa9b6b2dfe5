/**
 * Which edge kinds may join which node kinds (spec, "Edges"). One table shared by the validator,
 * the canvas (which refuses a connection the table forbids, with the reason) and the compiler
 * (which infers an omitted `kind`).
 */
import type { NodeKind } from '../schema/nodes';

export const EDGE_KINDS = [
  'publish',
  'subscribe',
  'bind',
  'alternate',
  'consume',
  'endpoint',
  'group',
  'deadLetter',
] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

interface EdgeRule {
  from: readonly NodeKind[];
  to: readonly NodeKind[];
  /** Extra pairs beyond the from × to product (eventstore → … for subscribe). */
  pairs?: readonly (readonly [NodeKind, NodeKind])[];
  /** Edge fields this kind accepts besides id, from, to, kind, latency and ui. */
  fields: readonly ('filter' | 'bindingKey' | 'group' | 'retry')[];
  /** Never inferred when `kind` is omitted (spec: `alternate` must be explicit). */
  explicitOnly?: boolean;
  /** What the edge means, for tooltips and help. */
  meaning: string;
}

export const EDGE_RULES: Record<EdgeKind, EdgeRule> = {
  publish: {
    from: ['producer', 'consumer', 'projection'],
    to: ['topic', 'queue', 'exchange', 'stream', 'webhook', 'eventstore'],
    fields: ['filter'],
    meaning: 'sends its messages to',
  },
  subscribe: {
    from: ['topic'],
    to: ['queue', 'consumer', 'projection', 'eventstore'],
    pairs: [
      ['eventstore', 'queue'],
      ['eventstore', 'consumer'],
      ['eventstore', 'projection'],
    ],
    fields: ['filter'],
    meaning: 'gets a copy of every matching message from',
  },
  bind: { from: ['exchange'], to: ['queue'], fields: ['bindingKey'], meaning: 'is bound to' },
  alternate: {
    from: ['exchange'],
    to: ['queue', 'deadletter'],
    fields: [],
    explicitOnly: true,
    meaning: 'takes the unroutable messages of',
  },
  consume: { from: ['queue'], to: ['consumer', 'projection'], fields: [], meaning: 'competes for messages from' },
  endpoint: { from: ['webhook'], to: ['consumer'], fields: ['filter'], meaning: 'is an HTTP endpoint of' },
  group: { from: ['stream'], to: ['consumer', 'projection'], fields: ['group', 'retry'], meaning: 'reads in a consumer group from' },
  deadLetter: {
    from: ['queue', 'topic', 'stream', 'webhook'],
    to: ['deadletter'],
    fields: [],
    meaning: 'receives the exhausted deliveries of',
  },
};

/** Whether an edge of `kind` may join a node of kind `from` to one of kind `to`. */
export function edgeAllowed(kind: EdgeKind, from: NodeKind, to: NodeKind): boolean {
  const rule = EDGE_RULES[kind];
  if (rule.from.includes(from) && rule.to.includes(to)) return true;
  return rule.pairs?.some(([a, b]) => a === from && b === to) ?? false;
}

/** Every edge kind allowed between the two node kinds. */
export function allowedEdgeKinds(from: NodeKind, to: NodeKind): EdgeKind[] {
  return EDGE_KINDS.filter((k) => edgeAllowed(k, from, to));
}

/**
 * The kind an edge without `kind` has: the only allowed kind that may be implied, or undefined when
 * none or several fit.
 */
export function impliedEdgeKind(from: NodeKind, to: NodeKind): EdgeKind | undefined {
  const kinds = allowedEdgeKinds(from, to).filter((k) => !EDGE_RULES[k].explicitOnly);
  return kinds.length === 1 ? kinds[0] : undefined;
}

const ARTICLE: Record<NodeKind, string> = {
  producer: 'a producer',
  topic: 'a topic',
  queue: 'a queue',
  exchange: 'an exchange',
  stream: 'a stream',
  webhook: 'a webhook',
  consumer: 'a consumer',
  projection: 'a projection',
  eventstore: 'an event store',
  deadletter: 'a dead-letter node',
};

/** "a queue", "an exchange": node kinds in sentences. */
export function kindWithArticle(kind: NodeKind): string {
  return ARTICLE[kind];
}

/**
 * Why nothing may connect `from` to `to` — a sentence for the canvas and the validator, e.g.
 * "a producer cannot send to a consumer directly: put a queue or topic between them".
 */
export function whyNotConnectable(from: NodeKind, to: NodeKind): string {
  const a = kindWithArticle(from);
  const b = kindWithArticle(to);
  if (from === to) return `${a} cannot connect to another ${from === 'deadletter' ? 'dead-letter node' : from}`;
  if (to === 'producer') return `${b} only sends: nothing can connect into it`;
  if (from === 'deadletter') return `${a} is where exhausted deliveries end: it has no outgoing edges`;
  if (from === 'producer' && (to === 'consumer' || to === 'projection')) {
    return `${a} cannot send to ${b} directly: put a queue, topic, stream or webhook between them`;
  }
  if ((from === 'consumer' || from === 'projection') && to === 'queue') {
    return `${a} cannot consume from ${b} that way: draw the edge from the queue to the consumer`;
  }
  if (from === 'consumer' || from === 'projection') {
    return `${a} can only publish to a topic, queue, exchange, stream, webhook or event store`;
  }
  if (to === 'deadletter') return `${a} cannot dead-letter: only queues, topics, streams and webhooks have a dead-letter edge (exchanges use alternate)`;
  if (from === 'exchange') return `${a} routes only to queues (bind) or to a dead-letter node (alternate)`;
  if (from === 'webhook') return `${a} delivers only to consumers (endpoint) or to a dead-letter node`;
  if (from === 'stream') return `${a} is read by consumers or projections (group) and dead-letters to a dead-letter node`;
  if (from === 'queue') return `${a} is consumed by consumers or projections and dead-letters to a dead-letter node`;
  return `${a} cannot connect to ${b}`;
}

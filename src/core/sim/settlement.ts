/**
 * How deliveries leave their path when nothing more can be tried: dead letters (over the broker's
 * deadLetter edge, or discarded without one; when dead-lettered, the consumer that ran the last
 * attempt sends its `on: "dead-letter"` emits), redrive from a dead-letter node back to where each delivery was
 * dead-lettered with a fresh attempt budget, and SQS retention on queues without `retry`.
 */
import type { Engine } from './engine';
import { S_ACKED, S_DEADLETTERED, S_DISCARDED, S_TRANSIT } from './tables';
import { SampleList } from './collections';
import * as T from './trace';
import { PATH_GROUP, PATH_PUSH } from './runtime';
import { pushAttempt } from './push';
import { emitMessages } from './emits';
import { discardExpired, enqueue } from './queues';
import { onRedriveToGroup } from './streams';
import { route } from './routing';

/**
 * Retries are spent: over the broker's deadLetter edge, or discarded when it has none. When it is
 * dead-lettered, the consumer that ran the last attempt sends its `on: "dead-letter"` emits (spec:
 * "when the delivery is dead-lettered"; a discarded delivery is not, so it sends none) — unless it
 * is down, or the last attempt failed at once because it was (then it ran nothing).
 */
export function deadLetter(e: Engine, broker: number, d: number): void {
  const dl = e.deliveries;
  const msg = dl.msg[d]!;
  const edge = e.deadLetterEdge[broker]!;
  const last = dl.lastConsumer[dl.slot[d]!]!;
  // A consumer that is down (it crashed with the attempt in hand) sends nothing.
  if (edge >= 0 && last >= 0 && !e.down[last] && e.model.nodes[last]!.emits.length > 0) emitMessages(e, last, d, 'dead-letter');
  dl.origin[dl.slot[d]!] = broker;
  e.lastChange = e.now;
  if (edge >= 0) {
    e.stats[broker]!.deadLettered++;
    dl.node[dl.slot[d]!] = -1;
    e.sendOverEdge(d, edge);
  } else {
    e.stats[broker]!.discarded++;
    e.terminate(d, S_DISCARDED);
    e.record(T.T_DISCARD, broker, -1, msg, d, dl.attempts[dl.slot[d]!]!);
  }
}

export function onRedrive(e: Engine, node: number): void {
  const held = e.held[node]!;
  if (held.length === 0) return;
  e.held[node] = [];
  e.heldLatency[node] = new SampleList(16);
  const dl = e.deliveries;
  for (const d of held) {
    if (dl.state[d] !== S_DEADLETTERED) continue;
    e.stats[node]!.redriven++;
    e.terminalByState[S_DEADLETTERED]!--;
    dl.state[d] = S_TRANSIT;
    dl.attempts[dl.slot[d]!] = 0;
    dl.prevDelay[dl.slot[d]!] = 0;
    e.lastChange = e.now;
    const origin = e.model.nodes[dl.origin[dl.slot[d]!]!]!;
    e.record(T.T_REDRIVE, node, -1, dl.msg[d]!, d, 0);
    if (origin.kind === 'queue') {
      enqueue(e, e.queues[e.queueOf[origin.index]!]!, d, -1);
    } else if (origin.kind === 'exchange') {
      // It came over the alternate edge, unroutable: published to the exchange again, which routes
      // it anew (back to the alternate if still nothing matches), as a shovel to the exchange would.
      e.stats[origin.index]!.received++;
      route(e, d, origin);
    } else {
      const path = e.paths[dl.path[dl.slot[d]!]!]!;
      if (path.kind === PATH_PUSH) pushAttempt(e, d, path.index, path.edge);
      else if (path.kind === PATH_GROUP) onRedriveToGroup(e, d, path);
    }
  }
}

/**
 * E_RETENTION: SQS's retention on a queue without `retry` — a message still unacked `retention`
 * seconds after it was first enqueued is discarded, wherever it is (ready, waiting, in flight).
 */
export function onRetention(e: Engine, queueNode: number): void {
  const dl = e.deliveries;
  const q = e.queues[e.queueOf[queueNode]!]!;
  const list = q.retention!;
  const retention = e.model.nodes[queueNode]!.retention;
  q.retentionTimer = false;
  while (list.length > 0) {
    const d = list.at(0);
    const s = dl.slot[d]!;
    if (dl.state[d]! >= S_ACKED || dl.node[s] !== queueNode) {
      list.shift();
      continue;
    }
    const expiry = dl.enqueuedAt[s]! + retention;
    if (expiry > e.now) {
      e.armRetention(q, expiry);
      return;
    }
    list.shift();
    discardExpired(e, q, d);
  }
}

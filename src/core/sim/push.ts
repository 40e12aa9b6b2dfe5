/**
 * Push paths (topic subscriptions, webhook endpoints, event-store catch-up subscriptions): a
 * delivery pushed to its consumer waits in a buffer in front of the slots (an attempt from the
 * moment it is pushed), fails at once when the consumer is down, and on a webhook fails at send +
 * `timeout` if no ack came. Attempts then end as any other (consumers.ts).
 */
import type { Engine } from './engine';
import { E_WH_TIMEOUT } from './engine';
import { A_BUFFERED, A_DONE, S_BUFFERED, S_INFLIGHT } from './tables';
import * as T from './trace';
import type { ConsumerRt } from './runtime';
import { trackStale } from './projections';
import { attemptFailed, maybeFree, startAttempt } from './consumers';

/** A push path hands `d` to its consumer: buffered in front of the slots, or failing at once if down. */
export function pushAttempt(e: Engine, d: number, pathIndex: number, edge: number): void {
  const path = e.paths[pathIndex]!;
  const c = e.consumers[path.consumer]!;
  const dl = e.deliveries;
  const msg = dl.msg[d]!;
  dl.path[dl.slot[d]!] = pathIndex;
  dl.node[dl.slot[d]!] = c.node;
  dl.attempts[dl.slot[d]!]!++;
  dl.totalAttempts[dl.slot[d]!]!++;
  const a = e.attempts.add(d, c.node, e.now, dl.attempts[dl.slot[d]!]!, edge);
  e.attempts.path[a] = pathIndex;
  e.attempts.total[a] = dl.totalAttempts[dl.slot[d]!]!;
  dl.attempt[dl.slot[d]!] = a;
  dl.lastStart[dl.slot[d]!] = e.now;
  // Who sends the `on: "dead-letter"` emits if this attempt is the last: the consumer that ran it
  // (spec, "Consumer behaviour") — nobody, when it was down and the push failed at once.
  dl.lastConsumer[dl.slot[d]!] = e.down[c.node] ? -1 : c.node;
  if (path.projection >= 0) trackStale(e, d, path.projection);
  c.stats.received++;
  e.record(T.T_DELIVER, c.node, edge, msg, d, dl.attempts[dl.slot[d]!]!);
  if (e.down[c.node]) {
    e.attempts.state[a] = A_DONE;
    c.stats.failed++;
    e.record(T.T_NACK, c.node, edge, msg, d, dl.attempts[dl.slot[d]!]!);
    attemptFailed(e, d, path);
    maybeFree(e, a);
    return;
  }
  e.attempts.state[a] = A_BUFFERED;
  dl.state[d] = S_BUFFERED;
  c.buffer.push(a);
  if (path.timeout < Infinity) e.schedule(e.now + path.timeout, E_WH_TIMEOUT, a, e.attempts.gen[a]!);
  e.markConsumerDirty(c.node);
}

export function runBuffered(e: Engine, c: ConsumerRt, a: number): void {
  const d = e.attempts.delivery[a]!;
  if (e.deliveries.attempt[e.deliveries.slot[d]!] === a) e.deliveries.state[d] = S_INFLIGHT;
  startAttempt(e, c, d, a, e.attempts.edge[a]!);
}

/** E_WH_TIMEOUT: a webhook attempt was not acked within `timeout` of its send. */
export function onWebhookTimeout(e: Engine, a: number, gen: number): void {
  if (e.attempts.gen[a] !== gen) return;
  const d = e.attempts.delivery[a]!;
  const dl = e.deliveries;
  if (dl.attempt[dl.slot[d]!] !== a) return;
  const path = e.paths[dl.path[dl.slot[d]!]!]!;
  e.attempts.expired[a] = 1;
  e.stats[path.broker]!.timeouts++;
  e.record(T.T_TIMEOUT, path.broker, -1, dl.msg[d]!, d, e.attempts.number[a]!);
  attemptFailed(e, d, path);
  maybeFree(e, a);
}

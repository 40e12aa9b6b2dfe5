/**
 * Attempts and the brokers' side of them: starting one, its end (failure rules, ack loss,
 * idempotency, ordering, emits), visibility timeouts, retry with backoff or the webhook schedule,
 * dead letters; a consumer going down or up. Queues and dispatch are in `queues.ts`; push paths
 * (the buffer in front of the slots, webhook timeouts) in `push.ts`; stream groups hand out in
 * `streams.ts` and end their attempts here; emits are sent by `emits.ts`.
 */
import type { Engine } from './engine';
import { deadLetter } from './settlement';
import { emitMessages } from './emits';
import { upTime } from './faults';
import { E_DONE, E_READY, E_VT } from './engine';
import { sample } from './distributions';
import { backoffDelay } from './backoff';
import {
  A_ABANDONED,
  A_BUFFERED,
  A_DONE,
  A_FREE,
  A_RUNNING,
  S_ACKED,
  S_DELAY,
  S_INFLIGHT,
} from './tables';
import * as T from './trace';
import { PATH_GROUP, PATH_PUSH, PATH_QUEUE, type ConsumerRt, type PathRt } from './runtime';
import { groupAdd, requeue } from './queues';
import { pushAttempt } from './push';
import { onGroupAck, onGroupExhausted, onGroupRetryReady, onMemberFault, abandonGroupAttempt } from './streams';

// ---------------------------------------------------------------- attempts

function addRunning(e: Engine, c: ConsumerRt, a: number): void {
  e.attempts.slot[a] = c.running.length;
  c.running.push(a);
}

function removeRunning(e: Engine, c: ConsumerRt, a: number): void {
  const i = e.attempts.slot[a]!;
  const last = c.running.pop()!;
  if (last !== a) {
    c.running[i] = last;
    e.attempts.slot[last] = i;
  }
}

/** Recycles an attempt row once it is neither running nor awaited by its broker. */
export function maybeFree(e: Engine, a: number): void {
  const at = e.attempts;
  const st = at.state[a]!;
  if (st === A_RUNNING || st === A_BUFFERED || st === A_FREE) return;
  const dl = e.deliveries;
  if (dl.attempt[dl.slot[at.delivery[a]!]!] === a) return;
  at.release(a);
}

/**
 * Hands delivery `d` to a slot of consumer `c` (queue or stream: the attempt starts now; push
 * attempts were created on arrival, `existing` ≥ 0). A hand-out over a consume or group edge with a
 * `latency` crosses it first (spec, "Edges": every edge's latency is transit time): processing
 * starts that much later, while the visibility timer runs from the hand-out, as an SQS receive's
 * network time counts against it. (A push edge's latency was crossed before the buffer.)
 */
export function startAttempt(e: Engine, c: ConsumerRt, d: number, existing: number, edge: number): number {
  const dl = e.deliveries;
  const at = e.attempts;
  const msg = dl.msg[d]!;
  let a = existing;
  let transit = 0;
  if (a < 0) {
    const edgeRng = e.edgeRng[edge];
    if (edgeRng) transit = sample(e.model.edges[edge]!.latency!, edgeRng);
    // The slot in a local: a store to any typed array may alias the slot column, so V8 would
    // reload it at every use.
    const s = dl.slot[d]!;
    const number = dl.attempts[s]! + 1;
    const total = dl.totalAttempts[s]! + 1;
    dl.attempts[s] = number;
    dl.totalAttempts[s] = total;
    a = at.add(d, c.node, e.now, number, edge);
    at.path[a] = dl.path[s]!;
    at.total[a] = total;
    dl.attempt[s] = a;
    dl.lastStart[s] = e.now;
    dl.lastConsumer[s] = c.node;
    dl.state[d] = S_INFLIGHT;
    c.stats.received++;
    e.record(T.T_DELIVER, c.node, edge, msg, d, number);
  }
  at.state[a] = A_RUNNING;
  c.busy++;
  addRunning(e, c, a);
  const path = e.paths[at.path[a]!]!;
  if (c.idempotent && path.processed.has(msg)) {
    if (transit > 0) {
      // Skipped on arrival, after the edge's latency (see onAttemptDone).
      at.skip[a] = 1;
      scheduleDone(e, path, a, transit);
      return a;
    }
    skipDuplicate(e, c, a, d, path);
    return a;
  }
  let pt = sample(c.processing, c.processingRng);
  const slow = e.slow[c.node]!;
  if (slow !== 1) pt *= slow;
  scheduleDone(e, path, a, transit + pt);
  return a;
}

/** A duplicate this path already processed: skipped, no processing time, acked. */
function skipDuplicate(e: Engine, c: ConsumerRt, a: number, d: number, path: PathRt): void {
  c.stats.duplicatesSkipped++;
  e.record(T.T_DUPLICATE, c.node, -1, e.deliveries.msg[d]!, d, e.attempts.number[a]!);
  finishAttempt(e, c, a);
  succeed(e, c, a, d, path, false);
  maybeFree(e, a);
}

/** The attempt's end `duration` from now, and (queues) its visibility timer if the ack could miss it. */
function scheduleDone(e: Engine, path: PathRt, a: number, duration: number): void {
  const at = e.attempts;
  const gen = at.gen[a]!;
  e.schedule(e.now + duration, E_DONE, a, gen);
  if (path.kind === PATH_QUEUE) {
    const vt = path.visibilityTimeout;
    // The visibility timer only matters if the ack cannot arrive in time: schedule it lazily.
    if (duration >= vt) {
      at.timerSet[a] = 1;
      e.schedule(at.start[a]! + vt, E_VT, a, gen);
    }
  }
}

/** Stops a running attempt without effect (stream partition revoked from a live member). */
export function abandonAttempt(e: Engine, a: number): void {
  const at = e.attempts;
  if (at.state[a] !== A_RUNNING) return;
  const c = e.consumers[at.consumer[a]!]!;
  at.state[a] = A_ABANDONED;
  c.busy--;
  removeRunning(e, c, a);
  c.stats.abandoned++;
  e.markConsumerDirty(c.node);
  maybeFree(e, a);
}

function finishAttempt(e: Engine, c: ConsumerRt, a: number): void {
  e.attempts.state[a] = A_DONE;
  c.busy--;
  removeRunning(e, c, a);
  e.markConsumerDirty(c.node);
}

/** Whether this attempt fails, per the consumer's `failure` (any listed condition). */
function fails(e: Engine, c: ConsumerRt, d: number, a: number): boolean {
  const f = c.failure;
  if (f === null) return false;
  const msg = e.deliveries.msg[d]!;
  if (f.firstAttempts > 0 && e.attempts.total[a]! <= f.firstAttempts) return true;
  if (f.types !== null && f.types.has(e.types[e.messages.type[msg]!]!)) return true;
  if (f.keys !== null) {
    const key = e.messages.keyOf(msg);
    if (key >= 0 && f.keys.has(e.strings[key]!)) return true;
  }
  return f.probability > 0 && c.failureRng.next() < f.probability;
}

/** E_DONE: an attempt's processing ends. */
export function onAttemptDone(e: Engine, a: number, gen: number): void {
  const at = e.attempts;
  if (at.gen[a] !== gen || at.state[a] !== A_RUNNING) return;
  const c = e.consumers[at.consumer[a]!]!;
  const d = at.delivery[a]!;
  if (at.skip[a]) {
    skipDuplicate(e, c, a, d, e.paths[at.path[a]!]!);
    return;
  }
  finishAttempt(e, c, a);
  const path = e.paths[at.path[a]!]!;
  const msg = e.deliveries.msg[d]!;
  if (fails(e, c, d, a)) {
    c.stats.failed++;
    e.record(T.T_NACK, c.node, at.edge[a]!, msg, d, at.number[a]!);
    if (e.deliveries.attempt[e.deliveries.slot[d]!] === a) attemptFailed(e, d, path);
    maybeFree(e, a);
    return;
  }
  succeed(e, c, a, d, path, true);
  maybeFree(e, a);
}

/** A successful processing (or a skipped duplicate, `processed` false): effects, then the ack. */
function succeed(e: Engine, c: ConsumerRt, a: number, d: number, path: PathRt, processed: boolean): void {
  const st = c.stats;
  const msgs = e.messages;
  const msg = e.deliveries.msg[d]!;
  if (processed) {
    st.processed++;
    if (path.processed.has(msg)) st.duplicatesProcessed++;
    else path.processed.add(msg);
    const key = e.anyKeyed ? msgs.keyOf(msg) : -1;
    if (key >= 0) {
      const pair = msgs.sender[msg]! * 4294967296 + key;
      const seq = msgs.seq[msg]!;
      const last = c.lastSeq.get(pair);
      if (last !== undefined && seq < last) st.outOfOrder++;
      else c.lastSeq.set(pair, seq);
    }
    if (c.isProjection) e.record(T.T_PROJECT, c.node, -1, msg, d, e.attempts.number[a]!);
    if (c.hasEmits) emitMessages(e, c.node, d, 'success');
  }
  const dl = e.deliveries; // read after the emits: sending them may have grown its columns
  const s = dl.slot[d]!;
  if (dl.attempt[s] !== a) return; // the broker gave up on this attempt: the ack is stale
  if (path.kind !== PATH_GROUP && processed) {
    const loss = c.ackLoss;
    if (loss > 0 && c.ackRng.next() < loss) {
      ackLost(e, a, d, path);
      return;
    }
  }
  dl.attempt[s] = -1;
  st.acked++;
  st.latency.push(e.now - msgs.created[msg]!);
  e.terminate(d, S_ACKED);
  e.record(T.T_ACK, c.node, -1, msg, d, e.attempts.number[a]!);
  if (path.kind === PATH_QUEUE) {
    const q = e.queues[path.owner]!;
    if (q.groupBusy) {
      groupAdd(q, msgs.keyOf(msg), -1);
      e.markQueueDirty(q);
    }
  } else if (path.kind === PATH_GROUP) onGroupAck(e, path, d);
}

function ackLost(e: Engine, a: number, d: number, path: PathRt): void {
  if (path.kind === PATH_QUEUE) {
    // Redelivered when the visibility timeout expires.
    if (!e.attempts.timerSet[a]) {
      e.attempts.timerSet[a] = 1;
      const vt = e.model.nodes[path.broker]!.visibilityTimeout;
      e.schedule(Math.max(e.now, e.attempts.start[a]! + vt), E_VT, a, e.attempts.gen[a]!);
    }
  } else if (path.timeout === Infinity) {
    // A topic push without an ack is a failed push attempt.
    e.deliveries.attempt[e.deliveries.slot[d]!] = -1;
    attemptFailed(e, d, path);
  }
  // A webhook attempt fails at send + timeout (already scheduled).
}

/** The broker learns an attempt failed: retry after the backoff, or dead-letter when spent. */
export function attemptFailed(e: Engine, d: number, path: PathRt): void {
  const dl = e.deliveries;
  dl.attempt[dl.slot[d]!] = -1;
  const broker = path.broker;
  if (path.kind === PATH_QUEUE) {
    const node = e.model.nodes[broker]!;
    if (node.unlimitedRetry) {
      // SQS without a redrive policy: visible again when the visibility timeout of this receive ends.
      const start = dl.lastStart[dl.slot[d]!]!;
      const readyAt = Math.max(e.now, start + node.visibilityTimeout);
      e.stats[broker]!.retried++;
      scheduleRetry(e, d, readyAt - e.now, broker);
      return;
    }
  }
  if (dl.attempts[dl.slot[d]!]! >= path.retry.maxAttempts) {
    if (path.kind === PATH_QUEUE) {
      const q = e.queues[path.owner]!;
      if (q.groupBusy) {
        groupAdd(q, e.messages.keyOf(dl.msg[d]!), -1);
        e.markQueueDirty(q);
      }
    }
    if (path.kind === PATH_GROUP) onGroupExhausted(e, path, d);
    else deadLetter(e, broker, d);
    return;
  }
  let delay: number;
  const n = dl.attempts[dl.slot[d]!]!;
  if (path.schedule !== null) delay = path.schedule[n - 1] ?? 0;
  else if (path.retry.backoff !== null) {
    const prev = dl.prevDelay[dl.slot[d]!]! > 0 ? dl.prevDelay[dl.slot[d]!]! : path.retry.backoff.initial;
    delay = backoffDelay(path.retry.backoff, n, prev, path.backoffRng);
    dl.prevDelay[dl.slot[d]!] = delay;
  } else delay = 0;
  e.stats[broker]!.retried++;
  scheduleRetry(e, d, delay, broker);
}

function scheduleRetry(e: Engine, d: number, delay: number, broker: number): void {
  const dl = e.deliveries;
  dl.state[d] = S_DELAY;
  e.lastChange = e.now;
  e.recordValue(T.T_RETRY, broker, dl.msg[d]!, d, dl.attempts[dl.slot[d]!]! + 1, delay);
  e.schedule(e.now + delay, E_READY, d, 0);
}

/** E_READY: a retry delay is over. */
export function handleRetryReady(e: Engine, d: number): void {
  const dl = e.deliveries;
  if (dl.state[d] !== S_DELAY) return;
  const path = e.paths[dl.path[dl.slot[d]!]!]!;
  if (e.down[path.broker]) {
    // A broker that is down hands nothing out; its timers run, the hand-out waits for it.
    const up = upTime(e, path.broker);
    if (up < Infinity) e.schedule(up, E_READY, d, 0);
    return;
  }
  e.lastChange = e.now;
  if (path.kind === PATH_QUEUE) requeue(e, e.queues[path.owner]!, d);
  else if (path.kind === PATH_PUSH) pushAttempt(e, d, path.index, path.edge);
  else onGroupRetryReady(e, path, d);
}

/** E_VT: a queue attempt's visibility timeout expires. */
export function onVisibilityTimeout(e: Engine, a: number, gen: number): void {
  if (e.attempts.gen[a] !== gen) return;
  const d = e.attempts.delivery[a]!;
  const dl = e.deliveries;
  if (dl.attempt[dl.slot[d]!] !== a) return;
  visibilityExpired(e, a, d);
  maybeFree(e, a);
}

function visibilityExpired(e: Engine, a: number, d: number): void {
  const dl = e.deliveries;
  const path = e.paths[dl.path[dl.slot[d]!]!]!;
  e.attempts.expired[a] = 1;
  dl.attempt[dl.slot[d]!] = -1;
  e.stats[path.broker]!.timeouts++;
  e.lastChange = e.now;
  e.record(T.T_TIMEOUT, path.broker, -1, dl.msg[d]!, d, e.attempts.number[a]!);
  const q = e.queues[path.owner]!;
  if (dl.attempts[dl.slot[d]!]! >= path.retry.maxAttempts) {
    if (q.groupBusy) {
      groupAdd(q, e.messages.keyOf(dl.msg[d]!), -1);
      e.markQueueDirty(q);
    }
    deadLetter(e, path.broker, d);
    return;
  }
  e.stats[path.broker]!.retried++;
  e.recordValue(T.T_RETRY, path.broker, dl.msg[d]!, d, dl.attempts[dl.slot[d]!]! + 1, 0);
  dl.state[d] = S_DELAY;
  requeue(e, q, d);
}


// ---------------------------------------------------------------- faults on consumers

/** A consumer goes down (work abandoned, buffered pushes fail) or comes back. */
export function onFaultConsumer(e: Engine, node: number, down: boolean): void {
  const c = e.consumers[node]!;
  if (!down) {
    c.downSince = -1;
    onMemberFault(e, c, false);
    e.markConsumerDirty(node);
    for (const qi of c.queues) e.markQueueDirty(e.queues[qi]!);
    return;
  }
  c.downSince = e.now;
  const st = e.stats[node]!;
  const at = e.attempts;
  const dl = e.deliveries;
  const running = c.running.slice();
  for (const a of running) {
    at.state[a] = A_ABANDONED;
    c.busy--;
    removeRunning(e, c, a);
    st.abandoned++;
    const d = at.delivery[a]!;
    if (dl.attempt[dl.slot[d]!] !== a) continue;
    const path = e.paths[dl.path[dl.slot[d]!]!]!;
    if (path.kind === PATH_QUEUE) {
      if (!at.timerSet[a]) {
        at.timerSet[a] = 1;
        const vt = e.model.nodes[path.broker]!.visibilityTimeout;
        e.schedule(Math.max(e.now, at.start[a]! + vt), E_VT, a, at.gen[a]!);
      }
    } else if (path.kind === PATH_PUSH) attemptFailed(e, d, path);
    else abandonGroupAttempt(e, path, d);
    maybeFree(e, a);
  }
  while (c.buffer.length > 0) {
    const a = c.buffer.shift();
    at.state[a] = A_DONE;
    st.failed++;
    const d = at.delivery[a]!;
    e.record(T.T_NACK, node, at.edge[a]!, dl.msg[d]!, d, at.number[a]!);
    if (dl.attempt[dl.slot[d]!] === a) attemptFailed(e, d, e.paths[dl.path[dl.slot[d]!]!]!);
    maybeFree(e, a);
  }
  onMemberFault(e, c, true);
}

/**
 * Consumers and the brokers' side of an attempt: queues (enqueue, competing consumers, FIFO groups,
 * visibility timeout, retry, dead letter, capacity), push paths (topic subscriptions, webhook
 * endpoints, event-store subscriptions: buffer in front of the slots, failure on down, webhook
 * timeout and schedule), and the end of every attempt (failure rules, ack loss, idempotency, emits,
 * ordering). Stream groups hand out through `streams.ts` but end their attempts here too.
 */
import type { Engine } from './engine';
import { upTime } from './faults';
import { trackStale } from './projections';
import { E_DONE, E_READY, E_VT, E_WH_TIMEOUT } from './engine';
import { sample } from './distributions';
import { backoffDelay } from './backoff';
import {
  A_ABANDONED,
  A_BUFFERED,
  A_DONE,
  A_FREE,
  A_RUNNING,
  S_ACKED,
  S_BUFFERED,
  S_DELAY,
  S_DISCARDED,
  S_INFLIGHT,
  S_READY,
  S_REJECTED,
} from './tables';
import * as T from './trace';
import { PATH_GROUP, PATH_PUSH, PATH_QUEUE, type ConsumerRt, type PathRt, type QueueRt } from './runtime';
import { fillFromGroups, onGroupAck, onGroupExhausted, onGroupRetryReady, onMemberFault, abandonGroupAttempt } from './streams';

// ---------------------------------------------------------------- queues

/** A delivery arrives at a queue (or is put back by redrive). */
export function enqueue(e: Engine, q: QueueRt, d: number, edge: number): void {
  const node = e.model.nodes[q.node]!;
  const dl = e.deliveries;
  const msg = dl.msg[d]!;
  if (q.ready.length >= node.capacity) {
    if (node.overflow === 'reject') {
      e.stats[q.node]!.rejected++;
      e.terminate(d, S_REJECTED);
      e.trace.push(e.now, T.T_REJECT, q.node, edge, msg, d, 0);
      return;
    }
    e.touchQueue(q);
    // The oldest ready message leaves without being handed out (FIFO groups stay as they were).
    const oldest = q.ready.shift();
    e.deadLetter(q.node, oldest);
  }
  e.touchQueue(q);
  dl.state[d] = S_READY;
  dl.node[dl.slot[d]!] = q.node;
  dl.path[dl.slot[d]!] = q.path;
  dl.enqueuedAt[dl.slot[d]!] = e.now;
  if (q.retention !== null) {
    // Drop settled entries at the head as we go, so the list holds about the live messages only.
    const list = q.retention;
    while (list.length > 0 && dl.state[list.at(0)]! >= S_ACKED) list.shift();
    list.push(d);
    if (!q.retentionTimer) e.armRetention(q, e.now + node.retention);
  }
  dl.order[dl.slot[d]!] = q.nextOrder++;
  q.ready.push(d);
  e.trace.push(e.now, T.T_ENQUEUE, q.node, edge, msg, d, 0);
  const proj = e.paths[q.path]!.projection;
  if (proj >= 0) trackStale(e, d, proj);
  e.markQueueDirty(q);
}

function takeReadyAt(q: QueueRt, i: number, e: Engine): number {
  const d = i === 0 ? q.ready.shift() : q.ready.removeAt(i);
  if (q.groupBusy) groupAdd(q, e.messages.keyOf(e.deliveries.msg[d]!), 1);
  return d;
}

function groupAdd(q: QueueRt, key: number, delta: number): void {
  const busy = q.groupBusy!;
  const n = (busy.get(key) ?? 0) + delta;
  if (n <= 0) busy.delete(key);
  else busy.set(key, n);
}

/** A retried or timed-out delivery becomes ready again: at the tail, or (FIFO) at the head of its group. */
function requeue(e: Engine, q: QueueRt, d: number): void {
  const dl = e.deliveries;
  const node = e.model.nodes[q.node]!;
  if (node.unlimitedRetry && e.now - dl.enqueuedAt[dl.slot[d]!]! >= node.retention) {
    if (q.groupBusy) groupAdd(q, e.messages.keyOf(dl.msg[d]!), -1);
    e.stats[q.node]!.discarded++;
    e.terminate(d, S_DISCARDED);
    e.trace.push(e.now, T.T_DISCARD, q.node, -1, dl.msg[d]!, d, dl.attempts[dl.slot[d]!]!);
    return;
  }
  e.touchQueue(q);
  dl.state[d] = S_READY;
  if (q.groupBusy) {
    groupAdd(q, e.messages.keyOf(dl.msg[d]!), -1);
    // Keep enqueue order: the retried message goes before later messages of its group.
    const order = dl.order[dl.slot[d]!]!;
    let i = q.ready.length;
    while (i > 0 && dl.order[dl.slot[q.ready.at(i - 1)]!]! > order) i--;
    q.ready.insertAt(i, d);
  } else q.ready.push(d);
  e.markQueueDirty(q);
}

/** Retention ended for `d` (ready, waiting out a delay, or in flight): it is discarded. */
export function discardExpired(e: Engine, q: QueueRt, d: number): void {
  const dl = e.deliveries;
  const st = dl.state[d]!;
  if (st === S_READY) {
    for (let i = 0; i < q.ready.length; i++) {
      if (q.ready.at(i) === d) {
        e.touchQueue(q);
        q.ready.removeAt(i);
        break;
      }
    }
  } else if (q.groupBusy) groupAdd(q, e.messages.keyOf(dl.msg[d]!), -1);
  dl.attempt[dl.slot[d]!] = -1; // an attempt still running can no longer ack
  e.stats[q.node]!.discarded++;
  e.trace.push(e.now, T.T_DISCARD, q.node, -1, dl.msg[d]!, d, dl.attempts[dl.slot[d]!]!);
  e.terminate(d, S_DISCARDED);
  e.markQueueDirty(q);
}

/** Index of the next handable ready delivery of `q`, or −1. */
function nextReady(e: Engine, q: QueueRt): number {
  if (q.ready.length === 0) return -1;
  const busy = q.groupBusy;
  if (!busy) return 0;
  // FIFO: the first ready message whose group has nothing in flight or waiting. Ready is kept in
  // enqueue order, so that message is the head of its group.
  for (let i = 0; i < q.ready.length; i++) {
    if (!busy.has(e.messages.keyOf(e.deliveries.msg[q.ready.at(i)]!))) return i;
  }
  return -1;
}

/** Hands ready messages of `q` to free slots of its consumers, round-robin. */
function drainQueue(e: Engine, q: QueueRt): void {
  if (e.down[q.node] || q.consumers.length === 0) return;
  const cs = q.consumers;
  let idle = 0;
  while (idle < cs.length) {
    const i = nextReady(e, q);
    if (i < 0) return;
    const k = q.rr % cs.length;
    const c = e.consumers[cs[k]!]!;
    q.rr++;
    if (c.busy >= c.concurrency || e.down[c.node]) {
      idle++;
      continue;
    }
    idle = 0;
    e.touchQueue(q);
    const d = takeReadyAt(q, i, e);
    startAttempt(e, c, d, -1, q.consumeEdges[k]!);
  }
}

/** Fills the free slots of a consumer from its push buffer, stream partitions and queues. */
function fillConsumer(e: Engine, c: ConsumerRt): void {
  if (e.down[c.node]) return;
  while (c.busy < c.concurrency && c.buffer.length > 0) runBuffered(e, c, c.buffer.shift());
  if (c.busy < c.concurrency && c.groups.length > 0) fillFromGroups(e, c);
  const qs = c.queues;
  let idle = 0;
  while (c.busy < c.concurrency && idle < qs.length) {
    const k = c.rrQueue % qs.length;
    const q = e.queues[qs[k]!]!;
    c.rrQueue++;
    const i = e.down[q.node] ? -1 : nextReady(e, q);
    if (i < 0) {
      idle++;
      continue;
    }
    idle = 0;
    e.touchQueue(q);
    startAttempt(e, c, takeReadyAt(q, i, e), -1, c.queueEdges[k]!);
  }
}

/**
 * End of an instant: every state change at this time is applied; now hand messages to free slots
 * (which may schedule more events at this same time), then record each touched queue's depth.
 */
export function settle(e: Engine): void {
  while (e.dirtyConsumers.length > 0 || e.dirtyQueues.length > 0) {
    while (e.dirtyConsumers.length > 0) {
      const c = e.consumers[e.dirtyConsumers.shift()]!;
      c.dirty = false;
      fillConsumer(e, c);
    }
    while (e.dirtyQueues.length > 0) {
      const q = e.queues[e.dirtyQueues.shift()]!;
      q.dirty = false;
      drainQueue(e, q);
    }
  }
  const touched = e.touchedQueues;
  for (let i = 0; i < e.touchedCount; i++) {
    const q = e.queues[touched[i]!]!;
    q.touched = false;
    if (q.ready.length > q.maxDepth) q.maxDepth = q.ready.length;
  }
  e.touchedCount = 0;
}

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
 * attempts were created on arrival, `existing` ≥ 0).
 */
export function startAttempt(e: Engine, c: ConsumerRt, d: number, existing: number, edge: number): number {
  const dl = e.deliveries;
  const at = e.attempts;
  const msg = dl.msg[d]!;
  let a = existing;
  if (a < 0) {
    dl.attempts[dl.slot[d]!]!++;
    dl.totalAttempts[dl.slot[d]!]!++;
    a = at.add(d, c.node, e.now, dl.attempts[dl.slot[d]!]!, edge);
    at.path[a] = dl.path[dl.slot[d]!]!;
    at.total[a] = dl.totalAttempts[dl.slot[d]!]!;
    dl.attempt[dl.slot[d]!] = a;
    dl.lastStart[dl.slot[d]!] = e.now;
    dl.lastConsumer[dl.slot[d]!] = c.node;
    dl.state[d] = S_INFLIGHT;
    e.stats[c.node]!.received++;
    e.trace.push(e.now, T.T_DELIVER, c.node, edge, msg, d, dl.attempts[dl.slot[d]!]!);
  }
  at.state[a] = A_RUNNING;
  c.busy++;
  addRunning(e, c, a);
  const node = e.model.nodes[c.node]!;
  const path = e.paths[at.path[a]!]!;
  if (node.idempotent && path.processed.has(msg)) {
    // A duplicate this path already processed: skipped, no processing time, acked.
    e.stats[c.node]!.duplicatesSkipped++;
    e.trace.push(e.now, T.T_DUPLICATE, c.node, -1, msg, d, at.number[a]!);
    finishAttempt(e, c, a);
    succeed(e, c, a, d, path, false);
    maybeFree(e, a);
    return a;
  }
  let pt = sample(node.processing, c.processingRng);
  const slow = e.slow[c.node]!;
  if (slow !== 1) pt *= slow;
  const gen = at.gen[a]!;
  e.schedule(e.now + pt, E_DONE, a, gen);
  if (path.kind === PATH_QUEUE) {
    const vt = e.model.nodes[path.broker]!.visibilityTimeout;
    // The visibility timer only matters if the ack cannot arrive in time: schedule it lazily.
    if (pt >= vt) {
      at.timerSet[a] = 1;
      e.schedule(at.start[a]! + vt, E_VT, a, gen);
    }
  }
  return a;
}

/** Stops a running attempt without effect (stream partition revoked from a live member). */
export function abandonAttempt(e: Engine, a: number): void {
  const at = e.attempts;
  if (at.state[a] !== A_RUNNING) return;
  const c = e.consumers[at.consumer[a]!]!;
  at.state[a] = A_ABANDONED;
  c.busy--;
  removeRunning(e, c, a);
  e.stats[c.node]!.abandoned++;
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
  const f = e.model.nodes[c.node]!.failure;
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
  finishAttempt(e, c, a);
  const path = e.paths[at.path[a]!]!;
  const msg = e.deliveries.msg[d]!;
  if (fails(e, c, d, a)) {
    e.stats[c.node]!.failed++;
    e.trace.push(e.now, T.T_NACK, c.node, at.edge[a]!, msg, d, at.number[a]!);
    if (e.deliveries.attempt[e.deliveries.slot[d]!] === a) attemptFailed(e, d, path);
    maybeFree(e, a);
    return;
  }
  succeed(e, c, a, d, path, true);
  maybeFree(e, a);
}

/** A successful processing (or a skipped duplicate, `processed` false): effects, then the ack. */
function succeed(e: Engine, c: ConsumerRt, a: number, d: number, path: PathRt, processed: boolean): void {
  const st = e.stats[c.node]!;
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
    if (c.isProjection) e.trace.push(e.now, T.T_PROJECT, c.node, -1, msg, d, e.attempts.number[a]!);
    if (e.model.nodes[c.node]!.emits.length > 0) emitMessages(e, c.node, d, 'success');
  }
  if (e.deliveries.attempt[e.deliveries.slot[d]!] !== a) return; // the broker gave up on this attempt: the ack is stale
  if (path.kind !== PATH_GROUP && processed) {
    const loss = e.model.nodes[c.node]!.ackLoss;
    if (loss > 0 && c.ackRng.next() < loss) {
      ackLost(e, a, d, path);
      return;
    }
  }
  e.deliveries.attempt[e.deliveries.slot[d]!] = -1;
  st.acked++;
  st.latency.push(e.now - msgs.created[msg]!);
  e.terminate(d, S_ACKED);
  e.trace.push(e.now, T.T_ACK, c.node, -1, msg, d, e.attempts.number[a]!);
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
    else e.deadLetter(broker, d);
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
  e.trace.pushValue(e.now, T.T_RETRY, broker, dl.msg[d]!, d, dl.attempts[dl.slot[d]!]! + 1, delay);
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
  e.trace.push(e.now, T.T_TIMEOUT, path.broker, -1, dl.msg[d]!, d, e.attempts.number[a]!);
  const q = e.queues[path.owner]!;
  if (dl.attempts[dl.slot[d]!]! >= path.retry.maxAttempts) {
    if (q.groupBusy) {
      groupAdd(q, e.messages.keyOf(dl.msg[d]!), -1);
      e.markQueueDirty(q);
    }
    e.deadLetter(path.broker, d);
    return;
  }
  e.stats[path.broker]!.retried++;
  e.trace.pushValue(e.now, T.T_RETRY, path.broker, dl.msg[d]!, d, dl.attempts[dl.slot[d]!]! + 1, 0);
  dl.state[d] = S_DELAY;
  requeue(e, q, d);
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
  e.trace.push(e.now, T.T_TIMEOUT, path.broker, -1, dl.msg[d]!, d, e.attempts.number[a]!);
  attemptFailed(e, d, path);
  maybeFree(e, a);
}

// ---------------------------------------------------------------- push paths

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
  dl.lastConsumer[dl.slot[d]!] = c.node;
  if (path.projection >= 0) trackStale(e, d, path.projection);
  e.stats[c.node]!.received++;
  e.trace.push(e.now, T.T_DELIVER, c.node, edge, msg, d, dl.attempts[dl.slot[d]!]!);
  if (e.down[c.node]) {
    e.attempts.state[a] = A_DONE;
    e.stats[c.node]!.failed++;
    e.trace.push(e.now, T.T_NACK, c.node, edge, msg, d, dl.attempts[dl.slot[d]!]!);
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

function runBuffered(e: Engine, c: ConsumerRt, a: number): void {
  const d = e.attempts.delivery[a]!;
  if (e.deliveries.attempt[e.deliveries.slot[d]!] === a) e.deliveries.state[d] = S_INFLIGHT;
  startAttempt(e, c, d, a, e.attempts.edge[a]!);
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
    e.trace.push(e.now, T.T_NACK, node, at.edge[a]!, dl.msg[d]!, d, at.number[a]!);
    if (dl.attempt[dl.slot[d]!] === a) attemptFailed(e, d, e.paths[dl.path[dl.slot[d]!]!]!);
    maybeFree(e, a);
  }
  onMemberFault(e, c, true);
}

// ---------------------------------------------------------------- emits

/** Sends the consumer's emits for `on` (each with its probability), caused by delivery `d`. */
export function emitMessages(e: Engine, node: number, d: number, on: 'success' | 'dead-letter'): void {
  const c = e.consumers[node]!;
  const spec = e.model.nodes[node]!;
  const cause = e.deliveries.msg[d]!;
  for (let i = 0; i < spec.emits.length; i++) {
    const em = spec.emits[i]!;
    if (em.on !== on) continue;
    if (em.probability < 1 && !(c.emitRng.next() < em.probability)) continue;
    let key = e.messages.keyOf(cause);
    if (em.key !== null) key = e.intern(em.key);
    else if (em.keys > 0) key = e.intern(`k${c.emitRng.nextInt(em.keys)}`);
    const counter = e.emitCounters[node]!;
    const cycle = counter[i] ?? 0;
    counter[i] = cycle + 1;
    const rk = e.intern(em.routingKeys[cycle % em.routingKeys.length]!);
    const msg = e.createMessage(e.internType(em.type), key, rk, cause, node, em.category === 'command' ? 1 : 0);
    e.stats[node]!.emitted++;
    e.trace.push(e.now, T.T_EMIT, node, -1, msg, d, 0);
    e.sendFrom(node, msg, d);
  }
}

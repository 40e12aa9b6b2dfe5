/**
 * Queues and hand-out (spec, "Consumer behaviour", "Retry and visibility"): enqueue with `capacity`
 * and `overflow`, ready order (FIFO: the message group is the key; a group with a message in flight
 * or waiting out a retry delay hands out nothing, and a retried message keeps its place at the head
 * of its group), SQS retention for queues without `retry`, and `settle` — at the end of every
 * instant, free consumer slots take from push buffers, stream partitions and queues (round-robin over
 * competing consumers); `maxDepth` takes each instant's final depth (`maxDepthOf`).
 */
import type { Engine } from './engine';
import { deadLetter } from './settlement';
import { trackStale } from './projections';
import { S_ACKED, S_DISCARDED, S_READY, S_REJECTED } from './tables';
import * as T from './trace';
import type { ConsumerRt, QueueRt } from './runtime';
import { startAttempt } from './consumers';
import { runBuffered } from './push';
import { fillFromGroups } from './streams';

/** A delivery arrives at a queue (or is put back by redrive). */
export function enqueue(e: Engine, q: QueueRt, d: number, edge: number): void {
  const dl = e.deliveries;
  const msg = dl.msg[d]!;
  if (q.ready.length >= q.capacity) {
    if (e.model.nodes[q.node]!.overflow === 'reject') {
      q.stats.rejected++;
      e.terminate(d, S_REJECTED);
      e.record(T.T_REJECT, q.node, edge, msg, d, 0);
      return;
    }
    e.touchQueue(q);
    // The oldest ready message leaves without being handed out (FIFO groups stay as they were).
    const oldest = q.ready.shift();
    deadLetter(e, q.node, oldest);
  }
  e.touchQueue(q);
  dl.state[d] = S_READY;
  const s = dl.slot[d]!;
  dl.node[s] = q.node;
  dl.path[s] = q.path;
  dl.enqueuedAt[s] = e.now;
  if (q.retention !== null) {
    const list = q.retention;
    // Settled entries at the head are dropped now and then (the list stays within about twice the
    // live messages); retention itself skips them.
    if (list.length >= q.retentionPruneAt) {
      while (list.length > 0 && dl.state[list.at(0)]! >= S_ACKED) list.shift();
      q.retentionPruneAt = Math.max(64, list.length * 2);
    }
    list.push(d);
    if (!q.retentionTimer) e.armRetention(q, e.now + e.model.nodes[q.node]!.retention);
  }
  dl.order[s] = q.nextOrder++;
  q.ready.push(d);
  e.record(T.T_ENQUEUE, q.node, edge, msg, d, 0);
  const proj = e.paths[q.path]!.projection;
  if (proj >= 0) trackStale(e, d, proj);
  // Only a consumer with a free slot can take it now; a busy one pulls when its slot frees.
  if (hasFreeSlot(e, q)) e.markQueueDirty(q);
}

function hasFreeSlot(e: Engine, q: QueueRt): boolean {
  const cs = q.consumers;
  for (let i = 0; i < cs.length; i++) {
    const c = e.consumers[cs[i]!]!;
    if (c.busy < c.concurrency) return true;
  }
  return false;
}

export function takeReadyAt(q: QueueRt, i: number, e: Engine): number {
  const d = i === 0 ? q.ready.shift() : q.ready.removeAt(i);
  if (q.groupBusy) groupAdd(q, e.messages.keyOf(e.deliveries.msg[d]!), 1);
  return d;
}

export function groupAdd(q: QueueRt, key: number, delta: number): void {
  const busy = q.groupBusy!;
  const n = (busy.get(key) ?? 0) + delta;
  if (n <= 0) busy.delete(key);
  else busy.set(key, n);
}

/** A retried or timed-out delivery becomes ready again: at the tail, or (FIFO) at the head of its group. */
export function requeue(e: Engine, q: QueueRt, d: number): void {
  const dl = e.deliveries;
  const node = e.model.nodes[q.node]!;
  if (node.unlimitedRetry && e.now - dl.enqueuedAt[dl.slot[d]!]! >= node.retention) {
    if (q.groupBusy) groupAdd(q, e.messages.keyOf(dl.msg[d]!), -1);
    q.stats.discarded++;
    e.terminate(d, S_DISCARDED);
    e.record(T.T_DISCARD, q.node, -1, dl.msg[d]!, d, dl.attempts[dl.slot[d]!]!);
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
  q.stats.discarded++;
  e.record(T.T_DISCARD, q.node, -1, dl.msg[d]!, d, dl.attempts[dl.slot[d]!]!);
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
 * (which may schedule more events at this same time).
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
}

/**
 * The queue's `maxDepth`: the largest depth once each instant is fully processed (spec). Depths of
 * earlier instants are taken by `touchQueue`; the current depth counts once its instant is over —
 * the queue last changed at an earlier instant, or no event is left at this one.
 */
export function maxDepthOf(e: Engine, q: QueueRt): number {
  const over = q.lastT < e.now || e.heap.headTime > e.now;
  return over && q.ready.length > q.maxDepth ? q.ready.length : q.maxDepth;
}

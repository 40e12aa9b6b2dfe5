/**
 * Growable typed-array containers the engine keeps its state in: an integer ring-buffer deque (ready
 * queues, push buffers), a growable bitset (per-path "already processed" message ids) and a growable
 * sample list (latencies). Integer ids everywhere keep the hot path free of per-event objects.
 */

/** FIFO of int32 values with O(1) push, shift and random access; grows by doubling. */
export class IntDeque {
  private buf: Int32Array;
  private head = 0;
  length = 0;

  constructor(capacity = 16) {
    this.buf = new Int32Array(capacity);
  }

  push(v: number): void {
    if (this.length === this.buf.length) this.grow();
    this.buf[(this.head + this.length) & (this.buf.length - 1)] = v;
    this.length++;
  }

  /** Adds at the front (a retried FIFO message keeps its place at the head). */
  unshift(v: number): void {
    if (this.length === this.buf.length) this.grow();
    this.head = (this.head - 1) & (this.buf.length - 1);
    this.buf[this.head] = v;
    this.length++;
  }

  shift(): number {
    const v = this.buf[this.head]!;
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.length--;
    return v;
  }

  at(i: number): number {
    return this.buf[(this.head + i) & (this.buf.length - 1)]!;
  }

  /** Removes the element at position i (O(n); used by FIFO queues to take a non-head message). */
  removeAt(i: number): number {
    const v = this.at(i);
    const mask = this.buf.length - 1;
    for (let j = i; j < this.length - 1; j++) this.buf[(this.head + j) & mask] = this.buf[(this.head + j + 1) & mask]!;
    this.length--;
    return v;
  }

  /** Inserts at position i (O(n)). */
  insertAt(i: number, v: number): void {
    this.push(v);
    const mask = this.buf.length - 1;
    for (let j = this.length - 1; j > i; j--) this.buf[(this.head + j) & mask] = this.buf[(this.head + j - 1) & mask]!;
    this.buf[(this.head + i) & mask] = v;
  }

  toArray(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.at(i));
    return out;
  }

  private grow(): void {
    // Capacity stays a power of two so `& (length − 1)` wraps.
    let cap = this.buf.length * 2;
    if (cap === 0) cap = 16;
    const next = new Int32Array(cap);
    for (let i = 0; i < this.length; i++) next[i] = this.at(i);
    this.buf = next;
    this.head = 0;
  }
}

/** A set of non-negative integers as a growable bitset. */
export class Bitset {
  private words = new Uint32Array(64);

  has(i: number): boolean {
    const w = i >>> 5;
    return w < this.words.length && (this.words[w]! & (1 << (i & 31))) !== 0;
  }

  add(i: number): void {
    const w = i >>> 5;
    if (w >= this.words.length) {
      let n = this.words.length * 2;
      while (n <= w) n *= 2;
      const next = new Uint32Array(n);
      next.set(this.words);
      this.words = next;
    }
    this.words[w] = this.words[w]! | (1 << (i & 31));
  }
}

/** Float64 samples appended in the hot path; summarised once at the end. */
export class SampleList {
  values = new Float64Array(64);
  length = 0;

  push(v: number): void {
    if (this.length === this.values.length) {
      const next = new Float64Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.length++] = v;
  }

  /** The samples, sorted ascending (a copy). */
  sorted(): Float64Array {
    return this.values.slice(0, this.length).sort();
  }
}

/** Summary with nearest-rank percentiles: rank ⌈q·n⌉ of the sorted samples (spec, "Latency"). */
export interface LatencySummary {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** The nearest-rank q-quantile of ascending samples (n ≥ 1). */
export function nearestRank(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  const rank = Math.max(1, Math.ceil(q * n));
  return sorted[Math.min(n, rank) - 1]!;
}

export function summarize(samples: SampleList): LatencySummary | null {
  if (samples.length === 0) return null;
  const s = samples.sorted();
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += s[i]!;
  return {
    mean: sum / s.length,
    p50: nearestRank(s, 0.5),
    p95: nearestRank(s, 0.95),
    p99: nearestRank(s, 0.99),
    max: s[s.length - 1]!,
  };
}

function growF64(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
function growI32(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
function growU8(a: Uint8Array<ArrayBuffer>, n: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}

/**
 * Messages: one row per message id. `type`/`key`/`routingKey` are indices into the engine's string
 * table; key −1 means unkeyed; `cause` is the causing message id or −1.
 */
export class MessageTable {
  count = 0;
  type = new Int32Array(1024);
  key = new Int32Array(1024);
  routingKey = new Int32Array(1024);
  created = new Float64Array(1024);
  cause = new Int32Array(1024);
  sender = new Int32Array(1024);
  /** Per (sender, key) sequence number, for `outOfOrder`. */
  seq = new Int32Array(1024);
  /** Interned (sender, key) pair, or −1 for unkeyed. */
  senderKey = new Int32Array(1024);
  category = new Uint8Array(1024);

  add(type: number, key: number, routingKey: number, created: number, cause: number, sender: number, category: number): number {
    const id = this.count++;
    if (id === this.type.length) {
      const n = id * 2;
      this.type = growI32(this.type, n);
      this.key = growI32(this.key, n);
      this.routingKey = growI32(this.routingKey, n);
      this.created = growF64(this.created, n);
      this.cause = growI32(this.cause, n);
      this.sender = growI32(this.sender, n);
      this.seq = growI32(this.seq, n);
      this.senderKey = growI32(this.senderKey, n);
      this.category = growU8(this.category, n);
    }
    this.type[id] = type;
    this.key[id] = key;
    this.routingKey[id] = routingKey;
    this.created[id] = created;
    this.cause[id] = cause;
    this.sender[id] = sender;
    this.category[id] = category;
    return id;
  }
}

/** Delivery states. Non-terminal first; `isTerminal(s)` is `s >= S_ACKED`. */
export const S_TRANSIT = 0;
export const S_READY = 1;
export const S_INFLIGHT = 2;
export const S_DELAY = 3;
export const S_BUFFERED = 4;
export const S_LOG = 5;
export const S_ACKED = 10;
export const S_DEADLETTERED = 11;
export const S_DISCARDED = 12;
export const S_UNROUTABLE = 13;
export const S_REJECTED = 14;

/** Deliveries: one row per copy of a message on one path. */
export class DeliveryTable {
  count = 0;
  msg = new Int32Array(1024);
  state = new Uint8Array(1024);
  /** Node where it is now (queue, stream, consumer for push, deadletter) or last was. */
  node = new Int32Array(1024);
  /** The path it is on (queue, push edge, stream group), −1 before one is known. */
  path = new Int32Array(1024);
  /** Attempts in the current budget (reset by redrive). */
  attempts = new Int32Array(1024);
  /** Attempts over the delivery's life (failure.firstAttempts counts these). */
  totalAttempts = new Int32Array(1024);
  created = new Float64Array(1024);
  enqueuedAt = new Float64Array(1024);
  /** Previous backoff delay (decorrelated jitter). */
  prevDelay = new Float64Array(1024);
  /** Node that dead-lettered it (redrive target), −1. */
  origin = new Int32Array(1024);
  /** Consumer that ran the last attempt, −1. */
  lastConsumer = new Int32Array(1024);
  /** The live attempt (in flight, not yet timed out), −1. */
  attempt = new Int32Array(1024);
  /** Queue FIFO: enqueue sequence; stream: partition. */
  order = new Int32Array(1024);
  /** The most recent attempt, −1. */
  lastAttempt = new Int32Array(1024);

  add(msg: number, created: number): number {
    const id = this.count++;
    if (id === this.msg.length) {
      const n = id * 2;
      this.msg = growI32(this.msg, n);
      this.state = growU8(this.state, n);
      this.node = growI32(this.node, n);
      this.path = growI32(this.path, n);
      this.attempts = growI32(this.attempts, n);
      this.totalAttempts = growI32(this.totalAttempts, n);
      this.created = growF64(this.created, n);
      this.enqueuedAt = growF64(this.enqueuedAt, n);
      this.prevDelay = growF64(this.prevDelay, n);
      this.origin = growI32(this.origin, n);
      this.lastConsumer = growI32(this.lastConsumer, n);
      this.attempt = growI32(this.attempt, n);
      this.order = growI32(this.order, n);
      this.lastAttempt = growI32(this.lastAttempt, n);
    }
    this.msg[id] = msg;
    this.state[id] = S_TRANSIT;
    this.node[id] = -1;
    this.path[id] = -1;
    this.attempts[id] = 0;
    this.totalAttempts[id] = 0;
    this.created[id] = created;
    this.enqueuedAt[id] = created;
    this.prevDelay[id] = 0;
    this.origin[id] = -1;
    this.lastConsumer[id] = -1;
    this.attempt[id] = -1;
    this.order[id] = 0;
    this.lastAttempt[id] = -1;
    return id;
  }
}

/** Attempt states. */
export const A_RUNNING = 0;
export const A_DONE = 1;
export const A_ABANDONED = 2;
export const A_BUFFERED = 3;

/** Attempts: one row per hand-out of a delivery to a consumer. */
export class AttemptTable {
  count = 0;
  delivery = new Int32Array(1024);
  consumer = new Int32Array(1024);
  start = new Float64Array(1024);
  state = new Uint8Array(1024);
  /** The broker already gave up on it (visibility or webhook timeout): its ack is stale. */
  expired = new Uint8Array(1024);
  /** A visibility-timeout event is scheduled for it. */
  timerSet = new Uint8Array(1024);
  /** Its number within the delivery's current budget (1-based). */
  number = new Int32Array(1024);

  add(delivery: number, consumer: number, start: number, number: number): number {
    const id = this.count++;
    if (id === this.delivery.length) {
      const n = id * 2;
      this.delivery = growI32(this.delivery, n);
      this.consumer = growI32(this.consumer, n);
      this.start = growF64(this.start, n);
      this.state = growU8(this.state, n);
      this.expired = growU8(this.expired, n);
      this.timerSet = growU8(this.timerSet, n);
      this.number = growI32(this.number, n);
    }
    this.delivery[id] = delivery;
    this.consumer[id] = consumer;
    this.start[id] = start;
    this.state[id] = A_RUNNING;
    this.expired[id] = 0;
    this.timerSet[id] = 0;
    this.number[id] = number;
    return id;
  }
}

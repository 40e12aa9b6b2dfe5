/**
 * The engine's row tables — messages, deliveries, attempts — as growable struct-of-arrays typed
 * columns indexed by integer id, and the delivery and attempt state codes. General containers
 * (deque, bitset, samples) are in collections.ts.
 */

/** A copy of `a` grown to `n` elements (growable columns). */
export function growF64(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
/** A copy of `a` grown to `n` elements (growable columns). */
export function growI32(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
function growU8(a: Uint8Array<ArrayBuffer>, n: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}

import type { CloneContext } from './snapshot';

/** A same-length copy of `a` with only its first `n` elements written (unwritten pages cost nothing). */
function prefixCopy<A extends Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>>(a: A, n: number): A {
  const out = new (a.constructor as new (length: number) => A)(a.length);
  out.set(a.subarray(0, n));
  return out;
}

/**
 * Messages: one row per message id. Columns hold their default as 0 and `add` writes only what
 * differs from it: pages of a typed array that are never written are never touched, so a million
 * plain messages cost the 8 bytes of their creation time, not 33.
 * `type` is an index into the engine's type table, `routingKey` into its string table ("" is 0).
 */
export class MessageTable {
  count = 0;
  type: Int32Array<ArrayBuffer>;
  /** Key id + 1; 0 = unkeyed. Read with `keyOf`. */
  keyPlus1: Int32Array<ArrayBuffer>;
  routingKey: Int32Array<ArrayBuffer>;
  created: Float64Array<ArrayBuffer>;
  /** Causing message id + 1; 0 = none. Read with `causeOf`. */
  causePlus1: Int32Array<ArrayBuffer>;
  sender: Int32Array<ArrayBuffer>;
  /** Per (sender, key) sequence number, for `outOfOrder` (keyed messages only). */
  seq: Int32Array<ArrayBuffer>;
  category: Uint8Array<ArrayBuffer>;

  /** `capacity`: expected rows (an estimate; the table grows past it). */
  constructor(capacity = 1024) {
    const n = Math.max(16, capacity);
    this.type = new Int32Array(n);
    this.keyPlus1 = new Int32Array(n);
    this.routingKey = new Int32Array(n);
    this.created = new Float64Array(n);
    this.causePlus1 = new Int32Array(n);
    this.sender = new Int32Array(n);
    this.seq = new Int32Array(n);
    this.category = new Uint8Array(n);
  }

  /** Key id, −1 when unkeyed. */
  keyOf(id: number): number {
    return this.keyPlus1[id]! - 1;
  }

  /** Causing message id, −1 when none. */
  causeOf(id: number): number {
    return this.causePlus1[id]! - 1;
  }

  /**
   * For a checkpoint: rows are written once, when the message is created, so the copy shares the
   * columns and keeps only the count (see snapshot.ts).
   */
  cloneForSnapshot(ctx: CloneContext): MessageTable {
    const copy = ctx.remember(this, new MessageTable(0));
    Object.assign(copy, this);
    return copy;
  }

  add(type: number, key: number, routingKey: number, created: number, cause: number, sender: number, category: number): number {
    const id = this.count++;
    if (id === this.type.length) {
      const n = id * 2;
      this.type = growI32(this.type, n);
      this.keyPlus1 = growI32(this.keyPlus1, n);
      this.routingKey = growI32(this.routingKey, n);
      this.created = growF64(this.created, n);
      this.causePlus1 = growI32(this.causePlus1, n);
      this.sender = growI32(this.sender, n);
      this.seq = growI32(this.seq, n);
      this.category = growU8(this.category, n);
    }
    if (type !== 0) this.type[id] = type;
    if (key >= 0) this.keyPlus1[id] = key + 1;
    if (routingKey !== 0) this.routingKey[id] = routingKey;
    this.created[id] = created;
    if (cause >= 0) this.causePlus1[id] = cause + 1;
    if (sender !== 0) this.sender[id] = sender;
    if (category !== 0) this.category[id] = category;
    return id;
  }
}

/** What a checkpoint's delivery table keeps of the rows it does not share (see `cloneForSnapshot`). */
interface SavedRows {
  /** `state` and `slot` from `frozen` to `count`. */
  readonly stateTail: Uint8Array<ArrayBuffer>;
  readonly slotTail: Int32Array<ArrayBuffer>;
  /** The held ids below `frozen` (dead letters a redrive may change), with their state and slot. */
  readonly heldIds: Int32Array<ArrayBuffer>;
  readonly heldState: Uint8Array<ArrayBuffer>;
  readonly heldSlot: Int32Array<ArrayBuffer>;
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

/**
 * Deliveries: one row per copy of a message on one path. Only what every delivery keeps for the
 * whole run is stored per row (message, state, live slot: 9 bytes); what matters only while it is
 * live (where it is, its attempts, timers) lives in a pooled slot that is recycled once the delivery
 * settles — a million settled deliveries cost 9 MB, not 70.
 */
export class DeliveryTable {
  count = 0;
  msg: Int32Array<ArrayBuffer>;
  state: Uint8Array<ArrayBuffer>;
  /** Live slot, −1 once released. Index the live columns below with it. */
  slot: Int32Array<ArrayBuffer>;
  // ---- live columns, indexed by slot ----
  /** Node where it is now (queue, stream, consumer for push, deadletter) or last was. */
  node: Int32Array<ArrayBuffer>;
  /** The path it is on (queue, push edge, stream group), −1 before one is known. */
  path: Int32Array<ArrayBuffer>;
  /** Attempts in the current budget (reset by redrive). */
  attempts: Int32Array<ArrayBuffer>;
  /** Attempts over the delivery's life (failure.firstAttempts counts these). */
  totalAttempts: Int32Array<ArrayBuffer>;
  created: Float64Array<ArrayBuffer>;
  enqueuedAt: Float64Array<ArrayBuffer>;
  /** Previous backoff delay (decorrelated jitter). */
  prevDelay: Float64Array<ArrayBuffer>;
  /** Node that dead-lettered it (redrive target), −1. */
  origin: Int32Array<ArrayBuffer>;
  /** Consumer that ran the last attempt, −1. */
  lastConsumer: Int32Array<ArrayBuffer>;
  /** The live attempt (in flight, not yet timed out), −1. */
  attempt: Int32Array<ArrayBuffer>;
  /** Queue FIFO: enqueue sequence; stream: partition. */
  order: Int32Array<ArrayBuffer>;
  /** Start time of the most recent attempt. */
  lastStart: Float64Array<ArrayBuffer>;
  private slots = 0;
  private freeSlots: Int32Array<ArrayBuffer>;
  /**
   * Deliveries below this id are settled — terminal, their slot released — except the ones listed
   * in `heldBelow`. A terminal state other than dead-lettered never changes again (only a redrive
   * brings a delivery back, and only a dead letter), so below `frozen` only the listed ones can
   * still change: a checkpoint shares the rest instead of copying it (see `cloneForSnapshot`).
   */
  private frozen = 0;
  /** Ids below `frozen` that were dead letters when it passed them (a redrive may change them). */
  private heldBelow: number[] = [];
  /**
   * Only in a checkpoint's copy: `state` and `slot` are then the live run's columns, valid below
   * `frozen` except at the held ids; this holds the rest as it was.
   */
  private saved: SavedRows | null = null;
  private freeCount = 0;

  /** `capacity`: expected rows (an estimate; the table grows past it). */
  constructor(capacity = 1024) {
    const n = Math.max(16, capacity);
    this.msg = new Int32Array(n);
    this.state = new Uint8Array(n);
    this.slot = new Int32Array(n);
    const k = 1024;
    this.node = new Int32Array(k);
    this.path = new Int32Array(k);
    this.attempts = new Int32Array(k);
    this.totalAttempts = new Int32Array(k);
    this.created = new Float64Array(k);
    this.enqueuedAt = new Float64Array(k);
    this.prevDelay = new Float64Array(k);
    this.origin = new Int32Array(k);
    this.lastConsumer = new Int32Array(k);
    this.attempt = new Int32Array(k);
    this.order = new Int32Array(k);
    this.lastStart = new Float64Array(k);
    this.freeSlots = new Int32Array(k);
  }

  private allocSlot(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount]!;
    const s = this.slots++;
    if (s === this.node.length) {
      const n = s * 2;
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
      this.lastStart = growF64(this.lastStart, n);
      this.freeSlots = growI32(this.freeSlots, n);
    }
    return s;
  }

  /**
   * For a checkpoint: `msg` is written once per row and is shared. `state` and `slot` change, but
   * not below `frozen` (deliveries settled for good): a checkpoint shares the live columns for that
   * prefix and copies only the rows after it, so taking one costs the unsettled tail, not the
   * run's length. Copying a checkpoint (to resume from it) builds whole columns again. The live
   * columns are copied whole (they hold live deliveries only).
   */
  cloneForSnapshot(ctx: CloneContext): DeliveryTable {
    const copy = ctx.remember(this, new DeliveryTable(0));
    Object.assign(copy, this);
    copy.heldBelow = [];
    const saved = this.saved;
    if (saved !== null) {
      // A checkpoint being resumed: whole columns from the shared prefix, the saved tail and the
      // saved held rows.
      const frozen = this.frozen;
      const state = prefixCopy(this.state, frozen);
      const slot = prefixCopy(this.slot, frozen);
      state.set(saved.stateTail, frozen);
      slot.set(saved.slotTail, frozen);
      for (let k = 0; k < saved.heldIds.length; k++) {
        const d = saved.heldIds[k]!;
        state[d] = saved.heldState[k]!;
        slot[d] = saved.heldSlot[k]!;
        copy.heldBelow.push(d);
      }
      copy.state = state;
      copy.slot = slot;
      copy.saved = null;
      ctx.bytes += this.count * 5;
    } else {
      const state = this.state;
      // Held ids that have settled for good since are dropped: their rows no longer change.
      const held = this.heldBelow.filter((d) => state[d]! < S_ACKED || state[d] === S_DEADLETTERED);
      let frozen = this.frozen;
      while (frozen < this.count) {
        const st = state[frozen]!;
        if (st === S_DEADLETTERED) held.push(frozen);
        else if (st < S_ACKED) break;
        frozen++;
      }
      this.frozen = frozen;
      this.heldBelow = held;
      copy.frozen = frozen;
      copy.saved = {
        stateTail: state.slice(frozen, this.count),
        slotTail: this.slot.slice(frozen, this.count),
        heldIds: Int32Array.from(held),
        heldState: Uint8Array.from(held, (d) => state[d]!),
        heldSlot: Int32Array.from(held, (d) => this.slot[d]!),
      };
      ctx.bytes += (this.count - frozen) * 5 + held.length * 9;
    }
    for (const column of ['node', 'path', 'attempts', 'totalAttempts', 'created', 'enqueuedAt', 'prevDelay', 'origin', 'lastConsumer', 'attempt', 'order', 'lastStart', 'freeSlots'] as const) {
      (copy as unknown as Record<string, ArrayBufferView>)[column] = ctx.copy(this[column]);
    }
    return copy;
  }

  /** Live slots in use (for the benchmark's memory figures). */
  get liveSlots(): number {
    return this.slots - this.freeCount;
  }

  /** Recycles a settled delivery's live slot (it must not be read afterwards). */
  releaseSlot(d: number): void {
    const s = this.slot[d]!;
    if (s < 0) return;
    this.slot[d] = -1;
    this.freeSlots[this.freeCount++] = s;
  }

  add(msg: number, created: number): number {
    const id = this.count++;
    if (id === this.msg.length) {
      const n = id * 2;
      this.msg = growI32(this.msg, n);
      this.state = growU8(this.state, n);
      this.slot = growI32(this.slot, n);
    }
    this.msg[id] = msg;
    this.state[id] = S_TRANSIT;
    const s = this.allocSlot();
    this.slot[id] = s;
    this.node[s] = -1;
    this.path[s] = -1;
    this.attempts[s] = 0;
    this.totalAttempts[s] = 0;
    this.created[s] = created;
    this.enqueuedAt[s] = created;
    this.prevDelay[s] = 0;
    this.origin[s] = -1;
    this.lastConsumer[s] = -1;
    this.attempt[s] = -1;
    this.order[s] = 0;
    this.lastStart[s] = created;
    return id;
  }
}

/** Attempt states. */
export const A_RUNNING = 0;
export const A_DONE = 1;
export const A_ABANDONED = 2;
export const A_BUFFERED = 3;
export const A_FREE = 4;

/**
 * Attempts: one row per hand-out of a delivery to a consumer. Rows are recycled once an attempt is
 * neither running nor awaited by its broker; events that name an attempt carry its generation, so
 * an event for a recycled row is recognised as stale and ignored.
 */
export class AttemptTable {
  /** Rows ever allocated (high-water mark). */
  count = 0;
  /** Attempts ever started. */
  started = 0;
  delivery = new Int32Array(1024);
  consumer = new Int32Array(1024);
  start = new Float64Array(1024);
  state = new Uint8Array(1024);
  /** The broker already gave up on it (visibility or webhook timeout): its ack is stale. */
  expired = new Uint8Array(1024);
  /** A visibility-timeout event is scheduled for it. */
  timerSet = new Uint8Array(1024);
  /**
   * A duplicate an idempotent consumer skips once the hand-out has crossed its edge's latency (the
   * attempt's done event then acks it without processing).
   */
  skip = new Uint8Array(1024);
  /** Its number within the delivery's current budget (1-based). */
  number = new Int32Array(1024);
  /** Position in its consumer's running list. */
  slot = new Int32Array(1024);
  /** The edge the attempt came over (consume, subscribe, endpoint or group edge). */
  edge = new Int32Array(1024);
  /** The path it belongs to (kept here: the delivery may settle while the attempt still runs). */
  path = new Int32Array(1024);
  /** The delivery's lifetime attempt count at this attempt (failure.firstAttempts). */
  total = new Int32Array(1024);
  /** Incremented each time the row is recycled. */
  gen = new Int32Array(1024);
  private free = new Int32Array(1024);
  private freeCount = 0;

  add(delivery: number, consumer: number, start: number, number: number, edge: number): number {
    this.started++;
    let id: number;
    if (this.freeCount > 0) id = this.free[--this.freeCount]!;
    else {
      id = this.count++;
      if (id === this.delivery.length) {
        const n = id * 2;
        this.delivery = growI32(this.delivery, n);
        this.consumer = growI32(this.consumer, n);
        this.start = growF64(this.start, n);
        this.state = growU8(this.state, n);
        this.expired = growU8(this.expired, n);
        this.timerSet = growU8(this.timerSet, n);
        this.skip = growU8(this.skip, n);
        this.number = growI32(this.number, n);
        this.slot = growI32(this.slot, n);
        this.edge = growI32(this.edge, n);
        this.path = growI32(this.path, n);
        this.total = growI32(this.total, n);
        this.gen = growI32(this.gen, n);
        this.free = growI32(this.free, n);
      }
    }
    this.delivery[id] = delivery;
    this.consumer[id] = consumer;
    this.start[id] = start;
    this.state[id] = A_RUNNING;
    this.expired[id] = 0;
    this.timerSet[id] = 0;
    this.skip[id] = 0;
    this.number[id] = number;
    this.edge[id] = edge;
    return id;
  }

  /** Returns a finished row to the pool. */
  release(id: number): void {
    this.state[id] = A_FREE;
    this.gen[id] = (this.gen[id]! + 1) | 0;
    this.free[this.freeCount++] = id;
  }
}

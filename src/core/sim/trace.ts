/**
 * The trace: every state change of a run, as compact records in struct-of-arrays chunks.
 *
 * Layout per record (13 bytes + the times): time index Uint16 · delivery Int32 · node Uint16 · edge
 * Uint16 · attempt Uint16 · type Uint8. A record's message is its delivery's (the run's delivery
 * table maps delivery → message: 4 bytes per delivery instead of per record; read it with
 * `msgOf`), except an emit's, which names the new message while its delivery is the cause: that id
 * is kept in the `values` column. Records of one instant share a time: a chunk
 * keeps each distinct time once (Float64, in `times`) and a record holds its index there — the
 * time column was a third of the bytes, and on a machine where first-touching memory is slow the
 * bytes are the cost. Read a record's time with `timeOf(chunk, i)`. Chunks hold 65,536 records, so a chunk's columns can be transferred
 * from a Worker to the page without copying (`chunk.buffers()`), and the page reads records by index.
 * The few records that carry a number (a retry's delay, a stale read's lag, an emit's message) keep
 * it in the chunk's `values` column; their `edge` field holds its index there (a retry, a read or
 * an emit involves no edge).
 */

/** Trace record types, in the spec's order ("Command line", --trace). */
export const TRACE_TYPES = [
  'publish',
  'route',
  'enqueue',
  'deliver',
  'ack',
  'nack',
  'timeout',
  'retry',
  'deadletter',
  'discard',
  'unroutable',
  'reject',
  'duplicate',
  'emit',
  'project',
  'read',
  'append',
  'redrive',
  'down',
  'up',
] as const;
export type TraceType = (typeof TRACE_TYPES)[number];

export const T_PUBLISH = 0;
export const T_ROUTE = 1;
export const T_ENQUEUE = 2;
export const T_DELIVER = 3;
export const T_ACK = 4;
export const T_NACK = 5;
export const T_TIMEOUT = 6;
export const T_RETRY = 7;
export const T_DEADLETTER = 8;
export const T_DISCARD = 9;
export const T_UNROUTABLE = 10;
export const T_REJECT = 11;
export const T_DUPLICATE = 12;
export const T_EMIT = 13;
export const T_PROJECT = 14;
export const T_READ = 15;
export const T_APPEND = 16;
export const T_REDRIVE = 17;
export const T_DOWN = 18;
export const T_UP = 19;

/** "No node / no edge" in the Uint16 columns. */
export const NONE16 = 0xffff;
export const CHUNK_SIZE = 65536;
/** Bytes of the fixed columns per record (each distinct time adds 8 bytes to its chunk). */
export const RECORD_BYTES = 2 + 4 + 2 + 2 + 2 + 1;

/** What a trace reader needs of the run's deliveries: the message of each (DeliveryTable.msg). */
export interface DeliveryMessages {
  readonly msg: Int32Array;
}

/**
 * Chunks returned by `TraceStore.release()`, reused by later runs in the same thread: a Worker that
 * re-runs a topology after every edit then writes into memory it already touched instead of faulting
 * in ~1.5 MB of fresh pages per 65,536 records. Bounded; contents are overwritten before being read.
 */
const chunkPool: TraceChunk[] = [];
const MAX_POOLED_CHUNKS = 96;

/** One chunk of records; its typed arrays are transferable. */
export class TraceChunk {
  /**
   * The fixed-size columns share one buffer (13 bytes a record): one allocation per chunk instead
   * of six, which is most of a cold run's cost of starting a chunk.
   */
  private readonly columns = new ArrayBuffer(CHUNK_SIZE * 13);
  readonly delivery = new Int32Array(this.columns, 0, CHUNK_SIZE);
  /** Per record: index of its time in `times`. */
  readonly timeIndex = new Uint16Array(this.columns, CHUNK_SIZE * 4, CHUNK_SIZE);
  readonly node = new Uint16Array(this.columns, CHUNK_SIZE * 6, CHUNK_SIZE);
  readonly edge = new Uint16Array(this.columns, CHUNK_SIZE * 8, CHUNK_SIZE);
  readonly attempt = new Uint16Array(this.columns, CHUNK_SIZE * 10, CHUNK_SIZE);
  readonly type = new Uint8Array(this.columns, CHUNK_SIZE * 12, CHUNK_SIZE);
  /** The chunk's distinct times, in record order (grows; at most one per record). */
  times = new Float64Array(1024);
  timeCount = 0;
  values = new Float64Array(256);
  valueCount = 0;
  length = 0;

  /** The ArrayBuffers to list as transferables when posting the chunk to another thread. */
  buffers(): ArrayBuffer[] {
    return [this.columns, this.times.buffer as ArrayBuffer, this.values.buffer as ArrayBuffer];
  }
}

/** Appends a number to a chunk's value column; returns its index there. */
function addValue(c: TraceChunk, value: number): number {
  if (c.valueCount === c.values.length) {
    const grown = new Float64Array(c.values.length * 2);
    grown.set(c.values);
    c.values = grown;
  }
  c.values[c.valueCount] = value;
  return c.valueCount++;
}

/** The time of record `i` of a chunk. */
export function timeOf(c: TraceChunk, i: number): number {
  return c.times[c.timeIndex[i]!]!;
}

/** The message of record `i` of a chunk, −1 when none (`deliveries`: the run's delivery table). */
export function msgOf(c: TraceChunk, i: number, deliveries: DeliveryMessages): number {
  if (c.type[i] === T_EMIT) return c.values[c.edge[i]!]!;
  const d = c.delivery[i]!;
  return d >= 0 ? deliveries.msg[d]! : -1;
}

/** A trace record as an object, for the UI, sentences and NDJSON. */
export interface TraceRecord {
  index: number;
  t: number;
  type: TraceType;
  /** Node index (see the run's node table), or -1. */
  node: number;
  /** Edge index, or -1. */
  edge: number;
  /** Message id, or -1. */
  msg: number;
  /** Delivery id, or -1. */
  delivery: number;
  attempt: number;
  /** retry: the delay before the next attempt; read: the consistency lag of a stale read. */
  value?: number;
  /** The message that caused `msg` (an emit's cause), when known; filled by `Simulation.record`. */
  causation?: number;
}

/**
 * Append-only record store. With `enabled` false it only counts (a run without trace still reports
 * `events` and honours `maxEvents`).
 */
export class TraceStore {
  readonly chunks: TraceChunk[] = [];
  private current: TraceChunk | null = null;
  /** Records written so far by the run that owns the store (the visible trace). */
  length = 0;
  /**
   * Records physically stored. Larger than `length` after `rewind()`: a deterministic replay then
   * re-produces those records and only advances `length` over them instead of writing them again.
   */
  stored = 0;

  /** Records beyond this count are not written (the run ends there: `maxEvents`). */
  limit = Infinity;

  /**
   * The deliveries of the run writing the store, through which a record's message is read (set by
   * the engine; a run resumed from a checkpoint sets its own, which agrees on every earlier id).
   */
  deliveries: DeliveryMessages = { msg: new Int32Array(0) };

  constructor(readonly enabled: boolean) {}

  private chunk(): TraceChunk {
    let c = this.current;
    if (c === null || c.length === CHUNK_SIZE) {
      c = chunkPool.pop() ?? new TraceChunk();
      c.length = 0;
      c.valueCount = 0;
      c.timeCount = 0;
      this.chunks.push(c);
      this.current = c;
    }
    return c;
  }

  /**
   * Gives the chunks back for reuse by later runs (only when nothing reads this trace any more — a
   * chunk whose buffers were transferred to another thread is detached and is dropped instead).
   * The store is empty afterwards.
   */
  release(): void {
    for (const c of this.chunks) {
      if (chunkPool.length < MAX_POOLED_CHUNKS && c.timeIndex.byteLength > 0) chunkPool.push(c);
    }
    this.chunks.length = 0;
    this.current = null;
    this.length = 0;
    this.stored = 0;
  }

  /** Appends a record (hot path: no allocation except a new chunk every 65,536 records). */
  push(t: number, type: number, node: number, edge: number, msg: number, delivery: number, attempt: number): void {
    if (this.length >= this.limit) return;
    if (this.length++ < this.stored || !this.enabled) return;
    this.write(t, type, node, edge, msg, delivery, attempt);
  }

  /**
   * Stores the record `push` has just counted. Split from `push` so that the counting part is small
   * enough for the engine to inline: a run without trace, or a replay, never makes this call.
   */
  write(t: number, type: number, node: number, edge: number, msg: number, delivery: number, attempt: number): void {
    this.stored++;
    const c = this.chunk();
    // An emit's message is not its delivery's (that is the cause): kept as a value (see msgOf).
    if (type === T_EMIT) edge = addValue(c, msg);
    const i = c.length++;
    let k = c.timeCount - 1;
    if (k < 0 || c.times[k] !== t) {
      k = c.timeCount++;
      if (k === c.times.length) {
        const grown = new Float64Array(Math.min(CHUNK_SIZE, k * 2));
        grown.set(c.times);
        c.times = grown;
      }
      c.times[k] = t;
    }
    c.timeIndex[i] = k;
    c.type[i] = type;
    c.node[i] = node < 0 ? NONE16 : node;
    c.edge[i] = edge < 0 ? NONE16 : edge;
    c.delivery[i] = delivery;
    c.attempt[i] = attempt > 65535 ? 65535 : attempt;
  }

  /** Appends a record carrying a number (retry delay, read lag). */
  pushValue(t: number, type: number, node: number, msg: number, delivery: number, attempt: number, value: number): void {
    if (this.length >= this.limit) return;
    if (this.length++ < this.stored || !this.enabled) return;
    this.write(t, type, node, addValue(this.chunk(), value), msg, delivery, attempt);
  }

  /**
   * Makes the store visible from record 0 again, keeping what it holds, for a replay of the same
   * run (a seek backwards): the replay's records are identical, so they are counted, not rewritten.
   */
  rewind(): void {
    this.length = 0;
  }

  /** Like `rewind`, to record `records` (a run resumed from a checkpoint taken there). */
  rewindTo(records: number): void {
    this.length = Math.min(records, this.length);
  }

  /** Record `index` as an object (only records the run has reached are visible). */
  get(index: number): TraceRecord {
    if (index < 0 || index >= this.length || index >= this.stored) {
      throw new RangeError(`no trace record ${index} (the trace has ${Math.min(this.length, this.stored)})`);
    }
    const c = this.chunks[Math.floor(index / CHUNK_SIZE)]!;
    return readRecord(c, index % CHUNK_SIZE, index, this.deliveries);
  }

  /** Bytes held by the allocated chunks (record columns and value columns). */
  bytes(): number {
    let n = 0;
    for (const c of this.chunks) n += CHUNK_SIZE * RECORD_BYTES + c.times.byteLength + c.values.byteLength;
    return n;
  }

  /** Bytes actually used by records (excluding the unused tail of the last chunk). */
  usedBytes(): number {
    let n = 0;
    for (const c of this.chunks) n += c.length * RECORD_BYTES + c.timeCount * 8 + c.valueCount * 8;
    return n;
  }
}

/**
 * Reads record `i` of a chunk (also usable on the page side with a transferred chunk).
 * `deliveries`: the run's delivery table, through which the record's message is read.
 */
export function readRecord(c: TraceChunk, i: number, index: number, deliveries: DeliveryMessages): TraceRecord {
  const type = c.type[i]!;
  const node = c.node[i]!;
  const edge = c.edge[i]!;
  const carriesValue = type === T_RETRY || type === T_READ;
  const rec: TraceRecord = {
    index,
    t: timeOf(c, i),
    type: TRACE_TYPES[type]!,
    node: node === NONE16 ? -1 : node,
    edge: carriesValue || type === T_EMIT || edge === NONE16 ? -1 : edge,
    msg: msgOf(c, i, deliveries),
    delivery: c.delivery[i]!,
    attempt: c.attempt[i]!,
  };
  if (carriesValue && edge !== NONE16) rec.value = c.values[edge]!;
  return rec;
}

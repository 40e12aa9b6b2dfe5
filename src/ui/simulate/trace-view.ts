/**
 * The page's copy of a run's trace, assembled from the worker's transferred slices: growable
 * struct-of-arrays columns (the same layout as the engine's chunks), the step table (record count
 * and simulated time after each step) and the message table (type, key, cause, creation time).
 *
 * Everything the player needs that does not depend on live engine state is served from here
 * without asking the worker: the event log (sentences via the engine's pure `describeRecord`), the
 * step ↔ record mapping, times, journeys and the moving-message overlay. No React, no DOM.
 */
import { describeRecord, TRACE_TYPES, type SentenceContext, type TraceRecord, type TraceType } from '../../core/sim';
import { TRACE_BLOCK_BITS, TRACE_BLOCK_MASK, type RecordBlock, type RunEdgeInfo, type RunNodeInfo, type TraceSlice } from '../../worker/protocol';

type Growable = Float64Array | Int32Array | Uint8Array | Uint16Array;

/**
 * One record column, stored as the worker's blocks (`TRACE_BLOCK` records each) without copying
 * them: `at(i)` reads record `i`. Hot loops may walk `blocks` directly.
 */
export class BlockColumn<A extends Growable> {
  readonly blocks: A[] = [];
  at(i: number): number {
    return this.blocks[i >>> TRACE_BLOCK_BITS]![i & TRACE_BLOCK_MASK]!;
  }
}

function grow<T extends Growable>(a: T, need: number): T {
  if (need <= a.length) return a;
  let n = Math.max(1024, a.length * 2);
  while (n < need) n *= 2;
  const next = new (a.constructor as new (n: number) => T)(n);
  next.set(a);
  return next;
}

const T_RETRY_INDEX = TRACE_TYPES.indexOf('retry');

/** A message on an edge with latency at some moment: `f` is how far along (0…1) it is. */
export interface InTransit {
  edge: number;
  msg: number;
  /** The record it set off with (publish or route). */
  record: number;
  f: number;
}
/** How many recent in-place retries `blockedAt` examines. */
export const BLOCK_LOOKBACK = 5000;

export const TYPE_INDEX: Readonly<Record<TraceType, number>> = Object.fromEntries(TRACE_TYPES.map((t, i) => [t, i])) as Record<TraceType, number>;

export class TraceView {
  records = 0;
  steps = 0;
  messages = 0;
  readonly t = new BlockColumn<Float64Array>();
  readonly type = new BlockColumn<Uint8Array>();
  /** Node index or −1. */
  readonly node = new BlockColumn<Int32Array>();
  /** Edge index or −1. */
  readonly edge = new BlockColumn<Int32Array>();
  readonly msg = new BlockColumn<Int32Array>();
  readonly delivery = new BlockColumn<Int32Array>();
  readonly attempt = new BlockColumn<Uint16Array>();
  /** A retry's delay, a read's lag; NaN otherwise. */
  readonly value = new BlockColumn<Float64Array>();
  /** Record count after step k+1 (index k). */
  stepEnd = new Int32Array(0);
  msgType = new Int32Array(0);
  msgKey = new Int32Array(0);
  msgRoutingKey = new Int32Array(0);
  msgCreated = new Float64Array(0);
  msgCause = new Int32Array(0);
  msgSender = new Int32Array(0);
  readonly strings: string[] = [];
  /** Distinct message types (string ids) in first-seen order, kept as slices arrive. */
  private readonly typeIds: number[] = [];
  private readonly typeSeen = new Set<number>();
  private typeNames: string[] = [];
  /** Which nodes are streams (retries there block a partition). */
  private readonly isStream: boolean[];
  /** Indices of retry records at stream nodes (in-place retries that block a partition). */
  private readonly streamRetries = new Map<number, number[]>();
  private ctx: SentenceContext;
  /**
   * Hops over edges with latency, in departure order: the record a delivery set off with, the
   * delivery's next record (its arrival; −1 until it is in), and their times.
   */
  private transitFrom = new Int32Array(0);
  private transitTo = new Int32Array(0);
  private transitT0 = new Float64Array(0);
  private transitT1 = new Float64Array(0);
  private transits = 0;
  /** Delivery → its hop still under way. */
  private readonly openTransit = new Map<number, number>();
  /** The longest hop so far (bounds how far back `inTransitAt` looks). */
  private longestTransit = 0;
  private readonly anyLatency: boolean;

  /**
   * `capacity`: the run's bound on records (maxEvents), reserved at once for the step and message
   * tables (zeroed typed arrays are backed by untouched pages until written), which spares the
   * doubling copies that showed up as long tasks while a 1M-record run streamed in. Record columns
   * are the worker's blocks, kept as they arrive ({@link BlockColumn}).
   */
  constructor(
    readonly nodes: readonly RunNodeInfo[],
    readonly edges: readonly RunEdgeInfo[],
    capacity = 0,
  ) {
    if (capacity > 0) {
      this.stepEnd = new Int32Array(capacity);
      // Every message is created by a record of this trace, so there are at most as many messages.
      this.msgType = new Int32Array(capacity);
      this.msgKey = new Int32Array(capacity);
      this.msgRoutingKey = new Int32Array(capacity);
      this.msgCreated = new Float64Array(capacity);
      this.msgCause = new Int32Array(capacity);
      this.msgSender = new Int32Array(capacity);
    }
    this.isStream = nodes.map((node) => node.kind === 'stream');
    this.anyLatency = edges.some((e) => e.latency === true);
    this.ctx = {
      nodeName: (i) => this.nodes[i]?.name ?? `node ${i}`,
      edgeTarget: (i) => this.edges[i]?.to ?? -1,
      messageLabel: (id) => this.messageLabel(id),
      causeOf: (id) => (id >= 0 && id < this.messages ? this.msgCause[id]! : -1),
      maxAttempts: (edge) => this.edges[edge]?.maxAttempts ?? Infinity,
      routingKey: (id) => (id >= 0 && id < this.messages ? (this.strings[this.msgRoutingKey[id]!] ?? '') : ''),
      recordAfter: (i) => (i + 1 < this.records ? this.record(i + 1) : undefined),
      recordBefore: (i) => (i > 0 && i - 1 < this.records ? this.record(i - 1) : undefined),
    };
  }

  /** Appends a slice from the worker (slices arrive in order): no record is copied. */
  append(s: TraceSlice): void {
    if (s.start !== this.records) throw new Error(`trace slice starts at record ${s.start}, expected ${this.records}`);
    const n = this.records + s.count;
    for (const b of s.blocks) this.setBlock(b);
    const at = this.records;
    const streams = this.isStream;
    for (let i = at; i < n; i++) {
      if (this.type.at(i) !== T_RETRY_INDEX || !streams[this.node.at(i)]) continue;
      const node = this.node.at(i);
      const list = this.streamRetries.get(node);
      if (list) list.push(i);
      else this.streamRetries.set(node, [i]);
    }
    if (this.anyLatency) this.indexTransits(at, n);
    this.records = n;

    const steps = this.steps + s.stepRecordEnd.length;
    this.stepEnd = grow(this.stepEnd, steps);
    this.stepEnd.set(s.stepRecordEnd, this.steps);
    this.steps = steps;

    for (const str of s.newStrings) this.strings.push(str);
    const m = s.messageStart + s.msgType.length;
    if (s.msgType.length > 0) {
      this.msgType = grow(this.msgType, m);
      this.msgKey = grow(this.msgKey, m);
      this.msgRoutingKey = grow(this.msgRoutingKey, m);
      this.msgCreated = grow(this.msgCreated, m);
      this.msgCause = grow(this.msgCause, m);
      this.msgSender = grow(this.msgSender, m);
      this.msgType.set(s.msgType, s.messageStart);
      this.msgKey.set(s.msgKey, s.messageStart);
      this.msgRoutingKey.set(s.msgRoutingKey, s.messageStart);
      this.msgCreated.set(s.msgCreated, s.messageStart);
      this.msgCause.set(s.msgCause, s.messageStart);
      this.msgSender.set(s.msgSender, s.messageStart);
      this.messages = m;
      for (let k = 0; k < s.msgType.length; k++) {
        const t = s.msgType[k]!;
        if (this.typeSeen.has(t)) continue;
        this.typeSeen.add(t);
        this.typeIds.push(t);
        this.typeNames = this.typeIds.map((id) => this.strings[id]!);
      }
    }
  }

  /** Records [from, to): hops that set off over an edge with latency, and the arrivals that end them. */
  private indexTransits(from: number, to: number) {
    const { publish, route, emit } = TYPE_INDEX;
    for (let i = from; i < to; i++) {
      const type = this.type.at(i);
      if (type === emit) continue; // an emit's delivery is its cause, which is not travelling
      const d = this.delivery.at(i);
      const open = this.openTransit.get(d);
      if (open !== undefined) {
        this.openTransit.delete(d);
        this.transitTo[open] = i;
        const t1 = this.t.at(i);
        this.transitT1[open] = t1;
        this.longestTransit = Math.max(this.longestTransit, t1 - this.transitT0[open]!);
      }
      const edge = this.edge.at(i);
      if ((type !== publish && type !== route) || edge < 0 || this.edges[edge]?.latency !== true) continue;
      const k = this.transits++;
      if (k === this.transitFrom.length) {
        const n = Math.max(256, k * 2);
        this.transitFrom = grow(this.transitFrom, n);
        this.transitTo = grow(this.transitTo, n);
        this.transitT0 = grow(this.transitT0, n);
        this.transitT1 = grow(this.transitT1, n);
      }
      this.transitFrom[k] = i;
      this.transitTo[k] = -1;
      this.transitT0[k] = this.t.at(i);
      this.transitT1[k] = Infinity;
      this.openTransit.set(d, k);
    }
  }

  /**
   * The messages on an edge with latency once `records` records are shown, at `time`: set off
   * before, arriving after. (A hop whose arrival is not computed yet is left out.)
   */
  inTransitAt(records: number, time: number): InTransit[] {
    const out: InTransit[] = [];
    // The last hop that set off before `records` (hops are in departure order).
    let lo = 0;
    let hi = this.transits;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.transitFrom[mid]! < records) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo - 1; k >= 0; k--) {
      const t0 = this.transitT0[k]!;
      if (t0 < time - this.longestTransit) break;
      const arrival = this.transitTo[k]!;
      if (arrival < records) continue; // arrived (or not known yet: −1)
      const t1 = this.transitT1[k]!;
      const f = t1 > t0 ? Math.min(1, Math.max(0, (time - t0) / (t1 - t0))) : 1;
      const from = this.transitFrom[k]!;
      out.push({ edge: this.edge.at(from), msg: this.msg.at(from), record: from, f });
    }
    return out;
  }

  private setBlock(b: RecordBlock) {
    const k = b.first >>> TRACE_BLOCK_BITS;
    this.t.blocks[k] = b.t;
    this.type.blocks[k] = b.type;
    this.node.blocks[k] = b.node;
    this.edge.blocks[k] = b.edge;
    this.msg.blocks[k] = b.msg;
    this.delivery.blocks[k] = b.delivery;
    this.attempt.blocks[k] = b.attempt;
    this.value.blocks[k] = b.value;
  }

  /** Records visible after `step` steps. */
  recordsAt(step: number): number {
    if (step <= 0) return 0;
    return this.stepEnd[Math.min(step, this.steps) - 1]!;
  }

  /** Simulated clock after `step` steps (0 before the first). */
  timeAt(step: number): number {
    const r = this.recordsAt(step);
    return r > 0 ? this.t.at(r - 1) : 0;
  }

  /** The step after which record `index` is visible (the step that wrote it). */
  stepOfRecord(index: number): number {
    let lo = 0;
    let hi = this.steps - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.stepEnd[mid]! > index) hi = mid;
      else lo = mid + 1;
    }
    return lo + 1;
  }

  /** The last step whose time is ≤ `time` (0 if none). */
  stepAtTime(time: number): number {
    let lo = 0;
    let hi = this.steps;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.timeAt(mid) <= time) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * (Group, partition) positions of stream `node` blocked by an in-place retry at the moment after
   * `upTo` records: retries decided by then whose delay has not run out (Kafka-style head-of-line
   * blocking). Looks at the latest {@link BLOCK_LOOKBACK} retries only.
   */
  blockedAt(node: number, upTo: number): number {
    const list = this.streamRetries.get(node);
    if (!list || upTo === 0) return 0;
    const now = this.t.at(upTo - 1);
    const waiting = new Set<number>();
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! < upTo) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo - 1; k >= 0 && k >= lo - BLOCK_LOOKBACK; k--) {
      const i = list[k]!;
      const delay = this.value.at(i);
      if (this.t.at(i) + (Number.isNaN(delay) ? 0 : delay) > now) waiting.add(this.delivery.at(i));
    }
    return waiting.size;
  }

  record(i: number): TraceRecord {
    if (i < 0 || i >= this.records) throw new RangeError(`no trace record ${i}`);
    const rec: TraceRecord = {
      index: i,
      t: this.t.at(i),
      type: TRACE_TYPES[this.type.at(i)]!,
      node: this.node.at(i),
      edge: this.edge.at(i),
      msg: this.msg.at(i),
      delivery: this.delivery.at(i),
      attempt: this.attempt.at(i),
    };
    const v = this.value.at(i);
    if (!Number.isNaN(v)) rec.value = v;
    return rec;
  }

  sentence(i: number): string {
    return describeRecord(this.record(i), this.ctx);
  }

  messageType(id: number): string {
    return id >= 0 && id < this.messages ? (this.strings[this.msgType[id]!] ?? '?') : '?';
  }

  messageKey(id: number): string | null {
    if (id < 0 || id >= this.messages) return null;
    const k = this.msgKey[id]!;
    return k >= 0 ? (this.strings[k] ?? null) : null;
  }

  messageLabel(id: number): string {
    return `${this.messageType(id)} #${id}`;
  }

  /**
   * Distinct message types seen so far, in first-seen order (for colours and filters). Kept as
   * slices arrive: scanning every message here cost 13 ms per render of the legend in a 1M-record
   * run. The same array is returned until a new type appears (callers must not change it).
   */
  messageTypes(): readonly string[] {
    return this.typeNames;
  }
}

/**
 * General containers the engine keeps its state in: an integer ring-buffer deque (ready queues, push
 * buffers), a growable bitset (per-path "already processed" message ids) and a growable sample list
 * (latencies) with nearest-rank percentiles. Integer ids everywhere keep the hot path free of
 * per-event objects. The engine's row tables (messages, deliveries, attempts) are in tables.ts.
 */
import type { CloneContext } from './snapshot';

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
  values: Float64Array<ArrayBuffer>;
  length = 0;
  /** Running sum and maximum, in insertion order (summaries reorder `values`; the mean must not change). */
  sum = 0;
  max = -Infinity;

  constructor(capacity = 64) {
    this.values = new Float64Array(Math.max(16, capacity));
  }

  /**
   * The values array is also held by a checkpoint (see snapshot.ts): samples are appended in the
   * same order by every continuation, but `summarize` reorders them, so it copies them first.
   */
  sharedValues = false;

  push(v: number): void {
    if (this.length === this.values.length) {
      const next = new Float64Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
      this.sharedValues = false;
    }
    this.values[this.length++] = v;
    this.sum += v;
    if (v > this.max) this.max = v;
  }

  /** For a checkpoint: shares the appended samples (see `sharedValues`). */
  cloneForSnapshot(ctx: CloneContext): SampleList {
    const copy = ctx.remember(this, new SampleList(0));
    Object.assign(copy, this);
    this.sharedValues = true;
    copy.sharedValues = true;
    return copy;
  }

  /** Makes `values` this list's own before reordering it. */
  ownValues(): Float64Array {
    if (this.sharedValues) {
      const own = new Float64Array(this.values.length);
      own.set(this.values.subarray(0, this.length));
      this.values = own;
      this.sharedValues = false;
    }
    return this.values;
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

/**
 * Rearranges `a[lo..hi]` so that a[k] is the value of rank k (Hoare's selection, median-of-three
 * pivot): O(n) on average, against O(n log n) for sorting a million samples.
 */
export function selectRank(a: Float64Array, k: number, lo = 0, hi = a.length - 1): number {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot.
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

export function summarize(samples: SampleList): LatencySummary | null {
  const n = samples.length;
  if (n === 0) return null;
  // Selection reorders the samples in place: their order carries no meaning, and no copy of a
  // million samples is made.
  const s = samples.ownValues();
  // Nearest rank ⌈q·n⌉ (1-based) → index ⌈q·n⌉ − 1; select in ascending rank order so each
  // selection narrows the range of the next.
  const idx = (q: number) => Math.min(n, Math.max(1, Math.ceil(q * n))) - 1;
  const i50 = idx(0.5);
  const i95 = idx(0.95);
  const i99 = idx(0.99);
  const p50 = selectRank(s, i50, 0, n - 1);
  const p95 = selectRank(s, i95, i50, n - 1);
  const p99 = selectRank(s, i99, i95, n - 1);
  return { mean: samples.sum / n, p50, p95, p99, max: samples.max };
}

/**
 * The event queue of the discrete-event core: a binary min-heap ordered by (time, insertion
 * sequence), so events at equal times run in the order they were scheduled — the deterministic
 * tie-break the spec requires. Events are three integers (kind, a, b) plus the time, kept in
 * parallel typed arrays (no object per event); the heap itself holds slot numbers.
 */
export class EventHeap {
  private time: Float64Array;
  private seq: Float64Array;
  private kind: Int32Array;
  private argA: Int32Array;
  private argB: Int32Array;
  private heap: Int32Array;
  private free: Int32Array;
  private freeCount = 0;
  private slots = 0;
  private nextSeq = 0;
  /** Number of events waiting. */
  size = 0;
  /**
   * Time of the earliest event, Infinity when empty: kept by push and pop so that the engine's
   * per-event "is this instant over?" test is a field read.
   */
  headTime = Infinity;

  constructor(initialCapacity = 1024) {
    this.time = new Float64Array(initialCapacity);
    this.seq = new Float64Array(initialCapacity);
    this.kind = new Int32Array(initialCapacity);
    this.argA = new Int32Array(initialCapacity);
    this.argB = new Int32Array(initialCapacity);
    this.heap = new Int32Array(initialCapacity);
    this.free = new Int32Array(initialCapacity);
  }

  private grow(): void {
    const n = this.time.length * 2;
    const g64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const g32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.time = g64(this.time);
    this.seq = g64(this.seq);
    this.kind = g32(this.kind);
    this.argA = g32(this.argA);
    this.argB = g32(this.argB);
    this.heap = g32(this.heap);
    this.free = g32(this.free);
  }

  /** Schedules an event; returns nothing because cancellation is lazy (handlers check state). */
  push(time: number, kind: number, a: number, b: number): void {
    let slot: number;
    if (this.freeCount > 0) slot = this.free[--this.freeCount]!;
    else {
      if (this.slots === this.time.length) this.grow();
      slot = this.slots++;
    }
    const seq = this.nextSeq++;
    this.time[slot] = time;
    this.seq[slot] = seq;
    this.kind[slot] = kind;
    this.argA[slot] = a;
    this.argB[slot] = b;
    // Sift up.
    const heap = this.heap;
    const times = this.time;
    const seqs = this.seq;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      const pt = times[p]!;
      if (pt < time || (pt === time && seqs[p]! < seq)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = slot;
    if (i === 0) this.headTime = time;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.headTime;
  }

  /** Removes the earliest event; its fields are then in `popped*` until the next pop. */
  pop(): boolean {
    if (this.size === 0) return false;
    const heap = this.heap;
    const top = heap[0]!;
    this.poppedTime = this.time[top]!;
    this.poppedKind = this.kind[top]!;
    this.poppedA = this.argA[top]!;
    this.poppedB = this.argB[top]!;
    this.free[this.freeCount++] = top;
    const last = heap[--this.size]!;
    if (this.size > 0) {
      const times = this.time;
      const seqs = this.seq;
      const lt = times[last]!;
      const ls = seqs[last]!;
      const n = this.size;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        let c = heap[child]!;
        let ct = times[c]!;
        const right = child + 1;
        if (right < n) {
          const r = heap[right]!;
          const rt = times[r]!;
          if (rt < ct || (rt === ct && seqs[r]! < seqs[c]!)) {
            child = right;
            c = r;
            ct = rt;
          }
        }
        if (lt < ct || (lt === ct && ls < seqs[c]!)) break;
        heap[i] = c;
        i = child;
      }
      heap[i] = last;
      this.headTime = this.time[heap[0]!]!;
    } else this.headTime = Infinity;
    return true;
  }

  poppedTime = 0;
  poppedKind = 0;
  poppedA = 0;
  poppedB = 0;
}

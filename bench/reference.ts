/**
 * Bare reference loops for the benchmark: the same workloads written directly — a binary heap of
 * (time, sequence) events in typed arrays and the same sfc32 generator — with no Fanout code. They
 * set the floor the engine is compared with ("engine / bare").
 */

/** sfc32, re-implemented here so the reference shares no code with the engine. */
export class Sfc32 {
  a: number;
  b: number;
  c: number;
  d: number;
  constructor(seed: number) {
    this.a = 0x9e3779b9 ^ seed;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162 ^ (seed * 31);
    this.d = 1;
    for (let i = 0; i < 15; i++) this.next();
  }
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    const r = (this.c << 21) | (this.c >>> 11);
    this.c = (r + t) | 0;
    return ((t >>> 0) + 1) / 4294967296;
  }
  exp(mean: number): number {
    return -Math.log(this.next()) * mean;
  }
}

/** A (time, seq) min-heap of events with two int payloads. */
export class BareHeap {
  time = new Float64Array(1 << 16);
  seq = new Float64Array(1 << 16);
  kind = new Int32Array(1 << 16);
  arg = new Int32Array(1 << 16);
  size = 0;
  private nextSeq = 0;
  t = 0;
  k = 0;
  a = 0;
  push(time: number, kind: number, arg: number): void {
    if (this.size === this.time.length) {
      const n = this.size * 2;
      const t = new Float64Array(n);
      t.set(this.time);
      this.time = t;
      const s = new Float64Array(n);
      s.set(this.seq);
      this.seq = s;
      const k = new Int32Array(n);
      k.set(this.kind);
      this.kind = k;
      const a = new Int32Array(n);
      a.set(this.arg);
      this.arg = a;
    }
    const seq = this.nextSeq++;
    let i = this.size++;
    const T = this.time;
    const S = this.seq;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (T[p]! < time || (T[p] === time && S[p]! < seq)) break;
      T[i] = T[p]!;
      S[i] = S[p]!;
      this.kind[i] = this.kind[p]!;
      this.arg[i] = this.arg[p]!;
      i = p;
    }
    T[i] = time;
    S[i] = seq;
    this.kind[i] = kind;
    this.arg[i] = arg;
  }
  pop(): boolean {
    if (this.size === 0) return false;
    const T = this.time;
    const S = this.seq;
    const K = this.kind;
    const A = this.arg;
    this.t = T[0]!;
    this.k = K[0]!;
    this.a = A[0]!;
    const n = --this.size;
    const lt = T[n]!;
    const ls = S[n]!;
    const lk = K[n]!;
    const la = A[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && (T[c + 1]! < T[c]! || (T[c + 1] === T[c] && S[c + 1]! < S[c]!))) c++;
      if (lt < T[c]! || (lt === T[c] && ls < S[c]!)) break;
      T[i] = T[c]!;
      S[i] = S[c]!;
      K[i] = K[c]!;
      A[i] = A[c]!;
      i = c;
    }
    T[i] = lt;
    S[i] = ls;
    K[i] = lk;
    A[i] = la;
    return true;
  }
}

/** M/M/1 FCFS, `customers` poisson arrivals at λ, exponential service at μ: returns mean time in system. */
export function bareMM1(customers: number, lambda: number, mu: number, seed: number): number {
  const arrivals = new Sfc32(seed);
  const service = new Sfc32(seed + 1);
  const heap = new BareHeap();
  const waiting = new Float64Array(customers); // arrival times, FIFO ring not needed: at most `customers`
  let head = 0;
  let tail = 0;
  let busy = false;
  let sum = 0;
  let done = 0;
  let produced = 1;
  let servingSince = 0;
  heap.push(arrivals.exp(1 / lambda), 0, 0);
  while (heap.pop()) {
    const now = heap.t;
    if (heap.k === 0) {
      waiting[tail++] = now;
      if (produced < customers) {
        produced++;
        heap.push(now + arrivals.exp(1 / lambda), 0, 0);
      }
    } else {
      busy = false;
      sum += now - servingSince;
      done++;
    }
    if (!busy && head < tail && (heap.size === 0 || heap.time[0]! > now)) {
      servingSince = waiting[head++]!;
      busy = true;
      heap.push(now + service.exp(1 / mu), 1, 0);
    }
  }
  return sum / done;
}

/**
 * Fan-out: 1 producer (poisson `rate`) → topic → `queues` queues → `perQueue` consumers each
 * (exponential service `mean`), failure probability `p`, `attempts` attempts with exponential
 * backoff (initial 1 s, ×2), exhausted → DLQ count. Returns [acked, deadLettered].
 */
export function bareFanOut(messages: number, rate: number, queues: number, perQueue: number, mean: number, p: number, attempts: number, seed: number): [number, number] {
  const rngA = new Sfc32(seed);
  const rngS = new Sfc32(seed + 1);
  const rngF = new Sfc32(seed + 2);
  const heap = new BareHeap();
  const cap = messages * queues;
  const dQueue = new Int32Array(cap);
  const dAttempts = new Int32Array(cap);
  const dCreated = new Float64Array(cap);
  const ready: Int32Array[] = [];
  const head = new Int32Array(queues);
  const tail = new Int32Array(queues);
  const freeServers = new Int32Array(queues).fill(perQueue);
  for (let q = 0; q < queues; q++) ready.push(new Int32Array(cap / queues + messages));
  let deliveries = 0;
  let produced = 1;
  let acked = 0;
  let dead = 0;
  let latency = 0;
  const enqueue = (q: number, d: number) => {
    const buf = ready[q]!;
    buf[tail[q]! % buf.length] = d;
    tail[q]!++;
  };
  heap.push(rngA.exp(1 / rate), 0, 0);
  const E_ARRIVAL = 0;
  const E_DONE = 1;
  const E_READY = 2;
  while (heap.pop()) {
    const now = heap.t;
    const k = heap.k;
    const a = heap.a;
    if (k === E_ARRIVAL) {
      for (let q = 0; q < queues; q++) {
        const d = deliveries++;
        dQueue[d] = q;
        dAttempts[d] = 0;
        dCreated[d] = now;
        enqueue(q, d);
      }
      if (produced < messages) {
        produced++;
        heap.push(now + rngA.exp(1 / rate), E_ARRIVAL, 0);
      }
    } else if (k === E_DONE) {
      const q = dQueue[a]!;
      freeServers[q]!++;
      if (rngF.next() < p) {
        if (dAttempts[a]! >= attempts) dead++;
        else heap.push(now + Math.pow(2, dAttempts[a]! - 1), E_READY, a);
      } else {
        acked++;
        latency += now - dCreated[a]!;
      }
    } else enqueue(dQueue[a]!, a);
    if (heap.size === 0 || heap.time[0]! > now) {
      for (let q = 0; q < queues; q++) {
        const buf = ready[q]!;
        while (freeServers[q]! > 0 && head[q]! < tail[q]!) {
          const d = buf[head[q]! % buf.length]!;
          head[q]!++;
          freeServers[q]!--;
          dAttempts[d]!++;
          heap.push(now + rngS.exp(mean), E_DONE, d);
        }
      }
    }
  }
  void latency;
  return [acked, dead];
}

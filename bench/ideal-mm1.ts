/**
 * An experiment that bounds what the engine/bare ratio of M/M/1 could be: the bookkeeping the
 * engine keeps per customer (a message row, a delivery row with a live slot of 8 int and 4 float
 * columns, an attempt row, a ready deque, trace counting, counters, the idempotency bit, a latency
 * sample, the depth integral) written as one fused loop over flat typed arrays, for one queue and
 * one consumer — no dispatch, no generality, not Fanout code. `instructions.sh` counts it against
 * the bare loop and the engine. It computes the same mean time in system as `bareMM1`.
 */
import { Sfc32, BareHeap } from './reference';

export function idealMM1(customers: number, lambda: number, mu: number, seed: number): number {
  const arrivals = new Sfc32(seed);
  const service = new Sfc32(seed + 1);
  const heap = new BareHeap();
  // message table
  const mCreated = new Float64Array(customers);
  let mCount = 0;
  // delivery table + live slots
  const dMsg = new Int32Array(customers);
  const dState = new Uint8Array(customers);
  const dSlot = new Int32Array(customers);
  let dCount = 0;
  const K = 1024;
  const sInt = new Int32Array(K * 8); // node path attempts total origin lastConsumer attempt order
  const sF = new Float64Array(K * 4); // created enqueuedAt prevDelay lastStart
  const sFree = new Int32Array(K);
  let sFreeCount = 0, sNext = 0;
  // attempts
  const aDel = new Int32Array(K), aState = new Uint8Array(K), aNum = new Int32Array(K), aGen = new Int32Array(K);
  const aStart = new Float64Array(K);
  const aFree = new Int32Array(K);
  let aFreeCount = 0, aNext = 0;
  // queue ring + retention ring
  const ready = new Int32Array(1 << 16); let rHead = 0, rLen = 0;
  const processed = new Int32Array((customers >> 5) + 1);
  const latency = new Float64Array(customers); let latN = 0;
  const counters = new Float64Array(64);
  let traceLen = 0; const traceLimit = 1e9;
  let busy = 0; let area = 0, lastT = 0, maxDepth = 0;
  let now = 0;
  let produced = 1;
  heap.push(arrivals.exp(1 / lambda), 0, 0);
  let sum = 0;
  while (heap.pop()) {
    if (heap.t > now) now = heap.t;
    if (heap.k === 0) {
      const m = mCount++; mCreated[m] = now;
      const d = dCount++; dMsg[d] = m; dState[d] = 0;
      const s = sFreeCount > 0 ? sFree[--sFreeCount]! : sNext++;
      dSlot[d] = s;
      const b = s * 8; sInt[b] = -1; sInt[b + 1] = -1; sInt[b + 2] = 0; sInt[b + 3] = 0; sInt[b + 4] = -1; sInt[b + 5] = -1; sInt[b + 6] = -1; sInt[b + 7] = 0;
      const f = s * 4; sF[f] = now; sF[f + 1] = now; sF[f + 2] = 0; sF[f + 3] = now;
      counters[0] = counters[0]! + 1; if (traceLen < traceLimit) traceLen++;
      // enqueue
      if (lastT !== now) { if (rLen > maxDepth) maxDepth = rLen; area += rLen * (now - lastT); lastT = now; }
      dState[d] = 1; sInt[b] = 1; sInt[b + 1] = 0; sF[f + 1] = now; sInt[b + 7] = d;
      ready[(rHead + rLen++) & 0xffff] = d;
      if (traceLen < traceLimit) traceLen++;
      if (produced < customers) { produced++; heap.push(now + arrivals.exp(1 / lambda), 0, 0); }
    } else {
      const a = heap.a;
      if (aState[a] !== 0) continue;
      const d = aDel[a]!; const s = dSlot[d]!; const b = s * 8;
      aState[a] = 1; busy--;
      const m = dMsg[d]!;
      counters[1] = counters[1]! + 1;
      const w = m >> 5;
      if (processed[w]! & (1 << (m & 31))) counters[2] = counters[2]! + 1; else processed[w] = processed[w]! | (1 << (m & 31));
      if (sInt[b + 6] !== a) continue;
      sInt[b + 6] = -1; counters[3] = counters[3]! + 1;
      latency[latN++] = now - mCreated[m]!; sum += now - mCreated[m]!;
      dState[d] = 10; counters[10] = counters[10]! + 1;
      if (traceLen < traceLimit) traceLen++;
      dSlot[d] = -1; sFree[sFreeCount++] = s;
      aGen[a] = aGen[a]! + 1; aState[a] = 4; aFree[aFreeCount++] = a;
    }
    // settle
    if (heap.size === 0 || heap.time[0]! > now) {
      if (busy < 1 && rLen > 0) {
        if (lastT !== now) { if (rLen > maxDepth) maxDepth = rLen; area += rLen * (now - lastT); lastT = now; }
        const d = ready[rHead]!; rHead = (rHead + 1) & 0xffff; rLen--;
        const s = dSlot[d]!; const b = s * 8;
        sInt[b + 2] = sInt[b + 2]! + 1; sInt[b + 3] = sInt[b + 3]! + 1;
        const a = aFreeCount > 0 ? aFree[--aFreeCount]! : aNext++;
        aDel[a] = d; aState[a] = 0; aNum[a] = sInt[b + 2]!; aStart[a] = now;
        sInt[b + 6] = a; sF[s * 4 + 3] = now; sInt[b + 5] = 2; dState[d] = 2;
        counters[4] = counters[4]! + 1; if (traceLen < traceLimit) traceLen++;
        busy++;
        heap.push(now + service.exp(1 / mu), 1, a);
      }
    }
  }
  void area; void maxDepth;
  return sum / latN;
}

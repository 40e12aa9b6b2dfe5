/**
 * The engine against queueing theory and retry closed forms (shared/reference/messaging-semantics.md
 * §5 and §6).
 *
 * Run lengths and tolerances come from the reference's table for single runs of N = 200,000
 * customers starting empty (200 replications each): relSD(W) ≈ 0.6 % at ρ = 0.5 and 1.9 % at
 * ρ = 0.8 for M/M/1. A check at 4σ fails a correct simulator with probability of order 1e-4:
 *   ρ = 0.5 → 4 × 0.6 % = 2.4 %  (we use 0.025);  ρ = 0.8 → the table's relTol 0.097.
 * M/M/c and M/D/1 at the same ρ have a smaller relative variance of W than M/M/1 (more of W is
 * service time, or the service has no variance), so the M/M/1 tolerance at the same or a higher ρ
 * is a conservative bound for them. The seed is fixed, so a run is reproducible either way.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './simulation';
import { topo, edge } from './test-helpers';

const N = 200_000;

function station(lambda: number, service: unknown, servers: { consumers: number; concurrency: number }) {
  const consumers = Array.from({ length: servers.consumers }, (_, i) => ({
    id: `s${i}`,
    kind: 'consumer',
    concurrency: servers.concurrency,
    processingTime: service,
  }));
  return topo(
    [{ id: 'arrivals', kind: 'producer', messages: [{ type: 'Job', rate: lambda, count: N }] }, { id: 'q', kind: 'queue' }, ...consumers],
    [edge('arrivals', 'q'), ...consumers.map((c) => edge('q', c.id))],
    { simulation: { seed: 2026, duration: 1e9, maxEvents: 100_000_000 } },
  );
}

/** Customer-average time in system over all servers, and the queue's time-average length. */
function measure(t: ReturnType<typeof station>) {
  const { result } = simulate(t, { trace: false });
  let sum = 0;
  let n = 0;
  for (const [id, r] of Object.entries(result.nodes)) {
    if (r.kind !== 'consumer') continue;
    const acked = r.acked as number;
    sum += (r.latency as { mean: number }).mean * acked;
    n += acked;
    void id;
  }
  expect(n).toBe(N);
  expect(result.conservation.ok).toBe(true);
  return { W: sum / n, Lq: result.nodes['q']!.meanDepth as number, T: result.simulatedTime };
}

function erlangC(c: number, a: number): number {
  let sum = 0;
  let term = 1;
  for (let k = 0; k < c; k++) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const top = (term * a) / c / (1 - a / c); // aᶜ/c! · c/(c−a)
  return top / (sum + top);
}

const rel = (x: number, y: number) => Math.abs(x - y) / y;

describe('queueing theory', () => {
  it('M/M/1 at ρ = 0.5: W = 1/(μ−λ) = 2 within 2.5 %', () => {
    const { W } = measure(station(0.5, { dist: 'exponential', mean: 1 }, { consumers: 1, concurrency: 1 }));
    expect(rel(W, 2)).toBeLessThan(0.025);
  });

  it("M/M/1 at ρ = 0.8: W = 5 within 9.7 %, and Little's law for the queue", () => {
    const { W, Lq, T } = measure(station(0.8, { dist: 'exponential', mean: 1 }, { consumers: 1, concurrency: 1 }));
    expect(rel(W, 5)).toBeLessThan(0.097);
    // Lq = λ_eff · Wq with λ_eff = N / T and Wq = W − 1/μ (service mean known to ±0.9 % at 4σ).
    expect(rel(Lq, (N / T) * (W - 1))).toBeLessThan(0.05);
  });

  it('M/M/2 (two competing consumers) at λ = 1.6, μ = 1: Erlang C = 0.7111, W = 2.778', () => {
    expect(erlangC(2, 1.6)).toBeCloseTo(0.7111, 4);
    const expected = 1 + erlangC(2, 1.6) / (2 - 1.6);
    const { W } = measure(station(1.6, { dist: 'exponential', mean: 1 }, { consumers: 2, concurrency: 1 }));
    expect(rel(W, expected)).toBeLessThan(0.097);
  });

  it('M/M/3 (one consumer of concurrency 3) at λ = 2, μ = 1: W = 13/9', () => {
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 10);
    const { W } = measure(station(2, { dist: 'exponential', mean: 1 }, { consumers: 1, concurrency: 3 }));
    // ρ = 2/3: heavy-traffic scaling from ρ = 0.5 gives relSD ≈ 0.6 % · (0.5/0.333) ≈ 0.9 %; 4σ ≈ 3.6 %.
    expect(rel(W, 13 / 9)).toBeLessThan(0.04);
  });

  it('M/D/1 at λ = 0.8, μ = 1: Pollaczek–Khinchine W = 3', () => {
    const { W } = measure(station(0.8, 1, { consumers: 1, concurrency: 1 }));
    expect(rel(W, 3)).toBeLessThan(0.097);
  });
});

describe('retries against closed forms', () => {
  const p = 0.5;
  const k = 3;
  const M = 20_000;
  const t = topo(
    [
      { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 100, count: M }] },
      { id: 'q', kind: 'queue', retry: { maxAttempts: k } },
      { id: 'c', kind: 'consumer', processingTime: 0, failure: { probability: p }, concurrency: 4 },
      { id: 'dlq', kind: 'deadletter' },
    ],
    [edge('p', 'q'), edge('q', 'c'), edge('q', 'dlq')],
    { simulation: { seed: 11, duration: 1e6, maxEvents: 10_000_000 } },
  );

  it('fraction dead-lettered ≈ pᵏ and mean attempts ≈ (1−pᵏ)/(1−p)', () => {
    const { result } = simulate(t, { trace: false });
    const dlq = (result.nodes['dlq']!.received as number) / M;
    // Binomial: SD = √(pᵏ(1−pᵏ)/M) = √(0.125·0.875/20000) ≈ 0.00234; 4σ ≈ 0.0094.
    expect(Math.abs(dlq - p ** k)).toBeLessThan(0.0094);
    const attempts = (result.nodes['c']!.received as number) / M;
    // A ∈ {1,2,3} with P = ½, ¼, ¼: Var = 3.75 − 1.75² = 0.6875; SD of the mean ≈ 0.00586; 4σ ≈ 0.0235.
    expect(Math.abs(attempts - (1 - p ** k) / (1 - p))).toBeLessThan(0.0235);
    expect(result.totals.acked + result.totals.deadLettered).toBe(M);
  });
});

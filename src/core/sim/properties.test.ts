/**
 * Invariants over random valid topologies and seeds (fast-check): a run is deterministic, conserves
 * deliveries, keeps every count a non-negative integer, and every consumer's attempts add up.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSimulation, simulate } from './simulation';
import { topo } from './test-helpers';
import { topologyArb } from './test-topologies';
import { msgOf, timeOf } from './trace';

/** A hash of every record (numbers only, no string building) plus the count. */
function traceFingerprint(run: ReturnType<typeof simulate>): string {
  let h = 0;
  const mix = (x: number) => {
    h = (Math.imul(h ^ (x | 0), 0x5bd1e995) + ((x * 1e6) | 0)) | 0;
  };
  for (const c of run.trace.chunks) {
    for (let i = 0; i < c.length; i++) {
      mix(timeOf(c, i) * 1024);
      mix(c.type[i]!);
      mix(c.node[i]!);
      mix(c.edge[i]!);
      mix(msgOf(c, i, run.trace.deliveries));
      mix(c.delivery[i]!);
      mix(c.attempt[i]!);
    }
  }
  return `${run.trace.length}:${h}`;
}

function countsAreNonNegativeIntegers(value: unknown, path: string): void {
  if (typeof value === 'number') {
    if (/latency|meanDepth|meanLag|consistencyLag|simulatedTime/.test(path)) expect(value, path).toBeGreaterThanOrEqual(0);
    else {
      expect(Number.isInteger(value), path).toBe(true);
      expect(value, path).toBeGreaterThanOrEqual(0);
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) countsAreNonNegativeIntegers(v, `${path}.${k}`);
  }
}

describe('invariants over random topologies', () => {
  it('deterministic, conserving, non-negative integer counts, consumer identity', () => {
    fc.assert(
      fc.property(topologyArb, (t) => {
        const a = simulate(t);
        const b = simulate(t);
        expect(JSON.stringify(b.result)).toBe(JSON.stringify(a.result));
        expect(traceFingerprint(b)).toBe(traceFingerprint(a));
        const r = a.result;
        expect(r.conservation).toEqual({ ok: true });
        const { totals } = r;
        expect(totals.acked + totals.deadLettered + totals.discarded + totals.unroutable + totals.rejected + totals.pending).toBe(totals.deliveries);
        countsAreNonNegativeIntegers(r.nodes, 'nodes');
        countsAreNonNegativeIntegers(r.totals, 'totals');
        for (const node of Object.values(r.nodes)) {
          if (node.kind !== 'consumer' && node.kind !== 'projection') continue;
          const n = node as Record<string, number>;
          expect(n.received).toBe(n.processed! + n.failed! + n.duplicatesSkipped! + n.abandoned! + n.inProgress!);
        }
        // Trace times never go back.
        let backwards = 0;
        let last = 0;
        for (const c of a.trace.chunks) {
          for (let i = 0; i < c.length; i++) {
            if (timeOf(c, i) < last) backwards++;
            last = timeOf(c, i);
          }
        }
        expect(backwards).toBe(0);
      }),
      { numRuns: 60, seed: 20261128 },
    );
  });

  it('seeking backwards reproduces the state and records of a straight run', () => {
    fc.assert(
      fc.property(topologyArb, fc.double({ min: 0, max: 1, noNaN: true }), (t, fraction) => {
        const sim = createSimulation(t);
        sim.runToEnd();
        const end = sim.eventIndex;
        const k = Math.floor(end * fraction);
        sim.seek(k);
        const straight = createSimulation(t);
        straight.seek(k);
        expect(JSON.stringify(sim.state())).toBe(JSON.stringify(straight.state()));
        expect(sim.recordCount).toBe(straight.recordCount);
        if (sim.recordCount > 0) expect(sim.record(sim.recordCount - 1)).toEqual(straight.record(straight.recordCount - 1));
        sim.runToEnd();
        expect(JSON.stringify(sim.result())).toBe(JSON.stringify(simulate(t).result));
      }),
      { numRuns: 25, seed: 99 },
    );
  });

  it('checkpoints: any walk of seeks, results asked on the way, matches a straight run', () => {
    fc.assert(
      fc.property(
        topologyArb,
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), { minLength: 1, maxLength: 6 }),
        (t, interval, walk) => {
          const reference = simulate(t);
          const end = reference.simulation.eventIndex;
          const sim = createSimulation(t, { checkpointInterval: interval });
          sim.runToEnd();
          if (end > interval) expect(sim.checkpointStats.count).toBeGreaterThan(0);
          for (const [fraction, askResult] of walk) {
            const k = Math.floor(end * fraction);
            sim.seek(k);
            const straight = createSimulation(t, { checkpoints: false });
            straight.seek(k);
            expect(sim.eventIndex).toBe(straight.eventIndex);
            expect(JSON.stringify(sim.state())).toBe(JSON.stringify(straight.state()));
            expect(sim.recordCount).toBe(straight.recordCount);
            if (sim.recordCount > 0) expect(sim.record(sim.recordCount - 1)).toEqual(straight.record(straight.recordCount - 1));
            // Summaries reorder samples in place: asking mid-walk must not disturb what checkpoints share.
            if (askResult) expect(JSON.stringify(sim.result())).toBe(JSON.stringify(straight.result()));
          }
          sim.runToEnd();
          expect(JSON.stringify(sim.result())).toBe(JSON.stringify(reference.result));
          expect(sim.recordCount).toBe(reference.trace.length);
        },
      ),
      { numRuns: 40, seed: 424242 },
    );
  });
});


describe('streams under member crashes (past the session timeout)', () => {
  const streamArb = fc.record({
    seed: fc.integer({ min: 0, max: 10_000 }),
    partitions: fc.integer({ min: 1, max: 4 }),
    members: fc.integer({ min: 1, max: 3 }),
    keyed: fc.boolean(),
    rate: fc.double({ min: 0.5, max: 4, noNaN: true }),
    processing: fc.double({ min: 0.01, max: 0.6, noNaN: true }),
    failure: fc.constantFrom(0, 0, 0.2),
    retry: fc.option(fc.record({ maxAttempts: fc.integer({ min: 1, max: 3 }) }), { nil: undefined }),
    faults: fc.array(fc.record({ member: fc.integer({ min: 0, max: 2 }), from: fc.double({ min: 0, max: 60, noNaN: true }), len: fc.double({ min: 1, max: 90, noNaN: true }) }), { maxLength: 3 }),
  });

  it('every record reaches an end in every group; conservation holds; deterministic', () => {
    fc.assert(
      fc.property(streamArb, (g) => {
        const members = Array.from({ length: g.members }, (_, i) => `m${i}`);
        const t = topo(
          [
            { id: 'p', kind: 'producer', messages: [{ type: 'E', rate: g.rate, ...(g.keyed ? { keys: 5 } : {}) }] },
            { id: 's', kind: 'stream', partitions: g.partitions, ...(g.retry ? { retry: g.retry } : {}) },
            { id: 'dlq', kind: 'deadletter' },
            ...members.map((id) => ({ id, kind: 'consumer', processingTime: { dist: 'exponential', mean: g.processing }, failure: { probability: g.failure } })),
          ],
          [
            { id: 'pub', from: 'p', to: 's' },
            { id: 'dl', from: 's', to: 'dlq' },
            ...members.map((id) => ({ id: `g-${id}`, from: 's', to: id, kind: 'group', group: 'G' })),
          ],
          {
            simulation: { seed: g.seed, duration: 60 },
            faults: g.faults.map((f) => ({ node: members[f.member % members.length]!, type: 'down', from: f.from, to: f.from + f.len })),
          },
        );
        const a = simulate(t).result;
        expect(JSON.stringify(simulate(t).result)).toBe(JSON.stringify(a));
        expect(a.conservation).toEqual({ ok: true });
        // Faults end by 150 s and every member comes back: nothing is left pending, no lag remains.
        expect(a.totals.pending).toBe(0);
        const group = (a.nodes['s']!.groups as Record<string, { lag: number }>)['G']!;
        expect(group.lag).toBe(0);
        const processedOrDead = members.reduce((sum, id) => sum + (a.nodes[id]!.processed as number), 0) + (a.nodes['dlq']!.received as number);
        expect(processedOrDead).toBeGreaterThanOrEqual(a.totals.published);
      }),
      { numRuns: 60, seed: 4242 },
    );
  });
});

/**
 * Invariants over random valid topologies and seeds (fast-check): a run is deterministic, conserves
 * deliveries, keeps every count a non-negative integer, and every consumer's attempts add up.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSimulation, simulate } from './simulation';
import { topo } from './test-helpers';
import { msgOf, timeOf } from './trace';

type Obj = Record<string, unknown>;

const dist = fc.oneof(
  fc.constantFrom(0, 0.05, 0.2),
  fc.record({ dist: fc.constant('exponential'), mean: fc.double({ min: 0.01, max: 0.5, noNaN: true }) }),
  fc.record({ dist: fc.constant('uniform'), min: fc.constant(0.01), max: fc.double({ min: 0.02, max: 0.4, noNaN: true }) }),
  fc.record({ dist: fc.constant('lognormal'), median: fc.constant(0.05), p99: fc.double({ min: 0.05, max: 1, noNaN: true }) }),
);
const retry = fc.option(
  fc.record({
    maxAttempts: fc.integer({ min: 1, max: 4 }),
    backoff: fc.option(
      fc.record({
        type: fc.constantFrom('fixed', 'exponential'),
        initial: fc.double({ min: 0, max: 1, noNaN: true }),
        jitter: fc.constantFrom('none', 'full', 'equal', 'decorrelated'),
      }),
      { nil: undefined },
    ),
  }),
  { nil: undefined },
);
const consumerFields = fc.record({
  concurrency: fc.integer({ min: 1, max: 3 }),
  processingTime: dist,
  failure: fc.option(fc.record({ probability: fc.double({ min: 0, max: 0.6, noNaN: true }), keys: fc.constant(['k1']) }), { nil: undefined }),
  ackLoss: fc.double({ min: 0, max: 0.3, noNaN: true }),
  idempotent: fc.boolean(),
});

/** A small valid topology: producers → one broker of each chosen kind → consumers, DLQs, faults. */
const topologyArb = fc
  .record({
    seed: fc.integer({ min: 0, max: 1000 }),
    duration: fc.integer({ min: 2, max: 12 }),
    brokers: fc.uniqueArray(fc.constantFrom('queue', 'topic', 'exchange', 'stream', 'webhook', 'eventstore'), { minLength: 1, maxLength: 4 }),
    rate: fc.double({ min: 0.5, max: 15, noNaN: true }),
    keys: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    arrival: fc.constantFrom('poisson', 'constant'),
    queue: fc.record({ fifo: fc.boolean(), visibilityTimeout: fc.double({ min: 0.2, max: 3, noNaN: true }), retry, capacity: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }), overflow: fc.constantFrom('reject', 'drop-head') }),
    topicRetry: retry,
    exchangeType: fc.constantFrom('direct', 'topic', 'fanout'),
    partitions: fc.integer({ min: 1, max: 3 }),
    streamRetry: retry,
    schedule: fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { maxLength: 3 }),
    consumers: fc.array(consumerFields, { minLength: 2, maxLength: 3 }),
    projection: fc.boolean(),
    dlq: fc.boolean(),
    emit: fc.boolean(),
    faults: fc.array(
      fc.record({ target: fc.integer({ min: 0, max: 5 }), type: fc.constantFrom('down', 'slow'), from: fc.double({ min: 0, max: 8, noNaN: true }), len: fc.double({ min: 0.1, max: 5, noNaN: true }) }),
      { maxLength: 3 },
    ),
  })
  .map((g) => {
    const nodes: Obj[] = [
      {
        id: 'p',
        kind: 'producer',
        messages: [{ type: 'A', rate: g.rate, arrival: g.arrival, keys: g.keys, routingKey: ['a.b', 'a.c', ''] }, { type: 'B', rate: 1, count: 3, key: 'k1', burst: { at: 1, count: 3 } }],
      },
    ];
    const edges: Obj[] = [];
    let e = 0;
    const link = (from: string, to: string, extra: Obj = {}) => edges.push({ id: `e${e++}`, from, to, ...extra });
    const consumerIds: string[] = [];
    g.consumers.forEach((c, i) => {
      const id = `c${i}`;
      consumerIds.push(id);
      nodes.push({ id, kind: i === 0 && g.projection ? 'projection' : 'consumer', ...c, ...(i === 0 && g.projection ? { readRate: 3 } : {}), ...(i === 1 && g.emit ? { emits: [{ type: 'Done', probability: 0.7 }, { type: 'Gave up', on: 'dead-letter' }] } : {}) });
    });
    if (g.emit) {
      nodes.push({ id: 'out', kind: 'queue' }, { id: 'sink', kind: 'consumer', processingTime: 0.01 });
      link('c1', 'out');
      link('out', 'sink');
    }
    if (g.dlq) nodes.push({ id: 'dlq', kind: 'deadletter', redrive: [{ at: g.duration / 2 }] });
    const target = (i: number) => consumerIds[i % consumerIds.length]!;
    for (const b of g.brokers) {
      const id = `b-${b}`;
      if (b === 'queue') nodes.push({ id, kind: 'queue', ...g.queue });
      if (b === 'topic') nodes.push({ id, kind: 'topic', retry: g.topicRetry });
      if (b === 'exchange') nodes.push({ id, kind: 'exchange', exchangeType: g.exchangeType }, { id: 'xq', kind: 'queue', visibilityTimeout: 2 }, { id: 'xalt', kind: 'queue' });
      if (b === 'stream') nodes.push({ id, kind: 'stream', partitions: g.partitions, retry: g.streamRetry });
      if (b === 'webhook') nodes.push({ id, kind: 'webhook', schedule: g.schedule, timeout: 0.3 });
      if (b === 'eventstore') nodes.push({ id, kind: 'eventstore' });
      link('p', id);
      if (b === 'queue') {
        link(id, target(0));
        link(id, target(1));
      }
      if (b === 'topic') {
        link(id, target(1), { filter: { types: ['A'] } });
        link(id, target(2));
      }
      if (b === 'exchange') {
        link(id, 'xq', { kind: 'bind', bindingKey: g.exchangeType === 'topic' ? 'a.*' : 'a.b' });
        link(id, 'xalt', { kind: 'alternate' });
        link('xq', target(0));
        link('xalt', target(2));
      }
      if (b === 'stream') {
        link(id, target(0), { kind: 'group', group: 'g1' });
        link(id, target(1), { kind: 'group', group: 'g1' });
        link(id, target(2), { kind: 'group', group: 'g2' });
      }
      if (b === 'webhook') link(id, target(1));
      if (b === 'eventstore') link(id, target(2));
      if (g.dlq && (b === 'queue' || b === 'topic' || b === 'stream' || b === 'webhook')) link(id, 'dlq');
    }
    const faultTargets = [...consumerIds, ...g.brokers.map((b) => `b-${b}`)];
    const faults = g.faults.map((f) =>
      f.type === 'down'
        ? { node: faultTargets[f.target % faultTargets.length]!, type: 'down', from: f.from, to: f.from + f.len }
        : { node: consumerIds[f.target % consumerIds.length]!, type: 'slow', factor: 3, from: f.from, to: f.from + f.len },
    );
    return topo(JSON.parse(JSON.stringify(nodes)), edges, { simulation: { seed: g.seed, duration: g.duration, maxEvents: 200_000 }, faults });
  });

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

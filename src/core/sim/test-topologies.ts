/**
 * Random valid topologies for property tests and the engine's fingerprint script
 * (`bench/fingerprints.ts`): a producer (with keys, routing-key lists and a keyed burst) → one broker
 * of each chosen kind → two or three consumers (failures, ack loss, idempotency, emits, a
 * projection), dead-letter queues with a redrive, and down/slow faults. Test support only: the app
 * never imports it.
 */
import fc from 'fast-check';
import { topo } from './test-helpers';

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
export const topologyArb = fc
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

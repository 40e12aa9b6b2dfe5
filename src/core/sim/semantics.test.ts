import { describe, expect, it } from 'vitest';
import { simulate } from './simulation';
import { partitionForKey } from './murmur2';
import { edge, topo } from './test-helpers';
import type { TraceRecord } from './trace';

type Rec = TraceRecord;
function records(run: ReturnType<typeof simulate>, filter: (r: Rec) => boolean = () => true): Rec[] {
  const out: Rec[] = [];
  for (let i = 0; i < run.trace.length; i++) {
    const r = run.trace.get(i);
    if (filter(r)) out.push(r);
  }
  return out;
}
const nodeIndex = (run: ReturnType<typeof simulate>, id: string) => run.simulation.model.nodeIndex.get(id)!;
const n = (x: unknown) => x as number;

describe('topics: fan-out with filters', () => {
  it('each matching subscription gets every matching message once; filters exclude the rest', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 10, arrival: 'constant', count: 20 }, { type: 'B', rate: 10, arrival: 'constant', count: 10 }] },
        { id: 't', kind: 'topic' },
        { id: 'qa', kind: 'queue' },
        { id: 'qb', kind: 'queue' },
        { id: 'qall', kind: 'queue' },
        { id: 'ca', kind: 'consumer', processingTime: 0 },
        { id: 'cb', kind: 'consumer', processingTime: 0 },
        { id: 'call', kind: 'consumer', processingTime: 0 },
        { id: 'push', kind: 'consumer', processingTime: 0 },
      ],
      [
        edge('p', 't'),
        edge('t', 'qa', { filter: { types: ['A'] } }),
        edge('t', 'qb', { filter: { types: ['B'] } }),
        edge('t', 'qall'),
        edge('t', 'push', { filter: { types: ['B'] } }),
        edge('qa', 'ca'),
        edge('qb', 'cb'),
        edge('qall', 'call'),
      ],
    );
    const run = simulate(t);
    const r = run.result;
    expect(r.nodes['ca']!.processed).toBe(20);
    expect(r.nodes['cb']!.processed).toBe(10);
    expect(r.nodes['call']!.processed).toBe(30);
    expect(r.nodes['push']!.processed).toBe(10);
    expect(r.totals.deliveries).toBe(70);
    expect(r.totals.acked).toBe(70);
    // Each message id reaches qa at most once.
    const ids = records(run, (x) => x.type === 'enqueue' && x.node === nodeIndex(run, 'qa')).map((x) => x.msg);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('exchanges', () => {
  const build = (exchangeType: string, bindings: [string, string][], keys: string[], alternate: boolean) =>
    topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'M', rate: 1, arrival: 'constant', count: keys.length, routingKey: keys }] },
        { id: 'x', kind: 'exchange', exchangeType },
        { id: 'q1', kind: 'queue' },
        { id: 'q2', kind: 'queue' },
        { id: 'alt', kind: 'queue' },
        { id: 'c1', kind: 'consumer', processingTime: 0 },
        { id: 'c2', kind: 'consumer', processingTime: 0 },
      ],
      [
        edge('p', 'x'),
        ...bindings.map(([q, k]) => edge('x', q, { kind: 'bind', bindingKey: k })),
        ...(alternate ? [edge('x', 'alt', { kind: 'alternate' })] : []),
        edge('q1', 'c1'),
        edge('q2', 'c2'),
      ],
      { simulation: { duration: 100 } },
    );

  it('topic: RabbitMQ matching, at most one copy per queue, unroutable counted', () => {
    const run = simulate(
      build('topic', [['q1', 'order.*'], ['q1', 'order.#'], ['q2', '#.eu']], ['order.placed', 'order.placed.eu', 'invoice.eu', 'refund', ''], false),
    );
    const r = run.result;
    // order.placed → q1 (two bindings, one copy); order.placed.eu → q1 + q2; invoice.eu → q2; refund and "" → unroutable.
    expect(r.nodes['q1']!.received).toBe(2);
    expect(r.nodes['q2']!.received).toBe(2);
    expect(r.nodes['x']!.unroutable).toBe(2);
    expect(r.totals.unroutable).toBe(2);
    expect(r.totals.deliveries).toBe(6);
    expect(r.conservation.ok).toBe(true);
  });

  it('direct: exact key; several queues may share one key; unroutable goes to the alternate edge', () => {
    const r = simulate(build('direct', [['q1', 'a'], ['q2', 'a'], ['q2', 'b']], ['a', 'b', 'c', 'A'], true)).result;
    expect(r.nodes['q1']!.received).toBe(1);
    expect(r.nodes['q2']!.received).toBe(2);
    expect(r.nodes['alt']!.received).toBe(2);
    expect(r.nodes['x']!.unroutable).toBe(0);
  });

  it('fanout: every bound queue, routing key ignored', () => {
    const r = simulate(build('fanout', [['q1', ''], ['q2', '']], ['x', 'y', 'z'], false)).result;
    expect(r.nodes['q1']!.received).toBe(3);
    expect(r.nodes['q2']!.received).toBe(3);
  });
});

describe('streams', () => {
  const streamTopo = (partitions: number, members: string[], extra: Record<string, unknown> = {}, consumer: Record<string, unknown> = {}) =>
    topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'E', rate: 20, keys: 7, count: 200 }] },
        { id: 's', kind: 'stream', partitions },
        ...members.map((id) => ({ id, kind: 'consumer', processingTime: { dist: 'exponential', mean: 0.02 }, ...consumer })),
        { id: 'audit', kind: 'consumer', processingTime: 0 },
      ],
      [edge('p', 's'), ...members.map((id) => edge('s', id, { kind: 'group', group: 'billing' })), edge('s', 'audit', { kind: 'group', group: 'audit' })],
      extra,
    );

  it('keyed records go to murmur2 partitions; every group reads every record; per-key order holds', () => {
    const run = simulate(streamTopo(3, ['m1', 'm2']));
    const r = run.result;
    const parts = r.nodes['s']!.partitions as number[];
    expect(parts.reduce((a, b) => a + b, 0)).toBe(200);
    const expected = [0, 0, 0];
    for (const m of records(run, (x) => x.type === 'publish')) {
      const key = run.simulation.message(m.msg).key!;
      expected[partitionForKey(key, 3)]!++;
    }
    expect(parts).toEqual(expected);
    expect(n(r.nodes['m1']!.processed) + n(r.nodes['m2']!.processed)).toBe(200);
    expect(r.nodes['audit']!.processed).toBe(200);
    expect(r.nodes['m1']!.outOfOrder).toBe(0);
    expect(r.nodes['m2']!.outOfOrder).toBe(0);
    // Range assignment over m1, m2: m1 gets partitions 0 and 1, m2 gets 2.
    expect(r.nodes['m2']!.processed).toBe(parts[2]);
    expect(r.conservation.ok).toBe(true);
  });

  it('members beyond the partition count are idle', () => {
    const r = simulate(streamTopo(2, ['a1', 'a2', 'a3'])).result;
    expect(r.nodes['a3']!.received).toBe(0);
    expect(n(r.nodes['a1']!.processed) + n(r.nodes['a2']!.processed)).toBe(200);
  });

  it('a failing record blocks its partition (in-place retry), then is dead-lettered and the group moves on', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'E', rate: 1, arrival: 'constant', count: 3, key: 'k' }] },
        { id: 's', kind: 'stream', retry: { maxAttempts: 3, backoff: { type: 'fixed', initial: 10 } } },
        { id: 'c', kind: 'consumer', processingTime: 0, failure: { firstAttempts: 3 } },
        { id: 'dlq', kind: 'deadletter' },
      ],
      [edge('p', 's'), edge('s', 'c', { kind: 'group', group: 'g' }), edge('s', 'dlq')],
    );
    const run = simulate(t);
    const delivers = records(run, (x) => x.type === 'deliver').map((x) => [x.t, x.msg, x.attempt]);
    // Message 0 fails at 0, 10, 20 → DLQ at 20; then message 1 (attempts counted per delivery) fails 3× too.
    expect(delivers.slice(0, 4)).toEqual([
      [0, 0, 1],
      [10, 0, 2],
      [20, 0, 3],
      [20, 1, 1],
    ]);
    expect(run.result.nodes['dlq']!.received).toBe(3);
    expect(run.result.nodes['s']!.deadLettered).toBe(3);
  });

  it('reproduces the reference §6 crash: 10 records, commit at 5, crash after 5–7 → 13 processings', () => {
    const build = (idempotent: boolean) =>
      topo(
        [
          { id: 'p', kind: 'producer', messages: [{ type: 'E', rate: 1, arrival: 'constant', count: 10 }] },
          { id: 's', kind: 'stream' },
          { id: 'c', kind: 'consumer', processingTime: 0.9, idempotent },
        ],
        [edge('p', 's'), edge('s', 'c', { kind: 'group', group: 'g' })],
        { faults: [{ node: 'c', type: 'down', from: 8.5, to: 9 }] },
      );
    const plain = simulate(build(false)).result.nodes['c']!;
    // Records 0–4 done by t=4.9, committed at t=5 (offset 5); 5–7 done by 7.9; crash at 8.5 with 8 in
    // flight; back at 9: resumes from offset 5 → 5, 6, 7 again, then 8, 9.
    expect(plain).toMatchObject({ processed: 13, duplicatesProcessed: 3, abandoned: 1 });
    const idem = simulate(build(true)).result.nodes['c']!;
    expect(idem).toMatchObject({ processed: 10, duplicatesSkipped: 3, duplicatesProcessed: 0 });
  });


  it('maxLag, like maxDepth, is the lag once each instant is fully processed', () => {
    const build = (processingTime: number) =>
      topo(
        [
          { id: 'p', kind: 'producer', messages: [{ type: 'E', rate: 0, burst: { at: 1, count: 3 } }] },
          { id: 's', kind: 'stream' },
          { id: 'c', kind: 'consumer', processingTime },
        ],
        [edge('p', 's'), edge('s', 'c', { kind: 'group', group: 'g' })],
      );
    // Appended and processed within the instant at 1 s: no instant ends with a lag.
    expect(simulate(build(0)).result.nodes['s']!.groups).toMatchObject({ g: { maxLag: 0, meanLag: 0 } });
    // 1 s each, one at a time per partition: the instant at 1 s leaves all 3 unprocessed.
    expect(simulate(build(1)).result.nodes['s']!.groups).toMatchObject({ g: { maxLag: 3 } });
  });
  it('a member down past the session timeout loses its partitions to the others', () => {
    const t = streamTopo(2, ['m1', 'm2'], { faults: [{ node: 'm1', type: 'down', from: 2, to: 100 }], simulation: { duration: 10 } });
    const r = simulate(t).result;
    expect(r.totals.pending).toBe(0);
    expect(n(r.nodes['m2']!.processed)).toBeGreaterThan(n(r.nodes['m1']!.processed));
    expect(r.conservation.ok).toBe(true);
  });

  it('a moved partition that is not the first resumes from its commit and runs to the end', () => {
    // Unkeyed records alternate partitions 0, 1; range assignment gives a p0 and b p1. b is down
    // from 12.3 s: its last commit (t = 10) covers records up to msg 19, it processed 21 and 23
    // since. At 12.3 + 45 s a takes p1 over, processes 21 and 23 again, then every later record.
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 2, arrival: 'constant' }] },
        { id: 's', kind: 'stream', partitions: 2 },
        { id: 'a', kind: 'consumer', processingTime: 0.1 },
        { id: 'b', kind: 'consumer', processingTime: 0.1 },
      ],
      [edge('p', 's'), edge('s', 'a', { kind: 'group', group: 'G' }), edge('s', 'b', { kind: 'group', group: 'G' })],
      { simulation: { duration: 100 }, faults: [{ node: 'b', type: 'down', from: 12.3, to: 200 }] },
    );
    const run = simulate(t);
    const r = run.result;
    expect(r.conservation.ok).toBe(true);
    expect(r.totals).toMatchObject({ published: 200, pending: 0 });
    expect(r.totals.acked).toBe(r.totals.deliveries);
    expect(r.nodes['b']).toMatchObject({ processed: 12, acked: 12 });
    expect(r.nodes['a']).toMatchObject({ processed: 190, acked: 190, duplicatesProcessed: 2 });
    const takeover = records(run, (x) => x.type === 'deliver' && x.node === run.simulation.model.nodeIndex.get('a') && x.t > 57);
    expect(takeover.slice(0, 3).map((x) => [x.t, x.msg])).toEqual([
      [57.3, 21],
      [57.4, 23],
      [57.5, 25],
    ]);
  });
});

describe('webhooks', () => {
  const hook = (consumer: Record<string, unknown>, webhook: Record<string, unknown> = {}) =>
    topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'W', rate: 1, arrival: 'constant', count: 1 }] },
        { id: 'w', kind: 'webhook', ...webhook },
        { id: 'c', kind: 'consumer', processingTime: 0, ...consumer },
        { id: 'dlq', kind: 'deadletter' },
      ],
      [edge('p', 'w'), edge('w', 'c'), edge('w', 'dlq')],
    );

  it("follows Svix's schedule: attempts at 0, 5, 305, 2105 … then dead-letters after 8", () => {
    const run = simulate(hook({ failure: { probability: 1 } }));
    const times = records(run, (x) => x.type === 'deliver').map((x) => x.t);
    expect(times).toEqual([0, 5, 305, 2105, 9305, 27305, 63305, 99305]);
    expect(run.result.nodes['dlq']!.received).toBe(1);
    expect(run.result.nodes['w']!.retried).toBe(7);
  });

  it('three failures then success finish at 2105 s', () => {
    const run = simulate(hook({ failure: { firstAttempts: 3 } }));
    expect(records(run, (x) => x.type === 'ack').map((x) => x.t)).toEqual([2105]);
  });

  it('an attempt not acked by send + timeout fails; the late work still takes effect', () => {
    const run = simulate(hook({ processingTime: 20 }, { schedule: [1], timeout: 15 }));
    const r = run.result;
    // Attempt 1 at 0 times out at 15; attempt 2 at 16 (buffered until the slot frees at 20), times out at 31.
    expect(records(run, (x) => x.type === 'timeout').map((x) => x.t)).toEqual([15, 31]);
    expect(r.nodes['c']).toMatchObject({ processed: 2, acked: 0 });
    expect(r.nodes['dlq']!.received).toBe(1);
  });

  it('an attempt to a consumer that is down fails at once', () => {
    const run = simulate(hook({}, { schedule: [5] }));
    expect(run.result.nodes['c']!.acked).toBe(1);
    const down = simulate(
      topo(
        [
          { id: 'p', kind: 'producer', messages: [{ type: 'W', rate: 1, arrival: 'constant', count: 1 }] },
          { id: 'w', kind: 'webhook', schedule: [5] },
          { id: 'c', kind: 'consumer', processingTime: 0 },
        ],
        [edge('p', 'w'), edge('w', 'c')],
        { faults: [{ node: 'c', type: 'down', from: 0, to: 3 }] },
      ),
    );
    expect(records(down, (x) => x.type === 'nack' || x.type === 'ack').map((x) => [x.type, x.t])).toEqual([
      ['nack', 0],
      ['ack', 5],
    ]);
  });
});

describe('consumers: ack loss, idempotency, ordering', () => {
  const lossy = (idempotent: boolean) =>
    topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 5, count: 300 }] },
        { id: 'q', kind: 'queue', visibilityTimeout: 2 },
        { id: 'c', kind: 'consumer', processingTime: 0.05, ackLoss: 0.2, idempotent, concurrency: 2 },
      ],
      [edge('p', 'q'), edge('q', 'c')],
      { simulation: { duration: 1000 } },
    );

  it('an idempotent consumer processes each message id once under ack loss', () => {
    const r = simulate(lossy(true)).result;
    const c = r.nodes['c']!;
    expect(c.processed).toBe(300);
    expect(n(c.duplicatesSkipped)).toBeGreaterThan(20);
    expect(c.duplicatesProcessed).toBe(0);
    expect(n(r.nodes['q']!.timeouts)).toBeGreaterThan(20);
    expect(r.conservation.ok).toBe(true);
  });

  it("the log says a skipped duplicate's ack came without processing", () => {
    const run = simulate(lossy(true));
    const skip = records(run, (x) => x.type === 'duplicate')[0]!;
    expect(run.simulation.sentence(skip.index)).toMatch(/^c recognised A #\d+ as a duplicate and skipped it$/);
    const ack = run.trace.get(skip.index + 1);
    expect(ack).toMatchObject({ type: 'ack', delivery: skip.delivery });
    expect(run.simulation.sentence(ack.index)).toMatch(/^c acknowledged A #\d+ without processing it again$/);
    const plain = records(run, (x) => x.type === 'ack')[0]!;
    expect(run.simulation.sentence(plain.index)).toMatch(/^c processed A #\d+ and acknowledged it$/);
  });

  it('a non-idempotent consumer processes the duplicates', () => {
    const c = simulate(lossy(false)).result.nodes['c']!;
    expect(n(c.duplicatesProcessed)).toBeGreaterThan(20);
    expect(n(c.processed)).toBe(300 + n(c.duplicatesProcessed));
  });

  it('FIFO keeps per-key order through retries; a standard queue does not', () => {
    const build = (fifo: boolean) =>
      topo(
        [
          { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 20, keys: 3, count: 300 }] },
          { id: 'q', kind: 'queue', fifo, retry: { maxAttempts: 100, backoff: { type: 'fixed', initial: 0.5 } } },
          { id: 'c', kind: 'consumer', processingTime: { dist: 'exponential', mean: 0.02 }, concurrency: 4, failure: { probability: 0.3 } },
        ],
        [edge('p', 'q'), edge('q', 'c')],
      );
    const fifo = simulate(build(true)).result;
    expect(fifo.nodes['c']!.outOfOrder).toBe(0);
    expect(fifo.nodes['c']!.processed).toBe(300);
    const standard = simulate(build(false)).result;
    expect(n(standard.nodes['c']!.outOfOrder)).toBeGreaterThan(0);
  });

  it('emits inherit the key, carry a causation id, and dead-letter emits fire on exhaustion', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'Order', rate: 1, arrival: 'constant', count: 4, key: 'c42' }] },
        { id: 'q', kind: 'queue', retry: { maxAttempts: 2 } },
        { id: 'c', kind: 'consumer', processingTime: 0, failure: { types: ['Order'] }, emits: [{ type: 'OrderFailed', on: 'dead-letter' }, { type: 'Never' }] },
        { id: 'dlq', kind: 'deadletter' },
        { id: 'out', kind: 'queue' },
      ],
      [edge('p', 'q'), edge('q', 'c'), edge('q', 'dlq'), edge('c', 'out')],
    );
    const run = simulate(t);
    const emits = records(run, (x) => x.type === 'emit');
    expect(emits.length).toBe(4);
    for (const e of emits) {
      const m = run.simulation.message(e.msg);
      expect(m.type).toBe('OrderFailed');
      expect(m.key).toBe('c42');
      expect(run.simulation.message(m.cause).type).toBe('Order');
    }
    expect(run.result.nodes['out']!.received).toBe(4);
    // The journey of the first order: its own records, then the message it caused.
    const journey = run.simulation.journey(0);
    const types = journey.map((r) => r.type);
    expect(types.slice(0, 3)).toEqual(['publish', 'enqueue', 'deliver']);
    expect(types).toContain('deadletter');
    const emitted = journey.find((r) => r.type === 'emit')!;
    expect(run.simulation.message(emitted.msg).cause).toBe(0);
    expect(run.simulation.record(emitted.index).causation).toBe(0);
    expect(journey.some((r) => r.msg === emitted.msg && r.type === 'enqueue')).toBe(true);
    expect(journey.every((r, i) => i === 0 || r.index > journey[i - 1]!.index)).toBe(true);
  });

  it('dead-letter emits need a dead letter: a delivery discarded for want of a deadLetter edge sends none', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'Order', rate: 1, arrival: 'constant', count: 4 }] },
        { id: 'q', kind: 'queue', retry: { maxAttempts: 2 } },
        { id: 'c', kind: 'consumer', processingTime: 0, failure: { probability: 1 }, emits: [{ type: 'OrderFailed', on: 'dead-letter' }] },
        { id: 'out', kind: 'queue' },
      ],
      [edge('p', 'q'), edge('q', 'c'), edge('c', 'out')],
    );
    const run = simulate(t);
    expect(run.result.nodes['q']).toMatchObject({ discarded: 4, deadLettered: 0 });
    expect(records(run, (x) => x.type === 'emit')).toEqual([]);
    expect(run.result.nodes['out']!.received).toBe(0);
  });

  it('a consumer that is down sends no dead-letter emits: it ran none of the attempts that failed at once', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'Order', rate: 1, arrival: 'constant', count: 4 }] },
        { id: 't', kind: 'topic' },
        { id: 'c', kind: 'consumer', processingTime: 0.1, emits: [{ type: 'OrderFailed', on: 'dead-letter' }] },
        { id: 'dl', kind: 'deadletter' },
        { id: 'out', kind: 'queue' },
      ],
      [edge('p', 't'), edge('t', 'c'), edge('t', 'dl'), edge('c', 'out')],
      // Down for the first two orders (at 0 and 1), up for the others, which succeed.
      { faults: [{ node: 'c', type: 'down', from: 0, to: 1.5 }] },
    );
    const run = simulate(t);
    expect(run.result.nodes['t']).toMatchObject({ deadLettered: 2 });
    expect(run.result.nodes['c']).toMatchObject({ failed: 2, acked: 2 });
    expect(records(run, (x) => x.type === 'emit')).toEqual([]);
    expect(run.result.nodes['out']!.received).toBe(0);
  });
});

describe('queues: capacity, faults, redrive', () => {
  it('capacity with reject refuses; drop-head dead-letters the oldest ready', () => {
    const build = (overflow: string) =>
      topo(
        [
          { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 0, burst: { at: 0, count: 10 } }] },
          { id: 'q', kind: 'queue', capacity: 3, overflow },
          { id: 'c', kind: 'consumer', processingTime: 1 },
          { id: 'dlq', kind: 'deadletter' },
        ],
        [edge('p', 'q'), edge('q', 'c'), edge('q', 'dlq')],
      );
    const rej = simulate(build('reject')).result;
    // All 10 arrive at t=0 before the consumer takes one: 3 held, 7 refused.
    expect(rej.nodes['q']!.rejected).toBe(7);
    expect(rej.nodes['c']!.processed).toBe(3);
    const drop = simulate(build('drop-head')).result;
    expect(drop.nodes['dlq']!.received).toBe(7);
    expect(drop.nodes['c']!.processed).toBe(3);
    expect(drop.conservation.ok).toBe(true);
  });

  it('drop-head on a FIFO queue keeps later messages of the group flowing', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 0, key: 'g', burst: { at: 0, count: 6 } }] },
        { id: 'q', kind: 'queue', fifo: true, capacity: 2, overflow: 'drop-head' },
        { id: 'c', kind: 'consumer', processingTime: 1 },
      ],
      [edge('p', 'q'), edge('q', 'c')],
    );
    const r = simulate(t).result;
    expect(r.nodes['q']!.discarded).toBe(4);
    expect(r.nodes['c']!.processed).toBe(2);
    expect(r.totals.pending).toBe(0);
  });

  it('maxEvents bounds a burst too: a 10,000,000-message burst stops at the bound, and the totals describe that run', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1, burst: { at: 0, count: 10_000_000 } }] },
        { id: 'q', kind: 'queue' },
        { id: 'c', kind: 'consumer', processingTime: 1 },
      ],
      [edge('p', 'q'), edge('q', 'c')],
      { simulation: { maxEvents: 100 } },
    );
    const { result } = simulate(t);
    expect(result.truncated).toBe(true);
    expect(result.events).toBe(100);
    // publish + enqueue per message, one deliver: 49 or 50 messages, not ten million.
    expect(result.totals.published).toBeLessThanOrEqual(50);
    expect(result.totals.deliveries).toBe(result.totals.published);
    expect(result.conservation.ok).toBe(true);
  });

  it('maxDepth is the depth once each instant is fully processed (zero processing time drains within it)', () => {
    const build = (processingTime: number) =>
      topo(
        [
          { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 0, burst: { at: 1, count: 5 } }] },
          { id: 'q', kind: 'queue' },
          { id: 'c', kind: 'consumer', processingTime },
        ],
        [edge('p', 'q'), edge('q', 'c')],
      );
    expect(simulate(build(0)).result.nodes['q']).toMatchObject({ maxDepth: 0, meanDepth: 0 });
    // With 1 s each: 4 wait after the instant at 1 s, then 3, 2, 1.
    expect(simulate(build(1)).result.nodes['q']!.maxDepth).toBe(4);
  });

  it('without consumers, a queue without retry discards each message at enqueue + retention', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1000, arrival: 'constant', count: 20_000 }] },
        { id: 'q', kind: 'queue', retention: 100 },
      ],
      [edge('p', 'q')],
    );
    const run = simulate(t);
    expect(run.result.nodes['q']!.discarded).toBe(20_000);
    expect(run.result.simulatedTime).toBeCloseTo(100 + 19_999 / 1000, 9);
    const discards = records(run, (x) => x.type === 'discard');
    expect(discards[0]!.t).toBe(100);
  });

  it('maxEvents is a hard bound on trace records; the result says truncated', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1, arrival: 'constant', count: 1 }] },
        { id: 'q', kind: 'queue', visibilityTimeout: 1 },
        { id: 'c', kind: 'consumer', processingTime: 0, failure: { probability: 1 } },
      ],
      [edge('p', 'q'), edge('q', 'c')],
      { simulation: { maxEvents: 1001 } },
    );
    const run = simulate(t);
    expect(run.result.truncated).toBe(true);
    expect(run.result.events).toBe(1001);
    expect(run.trace.length).toBe(1001);
    expect(run.result.conservation.ok).toBe(true);
    expect(run.result.totals.pending).toBe(1);
  });

  it('a consumer that goes down abandons its work; it comes back through the visibility timeout', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1, arrival: 'constant', count: 1 }] },
        { id: 'q', kind: 'queue', visibilityTimeout: 10 },
        { id: 'c', kind: 'consumer', processingTime: 2 },
      ],
      [edge('p', 'q'), edge('q', 'c')],
      { faults: [{ node: 'c', type: 'down', from: 1, to: 5 }] },
    );
    const run = simulate(t);
    expect(records(run, (x) => x.type === 'deliver').map((x) => x.t)).toEqual([0, 10]);
    expect(run.result.nodes['c']).toMatchObject({ abandoned: 1, processed: 1, acked: 1 });
    expect(run.result.nodes['q']!.timeouts).toBe(1);
  });

  it('a broker that is down rejects publishes, counted on the publisher', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1, arrival: 'constant', count: 10 }] },
        { id: 'q', kind: 'queue' },
        { id: 'c', kind: 'consumer', processingTime: 0 },
      ],
      [edge('p', 'q'), edge('q', 'c')],
      { faults: [{ node: 'q', type: 'down', from: 2, to: 5 }] },
    );
    const r = simulate(t).result;
    expect(r.nodes['p']!.rejected).toBe(3);
    expect(r.totals.rejected).toBe(3);
    expect(r.nodes['c']!.processed).toBe(7);
  });

  it('slow multiplies processing times of attempts that start in [from, to)', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1, arrival: 'constant', count: 3 }] },
        { id: 'q', kind: 'queue' },
        { id: 'c', kind: 'consumer', processingTime: 0.1 },
      ],
      [edge('p', 'q'), edge('q', 'c')],
      { faults: [{ node: 'c', type: 'slow', factor: 5, from: 1, to: 2 }] },
    );
    const acks = records(simulate(t), (x) => x.type === 'ack').map((x) => Number(x.t.toFixed(9)));
    expect(acks).toEqual([0.1, 1.5, 2.1]);
  });

  it('redrive of an unroutable message (held via the alternate edge) publishes it to the exchange again', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1, arrival: 'constant', count: 2, routingKey: 'nomatch' }] },
        { id: 'x', kind: 'exchange', exchangeType: 'direct' },
        { id: 'q', kind: 'queue' },
        { id: 'c', kind: 'consumer', processingTime: 0 },
        { id: 'dl', kind: 'deadletter', redrive: [{ at: 5 }] },
      ],
      [edge('p', 'x'), edge('x', 'q', { bindingKey: 'k' }), edge('q', 'c'), edge('x', 'dl', { kind: 'alternate' })],
    );
    const r = simulate(t).result;
    // Still unroutable when routed again: back over the alternate edge.
    expect(r.nodes['x']).toMatchObject({ received: 4 });
    expect(r.nodes['dl']).toMatchObject({ received: 4, redriven: 2, held: 2 });
    expect(r.conservation.ok).toBe(true);
  });

  it('a cycle that never lets time pass (a consumer taking no time emits into its own topic) ends at maxEvents', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1, arrival: 'constant', count: 1 }] },
        { id: 't', kind: 'topic' },
        { id: 'c', kind: 'consumer', processingTime: 0, emits: [{ type: 'B' }] },
      ],
      [edge('p', 't'), edge('t', 'c'), edge('c', 't')],
      { simulation: { duration: 10, maxEvents: 100_000 } },
    );
    const a = simulate(t).result;
    expect(a.truncated).toBe(true);
    expect(a.events).toBe(100_000);
    expect(a.conservation.ok).toBe(true);
    expect(JSON.stringify(simulate(t).result)).toBe(JSON.stringify(a));
  });

  it('latency has one sample per delivery where it ends: a redriven delivery is sampled at its last dead-lettering (or its ack), not at each', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1, arrival: 'constant', count: 2 }] },
        { id: 'q', kind: 'queue', retry: { maxAttempts: 1 } },
        { id: 'c', kind: 'consumer', processingTime: 0, failure: { probability: 1 } },
        { id: 'dlq', kind: 'deadletter', redrive: [{ at: 10 }] },
      ],
      [edge('p', 'q'), edge('q', 'c'), edge('q', 'dlq')],
    );
    const r = simulate(t).result;
    expect(r.nodes['dlq']).toMatchObject({ received: 4, redriven: 2, held: 2 });
    // Created at 0 and 1, dead-lettered at once, redriven at 10 and dead-lettered again at 10:
    // latencies 10 and 9 (the first dead-letterings, at 0, are not samples any more).
    expect(r.nodes['dlq']!.latency).toMatchObject({ mean: 9.5, max: 10 });
    // Redriven and then acked: sampled by the consumer only; the dead-letter node holds nothing.
    const acked = simulate({ ...t, nodes: t.nodes.map((n) => (n.id === 'c' ? { id: 'c', kind: 'consumer' as const, processingTime: 0, failure: { firstAttempts: 1 } } : n)) }).result;
    expect(acked.nodes['dlq']).toMatchObject({ received: 2, redriven: 2, held: 0 });
    expect(acked.nodes['dlq']!.latency).toBeUndefined();
    expect(acked.nodes['c']!.latency).toMatchObject({ mean: 9.5, max: 10 });
  });

  it('redrive sends dead letters back with a fresh budget', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1, arrival: 'constant', count: 5 }] },
        { id: 'q', kind: 'queue', retry: { maxAttempts: 2 } },
        { id: 'c', kind: 'consumer', processingTime: 0, failure: { firstAttempts: 3 } },
        { id: 'dlq', kind: 'deadletter', redrive: [{ at: 100 }] },
      ],
      [edge('p', 'q'), edge('q', 'c'), edge('q', 'dlq')],
    );
    const run = simulate(t);
    const r = run.result;
    expect(r.nodes['dlq']).toMatchObject({ received: 5, redriven: 5, held: 0 });
    // firstAttempts counts across the redrive: 2 failures, dead letter, 1 failure, success.
    expect(r.nodes['c']).toMatchObject({ processed: 5, acked: 5, failed: 15 });
    expect(r.totals).toMatchObject({ deliveries: 5, acked: 5, deadLettered: 0 });
    expect(r.conservation.ok).toBe(true);
    // The UI's button: a redrive at the current time, on a new simulation.
    const sim = run.simulation;
    const plain = simulate({ ...t, nodes: t.nodes.map((x) => (x.id === 'dlq' ? { id: 'dlq', kind: 'deadletter' as const } : x)) });
    expect(plain.result.nodes['dlq']!.held).toBe(5);
    const again = plain.simulation.redrive('dlq').runToEnd();
    expect(again.nodes['dlq']!.redriven).toBe(5);
    expect(again.totals.acked).toBe(5);
    expect(plain.result.nodes['dlq']!.held).toBe(5);
    expect(sim.finished).toBe(true);
  });
});

describe('projections and event stores', () => {
  it('reads at readRate, stale reads with a consistency lag', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 5, keys: 3 }] },
        { id: 't', kind: 'topic' },
        { id: 'view', kind: 'projection', processingTime: { dist: 'exponential', mean: 0.15 }, readRate: 10 },
      ],
      [edge('p', 't'), edge('t', 'view')],
    );
    const result = simulate(t).result;
    const r = result.nodes['view']!;
    // Poisson reads at 10/s until the run ends: 10·T ± 4·√(10·T).
    const expected = 10 * result.simulatedTime;
    expect(Math.abs(n(r.reads) - expected)).toBeLessThan(4 * Math.sqrt(expected) + 1);
    expect(n(r.staleReads)).toBeGreaterThan(0);
    expect(n(r.staleReads)).toBeLessThan(n(r.reads));
    expect((r.consistencyLag as { mean: number }).mean).toBeGreaterThan(0);
  });

  it('a delivery heading for the projection makes reads stale from its creation, on the edge too', () => {
    // One keyed message at 0.5 with 1 s on the edge into the queue, then through a topic, and 0.5 s
    // of processing: every read between 0.5 and 2 is stale (lag = read time − 0.5); none after.
    const build = (viaTopic: boolean) =>
      topo(
        [
          { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 0, key: 'k', burst: { at: 0.5, count: 1 } }] },
          { id: 'q', kind: 'queue' },
          ...(viaTopic ? [{ id: 't', kind: 'topic' }] : []),
          { id: 'view', kind: 'projection', processingTime: 0.5, readRate: 50 },
          { id: 'q2', kind: 'queue' },
          { id: 'slow', kind: 'consumer', processingTime: 5 },
        ],
        [
          ...(viaTopic ? [edge('p', 't', { latency: 1 }), edge('t', 'q')] : [edge('p', 'q', { latency: 1 })]),
          edge('q', 'view'),
          // Keeps the run going past the projection's ack, so later reads are counted.
          edge('p', 'q2'),
          edge('q2', 'slow'),
        ],
      );
    for (const viaTopic of [false, true]) {
      const run = simulate(build(viaTopic));
      const reads = records(run, (r) => r.type === 'read');
      const during = reads.filter((r) => r.t > 0.5 && r.t < 2);
      const after = reads.filter((r) => r.t > 2);
      expect(during.length).toBeGreaterThan(20);
      expect(after.length).toBeGreaterThan(20);
      for (const r of during) expect(r.value, `read at ${r.t}`).toBeCloseTo(r.t - 0.5, 9);
      for (const r of after) expect(r.value).toBe(-1); // fresh
      expect(run.result.nodes['view']!.staleReads).toBe(during.length);
    }
  });

  it('reads do not extend the run: no read is recorded or counted after the last other record', () => {
    // Work that outlives a webhook's timeout keeps the run going (its events) without changing any
    // delivery: reads in that tail are past simulatedTime and must not appear.
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1, arrival: 'constant', count: 5, keys: 2 }] },
        { id: 'hooks', kind: 'webhook', schedule: [5], timeout: 0.5 },
        { id: 'slow', kind: 'consumer', processingTime: 3 },
        { id: 't', kind: 'topic' },
        { id: 'view', kind: 'projection', processingTime: 0.2, readRate: 20 },
      ],
      [edge('p', 'hooks'), edge('hooks', 'slow'), edge('p', 't'), edge('t', 'view')],
    );
    const run = simulate(t);
    const all = records(run, () => true);
    const reads = all.filter((x) => x.type === 'read');
    expect(reads.length).toBeGreaterThan(0);
    expect(all.at(-1)!.type).not.toBe('read');
    expect(Math.max(...reads.map((x) => x.t))).toBeLessThanOrEqual(run.result.simulatedTime);
    expect(run.result.nodes['view']!.reads).toBe(reads.length);
    expect(run.result.events).toBe(all.length);
  });

  it('an event store appends per entity, replays state, and feeds catch-up subscriptions in order', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'Deposited', rate: 10, keys: 4, count: 40 }, { type: 'Withdrawn', rate: 5, keys: 4, count: 10 }] },
        { id: 'store', kind: 'eventstore' },
        { id: 'balances', kind: 'projection', processingTime: 0.01 },
      ],
      [edge('p', 'store'), edge('store', 'balances')],
    );
    const run = simulate(t);
    const r = run.result;
    expect(r.nodes['store']).toMatchObject({ appended: 50, entities: 4 });
    expect(r.nodes['balances']!.processed).toBe(50);
    expect(r.nodes['balances']!.outOfOrder).toBe(0);
    const keys = run.simulation.entityKeys('store');
    let total = 0;
    for (const k of keys) {
      const ent = run.simulation.entity('store', k);
      total += ent.events.length;
      expect(ent.state.version).toBe(ent.events.length);
      expect((ent.state.countsByType['Deposited'] ?? 0) + (ent.state.countsByType['Withdrawn'] ?? 0)).toBe(ent.events.length);
    }
    expect(total).toBe(50);
    expect(Math.max(...keys.map((k) => run.simulation.entity('store', k).events.length))).toBe(r.nodes['store']!.maxVersion);
  });

  it("an entity's events carry their append time (after the edge's latency), and its state the last", () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'Deposited', rate: 1, arrival: 'constant', count: 3, key: 'acct' }] },
        { id: 'store', kind: 'eventstore' },
      ],
      [edge('p', 'store', { latency: 0.25 })],
    );
    const ent = simulate(t).simulation.entity('store', 'acct');
    expect(ent.events.map((e) => [e.created, e.appended])).toEqual([
      [0, 0.25],
      [1, 1.25],
      [2, 2.25],
    ]);
    expect(ent.state.updatedAt).toBe(2.25);
  });
});

describe('edge latency on hand-out edges (consume, group)', () => {
  const one = { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 0, burst: { at: 1, count: 1 } }] };

  it('a consume edge delays the start of processing; the visibility timer runs from the hand-out', () => {
    const build = (visibilityTimeout: number, idempotent = false, ackLoss = 0) =>
      topo(
        [one, { id: 'q', kind: 'queue', visibilityTimeout, retry: { maxAttempts: 3 } }, { id: 'c', kind: 'consumer', processingTime: 0.5, idempotent, ackLoss }],
        [edge('p', 'q'), edge('q', 'c', { latency: 2 })],
      );
    const run = simulate(build(30));
    const c = nodeIndex(run, 'c');
    expect(records(run, (r) => r.node === c).map((r) => [r.type, r.t])).toEqual([
      ['deliver', 1],
      ['ack', 3.5],
    ]);
    expect((run.result.nodes['c']!.latency as { mean: number }).mean).toBe(2.5);
    // 2 s on the edge + 0.5 s processing ≥ a 2.2 s visibility timeout: each hand-out times out 2.2 s
    // later; the next waits for the slot (busy until its attempt ends, 2.5 s after its hand-out).
    const late = simulate(build(2.2));
    expect(records(late, (r) => r.type === 'deliver').map((r) => r.t)).toEqual([1, 3.5, 6]);
    expect(records(late, (r) => r.type === 'timeout').map((r) => r.t)).toEqual([3.2, 5.7, 8.2]);
    expect(late.result.totals.deadLettered + late.result.totals.discarded).toBe(1);
  });

  it("an idempotent consumer's skipped duplicate is acked once it has crossed the edge", () => {
    // Ack lost after the first processing (ends at 3.5): redelivered when the 5 s timer ends (6);
    // the duplicate arrives at 8 and is skipped.
    const t = topo(
      [one, { id: 'q', kind: 'queue', visibilityTimeout: 5, retry: { maxAttempts: 3 } }, { id: 'c', kind: 'consumer', processingTime: 0.5, idempotent: true, ackLoss: 1 }],
      [edge('p', 'q'), edge('q', 'c', { latency: 2 })],
    );
    const run = simulate(t);
    expect(records(run, (r) => r.type === 'duplicate' || r.type === 'ack').map((r) => [r.type, r.t])).toEqual([
      ['duplicate', 8],
      ['ack', 8],
    ]);
    expect(run.result.nodes['c']).toMatchObject({ processed: 1, duplicatesSkipped: 1, acked: 1 });
  });

  it('a group edge delays the start of processing too', () => {
    const t = topo(
      [one, { id: 's', kind: 'stream' }, { id: 'c', kind: 'consumer', processingTime: 0.5 }],
      [edge('p', 's'), edge('s', 'c', { kind: 'group', group: 'g', latency: 1 })],
    );
    const run = simulate(t);
    expect(records(run, (r) => r.type === 'ack').map((r) => r.t)).toEqual([2.5]);
  });
});

import { describe, expect, it } from 'vitest';
import { msgOf, RECORD_BYTES, T_DOWN, T_EMIT, T_ENQUEUE, T_RETRY, TraceStore } from './trace';
import fc from 'fast-check';
import { EventHeap } from './heap';
import { murmur2, partitionForKey, toPositive } from './murmur2';
import { rngFor, hash128 } from './prng';
import { topicMatches } from './topic-match';
import { backoffDelay, baseDelay, type ResolvedBackoff } from './backoff';
import { utf8Bytes } from '../util/utf8';
import { SampleList, nearestRank, summarize } from './collections';

describe('prng', () => {
  it('is a pure function of (seed, owner, purpose)', () => {
    const a = rngFor(42, 'email', 'processing');
    const b = rngFor(42, 'email', 'processing');
    const c = rngFor(42, 'email', 'failure');
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });
  it('does not confuse ("a", "b.c") with ("a.b", "c")', () => {
    expect(hash128('1\u0000a\u0000b.c')).not.toEqual(hash128('1\u0000a.b\u0000c'));
  });
  it('draws uniforms in [0, 1) with the right mean and exponentials with the right mean', () => {
    const r = rngFor(1, 'x', 'y');
    let s = 0;
    let e = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      s += u;
      e += r.exponential(2);
    }
    // SD of the mean of n uniforms = sqrt(1/12/n) ≈ 6.5e-4; 4σ ≈ 0.0026.
    expect(Math.abs(s / n - 0.5)).toBeLessThan(0.0026);
    // SD of the mean of n exponentials (mean 2) = 2/sqrt(n) ≈ 0.0045; 4σ ≈ 0.018.
    expect(Math.abs(e / n - 2)).toBeLessThan(0.018);
  });
});

describe('event heap', () => {
  it('pops by time, then by insertion order', () => {
    const h = new EventHeap(2);
    const times = [5, 1, 3, 1, 5, 0, 3, 1];
    times.forEach((t, i) => h.push(t, 0, i, 0));
    const out: [number, number][] = [];
    while (h.pop()) out.push([h.poppedTime, h.poppedA]);
    expect(out).toEqual([
      [0, 5],
      [1, 1],
      [1, 3],
      [1, 7],
      [3, 2],
      [3, 6],
      [5, 0],
      [5, 4],
    ]);
  });
  it('agrees with a stable sort on random inputs, interleaving pushes and pops', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { maxLength: 300 }), (ops) => {
        const h = new EventHeap(1);
        const model: [number, number][] = [];
        let id = 0;
        for (const [t, popFirst] of ops) {
          if (popFirst && model.length > 0) {
            model.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
            const expected = model.shift()!;
            h.pop();
            expect([h.poppedTime, h.poppedA]).toEqual(expected);
          }
          h.push(t, 0, id, 0);
          model.push([t, id++]);
        }
        model.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
        for (const expected of model) {
          h.pop();
          expect([h.poppedTime, h.poppedA]).toEqual(expected);
        }
        expect(h.pop()).toBe(false);
      }),
    );
  });
});

describe('Kafka murmur2 and partitioner', () => {
  // apache/kafka clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java, testMurmur2.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
  ])('UtilsTest vector %s → %i', (key, expected) => {
    expect(murmur2(utf8Bytes(key))).toBe(expected);
  });
  it('UtilsTest byte vector {a, b, c}', () => {
    expect(murmur2(new Uint8Array([97, 98, 99]))).toBe(479470107);
  });
  // confluentinc/librdkafka src/rdmurmur2.c unittest_murmur2 (unsigned results).
  it.each([
    ['kafka', 0xd067cf64],
    ['giberish123456789', 0x8f552b0c],
    ['1234', 0x9fc97b14],
    ['234', 0xe7c009ca],
    ['34', 0x873930da],
    ['4', 0x5a4b5ca1],
    ['PreAmbleWillBeRemoved,ThePrePartThatIs', 0x78424f1c],
    ['reAmbleWillBeRemoved,ThePrePartThatIs', 0x4a62b377],
    ['eAmbleWillBeRemoved,ThePrePartThatIs', 0xe0e4e09e],
    ['AmbleWillBeRemoved,ThePrePartThatIs', 0x62b8b43f],
    ['', 0x106e08d9],
  ])('librdkafka vector %j → %i', (key, expected) => {
    expect(murmur2(utf8Bytes(key)) >>> 0).toBe(expected);
  });
  it('partitions like Kafka: "foobar"/50 → 16, "test"/10 → 9, toPositive is not abs', () => {
    expect(partitionForKey('foobar', 50)).toBe(16);
    expect(partitionForKey('test', 10)).toBe(9);
    expect(toPositive(-973932308)).toBe(-973932308 & 0x7fffffff);
    expect(toPositive(-973932308)).not.toBe(Math.abs(-973932308));
    // Java-compatible kafkajs vector: "1" → -1993445489 (the legacy partitioner gives 1311020360).
    expect(murmur2(utf8Bytes('1'))).toBe(-1993445489);
  });
});

describe('RabbitMQ topic matching', () => {
  // rabbitmq-server routing_SUITE binding matrix and rabbit_db_topic_exchange_SUITE, via the reference §1.1.
  const cases: [string, string, boolean][] = [
    ['#', '', true],
    ['#.#', '', true],
    ['#.#.#', '', true],
    ['', '', true],
    ['*', '', false],
    ['*.#', '', false],
    ['#.*.#', '', false],
    ['#', 'oneword', true],
    ['#.#', 'oneword', true],
    ['*.#', 'oneword', true],
    ['#.*.#', 'oneword', true],
    ['*.#.#', 'oneword', true],
    ['#.#.#', 'oneword', true],
    ['*', 'oneword', true],
    ['a.#.b', 'a.b', true],
    ['a.#.b', 'a.x.y.b', true],
    ['a.#.b', 'a.x.y.c', false],
    ['.#', '.0.a.b.c', true],
    ['.*.a.b.c', '.0.a.b.c', true],
    ['.*', '.0.a.b.c', false],
    ['a.*.b', 'a..b', true],
    ['a..b', 'a..b', true],
    ['a.b', 'a..b', false],
    ['*', '.', false],
    ['*.*', '.', true],
    ['a.*', 'a.', true],
    ['#.b', 'b', true],
    ['a.#', 'a', true],
    ['#.a.#', 'x.a.y', true],
    ['a*', 'ab', false],
    ['a*', 'a*', true],
    ['##', 'x', false],
    ['##', '##', true],
    ['a#b', 'a#b', true],
    ['*', '*', true],
    ['order.*', 'Order.placed', false],
    ['order.*', 'order.placed.eu', false],
    ['order.#', 'order.placed.eu', true],
    ['*.placed.*', 'order.placed.eu', true],
  ];
  it.each(cases)('binding %j vs key %j → %s', (binding, key, expected) => {
    expect(topicMatches(binding, key)).toBe(expected);
  });
  it('handles many # words without blowing up', () => {
    const binding = Array.from({ length: 128 }, () => '#').join('.');
    expect(topicMatches(binding, Array.from({ length: 100 }, () => 'x').join('.'))).toBe(true);
    expect(topicMatches(`${binding}.y`, Array.from({ length: 100 }, () => 'x').join('.'))).toBe(false);
  });
});

describe('backoff', () => {
  const expo: ResolvedBackoff = { type: 'exponential', initial: 1, multiplier: 2, max: 60, jitter: 'none' };
  it('exponential delays are min(max, initial·multiplier^(n−1))', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => baseDelay(expo, n))).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    expect(baseDelay({ ...expo, type: 'fixed', initial: 3 }, 5)).toBe(3);
  });
  it('jitter stays in the AWS formulas’ ranges', () => {
    const r = rngFor(3, 'q', 'backoff');
    for (let n = 1; n < 8; n++) {
      const d = baseDelay(expo, n);
      const full = backoffDelay({ ...expo, jitter: 'full' }, n, 1, r);
      expect(full >= 0 && full <= d).toBe(true);
      const equal = backoffDelay({ ...expo, jitter: 'equal' }, n, 1, r);
      expect(equal >= d / 2 && equal <= d).toBe(true);
      const prev = 5;
      const dec = backoffDelay({ ...expo, jitter: 'decorrelated', max: 12 }, n, prev, r);
      expect(dec >= 1 && dec <= Math.min(12, 3 * prev)).toBe(true);
    }
  });
});

describe('latency summaries', () => {
  it('nearest-rank percentiles by selection agree with sorting', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 300 }), (xs) => {
        const list = new SampleList(4);
        for (const x of xs) list.push(x);
        const sorted = Float64Array.from(xs).sort();
        const s = summarize(list)!;
        expect(s.p50).toBe(nearestRank(sorted, 0.5));
        expect(s.p95).toBe(nearestRank(sorted, 0.95));
        expect(s.p99).toBe(nearestRank(sorted, 0.99));
        expect(s.max).toBe(sorted[sorted.length - 1]);
        // A second summary (after the in-place reordering) is identical.
        expect(summarize(list)).toEqual(s);
      }),
    );
  });
  it('uses rank ⌈q·n⌉: p50 of 1..4 is 2, p99 of 1..100 is 99', () => {
    expect(nearestRank([1, 2, 3, 4], 0.5)).toBe(2);
    expect(nearestRank(Array.from({ length: 100 }, (_, i) => i + 1), 0.99)).toBe(99);
  });
});

describe('trace store', () => {
  it("reads a record's message through its delivery; an emit keeps its own (the cause is its delivery)", () => {
    const store = new TraceStore(true);
    store.deliveries = { msg: Int32Array.from([7, 7, 9]) };
    store.push(0.5, T_ENQUEUE, 1, 2, 7, 1, 0);
    store.push(0.5, T_EMIT, 3, -1, 42, 2, 0);
    store.pushValue(1.5, T_RETRY, 1, 9, 2, 2, 0.25);
    store.push(2, T_DOWN, 3, -1, -1, -1, 0);
    expect([0, 1, 2, 3].map((i) => store.get(i))).toEqual([
      { index: 0, t: 0.5, type: 'enqueue', node: 1, edge: 2, msg: 7, delivery: 1, attempt: 0 },
      { index: 1, t: 0.5, type: 'emit', node: 3, edge: -1, msg: 42, delivery: 2, attempt: 0 },
      { index: 2, t: 1.5, type: 'retry', node: 1, edge: -1, msg: 9, delivery: 2, attempt: 2, value: 0.25 },
      { index: 3, t: 2, type: 'down', node: 3, edge: -1, msg: -1, delivery: -1, attempt: 0 },
    ]);
    expect(msgOf(store.chunks[0]!, 1, store.deliveries)).toBe(42);
    // 13 bytes per record and 8 per distinct time (0.5, 1.5, 2), and 8 per value (the emit's id, the delay).
    expect(store.usedBytes()).toBe(4 * RECORD_BYTES + 3 * 8 + 2 * 8);
  });
});

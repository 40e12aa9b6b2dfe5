import { describe, expect, it } from 'vitest';
import { parseTopologyValue } from '../schema';
import orderEventsJson from './__fixtures__/order-events.json';
import { createSimulation, simulate } from './simulation';
import { edge, topo } from './test-helpers';

const orderEvents = (() => {
  // A copy of shared/spec/examples/order-events.json.
  const parsed = parseTopologyValue(orderEventsJson);
  if (!parsed.ok) throw new Error('example does not parse');
  return parsed.topology;
})();

function traceLines(sim: ReturnType<typeof simulate>): string {
  const out: string[] = [];
  for (let i = 0; i < sim.trace.length; i++) out.push(JSON.stringify(sim.trace.get(i)));
  return out.join('\n');
}

describe('the order-events example', () => {
  it('runs, conserves deliveries and is sane', () => {
    const { result } = simulate(orderEvents);
    expect(result.conservation).toEqual({ ok: true });
    expect(result.truncated).toBe(false);
    expect(result.totals.pending).toBe(0);
    const orders = result.nodes['orders']!;
    // poisson rate 2 for 60 s: 120 expected, SD ≈ 11.
    expect(orders.published as number).toBeGreaterThan(70);
    expect(orders.published as number).toBeLessThan(170);
    const email = result.nodes['email']!;
    expect(email.failed as number).toBeGreaterThan(0);
    // Customer k7 always fails: something reaches the DLQ.
    expect(result.nodes['email-dlq']!.received as number).toBeGreaterThan(0);
    // Each OrderPlaced fans out to 4 subscriptions; each PaymentSucceeded to the view.
    const payments = result.nodes['payments']!;
    expect(result.nodes['order-view']!.received).toBe((orders.published as number) + (payments.emitted as number));
    expect(result.nodes['inventory']!.duplicatesSkipped as number).toBeGreaterThanOrEqual(0);
    expect(result.simulatedTime).toBeGreaterThanOrEqual(59);
  });

  it('is a pure function of (topology, seed): identical result and trace', () => {
    const a = simulate(orderEvents);
    const b = simulate(orderEvents);
    expect(JSON.stringify(b.result)).toBe(JSON.stringify(a.result));
    expect(traceLines(b)).toBe(traceLines(a));
    const c = simulate(orderEvents, { seed: 8 });
    expect(JSON.stringify(c.result)).not.toBe(JSON.stringify(a.result));
  });

  it('does not depend on the order of nodes and edges in the document', () => {
    const shuffled = { ...orderEvents, nodes: [...orderEvents.nodes].reverse(), edges: [...orderEvents.edges].reverse() };
    const a = simulate(orderEvents).result;
    const b = simulate(shuffled).result;
    for (const id of Object.keys(a.nodes)) {
      const x = a.nodes[id]!;
      const y = b.nodes[id]!;
      expect(y.published ?? y.received).toBe(x.published ?? x.received);
    }
    expect(b.totals).toEqual(a.totals);
  });

  it('asking for the result mid-run does not change the final result', () => {
    const sim = createSimulation(orderEvents);
    for (let i = 0; i < 1500; i++) sim.step();
    sim.result();
    sim.runToEnd();
    sim.result();
    expect(JSON.stringify(sim.result())).toBe(JSON.stringify(simulate(orderEvents).result));
  });

  it('seeks backwards and forwards to the same state', () => {
    const sim = createSimulation(orderEvents);
    for (let i = 0; i < 500; i++) sim.step();
    const at500 = JSON.stringify(sim.state());
    const records500 = sim.recordCount;
    for (let i = 0; i < 300; i++) sim.step();
    sim.seek(500);
    expect(JSON.stringify(sim.state())).toBe(at500);
    expect(sim.recordCount).toBe(records500);
    sim.seek(800);
    const end = sim.runToEnd();
    expect(JSON.stringify(end)).toBe(JSON.stringify(simulate(orderEvents).result));
  });

  it('a checkpoint taken before a stream partition is re-read after a takeover resumes its log as it was', () => {
    // Member a goes down at 22.3 s (between two commits); past the session timeout its partitions
    // move to b, which re-reads them from the committed offsets and hands out new copies of the
    // records settled since that commit.
    // Checkpoints share each partition log below its committed offset only.
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'E', rate: 4, keys: 6 }] },
        { id: 's', kind: 'stream', partitions: 3 },
        { id: 'a', kind: 'consumer', processingTime: 0.05 },
        { id: 'b', kind: 'consumer', processingTime: 0.05 },
      ],
      [edge('p', 's'), { id: 'ga', from: 's', to: 'a', kind: 'group', group: 'G' }, { id: 'gb', from: 's', to: 'b', kind: 'group', group: 'G' }],
      { simulation: { duration: 120 }, faults: [{ node: 'a', type: 'down', from: 22.3, to: 110 }] },
    );
    const reference = simulate(t);
    expect(reference.result.nodes['b']!.duplicatesProcessed).toBeGreaterThan(0); // the re-read happened
    const sim = createSimulation(t, { checkpointInterval: 16 });
    sim.runToEnd();
    const end = sim.eventIndex;
    for (const fraction of [0.9, 0.3, 0.6, 0.45, 0.75]) {
      const k = Math.floor(end * fraction);
      sim.seek(k);
      const straight = createSimulation(t, { checkpoints: false });
      straight.seek(k);
      expect(JSON.stringify(sim.state())).toBe(JSON.stringify(straight.state()));
      // On to the end from here: through the takeover when the point is before it.
      expect(JSON.stringify(sim.runToEnd())).toBe(JSON.stringify(reference.result));
    }
  });

  it('a checkpoint taken while dead letters wait for a later redrive resumes them as they were', () => {
    // Every delivery is settled or dead-lettered by t ≈ 10; checkpoints share the settled prefix of
    // the delivery table, which must stop at a dead letter: the redrive at t = 30 changes it.
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1, arrival: 'constant', count: 10 }] },
        { id: 'q', kind: 'queue', retry: { maxAttempts: 1 } },
        { id: 'c', kind: 'consumer', processingTime: 0.1, failure: { firstAttempts: 1 } },
        { id: 'dlq', kind: 'deadletter', redrive: [{ at: 30 }] },
      ],
      [edge('p', 'q'), edge('q', 'c'), edge('q', 'dlq')],
      { simulation: { duration: 60 } },
    );
    const reference = simulate(t);
    expect(reference.result.nodes['dlq']).toMatchObject({ redriven: 10 });
    const sim = createSimulation(t, { checkpointInterval: 4 });
    sim.runToEnd();
    const redriveEvent = (() => {
      const probe = createSimulation(t, { checkpoints: false });
      while (probe.time < 30 && !probe.finished) probe.step();
      return probe.eventIndex;
    })();
    sim.seek(redriveEvent - 2);
    expect(sim.time).toBeLessThan(30);
    expect(JSON.stringify(sim.runToEnd())).toBe(JSON.stringify(reference.result));
  });
});

describe('exact timelines', () => {
  it('constant arrivals at start + k/rate, stopping at the first arrival ≥ duration', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 3, arrival: 'constant', start: 0.5 }] },
        { id: 'q', kind: 'queue' },
        { id: 'c', kind: 'consumer', processingTime: 0 },
      ],
      [edge('p', 'q'), edge('q', 'c')],
      { simulation: { duration: 2 } },
    );
    const { result, trace } = simulate(t);
    // 0.5, 0.8333, 1.1667, 1.5, 1.8333 → 5 messages; 2.1667 ≥ 2 is not sent.
    expect(result.nodes['p']!.published).toBe(5);
    const publishTimes: number[] = [];
    for (let i = 0; i < trace.length; i++) {
      const r = trace.get(i);
      if (r.type === 'publish') publishTimes.push(r.t);
    }
    expect(publishTimes).toEqual([0, 1, 2, 3, 4].map((k) => 0.5 + k / 3));
    expect(result.nodes['c']!.latency).toEqual({ mean: 0, p50: 0, p95: 0, p99: 0, max: 0 });
  });

  it('count and burst: a burst counts toward count, is dropped at ≥ duration', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1, arrival: 'constant', count: 4, burst: { at: 0.5, count: 10 } }] },
        { id: 'p2', kind: 'producer', messages: [{ type: 'B', rate: 0, burst: { at: 5, count: 10 } }] },
        { id: 'q', kind: 'queue' },
        { id: 'c', kind: 'consumer', processingTime: 0 },
      ],
      [edge('p', 'q'), edge('p2', 'q'), edge('q', 'c')],
      { simulation: { duration: 5 } },
    );
    const { result } = simulate(t);
    expect(result.nodes['p']!.published).toBe(4);
    expect(result.nodes['p2']!.published).toBe(0);
  });

  it('exponential backoff gives exact attempt times; exhausted → DLQ with p^k share', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1, arrival: 'constant', count: 1 }] },
        { id: 'q', kind: 'queue', retry: { maxAttempts: 5, backoff: { type: 'exponential', initial: 1, multiplier: 2 } } },
        { id: 'c', kind: 'consumer', processingTime: 0, failure: { probability: 1 } },
        { id: 'dlq', kind: 'deadletter' },
      ],
      [edge('p', 'q'), edge('q', 'c'), edge('q', 'dlq')],
    );
    const { result, trace } = simulate(t);
    const delivers: number[] = [];
    for (let i = 0; i < trace.length; i++) if (trace.get(i).type === 'deliver') delivers.push(trace.get(i).t);
    // Attempt i starts at b(f^{i−1} − 1)/(f − 1) = 2^{i−1} − 1.
    expect(delivers).toEqual([0, 1, 3, 7, 15]);
    expect(result.nodes['dlq']!.received).toBe(1);
    expect(result.nodes['q']!.retried).toBe(4);
    expect(result.nodes['q']!.deadLettered).toBe(1);
    expect(result.simulatedTime).toBe(15);
  });

  it('firstAttempts n: succeeds on attempt n+1', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1, arrival: 'constant', count: 3 }] },
        { id: 'q', kind: 'queue', retry: { maxAttempts: 4, backoff: { type: 'fixed', initial: 2 } } },
        { id: 'c', kind: 'consumer', processingTime: 0.5, failure: { firstAttempts: 2 } },
      ],
      [edge('p', 'q'), edge('q', 'c')],
      { simulation: { duration: 3 } },
    );
    const { result } = simulate(t);
    expect(result.nodes['c']).toMatchObject({ received: 9, processed: 3, failed: 6, acked: 3 });
  });

  it('a queue without retry redelivers after the visibility timeout and keeps retrying', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1, arrival: 'constant', count: 1 }] },
        { id: 'q', kind: 'queue', visibilityTimeout: 10, retention: 35 },
        { id: 'c', kind: 'consumer', processingTime: 1, failure: { probability: 1 } },
      ],
      [edge('p', 'q'), edge('q', 'c')],
    );
    const { result, trace } = simulate(t);
    const delivers: number[] = [];
    for (let i = 0; i < trace.length; i++) if (trace.get(i).type === 'deliver') delivers.push(trace.get(i).t);
    expect(delivers).toEqual([0, 10, 20, 30]);
    // Ready again at 40 ≥ retention 35 after enqueue: discarded, counted on the queue.
    expect(result.nodes['q']!.discarded).toBe(1);
    expect(result.totals.discarded).toBe(1);
    expect(result.conservation.ok).toBe(true);
  });

  it('meanDepth is the time integral of ready messages over simulatedTime; later no-op events do not count', () => {
    const t = topo(
      [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 0, burst: { at: 0, count: 10 } }] },
        { id: 'q', kind: 'queue', retention: 100 },
        { id: 'c', kind: 'consumer' },
        { id: 'q2', kind: 'queue' },
      ],
      [edge('p', 'q'), edge('q2', 'c')],
      { faults: [{ node: 'c', type: 'down', from: 400, to: 500 }] },
    );
    const { result } = simulate(t);
    expect(result.simulatedTime).toBe(100);
    expect(result.nodes['q']).toMatchObject({ maxDepth: 10, meanDepth: 10, discarded: 10 });
  });
});

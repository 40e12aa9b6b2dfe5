import { describe, expect, it } from 'vitest';
import { parseTopologyValue } from '../../core/schema';
import { createSimulation, simulate } from '../../core/sim';
import { buildJourney } from './journey';
import { exampleTopology, traceViewOf } from './test-support';
import { TYPE_INDEX } from './trace-view';
import { TRACE_BLOCK } from '../../worker/protocol';

describe('TraceView (the page copy of a run)', () => {
  const topology = exampleTopology('order-events');
  const { trace } = traceViewOf(topology, 7);
  const reference = simulate(topology, { seed: 7 });

  it('holds every record, with the sentences the engine writes', () => {
    expect(trace.records).toBe(reference.trace.length);
    const ctxSim = reference.simulation;
    for (const i of [0, 5, 99, 1000, trace.records - 1]) {
      expect(trace.record(i)).toEqual(reference.trace.get(i));
      expect(trace.sentence(i)).toBe(ctxSim.sentence(i));
    }
  });

  it('keeps a run of many blocks intact: every record, in order, across block boundaries', () => {
    const parsed = parseTopologyValue({
      format: 'fanout/topology',
      version: 1,
      name: 'blocks',
      simulation: { seed: 3, duration: 60, maxEvents: 3 * TRACE_BLOCK + 123 },
      nodes: [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 500, keys: 10 }] },
        { id: 'q', kind: 'queue', retry: { maxAttempts: 2 } },
        { id: 'c', kind: 'consumer', concurrency: 20, processingTime: 0.01, failure: { probability: 0.2 } },
        { id: 'd', kind: 'deadletter' },
      ],
      edges: [
        { id: 'e1', from: 'p', to: 'q' },
        { id: 'e2', from: 'q', to: 'c' },
        { id: 'e3', from: 'q', to: 'd', kind: 'deadLetter' },
      ],
    });
    if (!parsed.ok) throw new Error('test topology does not parse');
    const big = traceViewOf(parsed.topology, 3).trace;
    const ref = simulate(parsed.topology, { seed: 3 });
    expect(big.records).toBe(ref.trace.length);
    expect(big.records).toBeGreaterThan(3 * TRACE_BLOCK);
    for (let i = 0; i < big.records; i++) {
      const r = ref.trace.get(i);
      if (big.t.at(i) !== r.t || big.msg.at(i) !== r.msg || big.type.at(i) !== TYPE_INDEX[r.type]) expect(big.record(i)).toEqual(r);
    }
    for (const i of [TRACE_BLOCK - 1, TRACE_BLOCK, 2 * TRACE_BLOCK + 5, big.records - 1]) expect(big.record(i)).toEqual(ref.trace.get(i));
  });

  it('maps steps to records and times, and records back to the step that wrote them', () => {
    const sim = createSimulation(topology, { seed: 7 });
    let step = 0;
    // Walk the first 300 events with the engine and check the step table agrees.
    for (let e = 0; e < 300 && !sim.finished; e++) {
      const before = sim.recordCount;
      sim.step();
      if (sim.recordCount === before) continue;
      step++;
      expect(trace.recordsAt(step)).toBe(sim.recordCount);
      expect(trace.timeAt(step)).toBe(sim.time);
      expect(trace.stepOfRecord(sim.recordCount - 1)).toBe(step);
      expect(trace.stepOfRecord(before)).toBe(step);
    }
    expect(trace.recordsAt(0)).toBe(0);
    expect(trace.timeAt(0)).toBe(0);
    const t = trace.timeAt(120);
    expect(trace.stepAtTime(t)).toBeGreaterThanOrEqual(120);
    expect(trace.timeAt(trace.stepAtTime(t) + 1)).toBeGreaterThan(t);
  });

  it('builds the journey of a message and of the messages it caused, as the engine does', () => {
    // Find an order whose payment was emitted (PaymentSucceeded caused by it).
    let order = -1;
    for (let m = 0; m < trace.messages; m++) {
      const cause = trace.msgCause[m]!;
      if (cause >= 0 && trace.messageType(m) === 'PaymentSucceeded') {
        order = cause;
        break;
      }
    }
    expect(order).toBeGreaterThanOrEqual(0);
    const journey = buildJourney(trace, order);
    const engine = reference.simulation.journey(order);
    expect(journey.records.map((r) => r.index)).toEqual(engine.map((r) => r.index));
    expect(journey.messages.length).toBeGreaterThan(1);
    expect(journey.records.some((r) => r.type === 'emit')).toBe(true);
    const names = journey.lanes.map((n) => trace.nodes[n]!.id);
    expect(names.slice(0, 2)).toEqual(['orders', 'order-events']);
  });
});

describe('partitions blocked by in-place retries', () => {
  it('counts a stream position as blocked from its retry until the delay has run out', () => {
    const parsed = parseTopologyValue({
      format: 'fanout/topology',
      version: 1,
      simulation: { seed: 1, duration: 5 },
      nodes: [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 2, arrival: 'constant', keys: 4 }] },
        { id: 's', kind: 'stream', partitions: 2, retry: { maxAttempts: 3, backoff: { type: 'fixed', initial: 2 } } },
        { id: 'c', kind: 'consumer', processingTime: 0.1, failure: { firstAttempts: 1 } },
      ],
      edges: [
        { id: 'e1', from: 'p', to: 's' },
        { id: 'e2', from: 's', to: 'c', kind: 'group', group: 'g' },
      ],
    });
    if (!parsed.ok) return expect.fail(parsed.errors.map((e) => e.message).join('; '));
    const { trace } = traceViewOf(parsed.topology, 1);
    const stream = trace.nodes.findIndex((n) => n.kind === 'stream');
    let retry = -1;
    for (let i = 0; i < trace.records; i++) {
      if (trace.node.at(i) === stream && trace.record(i).type === 'retry' && (trace.value.at(i) ?? 0) > 0) {
        retry = i;
        break;
      }
    }
    if (retry < 0) return expect.fail('the stream example has an in-place retry with a delay');
    expect(trace.blockedAt(stream, retry)).toBe(0);
    expect(trace.blockedAt(stream, retry + 1)).toBeGreaterThanOrEqual(1);
    // At the end every retry delay has run out: nothing is blocked.
    expect(trace.blockedAt(stream, trace.records)).toBe(0);
  });
});

describe('TraceView: messages on edges with latency', () => {
  it('knows which messages are on an edge with latency at a moment, and how far along', () => {
    const parsed = parseTopologyValue({
      format: 'fanout/topology',
      version: 1,
      name: 'transit',
      simulation: { seed: 1, duration: 10 },
      nodes: [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1, arrival: 'constant', count: 3 }] },
        { id: 't', kind: 'topic' },
        { id: 'q', kind: 'queue' },
        { id: 'c', kind: 'consumer', processingTime: 0.1 },
      ],
      edges: [
        { id: 'slow', from: 'p', to: 't', latency: 2 },
        { id: 'fast', from: 't', to: 'q' },
        { id: 'use', from: 'q', to: 'c' },
      ],
    });
    if (!parsed.ok) throw new Error('bad topology');
    const { trace } = traceViewOf(parsed.topology, 1);
    const slow = trace.edges.findIndex((e) => e.id === 'slow');
    const at = (time: number) => {
      const step = trace.stepAtTime(time);
      return trace.inTransitAt(trace.recordsAt(step), time).map((x) => [x.edge, x.msg, x.f]).sort((a, b) => a[1]! - b[1]!);
    };
    // Messages leave at 0, 1, 2 and take 2 s: at 1.5 s, #0 is 3/4 of the way and #1 a quarter.
    expect(at(1.5)).toEqual([
      [slow, 0, 0.75],
      [slow, 1, 0.25],
    ]);
    // #0 arrived at 2 s (and crosses the edge without latency at once); #2 has just left.
    expect(at(2)).toEqual([
      [slow, 1, 0.5],
      [slow, 2, 0],
    ]);
    expect(at(5)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { simulate } from '../../core/sim';
import { computeMetrics } from './metrics';
import { exampleTopology, traceViewOf } from './test-support';

describe('metrics from the trace', () => {
  for (const [name, seed] of [
    ['order-events', 7],
    ['work-queue', 1],
  ] as const) {
    it(`${name}: queue depth peaks at the result's maxDepth; counts add up to the result`, () => {
      const topology = exampleTopology(name);
      const { trace } = traceViewOf(topology, seed);
      const { result } = simulate(topology, { seed });
      const m = computeMetrics(trace, 60);
      for (const [id, r] of Object.entries(result.nodes)) {
        if (r.kind === 'queue') expect(m.maxDepth[id], `${id} maxDepth`).toBe(r.maxDepth);
      }
      const dead = m.deadLettered[0]!.values;
      expect(dead[dead.length - 1]).toBe(result.totals.deadLettered);
      const acked = m.throughput[0]!.values.reduce((a, v) => a + v * m.width, 0);
      const consumerAcks = Object.values(result.nodes).reduce((a, r) => a + (typeof r.acked === 'number' ? r.acked : 0), 0);
      expect(Math.round(acked)).toBe(consumerAcks);
      const published = m.throughput[1]!.values.reduce((a, v) => a + v * m.width, 0);
      expect(Math.round(published)).toBe(result.totals.published);
    });
  }
});

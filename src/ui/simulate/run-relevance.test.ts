import { describe, expect, it } from 'vitest';
import type { Topology } from '../../core/schema';
import { changesRun } from './run-relevance';

const doc = {
  format: 'fanout/topology',
  version: 1,
  name: 'demo',
  simulation: { seed: 1, duration: 60, maxEvents: 1_000_000 },
  nodes: [
    { id: 'p', kind: 'producer', position: { x: 0, y: 0 }, messages: [{ type: 'A', rate: 1 }] },
    { id: 'q', kind: 'queue', position: { x: 200, y: 0 } },
  ],
  edges: [{ id: 'e1', from: 'p', to: 'q' }],
} as unknown as Topology;

const withNode = (i: number, patch: object): Topology =>
  ({ ...doc, nodes: doc.nodes.map((n, j) => (j === i ? { ...n, ...patch } : n)) }) as Topology;

describe('changesRun', () => {
  it('ignores positions, labels, notes and ui hints', () => {
    expect(changesRun(doc, withNode(1, { position: { x: 5, y: 9 } }))).toBe(false);
    expect(changesRun(doc, withNode(0, { label: 'Orders', notes: '# hi', ui: { color: 'red' } }))).toBe(false);
    expect(changesRun(doc, { ...doc, edges: [{ ...doc.edges[0]!, ui: { bend: 1 } } as never] })).toBe(false);
  });

  it('counts every other change', () => {
    expect(changesRun(doc, withNode(1, { capacity: 5 }))).toBe(true);
    expect(changesRun(doc, { ...doc, simulation: { ...doc.simulation, seed: 2 } })).toBe(true);
    expect(changesRun(doc, { ...doc, name: 'other' })).toBe(true);
    expect(changesRun(doc, { ...doc, edges: [] })).toBe(true);
    expect(changesRun(doc, { ...doc, edges: [{ ...doc.edges[0]!, latency: 1 } as never] })).toBe(true);
    expect(changesRun(doc, { ...doc, faults: [{ node: 'q', type: 'down', from: 0, to: 1 }] } as Topology)).toBe(true);
  });
});

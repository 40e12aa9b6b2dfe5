/**
 * Invariants of the validator over arbitrary schema-valid topologies (fast-check): it never
 * throws, is deterministic, sorts by severity, takes severities from the table, and only points at
 * things that exist. And the diagnostics do not depend on the order nodes and edges are listed in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryTopology } from '../codec/arbitrary-topology';
import type { Topology } from '../schema';
import { DIAGNOSTICS, hasErrors, validateTopology } from './index';

const RANK = { error: 0, warning: 1, info: 2 } as const;
const uniqueIds = (t: Topology) => new Set(t.nodes.map((n) => n.id)).size === t.nodes.length && new Set(t.edges.map((e) => e.id)).size === t.edges.length;

describe('validateTopology properties', () => {
  it('never throws, is deterministic, sorted, consistent with the table, and points at what exists', () => {
    fc.assert(
      fc.property(arbitraryTopology(10), (t) => {
        const first = validateTopology(t);
        expect(validateTopology(t)).toEqual(first);
        const ranks = first.map((d) => RANK[d.severity]);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        expect(hasErrors(first)).toBe(first.some((d) => d.severity === 'error'));
        const nodeIds = new Set(t.nodes.map((n) => n.id));
        const edgeIds = new Set(t.edges.map((e) => e.id));
        for (const d of first) {
          expect(DIAGNOSTICS[d.code].severity).toBe(d.severity);
          for (const id of d.nodeIds) expect(nodeIds.has(id), `${d.code} names node ${id}`).toBe(true);
          for (const id of d.edgeIds) expect(edgeIds.has(id), `${d.code} names edge ${id}`).toBe(true);
          const m = /^(nodes|edges|faults)\[(\d+)\]/.exec(d.path);
          if (m) {
            const list = m[1] === 'nodes' ? t.nodes : m[1] === 'edges' ? t.edges : (t.faults ?? []);
            expect(Number(m[2])).toBeLessThan(list.length);
          } else expect(['', 'nodes']).toContain(d.path);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same findings whatever order nodes and edges are listed in', () => {
    fc.assert(
      fc.property(
        arbitraryTopology(8).filter(uniqueIds),
        fc.infiniteStream(fc.nat()),
        (t, random) => {
          const shuffle = <T,>(xs: T[]) => {
            const out = [...xs];
            for (let i = out.length - 1; i > 0; i--) {
              const j = random.next().value % (i + 1);
              [out[i], out[j]] = [out[j]!, out[i]!];
            }
            return out;
          };
          const shuffled: Topology = { ...t, nodes: shuffle(t.nodes), edges: shuffle(t.edges) };
          const summary = (x: Topology) =>
            validateTopology(x)
              .map((d) => `${d.code}|${[...d.nodeIds].sort().join(',')}`)
              .sort();
          expect(summary(shuffled)).toEqual(summary(t));
        },
      ),
      { numRuns: 200 },
    );
  });
});

/**
 * Invariants of the editing operations under random sequences of edits: the document always
 * parses, ids stay unique, no edge dangles, every edge fits the edge table, and undo returns
 * exactly the earlier document.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTopologyValue, type Topology } from '../core/schema';
import { NODE_KINDS } from '../core/schema/nodes';
import { edgeAllowed } from '../core/rules/edges';
import { createNode } from './new-node';
import { addNode, connect, effectiveEdgeKind, extractFragment, moveNodes, pasteFragment, removeElements, takenIds } from './operations';
import { createFanoutStore } from './store';

type Op =
  | { op: 'add'; kind: number; x: number; y: number }
  | { op: 'connect'; a: number; b: number }
  | { op: 'remove'; a: number; withEdge: boolean }
  | { op: 'move'; a: number; x: number; y: number }
  | { op: 'duplicate'; a: number; b: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), kind: fc.nat(NODE_KINDS.length - 1), x: fc.integer({ min: -2000, max: 2000 }), y: fc.integer({ min: -2000, max: 2000 }) }),
  fc.record({ op: fc.constant('connect' as const), a: fc.nat(50), b: fc.nat(50) }),
  fc.record({ op: fc.constant('remove' as const), a: fc.nat(50), withEdge: fc.boolean() }),
  fc.record({ op: fc.constant('move' as const), a: fc.nat(50), x: fc.integer({ min: -2000, max: 2000 }), y: fc.integer({ min: -2000, max: 2000 }) }),
  fc.record({ op: fc.constant('duplicate' as const), a: fc.nat(50), b: fc.nat(50) }),
);

function apply(doc: Topology, o: Op): Topology {
  const pick = (i: number) => doc.nodes[i % Math.max(1, doc.nodes.length)];
  switch (o.op) {
    case 'add':
      return addNode(doc, { node: createNode(NODE_KINDS[o.kind]!, { x: o.x, y: o.y }, takenIds(doc)) });
    case 'connect': {
      const a = pick(o.a);
      const b = pick(o.b);
      if (!a || !b) return doc;
      const r = connect(doc, { from: a.id, to: b.id });
      return r.ok ? r.doc : doc;
    }
    case 'remove': {
      const a = pick(o.a);
      if (!a) return doc;
      return o.withEdge && doc.edges[0] ? removeElements(doc, { edgeIds: [doc.edges[0].id] }) : removeElements(doc, { nodeIds: [a.id] });
    }
    case 'move': {
      const a = pick(o.a);
      return a ? moveNodes(doc, { positions: { [a.id]: { x: o.x, y: o.y } } }) : doc;
    }
    case 'duplicate': {
      const a = pick(o.a);
      const b = pick(o.b);
      if (!a || !b) return doc;
      return pasteFragment(doc, { fragment: extractFragment(doc, { nodeIds: [a.id, b.id] }) }).doc;
    }
  }
}

function checkInvariants(doc: Topology) {
  const parsed = parseTopologyValue(JSON.parse(JSON.stringify(doc)));
  expect(parsed.ok ? [] : parsed.errors.map((e) => e.message)).toEqual([]);
  const ids = [...doc.nodes.map((n) => n.id), ...doc.edges.map((e) => e.id)];
  expect(new Set(ids).size).toBe(ids.length);
  const kinds = new Map(doc.nodes.map((n) => [n.id, n.kind]));
  for (const e of doc.edges) {
    const from = kinds.get(e.from);
    const to = kinds.get(e.to);
    expect(from && to).toBeTruthy();
    expect(edgeAllowed(effectiveEdgeKind(doc, e)!, from!, to!)).toBe(true);
  }
}

describe('operations under random edit sequences', () => {
  it('keep the document valid, ids unique, edges attached and allowed', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => {
        let doc: Topology = { format: 'fanout/topology', version: 1, nodes: [], edges: [] };
        for (const o of ops) doc = apply(doc, o);
        checkInvariants(doc);
      }),
      { numRuns: 150 },
    );
  });

  it('undo walks back through exactly the documents the edits produced', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), (ops) => {
        const store = createFanoutStore();
        const history: Topology[] = [store.getState().document];
        for (const o of ops) {
          store.getState().edit((d) => apply(d, o));
          const now = store.getState().document;
          if (now !== history.at(-1)) history.push(now);
        }
        for (let i = history.length - 1; i > 0; i--) {
          expect(store.getState().document).toBe(history[i]);
          store.getState().undo();
        }
        expect(store.getState().document).toBe(history[0]);
      }),
      { numRuns: 100 },
    );
  });
});

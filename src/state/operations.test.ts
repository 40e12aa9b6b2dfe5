import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parseTopology, type Topology } from '../core/schema';
import { NODE_KINDS } from '../core/schema/nodes';
import { createNode } from './new-node';
import {
  addNode,
  connect,
  effectiveEdgeKind,
  emptyDocument,
  extractFragment,
  freshId,
  moveNodes,
  nudgeNodes,
  pasteFragment,
  removeElements,
  renameNode,
  setDocumentFields,
  setNodeFaults,
  takenIds,
  updateNode,
} from './operations';

function example(): Topology {
  const parsed = parseTopology(readFileSync(new URL('../core/schema/__fixtures__/spec-order-events.json', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
  return parsed.topology;
}

function withNodes(...kinds: (typeof NODE_KINDS)[number][]): Topology {
  let doc = emptyDocument();
  for (const kind of kinds) doc = addNode(doc, { node: createNode(kind, { x: 0, y: 0 }, takenIds(doc)) });
  return doc;
}

describe('freshId', () => {
  it('derives ids from the base and skips taken ones', () => {
    expect(freshId('queue', new Set())).toBe('queue-1');
    expect(freshId('queue', new Set(['queue-1', 'queue-2']))).toBe('queue-3');
    expect(freshId('email-queue', new Set(['email-queue']), 2)).toBe('email-queue-2');
    expect(freshId('queue-7', new Set(['queue-2']), 2)).toBe('queue-3');
  });
  it('always yields a schema-valid unused id', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 90 }), fc.array(fc.string({ maxLength: 70 }), { maxLength: 20 }), (base, taken) => {
        const id = freshId(base, new Set(taken));
        expect(id).toMatch(/^[A-Za-z0-9_.-]{1,64}$/);
        expect(taken).not.toContain(id);
      }),
    );
  });
});

describe('addNode / createNode', () => {
  it('gives every kind a valid node with sensible defaults', () => {
    let doc = emptyDocument();
    for (const kind of NODE_KINDS) doc = addNode(doc, { node: createNode(kind, { x: 10.4, y: 20.6 }, takenIds(doc)) });
    expect(parseTopology(JSON.stringify(doc)).ok).toBe(true);
    expect(doc.nodes.find((n) => n.kind === 'producer')).toMatchObject({ id: 'producer-1', messages: [{ type: 'Event', rate: 1 }], position: { x: 10, y: 21 } });
    expect(doc.nodes.find((n) => n.kind === 'exchange')).toMatchObject({ exchangeType: 'topic' });
    expect(doc.nodes.find((n) => n.kind === 'deadletter')?.id).toBe('dlq-1');
  });
  it('refuses a duplicate id', () => {
    const doc = withNodes('queue');
    expect(() => addNode(doc, { node: { id: 'queue-1', kind: 'queue' } })).toThrow(/already exists/);
  });
});

describe('moveNodes / nudgeNodes', () => {
  it('moves only the named nodes and keeps the others identical', () => {
    const doc = withNodes('queue', 'topic');
    const moved = moveNodes(doc, { positions: { 'queue-1': { x: 5, y: 6 } } });
    expect(moved.nodes[0]!.position).toEqual({ x: 5, y: 6 });
    expect(moved.nodes[1]).toBe(doc.nodes[1]);
  });
  it('returns the same document when nothing moves', () => {
    const doc = withNodes('queue');
    expect(moveNodes(doc, { positions: { 'queue-1': { x: 0, y: 0 } } })).toBe(doc);
    expect(moveNodes(doc, { positions: {} })).toBe(doc);
  });
  it('nudges by an offset', () => {
    const doc = nudgeNodes(withNodes('queue'), { ids: ['queue-1'], dx: 10, dy: -1 });
    expect(doc.nodes[0]!.position).toEqual({ x: 10, y: -1 });
  });
});

describe('connect', () => {
  it('infers the natural kind from the edge table', () => {
    const doc = withNodes('exchange', 'queue', 'consumer', 'producer', 'stream', 'deadletter');
    const bind = connect(doc, { from: 'exchange-1', to: 'queue-1' });
    expect(bind).toMatchObject({ ok: true, edge: { kind: 'bind', bindingKey: '#' } });
    const consume = connect(doc, { from: 'queue-1', to: 'consumer-1' });
    expect(consume).toMatchObject({ ok: true, edge: { kind: 'consume' } });
    const group = connect(doc, { from: 'stream-1', to: 'consumer-1' });
    expect(group).toMatchObject({ ok: true, edge: { kind: 'group', group: 'consumer-1' } });
    const dl = connect(doc, { from: 'queue-1', to: 'dlq-1' });
    expect(dl).toMatchObject({ ok: true, edge: { kind: 'deadLetter' } });
    expect(connect(doc, { from: 'exchange-1', to: 'queue-1', kind: 'alternate' })).toMatchObject({ ok: true, edge: { kind: 'alternate' } });
  });
  it('refuses what the table forbids, with the reason', () => {
    const doc = withNodes('producer', 'consumer');
    const refused = connect(doc, { from: 'producer-1', to: 'consumer-1' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reason).toMatch(/cannot send to a consumer directly/);
    expect(connect(doc, { from: 'producer-1', to: 'producer-1' }).ok).toBe(false);
    expect(connect(doc, { from: 'producer-1', to: 'nope' })).toEqual({ ok: false, reason: 'no node with id "nope"' });
  });
  it('refuses a duplicate edge of the same kind', () => {
    const doc = withNodes('producer', 'topic');
    const first = connect(doc, { from: 'producer-1', to: 'topic-1' });
    if (!first.ok) throw new Error(first.reason);
    expect(connect(first.doc, { from: 'producer-1', to: 'topic-1' }).ok).toBe(false);
  });
  it('produces documents that parse, for every allowed pair', () => {
    let doc = emptyDocument();
    for (const kind of NODE_KINDS) doc = addNode(doc, { node: createNode(kind, { x: 0, y: 0 }, takenIds(doc)) });
    for (const a of doc.nodes) for (const b of doc.nodes) {
      const r = connect(doc, { from: a.id, to: b.id });
      if (r.ok) doc = r.doc;
    }
    expect(doc.edges.length).toBeGreaterThan(20);
    const parsed = parseTopology(JSON.stringify(doc));
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
  });
  it('reads the implied kind of edges that omit it', () => {
    const doc = example();
    expect(effectiveEdgeKind(doc, doc.edges.find((e) => e.id === 'e3')!)).toBe('consume');
    expect(effectiveEdgeKind(doc, doc.edges.find((e) => e.id === 'e4')!)).toBe('deadLetter');
  });
});

describe('updateNode / renameNode', () => {
  it('replaces a node and refuses a kind change', () => {
    const doc = withNodes('queue');
    const next = updateNode(doc, { node: { id: 'queue-1', kind: 'queue', fifo: true } });
    expect(next.nodes[0]).toEqual({ id: 'queue-1', kind: 'queue', fifo: true });
    expect(() => updateNode(doc, { node: { id: 'queue-1', kind: 'topic' } })).toThrow(/kind/);
  });
  it('renames a node in edges and faults too', () => {
    const doc = setNodeFaults(example(), { node: 'email', faults: [{ node: 'email', type: 'down', from: 1, to: 2 }] });
    const next = renameNode(doc, { from: 'email', to: 'mailer' });
    expect(next.edges.find((e) => e.id === 'e3')!.to).toBe('mailer');
    expect(next.faults).toEqual([{ node: 'mailer', type: 'down', from: 1, to: 2 }]);
    expect(() => renameNode(next, { from: 'mailer', to: 'orders' })).toThrow(/already used/);
  });
});

describe('removeElements', () => {
  it('removes nodes with their edges and faults', () => {
    const doc = setNodeFaults(example(), { node: 'email', faults: [{ node: 'email', type: 'down', from: 1, to: 2 }] });
    const next = removeElements(doc, { nodeIds: ['email-queue'] });
    expect(next.nodes.map((n) => n.id)).not.toContain('email-queue');
    expect(next.edges.map((e) => e.id)).not.toContain('e2');
    expect(next.edges.map((e) => e.id)).not.toContain('e3');
    expect(next.edges.map((e) => e.id)).not.toContain('e4');
    expect(next.faults).toHaveLength(1);
    expect(removeElements(next, { nodeIds: ['email'] }).faults).toEqual([]);
  });
  it('removes edges alone', () => {
    const next = removeElements(example(), { edgeIds: ['e1'] });
    expect(next.edges).toHaveLength(9);
    expect(next.nodes).toHaveLength(10);
  });
  it('is a no-op without ids', () => {
    const doc = example();
    expect(removeElements(doc, {})).toBe(doc);
  });
});

describe('fragments: copy and paste', () => {
  it('pastes with fresh ids, remapped edges and an offset', () => {
    const doc = moveNodes(example(), { positions: { 'email-queue': { x: 100, y: 100 }, email: { x: 300, y: 100 } } });
    const fragment = extractFragment(doc, { nodeIds: ['email-queue', 'email'] });
    expect(fragment.edges.map((e) => e.id)).toEqual(['e3']);
    const pasted = pasteFragment(doc, { fragment });
    expect(pasted.nodeIds).toEqual(['email-queue-2', 'email-2']);
    const edge = pasted.doc.edges.find((e) => e.id === pasted.edgeIds[0])!;
    expect(edge).toMatchObject({ from: 'email-queue-2', to: 'email-2' });
    expect(pasted.doc.nodes.find((n) => n.id === 'email-queue-2')!.position).toEqual({ x: 140, y: 140 });
    expect(parseTopology(JSON.stringify(pasted.doc)).ok).toBe(true);
  });
  it('pasting twice never collides', () => {
    const doc = example();
    const fragment = extractFragment(doc, { nodeIds: doc.nodes.map((n) => n.id) });
    const once = pasteFragment(doc, { fragment }).doc;
    const twice = pasteFragment(once, { fragment }).doc;
    const ids = [...twice.nodes.map((n) => n.id), ...twice.edges.map((e) => e.id)];
    expect(new Set(ids).size).toBe(ids.length);
    expect(twice.nodes).toHaveLength(30);
    expect(twice.edges).toHaveLength(30);
  });
  it('drops edges that leave the fragment', () => {
    const fragment = { format: 'fanout/fragment' as const, nodes: [{ id: 'a', kind: 'queue' as const }], edges: [{ id: 'x', from: 'a', to: 'elsewhere' }] };
    expect(pasteFragment(emptyDocument(), { fragment }).doc.edges).toEqual([]);
  });
});

describe('document fields and faults', () => {
  it('sets and clears name, description and simulation', () => {
    const doc = setDocumentFields(emptyDocument(), { name: 'A', simulation: { seed: 3 } });
    expect(doc).toMatchObject({ name: 'A', simulation: { seed: 3 } });
    expect('simulation' in setDocumentFields(doc, { simulation: undefined })).toBe(false);
  });
  it('replaces one node’s faults and drops the array when empty', () => {
    let doc = setNodeFaults(example(), { node: 'email', faults: [{ node: 'x', type: 'slow', factor: 5, from: 0, to: 3 }] });
    expect(doc.faults).toEqual([{ node: 'email', type: 'slow', factor: 5, from: 0, to: 3 }]);
    doc = setNodeFaults(doc, { node: 'email', faults: [] });
    expect(doc.faults).toBeUndefined();
  });
});

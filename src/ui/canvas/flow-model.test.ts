import { describe, expect, it } from 'vitest';
import { addNode, connect, emptyDocument, moveNodes } from '../../state/operations';
import { FlowModel } from './flow-model';

function doc() {
  let d = emptyDocument();
  d = addNode(d, { node: { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1 }], position: { x: 0, y: 0 } } });
  d = addNode(d, { node: { id: 't', kind: 'topic', position: { x: 300, y: 0 } } });
  d = addNode(d, { node: { id: 'q', kind: 'queue', position: { x: 600, y: 0 } } });
  for (const [from, to] of [['p', 't'], ['t', 'q']] as const) {
    const r = connect(d, { from, to });
    if (!r.ok) throw new Error(r.reason);
    d = r.doc;
  }
  return d;
}
const none = { nodes: [], edges: [] };

describe('FlowModel', () => {
  it('derives nodes and edges with kinds, labels and selection', () => {
    const model = new FlowModel();
    const d = doc();
    const nodes = model.nodes(d, { nodes: ['t'], edges: [] });
    expect(nodes.map((n) => [n.id, n.type, n.selected])).toEqual([['p', 'producer', false], ['t', 'topic', true], ['q', 'queue', false]]);
    expect(nodes[0]!.ariaLabel).toBe('Producer p');
    const edges = model.edges(d, none);
    expect(edges.map((e) => e.data!.kind)).toEqual(['publish', 'subscribe']);
  });
  it('keeps unchanged nodes and the whole edges array identical across a move', () => {
    const model = new FlowModel();
    const d1 = doc();
    const n1 = model.nodes(d1, none);
    const e1 = model.edges(d1, none);
    const d2 = moveNodes(d1, { positions: { t: { x: 310, y: 5 } } });
    const n2 = model.nodes(d2, none);
    expect(n2[0]).toBe(n1[0]);
    expect(n2[2]).toBe(n1[2]);
    expect(n2[1]).not.toBe(n1[1]);
    expect(n2[1]!.position).toEqual({ x: 310, y: 5 });
    expect(model.edges(d2, none)).toBe(e1);
  });
  it('hands measured sizes back to React Flow', () => {
    const model = new FlowModel();
    const d = doc();
    expect(model.setMeasured('p', { width: 208, height: 72 })).toBe(true);
    expect(model.setMeasured('p', { width: 208, height: 72 })).toBe(false);
    expect(model.nodes(d, none)[0]!.measured).toEqual({ width: 208, height: 72 });
  });
  it('skips edges whose nodes are missing', () => {
    const model = new FlowModel();
    const d = { ...doc(), edges: [{ id: 'x', from: 'p', to: 'ghost' }] };
    expect(model.edges(d, none)).toEqual([]);
  });
});

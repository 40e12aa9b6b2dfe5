import { describe, expect, it } from 'vitest';
import { createFanoutStore, indexDiagnostics, worstSeverity } from './store';
import { addNode, emptyDocument, moveNodes, updateNode } from './operations';

describe('store: undo covers the document only', () => {
  it('undoes and redoes edits', () => {
    const store = createFanoutStore();
    store.getState().edit((d) => addNode(d, { node: { id: 'q', kind: 'queue' } }));
    store.getState().edit((d) => addNode(d, { node: { id: 't', kind: 'topic' } }));
    expect(store.getState().document.nodes).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().document.nodes.map((n) => n.id)).toEqual(['q']);
    store.getState().redo();
    expect(store.getState().document.nodes).toHaveLength(2);
  });

  it('does not record selection, theme or notices', () => {
    const store = createFanoutStore();
    store.getState().edit((d) => addNode(d, { node: { id: 'q', kind: 'queue' } }));
    store.getState().select({ nodes: ['q'] });
    store.getState().setSession({ theme: 'dark' });
    store.getState().notify('hello');
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().document.nodes).toEqual([]);
    expect(store.getState().session.theme).toBe('dark');
  });

  it('records a whole drag as one step', () => {
    const store = createFanoutStore();
    store.getState().edit((d) => addNode(d, { node: { id: 'q', kind: 'queue', position: { x: 0, y: 0 } } }));
    store.getState().beginGesture();
    for (let i = 1; i <= 30; i++) store.getState().edit((d) => moveNodes(d, { positions: { q: { x: i, y: i } } }));
    store.getState().endGesture();
    expect(store.getState().document.nodes[0]!.position).toEqual({ x: 30, y: 30 });
    store.getState().undo();
    expect(store.getState().document.nodes[0]!.position).toEqual({ x: 0, y: 0 });
    store.getState().redo();
    expect(store.getState().document.nodes[0]!.position).toEqual({ x: 30, y: 30 });
  });

  it('a gesture that changes nothing leaves no step', () => {
    const store = createFanoutStore();
    store.getState().beginGesture();
    store.getState().endGesture();
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });

  it('coalesces typing in one field, not across fields or after a pause', () => {
    let t = 0;
    const store = createFanoutStore(emptyDocument(), () => t);
    store.getState().edit((d) => addNode(d, { node: { id: 'q', kind: 'queue' } }));
    for (const v of [1, 12, 120]) {
      t += 200;
      store.getState().edit((d) => updateNode(d, { node: { id: 'q', kind: 'queue', visibilityTimeout: v } }), { coalesce: 'q.visibilityTimeout' });
    }
    expect(store.temporal.getState().pastStates).toHaveLength(2);
    t += 200;
    store.getState().edit((d) => updateNode(d, { node: { id: 'q', kind: 'queue', visibilityTimeout: 120, retention: 5 } }), { coalesce: 'q.retention' });
    expect(store.temporal.getState().pastStates).toHaveLength(3);
    t += 5000;
    store.getState().edit((d) => updateNode(d, { node: { id: 'q', kind: 'queue', visibilityTimeout: 120, retention: 6 } }), { coalesce: 'q.retention' });
    expect(store.temporal.getState().pastStates).toHaveLength(4);
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().document.nodes[0]).toEqual({ id: 'q', kind: 'queue', visibilityTimeout: 120 });
  });

  it('replaceDocument is undoable and marks the new document clean', () => {
    const store = createFanoutStore();
    store.getState().edit((d) => addNode(d, { node: { id: 'q', kind: 'queue' } }));
    const next = emptyDocument('Other');
    store.getState().replaceDocument(next);
    expect(store.getState().session.cleanDocument).toBe(next);
    store.getState().undo();
    expect(store.getState().document.nodes).toHaveLength(1);
  });

  it('keeps the newest notices and dismisses by id', () => {
    const store = createFanoutStore();
    const ids = ['a', 'b', 'c', 'd', 'e'].map((m) => store.getState().notify(m));
    expect(store.getState().session.notices.map((n) => n.message)).toEqual(['b', 'c', 'd', 'e']);
    store.getState().dismissNotice(ids[4]!);
    expect(store.getState().session.notices.map((n) => n.message)).toEqual(['b', 'c', 'd']);
  });

  it('a refusal replaces the earlier ones on its subject instead of piling up', () => {
    const store = createFanoutStore();
    store.getState().notify('Saved');
    store.getState().notify('Cannot connect: a producer cannot consume from a queue', 'error');
    store.getState().notify('Cannot connect: a dead-letter node sends nothing', 'error');
    expect(store.getState().session.notices.map((n) => n.message)).toEqual(['Saved', 'Cannot connect: a dead-letter node sends nothing']);
  });
});

describe('diagnostics index: ids are data', () => {
  it('"constructor" and "__proto__" get their own badge lists, and a clean node has none', () => {
    const d = { code: 'x', severity: 'warning', message: 'm', nodeIds: ['__proto__'], edgeIds: ['constructor'] } as unknown as Parameters<typeof indexDiagnostics>[0][number];
    const index = indexDiagnostics([d], null);
    expect(index.byNode['__proto__']).toEqual([d]);
    expect(index.byEdge['constructor']).toEqual([d]);
    expect(index.byNode['constructor']).toBeUndefined();
    expect(index.byNode['toString']).toBeUndefined();
    expect(worstSeverity(index.byNode['constructor'])).toBeUndefined();
    expect(Object.keys(index.byNode)).toEqual(['__proto__']);
  });
});

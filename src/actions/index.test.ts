import { describe, expect, it, vi } from 'vitest';
import { ACTIONS, actionById, findShortcutConflicts, runAction, type Action, type ActionContext } from './index';
import { actionForEvent, eventToShortcut, formatShortcut, normalizeShortcut } from './shortcuts';
import { createFanoutStore } from '../state/store';
import { addNode, emptyDocument, moveNodes } from '../state/operations';
import { encodeFragment } from '../state/fragment';

function context(overrides: Partial<ActionContext> = {}): ActionContext {
  let doc = emptyDocument();
  doc = addNode(doc, { node: { id: 'q', kind: 'queue', position: { x: 0, y: 0 } } });
  doc = addNode(doc, { node: { id: 'c', kind: 'consumer', position: { x: 300, y: 0 } } });
  doc = { ...doc, edges: [{ id: 'e', from: 'q', to: 'c', kind: 'consume' }] };
  const store = createFanoutStore(doc);
  let clip = '';
  return {
    store,
    canvas: { viewportCentre: () => ({ x: 0, y: 0 }), fitView: vi.fn() },
    dialogs: { open: vi.fn(), confirm: vi.fn(async () => true) },
    clipboard: { writeText: async (t) => void (clip = t), readText: async () => clip },
    ...overrides,
  };
}

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('the action registry', () => {
  it('has unique ids and labels for every action', () => {
    const ids = ACTIONS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of ACTIONS) expect(a.label.trim()).not.toBe('');
  });
  it('has no shortcut claimed twice', () => {
    expect(findShortcutConflicts(ACTIONS)).toEqual([]);
  });
  it('detects conflicts, whatever the spelling', () => {
    const a: Action = { id: 'a', label: 'A', group: 'edit', shortcut: ['mod+shift+z'], run: () => {} };
    const b: Action = { id: 'b', label: 'B', group: 'edit', shortcut: ['Shift+Mod+Z'], run: () => {} };
    expect(findShortcutConflicts([a, b])).toEqual([{ shortcut: 'Mod+Shift+Z', actionIds: ['a', 'b'] }]);
  });
  it('names the toolbar actions the brief asks for', () => {
    const toolbar = ACTIONS.filter((a) => a.places?.includes('toolbar')).map((a) => a.label);
    for (const name of ['Undo', 'Redo', 'Auto layout', 'New', 'Examples', 'Delete', 'Duplicate', 'Fit view', 'Keyboard shortcuts', 'Theme']) {
      expect(toolbar).toContain(name);
    }
  });
  it('refuses an unknown id loudly', () => {
    expect(() => actionById('edit.undoo')).toThrow(/no action with id "edit.undoo"/);
  });
});

describe('shortcuts', () => {
  it('normalizes and matches events', () => {
    expect(normalizeShortcut('shift+mod+z')).toBe('Mod+Shift+Z');
    expect(eventToShortcut(key('z', { ctrlKey: true, shiftKey: true }))).toBe('Mod+Shift+Z');
    expect(eventToShortcut(key('Z', { metaKey: true, shiftKey: true }))).toBe('Mod+Shift+Z');
    expect(eventToShortcut(key('?', { shiftKey: true }))).toBe('?');
    expect(actionForEvent(ACTIONS, key('?', { shiftKey: true }))?.id).toBe('help.shortcuts');
    expect(actionForEvent(ACTIONS, key('ArrowLeft', { shiftKey: true }))?.id).toBe('edit.nudge-left-far');
    expect(actionForEvent(ACTIONS, key('Delete'))?.id).toBe('edit.delete');
  });
  it('formats per platform', () => {
    expect(formatShortcut('Mod+Shift+Z', false)).toBe('Ctrl+Shift+Z');
    expect(formatShortcut('Mod+Shift+Z', true)).toBe('⌘⇧Z');
    expect(formatShortcut('ArrowLeft', false)).toBe('←');
  });
});

describe('edit actions', () => {
  it('delete removes the selection in one undo step', async () => {
    const ctx = context();
    ctx.store.getState().select({ nodes: ['q'] });
    await runAction(actionById('edit.delete'), ctx);
    expect(ctx.store.getState().document.nodes.map((n) => n.id)).toEqual(['c']);
    expect(ctx.store.getState().document.edges).toEqual([]);
    await runAction(actionById('edit.undo'), ctx);
    expect(ctx.store.getState().document.nodes).toHaveLength(2);
  });
  it('is disabled without a selection', async () => {
    const ctx = context();
    expect(actionById('edit.delete').when!(ctx)).toBe(false);
    await runAction(actionById('edit.delete'), ctx);
    expect(ctx.store.getState().document.nodes).toHaveLength(2);
  });
  it('copy then paste adds fresh ids with the edge between them', async () => {
    const ctx = context();
    ctx.store.getState().select({ nodes: ['q', 'c'] });
    await runAction(actionById('edit.copy'), ctx);
    await runAction(actionById('edit.paste'), ctx);
    const doc = ctx.store.getState().document;
    expect(doc.nodes.map((n) => n.id)).toEqual(['q', 'c', 'q-2', 'c-2']);
    expect(doc.edges.find((e) => e.from === 'q-2')).toMatchObject({ to: 'c-2', kind: 'consume' });
    expect(ctx.store.getState().session.selection.nodes).toEqual(['q-2', 'c-2']);
  });
  it('paste falls back to the in-memory clipboard when the Clipboard API is denied', async () => {
    const denied = { writeText: async () => Promise.reject(new Error('denied')), readText: async () => Promise.reject(new Error('denied')) };
    const ctx = context({ clipboard: denied });
    ctx.store.getState().select({ nodes: ['q'] });
    await runAction(actionById('edit.copy'), ctx);
    await runAction(actionById('edit.paste'), ctx);
    expect(ctx.store.getState().document.nodes.map((n) => n.id)).toContain('q-2');
  });
  it('paste of something copied elsewhere after a copy in Fanout refuses it, with why (not the older copy)', async () => {
    let clip = '';
    const ctx = context({ clipboard: { writeText: async (t) => void (clip = t), readText: async () => clip } });
    ctx.store.getState().select({ nodes: ['q'] });
    await runAction(actionById('edit.copy'), ctx);
    const before = ctx.store.getState().document.nodes.length;
    clip = '{"format":"fanout/fragment","nodes":[{"id":"x","kind":"banana"}]}';
    await runAction(actionById('edit.paste'), ctx);
    expect(ctx.store.getState().document.nodes.length).toBe(before);
    expect(ctx.store.getState().session.notices.at(-1)?.message).toMatch(/^Cannot paste: .*kind/);
    clip = 'hello world';
    await runAction(actionById('edit.paste'), ctx);
    expect(ctx.store.getState().document.nodes.length).toBe(before);
    expect(ctx.store.getState().session.notices.at(-1)?.message).toMatch(/Cannot paste: the clipboard holds no Fanout nodes/);
  });
  it('paste of foreign text says why nothing happened', async () => {
    const ctx = context({ clipboard: { writeText: async () => {}, readText: async () => 'hello' } });
    await runAction(actionById('edit.paste'), ctx);
    expect(ctx.store.getState().session.notices.at(-1)?.message).toMatch(/Cannot paste: the clipboard holds no Fanout nodes/);
  });
  it('paste reads a fragment written by another tab', async () => {
    const fragment = { format: 'fanout/fragment' as const, nodes: [{ id: 'x', kind: 'topic' as const }], edges: [] };
    const ctx = context({ clipboard: { writeText: async () => {}, readText: async () => encodeFragment(fragment) } });
    await runAction(actionById('edit.paste'), ctx);
    expect(ctx.store.getState().document.nodes.map((n) => n.id)).toContain('x-2');
  });
  it('nudges by 5, and by 50 with Shift', async () => {
    const ctx = context();
    ctx.store.getState().select({ nodes: ['q'] });
    await runAction(actionById('edit.nudge-right'), ctx);
    await runAction(actionById('edit.nudge-down-far'), ctx);
    expect(ctx.store.getState().document.nodes[0]!.position).toEqual({ x: 5, y: 50 });
  });
  it('duplicate selects the copies', async () => {
    const ctx = context();
    ctx.store.getState().select({ nodes: ['c'] });
    await runAction(actionById('edit.duplicate'), ctx);
    expect(ctx.store.getState().session.selection.nodes).toEqual(['c-2']);
  });
});

describe('document and view actions', () => {
  it('New asks before replacing unsaved changes, and keeps them when cancelled', async () => {
    const confirm = vi.fn(async () => false);
    const ctx = context({ dialogs: { open: vi.fn(), confirm } });
    ctx.store.getState().edit((d) => moveNodes(d, { positions: { q: { x: 9, y: 9 } } }));
    await runAction(actionById('document.new'), ctx);
    expect(confirm).toHaveBeenCalledOnce();
    expect(ctx.store.getState().document.nodes).toHaveLength(2);
    confirm.mockResolvedValue(true);
    await runAction(actionById('document.new'), ctx);
    expect(ctx.store.getState().document.nodes).toHaveLength(0);
  });
  it('auto layout places nodes left to right as one undo step', async () => {
    vi.stubGlobal('requestAnimationFrame', (f: () => void) => f());
    const ctx = context();
    ctx.store.getState().edit((d) => moveNodes(d, { positions: { q: { x: 500, y: 500 }, c: { x: 0, y: 0 } } }));
    const before = ctx.store.temporal.getState().pastStates.length;
    await runAction(actionById('view.auto-layout'), ctx);
    const [q, c] = ctx.store.getState().document.nodes;
    expect(q!.position!.x).toBeLessThan(c!.position!.x);
    expect(ctx.store.temporal.getState().pastStates.length).toBe(before + 1);
    expect(ctx.canvas.fitView).toHaveBeenCalled();
    vi.unstubAllGlobals();
  });
  it('theme cycles system → dark → light → system', async () => {
    const ctx = context();
    const themes = [];
    for (let i = 0; i < 3; i++) {
      await runAction(actionById('view.theme'), ctx);
      themes.push(ctx.store.getState().session.theme);
    }
    expect(themes).toEqual(['dark', 'light', 'system']);
  });
});

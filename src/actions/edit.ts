/**
 * Editing actions: undo/redo, delete, copy/cut/paste/duplicate (through the system clipboard as a
 * small JSON fragment, with an in-memory fallback when the Clipboard API is denied), select all,
 * and nudging selected nodes with the arrow keys (Shift = 10×).
 */
import { encodeFragment, parseFragment, type Fragment } from '../state/fragment';
import { extractFragment, nudgeNodes, pasteFragment, removeElements } from '../state/operations';
import { looksLikeTopologyText } from '../core/codec/file';
import { importTopologyText } from './share';
import { EMPTY_SELECTION } from '../state/store';
import type { Action, ActionContext } from './types';

const hasSelection = (ctx: ActionContext) => {
  const s = ctx.store.getState().session.selection;
  return s.nodes.length > 0 || s.edges.length > 0;
};
const hasSelectedNodes = (ctx: ActionContext) => ctx.store.getState().session.selection.nodes.length > 0;

/** Copies the selected nodes (and the edges among them). Returns the fragment, or undefined when nothing is selected. */
async function copySelection(ctx: ActionContext): Promise<Fragment | undefined> {
  const state = ctx.store.getState();
  const fragment = extractFragment(state.document, { nodeIds: state.session.selection.nodes });
  if (fragment.nodes.length === 0) return undefined;
  state.setSession({ clipboard: fragment });
  try {
    await ctx.clipboard.writeText(encodeFragment(fragment));
    copiedToSystemClipboard = true;
  } catch {
    // Denied or unavailable: the in-memory clipboard set above still works within this tab.
    copiedToSystemClipboard = false;
  }
  return fragment;
}

/**
 * Whether the last copy reached the system clipboard. If it did, whatever the system clipboard
 * holds now was put there later (by another app), so it is what a paste means; if it did not, the
 * in-memory copy is the latest.
 */
let copiedToSystemClipboard = false;

let pasteRound = { text: '', count: 0 };

async function readClipboardFragment(ctx: ActionContext): Promise<{ fragment?: Fragment; problem?: string; topologyText?: string }> {
  const memory = ctx.store.getState().session.clipboard;
  let text: string;
  try {
    text = await ctx.clipboard.readText();
  } catch {
    return memory ? { fragment: memory } : { problem: 'nothing to paste (the clipboard cannot be read here: copy nodes in Fanout first)' };
  }
  // A whole topology (a .fanout.json file's text) is imported, not pasted into the design.
  if (looksLikeTopologyText(text)) return { topologyText: text };
  const parsed = parseFragment(text);
  if (parsed.ok) return { fragment: parsed.fragment };
  // Something else is on the system clipboard: what Fanout copied is pasted only if that copy never
  // reached the system clipboard (then it is the latest); otherwise the paste is refused, with why.
  if (memory && !copiedToSystemClipboard) return { fragment: memory };
  return { problem: parsed.message };
}

function nudge(id: string, label: string, key: string, dx: number, dy: number): Action[] {
  const make = (factor: number, shift: boolean): Action => ({
    id: `${id}${shift ? '-far' : ''}`,
    label: shift ? `${label} ×10` : label,
    description: shift ? `Move the selected nodes 10 steps ${label.toLowerCase().replace('nudge ', '')}` : undefined,
    shortcut: [shift ? `Shift+${key}` : key],
    group: 'selection',
    when: hasSelectedNodes,
    run(ctx) {
      const ids = ctx.store.getState().session.selection.nodes;
      ctx.store.getState().edit((d) => nudgeNodes(d, { ids, dx: dx * factor, dy: dy * factor }), { coalesce: `nudge:${ids.join(',')}` });
    },
  });
  return [make(NUDGE_STEP, false), make(NUDGE_STEP * 10, true)];
}

/** Pixels an arrow key moves a node. */
export const NUDGE_STEP = 5;

export const editActions: Action[] = [
  {
    id: 'edit.undo',
    label: 'Undo',
    description: 'Undo the last change to the design',
    shortcut: ['Mod+Z'],
    group: 'edit',
    places: ['toolbar'],
    when: (ctx) => ctx.store.temporal.getState().pastStates.length > 0,
    run: (ctx) => ctx.store.getState().undo(),
  },
  {
    id: 'edit.redo',
    label: 'Redo',
    description: 'Redo what was undone',
    shortcut: ['Mod+Shift+Z', 'Mod+Y'],
    group: 'edit',
    places: ['toolbar'],
    when: (ctx) => ctx.store.temporal.getState().futureStates.length > 0,
    run: (ctx) => ctx.store.getState().redo(),
  },
  {
    id: 'edit.delete',
    label: 'Delete',
    description: 'Delete the selected nodes and edges',
    shortcut: ['Delete', 'Backspace'],
    group: 'edit',
    places: ['toolbar', 'node-menu'],
    when: hasSelection,
    run(ctx) {
      const { selection } = ctx.store.getState().session;
      ctx.store.getState().edit((d) => removeElements(d, { nodeIds: selection.nodes, edgeIds: selection.edges }));
      ctx.store.getState().select(EMPTY_SELECTION);
    },
  },
  {
    id: 'edit.duplicate',
    label: 'Duplicate',
    description: 'Copy the selected nodes next to themselves, with new ids',
    shortcut: ['Mod+D'],
    group: 'edit',
    places: ['toolbar', 'node-menu'],
    when: hasSelectedNodes,
    run(ctx) {
      const state = ctx.store.getState();
      const fragment = extractFragment(state.document, { nodeIds: state.session.selection.nodes });
      let pasted: string[] = [];
      state.edit((d) => {
        const result = pasteFragment(d, { fragment });
        pasted = result.nodeIds;
        return result.doc;
      });
      ctx.store.getState().select({ nodes: pasted, edges: [] });
    },
  },
  {
    id: 'edit.copy',
    label: 'Copy',
    description: 'Copy the selected nodes (and the edges between them)',
    shortcut: ['Mod+C'],
    group: 'edit',
    places: ['node-menu'],
    when: hasSelectedNodes,
    async run(ctx) {
      const fragment = await copySelection(ctx);
      if (fragment) ctx.store.getState().notify(`Copied ${fragment.nodes.length} node${fragment.nodes.length === 1 ? '' : 's'}`, 'success');
    },
  },
  {
    id: 'edit.cut',
    label: 'Cut',
    description: 'Copy the selected nodes, then delete them',
    shortcut: ['Mod+X'],
    group: 'edit',
    places: ['node-menu'],
    when: hasSelectedNodes,
    async run(ctx) {
      const fragment = await copySelection(ctx);
      if (!fragment) return;
      const ids = fragment.nodes.map((n) => n.id);
      ctx.store.getState().edit((d) => removeElements(d, { nodeIds: ids }));
      ctx.store.getState().select(EMPTY_SELECTION);
    },
  },
  {
    id: 'edit.paste',
    label: 'Paste',
    description: 'Paste copied nodes with new ids (also from another Fanout tab)',
    shortcut: ['Mod+V'],
    group: 'edit',
    places: ['canvas-menu'],
    async run(ctx) {
      const { fragment, problem, topologyText } = await readClipboardFragment(ctx);
      if (topologyText !== undefined) {
        await importTopologyText(ctx, topologyText, 'the clipboard');
        return;
      }
      if (!fragment) {
        ctx.store.getState().notify(`Cannot paste: ${problem}`, 'warning');
        return;
      }
      const text = encodeFragment(fragment);
      pasteRound = pasteRound.text === text ? { text, count: pasteRound.count + 1 } : { text, count: 1 };
      const step = 40 * pasteRound.count;
      let pasted: string[] = [];
      ctx.store.getState().edit((d) => {
        const result = pasteFragment(d, { fragment, offset: { x: step, y: step } });
        pasted = result.nodeIds;
        return result.doc;
      });
      ctx.store.getState().select({ nodes: pasted, edges: [] });
    },
  },
  {
    id: 'edit.select-all',
    label: 'Select all',
    shortcut: ['Mod+A'],
    group: 'selection',
    places: ['canvas-menu'],
    run(ctx) {
      const doc = ctx.store.getState().document;
      ctx.store.getState().select({ nodes: doc.nodes.map((n) => n.id), edges: doc.edges.map((e) => e.id) });
    },
  },
  {
    id: 'edit.clear-selection',
    label: 'Clear selection',
    shortcut: ['Escape'],
    group: 'selection',
    when: hasSelection,
    run: (ctx) => ctx.store.getState().select(EMPTY_SELECTION),
  },
  ...nudge('edit.nudge-left', 'Nudge left', 'ArrowLeft', -1, 0),
  ...nudge('edit.nudge-right', 'Nudge right', 'ArrowRight', 1, 0),
  ...nudge('edit.nudge-up', 'Nudge up', 'ArrowUp', 0, -1),
  ...nudge('edit.nudge-down', 'Nudge down', 'ArrowDown', 0, 1),
];

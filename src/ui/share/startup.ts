/**
 * Share links arriving at the page: the fragment at start-up (someone opened a link) and later
 * `hashchange`s (a link pasted into the address bar of an open tab). Decoding is the core's
 * (`decodeShareFragment`); this module decides what the page does with the outcome:
 * - a malformed, truncated or hostile link: an error notice; the current design, and therefore the
 *   autosave, stay as they are;
 * - a valid link: the design opens like an import — after confirmation when it would replace work
 *   (unsaved changes, or the design restored from last time), as one undoable step; a link to the
 *   very design already open changes nothing and asks nothing;
 * - `embed=1`: a read-only view for iframes that never asks, and never autosaves (bootstrap checks
 *   `isEmbedFragment`), so an embedded diagram cannot overwrite the visitor's own design.
 * After a link is opened the fragment is removed from the address bar, so a reload restores the
 * (autosaved) design instead of reopening the link over later edits.
 */
import { ACTIONS, runAction } from '../../actions';
import { openTopology } from '../../actions/share';
import type { ActionContext } from '../../actions/types';
import { decodeShareFragment, toLinkDocument, type ShareOptions } from '../../core/codec/link';
import { encodeTopologyFile } from '../../core/codec/file';
import { AUTOSAVE_KEY } from '../../state/autosave';
import type { Topology } from '../../core/schema';

/** Whether a fragment asks for the embed view (checked before anything is decoded). */
export function isEmbedFragment(hash: string): boolean {
  return /(^#?|&)embed=(1|true)(&|$)/.test(hash.startsWith('#') ? hash.slice(1) : hash);
}

/** Whether the fragment is worth decoding at all (React Flow and the app use no fragments). */
export function hasShareFragment(hash: string): boolean {
  return hash.replace(/^#/, '').trim() !== '';
}

/** Read once at load, before bootstrap restores anything: was there a design from last time? */
export const HAD_AUTOSAVE_AT_LOAD: boolean = (() => {
  try {
    return typeof window !== 'undefined' && window.localStorage.getItem(AUTOSAVE_KEY) !== null;
  } catch {
    return false;
  }
})();

export type LinkOutcome =
  | { kind: 'none' }
  | { kind: 'error'; message: string }
  | { kind: 'declined' }
  | { kind: 'opened'; topology: Topology; options: ShareOptions };

/**
 * The action a `&mode=simulate` link runs once the design is open (registered by the Simulate
 * feature in `src/actions/mode.ts`). When it is missing or unavailable, the design opens in Design
 * mode with a notice saying so; a design with errors is refused by Simulate itself, with its notice.
 */
export const SIMULATE_ACTION_ID = 'mode.simulate';

/** Switches to Simulate mode for a `mode=simulate` link, or says why it cannot. */
export async function applyOpenMode(ctx: ActionContext, options: ShareOptions): Promise<void> {
  if (options.mode !== 'simulate') return;
  const simulate = ACTIONS.find((a) => a.id === SIMULATE_ACTION_ID);
  if (!simulate) {
    ctx.store.getState().notify('This link asks to open in Simulate mode, which this version of Fanout does not have yet: it opened in Design mode.', 'info');
    return;
  }
  if (simulate.when && !simulate.when(ctx)) {
    ctx.store.getState().notify('This link asks to open in Simulate mode, which is not available right now: it opened in Design mode.', 'info');
    return;
  }
  await runAction(simulate, ctx);
}

/** Removes the fragment from the address bar without a reload or a history entry. */
export function clearFragment(): void {
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

/**
 * Opens the design in `hash`, or reports why not. `atStartup`: the current design is the one
 * restored from last time (or the first-visit example), so replacing a restored design asks first
 * even though it has no unsaved changes.
 */
export async function openShareFragment(ctx: ActionContext, hash: string, atStartup: boolean): Promise<LinkOutcome> {
  if (!hasShareFragment(hash)) return { kind: 'none' };
  const decoded = decodeShareFragment(hash);
  const notify = ctx.store.getState().notify;
  if (!decoded.ok) {
    // The reason may end a sentence of its own ("… Update Fanout to open it."): one full stop.
    const message = `This link could not be opened: ${decoded.error.replace(/\.$/, '')}. Your current design is unchanged.`;
    notify(message, 'error');
    return { kind: 'error', message };
  }
  const { topology, options } = decoded;
  if (options.embed && !atStartup) {
    // The embed view is a page mode decided at load (it switches autosave off): reload into it.
    location.reload();
    return { kind: 'none' };
  }
  if (options.embed) {
    ctx.store.getState().replaceDocument(topology);
    ctx.store.temporal.getState().clear();
    requestAnimationFrame(() => ctx.canvas.fitView());
    await applyOpenMode(ctx, options);
    return { kind: 'opened', topology, options };
  }
  const current = ctx.store.getState().document;
  if (encodeTopologyFile(toLinkDocument(current)) === encodeTopologyFile(topology)) {
    // The link holds exactly the design already open (its author reopening it, say; a link drops
    // only the `ui` fields): nothing to replace, so nothing to ask.
    clearFragment();
    await applyOpenMode(ctx, options);
    return { kind: 'opened', topology, options };
  }
  if (atStartup && HAD_AUTOSAVE_AT_LOAD && current.nodes.length > 0) {
    const yes = await ctx.dialogs.confirm(
      `Open the shared design “${topology.name ?? 'Untitled design'}”? It replaces “${current.name ?? 'Untitled design'}”, the design you were working on (Undo brings it back).`,
      'Open shared design',
    );
    if (!yes) {
      notify('The shared design was not opened; your design is unchanged.', 'info');
      return { kind: 'declined' };
    }
    // Confirmed: replace without asking a second time.
    ctx.store.getState().setSession({ cleanDocument: current });
  }
  const opened = await openTopology(ctx, topology, 'the shared link');
  if (!opened) return { kind: 'declined' };
  clearFragment();
  await applyOpenMode(ctx, options);
  return { kind: 'opened', topology, options };
}

/**
 * Start-up: restore the autosaved design (or report why it could not be, keeping it aside), else
 * open the order-events example so a first visit shows a working design; then autosave from there
 * on. Also installs `window.__fanout`, the documented testing hook (dev and production builds).
 */
import { actionById, runAction, type ActionContext } from '../../actions';
import { parseTopologyValue, type Topology } from '../../core/schema';
import { loadAutosave, startAutosave, type StorageLike } from '../../state/autosave';
import type { FanoutStore } from '../../state/store';
import { isEmbedFragment } from '../share/startup';
import { fetchExample, FIRST_EXAMPLE, withLayout } from './documents';

function browserStorage(): StorageLike | null {
  try {
    const storage = window.localStorage;
    const probe = 'fanout.probe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

/**
 * Opens a document as the starting point: no undo history before it. A restored autosave is not
 * "clean" — it may hold work that exists nowhere else — so New and Examples ask before replacing it.
 */
function open(store: FanoutStore, doc: Topology, clean: boolean) {
  store.getState().replaceDocument(withLayout(doc), { clean });
  store.temporal.getState().clear();
}

const booted = new WeakSet<FanoutStore>();

export async function bootstrap(store: FanoutStore): Promise<void> {
  // React's StrictMode runs effects twice in development: start once per store.
  if (booted.has(store)) return;
  booted.add(store);
  const storage = browserStorage();
  const outcome = loadAutosave(storage, new Date());
  const notify = store.getState().notify;
  let autosave = true;
  if (outcome.kind === 'restored') {
    open(store, outcome.document, false);
    if (outcome.migratedFrom !== undefined) notify(`Your saved design was upgraded from format version ${outcome.migratedFrom}.`, 'info');
  } else {
    if (outcome.kind === 'unreadable') {
      const where = outcome.keptAsideAs ? ` It is kept in browser storage under “${outcome.keptAsideAs}”.` : '';
      notify(`Could not restore your last design: ${outcome.message}.${where}`, 'error');
      if (!outcome.keptAsideAs) autosave = false; // never overwrite what could not be copied
    }
    try {
      open(store, await fetchExample(FIRST_EXAMPLE), true);
    } catch (error) {
      notify(`The first example could not be opened: ${error instanceof Error ? error.message : String(error)}`, 'error');
    }
  }
  if (outcome.storageError) notify(`Autosave is off: ${outcome.storageError}`, 'error');
  // An embedded view (iframe, `&embed=1`) must never overwrite the visitor's own autosaved design.
  if (isEmbedFragment(location.hash)) autosave = false;
  if (autosave && storage) {
    startAutosave(store, storage, {
      report: (message, tone) => notify(message, tone),
      // pagehide covers reload and close; visibilitychange covers a tab discarded in the background.
      onLeave: (saveNow) => {
        const onHidden = () => {
          if (document.visibilityState === 'hidden') saveNow();
        };
        window.addEventListener('pagehide', saveNow);
        document.addEventListener('visibilitychange', onHidden);
        return () => {
          window.removeEventListener('pagehide', saveNow);
          document.removeEventListener('visibilitychange', onHidden);
        };
      },
    });
  }
}

export interface FanoutTestingHook {
  /** The document being edited (what Export writes). */
  getDocument(): Topology;
  /** Replaces the document with a topology value (validated; throws a readable error). Undoable. */
  replaceDocument(value: unknown): void;
  /** Runs an action of the registry by id, as its button or shortcut would. */
  runAction(id: string): Promise<void>;
  /** Brings the given nodes (or everything) into view, as clicking a problem does. */
  fitView(nodeIds?: string[]): void;
  store: FanoutStore;
}

declare global {
  interface Window {
    __fanout?: FanoutTestingHook;
  }
}

export function installTestingHook(store: FanoutStore, ctx: () => ActionContext) {
  window.__fanout = {
    getDocument: () => store.getState().document,
    replaceDocument(value) {
      const parsed = parseTopologyValue(value);
      if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
      store.getState().replaceDocument(withLayout(parsed.topology));
    },
    runAction: (id) => runAction(actionById(id), ctx()),
    fitView: (nodeIds) => ctx().canvas.fitView(nodeIds),
    store,
  };
}

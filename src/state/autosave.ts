/**
 * Autosave: the document is written to localStorage (debounced) inside an envelope
 * `{app: "fanout", savedAt, document}` and restored on the next visit through
 * `parseTopologyValue`, so schema migrations apply to old saves. Nothing the user made is lost:
 * a save that cannot be read is copied aside under its own key and reported, and a failing write
 * (storage full, disabled, private mode) is reported instead of being silent.
 */
import { parseTopologyValue, type Topology } from '../core/schema';
import type { FanoutStore } from './store';

export const AUTOSAVE_KEY = 'fanout.autosave';
/** Prefix of keys holding saves that could not be read, kept for the user to recover. */
export const KEPT_ASIDE_PREFIX = 'fanout.autosave.unreadable.';

export interface AutosaveEnvelope {
  app: 'fanout';
  savedAt: string;
  document: Topology;
}

/** The subset of the Web Storage API autosave uses (tests pass a Map-backed fake). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type RestoreOutcome =
  | { kind: 'empty' }
  | { kind: 'restored'; document: Topology; savedAt: string; migratedFrom?: number }
  | { kind: 'unreadable'; reason: 'corrupt' | 'newer'; message: string };

export function encodeEnvelope(document: Topology, savedAt: Date): string {
  const envelope: AutosaveEnvelope = { app: 'fanout', savedAt: savedAt.toISOString(), document };
  return JSON.stringify(envelope);
}

/** Reads an envelope's text (null: nothing saved). Pure: keeping a bad save aside is `loadAutosave`'s job. */
export function decodeEnvelope(text: string | null): RestoreOutcome {
  if (text === null || text === '') return { kind: 'empty' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'unreadable', reason: 'corrupt', message: 'the autosaved design is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || (value as { app?: unknown }).app !== 'fanout') {
    return { kind: 'unreadable', reason: 'corrupt', message: 'the autosaved data is not a Fanout save' };
  }
  const envelope = value as Partial<AutosaveEnvelope>;
  const parsed = parseTopologyValue(envelope.document);
  if (!parsed.ok) {
    const first = parsed.errors[0]!;
    const newer = first.path === 'version' && /newer Fanout/.test(first.message);
    return {
      kind: 'unreadable',
      reason: newer ? 'newer' : 'corrupt',
      message: newer ? `the autosaved design ${first.message.replace(/^version: this document/, '')}`.replace(/\s+/g, ' ') : `the autosaved design is damaged (${first.message})`,
    };
  }
  const savedAt = typeof envelope.savedAt === 'string' ? envelope.savedAt : '';
  return parsed.migratedFrom === undefined
    ? { kind: 'restored', document: parsed.topology, savedAt }
    : { kind: 'restored', document: parsed.topology, savedAt, migratedFrom: parsed.migratedFrom };
}

export type LoadOutcome = RestoreOutcome & { keptAsideAs?: string; storageError?: string };

/**
 * Reads the autosave. An unreadable one is copied to `fanout.autosave.unreadable.<time>` before
 * anything can overwrite it, and the outcome says where.
 */
export function loadAutosave(storage: StorageLike | null, now: Date): LoadOutcome {
  if (!storage) return { kind: 'empty', storageError: 'this browser does not allow saving (storage is unavailable): changes will not survive a reload' };
  let text: string | null;
  try {
    text = storage.getItem(AUTOSAVE_KEY);
  } catch (error) {
    return { kind: 'empty', storageError: `the autosave could not be read (${errorText(error)})` };
  }
  const outcome = decodeEnvelope(text);
  if (outcome.kind !== 'unreadable' || text === null) return outcome;
  const key = KEPT_ASIDE_PREFIX + now.toISOString();
  try {
    storage.setItem(key, text);
    storage.removeItem(AUTOSAVE_KEY);
    return { ...outcome, keptAsideAs: key };
  } catch (error) {
    // Could not copy it: leave the original where it is rather than lose it.
    return { ...outcome, storageError: `it could not be kept aside (${errorText(error)}); autosave is off so it is not overwritten` };
  }
}

export type SaveOutcome = { ok: true } | { ok: false; message: string };

export function saveAutosave(storage: StorageLike | null, document: Topology, now: Date): SaveOutcome {
  if (!storage) return { ok: false, message: 'storage is unavailable in this browser' };
  try {
    storage.setItem(AUTOSAVE_KEY, encodeEnvelope(document, now));
    return { ok: true };
  } catch (error) {
    const full = error instanceof Error && /quota|full/i.test(`${error.name} ${error.message}`);
    return { ok: false, message: full ? 'browser storage is full' : errorText(error) };
  }
}

/**
 * Saves the store's document `delayMs` after the last change. Reports the first failure of a run
 * of failures (and the recovery), so a full storage does not toast on every keystroke. Returns a
 * function that stops autosaving and flushes a pending save.
 */
export function startAutosave(
  store: FanoutStore,
  storage: StorageLike | null,
  options: {
    delayMs?: number;
    report: (message: string, tone: 'error' | 'success') => void;
    now?: () => Date;
    /**
     * Calls back when the page is about to go away (hidden, closed, reloaded): a save still waiting
     * for its delay is written at once, so the last edits before a reload are not lost.
     */
    onLeave?: (saveNow: () => void) => () => void;
  },
): () => void {
  const delay = options.delayMs ?? 500;
  const now = options.now ?? (() => new Date());
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failing = false;
  const flush = () => {
    timer = undefined;
    const result = saveAutosave(storage, store.getState().document, now());
    if (!result.ok && !failing) options.report(`Autosave failed: ${result.message}. Your changes are only in this tab — export the design to keep it.`, 'error');
    if (result.ok && failing) options.report('Autosave works again.', 'success');
    failing = !result.ok;
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.document === previous.document) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flush, delay);
  });
  const stopLeave = options.onLeave?.(() => {
    if (timer === undefined) return;
    clearTimeout(timer);
    flush();
  });
  return () => {
    unsubscribe();
    stopLeave?.();
    if (timer !== undefined) {
      clearTimeout(timer);
      flush();
    }
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

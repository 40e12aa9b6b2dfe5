/**
 * Makes the action registry runnable from React: builds the ActionContext (store + canvas,
 * dialog and clipboard ports) and exposes `run(id)` and the enabled state of each action.
 */
import { createContext, useContext, useMemo } from 'react';
import { useStore } from 'zustand';
import { ACTIONS, actionById, runAction, type Action, type ActionContext } from '../../actions';
import { useFanoutStore } from '../store-context';

export const ActionContextReact = createContext<ActionContext | null>(null);

export function useActionContext(): ActionContext {
  const ctx = useContext(ActionContextReact);
  if (!ctx) throw new Error('useActionContext needs an ActionContextReact provider');
  return ctx;
}

/** Runs an action by id. */
export function useRunAction(): (id: string) => void {
  const ctx = useActionContext();
  return useMemo(() => (id: string) => void runAction(actionById(id), ctx), [ctx]);
}

/**
 * Which of `actions` are enabled now. Re-renders only when that set changes (the selector returns
 * a string of flags, so drags and typing do not re-render toolbars).
 */
export function useEnabled(actions: readonly Action[]): boolean[] {
  const ctx = useActionContext();
  const store = useFanoutStore();
  // Undo/redo availability lives in the temporal store: subscribe to it too.
  useStore(store.temporal, (t) => `${t.pastStates.length > 0}${t.futureStates.length > 0}`);
  const flags = useStore(store, () => actions.map((a) => (!a.when || a.when(ctx) ? '1' : '0')).join(''));
  return useMemo(() => flags.split('').map((f) => f === '1'), [flags]);
}

/** A clipboard port over the async Clipboard API (each call may reject; actions fall back). */
export const browserClipboard = {
  writeText: (text: string) => (navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject(new Error('no clipboard'))),
  readText: () => (navigator.clipboard ? navigator.clipboard.readText() : Promise.reject(new Error('no clipboard'))),
};

export { ACTIONS };

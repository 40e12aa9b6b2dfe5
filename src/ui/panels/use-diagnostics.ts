/**
 * Keeps the store's diagnostics in step with the document: the core validator runs once at start
 * and then shortly after each change (debounced, so typing and dragging do not validate every
 * frame). The result feeds the node and edge badges and the Problems panel.
 */
import { useEffect } from 'react';
import { validateTopology } from '../../core/validate';
import type { FanoutStore } from '../../state/store';

export const DIAGNOSTICS_DELAY_MS = 150;

export function useDiagnostics(store: FanoutStore) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      timer = undefined;
      // Mid-drag positions do not change what the validator says: check once the drag ends.
      if (store.getState().inGesture()) {
        timer = setTimeout(run, DIAGNOSTICS_DELAY_MS);
        return;
      }
      const doc = store.getState().document;
      if (store.getState().diagnostics.forDocument === doc) return;
      store.getState().setDiagnostics(validateTopology(doc), doc);
    };
    run();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.document === prev.document) return;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(run, DIAGNOSTICS_DELAY_MS);
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [store]);
}

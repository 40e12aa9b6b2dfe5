/**
 * How React reaches the editor store: one context holding the vanilla store, and narrow selector
 * hooks so a component re-renders only when the slice it reads changes.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { FanoutState, FanoutStore } from '../state/store';

export const StoreContext = createContext<FanoutStore | null>(null);

/** The store itself, for event handlers that read or write without subscribing. */
export function useFanoutStore(): FanoutStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useFanoutStore needs a <StoreContext.Provider> above it');
  return store;
}

/** Subscribes to one slice of the store; keep selectors narrow (return stable references). */
export function useFanout<T>(selector: (state: FanoutState) => T): T {
  return useStore(useFanoutStore(), selector);
}

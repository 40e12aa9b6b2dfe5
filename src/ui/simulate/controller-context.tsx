/**
 * How components reach the Simulate controller: one context, plus a hook that re-renders when the
 * trace grows or the shown step's counters arrive (the trace itself is too big for the store).
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { SimulationController } from './controller';

export const SimulationControllerContext = createContext<SimulationController | null>(null);

export function useSimulationController(): SimulationController {
  const controller = useContext(SimulationControllerContext);
  if (!controller) throw new Error('useSimulationController needs a <SimulationControllerContext.Provider> above it');
  return controller;
}

/** Re-renders the caller whenever the controller announces a change (trace slices, counters). */
export function useTraceVersion(controller: SimulationController): number {
  return useSyncExternalStore(controller.subscribe, controller.getVersion);
}

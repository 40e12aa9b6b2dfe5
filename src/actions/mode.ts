/**
 * Mode actions: switch to Simulate (`mode.simulate`, also what a `&mode=simulate` share link runs)
 * and back to Design. The Simulate controller lives in the UI (it owns a Web Worker), so it plugs
 * itself in through `connectSimulatePort` when the app mounts; without it the actions are disabled.
 */
import type { Action } from './types';

/** What the mode actions need of Simulate mode. */
export interface SimulatePort {
  /** Enters Simulate; refused (with a notice listing the errors) while the design has errors. */
  enter(): { ok: boolean };
  exit(): void;
}

let port: SimulatePort | null = null;

/** Plugs Simulate mode in; returns the function that unplugs it. */
export function connectSimulatePort(p: SimulatePort): () => void {
  port = p;
  return () => {
    if (port === p) port = null;
  };
}

export const modeActions: Action[] = [
  {
    id: 'mode.simulate',
    label: 'Simulate',
    description: 'Run the design step by step: watch messages fan out, retry and dead-letter',
    group: 'view',
    when: (ctx) => port !== null && ctx.store.getState().simulation.mode === 'design',
    run() {
      port?.enter();
    },
  },
  {
    id: 'mode.design',
    label: 'Design',
    description: 'Leave Simulate and edit the design',
    group: 'view',
    when: (ctx) => port !== null && ctx.store.getState().simulation.mode === 'simulate',
    run() {
      port?.exit();
    },
  },
];

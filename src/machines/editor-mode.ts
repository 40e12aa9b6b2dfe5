/**
 * The editor's modes: `design` (draw and edit) ⇄ `simulate` (run the design and watch it). Only
 * design is reachable from the UI today; the Simulate feature adds its button and sends
 * `SIMULATE` — the guard refuses it while the document has errors, so a run never starts on a
 * design the validator rejects. The run-control machine (idle/running/paused/finished) lives in its
 * own file beside this one.
 */
import { setup } from 'xstate';

export type EditorModeEvent = { type: 'SIMULATE'; hasErrors: boolean } | { type: 'DESIGN' };

export const editorModeMachine = setup({
  types: { events: {} as EditorModeEvent },
  guards: {
    documentIsValid: ({ event }) => event.type === 'SIMULATE' && !event.hasErrors,
  },
}).createMachine({
  id: 'editorMode',
  initial: 'design',
  states: {
    design: {
      on: { SIMULATE: { target: 'simulate', guard: 'documentIsValid' } },
    },
    simulate: {
      on: { DESIGN: { target: 'design' } },
    },
  },
});

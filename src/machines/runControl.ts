/**
 * Run control for Simulate mode: `idle` (at the start, nothing shown yet) → `running` (the clock
 * advances) ⇄ `paused` (a person steps, scrubs or reads the log) → `finished` (the last step is
 * shown); `RESET` goes back to `idle` from anywhere. The machine only says which state the player
 * is in; the position (step index) lives in the store's simulation slice, moved by the controller.
 *
 * `END` is sent by the controller when the clock reaches the last step of a finished run; `PLAY`
 * from `finished` starts over (the controller rewinds to step 0 on that transition), as a media
 * player does.
 */
import { setup } from 'xstate';

export type RunControlEvent =
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  /** Step forward/back, scrub, click a log line: the player stops on that moment. */
  | { type: 'SEEK' }
  | { type: 'RUN_TO_END' }
  | { type: 'END' }
  | { type: 'RESET' };

export type RunControlState = 'idle' | 'running' | 'paused' | 'finished';

export const runControlMachine = setup({
  types: { events: {} as RunControlEvent },
}).createMachine({
  id: 'runControl',
  initial: 'idle',
  states: {
    idle: {
      on: { PLAY: 'running', SEEK: 'paused', RUN_TO_END: 'finished', END: 'finished' },
    },
    running: {
      on: { PAUSE: 'paused', SEEK: 'paused', END: 'finished', RUN_TO_END: 'finished', RESET: 'idle' },
    },
    paused: {
      on: { PLAY: 'running', SEEK: 'paused', END: 'finished', RUN_TO_END: 'finished', RESET: 'idle' },
    },
    finished: {
      on: { PLAY: 'running', SEEK: 'paused', RESET: 'idle' },
    },
  },
});

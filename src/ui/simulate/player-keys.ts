/**
 * The player's keys in Simulate: one table that both the key handler (`SimulateToggle`) and the
 * Keyboard shortcuts dialog read, so the help always lists what the keys do.
 */
import type { SimulationController } from './controller';

export interface PlayerKey {
  /** `KeyboardEvent.key`. */
  key: string;
  /** How the help shows it. */
  shown: string;
  label: string;
  run(controller: SimulationController): void;
}

export const PLAYER_KEYS: readonly PlayerKey[] = [
  { key: ' ', shown: 'Space', label: 'Play / pause', run: (c) => c.togglePlay() },
  { key: 'ArrowRight', shown: '→', label: 'Step forward one event', run: (c) => c.stepForward() },
  { key: 'ArrowLeft', shown: '←', label: 'Step back one event', run: (c) => c.stepBack() },
];

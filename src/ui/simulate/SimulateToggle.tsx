/**
 * The header's Design | Simulate switch (two buttons with pressed state, accessible names "Design"
 * and "Simulate"), and the player's keyboard (`PLAYER_KEYS`: Space plays/pauses, → / ← step) — only in Simulate and
 * never while typing in a field. Mounted with the header so its key listener is registered before
 * the editor's shortcuts (which would otherwise nudge selected nodes with the arrows).
 */
import { useEffect, useRef } from 'react';
import { useFanout } from '../store-context';
import { useSimulationController } from './controller-context';
import type { SimulationController } from './controller';
import { keyBelongsToField } from '../app/key-target';
import { PLAYER_KEYS } from './player-keys';

function usePlayerKeys(controller: SimulationController, active: boolean) {
  const activeRef = useRef(active);
  activeRef.current = active;
  // Registered once, at mount, so it precedes the editor's capture listener (see the file comment).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!activeRef.current || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      // On the Timeline, Space still plays (the slider has no use for it); its arrows are its own.
      const onTimeline = target instanceof HTMLInputElement && target.type === 'range';
      if ((!onTimeline && keyBelongsToField(event.target, { sliders: true }, event.key)) || document.querySelector('dialog[open], .fo-menu')) return;
      // The dock's tabs move between themselves with the arrows.
      if (target?.closest('[role="tablist"]') && event.key !== ' ') return;
      // A range input (the Timeline) handles its own arrows.
      if (onTimeline && event.key !== ' ') return;
      const binding = PLAYER_KEYS.find((k) => k.key === event.key);
      if (!binding || event.shiftKey) return;
      if (event.key === ' ' && target?.tagName === 'BUTTON') return; // the focused button's own click
      binding.run(controller);
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [controller]);
}

export function SimulateToggle() {
  const controller = useSimulationController();
  const mode = useFanout((s) => s.simulation.mode);
  usePlayerKeys(controller, mode === 'simulate');
  return (
    <div className="fo-modes" role="group" aria-label="Mode">
      <button type="button" className="fo-modes__button" aria-pressed={mode === 'design'} onClick={() => mode !== 'design' && controller.exit()}>
        Design
      </button>
      <button
        type="button"
        className="fo-modes__button fo-modes__button--simulate"
        aria-pressed={mode === 'simulate'}
        title="Run the design step by step (the design must have no errors)"
        onClick={() => mode !== 'simulate' && controller.enter()}
      >
        <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
          <path d="M4 2.5v11l9-5.5z" fill="currentColor" />
        </svg>
        Simulate
      </button>
    </div>
  );
}

/**
 * The player bar shown over the canvas in Simulate: Play/Pause, Step back, Step forward, Skip to
 * next event, Run to end, Reset, the Timeline slider (the simulated clock), Speed and Seed, the
 * worker's progress with Cancel, and errors. Also the notice, shown at the top of the canvas, that
 * the design changed since the run, with "Re-run".
 */
import { useEffect, useRef, useState } from 'react';
import { useFanout } from '../store-context';
import { useSimulationController, useTraceVersion } from './controller-context';
import { formatClock, formatCount } from './format';

const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100];

function Icon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path d={d} fill="currentColor" />
    </svg>
  );
}

const ICONS = {
  play: 'M4 2.5v11l9-5.5z',
  pause: 'M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z',
  back: 'M3 2.5h2v11H3zM14 2.5v11L6 8z',
  forward: 'M11 2.5h2v11h-2zM2 2.5v11L10 8z',
  skip: 'M1.5 3v10l6-5zM8 3v10l6-5z',
  end: 'M2 2.5v11L10 8zM11.5 2.5h2.5v11h-2.5z',
  reset: 'M8 2.5a5.5 5.5 0 1 1-5.2 3.7l1.8.7A3.6 3.6 0 1 0 8 4.4V6.5L4.5 3.5 8 0.5z',
};

/** Whole numbers only: what the schema takes as `simulation.seed`. */
const isSeedText = (text: string) => /^-?\d+$/.test(text.trim()) && Number.isSafeInteger(Number(text));

function SeedField() {
  const controller = useSimulationController();
  const seed = useFanout((s) => s.simulation.seed);
  const [draft, setDraft] = useState<string | null>(null);
  const invalid = draft !== null && !isSeedText(draft);
  // Enter commits and keeps focus; a bad value stays in the field, marked and explained, until it
  // is corrected or Escape restores the seed (leaving the field restores it too).
  const commit = (leaving: boolean) => {
    if (draft === null) return;
    if (isSeedText(draft)) {
      const n = Number(draft);
      if (n !== seed) controller.setSeed(n);
      setDraft(null);
    } else if (leaving) setDraft(null);
  };
  return (
    <label className="fo-player__seed">
      <span>Seed</span>
      <input
        aria-label="Seed"
        inputMode="numeric"
        value={draft ?? String(seed)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => commit(true)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(false);
          if (e.key === 'Escape') setDraft(null);
        }}
        aria-invalid={invalid}
        aria-describedby={invalid ? 'fo-seed-error' : undefined}
        title={invalid ? 'A seed is a whole number' : 'Same seed, same run'}
      />
      {invalid && (
        <span id="fo-seed-error" className="fo-sr-only" role="alert">
          A seed is a whole number
        </span>
      )}
    </label>
  );
}

/**
 * Says that the design changed since the run shown, with Re-run. It sits in the band the canvas
 * keeps free at its top (beside the legend): in the player it made the bar grow upward over the
 * counters of the lowest nodes.
 */
export function OutOfDateNotice() {
  const controller = useSimulationController();
  const outOfDate = useFanout((s) => s.simulation.outOfDate);
  return (
    <div className="fo-sim-notice" role="status">
      {outOfDate && (
        <>
          <span className="fo-player__stale">The design changed: this run is out of date.</span>
          <button type="button" className="fo-player__text-button fo-player__rerun" onClick={() => controller.rerun()}>
            Re-run
          </button>
        </>
      )}
    </div>
  );
}

export function Player() {
  const controller = useSimulationController();
  useTraceVersion(controller);
  const player = useFanout((s) => s.simulation.player);
  const run = useFanout((s) => s.simulation.run);
  const step = useFanout((s) => s.simulation.step);
  const steps = useFanout((s) => s.simulation.steps);
  const time = useFanout((s) => s.simulation.time);
  const speed = useFanout((s) => s.simulation.speed);
  const outOfDate = useFanout((s) => s.simulation.outOfDate);
  const error = useFanout((s) => s.simulation.error);
  const overlayStep = useFanout((s) => s.simulation.overlayStep);
  const trace = controller.trace;
  const endTime = trace ? trace.timeAt(trace.steps) : 0;
  const playing = player === 'running';
  const noTrace = !trace || steps === 0;
  const atEnd = run === 'done' && step >= steps;
  // Entering Simulate with the keyboard (or a click) leaves focus on the Simulate switch, where
  // Space would press it again: once there is something to play, focus goes to Play, so Space plays.
  const playRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (noTrace) return;
    const active = document.activeElement;
    if (active instanceof HTMLElement && active.classList.contains('fo-modes__button--simulate')) playRef.current?.focus();
  }, [noTrace]);
  // A control that disables itself (Run to end at the end, Reset at the start, a step at either
  // end) would drop focus to the page: it goes to Play instead (or the Timeline), so a keyboard
  // user keeps their place.
  const sectionRef = useRef<HTMLElement>(null);
  const lastFocus = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const last = lastFocus.current;
    if (!(last instanceof HTMLButtonElement) || !last.disabled) return;
    if (document.activeElement !== document.body && document.activeElement !== last) return;
    const play = playRef.current;
    const target = play && !play.disabled ? play : sectionRef.current?.querySelector<HTMLElement>('input[type="range"]:not(:disabled)');
    target?.focus();
  });
  // What a screen reader hears when the run is ready and when playing reaches its end.
  const announcement = run === 'done' && steps > 0 ? (player === 'finished' ? 'Reached the end of the run.' : `Run ready: ${formatCount(steps)} steps.`) : '';

  return (
    <section
      ref={sectionRef}
      className="fo-player"
      aria-label="Simulation player"
      data-player={player}
      data-run={run}
      data-step={step}
      data-overlay-step={overlayStep}
      onFocus={(e) => (lastFocus.current = e.target)}
    >
      <span className="fo-sr-only" role="status">
        {announcement}
      </span>
      <div className="fo-player__buttons" role="toolbar" aria-label="Player controls">
        <button ref={playRef} type="button" className="fo-player__play" aria-label={playing ? 'Pause' : 'Play'} title={`${playing ? 'Pause' : 'Play'} (Space)`} onClick={() => controller.togglePlay()} disabled={noTrace}>
          <Icon d={playing ? ICONS.pause : ICONS.play} />
        </button>
        <button type="button" aria-label="Step back" title="Step back one event (←)" onClick={() => controller.stepBack()} disabled={noTrace || step === 0}>
          <Icon d={ICONS.back} />
        </button>
        <button type="button" aria-label="Step forward" title="Step forward one event (→)" onClick={() => controller.stepForward()} disabled={noTrace || step >= steps}>
          <Icon d={ICONS.forward} />
        </button>
        <button type="button" aria-label="Skip to next event" title="Skip over a quiet stretch to the next event" onClick={() => controller.skipToNext()} disabled={noTrace || step >= steps}>
          <Icon d={ICONS.skip} />
        </button>
        <button type="button" aria-label="Run to end" title="Show the end of the run" onClick={() => controller.runToEnd()} disabled={noTrace || atEnd}>
          <Icon d={ICONS.end} />
        </button>
        <button type="button" aria-label="Reset" title="Back to the start" onClick={() => controller.reset()} disabled={noTrace || step === 0}>
          <Icon d={ICONS.reset} />
        </button>
      </div>
      <div className="fo-player__clock" aria-live="off">
        <span className="fo-player__time" data-testid="sim-clock">
          {formatClock(time)}
        </span>
        <span className="fo-player__steps" data-testid="sim-step">
          step {formatCount(step)} / {formatCount(steps)}
        </span>
      </div>
      <input
        className="fo-player__timeline"
        type="range"
        aria-label="Timeline"
        min={0}
        max={Math.max(steps, 0)}
        step={1}
        value={step}
        aria-valuetext={`${formatClock(time)}, step ${step} of ${steps}`}
        disabled={noTrace}
        onChange={(e) => controller.seek(Number(e.target.value))}
        style={{ ['--fo-progress' as string]: `${steps ? (step / steps) * 100 : 0}%` }}
      />
      <span className="fo-player__end" title="Simulated time at the last step">
        {formatClock(endTime)}
      </span>
      <label className="fo-player__speed">
        <span>Speed</span>
        <select aria-label="Speed" value={String(speed)} onChange={(e) => controller.setSpeed(Number(e.target.value))} title="Simulated seconds per real second">
          {SPEEDS.map((s) => (
            <option key={s} value={String(s)}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <SeedField />
      <div className="fo-player__status" role="status">
        {run === 'computing' && (
          <>
            <span className="fo-spinner" aria-hidden="true" />
            <span>Computing… {formatCount(steps)} steps</span>
            <button type="button" className="fo-player__text-button" onClick={() => controller.cancel()}>
              Cancel
            </button>
          </>
        )}
        {error && (
          <>
            <span className="fo-player__error" role="alert">
              {error}
            </span>
            {run === 'error' && !outOfDate && (
              <button type="button" className="fo-player__text-button fo-player__rerun" onClick={() => controller.rerun()}>
                Re-run
              </button>
            )}
          </>
        )}
      </div>
    </section>
  );
}

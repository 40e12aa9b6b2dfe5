/**
 * Simulate mode's two places in the shell: the canvas layer (player bar and the moving-message
 * overlay, over the canvas) and the dock under the canvas (event log, journey, metrics, results,
 * event-store and projection views, as tabs). Both render nothing in Design mode.
 */
import { useEffect, useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useFanout } from '../store-context';
import { fitAllOptions } from '../canvas/canvas-port';
import { useSimulationController, useTraceVersion } from './controller-context';
import { EventLog } from './EventLog';
import { JourneyView } from './Journey';
import { MetricsPanel } from './Metrics';
import { MessageOverlay, SHOW_JOURNEY_EVENT, TYPE_COLOURS } from './MessageOverlay';
import { OutOfDateNotice, Player } from './Player';
import { clampDockHeight, dockHeightForKey, loadDockHeight, maxDockHeight, MIN_DOCK_HEIGHT, saveDockHeight } from './dock-size';
import { Results } from './Results';
import { StoreViews } from './StoreViews';
import './simulate.css';

declare global {
  interface Window {
    /** Testing hook for Simulate (e2e reads the final result and the trace size from it). */
    __fanoutSimulation?: import('./controller').SimulationController;
  }
}

/** What the dots mean: one colour per message type (as the overlay assigns them), retry, dead letter. */
function Legend() {
  const controller = useSimulationController();
  useTraceVersion(controller);
  const types = controller.trace?.messageTypes() ?? [];
  if (types.length === 0) return null;
  return (
    <div className="fo-legend" aria-label="Legend of moving messages" role="note">
      {types.slice(0, TYPE_COLOURS.length).map((t, i) => (
        <span key={t}>
          <i className="fo-legend__dot" style={{ background: TYPE_COLOURS[i] }} />
          {t}
        </span>
      ))}
      <span>
        <i className="fo-legend__dot fo-legend__dot--retry" />
        retry
      </span>
      <span>
        <i className="fo-legend__dot fo-legend__dot--dead" />
        dead-lettered
      </span>
    </div>
  );
}

export function SimulateCanvasLayer() {
  const controller = useSimulationController();
  const mode = useFanout((s) => s.simulation.mode);
  const flow = useReactFlow();
  useEffect(() => {
    window.__fanoutSimulation = controller;
  }, [controller]);
  // Back in Design, the diagram gets the whole canvas again (in Simulate the dock fits it once it
  // has taken its room: see Dock).
  useEffect(() => {
    if (mode === 'simulate') return;
    const id = requestAnimationFrame(() => void flow.fitView(fitAllOptions('design', 200)));
    return () => cancelAnimationFrame(id);
  }, [mode, flow]);
  if (mode !== 'simulate') return null;
  return (
    <>
      <MessageOverlay />
      <div className="fo-sim-layer">
        <div className="fo-sim-top">
          <Legend />
          <OutOfDateNotice />
        </div>
        <Player />
      </div>
    </>
  );
}

type Tab = 'log' | 'journey' | 'metrics' | 'results' | 'stores';
const TABS: { id: Tab; label: string }[] = [
  { id: 'log', label: 'Event log' },
  { id: 'journey', label: 'Journey' },
  { id: 'metrics', label: 'Metrics' },
  { id: 'results', label: 'Results' },
  { id: 'stores', label: 'Stores & projections' },
];

/**
 * The dock, mounted one task after Simulate opens: the click on "Simulate" then renders only the
 * player bar and the overlay, and the dock (tabs, event log with its filters) follows in its own
 * task — together they made one long task of the click.
 */
export function SimulateDock() {
  const mode = useFanout((s) => s.simulation.mode);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (mode !== 'simulate') return;
    const id = window.setTimeout(() => setShown(true), 0);
    return () => {
      window.clearTimeout(id);
      setShown(false);
    };
  }, [mode]);
  return mode === 'simulate' && shown ? <Dock /> : null;
}

/**
 * Fits the diagram into what the dock and the player leave of the canvas, once the canvas has its
 * new size (two frames: React Flow learns it from a ResizeObserver after layout). Returns a cancel.
 */
function fitAroundDock(flow: ReturnType<typeof useReactFlow>): () => void {
  let id = requestAnimationFrame(() => {
    id = requestAnimationFrame(() => void flow.fitView(fitAllOptions('simulate', 200)));
  });
  return () => cancelAnimationFrame(id);
}

/**
 * The dock's top edge: drag it, or focus it and use the arrow keys (Shift for bigger steps, Home
 * and End for the limits), to give the panels or the canvas more room. The diagram is fitted again
 * once the resize ends.
 */
function DockResizeHandle({ height, onResize, onResizeEnd }: { height: number; onResize: (height: number) => void; onResizeEnd: (height: number) => void }) {
  const drag = useRef<{ startY: number; startHeight: number; height: number } | null>(null);
  return (
    <div
      className="fo-dock__resize"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize simulation panels"
      aria-valuemin={MIN_DOCK_HEIGHT}
      aria-valuemax={maxDockHeight(window.innerHeight)}
      aria-valuenow={height}
      title="Drag to resize (or focus and use ↑ ↓)"
      tabIndex={0}
      data-own-keys="ArrowUp ArrowDown Home End"
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { startY: e.clientY, startHeight: height, height };
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (!d) return;
        d.height = clampDockHeight(d.startHeight + (d.startY - e.clientY), window.innerHeight);
        onResize(d.height);
      }}
      onPointerUp={() => {
        const d = drag.current;
        drag.current = null;
        if (d && d.height !== d.startHeight) onResizeEnd(d.height);
      }}
      onPointerCancel={() => {
        drag.current = null;
      }}
      onKeyDown={(e) => {
        const next = dockHeightForKey(e.key, e.shiftKey, height, window.innerHeight);
        if (next === null) return;
        e.preventDefault();
        onResize(next);
        onResizeEnd(next);
      }}
    />
  );
}

function Dock() {
  const controller = useSimulationController();
  const flow = useReactFlow();
  const [height, setHeight] = useState(() => clampDockHeight(loadDockHeight(), window.innerHeight));
  // The dock and the player take room: fit the diagram into what is left of the canvas.
  useEffect(() => fitAroundDock(flow), [flow]);
  // After a resize, fit again once the person has stopped (arrow keys repeat).
  const refit = useRef<() => void>(() => undefined);
  const refitTimer = useRef(0);
  useEffect(
    () => () => {
      window.clearTimeout(refitTimer.current);
      refit.current();
    },
    [],
  );
  const endResize = (next: number) => {
    saveDockHeight(next);
    window.clearTimeout(refitTimer.current);
    refitTimer.current = window.setTimeout(() => {
      refit.current();
      refit.current = fitAroundDock(flow);
    }, 250);
  };
  useTraceVersion(controller);
  const mode = useFanout((s) => s.simulation.mode);
  const run = useFanout((s) => s.simulation.run);
  const step = useFanout((s) => s.simulation.step);
  const steps = useFanout((s) => s.simulation.steps);
  // The results at the step shown arrive with the node counters (controller.resultAtStep).
  useFanout((s) => s.simulation.overlayStep);
  const [tab, setTab] = useState<Tab>('log');
  useEffect(() => {
    const show = () => setTab('journey');
    window.addEventListener(SHOW_JOURNEY_EVENT, show);
    return () => window.removeEventListener(SHOW_JOURNEY_EVENT, show);
  }, []);
  if (mode !== 'simulate') return null;
  const atEnd = run === 'done' && step >= steps;
  return (
    <section className="fo-dock" aria-label="Simulation panels" style={{ height }}>
      <DockResizeHandle height={height} onResize={setHeight} onResizeEnd={endResize} />
      <div
        className="fo-dock__tabs"
        role="tablist"
        aria-label="Simulation views"
        onKeyDown={(e) => {
          const at = TABS.findIndex((t) => t.id === tab);
          const next = e.key === 'ArrowRight' ? at + 1 : e.key === 'ArrowLeft' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : null;
          if (next === null) return;
          e.preventDefault();
          const id = TABS[(next + TABS.length) % TABS.length]!.id;
          setTab(id);
          document.getElementById(`fo-tab-${id}`)?.focus();
        }}
      >
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`fo-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`fo-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {/* Focusable, so the keyboard can scroll a panel taller than the dock (APG tabs pattern). */}
      <div className="fo-dock__panel" role="tabpanel" id={`fo-panel-${tab}`} aria-labelledby={`fo-tab-${tab}`} tabIndex={0}>
        {tab === 'log' && <EventLog />}
        {tab === 'journey' && <JourneyView />}
        {tab === 'metrics' && <MetricsPanel />}
        {tab === 'stores' && <StoreViews />}
        {tab === 'results' && <Results result={atEnd ? (controller.finalResult ?? controller.resultAtStep) : controller.resultAtStep} atEnd={atEnd} />}
      </div>
    </section>
  );
}

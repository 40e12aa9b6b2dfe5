/**
 * The canvas side of the action context: viewport centre and fit view, backed by React Flow.
 * Must be used under <ReactFlowProvider>.
 */
import { useEffect, useMemo } from 'react';
import { useReactFlow, type FitViewOptions } from '@xyflow/react';
import type { CanvasPort } from '../../actions/types';
import { useFanoutStore } from '../store-context';

/** The element the canvas is drawn in (its bounds define "the centre of the view"). */
export const CANVAS_SELECTOR = '.fo-canvas .react-flow';

/** Room at the bottom keeps the mini map and zoom controls (bottom corners) off the design. */
export const FIT_PADDING = { top: '4%', left: '4%', right: '4%', bottom: '128px' } as const;
/**
 * In Simulate the canvas also carries the legend and the out-of-date notice (a band at its top)
 * and the player (at its bottom, over the counters under the lowest nodes): every fit keeps both
 * clear — Fit view, the zoom controls' button and the fit when the dock opens or is resized.
 */
export const SIMULATE_FIT_PADDING = { top: '48px', left: '40px', right: '40px', bottom: '110px' } as const;

/** Options for fitting the whole design in `mode` (`duration` in ms, 0 for none). */
export function fitAllOptions(mode: 'design' | 'simulate', duration = 250): FitViewOptions {
  return { padding: mode === 'simulate' ? SIMULATE_FIT_PADDING : FIT_PADDING, maxZoom: 1.1, duration };
}
const fitSome = (ids: readonly string[]): FitViewOptions => ({ nodes: ids.map((id) => ({ id })), padding: 0.5, maxZoom: 1, duration: 250 });

/** When the last fit was asked for, and for which nodes: a resize soon after re-fits (see below). */
let lastFit = { at: -Infinity, nodeIds: undefined as readonly string[] | undefined };
/**
 * A resize of the canvas within this long after a fit (the Problems list appearing) fits again.
 * Validating a 300-node design on a busy machine can take over 1.5 s; any pointer, key or wheel
 * input ends the window early, so the view still never moves under the person's hand.
 */
const SETTLE_MS = 3000;

export function useCanvasPort(): CanvasPort {
  const flow = useReactFlow();
  const store = useFanoutStore();
  return useMemo<CanvasPort>(
    () => ({
      viewportCentre() {
        const box = document.querySelector(CANVAS_SELECTOR)?.getBoundingClientRect();
        if (!box) return { x: 0, y: 0 };
        return flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
      },
      fitView(nodeIds) {
        // Called from a click (Fit view, a problem) or at start-up: the settle window opens after
        // the click's own pointerdown, so a resize right after still re-fits.
        lastFit = { at: performance.now(), nodeIds };
        void flow.fitView(nodeIds ? fitSome(nodeIds) : fitAllOptions(store.getState().simulation.mode));
      },
    }),
    [flow, store],
  );
}

/**
 * Keeps a fresh fit correct while the page settles: opening a design fits it, then the Problems
 * list fills in and the canvas gets shorter — without this the bottom of the design would hide.
 * Anything the person does (pointer, key, wheel) ends the settling: the view never moves under
 * their hand.
 */
export function useRefitWhileSettling() {
  const flow = useReactFlow();
  const store = useFanoutStore();
  useEffect(() => {
    const element = document.querySelector('.fo-canvas');
    if (!element || typeof ResizeObserver === 'undefined') return;
    const settled = () => {
      lastFit = { at: -Infinity, nodeIds: undefined };
    };
    const events = ['pointerdown', 'keydown', 'wheel'] as const;
    for (const type of events) window.addEventListener(type, settled, true);
    const observer = new ResizeObserver(() => {
      if (performance.now() - lastFit.at > SETTLE_MS) return;
      const ids = lastFit.nodeIds;
      void flow.fitView(ids ? { ...fitSome(ids), duration: 0 } : fitAllOptions(store.getState().simulation.mode, 0));
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      for (const type of events) window.removeEventListener(type, settled, true);
    };
  }, [flow, store]);
}

/**
 * The event log: every trace record as its plain sentence (the engine's `describeRecord`),
 * filterable by node and record kind, windowed for 100k+ lines (fixed row height: only the rows in
 * view are in the DOM). Clicking a line moves the timeline to that moment and selects its message
 * for the journey view. Lines after the moment shown are dimmed; "Follow" keeps the moment in view.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { TRACE_TYPES } from '../../core/sim';
import { useFanout, useFanoutStore } from '../store-context';
import { useSimulationController, useTraceVersion } from './controller-context';
import { formatClock, formatCount } from './format';
import type { TraceView } from './trace-view';

export const LOG_ROW_HEIGHT = 24;
const OVERSCAN = 8;

/** Indices of the records that pass the filters (all records: null, to save a 1M-entry array). */
export function filterRecords(trace: TraceView, node: number, type: number): Int32Array | null {
  if (node < 0 && type < 0) return null;
  const out = new Int32Array(trace.records);
  let n = 0;
  for (let i = 0; i < trace.records; i++) {
    if (node >= 0 && trace.node.at(i) !== node) continue;
    if (type >= 0 && trace.type.at(i) !== type) continue;
    out[n++] = i;
  }
  return out.subarray(0, n);
}

/** Position in a filtered list of the last record at or before `record` (binary search). */
function rowOfRecord(rows: Int32Array | null, record: number): number {
  if (!rows) return record;
  let lo = 0;
  let hi = rows.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]! <= record) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/** While playing, the log moves to the moment shown at most this often (ms). */
export const LOG_PLAY_INTERVAL_MS = 120;

/**
 * The step the log shows: the player's step, but while playing at most every
 * {@link LOG_PLAY_INTERVAL_MS}. Following the moment scrolls the log, and a scroll position set
 * right after React changed the rows forces a synchronous layout of the page: once per frame it was
 * the largest single cost of playing (about a fifth of the main thread in a Chromium profile). Ten
 * updates a second are still more lines than anyone reads while messages fly.
 */
function useShownStep(): number {
  const store = useFanoutStore();
  const [step, setStep] = useState(() => store.getState().simulation.step);
  useEffect(() => {
    let timer = 0;
    let last = 0;
    const update = () => {
      timer = 0;
      last = performance.now();
      setStep(store.getState().simulation.step);
    };
    update();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.simulation.step === prev.simulation.step) return;
      if (s.simulation.player !== 'running') {
        window.clearTimeout(timer);
        update();
      } else if (!timer) timer = window.setTimeout(update, Math.max(0, LOG_PLAY_INTERVAL_MS - (performance.now() - last)));
    });
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
    };
  }, [store]);
  return step;
}

export function EventLog() {
  const controller = useSimulationController();
  const version = useTraceVersion(controller);
  const trace = controller.trace;
  const step = useShownStep();
  const selected = useFanout((s) => s.simulation.selectedMessage);
  const [node, setNode] = useState(-1);
  const [type, setType] = useState(-1);
  const [follow, setFollow] = useState(true);
  const [height, setHeight] = useState(200);
  const scroller = useRef<HTMLDivElement>(null);

  const records = trace?.records ?? 0;
  // version: the trace object grows in place; recompute the filter when it does.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const rows = useMemo(() => (trace ? filterRecords(trace, node, type) : null), [trace, node, type, version]);
  const count = rows ? rows.length : records;
  const visibleRecords = trace ? trace.recordsAt(step) : 0;
  const currentRow = rowOfRecord(rows, visibleRecords - 1);

  // Where the list is scrolled, decided during render: "Follow" (a new moment out of view) and a new
  // filter (keep the moment in view) move it here, and a layout effect applies it to the element.
  // Deciding it in an effect after the render, as before, cost a forced layout and a second render
  // per frame while playing, and the rows drawn were always those of the previous scroll position
  // (the log looked empty during fast play).
  const filter = `${node}:${type}`;
  const [view, setView] = useState({ top: 0, row: -1, filter });
  const centred = (row: number) => Math.max(0, row * LOG_ROW_HEIGHT - height / 2);
  if (filter !== view.filter) setView({ top: centred(currentRow), row: currentRow, filter });
  else if (follow && currentRow >= 0 && currentRow !== view.row) {
    const top = currentRow * LOG_ROW_HEIGHT;
    const inView = top >= view.top && top <= view.top + height - LOG_ROW_HEIGHT * 2;
    setView({ top: inView ? view.top : centred(currentRow), row: currentRow, filter });
  }
  const scrollTop = view.top;

  /** The element's scroll position as last set or reported (writing it forces a layout: only on change). */
  const applied = useRef(0);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || scrollTop === applied.current) return;
    applied.current = scrollTop;
    el.scrollTop = scrollTop;
  }, [scrollTop]);

  // The height comes from the observer's callbacks (the first arrives after the first layout):
  // reading clientHeight while mounting forced a synchronous layout inside the click that opens
  // Simulate.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver((entries) => {
      const h = entries[entries.length - 1]?.contentRect.height;
      if (h !== undefined) setHeight(h);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // One Tab stop for the whole log (thousands of rows): ↑ ↓ Page Up/Down, Home and End move focus
  // between rows, scrolling the window along; Enter on a row goes to its moment.
  const pendingFocus = useRef<number | null>(null);
  useLayoutEffect(() => {
    const row = pendingFocus.current;
    if (row === null) return;
    pendingFocus.current = null;
    scroller.current?.querySelector<HTMLElement>(`[data-row="${row}"]`)?.focus({ preventScroll: true });
  });
  const onRowKeys = (event: React.KeyboardEvent) => {
    const page = Math.max(1, Math.floor(height / LOG_ROW_HEIGHT) - 1);
    const focused = (document.activeElement as HTMLElement | null)?.dataset.row;
    const from = focused !== undefined ? Number(focused) : Math.max(0, currentRow);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    const move = moves[event.key];
    if (move === undefined || count === 0) return;
    event.preventDefault();
    const to = focused === undefined && (event.key === 'ArrowDown' || event.key === 'ArrowUp') ? from : Math.min(count - 1, Math.max(0, from + move));
    setFollow(false);
    const top = to * LOG_ROW_HEIGHT;
    if (top < view.top) setView({ ...view, top });
    else if (top > view.top + height - LOG_ROW_HEIGHT) setView({ ...view, top: top - height + LOG_ROW_HEIGHT });
    pendingFocus.current = to;
    // Already drawn and in view: no render follows, so focus now.
    scroller.current?.querySelector<HTMLElement>(`[data-row="${to}"]`)?.focus({ preventScroll: true });
  };

  const first = Math.max(0, Math.floor(scrollTop / LOG_ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / LOG_ROW_HEIGHT) + OVERSCAN);
  const lines = [];
  if (trace) {
    for (let r = first; r < last; r++) {
      const i = rows ? rows[r]! : r;
      const msg = trace.msg.at(i);
      const future = i >= visibleRecords;
      const typeName = TRACE_TYPES[trace.type.at(i)]!;
      lines.push(
        <button
          key={i}
          type="button"
          tabIndex={-1}
          className={`fo-log__row fo-log__row--${typeName}${future ? ' is-future' : ''}${msg >= 0 && msg === selected ? ' is-selected' : ''}${i === visibleRecords - 1 ? ' is-current' : ''}`}
          aria-current={i === visibleRecords - 1 ? 'step' : undefined}
          style={{ top: r * LOG_ROW_HEIGHT }}
          data-record={i}
          data-row={r}
          onClick={() => {
            setFollow(false);
            controller.seek(trace.stepOfRecord(i));
            if (msg >= 0) controller.selectMessage(msg);
          }}
        >
          <span className="fo-log__time">{formatClock(trace.t.at(i))}</span>
          <span className={`fo-log__kind fo-log__kind--${typeName}`}>{typeName}</span>
          <span className="fo-log__text">{trace.sentence(i)}</span>
          {future && <span className="fo-sr-only"> (not yet reached)</span>}
        </button>,
      );
    }
  }

  return (
    <div className="fo-log">
      <div className="fo-log__filters">
        <label>
          Node{' '}
          <select aria-label="Filter by node" value={node} onChange={(e) => setNode(Number(e.target.value))}>
            <option value={-1}>All nodes</option>
            {trace?.nodes.map((n, i) => (
              <option key={n.id} value={i}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kind{' '}
          <select aria-label="Filter by kind" value={type} onChange={(e) => setType(Number(e.target.value))}>
            <option value={-1}>All kinds</option>
            {TRACE_TYPES.map((t, i) => (
              <option key={t} value={i}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label className="fo-log__follow">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
        <span className="fo-log__count" data-testid="log-count">
          {formatCount(count)} {count === 1 ? 'line' : 'lines'}
        </span>
      </div>
      <div
        ref={scroller}
        className="fo-log__scroller"
        role="log"
        aria-label="Event log"
        aria-description="Arrow keys move between lines; Enter goes to a line's moment"
        tabIndex={0}
        data-own-keys="ArrowUp ArrowDown PageUp PageDown Home End"
        onKeyDown={onRowKeys}
        onScroll={(e) => {
          const top = e.currentTarget.scrollTop;
          applied.current = top;
          // Our own scrolling (the layout effect) reports what we already render: no second render.
          if (Math.abs(top - view.top) >= 1) setView((v) => ({ ...v, top }));
        }}
      >
        <div className="fo-log__spacer" style={{ height: count * LOG_ROW_HEIGHT }}>
          {lines}
        </div>
      </div>
    </div>
  );
}

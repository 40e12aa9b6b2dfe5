/**
 * The metrics panel: small SVG line charts (hand-rolled polylines, each with an accessible title)
 * for queue depth, throughput, end-to-end latency p50/p99, dead-lettered count and projection
 * staleness over the whole run, with a marker at the moment shown.
 */
import { useMemo } from 'react';
import { useFanout } from '../store-context';
import { useSimulationController, useTraceVersion } from './controller-context';
import { formatClock } from './format';
import { computeMetrics, type Series } from './metrics';
import { TYPE_COLOURS } from './MessageOverlay';

const W = 300;
const H = 110;
const PAD = { left: 34, right: 8, top: 8, bottom: 18 };

function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}

function Chart({ title, series, end, now, unit }: { title: string; series: Series[]; end: number; now: number; unit?: string }) {
  let top = 0;
  for (const s of series) for (const v of s.values) if (Number.isFinite(v) && v > top) top = v;
  top = niceMax(top);
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  const x = (b: number, n: number) => PAD.left + ((b + 0.5) / n) * iw;
  const y = (v: number) => PAD.top + ih - (v / top) * ih;
  const nowX = end > 0 ? PAD.left + Math.min(1, now / end) * iw : PAD.left;
  const summary = series.map((s) => `${s.name}: peak ${Number(Math.max(0, ...Array.from(s.values).filter(Number.isFinite)).toFixed(3))}`).join('; ');
  return (
    <figure className="fo-chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`${title}. ${summary}`}>
        <title>{`${title}. ${summary}`}</title>
        <line className="fo-chart__axis" x1={PAD.left} x2={W - PAD.right} y1={PAD.top + ih} y2={PAD.top + ih} />
        <line className="fo-chart__grid" x1={PAD.left} x2={W - PAD.right} y1={PAD.top} y2={PAD.top} />
        <text className="fo-chart__tick" x={PAD.left - 4} y={PAD.top + 4} textAnchor="end">
          {Number(top.toPrecision(3))}
          {unit ?? ''}
        </text>
        <text className="fo-chart__tick" x={PAD.left - 4} y={PAD.top + ih} textAnchor="end">
          0
        </text>
        <text className="fo-chart__tick" x={W - PAD.right} y={H - 4} textAnchor="end">
          {formatClock(end)}
        </text>
        {series.map((s, i) => {
          const n = s.values.length;
          const points: string[] = [];
          for (let b = 0; b < n; b++) {
            const v = s.values[b]!;
            if (Number.isFinite(v)) points.push(`${x(b, n).toFixed(1)},${y(v).toFixed(1)}`);
          }
          return <polyline key={s.name} points={points.join(' ')} fill="none" stroke={TYPE_COLOURS[i % TYPE_COLOURS.length]} strokeWidth={1.6} strokeLinejoin="round" />;
        })}
        <line className="fo-chart__now" x1={nowX} x2={nowX} y1={PAD.top} y2={PAD.top + ih} />
      </svg>
      <div className="fo-chart__legend">
        {series.map((s, i) => (
          <span key={s.name}>
            <i style={{ background: TYPE_COLOURS[i % TYPE_COLOURS.length] }} />
            {s.name}
          </span>
        ))}
      </div>
    </figure>
  );
}

export function MetricsPanel() {
  const controller = useSimulationController();
  const version = useTraceVersion(controller);
  const run = useFanout((s) => s.simulation.run);
  const time = useFanout((s) => s.simulation.time);
  const trace = controller.trace;
  // Recomputed when the trace grows (version) — a pass over the records, not per frame.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const metrics = useMemo(() => (trace && trace.records > 0 ? computeMetrics(trace) : null), [trace, run === 'done' ? -1 : version]);
  if (!metrics) return <p className="fo-dock__empty">Charts appear once the run has produced events.</p>;
  const hasProjection = trace?.nodes.some((n) => n.kind === 'projection') ?? false;
  return (
    <div className="fo-metrics" data-testid="metrics">
      {metrics.depth.length > 0 && <Chart title="Queue depth (ready messages)" series={metrics.depth} end={metrics.end} now={time} />}
      <Chart title="Throughput (per simulated second)" series={metrics.throughput} end={metrics.end} now={time} />
      <Chart title="End-to-end latency of acked deliveries" series={metrics.latency} end={metrics.end} now={time} unit=" s" />
      <Chart title="Dead-lettered (cumulative)" series={metrics.deadLettered} end={metrics.end} now={time} />
      {hasProjection && <Chart title="Projection staleness" series={metrics.staleness} end={metrics.end} now={time} />}
    </div>
  );
}

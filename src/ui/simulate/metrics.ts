/**
 * Time series for the metrics panel, derived from the page's trace (pure, no React): queue depth
 * per queue (ready messages: enqueued and made ready again after a retry delay, minus handed out),
 * throughput (acks and publishes per simulated second), end-to-end latency p50/p99 of acked
 * deliveries, dead-lettered count (cumulative), and projection staleness (the lag of stale reads).
 * Buckets are equal slices of [0, end]; a value belongs to the bucket of its record's time.
 */
import { TRACE_TYPES, type TraceType } from '../../core/sim';
import type { TraceView } from './trace-view';

const T = (name: TraceType) => TRACE_TYPES.indexOf(name);
const ENQUEUE = T('enqueue');
const DELIVER = T('deliver');
const RETRY = T('retry');
const ACK = T('ack');
const PUBLISH = T('publish');
const EMIT = T('emit');
const DEADLETTER = T('deadletter');
const READ = T('read');

export interface Series {
  name: string;
  values: Float64Array;
}

export interface Metrics {
  end: number;
  buckets: number;
  width: number;
  depth: Series[];
  throughput: Series[];
  latency: Series[];
  deadLettered: Series[];
  staleness: Series[];
  /** Largest depth of each queue at any record time (checked against the result's maxDepth). */
  maxDepth: Record<string, number>;
}

/** Nearest-rank percentile of a sorted list (the spec's definition). */
function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

export function computeMetrics(trace: TraceView, buckets = 120): Metrics {
  const n = trace.records;
  const end = n > 0 ? trace.t.at(n - 1) : 0;
  const width = end > 0 ? end / buckets : 1;
  const bucketOf = (t: number) => Math.min(buckets - 1, Math.max(0, Math.floor(t / width)));

  // Queue depth: +1 enqueue, +1 at t + delay after a retry, −1 when handed out over a consume edge.
  const queueIndex = new Map<number, number>();
  trace.nodes.forEach((node, i) => {
    if (node.kind === 'queue') queueIndex.set(i, queueIndex.size);
  });
  const deltas: { t: number; q: number; d: number }[] = [];
  const acks = new Float64Array(buckets);
  const publishes = new Float64Array(buckets);
  const dead = new Float64Array(buckets);
  const latencies: number[][] = Array.from({ length: buckets }, () => []);
  const lagMax = new Float64Array(buckets);
  const staleCount = new Float64Array(buckets);
  for (let i = 0; i < n; i++) {
    const type = trace.type.at(i);
    const t = trace.t.at(i);
    const node = trace.node.at(i);
    if (type === ENQUEUE && queueIndex.has(node)) deltas.push({ t, q: queueIndex.get(node)!, d: 1 });
    else if (type === RETRY && queueIndex.has(node)) deltas.push({ t: t + (Number.isNaN(trace.value.at(i)) ? 0 : trace.value.at(i)), q: queueIndex.get(node)!, d: 1 });
    else if (type === DELIVER) {
      const e = trace.edge.at(i);
      const from = e >= 0 ? trace.edges[e]!.from : -1;
      if (queueIndex.has(from) && trace.edges[e]!.kind === 'consume') deltas.push({ t, q: queueIndex.get(from)!, d: -1 });
    } else if (type === ACK) {
      const b = bucketOf(t);
      acks[b]!++;
      latencies[b]!.push(t - trace.msgCreated[trace.msg.at(i)]!);
    } else if (type === PUBLISH || type === EMIT) {
      // A message published over several edges is one message: count its first record only.
      if (i === 0 || trace.msg.at(i - 1) !== trace.msg.at(i)) publishes[bucketOf(t)]!++;
    } else if (type === DEADLETTER) dead[bucketOf(t)]!++;
    else if (type === READ) {
      const lag = trace.value.at(i);
      if (!Number.isNaN(lag) && lag >= 0) {
        const b = bucketOf(t);
        staleCount[b]!++;
        lagMax[b] = Math.max(lagMax[b]!, lag);
      }
    }
  }

  // Depth at each bucket's end; the maximum over every instant (after the instant's changes).
  deltas.sort((a, b) => a.t - b.t || b.d - a.d);
  const queues = [...queueIndex.keys()];
  const depthValues = queues.map(() => new Float64Array(buckets));
  const current = new Float64Array(queues.length);
  const max = new Float64Array(queues.length);
  let k = 0;
  for (let b = 0; b < buckets; b++) {
    const until = (b + 1) * width;
    while (k < deltas.length && deltas[k]!.t <= until) {
      const t = deltas[k]!.t;
      while (k < deltas.length && deltas[k]!.t === t) {
        current[deltas[k]!.q]! += deltas[k]!.d;
        k++;
      }
      for (let q = 0; q < queues.length; q++) if (current[q]! > max[q]!) max[q] = current[q]!;
    }
    for (let q = 0; q < queues.length; q++) depthValues[q]![b] = current[q]!;
  }
  const perSecond = (a: Float64Array) => a.map((v) => v / width);
  let cumulative = 0;
  const deadCumulative = dead.map((v) => (cumulative += v));
  const p50 = new Float64Array(buckets);
  const p99 = new Float64Array(buckets);
  latencies.forEach((list, b) => {
    list.sort((x, y) => x - y);
    p50[b] = percentile(list, 0.5);
    p99[b] = percentile(list, 0.99);
  });
  const maxDepth = Object.create(null) as Record<string, number>; // keyed by node id: no prototype
  queues.forEach((node, q) => (maxDepth[trace.nodes[node]!.id] = max[q]!));
  return {
    end,
    buckets,
    width,
    depth: queues.map((node, q) => ({ name: trace.nodes[node]!.name, values: depthValues[q]! })),
    throughput: [
      { name: 'acked / s', values: perSecond(acks) },
      { name: 'published / s', values: perSecond(publishes) },
    ],
    latency: [
      { name: 'p50', values: p50 },
      { name: 'p99', values: p99 },
    ],
    deadLettered: [{ name: 'dead-lettered', values: deadCumulative }],
    staleness: [
      { name: 'worst lag of a stale read (s)', values: lagMax },
      { name: 'stale reads', values: staleCount },
    ],
    maxDepth,
  };
}

/**
 * The result of a run, exactly as the spec's "Result of a run": totals, conservation, and per node
 * only the fields that apply to its kind. Totals are counted from each delivery's final state (a
 * scan of the delivery table), then cross-checked against the counts the transitions kept, the
 * dead-letter holdings and each consumer's identity `received = processed + failed +
 * duplicatesSkipped + abandoned + inProgress` — so `conservation.ok` can actually fail.
 */
import type { Engine } from './engine';
import { SampleList, summarize, type LatencySummary } from './collections';
import { A_RUNNING, S_ACKED, S_DEADLETTERED, S_DISCARDED, S_REJECTED, S_UNROUTABLE } from './tables';
import { setOwn } from '../util/own';
import { maxDepthOf } from './queues';
import { maxLagOf } from './streams';

export interface Totals {
  /** Messages created: producers' publishes and consumers' emits. */
  published: number;
  deliveries: number;
  acked: number;
  deadLettered: number;
  discarded: number;
  unroutable: number;
  rejected: number;
  pending: number;
}

export interface Conservation {
  ok: boolean;
  /** What did not add up (absent when ok). */
  details?: string[];
}

export type NodeResult = { kind: string } & Record<string, unknown>;

export interface SimResult {
  name: string;
  seed: number;
  simulatedTime: number;
  events: number;
  truncated: boolean;
  totals: Totals;
  conservation: Conservation;
  nodes: Record<string, NodeResult>;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function roundSummary(s: LatencySummary): LatencySummary {
  return { mean: round(s.mean), p50: round(s.p50), p95: round(s.p95), p99: round(s.p99), max: round(s.max) };
}

/** Counts deliveries by final state. */
export function countDeliveries(e: Engine): Totals {
  const dl = e.deliveries;
  const totals: Totals = {
    published: e.messages.count,
    deliveries: dl.count,
    acked: 0,
    deadLettered: 0,
    discarded: 0,
    unroutable: 0,
    rejected: 0,
    pending: 0,
  };
  const state = dl.state;
  for (let d = 0; d < dl.count; d++) {
    switch (state[d]) {
      case S_ACKED:
        totals.acked++;
        break;
      case S_DEADLETTERED:
        totals.deadLettered++;
        break;
      case S_DISCARDED:
        totals.discarded++;
        break;
      case S_UNROUTABLE:
        totals.unroutable++;
        break;
      case S_REJECTED:
        totals.rejected++;
        break;
      default:
        totals.pending++;
    }
  }
  return totals;
}

/** Attempts a consumer still holds: running, or buffered in front of its slots. */
export function inProgress(e: Engine, node: number): number {
  const c = e.consumers[node]!;
  let n = c.buffer.length;
  for (const a of c.running) if (e.attempts.state[a] === A_RUNNING) n++;
  return n;
}

export function checkConservation(e: Engine, totals: Totals): Conservation {
  const details: string[] = [];
  const sum = totals.acked + totals.deadLettered + totals.discarded + totals.unroutable + totals.rejected + totals.pending;
  if (sum !== totals.deliveries) details.push(`deliveries ${totals.deliveries} ≠ settled + pending ${sum}`);
  const pairs: [string, number, number][] = [
    ['acked', totals.acked, e.terminalByState[S_ACKED]!],
    ['deadLettered', totals.deadLettered, e.terminalByState[S_DEADLETTERED]!],
    ['discarded', totals.discarded, e.terminalByState[S_DISCARDED]!],
    ['unroutable', totals.unroutable, e.terminalByState[S_UNROUTABLE]!],
    ['rejected', totals.rejected, e.terminalByState[S_REJECTED]!],
  ];
  for (const [name, scanned, kept] of pairs) {
    if (scanned !== kept) details.push(`${name}: ${scanned} deliveries end so, but ${kept} transitions led there`);
  }
  if (e.doubleTerminal > 0) details.push(`${e.doubleTerminal} deliveries settled twice`);
  let held = 0;
  e.held.forEach((list) => {
    for (const d of list) if (e.deliveries.state[d] === S_DEADLETTERED) held++;
  });
  if (held !== totals.deadLettered) details.push(`dead-letter nodes hold ${held}, but ${totals.deadLettered} deliveries are dead-lettered`);
  for (const node of e.model.nodes) {
    if (node.kind !== 'consumer' && node.kind !== 'projection') continue;
    const s = e.stats[node.index]!;
    const rhs = s.processed + s.failed + s.duplicatesSkipped + s.abandoned + inProgress(e, node.index);
    if (s.received !== rhs) details.push(`${node.id}: received ${s.received} ≠ processed + failed + duplicatesSkipped + abandoned + inProgress ${rhs}`);
  }
  return details.length === 0 ? { ok: true } : { ok: false, details };
}

/** Builds the spec's result object for the engine's current state. */
export function buildResult(e: Engine): SimResult {
  const totals = countDeliveries(e);
  const conservation = checkConservation(e, totals);
  const T = e.lastChange;
  const nodes: Record<string, NodeResult> = {};
  for (const node of e.model.nodes) {
    const s = e.stats[node.index]!;
    const r: NodeResult = { kind: node.kind };
    switch (node.kind) {
      case 'producer':
        Object.assign(r, { published: s.published, rejected: s.rejected });
        break;
      case 'topic':
      case 'webhook':
        Object.assign(r, { received: s.received, retried: s.retried });
        if (node.kind === 'webhook') r.timeouts = s.timeouts;
        Object.assign(r, { deadLettered: s.deadLettered, discarded: s.discarded, rejected: s.rejected });
        break;
      case 'queue': {
        const q = e.queues[e.queueOf[node.index]!]!;
        const area = q.area + q.ready.length * Math.max(0, T - q.lastT);
        Object.assign(r, {
          received: s.received,
          maxDepth: maxDepthOf(e, q),
          meanDepth: T > 0 ? round(area / T) : 0,
          depth: q.ready.length,
          retried: s.retried,
          timeouts: s.timeouts,
          deadLettered: s.deadLettered,
          discarded: s.discarded,
          rejected: s.rejected,
        });
        break;
      }
      case 'exchange':
        Object.assign(r, { received: s.received, unroutable: s.unroutable, rejected: s.rejected });
        break;
      case 'stream': {
        const st = e.streams[node.index]!;
        const groups: Record<string, { maxLag: number; meanLag: number; lag: number }> = {};
        for (const gi of st.groups) {
          const g = e.groups[gi]!;
          const area = g.lagArea + g.lag * Math.max(0, T - g.lagLastT);
          setOwn(groups, g.name, { maxLag: maxLagOf(e, g), meanLag: T > 0 ? round(area / T) : 0, lag: g.lag });
        }
        Object.assign(r, {
          received: s.received,
          partitions: [...st.counts],
          groups,
          retried: s.retried,
          deadLettered: s.deadLettered,
          discarded: s.discarded,
          rejected: s.rejected,
        });
        break;
      }
      case 'consumer':
      case 'projection': {
        Object.assign(r, {
          received: s.received,
          processed: s.processed,
          failed: s.failed,
          acked: s.acked,
          abandoned: s.abandoned,
          inProgress: inProgress(e, node.index),
          duplicatesProcessed: s.duplicatesProcessed,
          duplicatesSkipped: s.duplicatesSkipped,
          outOfOrder: s.outOfOrder,
        });
        // Emitted messages count in totals.published even without a publish edge (they go nowhere):
        // shown whenever the node emits, so the totals add up from the nodes.
        if (e.publishEdges[node.index]!.length > 0 || node.emits.length > 0) Object.assign(r, { emitted: s.emitted, rejected: s.rejected });
        const lat = summarize(s.latency);
        if (lat) r.latency = roundSummary(lat);
        if (node.kind === 'projection') {
          Object.assign(r, { reads: s.reads, staleReads: s.staleReads });
          const lag = summarize(s.consistencyLag);
          if (lag) r.consistencyLag = { mean: round(lag.mean), p99: round(lag.p99), max: round(lag.max) };
        }
        break;
      }
      case 'eventstore': {
        const store = e.stores[node.index]!;
        Object.assign(r, { appended: s.appended, entities: store.entities.size, maxVersion: store.maxVersion });
        // A catch-up subscription's push that fails is discarded here (one attempt): counted on the store.
        if (node.out.some((i) => e.model.edges[i]!.kind === 'subscribe')) r.discarded = s.discarded;
        break;
      }
      case 'deadletter': {
        Object.assign(r, { received: s.received, redriven: s.redriven, held: totalsHeld(e, node.index) });
        const lat = summarize(heldLatencies(e, node.index));
        if (lat) r.latency = roundSummary(lat);
        break;
      }
    }
    setOwn(nodes, node.id, r);
  }
  return {
    name: e.model.name,
    seed: e.seed,
    simulatedTime: round(T),
    events: e.trace.length,
    truncated: e.truncated,
    totals,
    conservation,
    nodes,
  };
}

/** The latencies of the deliveries a deadletter node holds at the end (see `Engine.heldLatency`). */
function heldLatencies(e: Engine, node: number): SampleList {
  const held = e.held[node]!;
  const latency = e.heldLatency[node]!;
  const out = new SampleList(held.length);
  for (let i = 0; i < held.length; i++) if (e.deliveries.state[held[i]!] === S_DEADLETTERED) out.push(latency.values[i]!);
  return out;
}

function totalsHeld(e: Engine, node: number): number {
  let n = 0;
  for (const d of e.held[node]!) if (e.deliveries.state[d] === S_DEADLETTERED) n++;
  return n;
}

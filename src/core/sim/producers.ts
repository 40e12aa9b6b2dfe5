/**
 * Producers (spec, "Message streams"): the k-th constant arrival is at start + k/rate (computed, not
 * accumulated); poisson arrivals are start plus exponential gaps, the first gap included; a stream
 * stops at its `count`-th message or at the first arrival ≥ duration; a burst adds n messages at
 * `at` (counted toward `count`, dropped when at ≥ duration). `keys` draws k0…k{n−1} uniformly from
 * the stream's own generator; routing-key lists cycle in order.
 */
import type { CompiledModel, CompiledNode } from '../compile/model';
import type { Engine } from './engine';
import { E_PRODUCE } from './engine';
import { rngFor, type Rng } from './prng';
import type { NodeStats } from './runtime';

/** One message stream of a producer at run time (a class: see runtime.ts on hidden classes). */
export class ProducerStream {
  node = 0;
  index = 0;
  type = 0;
  category = 0;
  key = -1;
  keys = 0;
  keyIds = new Int32Array(0);
  routingKeys: number[] = [];
  rkNext = 0;
  rate = 0;
  constant = false;
  start = 0;
  count = 0;
  emitted = 0;
  regular = 0;
  lastArrival = 0;
  arrivals!: Rng;
  keyRng!: Rng;
  /** The producer's counters (the engine's `stats` entry). */
  stats!: NodeStats;
}

/** Most rows preallocated up front; tables grow past the estimate when a run needs more. */
const MAX_PREALLOCATED = 1 << 22;

/**
 * Expected messages and deliveries of a run, from the producers' rates and the fan-out right after
 * them: a first allocation that avoids growing (and copying) large tables. Only a hint.
 */
export function estimateSize(model: CompiledModel, duration: number): [number, number] {
  let messages = 0;
  let deliveries = 0;
  for (const node of model.nodes) {
    if (node.streams.length === 0) continue;
    let fanOut = 0;
    for (const ei of node.out) {
      const target = model.nodes[model.edges[ei]!.to]!;
      const copies = target.out.filter((o) => {
        const k = model.edges[o]!.kind;
        return k === 'subscribe' || k === 'endpoint' || k === 'bind';
      }).length;
      fanOut += Math.max(1, copies);
    }
    for (const s of node.streams) {
      const byRate = s.rate * Math.max(0, duration - s.start) + (s.burst?.count ?? 0);
      const n = Math.min(s.count, byRate * 1.05 + 16);
      messages += n;
      deliveries += n * fanOut;
    }
  }
  return [Math.min(MAX_PREALLOCATED, Math.ceil(messages)), Math.min(MAX_PREALLOCATED, Math.ceil(deliveries))];
}

/** Sets up a producer node's message streams and schedules their first arrivals and bursts. */
export function createProducerStreams(e: Engine, node: CompiledNode): void {
  node.streams.forEach((s, si) => {
    const ps = Object.assign(new ProducerStream(), {
      node: node.index,
      index: e.producerStreams.length,
      type: e.internType(s.type),
      category: s.category === 'command' ? 1 : 0,
      key: s.key === null ? -1 : e.intern(s.key),
      keys: s.keys,
      keyIds: new Int32Array(s.keys).fill(-1),
      routingKeys: s.routingKeys.map((rk) => e.intern(rk)),
      rkNext: 0,
      rate: s.rate,
      constant: s.arrival === 'constant',
      start: s.start,
      count: s.count,
      emitted: 0,
      regular: 0,
      lastArrival: s.start,
      arrivals: rngFor(e.seed, node.id, `arrivals#${si}`),
      keyRng: rngFor(e.seed, node.id, `keys#${si}`),
      stats: e.stats[node.index]!,
    });
    e.producerStreams.push(ps);
    if (s.rate > 0) scheduleNextArrival(e, ps);
    if (s.burst && s.burst.at < e.duration && s.burst.at >= 0) e.schedule(s.burst.at, E_PRODUCE, ps.index, s.burst.count);
  });
}

export function scheduleNextArrival(e: Engine, ps: ProducerStream): void {
  if (ps.emitted >= ps.count) return;
  let t: number;
  if (ps.constant) t = ps.start + ps.regular / ps.rate;
  else t = ps.lastArrival + ps.arrivals.exponential(1 / ps.rate);
  ps.lastArrival = t;
  if (t >= e.duration) return;
  e.schedule(t, E_PRODUCE, ps.index, -1);
}

/** E_PRODUCE: the next regular arrival (burst < 0) or a burst of `burst` messages. */
export function onProduce(e: Engine, ps: ProducerStream, burst: number): void {
  const trace = e.trace;
  if (burst < 0) {
    if (ps.emitted < ps.count && trace.length < trace.limit) produceOne(e, ps);
    ps.regular++;
    scheduleNextArrival(e, ps);
    return;
  }
  // A burst is one event but may be millions of messages: it stops where the trace reaches
  // maxEvents, which ends the run (the hard bound must hold within an event too).
  for (let i = 0; i < burst && ps.emitted < ps.count && trace.length < trace.limit; i++) produceOne(e, ps);
}

/** One message of the stream: its key and routing key, then sent on every publish edge. */
function produceOne(e: Engine, ps: ProducerStream): void {
  ps.emitted++;
  let key = ps.key;
  if (ps.keys > 0) {
    const k = ps.keyRng.nextInt(ps.keys);
    key = ps.keyIds[k]!;
    if (key < 0) key = ps.keyIds[k] = e.intern(`k${k}`);
  }
  const rks = ps.routingKeys;
  const rk = rks.length === 1 ? rks[0]! : rks[ps.rkNext++ % rks.length]!;
  const msg = e.createMessage(ps.type, key, rk, -1, ps.node, ps.category);
  ps.stats.published++;
  e.sendFrom(ps.node, msg, -1);
}

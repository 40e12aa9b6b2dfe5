/**
 * Projections' reads (spec, "Consumer behaviour"): a poisson process at `readRate` that never extends
 * a run; each read picks uniformly a key some delivery to the projection has carried so far, and is
 * stale when a delivery with that key, created before the read, has not settled yet
 * (`consistencyLag` = read time − creation of the oldest such delivery).
 */
import type { Engine } from './engine';
import { T_READ } from './trace';
import { growF64, growI32 } from './tables';
import { E_READ } from './engine';

/** A delivery now heads for projection `p`: track it for stale reads until it settles. */
export function trackStale(e: Engine, d: number, p: number): void {
  const proj = e.projections[p]!;
  const key = e.messages.keyOf(e.deliveries.msg[d]!);
  if (key < 0 || e.staleTracked.has(d)) return;
  if (!proj.keySeen.has(key)) {
    proj.keySeen.add(key);
    proj.keys.push(key);
  }
  let list = proj.pending.get(key);
  if (!list) proj.pending.set(key, (list = []));
  const created = e.deliveries.created[e.deliveries.slot[d]!]!;
  let i = list.length;
  while (i > 0 && list[i - 1]! > created) i--;
  list.splice(i, 0, created);
  e.staleTracked.add(d);
  e.staleOwner.set(d, p);
}

/**
 * The projection that delivery `d`, sent over `edge`, continues to (−1: none) — the path it will
 * take when it arrives, found the way routing will find it: a queue or push edge that feeds a
 * projection, or, through a topic, webhook, exchange or stream, the first target there (the one the
 * delivery itself continues on; further copies are new deliveries, created on arrival).
 */
function projectionAhead(e: Engine, d: number, edge: number, depth: number): number {
  const m = e.model;
  const to = m.nodes[m.edges[edge]!.to]!;
  switch (to.kind) {
    case 'queue':
      return e.paths[e.queues[e.queueOf[to.index]!]!.path]!.projection;
    case 'projection': {
      const path = e.pushPathOfEdge[edge]!;
      return path >= 0 ? e.paths[path]!.projection : -1;
    }
    case 'stream': {
      const s = e.streams[to.index]!;
      return s.groups.length > 0 ? e.paths[e.groups[s.groups[0]!]!.path]!.projection : -1;
    }
    case 'topic':
    case 'webhook':
    case 'exchange': {
      if (depth > 2) return -1;
      const msg = e.deliveries.msg[d]!;
      const kind = to.kind === 'topic' ? 'subscribe' : to.kind === 'webhook' ? 'endpoint' : 'bind';
      for (const ei of to.out) {
        const out = m.edges[ei]!;
        if (out.kind !== kind) continue;
        if (kind === 'bind') {
          if (!e.bindingMatchers[ei]!(e.strings[e.messages.routingKey[msg]!]!)) continue;
        } else if (out.filter !== null && !out.filter.has(e.types[e.messages.type[msg]!]!)) continue;
        return projectionAhead(e, d, ei, depth + 1);
      }
      return -1;
    }
    default:
      return -1;
  }
}

/**
 * A delivery sets off over an edge with latency: if it is heading for a projection, it counts for
 * stale reads from now (spec: a delivery to the projection created before the read and not yet
 * acked), not from its arrival at the projection's queue.
 */
export function trackInTransit(e: Engine, d: number, edge: number): void {
  const key = e.messages.keyOf(e.deliveries.msg[d]!);
  if (key < 0 || e.staleTracked.has(d)) return;
  const p = projectionAhead(e, d, edge, 0);
  if (p >= 0) trackStale(e, d, p);
}

export function untrackStale(e: Engine, d: number): void {
  const p = e.staleOwner.get(d);
  if (p === undefined) return;
  e.staleOwner.delete(d);
  const proj = e.projections[p]!;
  const key = e.messages.keyOf(e.deliveries.msg[d]!);
  const list = proj.pending.get(key);
  if (!list) return;
  const i = list.indexOf(e.deliveries.created[e.deliveries.slot[d]!]!);
  if (i >= 0) list.splice(i, 1);
}

export function onRead(e: Engine, node: number): void {
  const proj = e.projections[node]!;
  let lag = -1;
  if (proj.keys.length > 0) {
    const key = proj.keys[proj.readRng.nextInt(proj.keys.length)]!;
    const list = proj.pending.get(key);
    if (list && list.length > 0 && list[0]! < e.now) lag = e.now - list[0]!;
  }
  // Recorded and counted once a later record shows the run went on.
  deferRead(e, node, lag);
  const rate = e.model.nodes[node]!.readRate;
  e.heap.push(e.now + proj.readRng.exponential(1 / rate), E_READ, node, 0);
}

/** A projection read at `now` with its lag (−1: fresh), pending until a later record confirms it. */
function deferRead(e: Engine, node: number, lag: number): void {
  const i = e.pendingReads++;
  if (i === e.pendingReadNode.length) {
    e.pendingReadNode = growI32(e.pendingReadNode, i * 2);
    e.pendingReadTime = growF64(e.pendingReadTime, i * 2);
    e.pendingReadLag = growF64(e.pendingReadLag, i * 2);
  }
  e.pendingReadNode[i] = node;
  e.pendingReadTime[i] = e.now;
  e.pendingReadLag[i] = lag;
}

/**
 * A later record confirms the pending reads: each is written (before that record: the trace stays
 * in time order) and counted. Reads still pending when the run ends are dropped (`Engine.finish`).
 */
export function flushReads(e: Engine): void {
  const n = e.pendingReads;
  e.pendingReads = 0;
  for (let i = 0; i < n; i++) {
    const node = e.pendingReadNode[i]!;
    const lag = e.pendingReadLag[i]!;
    const st = e.stats[node]!;
    st.reads++;
    if (lag >= 0) {
      st.staleReads++;
      st.consistencyLag.push(lag);
    }
    e.trace.pushValue(e.pendingReadTime[i]!, T_READ, node, -1, -1, 0, lag);
  }
}

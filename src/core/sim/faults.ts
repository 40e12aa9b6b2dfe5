/**
 * Faults (spec, "Faults"): `down` on a consumer or projection crashes it (work abandoned, buffered
 * pushes fail; see `onFaultConsumer`); on a broker it refuses publishes and hands nothing out while its
 * timers run. `slow` multiplies the processing time of attempts that start while it is active.
 * Overlapping faults of one type on one node combine (down while any is active; slow factors multiply).
 */
import type { Engine } from './engine';
import * as T from './trace';
import { onFaultConsumer } from './consumers';

export function onFault(e: Engine, index: number, starting: boolean): void {
  const f = e.model.faults[index]!;
  e.faultActive[index] = starting ? 1 : 0;
  const node = e.model.nodes[f.node]!;
  if (f.type === 'slow') {
    let factor = 1;
    e.model.faults.forEach((g, i) => {
      if (g.node === f.node && g.type === 'slow' && e.faultActive[i]) factor *= g.factor;
    });
    e.slow[f.node] = factor;
    return;
  }
  let downCount = 0;
  e.model.faults.forEach((g, i) => {
    if (g.node === f.node && g.type === 'down' && e.faultActive[i]) downCount++;
  });
  const wasDown = e.down[f.node] === 1;
  const isDown = downCount > 0;
  if (wasDown === isDown) return;
  e.down[f.node] = isDown ? 1 : 0;
  e.record(isDown ? T.T_DOWN : T.T_UP, f.node, -1, -1, -1, 0);
  if (node.kind === 'consumer' || node.kind === 'projection') onFaultConsumer(e, f.node, isDown);
  else if (!isDown) {
    const qi = e.queueOf[f.node]!;
    if (qi >= 0) e.markQueueDirty(e.queues[qi]!);
    const s = e.streams[f.node];
    if (s) for (const g of s.groups) for (const member of e.groups[g]!.members) e.markConsumerDirty(member);
  }
}

/** When a broker that is down comes back (or Infinity if it stays down). */
export function upTime(e: Engine, node: number): number {
  let t = Infinity;
  e.model.faults.forEach((f, i) => {
    if (f.node === node && f.type === 'down' && e.faultActive[i] && f.to > e.now) t = Math.min(t, f.to);
  });
  return t;
}

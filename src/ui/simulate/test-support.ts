/** Builds a page-side TraceView from a whole run in Node, through the worker host (tests only). */
import { readFileSync } from 'node:fs';
import { parseTopology, type Topology } from '../../core/schema';
import { SimHost } from '../../worker/host';
import type { FromWorker } from '../../worker/protocol';
import { TraceView } from './trace-view';

export function exampleTopology(name: string): Topology {
  const parsed = parseTopology(readFileSync(new URL(`../../../public/examples/${name}.json`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`example ${name} does not parse`);
  return parsed.topology;
}

export function traceViewOf(topology: Topology, seed: number): { trace: TraceView; messages: FromWorker[] } {
  const inbox: FromWorker[] = [];
  const queue: (() => void)[] = [];
  let clock = 0;
  const host = new SimHost({ post: (m) => inbox.push(m), later: (fn) => queue.push(fn), now: () => (clock += 50) });
  host.handle({ type: 'start', runId: 1, topology, seed });
  while (queue.length) queue.shift()!();
  let trace: TraceView | null = null;
  for (const m of inbox) {
    if (m.type === 'compiled') trace = new TraceView(m.nodes, m.edges, m.maxEvents + 16);
    if (m.type === 'progress') trace!.append(m.slice);
  }
  if (!trace) throw new Error('the run did not compile');
  return { trace, messages: inbox };
}

/**
 * Rules that follow messages through the graph (see ../routing.ts): commands copied to several
 * handlers, loops through consumers' emits, and filters that list types nobody sends.
 */
import { edgesOut, quote, type ValidationContext } from '../context';
import { pathsOfSent, type DeliveryPath, type SentMessage } from '../routing';

const MAX_LISTED = 4;

export function checkCommands(ctx: ValidationContext, sent: readonly SentMessage[]): void {
  for (const m of sent) {
    if (m.category !== 'command' || m.probability === 0) continue;
    const byKey = new Map<string, DeliveryPath>();
    for (const p of pathsOfSent(ctx, m)) if (!byKey.has(p.key)) byKey.set(p.key, p);
    if (byKey.size <= 1) continue;
    const paths = [...byKey.values()];
    const described = paths.slice(0, MAX_LISTED).map((p) => {
      // Pushed to one consumer (subscription, endpoint): name it as the end of the path; a queue
      // or group is the end, and its competing consumers follow in parentheses.
      if (p.key.startsWith('push:') || p.key.startsWith('endpoint:')) return [...p.trail, ...p.handlers].join(' → ');
      const handlers = p.handlers.length ? p.handlers.join(', ') : 'no consumer yet';
      return `${p.trail.join(' → ')} (${handlers})`;
    });
    ctx.report({
      code: 'command-many-handlers',
      message: `command ${m.type} from ${quote(m.sender)} is copied onto ${paths.length} paths: ${described.join('; ')}${paths.length > MAX_LISTED ? '; …' : ''}. A command should have one handler (competing consumers on one queue or group count as one)`,
      nodeIds: [m.sender, ...new Set(paths.flatMap((p) => [...p.trail, ...p.handlers]))],
      edgeIds: [...new Set(paths.flatMap((p) => p.edgeIds))],
      path: `${m.path}.category`,
    });
  }
}

interface Hop {
  to: string;
  /** Nodes between the emitting consumer and `to`, e.g. a topic and a queue. */
  via: string[];
  edgeIds: string[];
  emitPath: string;
}

/**
 * Finds loops in the "consumer emits a message some consumer handles" graph, one report per
 * strongly connected component (Tarjan's algorithm, iterative, linear in the graph's size).
 */
export function checkEmitCycles(ctx: ValidationContext, sent: readonly SentMessage[]): void {
  // One hop per (sender, handler): the path with the smallest trail, and hops sorted by handler id,
  // so the cycle named does not depend on the order nodes and edges are listed in.
  const best = new Map<string, Map<string, Hop>>();
  for (const m of sent) {
    const sender = ctx.nodes.get(m.sender)?.node;
    if (!sender || sender.kind === 'producer' || m.probability === 0) continue;
    const byHandler = best.get(m.sender) ?? new Map<string, Hop>();
    best.set(m.sender, byHandler);
    for (const p of pathsOfSent(ctx, m)) {
      for (const h of p.handlers) {
        const hop: Hop = { to: h, via: p.trail, edgeIds: p.edgeIds, emitPath: m.path };
        const known = byHandler.get(h);
        if (!known || compareHops(hop, known) < 0) byHandler.set(h, hop);
      }
    }
  }
  const hops = new Map<string, Hop[]>();
  for (const [sender, byHandler] of best) hops.set(sender, [...byHandler.values()].sort((a, b) => byCodeUnits(a.to, b.to)));
  for (const component of stronglyConnected([...hops.keys()], (id) => (hops.get(id) ?? []).map((h) => h.to))) {
    const inside = new Set(component);
    const start = component.reduce((a, b) => (byCodeUnits(a, b) <= 0 ? a : b));
    const selfLoop = hops.get(start)?.find((h) => h.to === start);
    if (component.length === 1 && !selfLoop) continue;
    const cycle = selfLoop ? [selfLoop] : shortestCycle(start, inside, hops);
    if (!cycle) continue;
    const names = [start];
    for (const hop of cycle) names.push(...hop.via, hop.to);
    ctx.report({
      code: 'emit-cycle',
      message: `messages can loop without end: ${names.join(' → ')} (each consumer's emits reach the next; a run stops only at maxEvents)`,
      nodeIds: [...new Set(names)],
      edgeIds: [...new Set(cycle.flatMap((h) => h.edgeIds))],
      path: cycle[0]!.emitPath,
    });
  }
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareHops(a: Hop, b: Hop): number {
  return (
    byCodeUnits(a.via.join('\u0000'), b.via.join('\u0000')) ||
    byCodeUnits(a.edgeIds.join('\u0000'), b.edgeIds.join('\u0000')) ||
    byCodeUnits(a.emitPath, b.emitPath)
  );
}

/** Breadth-first search from `start` back to itself, staying inside one component. */
function shortestCycle(start: string, inside: Set<string>, hops: Map<string, Hop[]>): Hop[] | undefined {
  const cameBy = new Map<string, { from: string; hop: Hop }>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head]!;
    for (const hop of hops.get(at) ?? []) {
      if (!inside.has(hop.to)) continue;
      if (hop.to === start) {
        const path = [hop];
        let cur = at;
        while (cur !== start) {
          const step = cameBy.get(cur)!;
          path.unshift(step.hop);
          cur = step.from;
        }
        return path;
      }
      if (!cameBy.has(hop.to)) {
        cameBy.set(hop.to, { from: at, hop });
        queue.push(hop.to);
      }
    }
  }
  return undefined;
}

/** Tarjan's strongly connected components without recursion (deep graphs must not overflow). */
export function stronglyConnected(ids: string[], next: (id: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { id: string; children: string[]; i: number }[] = [];
    const open = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      work.push({ id, children: next(id), i: 0 });
    };
    open(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.i < frame.children.length) {
        const child = frame.children[frame.i++]!;
        if (!index.has(child)) open(child);
        else if (onStack.has(child)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(child)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let id: string;
        do {
          id = stack.pop()!;
          onStack.delete(id);
          component.push(id);
        } while (id !== frame.id);
        out.push(component.reverse());
      }
    }
  }
  return out;
}

/** Which message types can arrive at each node, following filters (types only, not keys). */
function typesArriving(ctx: ValidationContext, sent: readonly SentMessage[]): Map<string, Set<string>> {
  const arriving = new Map<string, Set<string>>();
  const work: [string, string][] = [];
  const add = (nodeId: string, type: string) => {
    const set = arriving.get(nodeId) ?? new Set<string>();
    if (set.has(type)) return;
    set.add(type);
    arriving.set(nodeId, set);
    work.push([nodeId, type]);
  };
  for (const m of sent) {
    for (const e of edgesOut(ctx, m.sender, 'publish')) if (!e.edge.filter || e.edge.filter.types.includes(m.type)) add(e.edge.to, m.type);
  }
  while (work.length > 0) {
    const [nodeId, type] = work.pop()!;
    const kind = ctx.nodes.get(nodeId)?.node.kind;
    if (kind === 'consumer' || kind === 'projection' || kind === 'deadletter') continue;
    for (const e of edgesOut(ctx, nodeId)) {
      if (e.kind === 'deadLetter') continue;
      if (!e.edge.filter || e.edge.filter.types.includes(type)) add(e.edge.to, type);
    }
  }
  return arriving;
}

export function checkFilters(ctx: ValidationContext, sent: readonly SentMessage[]): void {
  const arriving = typesArriving(ctx, sent);
  const sentBy = new Map<string, Set<string>>();
  for (const m of sent) sentBy.set(m.sender, (sentBy.get(m.sender) ?? new Set<string>()).add(m.type));
  for (const entry of ctx.edges) {
    const filter = entry.edge.filter;
    if (!filter || !entry.kind) continue;
    if (filter.types.length === 0) {
      // The spec's "none = all" is an absent filter; an empty list passes nothing.
      ctx.report({
        code: 'filter-empty',
        message: `edge ${quote(entry.edge.id)}: the filter lists no types, so nothing passes this edge (remove the filter to let every type through)`,
        nodeIds: [entry.edge.from, entry.edge.to],
        edgeIds: [entry.edge.id],
        path: `edges[${entry.index}].filter.types`,
      });
      continue;
    }
    const upstream = entry.kind === 'publish' ? sentBy.get(entry.edge.from) : arriving.get(entry.edge.from);
    if (!upstream || upstream.size === 0) continue;
    const missing = filter.types.map((t, i) => ({ t, i })).filter(({ t }) => !upstream.has(t));
    if (missing.length === 0) continue;
    const none = missing.length === filter.types.length;
    const who = entry.kind === 'publish' ? quote(entry.edge.from) : `what reaches ${quote(entry.edge.from)}`;
    ctx.report({
      code: 'filter-never-matches',
      message: `edge ${quote(entry.edge.id)}: the filter lets through ${missing.map((m) => m.t).join(', ')}, but ${who} carries only ${[...upstream].slice(0, 6).join(', ')}${upstream.size > 6 ? ', …' : ''}${none ? ', so nothing passes this edge' : ''}`,
      nodeIds: [entry.edge.from, entry.edge.to],
      edgeIds: [entry.edge.id],
      path: `edges[${entry.index}].filter.types[${missing[0]!.i}]`,
    });
  }
}

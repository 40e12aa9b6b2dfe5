/**
 * Every change the editor makes to a document, as pure functions `(doc, args) → doc`.
 *
 * The store applies these (so undo sees one whole document per step), tests call them directly,
 * and other features (import, share, simulate's redrive button) reuse them instead of mutating
 * documents by hand. Unchanged nodes and edges keep their object identity, which is what lets the
 * canvas re-render only what changed.
 */
import type { Fault, Topology, TopologyEdge, TopologyNode } from '../core/schema';
import type { NodeKind } from '../core/schema/nodes';
import { allowedEdgeKinds, EDGE_RULES, whyNotConnectable, type EdgeKind } from '../core/rules/edges';
import type { Fragment } from './fragment';

export interface XY {
  x: number;
  y: number;
}

/** The smallest empty document: what "New" opens. */
export function emptyDocument(name = 'Untitled design'): Topology {
  return { format: 'fanout/topology', version: 1, name, nodes: [], edges: [] };
}

const ID_MAX = 64;

/**
 * A fresh id built from `base` that is not in `taken`: `base-1`, `base-2`, … (or `base-2`, … when
 * `firstSuffix` is 2, as for copies of an existing id). The base is trimmed so the id stays within
 * the schema's 64 characters.
 */
export function freshId(base: string, taken: ReadonlySet<string>, firstSuffix = 1): string {
  const cleaned = base.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/-\d+$/, '') || 'node';
  for (let n = firstSuffix; ; n++) {
    const suffix = `-${n}`;
    const candidate = cleaned.slice(0, ID_MAX - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Every id used by a node or an edge (they share one namespace in the editor to keep links unambiguous). */
export function takenIds(doc: Topology): Set<string> {
  const ids = new Set<string>();
  for (const n of doc.nodes) ids.add(n.id);
  for (const e of doc.edges) ids.add(e.id);
  return ids;
}

export function addNode(doc: Topology, args: { node: TopologyNode }): Topology {
  if (doc.nodes.some((n) => n.id === args.node.id)) throw new Error(`a node with id "${args.node.id}" already exists`);
  return { ...doc, nodes: [...doc.nodes, args.node] };
}

/** Sets absolute positions; ids not in the document are ignored. */
export function moveNodes(doc: Topology, args: { positions: ReadonlyMap<string, XY> | Record<string, XY> }): Topology {
  const positions = args.positions instanceof Map ? args.positions : new Map(Object.entries(args.positions));
  if (positions.size === 0) return doc;
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    const p = positions.get(n.id);
    if (!p || (n.position && n.position.x === p.x && n.position.y === p.y)) return n;
    changed = true;
    return { ...n, position: { x: p.x, y: p.y } };
  });
  return changed ? { ...doc, nodes } : doc;
}

/** Moves nodes by an offset (keyboard nudge). Nodes without a position start from the origin. */
export function nudgeNodes(doc: Topology, args: { ids: readonly string[]; dx: number; dy: number }): Topology {
  const positions = new Map<string, XY>();
  const wanted = new Set(args.ids);
  for (const n of doc.nodes) {
    if (!wanted.has(n.id)) continue;
    const p = n.position ?? { x: 0, y: 0 };
    positions.set(n.id, { x: p.x + args.dx, y: p.y + args.dy });
  }
  return moveNodes(doc, { positions });
}

/**
 * Replaces a node by a new version of itself (same id and kind). The inspector builds the new
 * version and validates it with the schema before calling this.
 */
export function updateNode(doc: Topology, args: { node: TopologyNode }): Topology {
  const index = doc.nodes.findIndex((n) => n.id === args.node.id);
  if (index < 0) throw new Error(`no node with id "${args.node.id}"`);
  if (doc.nodes[index]!.kind !== args.node.kind) throw new Error(`node "${args.node.id}" cannot change its kind`);
  const nodes = doc.nodes.slice();
  nodes[index] = args.node;
  return { ...doc, nodes };
}

/** Gives a node a new id, and follows it in edges and faults. */
export function renameNode(doc: Topology, args: { from: string; to: string }): Topology {
  if (args.from === args.to) return doc;
  if (takenIds(doc).has(args.to)) throw new Error(`the id "${args.to}" is already used`);
  if (!doc.nodes.some((n) => n.id === args.from)) throw new Error(`no node with id "${args.from}"`);
  const swap = (id: string) => (id === args.from ? args.to : id);
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (n.id === args.from ? { ...n, id: args.to } : n)),
    edges: doc.edges.map((e) => (e.from === args.from || e.to === args.from ? { ...e, from: swap(e.from), to: swap(e.to) } : e)),
    ...(doc.faults ? { faults: doc.faults.map((f) => (f.node === args.from ? { ...f, node: args.to } : f)) } : {}),
  };
}

export function updateEdge(doc: Topology, args: { edge: TopologyEdge }): Topology {
  const index = doc.edges.findIndex((e) => e.id === args.edge.id);
  if (index < 0) throw new Error(`no edge with id "${args.edge.id}"`);
  const edges = doc.edges.slice();
  edges[index] = args.edge;
  return { ...doc, edges };
}

/** The edge kind the canvas picks when a person draws from `from` to `to`: the natural one of those allowed. */
export function naturalEdgeKind(from: NodeKind, to: NodeKind): EdgeKind | undefined {
  const kinds = allowedEdgeKinds(from, to);
  return kinds.find((k) => !EDGE_RULES[k].explicitOnly) ?? kinds[0];
}

/** The kind an edge has in effect: its own, or the natural one for its two nodes. */
export function effectiveEdgeKind(doc: Topology, edge: TopologyEdge): EdgeKind | undefined {
  if (edge.kind) return edge.kind;
  const from = doc.nodes.find((n) => n.id === edge.from);
  const to = doc.nodes.find((n) => n.id === edge.to);
  return from && to ? naturalEdgeKind(from.kind, to.kind) : undefined;
}

export type ConnectResult =
  | { ok: true; doc: Topology; edge: TopologyEdge }
  | { ok: false; reason: string };

/**
 * Draws an edge if the spec's edge table allows it, with the kind inferred and the fields that kind
 * needs filled with working defaults (a bind to a topic exchange gets `#`, a group edge the
 * consumer's id as group name). Refusals carry a sentence to show the person.
 */
export function connect(doc: Topology, args: { from: string; to: string; kind?: EdgeKind; id?: string }): ConnectResult {
  const source = doc.nodes.find((n) => n.id === args.from);
  const target = doc.nodes.find((n) => n.id === args.to);
  if (!source || !target) return { ok: false, reason: `no node with id "${!source ? args.from : args.to}"` };
  if (source.id === target.id) return { ok: false, reason: 'a node cannot connect to itself' };
  const kind = args.kind ?? naturalEdgeKind(source.kind, target.kind);
  if (!kind || !allowedEdgeKinds(source.kind, target.kind).includes(kind)) {
    return { ok: false, reason: whyNotConnectable(source.kind, target.kind) };
  }
  if (doc.edges.some((e) => e.from === source.id && e.to === target.id && effectiveEdgeKind(doc, e) === kind)) {
    return { ok: false, reason: `${source.label ?? source.id} is already connected to ${target.label ?? target.id} (${kind})` };
  }
  const id = args.id ?? freshId('e', takenIds(doc));
  const edge: TopologyEdge = { id, from: source.id, to: target.id, kind, ...edgeDefaults(kind, source, target) };
  return { ok: true, doc: { ...doc, edges: [...doc.edges, edge] }, edge };
}

function edgeDefaults(kind: EdgeKind, source: TopologyNode, target: TopologyNode): Partial<TopologyEdge> {
  if (kind === 'bind' && source.kind === 'exchange') {
    if (source.exchangeType === 'topic') return { bindingKey: '#' };
    if (source.exchangeType === 'direct') return { bindingKey: target.id };
  }
  if (kind === 'group') return { group: target.id };
  return {};
}

/** Removes nodes (with their edges and faults) and edges. */
export function removeElements(doc: Topology, args: { nodeIds?: readonly string[]; edgeIds?: readonly string[] }): Topology {
  const nodes = new Set(args.nodeIds ?? []);
  const edges = new Set(args.edgeIds ?? []);
  if (nodes.size === 0 && edges.size === 0) return doc;
  const next: Topology = {
    ...doc,
    nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
    edges: doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.from) && !nodes.has(e.to)),
  };
  if (doc.faults) next.faults = doc.faults.filter((f) => !nodes.has(f.node));
  return next;
}

/**
 * The part of a document that copy/cut/duplicate carry: the chosen nodes, the edges among them
 * (chosen or not: copying two connected nodes keeps their link) and their faults.
 */
export function extractFragment(doc: Topology, args: { nodeIds: readonly string[] }): Fragment {
  const ids = new Set(args.nodeIds);
  return {
    format: 'fanout/fragment',
    nodes: doc.nodes.filter((n) => ids.has(n.id)),
    edges: doc.edges.filter((e) => ids.has(e.from) && ids.has(e.to)),
    faults: (doc.faults ?? []).filter((f) => ids.has(f.node)),
  };
}

export interface PasteResult {
  doc: Topology;
  nodeIds: string[];
  edgeIds: string[];
}

/**
 * Inserts a fragment with fresh ids (derived from the originals: `email-queue` → `email-queue-2`),
 * shifted by `offset` so copies do not hide their originals. Edges are kept only between pasted
 * nodes, so a fragment from another tab never points at nodes that happen to share an id here.
 */
export function pasteFragment(doc: Topology, args: { fragment: Fragment; offset?: XY }): PasteResult {
  const taken = takenIds(doc);
  const offset = args.offset ?? { x: 40, y: 40 };
  const idMap = new Map<string, string>();
  const nodes: TopologyNode[] = [];
  args.fragment.nodes.forEach((node, i) => {
    const id = freshId(node.id, taken, 2);
    taken.add(id);
    idMap.set(node.id, id);
    const base = node.position ?? { x: i * 30, y: i * 30 };
    nodes.push({ ...node, id, position: { x: base.x + offset.x, y: base.y + offset.y } });
  });
  const edges: TopologyEdge[] = [];
  for (const edge of args.fragment.edges) {
    const from = idMap.get(edge.from);
    const to = idMap.get(edge.to);
    if (!from || !to) continue;
    const id = freshId(edge.id, taken, 2);
    taken.add(id);
    edges.push({ ...edge, id, from, to });
  }
  const faults: Fault[] = (args.fragment.faults ?? [])
    .filter((f) => idMap.has(f.node))
    .map((f) => ({ ...f, node: idMap.get(f.node)! }));
  const next: Topology = { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] };
  if (faults.length > 0 || doc.faults) next.faults = [...(doc.faults ?? []), ...faults];
  return { doc: next, nodeIds: nodes.map((n) => n.id), edgeIds: edges.map((e) => e.id) };
}

/** Document-level settings: name, description, simulation. `undefined` removes a field. */
export function setDocumentFields(
  doc: Topology,
  patch: Partial<Pick<Topology, 'name' | 'description' | 'simulation'>>,
): Topology {
  const next: Topology = { ...doc };
  for (const key of ['name', 'description', 'simulation'] as const) {
    if (!(key in patch)) continue;
    const value = patch[key];
    if (value === undefined) delete next[key];
    else (next as Record<string, unknown>)[key] = value;
  }
  return next;
}

/** Replaces the faults of one node (the inspector's downtime windows), keeping the others' in order. */
export function setNodeFaults(doc: Topology, args: { node: string; faults: readonly Fault[] }): Topology {
  const others = (doc.faults ?? []).filter((f) => f.node !== args.node);
  const mine = args.faults.map((f) => ({ ...f, node: args.node }));
  const all = [...others, ...mine];
  const next: Topology = { ...doc };
  if (all.length === 0) delete next.faults;
  else next.faults = all;
  return next;
}

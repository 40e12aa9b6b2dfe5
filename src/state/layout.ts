/**
 * Auto layout: nodes placed left → right along the flow of messages with dagre (a layered graph
 * layout). Returns positions only; the store applies them with `moveNodes` as one undoable step.
 */
import dagre from '@dagrejs/dagre';
import type { Topology } from '../core/schema';
import type { XY } from './operations';
import { impliedEdgeKind } from '../core/rules/edges';

/** The size the canvas draws a node at (kept in sync with the node CSS). */
export const NODE_SIZE = { width: 200, height: 76 } as const;

/**
 * Room kept free under every card for the counters Simulate shows there (`.fo-node__overlay`:
 * up to three 10.5 px lines, 4 px below the card — a projection's stale reads, a consumer's
 * duplicates). Without it, a card laid out under a busy one was covered by its counters in
 * Simulate. The same for every kind, so cards joined along a row stay level and edges straight.
 */
const COUNTER_ROOM = 56;
/** Space between neighbouring cards in a column, beyond the counters' room. */
const NODE_SEP = 20;

/** Average width of a character of an edge label (10.5 px monospace), for the room a label needs. */
const LABEL_CHAR_WIDTH = 6.6;

/** Roughly the text the canvas shows on an edge (its key field, or its kind where that matters). */
function labelText(edge: Topology['edges'][number], kind: string | undefined): string {
  if (edge.filter) return `only ${edge.filter.types.join(', ')}`;
  if (edge.bindingKey !== undefined) return edge.bindingKey || '(empty key)';
  if (edge.group !== undefined) return `group ${edge.group}`;
  if (kind === 'deadLetter') return 'dead letter';
  if (kind === 'alternate') return 'alternate';
  return '';
}

/** Top-left positions for every node, flowing left to right. */
export function layoutPositions(doc: Topology, options: { rankSep?: number; nodeSep?: number } = {}): Map<string, XY> {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', ranksep: options.rankSep ?? 56, nodesep: options.nodeSep ?? NODE_SEP, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set<string>();
  const kindOf = new Map(doc.nodes.map((n) => [n.id, n.kind]));
  // Each card is laid out with its counters' room below it; the card sits at the top of its box.
  for (const node of doc.nodes) {
    g.setNode(node.id, { width: NODE_SIZE.width, height: NODE_SIZE.height + COUNTER_ROOM });
    ids.add(node.id);
  }
  for (const edge of doc.edges) {
    if (!ids.has(edge.from) || !ids.has(edge.to) || edge.from === edge.to) continue;
    // Dead-letter edges point backwards in reading order less often when they weigh less.
    const kind = edge.kind ?? impliedEdgeKind(kindOf.get(edge.from)!, kindOf.get(edge.to)!);
    const weight = kind === 'deadLetter' || kind === 'alternate' ? 1 : 2;
    // An edge that shows a label gets room for it between the columns (dagre lays labels out as
    // small nodes of their own), so the label is not squeezed against, or under, a card.
    const label = labelText(edge, kind);
    g.setEdge(edge.from, edge.to, label ? { weight, width: label.length * LABEL_CHAR_WIDTH + 24, height: 20, labelpos: 'c' } : { weight }, edge.id);
  }
  dagre.layout(g);
  const positions = new Map<string, XY>();
  for (const node of doc.nodes) {
    const laid = g.node(node.id);
    if (!laid) continue;
    positions.set(node.id, {
      x: Math.round(laid.x - NODE_SIZE.width / 2),
      y: Math.round(laid.y - (NODE_SIZE.height + COUNTER_ROOM) / 2),
    });
  }
  return positions;
}

/** Whether a document needs a layout before it can be drawn (some node has no position). */
export function needsLayout(doc: Topology): boolean {
  return doc.nodes.some((n) => !n.position);
}

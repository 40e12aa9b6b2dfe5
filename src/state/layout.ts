/**
 * Auto layout: nodes placed left → right along the flow of messages with dagre (a layered graph
 * layout). Returns positions only; the store applies them with `moveNodes` as one undoable step.
 */
import dagre from '@dagrejs/dagre';
import type { Topology } from '../core/schema';
import type { XY } from './operations';

/** The size the canvas draws a node at (kept in sync with the node CSS). */
export const NODE_SIZE = { width: 200, height: 76 } as const;

/** Top-left positions for every node, flowing left to right. */
export function layoutPositions(doc: Topology, options: { rankSep?: number; nodeSep?: number } = {}): Map<string, XY> {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', ranksep: options.rankSep ?? 44, nodesep: options.nodeSep ?? 28, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set<string>();
  for (const node of doc.nodes) {
    g.setNode(node.id, { width: NODE_SIZE.width, height: NODE_SIZE.height });
    ids.add(node.id);
  }
  for (const edge of doc.edges) {
    if (!ids.has(edge.from) || !ids.has(edge.to) || edge.from === edge.to) continue;
    // Dead-letter edges point backwards in reading order less often when they weigh less.
    const weight = edge.kind === 'deadLetter' || edge.kind === 'alternate' ? 1 : 2;
    g.setEdge(edge.from, edge.to, { weight }, edge.id);
  }
  dagre.layout(g);
  const positions = new Map<string, XY>();
  for (const node of doc.nodes) {
    const laid = g.node(node.id);
    if (!laid) continue;
    positions.set(node.id, {
      x: Math.round(laid.x - NODE_SIZE.width / 2),
      y: Math.round(laid.y - NODE_SIZE.height / 2),
    });
  }
  return positions;
}

/** Whether a document needs a layout before it can be drawn (some node has no position). */
export function needsLayout(doc: Topology): boolean {
  return doc.nodes.some((n) => !n.position);
}

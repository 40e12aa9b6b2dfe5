/**
 * What a screen reader hears after an edit that adds or removes nodes or edges (the palette, Delete,
 * paste, duplicate, undo, redo, a connection): the canvas changes silently otherwise. Field edits and
 * moves are not announced (every keystroke or nudge would be).
 */
import type { Topology } from '../../core/schema';
import { KINDS } from '../canvas/kinds';

const nameOf = (n: Topology['nodes'][number]) => `${KINDS[n.kind].name} “${n.label ?? n.id}”`;
const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** A sentence for the change from `before` to `after`, or '' when nothing was added or removed. */
export function describeEdit(before: Topology, after: Topology): string {
  if (before.nodes === after.nodes && before.edges === after.edges) return '';
  const beforeNodes = new Set(before.nodes.map((n) => n.id));
  const afterNodes = new Set(after.nodes.map((n) => n.id));
  const addedNodes = after.nodes.filter((n) => !beforeNodes.has(n.id));
  const removedNodes = before.nodes.filter((n) => !afterNodes.has(n.id));
  const beforeEdges = new Set(before.edges.map((e) => e.id));
  const afterEdges = new Set(after.edges.map((e) => e.id));
  const addedEdges = after.edges.filter((e) => !beforeEdges.has(e.id));
  const removedEdges = before.edges.filter((e) => !afterEdges.has(e.id));
  // A rename replaces one id by another: not an addition and a removal.
  if (addedNodes.length === 1 && removedNodes.length === 1 && before.nodes.length === after.nodes.length) return '';
  const label = (id: string) => {
    const n = after.nodes.find((x) => x.id === id) ?? before.nodes.find((x) => x.id === id);
    return n ? (n.label ?? n.id) : id;
  };
  const parts: string[] = [];
  if (addedNodes.length === 1) parts.push(`Added ${nameOf(addedNodes[0]!)}`);
  else if (addedNodes.length > 1) parts.push(`Added ${count(addedNodes.length, 'node')}`);
  if (removedNodes.length === 1) parts.push(`Removed ${nameOf(removedNodes[0]!)}`);
  else if (removedNodes.length > 1) parts.push(`Removed ${count(removedNodes.length, 'node')}`);
  // Edges that came or went with their nodes are part of that change.
  const ownEdges = (list: Topology['edges'], nodes: readonly { id: string }[]) => {
    const ids = new Set(nodes.map((n) => n.id));
    return list.filter((e) => !ids.has(e.from) && !ids.has(e.to));
  };
  const added = ownEdges(addedEdges, addedNodes);
  const removed = ownEdges(removedEdges, removedNodes);
  if (added.length === 1) parts.push(`Connected ${label(added[0]!.from)} to ${label(added[0]!.to)}`);
  else if (added.length > 1) parts.push(`Added ${count(added.length, 'edge')}`);
  if (removed.length === 1) parts.push(`Removed the edge from ${label(removed[0]!.from)} to ${label(removed[0]!.to)}`);
  else if (removed.length > 1) parts.push(`Removed ${count(removed.length, 'edge')}`);
  return parts.length ? `${parts.join('; ')}.` : '';
}

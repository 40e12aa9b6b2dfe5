/**
 * Whether an edit changes what a run computes. Results do not depend on positions, labels, notes or
 * the editor's `ui` hints (spec, "Randomness and simultaneous events"), so moving a node while a run
 * is on screen must not mark it out of date. Compares by reference first: an edit replaces only the
 * objects it touches, so this costs a pass of reference checks plus the changed elements.
 */
import type { Topology } from '../../core/schema';

/** Node fields that only the editor reads. */
const NODE_PRESENTATION = new Set(['position', 'label', 'notes', 'ui']);
/** Edge fields that only the editor reads. */
const EDGE_PRESENTATION = new Set(['ui']);

function sameIgnoring(a: object, b: object, ignored: ReadonlySet<string>): boolean {
  const strip = (o: object) => JSON.stringify(Object.entries(o).filter(([k]) => !ignored.has(k)));
  return strip(a) === strip(b);
}

function sameList(a: readonly object[], b: readonly object[], ignored: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i] && !sameIgnoring(a[i]!, b[i]!, ignored)) return false;
  }
  return true;
}

/** True when `after` can give a different run than `before` (anything but presentation changed). */
export function changesRun(before: Topology, after: Topology): boolean {
  if (before === after) return false;
  const { nodes: nodesA, edges: edgesA, ...restA } = before;
  const { nodes: nodesB, edges: edgesB, ...restB } = after;
  if (!sameList(nodesA, nodesB, NODE_PRESENTATION) || !sameList(edgesA, edgesB, EDGE_PRESENTATION)) return true;
  // Everything else (name, simulation, faults…) counts; the document's own `ui` does not.
  return !sameIgnoring(restA, restB, EDGE_PRESENTATION);
}

/**
 * The right panel: the selected node or edge, the document settings when nothing is selected,
 * or a short summary of a multiple selection. Subscriptions are narrow on purpose: dragging a
 * node changes only its position, which no inspector field shows, so the panel does not re-render
 * during a drag.
 */
import { useMemo } from 'react';
import type { TopologyNode } from '../../../core/schema';
import type { FanoutState } from '../../../state/store';
import { useFanout } from '../../store-context';
import { DocumentInspector } from './DocumentInspector';
import { EdgeInspector } from './EdgeInspector';
import { NodeInspector } from './NodeInspector';
import './inspector.css';

/** Same node apart from its position (the inspector does not show positions). */
export function sameButPosition(a: TopologyNode, b: TopologyNode): boolean {
  if (a === b) return true;
  const ka = Object.keys(a).filter((k) => k !== 'position');
  const kb = Object.keys(b).filter((k) => k !== 'position');
  if (ka.length !== kb.length) return false;
  return ka.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
}

/** A selector for one node that keeps returning the previous object while only the position changes. */
function nodeSelector(id: string | undefined) {
  let previous: TopologyNode | undefined;
  return (s: FanoutState) => {
    const node = id === undefined ? undefined : s.document.nodes.find((n) => n.id === id);
    if (node && previous && sameButPosition(previous, node)) return previous;
    previous = node;
    return node;
  };
}

function SelectedEdge({ id }: { id: string }) {
  const doc = useFanout((s) => s.document);
  const edge = doc.edges.find((e) => e.id === id);
  return edge ? <EdgeInspector key={edge.id} edge={edge} doc={doc} /> : null;
}

export function Inspector() {
  const selection = useFanout((s) => s.session.selection);
  const single = selection.nodes.length === 1 && selection.edges.length === 0 ? selection.nodes[0] : undefined;
  const selectNode = useMemo(() => nodeSelector(single), [single]);
  const node = useFanout(selectNode);
  const nodeIndex = useFanout((s) => (single === undefined ? -1 : s.document.nodes.findIndex((n) => n.id === single)));
  const faults = useFanout((s) => s.document.faults);
  const total = selection.nodes.length + selection.edges.length;
  let body;
  // Keyed by place, not id: renaming the node (the Id field, then Tab) must not remount the
  // inspector under the person's focus — the field Tab moved to would vanish.
  if (node) body = <NodeInspector key={`${nodeIndex}:${node.kind}`} node={node} faults={faults} />;
  else if (selection.edges.length === 1 && selection.nodes.length === 0) body = <SelectedEdge id={selection.edges[0]!} />;
  else if (total > 1)
    body = (
      <div className="fo-inspector__content">
        <div className="fo-inspector__head fo-inspector__head--doc">
          <div>
            <div className="fo-inspector__kind">{total} selected</div>
            <div className="fo-inspector__hint">
              {selection.nodes.length} nodes, {selection.edges.length} edges. Move them together, duplicate, copy or delete them; select one to edit it.
            </div>
          </div>
        </div>
      </div>
    );
  else body = <DocumentInspector />;
  return (
    <aside className="fo-side fo-inspector" aria-label="Inspector">
      {body}
    </aside>
  );
}

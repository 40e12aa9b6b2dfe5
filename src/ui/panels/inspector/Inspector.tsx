/**
 * The right panel: the selected node or edge, the document settings when nothing is selected,
 * or a short summary of a multiple selection.
 */
import { useFanout } from '../../store-context';
import { DocumentInspector } from './DocumentInspector';
import { EdgeInspector } from './EdgeInspector';
import { NodeInspector } from './NodeInspector';
import './inspector.css';

export function Inspector() {
  const doc = useFanout((s) => s.document);
  const selection = useFanout((s) => s.session.selection);
  const nodes = selection.nodes.map((id) => doc.nodes.find((n) => n.id === id)).filter((n) => n !== undefined);
  const edges = selection.edges.map((id) => doc.edges.find((e) => e.id === id)).filter((e) => e !== undefined);
  let body;
  if (nodes.length === 1 && edges.length === 0) body = <NodeInspector key={nodes[0]!.id} node={nodes[0]!} doc={doc} />;
  else if (edges.length === 1 && nodes.length === 0) body = <EdgeInspector key={edges[0]!.id} edge={edges[0]!} doc={doc} />;
  else if (nodes.length + edges.length > 1)
    body = (
      <div className="fo-inspector__content">
        <div className="fo-inspector__head fo-inspector__head--doc">
          <div>
            <div className="fo-inspector__kind">{nodes.length + edges.length} selected</div>
            <div className="fo-inspector__hint">
              {nodes.length} nodes, {edges.length} edges. Move them together, duplicate, copy or delete them; select one to edit it.
            </div>
          </div>
        </div>
      </div>
    );
  else body = <DocumentInspector doc={doc} />;
  return (
    <aside className="fo-side fo-inspector" aria-label="Inspector">
      {body}
    </aside>
  );
}

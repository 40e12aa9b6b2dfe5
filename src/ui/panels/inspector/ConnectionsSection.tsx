/**
 * A node's connections in the inspector: its edges in and out (each selectable), and "Connect to"
 * — a keyboard way to draw an edge, offering only the nodes the edge table allows.
 */
import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { allowedEdgeKinds } from '../../../core/rules/edges';
import type { TopologyNode } from '../../../core/schema';
import { connect, effectiveEdgeKind } from '../../../state/operations';
import { KINDS } from '../../canvas/kinds';
import { useFanout, useFanoutStore } from '../../store-context';
import { Section } from './fields';

export function ConnectionsSection({ node }: { node: TopologyNode }) {
  const store = useFanoutStore();
  const selectId = useId();
  const [target, setTarget] = useState('');
  // Edges and the other nodes' identities only: positions (drags) do not re-render this.
  const edges = useFanout(useShallow((s) => s.document.edges.filter((e) => e.from === node.id || e.to === node.id)));
  const others = useFanout(
    useShallow((s) => s.document.nodes.filter((n) => n.id !== node.id).map((n) => `${n.id}\u0000${n.kind}\u0000${n.label ?? ''}`)),
  );
  const candidates = others
    .map((row) => {
      const [id, kind, label] = row.split('\u0000') as [string, TopologyNode['kind'], string];
      return { id, kind, label: label || id };
    })
    .filter((n) => allowedEdgeKinds(node.kind, n.kind).length > 0 && !edges.some((e) => e.from === node.id && e.to === n.id));

  const add = () => {
    if (!target) return;
    const result = connect(store.getState().document, { from: node.id, to: target });
    if (!result.ok) {
      store.getState().notify(`Cannot connect: ${result.reason}`, 'error');
      return;
    }
    store.getState().edit(() => result.doc);
    setTarget('');
    // The button disables itself (no node chosen now): focus goes back to the choice, not the page.
    document.getElementById(selectId)?.focus();
  };
  const nameOf = (id: string) => {
    const n = store.getState().document.nodes.find((x) => x.id === id);
    return n ? (n.label ?? n.id) : id;
  };

  return (
    <Section title="Connections">
      {edges.length > 0 ? (
        <ul className="fo-connections">
          {edges.map((e) => (
            <li key={e.id}>
              <button type="button" className="fo-connection" onClick={() => store.getState().select({ nodes: [], edges: [e.id] })}>
                <span className="fo-connection__dir">{e.from === node.id ? '→' : '←'}</span>
                <span className="fo-connection__name">{nameOf(e.from === node.id ? e.to : e.from)}</span>
                <span className="fo-connection__kind">{effectiveEdgeKind(store.getState().document, e) ?? '?'}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="fo-field__hint">No edges yet. Drag from the node’s right dot to another node, or pick one below.</p>
      )}
      {node.kind !== 'deadletter' && (
        <div className="fo-connect-row">
          <label htmlFor={selectId} className="fo-field__label">
            Connect to
          </label>
          <div className="fo-connect-row__controls">
            <select id={selectId} className="fo-input fo-select" value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">{candidates.length ? 'Choose a node…' : 'No node can receive from this one'}</option>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label} ({KINDS[c.kind].name})
                </option>
              ))}
            </select>
            <button type="button" className="fo-button fo-button--small" onClick={add} disabled={!target}>
              Connect
            </button>
          </div>
        </div>
      )}
    </Section>
  );
}

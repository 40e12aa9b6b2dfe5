/**
 * One memoized node component per kind (registered in `NODE_TYPES` at module level, as React Flow
 * wants). Each shows the kind's icon, name, the node's label and a one-line summary, a badge with
 * the validator's findings, and an optional overlay slot that Simulate fills from the
 * `simulation` slice.
 */
import { memo, type CSSProperties } from 'react';
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import { NODE_KINDS, type NodeKind } from '../../core/schema/nodes';
import type { TopologyNode } from '../../core/schema';
import { worstSeverity } from '../../state/store';
import { useFanout } from '../store-context';
import type { FlowNode } from './flow-model';
import { useDetail } from './detail';
import { KINDS, NODE_ICON_STYLE } from './kinds';
import { nodeSummary } from './summary';

/** Kinds that receive nothing (no input handle) and kinds that send nothing (no output handle). */
const NO_INPUT: ReadonlySet<NodeKind> = new Set(['producer']);
const NO_OUTPUT: ReadonlySet<NodeKind> = new Set(['deadletter']);

function DiagnosticBadge({ id }: { id: string }) {
  const list = useFanout((s) => s.diagnostics.byNode[id]);
  const worst = worstSeverity(list);
  if (!list || !worst) return null;
  const text = list.map((d) => `${d.severity}: ${d.message}`).join('\n');
  return (
    <span className={`fo-badge fo-badge--${worst}`} title={text} role="img" aria-label={`${list.length} ${list.length === 1 ? 'problem' : 'problems'}: ${text}`}>
      {worst === 'error' ? '!' : worst === 'warning' ? '▲' : 'i'}
      <span className="fo-badge__count">{list.length}</span>
    </span>
  );
}

/** What a run shows on the node: counters from the simulation slice. Empty in design mode. */
function SimulationOverlay({ id }: { id: string }) {
  const overlay = useFanout((s) => s.simulation.nodes[id]);
  if (!overlay?.counters) return null;
  return (
    <div className={`fo-node__overlay fo-node__overlay--${overlay.state ?? 'idle'}`}>
      {Object.entries(overlay.counters).map(([name, value]) => (
        <span key={name} data-counter={name}>
          {name} <b>{value}</b>
        </span>
      ))}
    </div>
  );
}

function NodeCard({ kind, node, selected }: { kind: NodeKind; node: TopologyNode; selected: boolean }) {
  const info = KINDS[kind];
  // Zoomed far out the caption and summary would be a few pixels high: not drawn at all (the kind
  // still shows by shape, colour and icon; the node's accessible name carries kind and label).
  const far = useDetail() !== 'full';
  return (
    <div className={`fo-node fo-node--${kind}${selected ? ' is-selected' : ''}`} title={`${info.name}: ${info.hint}`} style={NODE_ICON_STYLE[kind] as CSSProperties}>
      {!NO_INPUT.has(kind) && <Handle type="target" position={Position.Left} className="fo-handle fo-handle--in" />}
      <div className="fo-node__icon" aria-hidden="true" />
      <div className="fo-node__body">
        {!far && <div className="fo-node__kind">{info.short ?? info.name}</div>}
        <div className="fo-node__label">{node.label || node.id}</div>
        {!far && <div className="fo-node__summary">{nodeSummary(node)}</div>}
      </div>
      <DiagnosticBadge id={node.id} />
      <SimulationOverlay id={node.id} />
      {!NO_OUTPUT.has(kind) && <Handle type="source" position={Position.Right} className="fo-handle fo-handle--out" />}
    </div>
  );
}

function makeNodeComponent(kind: NodeKind) {
  const Component = memo(function KindNode({ data, selected }: NodeProps<FlowNode>) {
    return <NodeCard kind={kind} node={data.node} selected={selected} />;
  });
  Component.displayName = `${KINDS[kind].name.replace(/[^A-Za-z]/g, '')}Node`;
  return Component;
}

/** React Flow's node types: one component per kind, created once. */
export const NODE_TYPES: NodeTypes = Object.fromEntries(NODE_KINDS.map((kind) => [kind, makeNodeComponent(kind)]));

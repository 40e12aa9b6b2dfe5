/**
 * The edge component: line style by edge kind (publish solid, subscribe solid, consume solid
 * green, bind amber with its binding key, group with its group name, deadLetter dashed red,
 * alternate dotted, endpoint dash-dot), an arrowhead, a label with the key field, and a badge with
 * the validator's findings.
 */
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import type { EdgeKind } from '../../core/rules/edges';
import { worstSeverity } from '../../state/store';
import { useFanout } from '../store-context';
import { useDetail } from './detail';
import { edgeColor, type FlowEdge } from './flow-model';
import { edgeLabel } from './summary';

const DASH: Partial<Record<EdgeKind, string>> = {
  deadLetter: '7 5',
  alternate: '2 5',
  endpoint: '10 4 2 4',
  subscribe: undefined,
};

const WIDTH: Partial<Record<EdgeKind, number>> = { group: 2.6, consume: 2.2 };

const FanoutEdge = memo(function FanoutEdge(props: EdgeProps<FlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, selected, data } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const kind = data?.kind;
  const label = data ? edgeLabel(data.edge, kind) : undefined;
  const diagnostics = useFanout((s) => s.diagnostics.byEdge[id]);
  const worst = worstSeverity(diagnostics);
  // Zoomed far out a label would be unreadable; not rendering it at all also spares React Flow's
  // label portal, whose store selector runs once per label on every frame of a drag.
  const far = useDetail() !== 'full';
  const style = {
    stroke: edgeColor(kind),
    strokeWidth: (kind ? (WIDTH[kind] ?? 1.8) : 1.8) + (selected ? 1.4 : 0),
    strokeDasharray: kind ? DASH[kind] : '3 3',
  };
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={18} className={selected ? 'fo-edge is-selected' : 'fo-edge'} />
      {!far && (label || worst) && (
        <EdgeLabelRenderer>
          <div
            className={`fo-edge-label fo-edge-label--${kind ?? 'unknown'}${selected ? ' is-selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`edge-label-${id}`}
          >
            {label}
            {worst && (
              <span
                className={`fo-badge fo-badge--${worst} fo-badge--inline`}
                title={diagnostics!.map((d) => `${d.severity}: ${d.message}`).join('\n')}
                role="img"
                aria-label={`${diagnostics!.length} ${diagnostics!.length === 1 ? "problem" : "problems"} on edge ${id}`}
              >
                {worst === 'error' ? '!' : worst === 'warning' ? '▲' : 'i'}
              </span>
            )}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

export const EDGE_TYPES: EdgeTypes = { fanout: FanoutEdge };

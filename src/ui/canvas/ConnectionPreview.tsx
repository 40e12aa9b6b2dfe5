/**
 * The line drawn while a connection is dragged, and what it will do if dropped here: over a node
 * (its handle or its body — a drop on the body connects too) the line turns green with "Connect to
 * …", or red with the reason the edge table refuses it — before the pointer is let go, not after.
 */
import { getBezierPath, Position, useStore as useFlowStore, type ConnectionLineComponentProps, type InternalNode, type ReactFlowState } from '@xyflow/react';
import { allowedEdgeKinds, whyNotConnectable } from '../../core/rules/edges';
import type { FlowNode } from './flow-model';

/** The node whose box holds `point` (flow coordinates), topmost (last drawn) first. */
function nodeAt(lookup: Map<string, InternalNode<FlowNode>>, point: { x: number; y: number }): InternalNode<FlowNode> | null {
  let hit: InternalNode<FlowNode> | null = null;
  for (const node of lookup.values()) {
    const { x, y } = node.internals.positionAbsolute;
    const w = node.measured.width ?? 0;
    const h = node.measured.height ?? 0;
    if (point.x >= x && point.x <= x + w && point.y >= y && point.y <= y + h) hit = node;
  }
  return hit;
}

/** The canvas's nodes are FlowNodes: its lookup holds their internal form. */
const selectLookup = (s: ReactFlowState) => s.nodeLookup as unknown as Map<string, InternalNode<FlowNode>>;

/**
 * A connection drag released on its own node further than this (flow units) from where it started
 * is a deliberate loop, refused with the reason; nearer, it is a click on a handle and says nothing.
 */
export const SELF_DROP_DRAG = 24;
/** The reason a loop is refused (the `connect` operation's words). */
const SELF_LOOP = 'Cannot connect: a node cannot connect to itself';

/**
 * What a drop at the pointer would do: nothing (no node, or still near the handle it started
 * from), connect, or be refused (with why). `dragged`: flow units from the start of the drag.
 */
export function dropVerdict(
  from: InternalNode<FlowNode>,
  fromIsSource: boolean,
  target: InternalNode<FlowNode> | null,
  dragged = Infinity,
): { ok: boolean; text: string } | null {
  if (!target) return null;
  if (target.id === from.id) return dragged > SELF_DROP_DRAG ? { ok: false, text: SELF_LOOP } : null;
  const source = fromIsSource ? from : target;
  const sink = fromIsSource ? target : from;
  const name = (n: InternalNode<FlowNode>) => n.data.node.label ?? n.id;
  if (allowedEdgeKinds(source.data.node.kind, sink.data.node.kind).length > 0) {
    return { ok: true, text: fromIsSource ? `Connect to ${name(target)}` : `Connect from ${name(target)}` };
  }
  return { ok: false, text: `Cannot connect: ${whyNotConnectable(source.data.node.kind, sink.data.node.kind)}` };
}

/** The viewport: transform and size, to keep the label inside the canvas. */
const selectView = (s: ReactFlowState) => ({ tx: s.transform[0], ty: s.transform[1], zoom: s.transform[2], width: s.width, height: s.height });
const sameView = (a: ReturnType<typeof selectView>, b: ReturnType<typeof selectView>) =>
  a.tx === b.tx && a.ty === b.ty && a.zoom === b.zoom && a.width === b.width && a.height === b.height;
/** The label's box beside the pointer (screen pixels). */
const LABEL_W = 320;
const LABEL_H = 80;
const GAP_X = 14;
const GAP_Y = 10;

export function ConnectionPreview({ fromNode, fromHandle, fromX, fromY, toX, toY, fromPosition, toPosition, toNode }: ConnectionLineComponentProps<FlowNode>) {
  const lookup = useFlowStore(selectLookup);
  const view = useFlowStore(selectView, sameView);
  // (toX, toY): the pointer in flow coordinates, or the handle it snapped to (then toNode is set).
  const target = toNode ?? nodeAt(lookup, { x: toX, y: toY });
  const verdict = dropVerdict(fromNode, fromHandle.type !== 'target', target, Math.hypot(toX - fromX, toY - fromY));
  const [path] = getBezierPath({ sourceX: fromX, sourceY: fromY, sourcePosition: fromPosition, targetX: toX, targetY: toY, targetPosition: toPosition ?? Position.Left });
  const status = verdict === null ? '' : verdict.ok ? ' fo-connecting--valid' : ' fo-connecting--invalid';
  // The label goes on the pointer's left, or above it, where it would run past the canvas.
  const left = toX * view.zoom + view.tx + GAP_X + LABEL_W > view.width;
  const above = toY * view.zoom + view.ty + GAP_Y + LABEL_H > view.height;
  return (
    <g className={`fo-connecting${status}`}>
      <path d={path} fill="none" className="fo-connecting__path" />
      {verdict && (
        // Beside the pointer, at the same size whatever the zoom.
        <g transform={`translate(${toX} ${toY}) scale(${1 / view.zoom})`}>
          <foreignObject x={left ? -GAP_X - LABEL_W : GAP_X} y={above ? -GAP_Y - LABEL_H : GAP_Y} width={LABEL_W} height={LABEL_H} className="fo-connecting__label-box">
            <div className={`fo-connecting__label-wrap${left ? ' fo-connecting__label-wrap--left' : ''}${above ? ' fo-connecting__label-wrap--above' : ''}`}>
              <div className="fo-connecting__label" role="status">
                {verdict.text}
              </div>
            </div>
          </foreignObject>
        </g>
      )}
    </g>
  );
}

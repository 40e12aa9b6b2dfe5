/**
 * The palette: one button per node kind. Drag a button onto the canvas (pointer events, so mouse,
 * pen and touch all work) or activate it (click, Enter, Space) to add the node at the centre of
 * the view. Either way the new node gets a fresh id and is selected, ready for the inspector.
 */
import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { TopologyNode } from '../../core/schema';
import { NODE_KINDS, type NodeKind } from '../../core/schema/nodes';
import { NODE_SIZE } from '../../state/layout';
import { createNode } from '../../state/new-node';
import { addNode, takenIds, type XY } from '../../state/operations';
import { KINDS } from '../canvas/kinds';
import { useFanoutStore } from '../store-context';

/**
 * The free place nearest to `wanted` (top-left corner) where a new node does not cover another.
 * Searches grid cells one node apart, preferring the right (designs flow left to right), then
 * below and above, then the left — so "add at the centre" never hides an existing node.
 */
export function freeSpotNear(nodes: readonly TopologyNode[], wanted: XY): XY {
  const gap = 16;
  const overlaps = (p: XY) =>
    nodes.some(
      (n) => n.position && Math.abs(n.position.x - p.x) < NODE_SIZE.width + gap && Math.abs(n.position.y - p.y) < NODE_SIZE.height + gap,
    );
  if (!overlaps(wanted)) return wanted;
  const dx = NODE_SIZE.width + 40;
  const dy = NODE_SIZE.height + 28;
  for (let ring = 1; ring <= 15; ring++) {
    const cells: Array<[number, number]> = [];
    for (let i = -ring; i <= ring; i++) for (let j = -ring; j <= ring; j++) if (Math.max(Math.abs(i), Math.abs(j)) === ring) cells.push([i, j]);
    const cost = ([i, j]: [number, number]) => (i >= 0 ? i : 3 * -i) + Math.abs(j) * 1.1 + (j < 0 ? 0.05 : 0);
    cells.sort((a, b) => cost(a) - cost(b));
    for (const [i, j] of cells) {
      const p = { x: wanted.x + i * dx, y: wanted.y + j * dy };
      if (!overlaps(p)) return p;
    }
  }
  return wanted;
}

/** Pointer travel (px) that turns a press into a drag. */
const DRAG_THRESHOLD = 5;

interface DragState {
  kind: NodeKind;
  pointerId: number;
  startX: number;
  startY: number;
  dragging: boolean;
}

export function Palette({ viewportCentre }: { viewportCentre: () => XY }) {
  const store = useFanoutStore();
  const { screenToFlowPosition } = useReactFlow();
  const drag = useRef<DragState | null>(null);
  const suppressClick = useRef(false);
  const [ghost, setGhost] = useState<{ kind: NodeKind; x: number; y: number } | null>(null);

  const add = (kind: NodeKind, centre: XY) => {
    const doc = store.getState().document;
    const node = createNode(kind, freeSpotNear(doc.nodes, { x: centre.x - NODE_SIZE.width / 2, y: centre.y - NODE_SIZE.height / 2 }), takenIds(doc));
    store.getState().edit((d) => addNode(d, { node }));
    store.getState().select({ nodes: [node.id], edges: [] });
  };

  const onPointerDown = (kind: NodeKind) => (event: ReactPointerEvent<HTMLButtonElement>) => {
    if (event.button !== 0) return;
    drag.current = { kind, pointerId: event.pointerId, startX: event.clientX, startY: event.clientY, dragging: false };
    event.currentTarget.setPointerCapture(event.pointerId);
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLButtonElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== event.pointerId) return;
    if (!d.dragging && Math.hypot(event.clientX - d.startX, event.clientY - d.startY) < DRAG_THRESHOLD) return;
    d.dragging = true;
    setGhost({ kind: d.kind, x: event.clientX, y: event.clientY });
  };

  const finish = (event: ReactPointerEvent<HTMLButtonElement>, drop: boolean) => {
    const d = drag.current;
    if (!d || d.pointerId !== event.pointerId) return;
    drag.current = null;
    setGhost(null);
    if (!d.dragging) return; // a plain press: the click handler adds at the centre
    suppressClick.current = true;
    if (!drop) return;
    const over = document.elementFromPoint(event.clientX, event.clientY);
    if (!over?.closest('.react-flow__pane, .react-flow__node, .react-flow__edge')) {
      store.getState().notify('Drop the node on the canvas to add it', 'info');
      return;
    }
    add(d.kind, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  };

  const onClick = (kind: NodeKind) => () => {
    if (suppressClick.current) {
      suppressClick.current = false;
      return;
    }
    add(kind, viewportCentre());
  };

  return (
    <nav className="fo-palette" aria-label="Palette">
      <div className="fo-panel-title">Add</div>
      <ul>
        {NODE_KINDS.map((kind) => {
          const info = KINDS[kind];
          const Icon = info.icon;
          return (
            <li key={kind}>
              <button
                type="button"
                className={`fo-palette__item fo-palette__item--${kind}`}
                aria-label={`Add ${info.name}`}
                title={`${info.hint}. Drag onto the canvas, or press to add at the centre.`}
                onPointerDown={onPointerDown(kind)}
                onPointerMove={onPointerMove}
                onPointerUp={(e) => finish(e, true)}
                onPointerCancel={(e) => finish(e, false)}
                onClick={onClick(kind)}
              >
                <span className={`fo-palette__icon fo-kind-swatch--${kind}`}>
                  <Icon />
                </span>
                <span className="fo-palette__name">{info.name}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {ghost && (
        <div className={`fo-palette__ghost fo-kind-swatch--${ghost.kind}`} style={{ left: ghost.x, top: ghost.y }} aria-hidden="true">
          {KINDS[ghost.kind].icon()} {KINDS[ghost.kind].name}
        </div>
      )}
    </nav>
  );
}

/**
 * The design canvas: React Flow as a view of the document. Positions and selection flow one way —
 * React Flow reports changes, the store applies them as operations, the canvas re-derives. A drag
 * is one undo step (gesture) and one document edit: while it lasts the dragged positions live in
 * the canvas only. Connections follow the spec's edge table; while one is dragged the line says
 * whether a drop on the node under the pointer connects or why not (ConnectionPreview), and a
 * refused drop says why too.
 */
import { useCallback, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  SelectionMode,
  useStore as useFlowStore,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type OnConnectEnd,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { allowedEdgeKinds, whyNotConnectable } from '../../core/rules/edges';
import type { NodeKind } from '../../core/schema/nodes';
import { connect, moveNodes, type XY } from '../../state/operations';
import { useFanout, useFanoutStore } from '../store-context';
import { fitAllOptions } from './canvas-port';
import { EDGE_TYPES } from './EdgeView';
import { FlowModel, type FlowEdge, type FlowNode } from './flow-model';
import { NODE_TYPES } from './NodeView';
import { ConnectionPreview, SELF_DROP_DRAG } from './ConnectionPreview';
import { DetailContext, detailAt, type Detail } from './detail';
import { useFocusAfterDelete } from './focus-after-delete';
import './canvas.css';

/** The first fit, and the zoom controls' fit button in each mode (see `fitAllOptions`). */
const FIT_VIEW_OPTIONS = fitAllOptions('design', 0);
const SIMULATE_FIT_OPTIONS = fitAllOptions('simulate');
const DESIGN_FIT_OPTIONS = fitAllOptions('design');
/** The zoom controls' fit button is named apart from the toolbar's "Fit view" (one name, one control). */
const ARIA_LABELS = { 'controls.fitView.ariaLabel': 'Zoom to fit' };
/**
 * Far enough out that fit view shows a whole 300-node design (it needs about 0.075 in a laptop
 * window): with 0.1 the fit was clamped, the top rows hid under the header, and dragging a node
 * there auto-panned the whole canvas on every frame.
 */
const MIN_ZOOM = 0.05;
const PRO_OPTIONS = { hideAttribution: true };
const DETAIL_CLASS: Record<Detail, string | undefined> = { full: undefined, far: 'fo-far', overview: 'fo-far fo-overview' };
const MINIMAP_STYLE = { width: 168, height: 112 };
/**
 * Module-level on purpose: the mini map hands this function to each of its node components, so a
 * new one per canvas render (an inline arrow) re-rendered all 300 of them on every drag move.
 */
const miniNodeClass = (n: FlowNode) => `fo-mini fo-mini--${n.type}`;

export interface CanvasProps {
  colorMode: 'light' | 'dark';
  /** Right-click on the pane or on a node: the shell opens the context menu there. */
  onContextMenu(at: { x: number; y: number }, target: 'canvas' | 'node'): void;
  /** Large diagrams: skip rendering what is off screen. */
  onlyRenderVisibleElements?: boolean;
}

function nodeIdAtPoint(x: number, y: number): string | undefined {
  const element = document.elementFromPoint(x, y)?.closest('.react-flow__node');
  return element?.getAttribute('data-id') ?? undefined;
}

function pointOf(event: MouseEvent | TouchEvent): { x: number; y: number } | undefined {
  if ('changedTouches' in event) {
    const t = event.changedTouches[0];
    return t ? { x: t.clientX, y: t.clientY } : undefined;
  }
  return { x: event.clientX, y: event.clientY };
}

/** `nodes` with the given positions applied (new objects for those nodes only). */
function withPositions(nodes: FlowNode[], positions: ReadonlyMap<string, XY>): FlowNode[] {
  return nodes.map((n) => {
    const at = positions.get(n.id);
    return at ? { ...n, position: at, dragging: true } : n;
  });
}

export function Canvas({ colorMode, onContextMenu, onlyRenderVisibleElements }: CanvasProps) {
  const store = useFanoutStore();
  const doc = useFanout((s) => s.document);
  const selection = useFanout((s) => s.session.selection);
  const readOnly = useFanout((s) => s.session.readOnly === true);
  const simulating = useFanout((s) => s.simulation.mode === 'simulate');
  useFocusAfterDelete(doc.nodes, doc.edges);
  const model = useRef(new FlowModel()).current;
  // The selector returns a level, so the canvas re-renders only when the zoom crosses a threshold.
  const detail = useFlowStore((s) => detailAt(s.transform[2]));
  const [measureTick, setMeasureTick] = useState(0);
  /**
   * Where the nodes being dragged are, held here until the drag ends: the document (and with it
   * undo, validation, the inspector, autosave and every store subscriber) changes once per drag,
   * not once per pointer move. The ref is what is committed; the state re-renders the canvas.
   */
  const dragging = useRef<Map<string, XY> | null>(null);
  const [dragPositions, setDragPositions] = useState<ReadonlyMap<string, XY> | null>(null);

  // measureTick is a dependency on purpose: measured sizes live in the model and must reach React Flow.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const docNodes = useMemo(() => model.nodes(doc, selection), [model, doc, selection, measureTick]);
  const nodes = useMemo(() => (dragPositions ? withPositions(docNodes, dragPositions) : docNodes), [docNodes, dragPositions]);
  const edges = useMemo(() => model.edges(doc, selection), [model, doc, selection]);

  /** Writes the dragged positions (plus `more`) to the document as one edit, and ends the overlay. */
  const commitDrag = useCallback(
    (more?: ReadonlyMap<string, XY>) => {
      const positions = new Map<string, XY>();
      // Whole units: a dragged node is stored at { x: 104, y: 350 }, not 104.05594405594407, so
      // files kept in git diff cleanly (less than half a unit is invisible at any zoom).
      for (const [id, at] of [...(dragging.current ?? []), ...(more ?? [])]) positions.set(id, { x: Math.round(at.x), y: Math.round(at.y) });
      dragging.current = null;
      if (positions.size > 0) store.getState().edit((d) => moveNodes(d, { positions }));
      setDragPositions(null); // batched with the edit: the document and the canvas agree in one render
    },
    [store],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const positions = new Map<string, XY>();
      let moved: Map<string, XY> | null = null;
      let selectionChanged = false;
      const selected = new Set(store.getState().session.selection.nodes);
      let measuredChanged = false;
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          if (change.dragging) (moved ??= new Map(dragging.current ?? [])).set(change.id, change.position);
          else positions.set(change.id, change.position); // the drop, or a keyboard move
        } else if (change.type === 'select') {
          selectionChanged = true;
          if (change.selected) selected.add(change.id);
          else selected.delete(change.id);
        } else if (change.type === 'dimensions' && change.dimensions) {
          measuredChanged = model.setMeasured(change.id, change.dimensions) || measuredChanged;
        }
      }
      if (moved) {
        dragging.current = moved;
        setDragPositions(moved);
      }
      if (positions.size > 0) commitDrag(positions);
      if (selectionChanged) store.getState().select({ nodes: [...selected] });
      if (measuredChanged) setMeasureTick((t) => t + 1);
    },
    [store, model, commitDrag],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdge>[]) => {
      const selected = new Set(store.getState().session.selection.edges);
      let changed = false;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        changed = true;
        if (change.selected) selected.add(change.id);
        else selected.delete(change.id);
      }
      if (changed) store.getState().select({ edges: [...selected] });
    },
    [store],
  );

  const kindOf = useCallback((id: string | null | undefined): NodeKind | undefined => {
    if (!id) return undefined;
    return store.getState().document.nodes.find((n) => n.id === id)?.kind;
  }, [store]);

  const isValidConnection: IsValidConnection<FlowEdge> = useCallback(
    (c) => {
      const a = kindOf(c.source);
      const b = kindOf(c.target);
      return !!a && !!b && c.source !== c.target && allowedEdgeKinds(a, b).length > 0;
    },
    [kindOf],
  );

  const connectNodes = useCallback(
    (from: string, to: string) => {
      const result = connect(store.getState().document, { from, to });
      if (!result.ok) {
        store.getState().notify(`Cannot connect: ${result.reason}`, 'error');
        return;
      }
      store.getState().edit(() => result.doc);
      store.getState().select({ nodes: [], edges: [result.edge.id] });
    },
    [store],
  );

  const onConnect = useCallback((c: Connection) => connectNodes(c.source, c.target), [connectNodes]);

  const onConnectEnd: OnConnectEnd = useCallback(
    (event, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode) return; // a valid connection went through onConnect
      const point = pointOf(event);
      const targetId = state.toNode?.id ?? (point ? nodeIdAtPoint(point.x, point.y) : undefined);
      if (!targetId) return; // dropped on empty canvas: nothing to say
      if (targetId === state.fromNode.id) {
        // Back on the node it started from: a click on a handle says nothing, but a drag there (a
        // loop, say a queue retrying into itself) is refused with the reason like any other.
        const dragged = state.from && state.to ? Math.hypot(state.to.x - state.from.x, state.to.y - state.from.y) : 0;
        if (dragged > SELF_DROP_DRAG) connectNodes(targetId, targetId);
        return;
      }
      const fromIsSource = state.fromHandle?.type !== 'target';
      const from = fromIsSource ? state.fromNode.id : targetId;
      const to = fromIsSource ? targetId : state.fromNode.id;
      const a = kindOf(from);
      const b = kindOf(to);
      if (!a || !b) return;
      // Dropping on a node's body (not its handle) connects too, when the table allows it.
      if (allowedEdgeKinds(a, b).length > 0) connectNodes(from, to);
      else store.getState().notify(`Cannot connect: ${whyNotConnectable(a, b)}`, 'error');
    },
    [connectNodes, kindOf, store],
  );

  const onDragStart = useCallback(() => store.getState().beginGesture(), [store]);
  const onDragStop = useCallback(() => {
    if (dragging.current) commitDrag(); // normally already committed by the drop's position change
    store.getState().endGesture();
  }, [store, commitDrag]);

  const onPaneContextMenu = useCallback(
    (event: ReactMouseEvent | MouseEvent) => {
      event.preventDefault();
      onContextMenu({ x: event.clientX, y: event.clientY }, 'canvas');
    },
    [onContextMenu],
  );
  const onNodeContextMenu = useCallback(
    (event: ReactMouseEvent, node: FlowNode) => {
      event.preventDefault();
      const selected = store.getState().session.selection.nodes;
      if (!selected.includes(node.id)) store.getState().select({ nodes: [node.id], edges: [] });
      onContextMenu({ x: event.clientX, y: event.clientY }, 'node');
    },
    [onContextMenu, store],
  );

  return (
    <DetailContext.Provider value={detail}>
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        ariaLabelConfig={ARIA_LABELS}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        connectionLineComponent={ConnectionPreview}
        onNodeDragStart={onDragStart}
        onNodeDragStop={onDragStop}
        onSelectionDragStart={onDragStart}
        onSelectionDragStop={onDragStop}
        onPaneContextMenu={onPaneContextMenu}
        onNodeContextMenu={onNodeContextMenu}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable={!readOnly}
        connectionMode={ConnectionMode.Strict}
        connectionRadius={28}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        selectionMode={SelectionMode.Partial}
        colorMode={colorMode}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={MIN_ZOOM}
        maxZoom={2.5}
        proOptions={PRO_OPTIONS}
        onlyRenderVisibleElements={onlyRenderVisibleElements ?? false}
        aria-label="Design canvas"
        className={DETAIL_CLASS[detail]}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.4} className="fo-background" />
        <MiniMap pannable zoomable style={MINIMAP_STYLE} className="fo-minimap" ariaLabel="Mini map" nodeClassName={miniNodeClass} />
        <Controls className="fo-controls" showInteractive={false} aria-label="Zoom controls" fitViewOptions={simulating ? SIMULATE_FIT_OPTIONS : DESIGN_FIT_OPTIONS} />
      </ReactFlow>
    </DetailContext.Provider>
  );
}

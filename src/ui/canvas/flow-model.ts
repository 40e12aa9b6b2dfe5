/**
 * Derives React Flow's nodes and edges from the document and the selection. The document is the
 * single source of truth (positions included); React Flow is a view of it. Derived objects are
 * cached per document object, so a drag that changes one node hands React Flow one new node
 * object and 299 identical ones — which is what keeps a 300-node canvas fluid.
 */
import { MarkerType, type Edge, type Node } from '@xyflow/react';
import type { Topology, TopologyEdge, TopologyNode } from '../../core/schema';
import type { NodeKind } from '../../core/schema/nodes';
import type { EdgeKind } from '../../core/rules/edges';
import { naturalEdgeKind } from '../../state/operations';
import type { Selection } from '../../state/store';
import { KINDS } from './kinds';

export interface FanoutNodeData extends Record<string, unknown> {
  node: TopologyNode;
}
export type FlowNode = Node<FanoutNodeData, NodeKind>;

export interface FanoutEdgeData extends Record<string, unknown> {
  edge: TopologyEdge;
  kind: EdgeKind | undefined;
}
export type FlowEdge = Edge<FanoutEdgeData, 'fanout'>;

/** CSS colour of each edge kind (custom properties defined in canvas.css, themed). */
export function edgeColor(kind: EdgeKind | undefined): string {
  return kind ? `var(--fo-edge-${kind})` : 'var(--fo-edge-unknown)';
}

interface Size {
  width: number;
  height: number;
}

export class FlowModel {
  private readonly nodeCache = new WeakMap<TopologyNode, Map<string, FlowNode>>();
  private readonly edgeCache = new WeakMap<TopologyEdge, Map<string, FlowEdge>>();
  /** Sizes React Flow measured, kept so every derived node carries them (React Flow needs `measured` back). */
  private readonly measured = new Map<string, Size>();
  /** The last edges array: handed back unchanged when no edge changed (a drag moves nodes only). */
  private lastEdges: FlowEdge[] = [];

  /** Records a measured size; returns whether it changed. */
  setMeasured(id: string, size: Size): boolean {
    const old = this.measured.get(id);
    if (old && old.width === size.width && old.height === size.height) return false;
    this.measured.set(id, size);
    return true;
  }

  nodes(doc: Topology, selection: Selection): FlowNode[] {
    const selected = new Set(selection.nodes);
    return doc.nodes.map((node, index) => {
      const isSelected = selected.has(node.id);
      const size = this.measured.get(node.id);
      const key = `${isSelected ? 1 : 0}|${size ? `${size.width}x${size.height}` : ''}`;
      let perNode = this.nodeCache.get(node);
      const hit = perNode?.get(key);
      if (hit) return hit;
      const flow: FlowNode = {
        id: node.id,
        type: node.kind,
        position: node.position ?? { x: 0, y: index * 96 },
        data: { node },
        selected: isSelected,
        // Selection is said in the name too: React Flow's node wrapper has no selected state.
        ariaLabel: `${KINDS[node.kind].name} ${node.label ?? node.id}${isSelected ? ', selected' : ''}`,
        ...(size ? { measured: size } : {}),
      };
      if (!perNode) {
        perNode = new Map();
        this.nodeCache.set(node, perNode);
      }
      perNode.clear(); // one live variant per node object is enough
      perNode.set(key, flow);
      return flow;
    });
  }

  edges(doc: Topology, selection: Selection): FlowEdge[] {
    const selected = new Set(selection.edges);
    const kindOf = new Map<string, NodeKind>();
    for (const n of doc.nodes) kindOf.set(n.id, n.kind);
    const out: FlowEdge[] = [];
    for (const edge of doc.edges) {
      const fromKind = kindOf.get(edge.from);
      const toKind = kindOf.get(edge.to);
      if (!fromKind || !toKind) continue; // an edge to a missing node is a diagnostic, not a line
      const kind = edge.kind ?? naturalEdgeKind(fromKind, toKind);
      const isSelected = selected.has(edge.id);
      const key = `${kind}|${isSelected ? 1 : 0}`;
      let perEdge = this.edgeCache.get(edge);
      const hit = perEdge?.get(key);
      if (hit) {
        out.push(hit);
        continue;
      }
      const flow: FlowEdge = {
        id: edge.id,
        type: 'fanout',
        source: edge.from,
        target: edge.to,
        selected: isSelected,
        data: { edge, kind },
        markerEnd: { type: MarkerType.ArrowClosed, color: edgeColor(kind), width: 16, height: 16 },
        ariaLabel: `${kind ?? 'unknown'} edge from ${edge.from} to ${edge.to}${isSelected ? ', selected' : ''}`,
      };
      if (!perEdge) {
        perEdge = new Map();
        this.edgeCache.set(edge, perEdge);
      }
      perEdge.clear();
      perEdge.set(key, flow);
      out.push(flow);
    }
    // Same edge objects in the same order: keep the array, so React Flow skips rebuilding its
    // connection lookup on every frame of a drag.
    const last = this.lastEdges;
    if (last.length === out.length && out.every((e, i) => e === last[i])) return last;
    this.lastEdges = out;
    return out;
  }
}

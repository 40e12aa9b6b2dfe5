/**
 * Rules about the shape of the graph, before any flow: unique ids, edges that name real nodes and a
 * kind that fits them, the fields each kind requires, and faults on nodes they can apply to.
 */
import { allowedEdgeKinds, EDGE_RULES, kindWithArticle, whyNotConnectable } from '../../rules/edges';
import type { NodeKind } from '../../schema/nodes';
import { quote, type ValidationContext } from '../context';

export function checkDuplicateIds(ctx: ValidationContext): void {
  const seenNodes = new Map<string, number>();
  ctx.topology.nodes.forEach((node, index) => {
    const first = seenNodes.get(node.id);
    if (first === undefined) seenNodes.set(node.id, index);
    else {
      ctx.report({
        code: 'duplicate-node-id',
        message: `node id ${quote(node.id)} is used again at nodes[${index}] (first at nodes[${first}]); ids must be unique`,
        nodeIds: [node.id],
        path: `nodes[${index}].id`,
      });
    }
  });
  const seenEdges = new Map<string, number>();
  ctx.topology.edges.forEach((edge, index) => {
    const first = seenEdges.get(edge.id);
    if (first === undefined) seenEdges.set(edge.id, index);
    else {
      ctx.report({
        code: 'duplicate-edge-id',
        message: `edge id ${quote(edge.id)} is used again at edges[${index}] (first at edges[${first}]); ids must be unique`,
        edgeIds: [edge.id],
        path: `edges[${index}].id`,
      });
    }
  });
}

export function checkEdges(ctx: ValidationContext): void {
  const seen = new Map<string, string>();
  for (const entry of ctx.edges) {
    const { edge, index, from, to } = entry;
    const at = `edges[${index}]`;
    let missing = false;
    for (const end of ['from', 'to'] as const) {
      if (!(end === 'from' ? from : to)) {
        missing = true;
        ctx.report({
          code: 'edge-unknown-node',
          message: `edge ${quote(edge.id)}: ${end} names ${quote(edge[end])}, but no node has that id`,
          edgeIds: [edge.id],
          nodeIds: [end === 'from' ? edge.to : edge.from].filter((id) => ctx.nodes.has(id)),
          path: `${at}.${end}`,
        });
      }
    }
    if (missing || !from || !to) continue;
    const fromKind = from.node.kind;
    const toKind = to.node.kind;
    const ids = { edgeIds: [edge.id], nodeIds: [edge.from, edge.to] };
    const fitting = allowedEdgeKinds(fromKind, toKind);
    if (edge.kind === undefined) {
      if (fitting.length === 0) {
        ctx.report({
          code: 'edge-kind-not-allowed',
          message: `edge ${quote(edge.id)} (${edge.from} → ${edge.to}): ${whyNotConnectable(fromKind, toKind)}`,
          ...ids,
          path: `${at}.to`,
        });
      } else if (!entry.kind) {
        ctx.report({
          code: 'edge-kind-ambiguous',
          message: `edge ${quote(edge.id)} (${edge.from} → ${edge.to}) has no kind and ${fitting.length === 1 ? `${fitting[0]} must be explicit` : `several fit (${fitting.join(', ')})`}: set "kind"`,
          ...ids,
          path: `${at}.kind`,
        });
      }
    } else if (!entry.kind) {
      const reason =
        fitting.length === 0
          ? whyNotConnectable(fromKind, toKind)
          : `${kindWithArticle(fromKind)} → ${kindWithArticle(toKind)} edge can be ${fitting.join(' or ')}, not ${edge.kind}`;
      ctx.report({
        code: 'edge-kind-not-allowed',
        message: `edge ${quote(edge.id)} (${edge.from} → ${edge.to}) is ${edge.kind}: ${reason}`,
        ...ids,
        path: `${at}.kind`,
      });
    }
    const kind = entry.kind;
    if (!kind) continue;
    if (edge.kind === undefined) {
      // The schema checks fields against an explicit kind; an implied kind is only known here.
      const accepted: readonly string[] = EDGE_RULES[kind].fields;
      for (const field of ['filter', 'bindingKey', 'group', 'retry'] as const) {
        if (edge[field] !== undefined && !accepted.includes(field)) {
          ctx.report({
            code: 'edge-field-not-for-kind',
            message: `edge ${quote(edge.id)} is implied to be ${kind} (${kindWithArticle(fromKind)} → ${kindWithArticle(toKind)}), which has no ${field}`,
            ...ids,
            path: `${at}.${field}`,
          });
        }
      }
    }
    if (kind === 'bind' && from.node.kind === 'exchange' && from.node.exchangeType !== 'fanout' && edge.bindingKey === undefined) {
      ctx.report({
        code: 'missing-binding-key',
        message: `edge ${quote(edge.id)} binds ${quote(edge.to)} to the ${from.node.exchangeType} exchange ${quote(edge.from)} without a bindingKey; a ${from.node.exchangeType} exchange routes by it`,
        ...ids,
        path: `${at}.bindingKey`,
      });
    }
    if (kind === 'group' && edge.group === undefined) {
      ctx.report({
        code: 'missing-group',
        message: `edge ${quote(edge.id)} makes ${quote(edge.to)} read ${quote(edge.from)} but names no consumer group: set "group"`,
        ...ids,
        path: `${at}.group`,
      });
    }
    if (kind !== 'bind') {
      // An exchange delivers at most one copy per queue, so repeated bindings are harmless; group
      // edges in different groups are different readers, not duplicates.
      const key = `${edge.from}\u0000${edge.to}\u0000${kind}\u0000${kind === 'group' ? (edge.group ?? '') : ''}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, edge.id);
      else {
        ctx.report({
          code: 'duplicate-edge',
          message: `edges ${quote(first)} and ${quote(edge.id)} are both ${kind} edges from ${quote(edge.from)} to ${quote(edge.to)}: each message is copied on both`,
          edgeIds: [first, edge.id],
          nodeIds: [edge.from, edge.to],
          path: at,
        });
      }
    }
  }
}

const DOWN_KINDS: readonly NodeKind[] = ['consumer', 'projection', 'topic', 'queue', 'exchange', 'stream', 'webhook', 'eventstore'];

export function checkFaults(ctx: ValidationContext): void {
  (ctx.topology.faults ?? []).forEach((fault, index) => {
    const entry = ctx.nodes.get(fault.node);
    if (!entry) {
      ctx.report({
        code: 'fault-unknown-node',
        message: `faults[${index}] (${fault.type} from ${fault.from} s to ${fault.to} s) names ${quote(fault.node)}, but no node has that id`,
        path: `faults[${index}].node`,
      });
      return;
    }
    const kind = entry.node.kind;
    const fits = fault.type === 'slow' ? kind === 'consumer' || kind === 'projection' : DOWN_KINDS.includes(kind);
    if (!fits) {
      ctx.report({
        code: 'fault-wrong-kind',
        message:
          fault.type === 'slow'
            ? `faults[${index}]: a slow fault multiplies processing time, but ${quote(fault.node)} is ${kindWithArticle(kind)}, which processes nothing; only consumers and projections can be slow`
            : `faults[${index}]: ${quote(fault.node)} is ${kindWithArticle(kind)}; "down" applies to consumers, projections and brokers`,
        nodeIds: [fault.node],
        path: `faults[${index}].node`,
      });
    }
  });
}

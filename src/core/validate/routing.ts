/**
 * A static view of where a message can go: which paths a message of a given type and routing key
 * takes from a broker, and which consumers handle it at the end. The validator uses it to find
 * commands with several handlers, loops through consumers' emits and filters nothing passes. It
 * reads the same routing rules as the simulator (spec, "Edges"; RabbitMQ matching from
 * ../sim/topic-match.ts, messaging-semantics §1.1–1.2) but follows every possibility instead of one.
 */
import { DEFAULTS } from '../schema/defaults';
import { topicMatches } from '../sim/topic-match';
import type { NodeOfKind, TopologyEdge } from '../schema/document';
import { edgesOut, type EdgeEntry, type ValidationContext } from './context';

/** The static facts about a message that decide its route. */
export interface MessageShape {
  type: string;
  /** Every routing key it may carry (a list is cycled, so each may occur). */
  routingKeys: readonly string[];
}

/** One path a copy of a message takes to where it is handled. */
export interface DeliveryPath {
  /** Identity of the path: copies on one path are competed for, not duplicated. */
  key: string;
  /** Node ids from the first broker to the handling point, for messages: `t → q`. */
  trail: string[];
  edgeIds: string[];
  /** Consumers and projections that may take a copy on this path (competing ones together). */
  handlers: string[];
}

/** A message a node sends: a producer's stream or a consumer's emit. */
export interface SentMessage extends MessageShape {
  sender: string;
  category: 'event' | 'command';
  /** Path of the message definition, e.g. `nodes[0].messages[1]`. */
  path: string;
  probability: number;
}

function passesFilter(edge: TopologyEdge, type: string): boolean {
  return !edge.filter || edge.filter.types.includes(type);
}

/** Whether a bind edge of `exchange` takes a message with `routingKey`. */
export function bindingMatches(exchange: NodeOfKind<'exchange'>, edge: TopologyEdge, routingKey: string): boolean {
  if (exchange.exchangeType === 'fanout') return true;
  if (edge.bindingKey === undefined) return false;
  return exchange.exchangeType === 'direct' ? edge.bindingKey === routingKey : topicMatches(edge.bindingKey, routingKey);
}

function handlersOf(edges: EdgeEntry[]): string[] {
  return edges.map((e) => e.edge.to);
}

/** Every path a copy of `message` takes once it arrives at `nodeId` over `via`. */
export function pathsFrom(ctx: ValidationContext, nodeId: string, message: MessageShape, via: EdgeEntry): DeliveryPath[] {
  const entry = ctx.nodes.get(nodeId);
  if (!entry) return [];
  const node = entry.node;
  const start = (key: string, handlers: string[], extraTrail: string[] = [], extraEdges: string[] = []): DeliveryPath => ({
    key,
    trail: [nodeId, ...extraTrail],
    edgeIds: [via.edge.id, ...extraEdges],
    handlers,
  });
  switch (node.kind) {
    case 'consumer':
    case 'projection':
      return [{ key: `push:${via.edge.id}`, trail: [], edgeIds: [via.edge.id], handlers: [nodeId] }];
    case 'queue':
      return [start(`queue:${nodeId}`, handlersOf(edgesOut(ctx, nodeId, 'consume')))];
    case 'topic':
    case 'eventstore': {
      const out: DeliveryPath[] = [];
      for (const sub of edgesOut(ctx, nodeId, 'subscribe')) {
        if (!passesFilter(sub.edge, message.type)) continue;
        for (const p of pathsFrom(ctx, sub.edge.to, message, sub)) out.push(prefix(nodeId, via, p));
      }
      if (node.kind === 'eventstore' && out.length === 0) out.push(start(`store:${nodeId}`, []));
      return out;
    }
    case 'exchange': {
      const queues = new Map<string, EdgeEntry>();
      for (const bind of edgesOut(ctx, nodeId, 'bind')) {
        if (!queues.has(bind.edge.to) && message.routingKeys.some((rk) => bindingMatches(node, bind.edge, rk))) {
          queues.set(bind.edge.to, bind);
        }
      }
      const chosen = queues.size > 0 ? [...queues.values()] : edgesOut(ctx, nodeId, 'alternate');
      const out: DeliveryPath[] = [];
      for (const edge of chosen) {
        for (const p of pathsFrom(ctx, edge.edge.to, message, edge)) out.push(prefix(nodeId, via, p));
      }
      return out;
    }
    case 'stream': {
      const groups = new Map<string, EdgeEntry[]>();
      for (const g of edgesOut(ctx, nodeId, 'group')) {
        const name = g.edge.group ?? '';
        const members = groups.get(name);
        if (members) members.push(g);
        else groups.set(name, [g]);
      }
      return [...groups].map(([name, members]) =>
        start(`group:${nodeId}/${name}`, handlersOf(members), [], members.map((m) => m.edge.id)),
      );
    }
    case 'webhook':
      return edgesOut(ctx, nodeId, 'endpoint')
        .filter((e) => passesFilter(e.edge, message.type))
        .map((e) => start(`endpoint:${e.edge.id}`, [e.edge.to], [], [e.edge.id]));
    default:
      // deadletter: the end of a failure path, not a handler.
      return [];
  }
}

function prefix(nodeId: string, via: EdgeEntry, p: DeliveryPath): DeliveryPath {
  return { key: p.key, trail: [nodeId, ...p.trail], edgeIds: [via.edge.id, ...p.edgeIds], handlers: p.handlers };
}

/** Every path a message sent by `message.sender` takes, over all its publish edges. */
export function pathsOfSent(ctx: ValidationContext, message: SentMessage): DeliveryPath[] {
  const out: DeliveryPath[] = [];
  for (const publish of edgesOut(ctx, message.sender, 'publish')) {
    if (passesFilter(publish.edge, message.type)) out.push(...pathsFrom(ctx, publish.edge.to, message, publish));
  }
  return out;
}

function routingKeyList(rk: string | readonly string[] | undefined): string[] {
  if (rk === undefined) return [DEFAULTS.messages.routingKey];
  return typeof rk === 'string' ? [rk] : [...new Set(rk)];
}

/** Every message definition in the topology: producer streams and consumer/projection emits. */
export function sentMessages(ctx: ValidationContext): SentMessage[] {
  const out: SentMessage[] = [];
  for (const { node, index } of ctx.nodes.values()) {
    if (node.kind === 'producer') {
      node.messages.forEach((m, i) =>
        out.push({
          sender: node.id,
          type: m.type,
          category: m.category ?? DEFAULTS.messages.category,
          routingKeys: routingKeyList(m.routingKey),
          path: `nodes[${index}].messages[${i}]`,
          probability: 1,
        }),
      );
    } else if (node.kind === 'consumer' || node.kind === 'projection') {
      (node.emits ?? []).forEach((m, i) =>
        out.push({
          sender: node.id,
          type: m.type,
          category: m.category ?? DEFAULTS.emit.category,
          routingKeys: routingKeyList(m.routingKey),
          path: `nodes[${index}].emits[${i}]`,
          probability: m.probability ?? DEFAULTS.emit.probability,
        }),
      );
    }
  }
  return out;
}

/**
 * AsyncAPI 3.0 export (https://www.asyncapi.com/docs/reference/specification/v3.0.0): the design as
 * a contract other tools read — documentation generators, code generators, catalogues.
 *
 * Mapping:
 * - Channels: every broker node (topic, queue, exchange, stream, webhook, event store, dead-letter
 *   node), keyed and addressed by node id (an address with `{…}` would declare parameters).
 * - Messages: every message type a producer streams or a consumer emits, as a component with a
 *   placeholder payload schema (an object titled with the type name). A channel lists the types
 *   that can reach it: published to it, or passed on by subscribe, bind, alternate and deadLetter
 *   edges (respecting filters; binding keys are not evaluated, so an exchange's queue lists every
 *   type the exchange receives).
 * - Operations: `send` per publish edge, `receive` per consume, subscribe, group and endpoint edge
 *   into a consumer or projection, named `<node>.send.<channel>` / `<node>.receive.<channel>`.
 * - Bindings: AMQP 0.9.1 for exchanges (exchange type) and the queues they feed (binding keys in
 *   the description and `x-fanout-binding-keys`), `cc` routing keys on sends to exchanges; Kafka for
 *   streams (partitions) and group ids on group edges; HTTP POST on webhook endpoints.
 */
import { impliedEdgeKind, type EdgeKind } from '../rules/edges';
import type { NodeKind, Topology, TopologyEdge, TopologyNode } from '../schema';
import { toYaml } from './yaml';
import { setOwn } from '../util/own';

const CHANNEL_KINDS: ReadonlySet<NodeKind> = new Set([
  'topic',
  'queue',
  'exchange',
  'stream',
  'webhook',
  'eventstore',
  'deadletter',
]);
const RECEIVER_KINDS: ReadonlySet<NodeKind> = new Set(['consumer', 'projection']);
/** Edges along which messages pass from one channel to another. */
const FORWARDING: ReadonlySet<EdgeKind> = new Set(['subscribe', 'bind', 'alternate', 'deadLetter']);
/** Edges along which a consumer or projection receives from a channel. */
const RECEIVING: ReadonlySet<EdgeKind> = new Set(['subscribe', 'consume', 'group', 'endpoint']);

const AMQP_BINDING_VERSION = '0.3.0';
const KAFKA_BINDING_VERSION = '0.5.0';
const HTTP_BINDING_VERSION = '0.3.0';

type Obj = Record<string, unknown>;

const CHANNEL_DESCRIPTIONS: Readonly<Partial<Record<NodeKind, string>>> = {
  topic: 'Publish/subscribe topic: every subscription gets its own copy of each message.',
  queue: 'Point-to-point work queue: each message goes to one of the competing consumers.',
  exchange: 'RabbitMQ-style exchange that routes messages to bound queues.',
  stream: 'Kafka-style partitioned log, read by consumer groups.',
  webhook: 'HTTP delivery of events to registered endpoints.',
  eventstore: 'Append-only event log; an entity is the replay of its events.',
  deadletter: 'Dead-letter channel: deliveries whose retries were exhausted.',
};

/** Keys AsyncAPI accepts for components (`^[a-zA-Z0-9.\-_]+$`), unique per name. */
function componentKeys(names: Iterable<string>): Map<string, string> {
  const keys = new Map<string, string>();
  // "__proto__" is a legal key, but YAML and JSON readers that build plain objects turn it into a
  // prototype (the AsyncAPI parser then sees no channel, or a broken one); "constructor" and the
  // other names every plain object inherits confuse its $ref resolution the same way (a channel
  // named "constructor" lost its servers). None of them is used as a key.
  const used = new Set<string>(Object.getOwnPropertyNames(Object.prototype));
  for (const name of names) {
    if (keys.has(name)) continue;
    const base = name.replace(/[^A-Za-z0-9._-]/g, '_') || 'Message';
    let key = base;
    for (let i = 2; used.has(key); i++) key = `${base}_${i}`;
    used.add(key);
    keys.set(name, key);
  }
  return keys;
}

function kindOf(edge: TopologyEdge, byId: ReadonlyMap<string, TopologyNode>): EdgeKind | undefined {
  if (edge.kind) return edge.kind;
  const from = byId.get(edge.from);
  const to = byId.get(edge.to);
  return from && to ? impliedEdgeKind(from.kind, to.kind) : undefined;
}

/** The message types a node sends, with their category. */
function sentTypes(node: TopologyNode): Map<string, 'event' | 'command'> {
  const types = new Map<string, 'event' | 'command'>();
  if (node.kind === 'producer') for (const m of node.messages) types.set(m.type, m.category ?? 'event');
  if (node.kind === 'consumer' || node.kind === 'projection') {
    for (const e of node.emits ?? []) types.set(e.type, e.category ?? 'event');
  }
  return types;
}

function filtered(types: Iterable<string>, edge: TopologyEdge): string[] {
  const allow = edge.filter ? new Set(edge.filter.types) : undefined;
  return [...types].filter((t) => !allow || allow.has(t));
}

function routingKeysOf(node: TopologyNode, types: readonly string[]): string[] {
  const keys = new Set<string>();
  const want = new Set(types);
  if (node.kind === 'producer') {
    for (const m of node.messages) if (want.has(m.type)) for (const k of [m.routingKey ?? ''].flat()) keys.add(k);
  }
  if (node.kind === 'consumer' || node.kind === 'projection') {
    for (const e of node.emits ?? []) if (want.has(e.type)) for (const k of [e.routingKey ?? ''].flat()) keys.add(k);
  }
  return [...keys];
}

/** The AsyncAPI 3.0 document of a topology, as a plain JSON object. */
export function toAsyncApi(topology: Topology): Obj {
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  const label = (id: string) => byId.get(id)?.label || id;
  const channelNodes = topology.nodes.filter((n) => CHANNEL_KINDS.has(n.kind));
  const edges = topology.edges
    .map((edge) => ({ edge, kind: kindOf(edge, byId), from: byId.get(edge.from), to: byId.get(edge.to) }))
    .filter((e): e is { edge: TopologyEdge; kind: EdgeKind; from: TopologyNode; to: TopologyNode } =>
      e.kind !== undefined && e.from !== undefined && e.to !== undefined,
    );

  // Every message type and its category (first seen wins: a type is one thing).
  const categories = new Map<string, 'event' | 'command'>();
  for (const node of topology.nodes) for (const [t, c] of sentTypes(node)) if (!categories.has(t)) categories.set(t, c);
  const messageKeys = componentKeys(categories.keys());

  // Which types can reach each channel: publishes, then forwarding edges to a fixed point.
  const onChannel = new Map<string, Set<string>>(channelNodes.map((n) => [n.id, new Set<string>()]));
  for (const { edge, kind, from, to } of edges) {
    if (kind === 'publish' && onChannel.has(to.id)) for (const t of filtered(sentTypes(from).keys(), edge)) onChannel.get(to.id)!.add(t);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const { edge, kind, from, to } of edges) {
      if (!FORWARDING.has(kind) || !onChannel.has(from.id) || !onChannel.has(to.id)) continue;
      const target = onChannel.get(to.id)!;
      for (const t of filtered(onChannel.get(from.id)!, edge)) {
        if (!target.has(t)) {
          target.add(t);
          changed = true;
        }
      }
    }
  }
  const messageRefs = (types: Iterable<string>) =>
    Object.fromEntries([...types].map((t) => [messageKeys.get(t)!, { $ref: `#/components/messages/${messageKeys.get(t)!}` }]));

  // Servers: one per protocol the design implies.
  const fedByExchange = new Set(edges.filter((e) => e.from.kind === 'exchange' && (e.kind === 'bind' || e.kind === 'alternate')).map((e) => e.to.id));
  const usesAmqp = channelNodes.some((n) => n.kind === 'exchange');
  const usesKafka = channelNodes.some((n) => n.kind === 'stream');
  const servers: Obj = {};
  if (usesAmqp) servers.rabbitmq = { host: 'localhost:5672', protocol: 'amqp', protocolVersion: '0.9.1', description: 'The RabbitMQ broker of the exchanges and the queues they feed.' };
  if (usesKafka) servers.kafka = { host: 'localhost:9092', protocol: 'kafka', description: 'The Kafka cluster of the streams.' };

  const bindingsByQueue = new Map<string, { exchange: string; bindingKey: string }[]>();
  for (const e of edges) {
    if (e.kind !== 'bind') continue;
    const list = bindingsByQueue.get(e.to.id) ?? [];
    list.push({ exchange: e.from.id, bindingKey: e.edge.bindingKey ?? '' });
    bindingsByQueue.set(e.to.id, list);
  }

  // Channel keys are the node ids (already key-safe), except where a reader could not keep one.
  const channelKey = componentKeys(channelNodes.map((n) => n.id));
  const channels: Obj = {};
  for (const node of channelNodes) {
    const channel: Obj = { address: node.id };
    if (node.label) channel.title = node.label;
    const bindingKeys = bindingsByQueue.get(node.id) ?? [];
    let description = CHANNEL_DESCRIPTIONS[node.kind] ?? '';
    if (bindingKeys.length > 0) description += ` Bound with: ${bindingKeys.map((b) => `${b.exchange} "${b.bindingKey}"`).join(', ')}.`;
    if (node.notes) description += `\n\n${node.notes}`;
    channel.description = description;
    const types = onChannel.get(node.id)!;
    if (types.size > 0) channel.messages = messageRefs([...types].sort());
    if (node.kind === 'exchange') {
      channel.servers = [{ $ref: '#/servers/rabbitmq' }];
      channel.bindings = {
        amqp: { is: 'routingKey', exchange: { name: node.id, type: node.exchangeType, durable: true, autoDelete: false, vhost: '/' }, bindingVersion: AMQP_BINDING_VERSION },
      };
    } else if (node.kind === 'queue' && fedByExchange.has(node.id) && usesAmqp) {
      channel.servers = [{ $ref: '#/servers/rabbitmq' }];
      channel.bindings = {
        amqp: { is: 'queue', queue: { name: node.id, durable: true, exclusive: false, autoDelete: false, vhost: '/' }, bindingVersion: AMQP_BINDING_VERSION },
      };
      if (bindingKeys.length > 0) channel['x-fanout-binding-keys'] = bindingKeys;
    } else if (node.kind === 'stream') {
      channel.servers = [{ $ref: '#/servers/kafka' }];
      channel.bindings = { kafka: { topic: node.id, partitions: node.partitions ?? 1, bindingVersion: KAFKA_BINDING_VERSION } };
    }
    channel['x-fanout-kind'] = node.kind;
    setOwn(channels, channelKey.get(node.id)!, channel);
  }

  const operations: Obj = {};
  const usedOperationIds = new Set<string>();
  const operationId = (base: string) => {
    let id = base;
    for (let i = 2; usedOperationIds.has(id); i++) id = `${base}.${i}`;
    usedOperationIds.add(id);
    return id;
  };
  const channelMessageRefs = (channelId: string, types: readonly string[]) =>
    types.map((t) => ({ $ref: `#/channels/${channelId}/messages/${messageKeys.get(t)!}` }));

  for (const { edge, kind, from, to } of edges) {
    if (kind === 'publish' && onChannel.has(to.id)) {
      const types = filtered(sentTypes(from).keys(), edge);
      const operation: Obj = {
        action: 'send',
        channel: { $ref: `#/channels/${channelKey.get(to.id)!}` },
        title: `${label(from.id)} sends to ${label(to.id)}`,
      };
      if (types.length > 0) operation.messages = channelMessageRefs(channelKey.get(to.id)!, types);
      if (to.kind === 'exchange') {
        const cc = routingKeysOf(from, types);
        operation.bindings = { amqp: { ...(cc.length > 0 ? { cc } : {}), deliveryMode: 2, bindingVersion: AMQP_BINDING_VERSION } };
      }
      setOwn(operations, operationId(`${from.id}.send.${to.id}`), operation);
    } else if (RECEIVING.has(kind) && RECEIVER_KINDS.has(to.kind) && onChannel.has(from.id)) {
      const types = filtered(onChannel.get(from.id)!, edge).sort();
      const operation: Obj = {
        action: 'receive',
        channel: { $ref: `#/channels/${channelKey.get(from.id)!}` },
        title: `${label(to.id)} receives from ${label(from.id)}`,
      };
      if (types.length > 0) operation.messages = channelMessageRefs(channelKey.get(from.id)!, types);
      if (kind === 'group' && edge.group !== undefined) {
        operation.bindings = { kafka: { groupId: { type: 'string', enum: [edge.group] }, bindingVersion: KAFKA_BINDING_VERSION } };
      } else if (kind === 'endpoint') {
        operation.bindings = { http: { method: 'POST', bindingVersion: HTTP_BINDING_VERSION } };
      } else if (kind === 'consume' && fedByExchange.has(from.id) && usesAmqp) {
        operation.bindings = { amqp: { ack: true, bindingVersion: AMQP_BINDING_VERSION } };
      }
      setOwn(operations, operationId(`${to.id}.receive.${from.id}`), operation);
    }
  }

  const messages: Obj = {};
  for (const [type, key] of messageKeys) {
    const category = categories.get(type)!;
    setOwn(messages, key, {
      name: type,
      title: type,
      summary: category === 'command' ? `Command: a request to one handler (${type}).` : `Event: a fact that happened (${type}).`,
      contentType: 'application/json',
      payload: { type: 'object', title: type, description: 'Placeholder: Fanout models message flow, not payloads.' },
      'x-fanout-category': category,
    });
  }

  const doc: Obj = {
    asyncapi: '3.0.0',
    info: {
      title: topology.name || 'Fanout topology',
      version: '1.0.0',
      description: `${topology.description ? `${topology.description}\n\n` : ''}Exported from a Fanout topology (format ${topology.format}, version ${topology.version}).`,
    },
    defaultContentType: 'application/json',
  };
  if (Object.keys(servers).length > 0) doc.servers = servers;
  doc.channels = channels;
  doc.operations = operations;
  doc.components = { messages };
  return doc;
}

/** The AsyncAPI document as text: YAML (default) or pretty JSON, with a trailing newline. */
export function toAsyncApiText(topology: Topology, format: 'yaml' | 'json' = 'yaml'): string {
  const doc = toAsyncApi(topology);
  return format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : toYaml(doc);
}

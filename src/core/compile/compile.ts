/**
 * Topology → runnable model. Resolves defaults from the one `DEFAULTS` table, implies omitted edge
 * kinds with the shared edge rules, compiles distributions, and refuses what cannot run (an edge to
 * an unknown node, a kind that does not fit) with a `CompileError` naming the edge — the validator
 * reports the same problems as diagnostics before a run is attempted.
 */
import { DEFAULTS } from '../schema/defaults';
import type { Topology, TopologyNode, RetryPolicy, NodeOfKind } from '../schema';
import { edgeAllowed, impliedEdgeKind, type EdgeKind } from '../rules/edges';
import { compileDistribution } from '../sim/distributions';
import type { ResolvedBackoff } from '../sim/backoff';
import type {
  CompiledEdge,
  CompiledEmit,
  CompiledFailure,
  CompiledModel,
  CompiledNode,
  CompiledStream,
  ResolvedRetry,
} from './model';

/** A topology the engine cannot run; `path` is the JSON path of the culprit. */
export class CompileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'CompileError';
  }
}

/** Resolves a retry policy; `undefined` → the given default. */
export function resolveRetry(policy: RetryPolicy | undefined, fallbackAttempts: number): ResolvedRetry {
  if (!policy) return { maxAttempts: fallbackAttempts, backoff: null };
  const b = policy.backoff;
  const backoff: ResolvedBackoff | null = b
    ? {
        type: b.type,
        initial: b.initial,
        multiplier: b.multiplier ?? DEFAULTS.backoff.multiplier,
        max: b.max ?? Infinity,
        jitter: b.jitter ?? DEFAULTS.backoff.jitter,
      }
    : null;
  return { maxAttempts: policy.maxAttempts, backoff };
}

function routingKeys(rk: string | string[] | undefined): string[] {
  if (rk === undefined) return [DEFAULTS.messages.routingKey];
  return typeof rk === 'string' ? [rk] : rk;
}

function blankNode(index: number, node: TopologyNode): CompiledNode {
  return {
    index,
    id: node.id,
    name: node.label && node.label.trim() !== '' ? node.label : node.id,
    kind: node.kind,
    streams: [],
    retry: { maxAttempts: 1, backoff: null },
    fifo: DEFAULTS.queue.fifo,
    visibilityTimeout: DEFAULTS.queue.visibilityTimeout,
    retention: DEFAULTS.queue.retention,
    capacity: Infinity,
    overflow: DEFAULTS.queue.overflow,
    unlimitedRetry: false,
    exchangeType: 'fanout',
    partitions: DEFAULTS.stream.partitions,
    schedule: [...DEFAULTS.webhook.schedule],
    timeout: DEFAULTS.webhook.timeout,
    concurrency: DEFAULTS.consumer.concurrency,
    processing: compileDistribution(DEFAULTS.consumer.processingTime),
    failure: null,
    ackLoss: DEFAULTS.consumer.ackLoss,
    idempotent: DEFAULTS.consumer.idempotent,
    emits: [],
    readRate: DEFAULTS.projection.readRate,
    redriveAt: [],
    out: [],
    in: [],
  };
}

function compileConsumerFields(c: CompiledNode, node: NodeOfKind<'consumer'> | NodeOfKind<'projection'>): void {
  c.concurrency = node.concurrency ?? DEFAULTS.consumer.concurrency;
  c.processing = compileDistribution(node.processingTime ?? DEFAULTS.consumer.processingTime);
  if (node.failure) {
    const f = node.failure;
    const failure: CompiledFailure = {
      probability: f.probability ?? 0,
      firstAttempts: f.firstAttempts ?? 0,
      types: f.types && f.types.length ? new Set(f.types) : null,
      keys: f.keys && f.keys.length ? new Set(f.keys) : null,
    };
    if (failure.probability > 0 || failure.firstAttempts > 0 || failure.types || failure.keys) c.failure = failure;
  }
  c.ackLoss = node.ackLoss ?? DEFAULTS.consumer.ackLoss;
  c.idempotent = node.idempotent ?? DEFAULTS.consumer.idempotent;
  c.emits = (node.emits ?? []).map(
    (e): CompiledEmit => ({
      type: e.type,
      category: e.category ?? DEFAULTS.emit.category,
      key: e.key ?? null,
      keys: e.keys ?? 0,
      routingKeys: routingKeys(e.routingKey),
      probability: e.probability ?? DEFAULTS.emit.probability,
      on: e.on ?? DEFAULTS.emit.on,
      ownKey: e.key !== undefined || e.keys !== undefined,
    }),
  );
}

function compileNode(index: number, node: TopologyNode): CompiledNode {
  const c = blankNode(index, node);
  switch (node.kind) {
    case 'producer':
      c.streams = node.messages.map(
        (m): CompiledStream => ({
          type: m.type,
          category: m.category ?? DEFAULTS.messages.category,
          key: m.key ?? null,
          keys: m.keys ?? 0,
          routingKeys: routingKeys(m.routingKey),
          rate: m.rate,
          arrival: m.arrival ?? DEFAULTS.messages.arrival,
          start: m.start ?? DEFAULTS.messages.start,
          count: m.count ?? Infinity,
          burst: m.burst ? { at: m.burst.at, count: m.burst.count } : null,
        }),
      );
      break;
    case 'topic':
      c.retry = resolveRetry(node.retry, DEFAULTS.topic.retry.maxAttempts);
      break;
    case 'queue':
      c.fifo = node.fifo ?? DEFAULTS.queue.fifo;
      c.visibilityTimeout = node.visibilityTimeout ?? DEFAULTS.queue.visibilityTimeout;
      c.retention = node.retention ?? DEFAULTS.queue.retention;
      c.capacity = node.capacity ?? Infinity;
      c.overflow = node.overflow ?? DEFAULTS.queue.overflow;
      c.unlimitedRetry = node.retry === undefined;
      c.retry = node.retry ? resolveRetry(node.retry, 1) : { maxAttempts: Infinity, backoff: null };
      break;
    case 'exchange':
      c.exchangeType = node.exchangeType;
      break;
    case 'stream':
      c.partitions = node.partitions ?? DEFAULTS.stream.partitions;
      c.retry = resolveRetry(node.retry, DEFAULTS.stream.retry.maxAttempts);
      break;
    case 'webhook':
      c.schedule = [...(node.schedule ?? DEFAULTS.webhook.schedule)];
      c.timeout = node.timeout ?? DEFAULTS.webhook.timeout;
      c.retry = { maxAttempts: 1 + c.schedule.length, backoff: null };
      break;
    case 'consumer':
      compileConsumerFields(c, node);
      break;
    case 'projection':
      compileConsumerFields(c, node);
      c.readRate = node.readRate ?? DEFAULTS.projection.readRate;
      break;
    case 'eventstore':
      break;
    case 'deadletter':
      c.redriveAt = (node.redrive ?? []).map((r) => r.at).sort((a, b) => a - b);
      break;
  }
  return c;
}

/** Compiles a parsed topology into the engine's model; throws `CompileError` on what cannot run. */
export function compileTopology(topology: Topology): CompiledModel {
  const nodes = topology.nodes.map((n, i) => compileNode(i, n));
  const nodeIndex = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (nodeIndex.has(n.id)) throw new CompileError(`nodes[${i}].id`, `duplicate node id "${n.id}"`);
    nodeIndex.set(n.id, i);
  });
  const seenEdges = new Set<string>();
  const edges = topology.edges.map((e, i): CompiledEdge => {
    const path = `edges[${i}] ("${e.id}")`;
    if (seenEdges.has(e.id)) throw new CompileError(path, `duplicate edge id "${e.id}"`);
    seenEdges.add(e.id);
    const from = nodeIndex.get(e.from);
    const to = nodeIndex.get(e.to);
    if (from === undefined) throw new CompileError(`${path}.from`, `unknown node "${e.from}"`);
    if (to === undefined) throw new CompileError(`${path}.to`, `unknown node "${e.to}"`);
    const fk = nodes[from]!.kind;
    const tk = nodes[to]!.kind;
    let kind: EdgeKind | undefined = e.kind;
    if (kind === undefined) {
      kind = impliedEdgeKind(fk, tk);
      if (kind === undefined) throw new CompileError(`${path}.kind`, `no edge kind can be implied from ${fk} to ${tk}; give "kind"`);
    } else if (!edgeAllowed(kind, fk, tk)) {
      throw new CompileError(`${path}.kind`, `a ${kind} edge cannot go from ${fk} to ${tk}`);
    }
    if (kind === 'group' && !e.group) throw new CompileError(`${path}.group`, 'a group edge needs a consumer-group name');
    const stream = nodes[from]!;
    return {
      index: i,
      id: e.id,
      from,
      to,
      kind,
      latency: e.latency === undefined ? null : compileDistribution(e.latency),
      filter: e.filter ? new Set(e.filter.types) : null,
      bindingKey: e.bindingKey ?? '',
      group: e.group ?? '',
      retry: kind === 'group' ? (e.retry ? resolveRetry(e.retry, 1) : stream.retry) : null,
    };
  });
  for (const e of edges) {
    nodes[e.from]!.out.push(e.index);
    nodes[e.to]!.in.push(e.index);
  }
  const faults = (topology.faults ?? []).map((f, i) => {
    const node = nodeIndex.get(f.node);
    if (node === undefined) throw new CompileError(`faults[${i}].node`, `unknown node "${f.node}"`);
    return { node, type: f.type, factor: f.type === 'slow' ? f.factor : 1, from: f.from, to: f.to };
  });
  const sim = topology.simulation ?? {};
  return {
    name: topology.name ?? '',
    seed: sim.seed ?? DEFAULTS.simulation.seed,
    duration: sim.duration ?? DEFAULTS.simulation.duration,
    maxEvents: sim.maxEvents ?? DEFAULTS.simulation.maxEvents,
    nodes,
    edges,
    faults,
    nodeIndex,
  };
}

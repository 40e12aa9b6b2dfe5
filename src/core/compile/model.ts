/**
 * The runnable model the simulator executes: a topology with every default resolved (from
 * `DEFAULTS`), every edge kind explicit, nodes and edges numbered, and adjacency lists per purpose.
 * Built once per run by `compileTopology`; the engine never reads the document again.
 */
import type { NodeKind } from '../schema/nodes';
import type { EdgeKind } from '../rules/edges';
import type { ResolvedBackoff } from '../sim/backoff';
import type { Sampler } from '../sim/distributions';

/** A retry policy with defaults resolved. `maxAttempts` is Infinity for a queue without `retry`. */
export interface ResolvedRetry {
  maxAttempts: number;
  /** null: no delay between attempts. */
  backoff: ResolvedBackoff | null;
}

export interface CompiledMessageSpec {
  type: string;
  category: 'event' | 'command';
  /** Fixed key, or null. */
  key: string | null;
  /** n keys k0…k{n−1} drawn uniformly; 0 when not used. */
  keys: number;
  /** Routing keys cycled in order (one entry when a single string). */
  routingKeys: string[];
}

export interface CompiledStream extends CompiledMessageSpec {
  rate: number;
  arrival: 'poisson' | 'constant';
  start: number;
  /** Infinity when no count. */
  count: number;
  burst: { at: number; count: number } | null;
}

export interface CompiledEmit extends CompiledMessageSpec {
  probability: number;
  on: 'success' | 'dead-letter';
  /** Whether the emit sets its own key (otherwise it inherits the causing message's). */
  ownKey: boolean;
}

export interface CompiledFailure {
  probability: number;
  firstAttempts: number;
  types: Set<string> | null;
  keys: Set<string> | null;
}

export interface CompiledNode {
  index: number;
  id: string;
  /** The label, or the id when none: what sentences call the node. */
  name: string;
  kind: NodeKind;
  // producer
  streams: CompiledStream[];
  // topic, stream (default for groups), queue
  retry: ResolvedRetry;
  // queue
  fifo: boolean;
  visibilityTimeout: number;
  retention: number;
  /** Infinity when none. */
  capacity: number;
  overflow: 'reject' | 'drop-head';
  /** Queue without `retry`: retry without limit until retention (SQS with no redrive policy). */
  unlimitedRetry: boolean;
  // exchange
  exchangeType: 'direct' | 'topic' | 'fanout';
  // stream
  partitions: number;
  // webhook
  schedule: number[];
  timeout: number;
  // consumer, projection
  concurrency: number;
  processing: Sampler;
  failure: CompiledFailure | null;
  ackLoss: number;
  idempotent: boolean;
  emits: CompiledEmit[];
  readRate: number;
  // deadletter
  redriveAt: number[];
  /** Outgoing edges, in document order. */
  out: number[];
  /** Incoming edges, in document order. */
  in: number[];
}

export interface CompiledEdge {
  index: number;
  id: string;
  from: number;
  to: number;
  kind: EdgeKind;
  latency: Sampler | null;
  /** Types that pass; null = all. */
  filter: Set<string> | null;
  bindingKey: string;
  group: string;
  /** group edges: the group's policy (edge's own, else the stream's). */
  retry: ResolvedRetry | null;
}

export interface CompiledFault {
  node: number;
  type: 'down' | 'slow';
  factor: number;
  from: number;
  to: number;
}

export interface CompiledModel {
  name: string;
  seed: number;
  duration: number;
  maxEvents: number;
  nodes: CompiledNode[];
  edges: CompiledEdge[];
  faults: CompiledFault[];
  nodeIndex: Map<string, number>;
}

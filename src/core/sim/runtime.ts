/**
 * Per-node and per-path runtime records the engine keeps while a run is going. Plain objects, one
 * per node or path (not per message), so the hot path touches a handful of fields.
 */
import type { ResolvedRetry } from '../compile/model';
import type { Rng } from './prng';
import { Bitset, IntDeque, SampleList } from './collections';

/** Counters every node may carry; the result picks the ones that apply to its kind. */
export interface NodeStats {
  published: number;
  rejected: number;
  received: number;
  processed: number;
  failed: number;
  acked: number;
  abandoned: number;
  duplicatesProcessed: number;
  duplicatesSkipped: number;
  outOfOrder: number;
  retried: number;
  timeouts: number;
  deadLettered: number;
  discarded: number;
  unroutable: number;
  redriven: number;
  appended: number;
  reads: number;
  staleReads: number;
  emitted: number;
  latency: SampleList;
  consistencyLag: SampleList;
}

export function newStats(): NodeStats {
  return {
    published: 0,
    rejected: 0,
    received: 0,
    processed: 0,
    failed: 0,
    acked: 0,
    abandoned: 0,
    duplicatesProcessed: 0,
    duplicatesSkipped: 0,
    outOfOrder: 0,
    retried: 0,
    timeouts: 0,
    deadLettered: 0,
    discarded: 0,
    unroutable: 0,
    redriven: 0,
    appended: 0,
    reads: 0,
    staleReads: 0,
    emitted: 0,
    latency: new SampleList(),
    consistencyLag: new SampleList(),
  };
}

export const PATH_QUEUE = 0;
export const PATH_PUSH = 1;
export const PATH_GROUP = 2;

/**
 * A path: where a delivery is handed to consumers and whose retry policy decides its fate — a queue,
 * one push edge (topic subscription, webhook endpoint, event-store subscription) or a stream group.
 * Idempotency and `failure.firstAttempts` are per path (spec, "Consumer behaviour").
 */
export interface PathRt {
  index: number;
  kind: number;
  /** The broker node whose policy decides retries and dead letters. */
  broker: number;
  /** Push edge or first group edge; −1 for a queue. */
  edge: number;
  /** Push target consumer; −1 otherwise. */
  consumer: number;
  retry: ResolvedRetry;
  /** Webhook schedule (delay before attempt i+2 is schedule[i]); null otherwise. */
  schedule: number[] | null;
  /** Webhook timeout; Infinity otherwise. */
  timeout: number;
  /** The broker's deadLetter edge, −1. */
  deadLetterEdge: number;
  processed: Bitset;
  backoffRng: Rng;
  /** A projection this path feeds (staleness tracking), −1. */
  projection: number;
  /** Queue runtime index or group runtime index; −1 for push. */
  owner: number;
}

export interface QueueRt {
  node: number;
  path: number;
  ready: IntDeque;
  /** FIFO: per message group (key id, −1 unkeyed), deliveries in flight or waiting a retry delay. */
  groupBusy: Map<number, number> | null;
  consumers: number[];
  /** The consume edge of each consumer. */
  consumeEdges: number[];
  rr: number;
  area: number;
  lastT: number;
  maxDepth: number;
  touched: boolean;
  dirty: boolean;
  nextOrder: number;
  /** Queue without `retry`: deliveries in first-enqueue order, for retention; null otherwise. */
  retention: IntDeque | null;
  /** A retention event is scheduled. */
  retentionTimer: boolean;
}

export interface PartitionRt {
  /** Delivery of this group per offset. */
  deliveries: number[];
  position: number;
  commitPos: number;
  posChangeT: number;
  /** Member index (in the group's sorted members) or −1. */
  owner: number;
  /** Delivery handed out or waiting its retry delay, −1. */
  inflight: number;
  inflightRedrive: boolean;
  /** The in-flight delivery waits out a retry delay (not handable yet). */
  waiting: boolean;
  redrive: number[];
}

export interface GroupRt {
  path: number;
  stream: number;
  name: string;
  members: number[];
  /** The group edge of each member. */
  memberEdges: number[];
  alive: boolean[];
  parts: PartitionRt[];
  lag: number;
  lagArea: number;
  lagLastT: number;
  maxLag: number;
}

export interface StreamRt {
  node: number;
  groups: number[];
  counts: number[];
  roundRobin: number;
  partitionOfKey: Map<number, number>;
}

export interface ConsumerRt {
  node: number;
  concurrency: number;
  busy: number;
  /** Push attempts waiting for a slot. */
  buffer: IntDeque;
  /** Queue runtimes it pulls from. */
  queues: number[];
  /** The consume edge of each. */
  queueEdges: number[];
  rrQueue: number;
  /** Group runtimes it is a member of. */
  groups: number[];
  /** Running attempt ids (swap-remove via the attempt's slot). */
  running: number[];
  dirty: boolean;
  processingRng: Rng;
  failureRng: Rng;
  ackRng: Rng;
  emitRng: Rng;
  /** Highest per-(sender, key) sequence processed, keyed sender·2³² + key. */
  lastSeq: Map<number, number>;
  downSince: number;
  isProjection: boolean;
}

export interface ProjectionRt {
  node: number;
  /** Keys (ids) some delivery to the projection has carried, in first-seen order. */
  keys: number[];
  keySeen: Set<number>;
  /** Per key, creation times of deliveries not yet settled, ascending. */
  pending: Map<number, number[]>;
  readRng: Rng;
}

export interface EventStoreRt {
  node: number;
  /** Per key id (−1 unkeyed): message ids in append order. */
  entities: Map<number, number[]>;
  maxVersion: number;
}

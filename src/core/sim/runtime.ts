/**
 * Per-node and per-path runtime records the engine keeps while a run is going, one per node or path
 * (not per message), so the hot path touches a handful of fields. They are classes with every field
 * declared: a checkpoint copy is made by the same constructor (see snapshot.ts), so the copy has
 * the original's hidden class and the engine's optimised code stays monomorphic after a resume.
 * Build one with `Object.assign(new X(), { …fields })`.
 */
import type { CompiledFailure, ResolvedRetry } from '../compile/model';
import type { Sampler } from './distributions';
import type { Rng } from './prng';
import { Bitset, IntDeque, SampleList } from './collections';
import { smallIntArray, type CloneContext } from './snapshot';

/** Counters every node may carry; the result picks the ones that apply to its kind. */
export class NodeStats {
  published = 0;
  rejected = 0;
  received = 0;
  processed = 0;
  failed = 0;
  acked = 0;
  abandoned = 0;
  duplicatesProcessed = 0;
  duplicatesSkipped = 0;
  outOfOrder = 0;
  retried = 0;
  timeouts = 0;
  deadLettered = 0;
  discarded = 0;
  unroutable = 0;
  redriven = 0;
  appended = 0;
  reads = 0;
  staleReads = 0;
  emitted = 0;
  latency = new SampleList();
  consistencyLag = new SampleList();
}

export function newStats(): NodeStats {
  return new NodeStats();
}

export const PATH_QUEUE = 0;
export const PATH_PUSH = 1;
export const PATH_GROUP = 2;

/**
 * A path: where a delivery is handed to consumers and whose retry policy decides its fate — a queue,
 * one push edge (topic subscription, webhook endpoint, event-store subscription) or a stream group.
 * Idempotency and `failure.firstAttempts` are per path (spec, "Consumer behaviour").
 */
export class PathRt {
  index = 0;
  kind = 0;
  /** The broker node whose policy decides retries and dead letters. */
  broker = 0;
  /** Push edge or first group edge; −1 for a queue. */
  edge = -1;
  /** Push target consumer; −1 otherwise. */
  consumer = -1;
  retry!: ResolvedRetry;
  /** Webhook schedule (delay before attempt i+2 is schedule[i]); null otherwise. */
  schedule: number[] | null = null;
  /** Webhook timeout; Infinity otherwise. */
  timeout = Infinity;
  /** The broker's deadLetter edge, −1. */
  deadLetterEdge = -1;
  processed = new Bitset();
  backoffRng!: Rng;
  /** A projection this path feeds (staleness tracking), −1. */
  projection = -1;
  /** The broker's visibility timeout (queues; Infinity otherwise), copied for the hand-out path. */
  visibilityTimeout = Infinity;
  /** Queue runtime index or group runtime index; −1 for push. */
  owner = -1;
}

export class QueueRt {
  node = 0;
  path = -1;
  ready = new IntDeque(64);
  /** FIFO: per message group (key id, −1 unkeyed), deliveries in flight or waiting a retry delay. */
  groupBusy: Map<number, number> | null = null;
  consumers: number[] = [];
  /** The consume edge of each consumer. */
  consumeEdges: number[] = [];
  rr = 0;
  area = 0;
  lastT = 0;
  /** Largest depth left by an instant before the one of `lastT` (see `maxDepthOf`). */
  maxDepth = 0;
  dirty = false;
  nextOrder = 0;
  /** Queue without `retry`: deliveries in first-enqueue order, for retention; null otherwise. */
  retention: IntDeque | null = null;
  /** A retention event is scheduled. */
  retentionTimer = false;
  /** The retention list is pruned of settled entries when it reaches this length. */
  retentionPruneAt = 64;
  /** The node's counters (the engine's `stats` entry). */
  stats!: NodeStats;
  /** The node's `capacity` (Infinity when unbounded), copied for the enqueue path. */
  capacity = Infinity;
}

export class PartitionRt {
  /**
   * Delivery of this group per offset. Only offsets from `commitPos` on are ever written again (a
   * rewind goes back to the committed position), so a checkpoint shares the entries below it.
   */
  deliveries: number[] = [];
  position = 0;
  commitPos = 0;
  posChangeT = 0;
  /** Member index (in the group's sorted members) or −1. */
  owner = -1;
  /** Delivery handed out or waiting its retry delay, −1. */
  inflight = -1;
  inflightRedrive = false;
  /** The in-flight delivery waits out a retry delay (not handable yet). */
  waiting = false;
  redrive: number[] = [];
  /** Only in a checkpoint's copy: `deliveries` is the live log (valid below `sharedLength`), this the rest as it was. */
  deliveriesTail: number[] | null = null;
  sharedLength = 0;

  /**
   * For a checkpoint: shares the partition log below the committed position and copies the rest;
   * copying that checkpoint again (to resume from it) builds a whole log. (See snapshot.ts.)
   */
  cloneForSnapshot(ctx: CloneContext): PartitionRt {
    const copy = ctx.remember(this, new PartitionRt());
    Object.assign(copy, this);
    copy.redrive = ctx.copy(this.redrive);
    const log = smallIntArray();
    if (this.deliveriesTail !== null) {
      for (let i = 0; i < this.sharedLength; i++) log.push(this.deliveries[i]!);
      for (const d of this.deliveriesTail) log.push(d);
      copy.deliveries = log;
      copy.deliveriesTail = null;
      copy.sharedLength = 0;
      ctx.bytes += 8 * log.length;
    } else {
      const shared = Math.min(this.commitPos, this.deliveries.length);
      for (let i = shared; i < this.deliveries.length; i++) log.push(this.deliveries[i]!);
      copy.deliveriesTail = log;
      copy.sharedLength = shared;
      ctx.bytes += 8 * log.length;
    }
    return copy;
  }
}

export class GroupRt {
  path = 0;
  stream = 0;
  name = '';
  members: number[] = [];
  /** The group edge of each member. */
  memberEdges: number[] = [];
  alive: boolean[] = [];
  parts: PartitionRt[] = [];
  lag = 0;
  lagArea = 0;
  lagLastT = 0;
  /** Largest lag left by an instant before the one of `lagLastT` (see `maxLagOf` in streams.ts). */
  maxLag = 0;
}

export class StreamRt {
  node = 0;
  groups: number[] = [];
  counts: number[] = [];
  roundRobin = 0;
  partitionOfKey = new Map<number, number>();
}

export class ConsumerRt {
  node = 0;
  concurrency = 1;
  busy = 0;
  /** Push attempts waiting for a slot. */
  buffer = new IntDeque(16);
  /** Queue runtimes it pulls from. */
  queues: number[] = [];
  /** The consume edge of each. */
  queueEdges: number[] = [];
  rrQueue = 0;
  /** Group runtimes it is a member of. */
  groups: number[] = [];
  /** Running attempt ids (swap-remove via the attempt's slot). */
  running: number[] = [];
  dirty = false;
  processingRng!: Rng;
  failureRng!: Rng;
  ackRng!: Rng;
  emitRng!: Rng;
  /** Highest per-(sender, key) sequence processed, keyed sender·2³² + key. */
  lastSeq = new Map<number, number>();
  downSince = -1;
  isProjection = false;
  // The node's settings the hot path reads on every attempt, copied here from the compiled model
  // (one load each instead of a walk through model.nodes).
  idempotent = false;
  processing!: Sampler;
  failure: CompiledFailure | null = null;
  ackLoss = 0;
  /** The node has `emits` (of either kind). */
  hasEmits = false;
  /** The node's counters (the engine's `stats` entry, one load away). */
  stats!: NodeStats;
}

export class ProjectionRt {
  node = 0;
  /** Keys (ids) some delivery to the projection has carried, in first-seen order. */
  keys: number[] = [];
  keySeen = new Set<number>();
  /** Per key, creation times of deliveries not yet settled, ascending. */
  pending = new Map<number, number[]>();
  readRng!: Rng;
}

export class EventStoreRt {
  node = 0;
  /** Per key id (−1 unkeyed): message ids in append order. */
  entities = new Map<number, number[]>();
  /** Per key id: the time of each append, parallel to `entities` (an event's own time is its emit). */
  appendedAt = new Map<number, number[]>();
  maxVersion = 0;
}

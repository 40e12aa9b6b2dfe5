/**
 * Builds the engine's runtime records from the compiled model: per consumer (slots, buffer, queues
 * it pulls from, its generators), per queue (ready deque, FIFO groups, retention list), per stream,
 * event store and projection, and the paths — a queue, one push edge, or a stream group — on which
 * retry policies, idempotency and `failure.firstAttempts` are kept.
 */
import type { Engine } from './engine';
import type { ResolvedRetry } from '../compile/model';
import { rngFor } from './prng';
import { Bitset, IntDeque } from './collections';
import { ConsumerRt, EventStoreRt, PATH_GROUP, PATH_PUSH, PATH_QUEUE, PathRt, ProjectionRt, QueueRt, StreamRt } from './runtime';
import { buildGroups } from './streams';

/** An event store's catch-up subscriptions deliver once (frozen: shared, never copied by checkpoints). */
const EVENT_STORE_RETRY: ResolvedRetry = Object.freeze({ maxAttempts: 1, backoff: null });

/** Creates a path: a queue, one push edge, or a stream group. */
export function newPath(e: Engine, kind: number, broker: number, edge: number, consumer: number, owner: number): PathRt {
  const m = e.model;
  const b = m.nodes[broker]!;
  const edgeObj = edge >= 0 ? m.edges[edge]! : null;
  const retry = kind === PATH_GROUP ? edgeObj!.retry! : b.kind === 'eventstore' ? EVENT_STORE_RETRY : b.retry;
  const id = kind === PATH_QUEUE ? b.id : `${b.id}/${kind === PATH_GROUP ? edgeObj!.group : edgeObj!.id}`;
  const path = Object.assign(new PathRt(), {
    index: e.paths.length,
    kind,
    broker,
    edge,
    consumer,
    retry,
    schedule: b.kind === 'webhook' ? b.schedule : null,
    timeout: b.kind === 'webhook' ? b.timeout : Infinity,
    deadLetterEdge: e.deadLetterEdge[broker]!,
    processed: new Bitset(),
    backoffRng: rngFor(e.seed, id, 'backoff'),
    projection: -1,
    owner,
    visibilityTimeout: kind === PATH_QUEUE ? b.visibilityTimeout : Infinity,
  });
  e.paths.push(path);
  return path;
}

/** Builds the runtime record of every node and path from the compiled model. */
export function buildRuntimes(e: Engine): void {
  const m = e.model;
  for (const node of m.nodes) {
    const i = node.index;
    if (node.kind === 'consumer' || node.kind === 'projection') {
      e.consumers[i] = Object.assign(new ConsumerRt(), {
        node: i,
        concurrency: node.concurrency,
        busy: 0,
        buffer: new IntDeque(16),
        queues: [],
        queueEdges: [],
        rrQueue: 0,
        groups: [],
        running: [],
        dirty: false,
        processingRng: rngFor(e.seed, node.id, 'processing'),
        failureRng: rngFor(e.seed, node.id, 'failure'),
        ackRng: rngFor(e.seed, node.id, 'ack-loss'),
        emitRng: rngFor(e.seed, node.id, 'emits'),
        lastSeq: new Map(),
        downSince: -1,
        isProjection: node.kind === 'projection',
        idempotent: node.idempotent,
        processing: node.processing,
        failure: node.failure,
        ackLoss: node.ackLoss,
        hasEmits: node.emits.length > 0,
        stats: e.stats[i]!,
      });
      if (node.kind === 'projection') {
        e.projections[i] = Object.assign(new ProjectionRt(), { node: i, readRng: rngFor(e.seed, node.id, 'reads') });
      }
    }
    if (node.kind === 'queue') {
      const q = Object.assign(new QueueRt(), {
        node: i,
        path: -1,
        ready: new IntDeque(64),
        groupBusy: node.fifo ? new Map() : null,
        consumers: [],
        consumeEdges: [],
        rr: 0,
        area: 0,
        lastT: 0,
        maxDepth: 0,
        dirty: false,
        nextOrder: 0,
        retention: node.unlimitedRetry ? new IntDeque(64) : null,
        retentionTimer: false,
        capacity: node.capacity,
        stats: e.stats[i]!,
      });
      e.queueOf[i] = e.queues.length;
      e.queues.push(q);
      q.path = newPath(e, PATH_QUEUE, i, -1, -1, e.queueOf[i]!).index;
    }
    if (node.kind === 'stream') e.streams[i] = Object.assign(new StreamRt(), { node: i, counts: Array.from({ length: node.partitions }, () => 0) });
    if (node.kind === 'eventstore') e.stores[i] = Object.assign(new EventStoreRt(), { node: i });
  }
  for (const edge of m.edges) {
    const to = m.nodes[edge.to]!;
    if (edge.kind === 'consume') {
      const q = e.queues[e.queueOf[edge.from]!]!;
      if (!q.consumers.includes(edge.to)) {
        q.consumers.push(edge.to);
        q.consumeEdges.push(edge.index);
        e.consumers[edge.to]!.queues.push(e.queueOf[edge.from]!);
        e.consumers[edge.to]!.queueEdges.push(edge.index);
      }
      if (to.kind === 'projection') e.paths[q.path]!.projection = edge.to;
    } else if ((edge.kind === 'subscribe' || edge.kind === 'endpoint') && (to.kind === 'consumer' || to.kind === 'projection')) {
      const p = newPath(e, PATH_PUSH, edge.from, edge.index, edge.to, -1);
      if (to.kind === 'projection') p.projection = edge.to;
      e.pushPathOfEdge[edge.index] = p.index;
    }
  }
  buildGroups(e);
}

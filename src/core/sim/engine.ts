/**
 * The discrete-event engine: its state, the event loop, sending messages, terminal states,
 * dead letters, redrive and retention. Producers, routing, queues, attempts, stream groups, faults
 * and projection reads live in their own modules (see README.md); the summary is in `result.ts`.
 *
 * One instant at a time: every event at time t is applied in scheduling order, then free consumer
 * slots are filled ("settle"), which may schedule more events at t (spec, "Randomness and
 * simultaneous events"). The run ends when no event that can change a delivery remains, or when the
 * trace reaches `maxEvents`.
 */
import type { CompiledModel } from '../compile/model';
import { EventHeap } from './heap';
import { rngFor, type Rng } from './prng';
import { sample } from './distributions';
import { compileTopicBinding } from './topic-match';
import { IntDeque, Bitset, SampleList } from './collections';
import { AttemptTable, DeliveryTable, MessageTable, S_ACKED, S_DEADLETTERED, S_TRANSIT } from './tables';
import * as T from './trace';
import { TraceStore } from './trace';
import {
  newStats,
  type ConsumerRt,
  type EventStoreRt,
  type GroupRt,
  type NodeStats,
  type PathRt,
  type ProjectionRt,
  type QueueRt,
  type StreamRt,
} from './runtime';
import { handleRetryReady, onVisibilityTimeout, onAttemptDone } from './consumers';
import { onWebhookTimeout } from './push';
import { settle } from './queues';
import { reassign } from './streams';
import { arrive } from './routing';
import { onRedrive, onRetention } from './settlement';
import { buildRuntimes } from './build';
import { createProducerStreams, estimateSize, onProduce, type ProducerStream } from './producers';
import { onFault } from './faults';
import { flushReads, onRead, trackInTransit, untrackStale } from './projections';
import type { CloneContext } from './snapshot';
import { getOwn } from '../util/own';

export const E_PRODUCE = 0;
export const E_ARRIVE = 1;
export const E_DONE = 2;
export const E_VT = 3;
export const E_WH_TIMEOUT = 4;
export const E_READY = 5;
export const E_FAULT = 6;
export const E_REDRIVE = 7;
export const E_READ = 8;
export const E_REASSIGN = 9;
export const E_RETENTION = 10;

/** Instant hops chained within one event before the next one waits for its own event (same time). */
const MAX_ARRIVE_DEPTH = 64;

/** Options of one engine instance. */
export interface EngineOptions {
  /** Overrides `simulation.seed`. */
  seed?: number;
  /** Overrides `simulation.duration`. */
  duration?: number;
  /** Keep trace records (default true). Without, only their count is kept. */
  trace?: boolean;
  /** Extra redrive instants per deadletter node id (the UI's redrive button). */
  redrive?: Record<string, number[]>;
  /**
   * Redrives requested while a run was on screen (the UI's button): each happens right after event
   * number `afterEvent` (0: before the first), so a replay reproduces it at the same point.
   */
  redriveAfter?: { node: string; afterEvent: number }[];
  /** A store from an earlier identical run, rewound: a replay counts its records instead of writing them. */
  traceStore?: TraceStore;
}

/** The engine's whole state. Fields are public for the sibling modules; the UI uses `Simulation`. */
export class Engine {
  readonly model: CompiledModel;
  readonly seed: number;
  readonly duration: number;
  readonly maxEvents: number;
  readonly heap = new EventHeap(4096);
  readonly trace: TraceStore;
  readonly messages: MessageTable;
  readonly deliveries: DeliveryTable;
  readonly attempts = new AttemptTable();
  /** Interned strings: message types, keys, routing keys. */
  readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  now = 0;
  /** Events that can still change a delivery (everything but projection reads). */
  foreground = 0;
  /** Time of the last change of any delivery's state: the run's `simulatedTime`. */
  lastChange = 0;
  finished = false;
  truncated = false;
  cancelled = false;
  steps = 0;

  readonly stats: NodeStats[];
  readonly down: Uint8Array;
  readonly slow: Float64Array;
  readonly paths: PathRt[] = [];
  readonly queues: QueueRt[] = [];
  readonly queueOf: Int32Array;
  readonly consumers: (ConsumerRt | null)[];
  readonly streams: (StreamRt | null)[];
  readonly groups: GroupRt[] = [];
  readonly projections: (ProjectionRt | null)[];
  readonly stores: (EventStoreRt | null)[];
  /** Push path per edge index (subscribe to consumer, endpoint), −1. */
  readonly pushPathOfEdge: Int32Array;
  /** deadLetter edge per node, −1. */
  readonly deadLetterEdge: Int32Array;
  /** alternate edge per exchange, −1. */
  readonly alternateEdge: Int32Array;
  readonly edgeRng: (Rng | null)[];
  readonly publishEdges: number[][];
  readonly bindingMatchers: ((rk: string) => boolean)[];
  readonly producerStreams: ProducerStream[] = [];
  /** Deliveries held by each deadletter node, for redrive. */
  readonly held: number[][];
  /**
   * Beside `held`, each one's latency (its dead-lettering time minus its message's creation): a
   * deadletter node's latency summarises the deliveries it still holds, so a redriven delivery is
   * sampled where it ends, once (spec: "one sample per delivery"). Float columns, not arrays: a
   * checkpoint's copy of an array of whole-number latencies would be an integer array that a
   * later fractional one turns into a double array (see snapshot.ts).
   */
  readonly heldLatency: SampleList[];
  /** Whether any keyed message exists yet (until then, no key column is read). */
  anyKeyed = false;
  /** Next sequence number per (sender, key) pair, keyed sender·2³² + key. */
  readonly senderKeyNext = new Map<number, number>();
  /** Delivery ids tracked by a projection's staleness bookkeeping. */
  readonly staleTracked = new Bitset();
  /** Queues and consumers whose slots may be fillable at the end of this instant (each at most once). */
  readonly dirtyQueues: IntDeque;
  readonly dirtyConsumers: IntDeque;
  /** Current terminal population per state, kept by transitions (cross-checked by the result). */
  readonly terminalByState = new Float64Array(16);
  /** Terminal transitions of an already-terminal delivery (must stay 0). */
  doubleTerminal = 0;
  readonly faultActive: Uint8Array;
  /** Delivery → projection it is tracked for. */
  readonly staleOwner = new Map<number, number>();
  /** Per consumer, per emit: how many were sent (routing-key lists cycle). */
  readonly emitCounters: number[][];
  /** The model has a projection (deliveries heading for one are tracked for stale reads). */
  readonly hasProjections: boolean;

  /**
   * `blank`: only the fields, with no runtimes, events or large tables — the object a checkpoint
   * copy fills in (see `cloneForSnapshot`).
   */
  constructor(model: CompiledModel, options: EngineOptions = {}, blank = false) {
    this.model = model;
    this.seed = options.seed ?? model.seed;
    this.duration = options.duration ?? model.duration;
    this.maxEvents = model.maxEvents;
    this.trace = options.traceStore ?? new TraceStore(options.trace !== false);
    this.trace.limit = this.maxEvents;
    this.stats = model.nodes.map(() => newStats());
    const [messages, deliveries] = blank ? [0, 0] : estimateSize(model, this.duration);
    this.messages = new MessageTable(messages);
    this.deliveries = new DeliveryTable(deliveries);
    // Records name deliveries; the trace reads their messages here (a checkpoint's blank copy must
    // not redirect the live run's store).
    if (!blank) this.trace.deliveries = this.deliveries;
    // Latency samples: room for this consumer's share of the expected deliveries. Pages that are
    // never written cost nothing, and growing by doubling would copy (and touch) twice the memory.
    const sinks = Math.max(1, model.nodes.filter((n) => n.kind === 'consumer' || n.kind === 'projection').length);
    for (const node of blank ? [] : model.nodes) {
      if (node.kind === 'consumer' || node.kind === 'projection') {
        this.stats[node.index]!.latency = new SampleList(Math.min(1 << 21, Math.ceil((deliveries / sinks) * 1.2) + 64));
      }
    }
    const n = model.nodes.length;
    this.down = new Uint8Array(n);
    this.slow = new Float64Array(n).fill(1);
    this.queueOf = new Int32Array(n).fill(-1);
    this.consumers = model.nodes.map(() => null);
    this.streams = model.nodes.map(() => null);
    this.projections = model.nodes.map(() => null);
    this.stores = model.nodes.map(() => null);
    this.held = model.nodes.map(() => []);
    this.heldLatency = model.nodes.map(() => new SampleList(16));
    this.pushPathOfEdge = new Int32Array(model.edges.length).fill(-1);
    this.deadLetterEdge = new Int32Array(n).fill(-1);
    this.alternateEdge = new Int32Array(n).fill(-1);
    this.faultActive = new Uint8Array(model.faults.length);
    this.dirtyQueues = new IntDeque(64);
    this.dirtyConsumers = new IntDeque(64);
    this.emitCounters = model.nodes.map(() => []);
    this.hasProjections = model.nodes.some((node) => node.kind === 'projection');
    this.edgeRng = model.edges.map((e) => (e.latency ? rngFor(this.seed, e.id, 'latency') : null));
    this.publishEdges = model.nodes.map((node) => node.out.filter((i) => model.edges[i]!.kind === 'publish'));
    this.bindingMatchers = model.edges.map((e) => {
      if (e.kind !== 'bind') return () => false;
      const ex = model.nodes[e.from]!;
      if (ex.exchangeType === 'fanout') return () => true;
      if (ex.exchangeType === 'direct') return (rk: string) => rk === e.bindingKey;
      return compileTopicBinding(e.bindingKey);
    });
    for (const e of model.edges) {
      if (e.kind === 'deadLetter' && this.deadLetterEdge[e.from] === -1) this.deadLetterEdge[e.from] = e.index;
      if (e.kind === 'alternate' && this.alternateEdge[e.from] === -1) this.alternateEdge[e.from] = e.index;
    }
    this.intern(''); // the empty routing key is string 0: the default costs no write per message
    if (!blank) {
      buildRuntimes(this);
      this.scheduleStart(options.redrive ?? {});
    }
    this.injections = (options.redriveAfter ?? [])
      .map((r) => ({ node: model.nodeIndex.get(r.node) ?? -1, after: r.afterEvent }))
      .filter((r) => r.node >= 0 && model.nodes[r.node]!.kind === 'deadletter')
      .sort((a, b) => a.after - b.after);
    if (!blank) this.injectDue();
  }

  /** For a checkpoint: a copy of every field (see snapshot.ts). */
  cloneForSnapshot(ctx: CloneContext): Engine {
    const copy = ctx.remember(this, new Engine(this.model, { traceStore: this.trace }, true));
    const fields = this as unknown as Record<string, unknown>;
    const target = copy as unknown as Record<string, unknown>;
    for (const key of Object.keys(fields)) target[key] = ctx.copy(fields[key]);
    return copy;
  }

  private readonly injections: { node: number; after: number }[];
  private nextInjection = 0;
  /** `after` of the next injection, Infinity when none is left (one comparison per event). */
  private nextInjectionStep = Infinity;

  /** Schedules the redrives requested after the current event. */
  private injectDue(): void {
    while (this.nextInjection < this.injections.length && this.injections[this.nextInjection]!.after <= this.steps) {
      this.schedule(this.now, E_REDRIVE, this.injections[this.nextInjection++]!.node, 0);
    }
    this.nextInjectionStep = this.nextInjection < this.injections.length ? this.injections[this.nextInjection]!.after : Infinity;
  }

  /** Message type names; a message's `type` indexes this table. */
  readonly types: string[] = [];
  private readonly typeIndex = new Map<string, number>();

  /** Interns a message type name. */
  internType(s: string): number {
    let id = this.typeIndex.get(s);
    if (id === undefined) {
      id = this.types.length;
      this.types.push(s);
      this.typeIndex.set(s, id);
    }
    return id;
  }

  /** Interns a string; returns its id. */
  intern(s: string): number {
    let id = this.stringIndex.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.stringIndex.set(s, id);
    }
    return id;
  }

  private scheduleStart(extraRedrive: Record<string, number[]>): void {
    const m = this.model;
    for (const node of m.nodes) {
      createProducerStreams(this, node);
      if (node.kind === 'projection' && node.readRate > 0) {
        const p = this.projections[node.index]!;
        this.heap.push(p.readRng.exponential(1 / node.readRate), E_READ, node.index, 0);
      }
      const redrives = [...node.redriveAt, ...(getOwn(extraRedrive, node.id) ?? [])].sort((a, b) => a - b);
      if (node.kind === 'deadletter') for (const at of redrives) this.schedule(at, E_REDRIVE, node.index, 0);
    }
    m.faults.forEach((f, i) => {
      this.schedule(f.from, E_FAULT, i, 0);
      this.schedule(f.to, E_FAULT, i, 1);
    });
  }

  /** Schedules a foreground event. */
  schedule(t: number, kind: number, a: number, b: number): void {
    this.foreground++;
    this.heap.push(t, kind, a, b);
  }

  // ---------------------------------------------------------------- the loop

  /**
   * Applies the next event (and, at the end of an instant, fills free slots). Returns false when the
   * run is over.
   */
  step(): boolean {
    if (this.finished) return false;
    const heap = this.heap;
    // The run ends when no event can change a delivery: no foreground event, and no retention
    // timer with a live message behind it (reads alone never extend a run).
    if ((this.foreground === 0 && !this.retentionPending()) || !heap.pop()) {
      this.finish(false);
      return false;
    }
    const kind = heap.poppedKind;
    if (kind !== E_READ && kind !== E_RETENTION) this.foreground--;
    const t = heap.poppedTime;
    if (t > this.now) this.now = t;
    this.dispatchEvent(kind, heap.poppedA, heap.poppedB);
    this.steps++;
    // The instant is over when no event is left at `now` (headTime is Infinity when none is left).
    if (heap.headTime > this.now) settle(this);
    if (this.settledCount > 0) this.releaseSettled();
    if (this.steps >= this.nextInjectionStep) this.injectDue();
    if (this.trace.length >= this.maxEvents) {
      this.finish(true);
      return false;
    }
    return true;
  }

  /** Runs events with time ≤ `time` (the UI's play to a time). */
  runUntil(time: number): void {
    while (!this.finished && !this.cancelled && this.heap.headTime <= time) {
      if (!this.step()) break;
    }
  }

  /** Runs to the end (or until `cancel`). */
  runToEnd(): void {
    while (!this.cancelled && this.step()) {
      /* the loop body is step() */
    }
  }

  private finish(truncated: boolean): void {
    this.finished = true;
    this.truncated = truncated;
    this.pendingReads = 0; // reads after the last other record are past the end of the run
    // Depth integrals stay at their last change; the result extends them to simulatedTime.
  }

  /**
   * Whether a retention timer still guards a live message. Settled entries at the head of each
   * retention list are dropped first, so a timer left behind by acked messages ends nothing.
   */
  private retentionPending(): boolean {
    const dl = this.deliveries;
    let pending = false;
    for (const q of this.queues) {
      const list = q.retention;
      if (list === null || !q.retentionTimer) continue;
      while (list.length > 0 && dl.state[list.at(0)]! >= S_ACKED) list.shift();
      if (list.length === 0) q.retentionTimer = false;
      else pending = true;
    }
    return pending;
  }

  /** Arms a queue's retention timer for the message at the head of its list (a background event). */
  armRetention(q: QueueRt, at: number): void {
    q.retentionTimer = true;
    this.heap.push(at, E_RETENTION, q.node, 0);
  }

  private dispatchEvent(kind: number, a: number, b: number): void {
    switch (kind) {
      case E_PRODUCE:
        onProduce(this, this.producerStreams[a]!, b);
        break;
      case E_ARRIVE:
        arrive(this, a, b);
        break;
      case E_DONE:
        onAttemptDone(this, a, b);
        break;
      case E_VT:
        onVisibilityTimeout(this, a, b);
        break;
      case E_WH_TIMEOUT:
        onWebhookTimeout(this, a, b);
        break;
      case E_READY:
        handleRetryReady(this, a);
        break;
      case E_FAULT:
        onFault(this, a, b === 0);
        break;
      case E_REDRIVE:
        onRedrive(this, a);
        break;
      case E_READ:
        onRead(this, a);
        break;
      case E_REASSIGN:
        reassign(this, this.groups[a]!, b);
        break;
      case E_RETENTION:
        onRetention(this, a);
        break;
    }
  }

  // ---------------------------------------------------------------- producers and sending

  /** A new message, with its per-(sender, key) sequence number. */
  createMessage(type: number, key: number, rk: number, cause: number, sender: number, category: number): number {
    const msgs = this.messages;
    const id = msgs.add(type, key, rk, this.now, cause, sender, category);
    if (key >= 0) {
      this.anyKeyed = true;
      const pair = sender * 4294967296 + key;
      const next = this.senderKeyNext.get(pair) ?? 0;
      this.senderKeyNext.set(pair, next + 1);
      if (next !== 0) msgs.seq[id] = next;
    }
    return id;
  }

  // ---------------------------------------------------------------- trace records

  /**
   * Projection reads waiting to be written: a read is recorded (and counted) only once a later
   * record shows the run went on past it — reads never extend a run (spec, "Time and depth"), so
   * the reads after the last other record are dropped when the run ends. See projections.ts.
   */
  pendingReadNode = new Int32Array(16);
  pendingReadTime = new Float64Array(16);
  pendingReadLag = new Float64Array(16);
  pendingReads = 0;

  /**
   * Writes a trace record at the current time, after any pending reads, which it confirms. (No time
   * parameter: every record is written at `now`, and a number passed to a call that is not inlined
   * costs a heap allocation.) `msg` is stored only for an emit; other records read it through their
   * delivery (see trace.ts).
   */
  record(type: number, node: number, edge: number, msg: number, delivery: number, attempt: number): void {
    if (this.pendingReads > 0) flushReads(this);
    // TraceStore.push, with its counting part here so that it inlines into the hot paths.
    const trace = this.trace;
    if (trace.length >= trace.limit) return;
    if (trace.length++ < trace.stored || !trace.enabled) return;
    trace.write(this.now, type, node, edge, msg, delivery, attempt);
  }

  /** Writes a trace record carrying a number (a retry's delay) at the current time. */
  recordValue(type: number, node: number, msg: number, delivery: number, attempt: number, value: number): void {
    if (this.pendingReads > 0) flushReads(this);
    this.trace.pushValue(this.now, type, node, msg, delivery, attempt, value);
  }

  /** Sends a message on every publish edge of `sender` whose filter passes its type. */
  sendFrom(sender: number, msg: number, causeDelivery: number): void {
    const edges = this.publishEdges[sender]!;
    // The type is read only when a filter needs it: untouched table pages cost nothing.
    let type: string | null = null;
    for (let i = 0; i < edges.length; i++) {
      const e = this.model.edges[edges[i]!]!;
      if (e.filter !== null) {
        type ??= this.types[this.messages.type[msg]!]!;
        if (!e.filter.has(type)) continue;
      }
      const d = this.deliveries.add(msg, this.now);
      this.lastChange = this.now;
      this.record(T.T_PUBLISH, sender, e.index, msg, d, 0);
      this.sendOverEdge(d, e.index);
    }
    void causeDelivery;
  }

  /** Nested `arrive` calls in progress (see `sendOverEdge`). */
  private arriveDepth = 0;

  /**
   * Moves a delivery over an edge: after its latency, or at once. "At once" is a direct call, except
   * deep in a chain of them — a cycle of instant hops (a dead-letter emit that loops back to a down
   * consumer) would otherwise recurse without end within one event, past the stack and past the
   * maxEvents check; there the arrival becomes an event at the same time, so the run goes on (and
   * ends at maxEvents) step by step.
   */
  sendOverEdge(d: number, edge: number): void {
    const rng = this.edgeRng[edge];
    if (rng || this.arriveDepth >= MAX_ARRIVE_DEPTH) {
      if (rng && this.hasProjections) trackInTransit(this, d, edge);
      this.deliveries.state[d] = S_TRANSIT;
      this.deliveries.node[this.deliveries.slot[d]!] = -1;
      this.schedule(rng ? this.now + sample(this.model.edges[edge]!.latency!, rng) : this.now, E_ARRIVE, d, edge);
    } else {
      this.arriveDepth++;
      arrive(this, d, edge);
      this.arriveDepth--;
    }
  }

  /** A copy of `d`'s message as a new delivery (fan-out beyond the first match). */
  copyDelivery(d: number): number {
    const c = this.deliveries.add(this.deliveries.msg[d]!, this.now);
    return c;
  }

  // ---------------------------------------------------------------- terminal states

  /**
   * Moves a delivery to a terminal state, once. Its live slot is recycled at the end of the step
   * (code later in the same step may still read it); a dead-lettered delivery keeps its slot, since
   * a redrive sends it back.
   */
  terminate(d: number, state: number): void {
    const dl = this.deliveries;
    const prev = dl.state[d]!;
    if (prev >= S_ACKED) this.doubleTerminal++;
    dl.state[d] = state;
    this.terminalByState[state]!++;
    this.lastChange = this.now;
    if (this.staleTracked.has(d)) untrackStale(this, d);
    if (state !== S_DEADLETTERED) {
      if (this.settledCount === this.settled.length) {
        const grown = new Int32Array(this.settled.length * 2);
        grown.set(this.settled);
        this.settled = grown;
      }
      this.settled[this.settledCount++] = d;
    }
  }

  /** Deliveries settled during this step, whose live slots are recycled when it ends. */
  settled = new Int32Array(256);
  settledCount = 0;

  private releaseSettled(): void {
    const dl = this.deliveries;
    const list = this.settled;
    for (let i = 0; i < this.settledCount; i++) {
      const d = list[i]!;
      if (dl.state[d]! >= S_ACKED && dl.state[d] !== S_DEADLETTERED) dl.releaseSlot(d);
    }
    this.settledCount = 0;
  }

  // ---------------------------------------------------------------- depth bookkeeping

  /**
   * Call before the ready count of `q` changes: accumulates ∫depth dt up to now and, at the first
   * change in a new instant, takes the depth the previous changed instant left for `maxDepth` — that
   * instant is over, so its depth is final (spec: the largest depth once each instant is fully
   * processed). The depth the last instant leaves is taken by `maxDepthOf` when it is asked for.
   */
  touchQueue(q: QueueRt): void {
    const now = this.now;
    if (q.lastT !== now) {
      const depth = q.ready.length;
      if (depth > q.maxDepth) q.maxDepth = depth;
      q.area += depth * (now - q.lastT);
      q.lastT = now;
    }
  }

  markQueueDirty(q: QueueRt): void {
    if (!q.dirty) {
      q.dirty = true;
      this.dirtyQueues.push(this.queueOf[q.node]!);
    }
  }

  markConsumerDirty(node: number): void {
    const c = this.consumers[node]!;
    if (!c.dirty) {
      c.dirty = true;
      this.dirtyConsumers.push(node);
    }
  }


}

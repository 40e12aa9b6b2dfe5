/**
 * The simulator's public API, for the CLI, tests, benchmarks and the Simulate-mode UI (through a
 * Worker). A run is a pure function of (topology, seed, options): the same inputs give a
 * bit-identical result and trace.
 *
 * - `simulate(topology, options)`: one shot → `{ result, trace }`.
 * - `createSimulation(topology, options)`: a steppable run — `step()`, `runUntil(t)`, `runToEnd()`,
 *   `cancel()`, `seek(eventIndex)` (replays deterministically from the start, reusing the recorded
 *   trace), `state()` (counters, queue contents, work in flight), `redrive(nodeId)` (a new run with a
 *   redrive entry at the current time, advanced to the same event).
 */
import type { Topology } from '../schema';
import { compileTopology } from '../compile/compile';
import type { CompiledModel } from '../compile/model';
import { Engine, type EngineOptions } from './engine';
import { resumeFrom, takeCheckpoint, type EngineCheckpoint } from './checkpoints';
import { buildResult, inProgress, type SimResult } from './result';
import { describeRecord, type SentenceContext } from './sentences';
import { msgOf, readRecord, T_EMIT, TraceStore, type TraceRecord } from './trace';
import { A_RUNNING, S_ACKED, S_TRANSIT, S_DELAY, S_BUFFERED, S_INFLIGHT, S_LOG, S_READY } from './tables';
import { setOwn } from '../util/own';

export interface SimulationOptions extends Omit<EngineOptions, 'traceStore'> {
  /**
   * Keep checkpoints while the run moves forward, so that seeking backwards replays only from the
   * nearest one (default true; the one-shot `simulate` turns them off: it never seeks).
   */
  checkpoints?: boolean;
  /** Events between checkpoints at first (default 4,096; it doubles as they are thinned out). */
  checkpointInterval?: number;
}

/** Events between checkpoints at first; doubled each time the checkpoints are thinned out. */
const FIRST_CHECKPOINT_INTERVAL = 4096;
/** At most this many checkpoints are kept… */
const MAX_CHECKPOINTS = 32;
/** …holding at most about this many bytes (a run with a large live state keeps fewer). */
const CHECKPOINT_BUDGET_BYTES = 256 * 1024 * 1024;

export interface MessageInfo {
  id: number;
  type: string;
  category: 'event' | 'command';
  key: string | null;
  routingKey: string;
  created: number;
  /** Causing message id, −1. */
  cause: number;
  /** Node index of the sender. */
  sender: number;
}

export type DeliveryState = 'transit' | 'ready' | 'in-flight' | 'retry-delay' | 'buffered' | 'in-log' | 'acked' | 'dead-lettered' | 'discarded' | 'unroutable' | 'rejected';

const STATE_NAMES: Record<number, DeliveryState> = {
  0: 'transit',
  1: 'ready',
  2: 'in-flight',
  3: 'retry-delay',
  4: 'buffered',
  5: 'in-log',
  10: 'acked',
  11: 'dead-lettered',
  12: 'discarded',
  13: 'unroutable',
  14: 'rejected',
};

/** Live state of one node, for the canvas overlays and panels. */
export interface NodeState {
  kind: string;
  down: boolean;
  /** Queue: ready delivery ids in hand-out order. */
  ready?: number[];
  /** Consumer: running attempts. */
  running?: { delivery: number; msg: number; attempt: number; since: number }[];
  /** Consumer: pushed attempts waiting for a slot. */
  buffered?: number;
  /** Dead-letter node: delivery ids it holds. */
  held?: number[];
}

export interface SimulationState {
  time: number;
  eventIndex: number;
  events: number;
  finished: boolean;
  nodes: Record<string, NodeState>;
  /** Deliveries not settled yet, with where they are. */
  live: { delivery: number; msg: number; state: DeliveryState; node: number }[];
}

export interface EntityView {
  key: string;
  /** Events in append order, each with the time it was appended (after any edge latency). */
  events: (MessageInfo & { appended: number })[];
  /** The state derived by replaying them (deterministic fold). */
  state: { version: number; lastType: string | null; updatedAt: number | null; countsByType: Record<string, number> };
}

/** A steppable, seekable run. */
export class Simulation {
  readonly model: CompiledModel;
  private engine: Engine;
  private readonly options: SimulationOptions;
  private recorded: TraceStore;
  /** Checkpoints in event order; the start of the run needs none (a new engine is cheap). */
  private checkpoints: EngineCheckpoint[] = [];
  private checkpointBytes = 0;
  private checkpointInterval: number;
  private readonly checkpointing: boolean;

  constructor(
    readonly topology: Topology,
    options: SimulationOptions = {},
    model?: CompiledModel,
  ) {
    this.model = model ?? compileTopology(topology);
    this.options = options;
    this.checkpointing = options.checkpoints !== false;
    this.checkpointInterval = Math.max(1, Math.floor(options.checkpointInterval ?? FIRST_CHECKPOINT_INTERVAL));
    this.engine = new Engine(this.model, options);
    this.recorded = this.engine.trace;
  }

  /** Checkpoints held, for figures and tests: how many, at which events, about how many bytes. */
  get checkpointStats(): { count: number; events: number[]; bytes: number; interval: number } {
    return { count: this.checkpoints.length, events: this.checkpoints.map((c) => c.steps), bytes: this.checkpointBytes, interval: this.checkpointInterval };
  }

  /** Event index at which the next checkpoint is due (Infinity without checkpoints). */
  private get nextCheckpointAt(): number {
    if (!this.checkpointing) return Infinity;
    const last = this.checkpoints.at(-1)?.steps ?? 0;
    return last + this.checkpointInterval;
  }

  /** Takes a checkpoint if one is due; thins them out (every other one) past the limits. */
  private checkpointIfDue(): void {
    const e = this.engine;
    if (e.steps < this.nextCheckpointAt || e.finished) return;
    const cp = takeCheckpoint(e);
    this.checkpoints.push(cp);
    this.checkpointBytes += cp.bytes;
    while (this.checkpoints.length > MAX_CHECKPOINTS || (this.checkpointBytes > CHECKPOINT_BUDGET_BYTES && this.checkpoints.length > 1)) {
      this.checkpointInterval *= 2;
      this.checkpoints = this.checkpoints.filter((_, i) => i % 2 === 1);
      this.checkpointBytes = this.checkpoints.reduce((sum, c) => sum + c.bytes, 0);
    }
  }

  /** Steps until `stop` says so, the run ends or it is cancelled, taking checkpoints as due. */
  private advance(more: () => boolean): void {
    const e = this.engine;
    if (!this.checkpointing) {
      while (!e.cancelled && more() && e.step()) {
        /* the loop body is step() */
      }
      return;
    }
    while (!e.cancelled && more()) {
      const due = this.nextCheckpointAt;
      while (e.steps < due && !e.cancelled && more() && e.step()) {
        /* stepping */
      }
      if (e.finished) return;
      this.checkpointIfDue();
    }
  }

  /** Simulation events applied so far (the index `seek` takes). */
  get eventIndex(): number {
    return this.engine.steps;
  }
  get time(): number {
    return this.engine.now;
  }
  get finished(): boolean {
    return this.engine.finished;
  }
  /** Trace records produced so far. */
  get recordCount(): number {
    return this.engine.trace.length;
  }

  /** Applies the next event; returns the trace records it produced (empty at the end). */
  step(): TraceRecord[] {
    const before = this.engine.trace.length;
    this.engine.step();
    this.checkpointIfDue();
    const out: TraceRecord[] = [];
    if (this.engine.trace.enabled) for (let i = before; i < this.engine.trace.length; i++) out.push(this.engine.trace.get(i));
    return out;
  }

  runUntil(time: number): void {
    const e = this.engine;
    if (!this.checkpointing) e.runUntil(time);
    else this.advance(() => !e.finished && e.heap.peekTime() <= time);
  }

  runToEnd(): SimResult {
    const e = this.engine;
    if (!this.checkpointing) e.runToEnd();
    else this.advance(() => true);
    return this.result();
  }

  /**
   * Frees the run for reuse: its trace chunks go back to a pool the next run in this thread writes
   * into. The simulation must not be used afterwards (its trace is empty).
   */
  dispose(): void {
    this.engine.cancelled = true;
    this.checkpoints = [];
    this.checkpointBytes = 0;
    this.recorded.release();
    if (this.engine.trace !== this.recorded) this.engine.trace.release();
  }

  /** Stops a running `runToEnd`/`runUntil` loop at the next event (call from a callback or between chunks). */
  cancel(): void {
    this.engine.cancelled = true;
  }

  /**
   * Puts the run at `eventIndex` events. Forward: steps on. Backward: continues from the nearest
   * checkpoint at or before it (or from the start) and replays the events after it with the
   * recorded trace (the replay writes no records, it counts them), so a step back costs at most a
   * checkpoint interval of replay.
   */
  seek(eventIndex: number): void {
    if (eventIndex < this.engine.steps) {
      let from: EngineCheckpoint | undefined;
      for (const cp of this.checkpoints) if (cp.steps <= eventIndex) from = cp;
      if (from) this.engine = resumeFrom(from, this.recorded);
      else {
        this.recorded.rewind();
        this.engine = new Engine(this.model, { ...this.options, traceStore: this.recorded });
      }
    }
    const e = this.engine;
    this.advance(() => e.steps < eventIndex);
  }

  result(): SimResult {
    return buildResult(this.engine);
  }

  /** Record `index`, with its message's causation id when the message was caused by another. */
  record(index: number): TraceRecord {
    const r = this.engine.trace.get(index);
    if (r.msg >= 0) {
      const cause = this.engine.messages.causeOf(r.msg);
      if (cause >= 0) r.causation = cause;
    }
    return r;
  }

  /** The trace store (chunks are transferable to the page). */
  get trace(): TraceStore {
    return this.engine.trace;
  }

  message(id: number): MessageInfo {
    const e = this.engine;
    const m = e.messages;
    if (id < 0 || id >= m.count) throw new RangeError(`no message ${id}`);
    const key = m.keyOf(id);
    return {
      id,
      type: e.types[m.type[id]!]!,
      category: m.category[id] ? 'command' : 'event',
      key: key >= 0 ? e.strings[key]! : null,
      routingKey: e.strings[m.routingKey[id]!]!,
      created: m.created[id]!,
      cause: m.causeOf(id),
      sender: m.sender[id]!,
    };
  }

  deliveryState(delivery: number): DeliveryState {
    return STATE_NAMES[this.engine.deliveries.state[delivery]!]!;
  }

  /** Every record about a message, its deliveries and the messages it caused, in time order. */
  journey(msg: number): TraceRecord[] {
    const e = this.engine;
    const family = new Set<number>([msg]);
    const out: TraceRecord[] = [];
    // Scan the columns; build objects only for matches (a trace may hold millions of records).
    let index = 0;
    const visible = Math.min(e.trace.length, e.trace.stored);
    for (const c of e.trace.chunks) {
      for (let i = 0; i < c.length && index < visible; i++, index++) {
        const m = msgOf(c, i, e.deliveries);
        if (m < 0) continue;
        if (family.has(m)) out.push(readRecord(c, i, index, e.deliveries));
        else if (c.type[i] === T_EMIT && family.has(e.messages.causeOf(m))) {
          family.add(m);
          out.push(readRecord(c, i, index, e.deliveries));
        }
      }
    }
    return out;
  }

  sentenceContext(): SentenceContext {
    const e = this.engine;
    return {
      nodeName: (i) => this.model.nodes[i]?.name ?? `node ${i}`,
      edgeTarget: (i) => this.model.edges[i]?.to ?? -1,
      messageLabel: (id) => `${e.types[e.messages.type[id]!]} #${id}`,
      causeOf: (id) => e.messages.causeOf(id),
      maxAttempts: (edge) => maxAttemptsOver(this.model, edge),
      routingKey: (id) => e.strings[e.messages.routingKey[id]!]!,
      recordAfter: (i) => (i + 1 < e.trace.length ? e.trace.get(i + 1) : undefined),
      recordBefore: (i) => (i > 0 && i - 1 < e.trace.length ? e.trace.get(i - 1) : undefined),
    };
  }

  /** The record `index` as a sentence. */
  sentence(index: number): string {
    return describeRecord(this.record(index), this.sentenceContext());
  }

  state(): SimulationState {
    const e = this.engine;
    const nodes: Record<string, NodeState> = {};
    for (const node of this.model.nodes) {
      const s: NodeState = { kind: node.kind, down: e.down[node.index] === 1 };
      const qi = e.queueOf[node.index]!;
      if (qi >= 0) s.ready = e.queues[qi]!.ready.toArray();
      const c = e.consumers[node.index];
      if (c) {
        s.running = c.running
          .filter((a) => e.attempts.state[a] === A_RUNNING)
          .map((a) => {
            const d = e.attempts.delivery[a]!;
            return { delivery: d, msg: e.deliveries.msg[d]!, attempt: e.attempts.number[a]!, since: e.attempts.start[a]! };
          });
        s.buffered = inProgress(e, node.index) - s.running.length;
      }
      if (node.kind === 'deadletter') s.held = e.held[node.index]!.filter((d) => e.deliveries.state[d] === 11);
      setOwn(nodes, node.id, s);
    }
    const live: SimulationState['live'] = [];
    const dl = e.deliveries;
    for (let d = 0; d < dl.count; d++) {
      const st = dl.state[d]!;
      if (st >= S_ACKED) continue;
      if (st === S_TRANSIT || st === S_READY || st === S_INFLIGHT || st === S_DELAY || st === S_BUFFERED || st === S_LOG) {
        live.push({ delivery: d, msg: dl.msg[d]!, state: STATE_NAMES[st]!, node: dl.node[dl.slot[d]!]! });
      }
    }
    return { time: e.now, eventIndex: e.steps, events: e.trace.length, finished: e.finished, nodes, live };
  }

  /** An event store's entity: its events and the state derived by replaying them. */
  entity(storeId: string, key: string | null): EntityView {
    const e = this.engine;
    const idx = this.model.nodeIndex.get(storeId);
    const store = idx === undefined ? null : e.stores[idx];
    if (!store) throw new Error(`"${storeId}" is not an event store`);
    const keyId = key === null ? -1 : e.intern(key);
    const times = store.appendedAt.get(keyId) ?? [];
    const events = (store.entities.get(keyId) ?? []).map((m, i) => ({ ...this.message(m), appended: times[i]! }));
    return { key: key ?? '', events, state: replayEntity(events) };
  }

  /** Keys of an event store's entities, in first-append order. */
  entityKeys(storeId: string): (string | null)[] {
    const e = this.engine;
    const idx = this.model.nodeIndex.get(storeId);
    const store = idx === undefined ? null : e.stores[idx];
    if (!store) throw new Error(`"${storeId}" is not an event store`);
    return [...store.entities.keys()].map((k) => (k >= 0 ? e.strings[k]! : null));
  }

  /**
   * The UI's redrive button: a new simulation, advanced to the same event, in which deadletter node
   * `nodeId` redrives right after this event (recorded in its options as `redriveAfter`, so seeking
   * and replaying reproduce it). This simulation is not changed; to keep the redrive in the
   * document, add `{ "at": time }` to the node's `redrive`.
   */
  redrive(nodeId: string): Simulation {
    const idx = this.model.nodeIndex.get(nodeId);
    if (idx === undefined || this.model.nodes[idx]!.kind !== 'deadletter') throw new Error(`"${nodeId}" is not a dead-letter node`);
    const redriveAfter = [...(this.options.redriveAfter ?? []), { node: nodeId, afterEvent: this.engine.steps }];
    const next = new Simulation(this.topology, { ...this.options, redriveAfter }, this.model);
    next.seek(this.engine.steps);
    return next;
  }
}

/** The attempt budget of the path a consume, subscribe, endpoint or group edge hands out over. */
export function maxAttemptsOver(model: CompiledModel, edge: number): number {
  const e = model.edges[edge];
  if (!e) return Infinity;
  const from = model.nodes[e.from]!;
  switch (e.kind) {
    case 'consume':
      return from.retry.maxAttempts;
    case 'group':
      return e.retry?.maxAttempts ?? from.retry.maxAttempts;
    case 'subscribe':
    case 'endpoint':
      return from.kind === 'eventstore' ? 1 : from.retry.maxAttempts;
    default:
      return Infinity;
  }
}

/** Replays an entity's events into its state: version, last type, per-type counts. */
export function replayEntity(events: EntityView['events']): EntityView['state'] {
  const state: EntityView['state'] = { version: 0, lastType: null, updatedAt: null, countsByType: {} };
  for (const ev of events) {
    state.version++;
    state.lastType = ev.type;
    state.updatedAt = ev.appended;
    state.countsByType[ev.type] = (state.countsByType[ev.type] ?? 0) + 1;
  }
  return state;
}

/** A steppable run of `topology`. Throws `CompileError` for what cannot run. */
export function createSimulation(topology: Topology, options: SimulationOptions = {}): Simulation {
  return new Simulation(topology, options);
}

/** One-shot run: the result and (unless `trace: false`) the trace store. */
export function simulate(topology: Topology, options: SimulationOptions = {}): { result: SimResult; trace: TraceStore; simulation: Simulation } {
  const sim = new Simulation(topology, { checkpoints: false, ...options });
  const result = sim.runToEnd();
  return { result, trace: sim.trace, simulation: sim };
}

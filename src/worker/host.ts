/**
 * What the simulation worker does, without the Worker: `SimHost` receives {@link ToWorker} messages
 * and answers through `post`. Kept apart from `sim.worker.ts` so Vitest drives it in Node.
 *
 * Two simulations of the same (topology, seed) live here:
 * - the **runner** computes the whole run with its trace, in time-boxed slices (about 40 ms each,
 *   then it yields to the event loop so `cancel` and state requests get through), streaming records
 *   to the page as transferable columns in blocks the page keeps without copying;
 * - the **cursor** (no trace) answers "counters and contents at step k": it seeks there — forward
 *   by stepping, backward from the engine's nearest checkpoint by deterministic replay — and returns `result()` plus a slim
 *   `state()`. Counters therefore come from the very function the CLI prints, so the last step shows
 *   exactly `fanout simulate --json`'s numbers.
 */
import type { Topology } from '../core/schema';
import { createSimulation, msgOf, type DeliveryMessages, type Simulation, type TraceChunk, CHUNK_SIZE, TRACE_TYPES } from '../core/sim';
import type { FromWorker, NodeLiveState, RecordBlock, RunEdgeInfo, ToWorker, TraceSlice } from './protocol';
import { sliceBuffers, TRACE_BLOCK, TRACE_BLOCK_MASK } from './protocol';

const NONE16 = 0xffff;
const T_RETRY = TRACE_TYPES.indexOf('retry');
const T_EMIT = TRACE_TYPES.indexOf('emit');
const T_READ = TRACE_TYPES.indexOf('read');

export interface HostEnvironment {
  post(message: FromWorker, transfer?: ArrayBuffer[]): void;
  /** Schedules the next slice (setTimeout 0 in a worker; tests may run it synchronously). */
  later(fn: () => void): void;
  now(): number;
}

/** How long one computing slice may hold the worker before it yields. */
export const SLICE_BUDGET_MS = 40;

class Run {
  readonly runner: Simulation;
  readonly cursor: Simulation;
  cancelled = false;
  done = false;
  posted = 0;
  messagesPosted = 0;
  maxMsg = -1;
  steps = 0;
  stepEnds: number[] = [];
  stepEvents: number[] = [];
  /** Engine event index after step k (k = 1…steps). */
  readonly allStepEvents: number[] = [0];
  readonly strings: string[] = [];
  readonly stringIds = new Map<string, number>();
  stringsPosted = 0;
  started: number;

  constructor(
    readonly id: number,
    topology: Topology,
    seed: number,
    now: number,
  ) {
    // The runner only moves forward: no checkpoints. The cursor seeks back and forth (steps back,
    // log clicks, the scrubber): it keeps them, so going back replays from the nearest one.
    this.runner = createSimulation(topology, { seed, trace: true, checkpoints: false });
    this.cursor = createSimulation(topology, { seed, trace: false });
    this.started = now;
  }

  intern(s: string | null): number {
    if (s === null) return -1;
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.stringIds.set(s, id);
    }
    return id;
  }
}

export class SimHost {
  private run: Run | null = null;

  constructor(private readonly env: HostEnvironment) {}

  handle(message: ToWorker): void {
    switch (message.type) {
      case 'start':
        this.start(message.runId, message.topology, message.seed);
        return;
      case 'cancel':
        if (this.run?.id === message.runId) this.run.cancelled = true;
        return;
      case 'state':
        this.answerState(message.runId, message.requestId, message.step);
        return;
      case 'entity':
        this.answerEntity(message);
        return;
    }
  }

  private start(runId: number, topology: Topology, seed: number) {
    if (this.run) this.run.cancelled = true;
    let run: Run;
    try {
      run = new Run(runId, topology, seed, this.env.now());
    } catch (error) {
      this.env.post({ type: 'error', runId, where: 'start', message: errorText(error) });
      return;
    }
    this.run = run;
    const model = run.runner.model;
    const ctx = run.runner.sentenceContext();
    const edges: RunEdgeInfo[] = model.edges.map((e, i) => {
      const max = ctx.maxAttempts(i);
      return { id: e.id, from: e.from, to: e.to, kind: e.kind, maxAttempts: Number.isFinite(max) ? max : null, latency: e.latency !== null };
    });
    this.env.post({
      type: 'compiled',
      runId,
      name: topology.name ?? '',
      maxEvents: model.maxEvents,
      nodes: model.nodes.map((n) => ({ id: n.id, name: n.name, kind: n.kind })),
      edges,
    });
    this.env.later(() => this.compute(run));
  }

  private compute(run: Run) {
    if (run !== this.run) return;
    const sim = run.runner;
    try {
      const deadline = this.env.now() + SLICE_BUDGET_MS;
      let n = 0;
      while (!sim.finished && !run.cancelled) {
        const before = sim.recordCount;
        sim.step();
        if (sim.recordCount > before) {
          run.steps++;
          run.stepEnds.push(sim.recordCount);
          run.stepEvents.push(sim.eventIndex);
          run.allStepEvents.push(sim.eventIndex);
        }
        if ((++n & 127) === 0 && this.env.now() >= deadline) break;
      }
      // Events after the last record (work that outlived a webhook's timeout still finishes and is
      // counted, but writes no record) belong to the last step: its counters are then the end of
      // the run, the CLI's numbers.
      if (sim.finished && run.steps > 0) run.allStepEvents[run.steps] = sim.eventIndex;
      this.flush(run);
      if (sim.finished || run.cancelled) {
        run.done = true;
        this.env.post({
          type: 'done',
          runId: run.id,
          result: sim.result(),
          steps: run.steps,
          records: sim.recordCount,
          cancelled: run.cancelled && !sim.finished,
          computeMs: this.env.now() - run.started,
        });
        return;
      }
    } catch (error) {
      this.env.post({ type: 'error', runId: run.id, where: 'run', message: errorText(error) });
      run.done = true;
      return;
    }
    this.env.later(() => this.compute(run));
  }

  /** Posts the records, steps and messages produced since the last post. */
  private flush(run: Run) {
    const sim = run.runner;
    const start = run.posted;
    const end = sim.recordCount;
    if (end === start && run.stepEnds.length === 0) return;
    const count = end - start;
    const slice: TraceSlice = {
      start,
      count,
      blocks: [],
      stepRecordEnd: Int32Array.from(run.stepEnds),
      stepEvent: Int32Array.from(run.stepEvents),
      messageStart: run.messagesPosted,
      msgType: new Int32Array(0),
      msgKey: new Int32Array(0),
      msgRoutingKey: new Int32Array(0),
      msgCreated: new Float64Array(0),
      msgCause: new Int32Array(0),
      msgSender: new Int32Array(0),
      msgCommand: new Uint8Array(0),
      newStrings: [],
    };
    // Whole blocks from their first record: a block begun in an earlier slice is sent again, longer
    // (at most TRACE_BLOCK records copied twice here), so the page only swaps references.
    for (let first = start - (start & TRACE_BLOCK_MASK); first < end; first += TRACE_BLOCK) {
      const last = Math.min(end, first + TRACE_BLOCK);
      const block = newBlock(first, last - first);
      for (let i = first; i < last; ) {
        const chunk: TraceChunk = sim.trace.chunks[Math.floor(i / CHUNK_SIZE)]!;
        const from = i % CHUNK_SIZE;
        const to = Math.min(CHUNK_SIZE, from + (last - i));
        copyColumns(chunk, from, to, block, i - first, sim.trace.deliveries);
        i += to - from;
      }
      for (let k = Math.max(start, first) - first; k < last - first; k++) if (block.msg[k]! > run.maxMsg) run.maxMsg = block.msg[k]!;
      slice.blocks.push(block);
    }
    const firstMsg = run.messagesPosted;
    const lastMsg = run.maxMsg;
    const n = Math.max(0, lastMsg - firstMsg + 1);
    if (n > 0) {
      slice.msgType = new Int32Array(n);
      slice.msgKey = new Int32Array(n);
      slice.msgRoutingKey = new Int32Array(n);
      slice.msgCreated = new Float64Array(n);
      slice.msgCause = new Int32Array(n);
      slice.msgSender = new Int32Array(n);
      slice.msgCommand = new Uint8Array(n);
      for (let k = 0; k < n; k++) {
        const m = sim.message(firstMsg + k);
        slice.msgType[k] = run.intern(m.type);
        slice.msgKey[k] = run.intern(m.key);
        slice.msgRoutingKey[k] = run.intern(m.routingKey);
        slice.msgCreated[k] = m.created;
        slice.msgCause[k] = m.cause;
        slice.msgSender[k] = m.sender;
        slice.msgCommand[k] = m.category === 'command' ? 1 : 0;
      }
      run.messagesPosted = lastMsg + 1;
    }
    slice.newStrings = run.strings.slice(run.stringsPosted);
    run.stringsPosted = run.strings.length;
    run.posted = end;
    run.stepEnds = [];
    run.stepEvents = [];
    this.env.post({ type: 'progress', runId: run.id, slice }, sliceBuffers(slice));
  }

  private cursorAt(run: Run, step: number): Simulation {
    const target = run.allStepEvents[Math.max(0, Math.min(step, run.steps))]!;
    run.cursor.seek(target);
    return run.cursor;
  }

  private answerState(runId: number, requestId: number, step: number) {
    const run = this.run;
    if (!run || run.id !== runId) return;
    try {
      const t0 = this.env.now();
      const sim = this.cursorAt(run, step);
      const state = sim.state();
      // No prototype: a node id "__proto__" is a key like any other (it survives postMessage).
      const nodes = Object.create(null) as Record<string, NodeLiveState>;
      for (const [id, s] of Object.entries(state.nodes)) {
        const live: NodeLiveState = { down: s.down };
        if (s.ready) live.ready = s.ready.length;
        if (s.running) live.running = s.running.length;
        if (s.buffered !== undefined) live.buffered = s.buffered;
        if (s.held) live.held = s.held.length;
        nodes[id] = live;
      }
      const result = sim.result();
      this.env.post({ type: 'state', runId, requestId, step, time: sim.time, result, nodes, costMs: this.env.now() - t0 });
    } catch (error) {
      this.env.post({ type: 'error', runId, where: 'state', message: errorText(error) });
    }
  }

  private answerEntity(message: Extract<ToWorker, { type: 'entity' }>) {
    const run = this.run;
    if (!run || run.id !== message.runId) return;
    try {
      const sim = this.cursorAt(run, message.step);
      const keys = sim.entityKeys(message.storeId);
      const key = message.key !== null && keys.includes(message.key) ? message.key : (keys[0] ?? null);
      const view = keys.length > 0 ? sim.entity(message.storeId, key) : null;
      this.env.post({
        type: 'entity',
        runId: run.id,
        requestId: message.requestId,
        answer: {
          storeId: message.storeId,
          keys,
          key,
          events: view ? view.events.map((e) => ({ id: e.id, type: e.type, created: e.created, appended: e.appended, cause: e.cause })) : [],
          state: view ? view.state : null,
        },
      });
    } catch (error) {
      this.env.post({ type: 'error', runId: run.id, where: 'entity', message: errorText(error) });
    }
  }
}

function newBlock(first: number, n: number): RecordBlock {
  return {
    first,
    t: new Float64Array(n),
    type: new Uint8Array(n),
    node: new Int32Array(n),
    edge: new Int32Array(n),
    msg: new Int32Array(n),
    delivery: new Int32Array(n),
    attempt: new Uint16Array(n),
    value: new Float64Array(n),
  };
}

function copyColumns(c: TraceChunk, from: number, to: number, s: RecordBlock, at: number, deliveries: DeliveryMessages) {
  s.type.set(c.type.subarray(from, to), at);
  s.delivery.set(c.delivery.subarray(from, to), at);
  s.attempt.set(c.attempt.subarray(from, to), at);
  const times = c.times;
  const timeIndex = c.timeIndex;
  for (let i = from, j = at; i < to; i++, j++) {
    s.t[j] = times[timeIndex[i]!]!;
    const node = c.node[i]!;
    const edge = c.edge[i]!;
    const type = c.type[i]!;
    s.node[j] = node === NONE16 ? -1 : node;
    s.msg[j] = msgOf(c, i, deliveries);
    const carriesValue = type === T_RETRY || type === T_READ;
    s.edge[j] = carriesValue || type === T_EMIT || edge === NONE16 ? -1 : edge;
    s.value[j] = carriesValue && edge !== NONE16 ? c.values[edge]! : NaN;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The Simulate-mode controller: the one place that joins the editor-mode machine, the run-control
 * machine, the simulation worker and the store's `simulation` slice. Components call its methods
 * (play, step, seek…) and read the store; the trace (too large for the store) is read from
 * `controller.trace` and announced through `subscribe`.
 *
 * Where step/back/seek are served (the choice the issue asks for): positions, times, the event log,
 * journeys and moving messages come from the trace already on the page (`TraceView`); node
 * counters come from the worker's cursor simulation at that step (`result()` + `state()`), so they
 * are the CLI's own numbers. Requests are coalesced (one in flight, the latest wins), so scrubbing
 * never queues work. Figures in src/ui/simulate/README.md.
 */
import { createActor } from 'xstate';
import { validateTopology } from '../../core/validate';
import type { Topology } from '../../core/schema';
import { DEFAULTS } from '../../core/schema/defaults';
import type { SimResult } from '../../core/sim';
import { editorModeMachine } from '../../machines/editor-mode';
import { runControlMachine, type RunControlEvent } from '../../machines/runControl';
import { emptyIdMap, IDLE_SIMULATION, type FanoutStore, type NodeOverlay, type SimulationSlice } from '../../state/store';
import type { EntityAnswer, FromWorker, ToWorker } from '../../worker/protocol';
import { overlayFor } from './counters';
import { TraceView } from './trace-view';
import { changesRun } from './run-relevance';

/** What the controller needs of a Worker (a fake in unit tests). */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** While a run streams in, the UI hears about new steps at most this often (ms). */
export const ANNOUNCE_MS = 150;
/**
 * While playing, node counters are asked of the worker at most this often (ms, animation clock).
 * Each answer re-renders every node's counters: once per frame it doubled the React commits of
 * playing; ten times a second is as fast as anyone reads a counter. Paused, stepping or at the end,
 * counters are asked for at once, so they always settle on the CLI's numbers.
 */
export const STATE_PLAY_INTERVAL_MS = 100;
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 100;

export type EnterOutcome = { ok: true } | { ok: false; errors: string[] };

export class SimulationController {
  trace: TraceView | null = null;
  /** The final result of the computed run (null until done). */
  finalResult: SimResult | null = null;
  /** The result at the step the overlays show (changes with the store's `simulation.overlayStep`). */
  resultAtStep: SimResult | null = null;
  computeMs = 0;
  /** Cost of the last state answer in the worker (ms), for the README's figures. */
  lastStateCostMs = 0;
  private worker: WorkerLike | null = null;
  private lastAnnounce = 0;
  private runId = 0;
  private runDocument: Topology | null = null;
  /** The notice of the last refused Simulate or Re-run, taken down once a run starts. */
  private refusal: number | null = null;
  private requestSeq = 0;
  private stateInFlight = false;
  /** A state request held back while playing (see STATE_PLAY_INTERVAL_MS), and when the last went. */
  private statePending = false;
  private lastStateAt = -Infinity;
  private entityWaiters = new Map<number, (answer: EntityAnswer) => void>();
  private listeners = new Set<() => void>();
  private version = 0;
  private frame = 0;
  private lastFrameAt = 0;
  private clock = 0;
  private readonly mode = createActor(editorModeMachine).start();
  private readonly control = createActor(runControlMachine).start();
  private readonly unsubscribeStore: () => void;

  constructor(
    private readonly store: FanoutStore,
    private readonly createWorker: () => WorkerLike,
    private readonly scheduler: { request(fn: (now: number) => void): number; cancel(id: number): void } = {
      request: (fn) => requestAnimationFrame(fn),
      cancel: (id) => cancelAnimationFrame(id),
    },
  ) {
    this.control.subscribe((snapshot) => {
      this.set({ player: snapshot.value as SimulationSlice['player'] });
    });
    this.unsubscribeStore = store.subscribe((s, prev) => {
      if (s.document === prev.document || s.simulation.mode !== 'simulate') return;
      // A new seed in the document (typed in the inspector, or a design loaded over this one)
      // replaces the Seed field's: the next run is the document's.
      const seed = s.document.simulation?.seed ?? 1;
      if (seed !== (prev.document.simulation?.seed ?? 1) && seed !== s.simulation.seed) this.set({ seed });
      if (this.runDocument && !this.store.getState().simulation.outOfDate && changesRun(this.runDocument, s.document)) this.set({ outOfDate: true });
    });
  }

  // ------------------------------------------------------------------ subscription (trace changes)

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  getVersion = (): number => this.version;
  private changed() {
    this.version++;
    for (const fn of this.listeners) fn();
  }

  private get sim(): SimulationSlice {
    return this.store.getState().simulation;
  }
  private set(patch: Partial<SimulationSlice>) {
    this.store.getState().setSimulation(patch);
  }
  private send(type: RunControlEvent['type']) {
    this.control.send({ type } as RunControlEvent);
  }

  // ------------------------------------------------------------------ modes

  /** Design → Simulate: refused (with the validator's errors) while the document has errors. */
  enter(): EnterOutcome {
    const doc = this.store.getState().document;
    const errors = validateTopology(doc).filter((d) => d.severity === 'error');
    this.mode.send({ type: 'SIMULATE', hasErrors: errors.length > 0 });
    if (this.mode.getSnapshot().value !== 'simulate') {
      const list = errors.map((d) => d.message);
      this.refusal = this.store
        .getState()
        .notify(`Cannot simulate: the design has ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}:\n${list.map((m) => `• ${m}`).join('\n')}`, 'error');
      const { panels } = this.store.getState().session;
      this.store.getState().setSession({ panels: { ...panels, problems: true } });
      return { ok: false, errors: list };
    }
    this.set({ mode: 'simulate', seed: doc.simulation?.seed ?? 1, error: null });
    this.dismissRefusal();
    this.start();
    return { ok: true };
  }

  /** Simulate → Design: stops the run; the document is untouched. */
  exit(): void {
    this.stopClock();
    this.mode.send({ type: 'DESIGN' });
    this.send('RESET');
    this.cancelRun();
    this.trace = null;
    this.finalResult = null;
    this.resultAtStep = null;
    this.runDocument = null;
    const { speed, seed } = this.sim;
    this.store.getState().setSimulation({ ...IDLE_SIMULATION, speed, seed });
    this.changed();
  }

  /** Recomputes with the current document (after an edit marked the run out of date) or a new seed. */
  rerun(): void {
    if (this.sim.mode !== 'simulate') return;
    const errors = validateTopology(this.store.getState().document).filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      this.refusal = this.store.getState().notify(`Cannot re-run:\n${errors.map((d) => `• ${d.message}`).join('\n')}`, 'error');
      return;
    }
    this.dismissRefusal();
    this.start();
  }

  /** A refusal whose errors are gone must not stay up claiming them (for up to 10 s). */
  private dismissRefusal(): void {
    if (this.refusal === null) return;
    this.store.getState().dismissNotice(this.refusal);
    this.refusal = null;
  }

  /**
   * A new seed for the run. It is also the document's seed (one undoable edit), so the run a
   * teacher found with it is the one they save, share and get from the CLI; a read-only embed
   * keeps it to itself.
   */
  setSeed(seed: number): void {
    if (!Number.isSafeInteger(seed)) return;
    this.set({ seed });
    const state = this.store.getState();
    if ((state.document.simulation?.seed ?? DEFAULTS.simulation.seed) !== seed && !state.session.readOnly) {
      state.edit((d) => ({ ...d, simulation: { ...d.simulation, seed } }));
    }
    if (this.sim.mode === 'simulate') this.start();
  }

  // ------------------------------------------------------------------ the worker

  private cancelRun() {
    if (this.worker && this.sim.run === 'computing') this.worker.postMessage({ type: 'cancel', runId: this.runId });
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.crashed(event.message || 'the simulation worker stopped unexpectedly');
    };
    this.worker = worker;
    return worker;
  }

  private crashed(message: string) {
    this.stopClock();
    this.worker?.terminate();
    this.worker = null;
    this.stateInFlight = false;
    // The run's state lived in the worker: nothing of it can be shown or stepped through any more.
    this.send('RESET');
    this.trace = null;
    this.finalResult = null;
    this.resultAtStep = null;
    this.set({ run: 'error', step: 0, steps: 0, time: 0, overlayStep: -1, selectedMessage: null, nodes: emptyIdMap(), edges: emptyIdMap(), error: `The simulation stopped: ${message}. Your design is unchanged.` });
    this.changed();
    this.store.getState().notify(`The simulation stopped: ${message}. Your design is unchanged.`, 'error');
  }

  private start() {
    this.stopClock();
    this.cancelRun();
    this.send('RESET');
    const doc = this.store.getState().document;
    this.runDocument = doc;
    this.runId++;
    this.trace = null;
    this.finalResult = null;
    this.resultAtStep = null;
    this.stateInFlight = false;
    this.set({ run: 'computing', step: 0, steps: 0, time: 0, overlayStep: -1, outOfDate: false, error: null, selectedMessage: null, nodes: emptyIdMap(), edges: emptyIdMap() });
    this.changed();
    this.ensureWorker().postMessage({ type: 'start', runId: this.runId, topology: doc, seed: this.sim.seed });
  }

  /** Stops computing (the steps received so far stay playable). */
  cancel(): void {
    this.cancelRun();
  }

  private receive(m: FromWorker) {
    if (m.runId !== this.runId) return;
    switch (m.type) {
      case 'compiled':
        this.trace = new TraceView(m.nodes, m.edges, m.maxEvents + 16);
        this.lastAnnounce = 0;
        this.changed();
        this.requestState();
        return;
      case 'progress': {
        this.trace?.append(m.slice);
        // Re-render at most every ANNOUNCE_MS while a long run streams in (slices come every ~40 ms).
        const now = performance.now();
        if (now - this.lastAnnounce >= ANNOUNCE_MS) {
          this.lastAnnounce = now;
          this.set({ steps: this.trace?.steps ?? 0 });
          this.changed();
        }
        if (this.sim.overlayStep < 0) this.requestState();
        return;
      }
      case 'done':
        this.finalResult = m.result;
        this.lastAnnounce = 0;
        this.computeMs = m.computeMs;
        this.set({ run: 'done', steps: m.steps, error: m.cancelled ? 'Cancelled: the steps computed so far can be played.' : null });
        this.changed();
        if (this.pendingEnd) {
          this.pendingEnd = false;
          this.seek(m.steps, 'RUN_TO_END');
        }
        return;
      case 'state':
        this.stateInFlight = false;
        this.lastStateCostMs = m.costMs;
        this.applyState(m);
        if (m.step !== this.sim.step) this.requestState();
        return;
      case 'entity': {
        const waiter = this.entityWaiters.get(m.requestId);
        this.entityWaiters.delete(m.requestId);
        waiter?.(m.answer);
        return;
      }
      case 'error': {
        if (m.where === 'state') this.stateInFlight = false;
        const fatal = m.where === 'start' || m.where === 'run';
        const text = m.where === 'start' ? `Cannot simulate: ${m.message}` : `The simulation failed: ${m.message}. Your design is unchanged.`;
        this.set({ run: fatal ? 'error' : this.sim.run, error: text });
        if (fatal) this.store.getState().notify(text, 'error');
        return;
      }
    }
  }

  private applyState(m: Extract<FromWorker, { type: 'state' }>) {
    const trace = this.trace;
    if (!trace) return;
    const nodes = emptyIdMap<NodeOverlay>();
    const upTo = trace.recordsAt(m.step);
    trace.nodes.forEach((node, i) => {
      const overlay = overlayFor(node.kind, m.result.nodes[node.id], m.nodes[node.id]);
      if (node.kind === 'stream') {
        const blocked = trace.blockedAt(i, upTo);
        if (blocked > 0) nodes[node.id] = { counters: { ...overlay.counters, blocked }, state: 'backlog' };
        else nodes[node.id] = overlay;
      } else nodes[node.id] = overlay;
    });
    this.resultAtStep = m.result;
    // Only the store changes (readers of `resultAtStep` follow `overlayStep`): announcing a trace
    // change here re-rendered the player, log and legend a second time on every frame of play.
    this.set({ nodes, overlayStep: m.step });
  }

  private requestState() {
    if (!this.worker || this.stateInFlight || !this.trace) return;
    if (this.sim.player === 'running' && this.lastFrameAt - this.lastStateAt < STATE_PLAY_INTERVAL_MS) {
      this.statePending = true;
      return;
    }
    this.statePending = false;
    this.lastStateAt = this.lastFrameAt;
    this.stateInFlight = true;
    this.worker.postMessage({ type: 'state', runId: this.runId, requestId: ++this.requestSeq, step: this.sim.step });
  }

  /** An event store's entities at the step shown. */
  entity(storeId: string, key: string | null): Promise<EntityAnswer> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('no run'));
    const requestId = ++this.requestSeq;
    return new Promise((resolve) => {
      this.entityWaiters.set(requestId, resolve);
      worker.postMessage({ type: 'entity', runId: this.runId, requestId, step: this.sim.step, storeId, key });
    });
  }

  // ------------------------------------------------------------------ position

  /** Shows the moment after `step` steps. */
  seek(step: number, event: RunControlEvent['type'] = 'SEEK'): void {
    const trace = this.trace;
    if (!trace) return;
    const k = Math.max(0, Math.min(Math.round(step), trace.steps));
    if (event !== 'PLAY') this.send(event);
    this.set({ step: k, time: trace.timeAt(k) });
    this.requestState();
    if (event === 'SEEK' && this.atEnd(k)) this.send('END');
  }

  private atEnd(step: number): boolean {
    return this.sim.run === 'done' && this.trace !== null && step >= this.trace.steps;
  }

  stepForward(): void {
    this.stopClock();
    this.seek(this.sim.step + 1);
  }
  stepBack(): void {
    this.stopClock();
    this.seek(this.sim.step - 1);
  }
  /** Jumps over a long quiet stretch to the next step (a webhook retry hours later). */
  skipToNext(): void {
    const trace = this.trace;
    if (!trace) return;
    const now = this.sim.time;
    let k = this.sim.step + 1;
    while (k < trace.steps && trace.timeAt(k) <= now) k++;
    const playing = this.sim.player === 'running';
    this.seek(k, playing ? 'PLAY' : 'SEEK');
    this.clock = trace.timeAt(k);
  }
  runToEnd(): void {
    if (!this.trace) return;
    this.stopClock();
    this.seek(this.trace.steps, 'RUN_TO_END');
    if (this.sim.run === 'computing') this.pendingEnd = true;
  }
  private pendingEnd = false;

  reset(): void {
    this.stopClock();
    this.pendingEnd = false;
    this.seek(0, 'RESET');
  }

  setSpeed(speed: number): void {
    this.set({ speed: Math.max(MIN_SPEED, Math.min(MAX_SPEED, speed)) });
  }

  selectMessage(id: number | null): void {
    this.set({ selectedMessage: id });
  }

  // ------------------------------------------------------------------ playing

  play(): void {
    if (!this.trace) return;
    if (this.sim.player === 'finished' || this.atEnd(this.sim.step)) this.seek(0, 'PLAY');
    this.send('PLAY');
    this.clock = this.sim.time;
    this.lastFrameAt = 0;
    this.stopClock();
    this.frame = this.scheduler.request(this.tick);
  }

  pause(): void {
    this.stopClock();
    this.send('PAUSE');
    if (this.statePending) this.requestState();
  }

  togglePlay(): void {
    if (this.sim.player === 'running') this.pause();
    else this.play();
  }

  private stopClock() {
    if (this.frame) this.scheduler.cancel(this.frame);
    this.frame = 0;
  }

  private tick = (now: number) => {
    this.frame = 0;
    const trace = this.trace;
    if (!trace || this.sim.player !== 'running') return;
    const dt = this.lastFrameAt === 0 ? 0 : Math.min(0.1, (now - this.lastFrameAt) / 1000);
    this.lastFrameAt = now;
    const lastKnown = trace.timeAt(trace.steps);
    this.clock = Math.min(this.clock + dt * this.sim.speed, Math.max(lastKnown, this.clock));
    const target = trace.stepAtTime(this.clock);
    if (target > this.sim.step) this.seek(target, 'PLAY');
    if (this.sim.time !== this.clock && target === this.sim.step) this.set({ time: Math.max(this.sim.time, Math.min(this.clock, lastKnown)) });
    if (this.atEnd(this.sim.step)) {
      this.send('END');
      if (this.statePending) this.requestState();
      return;
    }
    if (this.statePending) this.requestState();
    this.frame = this.scheduler.request(this.tick);
  };

  /**
   * Stops the clock and the worker. The controller stays usable (a new worker starts on demand):
   * React's StrictMode unmounts and remounts effects once in development.
   */
  dispose(): void {
    this.stopClock();
    this.worker?.terminate();
    this.worker = null;
    this.stateInFlight = false;
  }

  /** Also detaches from the store (tests). */
  destroy(): void {
    this.dispose();
    this.unsubscribeStore();
    this.mode.stop();
    this.control.stop();
  }
}

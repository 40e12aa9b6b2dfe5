import { describe, expect, it } from 'vitest';
import { createFanoutStore } from '../../state/store';
import { SimHost } from '../../worker/host';
import type { FromWorker, ToWorker } from '../../worker/protocol';
import { SimulationController, STATE_PLAY_INTERVAL_MS, type WorkerLike } from './controller';
import { exampleTopology } from './test-support';

/** A Worker stand-in running the real host synchronously on `flush()`. */
class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  sent: ToWorker[] = [];
  terminated = false;
  private queue: (() => void)[] = [];
  private host = new SimHost({
    post: (m) => this.queue.push(() => this.onmessage?.({ data: m } as MessageEvent<FromWorker>)),
    later: (fn) => this.queue.push(fn),
    now: () => 0,
  });
  postMessage(message: ToWorker) {
    this.sent.push(message);
    this.queue.push(() => this.host.handle(message));
  }
  terminate() {
    this.terminated = true;
  }
  flush() {
    while (this.queue.length) this.queue.shift()!();
  }
  crash(message: string) {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
}

function setup(doc = exampleTopology('order-events')) {
  const store = createFanoutStore(doc);
  const workers: FakeWorker[] = [];
  const frames: ((now: number) => void)[] = [];
  const controller = new SimulationController(
    store,
    () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    { request: (fn) => frames.push(fn), cancel: () => {} },
  );
  const sim = () => store.getState().simulation;
  return { store, controller, workers, frames, sim };
}

describe('SimulationController', () => {
  it('refuses to enter Simulate while the design has errors, naming them', () => {
    const doc = exampleTopology('order-events');
    const { controller, sim, store, workers } = setup({ ...doc, edges: [...doc.edges, { id: 'bad', from: 'orders', to: 'ghost' }] });
    const outcome = controller.enter();
    expect(outcome.ok).toBe(false);
    expect(sim().mode).toBe('design');
    expect(workers).toHaveLength(0);
    expect(store.getState().session.notices.at(-1)?.message).toMatch(/^Cannot simulate: the design has 1 error:\n• .*ghost/);
    // Once the errors are fixed and Simulate starts, the refusal no longer stands.
    store.getState().edit((d) => ({ ...d, edges: d.edges.filter((e) => e.id !== 'bad') }));
    store.getState().notify('Copied 1 node', 'info');
    expect(controller.enter().ok).toBe(true);
    expect(store.getState().session.notices.map((n) => n.message)).toEqual(['Copied 1 node']);
  });

  it('steps forward and back, and the counters at the end are the run result', () => {
    const { controller, sim, workers } = setup();
    expect(controller.enter().ok).toBe(true);
    workers[0]!.flush();
    expect(sim().run).toBe('done');
    const steps = sim().steps;
    expect(steps).toBeGreaterThan(100);
    controller.stepForward();
    workers[0]!.flush();
    expect(sim()).toMatchObject({ step: 1, overlayStep: 1, player: 'paused' });
    expect(sim().nodes['orders']?.counters).toEqual({ published: 1 });
    controller.runToEnd();
    workers[0]!.flush();
    expect(sim()).toMatchObject({ step: steps, overlayStep: steps, player: 'finished' });
    expect(controller.resultAtStep).toEqual(controller.finalResult);
    expect(sim().nodes['email-dlq']?.counters?.['holds']).toBe(controller.finalResult!.nodes['email-dlq']!['held']);
    controller.stepBack();
    workers[0]!.flush();
    expect(sim()).toMatchObject({ step: steps - 1, player: 'paused' });
  });

  it('plays on the animation clock at the chosen speed and finishes at the last step', () => {
    const { controller, sim, workers, frames } = setup();
    controller.enter();
    workers[0]!.flush();
    controller.setSpeed(1000); // clamped to 100
    expect(sim().speed).toBe(100);
    controller.play();
    expect(sim().player).toBe('running');
    let now = 0;
    for (let i = 0; i < 200 && frames.length; i++) {
      now += 100;
      frames.shift()!(now);
      workers[0]!.flush();
    }
    expect(sim().player).toBe('finished');
    expect(sim().step).toBe(sim().steps);
    controller.togglePlay(); // from the end, Play starts over
    expect(sim()).toMatchObject({ player: 'running', step: 0 });
    controller.togglePlay();
    expect(sim().player).toBe('paused');
  });

  it('asks for counters at most every STATE_PLAY_INTERVAL_MS while playing, and for the exact step on pause', () => {
    const { controller, sim, workers, frames } = setup();
    controller.enter();
    workers[0]!.flush();
    controller.setSpeed(1);
    controller.play();
    const before = workers[0]!.sent.filter((m) => m.type === 'state').length;
    let now = 1000;
    for (let i = 0; i < 60 && frames.length; i++) {
      now += 16;
      frames.shift()!(now);
      workers[0]!.flush();
    }
    const asked = workers[0]!.sent.filter((m) => m.type === 'state').length - before;
    expect(asked).toBeGreaterThan(0);
    expect(asked).toBeLessThanOrEqual(Math.ceil((60 * 16) / STATE_PLAY_INTERVAL_MS) + 1);
    controller.pause();
    workers[0]!.flush();
    expect(sim().step).toBeGreaterThan(0);
    expect(sim().overlayStep).toBe(sim().step);
  });

  it('marks the run out of date when the design changes, and re-runs on request', () => {
    const { controller, sim, store, workers } = setup();
    controller.enter();
    workers[0]!.flush();
    store.getState().edit((d) => ({ ...d, name: 'changed' }));
    expect(sim().outOfDate).toBe(true);
    controller.rerun();
    expect(sim()).toMatchObject({ outOfDate: false, run: 'computing', step: 0 });
    workers[0]!.flush();
    expect(sim().run).toBe('done');
  });

  it('moving a node leaves the run current; a new seed in the document is the next run’s seed', () => {
    const { controller, sim, store, workers } = setup();
    controller.enter();
    workers[0]!.flush();
    controller.setSeed(42);
    workers[0]!.flush();
    store.getState().edit((d) => ({ ...d, nodes: d.nodes.map((n, i) => (i === 0 ? { ...n, position: { x: 999, y: 999 } } : n)) }));
    expect(sim().outOfDate).toBe(false);
    // A design with its own seed loaded over this one (or the seed typed in the inspector).
    store.getState().edit((d) => ({ ...d, simulation: { ...d.simulation, seed: 8 } }));
    expect(sim()).toMatchObject({ outOfDate: true, seed: 8 });
    controller.rerun();
    const start = workers[0]!.sent.filter((m) => m.type === 'start').at(-1);
    expect(start?.type === 'start' && start.seed).toBe(8);
  });

  it('a worker crash shows an error and keeps the design; the next run starts a new worker', () => {
    const { controller, sim, store, workers } = setup();
    const before = store.getState().document;
    controller.enter();
    workers[0]!.flush();
    expect(sim().steps).toBeGreaterThan(0);
    workers[0]!.crash('out of memory');
    expect(sim().run).toBe('error');
    expect(sim().error).toMatch(/out of memory.*design is unchanged/);
    expect(workers[0]!.terminated).toBe(true);
    // Nothing of the dead run can be stepped through: the controls have no trace to move in.
    expect(controller.trace).toBeNull();
    controller.stepForward();
    expect(sim()).toMatchObject({ step: 0, steps: 0 });
    expect(store.getState().document).toBe(before);
    controller.rerun();
    expect(workers).toHaveLength(2);
    workers[1]!.flush();
    expect(sim().run).toBe('done');
  });

  it('a new seed recomputes and is the document’s (undoably); leaving Simulate clears the overlays and keeps the seed', () => {
    const { controller, sim, workers, store } = setup();
    controller.enter();
    workers[0]!.flush();
    const seedBefore = store.getState().document.simulation?.seed;
    controller.setSeed(99);
    const start = workers[0]!.sent.filter((m) => m.type === 'start').at(-1);
    expect(start?.type === 'start' && start.seed).toBe(99);
    workers[0]!.flush();
    expect(controller.finalResult?.seed).toBe(99);
    // Saved, shared and given to the CLI with the design; the run stays current.
    expect(store.getState().document.simulation?.seed).toBe(99);
    expect(sim().outOfDate).toBe(false);
    store.temporal.getState().undo();
    expect(store.getState().document.simulation?.seed).toBe(seedBefore);
    expect(sim().seed).toBe(seedBefore);
    controller.setSeed(99);
    workers[0]!.flush();
    controller.exit();
    expect(sim()).toMatchObject({ mode: 'design', nodes: {}, seed: 99, run: 'none' });
  });
  it('in a read-only embed the Seed field reruns without touching the document', () => {
    const { controller, workers, store } = setup();
    store.getState().setSession({ readOnly: true });
    controller.enter();
    workers[0]!.flush();
    const doc = store.getState().document;
    controller.setSeed(5);
    workers[0]!.flush();
    expect(controller.finalResult?.seed).toBe(5);
    expect(store.getState().document).toBe(doc);
  });
});

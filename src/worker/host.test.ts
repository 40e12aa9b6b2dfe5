import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTopology, type Topology } from '../core/schema';
import { simulate, TRACE_TYPES } from '../core/sim';
import { SimHost } from './host';
import { TRACE_BLOCK, type FromWorker, type RecordBlock, type TraceSlice } from './protocol';

function example(name: string): Topology {
  const parsed = parseTopology(readFileSync(new URL(`../../public/examples/${name}.json`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`example ${name} does not parse`);
  return parsed.topology;
}

/** Drives a host synchronously: `later` queues, `drain` runs the queue. */
function harness(clockStep = 0) {
  const inbox: FromWorker[] = [];
  const queue: (() => void)[] = [];
  let clock = 0;
  const host = new SimHost({
    post: (m) => inbox.push(m),
    later: (fn) => queue.push(fn),
    now: () => (clock += clockStep),
  });
  const drain = () => {
    while (queue.length) queue.shift()!();
  };
  return { host, inbox, drain, queue };
}

function slices(inbox: FromWorker[]): TraceSlice[] {
  return inbox.flatMap((m) => (m.type === 'progress' ? [m.slice] : []));
}

describe('SimHost', () => {
  it('streams the same trace and result as a one-shot run', () => {
    const topology = example('order-events');
    const { host, inbox, drain } = harness(100); // every 128 steps the budget is spent: many slices
    host.handle({ type: 'start', runId: 1, topology, seed: 7 });
    drain();
    const reference = simulate(topology, { seed: 7 });
    const done = inbox.find((m) => m.type === 'done');
    expect(done?.type === 'done' && done.result).toEqual(reference.result);
    const parts = slices(inbox);
    expect(parts.length).toBeGreaterThan(2);
    let next = 0;
    for (const s of parts) {
      expect(s.start).toBe(next);
      next += s.count;
    }
    expect(next).toBe(reference.trace.length);
    // Blocks start at multiples of TRACE_BLOCK; a later slice may resend a block, longer.
    const blocks = new Map<number, RecordBlock>();
    for (const s of parts) {
      for (const b of s.blocks) {
        expect(b.first % TRACE_BLOCK).toBe(0);
        expect(b.first + b.t.length).toBeLessThanOrEqual(s.start + s.count);
        const before = blocks.get(b.first);
        if (before) expect(Array.from(b.t.subarray(0, before.t.length))).toEqual(Array.from(before.t));
        blocks.set(b.first, b);
      }
    }
    // Spot-check records against the engine's own reading.
    for (const index of [0, 1, 17, Math.floor(next / 2), TRACE_BLOCK - 1, TRACE_BLOCK, next - 1].filter((i) => i < next)) {
      const s = blocks.get(index - (index % TRACE_BLOCK))!;
      const i = index % TRACE_BLOCK;
      const r = reference.trace.get(index);
      expect({ t: s.t[i], type: TRACE_TYPES[s.type[i]!], node: s.node[i], msg: s.msg[i], delivery: s.delivery[i], attempt: s.attempt[i] }).toEqual({
        t: r.t,
        type: r.type,
        node: r.node,
        msg: r.msg,
        delivery: r.delivery,
        attempt: r.attempt,
      });
    }
    // Every message referenced by a record has its row, and the types resolve to strings.
    const strings = parts.flatMap((s) => s.newStrings);
    const messages = parts.reduce((n, s) => n + s.msgType.length, 0);
    expect(messages).toBe(reference.result.totals.published);
    expect(strings[parts[0]!.msgType[0]!]).toBe('OrderPlaced');
  });

  it('answers state at a step with the counters the run had there, backwards and forwards', () => {
    const topology = example('order-events');
    const { host, inbox, drain } = harness();
    host.handle({ type: 'start', runId: 3, topology, seed: 7 });
    drain();
    const done = inbox.find((m) => m.type === 'done');
    if (done?.type !== 'done') throw new Error('no done');
    const ask = (step: number) => {
      host.handle({ type: 'state', runId: 3, requestId: step, step });
      const answer = inbox.at(-1)!;
      if (answer.type !== 'state') throw new Error(`expected a state answer, got ${answer.type}`);
      return answer;
    };
    const end = ask(done.steps);
    expect(end.result).toEqual(done.result);
    const middle = ask(200);
    const before = ask(199);
    const again = ask(200);
    expect(again.result).toEqual(middle.result);
    expect(again.nodes).toEqual(middle.nodes);
    expect(before.time).toBeLessThanOrEqual(middle.time);
    const start = ask(0);
    expect(start.result.totals.published).toBe(0);
    // Answers for another run are not given.
    const count = inbox.length;
    host.handle({ type: 'state', runId: 99, requestId: 1, step: 1 });
    expect(inbox.length).toBe(count);
  });

  it('stops a cancelled run and reports it', () => {
    const topology = example('order-events');
    const { host, inbox, queue } = harness(100);
    host.handle({ type: 'start', runId: 5, topology, seed: 7 });
    queue.shift()!(); // one slice
    host.handle({ type: 'cancel', runId: 5 });
    while (queue.length) queue.shift()!();
    const done = inbox.find((m) => m.type === 'done');
    expect(done?.type === 'done' && done.cancelled).toBe(true);
  });

  it('reports a topology that cannot compile as an error, not a crash', () => {
    const { host, inbox } = harness();
    const broken = { ...example('order-events'), edges: [{ id: 'x', from: 'nowhere', to: 'orders' }] } as unknown as Topology;
    host.handle({ type: 'start', runId: 8, topology: broken, seed: 1 });
    expect(inbox.some((m) => m.type === 'error' && m.where === 'start')).toBe(true);
  });

  it('answers an event store entity at a step', () => {
    const topology = example('cqrs-projection');
    const store = topology.nodes.find((n) => n.kind === 'eventstore');
    if (!store) return expect.fail('the cqrs example has an event store');
    const { host, inbox, drain } = harness();
    host.handle({ type: 'start', runId: 2, topology, seed: 1 });
    drain();
    const done = inbox.find((m) => m.type === 'done');
    if (done?.type !== 'done') throw new Error('no done');
    host.handle({ type: 'entity', runId: 2, requestId: 1, step: done.steps, storeId: store.id, key: null });
    const answer = inbox.at(-1)!;
    if (answer.type !== 'entity') throw new Error(`expected entity, got ${answer.type}`);
    expect(answer.answer.keys.length).toBeGreaterThan(0);
    expect(answer.answer.state?.version).toBe(answer.answer.events.length);
  });
});

/** Runs `topology` in a host to the end and asks for the state at its last step. */
function runToLastStep(topology: Topology, seed: number) {
  const { host, inbox, drain } = harness();
  host.handle({ type: 'start', runId: 1, topology, seed });
  drain();
  const done = inbox.find((m) => m.type === 'done');
  if (done?.type !== 'done') throw new Error('no done');
  host.handle({ type: 'state', runId: 1, requestId: 1, step: done.steps });
  const answer = inbox.at(-1)!;
  if (answer.type !== 'state') throw new Error('no state');
  return { answer, done, inbox };
}

describe('SimHost: the last step is the end of the run', () => {
  it('work that finishes after the last record (past a webhook timeout) is in the last step’s counters', () => {
    const parsed = parseTopology(
      JSON.stringify({
        format: 'fanout/topology',
        version: 1,
        simulation: { seed: 3, duration: 20 },
        nodes: [
          { id: 'billing', kind: 'producer', messages: [{ type: 'InvoicePaid', rate: 1, arrival: 'constant', keys: 4 }] },
          { id: 'hooks', kind: 'webhook', schedule: [5, 600, 3600], timeout: 2 },
          { id: 'partner', kind: 'consumer', processingTime: { dist: 'lognormal', median: 0.5, p99: 3 } },
          { id: 'hook-dlq', kind: 'deadletter', redrive: [{ at: 7200 }] },
        ],
        edges: [
          { id: 'p1', from: 'billing', to: 'hooks' },
          { id: 'e', from: 'hooks', to: 'partner' },
          { id: 'd', from: 'hooks', to: 'hook-dlq', kind: 'deadLetter' },
        ],
        faults: [{ node: 'partner', type: 'down', from: 4, to: 5000 }],
      }),
    );
    if (!parsed.ok) throw new Error('invalid');
    const topology = parsed.topology;
    const { answer } = runToLastStep(topology, 3);
    const reference = simulate(topology, { seed: 3 }).result;
    expect(answer.result.nodes['partner']).toEqual(reference.nodes['partner']);
    expect(answer.result).toEqual(reference);
  });
});

describe('SimHost on every shipped example', () => {
  const names = (JSON.parse(readFileSync(new URL('../../public/examples/index.json', import.meta.url), 'utf8')) as { examples?: { file?: string; id?: string }[] } | { file?: string; id?: string }[]);
  const list = (Array.isArray(names) ? names : (names.examples ?? [])).map((e) => (e.file ?? `${e.id}.json`).replace(/\.json$/, '').replace(/^.*\//, ''));

  it('lists examples', () => expect(list.length).toBeGreaterThan(3));

  for (const name of list) {
    it(`${name}: the counters at the last step are the one-shot result`, () => {
      const topology = example(name);
      const seed = topology.simulation?.seed ?? 1;
      const { answer, done, inbox } = runToLastStep(topology, seed);
      const reference = simulate(topology, { seed }).result;
      expect(answer.result).toEqual(reference);
      expect(done.result).toEqual(reference);
      const records = slices(inbox).reduce((n, s) => n + s.count, 0);
      expect(records).toBe(reference.events);
    });
  }
});

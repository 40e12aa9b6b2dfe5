/**
 * Ids, group names, message types and keys are user text: `__proto__`, `constructor`, `toString`
 * match the spec's id pattern and must be data everywhere — never an inherited property of an object
 * used as a map (a crash, or a result whose node silently vanishes into a prototype).
 */
import { describe, expect, it } from 'vitest';
import { simulate, createSimulation } from './simulation';
import { topo } from './test-helpers';
import { parseTopology } from '../schema';
import { validateTopology } from '../validate';
import { toMermaid } from '../export/mermaid';
import { toAsyncApi } from '../export/asyncapi';
import { buildShareLink, decodeShareFragment } from '../codec/link';

const IDS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'isPrototypeOf', '__defineGetter__'];

const hostile = () =>
  topo(
    [
      { id: '__proto__', kind: 'producer', messages: [{ type: 'constructor', rate: 5, keys: 3 }, { type: '__proto__', rate: 2, key: 'toString' }] },
      { id: 'constructor', kind: 'topic' },
      { id: 'toString', kind: 'queue', retry: { maxAttempts: 2 } },
      { id: 'hasOwnProperty', kind: 'consumer', failure: { probability: 0.3 } },
      { id: 'valueOf', kind: 'stream', partitions: 2 },
      { id: 'prototype', kind: 'consumer' },
      { id: 'isPrototypeOf', kind: 'deadletter', redrive: [{ at: 5 }] },
      { id: '__defineGetter__', kind: 'consumer' },
    ],
    [
      { id: '__proto__', from: '__proto__', to: 'constructor' },
      { id: 'constructor', from: 'constructor', to: 'toString' },
      { id: 'toString', from: 'toString', to: 'hasOwnProperty' },
      { id: 'e-dl', from: 'toString', to: 'isPrototypeOf' },
      { id: 'valueOf', from: '__proto__', to: 'valueOf' },
      { id: 'g1', from: 'valueOf', to: 'prototype', group: '__proto__' },
      { id: 'g2', from: 'valueOf', to: '__defineGetter__', group: 'constructor' },
    ],
    { simulation: { seed: 3, duration: 10 } },
  );

describe('ids that name Object.prototype members', () => {
  it('validate, simulate and report every node under its own id', () => {
    const t = hostile();
    expect(validateTopology(t).filter((d) => d.severity === 'error')).toEqual([]);
    const { result } = simulate(t, { redrive: { isPrototypeOf: [7] } });
    expect(Object.keys(result.nodes).sort()).toEqual([...IDS].sort());
    for (const id of IDS) expect(Object.hasOwn(result.nodes, id), id).toBe(true);
    expect(result.nodes['__proto__']!.kind).toBe('producer');
    expect(result.nodes['constructor']!.kind).toBe('topic');
    const groups = result.nodes['valueOf']!.groups as Record<string, unknown>;
    expect(Object.keys(groups).sort()).toEqual(['__proto__', 'constructor']);
    expect(result.conservation.ok).toBe(true);
    // The JSON the CLI prints parses back to the same keys.
    expect(Object.keys((JSON.parse(JSON.stringify(result)) as { nodes: object }).nodes).sort()).toEqual([...IDS].sort());
  });

  it('state, redrive and entity views', () => {
    const sim = createSimulation(hostile());
    sim.runUntil(6);
    const state = sim.state();
    expect(Object.keys(state.nodes).sort()).toEqual([...IDS].sort());
    expect(state.nodes['toString']!.ready).toBeDefined();
    const next = sim.redrive('isPrototypeOf');
    expect(next.eventIndex).toBe(sim.eventIndex);
  });

  it('exports and share links keep them', () => {
    const t = hostile();
    expect(toMermaid(t)).toContain('constructor');
    const asyncapi = toAsyncApi(t) as { channels: Record<string, { address: string }>; operations: object };
    // Channel keys avoid Object.prototype names (the AsyncAPI parser mis-resolves them; see
    // asyncapi.ts); each channel's address is still its node's id.
    expect(Object.values(asyncapi.channels).map((c) => c.address)).toEqual(expect.arrayContaining(['constructor', 'toString', 'valueOf']));
    expect(Object.keys(asyncapi.operations)).toEqual(expect.arrayContaining(['__proto__.send.constructor', 'hasOwnProperty.receive.toString']));
    // A broker named __proto__ is a channel like any other.
    const renamed = JSON.parse(JSON.stringify(t).replaceAll('"constructor"', '"__proto__x"').replaceAll('"__proto__"', '"constructor"').replaceAll('"__proto__x"', '"__proto__"')) as typeof t;
    const channels = (toAsyncApi(renamed) as { channels: Record<string, { address: string }> }).channels;
    // Keyed so that YAML and JSON readers keep it (see asyncapi.ts); its address is the id.
    expect(Object.values(channels).map((c) => c.address)).toContain('__proto__');
    const link = buildShareLink(t, 'https://fanout.example/');
    const decoded = decodeShareFragment(link.slice(link.indexOf('#')));
    expect(decoded.ok).toBe(true);
    if (decoded.ok) expect(decoded.topology.nodes.map((n) => n.id)).toEqual(t.nodes.map((n) => n.id));
    const reparsed = parseTopology(JSON.stringify(t));
    expect(reparsed.ok).toBe(true);
  });
});

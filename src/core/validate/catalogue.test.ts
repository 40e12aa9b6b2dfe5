/**
 * Every code in the table has a topology that triggers it (so no code is dead), the table is
 * ordered by severity, and the validator scales to 10,000 nodes (figures: bench/validate.bench.ts).
 */
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, DIAGNOSTICS, validateTopology, type DiagnosticCode } from './index';
import { largeTopology } from './large-topology';
import { edge, healthy, node, producer, topology } from './test-helpers';

const { nodes: base, edges: baseEdges } = healthy();
const plus = (nodes: Record<string, unknown>[], edges: Record<string, unknown>[] = [], extra = {}) =>
  topology([...base, ...nodes], [...baseEdges, ...edges], extra);

const TRIGGERS: Record<DiagnosticCode, () => ReturnType<typeof topology>> = {
  'duplicate-node-id': () => plus([node('q', 'queue')]),
  'duplicate-edge-id': () => topology(base, [edge('p', 'q', { id: 'x' }), edge('q', 'c', { id: 'x' })]),
  'edge-unknown-node': () => plus([], [edge('q', 'nowhere')]),
  'edge-kind-not-allowed': () => plus([], [edge('p', 'c')]),
  'edge-kind-ambiguous': () => plus([node('x', 'exchange', { exchangeType: 'fanout' }), node('d', 'deadletter')], [edge('x', 'd')]),
  'edge-field-not-for-kind': () => topology(base, [edge('p', 'q', { bindingKey: 'a' }), edge('q', 'c')]),
  'missing-binding-key': () => plus([node('x', 'exchange', { exchangeType: 'direct' }), node('q2', 'queue')], [edge('x', 'q2')]),
  'missing-group': () => plus([node('s', 'stream')], [edge('s', 'c')]),
  'producer-no-outlet': () => plus([producer('p2')]),
  'consumer-no-inlet': () => plus([node('c2', 'consumer')]),
  'fault-unknown-node': () => plus([], [], { faults: [{ node: 'x', type: 'down', from: 0, to: 1 }] }),
  'fault-wrong-kind': () => plus([], [], { faults: [{ node: 'q', type: 'slow', factor: 2, from: 0, to: 1 }] }),
  'nothing-to-simulate': () => topology([node('q', 'queue'), node('c', 'consumer')], [edge('q', 'c')]),
  'duplicate-edge': () => plus([], [edge('q', 'c')]),
  'queue-unconsumed': () => plus([node('q2', 'queue')], [edge('p', 'q2')]),
  'stream-unread': () => plus([node('s', 'stream')], [edge('p', 's')]),
  'no-receivers': () => plus([node('t', 'topic')], [edge('p', 't')]),
  'unroutable-messages': () =>
    topology(
      [producer('p', [{ type: 'T', rate: 1, routingKey: 'b' }]), node('x', 'exchange', { exchangeType: 'direct' }), node('q', 'queue'), node('c', 'consumer')],
      [edge('p', 'x'), edge('x', 'q', { bindingKey: 'a' }), edge('q', 'c')],
    ),
  'retry-without-deadletter': () => topology([producer('p'), node('q', 'queue', { retry: { maxAttempts: 2 } }), node('c', 'consumer')], baseEdges),
  'deadletter-edge-unused': () => plus([node('d', 'deadletter')], [edge('q', 'd')]),
  'command-many-handlers': () =>
    topology(
      [producer('p', [{ type: 'Do', category: 'command', rate: 1 }]), node('q', 'queue'), node('c', 'consumer'), node('q2', 'queue'), node('c2', 'consumer')],
      [...baseEdges, edge('p', 'q2'), edge('q2', 'c2')],
    ),
  'emit-cycle': () => topology([producer('p'), node('q', 'queue'), node('c', 'consumer', { emits: [{ type: 'X' }] })], [...baseEdges, edge('c', 'q')]),
  'count-not-reached': () => topology([producer('p', [{ type: 'T', rate: 1, count: 1000 }]), node('q', 'queue'), node('c', 'consumer')], baseEdges),
  'messages-after-duration': () => topology([producer('p', [{ type: 'T', rate: 1, start: 100 }]), node('q', 'queue'), node('c', 'consumer')], baseEdges),
  'redrive-without-source': () => plus([node('d', 'deadletter', { redrive: [{ at: 1 }] })]),
  'emits-without-outlet': () => topology([producer('p'), node('q', 'queue'), node('c', 'consumer', { emits: [{ type: 'X' }] })], baseEdges),
  'visibility-timeout-short': () => topology([producer('p'), node('q', 'queue', { visibilityTimeout: 1 }), node('c', 'consumer', { processingTime: 2 })], baseEdges),
  'queue-overloaded': () => topology([producer('p', [{ type: 'T', rate: 20 }]), node('q', 'queue'), node('c', 'consumer')], baseEdges),
  'producer-no-messages': () => plus([producer('p2', [])], [edge('p2', 'q')]),
  'filter-empty': () => topology(base, [edge('p', 'q', { filter: { types: [] } }), edge('q', 'c')]),
  'idle-group-members': () => plus([node('s', 'stream'), node('c2', 'consumer')], [edge('p', 's'), edge('s', 'c', { group: 'g' }), edge('s', 'c2', { group: 'g' })]),
  'partitions-unused': () =>
    topology([producer('p', [{ type: 'T', rate: 1, key: 'only' }]), node('s', 'stream', { partitions: 3 }), node('c', 'consumer')], [edge('p', 's'), edge('s', 'c', { group: 'g' })]),
  'binding-key-ignored': () => plus([node('x', 'exchange', { exchangeType: 'fanout' }), node('q2', 'queue')], [edge('x', 'q2', { bindingKey: 'a' })]),
  'binding-key-literal-wildcard': () => plus([node('x', 'exchange', { exchangeType: 'topic' }), node('q2', 'queue')], [edge('x', 'q2', { bindingKey: 'a*' })]),
  'binding-key-empty-word': () => plus([node('x', 'exchange', { exchangeType: 'topic' }), node('q2', 'queue')], [edge('x', 'q2', { bindingKey: 'a..b' })]),
  'binding-never-matches': () => plus([node('x', 'exchange', { exchangeType: 'direct' }), node('q2', 'queue')], [edge('p', 'x'), edge('x', 'q2', { bindingKey: 'a' })]),
  'filter-never-matches': () => topology(base, [edge('p', 'q', { filter: { types: ['Nope'] } }), edge('q', 'c')]),
  'deadletter-unconnected': () => plus([node('d', 'deadletter')]),
  'setting-ignored': () =>
    topology([producer('p'), node('t', 'topic', { retry: { maxAttempts: 3 } }), node('q', 'queue'), node('c', 'consumer')], [edge('p', 't'), edge('t', 'q'), edge('q', 'c')]),
  'no-inlet': () => plus([node('t', 'topic')]),
  'outlet-without-emits': () => plus([node('t', 'topic')], [edge('c', 't')]),
};

describe('the diagnostics table', () => {
  it.each(DIAGNOSTIC_CODES)('%s is triggered by a topology made for it', (code) => {
    const found = validateTopology(TRIGGERS[code]()).filter((d) => d.code === code);
    expect(found.length).toBeGreaterThan(0);
    for (const d of found) {
      expect(d.severity).toBe(DIAGNOSTICS[code].severity);
      expect(d.message.length).toBeGreaterThan(20);
    }
  });

  it('lists errors first, then warnings, then info, each with a title and help', () => {
    const rank = { error: 0, warning: 1, info: 2 };
    const ranks = DIAGNOSTIC_CODES.map((c) => rank[DIAGNOSTICS[c].severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const c of DIAGNOSTIC_CODES) {
      expect(DIAGNOSTICS[c].title).not.toBe('');
      expect(DIAGNOSTICS[c].help).toMatch(/\.$/);
    }
  });

  it('gives every diagnostic a path that exists in the document (or "" / a field to add)', () => {
    for (const code of DIAGNOSTIC_CODES) {
      for (const d of validateTopology(TRIGGERS[code]())) {
        expect(d.path).toMatch(/^(|nodes|(nodes|edges|faults)\[\d+\](\.[A-Za-z]+(\[\d+\])?)*)$/);
      }
    }
  });
});

describe('scale', () => {
  it('validates 10,000 nodes: no false alarms on a healthy design', () => {
    const t = largeTopology(1000);
    expect(t.nodes).toHaveLength(10_000);
    expect(validateTopology(t)).toEqual([]);
  });

  it('finds one loop through 1,000 consumers and names it', () => {
    const found = validateTopology(largeTopology(1000, { closeTheLoop: true }));
    expect(found.map((d) => d.code)).toEqual(['emit-cycle']);
    expect(found[0]!.message).toMatch(/^messages can loop without end: c0 → t1 → q1 → c1 → t2 /);
  });
});

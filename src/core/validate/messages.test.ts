import { describe, expect, it } from 'vitest';
import { stronglyConnected } from './rules/messages';
import { edge, node, producer, topology, withCode } from './test-helpers';

const command = (more: Record<string, unknown> = {}) => producer('p', [{ type: 'SendEmail', category: 'command', rate: 1, ...more }]);

describe('command-many-handlers', () => {
  it('warns when a command reaches two subscriptions of a topic, naming both paths', () => {
    const t = topology(
      [command(), node('t', 'topic'), node('q1', 'queue'), node('q2', 'queue'), node('a', 'consumer'), node('b', 'consumer')],
      [edge('p', 't'), edge('t', 'q1'), edge('t', 'q2'), edge('q1', 'a'), edge('q2', 'b')],
    );
    const [d] = withCode(t, 'command-many-handlers');
    expect(d).toMatchObject({ severity: 'warning', path: 'nodes[0].messages[0].category' });
    expect(d!.message).toContain('2 paths');
    expect(d!.message).toContain('t → q1 (a)');
    expect(d!.message).toContain('t → q2 (b)');
  });

  it('counts competing consumers on one queue as one handler', () => {
    const t = topology(
      [command(), node('q', 'queue'), node('w1', 'consumer'), node('w2', 'consumer'), node('w3', 'consumer')],
      [edge('p', 'q'), edge('q', 'w1'), edge('q', 'w2'), edge('q', 'w3')],
    );
    expect(withCode(t, 'command-many-handlers')).toEqual([]);
  });

  it('counts members of one group as one handler, and two groups as two', () => {
    const nodes = [command(), node('s', 'stream', { partitions: 2 }), node('a', 'consumer'), node('b', 'consumer')];
    const oneGroup = topology(nodes, [edge('p', 's'), edge('s', 'a', { group: 'g' }), edge('s', 'b', { group: 'g' })]);
    expect(withCode(oneGroup, 'command-many-handlers')).toEqual([]);
    const twoGroups = topology(nodes, [edge('p', 's'), edge('s', 'a', { group: 'g' }), edge('s', 'b', { group: 'h' })]);
    expect(withCode(twoGroups, 'command-many-handlers')).toHaveLength(1);
  });

  it('follows topic exchange bindings: only matching ones count, one copy per queue', () => {
    const make = (keys: string[]) =>
      topology(
        [command({ routingKey: 'email.send' }), node('x', 'exchange', { exchangeType: 'topic' }), node('q1', 'queue'), node('q2', 'queue'), node('a', 'consumer'), node('b', 'consumer')],
        [edge('p', 'x'), ...keys.map((k, i) => edge('x', i === 2 ? 'q1' : `q${i + 1}`, { bindingKey: k })), edge('q1', 'a'), edge('q2', 'b')],
      );
    expect(withCode(make(['email.*', 'sms.*']), 'command-many-handlers')).toEqual([]);
    expect(withCode(make(['email.*', '#']), 'command-many-handlers')).toHaveLength(1);
    // Two bindings of q1 both match: still one copy for q1.
    expect(withCode(make(['email.*', 'sms.*', '#']), 'command-many-handlers')).toEqual([]);
  });

  it('respects subscription and endpoint filters, and ignores events', () => {
    const nodes = [command(), node('w', 'webhook', { schedule: [] }), node('a', 'consumer'), node('b', 'consumer')];
    const filtered = topology(nodes, [edge('p', 'w'), edge('w', 'a'), edge('w', 'b', { filter: { types: ['Other'] } })]);
    expect(withCode(filtered, 'command-many-handlers')).toEqual([]);
    const both = topology(nodes, [edge('p', 'w'), edge('w', 'a'), edge('w', 'b')]);
    expect(withCode(both, 'command-many-handlers')[0]!.message).toContain('2 paths: w → a; w → b.');
    const events = topology([producer('p'), ...nodes.slice(1)], [edge('p', 'w'), edge('w', 'a'), edge('w', 'b')]);
    expect(withCode(events, 'command-many-handlers')).toEqual([]);
  });

  it('checks commands emitted by consumers too', () => {
    const t = topology(
      [producer('p'), node('q', 'queue'), node('c', 'consumer', { emits: [{ type: 'Ship', category: 'command' }] }), node('t', 'topic'), node('a', 'consumer'), node('b', 'consumer')],
      [edge('p', 'q'), edge('q', 'c'), edge('c', 't'), edge('t', 'a'), edge('t', 'b')],
    );
    expect(withCode(t, 'command-many-handlers')).toMatchObject([{ path: 'nodes[2].emits[0].category' }]);
  });
});

describe('emit-cycle', () => {
  it('names a cycle through a topic and back', () => {
    const t = topology(
      [producer('p'), node('t', 'topic'), node('a', 'consumer', { emits: [{ type: 'Ping' }] }), node('b', 'consumer', { emits: [{ type: 'Ping' }] }), node('u', 'topic')],
      [edge('p', 't'), edge('t', 'a'), edge('a', 'u'), edge('u', 'b'), edge('b', 't')],
    );
    const [d] = withCode(t, 'emit-cycle');
    expect(d).toMatchObject({ severity: 'warning' });
    expect(d!.message).toContain('a → u → b → t → a');
    expect(d!.nodeIds.sort()).toEqual(['a', 'b', 't', 'u']);
  });

  it('finds a consumer that feeds itself', () => {
    const t = topology(
      [producer('p'), node('q', 'queue'), node('c', 'consumer', { emits: [{ type: 'Again' }] })],
      [edge('p', 'q'), edge('q', 'c'), edge('c', 'q')],
    );
    expect(withCode(t, 'emit-cycle')[0]!.message).toContain('c → q → c');
  });

  it('is quiet when a filter breaks the loop, or the emit probability is 0', () => {
    const nodes = (probability: number) => [producer('p'), node('t', 'topic'), node('c', 'consumer', { emits: [{ type: 'Again', probability }] })];
    const filtered = topology(nodes(1), [edge('p', 't'), edge('t', 'c', { filter: { types: ['Ping'] } }), edge('c', 't')]);
    expect(withCode(filtered, 'emit-cycle')).toEqual([]);
    const never = topology(nodes(0), [edge('p', 't'), edge('t', 'c'), edge('c', 't')]);
    expect(withCode(never, 'emit-cycle')).toEqual([]);
    const open = topology(nodes(1), [edge('p', 't'), edge('t', 'c'), edge('c', 't')]);
    expect(withCode(open, 'emit-cycle')).toHaveLength(1);
  });

  it('names the same cycle whatever order nodes and edges are listed in', () => {
    const emits = { emits: [{ type: 'X' }] };
    const nodes = [producer('p'), node('t', 'topic'), node('u', 'topic'), node('a', 'consumer', emits), node('b', 'consumer', emits), node('c', 'consumer', emits)];
    const edges = [edge('p', 't'), edge('t', 'b'), edge('t', 'c'), edge('b', 'u'), edge('c', 'u'), edge('u', 'a'), edge('a', 't')].map((e, i) => ({ id: `e${i}`, ...e }));
    const messages = [0, 1, 2, 3].map((rotation) => {
      const rotate = <T,>(xs: T[]) => [...xs.slice(rotation), ...xs.slice(0, rotation)].reverse();
      return withCode(topology(rotate(nodes), rotate(edges)), 'emit-cycle').map((d) => d.message);
    });
    expect(messages[0]).toEqual(['messages can loop without end: a → t → b → u → a (each consumer\'s emits reach the next; a run stops only at maxEvents)']);
    for (const m of messages) expect(m).toEqual(messages[0]);
  });

  it('finds strongly connected components of a deep chain without recursion', () => {
    const n = 100_000;
    const ids = Array.from({ length: n }, (_, i) => `n${i}`);
    const components = stronglyConnected(ids, (id) => {
      const i = Number(id.slice(1));
      return [`n${(i + 1) % n}`];
    });
    expect(components).toHaveLength(1);
    expect(components[0]).toHaveLength(n);
    expect(stronglyConnected(['a', 'b', 'c'], (id) => (id === 'a' ? ['b'] : id === 'b' ? ['a'] : []))).toHaveLength(2);
  });
});

describe('filter-never-matches', () => {
  it('informs about a subscription filter naming a type no upstream sender emits', () => {
    const t = topology(
      [producer('p', [{ type: 'OrderPlaced', rate: 1 }]), node('t', 'topic'), node('c', 'consumer')],
      [edge('p', 't'), edge('t', 'c', { filter: { types: ['OrderPlaced', 'OrderPalced'] } })],
    );
    const [d] = withCode(t, 'filter-never-matches');
    expect(d).toMatchObject({ severity: 'info', path: 'edges[1].filter.types[1]' });
    expect(d!.message).toContain('OrderPalced');
    expect(d!.message).not.toContain('nothing passes');
  });

  it('says when nothing passes a publish filter', () => {
    const t = topology(
      [producer('p', [{ type: 'A', rate: 1 }]), node('q', 'queue'), node('c', 'consumer')],
      [edge('p', 'q', { filter: { types: ['B'] } }), edge('q', 'c')],
    );
    expect(withCode(t, 'filter-never-matches')[0]!.message).toContain('nothing passes');
  });

  it('follows types through brokers and earlier filters', () => {
    const t = topology(
      [producer('p', [{ type: 'A', rate: 1 }, { type: 'B', rate: 1 }]), node('t', 'topic'), node('es', 'eventstore'), node('c', 'consumer')],
      [edge('p', 't', { filter: { types: ['A'] } }), edge('t', 'es'), edge('es', 'c', { filter: { types: ['A', 'B'] } })],
    );
    expect(withCode(t, 'filter-never-matches')).toMatchObject([{ path: 'edges[2].filter.types[1]' }]);
  });
});

describe('filter-empty', () => {
  it('warns that a filter listing no types lets nothing through (an absent filter lets all)', () => {
    const t = topology(
      [producer('p', [{ type: 'A', rate: 1 }]), node('t', 'topic'), node('c', 'consumer')],
      [edge('p', 't'), edge('t', 'c', { filter: { types: [] } })],
    );
    const [d] = withCode(t, 'filter-empty');
    expect(d).toMatchObject({ severity: 'warning', path: 'edges[1].filter.types' });
    expect(d!.message).toContain('nothing passes');
    expect(withCode(t, 'filter-never-matches')).toEqual([]);
    expect(withCode(topology([producer('p', [{ type: 'A', rate: 1 }]), node('t', 'topic'), node('c', 'consumer')], [edge('p', 't'), edge('t', 'c')]), 'filter-empty')).toEqual([]);
  });
});

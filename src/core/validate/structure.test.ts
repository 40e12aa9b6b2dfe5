import { describe, expect, it } from 'vitest';
import { hasErrors, validateTopology } from './index';
import { edge, healthy, node, producer, topology, withCode } from './test-helpers';

describe('validateTopology: healthy topologies', () => {
  it('gives nothing for producer → queue → consumer', () => {
    const { nodes, edges } = healthy();
    expect(validateTopology(topology(nodes, edges))).toEqual([]);
  });

  it('sorts errors, then warnings, then info', () => {
    const t = topology(
      [producer('p'), node('q', 'queue'), node('x', 'exchange', { exchangeType: 'fanout' }), node('dlq', 'deadletter')],
      [edge('p', 'q'), edge('p', 'nowhere')],
    );
    const severities = validateTopology(t).map((d) => d.severity);
    expect(severities).toContain('error');
    expect(severities).toContain('warning');
    expect(severities).toContain('info');
    const rank = { error: 0, warning: 1, info: 2 };
    const ranks = severities.map((s) => rank[s]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(hasErrors(validateTopology(t))).toBe(true);
  });
});

describe('ids', () => {
  it('reports a duplicate node id at the second occurrence', () => {
    const { nodes, edges } = healthy();
    const [d] = withCode(topology([...nodes, node('q', 'queue')], edges), 'duplicate-node-id');
    expect(d).toMatchObject({ severity: 'error', path: 'nodes[3].id', nodeIds: ['q'] });
    expect(d!.message).toContain('nodes[1]');
    expect(withCode(topology(nodes, edges), 'duplicate-node-id')).toEqual([]);
  });

  it('reports a duplicate edge id', () => {
    const { nodes } = healthy();
    const t = topology(nodes, [edge('p', 'q', { id: 'x' }), edge('q', 'c', { id: 'x' })]);
    expect(withCode(t, 'duplicate-edge-id')).toMatchObject([{ path: 'edges[1].id', edgeIds: ['x'] }]);
  });
});

describe('edges', () => {
  it('reports an edge to an unknown node, naming the missing id and the field', () => {
    const { nodes, edges } = healthy();
    const [d] = withCode(topology(nodes, [...edges, edge('q', 'ghost')]), 'edge-unknown-node');
    expect(d).toMatchObject({ path: 'edges[2].to', edgeIds: ['e2'], nodeIds: ['q'] });
    expect(d!.message).toContain('"ghost"');
    const [from] = withCode(topology(nodes, [...edges, edge('ghost', 'q')]), 'edge-unknown-node');
    expect(from!.path).toBe('edges[2].from');
  });

  it('explains why a producer cannot send to a consumer directly', () => {
    const t = topology([producer('p'), node('c', 'consumer')], [edge('p', 'c')]);
    const [d] = withCode(t, 'edge-kind-not-allowed');
    expect(d!.message).toMatch(/a producer cannot send to a consumer directly/);
    expect(d!.severity).toBe('error');
  });

  it('reports an explicit kind that does not fit its nodes, at edges[i].kind', () => {
    const { nodes } = healthy();
    const t = topology(nodes, [edge('p', 'q'), edge('q', 'c', { kind: 'subscribe' })]);
    const [d] = withCode(t, 'edge-kind-not-allowed');
    expect(d).toMatchObject({ path: 'edges[1].kind', nodeIds: ['q', 'c'] });
    expect(d!.message).toContain('can be consume, not subscribe');
  });

  it('asks for an explicit kind when an omitted one cannot be implied', () => {
    // exchange → queue: bind; exchange → deadletter: only alternate, which must be explicit.
    const nodes = [producer('p'), node('x', 'exchange', { exchangeType: 'fanout' }), node('d', 'deadletter')];
    const t = topology(nodes, [edge('p', 'x'), edge('x', 'd')]);
    const [d] = withCode(t, 'edge-kind-ambiguous');
    expect(d).toMatchObject({ path: 'edges[1].kind' });
    expect(d!.message).toContain('alternate must be explicit');
    expect(withCode(topology(nodes, [edge('p', 'x'), edge('x', 'd', { kind: 'alternate' })]), 'edge-kind-ambiguous')).toEqual([]);
  });

  it('refuses a field that the implied kind does not use', () => {
    const { nodes } = healthy();
    const t = topology(nodes, [edge('p', 'q'), edge('q', 'c', { group: 'g' })]);
    expect(withCode(t, 'edge-field-not-for-kind')).toMatchObject([{ path: 'edges[1].group' }]);
  });

  it('requires a bindingKey on binds from direct and topic exchanges, not fanout', () => {
    const make = (exchangeType: string, bind: Record<string, unknown> = {}) =>
      topology(
        [producer('p'), node('x', 'exchange', { exchangeType }), node('q', 'queue'), node('c', 'consumer')],
        [edge('p', 'x'), edge('x', 'q', bind), edge('q', 'c')],
      );
    expect(withCode(make('direct'), 'missing-binding-key')).toMatchObject([{ path: 'edges[1].bindingKey', severity: 'error' }]);
    expect(withCode(make('topic'), 'missing-binding-key')).toHaveLength(1);
    expect(withCode(make('fanout'), 'missing-binding-key')).toEqual([]);
    expect(withCode(make('topic', { bindingKey: '' }), 'missing-binding-key')).toEqual([]);
  });

  it('requires a group name on group edges', () => {
    const nodes = [producer('p'), node('s', 'stream'), node('c', 'consumer')];
    expect(withCode(topology(nodes, [edge('p', 's'), edge('s', 'c')]), 'missing-group')).toMatchObject([{ path: 'edges[1].group' }]);
    expect(withCode(topology(nodes, [edge('p', 's'), edge('s', 'c', { group: 'g' })]), 'missing-group')).toEqual([]);
  });

  it('warns about two identical edges but not about two groups or repeated bindings', () => {
    const { nodes, edges } = healthy();
    expect(withCode(topology(nodes, [...edges, edge('p', 'q')]), 'duplicate-edge')).toMatchObject([
      { severity: 'warning', edgeIds: ['e0', 'e2'], path: 'edges[2]' },
    ]);
    const s = [producer('p'), node('s', 'stream'), node('c', 'consumer')];
    const twoGroups = topology(s, [edge('p', 's'), edge('s', 'c', { group: 'a' }), edge('s', 'c', { group: 'b' })]);
    expect(withCode(twoGroups, 'duplicate-edge')).toEqual([]);
  });
});

describe('faults', () => {
  const { nodes, edges } = healthy();
  it('reports a fault on an unknown node', () => {
    const t = topology(nodes, edges, { faults: [{ node: 'ghost', type: 'down', from: 1, to: 2 }] });
    expect(withCode(t, 'fault-unknown-node')).toMatchObject([{ path: 'faults[0].node', severity: 'error' }]);
  });

  it('reports slow on a non-consumer and down on a producer, not down on a queue', () => {
    const t = topology(nodes, edges, {
      faults: [
        { node: 'q', type: 'slow', factor: 2, from: 1, to: 2 },
        { node: 'p', type: 'down', from: 1, to: 2 },
        { node: 'q', type: 'down', from: 1, to: 2 },
        { node: 'c', type: 'slow', factor: 2, from: 1, to: 2 },
      ],
    });
    const found = withCode(t, 'fault-wrong-kind');
    expect(found.map((d) => d.path)).toEqual(['faults[0].node', 'faults[1].node']);
    expect(found[0]!.message).toContain('only consumers and projections can be slow');
  });
});

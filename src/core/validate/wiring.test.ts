import { describe, expect, it } from 'vitest';
import { validateTopology } from './index';
import { edge, healthy, node, producer, topology, withCode } from './test-helpers';

describe('senders and receivers', () => {
  it('reports a producer with no publish edge', () => {
    const t = topology([producer('p'), producer('lonely'), node('q', 'queue'), node('c', 'consumer')], [edge('p', 'q'), edge('q', 'c')]);
    expect(withCode(t, 'producer-no-outlet')).toMatchObject([{ path: 'nodes[1]', nodeIds: ['lonely'], severity: 'error' }]);
  });

  it('warns about a producer without message streams', () => {
    const { nodes, edges } = healthy();
    const t = topology([...nodes, producer('silent', []), node('q2', 'queue')], [...edges, edge('silent', 'q2')]);
    expect(withCode(t, 'producer-no-messages')).toMatchObject([{ path: 'nodes[3].messages' }]);
  });

  it('reports a consumer or projection with no inlet', () => {
    const { nodes, edges } = healthy();
    const t = topology([...nodes, node('v', 'projection')], edges);
    expect(withCode(t, 'consumer-no-inlet')).toMatchObject([{ path: 'nodes[3]', nodeIds: ['v'] }]);
  });

  it('says there is nothing to simulate without a connected producer with messages', () => {
    expect(withCode(topology([node('q', 'queue'), node('c', 'consumer')], [edge('q', 'c')]), 'nothing-to-simulate')).toMatchObject([
      { severity: 'error', path: 'nodes' },
    ]);
    const silent = topology([producer('p', []), node('q', 'queue'), node('c', 'consumer')], [edge('p', 'q'), edge('q', 'c')]);
    expect(withCode(silent, 'nothing-to-simulate')).toHaveLength(1);
    const { nodes, edges } = healthy();
    expect(withCode(topology(nodes, edges), 'nothing-to-simulate')).toEqual([]);
  });

  it('warns when a consumer emits but has no publish edge, and informs when it publishes without emits', () => {
    const { nodes, edges } = healthy();
    const emitting = topology([producer('p'), node('q', 'queue'), node('c', 'consumer', { emits: [{ type: 'Done' }] })], edges);
    expect(withCode(emitting, 'emits-without-outlet')).toMatchObject([{ path: 'nodes[2].emits', severity: 'warning' }]);
    const publishing = topology([...nodes, node('t', 'topic'), node('d', 'consumer')], [...edges, edge('c', 't'), edge('t', 'd')]);
    expect(withCode(publishing, 'outlet-without-emits')).toMatchObject([{ path: 'nodes[2].emits', edgeIds: ['e2'] }]);
  });
});

describe('brokers', () => {
  it('warns about a queue nobody consumes', () => {
    const t = topology([producer('p'), node('q', 'queue')], [edge('p', 'q')]);
    const [d] = withCode(t, 'queue-unconsumed');
    expect(d).toMatchObject({ severity: 'warning', path: 'nodes[1]' });
    expect(d!.message).toContain('pile up');
  });

  it('warns about a stream no group reads', () => {
    const t = topology([producer('p'), node('s', 'stream')], [edge('p', 's')]);
    expect(withCode(t, 'stream-unread')).toMatchObject([{ path: 'nodes[1]' }]);
  });

  it('warns about a topic without subscriptions, an exchange without bindings and a webhook without endpoints', () => {
    const t = topology(
      [producer('p'), node('t', 'topic'), node('x', 'exchange', { exchangeType: 'fanout' }), node('w', 'webhook', { schedule: [] })],
      [edge('p', 't'), edge('p', 'x'), edge('p', 'w')],
    );
    expect(withCode(t, 'no-receivers').map((d) => d.nodeIds[0])).toEqual(['t', 'x', 'w']);
  });

  it('informs about a broker nothing sends to', () => {
    const { nodes, edges } = healthy();
    const t = topology([...nodes, node('q2', 'queue'), node('c2', 'consumer')], [...edges, edge('q2', 'c2')]);
    expect(withCode(t, 'no-inlet')).toMatchObject([{ severity: 'info', nodeIds: ['q2'], path: 'nodes[3]' }]);
  });
});

describe('dead-letter nodes', () => {
  it('informs about a dead-letter node nothing dead-letters to', () => {
    const { nodes, edges } = healthy();
    const t = topology([...nodes, node('dlq', 'deadletter')], edges);
    expect(withCode(t, 'deadletter-unconnected')).toMatchObject([{ severity: 'info', path: 'nodes[3]' }]);
    const wired = topology([...nodes, node('dlq', 'deadletter')], [...edges, edge('q', 'dlq')]);
    expect(withCode(wired, 'deadletter-unconnected')).toEqual([]);
  });

  it('warns about a redrive on a dead-letter node nothing dead-letters to', () => {
    const { nodes, edges } = healthy();
    const t = topology([...nodes, node('dlq', 'deadletter', { redrive: [{ at: 30 }] })], edges);
    expect(withCode(t, 'redrive-without-source')).toMatchObject([{ severity: 'warning', path: 'nodes[3].redrive' }]);
    expect(withCode(t, 'deadletter-unconnected')).toEqual([]);
  });

  it('counts an alternate edge as a source of dead letters', () => {
    const t = topology(
      [producer('p'), node('x', 'exchange', { exchangeType: 'direct' }), node('d', 'deadletter', { redrive: [{ at: 5 }] })],
      [edge('p', 'x'), edge('x', 'd', { kind: 'alternate' })],
    );
    expect(withCode(t, 'redrive-without-source')).toEqual([]);
  });
});

describe('robustness', () => {
  it('validates an empty topology without throwing', () => {
    expect(validateTopology(topology([], [])).map((d) => d.code)).toEqual(['nothing-to-simulate']);
  });

  it('ignores edges whose nodes are missing in flow rules', () => {
    const t = topology([producer('p')], [edge('p', 'ghost')]);
    const codes = validateTopology(t).map((d) => d.code);
    expect(codes).toContain('edge-unknown-node');
    expect(codes).toContain('producer-no-outlet');
  });
});

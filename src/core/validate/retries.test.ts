import { describe, expect, it } from 'vitest';
import { meanOf } from './rules/retries';
import { edge, node, producer, topology, withCode } from './test-helpers';

const retry3 = { retry: { maxAttempts: 3 } };

describe('retry-without-deadletter', () => {
  it('warns about a queue that retries without a deadLetter edge, at its maxAttempts', () => {
    const t = topology([producer('p'), node('q', 'queue', retry3), node('c', 'consumer')], [edge('p', 'q'), edge('q', 'c')]);
    const [d] = withCode(t, 'retry-without-deadletter');
    expect(d).toMatchObject({ severity: 'warning', path: 'nodes[1].retry.maxAttempts', nodeIds: ['q'] });
    expect(d!.message).toContain('discarded');
  });

  it('is quiet with a deadLetter edge, or with a single attempt', () => {
    const withDlq = topology(
      [producer('p'), node('q', 'queue', retry3), node('c', 'consumer'), node('d', 'deadletter')],
      [edge('p', 'q'), edge('q', 'c'), edge('q', 'd')],
    );
    expect(withCode(withDlq, 'retry-without-deadletter')).toEqual([]);
    const once = topology([producer('p'), node('q', 'queue', { retry: { maxAttempts: 1 } }), node('c', 'consumer')], [edge('p', 'q'), edge('q', 'c')]);
    expect(withCode(once, 'retry-without-deadletter')).toEqual([]);
  });

  it("warns about a group edge's retry on a stream without a deadLetter edge", () => {
    const t = topology(
      [producer('p'), node('s', 'stream'), node('c', 'consumer')],
      [edge('p', 's'), edge('s', 'c', { group: 'g', retry: { maxAttempts: 5 } })],
    );
    expect(withCode(t, 'retry-without-deadletter')).toMatchObject([{ path: 'edges[1].retry.maxAttempts', edgeIds: ['e1'] }]);
  });

  it("warns about a webhook's default schedule without a deadLetter edge, not an empty schedule", () => {
    const nodes = (more: Record<string, unknown>) => [producer('p'), node('w', 'webhook', more), node('c', 'consumer')];
    const edges = [edge('p', 'w'), edge('w', 'c')];
    const [d] = withCode(topology(nodes({}), edges), 'retry-without-deadletter');
    expect(d!.message).toContain('up to 8 attempts');
    expect(d!.path).toBe('nodes[1]');
    expect(withCode(topology(nodes({ schedule: [] }), edges), 'retry-without-deadletter')).toEqual([]);
    expect(withCode(topology(nodes({ schedule: [1] }), edges), 'retry-without-deadletter')[0]!.path).toBe('nodes[1].schedule');
  });
});

describe('deadletter-edge-unused', () => {
  it('warns when a queue without retry has a deadLetter edge (it retries without limit)', () => {
    const nodes = (more: Record<string, unknown>) => [producer('p'), node('q', 'queue', more), node('c', 'consumer'), node('d', 'deadletter')];
    const edges = [edge('p', 'q'), edge('q', 'c'), edge('q', 'd')];
    expect(withCode(topology(nodes({}), edges), 'deadletter-edge-unused')).toMatchObject([{ path: 'nodes[1].retry', edgeIds: ['e2'] }]);
    expect(withCode(topology(nodes(retry3), edges), 'deadletter-edge-unused')).toEqual([]);
    // drop-head overflow uses the edge without a retry policy; reject overflow does not.
    expect(withCode(topology(nodes({ capacity: 5, overflow: 'drop-head' }), edges), 'deadletter-edge-unused')).toEqual([]);
    expect(withCode(topology(nodes({ capacity: 5, overflow: 'reject' }), edges), 'deadletter-edge-unused')).toHaveLength(1);
  });
});

describe('visibility-timeout-short', () => {
  const make = (queue: Record<string, unknown>, processingTime: unknown) =>
    topology([producer('p'), node('q', 'queue', queue), node('c', 'consumer', { processingTime })], [edge('p', 'q'), edge('q', 'c')]);

  it('warns when processing takes longer on average than the visibility timeout', () => {
    expect(withCode(make({ visibilityTimeout: 2 }, 5), 'visibility-timeout-short')).toMatchObject([
      { path: 'nodes[1].visibilityTimeout', nodeIds: ['q', 'c'] },
    ]);
    expect(withCode(make({}, { dist: 'exponential', mean: 45 }), 'visibility-timeout-short')[0]!.path).toBe('nodes[1]');
    expect(withCode(make({ visibilityTimeout: 10 }, 5), 'visibility-timeout-short')).toEqual([]);
  });

  it('uses the mean of each distribution', () => {
    expect(meanOf(3)).toBe(3);
    expect(meanOf({ dist: 'constant', value: 2 })).toBe(2);
    expect(meanOf({ dist: 'uniform', min: 1, max: 3 })).toBe(2);
    expect(meanOf({ dist: 'exponential', mean: 4 })).toBe(4);
    // lognormal with median 1 and p99 = e^2.3263 has σ = 1, so mean = e^0.5.
    expect(meanOf({ dist: 'lognormal', median: 1, p99: Math.exp(2.326_347_874) })).toBeCloseTo(Math.exp(0.5), 6);
  });
});

describe('setting-ignored', () => {
  it("informs that a topic's retry does nothing when every subscriber is a queue", () => {
    const make = (subscriber: string) =>
      topology(
        [producer('p'), node('t', 'topic', retry3), node('q', 'queue'), node('c', 'consumer'), node('d', 'deadletter')],
        [edge('p', 't'), edge('t', subscriber), ...(subscriber === 'q' ? [edge('q', 'c')] : []), edge('t', 'd')],
      );
    expect(withCode(make('q'), 'setting-ignored')).toMatchObject([{ severity: 'info', path: 'nodes[1].retry' }]);
    expect(withCode(make('c'), 'setting-ignored')).toEqual([]);
  });

  it('informs that ackLoss does nothing on a consumer that reads only streams', () => {
    const make = (more: Record<string, unknown>) =>
      topology([producer('p'), node('s', 'stream'), node('c', 'consumer', more)], [edge('p', 's'), edge('s', 'c', { group: 'g' })]);
    expect(withCode(make({ ackLoss: 0.1 }), 'setting-ignored')).toMatchObject([{ path: 'nodes[2].ackLoss' }]);
    expect(withCode(make({}), 'setting-ignored')).toEqual([]);
  });

  it("informs that a stream's retry is overridden by every group", () => {
    const t = topology(
      [producer('p'), node('s', 'stream', { retry: { maxAttempts: 1 } }), node('c', 'consumer')],
      [edge('p', 's'), edge('s', 'c', { group: 'g', retry: { maxAttempts: 1 } })],
    );
    expect(withCode(t, 'setting-ignored')).toMatchObject([{ path: 'nodes[1].retry', edgeIds: ['e1'] }]);
  });
});

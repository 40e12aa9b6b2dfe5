import { describe, expect, it } from 'vitest';
import { partitionForKey } from '../sim/murmur2';
import { edge, node, producer, topology, withCode } from './test-helpers';

const withStream = (stream: Record<string, unknown>, duration = 60) =>
  topology([producer('p', [{ type: 'Tick', ...stream }]), node('q', 'queue'), node('c', 'consumer')], [edge('p', 'q'), edge('q', 'c')], {
    simulation: { duration },
  });

describe('count-not-reached', () => {
  it('warns when a constant stream cannot reach its count before the duration', () => {
    // Arrivals at 0, 0.5, …, 9.5: exactly 20 before duration 10.
    const [d] = withCode(withStream({ rate: 2, arrival: 'constant', count: 21 }, 10), 'count-not-reached');
    expect(d).toMatchObject({ severity: 'warning', path: 'nodes[0].messages[0].count', nodeIds: ['p'] });
    expect(d!.message).toContain('exactly 20');
    expect(withCode(withStream({ rate: 2, arrival: 'constant', count: 20 }, 10), 'count-not-reached')).toEqual([]);
  });

  it('counts the first constant arrival at start and none at the duration', () => {
    // start 1, rate 1, duration 4: arrivals 1, 2, 3 (4 is not < 4).
    expect(withCode(withStream({ rate: 1, arrival: 'constant', start: 1, count: 3 }, 4), 'count-not-reached')).toEqual([]);
    expect(withCode(withStream({ rate: 1, arrival: 'constant', start: 1, count: 4 }, 4), 'count-not-reached')).toHaveLength(1);
  });

  it('uses the mean for poisson streams and adds a burst inside the run', () => {
    expect(withCode(withStream({ rate: 5, count: 1000 }), 'count-not-reached')[0]!.message).toContain('about 300 on average');
    expect(withCode(withStream({ rate: 5, count: 290 }), 'count-not-reached')).toEqual([]);
    expect(withCode(withStream({ rate: 0, burst: { at: 1, count: 50 }, count: 50 }), 'count-not-reached')).toEqual([]);
    expect(withCode(withStream({ rate: 0, burst: { at: 1, count: 50 }, count: 51 }), 'count-not-reached')).toHaveLength(1);
  });
});

describe('messages-after-duration', () => {
  it('warns about a stream that starts at or after the duration', () => {
    expect(withCode(withStream({ rate: 1, start: 60 }), 'messages-after-duration')).toMatchObject([{ path: 'nodes[0].messages[0].start' }]);
    expect(withCode(withStream({ rate: 1, start: 59 }), 'messages-after-duration')).toEqual([]);
  });

  it('warns about a burst that is dropped', () => {
    expect(withCode(withStream({ rate: 1, burst: { at: 61, count: 5 } }), 'messages-after-duration')).toMatchObject([
      { path: 'nodes[0].messages[0].burst.at' },
    ]);
  });

  it('uses the default duration of 60 s', () => {
    const t = topology([producer('p', [{ type: 'T', rate: 1, start: 70 }]), node('q', 'queue'), node('c', 'consumer')], [edge('p', 'q'), edge('q', 'c')]);
    expect(withCode(t, 'messages-after-duration')).toHaveLength(1);
  });
});

describe('idle-group-members', () => {
  const group = (partitions: number | undefined, members: string[], groupName = 'billing') =>
    topology(
      [producer('p'), node('s', 'stream', partitions === undefined ? {} : { partitions }), ...members.map((m) => node(m, 'consumer'))],
      [edge('p', 's'), ...members.map((m) => edge('s', m, { group: groupName }))],
    );

  it('names the members beyond the partition count, sorted by id', () => {
    const [d] = withCode(group(2, ['c3', 'c1', 'c2', 'c4']), 'idle-group-members');
    expect(d).toMatchObject({ severity: 'info', path: 'nodes[1].partitions', nodeIds: ['s', 'c3', 'c4'] });
    expect(d!.message).toContain('"c3", "c4" are idle');
  });

  it('is quiet when every member can own a partition, and uses the default of 1 partition', () => {
    expect(withCode(group(3, ['a', 'b', 'c']), 'idle-group-members')).toEqual([]);
    expect(withCode(group(undefined, ['a', 'b']), 'idle-group-members')).toHaveLength(1);
  });
});

describe('partitions-unused', () => {
  const stream = (messages: Record<string, unknown>[], partitions = 3) =>
    topology(
      [producer('p', messages.map((m) => ({ type: 'T', rate: 1, ...m }))), node('s', 'stream', { partitions }), node('c', 'consumer')],
      [edge('p', 's'), edge('s', 'c', { group: 'g' })],
    );

  it('informs that a fixed key fills one partition, naming the one Kafka picks', () => {
    const [d] = withCode(stream([{ key: 'customer-42' }]), 'partitions-unused');
    const used = partitionForKey('customer-42', 3);
    expect(d).toMatchObject({ severity: 'info', path: 'nodes[1].partitions', nodeIds: ['s', 'p'] });
    expect(d!.message).toContain(`only key "customer-42" lands in partition ${used}:`);
  });

  it('informs when fewer keys than partitions leave some empty', () => {
    expect(withCode(stream([{ keys: 2 }], 8), 'partitions-unused')[0]!.message).toMatch(/2 keys \("k0", "k1"\) land in partitions? [\d, ]+: partitions [\d, ]+ stay empty/);
  });

  it('is quiet when the keys reach every partition, for unkeyed records, and with one partition', () => {
    expect(withCode(stream([{ keys: 50 }]), 'partitions-unused')).toEqual([]);
    expect(withCode(stream([{}]), 'partitions-unused')).toEqual([]);
    expect(withCode(stream([{ key: 'a' }], 1), 'partitions-unused')).toEqual([]);
    expect(withCode(stream([{ key: 'a' }, {}]), 'partitions-unused')).toEqual([]);
  });
});

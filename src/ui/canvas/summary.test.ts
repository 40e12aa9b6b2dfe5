import { describe, expect, it } from 'vitest';
import { edgeLabel, formatDistribution, formatRetry, nodeSummary } from './summary';

describe('node summaries', () => {
  it('says the key settings of each kind in a few words', () => {
    expect(nodeSummary({ id: 'p', kind: 'producer', messages: [{ type: 'OrderPlaced', rate: 2 }] })).toBe('2/s OrderPlaced');
    expect(nodeSummary({ id: 's', kind: 'stream', partitions: 3 })).toBe('3 partitions');
    expect(nodeSummary({ id: 'q', kind: 'queue', retry: { maxAttempts: 5, backoff: { type: 'exponential', initial: 1 } } })).toBe('retry ×5 exp');
    expect(nodeSummary({ id: 'c', kind: 'consumer', concurrency: 2, failure: { probability: 0.1 } })).toBe('2 workers · 10% fail');
    expect(nodeSummary({ id: 'x', kind: 'exchange', exchangeType: 'topic' })).toBe('topic exchange');
    expect(nodeSummary({ id: 'w', kind: 'webhook' })).toBe('8 attempts · timeout 15 s');
    expect(nodeSummary({ id: 'd', kind: 'deadletter', redrive: [{ at: 30 }] })).toBe('redrive ×1');
    expect(nodeSummary({ id: 'v', kind: 'projection', readRate: 1 })).toBe('1 worker · 1 reads/s');
  });
  it('marks poison messages and emits', () => {
    expect(nodeSummary({ id: 'c', kind: 'consumer', failure: { keys: ['k7'] }, emits: [{ type: 'Paid' }] })).toBe('1 worker · poison · → Paid');
  });
});

describe('distributions, retries and edge labels', () => {
  it('formats distributions', () => {
    expect(formatDistribution(0.1)).toBe('0.1 s');
    expect(formatDistribution({ dist: 'exponential', mean: 0.3 })).toBe('~0.3 s');
    expect(formatDistribution({ dist: 'uniform', min: 0.1, max: 0.5 })).toBe('0.1–0.5 s');
  });
  it('formats retry policies', () => {
    expect(formatRetry({ maxAttempts: 1 })).toBe('no retry');
    expect(formatRetry({ maxAttempts: 5, backoff: { type: 'exponential', initial: 1, jitter: 'full' } })).toBe('retry ×5 exp full jitter');
  });
  it('labels edges by their key field', () => {
    expect(edgeLabel({ id: 'e', from: 'x', to: 'q', kind: 'bind', bindingKey: 'order.*' }, 'bind')).toBe('order.*');
    expect(edgeLabel({ id: 'e', from: 's', to: 'c', kind: 'group', group: 'billing' }, 'group')).toBe('group billing');
    expect(edgeLabel({ id: 'e', from: 'p', to: 't', filter: { types: ['A', 'B'] } }, 'publish')).toBe('only A, B');
    expect(edgeLabel({ id: 'e', from: 'p', to: 't' }, 'publish')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { countersFor, overlayFor } from './counters';

describe('node counters in Simulate', () => {
  it('shows the headline counters of a kind always, the others once non-zero', () => {
    const queue = overlayFor('queue', { kind: 'queue', received: 5, retried: 0, deadLettered: 0, timeouts: 2 }, { down: false, ready: 3 });
    expect(queue.counters).toEqual({ depth: 3, received: 5, retried: 0, timeouts: 2 });
    expect(queue.state).toBe('backlog');
  });

  it('a consumer adds running and buffered into in flight and sums both kinds of duplicates', () => {
    const o = overlayFor('consumer', { kind: 'consumer', received: 9, acked: 6, failed: 2, duplicatesSkipped: 1, duplicatesProcessed: 2 }, { down: false, running: 1, buffered: 0 });
    expect(o.counters).toEqual({ 'in flight': 1, received: 9, acked: 6, failed: 2, duplicates: 3 });
    expect(o.state).toBe('busy');
  });

  it('a consumer that is down says so whatever else it holds', () => {
    expect(overlayFor('consumer', { kind: 'consumer' }, { down: true, running: 0, buffered: 2 }).state).toBe('down');
  });

  it('a dead-letter node shows what it holds; a projection its stale reads once it has reads', () => {
    expect(overlayFor('deadletter', { kind: 'deadletter', received: 4, redriven: 0 }, { down: false, held: 4 }).counters).toEqual({ holds: 4, received: 4 });
    const p = countersFor('projection', { kind: 'projection', reads: 10, staleReads: 0 }, { down: false, running: 0, buffered: 0 });
    expect(p.find(([label]) => label === 'stale reads')).toEqual(['stale reads', 0, true]);
  });

  it('knows nothing for an unknown kind', () => {
    expect(countersFor('mystery', undefined, undefined)).toEqual([]);
  });
});

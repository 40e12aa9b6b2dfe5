import { describe, expect, it } from 'vitest';
import { edge, node, producer, topology, withCode } from './test-helpers';

/** λ messages/s into one queue drained by `workers` consumers of mean processing time `mean`. */
const station = (lambda: number, workers: number, mean: number, more: Record<string, unknown> = {}) =>
  topology(
    [
      producer('p', [{ type: 'Job', rate: lambda, ...more }]),
      node('q', 'queue'),
      ...Array.from({ length: workers }, (_, i) => node(`w${i}`, 'consumer', { processingTime: { dist: 'exponential', mean } })),
    ],
    [edge('p', 'q'), ...Array.from({ length: workers }, (_, i) => edge('q', `w${i}`))],
  );

describe('queue-overloaded', () => {
  it('warns when arrivals reach the service capacity (ρ ≥ 1), naming the rates', () => {
    const [d] = withCode(station(2, 2, 1), 'queue-overloaded');
    expect(d).toMatchObject({ severity: 'warning', path: 'nodes[1]', nodeIds: ['q', 'w0', 'w1'] });
    expect(d!.message).toContain('about 2 messages/s');
    expect(d!.message).toContain('at most 2/s');
    expect(d!.message).toContain('ρ = 1');
  });

  it('is quiet for a stable M/M/3 station (ρ = 2/3)', () => {
    expect(withCode(station(2, 3, 1), 'queue-overloaded')).toEqual([]);
  });

  it('counts concurrency as servers', () => {
    const t = topology(
      [producer('p', [{ type: 'Job', rate: 2 }]), node('q', 'queue'), node('w', 'consumer', { concurrency: 3, processingTime: 1 })],
      [edge('p', 'q'), edge('q', 'w')],
    );
    expect(withCode(t, 'queue-overloaded')).toEqual([]);
  });

  it('adds up every producer that reaches the queue, through a topic', () => {
    const t = topology(
      [producer('a', [{ type: 'Job', rate: 1 }]), producer('b', [{ type: 'Job', rate: 1 }]), node('t', 'topic'), node('q', 'queue'), node('w', 'consumer', { processingTime: 0.6 })],
      [edge('a', 't'), edge('b', 't'), edge('t', 'q'), edge('q', 'w')],
    );
    expect(withCode(t, 'queue-overloaded')[0]!.message).toContain('about 2 messages/s');
  });

  it('uses the rate a count allows over the run', () => {
    // 10/s but only 60 messages in 60 s: 1/s against a capacity of 2/s.
    expect(withCode(station(10, 2, 1, { count: 60 }), 'queue-overloaded')).toEqual([]);
  });

  it('does not guess with cycled routing keys through an exchange', () => {
    const t = topology(
      [
        producer('p', [{ type: 'Job', rate: 5, routingKey: ['a', 'b'] }]),
        node('x', 'exchange', { exchangeType: 'direct' }),
        node('q', 'queue'),
        node('w', 'consumer', { processingTime: 1 }),
      ],
      [edge('p', 'x'), edge('x', 'q', { bindingKey: 'a' }), edge('q', 'w')],
    );
    expect(withCode(t, 'queue-overloaded')).toEqual([]);
  });
});

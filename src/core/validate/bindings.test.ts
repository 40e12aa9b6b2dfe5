import { describe, expect, it } from 'vitest';
import { topicMatches } from '../sim/topic-match';
import { edge, node, producer, topology, withCode } from './test-helpers';

const exchange = (exchangeType: string, bindingKey: string | undefined, routingKey = 'order.placed.eu') =>
  topology(
    [
      producer('p', [{ type: 'OrderPlaced', rate: 1, routingKey }]),
      node('x', 'exchange', { exchangeType }),
      node('q', 'queue'),
      node('c', 'consumer'),
    ],
    [edge('p', 'x'), edge('x', 'q', bindingKey === undefined ? {} : { bindingKey }), edge('q', 'c')],
  );

describe('RabbitMQ topic matching the validator relies on (messaging-semantics §1.1)', () => {
  it.each([
    ['order.*.eu', 'order.placed.eu', true],
    ['order.#', 'order', true],
    ['#.refund', 'payment.refund', true],
    ['a.#.b', 'a.b', true],
    ['*', '', false],
    ['#', '', true],
    ['', '', true],
    ['#.#', '', true],
    ['*.#', '', false],
    ['.#', '.0.a.b.c', true],
    ['.*.a.b.c', '.0.a.b.c', true],
    ['.*', '.0.a.b.c', false],
    ['a*', 'ab', false],
    ['a*', 'a*', true],
    ['Order.*', 'order.x', false],
    ['*', 'oneword', true],
    ['#.*.#', 'oneword', true],
  ])('%j matches %j: %s', (binding, routing, expected) => {
    expect(topicMatches(binding, routing)).toBe(expected);
  });
});

describe('binding-key rules', () => {
  it('informs that a fanout exchange ignores binding keys', () => {
    expect(withCode(exchange('fanout', 'order.*'), 'binding-key-ignored')).toMatchObject([{ severity: 'info', path: 'edges[1].bindingKey' }]);
    expect(withCode(exchange('fanout', undefined), 'binding-key-ignored')).toEqual([]);
  });

  it('informs that * and # inside a word are literal on a topic exchange', () => {
    const [d] = withCode(exchange('topic', 'order*.#', 'order*.x'), 'binding-key-literal-wildcard');
    expect(d!.message).toContain('"order*" is a literal word');
    expect(withCode(exchange('topic', '##', '##'), 'binding-key-literal-wildcard')).toHaveLength(1);
    expect(withCode(exchange('topic', 'order.*.#'), 'binding-key-literal-wildcard')).toEqual([]);
  });

  it('informs that wildcards on a direct exchange are literal', () => {
    expect(withCode(exchange('direct', 'order.*'), 'binding-key-literal-wildcard')[0]!.message).toContain('direct');
    expect(withCode(exchange('direct', 'order.placed.eu'), 'binding-key-literal-wildcard')).toEqual([]);
  });

  it('informs about empty words in a topic binding key', () => {
    for (const key of ['order..eu', '.order', 'order.']) {
      expect(withCode(exchange('topic', key, key), 'binding-key-empty-word')).toHaveLength(1);
    }
    expect(withCode(exchange('topic', ''), 'binding-key-empty-word')).toEqual([]);
  });

  it('informs about a binding that no routing key sent to the exchange matches', () => {
    const [d] = withCode(exchange('topic', 'payment.#'), 'binding-never-matches');
    expect(d).toMatchObject({ path: 'edges[1].bindingKey', nodeIds: ['x', 'q'] });
    expect(d!.message).toContain('"order.placed.eu"');
    expect(withCode(exchange('topic', 'order.#'), 'binding-never-matches')).toEqual([]);
    expect(withCode(exchange('direct', 'order.placed'), 'binding-never-matches')).toHaveLength(1);
  });

  it('considers every routing key of a cycled list', () => {
    const t = topology(
      [producer('p', [{ type: 'T', rate: 1, routingKey: ['a', 'b'] }]), node('x', 'exchange', { exchangeType: 'direct' }), node('q', 'queue'), node('c', 'consumer')],
      [edge('p', 'x'), edge('x', 'q', { bindingKey: 'b' }), edge('q', 'c')],
    );
    expect(withCode(t, 'binding-never-matches')).toEqual([]);
  });

  it('warns when routing keys match no binding and there is no alternate edge', () => {
    const [d] = withCode(exchange('topic', 'payment.#'), 'unroutable-messages');
    expect(d).toMatchObject({ severity: 'warning', path: 'nodes[1]', nodeIds: ['x'] });
    expect(d!.message).toContain('routing key "order.placed.eu"');
    expect(withCode(exchange('topic', 'order.#'), 'unroutable-messages')).toEqual([]);
    const withAlternate = topology(
      [producer('p', [{ type: 'T', rate: 1, routingKey: 'b' }]), node('x', 'exchange', { exchangeType: 'direct' }), node('q', 'queue'), node('c', 'consumer'), node('d', 'deadletter')],
      [edge('p', 'x'), edge('x', 'q', { bindingKey: 'a' }), edge('q', 'c'), edge('x', 'd', { kind: 'alternate' })],
    );
    expect(withCode(withAlternate, 'unroutable-messages')).toEqual([]);
  });
});

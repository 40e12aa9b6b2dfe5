/**
 * A large, realistic topology for scale tests and the validator benchmark: blocks of ten nodes
 * (producer → topic → queue → consumer; topic exchange → queue → consumer; stream → two group
 * members; a dead-letter node), each block's consumer emitting into the next block's topic, so the
 * emit graph is one long chain and every rule has work to do. Deterministic: no randomness.
 */
import type { Topology } from '../schema/document';

export function largeTopology(blocks: number, options: { closeTheLoop?: boolean } = {}): Topology {
  const nodes: Topology['nodes'] = [];
  const edges: Topology['edges'] = [];
  let e = 0;
  const link = (from: string, to: string, more: Partial<Topology['edges'][number]> = {}) => {
    edges.push({ id: `e${e++}`, from, to, ...more });
  };
  for (let b = 0; b < blocks; b++) {
    const id = (name: string) => `${name}${b}`;
    const next = (b + 1) % blocks;
    const last = b === blocks - 1 && !options.closeTheLoop;
    nodes.push(
      { id: id('p'), kind: 'producer', messages: [{ type: 'OrderPlaced', rate: 1, keys: 10, routingKey: ['order.eu', 'order.us'] }] },
      { id: id('t'), kind: 'topic' },
      { id: id('q'), kind: 'queue', retry: { maxAttempts: 3 } },
      { id: id('c'), kind: 'consumer', ...(last ? {} : { emits: [{ type: 'OrderPlaced', probability: 0.5 }] }) },
      { id: id('x'), kind: 'exchange', exchangeType: 'topic' },
      { id: id('xq'), kind: 'queue' },
      { id: id('xc'), kind: 'consumer' },
      { id: id('s'), kind: 'stream', partitions: 2 },
      { id: id('sc'), kind: 'consumer' },
      { id: id('dlq'), kind: 'deadletter' },
    );
    link(id('p'), id('t'));
    link(id('p'), id('x'));
    link(id('p'), id('s'));
    link(id('t'), id('q'));
    link(id('q'), id('c'));
    link(id('q'), id('dlq'));
    link(id('x'), id('xq'), { bindingKey: 'order.*' });
    link(id('xq'), id('xc'));
    link(id('s'), id('sc'), { kind: 'group', group: 'g' });
    link(id('s'), id('xc'), { kind: 'group', group: 'g' });
    if (!last) link(id('c'), `t${next}`);
  }
  return { format: 'fanout/topology', version: 1, name: `${blocks * 10} nodes`, nodes, edges };
}

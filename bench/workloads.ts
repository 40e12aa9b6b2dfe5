/** The benchmark's workloads as topologies (shared by run.ts and fresh.ts). */
import { parseTopologyValue, type Topology } from '../src/core/schema';

function parse(doc: unknown): Topology {
  const parsed = parseTopologyValue(doc);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.topology;
}

/** (a) M/M/1: poisson arrivals λ, exponential service 1/μ, `customers` customers. */
export function mm1Topology(customers: number, lambda = 0.9, mu = 1): Topology {
  return parse({
    format: 'fanout/topology',
    version: 1,
    name: 'M/M/1 benchmark',
    simulation: { seed: 1, duration: 1e9, maxEvents: 100_000_000 },
    nodes: [
      { id: 'arrivals', kind: 'producer', messages: [{ type: 'Job', rate: lambda, count: customers }] },
      { id: 'queue', kind: 'queue' },
      { id: 'server', kind: 'consumer', processingTime: { dist: 'exponential', mean: 1 / mu } },
    ],
    edges: [
      { id: 'e1', from: 'arrivals', to: 'queue' },
      { id: 'e2', from: 'queue', to: 'server' },
    ],
  });
}

export const FANOUT = { messages: 100_000, rate: 100, queues: 10, perQueue: 2, mean: 0.01, p: 0.05, attempts: 3 };

/**
 * (b) Fan-out: 1 producer → topic → 10 queues → 2 consumers each, 5% failure, 3 attempts with
 * exponential backoff (1 s, 2 s), a DLQ: 100,000 messages → 1,000,000 deliveries.
 */
export function fanOutTopology(messages = FANOUT.messages): Topology {
  const f = FANOUT;
  const nodes: unknown[] = [
    { id: 'orders', kind: 'producer', messages: [{ type: 'OrderPlaced', rate: f.rate, count: messages }] },
    { id: 'events', kind: 'topic' },
    { id: 'dlq', kind: 'deadletter' },
  ];
  const edges: unknown[] = [{ id: 'pub', from: 'orders', to: 'events' }];
  for (let q = 0; q < f.queues; q++) {
    nodes.push({
      id: `q${q}`,
      kind: 'queue',
      retry: { maxAttempts: f.attempts, backoff: { type: 'exponential', initial: 1, multiplier: 2 } },
    });
    edges.push({ id: `sub${q}`, from: 'events', to: `q${q}` }, { id: `dl${q}`, from: `q${q}`, to: 'dlq' });
    for (let c = 0; c < f.perQueue; c++) {
      nodes.push({ id: `c${q}-${c}`, kind: 'consumer', processingTime: { dist: 'exponential', mean: f.mean }, failure: { probability: f.p } });
      edges.push({ id: `con${q}-${c}`, from: `q${q}`, to: `c${q}-${c}` });
    }
  }
  return parse({
    format: 'fanout/topology',
    version: 1,
    name: 'Fan-out benchmark',
    simulation: { seed: 1, duration: (messages / f.rate) * 1.5 + 100, maxEvents: 100_000_000 },
    nodes,
    edges,
  });
}

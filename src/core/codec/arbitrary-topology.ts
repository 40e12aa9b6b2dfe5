/**
 * fast-check generator of arbitrary *valid* topology v1 documents, for property tests of anything
 * that must hold for every document (codec round trips, exports that never throw). Test support
 * only: nothing in the app imports it. Values are schema-valid (the generator follows the zod
 * schema's ranges); references between nodes and edges are random, as the schema allows.
 */
import fc from 'fast-check';
import { EDGE_KINDS, EDGE_RULES, type EdgeKind } from '../rules/edges';
import { NODE_KINDS, type Topology, type TopologyEdge, type TopologyNode } from '../schema';

/** Doubles without -0, NaN or infinities (JSON cannot keep -0). */
function num(min: number, max: number): fc.Arbitrary<number> {
  return fc
    .double({ min, max, noNaN: true, noDefaultInfinity: true })
    .map((x) => (Object.is(x, -0) ? 0 : x));
}
const text = (maxLength: number) => fc.string({ unit: 'binary', maxLength });
const id = fc.stringMatching(/^[A-Za-z0-9_.-]{1,16}$/);
const typeName = fc.oneof(fc.constantFrom('OrderPlaced', 'PaymentSucceeded', 'SendEmail'), text(20).filter((s) => s.length > 0));
const routingKey = fc.string({ maxLength: 40 }).filter((s) => s.length <= 40);
const seconds = num(0, 1e6);

const distribution = fc.oneof(
  seconds,
  fc.record({ dist: fc.constant('constant' as const), value: seconds }),
  fc.record({ dist: fc.constant('exponential' as const), mean: num(1e-6, 1e4) }),
  fc.tuple(seconds, seconds).map(([a, b]) => ({ dist: 'uniform' as const, min: Math.min(a, b), max: Math.max(a, b) })),
  fc.tuple(num(1e-6, 1e4), num(1e-6, 1e4)).map(([a, b]) => ({ dist: 'lognormal' as const, median: Math.min(a, b), p99: Math.max(a, b) })),
);

const retry = fc.record(
  {
    maxAttempts: fc.integer({ min: 1, max: 1000 }),
    backoff: fc.record(
      {
        type: fc.constantFrom('fixed' as const, 'exponential' as const),
        initial: seconds,
        multiplier: num(1, 10),
        max: seconds,
        jitter: fc.constantFrom('none' as const, 'full' as const, 'equal' as const, 'decorrelated' as const),
      },
      { requiredKeys: ['type', 'initial'] },
    ),
  },
  { requiredKeys: ['maxAttempts'] },
);

const keySource = fc.oneof(
  fc.constant({}),
  fc.record({ key: fc.string({ maxLength: 20 }) }),
  fc.record({ keys: fc.integer({ min: 1, max: 1_000_000 }) }),
);

const messageStream = fc
  .tuple(
    fc.record(
      {
        type: typeName,
        category: fc.constantFrom('event' as const, 'command' as const),
        rate: num(0.001, 1000),
        arrival: fc.constantFrom('poisson' as const, 'constant' as const),
        count: fc.integer({ min: 1, max: 1_000_000 }),
        start: seconds,
        burst: fc.record({ at: seconds, count: fc.integer({ min: 1, max: 1000 }) }),
        routingKey: fc.oneof(routingKey, fc.array(routingKey, { minLength: 1, maxLength: 3 })),
      },
      { requiredKeys: ['type', 'rate'] },
    ),
    keySource,
  )
  .map(([m, keys]) => ({ ...m, ...keys }));

const emit = fc
  .tuple(
    fc.record(
      {
        type: typeName,
        category: fc.constantFrom('event' as const, 'command' as const),
        routingKey: routingKey,
        probability: num(0, 1),
        on: fc.constantFrom('success' as const, 'dead-letter' as const),
      },
      { requiredKeys: ['type'] },
    ),
    keySource,
  )
  .map(([e, keys]) => ({ ...e, ...keys }));

const consumerFields = {
  concurrency: fc.integer({ min: 1, max: 100 }),
  processingTime: distribution,
  failure: fc.record(
    {
      probability: num(0, 1),
      firstAttempts: fc.integer({ min: 0, max: 10 }),
      types: fc.array(typeName, { maxLength: 2 }),
      keys: fc.array(fc.string({ maxLength: 10 }), { maxLength: 2 }),
    },
    { requiredKeys: [] },
  ),
  ackLoss: num(0, 1),
  idempotent: fc.boolean(),
  emits: fc.array(emit, { maxLength: 2 }),
};

/**
 * Open ui objects; passed through JSON once, since JSON cannot keep -0 (jsonValue may produce it).
 * `__proto__` keys are left out at every depth: the app drops them on purpose (parsing and the
 * canonical file writer never turn one into a prototype), which file.test.ts checks on its own.
 */
const uiObject = fc
  .dictionary(
    fc.string({ maxLength: 8 }).filter((key) => key !== '__proto__'),
    fc.jsonValue({ maxDepth: 2 }),
    { maxKeys: 3 },
  )
  .map((value) => JSON.parse(JSON.stringify(value), (key, v: unknown) => (key === '__proto__' ? undefined : v)) as Record<string, unknown>);

const kindFields: Record<TopologyNode['kind'], fc.Arbitrary<Record<string, unknown>>> = {
  producer: fc.record({ messages: fc.array(messageStream, { maxLength: 3 }) }),
  topic: fc.record({ retry }, { requiredKeys: [] }),
  queue: fc.record(
    {
      fifo: fc.boolean(),
      visibilityTimeout: num(0.001, 1e5),
      retention: num(1, 1e7),
      retry,
      capacity: fc.integer({ min: 1, max: 1e6 }),
      overflow: fc.constantFrom('reject' as const, 'drop-head' as const),
    },
    { requiredKeys: [] },
  ),
  exchange: fc.record({ exchangeType: fc.constantFrom('direct' as const, 'topic' as const, 'fanout' as const) }),
  stream: fc.record({ partitions: fc.integer({ min: 1, max: 64 }), retry }, { requiredKeys: [] }),
  webhook: fc.record({ schedule: fc.array(seconds, { maxLength: 8 }), timeout: num(0.001, 600) }, { requiredKeys: [] }),
  consumer: fc.record(consumerFields, { requiredKeys: [] }),
  projection: fc.record({ ...consumerFields, readRate: num(0, 100) }, { requiredKeys: [] }),
  eventstore: fc.constant({}),
  deadletter: fc.record({ redrive: fc.array(fc.record({ at: seconds }), { maxLength: 3 }) }, { requiredKeys: [] }),
};

const commonNodeFields = fc.record(
  {
    label: text(40),
    position: fc.record({ x: num(-1e5, 1e5), y: num(-1e5, 1e5) }),
    notes: text(60),
    ui: uiObject,
  },
  { requiredKeys: [] },
);

function nodeArb(nodeId: string): fc.Arbitrary<TopologyNode> {
  return fc
    .constantFrom(...NODE_KINDS)
    .chain((kind) =>
      fc.tuple(commonNodeFields, kindFields[kind]).map(([common, own]) => ({ id: nodeId, kind, ...common, ...own }) as TopologyNode),
    );
}

const edgeFieldArbs = {
  filter: fc.record({ types: fc.array(typeName, { maxLength: 3 }) }),
  bindingKey: routingKey,
  group: fc.string({ minLength: 1, maxLength: 20 }),
  retry,
};

function edgeArb(edgeId: string, nodeIds: readonly string[]): fc.Arbitrary<TopologyEdge> {
  const endpoint = nodeIds.length > 0 ? fc.constantFrom(...nodeIds) : id;
  return fc
    .option(fc.constantFrom(...EDGE_KINDS), { nil: undefined })
    .chain((kind: EdgeKind | undefined) => {
      const allowed = kind ? EDGE_RULES[kind].fields : [];
      const fields: Record<string, fc.Arbitrary<unknown>> = {};
      for (const field of allowed) fields[field] = edgeFieldArbs[field];
      return fc
        .tuple(
          endpoint,
          endpoint,
          fc.record({ latency: distribution, ui: uiObject, ...fields }, { requiredKeys: [] }),
        )
        .map(([from, to, rest]) => ({ id: edgeId, from, to, ...(kind ? { kind } : {}), ...rest }) as TopologyEdge);
    });
}

const fault = fc.oneof(
  fc.tuple(id, seconds, num(0.001, 1000)).map(([node, from, extra]) => ({ node, type: 'down' as const, from, to: from + extra })),
  fc
    .tuple(id, num(0.01, 100), seconds, num(0.001, 1000))
    .map(([node, factor, from, extra]) => ({ node, type: 'slow' as const, factor, from, to: from + extra })),
);

/** Arbitrary valid topology documents: up to `maxNodes` nodes and twice as many edges. */
export function arbitraryTopology(maxNodes = 8): fc.Arbitrary<Topology> {
  return fc.uniqueArray(id, { maxLength: maxNodes }).chain((nodeIds) =>
    fc
      .tuple(
        fc.tuple(...nodeIds.map(nodeArb)),
        fc.uniqueArray(id, { maxLength: maxNodes * 2 }),
        fc.record(
          {
            name: text(60),
            description: text(200),
            simulation: fc.record(
              {
                seed: fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
                duration: num(0.001, 1e6),
                maxEvents: fc.integer({ min: 1, max: 100_000_000 }),
              },
              { requiredKeys: [] },
            ),
            faults: fc.array(fault, { maxLength: 3 }),
            ui: uiObject,
          },
          { requiredKeys: [] },
        ),
      )
      .chain(([nodes, edgeIds, rest]) =>
        fc.tuple(...edgeIds.map((edgeId) => edgeArb(edgeId, nodeIds))).map(
          (edges) =>
            ({ format: 'fanout/topology', version: 1, ...rest, nodes, edges }) as Topology,
        ),
      ),
  );
}

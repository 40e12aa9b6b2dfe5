import { Parser, type Diagnostic } from '@asyncapi/parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryTopology } from '../codec/arbitrary-topology';
import { fixtureTopology, namedTexts } from '../codec/test-support';
import { toAsyncApi, toAsyncApiText } from './asyncapi';
import { toYaml } from './yaml';
import type { Topology } from '../schema';

const examples = namedTexts(
  import.meta.glob<string>(['../codec/__fixtures__/*.json', '/public/examples/*.json'], { eager: true, query: '?raw', import: 'default' }),
  ['frozen-links.json', '/index.json'],
);
const parser = new Parser();
/** Severity 0 is an error in the parser's (Spectral's) diagnostics. */
const errorsOf = (diagnostics: Diagnostic[]) =>
  diagnostics.filter((d) => d.severity === 0).map((d) => `${d.code}: ${d.message} at ${d.path.join('/')}`);

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('AsyncAPI 3.0 export', () => {
  for (const { name, text } of examples) {
    it(`${name}: YAML and JSON both validate with no errors`, async () => {
      const topology = fixtureTopology(text, name);
      expect(errorsOf(await parser.validate(toAsyncApiText(topology, 'yaml')))).toEqual([]);
      expect(errorsOf(await parser.validate(toAsyncApiText(topology, 'json')))).toEqual([]);
    });
  }

  it('a node or message type named __proto__ (legal) gets a key readers can keep; the document validates', async () => {
    const topology = fixtureTopology(
      JSON.stringify({
        format: 'fanout/topology',
        version: 1,
        nodes: [
          { id: 'constructor', kind: 'producer', messages: [{ type: '__proto__', rate: 1 }] },
          { id: '__proto__', kind: 'queue' },
          { id: 'toString', kind: 'consumer' },
        ],
        edges: [
          { id: 'e1', from: 'constructor', to: '__proto__' },
          { id: 'e2', from: '__proto__', to: 'toString' },
        ],
      }),
      'proto-ids',
    );
    const doc = toAsyncApi(topology) as Obj;
    expect(Object.keys(doc.channels)).toEqual(['__proto___2']);
    expect(doc.channels['__proto___2'].address).toBe('__proto__');
    expect(Object.keys(doc.channels['__proto___2'].messages)).toEqual(['__proto___2']);
    expect(doc.operations['constructor.send.__proto__'].channel).toEqual({ $ref: '#/channels/__proto___2' });
    expect(errorsOf(await parser.validate(toAsyncApiText(topology, 'yaml')))).toEqual([]);
    expect(errorsOf(await parser.validate(toAsyncApiText(topology, 'json')))).toEqual([]);
  });

  it('maps the spec example: channels per broker, send and receive operations, messages', async () => {
    const topology = fixtureTopology(examples.find((e) => e.name === 'order-events.json')!.text, 'order-events');
    const doc = toAsyncApi(topology) as Obj;
    expect(doc.asyncapi).toBe('3.0.0');
    expect(Object.keys(doc.channels)).toEqual(['order-events', 'email-queue', 'email-dlq', 'inventory-queue', 'payment-events']);
    expect(Object.keys(doc.channels['order-events'].messages)).toEqual(['OrderPlaced']);
    // The DLQ receives what its queue dead-letters.
    expect(Object.keys(doc.channels['email-dlq'].messages)).toEqual(['OrderPlaced']);
    expect(doc.operations['orders.send.order-events']).toMatchObject({
      action: 'send',
      channel: { $ref: '#/channels/order-events' },
      messages: [{ $ref: '#/channels/order-events/messages/OrderPlaced' }],
    });
    expect(doc.operations['payments.send.payment-events'].messages).toEqual([{ $ref: '#/channels/payment-events/messages/PaymentSucceeded' }]);
    expect(doc.operations['email.receive.email-queue'].action).toBe('receive');
    expect(doc.operations['order-view.receive.payment-events'].messages).toEqual([
      { $ref: '#/channels/payment-events/messages/PaymentSucceeded' },
    ]);
    expect(Object.keys(doc.components.messages)).toEqual(['OrderPlaced', 'PaymentSucceeded']);
    expect(doc.components.messages.OrderPlaced.payload).toMatchObject({ type: 'object', title: 'OrderPlaced' });
  });

  it('adds AMQP and Kafka bindings where the design has exchanges and streams', () => {
    const topology = fixtureTopology(examples.find((e) => e.name === 'all-kinds.json')!.text, 'all-kinds');
    const doc = toAsyncApi(topology) as Obj;
    expect(doc.servers.rabbitmq.protocol).toBe('amqp');
    expect(doc.servers.kafka.protocol).toBe('kafka');
    expect(doc.channels.orders.bindings.amqp).toMatchObject({ is: 'routingKey', exchange: { name: 'orders', type: 'topic' } });
    expect(doc.channels['eu-orders'].bindings.amqp).toMatchObject({ is: 'queue', queue: { name: 'eu-orders' } });
    expect(doc.channels['eu-orders']['x-fanout-binding-keys']).toEqual([{ exchange: 'orders', bindingKey: 'order.*.eu' }]);
    expect(doc.channels.log.bindings.kafka).toMatchObject({ topic: 'log', partitions: 3 });
    expect(doc.operations['billing.receive.log'].bindings.kafka.groupId).toEqual({ type: 'string', enum: ['billing'] });
    expect(doc.operations['view.receive.log'].bindings.kafka.groupId.enum).toEqual(['views']);
    expect(doc.operations['shop.send.orders'].bindings.amqp.cc).toEqual(['order.placed.eu', 'order.placed.us', '']);
    expect(doc.operations['partner.receive.hooks'].bindings.http.method).toBe('POST');
    // A filter narrows what a subscription receives.
    expect(doc.operations['partner.receive.events'].messages).toEqual([{ $ref: '#/channels/events/messages/InvoiceSent' }]);
    expect(doc.components.messages.SendInvoice['x-fanout-category']).toBe('command');
  });

  it('YAML reads back as the same document', async () => {
    const topology = fixtureTopology(examples.find((e) => e.name === 'all-kinds.json')!.text, 'all-kinds');
    const yaml = toAsyncApiText(topology, 'yaml');
    const { document } = await parser.parse(yaml);
    expect(document).toBeDefined();
    // The parsed document resolves $refs; compare the parts without references.
    const original = toAsyncApi(topology) as Obj;
    const read = document!.json() as Obj;
    expect(read.info).toEqual(original.info);
    expect(read.servers).toEqual(original.servers);
    expect(read.channels.orders.bindings).toEqual(original.channels.orders.bindings);
  });

  it('a broker named like an Object.prototype member ("constructor") keeps its channel and servers', async () => {
    // fast-check found it: the parser resolved #/servers/kafka for no channel called "constructor".
    const topology = { format: 'fanout/topology', version: 1, nodes: [{ id: 'constructor', kind: 'stream' }, { id: 'toString', kind: 'queue' }], edges: [] } as unknown as Topology;
    const doc = JSON.parse(toAsyncApiText(topology, 'json')) as Obj;
    expect(Object.keys(doc.channels)).toEqual(['constructor_2', 'toString_2']);
    expect(doc.channels['constructor_2'].address).toBe('constructor');
    expect(errorsOf(await parser.validate(toAsyncApiText(topology)))).toEqual([]);
  });

  it('every valid topology exports to a document with no errors (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryTopology(6), async (topology) => {
        expect(errorsOf(await parser.validate(toAsyncApiText(topology)))).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});

/**
 * Drops the keys no YAML reader that builds plain objects can give back: `__proto__` (it becomes a
 * prototype) and `<<` (YAML 1.1's merge key: the AsyncAPI parser merges it however it is quoted,
 * even from JSON text). The exporter never writes either: its keys are ids and sanitised names.
 */
function withoutProtoKeys<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) => (key === '__proto__' || key === '<<' ? undefined : v)) as T;
}

describe('YAML emitter', () => {
  it('quotes whatever YAML could misread', () => {
    const yaml = toYaml({ a: 'yes', b: 'no', c: '1.0', d: '#x', e: 'a: b', f: '- item', g: '', h: 'null', i: '  pad', j: 'multi\nline', k: 'plain words' });
    expect(yaml).toBe(
      'a: "yes"\nb: "no"\nc: "1.0"\nd: "#x"\ne: "a: b"\nf: "- item"\ng: ""\nh: "null"\ni: "  pad"\nj: "multi\\nline"\nk: plain words\n',
    );
  });

  it('reads back exactly as the JSON it came from (property, through the AsyncAPI parser)', async () => {
    await fc.assert(
      fc.asyncProperty(
        // No `__proto__` keys: a YAML parser building plain JS objects cannot keep one (it is not
        // something the exporter writes: x- extensions and keys come from the emitter's own input).
        fc
          .dictionary(fc.string({ unit: 'binary', maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 })
          .map(withoutProtoKeys),
        fc.jsonValue({ maxDepth: 3 }).map(withoutProtoKeys),
        fc.string({ unit: 'binary', maxLength: 40 }),
        async (object, value, title) => {
          const info = { title, version: '1.0.0', 'x-object': object, 'x-value': value };
          const doc = { asyncapi: '3.0.0', info, channels: {}, operations: {} };
          const { document } = await parser.parse(toYaml(doc));
          expect(document, 'parse failed').toBeDefined();
          expect((document!.json() as Obj).info).toEqual(JSON.parse(JSON.stringify(doc.info)));
        },
      ),
      { numRuns: 40 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Topology } from '../schema';
import { arbitraryTopology } from './arbitrary-topology';
import { DOCUMENT_KEY_ORDER } from './canonical';
import { decodeTopologyFile, encodeTopologyFile, looksLikeTopologyText, topologyFileName } from './file';
import { fixtureTopology, namedTexts } from './test-support';

const examples = namedTexts(
  import.meta.glob<string>(['./__fixtures__/*.json', '/public/examples/*.json'], { eager: true, query: '?raw', import: 'default' }),
  ['frozen-links.json', '/index.json'],
);

/** Reverses the key order of every object: the same document, assembled differently. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
}

describe('topology files', () => {
  it('covers the spec example and the every-kind fixture', () => {
    expect(examples.map((e) => e.name)).toEqual(expect.arrayContaining(['order-events.json', 'all-kinds.json']));
  });

  for (const { name, text } of examples) {
    it(`round-trips ${name} exactly`, () => {
      const topology = fixtureTopology(text, name);
      const encoded = encodeTopologyFile(topology);
      const decoded = decodeTopologyFile(encoded);
      expect(decoded.ok).toBe(true);
      if (decoded.ok) expect(decoded.topology).toEqual(topology);
      // Encoding what was decoded gives the same bytes: files are a fixed point.
      if (decoded.ok) expect(encodeTopologyFile(decoded.topology)).toBe(encoded);
    });
  }

  it('writes pretty JSON with a trailing newline and the canonical key order', () => {
    const topology = fixtureTopology(examples.find((e) => e.name === 'all-kinds.json')!.text, 'all-kinds');
    const text = encodeTopologyFile(reverseKeys(topology) as Topology);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "nodes": [\n    {\n      "id": "shop",\n      "kind": "producer",\n      "label": "Shop [web]",\n      "messages"');
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(DOCUMENT_KEY_ORDER.filter((k) => k in parsed));
    const nodes = parsed.nodes as Record<string, unknown>[];
    expect(Object.keys(nodes[0]!)).toEqual(['id', 'kind', 'label', 'messages', 'position', 'notes', 'ui']);
    expect(Object.keys(nodes.find((n) => n.id === 'eu-orders')!)).toEqual([
      'id', 'kind', 'label', 'fifo', 'visibilityTimeout', 'retry', 'capacity', 'overflow',
    ]);
    expect(Object.keys((parsed.edges as Record<string, unknown>[]).find((e) => e.id === 'g2')!)).toEqual([
      'id', 'from', 'to', 'kind', 'group', 'retry',
    ]);
    expect(Object.keys((parsed.faults as Record<string, unknown>[])[1]!)).toEqual(['node', 'type', 'factor', 'from', 'to']);
  });

  it('is deterministic: key order of the input does not change the file (property)', () => {
    fc.assert(
      fc.property(arbitraryTopology(), (doc) => {
        expect(encodeTopologyFile(reverseKeys(doc) as Topology)).toBe(encodeTopologyFile(doc));
      }),
      { numRuns: 150 },
    );
  });

  it('decode(encode(doc)) equals doc for arbitrary valid documents (property)', () => {
    fc.assert(
      fc.property(arbitraryTopology(), (doc) => {
        const decoded = decodeTopologyFile(encodeTopologyFile(doc));
        if (!decoded.ok) throw new Error(decoded.message);
        expect(decoded.topology).toEqual(doc);
      }),
      { numRuns: 200 },
    );
  });

  it('drops a __proto__ key of a ui object instead of making it a prototype', () => {
    const text = JSON.stringify({
      format: 'fanout/topology',
      version: 1,
      nodes: [{ id: 'store', kind: 'eventstore', ui: JSON.parse('{"__proto__": {"polluted": 1}, "colour": "red"}') }],
      edges: [],
    });
    const decoded = decodeTopologyFile(text);
    if (!decoded.ok) throw new Error(decoded.message);
    const ui = decoded.topology.nodes[0]!.ui as Record<string, unknown>;
    expect(Object.keys(ui)).toEqual(['colour']);
    expect((ui as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('ignores a byte-order mark', () => {
    const text = `\ufeff${examples[0]!.text}`;
    expect(decodeTopologyFile(text).ok).toBe(true);
  });

  it('names downloads after the document', () => {
    expect(topologyFileName({ name: 'Order events: fan-out, retries and a dead-letter queue' })).toBe(
      'order-events-fan-out-retries-and-a-dead-letter-queue.fanout.json',
    );
    expect(topologyFileName({ name: 'Café Ümlaut' })).toBe('cafe-umlaut.fanout.json');
    expect(topologyFileName({ name: '***' })).toBe('topology.fanout.json');
    expect(topologyFileName({})).toBe('topology.fanout.json');
    expect(topologyFileName({ name: '../../etc/passwd' })).toBe('etc-passwd.fanout.json');
  });

  it('recognizes pasted topology text, and only that', () => {
    expect(looksLikeTopologyText(examples[0]!.text)).toBe(true);
    expect(looksLikeTopologyText('  {"format":"fanout/topology"}')).toBe(true);
    expect(looksLikeTopologyText('hello')).toBe(false);
    expect(looksLikeTopologyText('{"a":1}')).toBe(false);
  });
});

const valid = JSON.parse(examples.find((e) => e.name === 'order-events.json')!.text) as Record<string, unknown>;
const withDoc = (patch: Record<string, unknown>) => JSON.stringify({ ...valid, ...patch });
const withNode0 = (patch: Record<string, unknown>) =>
  withDoc({ nodes: [{ ...(valid.nodes as object[])[0], ...patch }, ...(valid.nodes as object[]).slice(1)] });

/** [what, file text, a pattern the message must match]. Each must be refused with that message. */
const MALFORMED_FILES: [string, string, RegExp][] = [
  ['empty text', '', /empty/],
  ['only whitespace', '  \n\t ', /empty/],
  ['truncated JSON', examples[0]!.text.slice(0, 300), /invalid JSON at line \d+, column \d+/],
  ['trailing garbage', `${examples[0]!.text}}`, /after the end of the JSON value/],
  ['single quotes', "{'format': 'fanout/topology'}", /invalid JSON at line 1, column 2/],
  ['a JSON list', '[]', /expected a topology object, found an empty list/],
  ['JSON null', 'null', /found null/],
  ['a JSON string', '"fanout/topology"', /expected a topology object/],
  ['a JSON number', '42', /expected a topology object, found 42/],
  ['another format', withDoc({ format: 'asyncapi' }), /not a Fanout topology/],
  ['no format', JSON.stringify({ version: 1, nodes: [], edges: [] }), /format: missing/],
  ['a newer version', withDoc({ version: 2 }), /version 2, made by a newer Fanout/],
  ['version 0', withDoc({ version: 0 }), /version must be 1 or more/],
  ['version as text', withDoc({ version: '1' }), /version/],
  ['nodes not a list', withDoc({ nodes: {} }), /nodes: expected an array/],
  ['a typo in a field', withNode0({ mesages: [] }), /nodes\[0\]\.mesages \(node "orders"\): unknown field "mesages" \(did you mean "messages"\?\)/],
  ['a bad node id', withNode0({ id: 'has space' }), /nodes\[0\]\.id/],
  ['an unknown node kind', withNode0({ kind: 'lambda' }), /nodes\[0\].*kind/],
  ['a negative rate', withNode0({ messages: [{ type: 'A', rate: -1 }] }), /nodes\[0\]\.messages\[0\]\.rate \(node "orders"\): expected a number ≥ 0, found -1/],
  ['an over-long binding key', withDoc({ edges: [{ id: 'b', from: 'x', to: 'y', kind: 'bind', bindingKey: 'k'.repeat(256) }] }), /edges\[0\].*bindingKey.*255 UTF-8 bytes/],
  ['a text over 5 MB', `{"format":"fanout/topology","version":1,"name":"${'x'.repeat(5_000_001)}"}`, /too large/],
];

describe('malformed files are refused with a message naming what and where', () => {
  it(`has at least 20 cases (has ${MALFORMED_FILES.length})`, () => expect(MALFORMED_FILES.length).toBeGreaterThanOrEqual(20));
  for (const [what, text, pattern] of MALFORMED_FILES) {
    it(what, () => {
      const result = decodeTopologyFile(text);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.message).toMatch(pattern);
        expect(result.errors.length).toBeGreaterThan(0);
      }
    });
  }
});

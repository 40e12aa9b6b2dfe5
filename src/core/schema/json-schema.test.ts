/**
 * The committed JSON Schema (public/schema/topology.v1.json) is current, and an independent
 * validator (ajv, draft 2020-12) reading it agrees with zod: it accepts every example and rejects
 * malformed documents that JSON Schema can describe.
 */
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryTopology } from '../codec/arbitrary-topology';
import { topologyJsonSchemaText } from './json-schema';
import { parseTopologyValue } from './parse';
import committedText from '../../../public/schema/topology.v1.json?raw';
import specExampleText from './__fixtures__/spec-order-events.json?raw';

const examples = import.meta.glob<string>('/public/examples/*.json', { eager: true, query: '?raw', import: 'default' });
const documents = [
  ['spec example', specExampleText] as const,
  ...Object.entries(examples).filter(([path]) => !path.endsWith('/index.json')),
];

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(JSON.parse(committedText) as object);

describe('public/schema/topology.v1.json', () => {
  it('is what the zod schema generates today (else: run npm run schema)', () => {
    const fresh = topologyJsonSchemaText();
    expect(committedText === fresh, 'public/schema/topology.v1.json is stale: run npm run schema and commit it').toBe(true);
  });

  it('is a draft 2020-12 schema with an id, a title and closed objects', () => {
    const schema = JSON.parse(committedText) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe('https://fanout.dev/schema/topology.v1.json');
    expect(schema.title).toBe('Fanout topology, version 1');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['format', 'version', 'nodes', 'edges']);
  });

  it('documents the defaults of INPUT documents (optional fields stay optional)', () => {
    const schema = JSON.parse(committedText) as { properties: { simulation: { properties: Record<string, { default?: unknown }>; required?: unknown } } };
    expect(schema.properties.simulation.properties.seed!.default).toBe(1);
    expect(schema.properties.simulation.required).toBeUndefined();
  });
});

describe('ajv with the committed schema agrees with zod', () => {
  it.each(documents)('accepts %s', (_name, text) => {
    const doc = JSON.parse(text) as unknown;
    expect(parseTopologyValue(doc).ok).toBe(true);
    const ok = validate(doc);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  /* eslint-disable @typescript-eslint/no-explicit-any -- malformed documents are untyped on purpose */
  const base = (): any => JSON.parse(specExampleText);
  it.each([
    ['an unknown top-level field', (d: any) => void (d.colour = 'red'), ''],
    ['an unknown node kind', (d: any) => void (d.nodes[1].kind = 'bus'), '/nodes/1'],
    ['a field of another kind', (d: any) => void (d.nodes[2].partitions = 3), '/nodes/2'],
    ['a bad id', (d: any) => void (d.nodes[0].id = 'has space'), '/nodes/0'],
    ['maxAttempts 0', (d: any) => void (d.nodes[2].retry.maxAttempts = 0), '/nodes/2'],
    ['a probability above 1', (d: any) => void (d.nodes[6].ackLoss = 1.5), '/nodes/6'],
    ['a negative rate', (d: any) => void (d.nodes[0].messages[0].rate = -1), '/nodes/0'],
    ['version 2', (d: any) => void (d.version = 2), '/version'],
    ['a missing format', (d: any) => void delete d.format, ''],
    ['an unknown edge kind', (d: any) => void (d.edges[0].kind = 'pipe'), '/edges/0/kind'],
    ['an edge without to', (d: any) => void delete d.edges[0].to, '/edges/0'],
    ['a label of 201 characters', (d: any) => void (d.nodes[1].label = 'x'.repeat(201)), '/nodes/1'],
    ['an unknown distribution', (d: any) => void (d.nodes[3].processingTime = { dist: 'normal', mean: 1 }), '/nodes/3'],
  ])('rejects %s, as zod does', (_what, breakIt, where) => {
    const doc = base();
    breakIt(doc);
    expect(parseTopologyValue(doc).ok).toBe(false);
    expect(validate(doc)).toBe(false);
    expect(validate.errors!.some((e) => e.instancePath.startsWith(where))).toBe(true);
  });

  it('accepts every document zod accepts (property, arbitrary valid topologies)', () => {
    fc.assert(
      fc.property(arbitraryTopology(8), (t) => {
        const doc = JSON.parse(JSON.stringify(t)) as unknown;
        expect(parseTopologyValue(doc).ok).toBe(true);
        expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

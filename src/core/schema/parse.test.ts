/**
 * The schema refuses malformed documents with an error a person can act on: the JSON path of the
 * offending field and a message saying what was expected and what was found.
 */
import { describe, expect, it } from 'vitest';
import { describeValue, formatPath, MAX_TEXT_LENGTH, parseTopology, parseTopologyValue } from './parse';

/* eslint-disable @typescript-eslint/no-explicit-any -- malformed documents are untyped on purpose */
type Doc = any;

/** A small valid document: producer → queue → consumer, plus an exchange, a stream and a webhook. */
function base(): Doc {
  return {
    format: 'fanout/topology',
    version: 1,
    nodes: [
      { id: 'p', kind: 'producer', messages: [{ type: 'OrderPlaced', rate: 1 }] },
      { id: 'q', kind: 'queue' },
      { id: 'c', kind: 'consumer' },
      { id: 'x', kind: 'exchange', exchangeType: 'topic' },
      { id: 's', kind: 'stream' },
      { id: 'w', kind: 'webhook' },
    ],
    edges: [
      { id: 'e1', from: 'p', to: 'q' },
      { id: 'e2', from: 'q', to: 'c' },
    ],
  };
}

function deepObject(depth: number): Doc {
  const root: Doc = {};
  let at = root;
  for (let i = 0; i < depth; i++) {
    at.a = [{}];
    at = at.a[0];
  }
  return root;
}

/** [what, how to break the base document, expected path, expected message fragment]. */
const MALFORMED: [string, (d: Doc) => Doc | void, string, RegExp][] = [
  ['nodes is not a list', (d) => void (d.nodes = {}), 'nodes', /nodes: expected an array, found an object/],
  ['missing nodes', (d) => void delete d.nodes, 'nodes', /nodes: missing; expected an array/],
  ['missing edges', (d) => void delete d.edges, 'edges', /edges: missing/],
  ['unknown top-level field', (d) => void (d.colour = 'red'), 'colour', /unknown field "colour"/],
  ['a field that only differs in case', (d) => void (d.Nodes = []), 'Nodes', /unknown field "Nodes" \(did you mean "nodes"\?\)/],
  ['typo in a field name', (d) => void (d.nodes[1].retyr = { maxAttempts: 2 }), 'nodes[1].retyr', /\(node "q"\): unknown field "retyr" \(did you mean "retry"\?\)/],
  ['field of another kind', (d) => void (d.nodes[1].partitions = 3), 'nodes[1].partitions', /unknown field "partitions"/],
  ['unknown node kind', (d) => void (d.nodes[1].kind = 'bus'), 'nodes[1].kind', /expected kind one of "producer", .*found "bus"/],
  ['node without kind', (d) => void delete d.nodes[2].kind, 'nodes[2].kind', /missing; expected kind one of/],
  ['junk in the node list', (d) => void (d.nodes[1] = 42), 'nodes[1]', /nodes\[1\]: expected an object, found 42/],
  ['id with a space', (d) => void (d.nodes[1].id = 'email queue'), 'nodes[1].id', /an id of 1–64 characters from A-Z a-z 0-9 _ \. -, found "email queue"/],
  ['id of 65 characters', (d) => void (d.nodes[1].id = 'a'.repeat(65)), 'nodes[1].id', /found a 65-character string/],
  ['empty id', (d) => void (d.nodes[1].id = ''), 'nodes[1].id', /found ""/],
  ['negative rate', (d) => void (d.nodes[0].messages[0].rate = -1), 'nodes[0].messages[0].rate', /expected a number ≥ 0, found -1/],
  ['zero rate without a burst', (d) => void (d.nodes[0].messages[0].rate = 0), 'nodes[0].messages[0].rate', /rate must be > 0 \(0 is allowed only with a burst\)/],
  ['rate as a string', (d) => void (d.nodes[0].messages[0].rate = '5'), 'nodes[0].messages[0].rate', /expected a number, found "5"/],
  ['probability above 1', (d) => void (d.nodes[2].ackLoss = 1.5), 'nodes[2].ackLoss', /expected a number ≤ 1, found 1\.5/],
  ['probability below 0', (d) => void (d.nodes[2].failure = { probability: -0.1 }), 'nodes[2].failure.probability', /≥ 0, found -0\.1/],
  ['emit probability 2', (d) => void (d.nodes[2].emits = [{ type: 'B', probability: 2 }]), 'nodes[2].emits[0].probability', /≤ 1, found 2/],
  ['maxAttempts 0', (d) => void (d.nodes[1].retry = { maxAttempts: 0 }), 'nodes[1].retry.maxAttempts', /expected a number ≥ 1, found 0/],
  ['maxAttempts not an integer', (d) => void (d.nodes[1].retry = { maxAttempts: 1.5 }), 'nodes[1].retry.maxAttempts', /expected an integer, found 1\.5/],
  ['partitions 0', (d) => void (d.nodes[4].partitions = 0), 'nodes[4].partitions', /\(node "s"\): expected a number ≥ 1, found 0/],
  ['concurrency 2.5', (d) => void (d.nodes[2].concurrency = 2.5), 'nodes[2].concurrency', /expected an integer, found 2\.5/],
  ['count 2.5', (d) => void (d.nodes[0].messages[0].count = 2.5), 'nodes[0].messages[0].count', /expected an integer/],
  ['capacity 0', (d) => void (d.nodes[1].capacity = 0), 'nodes[1].capacity', /≥ 1, found 0/],
  ['visibility timeout 0', (d) => void (d.nodes[1].visibilityTimeout = 0), 'nodes[1].visibilityTimeout', /expected a number > 0, found 0/],
  ['version 2', (d) => void (d.version = 2), 'version', /version 2, made by a newer Fanout; this one reads up to version 1/],
  ['version 0', (d) => void (d.version = 0), 'version', /version must be 1 or more/],
  ['version as a string', (d) => void (d.version = '1'), 'version', /expected 1, found "1"/],
  ['missing version', (d) => void delete d.version, 'version', /version: missing; expected 1/],
  ['missing format', (d) => void delete d.format, 'format', /missing; a Fanout topology starts with "format": "fanout\/topology"/],
  ['another format', (d) => void (d.format = 'asyncapi'), 'format', /this is not a Fanout topology/],
  ['10 MB label', (d) => void (d.nodes[1].label = 'x'.repeat(10_000_000)), 'nodes[1].label', /at most 200 characters, found a 10000000-character string/],
  ['deeply nested junk in a field', (d) => void (d.nodes[1].retry = deepObject(5000)), 'nodes[1].retry.maxAttempts', /missing; expected a number/],
  ['routing key of 256 bytes (128 × é)', (d) => void (d.nodes[0].messages[0].routingKey = 'é'.repeat(128)), 'nodes[0].messages[0].routingKey', /at most 255 UTF-8 bytes \(AMQP short string\) \(found a string of 256 UTF-8 bytes\)/],
  ['one routing key of a list too long', (d) => void (d.nodes[0].messages[0].routingKey = ['a', 'b'.repeat(256)]), 'nodes[0].messages[0].routingKey[1]', /255 UTF-8 bytes/],
  ['binding key too long', (d) => void d.edges.push({ id: 'e3', from: 'x', to: 'q', kind: 'bind', bindingKey: 'b'.repeat(256) }), 'edges[2].bindingKey', /\(edge "e3"\): at most 255 UTF-8 bytes/],
  ['key and keys both', (d) => void Object.assign(d.nodes[0].messages[0], { key: 'k', keys: 3 }), 'nodes[0].messages[0].keys', /give either key or keys, not both/],
  ['uniform with max < min', (d) => void (d.nodes[2].processingTime = { dist: 'uniform', min: 2, max: 1 }), 'nodes[2].processingTime.max', /max must be ≥ min/],
  ['lognormal with p99 < median', (d) => void (d.nodes[2].processingTime = { dist: 'lognormal', median: 2, p99: 1 }), 'nodes[2].processingTime.p99', /p99 must be ≥ median/],
  ['unknown distribution', (d) => void (d.nodes[2].processingTime = { dist: 'normal', mean: 2 }), 'nodes[2].processingTime.dist', /expected dist one of "constant", "exponential", "uniform", "lognormal", found "normal"/],
  ['negative constant time', (d) => void (d.nodes[2].processingTime = -1), 'nodes[2].processingTime', /≥ 0, found -1/],
  ['exponential mean 0', (d) => void (d.nodes[2].processingTime = { dist: 'exponential', mean: 0 }), 'nodes[2].processingTime.mean', /> 0, found 0/],
  ['fault ending before it starts', (d) => void (d.faults = [{ node: 'c', type: 'down', from: 10, to: 5 }]), 'faults[0].to', /to must be after from \(found 5\)/],
  ['unknown fault type', (d) => void (d.faults = [{ node: 'c', type: 'crash', from: 1, to: 5 }]), 'faults[0].type', /expected type one of "down", "slow", found "crash"/],
  ['unknown edge kind', (d) => void (d.edges[0].kind = 'pipe'), 'edges[0].kind', /\(edge "e1"\): expected one of "publish", .*found "pipe"/],
  ['field of another edge kind', (d) => void Object.assign(d.edges[0], { kind: 'publish', bindingKey: 'a' }), 'edges[0].bindingKey', /a publish edge has no bindingKey \(it takes: filter\)/],
  ['edge without to', (d) => void delete d.edges[0].to, 'edges[0].to', /missing; expected a string/],
  ['headers exchange (not in v1)', (d) => void (d.nodes[3].exchangeType = 'headers'), 'nodes[3].exchangeType', /expected one of "direct", "topic", "fanout", found "headers"/],
  ['seed not an integer', (d) => void (d.simulation = { seed: 1.5 }), 'simulation.seed', /expected an integer, found 1\.5/],
  ['duration 0', (d) => void (d.simulation = { duration: 0 }), 'simulation.duration', /> 0, found 0/],
  ['null for a number', (d) => void (d.nodes[2].concurrency = null), 'nodes[2].concurrency', /expected a number, found null/],
  ['empty message type', (d) => void (d.nodes[0].messages[0].type = ''), 'nodes[0].messages[0].type', /at least 1 character, found ""/],
  ['unknown category', (d) => void (d.nodes[0].messages[0].category = 'query'), 'nodes[0].messages[0].category', /one of "event", "command", found "query"/],
  ['backoff type linear', (d) => void (d.nodes[1].retry = { maxAttempts: 3, backoff: { type: 'linear', initial: 1 } }), 'nodes[1].retry.backoff.type', /one of "fixed", "exponential"/],
  ['backoff multiplier below 1', (d) => void (d.nodes[1].retry = { maxAttempts: 3, backoff: { type: 'exponential', initial: 1, multiplier: 0.5 } }), 'nodes[1].retry.backoff.multiplier', /≥ 1, found 0\.5/],
  ['negative webhook schedule entry', (d) => void (d.nodes[5].schedule = [5, -1]), 'nodes[5].schedule[1]', /≥ 0, found -1/],
  ['position as strings', (d) => void (d.nodes[1].position = { x: '1', y: 2 }), 'nodes[1].position.x', /expected a number, found "1"/],
  ['filter types not a list', (d) => void (d.edges[0].filter = { types: 'A' }), 'edges[0].filter.types', /expected an array, found "A"/],
  ['a list instead of a document', (d) => [d], '', /expected a topology object, found a list of 1/],
  ['null instead of a document', () => null, '', /expected a topology object, found null/],
  ['__proto__ as a field', (d) => void Object.defineProperty(d.nodes[1], '__proto__', { value: { x: 1 }, enumerable: true }), 'nodes[1].__proto__', /unknown field "__proto__"/],
];

describe('parseTopologyValue refuses malformed documents with a path and a helpful message', () => {
  it('accepts the base document', () => {
    expect(parseTopologyValue(base())).toMatchObject({ ok: true });
  });

  it(`has at least 30 cases (${MALFORMED.length})`, () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(30);
  });

  it.each(MALFORMED)('%s', (_what, breakIt, path, message) => {
    const doc = base();
    const replaced = breakIt(doc);
    const result = parseTopologyValue(replaced === undefined ? doc : replaced);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.errors.find((e) => e.path === path);
    expect(error, `errors were: ${result.errors.map((e) => `[${e.path}] ${e.message}`).join(' | ')}`).toBeDefined();
    expect(error!.message).toMatch(message);
    expect(error!.message.length).toBeLessThan(400);
    if (path !== '') expect(error!.message.startsWith(path)).toBe(true);
  });

  it('caps the number of errors on a document that is wrong everywhere', () => {
    const doc = base();
    doc.nodes = Array.from({ length: 500 }, (_, i) => ({ id: `n${i}`, kind: 'queue', capacity: 0 }));
    const result = parseTopologyValue(doc);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.length).toBeLessThanOrEqual(50);
  });

  it('keeps the open ui object open, however deep', () => {
    const doc = base();
    doc.nodes[1].ui = deepObject(5000);
    expect(parseTopologyValue(doc).ok).toBe(true);
  });
});

describe('parseTopology on text', () => {
  it('names line and column of invalid JSON', () => {
    const text = '{\n  "format": "fanout/topology",\n  "version": 1\n  "nodes": []\n}';
    const result = parseTopology(text);
    expect(result).toMatchObject({ ok: false, errors: [{ path: '', line: 4, column: 3 }] });
    if (!result.ok) expect(result.errors[0]!.message).toBe("invalid JSON at line 4, column 3: expected ',' or '}' but found '\"'");
  });

  it.each([
    ['{"a": 1,}', 1, 9, /property name in double quotes/],
    ['[1, 2', 1, 6, /the end of the text/],
    ['{"a": "b\nc"}', 1, 9, /control character/],
    ['{"capacity": NaN}', 1, 14, /expected a value but found 'N'/],
  ])('%j → line %i, column %i', (text, line, column, message) => {
    const result = parseTopology(text);
    expect(result).toMatchObject({ ok: false, errors: [{ line, column }] });
    if (!result.ok) expect(result.errors[0]!.message).toMatch(message);
  });

  it('refuses an empty file and an oversized one before parsing', () => {
    expect(parseTopology('  \n')).toMatchObject({ ok: false, errors: [{ message: 'the file is empty' }] });
    const big = parseTopology(' '.repeat(MAX_TEXT_LENGTH + 1));
    expect(big.ok).toBe(false);
    if (!big.ok) expect(big.errors[0]!.message).toMatch(/too large \(5\.0 MB; the limit is 5 MB\)/);
  });

  it('reads a number too large for a double as "not finite"', () => {
    const doc = JSON.stringify(base()).replace('"kind":"queue"', '"kind":"queue","visibilityTimeout":1e400');
    const result = parseTopology(doc);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.message).toMatch(/expected a finite number, found Infinity/);
  });

  it('survives deeply nested JSON text', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const ok = parseTopology(JSON.stringify(base()).replace('"kind":"queue"', `"kind":"queue","ui":{"d":${deep}}`));
    expect(ok.ok).toBe(true);
    const bad = parseTopology(`{"ui":${'['.repeat(100_000)}}`);
    expect(bad).toMatchObject({ ok: false, errors: [{ line: 1 }] });
  });

  it('treats a repeated key as JSON does: the last one wins', () => {
    const result = parseTopology('{"format":"fanout/topology","version":1,"version":2,"nodes":[],"edges":[]}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.message).toMatch(/newer Fanout/);
  });
});

describe('helpers', () => {
  it('formats paths and values for messages', () => {
    expect(formatPath(['nodes', 3, 'retry', 'maxAttempts'])).toBe('nodes[3].retry.maxAttempts');
    expect(formatPath([])).toBe('');
    expect(describeValue('x'.repeat(61))).toBe('a 61-character string');
    expect(describeValue([])).toBe('an empty list');
    expect(describeValue(undefined)).toBe('nothing');
  });
});

/**
 * Turning text (a file, a share link's payload, the clipboard, an autosave) into a topology, with
 * errors a person can act on: each names the JSON path, what was expected and what was found.
 * Every way into the app goes through `parseTopology` (or `parseTopologyValue` for decoded JSON).
 */
import { utf8Length } from '../util/utf8';
import type { z } from 'zod';
import { topologySchema, type Topology } from './document';
import { findJsonSyntaxError } from './json-position';
import { migrateDocument, type RawDocument } from './migrations';

export interface SchemaError {
  /** JSON path such as `nodes[3].retry.maxAttempts`; empty for the whole document. */
  path: string;
  /** What the format wants there. */
  expected: string;
  /** What the document has there (abbreviated JSON), or "nothing" when missing. */
  found: string;
  /** One sentence: path, expected, found. */
  message: string;
  /** For JSON syntax errors: 1-based position. */
  line?: number;
  column?: number;
}

export type ParseResult =
  | { ok: true; topology: Topology; migratedFrom?: number }
  | { ok: false; errors: SchemaError[] };

/** Texts larger than this are refused before parsing (a topology of 10,000 nodes is far smaller). */
export const MAX_TEXT_LENGTH = 5_000_000;
const MAX_ERRORS = 50;

/** Parses, migrates and validates topology JSON text. */
export function parseTopology(text: string): ParseResult {
  if (text.length > MAX_TEXT_LENGTH) {
    const mb = (text.length / 1e6).toFixed(1);
    return fail('', `a topology of at most ${MAX_TEXT_LENGTH / 1e6} MB`, `${mb} MB of text`, `the file is too large (${mb} MB; the limit is ${MAX_TEXT_LENGTH / 1e6} MB)`);
  }
  if (text.trim() === '') return fail('', 'a JSON object', 'an empty text', 'the file is empty');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const syntax = findJsonSyntaxError(text) ?? { message: 'invalid JSON', line: 1, column: 1 };
    return {
      ok: false,
      errors: [
        {
          path: '',
          expected: 'valid JSON',
          found: syntax.message,
          message: `invalid JSON at line ${syntax.line}, column ${syntax.column}: ${syntax.message}`,
          line: syntax.line,
          column: syntax.column,
        },
      ],
    };
  }
  return parseTopologyValue(value);
}

/** Migrates and validates an already decoded JSON value. */
export function parseTopologyValue(value: unknown): ParseResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('', 'a JSON object with "format": "fanout/topology"', describeValue(value), `expected a topology object, found ${describeValue(value)}`);
  }
  const raw = value as RawDocument;
  if (raw.format !== 'fanout/topology') {
    return fail(
      'format',
      '"fanout/topology"',
      describeValue(raw.format),
      raw.format === undefined
        ? 'format: missing; a Fanout topology starts with "format": "fanout/topology"'
        : `format: expected "fanout/topology", found ${describeValue(raw.format)} (this is not a Fanout topology)`,
    );
  }
  const migrated = migrateDocument(raw);
  if (!migrated.ok) return fail(migrated.path, 'a version this Fanout reads', describeValue(migrated.found), `${migrated.path}: ${migrated.message}`);
  const parsed = topologySchema.safeParse(migrated.document);
  if (parsed.success) {
    return migrated.migratedFrom === undefined
      ? { ok: true, topology: parsed.data }
      : { ok: true, topology: parsed.data, migratedFrom: migrated.migratedFrom };
  }
  const errors: SchemaError[] = [];
  for (const issue of parsed.error.issues) {
    for (const e of explainIssue(issue, [], migrated.document)) {
      if (errors.length < MAX_ERRORS && !errors.some((x) => x.message === e.message)) errors.push(e);
    }
  }
  return { ok: false, errors };
}

function fail(path: string, expected: string, found: string, message: string): ParseResult {
  return { ok: false, errors: [{ path, expected, found, message }] };
}

type Issue = z.core.$ZodIssue;
type PathPart = PropertyKey;

/** `['nodes', 3, 'retry']` → `nodes[3].retry`. */
export function formatPath(path: readonly PathPart[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function valueAt(root: unknown, path: readonly PathPart[]): { present: boolean; value: unknown } {
  let cur: unknown = root;
  for (const part of path) {
    if (cur === null || typeof cur !== 'object' || !(part in (cur as object))) return { present: false, value: undefined };
    cur = (cur as Record<PropertyKey, unknown>)[part];
  }
  return { present: true, value: cur };
}

/** A short rendering of a value for messages: `"abc"`, `-1`, `an object`, `a 10000000-character string`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    if (value.length > 60) return `a ${value.length}-character string`;
    return JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  return 'an object';
}

/** Adds the node or edge id to a path, so `nodes[3]` reads `nodes[3] ("email")`. */
function withIdHint(path: readonly PathPart[], root: unknown): string {
  const base = formatPath(path);
  if ((path[0] === 'nodes' || path[0] === 'edges') && typeof path[1] === 'number') {
    const id = valueAt(root, path.slice(0, 2)).value as { id?: unknown } | undefined;
    if (id && typeof id.id === 'string') return `${base} (${path[0] === 'nodes' ? 'node' : 'edge'} "${id.id.slice(0, 64)}")`;
  }
  return base;
}

function expectedOf(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return article(issue.expected);
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'array') return `at least ${min} item${min === '1' ? '' : 's'}`;
      if (issue.origin === 'string') return `at least ${min} character${min === '1' ? '' : 's'}`;
      return `a number ${issue.inclusive ? '≥' : '>'} ${min}`;
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'array') return `at most ${max} items`;
      if (issue.origin === 'string') return `at most ${max} characters`;
      return `a number ${issue.inclusive ? '≤' : '<'} ${max}`;
    }
    case 'invalid_value':
      if (issue.values.length === 1) return JSON.stringify(issue.values[0]);
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return 'only the fields the format defines';
    case 'invalid_format':
      return issue.message ?? `a ${issue.format}`;
    case 'not_multiple_of':
      return `a multiple of ${String(issue.divisor)}`;
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        const options = (issue as { options?: unknown[] }).options ?? [];
        return `${issue.discriminator} one of ${options.map((o) => JSON.stringify(o)).join(', ')}`;
      }
      return 'one of the allowed forms';
    default:
      return issue.message;
  }
}

function article(type: string): string {
  if (type === 'int') return 'an integer';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** Turns one zod issue into readable errors; unions are narrowed to the branch the value meant. */
function explainIssue(issue: Issue, prefix: readonly PathPart[], root: unknown): SchemaError[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // Prefer the branch whose type matched at the union's own path (e.g. the object form of a
    // distribution when an object was given); fall back to a single "one of" error.
    const branches = issue.errors.filter(
      (branch) => !branch.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_union')),
    );
    if (branches.length >= 1) return branches[0]!.flatMap((i) => explainIssue(i, path, root));
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const where = formatPath([...path, key]);
      return {
        path: where,
        expected: 'only the fields the format defines',
        found: `unknown field "${key.slice(0, 64)}"`,
        message: `${withIdHint([...path, key], root)}: unknown field "${key.slice(0, 64)}"${suggest(key)}`,
      };
    });
  }
  const at = valueAt(root, path);
  let found = at.present ? describeValue(at.value) : 'nothing';
  // A limit in UTF-8 bytes (routing and binding keys) is answered in bytes, not characters.
  if (issue.code === 'custom' && typeof at.value === 'string' && issue.message?.includes('UTF-8 bytes')) {
    found = `a string of ${utf8Length(at.value)} UTF-8 bytes`;
  }
  let expected = expectedOf(issue);
  if (issue.code === 'custom') expected = issue.message;
  // JSON has no Infinity, but 1e400 parses to it: say what is wrong with the number.
  if (issue.code === 'invalid_type' && issue.expected === 'number' && typeof at.value === 'number') expected = 'a finite number';
  const where = withIdHint(path, root) || 'document';
  const message =
    issue.code === 'custom'
      ? `${where}: ${issue.message} (found ${found})`
      : !at.present
        ? `${where}: missing; expected ${expected}`
        : `${where}: expected ${expected}, found ${found}`;
  return [{ path: formatPath(path), expected, found, message }];
}

const KNOWN_FIELDS = [
  'format', 'version', 'name', 'description', 'simulation', 'nodes', 'edges', 'faults', 'ui', 'seed', 'duration',
  'maxEvents', 'id', 'kind', 'label', 'position', 'notes', 'messages', 'retry', 'fifo', 'visibilityTimeout',
  'retention', 'capacity', 'overflow', 'exchangeType', 'partitions', 'schedule', 'timeout', 'concurrency',
  'processingTime', 'failure', 'ackLoss', 'idempotent', 'emits', 'readRate', 'redrive', 'type', 'category', 'rate',
  'arrival', 'count', 'start', 'burst', 'key', 'keys', 'routingKey', 'probability', 'on', 'maxAttempts', 'backoff',
  'initial', 'multiplier', 'max', 'jitter', 'from', 'to', 'latency', 'filter', 'bindingKey', 'group', 'types',
  'firstAttempts', 'dist', 'value', 'mean', 'min', 'median', 'p99', 'factor', 'at', 'node',
];

/** " (did you mean "maxAttempts"?)" for a near-miss field name. */
function suggest(key: string): string {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of KNOWN_FIELDS) {
    const d = editDistance(lower, known.toLowerCase());
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  return best && best !== key ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || a.length > 40) return 99;
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

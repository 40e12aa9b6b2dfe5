/**
 * One stable key order for every object of a topology, so an exported file (and a share link's
 * payload) is the same bytes for the same document, whatever order the editor built it in. Teachers
 * keep these files in git: a diff must show what changed, not how the objects were assembled.
 *
 * Order: the spec's order (`shared/spec/topology-v1.md`) — document fields, then per node `id`,
 * `kind`, `label`, the kind's own fields as the spec's table lists them, `position`, `notes`, `ui`.
 * Keys the table does not know (none after schema validation, except inside the open `ui` objects)
 * follow in their original order; `ui` objects are sorted alphabetically, recursively.
 */
import type { Topology } from '../schema';

type Json = unknown;
type Plain = Record<string, Json>;

/** How to order one object: its keys in order, and how to order the values under some of them. */
interface Shape {
  keys: readonly string[];
  nested?: Readonly<Record<string, Nested>>;
}
/** A nested value: an object of a shape, a list of such objects, a distribution, or an open ui object. */
type Nested = Shape | { listOf: Shape } | 'distribution' | 'ui';

const DISTRIBUTION: Shape = { keys: ['dist', 'value', 'mean', 'min', 'max', 'median', 'p99'] };
const BACKOFF: Shape = { keys: ['type', 'initial', 'multiplier', 'max', 'jitter'] };
const RETRY: Shape = { keys: ['maxAttempts', 'backoff'], nested: { backoff: BACKOFF } };
const FILTER: Shape = { keys: ['types'] };
const POSITION: Shape = { keys: ['x', 'y'] };

const MESSAGE_STREAM: Shape = {
  keys: ['type', 'category', 'rate', 'arrival', 'count', 'start', 'burst', 'key', 'keys', 'routingKey'],
  nested: { burst: { keys: ['at', 'count'] } },
};
const EMIT: Shape = { keys: ['type', 'category', 'key', 'keys', 'routingKey', 'probability', 'on'] };
const FAILURE: Shape = { keys: ['probability', 'firstAttempts', 'types', 'keys'] };

const CONSUMER_FIELDS = ['concurrency', 'processingTime', 'failure', 'ackLoss', 'idempotent', 'emits'] as const;

/** Each kind's own fields, in the order of the spec's node table. */
export const NODE_FIELD_ORDER: Readonly<Record<Topology['nodes'][number]['kind'], readonly string[]>> = {
  producer: ['messages'],
  topic: ['retry'],
  queue: ['fifo', 'visibilityTimeout', 'retention', 'retry', 'capacity', 'overflow'],
  exchange: ['exchangeType'],
  stream: ['partitions', 'retry'],
  webhook: ['schedule', 'timeout'],
  consumer: [...CONSUMER_FIELDS],
  projection: [...CONSUMER_FIELDS, 'readRate'],
  eventstore: [],
  deadletter: ['redrive'],
};

const NODE_NESTED: Readonly<Record<string, Nested>> = {
  messages: { listOf: MESSAGE_STREAM },
  retry: RETRY,
  processingTime: 'distribution',
  failure: FAILURE,
  emits: { listOf: EMIT },
  redrive: { listOf: { keys: ['at'] } },
  position: POSITION,
  ui: 'ui',
};

const EDGE: Shape = {
  keys: ['id', 'from', 'to', 'kind', 'latency', 'filter', 'bindingKey', 'group', 'retry', 'ui'],
  nested: { latency: 'distribution', filter: FILTER, retry: RETRY, ui: 'ui' },
};
const FAULT: Shape = { keys: ['node', 'type', 'factor', 'from', 'to'] };
const SIMULATION: Shape = { keys: ['seed', 'duration', 'maxEvents'] };

/** The document's top-level order, as the task and the spec list it. */
export const DOCUMENT_KEY_ORDER = [
  'format',
  'version',
  'name',
  'description',
  'simulation',
  'nodes',
  'edges',
  'faults',
  'ui',
] as const;

function isPlain(value: Json): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function orderByShape(value: Json, shape: Shape): Json {
  if (!isPlain(value)) return value;
  const out: Plain = {};
  const put = (key: string) => {
    if (!(key in value) || key in out || value[key] === undefined) return;
    const nested = shape.nested?.[key];
    out[key] = nested === undefined ? value[key] : orderNested(value[key], nested);
  };
  for (const key of shape.keys) put(key);
  for (const key of Object.keys(value)) put(key);
  return out;
}

function orderNested(value: Json, nested: Nested): Json {
  if (nested === 'ui') return sortDeep(value);
  if (nested === 'distribution') return orderByShape(value, DISTRIBUTION);
  if ('listOf' in nested) return Array.isArray(value) ? value.map((item) => orderByShape(item, nested.listOf)) : value;
  return orderByShape(value, nested);
}

/** Alphabetical key order, recursively: the `ui` objects are open, so this is their only stable order. */
function sortDeep(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (!isPlain(value)) return value;
  const out: Plain = {};
  for (const key of Object.keys(value).sort()) if (value[key] !== undefined) out[key] = sortDeep(value[key]);
  return out;
}

function orderNode(node: Json): Json {
  if (!isPlain(node)) return node;
  const kind = node.kind as keyof typeof NODE_FIELD_ORDER;
  const own = NODE_FIELD_ORDER[kind] ?? [];
  return orderByShape(node, { keys: ['id', 'kind', 'label', ...own, 'position', 'notes', 'ui'], nested: NODE_NESTED });
}

/**
 * A copy of `topology` whose objects have their keys in the canonical order. Values are not
 * changed; `undefined` fields are dropped (JSON has no undefined).
 */
export function canonicalTopology(topology: Topology): Topology {
  const doc = topology as unknown as Plain;
  const out: Plain = {};
  const put = (key: string) => {
    if (!(key in doc) || key in out || doc[key] === undefined) return;
    const value = doc[key];
    if (key === 'nodes' && Array.isArray(value)) out[key] = value.map(orderNode);
    else if (key === 'edges' && Array.isArray(value)) out[key] = value.map((e) => orderByShape(e, EDGE));
    else if (key === 'faults' && Array.isArray(value)) out[key] = value.map((f) => orderByShape(f, FAULT));
    else if (key === 'simulation') out[key] = orderByShape(value, SIMULATION);
    else if (key === 'ui') out[key] = sortDeep(value);
    else out[key] = value;
  };
  for (const key of DOCUMENT_KEY_ORDER) put(key);
  for (const key of Object.keys(doc)) put(key);
  return out as unknown as Topology;
}

/**
 * The published JSON Schema of topology v1, generated from the zod schema so the two cannot drift:
 * `npm run schema` writes it to public/schema/topology.v1.json, and a test fails when the committed
 * file is stale. It describes INPUT documents (what a person writes: optional fields may be
 * omitted, defaults are annotations), in JSON Schema draft 2020-12.
 *
 * What JSON Schema cannot say is checked only by `parseTopology`: the 255-UTF-8-byte limit on
 * routing and binding keys (JSON Schema counts characters), `key` and `keys` together, `rate` 0
 * without a burst, uniform `max` ≥ `min`, lognormal `p99` ≥ `median`, fault `to` > `from`, edge
 * fields that do not belong to an explicit `kind`, and version migration.
 */
import { z } from 'zod';
import { topologySchema } from './document';

/** The JSON Schema object for topology documents. */
export function topologyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(topologySchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
}

/** The file text: pretty-printed, two-space indent, trailing newline (stable across runs). */
export function topologyJsonSchemaText(): string {
  return `${JSON.stringify(topologyJsonSchema(), null, 2)}\n`;
}

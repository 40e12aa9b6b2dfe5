/**
 * Building blocks shared by node, edge and document schemas of topology v1.
 *
 * Optional fields stay optional in the parsed document (a file written by hand keeps only what its
 * author wrote, and exports stay short); the defaults the spec names live in `defaults.ts` and are
 * attached here as JSON Schema `default` annotations so the published schema documents them.
 */
import { z } from 'zod';
import { utf8Length } from '../util/utf8';
import { DEFAULTS } from './defaults';

/** Node and edge ids: 1–64 chars of `A-Za-z0-9_.-` (spec, "Nodes"). */
export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'an id of 1–64 characters from A-Z a-z 0-9 _ . -');

/** Editor-only state: open by design, ignored by the simulator. */
export const uiSchema = z.record(z.string(), z.unknown()).meta({
  description: 'Editor-only state (sizes, colours, annotations); open, ignored by the simulator.',
});

export const labelSchema = z.string().max(200);
export const notesSchema = z.string().max(20_000);
/** A message or event type name, e.g. `OrderPlaced`. */
export const messageTypeSchema = z.string().min(1).max(200);

const nonNegative = z.number().finite().nonnegative();
const positive = z.number().finite().positive();

/** Seconds of simulated time. */
export const secondsSchema = nonNegative;

/** A probability in [0, 1]. */
export const probabilitySchema = z.number().min(0).max(1);

/**
 * Routing and binding keys: possibly empty, at most 255 UTF-8 bytes (AMQP 0-9-1 short string,
 * as in RabbitMQ).
 */
export const routingKeySchema = z
  .string()
  .refine((s) => utf8Length(s) <= 255, 'at most 255 UTF-8 bytes (AMQP short string)');

/** A distribution of durations in seconds; a bare number means constant. */
export const distributionSchema = z
  .union([
    nonNegative,
    z.discriminatedUnion('dist', [
      z.strictObject({ dist: z.literal('constant'), value: nonNegative }),
      z.strictObject({ dist: z.literal('exponential'), mean: positive }),
      z
        .strictObject({ dist: z.literal('uniform'), min: nonNegative, max: nonNegative })
        .refine((d) => d.max >= d.min, { message: 'max must be ≥ min', path: ['max'] }),
      z
        .strictObject({ dist: z.literal('lognormal'), median: positive, p99: positive })
        .refine((d) => d.p99 >= d.median, { message: 'p99 must be ≥ median', path: ['p99'] }),
    ]),
  ])
  .meta({ description: 'Seconds: a number (constant) or {dist: constant|exponential|uniform|lognormal, …}.' });

export const backoffSchema = z.strictObject({
  type: z.enum(['fixed', 'exponential']),
  initial: nonNegative.meta({ description: 'First delay in seconds.' }),
  multiplier: z.number().finite().min(1).optional().meta({ default: DEFAULTS.backoff.multiplier }),
  max: nonNegative.optional().meta({ description: 'Cap on the delay in seconds (default unbounded).' }),
  jitter: z
    .enum(['none', 'full', 'equal', 'decorrelated'])
    .optional()
    .meta({ default: DEFAULTS.backoff.jitter }),
});

/** Retry policy: attempts counted like SQS's maxReceiveCount. */
export const retrySchema = z.strictObject({
  maxAttempts: z.number().int().min(1).max(1000),
  backoff: backoffSchema.optional(),
});

/** Only messages of these types pass. */
export const filterSchema = z.strictObject({
  types: z.array(messageTypeSchema).max(1000),
});

export const categorySchema = z.enum(['event', 'command']);

/** One routing key, or a list cycled in order. */
export const routingKeysSchema = z.union([routingKeySchema, z.array(routingKeySchema).min(1).max(1000)]);

export const keyFields = {
  key: z.string().max(200).optional().meta({ description: 'One fixed key.' }),
  keys: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .meta({ description: 'n keys "k0" … "k{n-1}", drawn uniformly.' }),
};

/** Attaches the "key or keys, not both" rule to an object schema with `keyFields`. */
export function onlyOneKeySource<T extends { key?: string; keys?: number }>(v: T, ctx: z.RefinementCtx) {
  if (v.key !== undefined && v.keys !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['keys'], message: 'give either key or keys, not both' });
  }
}

/**
 * Edge schema of topology v1 (spec, "Edges"). One strict object for every kind, because `kind` may
 * be omitted and implied from the two node kinds; fields that do not belong to an explicit kind are
 * refused here, and whether the kind fits its nodes is the validator's job (it needs the nodes).
 */
import { z } from 'zod';
import { EDGE_KINDS, EDGE_RULES } from '../rules/edges';
import { distributionSchema, filterSchema, idSchema, retrySchema, routingKeySchema, uiSchema } from './primitives';

const OPTIONAL_FIELDS = ['filter', 'bindingKey', 'group', 'retry'] as const;

export const edgeSchema = z
  .strictObject({
    id: idSchema,
    from: idSchema,
    to: idSchema,
    kind: z.enum(EDGE_KINDS).optional().meta({ description: 'Implied when exactly one kind fits the two nodes.' }),
    latency: distributionSchema.optional().meta({ description: 'Transit time; none means instantaneous.' }),
    filter: filterSchema.optional().meta({ description: 'publish, subscribe, endpoint: only these types pass.' }),
    bindingKey: routingKeySchema.optional().meta({ description: 'bind: required for direct and topic exchanges.' }),
    group: z.string().min(1).max(200).optional().meta({ description: 'group: the consumer-group name (required).' }),
    retry: retrySchema.optional().meta({ description: "group: overrides the stream's retry." }),
    ui: uiSchema.optional(),
  })
  .superRefine((edge, ctx) => {
    if (!edge.kind) return;
    const allowed: readonly string[] = EDGE_RULES[edge.kind].fields;
    for (const field of OPTIONAL_FIELDS) {
      if (edge[field] !== undefined && !allowed.includes(field)) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `a ${edge.kind} edge has no ${field}${allowed.length ? ` (it takes: ${allowed.join(', ')})` : ''}`,
        });
      }
    }
  });

export const faultSchema = z.discriminatedUnion('type', [
  z
    .strictObject({
      node: idSchema,
      type: z.literal('down'),
      from: z.number().finite().nonnegative(),
      to: z.number().finite().nonnegative(),
    })
    .refine((f) => f.to > f.from, { message: 'to must be after from', path: ['to'] }),
  z
    .strictObject({
      node: idSchema,
      type: z.literal('slow'),
      factor: z.number().finite().positive(),
      from: z.number().finite().nonnegative(),
      to: z.number().finite().nonnegative(),
    })
    .refine((f) => f.to > f.from, { message: 'to must be after from', path: ['to'] }),
]);

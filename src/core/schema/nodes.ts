/**
 * Node schemas of topology v1, one strict object per `kind` (spec, "Nodes"). Unknown fields are
 * errors so a typo is never silently ignored.
 */
import { z } from 'zod';
import { DEFAULTS } from './defaults';
import {
  categorySchema,
  distributionSchema,
  idSchema,
  keyFields,
  labelSchema,
  messageTypeSchema,
  notesSchema,
  onlyOneKeySource,
  probabilitySchema,
  retrySchema,
  routingKeysSchema,
  secondsSchema,
  uiSchema,
} from './primitives';

/** Every node kind, in palette order (flow order: senders, brokers, receivers, sinks). */
export const NODE_KINDS = [
  'producer',
  'topic',
  'queue',
  'exchange',
  'stream',
  'webhook',
  'consumer',
  'projection',
  'eventstore',
  'deadletter',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

const common = {
  id: idSchema,
  label: labelSchema.optional(),
  position: z.strictObject({ x: z.number().finite(), y: z.number().finite() }).optional(),
  notes: notesSchema.optional().meta({ description: 'Markdown shown in workshops.' }),
  ui: uiSchema.optional(),
};

/** One message stream of a producer. */
export const messageStreamSchema = z
  .strictObject({
    type: messageTypeSchema,
    category: categorySchema.optional().meta({ default: DEFAULTS.messages.category }),
    rate: z.number().finite().nonnegative().meta({ description: 'Messages per second.' }),
    arrival: z.enum(['poisson', 'constant']).optional().meta({ default: DEFAULTS.messages.arrival }),
    count: z.number().int().min(1).optional().meta({ description: 'Stop after this many messages.' }),
    start: secondsSchema.optional().meta({ default: DEFAULTS.messages.start }),
    burst: z.strictObject({ at: secondsSchema, count: z.number().int().min(1).max(10_000_000) }).optional(),
    ...keyFields,
    routingKey: routingKeysSchema.optional().meta({ default: DEFAULTS.messages.routingKey }),
  })
  .superRefine((m, ctx) => {
    onlyOneKeySource(m, ctx);
    if (m.rate === 0 && m.burst === undefined) {
      ctx.addIssue({ code: 'custom', path: ['rate'], message: 'rate must be > 0 (0 is allowed only with a burst)' });
    }
  });

/** A message a consumer sends on its publish edges after processing. */
export const emitSchema = z
  .strictObject({
    type: messageTypeSchema,
    category: categorySchema.optional().meta({ default: DEFAULTS.emit.category }),
    ...keyFields,
    routingKey: routingKeysSchema.optional(),
    probability: probabilitySchema.optional().meta({ default: DEFAULTS.emit.probability }),
    on: z.enum(['success', 'dead-letter']).optional().meta({ default: DEFAULTS.emit.on }),
  })
  .superRefine(onlyOneKeySource);

/** When attempts fail: any listed condition makes an attempt fail. */
export const failureSchema = z.strictObject({
  probability: probabilitySchema.optional(),
  firstAttempts: z.number().int().min(0).max(1000).optional(),
  types: z.array(messageTypeSchema).max(1000).optional(),
  keys: z.array(z.string().max(200)).max(10_000).optional(),
});

const consumerFields = {
  concurrency: z.number().int().min(1).max(10_000).optional().meta({ default: DEFAULTS.consumer.concurrency }),
  processingTime: distributionSchema.optional().meta({ default: DEFAULTS.consumer.processingTime }),
  failure: failureSchema.optional(),
  ackLoss: probabilitySchema.optional().meta({ default: DEFAULTS.consumer.ackLoss }),
  idempotent: z.boolean().optional().meta({ default: DEFAULTS.consumer.idempotent }),
  emits: z.array(emitSchema).max(100).optional(),
};

export const producerSchema = z.strictObject({
  ...common,
  kind: z.literal('producer'),
  messages: z.array(messageStreamSchema).max(100),
});
export const topicSchema = z.strictObject({ ...common, kind: z.literal('topic'), retry: retrySchema.optional() });
export const queueSchema = z.strictObject({
  ...common,
  kind: z.literal('queue'),
  fifo: z.boolean().optional().meta({ default: DEFAULTS.queue.fifo }),
  visibilityTimeout: z
    .number()
    .finite()
    .positive()
    .optional()
    .meta({ default: DEFAULTS.queue.visibilityTimeout }),
  retention: z.number().finite().positive().optional().meta({ default: DEFAULTS.queue.retention }),
  retry: retrySchema.optional().meta({ description: 'None: retry without limit until retention (SQS).' }),
  capacity: z.number().int().min(1).optional().meta({ description: 'Most ready messages held.' }),
  overflow: z.enum(['reject', 'drop-head']).optional().meta({ default: DEFAULTS.queue.overflow }),
});
export const exchangeSchema = z.strictObject({
  ...common,
  kind: z.literal('exchange'),
  exchangeType: z.enum(['direct', 'topic', 'fanout']),
});
export const streamSchema = z.strictObject({
  ...common,
  kind: z.literal('stream'),
  partitions: z.number().int().min(1).max(10_000).optional().meta({ default: DEFAULTS.stream.partitions }),
  retry: retrySchema.optional(),
});
export const webhookSchema = z.strictObject({
  ...common,
  kind: z.literal('webhook'),
  schedule: z.array(secondsSchema).max(100).optional().meta({ default: [...DEFAULTS.webhook.schedule] }),
  timeout: z.number().finite().positive().optional().meta({ default: DEFAULTS.webhook.timeout }),
});
export const consumerSchema = z.strictObject({ ...common, kind: z.literal('consumer'), ...consumerFields });
export const projectionSchema = z.strictObject({
  ...common,
  kind: z.literal('projection'),
  ...consumerFields,
  readRate: z.number().finite().nonnegative().optional().meta({ default: DEFAULTS.projection.readRate }),
});
export const eventstoreSchema = z.strictObject({ ...common, kind: z.literal('eventstore') });
export const deadletterSchema = z.strictObject({
  ...common,
  kind: z.literal('deadletter'),
  redrive: z.array(z.strictObject({ at: secondsSchema })).max(1000).optional(),
});

export const nodeSchema = z.discriminatedUnion('kind', [
  producerSchema,
  topicSchema,
  queueSchema,
  exchangeSchema,
  streamSchema,
  webhookSchema,
  consumerSchema,
  projectionSchema,
  eventstoreSchema,
  deadletterSchema,
]);

/**
 * Presets the inspector offers: retry policies, webhook schedules and consumer profiles. Each is a
 * plain value written through the same validated path as a typed field.
 */
import type { RetryPolicy, TopologyNode } from '../../../core/schema';
import { DEFAULTS } from '../../../core/schema/defaults';

export interface Preset<T> {
  id: string;
  label: string;
  value: T;
  note?: string;
}

export const RETRY_PRESETS: readonly Preset<RetryPolicy>[] = [
  { id: 'none', label: 'None (1 attempt)', value: { maxAttempts: 1 } },
  { id: 'fixed3', label: 'Fixed ×3', value: { maxAttempts: 3, backoff: { type: 'fixed', initial: 1 } } },
  {
    id: 'exp5',
    label: 'Exponential ×5, full jitter',
    value: { maxAttempts: 5, backoff: { type: 'exponential', initial: 1, multiplier: 2, max: 60, jitter: 'full' } },
  },
];

/**
 * Webhook retry schedules (waits in seconds between attempts). Svix's is documented
 * (docs.svix.com/retries) and is the default. Stripe only says "up to three days with exponential
 * backoff" (docs.stripe.com/webhooks#automatic-retries): the Stripe-like gaps below are
 * illustrative — growing, and all attempts within 72 h — not Stripe's real intervals.
 */
export const SCHEDULE_PRESETS: readonly Preset<readonly number[] | undefined>[] = [
  { id: 'svix', label: 'Svix (default)', value: undefined, note: '8 attempts: now, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (documented by Svix).' },
  {
    id: 'stripe',
    label: 'Stripe-like',
    value: [60, 300, 1800, 3600, 7200, 14400, 28800, 43200, 86400, 64800],
    note: 'Illustrative: Stripe retries for up to 3 days with growing gaps but does not publish the intervals.',
  },
];

export const DEFAULT_SCHEDULE = DEFAULTS.webhook.schedule;

type ConsumerSettings = Pick<Extract<TopologyNode, { kind: 'consumer' }>, 'concurrency' | 'processingTime' | 'failure' | 'ackLoss' | 'idempotent'>;

/** Consumer behaviour profiles: they replace the behaviour fields, keeping id, label and emits. */
export const CONSUMER_PROFILES: readonly Preset<ConsumerSettings>[] = [
  { id: 'fast', label: 'Fast', value: { concurrency: 4, processingTime: { dist: 'exponential', mean: 0.05 } }, note: '4 workers, ~50 ms, never fails' },
  { id: 'slow', label: 'Slow', value: { concurrency: 1, processingTime: { dist: 'lognormal', median: 1, p99: 5 } }, note: '1 worker, ~1 s with a long tail' },
  { id: 'flaky', label: 'Flaky', value: { concurrency: 2, processingTime: { dist: 'exponential', mean: 0.2 }, failure: { probability: 0.2 }, ackLoss: 0.02 }, note: '20% of attempts fail, 2% of acks are lost' },
  { id: 'poison', label: 'Poison', value: { concurrency: 1, processingTime: { dist: 'exponential', mean: 0.1 }, failure: { keys: ['k7'] } }, note: 'always fails messages with key k7' },
];

export const BEHAVIOUR_FIELDS = ['concurrency', 'processingTime', 'failure', 'ackLoss', 'idempotent'] as const;

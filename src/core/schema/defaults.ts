/**
 * The defaults of topology v1, in one place. The schema keeps documents sparse (what the author
 * wrote); the compiler, the inspector and the JSON Schema's `default` annotations read these.
 * Source: `shared/spec/topology-v1.md`.
 */
export const DEFAULTS = {
  simulation: { seed: 1, duration: 60, maxEvents: 1_000_000 },
  /** A producer's message stream. */
  messages: { category: 'event', arrival: 'poisson', start: 0, routingKey: '' },
  queue: {
    fifo: false,
    visibilityTimeout: 30,
    retention: 345_600,
    overflow: 'reject',
  },
  topic: { retry: { maxAttempts: 1 } },
  /** A Kafka-style stream node. */
  stream: { partitions: 1, retry: { maxAttempts: 1 } },
  webhook: {
    /** Svix's schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (docs.svix.com/retries). */
    schedule: [5, 300, 1800, 7200, 18000, 36000, 36000],
    timeout: 15,
  },
  consumer: {
    concurrency: 1,
    processingTime: { dist: 'exponential', mean: 0.1 },
    ackLoss: 0,
    idempotent: false,
  },
  projection: { readRate: 0 },
  emit: { probability: 1, on: 'success', category: 'event' },
  backoff: { multiplier: 2, jitter: 'none' },
} as const;

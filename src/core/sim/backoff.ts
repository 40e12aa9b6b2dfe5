/**
 * Retry delays (spec, "Retry and visibility"; AWS Architecture Blog "Exponential Backoff And
 * Jitter", M. Brooker 2015 — see shared/reference/messaging-semantics.md §4).
 *
 * Indexing: dₙ is the delay after failed attempt n (n = 1 for the first failure), so the first
 * exponential delay is `initial` (the blog's simulator also uses n = 1 for the first backoff).
 * U(a, b) = a + u·(b − a) with u from the path's generator.
 */
import type { Rng } from './prng';

export type Jitter = 'none' | 'full' | 'equal' | 'decorrelated';

/** A backoff policy with every default resolved. */
export interface ResolvedBackoff {
  type: 'fixed' | 'exponential';
  initial: number;
  multiplier: number;
  /** Cap; Infinity when unbounded. */
  max: number;
  jitter: Jitter;
}

/** The un-jittered delay dₙ after failed attempt n (n ≥ 1). */
export function baseDelay(policy: ResolvedBackoff, n: number): number {
  if (policy.type === 'fixed') return policy.initial;
  return Math.min(policy.max, policy.initial * Math.pow(policy.multiplier, n - 1));
}

/**
 * The delay after failed attempt n. `previous` is the delay used before (decorrelated jitter only;
 * pass `policy.initial` before the first retry). Draws from `rng` only when jitter needs it.
 */
export function backoffDelay(policy: ResolvedBackoff, n: number, previous: number, rng: Rng): number {
  switch (policy.jitter) {
    case 'none':
      return baseDelay(policy, n);
    case 'full':
      return rng.next() * baseDelay(policy, n);
    case 'equal': {
      const d = baseDelay(policy, n);
      return d / 2 + rng.next() * (d / 2);
    }
    case 'decorrelated': {
      const lo = policy.initial;
      const hi = 3 * previous;
      return Math.min(policy.max, lo + rng.next() * (hi - lo));
    }
  }
}

/**
 * Sampling the spec's duration distributions. A distribution is compiled once into a small record
 * (kind code + two parameters) so the hot path does no property lookups on the document.
 */
import type { Distribution } from '../schema';
import type { Rng } from './prng';

export const DIST_CONSTANT = 0;
export const DIST_EXPONENTIAL = 1;
export const DIST_UNIFORM = 2;
export const DIST_LOGNORMAL = 3;

/** z-score of the 99th percentile of the standard normal: σ = ln(p99/median)/2.3263 (spec). */
export const Z99 = 2.3263;

export interface Sampler {
  kind: number;
  /** constant: value; exponential: mean; uniform: min; lognormal: μ = ln(median). */
  p1: number;
  /** uniform: max − min; lognormal: σ. */
  p2: number;
  /** The distribution's mean, for summaries and closed-form checks. */
  mean: number;
}

/** Compiles a schema distribution (a bare number is a constant). */
export function compileDistribution(d: Distribution): Sampler {
  if (typeof d === 'number') return { kind: DIST_CONSTANT, p1: d, p2: 0, mean: d };
  switch (d.dist) {
    case 'constant':
      return { kind: DIST_CONSTANT, p1: d.value, p2: 0, mean: d.value };
    case 'exponential':
      return { kind: DIST_EXPONENTIAL, p1: d.mean, p2: 0, mean: d.mean };
    case 'uniform':
      return { kind: DIST_UNIFORM, p1: d.min, p2: d.max - d.min, mean: (d.min + d.max) / 2 };
    case 'lognormal': {
      const mu = Math.log(d.median);
      const sigma = Math.log(d.p99 / d.median) / Z99;
      return { kind: DIST_LOGNORMAL, p1: mu, p2: sigma, mean: Math.exp(mu + (sigma * sigma) / 2) };
    }
  }
}

/** One draw. Constants draw nothing, so an exact timeline consumes no randomness. */
export function sample(s: Sampler, rng: Rng): number {
  switch (s.kind) {
    case DIST_CONSTANT:
      return s.p1;
    case DIST_EXPONENTIAL:
      return rng.exponential(s.p1);
    case DIST_UNIFORM:
      return s.p1 + rng.next() * s.p2;
    default:
      return s.p2 === 0 ? Math.exp(s.p1) : Math.exp(s.p1 + s.p2 * rng.normal());
  }
}

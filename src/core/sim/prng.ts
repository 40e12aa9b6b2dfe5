/**
 * Seeded pseudo-random numbers for the simulator. Every random source (a producer's message stream,
 * a consumer's processing times, an edge's latency, a projection's reads…) owns one generator seeded
 * from (seed, node or edge id, purpose), so a run does not depend on array order and two designs can
 * be compared under one seed (spec, "Randomness and simultaneous events").
 *
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, PractRand-clean, 128-bit
 * state, 32-bit output); seeding: cyrb128 string hash (four 32-bit words). Both use only 32-bit
 * integer arithmetic (`Math.imul`, `>>>`), so every JavaScript engine produces the same stream.
 */

/** Hashes a string to four 32-bit words (cyrb128); used to seed `Rng`. */
export function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const TWO_POW_32 = 4294967296;

/**
 * One independent random stream (sfc32). A class with four integer fields keeps the hot path free of
 * closures and allocation; `next()` is the only draw primitive, everything else derives from it.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    // Discard the first outputs: sfc32 needs a few rounds to mix a weak seed.
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  nextUint32(): number {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.c = (r + t) | 0;
    return t >>> 0;
  }

  /** A uniform draw in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** A uniform draw in (0, 1]: safe to take a logarithm of. */
  nextOpenZero(): number {
    return (this.nextUint32() + 1) / TWO_POW_32;
  }

  /** An integer uniform in [0, n). */
  nextInt(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An exponential draw with the given mean. */
  exponential(mean: number): number {
    return -Math.log(this.nextOpenZero()) * mean;
  }

  /** A standard normal draw (Box–Muller, one of the pair; the other is discarded to stay stateless). */
  normal(): number {
    const u1 = this.nextOpenZero();
    const u2 = this.next();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** The generator's state, for checkpoints. */
  state(): [number, number, number, number] {
    return [this.a, this.b, this.c, this.d];
  }
}

/** A generator from explicit 32-bit words (tests, the benchmark's bare reference loop). */
export function rngFromWords(a: number, b: number, c: number, d: number): Rng {
  return new Rng(a, b, c, d);
}

/**
 * The generator of one random source: seeded from the run's seed, the owning node or edge id and the
 * purpose (`"arrivals"`, `"processing"`, `"latency"`…). The parts are joined with a separator that
 * cannot occur in an id, so ("a", "b.c") and ("a.b", "c") never collide.
 */
export function rngFor(seed: number, ownerId: string, purpose: string): Rng {
  const [a, b, c, d] = hash128(`${seed}\u0000${ownerId}\u0000${purpose}`);
  return new Rng(a, b, c, d);
}

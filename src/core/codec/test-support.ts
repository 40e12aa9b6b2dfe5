/**
 * Fixtures shared by the codec and export tests: the spec's example, the every-kind fixture and
 * every example shipped in public/examples (read by the tests, which run in Node).
 */
import type { Topology } from '../schema';
import { decodeTopologyFile } from './file';

/** Parses fixture text, failing loudly: a fixture that does not parse is a broken test. */
export function fixtureTopology(text: string, name: string): Topology {
  const result = decodeTopologyFile(text);
  if (!result.ok) throw new Error(`fixture ${name} is not a valid topology: ${result.message}`);
  return result.topology;
}

/** A deterministic pseudo-random string (LCG), incompressible enough to make long links on purpose. */
export function noiseText(seed: number, length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let state = seed >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

/** A valid topology whose labels are noise, with `nodes` consumers: link length grows with it. */
export function noisyTopology(nodes: number, seed = 1): Topology {
  return {
    format: 'fanout/topology',
    version: 1,
    name: 'noise',
    nodes: Array.from({ length: nodes }, (_, i) => ({ id: `n${i}`, kind: 'consumer' as const, label: noiseText(seed + i, 120) })),
    edges: [],
  };
}

/**
 * Turns an `import.meta.glob(…, { query: '?raw' })` record into named texts, fixtures first. Test
 * files make the glob call themselves (it is a Vite compile-time feature; the core has no file
 * system), so public/examples is covered whatever examples exist when the tests run.
 */
export function namedTexts(glob: Record<string, string>, skip: readonly string[] = []): { name: string; text: string }[] {
  return Object.entries(glob)
    .filter(([path]) => !skip.some((s) => path.endsWith(s)))
    .map(([path, text]) => ({
      name: path.replace(/^.*\/__fixtures__\//, '').replace(/^.*\/public\/examples\//, 'public/examples/'),
      text,
    }))
    .sort((a, b) => Number(a.name.startsWith('public')) - Number(b.name.startsWith('public')) || a.name.localeCompare(b.name));
}

/**
 * How long validation takes on large topologies (prints figures; never asserts a time).
 * Run: npx tsx bench/validate.bench.ts
 */
import { parseTopology } from '../src/core/schema';
import { validateTopology } from '../src/core/validate';
import { largeTopology } from '../src/core/validate/large-topology';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

for (const blocks of [100, 1000]) {
  for (const closeTheLoop of [false, true]) {
    const t = largeTopology(blocks, { closeTheLoop });
    const text = JSON.stringify(t);
    const parseTimes: number[] = [];
    const validateTimes: number[] = [];
    let count = 0;
    for (let run = 0; run < 7; run++) {
      const t0 = performance.now();
      const parsed = parseTopology(text);
      const t1 = performance.now();
      if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
      count = validateTopology(parsed.topology).length;
      const t2 = performance.now();
      parseTimes.push(t1 - t0);
      validateTimes.push(t2 - t1);
    }
    console.log(
      `${String(t.nodes.length).padStart(6)} nodes ${String(t.edges.length).padStart(6)} edges ${closeTheLoop ? 'with a 1-cycle of all consumers' : 'no cycle                      '}` +
        `  parse ${median(parseTimes).toFixed(1).padStart(7)} ms  validate ${median(validateTimes).toFixed(1).padStart(7)} ms  (${count} diagnostics, median of 7)`,
    );
  }
}

/**
 * Fingerprints of runs — the result and every trace record — for checking that an engine change
 * meant to be invisible (a speed-up, a new layout) leaves every run bit-identical:
 *
 *   npx tsx bench/fingerprints.ts > before.txt   (on the old code)
 *   npx tsx bench/fingerprints.ts > after.txt    (on the new code)
 *   diff before.txt after.txt
 *
 * Covers 400 random topologies (every broker kind, failures, ack loss, emits, projections, dead
 * letters with redrive, faults; `src/core/sim/test-topologies.ts`), the bundled examples, the test
 * fixtures and small versions of the benchmark workloads. Records are read through the public
 * reader (`trace.get`), so a change of the stored layout still compares equal when the records are.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { parseTopologyValue, type Topology } from '../src/core/schema';
import { simulate } from '../src/core/sim';
import { topologyArb } from '../src/core/sim/test-topologies';
import { fanOutTopology, mm1Topology } from './workloads';

function fingerprint(topology: Topology): string {
  const run = simulate(topology);
  const hash = createHash('sha256');
  hash.update(JSON.stringify(run.result));
  for (let i = 0; i < run.trace.length; i++) {
    const r = run.trace.get(i);
    hash.update(`${r.t},${r.type},${r.node},${r.edge},${r.msg},${r.delivery},${r.attempt},${r.value};`);
  }
  return hash.digest('hex').slice(0, 16);
}

function fromFile(path: string): Topology {
  const parsed = parseTopologyValue(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.ok) throw new Error(`${path}: ${parsed.errors.map((e) => e.message).join('; ')}`);
  return parsed.topology;
}

fc.sample(topologyArb, { numRuns: 400, seed: 777 }).forEach((t, i) => console.log(`random ${i} ${fingerprint(t)}`));
for (const dir of ['public/examples', 'src/core/sim/__fixtures__']) {
  for (const file of readdirSync(dir).sort()) {
    if (file.endsWith('.json') && file !== 'index.json') console.log(`${dir}/${file} ${fingerprint(fromFile(`${dir}/${file}`))}`);
  }
}
console.log(`mm1 20000 ${fingerprint(mm1Topology(20_000))}`);
console.log(`fan-out 3000 ${fingerprint(fanOutTopology(3_000))}`);

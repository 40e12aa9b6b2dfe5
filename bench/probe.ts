/**
 * One workload, run once per process, for `instructions.sh` (instruction counts under valgrind: the
 * steady figure on a machine whose timings swing with other load). Not a timing benchmark.
 *
 *   probe.ts KIND N [trace]   KIND: mm1 | fan (the engine), bare (reference.ts), ideal (ideal-mm1.ts)
 *
 * N is customers for mm1/bare/ideal and messages for fan (ten deliveries each).
 */
import { compileTopology } from '../src/core/compile/compile';
import { Engine } from '../src/core/sim/engine';
import { bareMM1 } from './reference';
import { idealMM1 } from './ideal-mm1';
import { fanOutTopology, mm1Topology } from './workloads';

const kind = process.argv[2] ?? 'mm1';
const n = Number(process.argv[3] ?? 100_000);
const trace = process.argv[4] === 'trace';
if (kind === 'bare') bareMM1(n, 0.9, 1, 1);
else if (kind === 'ideal') idealMM1(n, 0.9, 1, 1);
else if (kind === 'mm1' || kind === 'fan') {
  const engine = new Engine(compileTopology(kind === 'fan' ? fanOutTopology(n) : mm1Topology(n)), { trace });
  engine.runToEnd();
} else throw new Error(`unknown workload ${kind} (mm1, fan, bare, ideal)`);

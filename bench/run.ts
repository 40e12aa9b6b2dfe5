/**
 * `npm run bench`: the simulator's performance figures (printed, never asserted).
 *
 * (a) M/M/1, λ = 0.9, μ = 1, 1,000,000 customers; (b) fan-out: 1 producer → topic → 10 queues → 2
 * consumers each, 5% failure, 3 attempts with exponential backoff, a DLQ, 1,000,000 deliveries.
 * Each in one process: the engine without trace, with full trace, a bare reference loop (binary
 * heap + the same sfc32 generator, no Fanout code, `reference.ts`) and for (a) SIM.JS. Runs are
 * interleaved (engine, engine+trace, bare, SIM.JS, engine, …) so load on a shared machine hits all
 * alike; medians of wall-clock and of process CPU time are printed. Then a fresh process runs (b)
 * with trace once (`fresh.ts`), and seeking backwards is timed with and without checkpoints.
 *
 * Options: --runs N (default 5), --quick (a tenth of the sizes).
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { simulate, createSimulation } from '../src/core/sim';
import { RECORD_BYTES } from '../src/core/sim/trace';
import { bareFanOut, bareMM1 } from './reference';
import { simjsMM1 } from './simjs';
import { FANOUT, fanOutTopology, mm1Topology } from './workloads';

const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : 5;
const QUICK = args.includes('--quick');
const CUSTOMERS = QUICK ? 100_000 : 1_000_000;
const FAN_MESSAGES = QUICK ? 10_000 : FANOUT.messages;

interface Sample {
  wall: number;
  cpu: number;
}
function timed<T>(fn: () => T): [T, Sample] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [value, { wall, cpu: (c.user + c.system) / 1000 }];
}
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
const fmtMs = (x: number) => `${x.toFixed(0)} ms`;
const fmtRate = (events: number, ms: number) => `${((events / ms) * 1000 / 1e6).toFixed(2)} M/s`;

function row(label: string, samples: Sample[], extra = ''): { wall: number; cpu: number } {
  const wall = median(samples.map((s) => s.wall));
  const cpu = median(samples.map((s) => s.cpu));
  console.log(`  ${label.padEnd(26)} wall ${fmtMs(wall).padStart(9)}   cpu ${fmtMs(cpu).padStart(9)}   ${extra}`);
  return { wall, cpu };
}

console.log(`Fanout simulator benchmark — node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log(`${RUNS} interleaved runs per variant; medians. cpu = process CPU time (user + system), less sensitive to other load.\n`);

// ---------------------------------------------------------------- (a) M/M/1
{
  const topology = mm1Topology(CUSTOMERS);
  const plain: Sample[] = [];
  const traced: Sample[] = [];
  const bare: Sample[] = [];
  const simjs: Sample[] = [];
  let events = 0;
  let bytes = 0;
  let W = 0;
  let bareW = 0;
  let simjsW = 0;
  for (let r = 0; r < RUNS; r++) {
    const [a, s1] = timed(() => simulate(topology, { trace: false }).result);
    plain.push(s1);
    W = (a.nodes['server']!.latency as { mean: number }).mean;
    const [b, s2] = timed(() => simulate(topology, { trace: true }));
    traced.push(s2);
    events = b.result.events;
    bytes = b.trace.usedBytes() / b.trace.length;
    b.simulation.dispose(); // chunks back to the pool: later runs reuse the memory (see trace.ts)
    const [w, s3] = timed(() => bareMM1(CUSTOMERS, 0.9, 1, r + 1));
    bare.push(s3);
    bareW = w;
    if (r < Math.min(RUNS, 3)) {
      const [sw, s4] = timed(() => simjsMM1(CUSTOMERS, 0.9, 1, r + 1));
      simjs.push(s4);
      simjsW = sw;
    }
  }
  console.log(`(a) M/M/1 λ=0.9 μ=1, ${CUSTOMERS.toLocaleString('en')} customers — mean time in system: engine ${W.toFixed(3)}, bare ${bareW.toFixed(3)}, SIM.JS ${simjsW.toFixed(3)} (theory 10)`);
  const e = row('engine, no trace', plain, `${fmtRate(events, median(plain.map((s) => s.wall)))} trace-equivalent events`);
  const t = row('engine, full trace', traced, `${events.toLocaleString('en')} records, ${bytes.toFixed(1)} bytes/record (${RECORD_BYTES} fixed + 8 per distinct time)`);
  row('  first traced run (cold)', traced.slice(0, 1), 'fresh trace memory; later runs reuse pooled chunks');
  const b = row('bare reference loop', bare);
  const s = row('SIM.JS 2.0.3', simjs);
  console.log(`  engine/bare: ${(e.wall / b.wall).toFixed(2)}× wall, ${(e.cpu / b.cpu).toFixed(2)}× cpu without trace; ${(t.wall / b.wall).toFixed(2)}× wall, ${(t.cpu / b.cpu).toFixed(2)}× cpu with trace`);
  console.log(`  SIM.JS/engine: ${(s.wall / e.wall).toFixed(2)}× wall, ${(s.cpu / e.cpu).toFixed(2)}× cpu (engine without trace); ${(s.wall / t.wall).toFixed(2)}× with trace\n`);
}

// ---------------------------------------------------------------- (b) fan-out
{
  const topology = fanOutTopology(FAN_MESSAGES);
  const plain: Sample[] = [];
  const traced: Sample[] = [];
  const bare: Sample[] = [];
  let events = 0;
  let deliveries = 0;
  let bytes = 0;
  let summary = '';
  let bareSummary = '';
  for (let r = 0; r < RUNS; r++) {
    const [a, s1] = timed(() => simulate(topology, { trace: false }).result);
    plain.push(s1);
    deliveries = a.totals.deliveries;
    summary = `acked ${a.totals.acked}, dead-lettered ${a.totals.deadLettered}, conservation ${a.conservation.ok ? 'ok' : 'VIOLATED'}`;
    const [b, s2] = timed(() => simulate(topology, { trace: true }));
    traced.push(s2);
    events = b.result.events;
    bytes = b.trace.usedBytes() / b.trace.length;
    b.simulation.dispose();
    const [bb, s3] = timed(() => bareFanOut(FAN_MESSAGES, FANOUT.rate, FANOUT.queues, FANOUT.perQueue, FANOUT.mean, FANOUT.p, FANOUT.attempts, r + 1));
    bare.push(s3);
    bareSummary = `acked ${bb[0]}, dead-lettered ${bb[1]}`;
  }
  console.log(`(b) fan-out 1 → topic → 10 queues × 2 consumers, 5% failure, 3 attempts, DLQ — ${deliveries.toLocaleString('en')} deliveries`);
  console.log(`    engine: ${summary}; bare: ${bareSummary} (expected dead-lettered ≈ deliveries · 0.05³ = ${(deliveries * 0.05 ** 3).toFixed(0)})`);
  const e = row('engine, no trace', plain, `${fmtRate(deliveries, median(plain.map((s) => s.wall)))} deliveries`);
  const t = row('engine, full trace', traced, `${events.toLocaleString('en')} records, ${bytes.toFixed(1)} bytes/record`);
  row('  first traced run (cold)', traced.slice(0, 1), 'fresh trace memory; later runs reuse pooled chunks');
  const b = row('bare reference loop', bare);
  console.log(`  engine/bare: ${(e.wall / b.wall).toFixed(2)}× wall, ${(e.cpu / b.cpu).toFixed(2)}× cpu without trace; ${(t.wall / b.wall).toFixed(2)}× wall, ${(t.cpu / b.cpu).toFixed(2)}× cpu with trace\n`);
}

// ---------------------------------------------------------------- fresh process
{
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/fresh.ts', String(FAN_MESSAGES)], { encoding: 'utf8' });
  console.log(`(c) fresh process, (b) with full trace once: ${out.trim()}\n`);
}

// ---------------------------------------------------------------- seek
{
  const topology = mm1Topology(QUICK ? 20_000 : 200_000);
  for (const checkpoints of [false, true]) {
    const sim = createSimulation(topology, { checkpoints });
    const [, run] = timed(() => sim.runToEnd());
    const end = sim.eventIndex;
    const records = sim.recordCount;
    const [, back1] = timed(() => sim.seek(end - 1));
    const [, back2] = timed(() => sim.seek(end - 2));
    const [, middle] = timed(() => sim.seek(Math.floor(end / 2)));
    const [, start] = timed(() => sim.seek(10));
    const cps = sim.checkpointStats;
    const how = checkpoints
      ? `with checkpoints (${cps.count} kept, every ${cps.interval.toLocaleString('en')} events, ${(cps.bytes / 1e6).toFixed(1)} MB)`
      : 'without checkpoints (replay from the start)';
    console.log(`(d) seek ${how}, M/M/1, ${end.toLocaleString('en')} events, ${records.toLocaleString('en')} records:`);
    console.log(`    full run with trace ${fmtMs(run.wall)}; step back one event from the end ${fmtMs(back1.wall)}, then another ${fmtMs(back2.wall)}; seek to the middle ${fmtMs(middle.wall)}; seek near the start ${fmtMs(start.wall)}`);
    sim.dispose();
  }
}

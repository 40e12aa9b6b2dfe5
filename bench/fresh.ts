/** Runs benchmark (b) once with full trace in a fresh process and prints its time (used by run.ts). */
import { simulate } from '../src/core/sim';
import { fanOutTopology } from './workloads';

const messages = Number(process.argv[2] ?? 100_000);
const t0 = performance.now();
const topology = fanOutTopology(messages);
const t1 = performance.now();
const c1 = process.cpuUsage();
const { result, trace } = simulate(topology, { trace: true });
const t2 = performance.now();
const cpu = process.cpuUsage(c1);
console.log(
  `${result.totals.deliveries.toLocaleString('en')} deliveries, ${result.events.toLocaleString('en')} records (${(trace.usedBytes() / 1e6).toFixed(0)} MB) in ${(t2 - t1).toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms cpu (+ ${(t1 - t0).toFixed(0)} ms to build and parse the topology)`,
);

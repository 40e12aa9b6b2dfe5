/**
 * `fanout simulate FILE [--seed N] [--duration S] [--json] [--trace OUT.ndjson]`: runs the same
 * engine as the app, headless — for teachers preparing material and for architecture checks in CI.
 * A topology with validator errors is refused (exit 1) with the list; warnings go to stderr.
 */
import { CompileError } from '../../core/compile';
import { simulate, type SimResult, type Simulation } from '../../core/sim';
import { hasErrors, validateTopology } from '../../core/validate';
import { readTopologyArgument, type CliCommand, type CliIO } from '../command';
import type { Topology } from '../../core/schema';

const HELP = `Usage: npm run --silent fanout -- simulate FILE [options]

Runs the topology in FILE (a Fanout topology, .fanout.json) and prints a summary table.
The run is a pure function of (topology, seed): the same file and seed give the same result.

Options:
  --seed N           overrides simulation.seed (an integer, |N| ≤ 9007199254740991)
  --duration S       overrides simulation.duration (simulated seconds, > 0 and ≤ 1e9)
  --json             print only the result object (JSON) on standard output
  --trace OUT        write every trace record to OUT, one JSON object a line (NDJSON):
                     t, type, node, msg, delivery (−1: none), attempt (0: not an attempt),
                     and where they apply: edge, msgType, causation (the causing message),
                     delay (retry), lag (stale read), version (append: the entity's version)
  -h, --help         this help

Exit codes: 0 done, 1 invalid topology or file, 2 usage error.`;

interface SimulateArgs {
  file: string;
  seed?: number;
  duration?: number;
  json: boolean;
  trace?: string;
}

class UsageError extends Error {}

function parseArgs(args: readonly string[]): SimulateArgs {
  const out: SimulateArgs = { file: '', json: false };
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const take = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = args[i + 1];
      if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`${flag} needs a value`);
      i++;
      return v;
    };
    if (flag === '--seed') {
      const v = take();
      const n = Number(v);
      if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) throw new UsageError(`--seed must be an integer between -9007199254740991 and 9007199254740991 (found "${v}")`);
      out.seed = n;
    } else if (flag === '--duration') {
      const v = take();
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 1e9) throw new UsageError(`--duration must be a number of seconds > 0 and ≤ 1000000000 (found "${v}")`);
      out.duration = n;
    } else if (flag === '--json') out.json = true;
    else if (flag === '--trace') out.trace = take();
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`only one FILE, found "${file}" and "${arg}"`);
  }
  if (file === undefined) throw new UsageError('missing FILE');
  out.file = file;
  return out;
}

function fmt(x: unknown): string {
  if (typeof x !== 'number') return x === undefined ? '' : String(x);
  return Number.isInteger(x) ? String(x) : x.toFixed(3).replace(/\.?0+$/, '');
}

/** The readable summary: totals, conservation, one line per node with its main figures. */
export function summaryTable(result: SimResult): string {
  const t = result.totals;
  const lines = [
    `${result.name || 'Topology'} — seed ${result.seed}, ${fmt(result.simulatedTime)} s simulated, ${result.events} events${result.truncated ? ' (TRUNCATED at maxEvents)' : ''}`,
    '',
    `published ${t.published}  deliveries ${t.deliveries}: acked ${t.acked}, dead-lettered ${t.deadLettered}, discarded ${t.discarded}, unroutable ${t.unroutable}, rejected ${t.rejected}, pending ${t.pending}`,
    result.conservation.ok ? 'conservation: ok' : `conservation: VIOLATED\n  ${(result.conservation.details ?? []).join('\n  ')}`,
    '',
  ];
  const rows: string[][] = [['node', 'kind', 'figures']];
  for (const [id, r] of Object.entries(result.nodes)) {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(r)) {
      if (k === 'kind') continue;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const o = v as Record<string, unknown>;
        if (k === 'latency' || k === 'consistencyLag') parts.push(`${k} mean ${fmt(o.mean)} s${o.p99 !== undefined ? ` p99 ${fmt(o.p99)} s` : ''} max ${fmt(o.max)} s`);
        else for (const [g, gv] of Object.entries(o)) parts.push(`${k}.${g} ${Object.entries(gv as Record<string, unknown>).map(([a, b]) => `${a} ${fmt(b)}`).join(' ')}`);
      } else if (Array.isArray(v)) parts.push(`${k} [${v.join(', ')}]`);
      else if (v !== 0 || k === 'received' || k === 'published' || k === 'processed' || k === 'acked') parts.push(`${k} ${fmt(v)}`);
    }
    rows.push([id, r.kind, parts.join(', ')]);
  }
  const w0 = Math.max(...rows.map((r) => r[0]!.length));
  const w1 = Math.max(...rows.map((r) => r[1]!.length));
  for (const r of rows) lines.push(`${r[0]!.padEnd(w0)}  ${r[1]!.padEnd(w1)}  ${r[2]}`);
  return lines.join('\n');
}

/**
 * Every trace record as one JSON object a line, with node and edge ids (not indices), handed to
 * `write` in pieces of `linesPerPiece` lines (a million-record trace is hundreds of MB: more than
 * one JavaScript string may hold).
 */
export function writeTraceNdjson(sim: Simulation, write: (piece: string) => void, linesPerPiece = 50_000): void {
  const nodes = sim.model.nodes.map((n) => n.id);
  const edges = sim.model.edges.map((e) => e.id);
  const types: string[] = [];
  const causes: number[] = [];
  let lines: string[] = [];
  const count = sim.recordCount;
  for (let i = 0; i < count; i++) {
    const r = sim.record(i);
    const line: Record<string, unknown> = {
      t: r.t,
      type: r.type,
      node: r.node >= 0 ? nodes[r.node] : null,
      msg: r.msg,
      delivery: r.delivery,
      // An append record keeps the entity version in its attempt column; an append is no attempt.
      attempt: r.type === 'append' ? 0 : r.attempt,
    };
    if (r.type === 'append') line.version = r.attempt;
    if (r.edge >= 0) line.edge = edges[r.edge];
    if (r.msg >= 0) {
      if (types[r.msg] === undefined) {
        const m = sim.message(r.msg);
        types[r.msg] = m.type;
        causes[r.msg] = m.cause;
      }
      line.msgType = types[r.msg];
      if (causes[r.msg]! >= 0) line.causation = causes[r.msg];
    }
    if (r.value !== undefined) line[r.type === 'read' ? 'lag' : 'delay'] = r.value;
    lines.push(JSON.stringify(line));
    if (lines.length === linesPerPiece) {
      write(`${lines.join('\n')}\n`);
      lines = [];
    }
  }
  if (lines.length > 0) write(`${lines.join('\n')}\n`);
}

/** The whole trace as one NDJSON string (small traces; tests). */
export function traceToNdjson(sim: Simulation): string {
  const pieces: string[] = [];
  writeTraceNdjson(sim, (p) => pieces.push(p));
  return pieces.join('');
}

function run(args: string[], io: CliIO): number {
  let parsed: SimulateArgs;
  try {
    parsed = parseArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`fanout simulate: ${error.message}\n\n${HELP}`);
    return 2;
  }
  const topology = readTopologyArgument('simulate', parsed.file, io);
  if (!topology) return 1;
  // Validated as it will run: warnings about the duration (a count not reached, a burst dropped)
  // must speak of the --duration given, not the file's.
  const diagnostics = validateTopology(withOverrides(topology, parsed));
  if (hasErrors(diagnostics)) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    io.err(`${parsed.file}: the topology has ${errors.length} error${errors.length === 1 ? '' : 's'}; not simulated\n${errors.map((d) => `  ${parsed.file}: ${d.path ? `${d.path}: ` : ''}${d.message} [${d.code}]`).join('\n')}`);
    return 1;
  }
  for (const d of diagnostics) if (d.severity === 'warning') io.err(`warning: ${d.path ? `${d.path}: ` : ''}${d.message} [${d.code}]`);
  let run: ReturnType<typeof simulate>;
  try {
    const options: Parameters<typeof simulate>[1] = { trace: parsed.trace !== undefined };
    if (parsed.seed !== undefined) options.seed = parsed.seed;
    if (parsed.duration !== undefined) options.duration = parsed.duration;
    run = simulate(topology, options);
  } catch (error) {
    if (error instanceof CompileError) {
      io.err(`${parsed.file}: ${error.message}`);
      return 1;
    }
    throw error;
  }
  if (parsed.trace !== undefined) {
    try {
      if (io.appendFile) {
        const path = parsed.trace;
        const append = io.appendFile.bind(io);
        io.writeFile(path, '');
        writeTraceNdjson(run.simulation, (piece) => append(path, piece));
      } else io.writeFile(parsed.trace, traceToNdjson(run.simulation));
    } catch (error) {
      io.err(`fanout simulate: cannot write ${parsed.trace}: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
  }
  io.out(parsed.json ? JSON.stringify(run.result, null, 2) : summaryTable(run.result));
  return 0;
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'run a topology and print its result (summary table, or --json), optionally the trace as NDJSON',
  help: HELP,
  run,
};

/** The topology with the command line's --seed and --duration applied to its simulation settings. */
function withOverrides(topology: Topology, parsed: SimulateArgs): Topology {
  if (parsed.seed === undefined && parsed.duration === undefined) return topology;
  const simulation = { ...topology.simulation };
  if (parsed.seed !== undefined) simulation.seed = parsed.seed;
  if (parsed.duration !== undefined) simulation.duration = parsed.duration;
  return { ...topology, simulation };
}

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../command';
import { simulateCommand, traceToNdjson, writeTraceNdjson } from './simulate';
import { simulate } from '../../core/sim';
import { decodeTopologyFile } from '../../core/codec/file';

const ROOT = join(__dirname, '..', '..', '..');
/** The spec's example (a byte-identical copy of shared/spec/examples/order-events.json). */
const EXAMPLE = join(__dirname, '..', '..', 'core', 'schema', '__fixtures__', 'spec-order-events.json');
const exampleText = readFileSync(EXAMPLE, 'utf8');

async function cli(args: string[], files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const io: CliIO = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readFile: (path) => {
      if (path in files) return files[path]!;
      if (path === EXAMPLE) return exampleText;
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    },
    writeFile: (path, content) => {
      written[path] = content;
    },
  };
  const code = await simulateCommand.run(args, io);
  return { code, out: out.join('\n'), err: err.join('\n'), written };
}

describe('fanout simulate', () => {
  it('prints a summary table with totals, conservation and every node', async () => {
    const r = await cli([EXAMPLE]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/seed 7/);
    expect(r.out).toMatch(/conservation: ok/);
    for (const id of ['orders', 'order-events', 'email-queue', 'email', 'email-dlq', 'order-view']) expect(r.out).toMatch(new RegExp(`^${id}\\s`, 'm'));
  });

  it('--json prints only the result object; --seed and --duration override the file', async () => {
    const r = await cli([EXAMPLE, '--json', '--seed', '3', '--duration=10']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    expect(result.seed).toBe(3);
    expect(result.conservation.ok).toBe(true);
    expect(result.nodes.orders.published).toBeLessThan(60);
    const again = await cli([EXAMPLE, '--json', '--seed', '3', '--duration=10']);
    expect(again.out).toBe(r.out);
  });

  it('warnings speak of the --duration given, not the file’s', async () => {
    const file = JSON.stringify({
      format: 'fanout/topology',
      version: 1,
      simulation: { duration: 5 },
      nodes: [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1, arrival: 'constant', count: 10 }] },
        { id: 'q', kind: 'queue' },
        { id: 'c', kind: 'consumer' },
      ],
      edges: [
        { id: 'e1', from: 'p', to: 'q' },
        { id: 'e2', from: 'q', to: 'c' },
      ],
    });
    const short = await cli(['t.json', '--json'], { 't.json': file });
    expect(short.err).toMatch(/count-not-reached/);
    expect(JSON.parse(short.out).nodes.p.published).toBe(5);
    const long = await cli(['t.json', '--json', '--duration', '20'], { 't.json': file });
    expect(long.err).not.toMatch(/count-not-reached/);
    expect(JSON.parse(long.out).nodes.p.published).toBe(10);
  });

  it('--trace writes NDJSON with t, type, node, msg, delivery, attempt', async () => {
    const r = await cli([EXAMPLE, '--json', '--trace', 'out.ndjson']);
    expect(r.code).toBe(0);
    const lines = r.written['out.ndjson']!.trim().split('\n');
    const events = JSON.parse(r.out).events;
    expect(lines.length).toBe(events);
    const first = JSON.parse(lines[0]!);
    for (const k of ['t', 'type', 'node', 'msg', 'delivery', 'attempt']) expect(first).toHaveProperty(k);
    const types = new Set(lines.map((l) => JSON.parse(l).type));
    for (const t of ['publish', 'route', 'enqueue', 'deliver', 'ack', 'nack', 'retry', 'deadletter', 'emit', 'project', 'read']) expect(types).toContain(t);
    const ts = lines.map((l) => JSON.parse(l).t as number);
    expect(ts.every((t, i) => i === 0 || t >= ts[i - 1]!)).toBe(true);
  });

  it('exit 2 on usage errors, 1 on unreadable or invalid files', async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli([EXAMPLE, '--seed', 'x'])).code).toBe(2);
    expect((await cli([EXAMPLE, '--duration', '-1'])).code).toBe(2);
    expect((await cli([EXAMPLE, '--bogus'])).code).toBe(2);
    const missing = await cli(['nope.json']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/nope\.json.*no such file/);
    const bad = await cli(['bad.json'], { 'bad.json': '{"format":"fanout/topology","version":1,"nodes":[{"id":"q","kind":"queue","fifo":"yes"}],"edges":[]}' });
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/bad\.json/);
    expect(bad.err).toMatch(/nodes\[0\]/);
  });

  it('refuses a topology with validator errors, listing them', async () => {
    const doc = JSON.parse(exampleText);
    doc.edges.push({ id: 'broken', from: 'orders', to: 'nowhere' });
    const r = await cli(['x.json'], { 'x.json': JSON.stringify(doc) });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/nowhere/);
    expect(r.out).toBe('');
  });

  it('runs through npm without a build step; --json keeps stdout clean', () => {
    const stdout = execFileSync('npx', ['tsx', 'src/cli/main.ts', 'simulate', EXAMPLE, '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(stdout).conservation.ok).toBe(true);
  });

  it('writes large traces in pieces (appendFile) with the same content', async () => {
    const decoded = decodeTopologyFile(exampleText);
    if (!decoded.ok) throw new Error(decoded.message);
    const sim = simulate(decoded.topology).simulation;
    const pieces: string[] = [];
    writeTraceNdjson(sim, (p) => pieces.push(p), 100);
    expect(pieces.length).toBe(Math.ceil(sim.recordCount / 100));
    expect(pieces.join('')).toBe(traceToNdjson(sim));
    const files: Record<string, string> = {};
    const io: CliIO = {
      out: () => {},
      err: () => {},
      readFile: () => exampleText,
      writeFile: (path, content) => {
        files[path] = content;
      },
      appendFile: (path, content) => {
        files[path] = (files[path] ?? '') + content;
      },
    };
    expect(await simulateCommand.run(['x.json', '--json', '--trace', 't.ndjson'], io)).toBe(0);
    expect(files['t.ndjson']).toBe(traceToNdjson(sim));
  });
});


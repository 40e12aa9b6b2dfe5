import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../command';
import { runCli, usage } from '../main';
import type { ValidateReport } from './validate';

const ROOT = join(__dirname, '..', '..', '..');
const EXAMPLES = join(ROOT, 'public/examples');

const doc = (nodes: unknown[], edges: unknown[]) => JSON.stringify({ format: 'fanout/topology', version: 1, nodes, edges });
const HEALTHY = doc(
  [{ id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1 }] }, { id: 'q', kind: 'queue' }, { id: 'c', kind: 'consumer' }],
  [{ id: 'e1', from: 'p', to: 'q' }, { id: 'e2', from: 'q', to: 'c' }],
);
/** Only warnings: a queue nobody consumes. */
const WARNINGS = doc([{ id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1 }] }, { id: 'q', kind: 'queue' }], [{ id: 'e1', from: 'p', to: 'q' }]);
/** An error: a producer wired straight to a consumer. */
const ERRORS = doc(
  [{ id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1 }] }, { id: 'c', kind: 'consumer' }],
  [{ id: 'e1', from: 'p', to: 'c' }],
);
const SCHEMA_ERROR = doc([{ id: 'q', kind: 'queue', retyr: { maxAttempts: 2 } }], []);
const SYNTAX_ERROR = '{\n  "format": "fanout/topology",\n  "version": 1\n  "nodes": []\n}';

async function cli(args: string[], files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readFile: (path) => {
      if (path in files) return files[path]!;
      if (path === 'a-directory') throw Object.assign(new Error('EISDIR: illegal operation on a directory'), { code: 'EISDIR' });
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    },
    writeFile: () => {
      throw new Error('validate never writes');
    },
  };
  const code = await runCli(['validate', ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('fanout validate', () => {
  it('says a healthy topology is valid and exits 0', async () => {
    const { code, out, err } = await cli(['ok.json'], { 'ok.json': HEALTHY });
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toBe('ok.json: valid: no problems found');
  });

  it('lists warnings with code, path and node ids, and still exits 0', async () => {
    const { code, out } = await cli(['w.json'], { 'w.json': WARNINGS });
    expect(code).toBe(0);
    expect(out).toContain('w.json: warning [queue-unconsumed] nodes[1]: queue "q" has no consumer');
    expect(out).toContain('(nodes: q)');
    expect(out).toContain('    Messages pile up in the queue.');
    expect(out.split('\n').at(-1)).toBe('w.json: valid: 0 errors, 1 warning, 0 info');
  });

  it('exits 1 on validator errors, listing errors before warnings', async () => {
    const { code, out } = await cli(['bad.json'], { 'bad.json': ERRORS });
    expect(code).toBe(1);
    const lines = out.split('\n').filter((l) => l.startsWith('bad.json: '));
    expect(lines[0]).toMatch(/^bad\.json: error \[edge-kind-not-allowed\] edges\[0\]\.to: .*a producer cannot send to a consumer directly/);
    expect(lines[0]).toContain('(nodes: p, c; edges: e1)');
    expect(lines.at(-1)).toMatch(/^bad\.json: invalid: \d+ errors?, \d+ warnings?, \d+ info$/);
  });

  it('reports schema errors as "FILE: path: message" and exits 1', async () => {
    const { code, out } = await cli(['s.json'], { 's.json': SCHEMA_ERROR });
    expect(code).toBe(1);
    expect(out.split('\n')[0]).toBe('s.json: nodes[0].retyr (node "q"): unknown field "retyr" (did you mean "retry"?)');
    expect(out).toContain('not a valid Fanout topology (1 problem');
  });

  it('names line and column of invalid JSON', async () => {
    const { code, out } = await cli(['x.json'], { 'x.json': SYNTAX_ERROR });
    expect(code).toBe(1);
    expect(out.split('\n')[0]).toBe("x.json:4:3: invalid JSON at line 4, column 3: expected ',' or '}' but found '\"'");
  });

  it('--json prints the report object and nothing else', async () => {
    const { code, out, err } = await cli(['bad.json', '--json'], { 'bad.json': ERRORS });
    expect(code).toBe(1);
    expect(err).toBe('');
    const report = JSON.parse(out) as ValidateReport;
    expect(Object.keys(report)).toEqual(['file', 'ok', 'errors', 'diagnostics']);
    expect(report).toMatchObject({ file: 'bad.json', ok: false, errors: [] });
    expect(report.diagnostics[0]).toMatchObject({ code: 'edge-kind-not-allowed', severity: 'error', path: 'edges[0].to', nodeIds: ['p', 'c'], edgeIds: ['e1'] });
  });

  it('--json carries schema errors, and ok: true for warnings only', async () => {
    const schema = JSON.parse((await cli(['--json', 's.json'], { 's.json': SCHEMA_ERROR })).out) as ValidateReport;
    expect(schema).toMatchObject({ ok: false, diagnostics: [], errors: [{ path: 'nodes[0].retyr' }] });
    const warnings = await cli(['w.json', '--json'], { 'w.json': WARNINGS });
    expect(warnings.code).toBe(0);
    expect(JSON.parse(warnings.out)).toMatchObject({ ok: true, errors: [] });
  });

  it('explains a missing or unreadable file and exits 1', async () => {
    const missing = await cli(['nope.json']);
    expect(missing).toMatchObject({ code: 1, out: '' });
    expect(missing.err).toBe('fanout validate: cannot read nope.json: no such file');
    expect((await cli(['a-directory'])).err).toContain('it is a directory');
    const json = await cli(['nope.json', '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, errors: [{ message: 'cannot read nope.json: no such file' }] });
  });

  it('exits 2 with usage on bad flags, a missing FILE or two files', async () => {
    for (const args of [['--bogus', 'ok.json'], [], ['a.json', 'b.json']]) {
      const { code, err, out } = await cli(args);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toContain('Usage: npm run --silent fanout -- validate FILE [--json]');
    }
  });

  it('--help prints the help and exits 0; the command is listed in the usage', async () => {
    const { code, out } = await cli(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Exit codes: 0 valid');
    expect(usage()).toMatch(/validate\s+check a topology file/);
  });

  it('finds no error in any shipped example', async () => {
    for (const name of readdirSync(EXAMPLES).filter((n) => n.endsWith('.json') && n !== 'index.json')) {
      const path = join(EXAMPLES, name);
      const { code, out } = await cli([path], { [path]: readFileSync(path, 'utf8') });
      expect(code, out).toBe(0);
    }
  });
});

describe('the real command line (npx tsx src/cli/main.ts validate …)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fanout-validate-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const run = (...args: string[]) => {
    const r = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'validate', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('exits 0 on an example, 0 on warnings, 1 on errors, 1 on a missing file, 2 on a bad flag', () => {
    expect(run(join(EXAMPLES, 'work-queue.json')).code).toBe(0);
    expect(run(file('w.json', WARNINGS)).code).toBe(0);
    const bad = run(file('bad.json', ERRORS), '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)).toMatchObject({ ok: false });
    const missing = run(join(dir, 'missing.json'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no such file');
    expect(run('--nope').code).toBe(2);
  });
});

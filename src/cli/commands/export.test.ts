import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeTopologyFile } from '../../core/codec/file';
import { noisyTopology } from '../../core/codec/test-support';
import { buildShareLink, decodeShareFragment, fragmentOf, toLinkDocument } from '../../core/codec/link';
import { toAsyncApiText } from '../../core/export/asyncapi';
import { toMermaid } from '../../core/export/mermaid';
import type { CliIO } from '../command';
import { runCli } from '../main';

const ROOT = join(__dirname, '..', '..', '..');
const ORDER_EVENTS = join(ROOT, 'src/core/codec/__fixtures__/order-events.json');
const orderEventsText = readFileSync(ORDER_EVENTS, 'utf8');
const orderEvents = (() => {
  const r = decodeTopologyFile(orderEventsText);
  if (!r.ok) throw new Error(r.message);
  return r.topology;
})();

/** Runs the CLI in-process with files from a map (plus real reads of the fixtures). */
async function cli(args: string[], files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const io: CliIO = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readFile: (path) => {
      if (path in files) return files[path]!;
      if (path === ORDER_EVENTS) return orderEventsText;
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    },
    writeFile: (path, content) => {
      written[path] = content;
    },
  };
  const code = await runCli(['export', ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n'), written };
}

describe('fanout export', () => {
  it('--to url prints exactly the link the app makes, which opens the same document', async () => {
    const { code, out, err } = await cli([ORDER_EVENTS, '--to', 'url']);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toBe(buildShareLink(orderEvents));
    expect(out.startsWith('http://127.0.0.1:5173/#t1.')).toBe(true);
    const decoded = decodeShareFragment(fragmentOf(out));
    expect(decoded.ok && decoded.topology).toEqual(toLinkDocument(orderEvents));
  });

  it('--base, --mode simulate and --embed shape the link', async () => {
    const { code, out } = await cli([ORDER_EVENTS, '--to=url', '--base', 'https://fanout.example/app/', '--mode', 'simulate', '--embed']);
    expect(code).toBe(0);
    expect(out).toBe(buildShareLink(orderEvents, 'https://fanout.example/app/', { mode: 'simulate', embed: true }));
    expect(out).toMatch(/^https:\/\/fanout\.example\/app\/#t1\.[\w-]+&mode=simulate&embed=1$/);
  });

  it('--to mermaid and --to asyncapi print the core exports', async () => {
    expect((await cli([ORDER_EVENTS, '--to', 'mermaid'])).out).toBe(toMermaid(orderEvents).trimEnd());
    expect((await cli([ORDER_EVENTS, '--to', 'asyncapi'])).out).toBe(toAsyncApiText(orderEvents, 'yaml').trimEnd());
    const json = await cli([ORDER_EVENTS, '--to', 'asyncapi', '--format', 'json']);
    expect(JSON.parse(json.out)).toMatchObject({ asyncapi: '3.0.0' });
  });

  it('--out writes a file instead', async () => {
    const { code, out, written } = await cli([ORDER_EVENTS, '--to', 'mermaid', '--out', 'diagram.mmd']);
    expect(code).toBe(0);
    expect(out).toBe('');
    expect(written['diagram.mmd']).toBe(toMermaid(orderEvents));
  });

  it('exit 1 for a missing or invalid file, naming the file and the JSON path', async () => {
    const missing = await cli(['nowhere.json', '--to', 'url']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot read nowhere\.json: no such file/);

    const bad = await cli(['bad.json', '--to', 'mermaid'], {
      'bad.json': JSON.stringify({ format: 'fanout/topology', version: 1, nodes: [{ id: 'q', kind: 'queue', fifo: 'yes' }], edges: [] }),
    });
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/bad\.json: nodes\[0\]\.fifo \(node "q"\): expected a boolean, found "yes"/);
    expect(bad.out).toBe('');

    const syntax = await cli(['broken.json', '--to', 'url'], { 'broken.json': '{"format": "fanout/topology",' });
    expect(syntax.code).toBe(1);
    expect(syntax.err).toMatch(/broken\.json: invalid JSON at line 1, column 30/);
  });

  it('exit 1 when the link would be too long to share', async () => {
    const big = JSON.stringify(noisyTopology(300));
    const { code, err, out } = await cli(['big.json', '--to', 'url'], { 'big.json': big });
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/Share the file instead/);
  });

  it('exit 2 for usage errors, with the help', async () => {
    for (const args of [
      [],
      [ORDER_EVENTS],
      [ORDER_EVENTS, '--to', 'pdf'],
      [ORDER_EVENTS, '--to'],
      [ORDER_EVENTS, '--to', 'url', '--base', 'not a url'],
      [ORDER_EVENTS, '--to', 'url', '--base', 'ftp://host/'],
      [ORDER_EVENTS, '--to', 'mermaid', '--format', 'json'],
      [ORDER_EVENTS, '--to', 'asyncapi', '--format', 'xml'],
      [ORDER_EVENTS, '--to', 'url', '--mode', 'fast'],
      [ORDER_EVENTS, '--to', 'url', '--verbose'],
      [ORDER_EVENTS, 'second.json', '--to', 'url'],
    ]) {
      const { code, err } = await cli(args);
      expect(code, args.join(' ')).toBe(2);
      expect(err).toMatch(/^fanout export: .+\n\nUsage: npm run --silent fanout -- export FILE/);
    }
  });

  it('--help prints the usage and exits 0', async () => {
    const { code, out } = await cli(['--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/--to url\|mermaid\|asyncapi/);
  });

  it('runs as `npm run --silent fanout -- export` without a build step', () => {
    const out = execFileSync('npm', ['run', '--silent', 'fanout', '--', 'export', ORDER_EVENTS, '--to', 'url'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(out).toBe(`${buildShareLink(orderEvents)}\n`);
  });
});

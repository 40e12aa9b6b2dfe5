/**
 * The shipped examples (public/examples) and the spec's example are documents the schema accepts,
 * that round-trip through JSON, that the validator finds no error in, and that look right on a
 * canvas; index.json (the editor's Examples menu) lists every one of them.
 */
import { describe, expect, it } from 'vitest';
import { validateTopology } from '../validate';
import { parseTopology } from './parse';
import specExampleText from './__fixtures__/spec-order-events.json?raw';

const files = import.meta.glob<string>('/public/examples/*.json', { eager: true, query: '?raw', import: 'default' });
const byName = Object.fromEntries(Object.entries(files).map(([path, text]) => [path.replace('/public/examples/', ''), text]));
const indexText = byName['index.json'];
const examples = Object.entries(byName).filter(([name]) => name !== 'index.json');

function parsed(text: string) {
  const result = parseTopology(text);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.topology;
}

describe('the spec example', () => {
  it('is accepted and has no validator errors', () => {
    const t = parsed(specExampleText);
    expect(t.nodes).toHaveLength(10);
    expect(validateTopology(t).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('is what public/examples/order-events.json copies, plus positions, notes and a longer description', () => {
    const spec = parsed(specExampleText);
    const shipped = parsed(byName['order-events.json']!);
    const strip = (t: typeof spec) => ({
      ...t,
      description: undefined,
      nodes: t.nodes.map((n) => ({ ...n, position: undefined, notes: undefined })),
    });
    expect(strip(shipped)).toEqual(strip(spec));
    expect(shipped.description!.startsWith(spec.description!)).toBe(true);
  });
});

describe('public/examples', () => {
  it('has the examples the issue asks for', () => {
    const names = examples.map(([name]) => name);
    for (const required of ['order-events.json', 'work-queue.json', 'exchange-topic-routing.json', 'stream-partitions.json', 'webhook-retries.json']) {
      expect(names).toContain(required);
    }
  });

  describe.each(examples)('%s', (_name, text) => {
    const t = parsed(text);

    it('round-trips through JSON', () => {
      expect(parsed(JSON.stringify(t))).toEqual(t);
    });

    it('has no validator error', () => {
      expect(validateTopology(t).filter((d) => d.severity === 'error')).toEqual([]);
    });

    it('explains itself: a name, a description saying what to watch, notes on nodes', () => {
      expect(t.name!.length).toBeGreaterThan(10);
      expect(t.description).toMatch(/Press Play/);
      expect(t.nodes.filter((n) => n.notes).length).toBeGreaterThanOrEqual(Math.ceil(t.nodes.length / 2));
    });

    it('is laid out left to right on a grid, no two nodes on one spot', () => {
      const spots = new Set<string>();
      for (const n of t.nodes) {
        expect(n.position, `node ${n.id}`).toBeDefined();
        const { x, y } = n.position!;
        expect(x % 260, `node ${n.id} x`).toBe(0);
        expect(y % 70, `node ${n.id} y`).toBe(0);
        spots.add(`${x},${y}`);
      }
      expect(spots.size).toBe(t.nodes.length);
      const producers = t.nodes.filter((n) => n.kind === 'producer').map((n) => n.position!.x);
      const others = t.nodes.filter((n) => n.kind !== 'producer').map((n) => n.position!.x);
      expect(Math.max(...producers)).toBeLessThan(Math.min(...others) + 1);
    });
  });

  it('teaches what it says: idle members in the stream example', () => {
    const t = parsed(byName['stream-partitions.json']!);
    const idle = validateTopology(t).find((d) => d.code === 'idle-group-members');
    expect(idle?.nodeIds).toEqual(['page-views', 'analytics-4', 'analytics-5']);
  });

  it('index.json lists every example once, with its name and a summary', () => {
    const index = JSON.parse(indexText!) as { file: string; name: string; summary: string }[];
    expect(index.map((e) => e.file).sort()).toEqual(examples.map(([name]) => name).sort());
    for (const entry of index) {
      expect(entry.name).toBe(parsed(byName[entry.file]!).name);
      expect(entry.summary.length).toBeGreaterThan(20);
      expect(Object.keys(entry).sort()).toEqual(['file', 'name', 'summary']);
    }
    expect(index[0]!.file).toBe('order-events.json');
  });
});

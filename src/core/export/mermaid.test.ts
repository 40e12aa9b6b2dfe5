import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryTopology } from '../codec/arbitrary-topology';
import { fixtureTopology, namedTexts } from '../codec/test-support';
import type { Topology } from '../schema';
import { MERMAID_SHAPES, escapeMermaidLabel, mermaidIds, toMermaid } from './mermaid';

const examples = namedTexts(
  import.meta.glob<string>(['../codec/__fixtures__/*.json', '/public/examples/*.json'], { eager: true, query: '?raw', import: 'default' }),
  ['frozen-links.json', '/index.json'],
);

/** Undoes escapeMermaidLabel the way Mermaid reads entity codes (`#quot;`, `#35;`). */
function unescape(label: string): string {
  return label
    .replace(/<br\/>/g, '\n')
    .replace(/#(\d+|quot|amp|lt|gt);/g, (_, code: string) =>
      /^\d/.test(code) ? String.fromCharCode(Number(code)) : { quot: '"', amp: '&', lt: '<', gt: '>' }[code]!,
    );
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A structural reading of the flowchart: every line must be one of the statements we emit, node
 * labels must be quoted with nothing inside that ends a quote or a shape, and every edge must join
 * declared nodes. Returns the parsed nodes and edges.
 */
function readFlowchart(text: string) {
  const lines = text.trimEnd().split('\n');
  const nodes = new Map<string, { kind: string; label: string }>();
  const edges: { from: string; to: string; arrow: string; label: string }[] = [];
  const shapes = Object.entries(MERMAID_SHAPES).map(([kind, [open, close]]) => ({
    kind,
    re: new RegExp(`^  (n_[A-Za-z0-9_]+)${escapeRe(open)}"([^"\\[\\](){}<>|#\`;]*(?:(?:#\\w+;|<br/>)[^"\\[\\](){}<>|#\`;]*)*)"${escapeRe(close)}$`),
  }));
  let sawHeader = false;
  for (const line of lines) {
    if (!sawHeader) {
      if (line === 'flowchart LR') sawHeader = true;
      else expect(line).toMatch(/^%% [^\n{}%]*$/);
      continue;
    }
    const edge = /^ {2}(n_\w+) (-->|-\.->)\|"([^"|]*)"\| (n_\w+)$/.exec(line);
    if (edge) {
      expect(nodes.has(edge[1]!) && nodes.has(edge[4]!), line).toBe(true);
      edges.push({ from: edge[1]!, arrow: edge[2]!, label: unescape(edge[3]!), to: edge[4]! });
      continue;
    }
    if (/^ {2}classDef \w+ [a-z-]+:[#\w]+(,[a-z-]+:[#\w]+)*$/.test(line) || /^ {2}class n_\w+(,n_\w+)* \w+$/.test(line)) continue;
    if (/^ {2}%% edge [\w.-]+ skipped/.test(line)) continue;
    // Node lines: try the most specific shapes first ("[(" before "[").
    const match = [...shapes]
      .sort((a, b) => b.re.source.length - a.re.source.length)
      .map((s) => ({ kind: s.kind, m: s.re.exec(line) }))
      .find((s) => s.m);
    expect(match, `unexpected line: ${line}`).toBeDefined();
    const [, id, label] = match!.m!;
    expect(nodes.has(id!), `duplicate node ${id}`).toBe(false);
    nodes.set(id!, { kind: match!.kind, label: unescape(label!) });
  }
  expect(sawHeader).toBe(true);
  return { nodes, edges };
}

describe('Mermaid export', () => {
  for (const { name, text } of examples) {
    it(`${name}: one shaped node per node, one labelled edge per edge`, () => {
      const topology = fixtureTopology(text, name);
      const out = toMermaid(topology);
      const { nodes, edges } = readFlowchart(out);
      expect(nodes.size).toBe(topology.nodes.length);
      const ids = mermaidIds(topology.nodes);
      for (const node of topology.nodes) {
        const read = nodes.get(ids.get(node.id)!)!;
        expect(read.label).toBe(node.label || node.id);
        // Queues and dead-letter nodes share the cylinder; the class tells them apart.
        if (node.kind !== 'deadletter') expect(read.kind).toBe(node.kind);
        expect(out).toMatch(new RegExp(`^  class [\\w,]*\\b${ids.get(node.id)!}\\b[\\w,]* ${node.kind}$`, 'm'));
      }
      expect(edges.length).toBe(topology.edges.length);
    });
  }

  it('labels edges with their kind and routing fields, dotted for dead letters and alternates', () => {
    const topology = fixtureTopology(examples.find((e) => e.name === 'all-kinds.json')!.text, 'all-kinds');
    const { edges } = readFlowchart(toMermaid(topology));
    const by = (from: string, to: string) => edges.find((e) => e.from === from && e.to === to)!;
    expect(by('n_orders', 'n_eu_orders').label).toBe('bind order.*.eu');
    expect(by('n_log', 'n_billing').label).toBe('group billing ×4');
    expect(by('n_shop', 'n_log').label).toBe('publish only OrderPlaced');
    expect(by('n_eu_orders', 'n_dlq')).toMatchObject({ arrow: '-.->', label: 'deadLetter' });
    expect(by('n_orders', 'n_unrouted')).toMatchObject({ arrow: '-.->', label: 'alternate' });
    // Implied kinds are spelled out.
    expect(by('n_eu_orders', 'n_billing').label).toBe('consume');
  });

  it('rewrites ids so reserved words and arrow letters are harmless, and keeps them unique', () => {
    const ids = mermaidIds([{ id: 'end' }, { id: 'o' }, { id: 'x' }, { id: 'a.b' }, { id: 'a_b' }, { id: 'a-b' }, { id: 'graph' }]);
    expect([...ids.values()]).toEqual(['n_end', 'n_o', 'n_x', 'n_a_b', 'n_a_b_2', 'n_a_b_3', 'n_graph']);
  });

  it('escapes hostile labels into entity codes', () => {
    expect(escapeMermaidLabel('say "hi" <b>#1</b> [x] (y) {z} a|b `c`; 50%')).toBe(
      'say #quot;hi#quot; #lt;b#gt;#35;1#lt;/b#gt; #91;x#93; #40;y#41; #123;z#125; a#124;b #96;c#96;#59; 50#37;',
    );
    expect(escapeMermaidLabel('two\nlines\r\nthree')).toBe('two<br/>lines<br/>three');
    expect(escapeMermaidLabel('tab\tbell\u0007')).toBe('tab bell ');
    expect(unescape(escapeMermaidLabel('#quot; is not a quote'))).toBe('#quot; is not a quote');
  });

  it('a name cannot smuggle a directive into the header comment', () => {
    const doc: Topology = { format: 'fanout/topology', version: 1, name: '%%{init: {"securityLevel": "loose"}}%%\nflowchart TB', nodes: [], edges: [] };
    const first = toMermaid(doc).split('\n')[0]!;
    expect(first).not.toMatch(/%%\{|\n/);
    expect(first.startsWith('%% ')).toBe(true);
  });

  it('any label survives escaping: no raw delimiter inside, and decoding gives it back (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (label) => {
        const escaped = escapeMermaidLabel(label);
        expect(escaped).not.toMatch(/["[\](){}|`\n\r]/);
        const control = (ch: string) => (ch < ' ' && ch !== '\n') || ch === '\u007f' || ch === '\u2028' || ch === '\u2029';
        const expected = [...label.replace(/\r\n?/g, '\n')].map((ch) => (control(ch) ? ' ' : ch)).join('');
        expect(unescape(escaped)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('every valid topology exports to a well-formed flowchart (property)', () => {
    fc.assert(
      fc.property(arbitraryTopology(), (topology) => {
        const { nodes } = readFlowchart(toMermaid(topology));
        expect(nodes.size).toBe(topology.nodes.length);
      }),
      { numRuns: 150 },
    );
  });
});

/**
 * Mermaid flowchart export: a diagram that renders in Mermaid Live, GitHub and GitLab markdown, so
 * a design can go into a README or slide without a screenshot. One shape per node kind, edges
 * labelled with their kind and routing fields, one colour class per kind.
 *
 * Safety: node ids are rewritten to `n_<id>` (Mermaid reserves words such as `end`, and `o`/`x`
 * after an arrow change its head), and every label is quoted with Mermaid's entity codes for the
 * characters that could end the quote or the shape (`"` → `#quot;`, `#` → `#35;`, `<` → `#lt;`, …,
 * newline → `<br/>`), see https://mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters.
 */
import { impliedEdgeKind, type EdgeKind } from '../rules/edges';
import type { NodeKind, Topology, TopologyEdge, TopologyNode } from '../schema';

/** Opening and closing delimiters of each kind's shape (flowchart node shapes). */
export const MERMAID_SHAPES: Readonly<Record<NodeKind, readonly [string, string]>> = {
  producer: ['[/', '/]'], // parallelogram: something that emits
  topic: ['{{', '}}'], // hexagon: fan-out
  queue: ['[(', ')]'], // cylinder: holds messages
  exchange: ['{', '}'], // rhombus: a routing decision
  stream: ['[[', ']]'], // subroutine: a partitioned log
  webhook: ['>', ']'], // flag: an outbound HTTP call
  consumer: ['[', ']'], // rectangle: a service
  projection: ['([', '])'], // stadium: a read model
  eventstore: ['[\\', '/]'], // trapezoid: append-only store
  deadletter: ['[(', ')]'], // cylinder, coloured by its class
};

/** Fill and stroke per kind, matching the canvas palette in spirit (readable on white and dark). */
const CLASS_STYLES: Readonly<Record<NodeKind, string>> = {
  producer: 'fill:#e0f2fe,stroke:#0369a1,color:#0c4a6e',
  topic: 'fill:#fef3c7,stroke:#b45309,color:#78350f',
  queue: 'fill:#dcfce7,stroke:#15803d,color:#14532d',
  exchange: 'fill:#ffedd5,stroke:#c2410c,color:#7c2d12',
  stream: 'fill:#ede9fe,stroke:#6d28d9,color:#4c1d95',
  webhook: 'fill:#fce7f3,stroke:#be185d,color:#831843',
  consumer: 'fill:#f1f5f9,stroke:#334155,color:#0f172a',
  projection: 'fill:#ccfbf1,stroke:#0f766e,color:#134e4a',
  eventstore: 'fill:#e0e7ff,stroke:#4338ca,color:#312e81',
  deadletter: 'fill:#fee2e2,stroke:#b91c1c,color:#7f1d1d,stroke-width:2px',
};

const ENTITIES: Readonly<Record<string, string>> = {
  '"': '#quot;',
  '#': '#35;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '[': '#91;',
  ']': '#93;',
  '(': '#40;',
  ')': '#41;',
  '{': '#123;',
  '}': '#125;',
  '|': '#124;',
  '`': '#96;',
  ';': '#59;',
  '%': '#37;',
  '\\': '#92;',
};

/**
 * Text safe inside a quoted Mermaid label: entity codes for quote, bracket, `<`, `#` and friends;
 * line breaks become `<br/>`; other control characters become spaces.
 */
export function escapeMermaidLabel(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n')) {
    if (ch === '\n') out += '<br/>';
    else if (ENTITIES[ch]) out += ENTITIES[ch];
    else if (ch < ' ' || ch === '\u2028' || ch === '\u2029' || ch === '\u007f') out += ' ';
    else out += ch;
  }
  return out;
}

/** Mermaid ids for node ids: `n_` + the id with anything but letters, digits and `_` as `_`, made unique. */
export function mermaidIds(nodes: readonly Pick<TopologyNode, 'id'>[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const node of nodes) {
    if (ids.has(node.id)) continue;
    const base = `n_${node.id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let candidate = base;
    for (let i = 2; used.has(candidate); i++) candidate = `${base}_${i}`;
    used.add(candidate);
    ids.set(node.id, candidate);
  }
  return ids;
}

function edgeKindOf(edge: TopologyEdge, byId: ReadonlyMap<string, TopologyNode>): EdgeKind | undefined {
  if (edge.kind) return edge.kind;
  const from = byId.get(edge.from);
  const to = byId.get(edge.to);
  return from && to ? impliedEdgeKind(from.kind, to.kind) : undefined;
}

/** The words on an edge: its kind, then what routes over it (binding key, group, filter). */
export function edgeCaption(edge: TopologyEdge, kind: EdgeKind | undefined): string {
  const parts: string[] = [kind ?? 'edge'];
  if (edge.bindingKey !== undefined) parts.push(edge.bindingKey === '' ? '(empty key)' : edge.bindingKey);
  if (edge.group !== undefined) parts.push(edge.group);
  if (edge.filter) parts.push(`only ${edge.filter.types.join(', ')}`);
  if (edge.retry) parts.push(`×${edge.retry.maxAttempts}`);
  return parts.join(' ');
}

/** The Mermaid `flowchart LR` text of a topology. */
export function toMermaid(topology: Topology): string {
  const ids = mermaidIds(topology.nodes);
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  const lines: string[] = [];
  // The name is escaped too: a raw `%%{…}%%` in a comment would be read as a Mermaid directive.
  if (topology.name) lines.push(`%% ${escapeMermaidLabel(topology.name).replace(/<br\/>/g, ' ')}`);
  lines.push('flowchart LR');
  for (const node of topology.nodes) {
    const [open, close] = MERMAID_SHAPES[node.kind];
    lines.push(`  ${ids.get(node.id)!}${open}"${escapeMermaidLabel(node.label || node.id)}"${close}`);
  }
  for (const edge of topology.edges) {
    const from = ids.get(edge.from);
    const to = ids.get(edge.to);
    if (!from || !to) {
      lines.push(`  %% edge ${edge.id} skipped: it names a node that does not exist`);
      continue;
    }
    const kind = edgeKindOf(edge, byId);
    const arrow = kind === 'deadLetter' || kind === 'alternate' ? '-.->' : '-->';
    lines.push(`  ${from} ${arrow}|"${escapeMermaidLabel(edgeCaption(edge, kind))}"| ${to}`);
  }
  const kindsUsed = [...new Set(topology.nodes.map((n) => n.kind))];
  for (const kind of kindsUsed) lines.push(`  classDef ${kind} ${CLASS_STYLES[kind]}`);
  for (const kind of kindsUsed) {
    const members = topology.nodes.filter((n) => n.kind === kind).map((n) => ids.get(n.id)!);
    lines.push(`  class ${[...new Set(members)].join(',')} ${kind}`);
  }
  return `${lines.join('\n')}\n`;
}

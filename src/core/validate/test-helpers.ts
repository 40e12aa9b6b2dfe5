/**
 * Small builders for validator tests: write a topology as compactly as a test needs and get it
 * through the real schema (so every test input is a document the app could actually load).
 * Test-only; not exported from the validator's index.
 */
import { parseTopologyValue } from '../schema/parse';
import type { Topology } from '../schema/document';
import { validateTopology, type Diagnostic } from './index';
import type { DiagnosticCode } from './codes';

type Loose = Record<string, unknown>;

/** A schema-checked topology from loose nodes and edges (ids of edges default to e0, e1, …). */
export function topology(nodes: Loose[], edges: Loose[] = [], extra: Loose = {}): Topology {
  const doc = {
    format: 'fanout/topology',
    version: 1,
    nodes,
    edges: edges.map((e, i) => ({ id: `e${i}`, ...e })),
    ...extra,
  };
  const parsed = parseTopologyValue(doc);
  if (!parsed.ok) throw new Error(`test topology is not schema-valid: ${parsed.errors.map((e) => e.message).join('; ')}`);
  return parsed.topology;
}

export const producer = (id: string, messages: Loose[] = [{ type: 'Ping', rate: 1 }], more: Loose = {}) => ({
  id,
  kind: 'producer',
  messages,
  ...more,
});
export const node = (id: string, kind: string, more: Loose = {}) => ({ id, kind, ...more });
export const edge = (from: string, to: string, more: Loose = {}) => ({ from, to, ...more });

/** The diagnostics of one code. */
export function withCode(t: Topology, code: DiagnosticCode): Diagnostic[] {
  return validateTopology(t).filter((d) => d.code === code);
}

/** A minimal healthy topology: producer → queue → consumer. */
export function healthy(): { nodes: Loose[]; edges: Loose[] } {
  return {
    nodes: [producer('p'), node('q', 'queue'), node('c', 'consumer')],
    edges: [edge('p', 'q'), edge('q', 'c')],
  };
}

/** Small builders for engine tests: topologies written as terse literals, parsed through the schema. */
import { parseTopologyValue, type Topology } from '../schema';

type Loose = Record<string, unknown>;

/** A topology from nodes, edges and options; throws with the schema's messages when invalid. */
export function topo(nodes: Loose[], edges: Loose[], extra: Loose = {}): Topology {
  const parsed = parseTopologyValue({ format: 'fanout/topology', version: 1, nodes, edges, ...extra });
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.topology;
}

let edgeCounter = 0;
/** An edge with a generated id. */
export function edge(from: string, to: string, fields: Loose = {}): Loose {
  return { id: `e${edgeCounter++}-${from}-${to}`, from, to, ...fields };
}

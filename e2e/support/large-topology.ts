/** Generated designs for performance specs. */

/** 50 pipelines of producer → topic → 2 queues → 2 consumers, cross-linked: 300 nodes, 400 edges. */
export function largeTopology() {
  const nodes: Array<Record<string, unknown>> = [];
  const edges: Array<Record<string, unknown>> = [];
  const P = 50;
  let e = 0;
  const edge = (from: string, to: string) => edges.push({ id: `e${++e}`, from, to });
  for (let p = 0; p < P; p++) {
    const row = (p % 25) * 260;
    const col = Math.floor(p / 25) * 1400;
    nodes.push({ id: `producer-${p}`, kind: 'producer', position: { x: col, y: row + 60 }, messages: [{ type: `Event${p}`, rate: 1 }] });
    nodes.push({ id: `topic-${p}`, kind: 'topic', position: { x: col + 260, y: row + 60 } });
    for (const q of [0, 1]) {
      nodes.push({ id: `queue-${p}-${q}`, kind: 'queue', position: { x: col + 520, y: row + q * 110 } });
      nodes.push({ id: `consumer-${p}-${q}`, kind: 'consumer', position: { x: col + 780, y: row + q * 110 } });
    }
    edge(`producer-${p}`, `topic-${p}`);
    for (const q of [0, 1]) {
      edge(`topic-${p}`, `queue-${p}-${q}`);
      edge(`queue-${p}-${q}`, `consumer-${p}-${q}`);
      edge(`consumer-${p}-${q}`, `topic-${(p + 1) % P}`);
    }
    edge(`topic-${p}`, `consumer-${p}-0`);
  }
  return { format: 'fanout/topology', version: 1, name: 'Perf: 300 nodes, 400 edges', nodes, edges };
}


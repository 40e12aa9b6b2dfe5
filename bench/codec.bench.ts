/**
 * Share-link and file codec figures (prints; never asserts a time): link length of every shipped
 * example, and encode/decode times and sizes for large synthetic designs.
 * Run: npx tsx bench/codec.bench.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { decodeTopologyFile, encodeTopologyFile } from '../src/core/codec/file';
import { buildShareLink, decodeShareFragment, encodeShareFragment, judgeLinkLength } from '../src/core/codec/link';
import { toAsyncApiText } from '../src/core/export/asyncapi';
import { toMermaid } from '../src/core/export/mermaid';
import { largeTopology } from '../src/core/validate/large-topology';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function time(fn: () => void, runs = 7): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

console.log('Share link length per example (default base http://127.0.0.1:5173/):');
for (const file of readdirSync('public/examples').filter((f) => f.endsWith('.json') && f !== 'index.json').sort()) {
  const decoded = decodeTopologyFile(readFileSync(`public/examples/${file}`, 'utf8'));
  if (!decoded.ok) throw new Error(`${file}: ${decoded.message}`);
  const link = buildShareLink(decoded.topology);
  const fileLength = encodeTopologyFile(decoded.topology).length;
  console.log(`  ${file.padEnd(30)} link ${String(link.length).padStart(6)} chars   file ${String(fileLength).padStart(6)} chars   ${judgeLinkLength(link.length)}`);
}

console.log('\nLarge designs (median of 7):');
for (const blocks of [10, 100, 1000]) {
  const topology = largeTopology(blocks, { closeTheLoop: false });
  const fileText = encodeTopologyFile(topology);
  const fragment = encodeShareFragment(topology);
  const encodeLink = time(() => encodeShareFragment(topology));
  // Links over the limit are refused before decoding (that refusal is what is timed then).
  const decodeLink = time(() => void decodeShareFragment(fragment));
  const encodeFile = time(() => encodeTopologyFile(topology));
  const decodeFile = time(() => {
    if (!decodeTopologyFile(fileText).ok) throw new Error('decode failed');
  });
  const mermaid = time(() => toMermaid(topology), 3);
  const asyncapi = time(() => toAsyncApiText(topology), 3);
  console.log(
    `  ${String(topology.nodes.length).padStart(6)} nodes  file ${String(fileText.length).padStart(9)} chars  link ${String(fragment.length).padStart(8)} chars (${judgeLinkLength(fragment.length)})` +
      `  link enc ${encodeLink.toFixed(1)} ms dec ${decodeLink.toFixed(1)} ms  file enc ${encodeFile.toFixed(1)} ms dec ${decodeFile.toFixed(1)} ms  mermaid ${mermaid.toFixed(1)} ms  asyncapi ${asyncapi.toFixed(1)} ms`,
  );
}

/**
 * The Mermaid export must render in Mermaid itself, not only look right: every example's export
 * (and a fixture full of hostile labels) is rendered with Mermaid 12 (dev dependency, loaded from
 * node_modules into a blank Chromium page — no network) and the SVG must hold every node and edge.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { decodeTopologyFile } from '../../src/core/codec/file';
import { toMermaid } from '../../src/core/export/mermaid';

const sources = [
  ...readdirSync('public/examples')
    .filter((f) => f.endsWith('.json') && f !== 'index.json')
    .map((f) => ({ name: f, text: readFileSync(`public/examples/${f}`, 'utf8') })),
  { name: 'all-kinds (hostile labels)', text: readFileSync('src/core/codec/__fixtures__/all-kinds.json', 'utf8') },
];

test('every example exported to Mermaid renders with Mermaid, every node and edge drawn', async ({ page }) => {
  await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
  await page.addScriptTag({ path: 'node_modules/mermaid/dist/mermaid.min.js' });
  await page.evaluate(() => (window as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
  let index = 0;
  for (const { name, text } of sources) {
    const decoded = decodeTopologyFile(text);
    if (!decoded.ok) throw new Error(`${name}: ${decoded.message}`);
    const topology = decoded.topology;
    const source = toMermaid(topology);
    const rendered = await page.evaluate(
      async ({ source, id }) => {
        const mermaid = (window as unknown as { mermaid: { render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
        try {
          const { svg } = await mermaid.render(id, source);
          document.getElementById('out')!.innerHTML = svg;
          const root = document.getElementById('out')!;
          return {
            ok: true as const,
            nodes: root.querySelectorAll('g.node').length,
            edges: root.querySelectorAll('path.flowchart-link, .edgePaths path').length,
            text: root.textContent ?? '',
          };
        } catch (error) {
          return { ok: false as const, error: String(error) };
        }
      },
      { source, id: `diagram${index++}` },
    );
    expect(rendered.ok, `${name}: ${rendered.ok ? '' : rendered.error}\n${source}`).toBe(true);
    if (!rendered.ok) continue;
    expect(rendered.nodes, name).toBe(topology.nodes.length);
    expect(rendered.edges, name).toBeGreaterThanOrEqual(topology.edges.length);
    for (const node of topology.nodes) expect(rendered.text, name).toContain((node.label || node.id).split('\n')[0]);
    await page.screenshot({ path: `e2e/.output/mermaid-${name.replace(/\W+/g, '-')}.png`, fullPage: true });
  }
});

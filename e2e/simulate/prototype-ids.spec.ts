/**
 * Node ids are user text, and `__proto__`, `constructor` and `toString` are legal ids. A design
 * built from them must show its badges, simulate, and end with the CLI's counters — no crash, no
 * node whose overlay is an inherited function, none lost on the way through the worker.
 */
import { test, expect } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliResult, SimulatePage } from './sim-page';

const design = {
  format: 'fanout/topology',
  version: 1,
  name: 'Prototype ids',
  simulation: { seed: 5, duration: 30 },
  nodes: [
    { id: 'constructor', kind: 'producer', messages: [{ type: 'toString', rate: 2 }], position: { x: 0, y: 120 } },
    { id: '__proto__', kind: 'topic', position: { x: 260, y: 120 } },
    { id: 'toString', kind: 'queue', retry: { maxAttempts: 2 }, position: { x: 520, y: 40 } },
    { id: 'hasOwnProperty', kind: 'consumer', failure: { probability: 0.3 }, position: { x: 780, y: 40 } },
    { id: 'valueOf', kind: 'deadletter', position: { x: 780, y: 200 } },
    { id: 'isPrototypeOf', kind: 'queue', position: { x: 520, y: 260 } },
  ],
  edges: [
    { id: 'e1', from: 'constructor', to: '__proto__' },
    { id: 'e2', from: '__proto__', to: 'toString' },
    { id: 'e3', from: 'toString', to: 'hasOwnProperty' },
    { id: 'e4', from: 'toString', to: 'valueOf' },
    { id: 'e5', from: '__proto__', to: 'isPrototypeOf' },
  ],
};

test('ids named like Object.prototype members: badges, Simulate, and the CLI’s counters', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const sim = new SimulatePage(page);
  await sim.open();
  await sim.replaceDocument(design);
  await expect(page.locator('.react-flow__node')).toHaveCount(design.nodes.length);
  // The queue nobody consumes has its warning badge; a node without problems has none (an
  // inherited "constructor" entry would have drawn one, or crashed the badge).
  await expect(sim.node('isPrototypeOf').locator('.fo-badge--warning')).toBeVisible();
  await expect(sim.node('constructor').locator('.fo-badge')).toHaveCount(0);
  await expect(sim.node('__proto__').locator('.fo-badge')).toHaveCount(0);

  const file = join(mkdtempSync(join(tmpdir(), 'fanout-ids-')), 'ids.json');
  writeFileSync(file, JSON.stringify(design));
  const cli = cliResult(file);
  await sim.enterSimulate();
  await sim.waitComputed();
  await sim.control('Run to end').click();
  await expect(sim.player).toHaveAttribute('data-player', 'finished');
  await sim.settled();
  await page.screenshot({ path: 'e2e/.output/prototype-ids.png' });
  expect(await sim.counter('constructor', 'published')).toBe(cli.nodes['constructor']!.published);
  expect(await sim.counter('hasOwnProperty', 'acked')).toBe(cli.nodes['hasOwnProperty']!.acked);
  expect(await sim.counter('toString', 'retried')).toBe(cli.nodes['toString']!.retried);
  expect(await sim.counter('valueOf', 'holds')).toBe(cli.nodes['valueOf']!.held);
  expect(cli.nodes['valueOf']!.held).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

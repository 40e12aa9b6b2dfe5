import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { EditorPage } from '../support/editor-page';

const index = JSON.parse(readFileSync('public/examples/index.json', 'utf8')) as { file: string; name: string }[];

test('every example opens from the Examples menu, laid out on the canvas', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const editor = new EditorPage(page);
  await editor.open();
  for (const entry of index) {
    const doc = JSON.parse(readFileSync(`public/examples/${entry.file}`, 'utf8')) as { nodes: unknown[]; edges: unknown[] };
    await editor.toolbar('Examples').click();
    const dialog = page.getByRole('dialog', { name: 'Examples' });
    await dialog.getByRole('button', { name: new RegExp(`^${entry.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).click();
    const replace = page.getByRole('button', { name: 'Replace', exact: true });
    if (await replace.isVisible().catch(() => false)) await replace.click();
    await expect(page.locator('.react-flow__node')).toHaveCount(doc.nodes.length);
    await expect(page.locator('.react-flow__edge')).toHaveCount(doc.edges.length);
    await page.waitForTimeout(400);
    await page.screenshot({ path: `e2e/.output/example-${entry.file.replace('.json', '')}.png` });
    // The validator's findings reach the Problems panel: the stream example teaches idle members.
    const problems = page.getByRole('region', { name: 'Problems' });
    if (entry.file === 'stream-partitions.json') await expect(problems).toContainText('"analytics-4", "analytics-5" are idle');
    else await expect(problems).toContainText('no problems');
  }
  expect(errors).toEqual([]);
});

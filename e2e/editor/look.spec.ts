import { test, expect } from '@playwright/test';
import { EditorPage } from '../support/editor-page';
import { overlapsOf } from '../support/overlaps';

test('first visit shows the order-events example, light and dark, with the inspector', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const editor = new EditorPage(page);
  await editor.open();
  await expect(page.locator('.react-flow__node')).toHaveCount(10);
  await expect(page.locator('.react-flow__edge')).toHaveCount(10);
  await page.waitForTimeout(400);
  await page.screenshot({ path: 'e2e/.output/editor-light.png' });
  await editor.select('email');
  await expect(editor.inspector()).toContainText('Consumer');
  await page.screenshot({ path: 'e2e/.output/editor-inspector-consumer.png' });
  await editor.select('email-queue');
  await page.screenshot({ path: 'e2e/.output/editor-inspector-queue.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html[data-theme="dark"]')).toHaveCount(1);
  await editor.select('orders');
  await page.waitForTimeout(200);
  await page.screenshot({ path: 'e2e/.output/editor-dark.png' });
  expect(errors).toEqual([]);
});

test('every kind side by side (shapes tell them apart in greyscale too)', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.toolbar('New').click();
  const kinds = ['Producer', 'Topic', 'Queue', 'Exchange', 'Stream', 'Webhook', 'Consumer', 'Projection', 'Event store', 'Dead-letter queue'];
  for (const kind of kinds) await editor.paletteItem(kind).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(10);
  await editor.toolbar('Fit view').click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'e2e/.output/kinds-gallery.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(200);
  await page.screenshot({ path: 'e2e/.output/kinds-gallery-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.addStyleTag({ content: 'html { filter: grayscale(1); }' });
  await page.screenshot({ path: 'e2e/.output/kinds-gallery-grey.png' });
  await editor.select('webhook-1');
  await editor.inspector().getByRole('button', { name: 'Stripe-like' }).click();
  await expect(editor.inspector()).toContainText('Illustrative');
  await page.screenshot({ path: 'e2e/.output/inspector-webhook.png' });
});

test('every shipped example opens from the Examples menu and renders', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const editor = new EditorPage(page);
  await editor.open();
  const index = (await (await page.request.get('/examples/index.json')).json()) as Array<{ file: string; name: string }>;
  for (const [i, entry] of index.entries()) {
    await editor.toolbar('Examples').click();
    const dialog = page.getByRole('dialog', { name: 'Examples' });
    await dialog.getByRole('button', { name: entry.name }).click();
    const confirm = page.getByRole('dialog', { name: 'Are you sure?' });
    if (await confirm.isVisible().catch(() => false)) await confirm.getByRole('button', { name: 'Replace' }).click();
    await expect.poll(async () => (await editor.document()).name).toBe(entry.name);
    const doc = await editor.document();
    await expect(page.locator('.react-flow__node')).toHaveCount(doc.nodes.length);
    await page.waitForTimeout(400);
    await page.screenshot({ path: `e2e/.output/example-${i}-${entry.file.replace('.json', '')}.png` });
  }
  expect(errors).toEqual([]);
});

test("an edge's label stays readable where the edge passes under a card", async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  // The subscription to the email queue, filtered: its label sits where the edge passes the inventory queue.
  await page.evaluate(() => {
    const store = window.__fanout!.store;
    const doc = store.getState().document;
    const edge = doc.edges.find((e) => e.from === 'order-events' && e.to === 'email-queue')!;
    store.getState().edit((d) => ({ ...d, edges: d.edges.map((e) => (e.id === edge.id ? { ...e, filter: { types: ['OrderPlaced'] } } : e)) }));
  });
  const label = page.locator('.fo-edge-label', { hasText: 'OrderPlaced' });
  await expect(label).toBeVisible();
  await editor.waitForStableViewport();
  // The label overlaps the inventory queue's card here; at a point of the overlap, the label is on top.
  const onTop = await label.evaluate((el) => {
    const a = el.getBoundingClientRect();
    const card = document.querySelector('.react-flow__node[data-id="inventory-queue"]')!.getBoundingClientRect();
    const left = Math.max(a.left, card.left);
    const right = Math.min(a.right, card.right);
    const top = Math.max(a.top, card.top);
    const bottom = Math.min(a.bottom, card.bottom);
    if (left >= right || top >= bottom) return 'no overlap';
    (el as HTMLElement).style.pointerEvents = 'auto'; // hit-testing skips pointer-events: none
    const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
    (el as HTMLElement).style.pointerEvents = '';
    return hit !== null && el.contains(hit);
  });
  expect(onTop).toBe(true);
  await page.screenshot({ path: 'e2e/.output/editor-edge-label-on-top.png' });
});

test('Auto layout leaves every edge label clear of the cards', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  // Labels on several edges: a filter, the dead-letter edge, and a stream group.
  await page.evaluate(() => {
    const store = window.__fanout!.store;
    store.getState().edit((d) => ({
      ...d,
      nodes: [...d.nodes, { id: 'log', kind: 'stream' }, { id: 'audit', kind: 'consumer' }],
      edges: [
        ...d.edges.map((e) => (e.from === 'order-events' && e.to === 'email-queue' ? { ...e, filter: { types: ['OrderPlaced'] } } : e)),
        { id: 'to-log', from: 'orders', to: 'log' },
        { id: 'audit-g', from: 'log', to: 'audit', kind: 'group', group: 'auditors' },
      ],
    }));
  });
  await editor.toolbar('Auto layout').click();
  await editor.waitForStableViewport();
  await page.screenshot({ path: 'e2e/.output/editor-auto-layout.png' });
  const overlaps = await overlapsOf(page, '.fo-edge-label');
  expect(overlaps).toEqual([]);
});

test('Auto layout leaves room under each card for its counters in Simulate', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  // A projection (three lines of counters once it reads) stacked above queues and consumers.
  await page.evaluate(() => {
    const store = window.__fanout!.store;
    store.getState().edit((d) => ({
      ...d,
      nodes: [
        ...d.nodes,
        { id: 'audit-view', kind: 'projection', label: 'Audit view', readRate: 2 },
        { id: 'search-view', kind: 'projection', label: 'Search view', readRate: 2 },
      ],
      edges: [...d.edges, { id: 'to-audit', from: 'order-events', to: 'audit-view' }, { id: 'to-search', from: 'order-events', to: 'search-view' }],
    }));
  });
  await editor.toolbar('Auto layout').click();
  await editor.waitForStableViewport();
  await page.getByRole('button', { name: 'Simulate', exact: true }).click();
  const player = page.getByRole('region', { name: 'Simulation player' });
  await expect(player).toHaveAttribute('data-run', 'done', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Run to end', exact: true }).click();
  await expect(page.locator('.fo-node__overlay span[data-counter="stale reads"]').first()).toBeVisible();
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'e2e/.output/editor-auto-layout-simulate.png' });
  // Counters over any card but their own.
  const overlaps = await overlapsOf(page, '.fo-node__overlay');
  expect(overlaps).toEqual([]);
});

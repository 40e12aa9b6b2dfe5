/**
 * The bar of issue 4: a facilitator draws the order-events design from an empty canvas with the
 * palette, handle-to-handle connections and the inspector only — then the document matches the
 * spec's example in meaning (kinds, edges by endpoints and kinds, key settings).
 */
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { EditorPage, type Doc } from '../support/editor-page';

const example = JSON.parse(readFileSync('public/examples/order-events.json', 'utf8')) as Doc;

/** The palette name, final id and screen cell (column, row) of each node. */
const PLAN: Array<{ kind: string; id: string; label: string; col: number; row: number }> = [
  { kind: 'Producer', id: 'orders', label: 'Order service', col: 0, row: 2 },
  { kind: 'Topic', id: 'order-events', label: 'order-events', col: 1, row: 2 },
  { kind: 'Queue', id: 'email-queue', label: 'email queue', col: 2, row: 0 },
  { kind: 'Consumer', id: 'email', label: 'Email service', col: 3, row: 0 },
  { kind: 'Dead-letter queue', id: 'email-dlq', label: 'email DLQ', col: 4, row: 0 },
  { kind: 'Queue', id: 'inventory-queue', label: 'inventory queue', col: 2, row: 1 },
  { kind: 'Consumer', id: 'inventory', label: 'Inventory service', col: 3, row: 1 },
  { kind: 'Consumer', id: 'payments', label: 'Payment service', col: 2, row: 3 },
  { kind: 'Topic', id: 'payment-events', label: 'payment-events', col: 3, row: 3 },
  { kind: 'Projection', id: 'order-view', label: 'Order status view', col: 4, row: 2 },
];

type Dist = number | { dist: string; [k: string]: unknown } | undefined;
/** A distribution in one spelling: a bare number is a constant. */
function dist(d: Dist): unknown {
  return typeof d === 'number' ? { dist: 'constant', value: d } : d;
}

/** Edge kinds implied by the example's node kinds (the example omits `kind`). */
function edgeSet(doc: Doc): string[] {
  const kindOf = new Map(doc.nodes.map((n) => [n.id, n.kind]));
  const implied = (from: string, to: string): string => {
    const a = kindOf.get(from);
    const b = kindOf.get(to);
    if (a === 'producer' || a === 'consumer' || a === 'projection') return 'publish';
    if (a === 'topic') return b === 'deadletter' ? 'deadLetter' : 'subscribe';
    if (a === 'queue') return b === 'deadletter' ? 'deadLetter' : 'consume';
    return '?';
  };
  return doc.edges.map((e) => `${e.from} -${e.kind ?? implied(e.from, e.to)}-> ${e.to}`).sort();
}

/** What must match: per node, its kind, label and key settings. */
function semantics(doc: Doc) {
  return Object.fromEntries(
    doc.nodes.map((n) => {
      const s: Record<string, unknown> = { kind: n.kind, label: n.label };
      for (const f of ['messages', 'retry', 'concurrency', 'failure', 'idempotent', 'ackLoss', 'emits', 'readRate']) if (n[f] !== undefined) s[f] = n[f];
      if (n.processingTime !== undefined) s.processingTime = dist(n.processingTime as Dist);
      // concurrency 1 is the default: written or not, it means the same.
      if (s.concurrency === 1) delete s.concurrency;
      return [n.id, s];
    }),
  );
}

async function zoomOutTo(page: Page, scale: number) {
  for (let i = 0; i < 10; i++) {
    const current = await page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
    if (current <= scale) return current;
    await page.getByRole('button', { name: 'Zoom Out' }).click();
    await page.waitForTimeout(150);
  }
  throw new Error('could not zoom out');
}

test('draw the order-events design from an empty canvas', async ({ page }) => {
  test.setTimeout(240_000);
  const editor = new EditorPage(page);
  await editor.open();
  await editor.toolbar('New').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  const zoom = await zoomOutTo(page, 0.62);
  const dx = Math.max(170, 250 * zoom);
  const cell = (col: number, row: number) => ({ x: 90 + col * dx, y: 90 + row * 130 });

  // 1. Nodes from the palette (pointer drags), named in the inspector.
  for (const step of PLAN) {
    const before = (await editor.document()).nodes.length;
    await editor.dropFromPalette(step.kind, cell(step.col, step.row));
    await expect.poll(async () => (await editor.document()).nodes.length).toBe(before + 1);
    const created = (await editor.document()).nodes.at(-1)!;
    // The new node is selected: give it the example's label and id.
    const inspector = editor.inspector();
    await inspector.getByLabel('Label', { exact: true }).fill(step.label);
    const idField = inspector.getByLabel('Id', { exact: true });
    await idField.fill(step.id);
    await idField.press('Enter');
    await expect.poll(async () => (await editor.document()).nodes.map((n) => n.id)).toContain(step.id);
    expect(created.kind).toBe(step.kind === 'Dead-letter queue' ? 'deadletter' : step.kind.toLowerCase());
  }
  await page.screenshot({ path: 'e2e/.output/build-1-nodes.png' });

  // 2. Edges: drag from each source handle to the target's input handle.
  for (const e of example.edges) {
    const count = (await editor.document()).edges.length;
    await editor.connect(e.from, e.to);
    await expect.poll(async () => (await editor.document()).edges.length, { message: `edge ${e.from} → ${e.to}` }).toBe(count + 1);
  }

  // 3. Settings in the inspector.
  const inspector = editor.inspector();
  const field = (name: string) => inspector.getByLabel(name, { exact: true });

  await editor.select('orders');
  await field('Message type').fill('OrderPlaced');
  await field('Rate').fill('2');
  await field('Keys').fill('50');

  await editor.select('email-queue');
  await field('Retry preset').selectOption({ label: 'Fixed ×3' });
  await field('Backoff').selectOption({ label: 'Exponential' });
  await field('Multiplier').fill('2');
  await field('Max delay').fill('30');
  await field('Jitter').selectOption({ label: 'None' });

  await editor.select('email');
  await field('Concurrency').fill('2');
  await field('Processing time distribution').selectOption({ label: 'Exponential (mean)' });
  await field('Processing time mean').fill('0.3');
  await field('Failure probability').fill('0.3');
  await field('Always fail keys').fill('k7');

  await editor.select('inventory');
  await field('Processing time distribution').selectOption({ label: 'Constant' });
  await field('Processing time value').fill('0.1');
  await inspector.getByLabel('Idempotent (skips duplicates)').check();
  await field('Ack loss').fill('0.05');

  await editor.select('payments');
  await field('Processing time distribution').selectOption({ label: 'Uniform (min–max)' });
  await field('Processing time min').fill('0.1');
  await field('Processing time max').fill('0.5');
  await inspector.getByRole('button', { name: '+ Add emitted message' }).click();
  await field('Emitted type').fill('PaymentSucceeded');
  await field('Probability').fill('0.9');
  // An emit can draw its own keys (spec: "key" | "keys"); the example's inherits, so cleared again.
  await field('Keys').fill('4');
  await expect.poll(async () => ((await editor.document()).nodes.find((n) => n.id === 'payments') as { emits?: { keys?: number }[] }).emits?.[0]?.keys).toBe(4);
  await field('Keys').fill('');
  await expect.poll(async () => ((await editor.document()).nodes.find((n) => n.id === 'payments') as { emits?: { keys?: number }[] }).emits?.[0]?.keys).toBeUndefined();

  await editor.select('order-view');
  await field('Processing time distribution').selectOption({ label: 'Exponential (mean)' });
  await field('Processing time mean').fill('0.2');
  await field('Read rate').fill('1');

  // Document settings: nothing selected.
  await page.keyboard.press('Escape');
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await field('Name').fill(example.name!);
  await field('Seed').fill('7');
  await field('Duration').fill('60');
  await field('Name').press('Tab');

  await editor.toolbar('Auto layout').click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'e2e/.output/build-2-done.png' });

  const built = await editor.document();
  expect(built.nodes.map((n) => n.id).sort()).toEqual(example.nodes.map((n) => n.id).sort());
  expect(edgeSet(built)).toEqual(edgeSet(example));
  expect(semantics(built)).toEqual(semantics(example));
  expect(built.simulation).toEqual(example.simulation);
  expect(built.name).toBe(example.name);
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('no problems');
});

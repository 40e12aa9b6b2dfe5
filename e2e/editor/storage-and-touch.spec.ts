/** Edge conditions of the page: storage that refuses writes, and adding a node with a touch drag. */
import { test, expect } from '@playwright/test';
import { EditorPage } from '../support/editor-page';

test('storage that refuses writes is reported, never silent', async ({ page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const editor = new EditorPage(page);
  await page.goto('/');
  await expect(page.locator('body[data-fanout-ready="true"]')).toHaveCount(1);
  await expect(page.getByRole('alert').filter({ hasText: 'Autosave is off' })).toContainText('storage is unavailable');
  await expect(page.locator('.react-flow__node')).toHaveCount(10);
  expect((await editor.document()).nodes.length).toBe(10);
});

test('a touch drag from the palette adds a node where the finger lifts', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.toolbar('New').click();
  await editor.waitForStableViewport();
  const item = (await editor.paletteItem('Topic').boundingBox())!;
  const pane = (await page.locator('.fo-canvas').boundingBox())!;
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }] });
  const from = { x: item.x + item.width / 2, y: item.y + item.height / 2 };
  const to = { x: pane.x + 300, y: pane.y + 200 };
  await touch('touchStart', from.x, from.y);
  for (let i = 1; i <= 10; i++) await touch('touchMove', from.x + ((to.x - from.x) * i) / 10, from.y + ((to.y - from.y) * i) / 10);
  await touch('touchEnd', to.x, to.y);
  await expect.poll(async () => (await editor.document()).nodes.map((n) => n.kind)).toEqual(['topic']);
  const box = (await editor.node('topic-1').boundingBox())!;
  // The node is centred where the finger lifted.
  expect(Math.abs(box.x + box.width / 2 - to.x)).toBeLessThan(20);
  expect(Math.abs(box.y + box.height / 2 - to.y)).toBeLessThan(20);
});

test('an edit made just before a reload survives it (the pending autosave is written as the page goes)', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  const before = (await editor.document()).nodes.length;
  await page.getByRole('button', { name: 'Add Webhook' }).click();
  await expect.poll(async () => (await editor.document()).nodes.length).toBe(before + 1);
  await page.reload(); // well within the autosave's 500 ms delay
  await expect(page.locator('body[data-fanout-ready="true"]')).toHaveCount(1);
  expect((await editor.document()).nodes.length).toBe(before + 1);
  await expect(page.locator('.react-flow__node')).toHaveCount(before + 1);
});

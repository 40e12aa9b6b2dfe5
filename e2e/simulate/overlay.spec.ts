/**
 * What the class sees on the canvas while playing: messages moving along edges (coloured dots on the
 * overlay canvas, counted through its stats hook), retries and dead-lettered messages drawn
 * differently. Screenshots: e2e/.output/simulate-overlay-*.png — look at them.
 */
import { expect, test, type Page } from '@playwright/test';
import { SimulatePage } from './sim-page';

/** What the overlay canvas drew in its last frame (dots, and of them retries and dead letters). */
const drawn = (page: Page) => page.evaluate(() => ({ ...window.__fanoutOverlayStats! }));

test('playing draws messages moving along the edges; a dead-lettered one is drawn differently', async ({ page }) => {
  const sim = new SimulatePage(page);
  await sim.open();
  await sim.enterSimulate();
  await sim.waitComputed();
  // One step: the first order fans out — four dots leave order-events at once.
  await sim.control('Step forward').click();
  await expect.poll(async () => (await drawn(page)).drawn).toBeGreaterThanOrEqual(4);
  await page.waitForTimeout(250);
  await page.screenshot({ path: 'e2e/.output/simulate-overlay-1-fanout.png' });
  // Jump near the first dead letter through the log, then step onto it: a red square on the DLQ edge.
  await page.getByRole('combobox', { name: 'Filter by kind' }).selectOption('deadletter');
  const line = page.getByRole('log', { name: 'Event log' }).locator('button').first();
  await line.click();
  await sim.control('Step back').click();
  await sim.settled();
  await sim.control('Step forward').click();
  await expect.poll(async () => (await drawn(page)).dead).toBe(1);
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'e2e/.output/simulate-overlay-2-dead.png' });
  // Playing fast keeps dots flowing.
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('10');
  await sim.control('Play').click();
  await expect.poll(async () => (await drawn(page)).drawn, { timeout: 10_000 }).toBeGreaterThan(0);
  await page.screenshot({ path: 'e2e/.output/simulate-overlay-3-play.png' });
  await sim.control('Pause').click();
});

test('the simulate view reads well in the dark theme', async ({ page }) => {
  const sim = new SimulatePage(page);
  await sim.open();
  await page.evaluate(() => window.__fanout!.store.getState().setSession({ theme: 'dark' }));
  await sim.enterSimulate();
  await sim.waitComputed();
  await page.getByRole('combobox', { name: 'Filter by kind' }).selectOption('deadletter');
  await page.getByRole('log', { name: 'Event log' }).locator('button').nth(1).click();
  await page.getByRole('combobox', { name: 'Filter by kind' }).selectOption('-1');
  await sim.control('Step forward').click();
  await sim.settled();
  await page.waitForTimeout(200);
  await page.screenshot({ path: 'e2e/.output/simulate-overlay-4-dark.png' });
  await expect(page.locator('.fo-node__overlay').first()).toBeVisible();
});

test('a message on an edge with latency stays drawn where it is while paused, and can be picked there', async ({ page }) => {
  const sim = new SimulatePage(page);
  await sim.open();
  await sim.replaceDocument({
    format: 'fanout/topology',
    version: 1,
    name: 'A slow link',
    simulation: { seed: 1, duration: 10 },
    nodes: [
      { id: 'shop', kind: 'producer', messages: [{ type: 'OrderPaid', rate: 1, arrival: 'constant', count: 2 }], position: { x: 0, y: 0 } },
      { id: 'orders', kind: 'queue', position: { x: 420, y: 0 } },
      { id: 'billing', kind: 'consumer', processingTime: 0.2, position: { x: 700, y: 0 } },
    ],
    edges: [
      { id: 'link', from: 'shop', to: 'orders', latency: 4 },
      { id: 'use', from: 'orders', to: 'billing' },
    ],
  });
  await sim.enterSimulate();
  await sim.waitComputed();
  // Step 2: the second order sets off at 1 s; the first, sent at 0, is a quarter of the way… then
  // half-way, since the moment shown is 1 s and it takes 4 s.
  await sim.control('Step forward').click();
  await sim.control('Step forward').click();
  await sim.settled();
  await page.waitForTimeout(900); // past any step animation: what is left is drawn to stay
  const stats = await drawn(page);
  expect(stats.drawn).toBe(2);
  await page.screenshot({ path: 'e2e/.output/simulate-overlay-5-latency.png' });
  // The dots are where the link is: pick the first one (a quarter of the way along) on the canvas.
  const from = await sim.node('shop').boundingBox();
  const to = await sim.node('orders').boundingBox();
  const y = from!.y + from!.height / 2;
  const x0 = from!.x + from!.width;
  const x1 = to!.x;
  const candidates = Array.from({ length: 41 }, (_, k) => x0 + ((x1 - x0) * k) / 40);
  let picked = false;
  for (const x of candidates) {
    await page.mouse.click(x, y);
    if ((await page.evaluate(() => window.__fanout!.store.getState().simulation.selectedMessage)) !== null) {
      picked = true;
      break;
    }
  }
  expect(picked).toBe(true);
  await expect(page.getByRole('tab', { name: 'Journey' })).toHaveAttribute('aria-selected', 'true');
});

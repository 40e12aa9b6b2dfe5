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

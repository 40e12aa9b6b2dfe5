/**
 * The dock's views on the teaching examples: a message's journey (fan-out copies, attempts with
 * retry delays, the messages it caused), metrics charts, the results table, an event store's
 * entity replayed, and a projection lagging behind its source of truth.
 * Screenshots: e2e/.output/simulate-panel-*.png.
 */
import { expect, test } from '@playwright/test';
import { SimulatePage } from './sim-page';

test('journey, metrics and results on the order-events example', async ({ page }) => {
  const sim = new SimulatePage(page);
  await sim.open();
  await sim.enterSimulate();
  await sim.waitComputed();
  // OrderPlaced #0 belongs to customer k7's poison pill? Pick the first dead-lettered order through the log.
  await page.getByRole('combobox', { name: 'Filter by kind' }).selectOption('deadletter');
  await page.getByRole('log', { name: 'Event log' }).locator('button').first().click();
  await page.getByRole('tab', { name: 'Journey' }).click();
  const journey = page.getByTestId('journey');
  await expect(journey).toContainText('OrderPlaced #');
  await expect(journey).toContainText('routed');
  await expect(journey).toContainText('attempt 3 of 3');
  await expect(journey).toContainText(/retry in \d/);
  await expect(journey).toContainText('was dead-lettered into email DLQ');
  await expect(journey.getByRole('img', { name: /Sequence of OrderPlaced/ })).toBeVisible();
  // A message number that does not exist is refused with the range, and the journey stays.
  const number = journey.getByRole('textbox', { name: 'Message number' });
  await number.fill('99999');
  await page.keyboard.press('Enter');
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  await expect(number).toHaveAccessibleDescription(/^Messages are numbered 0 to \d/);
  await expect(journey).toContainText('was dead-lettered into email DLQ');
  // Lane names longer than a lane alternate between two rows instead of being cut to 12 letters.
  await expect(journey.locator('.fo-journey__lane-name', { hasText: /^Order status view/ })).toHaveCount(1);
  // Scrolled sideways to the last lanes, the sentences stay in view beside them.
  const lines = journey.locator('.fo-journey__lines');
  const linesBefore = (await lines.boundingBox())!;
  const body = journey.locator('.fo-journey__body');
  expect(await body.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeGreaterThan(50);
  await body.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  expect(await body.evaluate((el) => el.scrollLeft)).toBeGreaterThan(50);
  await expect.poll(async () => (await lines.boundingBox())!.x).toBe(linesBefore.x);
  await page.screenshot({ path: 'e2e/.output/simulate-panel-1-journey.png' });

  await page.getByRole('tab', { name: 'Metrics' }).click();
  const metrics = page.getByTestId('metrics');
  for (const title of ['Queue depth (ready messages)', 'Throughput (per simulated second)', 'End-to-end latency of acked deliveries', 'Dead-lettered (cumulative)', 'Projection staleness']) {
    await expect(metrics.getByRole('img', { name: new RegExp(`^${title.replace(/[()]/g, '\\$&')}`) })).toBeVisible();
  }
  await sim.control('Run to end').click();
  await page.screenshot({ path: 'e2e/.output/simulate-panel-2-metrics.png' });

  await page.getByRole('tab', { name: 'Stores & projections' }).click();
  await expect(page.getByTestId('projection-view')).toContainText('The read model is up to date');
  // Somewhere in the middle of the run the read model lags: step back from an early moment.
  await page.getByRole('slider', { name: 'Timeline' }).fill('40');
  await sim.settled();
  await page.screenshot({ path: 'e2e/.output/simulate-panel-3-projection.png' });

  await page.getByRole('tab', { name: 'Results' }).click();
  await expect(page.getByRole('table', { name: 'Results by node' })).toContainText('email-dlq');
});

test('an event store entity is replayed into its state at the moment shown', async ({ page }) => {
  const sim = new SimulatePage(page);
  await sim.open();
  const doc = await (await page.request.get('/examples/cqrs-projection.json')).json();
  await sim.replaceDocument(doc);
  await sim.enterSimulate();
  await sim.waitComputed();
  await sim.control('Run to end').click();
  await page.getByRole('tab', { name: 'Stores & projections' }).click();
  const select = page.getByRole('combobox', { name: 'Store or projection' });
  const storeOption = select.locator('option', { hasText: 'event store' }).first();
  await select.selectOption(await storeOption.getAttribute('value'));
  const view = page.getByTestId('eventstore-view');
  await expect(view).toBeVisible();
  const version = Number(await view.getByTestId('entity-version').innerText());
  expect(version).toBeGreaterThan(0);
  await expect(view.locator('.fo-store__events li')).toHaveCount(version);
  await page.screenshot({ path: 'e2e/.output/simulate-panel-4-eventstore.png' });
  // Earlier in the run the same entity has fewer events.
  await page.getByRole('slider', { name: 'Timeline' }).fill('30');
  await expect.poll(async () => Number(await view.getByTestId('entity-version').innerText().catch(() => '0'))).toBeLessThan(version);
});

test('a consumer that is down is greyed out while it is down (webhook example)', async ({ page }) => {
  const sim = new SimulatePage(page);
  await sim.open();
  const doc = await (await page.request.get('/examples/webhook-retries.json')).json();
  await sim.replaceDocument(doc);
  await sim.enterSimulate();
  await sim.waitComputed();
  await page.getByRole('combobox', { name: 'Filter by kind' }).selectOption('down');
  await page.getByRole('log', { name: 'Event log' }).locator('button').first().click();
  await sim.settled();
  await expect(sim.node('crm').locator('.fo-node__overlay--down')).toHaveCount(1);
  await expect(sim.node('mailer').locator('.fo-node__overlay--down')).toHaveCount(0);
  // A little later, failed attempts pile up and wait out the schedule.
  await page.getByRole('combobox', { name: 'Filter by kind' }).selectOption('deadletter');
  await page.getByRole('log', { name: 'Event log' }).locator('button').first().click();
  await sim.settled();
  expect(await sim.counter('failed-deliveries', 'holds')).toBe(1);
  await page.screenshot({ path: 'e2e/.output/simulate-panel-5-down.png' });
  await page.getByRole('combobox', { name: 'Filter by kind' }).selectOption('up');
  await page.getByRole('log', { name: 'Event log' }).locator('button').first().click();
  await sim.settled();
  await expect(sim.node('crm').locator('.fo-node__overlay--down')).toHaveCount(0);
});

test('a share link with mode=simulate opens the design in Simulate mode', async ({ page, baseURL }) => {
  const { execFileSync } = await import('node:child_process');
  const link = execFileSync('npm', ['run', '--silent', 'fanout', '--', 'export', 'public/examples/work-queue.json', '--to', 'url', '--mode', 'simulate', '--base', `${baseURL}/`], {
    encoding: 'utf8',
  }).trim();
  const sim = new SimulatePage(page);
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.goto(link);
  await expect(page.getByRole('button', { name: 'Simulate', exact: true })).toHaveAttribute('aria-pressed', 'true', { timeout: 20_000 });
  await sim.waitComputed();
  await sim.control('Run to end').click();
  await sim.settled();
  await page.screenshot({ path: 'e2e/.output/simulate-panel-6-link.png' });
});

test('an embedded link with mode=simulate shows the player in the read-only view', async ({ page, baseURL }) => {
  const { execFileSync } = await import('node:child_process');
  const link = execFileSync(
    'npm',
    ['run', '--silent', 'fanout', '--', 'export', 'public/examples/order-events.json', '--to', 'url', '--mode', 'simulate', '--embed', '--base', `${baseURL}/`],
    { encoding: 'utf8' },
  ).trim();
  const sim = new SimulatePage(page);
  await page.goto(link);
  await expect(page.locator('body[data-fanout-embed="true"]')).toHaveCount(1);
  await sim.waitComputed();
  await sim.control('Step forward').click();
  await sim.settled();
  expect(await sim.counter('order-events', 'received')).toBe(1);
  await page.screenshot({ path: 'e2e/.output/simulate-panel-7-embed.png' });
});

test('Cancel stops a long computation; the steps computed so far stay playable', async ({ page }) => {
  test.setTimeout(180_000);
  const sim = new SimulatePage(page);
  await sim.open();
  await sim.replaceDocument({
    format: 'fanout/topology',
    version: 1,
    name: 'Long run',
    simulation: { seed: 1, duration: 600 },
    nodes: [
      { id: 'p', kind: 'producer', messages: [{ type: 'Tick', rate: 3000 }], position: { x: 0, y: 0 } },
      { id: 'q', kind: 'queue', position: { x: 280, y: 0 } },
      { id: 'c', kind: 'consumer', concurrency: 20, processingTime: 0.005, position: { x: 560, y: 0 } },
    ],
    edges: [
      { id: 'e1', from: 'p', to: 'q' },
      { id: 'e2', from: 'q', to: 'c' },
    ],
  });
  await sim.enterSimulate();
  await expect(sim.player).toHaveAttribute('data-run', 'computing');
  // "step 0 / 12,345": some steps have arrived while the worker still computes.
  const known = async () => Number((await page.getByTestId('sim-step').innerText()).split('/')[1]!.replace(/[^0-9]/g, ''));
  await expect.poll(known).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await sim.waitComputed();
  await expect(page.getByText('Cancelled: the steps computed so far can be played.')).toBeVisible();
  await sim.control('Step forward').click();
  await sim.settled();
  expect(await sim.counter('p', 'published')).toBe(1);
});

test('the dock is resized by dragging its top edge or with the arrow keys, and keeps its height', async ({ page }) => {
  const sim = new SimulatePage(page);
  await sim.open();
  await sim.enterSimulate();
  await sim.waitComputed();
  const dock = page.getByRole('region', { name: 'Simulation panels' });
  const handle = page.getByRole('separator', { name: 'Resize simulation panels' });
  const before = (await dock.boundingBox())!;
  const edge = (await handle.boundingBox())!;
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2 - 150, { steps: 8 });
  await page.mouse.up();
  const dragged = (await dock.boundingBox())!;
  expect(dragged.height).toBeCloseTo(before.height + 150, -1);
  await expect(handle).toHaveAttribute('aria-valuenow', String(Math.round(dragged.height)));
  // The player stays on the canvas, above the taller dock, and the diagram is fitted again.
  const player = (await sim.player.boundingBox())!;
  expect(player.y + player.height).toBeLessThanOrEqual(dragged.y);
  await expect
    .poll(async () => {
      const lowest = (await sim.node('payments').boundingBox())!;
      return lowest.y + lowest.height <= player.y;
    }, { message: 'the lowest node is fitted above the player' })
    .toBe(true);
  await sim.settled();
  await page.waitForTimeout(300); // the fit's 200 ms animation, for the screenshot
  await page.screenshot({ path: 'e2e/.output/simulate-panel-8-dock-resized.png' });

  // The handle keeps its arrow keys even with a node selected (they would nudge it otherwise).
  await sim.node('orders').click();
  const position = () => page.evaluate(() => window.__fanout!.store.getState().document.nodes.find((n) => n.id === 'orders')!.position);
  const ordersAt = await position();
  await handle.focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await dock.boundingBox())!.height).toBeCloseTo(dragged.height - 24, 0);
  expect(await position()).toEqual(ordersAt);
  await page.keyboard.press('Home');
  await expect(handle).toHaveAttribute('aria-valuenow', '140');

  // Remembered by this browser: back in Design and in Simulate again, the dock has that height.
  await page.keyboard.press('ArrowUp');
  await page.getByRole('button', { name: 'Design', exact: true }).click();
  await sim.enterSimulate();
  await expect(page.getByRole('separator', { name: 'Resize simulation panels' })).toHaveAttribute('aria-valuenow', '164');
});

/**
 * Simulate mode as a workshop facilitator uses it: step one OrderPlaced through its fan-out, run to
 * the end and compare with the CLI, step back, skip over a long webhook wait, and be refused on a
 * broken design. Screenshots of each stage go to e2e/.output/simulate-*.png.
 */
import { expect, test } from '@playwright/test';
import { cliResult, SimulatePage } from './sim-page';
import { overlapsOf } from '../support/overlaps';

const SUBSCRIBERS = ['email-queue', 'inventory-queue', 'payments', 'order-view'];

test.describe('Simulate mode', () => {
  test('Step fans one OrderPlaced out to every subscriber; Run to end matches the CLI; Step back restores the counters', async ({ page }) => {
    const sim = new SimulatePage(page);
    await sim.open();
    await sim.enterSimulate();
    await sim.waitComputed();
    await page.screenshot({ path: 'e2e/.output/simulate-1-entered.png' });

    // Step until the first order has reached all four subscriptions of order-events.
    const reached = async () => {
      for (const id of SUBSCRIBERS) if (((await sim.counter(id, 'received')) ?? 0) < 1) return false;
      return true;
    };
    let guard = 0;
    do {
      await sim.control('Step forward').click();
      await sim.settled();
    } while (!(await reached()) && ++guard < 40);
    for (const id of SUBSCRIBERS) expect(await sim.counter(id, 'received'), `${id} received`).toBe(1);
    expect(await sim.counter('orders', 'published')).toBe(1);
    expect(await sim.counter('order-events', 'received')).toBe(1);
    await page.screenshot({ path: 'e2e/.output/simulate-2-fanout.png' });

    // Step back restores the previous counters exactly, and forward again gives the same as before.
    for (let i = 0; i < 12; i++) await sim.control('Step forward').click();
    await sim.settled();
    const here = await sim.allCounters();
    const stepHere = await sim.step();
    await sim.control('Step forward').click();
    await sim.settled();
    const next = await sim.allCounters();
    await sim.control('Step back').click();
    await sim.settled();
    expect(await sim.step()).toBe(stepHere);
    expect(await sim.allCounters()).toEqual(here);
    await page.keyboard.press('ArrowRight');
    await sim.settled();
    expect(await sim.allCounters()).toEqual(next);
    await page.keyboard.press('ArrowLeft');
    await sim.settled();
    expect(await sim.allCounters()).toEqual(here);

    // Run to end: the dead-letter node and every counter equal the CLI's result for this seed.
    const cli = cliResult('public/examples/order-events.json', 7);
    await sim.control('Run to end').click();
    await expect(sim.player).toHaveAttribute('data-player', 'finished');
    await sim.settled();
    expect(await sim.counter('email-dlq', 'holds')).toBe(cli.nodes['email-dlq']!.held);
    expect(cli.nodes['email-dlq']!.held).toBeGreaterThan(0);
    const shown = await sim.allCounters();
    const field: Record<string, string> = { received: 'received', acked: 'acked', failed: 'failed', retried: 'retried', published: 'published', 'dead-lettered': 'deadLettered', 'stale reads': 'staleReads' };
    let compared = 0;
    for (const [node, counters] of Object.entries(shown)) {
      for (const [name, value] of Object.entries(counters)) {
        const f = field[name];
        if (!f) continue;
        expect(Number(value), `${node} ${name}`).toBe(cli.nodes[node]![f]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(15);
    // The results table is the CLI's result.
    await page.getByRole('tab', { name: 'Results' }).click();
    const totals = page.getByRole('table', { name: 'Totals' });
    for (const [k, v] of Object.entries(cli.totals)) await expect(totals.locator(`[data-total="${k}"]`)).toHaveText(v.toLocaleString('en'));
    await expect(page.getByTestId('result-seed')).toHaveText('7');
    await page.screenshot({ path: 'e2e/.output/simulate-3-end.png' });
  });

  test('clicking a line of the event log moves the timeline to that moment', async ({ page }) => {
    const sim = new SimulatePage(page);
    await sim.open();
    await sim.enterSimulate();
    await sim.waitComputed();
    const log = page.getByRole('log', { name: 'Event log' });
    await expect(log.locator('[data-record="0"]')).toContainText('Order service published OrderPlaced #0 to order-events');
    // Only the rows in view are in the DOM, however long the log.
    expect(await log.locator('button').count()).toBeLessThan(60);
    await page.getByRole('combobox', { name: 'Filter by kind' }).selectOption('deadletter');
    const first = log.locator('button').first();
    await expect(first).toContainText('was dead-lettered into email DLQ');
    const time = (await first.locator('.fo-log__time').innerText()).trim();
    await first.click();
    await sim.settled();
    expect(await sim.clock()).toBe(time);
    await expect(page.getByRole('slider', { name: 'Timeline' })).toHaveValue(String(await sim.step()));
    expect(await sim.counter('email-dlq', 'holds')).toBe(1);
    await expect(first).toHaveClass(/is-current/);
    await expect(first).toHaveAttribute('aria-current', 'step');
    await page.screenshot({ path: 'e2e/.output/simulate-7-log.png' });

    // By keyboard: the log is one Tab stop; the arrows, Home and End move between its lines
    // (scrolling along), Enter goes to a line's moment.
    await page.getByRole('combobox', { name: 'Filter by kind' }).selectOption('-1');
    await expect(log.locator('button[tabindex="0"]')).toHaveCount(0);
    await log.focus();
    await page.keyboard.press('Home');
    await expect(log.locator('[data-row="0"]')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(log.locator('[data-row="2"]')).toBeFocused();
    await page.keyboard.press('End');
    const lastRow = log.locator('button:focus');
    await expect(lastRow).toBeInViewport();
    expect(Number(await lastRow.getAttribute('data-row'))).toBeGreaterThan(500);
    await expect(lastRow).toContainText('(not yet reached)');
    await page.keyboard.press('PageUp');
    const stepBefore = await sim.step();
    await page.keyboard.press('Enter');
    await sim.settled();
    // Its moment is shown now: the line is reached, and focus stayed on it.
    expect(await sim.step()).toBeGreaterThan(stepBefore);
    await expect(log.locator('button:focus')).not.toContainText('(not yet reached)');
  });

  test('Play moves the clock; Space pauses; Skip to next event jumps over a five-hour webhook wait', async ({ page }) => {
    const sim = new SimulatePage(page);
    await sim.open();
    await sim.replaceDocument({
      format: 'fanout/topology',
      version: 1,
      name: 'A webhook retry five hours later',
      simulation: { seed: 3, duration: 10 },
      nodes: [
        { id: 'shop', kind: 'producer', messages: [{ type: 'OrderPaid', rate: 1, arrival: 'constant', count: 1, start: 1 }], position: { x: 0, y: 0 } },
        { id: 'hooks', kind: 'webhook', schedule: [18000], position: { x: 280, y: 0 } },
        { id: 'crm', kind: 'consumer', processingTime: 0.2, failure: { firstAttempts: 1 }, position: { x: 560, y: 0 } },
      ],
      edges: [
        { id: 'p', from: 'shop', to: 'hooks' },
        { id: 'e', from: 'hooks', to: 'crm', kind: 'endpoint' },
      ],
    });
    await sim.enterSimulate();
    await sim.waitComputed();
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('5');
    await sim.control('Play').click();
    await expect(sim.player).toHaveAttribute('data-player', 'running');
    // The first attempt fails at about 1.2 s; then nothing happens for five hours.
    await expect.poll(async () => sim.counter('crm', 'failed'), { timeout: 10_000 }).toBe(1);
    await page.waitForTimeout(400);
    const before = await sim.clock();
    expect(before).toMatch(/^\d+\.\d{3} s$/);
    await sim.control('Skip to next event').click();
    await expect.poll(async () => sim.clock()).toMatch(/^5 h 00 min/);
    await expect.poll(async () => sim.counter('crm', 'acked'), { timeout: 10_000 }).toBe(1);
    await page.screenshot({ path: 'e2e/.output/simulate-4-skip.png' });
    await expect(sim.player).toHaveAttribute('data-player', 'finished');
    // Space plays again from the start, and Space pauses.
    await page.locator('.fo-canvas .react-flow__pane').click();
    await page.keyboard.press(' ');
    await expect(sim.player).toHaveAttribute('data-player', 'running');
    await page.keyboard.press(' ');
    await expect(sim.player).toHaveAttribute('data-player', 'paused');
  });

  test('keyboard: Space plays right after entering Simulate; the focused Timeline takes the arrows even with a node selected', async ({ page }) => {
    const sim = new SimulatePage(page);
    await sim.open();
    await sim.node('email').click();
    const position = () => page.evaluate(() => window.__fanout!.store.getState().document.nodes.find((n) => n.id === 'email')!.position);
    const before = await position();
    await sim.enterSimulate();
    await sim.waitComputed();
    // Focus left the Simulate switch for Play: Space plays and pauses.
    await expect(sim.control('Play')).toBeFocused();
    await page.keyboard.press(' ');
    await expect(sim.player).toHaveAttribute('data-player', 'running');
    await page.keyboard.press(' ');
    await expect(sim.player).not.toHaveAttribute('data-player', 'running');
    const at = await sim.step();
    // The Timeline slider moves with the arrows; the selected node does not.
    const timeline = page.getByRole('slider', { name: 'Timeline' });
    await timeline.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(sim.player).toHaveAttribute('data-step', String(at + 2));
    await page.keyboard.press('ArrowLeft');
    await expect(sim.player).toHaveAttribute('data-step', String(at + 1));
    expect(await position()).toEqual(before);
    // Space on the focused Timeline plays too.
    await page.keyboard.press(' ');
    await expect(sim.player).toHaveAttribute('data-player', 'running');
    await page.keyboard.press(' ');
    await expect(sim.player).not.toHaveAttribute('data-player', 'running');
    await page.screenshot({ path: 'e2e/.output/simulate-keyboard.png' });

    // A control that disables itself hands focus to Play instead of dropping it to the page.
    await sim.control('Run to end').focus();
    await page.keyboard.press('Enter');
    await expect(sim.control('Run to end')).toBeDisabled();
    await expect(sim.control('Play')).toBeFocused();
    await expect(sim.player.getByRole('status').first()).toHaveText(/Run ready|Reached the end/);
    await sim.control('Reset').focus();
    await page.keyboard.press('Enter');
    await expect(sim.control('Reset')).toBeDisabled();
    await expect(sim.control('Play')).toBeFocused();

    // A seed that is not a whole number is refused with the reason and stays to be corrected;
    // Enter commits a good one and keeps focus in the field.
    const seed = sim.player.getByRole('textbox', { name: 'Seed' });
    await seed.fill('abc');
    await page.keyboard.press('Enter');
    await expect(seed).toHaveAttribute('aria-invalid', 'true');
    await expect(seed).toHaveAccessibleDescription('A seed is a whole number');
    await expect(seed).toHaveValue('abc');
    await seed.fill('12');
    await page.keyboard.press('Enter');
    await expect(seed).toBeFocused();
    await expect(seed).toHaveAttribute('aria-invalid', 'false');
    await expect.poll(() => page.evaluate(() => window.__fanout!.store.getState().document.simulation?.seed)).toBe(12);
  });

  test('entering Simulate with an invalid design is refused with the reason; editing while simulating offers Re-run', async ({ page }) => {
    const sim = new SimulatePage(page);
    await sim.open();
    await sim.replaceDocument({
      format: 'fanout/topology',
      version: 1,
      name: 'Broken',
      nodes: [
        { id: 'p', kind: 'producer', messages: [{ type: 'A', rate: 1 }], position: { x: 0, y: 0 } },
        { id: 'q', kind: 'queue', position: { x: 280, y: 0 } },
      ],
      edges: [
        { id: 'e1', from: 'p', to: 'q' },
        { id: 'e2', from: 'q', to: 'ghost' },
      ],
    });
    await page.getByRole('button', { name: 'Simulate', exact: true }).click();
    await expect(page.getByText(/Cannot simulate: the design has 1 error/)).toBeVisible();
    await expect(page.getByText(/ghost/).first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Design', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(sim.player).toHaveCount(0);
    await page.screenshot({ path: 'e2e/.output/simulate-5-refused.png' });

    // A valid design runs; an edit while simulating marks the run out of date; Re-run recomputes.
    await sim.open();
    await sim.enterSimulate();
    await sim.waitComputed();
    const playerBefore = (await sim.player.boundingBox())!;
    await page.evaluate(() => {
      const store = window.__fanout!.store;
      store.getState().edit((d) => ({ ...d, name: `${d.name ?? ''} (edited)` }));
    });
    await expect(page.getByText('The design changed: this run is out of date.')).toBeVisible();
    // The notice sits in the free band at the top of the canvas: the player keeps its size (it
    // grew over the lowest counters when the notice was in it) and no node is under the notice.
    expect((await sim.player.boundingBox())!.y).toBe(playerBefore.y);
    // Nodes and their counters (the overlay under each node) are clear of both.
    const clearOfNoticeAndPlayer = () => overlapsOf(page, '.fo-sim-notice, .fo-player', '.react-flow__node, .fo-node__overlay');
    expect(await clearOfNoticeAndPlayer()).toEqual([]);
    // Fit view (Shift+1) and the zoom controls' fit keep the top band and the player clear too.
    await page.locator('.react-flow__pane').click({ position: { x: 300, y: 200 } });
    await page.keyboard.press('Shift+1');
    await page.waitForTimeout(400);
    expect(await clearOfNoticeAndPlayer()).toEqual([]);
    await page.getByRole('button', { name: 'Zoom to fit' }).click();
    await page.waitForTimeout(400);
    expect(await clearOfNoticeAndPlayer()).toEqual([]);
    await page.screenshot({ path: 'e2e/.output/simulate-6-out-of-date.png' });
    await sim.control('Re-run').click();
    await expect(page.getByText('The design changed: this run is out of date.')).toHaveCount(0);
    await sim.waitComputed();
    // Back to Design: the diagram is still there, the overlays are gone.
    await page.getByRole('button', { name: 'Design', exact: true }).click();
    await expect(sim.player).toHaveCount(0);
    await expect(page.locator('[data-counter]')).toHaveCount(0);
    await expect(sim.node('email')).toBeVisible();
  });
});

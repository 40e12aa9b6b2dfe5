/**
 * Simulate-mode performance, printed (never asserted on time):
 * 1. a 1,000,000-record run computed in the worker: compute time, and the longest main-thread task
 *    meanwhile (PerformanceObserver 'longtask') — the page must stay responsive;
 * 2. seeking in that run: step back from the end, a jump to the middle (counters from the worker's
 *    cursor, which replays from the start when going backwards);
 * 3. the frame rate while about 2,000 messages are drawn moving on the canvas.
 */
import { loadavg } from 'node:os';
import { expect, test, type Page } from '@playwright/test';
import { SimulatePage } from '../simulate/sim-page';

function bigRun(rate: number, maxEvents = 1_000_000) {
  return {
    format: 'fanout/topology',
    version: 1,
    name: `Perf: ${rate}/s with retries`,
    simulation: { seed: 1, duration: 60, maxEvents },
    nodes: [
      { id: 'p', kind: 'producer', messages: [{ type: 'OrderPlaced', rate, keys: 100 }], position: { x: 0, y: 100 } },
      { id: 't', kind: 'topic', position: { x: 280, y: 100 } },
      { id: 'q', kind: 'queue', retry: { maxAttempts: 3 }, position: { x: 560, y: 0 } },
      { id: 'c', kind: 'consumer', concurrency: 50, processingTime: 0.005, failure: { probability: 0.2 }, position: { x: 840, y: 0 } },
      { id: 'd', kind: 'deadletter', position: { x: 840, y: 200 } },
      { id: 'c2', kind: 'consumer', concurrency: 50, processingTime: 0.005, position: { x: 560, y: 260 } },
    ],
    edges: [
      { id: 'e1', from: 'p', to: 't' },
      { id: 'e2', from: 't', to: 'q' },
      { id: 'e3', from: 'q', to: 'c' },
      { id: 'e4', from: 'q', to: 'd', kind: 'deadLetter' },
      { id: 'e5', from: 't', to: 'c2' },
    ],
  };
}

async function observeLongTasks(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
}

async function takeLongTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    const out = w.__longTasks;
    w.__longTasks = [];
    return out;
  });
}

/** The machine is shared (2 cores): every figure is printed with the load average beside it. */
const load = () => `load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`;

/**
 * Waits for the run to finish without running anything heavy in the page: Playwright's
 * `expect(locator).toHaveAttribute` polls by role and, while it fails, snapshots the accessibility
 * tree of the whole page — 60–160 ms tasks in the page itself that the long-task observer counted
 * as the app's (seen in a Chromium trace). A CSS query every 200 ms costs microseconds.
 */
async function waitRunDone(page: Page) {
  await page.waitForFunction(() => document.querySelector('[data-run="done"]') !== null, null, { polling: 200, timeout: 600_000 });
}

/**
 * Chromium's own record of every task on the page's main thread ('toplevel' trace category: cheap),
 * for the CPU time of each task beside its wall time. On a shared 2-core machine a task's wall time
 * grows with the load (a 5 ms task can take 200 ms of wall time at load 10); its CPU time is what
 * the page itself costs. Printed next to the long-task observer's figures, never instead of them.
 */
async function traceMainThread(page: Page, run: () => Promise<void>): Promise<{ longestCpu: number; longestWall: number; cpuOver50: number; busyCpu: number }> {
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: ['toplevel'] });
  await run();
  const raw = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: { ph: string; name: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string } }[] };
  const names = new Map<string, string>();
  for (const e of raw.traceEvents) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const perThread = new Map<string, { dur: number; tdur: number }[]>();
  for (const e of raw.traceEvents) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask' || names.get(`${e.pid}:${e.tid}`) !== 'CrRendererMain') continue;
    const key = `${e.pid}:${e.tid}`;
    if (!perThread.has(key)) perThread.set(key, []);
    perThread.get(key)!.push({ dur: (e.dur ?? 0) / 1000, tdur: (e.tdur ?? 0) / 1000 });
  }
  // The page's renderer is the busiest main thread in the trace.
  const tasks = [...perThread.values()].sort((a, b) => b.reduce((n, t) => n + t.tdur, 0) - a.reduce((n, t) => n + t.tdur, 0))[0] ?? [];
  return {
    longestCpu: Math.max(0, ...tasks.map((t) => t.tdur)),
    longestWall: Math.max(0, ...tasks.map((t) => t.dur)),
    cpuOver50: tasks.filter((t) => t.tdur > 50).length,
    busyCpu: tasks.reduce((n, t) => n + t.tdur, 0),
  };
}
const cpu = (c: Awaited<ReturnType<typeof traceMainThread>>) =>
  `main-thread CPU per task (Chromium trace): longest ${c.longestCpu.toFixed(0)} ms (its longest wall ${c.longestWall.toFixed(0)} ms), ${c.cpuOver50} tasks over 50 ms of CPU, ${c.busyCpu.toFixed(0)} ms CPU in all`;

const fmt = (xs: number[]) => (xs.length ? `${xs.length} long tasks, longest ${Math.max(...xs).toFixed(0)} ms` : 'no long task (> 50 ms)');

test('perf: 1M-record run in the worker, seeking, and frame rate with ~2,000 messages moving', async ({ page }) => {
  test.setTimeout(900_000);
  const sim = new SimulatePage(page);
  await sim.open();
  await sim.replaceDocument(bigRun(5000));
  await observeLongTasks(page);
  await takeLongTasks(page);
  console.log(`[perf] before the 1M run: ${load()}`);
  const t0 = Date.now();
  let wall = 0;
  const computingCpu = await traceMainThread(page, async () => {
    // A plain CSS locator (a role query walks the accessibility tree of the page, in the page).
    await page.locator('.fo-modes__button--simulate').click();
    await waitRunDone(page);
    wall = Date.now() - t0;
    // The whole run: entering Simulate, every slice, the completion and the UI update after it.
    await page.waitForTimeout(1000);
  });
  const computing = await takeLongTasks(page);
  await page.screenshot({ path: 'e2e/.output/simulate-perf-1m-done.png' });
  const info = await page.evaluate(() => {
    const c = window.__fanoutSimulation!;
    return { records: c.trace!.records, steps: c.trace!.steps, computeMs: c.computeMs, truncated: c.finalResult!.truncated };
  });
  console.log(`[perf] 1M run: ${info.records.toLocaleString('en')} records, ${info.steps.toLocaleString('en')} steps, truncated ${info.truncated}`);
  console.log(`[perf] worker compute ${info.computeMs.toFixed(0)} ms (wall, click to done: ${wall} ms)`);
  console.log(`[perf] main thread while computing (click on Simulate → done + 1 s): ${fmt(computing)}; ${load()}`);
  console.log(`[perf]   ${cpu(computingCpu)}`);

  // Seeking with counters from the worker's cursor.
  const settle = async (action: () => Promise<void>) => {
    const start = Date.now();
    await action();
    await sim.settled();
    return Date.now() - start;
  };
  const toEnd = await settle(() => sim.control('Run to end').click());
  const back = await settle(() => sim.control('Step back').click());
  const middle = await settle(() => page.getByRole('slider', { name: 'Timeline' }).fill(String(Math.floor(info.steps / 2))));
  const forward = await settle(() => sim.control('Step forward').click());
  const stateCost = await page.evaluate(() => window.__fanoutSimulation!.lastStateCostMs);
  console.log(`[perf] counters shown after: run to end ${toEnd} ms, step back from the end ${back} ms, jump to the middle ${middle} ms, step forward ${forward} ms (worker state answer ${stateCost.toFixed(0)} ms)`);
  console.log(`[perf] main thread while seeking: ${fmt(await takeLongTasks(page))}`);

  // Event log: filter over 1M records, scroll to the end.
  const filterStart = Date.now();
  await page.getByRole('combobox', { name: 'Filter by kind' }).selectOption('deadletter');
  await expect(page.getByTestId('log-count')).not.toHaveText(/^1,000,000/);
  console.log(`[perf] event log filter over ${info.records.toLocaleString('en')} records: ${Date.now() - filterStart} ms; rows in the DOM: ${await page.getByRole('log', { name: 'Event log' }).locator('button').count()}`);
  await page.getByRole('combobox', { name: 'Filter by kind' }).selectOption('-1');

  // Frame rate while about 2,000 messages are drawn moving.
  await sim.page.getByRole('button', { name: 'Design', exact: true }).click();
  await sim.replaceDocument(bigRun(700, 200_000));
  await sim.enterSimulate();
  await sim.waitComputed();
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('1');
  await sim.control('Play').click();
  await page.waitForTimeout(1500);
  await takeLongTasks(page);
  let fps = { frames: 0, ms: 1, tokens: 0, worst: 0 };
  const playingCpu = await traceMainThread(page, async () => {
    fps = await page.evaluate(
      () =>
        new Promise<{ frames: number; ms: number; tokens: number; worst: number }>((resolve) => {
          const start = performance.now();
          let frames = 0;
          let tokens = 0;
          let last = start;
          let worst = 0;
          const tick = (now: number) => {
            frames++;
            worst = Math.max(worst, now - last);
            last = now;
            tokens += window.__fanoutOverlayStats?.tokens ?? 0;
            if (now - start < 4000) requestAnimationFrame(tick);
            else resolve({ frames, ms: now - start, tokens: tokens / frames, worst });
          };
          requestAnimationFrame(tick);
        }),
    );
  });
  const playing = await takeLongTasks(page);
  await page.screenshot({ path: 'e2e/.output/simulate-perf-play.png' });
  await sim.control('Pause').click();
  const bubbles = await page.evaluate(() => window.__fanoutOverlayStats!.aggregated);
  console.log(
    `[perf] playing at 1×: ${((fps.frames * 1000) / fps.ms).toFixed(1)} fps over ${(fps.ms / 1000).toFixed(1)} s, ${fps.tokens.toFixed(0)} messages moving on average, worst frame ${fps.worst.toFixed(0)} ms, count bubbles drawn ${bubbles > 0 ? 'yes' : 'no'}; ${fmt(playing)}; ${load()}`,
  );
  console.log(`[perf]   ${cpu(playingCpu)}; ${(playingCpu.busyCpu / Math.max(1, fps.frames)).toFixed(1)} ms of main-thread CPU per frame`);
});

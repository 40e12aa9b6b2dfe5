/**
 * Page object for Simulate mode: the mode switch, the player's controls by accessible name, the
 * counters a node shows, and the CLI's result for the same file and seed (the reference the canvas
 * must agree with).
 */
import { execFileSync } from 'node:child_process';
import { expect, type Locator, type Page } from '@playwright/test';
import { EditorPage } from '../support/editor-page';

export type CliResult = {
  seed: number;
  events: number;
  totals: Record<string, number>;
  nodes: Record<string, Record<string, unknown> & { kind: string }>;
};

/** Runs `npm run --silent fanout -- simulate FILE --json [--seed N]` in a child process. */
export function cliResult(file: string, seed?: number): CliResult {
  const args = ['run', '--silent', 'fanout', '--', 'simulate', file, '--json', ...(seed === undefined ? [] : ['--seed', String(seed)])];
  return JSON.parse(execFileSync('npm', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as CliResult;
}

export class SimulatePage extends EditorPage {
  constructor(page: Page) {
    super(page);
  }

  get player(): Locator {
    return this.page.getByRole('region', { name: 'Simulation player' });
  }

  control(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  async enterSimulate() {
    await this.page.getByRole('button', { name: 'Simulate', exact: true }).click();
    await expect(this.page.getByRole('button', { name: 'Simulate', exact: true })).toHaveAttribute('aria-pressed', 'true');
  }

  /** Waits until the worker has computed the whole run. */
  async waitComputed() {
    await expect(this.player).toHaveAttribute('data-run', 'done', { timeout: 120_000 });
  }

  async step(): Promise<number> {
    return Number(await this.player.getAttribute('data-step'));
  }

  /** Waits until the node counters show the step on screen. */
  async settled() {
    await expect
      .poll(async () => {
        const [a, b] = await Promise.all([this.player.getAttribute('data-step'), this.player.getAttribute('data-overlay-step')]);
        return a === b;
      })
      .toBe(true);
  }

  async counter(node: string, name: string): Promise<number | undefined> {
    const cell = this.node(node).locator(`[data-counter="${name}"] b`);
    if ((await cell.count()) === 0) return undefined;
    return Number((await cell.innerText()).replace(/,/g, ''));
  }

  /** Every counter of every node, as shown. */
  async allCounters(): Promise<Record<string, Record<string, string>>> {
    return this.page.evaluate(() => {
      const out: Record<string, Record<string, string>> = {};
      for (const node of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
        const id = node.dataset.id!;
        out[id] = {};
        for (const c of node.querySelectorAll<HTMLElement>('[data-counter]')) out[id][c.dataset.counter!] = c.querySelector('b')!.textContent!;
      }
      return out;
    });
  }

  async clock(): Promise<string> {
    return this.page.getByTestId('sim-clock').innerText();
  }
}

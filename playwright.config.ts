import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/browser';

// E2E runs against the production build served by `vite preview`, so what is tested is what ships.
// Perf specs (e2e/perf/*) print figures; they never assert on time.
// FANOUT_E2E_PORT lets several checkouts (or sessions) run the suite at once without sharing a server.
const port = Number(process.env.FANOUT_E2E_PORT ?? 4173);
const outDir = port === 4173 ? 'dist' : `e2e/.output/dist-${port}`;
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'e2e/.output/results',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1440, height: 900 } } }],
  webServer: {
    command: `npx tsc -p tsconfig.app.json && npx vite build --outDir ${outDir} --emptyOutDir && npx vite preview --outDir ${outDir} --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});

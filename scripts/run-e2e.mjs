#!/usr/bin/env node
// Runs the Playwright suite after finding a browser: FANOUT_CHROMIUM, Debian's /usr/bin/chromium,
// or Playwright's own download. With none, it says how to get one instead of failing obscurely.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';

const candidates = [process.env.FANOUT_CHROMIUM, '/usr/bin/chromium'].filter(Boolean);
let found = candidates.find((p) => existsSync(p));
if (!found) {
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) found = own;
  } catch {
    /* no bundled browser */
  }
}
if (!found) {
  console.error(
    [
      'No Chromium found for the end-to-end tests.',
      'Get one of:',
      '  - Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium',
      "  - Playwright's own browser: npx playwright install chromium",
      '  - or point FANOUT_CHROMIUM at a Chromium/Chrome executable.',
    ].join('\n'),
  );
  process.exit(1);
}
console.log(`e2e: using ${found}`);
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, FANOUT_CHROMIUM: found },
});
process.exit(result.status ?? 1);

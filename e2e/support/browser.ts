import { existsSync } from 'node:fs';

/** Flags Debian's Chromium needs here: no sandbox as root, no network chatter on a closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Which Chromium to drive: FANOUT_CHROMIUM when set, else Debian's /usr/bin/chromium when present,
 * else Playwright's own browser (undefined executablePath). scripts/run-e2e.mjs checks beforehand
 * that one of them exists and says how to get one otherwise.
 */
export function chromiumLaunchOptions(): { executablePath?: string; args: string[] } {
  const explicit = process.env.FANOUT_CHROMIUM;
  if (explicit) return { executablePath: explicit, args: CHROMIUM_ARGS };
  if (existsSync('/usr/bin/chromium')) return { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS };
  return { args: CHROMIUM_ARGS };
}

/**
 * Debian's Chromium, driven by playwright-core: the browser comes from the machine (.ci/run
 * installs the `chromium` package), nothing is downloaded at run time.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { skipWithout } from './tools.ts';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Without the browser a developer's run skips; CI installs it, so there a missing one fails. */
export const skipWithoutChromium = skipWithout('chromium', existsSync(CHROMIUM));

/**
 * Flags that keep a headless Chromium off the (closed) network and quick to start. Playwright
 * adds --headless and gives every launch a fresh, temporary profile of its own.
 */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

// Debian's Chromium driven by playwright-core; Playwright never downloads a browser here.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export const screenshotDir = path.resolve(import.meta.dirname, '..', 'screenshots');
mkdirSync(screenshotDir, { recursive: true });

const options = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-dev-shm-usage',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export function launch() {
  return chromium.launch(options);
}

/** A browser with a fresh profile of its own in `dir`: nothing cached from an earlier run. */
export function launchFresh(dir) {
  return chromium.launchPersistentContext(dir, options);
}

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

/** Chromium with every new context (and page) reading Swedish unless a spec says otherwise:
 * the server's own pages follow the browser's Accept-Language, as a Swedish civil servant's
 * browser asks for Swedish. */
export async function launch() {
  const browser = await chromium.launch(options);
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (more = {}) => newContext({ locale: 'sv-SE', ...more });
  return browser;
}

/** A Swedish browser with a fresh profile of its own in `dir`: nothing cached from an earlier
 * run (the benchmark's cold cache); `args` are further Chromium switches. */
export function launchFresh(dir, args = []) {
  return chromium.launchPersistentContext(dir, { ...options, args: [...options.args, ...args], locale: 'sv-SE' });
}

// Debian's Chromium driven by playwright-core; Playwright never downloads a browser here.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export const screenshotDir = path.resolve(import.meta.dirname, '..', 'screenshots');
mkdirSync(screenshotDir, { recursive: true });

/** Chromium with every new context (and page) reading Swedish unless a spec says otherwise:
 * the server's own pages follow the browser's Accept-Language, as a Swedish civil servant's
 * browser asks for Swedish. */
export async function launch() {
  const browser = await chromium.launch({
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
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options = {}) => newContext({ locale: 'sv-SE', ...options });
  return browser;
}

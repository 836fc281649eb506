// Times the stance matrix and the compilation page at a real consultation's size: opens each
// in a fresh tab of a signed-in coordinator and reports the time from navigation to the full
// grid (every cell) and to the compilation's last clause.
//   node bench/matrix.mjs --base URL --cookie 'samrad_session=…' --agreement bench
import { chromium } from 'playwright-core';

const opts = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const [name, value] = opts.cookie.split('=');
await context.addCookies([{ name, value, url: opts.base }]);

async function time(path, ready) {
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(`${opts.base}/a/${opts.agreement}/${path}`);
  const detail = await ready(page);
  const ms = Date.now() - t0;
  const inner = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return Math.round(performance.now() - (nav?.domContentLoadedEventEnd ?? 0));
  });
  await page.close();
  return { path, ms, fromDomContentLoadedMs: inner, ...detail };
}

const warm = await time('', async (p) => { await p.locator('article.clause').first().waitFor({ timeout: 60_000 }); return {}; });
console.log(JSON.stringify(warm));
for (let i = 0; i < 3; i++) {
  console.log(JSON.stringify(await time('matrix', async (p) => {
    await p.locator('table.matrix').waitFor({ timeout: 60_000 });
    return { cells: await p.locator('td.matrix-cell').count() };
  })));
  console.log(JSON.stringify(await time('compilation', async (p) => {
    await p.locator('article.compilation-clause').last().waitFor({ timeout: 60_000 });
    return { clauses: await p.locator('article.compilation-clause').count() };
  })));
}
await browser.close();

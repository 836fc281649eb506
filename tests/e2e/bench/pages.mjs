// How fast the versions, compare and print pages open on a real-size fixture (see
// scripts/bench.sh, which builds them): the coordinator's session from the fixture opens
// each page cold (the address typed in a fresh tab: app, sync and page) and warm (reached
// from the agreement with the replica loaded: the page's own cost), and the compare page
// between the two newest versions and between the oldest and now.
//
//   node bench/pages.mjs --fixture DIR --server BIN --app DIST
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launch } from '../lib/browser.mjs';
import { coordinatorContext, options, serveCopy } from './launch.mjs';

const opts = options();

/** Milliseconds from navigation start until `selector` is shown. */
async function timed(page, url, selector) {
  const t0 = Date.now();
  await page.goto(url);
  await page.locator(selector).first().waitFor({ timeout: 120_000 });
  return Date.now() - t0;
}

/** Milliseconds from a click on a page link until `selector` is shown (client-side route). */
async function clicked(page, link, selector) {
  const t0 = Date.now();
  await page.locator(`nav.page-nav a[href$="${link}"]`).click();
  await page.locator(selector).first().waitFor({ timeout: 120_000 });
  return Date.now() - t0;
}

const fixture = JSON.parse(readFileSync(path.join(opts.fixture, 'fixture.json'), 'utf8'));
const server = await serveCopy(opts, opts.fixture, 'samrad-pages-');
const browser = await launch();
try {
  const context = await coordinatorContext(browser, fixture, server.base);
  const page = await context.newPage();
  const a = `${server.base}/a/${fixture.agreement}`;
  const r = {};
  r.versionsCold = await timed(page, `${a}/versions`, 'li.version-item');
  r.versions = await page.locator('li.version-item').count();
  r.compareCold = await timed(page, `${a}/compare`, '.compare-summary');
  r.summary = await page.locator('.compare-summary').textContent();
  await timed(page, a, 'article.clause');
  r.versionsWarm = await clicked(page, '/versions', 'li.version-item');
  r.compareWarm = await clicked(page, '/compare', '.compare-summary');
  const oldest = await page.locator('#compare-from option').first().getAttribute('value');
  const t0 = Date.now();
  await page.goto(`${a}/compare?from=${oldest}&to=now`);
  await page.locator('.compare-summary').waitFor({ timeout: 120_000 });
  r.compareOldestNowCold = Date.now() - t0;
  r.summaryOldestNow = await page.locator('.compare-summary').textContent();
  r.shownOldestNow = await page.locator('li.compared-clause').count();
  r.printCold = await timed(page, `${a}/print`, 'article.static-clause');
  console.log(JSON.stringify({ fixture: { clauses: fixture.clauses, remarks: fixture.remarks, versions: fixture.versions }, ms: r }, null, 2));
} finally {
  await browser.close();
  await server.stop();
}

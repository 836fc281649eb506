// The pages off the first screen are wasm files of their own, fetched when first opened (or
// once the agreement is shown and the browser is idle). A file that cannot be fetched — the
// network gone before the service worker kept it — must not stop the app: the page says so,
// the rest keeps working, and opening the page again once the file can be fetched shows it.
// The offline shell keeps a page's file once the app has fetched it, not while it installs
// (which runs while the first screen is drawn).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../lib/suite.mjs';
import { AgreementPage } from '../lib/agreement-page.mjs';
import { DeviceNetwork, deviceCopyKept, deviceWritten, filesKept, shellInstalled, workerLists } from '../lib/device.mjs';
import { AGREEMENT, DESKTOP } from '../lib/world.mjs';

const env = serverAndBrowser();

test('a page whose code cannot be fetched says so, and shows once it can be', async () => {
  // No service worker: every file comes from the network, where the test can cut it.
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The matrix page's own file cannot be fetched from the start (the idle preload may ask for
  // it while signing in); every other file, the agreement page's parts among them, is at hand.
  let cut = true;
  const blocked = [];
  await page.route(/\/split_matrix-[^/]*\.wasm$/, (route) => {
    if (!cut) return route.continue();
    blocked.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  const karin = new AgreementPage(page);
  await karin.signIn(env.server.links.coordinator.url);
  const matrix = page.url().replace(/(\/a\/[^/?#]+).*/, '$1/matrix');
  await page.goto(matrix);
  await page.getByRole('alert').filter({ hasText: 'Sidan kunde inte hämtas utan anslutning' }).waitFor({ timeout: 10_000 });
  assert.ok(blocked.length > 0, 'the page asked for its own file');
  // The app is still running: its own links still work.
  await page.goBack();
  await page.locator('article.clause').first().waitFor({ timeout: 10_000 });

  cut = false;
  await page.goto(matrix);
  await page.locator('table.matrix').waitFor({ timeout: 10_000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the offline shell installs the first screen's files only, and keeps a page's file once fetched", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await new AgreementPage(page).signIn(env.server.links.member.url);
  await shellInstalled(page);
  const lists = await workerLists(page);
  const pages = (files) => files.filter((f) => /\/(split|chunk)_[^/]*\.wasm$/.test(f));
  assert.deepEqual(pages(lists.SHELL), [], 'installing fetches no page file');
  const matrixFile = lists.LATER.find((f) => f.startsWith('/split_matrix-'));
  assert.ok(matrixFile, "the matrix page's file is listed for later");
  assert.ok(lists.SHELL.some((f) => /_bg\.wasm$/.test(f)), "the first screen's wasm is installed");

  await page.goto(page.url().replace(/(\/a\/[^/?#]+).*/, '$1/matrix'));
  await page.locator('table.matrix').waitFor({ timeout: 10_000 });
  // Kept by the worker once fetched (the idle preload may have fetched it first).
  await filesKept(page, [matrixFile], "the matrix page's file");
  await context.close();
});

// The agreement page's interactive parts (composer, reply field, toolbars, forms, the header's
// menus) are one more file of their own (with the files it shares with the pages): the first
// screen is drawn without it, it is fetched right after, and the service worker then keeps it —
// so a reader who opened once, online, writes a remark and a reply offline afterwards.
test("the first screen does not wait for the interactive parts' file, and a reader who opened once writes offline", async () => {
  const context = await env.browser.newContext({ viewport: DESKTOP });
  const network = new DeviceNetwork(env.server.base);
  await network.attach(context);
  // When the first clause's text is on screen, noted by the page itself.
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('article.clause .clause-text')?.textContent.length > 0) {
        window.__firstClause = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const sara = new AgreementPage(page);
  await sara.signIn(env.server.links.jurist.url);
  const timing = await page.evaluate(() => ({
    firstClause: window.__firstClause,
    soon: performance.getEntriesByType('resource')
      .filter((e) => /\/split_soon-[0-9a-f]+\.wasm$/.test(e.name))
      .map((e) => e.startTime),
  }));
  assert.ok(timing.firstClause > 0, 'the first clause was seen');
  assert.equal(timing.soon.length, 1, "the parts' file was fetched once");
  assert.ok(timing.soon[0] > timing.firstClause, `fetched after the first screen (${timing.soon[0]} > ${timing.firstClause} ms)`);

  // Listed apart from the shell (not fetched while it installs), and kept once the app has them.
  const lists = await workerLists(page);
  assert.ok(lists.SOON.some((f) => /^\/split_soon-/.test(f)), "the parts' file is listed to be kept");
  assert.ok(!lists.SHELL.some((f) => /\/(split|chunk)_/.test(f)), 'installing fetches none of them');
  await shellInstalled(page); // the parts' files (SOON) kept among them
  await deviceCopyKept(page);
  await page.close();

  await network.down();
  const again = new AgreementPage(await context.newPage());
  again.page.on('pageerror', (e) => errors.push(e.message));
  await again.page.goto(`${env.server.base}/a/${AGREEMENT}`);
  await again.page.locator('article.clause').first().waitFor({ timeout: 20_000 });
  const words = `Skriven offline efter ett besök (${Date.now()})`;
  await again.addRemark('2.2', words);
  await again.remark('2.2', words).locator('.unsaved').waitFor({ timeout: 10_000 });
  await again.reply('2.2', words, 'Och ett svar, offline');
  await again.remark('2.2', 'Och ett svar, offline').waitFor({ timeout: 10_000 });
  assert.equal(await again.page.getByText('kunde inte hämtas utan anslutning').count(), 0, 'no part is missing');
  await deviceWritten(again.page);
  assert.deepEqual(errors, []);
  await context.close();
});

// The pages off the first screen are wasm files of their own, fetched when first opened (or
// once the agreement is shown and the browser is idle). A file that cannot be fetched — the
// network gone before the service worker kept it — must not stop the app: the page says so,
// the rest keeps working, and opening the page again once the file can be fetched shows it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../lib/suite.mjs';
import { AgreementPage } from '../lib/agreement-page.mjs';

const env = serverAndBrowser();

test('a page whose code cannot be fetched says so, and shows once it can be', async () => {
  // No service worker: every file comes from the network, where the test can cut it.
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let cut = true;
  const blocked = [];
  await page.route(/\/(split_|chunk_)[^/]*\.wasm$/, (route) => {
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

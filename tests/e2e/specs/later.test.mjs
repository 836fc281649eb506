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
import { startServer } from '../lib/server.mjs';
import { Client } from '../../bench/load/client.mjs';
import { DeviceNetwork, deviceCopyKept, deviceWritten, filesKept, shellInstalled, workerLists } from '../lib/device.mjs';
import { AGREEMENT, DESKTOP } from '../lib/world.mjs';
import { screenshotDir } from '../lib/browser.mjs';

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

test("an author's edit asked for before the parts' file can be fetched says so and keeps the wording", async () => {
  // A server of its own: an invitation link signs in once, and the member's remark is written
  // here, by the member, in a first session where the interactive parts are at hand.
  const server = await startServer();
  const body = 'Gäller det även helger?';
  const first = await env.browser.newContext({ viewport: DESKTOP });
  const second = await env.browser.newContext({
    viewport: DESKTOP,
    serviceWorkers: 'block',
    storageState: await (async () => {
      const erik = new AgreementPage(await first.newPage());
      await erik.signIn(server.links.member.url);
      await erik.remarkOnSelection('2.1', 'dygnet runt', 'Kommentera', body);
      await erik.connection().filter({ hasText: 'Sparat' }).waitFor({ timeout: 10_000 });
      return first.storageState();
    })(),
  });
  try {
    // No service worker in the second session: the parts' file comes from the network, where
    // it is cut from the start; the card and its "edit" are on the first screen, the form is
    // in that file.
    const page = await second.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    let cut = true;
    await page.route(/\/split_soon-[^/]*\.wasm$/, (route) => (cut ? route.abort('internetdisconnected') : route.continue()));
    await page.goto(`${server.base}/a/${AGREEMENT}?lang=sv`);
    const erik = new AgreementPage(page);
    await erik.online();
    const own = erik.remark('2.1', body);
    await own.locator('[data-action=edit]').click();
    await own.getByRole('alert').filter({ hasText: 'Redigeringsfältet kunde inte hämtas' }).waitFor({ timeout: 10_000 });
    assert.equal(await own.locator('form.edit-form').count(), 0, 'no field without its form');
    assert.equal(await own.locator('.remark-body').isVisible(), true, 'the wording stays');
    // The parts the page offers on its own (menus, filters, forms) leave their places empty and
    // the page says so once, at its top, instead of a notice in each.
    const missing = page.locator('.parts-missing');
    await missing.waitFor();
    assert.equal(await page.getByText('Den här delen kunde inte hämtas').count(), 0, 'no notice per part');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${screenshotDir}/later-parts-missing.png` });
    await own.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshotDir}/later-edit-not-fetched.png` });

    cut = false;
    // Found by id from here on: with the field open, the wording is a field's value, not text.
    const row = page.locator(`li.remark[data-remark="${await own.getAttribute('data-remark')}"]`);
    await row.locator('[data-action=edit]').click();
    await row.locator('form.edit-form textarea').waitFor({ timeout: 15_000 });
    assert.equal(await row.locator('form.edit-form textarea').inputValue(), body, 'opened on the wording');
    assert.equal(await row.getByRole('alert').count(), 0, 'the refusal is gone');
    await missing.waitFor({ state: 'detached' });
    await page.getByTestId('sign-out').waitFor();
    await row.locator('form.edit-form').getByRole('button', { name: 'Avbryt' }).click();
    await row.locator('.remark-body').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await first.close();
    await second.close();
    await server.stop();
  }
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

/** Signs in as the sign-in page's button does (the link's token posted from the same origin):
 * the cookie, the participant and the agreement, for a plain Yjs client. */
async function signInDirect(base, link) {
  const response = await fetch(`${base}/join`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams({ token: link.split('/').pop() }),
  });
  assert.equal(response.status, 303, 'the link is redeemed');
  const cookie = response.headers.getSetCookie()[0].split(';')[0];
  const agreement = response.headers.get('location').split('/').pop();
  const { participant } = await (await fetch(`${base}/api/session`, { headers: { cookie } })).json();
  return { cookie, participant, agreement };
}

/** Writes `count` remarks of the member's, spread over the clauses (a plain Yjs client
 * writing them as the app does, one remark per update), and waits until the server has stored them. */
async function manyRemarks(server, count) {
  const who = await signInDirect(server.base, server.links.member.url);
  const stats = { framesIn: 0, presenceIn: 0, closes: {}, measuring: false, stopping: false };
  const client = new Client({
    index: 1,
    agreement: who.agreement,
    url: `${server.base.replace(/^http/, 'ws')}/sync/${who.agreement}`,
    headers: { cookie: who.cookie, origin: server.base },
    participant: who.participant,
    writes: null,
    acks: true,
    peers: 0,
  }, stats);
  await client.connect();
  const remarks = client.doc.getMap('remarks');
  const YMap = remarks.constructor;
  const clauses = [...client.doc.getMap('clauses').keys()].sort();
  const phase = client.doc.getMap('meta').get('phase') ?? 'drafting';
  const p = who.participant;
  // One remark per update, as the app writes them, 40 a second: the socket takes 100 messages
  // a second (a burst of 200), and each update may be followed by the client's answer to the
  // server's "saved". Each round waits for the server's "saved" and the rest of its second.
  const end = Date.now() + 30_000;
  let round = Date.now();
  for (let i = 0; i < count; i++) {
    client.send(() => {
      remarks.set(client.freshKey('r'), new YMap([
        ['clause', clauses[i % clauses.length]],
        ['author', p.id],
        ['author_name', p.name],
        ['organisation', p.organisation],
        ['role', p.role],
        ['body', `Synpunkt nummer ${i}.`],
        ['created_ms', Date.now()],
        ['phase', phase],
        ['kind', 'comment'],
      ]));
    });
    if (i % 40 === 39 || i === count - 1) {
      while (client.pendingAcks.length > 0) {
        assert.equal(client.closed, null, `the server keeps the remarks (closed: ${JSON.stringify(stats.closes)})`);
        assert.ok(Date.now() < end, 'the server stored the remarks in 30 s');
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, Math.max(0, round + 1000 - Date.now())));
      round = Date.now();
    }
  }
  client.close();
}

// An agreement with more threads than are built at once (near.rs, EAGER_THREADS) builds a
// clause's remarks only once the browser has said the clause is near the screen, which comes
// after the agreement is shown and connected: the parts' file still waits for those remarks.
test("an agreement built piecemeal: the parts' file waits for the remarks of the clauses on screen", async () => {
  const server = await startServer();
  const context = await env.browser.newContext({ viewport: DESKTOP, serviceWorkers: 'block' });
  try {
    await manyRemarks(server, 240);
    // When the first clause's remarks are on screen, noted by the page itself.
    await context.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector('article.clause li.remark')) {
          window.__firstRemarks = performance.now();
          observer.disconnect();
        }
      }).observe(document, { subtree: true, childList: true });
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await new AgreementPage(page).signIn(server.links.jurist.url);
    const timing = await page.evaluate(() => ({
      firstRemarks: window.__firstRemarks,
      built: document.querySelectorAll('article.clause .remarks').length,
      clauses: document.querySelectorAll('article.clause').length,
      soon: performance.getEntriesByType('resource')
        .filter((e) => /\/split_soon-[0-9a-f]+\.wasm$/.test(e.name))
        .map((e) => e.startTime),
    }));
    assert.ok(timing.built < timing.clauses, `built piecemeal (${timing.built} of ${timing.clauses} clauses' remarks)`);
    assert.ok(timing.firstRemarks > 0, "the first clause's remarks were seen");
    assert.equal(timing.soon.length, 1, "the parts' file was fetched once");
    assert.ok(timing.soon[0] > timing.firstRemarks, `fetched after the first clause's remarks (${timing.soon[0]} > ${timing.firstRemarks} ms)`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.stop();
  }
});

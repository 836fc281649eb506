// A first visit to an agreement: the device keeps no copy of it, so index.html fetches the
// agreement (its stored log) while the app's code arrives, and the app applies it before its
// socket's hello — which then holds the agreement's state vector, so the server's answer is
// only what came after. It must end exactly where a normal open ends, write like any other,
// keep the device copy as usual; a device that keeps a copy must not fetch (it asks with its
// copy's state, and opens offline); a failed fetch must leave the socket to bring everything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../lib/suite.mjs';
import { AgreementPage } from '../lib/agreement-page.mjs';
import { AGREEMENT, DESKTOP } from '../lib/world.mjs';
import { DeviceNetwork, deviceCopyKept, deviceWritten, shellInstalled } from '../lib/device.mjs';
import { ASKS_FOR_EVERYTHING, SyncTraffic, failStateFetch } from '../lib/sync-traffic.mjs';

const env = serverAndBrowser();
const errors = [];
/** The member's device after the first visit (its session, device copy and network). */
let member;
let network;

function watch(page, who) {
  page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`${who}: ${m.text()}`));
}

/** What a reader sees of the agreement: every clause's heading and text, and its remarks. */
async function shown(page) {
  await page.locator('article.clause').first().waitFor();
  return page.evaluate(() =>
    [...document.querySelectorAll('article.clause')].map((c) => ({
      clause: c.dataset.clause,
      heading: c.querySelector('h3')?.textContent,
      text: c.querySelector('.clause-text')?.textContent,
      remarks: [...c.querySelectorAll('li.remark .remark-body')].map((r) => r.textContent).sort(),
    })),
  );
}

const hello = (traffic) => {
  const hellos = traffic.hellos();
  assert.equal(hellos.length, 1, `one hello: ${JSON.stringify(hellos.map((h) => h.slice(0, 6)))}`);
  return hellos[0];
};

test('a first visit applies the agreement index.html fetched: its hello holds it, the server sends only the rest, and writing works', async () => {
  // The coordinator's device says it keeps a copy (it has none): no fetch, the socket brings all.
  const karinContext = await env.browser.newContext({ viewport: DESKTOP });
  await karinContext.addInitScript((id) => localStorage.setItem(`samrad-copy.${id}`, '1'), AGREEMENT);
  const karin = new AgreementPage(await karinContext.newPage());
  watch(karin.page, 'coordinator');
  const karinTraffic = await SyncTraffic.of(karin.page);
  await karin.signIn(env.server.links.coordinator.url);
  const normal = await shown(karin.page);
  assert.deepEqual(karinTraffic.fetches, [], 'a device with a copy does not fetch');
  assert.deepEqual(hello(karinTraffic).slice(0, 4), ASKS_FOR_EVERYTHING, 'its (empty) copy asks for everything');
  const whole = karinTraffic.largestReceived();

  const context = await env.browser.newContext({ viewport: DESKTOP });
  network = new DeviceNetwork(env.server.base);
  await network.attach(context);
  const erik = new AgreementPage(await context.newPage());
  watch(erik.page, 'member');
  const traffic = await SyncTraffic.of(erik.page);
  await erik.signIn(env.server.links.member.url);
  assert.deepEqual(await shown(erik.page), normal, 'the same agreement as a normal open');
  await erik.screenshot('first-visit-fetched');
  assert.equal(traffic.fetches.length, 1, 'fetched once');
  assert.equal(traffic.fetches[0].status, 200);
  const asked = hello(traffic);
  assert.ok(asked.length > 8, `the hello holds the fetched agreement's state vector: ${asked.slice(0, 8)}`);
  assert.notDeepEqual(asked.slice(0, 4), ASKS_FOR_EVERYTHING);
  const answered = traffic.largestReceived();
  console.log(`whole agreement over the socket ${whole} B; fetched ${traffic.fetches[0].bytes} B, then the largest frame ${answered} B`);
  assert.ok(answered * 4 < whole, `the server sent only what came after (${answered} of ${whole} bytes)`);
  assert.ok(normal.length > 5, 'the demo agreement has clauses');

  // Writing works: stored by the server, seen by the other.
  const text = `Skriven vid första besöket (${Date.now()})`;
  await erik.savedAfter(() => erik.addRemark('2.2', text));
  await karin.remark('2.2', text).waitFor({ timeout: 10_000 });

  // The device copy is kept as usual (the fetched agreement with it), and marked.
  await deviceCopyKept(erik.page);
  await deviceWritten(erik.page);
  await shellInstalled(erik.page);
  const marker = await erik.page.evaluate((id) => localStorage.getItem(`samrad-copy.${id}`), AGREEMENT);
  assert.equal(marker, '1', 'the device says it keeps a copy');
  // The device (its session, copy and network) goes on to the next test, the page does not:
  // left open, it would go on fetching the other pages' files in the background while the next
  // test takes the network down, and the split loader reports each failed fetch on the console.
  await erik.page.close();
  member = context;
  await karinContext.close();
});

test('a device that keeps a copy does not fetch: it asks with its state, and opens offline', async () => {
  assert.ok(member, 'the first visit ran before');
  const page = await member.newPage();
  watch(page, 'member (second visit)');
  const traffic = await SyncTraffic.of(page);
  await page.goto(`${env.server.base}/a/${AGREEMENT}`);
  const again = new AgreementPage(page);
  await again.online();
  const online = await shown(page);
  assert.deepEqual(traffic.fetches, [], 'no fetch');
  assert.ok(hello(traffic).length > 8, 'asked with the copy\'s state vector');
  await page.close();

  // Offline, the copy (the fetched agreement and what was written) opens on its own.
  await network.down();
  const offline = await member.newPage();
  watch(offline, 'member (offline)');
  await offline.goto(`${env.server.base}/a/${AGREEMENT}`);
  assert.deepEqual(await shown(offline), online, 'the same agreement, from the device copy');
  await member.close();
});

test('a failed fetch leaves it to the socket: the agreement arrives whole over it', async () => {
  const context = await env.browser.newContext({ viewport: DESKTOP });
  await failStateFetch(context);
  const sara = new AgreementPage(await context.newPage());
  const traffic = await SyncTraffic.of(sara.page);
  await sara.signIn(env.server.links.jurist.url);
  const clauses = await shown(sara.page);
  assert.ok(clauses.length > 5, 'the agreement arrived');
  assert.deepEqual(traffic.fetches.map((f) => f.status), ['failed']);
  assert.deepEqual(hello(traffic).slice(0, 4), ASKS_FOR_EVERYTHING, 'the socket asked for everything');
  await context.close();
  // The refused fetch is logged by the browser as a failed resource; anything else is not.
  assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), [], 'no page or console errors');
});

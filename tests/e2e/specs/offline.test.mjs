// Working through a lost connection: the server goes away (as the network would), a politician
// keeps writing, the badge says how many changes wait, and everything arrives — stored and seen
// by a colleague — once the server is back. Nothing is reloaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, serverAndBrowser } from '../lib/suite.mjs';
import { AgreementPage } from '../lib/agreement-page.mjs';

const env = serverAndBrowser();

async function participant(role) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = new AgreementPage(await context.newPage());
  p.errors = [];
  p.page.on('pageerror', (e) => p.errors.push(e.message));
  await p.signIn(env.server.links[role].url);
  return p;
}

test('offline: remarks wait, are counted, and arrive when the connection returns', async () => {
  const erik = await participant('member');
  const sara = await participant('jurist');
  await erik.connection().filter({ hasText: 'Sparat' }).waitFor({ timeout: 10_000 });
  assert.equal(await erik.connection().getAttribute('aria-live'), 'polite', 'announced politely');

  await env.server.down();
  await erik.page.locator('[data-testid=connection]:not([data-state=online])').waitFor({ timeout: 15_000 });
  await erik.connection().filter({ hasText: 'Frånkopplad' }).waitFor();

  const stamp = Date.now();
  const texts = [1, 2, 3].map((n) => `Offline synpunkt ${n} (${stamp})`);
  for (const text of texts) {
    await erik.addRemark('2.2', text);
    // The reader's own remark shows at once, connection or not.
    await erik.remark('2.2', text).waitFor({ timeout: 5_000 });
  }
  await erik.connection().filter({ hasText: 'Frånkopplad – 3 ändringar väntar' }).waitFor({ timeout: 5_000 });
  for (const text of texts) {
    await erik.remark('2.2', text).locator('.unsaved', { hasText: 'Inte sparad ännu' }).waitFor();
  }
  await assertAccessible(erik.page, 'while offline');
  await erik.clause('2.2').scrollIntoViewIfNeeded();
  await erik.screenshot('sv-09-offline-pending');

  await env.server.up();
  // Reconnects by itself (backoff ≤ 10 s), sends what waits, and the server confirms storing it.
  await erik.connection().filter({ hasText: 'Sparat' }).waitFor({ timeout: 40_000 });
  assert.equal(await erik.clause('2.2').locator('.unsaved').count(), 0, 'every remark marked saved');
  await sara.online();
  for (const text of texts) {
    await sara.remark('2.2', text).waitFor({ timeout: 20_000 });
  }
  await sara.clause('2.2').scrollIntoViewIfNeeded();
  await sara.screenshot('sv-10-after-reconnect');

  // Stored, not just relayed: a fresh page of a third participant loads them from the env.server.
  const karin = await participant('coordinator');
  for (const text of texts) {
    await karin.remark('2.2', text).waitFor({ timeout: 10_000 });
  }
  assert.deepEqual([...erik.errors, ...sara.errors, ...karin.errors], []);
});

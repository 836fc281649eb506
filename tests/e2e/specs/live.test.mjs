// Two participants from different organisations, each in their own browser context, see each
// other's remarks and replies appear without reloading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../lib/suite.mjs';
import { AgreementPage } from '../lib/agreement-page.mjs';

const env = serverAndBrowser();

test('a remark and its reply travel live between two participants', async () => {
  const contextA = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const contextB = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const a = new AgreementPage(await contextA.newPage());
  const b = new AgreementPage(await contextB.newPage());
  const errors = [];
  for (const p of [a.page, b.page]) {
    p.on('pageerror', (e) => errors.push(e.message));
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  }

  await a.signIn(env.server.links.member.url);
  await b.signIn(env.server.links.jurist.url);
  await a.screenshot('01-politician-signed-in');

  // Both see the seeded demo remark on 3.2 from the store.
  await b.remark('3.2', 'sanktioner mot brott mot avtal').waitFor();

  // B's reading position must survive A's remark arriving.
  await b.clause('2.3').scrollIntoViewIfNeeded();
  const scrollBefore = await b.page.evaluate(() => window.scrollY);

  const remarkText = `Förtydliga vem som gör den gemensamma bedömningen (${Date.now()}).`;
  // The server confirms it has stored the remark: the badge leaves "Sparat" and comes back.
  const trail = await a.savedAfter(async () => {
    await a.addRemark('2.3', remarkText);
    await a.remark('2.3', remarkText).waitFor({ timeout: 10_000 });
  });
  assert.ok(trail.includes('Sparar …'), `the badge said it was saving: ${trail.join(' → ')}`);
  const seenByB = b.remark('2.3', remarkText);
  await seenByB.waitFor({ timeout: 10_000 });
  assert.match(await seenByB.innerText(), /Erik Johansson/);
  assert.match(await seenByB.innerText(), /Strandviks kommun/);
  const scrollAfter = await b.page.evaluate(() => window.scrollY);
  assert.equal(scrollAfter, scrollBefore, 'the reader was not moved by the incoming remark');
  await b.screenshot('02-lawyer-sees-remark');

  const replyText = 'Bedömningen görs av ansvarig sjuksköterska och läkare tillsammans.';
  await b.reply('2.3', remarkText, replyText);
  const replySeenByA = a.remark('2.3', remarkText).locator('li.reply', { hasText: replyText });
  await replySeenByA.waitFor({ timeout: 10_000 });
  assert.match(await replySeenByA.innerText(), /Sara Nyström/);
  await a.remark('2.3', remarkText).scrollIntoViewIfNeeded();
  await a.screenshot('03-politician-sees-reply');

  // Nothing was lost on the way: a reload from the server shows both.
  await a.page.reload();
  await a.page.locator('[data-testid=connection][data-state=online]').waitFor();
  await a.remark('2.3', remarkText).locator('li.reply', { hasText: replyText }).waitFor();

  assert.deepEqual(errors, [], 'no page errors');
  await contextA.close();
  await contextB.close();
});

test('a used invitation link shows a clear page, not a blank app', async () => {
  const context = await env.browser.newContext();
  await new AgreementPage(await context.newPage()).signIn(env.server.links.coordinator.url);
  const second = await (await env.browser.newContext()).newPage();
  const response = await second.goto(env.server.links.coordinator.url);
  assert.ok(response.status() >= 400, `status ${response.status()}`);
  assert.match(await second.locator('body').innerText(), /använts|used/i);
  await context.close();
});

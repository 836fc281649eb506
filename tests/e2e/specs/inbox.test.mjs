// Being told: a politician @mentions a colleague; the colleague's bell counts it live, the
// inbox lists it, and following it leads to the remark and marks it read — for good.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../lib/suite.mjs';
import { AgreementPage } from '../lib/agreement-page.mjs';
import { Inbox, commentMentioning } from '../lib/inbox.mjs';

const env = serverAndBrowser();
const errors = [];
const sessions = {};

/** A browser context for `role` on the agreement: signs in with its link the first time (links
 * work once), later contexts reuse the session cookie, as a second device would. */
async function open(role) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, storageState: sessions[role] });
  const p = new AgreementPage(await context.newPage());
  p.page.on('pageerror', (e) => errors.push(`${role}: ${e.message}`));
  p.page.on('console', (m) => m.type() === 'error' && errors.push(`${role}: ${m.text()}`));
  if (sessions[role]) {
    await p.page.goto(`${env.server.base}/a/hsa-norrvik-2027`);
    await p.online();
  } else {
    await p.signIn(env.server.links[role].url);
    sessions[role] = await context.storageState();
  }
  await p.page.locator('article.clause').first().waitFor();
  return p;
}

test('a mention reaches the colleague live, and the inbox leads to the remark', async () => {
  const erik = await open('member');
  const sara = await open('jurist');
  const inbox = new Inbox(sara);
  await inbox.unread(0);
  assert.equal(await inbox.bell().innerText(), 'Inkorg');

  const body = `gäller detta även kommunens hemtjänst? (${Date.now()})`;
  await commentMentioning(erik, '2.3', 'Sara Nyström', body);

  // Live: no reload on Sara's side.
  await inbox.unread(1);
  await sara.page.getByRole('button', { name: 'Inkorg 1 oläst' }).waitFor();
  await sara.screenshot('inbox-01-bell-counts-a-mention');
  // Erik, who wrote it, is told nothing.
  assert.equal(await new Inbox(erik).bell().getAttribute('data-unread'), '0');

  await inbox.open();
  const item = inbox.items().first();
  assert.equal(await item.getAttribute('data-kind'), 'mention');
  assert.match(await item.innerText(), /Erik Johansson nämnde dig – 2\.3/);
  await sara.screenshot('inbox-02-panel-open');

  await inbox.follow('mention', 'Erik Johansson');
  const remark = sara.remark('2.3', body.trim());
  await remark.waitFor({ timeout: 10_000 });
  await sara.page.waitForFunction(() => document.activeElement?.matches('li.remark'), null, { timeout: 10_000 });
  assert.match(sara.page.url(), /#remark-/);
  await inbox.unread(0);
  await sara.screenshot('inbox-03-followed-to-the-remark');

  // Read state is the server's: a reload still shows it read.
  await sara.page.reload();
  await sara.online();
  await inbox.unread(0);
  await inbox.open();
  await inbox.items().first().waitFor();
  assert.equal(await inbox.items().first().evaluate((el) => el.classList.contains('unread')), false);

  // Escape closes the panel, as its "Stäng" does, and focus goes back to the bell.
  await inbox.items().first().locator('a, button').first().focus();
  await sara.page.keyboard.press('Escape');
  await inbox.panel().waitFor({ state: 'detached' });
  assert.equal(await inbox.bell().evaluate((el) => el === document.activeElement), true, 'focus back on the bell');
  assert.equal(await inbox.bell().getAttribute('aria-expanded'), 'false');
  assert.deepEqual(errors, [], 'no page or console errors');
});

test('on a page beside the agreement the bar is the same: the bell counts, and a notice leads to its clause', async () => {
  const erik = await open('member');
  const karin = await open('coordinator');
  // Karin works on the remiss page; the bar there has the phase, the inbox and signing out.
  await karin.page.locator('nav.page-nav').getByRole('link', { name: 'Remiss' }).click();
  await karin.page.locator('.remiss-page').waitFor();
  const bar = karin.page.locator('header.topbar');
  await bar.locator('.phase').waitFor({ timeout: 10_000 });
  await bar.getByRole('button', { name: 'Logga ut' }).waitFor();
  await bar.getByRole('button', { name: 'Deltagare' }).waitFor();
  // Who is signed in stands whole at 1,280 px, on the row of the page links (the row of the
  // controls, with a coordinator's phase and participants, used to cut it short).
  const me = bar.locator('.topbar-pages .me');
  await me.filter({ hasText: 'Inloggad som Karin Lindqvist, Region Norrvik' }).waitFor();
  const [shown, whole] = await me.evaluate((e) => [e.clientWidth, e.scrollWidth]);
  assert.ok(whole <= shown, `the name is not cut short (${whole} px of text in ${shown} px)`);
  const inbox = new Inbox(karin);
  const before = Number(await inbox.bell().getAttribute('data-unread'));

  const body = `kan regionen svara före nämnden? (${Date.now()})`;
  await commentMentioning(erik, '2.2', 'Karin Lindqvist', body);
  await inbox.unread(before + 1);
  await karin.screenshot('inbox-04-bell-on-the-remiss-page');
  await inbox.open();
  await inbox.follow('mention', 'Erik Johansson');
  // To the agreement, at the clause.
  await karin.page.waitForURL(/\/a\/[^/#?]+#clause-/, { timeout: 10_000 });
  await karin.remark('2.2', body).waitFor({ timeout: 10_000 });
  await karin.page.waitForFunction(() => {
    const el = document.getElementById(location.hash.slice(1));
    const r = el?.getBoundingClientRect();
    return r && r.top < innerHeight && r.bottom > 0;
  }, null, { timeout: 10_000 });
  await inbox.unread(before);
  assert.deepEqual(errors, [], 'no page or console errors');
});

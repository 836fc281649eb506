// Being told: a politician @mentions a colleague; the colleague's bell counts it live, the
// inbox lists it, and following it leads to the remark and marks it read — for good.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../lib/suite.mjs';
import { AgreementPage } from '../lib/agreement-page.mjs';
import { Inbox, commentMentioning } from '../lib/inbox.mjs';

const env = serverAndBrowser();

test('a mention reaches the colleague live, and the inbox leads to the remark', async () => {
  const errors = [];
  const open = async (role) => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = new AgreementPage(await context.newPage());
    p.page.on('pageerror', (e) => errors.push(`${role}: ${e.message}`));
    p.page.on('console', (m) => m.type() === 'error' && errors.push(`${role}: ${m.text()}`));
    await p.signIn(env.server.links[role].url);
    await p.page.locator('article.clause').first().waitFor();
    return p;
  };
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

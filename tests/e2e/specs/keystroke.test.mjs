// A keystroke in the remark composer changes the composer and nothing else: no other part of
// the page is restyled, laid out again or moved. What a press costs the browser then stays the
// size of the composer however long the agreement is (the page around it is not redrawn per
// key), and a per-key indicator, counter or presence echo placed elsewhere on the page — or a
// composer that grows and pushes everything below it — shows up here by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../lib/suite.mjs';
import { AgreementPage } from '../lib/agreement-page.mjs';
import { keystrokeFootprint } from '../lib/footprint.mjs';
import { screenshotDir } from '../lib/browser.mjs';

const env = serverAndBrowser();

test('typing in the composer invalidates and moves nothing outside the composer', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = new AgreementPage(await context.newPage());
  const errors = [];
  p.page.on('pageerror', (e) => errors.push(e.message));
  await p.signIn(env.server.links.member.url);
  await p.page.locator('article.clause').first().waitFor();
  const clause = p.clause('2.3');
  await clause.getByRole('button', { name: 'Synpunkt på punkt 2.3' }).click();
  const field = clause.locator('form.composer').getByLabel('Synpunkt', { exact: true });
  // The first keys start the draft and the "is typing" notice; the keys after them are the
  // steady state measured here — words, spaces, a new paragraph and more lines than the
  // field shows, then corrections.
  await field.pressSequentially('Hej');
  await p.page.waitForTimeout(500);
  const found = await keystrokeFootprint(p.page, 'form.composer', async () => {
    await field.pressSequentially(' ansvaret bör förtydligas', { delay: 15 });
    for (const line of ['Första raden', 'Andra raden', 'Tredje raden', 'Fjärde raden']) {
      await field.press('Enter');
      await field.pressSequentially(line, { delay: 15 });
    }
    for (let i = 0; i < 5; i++) await field.press('Backspace');
  });
  await clause.screenshot({ path: `${screenshotDir}/keystroke-composer.png` });
  assert.ok(found.inside > 0, `the typing itself was seen (${found.inside} invalidations in the composer)`);
  assert.deepEqual(found.outside, [], 'nothing outside the composer is invalidated by a keystroke');
  assert.deepEqual(found.shifted, [], 'nothing on the page moves while typing');
  assert.deepEqual(errors, []);
  await context.close();
});

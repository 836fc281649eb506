// A change the server refuses is handed back, not lost, and does not block what follows. The
// politician's connection is cut (his sync socket is routed into a void), he writes a remark
// and a reply; meanwhile the coordinator moves the agreement on to merging, where members may
// reply but no longer remark. When his connection returns the server refuses the update, the
// app loads the agreement afresh and lists both pieces as not saved: the reply goes through
// when sent again, the remark is refused with the reason in Swedish, and he discards it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, serverAndBrowser } from '../lib/suite.mjs';
import { AgreementPage } from '../lib/agreement-page.mjs';

const env = serverAndBrowser();

async function participant(role, network) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const p = new AgreementPage(page);
  p.errors = [];
  page.on('pageerror', (e) => p.errors.push(e.message));
  if (network) {
    // While `network.cut`, the sync socket opens but nothing reaches the server: a dead line.
    await page.routeWebSocket(/\/sync\//, (ws) => {
      network.sockets.push(ws);
      if (!network.cut) ws.connectToServer();
    });
  }
  await p.signIn(env.server.links[role].url);
  return p;
}

test('refused: writing the server did not take comes back to send again or discard', async () => {
  const network = { cut: false, sockets: [] };
  const erik = await participant('member', network);
  const karin = await participant('coordinator');
  await erik.connection().filter({ hasText: 'Sparat' }).waitFor({ timeout: 10_000 });

  // The line goes dead: the open socket drops and the next one reaches nothing.
  network.cut = true;
  for (const ws of network.sockets.splice(0)) await ws.close({ code: 1001, reason: 'network lost' });
  await erik.page.locator('[data-testid=connection]:not([data-state=online])').waitFor({ timeout: 10_000 });

  const stamp = Date.now();
  const remarkText = `Skriven utan nät (${stamp})`;
  const replyText = `Svar skrivet utan nät (${stamp})`;
  await erik.addRemark('2.2', remarkText);
  await erik.remark('2.2', remarkText).waitFor();
  await erik.reply('3.2', 'Ersätt formuleringen', replyText);
  await erik.remark('3.2', replyText).waitFor();

  // Meanwhile the coordinator closes remarks: merging.
  await karin.page.getByLabel('Fas', { exact: true }).selectOption({ label: 'Sammanställning' });
  await karin.page.locator('[data-action=confirm-phase]').click();
  await karin.connection().filter({ hasText: 'Sparat' }).waitFor({ timeout: 10_000 });

  // The line comes back: the app resends, the server refuses the remark (and with it the
  // whole update), the app starts over from the server's copy and hands both pieces back.
  network.cut = false;
  for (const ws of network.sockets.splice(0)) await ws.close({ code: 1001, reason: 'network back' });
  const panel = erik.page.getByTestId('unsaved');
  await panel.waitFor({ timeout: 30_000 });
  await panel.getByRole('heading', { name: 'Inte sparat' }).waitFor();
  const items = panel.getByTestId('unsaved-item');
  assert.equal(await items.count(), 2, 'the remark and the reply, nothing else');
  const remarkItem = items.filter({ hasText: 'Kommentar till punkt 2.2' });
  const replyItem = items.filter({ hasText: 'Svar i en tråd på punkt 3.2' });
  await remarkItem.filter({ hasText: remarkText }).waitFor();
  await replyItem.filter({ hasText: replyText }).waitFor();
  // The page now shows what the server has: neither piece is in the agreement.
  await erik.connection().filter({ hasText: 'Sparat' }).waitFor({ timeout: 20_000 });
  assert.equal(await erik.remark('2.2', remarkText).count(), 0);
  assert.equal(await erik.remark('3.2', replyText).count(), 0);
  await erik.page.locator('.phase strong', { hasText: 'Sammanställning' }).waitFor();
  // The writing controls are gone, and a line under the title says why.
  await erik.page
    .getByTestId('phase-notice')
    .filter({ hasText: 'Du kan läsa allt och svara i trådarna, men inte skriva nya synpunkter' })
    .waitFor();
  assert.equal(await erik.page.locator('button.remark-on-clause').count(), 0, 'no new remarks while merging');
  await erik.page.getByTestId('phase-notice').scrollIntoViewIfNeeded();
  await erik.screenshot('sv-11-phase-notice');

  // The list sits above the agreement, out of sight of a reader deep in it (starting over
  // keeps the reading position); the top bar says how much waits and leads there.
  await erik.clause('3.2').scrollIntoViewIfNeeded();
  const inView = () =>
    panel.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight;
    });
  assert.equal(await inView(), false, 'the reader stays where they were reading');
  const link = erik.page.getByTestId('unsaved-link');
  await link.filter({ hasText: '2 inte sparade' }).waitFor();
  await erik.screenshot('sv-11-unsaved-link');
  await link.click();
  assert.ok(await inView(), 'the link brings the list into view');

  // The server's own words are there as a technical detail, marked as English.
  const detail = panel.locator('details.unsaved-reason');
  await detail.locator('summary', { hasText: 'Serverns besked (tekniskt)' }).click();
  assert.match(await detail.locator('code[lang=en]').textContent(), /merging|Merging/);

  await assertAccessible(erik.page, 'on the handed-back list');
  await erik.screenshot('sv-12-unsaved-handed-back');
  for (const [lang, title] of [['nb', 'Ikke lagret'], ['nn', 'Ikkje lagra'], ['en', 'Not saved']]) {
    await erik.page.locator('select.language').selectOption(lang);
    await panel.getByRole('heading', { name: title }).waitFor();
    await assertAccessible(erik.page, `on the handed-back list (${lang})`);
    if (lang === 'nb') await erik.screenshot('nb-12-unsaved-handed-back');
  }
  await erik.page.locator('select.language').selectOption('sv');

  // Kept on the device: a reload (or closing the tab) does not lose the list.
  await erik.page.reload();
  await erik.online();
  await panel.waitFor();
  assert.equal(await items.count(), 2, 'both pieces still listed after a reload');

  // A reply is still allowed in merging: sent again, stored, and the coordinator sees it.
  await replyItem.getByRole('button', { name: 'Skicka igen' }).click();
  await replyItem.waitFor({ state: 'detached', timeout: 5_000 });
  await erik.remark('3.2', replyText).waitFor();
  await erik.connection().filter({ hasText: 'Sparat' }).waitFor({ timeout: 20_000 });
  await karin.remark('3.2', replyText).waitFor({ timeout: 20_000 });

  // A new remark is not: refused here, before it leaves the page, with the reason.
  await remarkItem.getByRole('button', { name: 'Skicka igen' }).click();
  await remarkItem
    .getByRole('alert')
    .filter({ hasText: 'Som ledamot kan du inte göra det under fasen Sammanställning.' })
    .waitFor();
  await erik.screenshot('sv-13-unsaved-refused-again');
  assert.equal(await erik.connection().textContent(), 'Sparat', 'nothing was sent');
  await remarkItem.getByRole('button', { name: 'Ta bort' }).click();
  await panel.waitFor({ state: 'detached' });
  assert.equal(await link.count(), 0, 'nothing waits any more');

  // Writing goes on as before: later changes are not stuck behind the refused one.
  const later = `Ett svar till (${stamp})`;
  await erik.reply('3.2', 'Ersätt formuleringen', later);
  await erik.connection().filter({ hasText: 'Sparat' }).waitFor({ timeout: 20_000 });
  await karin.remark('3.2', later).waitFor({ timeout: 20_000 });
  assert.deepEqual([...erik.errors, ...karin.errors], []);
});

// The agreement kept on the device: written offline, closed, opened again with no network from
// the service worker's shell and the device copy, then sent when the network returns; two tabs
// of one person writing offline; signing out clears the device; a full storage is said.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, serverAndBrowser } from '../lib/suite.mjs';
import { AgreementPage } from '../lib/agreement-page.mjs';
import { AGREEMENT, DESKTOP } from '../lib/world.mjs';
import { databases, DeviceNetwork, deviceCopyKept, deviceRecords, deviceWritten, shellInstalled } from '../lib/device.mjs';

const env = serverAndBrowser();
const errors = [];

/** Each role's session, once signed in (a link works once; later devices reuse it). */
const sessions = {};

/** A new device of `role` with a network the test controls, signed in, showing the agreement. */
async function device(role) {
  const context = await env.browser.newContext({ viewport: DESKTOP, storageState: sessions[role] });
  const network = new DeviceNetwork(env.server.base);
  await network.attach(context);
  if (!sessions[role]) {
    const p = new AgreementPage(await context.newPage());
    watch(p.page, role);
    await p.signIn(env.server.links[role].url);
    await p.page.locator('article.clause').first().waitFor();
    sessions[role] = await context.storageState();
    return { context, network, p };
  }
  return { context, network, p: await tab(context, role) };
}

function watch(page, who) {
  page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
}

/** Another tab (page) of the same device at the agreement's address. */
async function tab(context, who) {
  const page = await context.newPage();
  watch(page, who);
  await page.goto(`${env.server.base}/a/${AGREEMENT}`);
  await page.locator('article.clause').first().waitFor({ timeout: 20_000 });
  return new AgreementPage(page);
}

test('offline: three remarks survive closing the page, open again without a network, and are sent when it returns', async () => {
  const erik = await device('member');
  await shellInstalled(erik.p.page);
  await deviceCopyKept(erik.p.page);
  await erik.network.down();
  await erik.p.page.locator('[data-testid=connection]:not([data-state=online])').waitFor({ timeout: 10_000 });
  const stamp = Date.now();
  const texts = [1, 2, 3].map((n) => `Skriven på tåget ${n} (${stamp})`);
  for (const text of texts) {
    await erik.p.addRemark('2.2', text);
    await erik.p.remark('2.2', text).waitFor({ timeout: 5_000 });
  }
  await erik.p.connection().filter({ hasText: 'Frånkopplad – 3 ändringar väntar' }).waitFor({ timeout: 5_000 });
  await deviceWritten(erik.p.page);
  await erik.p.page.close();

  // The network is still off: the shell comes from the service worker, the agreement and the
  // three remarks from the device copy.
  const again = await tab(erik.context, 'member (reopened offline)');
  for (const text of texts) {
    await again.remark('2.2', text).locator('.unsaved').waitFor({ timeout: 10_000 });
  }
  await again.connection().filter({ hasText: 'Frånkopplad – 3 ändringar väntar' }).waitFor({ timeout: 10_000 });
  await assertAccessible(again.page, 'opened offline from the device');
  await again.clause('2.2').scrollIntoViewIfNeeded();
  await again.screenshot('sv-device-offline-open');
  // The header holds the offline badge on one line at desktop width and on a phone.
  await again.page.setViewportSize({ width: 390, height: 800 });
  await again.page.evaluate(() => window.scrollTo(0, 0));
  await again.screenshot('sv-device-offline-phone');
  await again.page.setViewportSize(DESKTOP);

  await erik.network.up();
  await again.connection().filter({ hasText: 'Sparat' }).waitFor({ timeout: 40_000 });
  assert.equal(await again.clause('2.2').locator('.unsaved').count(), 0, 'every remark marked saved');
  const sara = await device('jurist');
  for (const text of texts) {
    assert.equal(await sara.p.remark('2.2', text).count(), 1, `${text}: stored once, seen by a colleague`);
  }
  await erik.context.close();
  await sara.context.close();
});

test("a language not used before works offline: the worker keeps every language's words", async () => {
  const sara = await device('jurist');
  await shellInstalled(sara.p.page);
  await deviceCopyKept(sara.p.page);
  await sara.network.down();
  await sara.p.page.locator('[data-testid=connection]:not([data-state=online])').waitFor({ timeout: 10_000 });
  // Only Swedish is in the app itself; nynorsk's file comes from the worker's cache.
  await sara.p.page.locator('select.language').selectOption('nn');
  await sara.p.connection().filter({ hasText: 'Fråkopla' }).waitFor({ timeout: 10_000 });
  assert.equal(await sara.p.page.locator('html').getAttribute('lang'), 'nn-NO');
  // Opened afresh in bokmål, still without a network.
  await sara.p.page.goto(`${env.server.base}/a/${AGREEMENT}?lang=nb`);
  await sara.p.connection().filter({ hasText: /^(Kobler til|Frakoblet)/ }).waitFor({ timeout: 10_000 });
  await sara.p.page.locator('article.clause').first().waitFor({ timeout: 10_000 });
  assert.equal(await sara.p.page.locator('html').getAttribute('lang'), 'nb-NO');
  await sara.p.screenshot('nb-device-offline-language');
  await sara.context.close();
});

test('two tabs offline share one copy live: a remark in one appears in the other within a second, each stored once', async () => {
  const erik = await device('member');
  await shellInstalled(erik.p.page);
  await deviceCopyKept(erik.p.page);
  const second = await tab(erik.context, 'member (second tab)');
  await erik.network.down();
  for (const p of [erik.p, second]) {
    await p.page.locator('[data-testid=connection]:not([data-state=online])').waitFor({ timeout: 10_000 });
  }
  const stamp = Date.now();
  const mine = [`Första fliken (${stamp})`, `Andra fliken (${stamp})`];
  // No server relays anything now: the tabs tell each other.
  await erik.p.addRemark('3.1', mine[0]);
  await second.remark('3.1', mine[0]).waitFor({ timeout: 1_000 });
  await second.addRemark('3.1', mine[1]);
  await erik.p.remark('3.1', mine[1]).waitFor({ timeout: 1_000 });
  for (const p of [erik.p, second]) {
    await p.connection().filter({ hasText: 'Frånkopplad – 1 ändring väntar' }).waitFor({ timeout: 10_000 });
    for (const text of mine) await p.remark('3.1', text).locator('.unsaved').waitFor({ timeout: 5_000 });
  }
  await second.clause('3.1').scrollIntoViewIfNeeded();
  await second.screenshot('sv-device-two-tabs-offline');
  await erik.network.up();
  for (const p of [erik.p, second]) await p.connection().filter({ hasText: 'Sparat' }).waitFor({ timeout: 40_000 });
  for (const p of [erik.p, second]) assert.equal(await p.unsavedItems().count(), 0, 'nothing handed back');
  // A colleague's fresh page loads what the server stored.
  const karin = await device('coordinator');
  for (const text of mine) {
    await karin.p.remark('3.1', text).waitFor({ timeout: 10_000 });
    assert.equal(await karin.p.remark('3.1', text).count(), 1, `${text}: stored once`);
  }
  // And a third tab of the writer, opened from the device copy, shows each once too.
  const third = await tab(erik.context, 'member (third tab)');
  for (const text of mine) assert.equal(await third.remark('3.1', text).count(), 1);
  await erik.context.close();
  await karin.context.close();
});

test('when the tab that writes the device copy closes, another takes over: its offline remark is kept', async () => {
  const erik = await device('member');
  await shellInstalled(erik.p.page);
  await deviceCopyKept(erik.p.page);
  const second = await tab(erik.context, 'member (second tab)');
  await erik.network.down();
  // The first tab holds the lock; it goes, and the second writes from now on.
  await erik.p.page.close();
  const text = `Skriven efter att första fliken stängdes (${Date.now()})`;
  await second.addRemark('2.3', text);
  await second.remark('2.3', text).waitFor();
  await deviceWritten(second.page);
  await second.page.close();
  // Only the device copy holds it now.
  const third = await tab(erik.context, 'member (reopened offline)');
  await third.remark('2.3', text).locator('.unsaved').waitFor({ timeout: 10_000 });
  await erik.network.up();
  await third.connection().filter({ hasText: 'Sparat' }).waitFor({ timeout: 40_000 });
  const karin = await device('coordinator');
  await karin.p.remark('2.3', text).waitFor({ timeout: 10_000 });
  assert.equal(await karin.p.remark('2.3', text).count(), 1);
  await erik.context.close();
  await karin.context.close();
});

test('five offline page loads, a remark each: all five are stored when the network returns, none handed back', async () => {
  const erik = await device('member');
  await shellInstalled(erik.p.page);
  await deviceCopyKept(erik.p.page);
  await erik.network.down();
  await erik.p.page.close();
  const stamp = Date.now();
  const texts = [1, 2, 3, 4, 5].map((n) => `Sidladdning ${n} (${stamp})`);
  // Each page load writes under a client id of its own: five the server has never seen.
  for (const text of texts) {
    const p = await tab(erik.context, `member (offline page load: ${text})`);
    await p.addRemark('1.4', text);
    await p.remark('1.4', text).waitFor();
    await deviceWritten(p.page);
    await p.page.close();
  }
  const last = await tab(erik.context, 'member (after five offline page loads)');
  for (const text of texts) await last.remark('1.4', text).locator('.unsaved').waitFor({ timeout: 10_000 });
  await erik.network.up();
  await last.connection().filter({ hasText: 'Sparat' }).waitFor({ timeout: 40_000 });
  assert.equal(await last.unsavedItems().count(), 0, 'nothing handed back');
  assert.equal(await last.clause('1.4').locator('.unsaved').count(), 0, 'every remark saved');
  const karin = await device('coordinator');
  for (const text of texts) {
    await karin.p.remark('1.4', text).waitFor({ timeout: 10_000 });
    assert.equal(await karin.p.remark('1.4', text).count(), 1, `${text}: stored once`);
  }
  await erik.context.close();
  await karin.context.close();
});

test('a remark and a reply typed but not sent come back, where they were, after the tab is closed', async () => {
  const erik = await device('member');
  await deviceCopyKept(erik.p.page);
  const clause = erik.p.clause('1.3');
  await clause.getByRole('button', { name: 'Synpunkt på punkt 1.3' }).click();
  const text = `Halvskriven synpunkt (${Date.now()})`;
  await clause.locator('form.composer').getByLabel('Synpunkt', { exact: true }).fill(text);
  // Kept as it is typed: give the device a moment, then close the tab without sending.
  await deviceWritten(erik.p.page);
  await erik.p.page.close();
  const again = await tab(erik.context, 'member (draft back)');
  // Offered back where it was: the clause says a draft waits; its composer opens with it.
  await again.clause('1.3').getByTestId('draft-waiting').waitFor({ timeout: 10_000 });
  await again.clause('1.3').scrollIntoViewIfNeeded();
  await again.screenshot('sv-device-draft-waiting');
  await again.clause('1.3').getByRole('button', { name: 'Synpunkt på punkt 1.3' }).click();
  const composer = again.clause('1.3').locator('form.composer');
  await composer.getByTestId('draft-restored').waitFor({ timeout: 10_000 });
  assert.equal(await composer.getByLabel('Synpunkt', { exact: true }).inputValue(), text);
  await again.clause('1.3').scrollIntoViewIfNeeded();
  await again.screenshot('sv-device-draft-restored');
  await again.savedAfter(() => composer.getByRole('button', { name: 'Skicka synpunkt' }).click());
  await again.remark('1.3', text).waitFor();
  // Sent: the draft is gone, and a later tab opens no composer.
  await again.page.waitForTimeout(300);
  // A reply typed into its box and left there comes back too.
  const reply = `Och ett svar (${Date.now()})`;
  await again.remark('1.3', text).getByRole('button', { name: 'Svara' }).click();
  await again.remark('1.3', text).getByLabel(/Svar till/).fill(reply);
  // Others write on: the thread with the draft is no longer among the latest five a long
  // list shows folded, so the list opens whole rather than hide where the reader left off.
  for (let n = 1; n <= 6; n++) {
    const more = `Synpunkt ${n} efter svaret (${Date.now()})`;
    await again.addRemark('1.3', more);
    await again.remark('1.3', more).waitFor();
  }
  await deviceWritten(again.page);
  await again.page.close();
  const later = await tab(erik.context, 'member (draft sent)');
  assert.equal(await later.clause('1.3').getByTestId('draft-waiting').count(), 0, 'the sent remark left no draft');
  // The closed reply box says its draft waits, so a reload does not look like a lost reply.
  const waiting = later.remark('1.3', text).getByTestId('reply-draft-waiting');
  await waiting.waitFor({ timeout: 10_000 });
  assert.equal(await later.clause('1.3').locator('button.show-all').count(), 0, 'the list holding the draft is shown whole');
  assert.equal(await waiting.innerText(), 'Utkast som inte skickats – sparat på enheten');
  await waiting.scrollIntoViewIfNeeded();
  await later.screenshot('sv-device-reply-draft-waiting');
  await later.remark('1.3', text).getByRole('button', { name: 'Svara' }).click();
  const box = later.remark('1.3', text).getByLabel(/Svar till/);
  await box.waitFor({ timeout: 10_000 });
  assert.equal(await box.inputValue(), reply);
  assert.equal(await waiting.count(), 0, 'open, the box shows the draft itself');
  await erik.context.close();
});

test('an edit opened on a remark written offline stays open, with what was typed and the caret, when the server stores the remark', async () => {
  const erik = await device('member');
  // The composer is among the interactive parts, fetched after the first screen: in hand
  // before the network goes.
  await erik.p.partsReady();
  await erik.network.down();
  await erik.p.page.locator('[data-testid=connection]:not([data-state=online])').waitFor({ timeout: 10_000 });
  const text = `Skriven utan nät (${Date.now()})`;
  await erik.p.addRemark('2.4', text);
  await erik.p.remark('2.4', text).locator('.unsaved').waitFor({ timeout: 5_000 });
  // By id: the card's text goes while its edit field is open.
  const id = await erik.p.remark('2.4', text).getAttribute('data-remark');
  const card = erik.p.page.locator(`li.remark[data-remark="${id}"]`);
  await card.locator('[data-action=edit]').click();
  const field = card.locator('form.edit-form textarea');
  await field.fill('Ny lydelse');
  await field.evaluate((el) => el.setSelectionRange(2, 2));
  // The time the card shows is the writer's until the server's stamp arrives: its change is
  // the card built from the stored remark.
  const written = await card.locator('header.remark-meta time').getAttribute('datetime');
  await erik.network.up();
  await erik.p.connection().filter({ hasText: 'Sparat' }).waitFor({ timeout: 20_000 });
  await card.locator(`header.remark-meta time:not([datetime="${written}"])`).waitFor({ timeout: 10_000 });
  assert.equal(await card.locator('form.edit-form').count(), 1, 'the edit is still open');
  assert.equal(await field.inputValue(), 'Ny lydelse', 'what was typed is still in the open field');
  const caret = await field.evaluate((el) => [document.activeElement === el, el.selectionStart, el.selectionEnd]);
  assert.deepEqual(caret, [true, 2, 2], 'the field keeps the focus and the caret');
  await erik.p.page.keyboard.type('a');
  await erik.p.savedAfter(() => card.locator('form.edit-form button[type=submit]').click());
  await card.locator('.remark-body', { hasText: 'Nya lydelse' }).waitFor({ timeout: 10_000 });
  await erik.context.close();
});

test('storage full: the app says the device copy is off and writing online still works', async () => {
  if (!sessions.coordinator) await (await device('coordinator')).context.close();
  const context = await env.browser.newContext({ viewport: DESKTOP, storageState: sessions.coordinator });
  const page = await context.newPage();
  watch(page, 'coordinator (full storage)');
  // A site allowed one byte: every write the browser is asked for fails for lack of room.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: env.server.base, quotaSize: 1 });
  await page.goto(`${env.server.base}/a/${AGREEMENT}`);
  const p = new AgreementPage(page);
  await p.online();
  const notice = page.getByTestId('device-notice');
  await notice.filter({ hasText: 'lagring är full' }).waitFor({ timeout: 15_000 });
  assert.equal(await deviceRecords(page), 0);
  await assertAccessible(page, 'storage full');
  await p.screenshot('sv-device-storage-full');
  const text = `Skriven med full lagring (${Date.now()})`;
  await p.savedAfter(() => p.addRemark('1.2', text));
  await p.remark('1.2', text).waitFor();
  await context.close();
});

test('signing out warns about unsent changes, then clears the device and closes the socket', async () => {
  const erik = await device('member');
  await deviceCopyKept(erik.p.page);
  // The composer is among the interactive parts, a file fetched after the first screen: the
  // reader writes offline with it in hand, as after any visit that lasted a moment.
  await erik.p.partsReady();
  await erik.network.down();
  await erik.p.addRemark('1.1', `Osänd (${Date.now()})`);
  await erik.p.connection().filter({ hasText: '1 ändring väntar' }).waitFor({ timeout: 10_000 });
  await erik.p.page.getByRole('button', { name: 'Logga ut' }).click();
  const warning = erik.p.page.getByTestId('sign-out-warning');
  await warning.filter({ hasText: 'En ändring har inte skickats' }).waitFor();
  await assertAccessible(erik.p.page, 'the sign-out warning');
  await erik.p.screenshot('sv-device-sign-out-warning');
  // Back online, the reader signs out after all, discarding nothing that waits: it is sent.
  await warning.getByRole('button', { name: 'Avbryt' }).click();
  await erik.network.up();
  await erik.p.connection().filter({ hasText: 'Sparat' }).waitFor({ timeout: 40_000 });
  const closedBefore = erik.network.closed;
  await erik.p.page.getByRole('button', { name: 'Logga ut' }).click();
  const done = erik.p.page.getByTestId('signed-out');
  await done.getByRole('heading', { name: 'Du är utloggad' }).waitFor({ timeout: 10_000 });
  await done.getByText('har tagits bort från den här enheten').waitFor();
  assert.ok(erik.network.closed > closedBefore, 'the sync socket closed');
  assert.ok(!(await databases(erik.p.page)).includes(`samrad.${AGREEMENT}`), 'the device copy is gone');
  assert.equal(await erik.p.page.evaluate(() => localStorage.length), 0, 'nothing left in local storage');
  await assertAccessible(erik.p.page, 'signed out');
  await erik.p.screenshot('sv-device-signed-out');
  // The session ended on the server: the address now asks for the link.
  await erik.p.page.goto(`${env.server.base}/a/${AGREEMENT}`);
  await erik.p.page.getByText('Du är inte inloggad').waitFor({ timeout: 10_000 });
  await erik.context.close();
  assert.deepEqual(errors, []);
});

// What a reference group relies on in its meeting: the agreement decides who proposes wording,
// the record of remarks cannot be rewritten (earlier wordings kept, no edit after a response,
// each clause's history one click away), and controls appear only when they can be used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../lib/suite.mjs';
import { World } from '../lib/world.mjs';

let world;
serverAndBrowser(async (env) => {
  world = new World(env);
  await world.setUp();
});

const PROPOSE = 'Föreslå ny lydelse';

test('a member proposes new wording unless the coordinator leaves members out', async () => {
  const erik = await world.open('member', 'sv');
  await erik.select('1.3', 'Avtalet');
  const toolbar = erik.clause('1.3').getByRole('toolbar');
  await toolbar.getByRole('button', { name: PROPOSE }).waitFor();

  const panel = await world.participantsPanel();
  const members = panel.getByRole('checkbox', { name: 'ledamot' });
  assert.equal(await members.isChecked(), true, 'members propose by default');
  await members.uncheck();
  await world.control.connection().filter({ hasText: 'Sparat' }).waitFor({ timeout: 10_000 });
  await world.control.page.screenshot({ path: `${world.screenshotDir}/meeting-proposers-setting.png` });
  await erik.select('1.3', 'Avtalet');
  await toolbar.getByRole('button', { name: 'Kommentera' }).waitFor();
  assert.equal(await toolbar.getByRole('button', { name: PROPOSE }).count(), 0, 'no proposal offered');

  await members.check();
  await world.control.connection().filter({ hasText: 'Sparat' }).waitFor({ timeout: 10_000 });
  await panel.getByRole('button', { name: 'Stäng' }).click();
  await erik.select('1.3', 'Avtalet');
  await toolbar.getByRole('button', { name: PROPOSE }).waitFor({ timeout: 10_000 });
  await world.done(erik.page);
});

test("an edited remark keeps its earlier wording; a response freezes it; the clause's history", async () => {
  const erik = await world.open('member', 'sv');
  const first = `Första lydelsen (${Date.now()})`;
  // Edited at once, as a reader does: the server's stamp may or may not arrive while the form
  // is open — this test does not force it; device.test.mjs does.
  await erik.addRemark('1.4', first);
  const card = erik.remark('1.4', first);
  await card.locator('[data-action=edit]').click();
  await erik.clause('1.4').locator('form.edit-form textarea').fill('Andra lydelsen, skarpare.');
  await erik.clause('1.4').locator('form.edit-form button[type=submit]').click();
  const edited = erik.remark('1.4', 'Andra lydelsen, skarpare.');
  const history = edited.locator('details.remark-history');
  await history.locator('summary').click();
  await history.getByText(first).waitFor({ timeout: 10_000 });
  await edited.scrollIntoViewIfNeeded();
  await erik.page.screenshot({ path: `${world.screenshotDir}/meeting-remark-history.png` });

  // The member starts another edit; the coordinator responds meanwhile: the open field says
  // the remark is frozen and offers no save, and keeps what was typed to be copied.
  const id = await edited.getAttribute('data-remark');
  const own = erik.page.locator(`li.remark[data-remark="${id}"]`);
  await own.locator('[data-action=edit]').click();
  await own.locator('form.edit-form textarea').fill('Tredje lydelsen, ännu skarpare.');
  const karin = world.control;
  const theirs = karin.remark('1.4', 'Andra lydelsen, skarpare.');
  await theirs.locator('details.disposition-form > summary').click();
  await theirs.locator('details.disposition-form select').selectOption('noted');
  await theirs.locator('details.disposition-form textarea').fill('Noterat inför mötet.');
  await theirs.locator('details.disposition-form button[type=submit]').first().click();
  await own.locator('.disposition').waitFor({ timeout: 10_000 });
  const form = own.locator('form.edit-form');
  await form.locator('[role=status]', { hasText: 'bemötande' }).waitFor({ timeout: 10_000 });
  assert.equal(await form.locator('button[type=submit]').isDisabled(), true, 'no save once frozen');
  assert.equal(await form.locator('textarea').inputValue(), 'Tredje lydelsen, ännu skarpare.');
  await own.scrollIntoViewIfNeeded();
  await erik.page.screenshot({ path: `${world.screenshotDir}/meeting-edit-frozen.png` });
  await form.getByRole('button', { name: 'Avbryt' }).click();
  // Closed: the "edit" is gone, withdrawing stays.
  await edited.waitFor();
  assert.equal(await edited.locator('[data-action=edit]').count(), 0, 'no edit after a response');
  assert.equal(await edited.locator('[data-action=withdraw]').count(), 1, 'withdrawing stays');

  const clauseHistory = erik.clause('1.4').locator('details.clause-history');
  await clauseHistory.locator('summary').click();
  await clauseHistory.locator('li[data-step=now]').waitFor();
  await clauseHistory.scrollIntoViewIfNeeded();
  await erik.page.screenshot({ path: `${world.screenshotDir}/meeting-clause-history.png` });
  await world.done(erik.page);
});

test('an edited reply keeps its earlier wording too, shown as the server has kept it', async () => {
  const erik = await world.open('member', 'sv');
  const remark = `Frågan gäller ansvaret (${Date.now()})`;
  await erik.savedAfter(() => erik.addRemark('2.3', remark));
  const first = 'Svaret i första lydelsen.';
  await erik.savedAfter(() => erik.reply('2.3', remark, first));
  const id = await erik.remark('2.3', remark).locator('li.reply', { hasText: first }).getAttribute('data-remark');
  const reply = erik.page.locator(`li.reply[data-remark="${id}"]`);
  await reply.locator('[data-action=edit]').click();
  await reply.locator('form.edit-form textarea').fill('Svaret i andra lydelsen.');
  await reply.locator('form.edit-form button[type=submit]').click();
  // The edit is read at once; the count of earlier wordings comes from the server after it,
  // and the reply's card is built anew for it as the remark's own card is.
  await reply.getByText('Svaret i andra lydelsen.').waitFor();
  const history = reply.locator('details.remark-history');
  await history.locator('summary').click({ timeout: 10_000 });
  await history.getByText(first).waitFor({ timeout: 10_000 });
  // The earlier wordings stay open while the reply changes again: its card is built anew,
  // what the reader opened on it is kept by its row.
  await reply.locator('[data-action=edit]').click();
  await reply.locator('form.edit-form textarea').fill('Svaret i tredje lydelsen.');
  await reply.locator('form.edit-form button[type=submit]').click();
  await reply.getByText('Svaret i tredje lydelsen.').waitFor();
  await history.getByText('Svaret i andra lydelsen.').waitFor({ timeout: 10_000 });
  assert.equal(await history.getAttribute('open'), '', 'still open');
  await world.done(erik.page);
});

test('in a closed agreement no control that does nothing is offered', async () => {
  await world.phase('closed');
  const erik = await world.open('member', 'sv');
  const { remark, proposal } = { remark: { clause: '2.1', body: 'Gäller det även helger?' }, proposal: { clause: '3.2' } };
  const own = erik.remark(remark.clause, remark.body);
  await own.waitFor();
  assert.equal(await own.locator('[data-action=edit], [data-action=withdraw]').count(), 0);
  const proposals = erik.clause(proposal.clause);
  await proposals.locator('.support-counts').first().waitFor();
  assert.equal(await proposals.locator('button.support-for').count(), 0);
  // Why nothing can be written is said once, under the title.
  await erik.page.getByTestId('phase-notice').filter({ hasText: 'Arbetet med avtalet är avslutat' }).waitFor();
  await world.done(erik.page);
  await world.phase('drafting');
  // The observer reads the support counts and gets no buttons, in any phase, and is told why.
  assert.ok(world.env.server.links.observer, 'the demo has an observer');
  const observer = await world.signIn('observer');
  await observer.clause(proposal.clause).locator('.support-counts').first().waitFor({ timeout: 10_000 });
  assert.equal(await observer.clause(proposal.clause).locator('button.support-for').count(), 0);
  await observer.page.getByTestId('phase-notice').filter({ hasText: 'som observatör' }).waitFor();
  await observer.page.context().close();
});

test('an organisation without a respondent is flagged, its member told, until the coordinator names one', async () => {
  const name = world.newcomer('sv');
  const link = await world.invite(name);
  const { page } = await world.asStranger(link, 'sv');
  const newcomer = await world.signedIn(page);
  const panel = await world.participantsPanel();
  const line = panel.locator('.respondents li[data-organisation="Ekby kommun"]');
  await line.locator('.flag').waitFor({ timeout: 10_000 });
  await line.scrollIntoViewIfNeeded();
  await world.control.page.screenshot({ path: `${world.screenshotDir}/meeting-respondent-missing.png` });
  await panel.getByRole('button', { name: 'Stäng' }).click();

  await world.phase('consultation');
  const notice = newcomer.page.locator('.respondent-notice');
  await notice.filter({ hasText: 'Ingen är utsedd att skicka svaret för Ekby kommun' }).waitFor({ timeout: 10_000 });
  assert.equal(await newcomer.page.locator('.answer-bar').count(), 0);
  await newcomer.page.screenshot({ path: `${world.screenshotDir}/meeting-respondent-notice.png` });

  const again = await world.participantsPanel();
  await again.locator('.respondents li[data-organisation="Ekby kommun"] select').selectOption({ label: name });
  await again.locator('.respondents li[data-organisation="Ekby kommun"] .flag').waitFor({ state: 'detached', timeout: 10_000 });
  await again.getByRole('button', { name: 'Stäng' }).click();
  await newcomer.page.locator('.answer-bar').waitFor({ timeout: 10_000 });
  assert.equal(await notice.count(), 0, 'the respondent is not told to ask someone else');
  await newcomer.page.context().close();
  await world.phase('drafting');
});

test('a phase change waits for a confirmation that says what it means', async () => {
  const karin = world.control.page;
  const select = karin.locator('#phase-select');
  await select.selectOption('closed');
  const confirm = karin.locator('.phase-confirm');
  await confirm.getByText('bara läsa').first().waitFor();
  assert.ok(await karin.evaluate(() => document.activeElement?.id === 'phase-confirm-title'), 'focus on the question');
  await karin.screenshot({ path: `${world.screenshotDir}/meeting-phase-confirm-closed.png` });
  await confirm.getByRole('button', { name: 'Avbryt' }).click();
  assert.equal(await select.inputValue(), 'drafting', 'cancelled: the phase stays');
  assert.equal(await confirm.count(), 0);

  await select.selectOption('consultation');
  await confirm.getByLabel('Sista svarsdag').waitFor();
  await confirm.getByText('Organisationerna svarar senast').waitFor();
  // The text goes out as a version: the confirmation says which (or offers to cut one).
  await confirm.locator('.remiss-version').waitFor();
  await karin.screenshot({ path: `${world.screenshotDir}/meeting-phase-confirm-consultation.png` });
  await confirm.getByRole('button', { name: 'Avbryt' }).click();
  assert.equal(await select.inputValue(), 'drafting');
  // Escape cancels as Avbryt does.
  await select.selectOption('closed');
  await confirm.getByText('bara läsa').first().waitFor();
  await karin.waitForFunction(() => document.activeElement?.id === 'phase-confirm-title', null, { timeout: 5_000 });
  await karin.keyboard.press('Escape');
  await confirm.waitFor({ state: 'detached' });
  assert.equal(await select.inputValue(), 'drafting', 'Escape: the phase stays');
});

test('sending the answer shows what is sent and names a stance chosen but not saved', async () => {
  await world.phase('consultation');
  const erik = await world.open('member', 'sv');
  const saved = erik.clause('1.1').locator('form.stance-form');
  await saved.locator('select').selectOption('supports');
  await saved.locator('textarea').fill('Kommunen står bakom parterna.');
  await saved.locator('button[type=submit]').click();
  const chosen = erik.clause('1.2').locator('form.stance-form');
  await chosen.locator('select').selectOption('opposes');
  await chosen.locator('.stance-status').filter({ hasText: 'Valt men inte sparat' }).waitFor();
  const bar = erik.page.locator('.answer-bar');
  await bar.getByText('1 ställningstagande valt men inte sparat').waitFor();
  // Nothing is sent yet, so nothing has changed "since the last answer".
  await bar.getByText('Svar från Strandviks kommun: ställningstagande i 1 punkt, inget svar skickat ännu.').waitFor();
  await bar.getByRole('button', { name: 'Skicka remissvaret' }).click();
  const confirm = bar.locator('.answer-confirm');
  await confirm.locator('tbody tr', { hasText: '1.1' }).waitFor();
  await confirm.getByText('Punkt 1.2 har ett val som inte är sparat').waitFor();
  // The clauses it says nothing on are named: they count as not answered (1.2's unsaved
  // choice is named on its own below).
  const without = await confirm.getByTestId('answer-without').textContent();
  assert.match(without, /^\d+ punkter har inget ställningstagande och räknas som ej besvarade: 1\.3, 1\.4, /);
  await erik.page.screenshot({ path: `${world.screenshotDir}/meeting-answer-confirm.png` });
  // Escape closes it unsent, as Avbryt does; it opens again as it was.
  await erik.page.waitForFunction(() => document.activeElement?.id === 'answer-confirm-title', null, { timeout: 5_000 });
  await erik.page.keyboard.press('Escape');
  await confirm.waitFor({ state: 'detached' });
  await bar.getByRole('button', { name: 'Skicka remissvaret' }).click();
  await confirm.locator('tbody tr', { hasText: '1.1' }).waitFor();
  await confirm.locator('[data-action=confirm-answer]').click();
  await bar.locator('.answer-message').filter({ hasText: /Svar \d+ är skickat/ }).waitFor({ timeout: 10_000 });
  await world.done(erik.page);
  await world.phase('drafting');
  // By now the remiss has begun twice, each time after a draft: the time line keeps every
  // start, in order, not only each phase's latest.
  const karin = world.control.page;
  await karin.locator('details.timeline > summary').click();
  const began = karin.locator('.timeline-events li.timeline-phase');
  await began.filter({ hasText: 'Remiss inleddes' }).nth(1).waitFor({ timeout: 10_000 });
  const steps = (await began.allTextContents()).map((t) => t.replace(/^.* (\S+) inleddes$/, '$1'));
  assert.deepEqual(steps.slice(-5), ['Utkast', 'Remiss', 'Utkast', 'Remiss', 'Utkast'], steps.join(' | '));
  await karin.locator('details.timeline').screenshot({ path: `${world.screenshotDir}/meeting-timeline-phase-again.png` });
  await karin.locator('details.timeline > summary').click();
});

test('an accepted proposal reads as decided; the competing one as written on earlier wording', async () => {
  const { proposal } = { proposal: { clause: '3.2', body: 'Tydligare och mindre juridiskt.', theirs: 'Behåll beslutet i gruppen.' } };
  const karin = world.control;
  const clause = karin.clause(proposal.clause);
  await clause.locator('.competing').waitFor();
  const saras = karin.remark(proposal.clause, proposal.body);
  await saras.locator('details.disposition-form > summary').click();
  await saras.locator('details.disposition-form textarea').fill('Gruppen var enig.');
  await saras.locator('details.disposition-form button.primary').click();
  await saras.locator('[data-standing=accepted]').getByText(/Införd i texten/).waitFor({ timeout: 10_000 });
  assert.equal(await saras.locator('.proposal ins, .proposal del').count(), 0, 'no diff of words still to be added');
  const own = karin.remark(proposal.clause, proposal.theirs);
  await own.locator('[data-standing=outdated]').waitFor();
  assert.equal(await clause.locator('.competing').count(), 0, 'the competing-proposals box is gone');
  await clause.scrollIntoViewIfNeeded();
  await karin.page.screenshot({ path: `${world.screenshotDir}/meeting-accepted-proposal.png`, fullPage: false });

  await own.locator('[data-action=rebase]').click();
  const rebased = clause.locator('li.remark', { hasText: proposal.theirs }).filter({ has: karin.page.locator('.proposal ins') });
  await rebased.first().waitFor({ timeout: 10_000 });
});

test('"utan bemötande" ignores replies by others; a filter matching nothing says so', async () => {
  const karin = await world.open('coordinator', 'sv');
  const status = karin.page.locator('#filter-status');
  await status.selectOption('unanswered');
  // The seeded question has no response from a coordinator, whoever else may have replied.
  await karin.remark('2.1', 'Gäller det även helger?').waitFor();
  await karin.page.locator('#filter-text, input[type=search]').first().fill('ingenting-matchar-detta');
  await karin.page.locator('.no-match').waitFor({ state: 'visible' });
  assert.equal(await karin.page.locator('section.chapter h2').filter({ visible: true }).count(), 0, 'no empty chapter headings');
  await karin.page.screenshot({ path: `${world.screenshotDir}/meeting-no-match.png` });
  await world.done(karin.page);
});

test('keyboard: a skip link to the text, and focus on the remark just sent', async () => {
  const erik = await world.open('member', 'sv');
  await erik.page.keyboard.press('Tab');
  const skip = erik.page.locator('a.skip-link');
  assert.equal(await skip.evaluate((el) => el === document.activeElement), true, 'the first stop is the skip link');
  await erik.page.keyboard.press('Enter');
  assert.equal(await erik.page.evaluate(() => document.activeElement?.id), 'main');
  const text = `Fokus hit (${Date.now()})`;
  await erik.addRemark('2.4', text);
  await erik.page.waitForFunction((t) => document.activeElement?.closest('li.remark')?.textContent.includes(t), text, { timeout: 10_000 });
  await world.done(erik.page);
});

test('on a 390 px phone the text comes first; contents and filters open from a button', async () => {
  const erik = await world.open('member', 'sv', { viewport: { width: 390, height: 844 } });
  const sidebar = erik.page.locator('#sidebar');
  assert.equal(await sidebar.isVisible(), false);
  const firstClause = await erik.page.locator('article.clause').first().boundingBox();
  assert.ok(firstClause.y < 844, 'the first clause is on the first screen');
  await erik.page.screenshot({ path: `${world.screenshotDir}/meeting-phone.png` });
  await erik.page.getByRole('button', { name: 'Innehåll och filter' }).click();
  await sidebar.waitFor({ state: 'visible' });
  await erik.page.screenshot({ path: `${world.screenshotDir}/meeting-phone-contents.png` });
  await erik.page.context().close();
});

test('the participants panel follows sign-ins and copies an issued link', async () => {
  const name = world.newcomer('sv');
  const link = await world.invite(name);
  const panel = await world.participantsPanel();
  const row = panel.locator('tr', { hasText: name });
  await row.getByText(/Inbjuden/).waitFor({ timeout: 10_000 });
  const { page } = await world.asStranger(link, 'sv');
  await world.signedIn(page);
  await row.getByText(/Inloggad|Har använt sin länk/).waitFor({ timeout: 20_000 });
  await world.control.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: world.base });
  await row.getByRole('button', { name: `Ny länk till ${name}` }).click();
  const field = panel.getByLabel(`Personlig länk till ${name}`);
  await field.waitFor({ timeout: 10_000 });
  await panel.locator('[data-action=copy-link]').click();
  await panel.getByText('Kopierad.').waitFor();
  const copied = await world.control.page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await field.inputValue());
  await panel.getByRole('button', { name: 'Stäng' }).click();
  await page.context().close();
});

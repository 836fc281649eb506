// The coordinator's road from merged remarks to a draft on remiss: named versions, comparing
// them, the remiss with its deadline and one organisation's extension, the print view and the
// Word download — and the same road taken with the keyboard only. Screenshots are saved in
// Swedish.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { serverAndBrowser } from '../lib/suite.mjs';
import { SEEDS, World, writeComment } from '../lib/world.mjs';
import { ComparePage, PrintPage, RemissPage, VersionsPage, tabTo } from '../lib/remiss-pages.mjs';
import { CompilationPage } from '../lib/compilation-pages.mjs';

let world;
const env = serverAndBrowser(async (env) => {
  world = new World(env);
  await world.setUp();
});

/** `days` from today as a date input's value. */
function inDays(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Reads a downloaded DOCX: a zip whose document part names the agreement's clauses. */
function docxText(file) {
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a DOCX is a zip');
  const listing = execFileSync('unzip', ['-Z1', file]).toString();
  assert.match(listing, /word\/document\.xml/);
  return execFileSync('unzip', ['-p', file, 'word/document.xml']).toString();
}

test('versions are cut, an accepted proposal shows as the changed clause between them', async () => {
  const karin = await world.openPage('coordinator', 'sv', 'versions', VersionsPage);
  await karin.cut('Utkast 15 januari', 'Till referensgruppen');
  assert.match(await karin.item('Utkast 15 januari').textContent(), /Karin/);
  assert.match(await karin.item('Utkast 15 januari').textContent(), /Till referensgruppen/);

  // The politician remarks on 3.2 against this version.
  const erik = await world.open('member', 'sv');
  const mine = 'Skriv tydligare vem som beslutar.';
  await writeComment(erik, SEEDS.proposal.clause, mine);
  await erik.connection().filter({ hasText: 'Sparat' }).waitFor({ timeout: 10_000 });

  // Accept the jurist's proposal on 3.2 in the agreement view, and answer the politician.
  await karin.nav('Avtalet').click();
  await karin.page.locator('article.clause').first().waitFor();
  const his = karin.remark(SEEDS.proposal.clause, mine);
  await his.locator('details.disposition-form summary').first().click();
  await his.locator('details.disposition-form select').selectOption('accepted');
  await his.locator('details.disposition-form textarea').fill('Förslaget om eskalering tas in.');
  await his.locator('details.disposition-form button[type=submit]').click();
  const remark = karin.remark(SEEDS.proposal.clause, SEEDS.proposal.body);
  await remark.locator('details.disposition-form summary').first().click();
  await remark.getByRole('button', { name: 'Godta förslaget i texten' }).click();
  await karin.clause(SEEDS.proposal.clause).getByText(SEEDS.proposal.wording).first().waitFor();
  await karin.connection().filter({ hasText: 'Sparat' }).waitFor({ timeout: 10_000 });

  await karin.nav('Versioner').click();
  const versions = new VersionsPage(karin.page);
  await versions.ready();
  await versions.cut('Utkast 2');
  await versions.page.screenshot({ path: `${world.screenshotDir}/remiss-versions.png`, fullPage: true });

  await versions.compareLink('Utkast 15 januari').click();
  const compare = new ComparePage(versions.page);
  await compare.ready();
  assert.match(compare.page.url(), /compare\?from=v/);
  await compare.summary().filter({ hasText: '1 punkt ändrad' }).waitFor();
  const changed = compare.clause(SEEDS.proposal.clause);
  await changed.locator('ins').first().waitFor();
  assert.match(await changed.locator('ins').first().textContent(), /Tillagt|eskaleras|Upprepade/);
  assert.ok((await changed.locator('del .visually-hidden').count()) > 0, 'removed words are named for screen readers');
  // Only changed clauses unless asked: one clause.
  assert.equal(await compare.page.locator('li.compared-clause').count(), 1);
  await compare.page.screenshot({ path: `${world.screenshotDir}/remiss-compare.png`, fullPage: true });

  // The politician sees how his remark was handled: the version it was made against, and the
  // clause as it reads in the next version.
  await erik.page.locator('.filters input[type=checkbox]').first().waitFor();
  await erik.page.getByLabel('Mina synpunkter och hur de hanterades').check();
  const trace = erik.remark(SEEDS.proposal.clause, mine).locator('.remark-trace');
  await trace.filter({ hasText: 'Gjord mot versionen ”Utkast 15 januari”' }).waitFor({ timeout: 10_000 });
  await trace.locator('summary', { hasText: 'Utkast 2' }).click();
  await trace.locator('ins', { hasText: 'eskaleras' }).waitFor();
  await erik.page.screenshot({ path: `${world.screenshotDir}/remiss-remark-trace.png` });
  await world.done(erik.page);
  await compare.page.getByLabel('Visa bara ändrade punkter').uncheck();
  assert.ok((await compare.page.locator('li.compared-clause').count()) > 5);

  // Back goes to the versions list, forward to the comparison again.
  await compare.page.goBack();
  await versions.item('Utkast 2').waitFor();
  await compare.page.goForward();
  await compare.summary().waitFor();

  // A version read as it stood: the old wording, marked as a version.
  await compare.page.goto(`${world.base}/a/hsa-norrvik-2027/versions`);
  await versions.ready();
  await versions.readLink('Utkast 15 januari').click();
  await versions.page.locator('.version-banner').filter({ hasText: 'Utkast 15 januari' }).waitFor();
  await versions.page.getByText(SEEDS.proposal.quote).first().waitFor();
  assert.equal(await versions.page.locator('textarea, [contenteditable=true]').count(), 0, 'read-only');
  await versions.page.screenshot({ path: `${world.screenshotDir}/remiss-version-read.png`, fullPage: true });
  await world.done(versions.page);
});

test('the remiss version downloads as a Word document, with and without remarks', async () => {
  const karin = await world.openPage('coordinator', 'sv', 'versions', VersionsPage);
  const [download] = await Promise.all([
    karin.page.waitForEvent('download'),
    karin.docxLink('Utkast 2').click(),
  ]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-docx-'));
  try {
    const file = path.join(dir, 'utkast.docx');
    await download.saveAs(file);
    const xml = docxText(file);
    assert.match(xml, /Utkast 2/);
    assert.match(xml, /eskaleras/);
    const print = await world.openPage('coordinator', 'sv', 'print?version=now&remarks=1', PrintPage);
    const [withRemarks] = await Promise.all([
      print.page.waitForEvent('download'),
      print.page.locator('a.docx-link', { hasText: 'med synpunkter' }).click(),
    ]);
    const commented = path.join(dir, 'med-synpunkter.docx');
    await withRemarks.saveAs(commented);
    docxText(commented);
    assert.match(execFileSync('unzip', ['-Z1', commented]).toString(), /word\/comments\.xml/);
    await print.document().locator('.static-remarks').first().waitFor();
    await print.page.emulateMedia({ media: 'print' });
    await print.page.screenshot({ path: `${world.screenshotDir}/remiss-print.png`, fullPage: true });
    assert.equal(await print.page.locator('.print-controls').isVisible(), false, 'controls are not printed');
    await print.page.emulateMedia({ media: 'screen' });
    // The toolbar holds on one line: the Word file follows the view's choice of remarks.
    const tops = await print.page.locator('.print-controls > *').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().bottom)));
    assert.equal(new Set(tops).size, 1, `the toolbar's items end on one line: ${tops}`);
    await print.page.locator('.print-controls input[type=checkbox]').uncheck();
    const plain = print.page.locator('a.docx-link', { hasText: /^Ladda ner i Word$/ });
    assert.doesNotMatch(await plain.getAttribute('href'), /remarks=1/);
    await print.page.locator('.print-controls').screenshot({ path: `${world.screenshotDir}/print-controls.png` });
    await world.done(print.page);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await world.done(karin.page);
});

test('the remiss opens with a deadline; one organisation gets more time and sees it', async () => {
  const karin = await world.openPage('coordinator', 'sv', 'remiss', RemissPage);
  // The confirmation takes focus; Escape closes it unsent, as Avbryt does.
  const box = await karin.ask(inDays(30));
  // The day chosen is written out in the app's language beside the browser's date field.
  const said = await karin.page.locator('#remiss-deadline-said').textContent();
  assert.match(said, /^(måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag) \d{1,2} [a-zåäö]+ \d{4}$/, said);
  await karin.page.waitForFunction(() => document.activeElement?.id === 'remiss-confirm-title', null, { timeout: 5_000 });
  await box.locator('.remiss-version').first().waitFor();
  const promised = await box.textContent();
  await karin.page.keyboard.press('Escape');
  await box.waitFor({ state: 'detached' });
  assert.equal(await karin.page.locator('section.remiss-form .ok').count(), 0, 'nothing sent');
  await karin.send(inDays(30));
  world.currentPhase = 'consultation';
  // The page says which version the answers are compiled against: the one the confirmation
  // named.
  const compared = await karin.page.getByTestId('remiss-version-compared').textContent();
  const name = compared.match(/^Sammanställningen jämför svaren med versionen ”(.+)”\.$/)?.[1];
  assert.ok(name && promised.includes(`”${name}”`), `${compared} | ${promised}`);
  const member = world.env.server.links.member;
  await karin.extend(member.organisation, inDays(51), 'Nämnden sammanträder efter sommaren');
  await karin.page.locator('li.extension', { hasText: member.organisation }).waitFor();
  // The status line gives the deadline once, with the days left; the coordinator's own
  // organisation was given no later one, so no second line repeats it as "yours".
  await karin.status().filter({ hasText: '30 dagar kvar' }).waitFor();
  assert.equal(await karin.ownDeadline().count(), 0, 'the deadline is said once');
  await karin.page.screenshot({ path: `${world.screenshotDir}/remiss-remiss.png`, fullPage: true });

  const erik = await world.open('member', 'sv');
  const own = erik.page.getByTestId('own-deadline');
  await own.filter({ hasText: '51 dagar kvar' }).waitFor({ timeout: 10_000 });
  assert.match(await own.textContent(), /förlängda/);
  const jurist = await world.open('jurist', 'sv');
  await jurist.page.getByTestId('own-deadline').filter({ hasText: '30 dagar kvar' }).waitFor({ timeout: 10_000 });
  await erik.page.screenshot({ path: `${world.screenshotDir}/remiss-member-deadline.png` });
  await world.done(erik.page);
  await world.done(jurist.page);
  await world.done(karin.page);
});

test('chapters approved by a body are marked and locked until reopened with a reason', async () => {
  const karin = await world.openPage('coordinator', 'sv', 'remiss', RemissPage);
  // Before any approval the list says so, rather than reading as a list of approved chapters.
  const summary = karin.page.getByTestId('approval-summary');
  await summary.filter({ hasText: /^Inget av de \d+ kapitlen är godkänt ännu\.$/ }).waitFor();
  await karin.approvalRow('1 Inledning').getByTestId('not-approved').filter({ hasText: 'Inte godkänt ännu.' }).waitFor();
  await karin.approve('1 Inledning', '2 Ansvarsfördelning', 'ASU', '2024-04-17');
  await karin.approvalRow('2 Ansvarsfördelning').locator('.approval-badge.locked').filter({ hasText: 'ASU' }).waitFor();
  await summary.filter({ hasText: /^2 av \d+ kapitel är godkända\.$/ }).waitFor();
  assert.equal(await karin.approvalRow('2 Ansvarsfördelning').getByTestId('not-approved').count(), 0);
  await karin.reopen('1 Inledning', 'Ny lag från 1 juli');
  // A reopened chapter is no longer counted as approved.
  await summary.filter({ hasText: /^1 av \d+ kapitel är godkänt\.$/ }).waitFor();
  await karin.page.screenshot({ path: `${world.screenshotDir}/remiss-approvals.png`, fullPage: true });
  // The section below the sticky bar, as a reader scrolling to it sees it.
  await karin.page.locator('#approvals-title').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 110));
  await karin.page.screenshot({ path: `${world.screenshotDir}/remiss-approvals-list.png` });
  const erik = await world.open('member', 'sv');
  const badges = erik.page.getByTestId('approval');
  await badges.filter({ hasText: 'Ny lag från 1 juli' }).waitFor({ timeout: 10_000 });
  await badges.filter({ hasText: 'låst för ändringar' }).waitFor();
  assert.match(await badges.nth(1).textContent(), /ASU 17 april 2024/);
  await world.done(erik.page);
  await world.done(karin.page);
});

test('keyboard only: cut a version, compare it with now, export it', async () => {
  const karin = await world.openPage('coordinator', 'sv', 'versions', VersionsPage);
  const page = karin.page;
  await tabTo(page, page.locator('#version-name'));
  await page.keyboard.type('Remissversion');
  await page.keyboard.press('Enter');
  await karin.item('Remissversion').waitFor();
  await tabTo(page, karin.compareLink('Remissversion'));
  await page.keyboard.press('Enter');
  const compare = new ComparePage(page);
  await compare.ready();
  await compare.summary().filter({ hasText: 'Inga skillnader' }).waitFor();
  await tabTo(page, page.locator('a.compared-docx'));
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.match(download.suggestedFilename(), /Remissversion jämfört med Nuvarande text\.docx$/);
  await world.done(page);
  assert.deepEqual(world.errors, []);
});

test('once the answers are being compiled, the remiss page says when the last round ran', async () => {
  await world.phase('merging');
  const karin = await world.openPage('coordinator', 'sv', 'remiss', RemissPage);
  // The deadline is gone with the consultation; the dates it ran between take its place.
  const day = '\\d+ \\S+ \\d{4}';
  const ran = new RegExp(`^Avtalet är i fasen Sammanställning\\. Den senaste remissen pågick från ${day} till ${day}\\.$`);
  await karin.status().filter({ hasText: ran }).waitFor({ timeout: 10_000 });
  await karin.page.locator('section[aria-labelledby=remiss-status-title]').screenshot({ path: `${world.screenshotDir}/remiss-last-round.png` });
  await world.done(karin.page);
  // An organisation invited once the remiss has closed did not get it: the compilation does
  // not count it among the consulted (the server recorded whom the remiss went to as it closed).
  await world.invite(world.newcomer('sv'), 'member', 'Nya kommunen');
  const compilation = await world.openPage('coordinator', 'sv', 'compilation', CompilationPage);
  const intro = compilation.page.locator('.compilation-intro');
  await intro.locator('li', { hasText: 'Strandviks kommun' }).first().waitFor({ timeout: 10_000 });
  assert.equal(await intro.getByText('Nya kommunen').count(), 0, 'an organisation invited after the remiss is not among those consulted');
  await world.done(compilation.page);
  assert.deepEqual(world.errors, []);
});

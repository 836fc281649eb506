// The compilation round end to end: the coordinator sends the text on remiss, its version cut
// as it goes out; three organisations state stances and send their answers
// with their bodies' decisions, and a fourth's answer, which came by e-mail, is recorded on its
// behalf by the coordinator; the coordinator reads them in the stance matrix, writes a response
// on the compilation page that a second coordinator's browser sees arrive as it is typed, and
// downloads the compilation in Word and as a spreadsheet, both read back here: every consulted
// organisation × clause, each decision, the recorded answer marked so, characters intact —
// and the coordinators' own organisation not among the consulted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../lib/suite.mjs';
import { DESKTOP, SEEDS, World } from '../lib/world.mjs';
import { RemissPage, VersionsPage } from '../lib/remiss-pages.mjs';
import { CompilationPage, MatrixPage, fillDecision } from '../lib/compilation-pages.mjs';
import { csvRows, docxText, zipEntry } from '../lib/exports.mjs';

let world;
serverAndBrowser(async (env) => {
  world = new World(env);
  await world.setUp();
});

/** A decision taken before the answer is sent (the server refuses one dated later). */
const DAY = 86_400_000;
const decided = (days) => new Date(Date.now() - days * DAY).toISOString().slice(0, 10);
const DECISIONS = {
  'Strandviks kommun': { body: 'Kommunstyrelsen', date: decided(3), item: '§ 112' },
  'Kommunalförbundet Sjöbygden': { body: 'Förbundsstyrelsen', date: decided(2), item: '§ 45' },
  'Ekby kommun': { body: 'Socialnämnden', date: decided(1), item: '§ 7' },
  'Åsby kommun': { body: 'Kommunfullmäktige', date: decided(4), item: '§ 23' },
};

/** `p`'s organisation states `stance` on clause 1.1 with `motivation` and sends the answer
 * with its body's `decision`. */
async function answer(p, stance, motivation, decision) {
  const form = p.clause('1.1').locator('form.stance-form');
  await form.locator('select').selectOption(stance);
  await form.locator('textarea').fill(motivation);
  await form.locator('button[type=submit]').click();
  await form.locator('.stance-status').filter({ hasText: /\S/ }).waitFor();
  const bar = p.page.locator('.answer-bar');
  await fillDecision(bar, decision);
  await bar.locator('button.primary').click();
  // Sending waits for the confirmation with the answer's summary.
  await p.page.locator('.answer-confirm [data-action=confirm-answer]').click();
  await bar.locator('.answer-message').filter({ hasText: /\S/ }).waitFor({ timeout: 10_000 });
  await world.done(p.page);
}

test('answers reach the matrix, a response reaches the co-coordinator, exports read back', async () => {
  const ekby = await world.organisation('Ekby kommun');
  const asby = await world.organisation('Åsby kommun');
  await asby.page.context().close();
  // Sent from the remiss page: the text has no version yet, so the confirmation offers to cut
  // one as it goes out — checked unless the coordinator says otherwise — and the compilation
  // answers it.
  const remiss = await world.openPage('coordinator', 'sv', 'remiss', RemissPage);
  const confirmBox = await remiss.ask(new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10));
  await confirmBox.locator('.remiss-version', { hasText: 'Ingen version av texten är sparad än.' }).waitFor();
  const cut = confirmBox.getByTestId('remiss-version-cut');
  assert.ok(await cut.isChecked(), 'cutting the remiss version is the default');
  const label = await confirmBox.locator('.remiss-version-cut').textContent();
  const [, name] = label.match(/^\s*Spara texten som versionen ”(Remissversion \d+ \S+ \d{4})” när den skickas$/);
  await confirmBox.screenshot({ path: `${world.screenshotDir}/compilation-remiss-version.png` });
  await remiss.confirm();
  await remiss.page.locator('[data-testid=connection]').filter({ hasText: 'Sparat' }).waitFor({ timeout: 10_000 });
  world.currentPhase = 'consultation';
  const versions = await world.openPage('coordinator', 'sv', 'versions', VersionsPage);
  await versions.item(name).waitFor({ timeout: 10_000 });
  await world.done(versions.page);
  await world.done(remiss.page);
  await answer(await world.open('member', 'sv'), 'supports', 'Strandvik står bakom förslaget – även för öarna.', DECISIONS['Strandviks kommun']);
  await answer(await world.open('jurist', 'sv'), 'opposes', 'Förbundet kan inte åta sig jour dygnet runt.', DECISIONS['Kommunalförbundet Sjöbygden']);
  await answer(ekby, 'supports_with_changes', 'Ekby vill se en gemensam jourlista.', DECISIONS['Ekby kommun']);
  // A remark in Markdown, which the matrix's detail shows as the agreement does.
  const erik = await world.open('member', 'sv');
  const composer = erik.clause('1.1').locator('form.composer');
  await erik.clause('1.1').locator('.remark-on-clause').click();
  await composer.locator('textarea').first().fill('Gäller *särskilt* öarna.');
  await composer.locator('button[type=submit]').click();
  await erik.clause('1.1').locator('.remark-body em', { hasText: 'särskilt' }).waitFor({ timeout: 10_000 });
  await world.done(erik.page);
  // On remiss the text is locked: the coordinator's form says why a proposal cannot be taken
  // into the text now, instead of leaving the button out without a word.
  const coordinator = await world.open('coordinator', 'sv');
  const proposal = coordinator.remark(SEEDS.proposal.clause, SEEDS.proposal.body);
  await proposal.locator('details.disposition-form > summary').click();
  await proposal.getByTestId('accept-later').filter({ hasText: 'Texten är låst i den här fasen.' }).waitFor();
  assert.equal(await proposal.getByRole('button', { name: 'Godta förslaget i texten' }).count(), 0);
  await proposal.screenshot({ path: `${world.screenshotDir}/compilation-accept-later.png` });
  await world.done(coordinator.page);

  // The timeline dates the consultation from when the server stored the change of phase.
  const control = world.control.page;
  await control.locator('details.timeline > summary').click();
  const began = control.locator('.timeline-phases li[aria-current=step] time.timeline-began');
  await began.waitFor({ timeout: 10_000 });
  const stamped = Date.parse(await began.getAttribute('datetime'));
  assert.ok(Math.abs(Date.now() - stamped) < 10 * 60_000, `the consultation began just now, not ${new Date(stamped).toISOString()}`);
  await control.locator('.timeline-events li.timeline-phase').first().waitFor();
  await control.locator('details.timeline').screenshot({ path: `${world.screenshotDir}/compilation-timeline.png` });
  await control.locator('details.timeline > summary').click();

  const matrix = await world.openPage('coordinator', 'sv', 'matrix', MatrixPage);
  // Åsby's answer came by e-mail: the coordinator records it, with its decision.
  await matrix.recordAnswer(
    'Åsby kommun',
    [
      { number: '1.1', stance: 'no_remarks', motivation: 'Åsby har inget att erinra.' },
      { number: '1.2', stance: 'supports', motivation: 'Åsby tillstyrker.' },
    ],
    DECISIONS['Åsby kommun'],
  );
  const recorded = await matrix.cell('Åsby kommun', '1.1');
  await recorded.and(matrix.page.locator('.pos-no_remarks')).waitFor({ timeout: 10_000 });
  await matrix.row('Åsby kommun').locator('.matrix-status').filter({ hasText: /räkning|registrerat/i }).waitFor({ timeout: 10_000 });
  assert.equal(await matrix.row('Region Norrvik').count(), 0, "the coordinators' own organisation is not consulted");
  const cell = await matrix.cell('Strandviks kommun', '1.1');
  await assert.doesNotReject(cell.and(matrix.page.locator('.pos-supports')).waitFor({ timeout: 10_000 }));
  await matrix.open(cell);
  await matrix.detail().filter({ hasText: 'även för öarna' }).waitFor();
  await matrix.detail().locator('blockquote.remark-body em', { hasText: 'särskilt' }).waitFor();
  assert.equal(await matrix.detail().getByText('*särskilt*').count(), 0, 'no Markdown shown as typed');
  // The detail stands beside the grid, never over the cell, and takes focus; Escape closes it
  // and puts focus back on the cell.
  const [c, d] = [await cell.boundingBox(), await matrix.detail().boundingBox()];
  const apart = c.x + c.width <= d.x || d.x + d.width <= c.x || c.y + c.height <= d.y || d.y + d.height <= c.y;
  assert.ok(apart, `the detail ${JSON.stringify(d)} covers the cell ${JSON.stringify(c)}`);
  await matrix.page.waitForFunction(() => document.activeElement?.id === 'matrix-detail-heading', null, { timeout: 5_000 });
  await matrix.page.screenshot({ path: `${world.screenshotDir}/compilation-matrix-detail.png` });
  await matrix.page.keyboard.press('Escape');
  await matrix.detail().waitFor({ state: 'detached' });
  assert.ok(await cell.evaluate((el) => el === document.activeElement), 'focus is back on the cell');
  // The grid is one tab stop; arrow keys move along it.
  await cell.press('ArrowRight');
  const focused = await matrix.page.evaluate(() => document.activeElement?.getAttribute('data-c'));
  assert.equal(focused, String(Number(await cell.getAttribute('data-c')) + 1));
  // A grid wider than the screen scrolls inside its frame, never the page sideways.
  await matrix.page.setViewportSize({ width: 700, height: 800 });
  const [wide, screen] = await matrix.page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(wide <= screen, `the page is ${wide} px wide on a ${screen} px screen`);
  // The line saying how much is shown stays in the frame while the grid scrolls sideways.
  const frame = matrix.page.locator('.matrix-scroll');
  await frame.evaluate((e) => e.scrollTo({ left: e.scrollWidth }));
  const [box, line] = [await frame.boundingBox(), await matrix.page.locator('.matrix-shown').boundingBox()];
  assert.ok(line.x >= box.x && line.x < box.x + box.width, `the line stays in view (at ${line.x}, frame ${box.x}–${box.x + box.width})`);
  await matrix.page.screenshot({ path: `${world.screenshotDir}/compilation-matrix-narrow.png`, fullPage: false });
  await frame.evaluate((e) => e.scrollTo({ left: 0 }));
  await matrix.page.setViewportSize(DESKTOP);
  await matrix.page.screenshot({ path: `${world.screenshotDir}/compilation-matrix.png`, fullPage: false });
  // Filtering on a stance marks the cells holding it: every other cell is dimmed. (Strandvik
  // supports 1.1 and Åsby 1.2, so both clauses and both organisations are shown, with Åsby's
  // "no remarks" on 1.1 among them.)
  await matrix.filterStance('supports');
  await matrix.page.locator('.matrix-scroll[data-position="supports"]').waitFor();
  const opacity = (l) => l.evaluate((e) => Number(getComputedStyle(e).opacity));
  assert.equal(await opacity(matrix.page.locator('td.matrix-cell.pos-supports').first()), 1, 'a cell holding the stance stands out');
  const others = matrix.page.locator('td.matrix-cell:not(.pos-supports):not(.folded)');
  assert.ok((await others.count()) > 0, 'the rows shown hold other stances too');
  assert.ok((await opacity(others.first())) < 0.5, 'a cell holding another stance is dimmed');
  await matrix.page.screenshot({ path: `${world.screenshotDir}/compilation-matrix-stance.png`, fullPage: false });
  // The filter is kept in the address: reloaded (or sent on), the page shows the same grid.
  await matrix.page.waitForURL(/[?&]stance=supports(&|$)/);
  await matrix.page.reload();
  await matrix.ready();
  await matrix.page.locator('.matrix-scroll[data-position="supports"]').waitFor();
  assert.equal(await matrix.stanceFilter().inputValue(), 'supports', 'the filter shows the stance chosen');
  await matrix.filterStance('');
  await matrix.page.waitForURL((url) => !url.search.includes('stance='));
  // An address naming a chapter the agreement does not have (an old link) filters nothing.
  await matrix.page.goto(`${matrix.page.url().replace(/\?.*$/, '')}?chapter=ch-gone`);
  await matrix.ready();
  await matrix.page.waitForURL((url) => !url.search.includes('chapter='));
  assert.ok((await matrix.table().locator('td.matrix-cell').count()) > 0, 'every chapter shown');
  await world.done(matrix.page);

  const karin = await world.openPage('coordinator', 'sv', 'compilation', CompilationPage);
  const second = await world.device('coordinator', DESKTOP, { keep: false });
  const other = new CompilationPage(await second.newPage());
  world.watch(other.page, 'second coordinator');
  await other.page.goto(karin.page.url());
  await other.ready();
  const clause = karin.page.locator('article.compilation-clause', { has: karin.page.locator('h4', { hasText: /^1\.1 / }) });
  const id = await clause.getAttribute('data-clause');
  await clause.locator('textarea').pressSequentially('Synpunkterna beaktas; jouren delas.', { delay: 10 });
  await other.page.waitForFunction(
    (sel) => document.querySelector(sel)?.value === 'Synpunkterna beaktas; jouren delas.',
    `#response-${id}`,
    { timeout: 10_000 },
  );
  await karin.page.screenshot({ path: `${world.screenshotDir}/compilation-page.png` });
  // The introduction names each decision, and the answer recorded on Åsby's behalf as such.
  const intro = karin.page.locator('.compilation-intro');
  for (const [organisation, d] of Object.entries(DECISIONS)) {
    await intro.locator('li', { hasText: organisation }).filter({ hasText: d.body }).filter({ hasText: d.item }).waitFor({ timeout: 10_000 });
  }
  await intro.locator('li', { hasText: 'Åsby kommun' }).filter({ hasText: 'för organisationens räkning' }).waitFor();
  assert.equal(await intro.locator('li', { hasText: 'Region Norrvik' }).count(), 0);
  const remissLine = intro.locator('.compilation-phases li', { hasText: 'Remiss inleddes' });
  await remissLine.locator('time').waitFor();
  // When it began, then what was written in it — the phase not named twice, the day not said
  // again (should the run cross midnight, the days are named).
  const day = '\\d+ \\S+ \\d{4}';
  assert.match(await remissLine.textContent(), new RegExp(`^Remiss inleddes ${day}\\. \\d+ inlägg skrevs (samma dag|${day}( – ${day})?)\\.$`));
  await clause.screenshot({ path: `${world.screenshotDir}/compilation-clause.png` });
  await karin.contents().screenshot({ path: `${world.screenshotDir}/compilation-contents.png` });
  // The contents lead to the last chapter, built first if it was not yet, its heading given
  // focus so a keyboard or screen reader user reads on from there.
  const lastChapter = karin.contents().locator('a').last();
  const chapterName = (await lastChapter.textContent()).trim();
  assert.ok((await karin.contents().locator('a').count()) > 1, 'every chapter listed');
  await lastChapter.click();
  const reached = karin.page.locator('.compilation-chapter > h3:focus');
  await reached.waitFor();
  assert.equal((await reached.textContent()).trim(), chapterName);
  // In view and not under the sticky top bar: the heading is what shows at its own centre.
  const seen = await reached.evaluate((h) => {
    const r = h.getBoundingClientRect();
    return h.contains(document.elementFromPoint(r.left + 10, r.top + r.height / 2));
  });
  assert.ok(seen, 'the chapter heading is in view, not under the top bar');
  // On a phone the page keeps the phone's width: the per-chapter table (six columns) scrolls
  // in a box of its own instead of pushing the whole page sideways.
  await karin.page.setViewportSize({ width: 390, height: 844 });
  const overflow = await karin.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, `the page is ${overflow} px wider than the phone`);
  const table = karin.page.locator('.compilation-bar-scroll');
  await table.scrollIntoViewIfNeeded();
  assert.ok((await table.boundingBox()).width <= 390, 'the table box fits the phone');
  await karin.page.locator('.compilation-bar').screenshot({ path: `${world.screenshotDir}/compilation-bar-phone.png` });
  await karin.page.setViewportSize(DESKTOP);

  const csv = Buffer.from(await (await karin.page.request.get(new URL(await karin.csv().getAttribute('href'), karin.page.url()).href)).body());
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV starts with a byte-order mark');
  const rows = csvRows(csv.subarray(3).toString('utf8'), ';');
  const [header, ...data] = rows;
  const col = (name) => header.indexOf(name);
  const clauses = new Set(data.map((r) => r[col('Punkt')]));
  assert.ok(clauses.size >= 12, `every clause sent on remiss: ${[...clauses]}`);
  const organisations = [...new Set(data.map((r) => r[col('Organisation')]))].sort();
  assert.deepEqual(organisations, Object.keys(DECISIONS).sort(), 'the consulted organisations, and no other');
  assert.equal(data.length, clauses.size * organisations.length, 'one row per organisation × clause');
  for (const [organisation, d] of Object.entries(DECISIONS)) {
    const row = data.find((r) => r[col('Organisation')] === organisation && r[col('Punkt')] === '1.1');
    assert.equal(row[col('Beslutande organ')], d.body, organisation);
    assert.equal(row[col('Beslutsdatum')], d.date, organisation);
    assert.equal(row[col('Paragraf')], d.item, organisation);
  }
  const strandvik = data.find((r) => r[col('Organisation')] === 'Strandviks kommun' && r[col('Punkt')] === '1.1');
  assert.equal(strandvik[col('Motivering')], 'Strandvik står bakom förslaget – även för öarna.');
  // The organisation's remarks in its own words, and the coordinators' response on the clause.
  assert.equal(strandvik[col('Synpunkter på punkten')], 'Erik Johansson: Gäller *särskilt* öarna.');
  assert.equal(strandvik[col('Bemötande')], 'Synpunkterna beaktas; jouren delas.');
  const asbyRow = data.find((r) => r[col('Organisation')] === 'Åsby kommun' && r[col('Punkt')] === '1.1');
  assert.match(asbyRow[col('Registrerat för organisationen av')], /Karin Lindqvist/);
  assert.equal(data.find((r) => r[col('Organisation')] === 'Ekby kommun' && r[col('Punkt')] === '1.1')[col('Registrerat för organisationen av')], '');
  const docx = Buffer.from(await (await karin.page.request.get(new URL(await karin.docx().getAttribute('href'), karin.page.url()).href)).body());
  assert.equal(docx.subarray(0, 2).toString(), 'PK', 'DOCX is a zip');
  const words = docxText(zipEntry(docx, 'word/document.xml'));
  for (const [organisation, d] of Object.entries(DECISIONS)) {
    assert.ok(words.includes(organisation), `${organisation} in the document`);
    assert.ok(words.includes(d.body) && words.includes(d.item), `${organisation}'s decision in the document`);
  }
  assert.ok(words.includes('Förbundet kan inte åta sig jour dygnet runt.'), 'a motivation quoted, å and ö intact');
  assert.ok(!words.includes('Region Norrvik:'), "the coordinators' organisation is not listed as consulted");
  await world.done(karin.page);
  await second.close();
});

// The compilation round end to end: two organisations state stances and send their answers;
// the coordinator reads them in the stance matrix, writes a response on the compilation page
// that a second coordinator's browser sees arrive as it is typed, and downloads the
// compilation in Word and as a spreadsheet (both read back here).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../lib/suite.mjs';
import { DESKTOP, World } from '../lib/world.mjs';
import { VersionsPage } from '../lib/remiss-pages.mjs';
import { CompilationPage, MatrixPage } from '../lib/compilation-pages.mjs';

let world;
serverAndBrowser(async (env) => {
  world = new World(env);
  await world.setUp();
});

/** `role` states `stance` on clause 1.1 with `motivation` and sends the answer. */
async function answer(role, stance, motivation) {
  const p = await world.open(role, 'sv');
  const form = p.clause('1.1').locator('form.stance-form');
  await form.locator('select').selectOption(stance);
  await form.locator('textarea').fill(motivation);
  await form.locator('button[type=submit]').click();
  await form.locator('.stance-status').filter({ hasText: /\S/ }).waitFor();
  await p.page.locator('.answer-bar button.primary').click();
  // Sending waits for the confirmation with the answer's summary.
  await p.page.locator('.answer-confirm [data-action=confirm-answer]').click();
  await p.page.locator('.answer-bar').filter({ hasText: /Svar 1|skickat/i }).waitFor({ timeout: 10_000 }).catch(() => {});
  await world.done(p.page);
}

test('answers reach the matrix, a response reaches the co-coordinator, exports read back', async () => {
  const versions = await world.openPage('coordinator', 'sv', 'versions', VersionsPage);
  await versions.cut('Remissversion', 'Till remissinstanserna');
  await world.done(versions.page);
  await world.phase('consultation');
  await answer('member', 'supports', 'Strandvik står bakom förslaget – även för öarna.');
  await answer('jurist', 'opposes', 'Förbundet kan inte åta sig jour dygnet runt.');

  const matrix = await world.openPage('coordinator', 'sv', 'matrix', MatrixPage);
  const cell = await matrix.cell('Strandviks kommun', '1.1');
  await assert.doesNotReject(cell.and(matrix.page.locator('.pos-supports')).waitFor({ timeout: 10_000 }));
  await matrix.open(cell);
  await matrix.detail().filter({ hasText: 'även för öarna' }).waitFor();
  // The grid is one tab stop; arrow keys move along it.
  await cell.press('ArrowRight');
  const focused = await matrix.page.evaluate(() => document.activeElement?.getAttribute('data-c'));
  assert.equal(focused, String(Number(await cell.getAttribute('data-c')) + 1));
  await matrix.page.screenshot({ path: `${world.screenshotDir}/compilation-matrix.png`, fullPage: false });
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
  await clause.screenshot({ path: `${world.screenshotDir}/compilation-clause.png` });

  const csv = Buffer.from(await (await karin.page.request.get(new URL(await karin.csv().getAttribute('href'), karin.page.url()).href)).body());
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV starts with a byte-order mark');
  const text = csv.toString('utf8');
  assert.match(text, /Strandviks kommun/);
  assert.match(text, /Kommunalförbundet Sjöbygden/);
  assert.match(text, /även för öarna/);
  const docx = Buffer.from(await (await karin.page.request.get(new URL(await karin.docx().getAttribute('href'), karin.page.url()).href)).body());
  assert.equal(docx.subarray(0, 2).toString(), 'PK', 'DOCX is a zip');
  assert.ok(docx.includes(Buffer.from('word/document.xml')), 'DOCX has its document part');
  await world.done(karin.page);
  await second.close();
});

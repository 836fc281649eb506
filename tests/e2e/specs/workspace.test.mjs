// The commenting workspace with three participants from three organisations — a politician
// (member), a lawyer (jurist) and a coordinator — each in their own browser context. Every
// change must reach the others without a reload. Screenshots are saved in Swedish; every view
// and state is checked with axe in all four languages by accessibility.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../lib/suite.mjs';
import { AgreementPage } from '../lib/agreement-page.mjs';

const pages = {};
const errors = [];

const sessions = {};

/** A browser context for `role`: signs in with its link the first time (links work once),
 * later contexts reuse the session cookie, as a second tab or device would. */
async function open(role, lang) {
  const context = await env.browser.newContext({
    viewport: { width: 1280, height: 800 },
    storageState: sessions[role],
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${role}: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`${role}: ${m.text()}`));
  const p = new AgreementPage(page);
  if (sessions[role]) {
    await page.goto(`${env.server.base}/a/hsa-norrvik-2027${lang ? `?lang=${lang}` : ''}`);
    await p.online();
  } else {
    await p.signIn(env.server.links[role].url);
    sessions[role] = await context.storageState();
  }
  return p;
}

const env = serverAndBrowser(async () => {
  pages.erik = await open('member');
  pages.sara = await open('jurist');
  pages.karin = await open('coordinator');
});

test('presence shows everyone, with their organisation', async () => {
  for (const p of Object.values(pages)) {
    for (const name of ['Erik Johansson', 'Sara Nyström', 'Karin Lindqvist']) {
      await p.page.locator(`[data-testid=presence] li[data-name="${name}"]`).waitFor({ timeout: 10_000 });
    }
  }
  const title = await pages.erik.page.locator('[data-testid=presence] li[data-name="Sara Nyström"]').getAttribute('title');
  assert.match(title, /Kommunalförbundet Sjöbygden/);
  await pages.erik.screenshot('sv-01-agreement');
});

test('select text and comment; the others see it highlighted', async () => {
  const { erik, sara, karin } = pages;
  await erik.remarkOnSelection('2.1', 'dygnet runt', 'Kommentera', 'Gäller det även **helger**?');
  for (const p of [sara, karin]) {
    const remark = p.remark('2.1', 'Gäller det även');
    await remark.waitFor({ timeout: 10_000 });
    assert.equal(await remark.locator('strong').innerText(), 'helger', 'Markdown rendered');
    assert.match(await remark.locator('.quote').innerText(), /dygnet runt/);
    await p.clause('2.1').locator('mark.hl-comment', { hasText: 'dygnet runt' }).waitFor();
  }
  await erik.select('3.3', 'årligen');
  await erik.clause('3.3').scrollIntoViewIfNeeded();
  await erik.screenshot('sv-02-selection-toolbar');
  await erik.page.keyboard.press('Escape');
});

test('a remark carrying script renders inert', async () => {
  const { erik, karin } = pages;
  await erik.addRemark('1.4', 'Test <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>');
  const remark = karin.remark('1.4', 'Test');
  await remark.waitFor({ timeout: 10_000 });
  assert.equal(await remark.locator('img[onerror], script').count(), 0);
  assert.equal(await karin.page.evaluate(() => window.__pwned), undefined);
});

test('a long address or compound word wraps inside its remark, not widening the page', async () => {
  const { erik, karin } = pages;
  // A protocol reference as people paste it, and a compound longer than the column.
  const url = 'https://www.bergvik.se/kommun-och-politik/namnder-och-styrelser/protokoll/2026/ks-2026-11-19-paragraf-123-yttrande-over-halso-och-sjukvardsavtalet-2027-2030.pdf';
  const word = 'Överenskommelsevillkorsförändringsförhandlingsprotokollsbilagorna'.repeat(2);
  await erik.addRemark('1.2', `Se ${url} och ${word}.`);
  for (const p of [erik, karin]) {
    const remark = p.remark('1.2', 'bergvik.se');
    await remark.waitFor({ timeout: 10_000 });
    const widths = await p.page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: innerWidth }));
    assert.ok(widths.page <= widths.view, `the page is ${widths.page} px wide in a ${widths.view} px window`);
    const body = remark.locator('.remark-body').first();
    const fits = await body.evaluate((el) => el.scrollWidth <= el.clientWidth);
    assert.ok(fits, 'the remark body holds its text');
  }
  await karin.remark('1.2', 'bergvik.se').scrollIntoViewIfNeeded();
  await karin.screenshot('sv-02b-long-word');
});

test('propose wording; the diff appears in the other browsers; support with counts', async () => {
  const { erik, sara, karin } = pages;
  await sara.remarkOnSelection(
    '3.2',
    'Vid sanktioner mot brott mot avtal ska den politiska samrådsgruppen besluta.',
    'Föreslå ny lydelse',
    'Tydligare och mindre juridiskt.',
    'Upprepade allvarliga avvikelser eskaleras till den politiska samrådsgruppen.',
  );
  for (const p of [erik, karin]) {
    const proposal = p.remark('3.2', 'Tydligare och mindre juridiskt');
    await proposal.waitFor({ timeout: 10_000 });
    assert.match(await proposal.locator('.proposal del').first().innerText(), /sanktioner/);
    assert.match(await proposal.locator('.proposal ins').first().innerText(), /Upprepade allvarliga avvikelser/);
  }
  // A competing proposal on the same wording, from the coordinator: both side by side.
  await karin.remarkOnSelection(
    '3.2',
    'Vid sanktioner mot brott mot avtal ska den politiska samrådsgruppen besluta.',
    'Föreslå ny lydelse',
    'Behåll beslutet i gruppen.',
    'Vid upprepade avvikelser beslutar den politiska samrådsgruppen om åtgärder.',
  );
  const competing = erik.clause('3.2').locator('.competing');
  await competing.locator('.column').nth(1).waitFor({ timeout: 10_000 });
  assert.equal(await competing.locator('.column').count(), 2);
  assert.match(await competing.locator('.column').nth(1).innerText(), /Karin Lindqvist/);
  await competing.scrollIntoViewIfNeeded();
  await erik.screenshot('sv-03b-competing-proposals');
  await erik.remark('3.2', 'Tydligare och mindre juridiskt').getByRole('button', { name: /Stöder/ }).click();
  await sara.remark('3.2', 'Tydligare och mindre juridiskt').getByRole('button', { name: 'Stöder (1)' }).waitFor({ timeout: 10_000 });
  await karin.remark('3.2', 'Tydligare och mindre juridiskt').scrollIntoViewIfNeeded();
  await karin.screenshot('sv-03-proposal-diff');
});

test('reply with a mention; the author sees it', async () => {
  const { erik, karin } = pages;
  const remark = karin.remark('2.1', 'Gäller det även');
  await remark.getByRole('button', { name: 'Svara' }).click();
  const field = remark.getByLabel(/Svar till/);
  await field.pressSequentially('Vi frågar');
  // The others see that Karin is typing in this clause's thread.
  await erik.clause('2.1').getByText('Karin Lindqvist skriver …').waitFor({ timeout: 10_000 });
  await field.pressSequentially(' @Sa');
  await karin.page.getByRole('option', { name: /Sara Nyström/ }).waitFor();
  await field.press('Enter');
  await field.pressSequentially('som känner till avtalet.');
  assert.match(await field.inputValue(), /@Sara Nyström som känner/);
  await remark.locator('form').getByRole('button', { name: 'Svara' }).click();
  const reply = erik.remark('2.1', 'Gäller det även').locator('li.reply', { hasText: '@Sara Nyström' });
  await reply.waitFor({ timeout: 10_000 });
  await erik.remark('2.1', 'Gäller det även').scrollIntoViewIfNeeded();
  await erik.screenshot('sv-04-thread-with-reply');
});

test('the coordinator opens the consultation; a stance is drafted, sent and seen by all', async () => {
  const { erik, sara, karin } = pages;
  await karin.page.getByLabel('Fas', { exact: true }).selectOption('consultation');
  await karin.page.locator('[data-action=confirm-phase]').click();
  // The phase as a member reads it (the page nav also has a link named Remiss).
  await erik.page.locator('strong').filter({ hasText: /^Remiss$/ }).first().waitFor({ timeout: 10_000 });
  const clause = erik.clause('1.1');
  await clause.getByLabel('Ställningstagande för Strandviks kommun').selectOption('supports');
  await clause.getByLabel('Motivering').fill('Kommunen står bakom parterna.');
  await clause.getByRole('button', { name: 'Spara utkast' }).click();
  await clause.getByText('Utkast – inte skickat').waitFor();
  await erik.screenshot('sv-05-stance-draft');
  await erik.page.getByRole('button', { name: 'Skicka remissvaret' }).click();
  // Sending waits for the confirmation with the answer's summary.
  await erik.page.locator('.answer-confirm').getByRole('button', { name: 'Skicka svaret' }).click();
  await clause.getByText('Skickat i svar 1').waitFor({ timeout: 10_000 });
  for (const p of [sara, karin]) {
    await p.clause('1.1').locator('.stance-chip', { hasText: 'Strandviks kommun' }).getByText('Tillstyrker').waitFor({ timeout: 10_000 });
  }
  // "No remarks on the other clauses" in one go: drafted on every clause without a stance,
  // the answered one left as it was, nothing sent until the respondent sends again.
  const rest = erik.page.locator('button.answer-rest');
  const [, n] = (await rest.textContent()).match(/^Ingen erinran på de återstående (\d+) punkterna$/);
  assert.ok(Number(n) >= 2 && Number(n) <= 12, `the clauses without a stance: ${n}`);
  await rest.click();
  await erik.page.locator('.answer-message', { hasText: `Ingen erinran är utkast på ${n} punkter` }).waitFor();
  assert.equal(await erik.page.locator('button.answer-rest').count(), 0, 'no clause is left without a stance');
  const next = erik.clause('1.2');
  assert.equal(await next.getByLabel('Ställningstagande för Strandviks kommun').inputValue(), 'no_remarks');
  await next.getByText('Utkast – inte skickat').waitFor();
  assert.equal(await clause.getByLabel('Ställningstagande för Strandviks kommun').inputValue(), 'supports');
  await erik.screenshot('sv-05-stance-rest');
});

test('filters: kind, organisation, mine and free text', async () => {
  const { karin } = pages;
  const page = karin.page;
  await page.getByLabel('Typ', { exact: true }).selectOption('proposal');
  await karin.clause('3.2').waitFor();
  assert.equal(await page.locator('article.clause:not(.hidden)').count(), 1, 'only the clause with a proposal');
  await page.getByLabel('Typ', { exact: true }).selectOption('');
  await page.getByLabel('Sök i text och synpunkter').fill('hjälpmedel');
  // The search runs once typing pauses: until then every clause shows.
  await page.locator('article.clause:not(.hidden)').nth(1).waitFor({ state: 'detached' });
  assert.equal(await page.locator('article.clause:not(.hidden)').count(), 1);
  await karin.screenshot('sv-06-filtered');
  await page.getByRole('button', { name: 'Rensa filter' }).click();
  assert.equal(await page.locator('article.clause:not(.hidden)').count(), 13);
});

test('the table of contents marks the clause being read and keeps it in sight', async () => {
  const { erik } = pages;
  const page = erik.page;
  const current = page.locator('.toc a[aria-current=location]');
  /** Scrolls until clause `number` begins a quarter down the window, just above the reading
   * line (30 %), as a reader scrolling to it would. */
  const readAt = (number) =>
    erik.clause(number).evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - window.innerHeight * 0.25));
  /** Whether the marked entry shows inside the sidebar's scrolled box. */
  const inSight = () =>
    current.evaluate((a) => {
      const box = a.closest('.sidebar').getBoundingClientRect();
      const r = a.getBoundingClientRect();
      return r.top >= box.top && r.bottom <= box.bottom;
    });
  await readAt('3.2');
  await current.filter({ hasText: /^3\.2 / }).waitFor();
  assert.equal(await current.count(), 1, 'one clause is marked');
  assert.ok(await inSight(), 'the marked entry is in sight');
  await erik.screenshot('sv-06-toc-current');
  // At the end of the agreement one of its last clauses crosses the reading line.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction(() => !/^3\.2 /.test(document.querySelector('.toc a[aria-current=location]').textContent));
  assert.ok(await inSight(), 'the entry read at the end of the agreement is in sight');
  // A jump from the end straight to the title: no clause is read there, and the list goes
  // back to its own top with the reader. In a low window, where the demo's list scrolls.
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: viewport.width, height: 420 });
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction(() => document.querySelector('.sidebar').scrollTop > 0);
  assert.ok(await inSight(), 'in a low window too, the entry read at the end is in sight');
  await page.evaluate(() => window.scrollTo(0, 0));
  await current.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelector('.sidebar').scrollTop === 0);
  await page.setViewportSize(viewport);
  await readAt('1.1');
  await current.filter({ hasText: /^1\.1 / }).waitFor();
  assert.ok(await inSight(), 'back at the start, the first entry is in sight');
  // Above the first clause, at the title, no clause is being read.
  await page.evaluate(() => window.scrollTo(0, 0));
  await current.waitFor({ state: 'detached' });
});

test('one person on two devices is present once', async () => {
  const { karin } = pages;
  // Karin's first device is at clause 1.2; her presence there says so.
  await karin.clause('1.2').locator('.remark-on-clause').focus();
  const second = await open('coordinator');
  const karins = second.page.locator('[data-testid=presence] li[data-name="Karin Lindqvist"]');
  // The second device knows its own presence at once and the first one's when the server relays
  // it: only the first device is at 1.2, so once that shows, both are known here.
  await karins.filter({ hasText: 'vid punkt 1.2' }).waitFor({ timeout: 10_000 });
  const seen = await karins.evaluateAll((els) => els.map((e) => `${e.dataset.participant}: ${e.title}`));
  assert.equal(seen.length, 1, `one person on two devices is present once: ${seen.join(' | ')}`);
  await second.page.context().close();
});

test('a tablet and print show the agreement sensibly', async () => {
  const p = await open('coordinator');
  await p.page.setViewportSize({ width: 820, height: 1180 });
  await p.screenshot('sv-07-tablet');
  await p.page.emulateMedia({ media: 'print' });
  assert.equal(await p.page.locator('.sidebar').isVisible(), false, 'no sidebar on paper');
  assert.equal(await p.page.locator('.remark-on-clause').first().isVisible(), false, 'no buttons on paper');
  await p.screenshot('sv-08-print', true);
  await p.page.context().close();
});

test('keyboard only: comment, reply, propose', async () => {
  const p = await open('jurist');
  const page = p.page;
  const tabTo = async (matches) => {
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(matches)) return;
    }
    throw new Error(`never reached by Tab: ${matches}`);
  };
  await page.locator('body').focus();
  // Comment on clause 1.2 through its button.
  await tabTo(() => document.activeElement?.textContent === 'Synpunkt på punkt 1.2');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Syftet bör nämna patientsäkerhet.');
  await tabTo(() => document.activeElement?.textContent === 'Skicka synpunkt');
  await page.keyboard.press('Enter');
  await p.remark('1.2', 'patientsäkerhet').waitFor();
  // Reply to it.
  await tabTo(() => document.activeElement?.closest('li.remark')?.textContent.includes('patientsäkerhet') && document.activeElement.textContent === 'Svara');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Och om informationsöverföring.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await p.remark('1.2', 'patientsäkerhet').locator('li.reply', { hasText: 'informationsöverföring' }).waitFor();
  // Propose new wording for clause 1.3.
  await tabTo(() => document.activeElement?.textContent === 'Synpunkt på punkt 1.3');
  await page.keyboard.press('Enter');
  // A radio group takes one Tab stop; the arrow keys choose within it.
  await tabTo(() => document.activeElement?.getAttribute?.('value') === 'comment');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.value), 'proposal');
  await tabTo(() => document.activeElement?.id?.startsWith('composer-wording-'));
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Avtalet gäller från den 1 januari 2027 till och med den 31 december 2029.');
  await tabTo(() => document.activeElement?.id?.startsWith('composer-') && !document.activeElement.id.startsWith('composer-wording-'));
  await page.keyboard.type('Kortare avtalstid.');
  await tabTo(() => document.activeElement?.textContent === 'Skicka synpunkt');
  await page.keyboard.press('Enter');
  const proposal = p.remark('1.3', 'Kortare avtalstid');
  await proposal.waitFor();
  assert.match(await proposal.locator('.proposal ins').first().innerText(), /2029/);
  await page.context().close();
});

test('no page errors anywhere', () => {
  assert.deepEqual(errors, []);
});

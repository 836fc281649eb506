// Every view and state a participant meets, checked with axe (WCAG 2.1 A and AA) in Swedish,
// bokmål, nynorsk and English. One list: each entry names a state, the phase it needs and the
// steps that reach it from a fresh tab in the given language; a new page or state joins by
// adding an entry. Steps use language-independent handles (classes, ids, values) so that one
// walk serves every language. Screenshots of each state are saved in bokmål.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, serverAndBrowser } from '../lib/suite.mjs';
import { AGREEMENT, DESKTOP, Line, SEEDS, TABLET, World, writeComment } from '../lib/world.mjs';
import { DeviceNetwork, deviceCopyKept, deviceWritten, shellInstalled } from '../lib/device.mjs';
import { Inbox } from '../lib/inbox.mjs';
import { ComparePage, PrintPage, RemissPage, VersionsPage } from '../lib/remiss-pages.mjs';
import { CompilationPage, MatrixPage } from '../lib/compilation-pages.mjs';

const LANGUAGES = ['sv', 'nb', 'nn', 'en'];
const NOT_SIGNED_IN = { sv: 'Du är inte inloggad', nb: 'Du er ikke logget inn', nn: 'Du er ikkje logga inn', en: 'You are not signed in' };
let world;
// The server sends e-mail (to a port where nothing listens: nobody here chooses e-mail), so the
// inbox shows its e-mail choice and that form is checked too.
process.env.SAMRAD_SMTP_URL ??= 'smtp://127.0.0.1:9';
process.env.SAMRAD_MAIL_FROM ??= 'Samråd <noreply@samrad.test>';
const env = serverAndBrowser(async (env) => {
  world = new World(env);
  await world.setUp();
});

/** The member's device that wrote while the line was dead and came back after the coordinator
 * moved on to merging: the server refused, and the remark waits in the handed-back list (kept in
 * the browser). Prepared once; each language opens a new tab on the same device. */
let handedBack;
function deviceWithHandedBackWriting() {
  handedBack ??= (async () => {
    await world.phase('drafting');
    const line = new Line();
    const device = await world.device('member', DESKTOP);
    await line.attach(device);
    const erik = await world.openIn(device, 'member', 'sv');
    await line.down();
    await erik.page.locator('[data-testid=connection]:not([data-state=online])').waitFor({ timeout: 10_000 });
    await writeComment(erik, '2.2', `Skriven utan nät (${Date.now()})`);
    await world.phase('merging');
    await line.up();
    await erik.page.getByTestId('unsaved').waitFor({ timeout: 30_000 });
    await deviceWritten(erik.page);
    await erik.page.close();
    return device;
  })();
  return handedBack;
}

/** A named version to read and compare, cut once by the coordinator. */
let versionCut;
function aVersion() {
  versionCut ??= (async () => {
    const karin = await world.openPage('coordinator', 'sv', 'versions', VersionsPage);
    await karin.cut('Utkast 15 januari', 'Till referensgruppen');
    const href = await karin.readLink('Utkast 15 januari').getAttribute('href');
    await world.done(karin.page);
    return href.split('/').pop();
  })();
  return versionCut;
}

/** Each state: its name, the phase it needs (drafting unless said), and how to reach it in
 * `lang`; `reach` returns the page to check. */
const states = [
  {
    name: 'the agreement',
    reach: async (lang) => (await world.open('member', lang)).page,
  },
  {
    name: 'a selection with its toolbar',
    reach: async (lang) => {
      const erik = await world.open('member', lang);
      await erik.select('3.3', 'årligen');
      return erik.page;
    },
  },
  {
    name: 'the composer on a selection',
    reach: async (lang) => {
      const erik = await world.open('member', lang);
      await erik.select('3.3', 'årligen');
      await erik.clause('3.3').getByRole('toolbar').getByRole('button').first().click();
      await erik.clause('3.3').locator('form.composer .quote').waitFor();
      return erik.page;
    },
  },
  {
    name: 'the composer proposing wording, with its diff',
    reach: async (lang) => {
      const sara = await world.open('jurist', lang);
      await sara.clause('1.3').locator('.remark-on-clause').click();
      const composer = sara.clause('1.3').locator('form.composer');
      await composer.locator('input[value=proposal]').check();
      await composer.locator('[id^=composer-wording-]').fill('Avtalet gäller från den 1 januari 2027 till och med den 31 december 2028.');
      await composer.locator('.diff-preview ins').first().waitFor();
      return sara.page;
    },
  },
  {
    name: 'competing proposals with their support',
    reach: async (lang) => {
      const erik = await world.open('member', lang);
      const competing = erik.clause(SEEDS.proposal.clause).locator('.competing');
      await competing.locator('.column').nth(1).waitFor();
      await competing.scrollIntoViewIfNeeded();
      return erik.page;
    },
  },
  {
    name: 'a reply with the mention list open',
    reach: async (lang) => {
      const erik = await world.open('member', lang);
      const thread = erik.remark(SEEDS.remark.clause, SEEDS.remark.body);
      await thread.locator('[data-action=reply]').first().click();
      // The device keeps a reply left in its box (another language's walk): start afresh.
      const box = thread.locator('form.reply-form textarea').first();
      await box.fill('');
      await box.pressSequentially('@Ka');
      await erik.page.locator('.mention-list [role=option]').first().waitFor({ timeout: 10_000 });
      return erik.page;
    },
  },
  {
    name: "editing one's own remark",
    reach: async (lang) => {
      const erik = await world.open('member', lang);
      await erik.remark(SEEDS.remark.clause, SEEDS.remark.body).locator('[data-action=edit]').first().click();
      await erik.clause(SEEDS.remark.clause).locator('form.edit-form').waitFor();
      return erik.page;
    },
  },
  {
    name: "the coordinator's disposition form, open",
    reach: async (lang) => {
      const karin = await world.open('coordinator', lang);
      const proposal = karin.remark(SEEDS.proposal.clause, SEEDS.proposal.body);
      await proposal.locator('details.disposition-form > summary').click();
      await proposal.locator('details.disposition-form select').waitFor();
      await proposal.scrollIntoViewIfNeeded();
      return karin.page;
    },
  },
  {
    name: 'a filtered view',
    reach: async (lang) => {
      const karin = await world.open('coordinator', lang);
      await karin.page.locator('#filter-kind').selectOption('proposal');
      await karin.page.locator('article.clause.hidden').first().waitFor({ state: 'attached' });
      return karin.page;
    },
  },
  {
    name: 'the participants panel',
    reach: async (lang) => {
      const karin = await world.open('coordinator', lang);
      await karin.page.locator('.participants-toggle').click();
      await karin.page.locator('#participants-panel .access-table tbody tr').nth(3).waitFor({ timeout: 10_000 });
      return karin.page;
    },
  },
  {
    name: 'the inbox, with an unread mention',
    reach: async (lang) => {
      await world.mentionOnce();
      const sara = await world.open('jurist', lang);
      const inbox = new Inbox(sara);
      await inbox.unread(1);
      await inbox.open();
      await inbox.items().first().waitFor({ timeout: 10_000 });
      await inbox.panel().locator('form.inbox-mail').waitFor({ timeout: 10_000 });
      return sara.page;
    },
  },
  {
    name: 'a phase change waiting for its confirmation',
    reach: async (lang) => {
      const karin = await world.open('coordinator', lang);
      await karin.page.locator('#phase-select').selectOption('consultation');
      await karin.page.locator('.phase-confirm #phase-deadline').waitFor();
      return karin.page;
    },
  },
  {
    name: "a remark's earlier wording and the clause's history, open",
    reach: async (lang) => {
      const erik = await world.open('member', lang);
      const thread = erik.remark(SEEDS.remark.clause, SEEDS.remark.body);
      if ((await thread.locator('details.remark-history').count()) === 0) {
        await thread.locator('[data-action=edit]').first().click();
        const form = erik.clause(SEEDS.remark.clause).locator('form.edit-form');
        await form.locator('textarea').fill(`${SEEDS.remark.body} Och röda dagar?`);
        await form.locator('button[type=submit]').click();
      }
      const history = thread.locator('details.remark-history').first();
      await history.locator('summary').click();
      await history.locator('li').first().waitFor({ timeout: 10_000 });
      const clauseHistory = erik.clause(SEEDS.remark.clause).locator('details.clause-history');
      await clauseHistory.locator('summary').click();
      await clauseHistory.locator('li[data-step=now]').waitFor();
      return erik.page;
    },
  },
  {
    name: 'the agreement on a phone, with contents and filters open',
    reach: async (lang) => {
      const erik = await world.open('member', lang, { viewport: { width: 390, height: 844 } });
      await erik.page.locator('.sidebar-toggle').click();
      await erik.page.locator('#sidebar').waitFor({ state: 'visible' });
      return erik.page;
    },
  },
  {
    name: 'a filter that matches nothing',
    reach: async (lang) => {
      const karin = await world.open('coordinator', lang);
      await karin.page.locator('#filter-status').selectOption('unanswered');
      await karin.page.locator('#filter-text').fill('ingenting-matchar-detta');
      await karin.page.locator('.no-match').waitFor({ state: 'visible' });
      return karin.page;
    },
  },
  {
    name: 'the agreement on a tablet',
    reach: async (lang) => (await world.open('coordinator', lang, { viewport: TABLET })).page,
  },
  {
    name: 'offline, with changes waiting',
    reach: async (lang) => {
      const line = new Line();
      const erik = await world.open('member', lang, { line });
      await line.down();
      await erik.page.locator('[data-testid=connection][data-state=offline]').waitFor({ timeout: 10_000 });
      await writeComment(erik, '2.2', `Offline (${lang})`);
      await erik.remark('2.2', `Offline (${lang})`).locator('.unsaved').waitFor();
      return erik.page;
    },
  },
  {
    name: 'a stance draft and the answer bar',
    phase: 'consultation',
    reach: async (lang) => {
      const erik = await world.open('member', lang);
      const form = erik.clause('1.1').locator('form.stance-form');
      await form.locator('select').selectOption('supports');
      await form.locator('textarea').fill('Kommunen står bakom parterna.');
      await form.locator('button[type=submit]').click();
      await form.locator('.stance-status').filter({ hasText: /\S/ }).waitFor();
      await erik.page.locator('.answer-bar').waitFor();
      return erik.page;
    },
  },
  {
    name: "the answer's confirmation, with a stance chosen but not saved",
    phase: 'consultation',
    reach: async (lang) => {
      const erik = await world.open('member', lang);
      const form = erik.clause('1.1').locator('form.stance-form');
      await form.locator('select').selectOption('supports');
      await form.locator('button[type=submit]').click();
      await erik.clause('1.2').locator('form.stance-form select').selectOption('opposes');
      await erik.clause('1.2').locator('.stance-status.unsaved-choice').waitFor();
      await erik.page.locator('.answer-bar button.primary').click();
      await erik.page.locator('.answer-confirm .unsaved-stances').waitFor();
      return erik.page;
    },
  },
  {
    name: 'the handed-back list of writing the server refused',
    phase: 'merging',
    reach: async (lang) => {
      const erik = await world.openIn(await deviceWithHandedBackWriting(), 'member', lang);
      return erik.page;
    },
  },
  {
    name: 'a handed-back remark refused again',
    phase: 'merging',
    reach: async (lang) => {
      const erik = await world.openIn(await deviceWithHandedBackWriting(), 'member', lang);
      const item = erik.page.getByTestId('unsaved-item').first();
      await item.locator('.unsaved-actions button:not(.danger)').click();
      await item.getByRole('alert').waitFor();
      return erik.page;
    },
  },
  {
    name: 'signed out: access withdrawn while the page is open',
    reach: async (lang) => {
      const name = world.newcomer(lang);
      const link = await world.invite(name);
      const { page } = await world.asStranger(link, lang);
      const p = await world.signedIn(page);
      await world.revoke(name);
      await p.page.locator('[data-testid=connection][data-state=signed-out]').waitFor({ timeout: 10_000 });
      return p.page;
    },
  },
  {
    name: 'opened with no network, from the offline shell and the device copy',
    // The page asks the server who is signed in, and the network is gone.
    expectedConsole: /ERR_INTERNET_DISCONNECTED|ERR_FAILED/,
    reach: async (lang) => {
      const context = await world.device('member', DESKTOP, { keep: false });
      const network = new DeviceNetwork(world.base);
      await network.attach(context);
      const first = await world.openIn(context, 'member', lang);
      await shellInstalled(first.page);
      await deviceCopyKept(first.page);
      await network.down();
      await writeComment(first, '2.3', `Utan nät (${lang})`);
      await deviceWritten(first.page);
      await first.page.close();
      const page = await context.newPage();
      world.watch(page, `member offline (${lang})`);
      await page.goto(`${world.base}/a/${AGREEMENT}?lang=${lang}`);
      // Remarks are built only for clauses near the screen: bring 2.3 there first.
      const clause = page.locator('article.clause[data-clause="2.3"]');
      await clause.scrollIntoViewIfNeeded({ timeout: 15_000 });
      await clause.locator('li.remark .unsaved').waitFor({ timeout: 15_000 });
      return page;
    },
  },
  {
    name: 'the device menu, open',
    reach: async (lang) => {
      const erik = await world.open('member', lang);
      await erik.page.getByTestId('device-menu').locator('summary').click();
      await erik.page.getByTestId('device-keep').waitFor();
      return erik.page;
    },
  },
  {
    name: 'the device copy off: storage full',
    reach: async (lang) => {
      const context = await world.device('member', DESKTOP, { keep: false });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      // The override lasts as long as this page's session with the browser: keep the page.
      await cdp.send('Storage.overrideQuotaForOrigin', { origin: world.base, quotaSize: 1 });
      world.watch(page, `member, storage full (${lang})`);
      await page.goto(`${world.base}/a/${AGREEMENT}?lang=${lang}`);
      await page.locator('[data-testid=device-notice]:not([hidden])').waitFor({ timeout: 15_000 });
      return page;
    },
  },
  {
    name: 'signing out with changes unsent: the warning',
    reach: async (lang) => {
      const line = new Line();
      const erik = await world.open('member', lang, { line });
      await line.down();
      await erik.page.locator('[data-testid=connection][data-state=offline]').waitFor({ timeout: 10_000 });
      await writeComment(erik, '2.4', `Osänd (${lang})`);
      await erik.page.getByTestId('sign-out').click();
      await erik.page.getByTestId('sign-out-warning').waitFor();
      return erik.page;
    },
  },
  {
    name: 'signed out on this device',
    reach: async (lang) => {
      const name = world.newcomer(lang);
      const link = await world.invite(name);
      const { page } = await world.asStranger(link, lang);
      const p = await world.signedIn(page);
      await p.page.getByTestId('sign-out').click();
      await p.page.getByTestId('signed-out').waitFor({ timeout: 10_000 });
      return p.page;
    },
  },
  {
    name: 'the versions page, with a version cut',
    reach: async (lang) => {
      await aVersion();
      return (await world.openPage('coordinator', lang, 'versions', VersionsPage)).page;
    },
  },
  {
    name: 'a version read as it stood',
    reach: async (lang) => {
      const id = await aVersion();
      const p = await world.openPage('member', lang, `versions/${id}`, VersionsPage);
      await p.page.locator('.version-banner').waitFor();
      return p.page;
    },
  },
  {
    name: 'a version compared with now, every clause shown',
    reach: async (lang) => {
      const id = await aVersion();
      const p = await world.openPage('member', lang, `compare?from=${id}&to=now`, ComparePage);
      await p.summary().waitFor();
      await p.page.locator('.compare-choice input[type=checkbox]').uncheck();
      await p.page.locator('li.compared-clause').nth(3).waitFor();
      return p.page;
    },
  },
  {
    name: "the remiss page: the coordinator's confirmation",
    phase: 'consultation',
    reach: async (lang) => {
      const p = await world.openPage('coordinator', lang, 'remiss', RemissPage);
      await p.page.locator('section.remiss-form button[type=submit]').click();
      await p.page.locator('.confirm-box').waitFor();
      return p.page;
    },
  },
  {
    name: 'the remiss page as a member: the deadline and the days left',
    phase: 'consultation',
    reach: async (lang) => {
      const p = await world.openPage('member', lang, 'remiss', RemissPage);
      await p.status().filter({ hasText: /\d/ }).waitFor();
      return p.page;
    },
  },
  {
    name: 'the print view with remarks',
    reach: async (lang) => {
      const p = await world.openPage('member', lang, 'print?version=now&remarks=1', PrintPage);
      await p.document().locator('.static-remarks').first().waitFor();
      return p.page;
    },
  },
  {
    name: 'the stance matrix with a cell open',
    phase: 'consultation',
    reach: async (lang) => {
      const p = await world.openPage('coordinator', lang, 'matrix', MatrixPage);
      await p.open(p.table().locator('td.matrix-cell').first());
      return p.page;
    },
  },
  {
    name: 'the process timeline on the agreement, open',
    phase: 'consultation',
    reach: async (lang) => {
      await aVersion();
      const p = await world.open('coordinator', lang);
      await p.page.locator('details.timeline > summary').click();
      await p.page.locator('svg.timeline-line').waitFor();
      return p.page;
    },
  },
  {
    name: 'the compilation page',
    phase: 'consultation',
    reach: async (lang) => {
      await aVersion();
      const p = await world.openPage('coordinator', lang, 'compilation', CompilationPage);
      await p.page.locator('.compilation-bar svg').waitFor();
      return p.page;
    },
  },
  {
    name: 'an invitation link’s sign-in page',
    reach: async (lang) => {
      const link = await world.invite(world.newcomer(lang));
      const { page, response } = await world.asStranger(link, lang);
      assert.equal(response.status(), 200);
      return page;
    },
  },
  {
    name: 'a used invitation link',
    expectedConsole: /status of 410/,
    reach: async (lang) => {
      const { page, response } = await world.asStranger(world.env.server.links.member.url, lang);
      assert.equal(response.status(), 410);
      return page;
    },
  },
  {
    name: 'the app, not signed in',
    expectedConsole: /status of 401/,
    reach: async (lang) => {
      const { page } = await world.asStranger(`${world.base}/a/${AGREEMENT}`, lang);
      await page.locator('main.notice [role=alert]', { hasText: NOT_SIGNED_IN[lang] }).waitFor();
      return page;
    },
  },
  {
    // Last: it accepts the seeded proposal, which the states above show still open.
    name: 'an accepted proposal, and the competing one written on earlier wording',
    reach: async (lang) => {
      const karin = await world.open('coordinator', lang);
      const proposal = karin.remark(SEEDS.proposal.clause, SEEDS.proposal.body);
      if ((await proposal.locator('[data-standing=accepted]').count()) === 0) {
        await proposal.locator('details.disposition-form > summary').click();
        await proposal.locator('details.disposition-form button.primary').click();
      }
      await proposal.locator('[data-standing=accepted]').waitFor({ timeout: 10_000 });
      await karin.clause(SEEDS.proposal.clause).locator('[data-standing=outdated]').waitFor();
      await proposal.scrollIntoViewIfNeeded();
      return karin.page;
    },
  },
];

for (const state of states) {
  test(state.name, async () => {
    for (const lang of LANGUAGES) {
      await world.phase(state.phase ?? 'drafting');
      const before = world.errors.length;
      const page = await world.reaching(`${state.name} (${lang})`, () => state.reach(lang));
      const htmlLang = await page.getAttribute('html', 'lang');
      assert.ok(htmlLang?.startsWith(lang), `${state.name} (${lang}): html lang ${htmlLang}`);
      await assertAccessible(page, `${state.name} (${lang})`);
      if (lang === 'nb') {
        const slug = state.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
        await page.screenshot({ path: `${world.screenshotDir}/nb-a11y-${slug}.png` });
      }
      await world.done(page);
      const unexpected = world.errors.splice(before).filter((e) => !state.expectedConsole?.test(e));
      assert.deepEqual(unexpected, [], `${state.name} (${lang}): page or console errors`);
    }
  });
}

// One demo agreement that a spec visits in many states and languages: the demo participants
// signed in once each (links work once; later pages reuse the session, as another tab would),
// a remark and two competing proposals to act on, and a coordinator's page kept open to move
// the phase, invite and withdraw access as a state needs. Every page opened here is watched
// for page errors and console errors.
import { AgreementPage } from './agreement-page.mjs';
import { screenshotDir } from './browser.mjs';
import { SignInPage } from './sign-in-page.mjs';
import { commentMentioning } from './inbox.mjs';

export const AGREEMENT = 'hsa-norrvik-2027';
export const DESKTOP = { width: 1280, height: 800 };
export const TABLET = { width: 820, height: 1180 };

/** The seeded writing states act on (remark bodies are the writer's words, in any language). */
export const SEEDS = {
  remark: { clause: '2.1', quote: 'dygnet runt', body: 'Gäller det även helger?' },
  proposal: {
    clause: '3.2',
    quote: 'Vid sanktioner mot brott mot avtal ska den politiska samrådsgruppen besluta.',
    body: 'Tydligare och mindre juridiskt.',
    wording: 'Upprepade allvarliga avvikelser eskaleras till den politiska samrådsgruppen.',
    competing: 'Vid upprepade avvikelser beslutar den politiska samrådsgruppen om åtgärder.',
  },
};

export class World {
  constructor(env) {
    this.env = env;
    this.sessions = {};
    /** Console and page errors, each with where it happened. */
    this.errors = [];
    /** Contexts that outlive one state (the coordinator's control page, a device's storage). */
    this.kept = new Set();
    /** Each role's desktop device, shared by the states that need nothing special. */
    this.devices = {};
    this.currentPhase = 'drafting';
    this.invited = 0;
  }

  get screenshotDir() {
    return screenshotDir;
  }

  get base() {
    return this.env.server.base;
  }

  /** Signs the demo participants in and writes what the states act on. */
  async setUp() {
    const erik = await this.signIn('member');
    const sara = await this.signIn('jurist');
    this.control = await this.signIn('coordinator');
    this.kept.add(this.control.page.context());
    const { remark, proposal } = SEEDS;
    await erik.remarkOnSelection(remark.clause, remark.quote, 'Kommentera', remark.body);
    await sara.remarkOnSelection(proposal.clause, proposal.quote, 'Föreslå ny lydelse', proposal.body, proposal.wording);
    await this.control.remarkOnSelection(proposal.clause, proposal.quote, 'Föreslå ny lydelse', 'Behåll beslutet i gruppen.', proposal.competing);
    for (const p of [erik, sara, this.control]) await p.connection().filter({ hasText: 'Sparat' }).waitFor({ timeout: 10_000 });
    await erik.page.context().close();
    await sara.page.context().close();
  }

  async signIn(role) {
    const context = await this.env.browser.newContext({ viewport: DESKTOP });
    const p = new AgreementPage(await context.newPage());
    this.watch(p.page, role);
    await p.signIn(this.env.server.links[role].url);
    this.sessions[role] = await context.storageState();
    return p;
  }

  watch(page, who) {
    page.on('pageerror', (e) => this.errors.push(`${who}: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && this.errors.push(`${who}: ${m.text()}`));
  }

  /** The agreement as `role` sees it in `lang`, in a new tab of their session: on the role's
   * one desktop device, or — given a `viewport` or a `line` (see `Line`) — on a device of its
   * own, so that a dead line or unsent writing never leaks into another state. */
  async open(role, lang, { viewport, line } = {}) {
    if (!viewport && !line) {
      this.devices[role] ??= await this.device(role, DESKTOP);
      return this.openIn(this.devices[role], role, lang);
    }
    const context = await this.device(role, viewport ?? DESKTOP, { keep: false });
    if (line) await line.attach(context);
    return this.openIn(context, role, lang);
  }

  /** A browser context (device) with `role`'s session; kept open across states unless not. */
  async device(role, viewport, { keep = true } = {}) {
    const context = await this.env.browser.newContext({ viewport, storageState: this.sessions[role] });
    if (keep) this.kept.add(context);
    return context;
  }

  /** The agreement in `lang` in a new tab of an existing context (the same device). */
  async openIn(context, who, lang) {
    const page = await context.newPage();
    this.watch(page, `${who} (${lang})`);
    await page.goto(`${this.base}/a/${AGREEMENT}?lang=${lang}`);
    const p = new AgreementPage(page);
    await p.online();
    // "Online" comes with the open socket; the agreement itself with the server's first answer.
    await page.locator('article.clause').first().waitFor();
    await p.partsReady();
    return p;
  }

  /** One of the agreement's pages (`path` under /a/{agreement}/, e.g. `versions` or
   * `compare?from=…`) as `role` sees it in `lang`, on the role's desktop device; `Page` is
   * its page object (see remiss-pages.mjs). */
  async openPage(role, lang, path, Page) {
    this.devices[role] ??= await this.device(role, DESKTOP);
    const page = await this.devices[role].newPage();
    this.watch(page, `${role} (${lang})`);
    const sep = path.includes('?') ? '&' : '?';
    await page.goto(`${this.base}/a/${AGREEMENT}/${path}${sep}lang=${lang}`);
    const p = new Page(page);
    await p.ready();
    return p;
  }

  /** Opens `url` in `lang` as someone with no session: an invitation link's page, a used
   * link's, or the app itself. The one place these pages are reached, so a change in how
   * signing in works changes only this. */
  async asStranger(url, lang) {
    const context = await this.env.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    this.watch(page, `stranger (${lang})`);
    const address = new URL(url);
    address.searchParams.set('lang', lang);
    const response = await new SignInPage(page).open(address.toString());
    return { page, response };
  }

  /** Signs in from an invitation link's page opened by `asStranger`; the live agreement. */
  async signedIn(page) {
    await new SignInPage(page).press();
    const p = new AgreementPage(page);
    await p.online();
    await p.partsReady();
    return p;
  }

  /** Sets the agreement's phase from the coordinator's page, if it is not there already. */
  async phase(phase) {
    if (this.currentPhase === phase) return;
    await this.control.page.locator('#phase-select').selectOption(phase);
    // The change waits for the coordinator's confirmation (what the phase means for whom).
    await this.control.page.locator('[data-action=confirm-phase]').click();
    await this.control.connection().filter({ hasText: 'Sparat' }).waitFor({ timeout: 10_000 });
    this.currentPhase = phase;
  }

  /** Invites a new participant from the coordinator's panel; returns their personal link. */
  async invite(name, role = 'member', organisation = 'Ekby kommun') {
    const panel = await this.participantsPanel();
    await panel.getByLabel('Namn').fill(name);
    await panel.getByLabel('Organisation').fill(organisation);
    await panel.getByLabel('Roll').selectOption(role);
    await panel.getByRole('button', { name: 'Bjud in' }).click();
    const field = panel.getByLabel(`Personlig länk till ${name}`);
    await field.waitFor({ timeout: 10_000 });
    const link = await field.inputValue();
    await panel.getByRole('button', { name: 'Stäng' }).click();
    return link;
  }

  /** Names `name` the respondent of `organisation` (who sends its answer), from the
   * coordinator's panel. */
  async respondent(organisation, name) {
    const panel = await this.participantsPanel();
    const line = panel.locator(`.respondents li[data-organisation="${organisation}"]`);
    await line.locator('select').selectOption({ label: name });
    await line.locator('.flag').waitFor({ state: 'detached', timeout: 10_000 });
    await panel.getByRole('button', { name: 'Stäng' }).click();
  }

  /** A new organisation taking part: a member of it invited, signed in in Swedish and named
   * its respondent. Returns their live agreement page. */
  async organisation(organisation) {
    const name = this.newcomer('sv');
    const link = await this.invite(name, 'member', organisation);
    const { page } = await this.asStranger(link, 'sv');
    const p = await this.signedIn(page);
    await this.respondent(organisation, name);
    return p;
  }

  /** Withdraws `name`'s access from the coordinator's panel. */
  async revoke(name) {
    const panel = await this.participantsPanel();
    const row = panel.locator('tr', { hasText: name });
    this.control.page.once('dialog', (d) => d.accept());
    await row.getByRole('button', { name: `Återkalla åtkomst för ${name}` }).click();
    await row.getByText('Åtkomsten återkallad').waitFor({ timeout: 10_000 });
    await panel.getByRole('button', { name: 'Stäng' }).click();
  }

  async participantsPanel() {
    await this.control.page.getByRole('button', { name: 'Deltagare' }).click();
    const panel = this.control.page.getByRole('region', { name: 'Deltagare och inbjudningar' });
    await panel.locator('.access-table').waitFor({ timeout: 10_000 });
    return panel;
  }

  /** Once: Erik @mentions Sara in a comment, so her inbox holds an unread notice. */
  async mentionOnce() {
    this.mentioned ??= (async () => {
      const erik = await this.open('member', 'sv');
      await commentMentioning(erik, '1.2', 'Sara Nyström', ' kan du se över detta?');
      await this.done(erik.page);
    })();
    return this.mentioned;
  }

  /** A fresh name for someone invited for one state. */
  newcomer(lang) {
    this.invited += 1;
    return `Testperson ${this.invited} ${lang}`;
  }

  /** Runs `reach`, which opens pages through this world; if it fails, every page still open
   * is saved as a screenshot named after `what`, to look at. */
  async reaching(what, reach) {
    try {
      return await reach();
    } catch (e) {
      const slug = what.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      const pages = this.env.browser.contexts().flatMap((c) => c.pages());
      await Promise.all(pages.map((p, i) => p.screenshot({ path: `${screenshotDir}/failed-${slug}-${i}.png` }).catch(() => {})));
      throw e;
    }
  }

  /** Closes what a state opened, keeping contexts that outlive it. */
  async done(page) {
    if (this.kept.has(page.context())) await page.close();
    else await page.context().close();
  }
}

/** A network line for a context's sync sockets that can be cut (the socket opens but nothing
 * reaches the server: a dead line) and restored. */
export class Line {
  constructor() {
    this.cut = false;
    this.sockets = [];
  }

  async attach(context) {
    await context.routeWebSocket(/\/sync\//, (ws) => {
      this.sockets.push(ws);
      if (!this.cut) ws.connectToServer();
    });
  }

  async down() {
    this.cut = true;
    await this.dropAll('network lost');
  }

  async up() {
    this.cut = false;
    await this.dropAll('network back');
  }

  async dropAll(reason) {
    for (const ws of this.sockets.splice(0)) await ws.close({ code: 1001, reason });
  }
}

/** A comment on a whole clause, through language-independent handles. */
export async function writeComment(p, number, text) {
  const clause = p.clause(number);
  await clause.locator('.remark-on-clause').click();
  const composer = clause.locator('form.composer');
  await composer.locator('textarea').first().fill(text);
  await composer.locator('button[type=submit]').click();
  await p.remark(number, text).waitFor();
}

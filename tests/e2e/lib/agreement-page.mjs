// Page object for the agreement view: what a participant sees and does, in their words.
// Labels are the Swedish UI strings (the default language).
import { screenshotDir } from './browser.mjs';
import { SignInPage } from './sign-in-page.mjs';
import path from 'node:path';

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class AgreementPage {
  constructor(page) {
    this.page = page;
  }

  /** Signs in through a personal invitation link — opens it, presses its button — and waits
   * for the live agreement. */
  async signIn(link) {
    const signIn = new SignInPage(this.page);
    await signIn.open(link);
    await signIn.press();
    await this.online();
    // On the agreement itself (not a page asked for before signing in), what is done next is
    // mostly writing: the interactive parts are there before the test goes on.
    if (/^\/a\/[^/]+\/?$/.test(new URL(this.page.url()).pathname)) await this.partsReady();
  }

  async online() {
    await this.page.locator('[data-testid=connection][data-state=online]').waitFor({ timeout: 30_000 });
  }

  connection() {
    return this.page.getByTestId('connection');
  }

  /** Runs `action` (which writes) from a saved state and waits until the connection badge has
   * left "Sparat" and come back to it: the server confirmed storing this writing, not merely
   * something earlier. Every text the badge shows is recorded in the page, so a "Sparar …"
   * too brief to be polled is still seen. */
  async savedAfter(action) {
    await this.connection().filter({ hasText: 'Sparat' }).waitFor({ timeout: 10_000 });
    await this.page.evaluate(() => {
      const text = () => document.querySelector('[data-testid=connection]')?.textContent;
      window.__badgeTrail = [text()];
      new MutationObserver(() => {
        const now = text();
        if (now !== window.__badgeTrail.at(-1)) window.__badgeTrail.push(now);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await action();
    await this.page.waitForFunction(
      () => {
        const trail = window.__badgeTrail;
        return trail.length >= 3 && trail.slice(1, -1).some((t) => t !== 'Sparat') && trail.at(-1) === 'Sparat';
      },
      null,
      { timeout: 10_000 },
    );
    return this.page.evaluate(() => window.__badgeTrail);
  }

  /** Waits until the page's interactive parts (the composer and the other forms, a file of
   * their own fetched right after the first screen) are there: the header's sign-out button
   * is one of them. */
  async partsReady() {
    await this.page.getByTestId('sign-out').waitFor({ timeout: 20_000 });
  }

  clause(number) {
    return this.page.locator(`article.clause[data-clause="${number}"]`);
  }

  /** Writing the server refused, handed back in the unsaved panel. */
  unsavedItems() {
    return this.page.getByTestId('unsaved-item');
  }

  remark(number, text) {
    return this.clause(number).locator('li.remark', { hasText: text });
  }

  /** A comment on the whole clause, through its "remark on this clause" button. */
  async addRemark(number, text) {
    const clause = this.clause(number);
    await clause.getByRole('button', { name: `Synpunkt på punkt ${number}` }).click();
    const composer = clause.locator('form.composer');
    await composer.getByLabel('Synpunkt', { exact: true }).fill(text);
    await composer.getByRole('button', { name: 'Skicka synpunkt' }).click();
  }

  /** Selects `needle` in a clause's text with the mouse, as a reader would. */
  async select(number, needle) {
    const text = this.clause(number).locator('.clause-text');
    await text.evaluate((el, needle) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let offset = 0;
      const full = el.textContent;
      const start = full.indexOf(needle);
      const end = start + needle.length;
      const range = document.createRange();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const len = node.textContent.length;
        if (start >= offset && start <= offset + len) range.setStart(node, start - offset);
        if (end >= offset && end <= offset + len) { range.setEnd(node, end - offset); break; }
        offset += len;
      }
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    }, needle);
    await this.clause(number).getByRole('toolbar').waitFor();
  }

  /** Selects text, chooses the kind in the toolbar and posts the remark. */
  async remarkOnSelection(number, needle, action, body, wording) {
    await this.select(number, needle);
    const clause = this.clause(number);
    await clause.getByRole('toolbar').getByRole('button', { name: action }).click();
    const composer = clause.locator('form.composer');
    if (wording !== undefined) {
      await composer.getByLabel('Föreslagen formulering').fill(wording);
      await composer.getByLabel('Motivering', { exact: true }).fill(body);
    } else {
      await composer.getByLabel('Synpunkt', { exact: true }).fill(body);
    }
    await composer.getByRole('button', { name: 'Skicka synpunkt' }).click();
  }

  async reply(number, remarkText, text) {
    const remark = this.remark(number, remarkText);
    await remark.getByRole('button', { name: 'Svara' }).click();
    await remark.getByLabel(/Svar till/).fill(text);
    await remark.locator('form').getByRole('button', { name: 'Svara' }).click();
  }

  async screenshot(name, fullPage = false) {
    await this.page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage });
  }
}

export { esc };

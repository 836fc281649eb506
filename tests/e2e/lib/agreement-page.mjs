// Page object for the agreement view: what a participant sees and does, in their words.
import { screenshotDir } from './browser.mjs';
import path from 'node:path';

export class AgreementPage {
  constructor(page) {
    this.page = page;
  }

  /** Signs in through a personal invitation link and waits for the live agreement. */
  async signIn(link) {
    await this.page.goto(link);
    await this.page.waitForURL(/\/a\//);
    await this.page.locator('[data-testid=connection][data-state=online]').waitFor({ timeout: 30_000 });
  }

  connection() {
    return this.page.getByTestId('connection');
  }

  clause(number) {
    return this.page.locator(`article.clause[data-clause="${number}"]`);
  }

  remark(number, text) {
    return this.clause(number).locator('li.remark', { hasText: text });
  }

  async addRemark(number, text) {
    const clause = this.clause(number);
    await clause.getByLabel(new RegExp(`Ny synpunkt på punkt ${number.replace('.', '\\.')}`)).fill(text);
    await clause.getByRole('button', { name: 'Lägg till synpunkt' }).click();
  }

  async reply(number, remarkText, text) {
    const remark = this.remark(number, remarkText);
    await remark.getByRole('button', { name: 'Svara' }).click();
    await remark.getByLabel(/Svar till/).fill(text);
    await remark.locator('form').getByRole('button', { name: 'Svara' }).click();
  }

  async screenshot(name) {
    await this.page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: false });
  }
}

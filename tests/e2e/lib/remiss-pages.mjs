// Page objects for the agreement's pages beside the agreement view: versions, a version read,
// compare, remiss and print. Handles are ids and classes (language-independent); where a
// label is used it is the Swedish one (the default language).
import { AgreementPage } from './agreement-page.mjs';

/** What every page under /a/{agreement}/… shares: the header with the connection badge. */
class SubPage extends AgreementPage {
  async ready() {
    await this.online();
    await this.page.locator('h1.page-title').waitFor();
  }

  nav(name) {
    return this.page.locator('nav.page-nav').getByRole('link', { name });
  }
}

export class VersionsPage extends SubPage {
  /** Cuts a named version with `note` and waits until the list shows it. */
  async cut(name, note = '') {
    await this.page.locator('#version-name').fill(name);
    await this.page.locator('#version-note').fill(note);
    await this.page.locator('section.cut-version button[type=submit]').click();
    await this.item(name).waitFor();
  }

  /** The version named exactly `name` ("Remissversion", not "Remissversion 2 december 2026"). */
  item(name) {
    const exact = new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
    return this.page.locator('li.version-item', { has: this.page.locator('h3.version-name', { hasText: exact }) });
  }

  /** The item's links in order: read, compare, Word. */
  readLink(name) {
    return this.item(name).locator('.version-actions a').nth(0);
  }

  compareLink(name) {
    return this.item(name).locator('.version-actions a').nth(1);
  }

  docxLink(name) {
    return this.item(name).locator('.version-actions a').nth(2);
  }
}

export class ComparePage extends SubPage {
  summary() {
    return this.page.locator('.compare-summary');
  }

  clause(number) {
    return this.page.locator('li.compared-clause', { has: this.page.locator('.clause-number', { hasText: number }) });
  }

  async choose(side, value) {
    await this.page.locator(`#compare-${side}`).selectOption(value);
  }
}

export class RemissPage extends SubPage {
  /** Sends the agreement on remiss with `date` (YYYY-MM-DD) as the last day, confirming. */
  async send(date) {
    await this.ask(date);
    await this.confirm();
  }

  /** Asks to send (or move the deadline) to `date`; gives the confirmation that opens. */
  async ask(date) {
    await this.page.locator('#remiss-deadline').fill(date);
    await this.page.locator('section.remiss-form button[type=submit]').click();
    const box = this.page.locator('.confirm-box');
    await box.waitFor();
    return box;
  }

  async confirm() {
    await this.page.locator('.confirm-box button.primary').click();
    await this.page.locator('section.remiss-form .ok').waitFor();
  }

  async extend(organisation, date, reason) {
    await this.page.locator('#extension-organisation').selectOption(organisation);
    await this.page.locator('#extension-date').fill(date);
    await this.page.locator('#extension-reason').fill(reason);
    await this.page.locator('form.extension-form button[type=submit]').click();
    await this.page.locator('form.extension-form .ok').waitFor();
  }

  ownDeadline() {
    return this.page.getByTestId('own-deadline');
  }

  /** The status line: the phase, the agreement's deadline and the days left. */
  status() {
    return this.page.locator('p.remiss-status');
  }

  /** Records that `body` approved the chapters from `first` to `last` (option values: ids). */
  async approve(firstLabel, lastLabel, body, date) {
    const form = this.page.locator('form.approval-form');
    await form.locator('#approval-first').selectOption({ label: firstLabel });
    await form.locator('#approval-last').selectOption({ label: lastLabel });
    await form.locator('#approval-body').fill(body);
    await form.locator('#approval-date').fill(date);
    await form.locator('button[type=submit]').click();
    await form.locator('.ok').waitFor();
  }

  approvalRow(chapterLabel) {
    return this.page.locator('li.approval-row', { hasText: chapterLabel });
  }

  async reopen(chapterLabel, reason) {
    const row = this.approvalRow(chapterLabel);
    await row.locator('.reopen input').fill(reason);
    await row.locator('.reopen button').click();
    await row.locator('.approval-badge.reopened').waitFor();
  }
}

export class PrintPage extends SubPage {
  document() {
    return this.page.locator('article.print-document');
  }
}

/** Presses Tab until `locator` has the focus (at most `max` times): a keyboard-only path. */
export async function tabTo(page, locator, max = 80) {
  for (let i = 0; i < max; i += 1) {
    if (await locator.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${locator}`);
}

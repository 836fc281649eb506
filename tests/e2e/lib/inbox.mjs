// Page object for the inbox: the bell in the header and the panel it opens. Handles are
// language-independent (classes, ids, data attributes), so one walk serves every language.

export class Inbox {
  constructor(agreementPage) {
    this.p = agreementPage;
    this.page = agreementPage.page;
  }

  bell() {
    return this.page.locator('button.inbox-toggle');
  }

  panel() {
    return this.page.locator('#inbox-panel');
  }

  items() {
    return this.panel().locator('li.inbox-item');
  }

  /** Waits until the bell counts `n` unread notices. */
  async unread(n, timeout = 10_000) {
    await this.page.locator(`button.inbox-toggle[data-unread="${n}"]`).waitFor({ timeout });
  }

  async open() {
    if ((await this.bell().getAttribute('aria-expanded')) !== 'true') await this.bell().click();
    await this.panel().waitFor();
    await this.panel().locator('.inbox-list, .inbox-empty').first().waitFor();
  }

  /** Follows the notice of `kind` (mention, reply, …) whose words hold `text`. */
  async follow(kind, text) {
    await this.items().filter({ hasText: text }).and(this.panel().locator(`li[data-kind=${kind}]`)).first().locator('a').click();
  }
}

/** A comment on a whole clause that @mentions `who` (picked from the suggestions as a writer
 * would, so the remark names them). `prefix` is typed before the @, `text` after the name. */
export async function commentMentioning(p, number, who, text) {
  const clause = p.clause(number);
  await clause.locator('.remark-on-clause').click();
  const field = clause.locator('form.composer textarea').first();
  await field.pressSequentially(`@${who.slice(0, 3)}`);
  await p.page.locator('.mention-list [role=option]', { hasText: who }).first().waitFor({ timeout: 10_000 });
  await field.press('Enter');
  await field.pressSequentially(text);
  await clause.locator('form.composer button[type=submit]').click();
  await p.remark(number, text).waitFor({ timeout: 10_000 });
}

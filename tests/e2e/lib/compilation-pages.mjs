// Page objects for the stance matrix and the compilation. Handles are classes, ids and data
// attributes (language-independent).
import { AgreementPage } from './agreement-page.mjs';

class SubPage extends AgreementPage {
  async ready() {
    await this.online();
    await this.page.locator('h1.page-title').waitFor();
  }
}

/** Fills the decision fields inside `scope` (the answer bar or the record form): the body
 * that decided, the date and the item. */
export async function fillDecision(scope, { body, date, item }) {
  const fields = scope.locator('details.decision-fields');
  if ((await fields.getAttribute('open')) === null) await fields.locator(':scope > summary').click();
  await fields.locator('#decision-body').fill(body);
  await fields.locator('#decision-date').fill(date);
  await fields.locator('#decision-item').fill(item);
}

export class MatrixPage extends SubPage {
  async ready() {
    await super.ready();
    await this.table().waitFor();
  }

  table() {
    return this.page.locator('table.matrix');
  }

  /** The row of `organisation`. */
  row(organisation) {
    return this.table().locator('tbody tr', { has: this.page.locator('th.matrix-org', { hasText: organisation }) });
  }

  /** The cell of `organisation` on the clause numbered `number`. */
  async cell(organisation, number) {
    const headers = await this.table().locator('thead tr.matrix-clauses th').allInnerTexts();
    const column = headers.findIndex((h) => h.trim() === number);
    return this.row(organisation).locator('td.matrix-cell').nth(column);
  }

  /** Opens a cell and waits for its details. */
  async open(cell) {
    await cell.click();
    await this.detail().waitFor();
  }

  detail() {
    return this.page.locator('section.matrix-detail');
  }

  /** Records `organisation`'s answer that came another way: `stances` as
   * `[{ number, stance, motivation }]`, with its decision. */
  async recordAnswer(organisation, stances, decision) {
    const form = this.page.locator('details.record-answer');
    await form.locator(':scope > summary').click();
    await form.locator('#record-organisation').selectOption(organisation);
    for (const { number, stance, motivation } of stances) {
      const clause = form.locator('#record-clause option', { hasText: new RegExp(`^${number.replace('.', '\\.')} `) });
      await form.locator('#record-clause').selectOption(await clause.getAttribute('value'));
      await form.locator('#record-stance').selectOption(stance);
      await form.locator('#record-motivation').fill(motivation);
      await form.locator('fieldset button').first().click();
      // The stance added is listed by the clause's number, as it was chosen.
      await form.locator('li').filter({ hasText: new RegExp(`^${number.replace('.', '\\.')}: `) }).waitFor({ timeout: 5_000 });
    }
    await fillDecision(form, decision);
    await form.locator('button.primary').click();
    await form.locator('[role=status]').filter({ hasText: organisation }).waitFor({ timeout: 10_000 });
  }

  /** The stance filter (its value is a stance's key, or empty for all). */
  stanceFilter() {
    return this.page.locator('.matrix-filters select').nth(1);
  }

  async filterStance(value) {
    await this.stanceFilter().selectOption(value);
  }
}

export class CompilationPage extends SubPage {
  async ready() {
    await super.ready();
    await this.page.locator('section.compilation-summary, .compilation-page [role=status]').first().waitFor();
  }

  clause(id) {
    return this.page.locator(`article.compilation-clause[data-clause="${id}"]`);
  }

  /** The list of chapters leading to each. */
  contents() {
    return this.page.locator('nav.compilation-contents');
  }

  response(id) {
    return this.page.locator(`#response-${id}`);
  }

  readResponse(id) {
    return this.clause(id).locator('.compilation-response');
  }

  docx() {
    return this.page.locator('.compilation-downloads a').nth(0);
  }

  csv() {
    return this.page.locator('.compilation-downloads a').nth(1);
  }
}

// A coordinator invites a new participant from the app, hands over the personal link, sees them
// sign in, and withdraws their access. The panel passes axe in every language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, serverAndBrowser } from '../lib/suite.mjs';
import { AgreementPage } from '../lib/agreement-page.mjs';

const env = serverAndBrowser();
const errors = [];

async function newPage() {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  return new AgreementPage(page);
}

const axe = (p, what) => assertAccessible(p.page, what);

test('a coordinator invites, the new participant signs in, access is withdrawn', async () => {
  const karin = await newPage();
  await karin.signIn(env.server.links.coordinator.url);
  const page = karin.page;

  // Members do not get the panel.
  const erik = await newPage();
  await erik.signIn(env.server.links.member.url);
  assert.equal(await erik.page.getByRole('button', { name: 'Deltagare' }).count(), 0);

  const toggle = page.getByRole('button', { name: 'Deltagare' });
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const panel = page.getByRole('region', { name: 'Deltagare och inbjudningar' });
  await panel.locator('tr', { hasText: 'Erik Johansson' }).getByText('Inloggad').waitFor({ timeout: 10_000 });
  assert.ok(await page.evaluate(() => document.activeElement?.id === 'participants-title'), 'focus moves to the panel');

  await panel.getByLabel('Namn').fill('Ingrid Berg');
  await panel.getByLabel('Organisation').fill('Ekby kommun');
  await panel.getByLabel('Roll').selectOption('jurist');
  await panel.getByRole('button', { name: 'Bjud in' }).click();
  const linkField = panel.getByLabel('Personlig länk till Ingrid Berg');
  await linkField.waitFor({ timeout: 10_000 });
  const link = await linkField.inputValue();
  assert.match(link, new RegExp(`^${env.server.base}/join/`));
  await panel.locator('tr', { hasText: 'Ingrid Berg' }).getByText(/Inbjuden – länken gäller till/).waitFor();
  await axe(karin, 'the participants panel with a new link (sv)');
  await karin.screenshot('sv-11-participants');

  // The link signs Ingrid in, as a lawyer of Ekby kommun, and it works once.
  const ingrid = await newPage();
  await ingrid.signIn(link);
  await ingrid.page.getByText('Inloggad som Ingrid Berg, Ekby kommun').waitFor();
  await page.locator('[data-testid=presence] li[data-name="Ingrid Berg"]').waitFor({ timeout: 10_000 });
  // The document now names her: her colleagues can @mention her.
  await erik.clause('1.1').getByRole('button', { name: 'Synpunkt på punkt 1.1' }).click();
  const body = erik.clause('1.1').locator('form.composer').getByLabel('Synpunkt', { exact: true });
  await body.pressSequentially('Fråga @Ingr');
  await erik.page.getByRole('option', { name: /Ingrid Berg/ }).waitFor({ timeout: 10_000 });
  await body.press('Escape');
  const again = await newPage();
  await again.page.goto(link);
  await again.page.getByText(/redan använts/).waitFor();

  // Reopened, the panel shows her signed in.
  await page.getByRole('button', { name: 'Stäng' }).click();
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('participants-toggle')), 'focus returns');
  // Escape in one of its fields closes it too, and focus returns the same way.
  await toggle.click();
  await panel.getByLabel('Namn').focus();
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('participants-toggle')), 'focus returns after Escape');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  const row = panel.locator('tr', { hasText: 'Ingrid Berg' });
  await row.getByText('Inloggad').waitFor({ timeout: 10_000 });

  // Withdrawing access ends her session: a reload no longer signs her in.
  page.once('dialog', (d) => d.accept());
  await row.getByRole('button', { name: 'Återkalla åtkomst för Ingrid Berg' }).click();
  await row.getByText('Åtkomsten återkallad').waitFor({ timeout: 10_000 });
  // Her open page is told at once (not at the next periodic check), and stops reconnecting.
  await ingrid.connection().filter({ hasText: 'Utloggad – öppna din personliga länk igen' }).waitFor({ timeout: 5_000 });
  assert.equal(await ingrid.connection().getAttribute('data-state'), 'signed-out');
  await ingrid.page.reload();
  await ingrid.page.getByText(/Du är inte inloggad/).waitFor({ timeout: 10_000 });
  // What she can no longer do, the coordinator still can: a fresh link for her.
  await row.getByRole('button', { name: 'Ny länk till Ingrid Berg' }).click();
  await panel.getByLabel('Personlig länk till Ingrid Berg').waitFor();

  for (const lang of ['nb', 'nn', 'en']) {
    const p = await newPage();
    await p.page.context().addCookies(await page.context().cookies());
    await p.page.goto(`${env.server.base}/a/hsa-norrvik-2027?lang=${lang}`);
    await p.online();
    const name = { nb: 'Deltakere', nn: 'Deltakarar', en: 'Participants' }[lang];
    await p.page.getByRole('button', { name, exact: true }).click();
    await p.page.locator('.access-table tbody tr').nth(4).waitFor({ timeout: 10_000 });
    await axe(p, `the participants panel (${lang})`);
    if (lang === 'nb') await p.screenshot('nb-11-participants');
    await p.page.context().close();
  }
  assert.deepEqual(errors, []);
});

// A personal invitation link opens a page that says whom it is for; only its button signs in,
// so a mail scanner opening the link first uses nothing up. The page speaks the reader's
// language (the browser's, or the link's ?lang=) and passes axe in all four; a used link says
// so and leads its owner back in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, serverAndBrowser } from '../lib/suite.mjs';
import { AgreementPage } from '../lib/agreement-page.mjs';
import { SignInPage } from '../lib/sign-in-page.mjs';

const env = serverAndBrowser();
const viewport = { width: 1280, height: 800 };
/** The agreement's address and the browser state of the last test's sign-in. */
let signedIn;

test('opening a link changes nothing; its button signs in', async () => {
  const link = env.server.links.member.url;
  // A mail scanner fetches the link before the person does.
  const scanner = await env.browser.newContext();
  const scanned = await (await scanner.newPage()).goto(link);
  assert.equal(scanned.status(), 200);
  await scanner.close();

  const context = await env.browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const signIn = new SignInPage(page);
  const response = await signIn.open(link);
  assert.equal(response.status(), 200);
  assert.equal(await signIn.button().innerText(), 'Logga in som Erik Johansson, Strandviks kommun');
  assert.equal(await page.locator('html').getAttribute('lang'), 'sv-SE');
  await assertAccessible(page, 'the sign-in page (sv)');
  await signIn.screenshot('sv-00-sign-in');
  for (const [lang, button] of [
    ['nb', 'Logg inn som Erik Johansson, Strandviks kommun'],
    ['nn', 'Logg inn som Erik Johansson, Strandviks kommun'],
    ['en', 'Sign in as Erik Johansson, Strandviks kommun'],
  ]) {
    // The language switch on the page, as a reader would use it.
    await page.getByRole('navigation').getByRole('link', { name: { nb: 'Norsk bokmål', nn: 'Norsk nynorsk', en: 'English' }[lang] }).click();
    await page.waitForURL(new RegExp(`\\?lang=${lang}$`));
    assert.equal(await signIn.button().innerText(), button);
    await assertAccessible(page, `the sign-in page (${lang})`);
  }
  await signIn.screenshot('en-00-sign-in');

  // The English page's button carries the choice on: the app opens in English.
  await signIn.press();
  assert.match(page.url(), /\/a\/hsa-norrvik-2027\?lang=en$/);
  const agreement = new AgreementPage(page);
  await agreement.online();
  await page.getByText('Signed in as Erik Johansson, Strandviks kommun').waitFor();

  // Opened again, the link says it is used — and leads whoever it signed in back in.
  const again = await signIn.open(link);
  assert.equal(again.status(), 410);
  assert.equal(await signIn.heading().innerText(), 'Inbjudan har redan använts');
  await page.getByRole('link', { name: 'Du är redan inloggad – öppna avtalet' }).click();
  await agreement.online();
  assert.deepEqual(errors.filter((e) => !e.includes('410')), [], 'no console errors');
  await context.close();
});

test('a used link is clear and accessible in every language', async () => {
  const link = env.server.links.coordinator.url;
  const owner = await env.browser.newContext({ viewport });
  await new AgreementPage(await owner.newPage()).signIn(link);
  await owner.close();

  const context = await env.browser.newContext({ viewport });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  for (const [lang, heading] of [
    ['sv', 'Inbjudan har redan använts'],
    ['nb', 'Invitasjonen er allerede brukt'],
    ['nn', 'Invitasjonen er allereie brukt'],
    ['en', 'This invitation has already been used'],
  ]) {
    const response = await signIn.open(`${link}?lang=${lang}`);
    assert.equal(response.status(), 410);
    assert.equal(await signIn.heading().innerText(), heading);
    assert.equal(await signIn.button().count(), 0, 'no button on a used link');
    await assertAccessible(page, `the used-link page (${lang})`);
  }
  await signIn.screenshot('en-00-used-link');
  await context.close();
});

test("the browser's language picks the page's; the link's ?lang= wins", async () => {
  const link = env.server.links.jurist.url;
  const context = await env.browser.newContext({ viewport, locale: 'en-GB' });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.open(link);
  assert.equal(
    await signIn.button().innerText(),
    'Sign in as Sara Nyström, Kommunalförbundet Sjöbygden',
  );
  await signIn.open(`${link}?lang=nn`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'nn-NO');
  await signIn.press();
  assert.match(page.url(), /\?lang=nn$/);
  await new AgreementPage(page).online();
  signedIn = { url: page.url(), state: await context.storageState() };
  await context.close();
});

// Answering the session request, the server starts loading the agreement's room, which the
// app's socket then waits for: index.html asks while the app's code is still arriving, and
// the app takes that answer instead of asking again.
test('the session is asked for once, before the app has even arrived', async () => {
  assert.ok(signedIn, 'signed in by the test before');
  const context = await env.browser.newContext({ viewport, storageState: signedIn.state });
  const page = await context.newPage();
  const asked = [];
  page.on('request', (r) => new URL(r.url()).pathname === '/api/session' && asked.push(r.url()));
  await page.goto(signedIn.url);
  await new AgreementPage(page).online();
  assert.equal(asked.length, 1, 'the session is asked for once');
  const [session, wasm] = await page.evaluate(() =>
    ['/api/session', '_bg.wasm'].map((end) => {
      const e = performance.getEntriesByType('resource').find((r) => new URL(r.name).pathname.endsWith(end));
      return e && { start: e.startTime, end: e.responseEnd };
    }),
  );
  assert.ok(
    session.start < wasm.end,
    `asked at ${Math.round(session.start)} ms, the app's code arrived at ${Math.round(wasm.end)} ms`,
  );
  await context.close();
});

// A Norwegian reader signed in once comes back in their own language: the browser's language
// when the address names none, then the one last chosen in the picker on this device; the
// address's `?lang=` still wins for its own visit.
test("the app starts in the browser's language, then in the one last chosen", async () => {
  assert.ok(signedIn, 'signed in by the test before');
  const context = await env.browser.newContext({ viewport, locale: 'nb-NO', storageState: signedIn.state });
  const page = await context.newPage();
  const plain = signedIn.url.replace(/\?.*$/, '');
  const app = new AgreementPage(page);
  const lang = () => page.locator('html').getAttribute('lang');
  await page.goto(plain);
  await app.online();
  await page.waitForFunction(() => document.documentElement.lang === 'nb-NO', null, { timeout: 10_000 });
  await page.locator('select.language').selectOption('nn');
  await page.waitForFunction(() => document.documentElement.lang === 'nn-NO', null, { timeout: 10_000 });
  // Nynorsk's dates: Chromium has no nynorsk formats, and bokmål's stand in, not American.
  const when = (await page.locator('.remark-card time').first().textContent()).trim();
  assert.match(when, /^\d{1,2}\. \S+ \d{4}/, `a nynorsk date, day first: ${when}`);
  await page.reload();
  await app.online();
  await page.waitForFunction(() => document.documentElement.lang === 'nn-NO', null, { timeout: 10_000 });
  await page.goto(`${plain}?lang=en`);
  await app.online();
  await page.waitForFunction(() => document.documentElement.lang === 'en-GB', null, { timeout: 10_000 });
  await page.goto(plain);
  await app.online();
  await page.waitForFunction(() => document.documentElement.lang === 'nn-NO', null, { timeout: 10_000 });
  assert.equal(await lang(), 'nn-NO', 'the choice in the picker outlasts a visit by a link in another language');
  // An address naming a language (as the sign-in redirect's does) takes the one chosen, so a
  // reload keeps it.
  await page.goto(`${plain}?lang=nb`);
  await app.online();
  await page.waitForFunction(() => document.documentElement.lang === 'nb-NO', null, { timeout: 10_000 });
  await page.locator('select.language').selectOption('nn');
  await page.waitForFunction(() => document.documentElement.lang === 'nn-NO', null, { timeout: 10_000 });
  assert.match(page.url(), /\?lang=nn$/);
  await page.reload();
  await app.online();
  await page.waitForFunction(() => document.documentElement.lang === 'nn-NO', null, { timeout: 10_000 });
  await context.close();
});

// Page object for the page a personal invitation link opens: whom the link is for, and the
// button that signs them in. Opening the link changes nothing; pressing the button does.
import { screenshotDir } from './browser.mjs';
import path from 'node:path';

/** The button's name in each language, before the person's name and organisation. */
const SIGN_IN_AS = /^(Logga in som|Logg inn som|Sign in as) /;

export class SignInPage {
  constructor(page) {
    this.page = page;
  }

  /** Opens a link as a person would (from their mail); returns the HTTP response. */
  async open(link) {
    return this.page.goto(link);
  }

  /** The sign-in button ("Logga in som Erik Johansson, Strandviks kommun"). */
  button() {
    return this.page.getByRole('button', { name: SIGN_IN_AS });
  }

  /** Presses the button and waits for the agreement's address. */
  async press() {
    await this.button().click();
    await this.page.waitForURL(/\/a\//);
  }

  /** The page's heading: the greeting, or why the link signs nobody in. */
  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  async screenshot(name) {
    await this.page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
  }
}

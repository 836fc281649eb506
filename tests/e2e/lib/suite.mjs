// What every spec shares: its own server (fresh store) and browser, started before its tests
// and stopped after them, so specs never share state; and the accessibility check.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { startServer } from './server.mjs';
import { launch } from './browser.mjs';

/** Registers the spec's server and browser; `env.server` and `env.browser` are set before
 * the first test runs, and then `setUp(env)` runs (top-level `before` hooks are not ordered
 * one after another, so a spec's own set-up that needs them goes here). */
export function serverAndBrowser(setUp = async () => {}) {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.browser = await launch();
    await setUp(env);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

/** axe-core over the page as it stands (WCAG 2.1 A and AA); fails naming each violation. */
export async function assertAccessible(page, what) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const found = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`,
  );
  assert.deepEqual(found, [], `axe violations on ${what}`);
}

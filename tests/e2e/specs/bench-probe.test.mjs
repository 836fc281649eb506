// The benchmark's keystroke probe (bench/bench-page.mjs) counts a press's work: what its own
// task and the frame that shows it take on the main thread, and not the idle wait for the next
// frame that Chromium puts between them. A page whose input handler and next animation frame
// each spend a known time shows at least their sum as work, and never more than the whole.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../lib/browser.mjs';
import { probedPage, typeInto } from '../bench/bench-page.mjs';

const browser = await launch();
after(() => browser.close());

const BUSY = `<label for=t>Synpunkt</label><textarea id=t></textarea><script>
  const spend = (ms) => { const end = performance.now() + ms; while (performance.now() < end); };
  t.addEventListener('input', () => { spend(20); requestAnimationFrame(() => spend(15)); });
</script>`;

test('a press counts its handler and its frame as work, not the wait between them', async () => {
  const context = await browser.newContext();
  const page = await probedPage(context, BUSY);
  const keys = await typeInto(page, page.getByLabel('Synpunkt'), 'synpunkt');
  assert.equal(keys.length, 8);
  for (const { ms, work } of keys) {
    assert.ok(work >= 35, `work ${work} ms: the handler's 20 ms and the frame's 15 ms are both counted`);
    assert.ok(work <= ms + 0.01, `work ${work} ms is within the press's ${ms} ms`);
  }
  // Between the end of a press's task and the start of its frame the thread waits (at least
  // for the frame to be begun); that time is left out.
  const waited = keys.reduce((sum, k) => sum + (k.ms - k.work), 0);
  assert.ok(waited > 0, `the wait before the frames is left out of the work (${waited} ms)`);
  await context.close();
});

// Where a keystroke's time goes: types into the composer of the first clause at the real-size
// fixture (as bench/run.mjs does) with Chromium's trace on, and splits each key's window (the
// benchmark's own: keydown → a message posted behind the press's task, which forces layout,
// marked in the trace with `performance.measure('key')`) into the main thread's input task,
// the frame that shows it (with its layout, compositing inputs, pre-paint, paint, layerize,
// commit and intersection observers), other tasks, garbage collection, and the idle wait for
// the frame to begin, with the main thread's own CPU time in the window (`cpu`: what the key
// cost, however busy the machine); prints p50 / p90 / p99 / max of each and the slowest keys.
//
//   node bench/typing-trace.mjs --fixture DIR --server BIN --app DIST [--keys N]
//     [--flags CHROMIUM-SWITCH,…] [--variants '{"name": "css", …}' --rounds N] [--trace FILE-PREFIX]
//
// `--variants` types under each stylesheet addition in turn (`--rounds` times), to compare a
// change to the clause cards' CSS in one page under the same load; each round also types on a
// bare textarea in another tab of the same browser (`--floor no` leaves it out). The fixture tool is taken
// from beside BIN (target/release/samrad-fixture).
//
// Each report counts the keys pressed just after a frame that Chromium forced for an
// intersection observer with a delay: its navigation predictor samples one link in a hundred
// as they are laid out and watches the sampled ones with a 100 ms observer, which re-runs on a
// timer after every layout change (every keystroke) and starts a frame with nothing to draw;
// a key pressed just after it waits for the next frame. Whether any link is sampled is chance,
// per page load, so the figure with frames unthrottled varies from load to load at every size.
// `--flags --enable-features=NavigationPredictor:random_anchor_sampling_period/1` samples
// every link (always the case), `--flags --disable-features=NavigationPredictor` none.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { BenchPage, probedPage } from './bench-page.mjs';
import { tracedTyping } from './trace.mjs';
import { freshProfiles, options, serveCopy } from './launch.mjs';

const opts = options();
const TEXT = "Kommunen vill att ansvaret förtydligas i hela avtalet. ".repeat(6).slice(0, Number(opts.keys ?? 108));
const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? NaN;
};
const ms = (us) => (us / 1000).toFixed(1);

function report(name, rows) {
  const cols = Object.keys(rows[0]).filter((c) => c !== 'afterForced');
  console.log(`\n${name}: ${rows.length} keys — p50 / p90 / p99 / max of each part (ms)`);
  for (const c of cols) {
    const xs = rows.map((r) => r[c]);
    console.log(`  ${c.padEnd(18)} ${[0.5, 0.9, 0.99, 1].map((p) => ms(q(xs, p)).padStart(6)).join(' ')}`);
  }
  const after = rows.filter((r) => r.afterForced);
  const rest = rows.filter((r) => !r.afterForced);
  console.log(`  ${after.length} keys pressed within a frame after one forced by a delayed intersection observer` +
    ` (the browser's sampled links): p50 / p99 ${ms(q(after.map((r) => r.dur), 0.5))} / ${ms(q(after.map((r) => r.dur), 0.99))};` +
    ` the other ${rest.length}: ${ms(q(rest.map((r) => r.dur), 0.5))} / ${ms(q(rest.map((r) => r.dur), 0.99))}`);
  const n = Math.max(3, Math.ceil(rows.length * 0.03));
  const slow = [...rows].sort((a, b) => b.dur - a.dur).slice(0, n);
  const costly = [...rows].sort((a, b) => b.cpu - a.cpu).slice(0, n);
  for (const [what, list] of [[`the slowest ${n} keys`, slow], [`the ${n} keys of most CPU`, costly]]) {
    console.log(`  ${what}:`);
    for (const r of list) line(r);
  }
}

/** One key: its window and what filled it. */
function line(r) {
  console.log(`    ${ms(r.dur).padStart(6)}${r.afterForced ? ' (after a forced frame)' : ''} = idle ${ms(r.idle)} + input ${ms(r.input)} + frame ${ms(r.frame)} + other ${ms(r.other)} + gc ${ms(r.gc)}` +
    ` (cpu ${ms(r.cpu)}; paint ${ms(r.paint)}, pre-paint ${ms(r.prePaint)}, compositing inputs ${ms(r.compositingInputs)}, layout ${ms(r.layout)}, commit ${ms(r.commit)}, script ${ms(r.script)})`);
}

/** Adds a stylesheet for the variants (the probe marks each key's window already). */
function variantSheet(page) {
  return page.evaluate(() => document.head.append(Object.assign(document.createElement('style'), { id: 'variant' })));
}

// Stylesheet variants to compare (name → CSS added to the page), typed in turn, `--rounds` times.
const variants = JSON.parse(opts.variants ?? '{"as built":""}');
const rounds = Number(opts.rounds ?? 1);
const server = await serveCopy(opts, opts.fixture, 'samrad-typing-trace-');
const profiles = freshProfiles();
try {
  const links = JSON.parse(execFileSync(path.join(path.dirname(opts.server), 'samrad-fixture'), ['links', '--dir', server.run, '--base', server.base], { encoding: 'utf8' }));
  const context = await profiles.open(opts.flags ? opts.flags.split(",") : []);
  const a = await BenchPage.open(context, links.coordinator);
  const first = await a.page.evaluate(() => document.querySelector('article.clause').dataset.clause);
  await a.openComposer(first);
  const field = a.clause(first).locator('form.composer').getByLabel('Synpunkt', { exact: true });
  await variantSheet(a.page);
  // The same typing on a bare textarea in the same browser, in turn with the variants.
  const bare = await probedPage(context, '<label for=t>Synpunkt</label><textarea id=t rows=3 cols=80></textarea>');
  await variantSheet(bare);
  const pages = { ...Object.fromEntries(Object.entries(variants).map(([n, css]) => [n, { page: a.page, field, css }])) };
  if (opts.floor !== 'no') pages['bare textarea'] = { page: bare, field: bare.getByLabel('Synpunkt'), css: '' };
  const got = Object.fromEntries(Object.keys(pages).map((v) => [v, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, { page, field, css }] of Object.entries(pages)) {
      await page.bringToFront();
      await page.evaluate((css) => (document.getElementById('variant').textContent = css), css);
      const { events, keys } = await tracedTyping(page, field, TEXT);
      if (opts.trace) writeFileSync(`${opts.trace}-${name.replace(/\W+/g, '_')}-${r}.json`, JSON.stringify({ traceEvents: events }));
      got[name].push(...keys);
    }
  }
  for (const [name, rows] of Object.entries(got)) report(name, rows);
  await context.close();
} finally {
  await server.stop();
  profiles.remove();
}

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
//     [--variants '{"name": "css", …}' --rounds N] [--trace FILE-PREFIX]
//
// `--variants` types under each stylesheet addition in turn (`--rounds` times), to compare a
// change to the clause cards' CSS in one page under the same load; each round also types on a
// bare textarea in another tab of the same browser (`--floor no` leaves it out). The fixture tool is taken
// from beside BIN (target/release/samrad-fixture).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { BenchPage, probedPage } from './bench-page.mjs';
import { freshProfiles, options, serveCopy } from './launch.mjs';

const opts = options();
const TEXT = "Kommunen vill att ansvaret förtydligas i hela avtalet. ".repeat(6).slice(0, Number(opts.keys ?? 108));
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'blink.user_timing',
  'toplevel',
  'v8',
  'disabled-by-default-v8.gc',
  'cc',
  'blink',
].join(',');

/** Records Chromium's trace on `page` while `action` runs; gives the trace events. */
async function traced(page, action) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReturnAsStream' });
  await action();
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const { stream } = await done;
  let json = '';
  for (;;) {
    const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    json += base64Encoded ? Buffer.from(data, 'base64').toString() : data;
    if (eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  await cdp.detach();
  const parsed = JSON.parse(json);
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

/** The renderer main thread's slices (complete, with self time), and the key windows. */
function slices(events) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain'
    && events.some((k) => k.cat === 'blink.user_timing' && k.name === 'key' && k.pid === e.pid));
  const on = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const open = [];
  const all = [];
  for (const e of on.sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'X') all.push({ name: e.name, ts: e.ts, end: e.ts + (e.dur ?? 0), cpu: e.tdur, args: e.args });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const b = open.findLast((o) => o.name === e.name) ?? open.at(-1);
      if (b) {
        open.splice(open.indexOf(b), 1);
        all.push({ name: b.name, ts: b.ts, end: e.ts, cpu: e.tts - b.tts, args: { ...b.args, ...e.args } });
      }
    }
  }
  all.sort((a, b) => a.ts - b.ts || b.end - a.end);
  // Self time: a slice's duration less its direct children's.
  const stack = [];
  for (const s of all) {
    while (stack.length && stack.at(-1).end <= s.ts) stack.pop();
    s.self = s.end - s.ts;
    s.depth = stack.length;
    if (stack.length) stack.at(-1).self -= s.end - s.ts;
    stack.push(s);
  }
  const starts = {};
  const keys = [];
  for (const e of events.filter((e) => e.cat === 'blink.user_timing' && e.name === 'key').sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'b') starts[e.id ?? e.id2?.local ?? 0] = e.ts;
    if (e.ph === 'e') keys.push({ ts: starts[e.id ?? e.id2?.local ?? 0], end: e.ts });
  }
  return { all, keys: keys.filter((k) => k.ts !== undefined) };
}

/** The main thread's tasks in each key's window, by what they are: the key's own input task,
 * the frame that shows it (split into its phases), anything else, and the time the thread
 * sat idle waiting for the next frame to begin. */
function phases({ all, keys }) {
  const tasks = all.filter((s) => s.name === 'ThreadControllerImpl::RunTask');
  const within = (t) => all.filter((s) => s.ts >= t.ts && s.ts < t.end && s !== t);
  const label = (kids) => {
    if (kids.some((k) => k.name === 'ProxyMain::BeginMainFrame')) return 'frame';
    if (kids.some((k) => k.name === 'EventDispatch' && /^(key|textInput|input)/.test(k.args?.data?.type ?? ''))) return 'input';
    if (kids.some((k) => /GC/.test(k.name))) return 'gc';
    return 'other';
  };
  const PARTS = {
    layout: /^Layout$/, compositingInputs: /^Blink\.CompositingInputs\.UpdateTime$/, prePaint: /^Blink\.PrePaint\.UpdateTime$/,
    paint: /^Blink\.Paint\.UpdateTime$/, layerize: /^Layerize$/, commit: /^Commit$/,
    intersections: /^Blink\.IntersectionObservation\.UpdateTime$/, script: /^v8\.callFunction$/, gc: /GC|Scavenge/,
  };
  return keys.map((k) => {
    const by = { input: 0, frame: 0, other: 0, gc: 0 };
    const parts = Object.fromEntries(Object.keys(PARTS).map((p) => [p, 0]));
    // The thread's own CPU time in the window: what the key cost, however busy the machine.
    let cpu = 0;
    for (const t of tasks.filter((t) => t.end > k.ts && t.ts < k.end)) {
      const kids = within(t);
      const overlap = Math.min(t.end, k.end) - Math.max(t.ts, k.ts);
      by[label(kids)] += overlap;
      cpu += Number.isFinite(t.cpu) && t.end > t.ts ? (t.cpu * overlap) / (t.end - t.ts) : overlap;
      for (const [p, re] of Object.entries(PARTS)) {
        // Outermost matches only (a nested call of the same kind is already inside).
        parts[p] += kids.filter((s) => re.test(s.name) && !kids.some((o) => o !== s && re.test(o.name) && o.ts <= s.ts && o.end >= s.end && o.depth < s.depth)).reduce((a, s) => a + (s.end - s.ts), 0);
      }
    }
    const dur = k.end - k.ts;
    const busy = by.input + by.frame + by.other + by.gc;
    return { dur, work: busy, cpu, idle: dur - busy, ...by, ...parts };
  });
}

const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? NaN;
};
const ms = (us) => (us / 1000).toFixed(1);

function report(name, rows) {
  const cols = Object.keys(rows[0]);
  console.log(`\n${name}: ${rows.length} keys — p50 / p90 / p99 / max of each part (ms)`);
  for (const c of cols) {
    const xs = rows.map((r) => r[c]);
    console.log(`  ${c.padEnd(18)} ${[0.5, 0.9, 0.99, 1].map((p) => ms(q(xs, p)).padStart(6)).join(' ')}`);
  }
  const slow = [...rows].sort((a, b) => b.dur - a.dur).slice(0, Math.max(3, Math.ceil(rows.length * 0.03)));
  console.log(`  the slowest ${slow.length} keys:`);
  for (const r of slow) {
    console.log(`    ${ms(r.dur).padStart(6)} = idle ${ms(r.idle)} + input ${ms(r.input)} + frame ${ms(r.frame)} + other ${ms(r.other)} + gc ${ms(r.gc)}` +
      ` (cpu ${ms(r.cpu)}; paint ${ms(r.paint)}, pre-paint ${ms(r.prePaint)}, compositing inputs ${ms(r.compositingInputs)}, layout ${ms(r.layout)}, commit ${ms(r.commit)}, script ${ms(r.script)})`);
  }
}

/** Marks the benchmark's window per key as a user timing the trace keeps, and adds a
 * stylesheet for the variants. */
function markKeys(page) {
  return page.evaluate(() => {
    addEventListener('keydown', () => {
      const t0 = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        void document.body.offsetHeight;
        performance.measure('key', { start: t0, end: performance.now() });
      };
      channel.port2.postMessage(0);
    }, true);
    document.head.append(Object.assign(document.createElement('style'), { id: 'variant' }));
  });
}

// Stylesheet variants to compare (name → CSS added to the page), typed in turn, `--rounds` times.
const variants = JSON.parse(opts.variants ?? '{"as built":""}');
const rounds = Number(opts.rounds ?? 1);
const server = await serveCopy(opts, opts.fixture, 'samrad-typing-trace-');
const profiles = freshProfiles();
try {
  const links = JSON.parse(execFileSync(path.join(path.dirname(opts.server), 'samrad-fixture'), ['links', '--dir', server.run, '--base', server.base], { encoding: 'utf8' }));
  const context = await profiles.open();
  const a = await BenchPage.open(context, links.coordinator);
  const first = await a.page.evaluate(() => document.querySelector('article.clause').dataset.clause);
  await a.openComposer(first);
  const field = a.clause(first).locator('form.composer').getByLabel('Synpunkt', { exact: true });
  await markKeys(a.page);
  // The same typing on a bare textarea in the same browser, in turn with the variants.
  const bare = await probedPage(context, '<label for=t>Synpunkt</label><textarea id=t rows=3 cols=80></textarea>');
  await markKeys(bare);
  const pages = { ...Object.fromEntries(Object.entries(variants).map(([n, css]) => [n, { page: a.page, field, css }])) };
  if (opts.floor !== 'no') pages['bare textarea'] = { page: bare, field: bare.getByLabel('Synpunkt'), css: '' };
  const got = Object.fromEntries(Object.keys(pages).map((v) => [v, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, { page, field, css }] of Object.entries(pages)) {
      await page.bringToFront();
      await page.evaluate((css) => (document.getElementById('variant').textContent = css), css);
      await field.fill('');
      await field.focus();
      await page.waitForTimeout(400);
      const events = await traced(page, async () => {
        await page.keyboard.type(TEXT, { delay: 25 });
        await page.waitForTimeout(300);
      });
      if (opts.trace) writeFileSync(`${opts.trace}-${name.replace(/\W+/g, '_')}-${r}.json`, JSON.stringify({ traceEvents: events }));
      got[name].push(...phases(slices(events)));
    }
  }
  for (const [name, rows] of Object.entries(got)) report(name, rows);
  await context.close();
} finally {
  await server.stop();
  profiles.remove();
}

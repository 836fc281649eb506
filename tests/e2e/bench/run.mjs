// The browser benchmark over the real-size fixtures (see scripts/bench.sh, which builds them).
//
// For each size: the server starts over a fresh copy of that fixture's store; a coordinator
// opens the agreement in a browser with a fresh profile (cold cache), opens the composer,
// types, sends remarks; a member in a second browser watches them arrive; the coordinator's
// other device types into a clause's text while both watch; the coordinator follows the table
// of contents to clauses far down. Prints one table, and writes the figures as JSON.
//
//   node bench/run.mjs --work DIR --sizes "500 1500 3000" --server BIN --fixture BIN --app DIST [--json FILE]
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import zlib from 'node:zlib';
import { BenchPage, floor } from './bench-page.mjs';
import { freshProfiles, options, serveCopy } from './launch.mjs';

const opts = options();
const sizes = opts.sizes.split(/\s+/).filter(Boolean).map(Number);
const KEYS = 'Kommunen vill att ansvaret förtydligas i hela avtalet.'.repeat(2);
// How many of each to time (fewer make a quicker, rougher run of a slow build).
const POSTS = Number(process.env.SAMRAD_BENCH_POSTS ?? 12);
const WATCHED = Number(process.env.SAMRAD_BENCH_WATCHED ?? 30);
const TYPED = Number(process.env.SAMRAD_BENCH_TYPED ?? 150);

const step = (what) => console.error(`  ${new Date().toISOString().slice(11, 19)} ${what}`);

const quantile = (xs, q) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

/** The bytes of a first load as the server sends them, asking for `encoding`. */
function served(base, file, encoding) {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}/${file}`, { headers: { 'accept-encoding': encoding } }, (res) => {
        let n = 0;
        res.on('data', (d) => (n += d.length));
        res.on('end', () => resolve({ bytes: n, encoding: res.headers['content-encoding'] ?? 'identity' }));
      })
      .on('error', reject);
  });
}

/** The app's wasm, js and css as served: those the page fetched before its first screen (the
 * first load), and the rest (the pages' own files, fetched when opened or once idle). */
async function firstLoad(base, fetched) {
  const files = readdirSync(opts.app).filter((f) => /\.(wasm|js|css)$/.test(f));
  const sum = { br: 0, gzip: 0, brBest: 0, gzipBest: 0, raw: 0, files: 0, later: { br: 0, gzip: 0, raw: 0, files: 0 } };
  for (const f of files) {
    const body = readFileSync(path.join(opts.app, f));
    // The service worker's script is fetched at its registration, as the app starts (the
    // page's resource timings do not list it); the files it installs are the page's own again.
    const to = fetched.has(f) || f === 'sw.js' ? sum : sum.later;
    to.files += 1;
    to.raw += body.length;
    to.br += (await served(base, f, 'br')).bytes;
    to.gzip += (await served(base, f, 'gzip')).bytes;
    if (to !== sum) continue;
    sum.brBest += zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    sum.gzipBest += zlib.gzipSync(body, { level: 9 }).length;
  }
  return sum;
}

// Chromium draws at most one frame per display refresh (60 Hz): what a key press posts after its
// task waits for that frame, so "until handled and drawn" holds up to 16.7 ms of idle wait even
// on a bare textarea. With the frame rate unthrottled the next frame is drawn as soon as the
// press asks for one, and the same probe times the press's handling, layout and paint alone —
// except after a frame Chromium starts on its own: its navigation predictor samples one link in
// a hundred as they are laid out and re-checks the sampled ones' visibility 100 ms after each
// layout change (each key), in a frame with nothing to draw, and a key pressed just after that
// frame waits for the next to begin (up to 16.7 ms). Whether a link was sampled is chance per
// page load, at any size; a traced round after the measured one counts those keys.
const UNTHROTTLED = ['--disable-frame-rate-limit'];

/** The composer keys (and the bare textarea's) once more, in a browser drawing frames as soon
 * as they are asked for: the coordinator's other device, opened on the same agreement. */
async function unthrottledKeys(profiles, signedIn, first) {
  const context = await profiles.open(UNTHROTTLED);
  try {
    const page = await BenchPage.openSignedIn(context, await signedIn.context().cookies(), signedIn.url());
    await page.openComposer(first);
    const keys = (await page.typeInComposer(first, KEYS)).map((k) => k.ms);
    const traced = await page.composerTraced(first, KEYS);
    const bare = (await floor(context, KEYS)).keys.map((k) => k.ms);
    return {
      keyFreeP50: quantile(keys, 0.5),
      keyFreeP99: quantile(keys, 0.99),
      keyFreeForced: traced.filter((k) => k.afterForced).length,
      keyFreeTraced: traced.length,
      floorFreeP50: quantile(bare, 0.5),
      floorFreeP99: quantile(bare, 0.99),
    };
  } finally {
    await context.close();
  }
}

async function measure(size) {
  const server = await serveCopy(opts, path.join(opts.work, String(size)), `samrad-bench-run-${size}-`);
  const { run } = server;
  const profiles = freshProfiles();
  try {
    const links = JSON.parse(
      execFileSync(opts.fixture, ['links', '--dir', run, '--base', server.base], { encoding: 'utf8' }),
    );
    const r = { size };
    step(`${size}: opening as the coordinator`);
    // A coordinator opens the agreement.
    const aContext = await profiles.open();
    const a = await BenchPage.open(aContext, links.coordinator);
    r.open = await a.openMs();
    r.timeline = await a.openTimeline();
    // What the first screen needed: every file fetched before it showed.
    const fetched = new Set(await a.page.evaluate(() =>
      performance.getEntriesByType('resource')
        .filter((e) => e.startTime <= window.__bench.marks.open)
        .map((e) => new URL(e.name).pathname.slice(1)),
    ));
    r.dom = await a.domNodes();
    const mem = await a.memory();
    r.heap = mem.heap;
    r.wasm = mem.wasm;
    const first = await a.page.evaluate(() => document.querySelector('article.clause').dataset.clause);
    step(`${size}: open ${Math.round(r.open)} ms; composer, typing, sending`);
    r.composer = await a.openComposer(first);
    const keys = await a.typeInComposer(first, KEYS);
    r.keyP50 = quantile(keys.map((k) => k.ms), 0.5);
    r.keyP99 = quantile(keys.map((k) => k.ms), 0.99);
    r.keyWorkP50 = quantile(keys.map((k) => k.work), 0.5);
    r.keyWorkP99 = quantile(keys.map((k) => k.work), 0.99);
    r.keys = keys.length;
    // The same again with Chromium's trace on: each key's main-thread CPU time, which a busy
    // machine does not stretch (its other figures include time the thread waited for a core).
    const cpu = await a.composerCpu(first, KEYS);
    r.keyCpuP50 = quantile(cpu, 0.5);
    r.keyCpuP99 = quantile(cpu, 0.99);
    // The same typing on a bare textarea in the same browser: the wait for the next frame.
    const bare = await floor(aContext, KEYS);
    r.floorP50 = quantile(bare.keys.map((k) => k.ms), 0.5);
    r.floorP99 = quantile(bare.keys.map((k) => k.ms), 0.99);
    r.floorCpuP50 = quantile(bare.cpu, 0.5);
    r.floorCpuP99 = quantile(bare.cpu, 0.99);
    Object.assign(r, await unthrottledKeys(profiles, a.page, first));
    r.own = [await a.send(KEYS)].map((x) => x.ms);
    for (let i = 1; i < POSTS; i++) r.own.push((await a.postRemark(first, `Egen synpunkt ${i} ${Date.now()}`)).ms);
    step(`${size}: a second browser watches ${WATCHED} remarks arrive`);
    const bContext = await profiles.open();
    const b = await BenchPage.open(bContext, links.member);
    r.openSecond = await b.openMs();
    r.timelineSecond = await b.openTimeline();
    await b.clause(first).scrollIntoViewIfNeeded();
    const marker = `bänk-${Date.now()}`;
    await b.watchFor(marker);
    const sent = {};
    for (let i = 0; i < WATCHED; i++) {
      const text = `${marker} nr ${i}`;
      sent[text] = (await a.postRemark(first, text)).at;
      await a.page.waitForTimeout(150);
    }
    // Wait until the last one is seen (at most 30 s), then count what arrived and when.
    await b.page
      .waitForFunction((n) => Object.keys(window.__bench.seen).length >= n, WATCHED, { timeout: 30_000 })
      .catch(() => step(`${size}: not every remark reached the second browser within 30 s`));
    const seen = await b.seen();
    await b.stopWatching();
    const delays = Object.entries(sent).map(([t, at]) => (t in seen ? seen[t] - at : Infinity));
    r.remoteP50 = quantile(delays, 0.5);
    r.remoteP99 = quantile(delays, 0.99);
    step(`${size}: the coordinator's other device types ${TYPED} characters`);
    await a.clause(first).scrollIntoViewIfNeeded();
    await a.clearMessages();
    await b.clearMessages();
    execFileSync(opts.fixture, ['type', '--dir', run, '--base', server.base, '--clause', first, '--keys', String(TYPED), '--per-sec', '20']);
    await b.page.waitForTimeout(500);
    const typedB = await b.messages();
    const typedA = await a.messages();
    r.textP99 = quantile([...typedA, ...typedB], 0.99);
    r.textP50 = quantile([...typedA, ...typedB], 0.5);
    r.textMessages = typedA.length + typedB.length;
    step(`${size}: the table of contents`);
    r.toc = [];
    for (const n of ['12.10', '6.5', '11.3']) {
      r.toc.push(await a.jumpTo(n));
      await a.page.waitForTimeout(300);
    }
    r.domAfter = await a.domNodes();
    if (!opts.load) opts.load = await firstLoad(server.base, fetched);
    // A look at what was measured; a page too busy to draw in time is itself a finding.
    await a.screenshot(`bench-${size}`).catch((e) => step(`${size}: no screenshot: ${e.message.split('\n')[0]}`));
    await aContext.close();
    await bContext.close();
    return r;
  } finally {
    await server.stop();
    profiles.remove();
  }
}

const ms = (x) => (Number.isFinite(x) ? Math.round(x).toString() : x === Infinity ? '>30000' : '—');
const mb = (x) => (x / 1048576).toFixed(0);
const rows = [];
for (const size of sizes) {
  const r = await measure(size);
  rows.push(r);
  console.error(JSON.stringify(r));
}
const kb = (x) => (x / 1024).toFixed(0);
const head = [
  'remarks', 'open ms', 'composer ms', 'ToC max ms', 'heap MB', 'wasm MB', 'DOM nodes',
  'key p99 ms (60 Hz)', 'key p99 ms (unthrottled)', 'key work p99 ms', 'text key p99 ms', 'own remark max ms', 'other p50 ms', 'other p99 ms',
];
const target = ['', '≤1000', '', '≤1500', '≤150 (sum)', '', '', '≤16', '≤16', '≤16', '≤16', '≤50', '≤50', '≤150'];
const lines = [head, target].concat(
  rows.map((r) => [
    r.size, ms(r.open), ms(r.composer), ms(Math.max(...r.toc)), mb(r.heap), mb(r.wasm), `${r.dom}→${r.domAfter}`,
    ms(r.keyP99), ms(r.keyFreeP99), ms(r.keyWorkP99), ms(r.textP99), ms(Math.max(...r.own)), ms(r.remoteP50), ms(r.remoteP99),
  ]),
);
const widths = head.map((_, i) => Math.max(...lines.map((l) => String(l[i]).length)));
const fmt = (l) => `| ${l.map((c, i) => String(c).padStart(widths[i])).join(' | ')} |`;
console.log(fmt(lines[0]));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const l of lines.slice(1)) console.log(fmt(l));
console.log('\ncomposer keys, ms p50 / p99: until handled and drawn; its main-thread work; its main-thread CPU (traced round) — and the same on a bare textarea');
const ms1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '—');
for (const r of rows) {
  console.log(
    `  ${r.size}: ${ms(r.keyP50)} / ${ms(r.keyP99)}; work ${ms(r.keyWorkP50)} / ${ms(r.keyWorkP99)}; CPU ${ms1(r.keyCpuP50)} / ${ms1(r.keyCpuP99)}` +
      ` — bare textarea ${ms(r.floorP50)} / ${ms(r.floorP99)}; CPU ${ms1(r.floorCpuP50)} / ${ms1(r.floorCpuP99)}`,
  );
  console.log(
    `  ${r.size}, frames unthrottled (${UNTHROTTLED.join(' ')}): until handled and drawn ${ms(r.keyFreeP50)} / ${ms(r.keyFreeP99)}` +
      ` — bare textarea ${ms(r.floorFreeP50)} / ${ms(r.floorFreeP99)}; in a traced round on the same page ${r.keyFreeForced} of` +
      ` ${r.keyFreeTraced} keys followed a frame forced by the browser's link sampling (none: no link sampled on this load)`,
  );
}
const load = opts.load;
console.log('\nopening, ms from navigation start: page loaded / socket created / open / agreement arrived / handled / first screen');
for (const r of rows) {
  for (const [who, t] of [['first browser, agreement not loaded on the server', r.timeline], ['second browser, loaded', r.timelineSecond]]) {
    const x = t ?? {};
    console.log(`  ${r.size}, ${who}: ${[x.html, x.socket, x.socketOpen, x.state, x.stateHandled, x.open].map(ms).join(' / ')}`);
  }
}
console.log(
  `\nfirst load (wasm+js+css fetched before the first screen, ${load.files} files): as served ${kb(load.br)} KB brotli, ${kb(load.gzip)} KB gzip;` +
    ` best ${kb(load.brBest)} KB brotli (q11), ${kb(load.gzipBest)} KB gzip (-9); ${kb(load.raw)} KB raw` +
    ` (targets: ≤300 KB brotli, ≤380 KB gzip)` +
    `\nfetched later (the other pages' files, when opened or once idle, ${load.later.files} files): ${kb(load.later.br)} KB brotli, ${kb(load.later.gzip)} KB gzip, ${kb(load.later.raw)} KB raw`,
);
if (opts.json) writeFileSync(opts.json, JSON.stringify({ rows, load }, null, 2));

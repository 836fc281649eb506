// Where a cold open's time goes, however busy the machine: one open (as bench/cold-open.mjs:
// the coordinator's with the room not loaded, or with `--loaded 1` a reader's after the
// coordinator's has loaded it; `--who` picks the reader) under Chromium's trace. Prints the
// open's moments, then per window (navigation → socket open, state arrived → handled,
// navigation → first screen) the renderer main thread's wall, busy and own CPU time, and every
// traced thread's CPU time (who else ran while the main thread waited: on a shared machine the
// wall time says little, the CPU time what each build made the browser do), and the
// resources the page fetched (start, end, bytes).
//
//   node bench/open-probe.mjs --work DIR --size 3000 --server BIN --fixture BIN --app DIST [--label L] [--who member] [--loaded 1]
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { BenchPage, PROBE } from './bench-page.mjs';
import { freshProfiles, options, serveCopy } from './launch.mjs';
import { traced } from './trace.mjs';

const opts = options();
const server = await serveCopy(opts, path.join(opts.work, String(opts.size)), 'samrad-bench-probe-');
const profiles = freshProfiles();

/** The renderer main thread's outermost tasks and every slice of it, from the trace. */
function mainThread(events) {
  const mark = events.find((e) => e.cat === 'blink.user_timing' && e.name === 'probe-open');
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === mark.pid);
  const on = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  let outerEnd = -Infinity;
  const tasks = on.filter((s) => {
    if (s.name !== 'ThreadControllerImpl::RunTask' || s.ts < outerEnd) return false;
    outerEnd = s.ts + s.dur;
    return true;
  });
  return { on, tasks, mark };
}

/** Wall, own CPU, compile and GC milliseconds of the main thread in [from, to] (µs). */
function windowFigures({ on, tasks }, from, to) {
  let cpu = 0;
  let busy = 0;
  for (const t of tasks) {
    const overlap = Math.min(t.ts + t.dur, to) - Math.max(t.ts, from);
    if (overlap <= 0) continue;
    busy += overlap;
    cpu += Number.isFinite(t.tdur) && t.dur > 0 ? (t.tdur * overlap) / t.dur : overlap;
  }
  const sum = (re) => on.filter((s) => re.test(s.name) && s.ts >= from && s.ts < to).reduce((a, s) => a + s.dur, 0);
  const ms = (v) => Math.round(v / 1000);
  return { wall: ms(to - from), busy: ms(busy), cpu: ms(cpu), compile: ms(sum(/^(v8\.wasm\.(compile|streaming)|wasm\.(Compile|Streaming))/)), gc: ms(sum(/^(MajorGC|MinorGC|V8\.GC_SCAVENGER|V8\.GC_MC_BACKGROUND|ScavengeGC)/)) };
}

/** Every traced thread's own CPU milliseconds in [from, to] (µs), by process and thread name,
 * from its outermost slices: who else ran while the main thread waited. */
function everyThread(events, from, to) {
  const names = new Map();
  const procs = new Map();
  for (const e of events) {
    if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name);
    if (e.name === 'process_name') procs.set(e.pid, e.args?.name);
  }
  const byThread = new Map();
  for (const e of events.filter((e) => e.ph === 'X' && e.dur > 0).sort((a, b) => a.ts - b.ts)) {
    const key = `${e.pid}:${e.tid}`;
    const t = byThread.get(key) ?? { end: -Infinity, cpu: 0 };
    byThread.set(key, t);
    if (e.ts < t.end) continue;
    t.end = e.ts + e.dur;
    const overlap = Math.min(e.ts + e.dur, to) - Math.max(e.ts, from);
    if (overlap <= 0) continue;
    t.cpu += Number.isFinite(e.tdur) ? (e.tdur * overlap) / e.dur : overlap;
  }
  const out = {};
  for (const [key, t] of byThread) {
    const [pid] = key.split(':');
    const name = `${procs.get(Number(pid)) ?? pid}/${(names.get(key) ?? key).replace(/\d+$/, '')}`;
    out[name] = (out[name] ?? 0) + t.cpu / 1000;
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v >= 1).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v)]));
}

try {
  const links = JSON.parse(execFileSync(opts.fixture, ['links', '--dir', server.run, '--base', server.base], { encoding: 'utf8' }));
  if (opts.loaded) {
    // The room loaded first by the coordinator's open, closed before the traced one.
    const first = await BenchPage.open(await profiles.open(), links.coordinator);
    await first.page.context().close();
  }
  const context = await profiles.open();
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  const p = new BenchPage(page);
  let t;
  const events = await traced(page, async () => {
    await p.signIn(links[opts.who ?? (opts.loaded ? 'member' : 'coordinator')]);
    await page.waitForFunction(() => window.__bench?.marks.open, null, { timeout: 120_000 });
    t = await p.openTimeline();
    // The moments as user timings, for the trace's clock.
    await page.evaluate((t) => {
      performance.measure('probe-open', { start: 0, end: t.open });
      performance.measure('probe-state', { start: t.state, end: t.stateHandled });
    }, t);
  });
  const res = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((r) => [Math.round(r.startTime), Math.round(r.responseEnd), r.encodedBodySize, r.name.replace(location.origin, '')]),
  );
  const thread = mainThread(events);
  const window = (name) => {
    const b = events.find((e) => e.cat === 'blink.user_timing' && e.name === name && e.ph === 'b');
    const e = events.find((e) => e.cat === 'blink.user_timing' && e.name === name && e.ph === 'e');
    return [b.ts, e.ts];
  };
  const [nav] = window('probe-open');
  const [s0, s1] = window('probe-state');
  const at = (ms) => nav + ms * 1000;
  const label = opts.label ?? '';
  console.log(JSON.stringify({ label, open: Math.round(t.open), socketOpen: Math.round(t.socketOpen), state: Math.round(t.state), handled: Math.round(t.stateHandled) }));
  console.log(JSON.stringify({ label, window: 'to socket open', ...windowFigures(thread, nav, at(t.socketOpen)) }));
  console.log(JSON.stringify({ label, window: 'state handled', ...windowFigures(thread, s0, s1) }));
  console.log(JSON.stringify({ label, window: 'to first screen', ...windowFigures(thread, nav, at(t.open)) }));
  console.log(JSON.stringify({ label, window: 'state handled, every thread', ...everyThread(events, s0, s1) }));
  console.log(JSON.stringify({ label, window: 'to first screen, every thread', ...everyThread(events, nav, at(t.open)) }));
  for (const r of res) console.log(JSON.stringify({ label, resource: r }));
  await context.close();
} finally {
  profiles.remove();
  await server.stop();
}

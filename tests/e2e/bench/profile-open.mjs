// Where the browser's time goes while it opens a real-size agreement cold: a Chromium CPU
// profile (CDP `Profiler`) of one open in a fresh profile, from navigation until the first
// screen, summed by function (self time, and the inclusive time of every frame on the stack).
// Function names need a wasm build that keeps its name section (see the report of issue 10:
// `wasm-bindgen --keep-debug`, `wasm-opt -g`), else wasm frames show as `$func123`.
//
//   node bench/profile-open.mjs --fixture DIR --server BIN --app DIST [--runs 1] [--top 40] [--warm 1] [--profile 0]
// `--warm 1` opens once first (the server loads the room), then profiles a second cold browser.
// `--profile 0` only times: one open with the room not yet loaded on the server, then one with
// it loaded, each in a fresh browser profile, printed as one JSON line of moments (ms) and the
// wasm memory's size then (MiB).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROBE } from './bench-page.mjs';
import { coordinatorContext, freshProfiles, options, serveCopy } from './launch.mjs';

const opts = options();
const top = Number(opts.top ?? 40);
const fixture = JSON.parse(readFileSync(path.join(opts.fixture, 'fixture.json'), 'utf8'));

/** Self and inclusive microseconds per function name over the profile's samples. */
function summarise(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url ? path.basename(n.callFrame.url).slice(0, 24) : ''}`.trim();
  const self = new Map();
  const total = new Map();
  const deltas = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const dt = deltas[i + 1] ?? 0;
    const n = nodes.get(id);
    self.set(name(n), (self.get(name(n)) ?? 0) + dt);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const k = name(nodes.get(at));
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  });
  return { self, total };
}

async function once(profiles, base, out) {
  const context = await profiles.open();
  const [cname, value] = fixture.coordinator.cookie.split('=');
  await context.addCookies([{ name: cname, value, url: base }]);
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  const fetched = [];
  page.on('requestfinished', (r) => fetched.push(r.url().replace(base, '')));
  const cdp = await context.newCDPSession(page);
  const profiling = opts.profile !== '0';
  if (profiling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await page.goto(`${base}/a/${fixture.agreement}`);
  await page.waitForFunction(() => window.__bench?.marks.open, null, { timeout: 120_000, polling: 50 });
  const { profile } = profiling ? await cdp.send('Profiler.stop') : {};
  const marks = await page.evaluate(() => {
    const m = window.__bench.marks;
    const h = window.__bench.stateHandled?.[0];
    const session = performance.getEntriesByType('resource').find((r) => new URL(r.name).pathname === '/api/session');
    return { session: session?.startTime, socket: m.socket, socketOpen: m.socketOpen, state: m.state, handled: h ? h[0] + h[1] : undefined, open: m.open, wasmMB: (window.__bench.wasm?.memory?.buffer.byteLength ?? 0) / 2 ** 20 };
  });
  if (profiling) console.log('fetched', fetched.filter((u) => !u.startsWith('/api/inbox')).join(' '));
  if (out) writeFileSync(out, JSON.stringify(profile));
  await context.close();
  return { marks, profile };
}

const server = await serveCopy(opts, opts.fixture, 'samrad-profile-');
const profiles = freshProfiles();
try {
  if (opts.profile === '0') {
    const cold = (await once(profiles, server.base)).marks;
    const loaded = (await once(profiles, server.base)).marks;
    const round = (m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round(v)]));
    console.log(JSON.stringify({ app: opts.app, cold: round(cold), loaded: round(loaded) }));
  } else await profileOpen(server);
} finally {
  await server.stop();
  profiles.remove();
}

/** Profiles `--runs` opens and prints the functions that took the most time. */
async function profileOpen(server) {
  if (opts.warm === '1') await once(profiles, server.base);
  const runs = Number(opts.runs ?? 1);
  const self = new Map();
  const total = new Map();
  for (let i = 0; i < runs; i++) {
    const r = await once(profiles, server.base, opts.out ? `${opts.out}.${i}.cpuprofile` : undefined);
    console.log('marks', JSON.stringify(Object.fromEntries(Object.entries(r.marks).map(([k, v]) => [k, Math.round(v)]))));
    const s = summarise(r.profile);
    for (const [k, v] of s.self) self.set(k, (self.get(k) ?? 0) + v / runs);
    for (const [k, v] of s.total) total.set(k, (total.get(k) ?? 0) + v / runs);
  }
  const show = (title, m) => {
    console.log(`\n${title} (ms, mean of ${runs})`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(v / 1000).toFixed(1).padStart(8)}  ${k.slice(0, 150)}`);
  };
  show('self time', self);
  show('inclusive time', total);
}

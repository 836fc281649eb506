// The load tool for the server benchmark: the same plain Yjs clients against Samråd and against
// the Node y-websocket server. Signs everyone in (Samråd), connects one client per agreement
// (every agreement loaded), then all the others (idle connections), reading the server's
// resident memory after each step; then every client announces its presence at --presence-hz
// and every writer types --rate keystrokes a second for --warmup + --duration seconds. Prints
// one JSON line of figures (and writes it to --json).
//
//   node load.mjs --server samrad --base http://127.0.0.1:PORT --pid PID --links FILE [--seed-out FILE]
//   node load.mjs --server node   --base http://127.0.0.1:PORT --pid PID --agreements 100 --per 10 --seed FILE
//
// --links: one "agreement link" pair a line, the coordinator first for each agreement (as
// `samrad-server admin invite` prints them). Options: --workers 2 --rate 5 --writers 10
// --presence-hz 10 --warmup 5 --duration 20 --drain 2 --json FILE --mark FILE.
import { fork } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Histogram } from './load/histogram.mjs';

const { values: opt } = parseArgs({
  options: {
    server: { type: 'string' },
    base: { type: 'string' },
    pid: { type: 'string' },
    links: { type: 'string' },
    agreements: { type: 'string', default: '100' },
    per: { type: 'string', default: '10' },
    seed: { type: 'string' },
    'seed-out': { type: 'string' },
    workers: { type: 'string', default: '2' },
    rate: { type: 'string', default: '5' },
    writers: { type: 'string', default: '10' },
    'presence-hz': { type: 'string', default: '10' },
    warmup: { type: 'string', default: '5' },
    duration: { type: 'string', default: '20' },
    drain: { type: 'string', default: '2' },
    json: { type: 'string' },
    mark: { type: 'string' },
  },
});
const samrad = opt.server === 'samrad';
const num = (k) => Number(opt[k]);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.error(`[load ${opt.server}]`, ...a);

/** The server's resident memory in MB. */
function rss() {
  const status = readFileSync(`/proc/${opt.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

/** CPU seconds the server has used (user + system), from /proc. */
function cpu() {
  const stat = readFileSync(`/proc/${opt.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks
}

/** The machine's one-minute load average (the machine may be shared). */
const loadavg = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

/** Signs in through a link as the sign-in page's button does; returns cookie and participant. */
async function signIn(link) {
  const token = link.split('/').pop();
  const response = await fetch(`${opt.base}/join`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: opt.base,
      'sec-fetch-site': 'same-origin',
    },
    body: new URLSearchParams({ token }),
  });
  if (response.status !== 303) throw new Error(`POST /join: ${response.status}`);
  const cookie = response.headers.getSetCookie()[0].split(';')[0];
  const session = await fetch(`${opt.base}/api/session`, { headers: { cookie } });
  if (!session.ok) throw new Error(`GET /api/session: ${session.status}`);
  const { participant } = await session.json();
  return { cookie, participant };
}

async function pool(items, n, f) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await f(items[i], i);
      }
    }),
  );
  return out;
}

/** Every client: who it is, where it connects, and what it writes. */
async function specs() {
  const ws = opt.base.replace(/^http/, 'ws');
  let people;
  if (samrad) {
    const pairs = readFileSync(opt.links, 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/));
    log(`signing in ${pairs.length} participants …`);
    const t0 = Date.now();
    const signed = await pool(pairs, 8, ([, link]) => signIn(link));
    log(`signed in in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    people = pairs.map(([agreement], i) => ({
      agreement,
      participant: signed[i].participant,
      url: `${ws}/sync/${agreement}`,
      headers: { cookie: signed[i].cookie, origin: opt.base },
    }));
  } else {
    people = [];
    for (let a = 0; a < num('agreements'); a++) {
      const agreement = `bench-${String(a).padStart(3, '0')}`;
      for (let p = 0; p < num('per'); p++) {
        people.push({
          agreement,
          participant: {
            id: `p-${agreement}-${p}`,
            name: `Deltagare ${p + 1}`,
            organisation: `Kommun ${p + 1}`,
            role: p === 0 ? 'coordinator' : 'member',
          },
          url: `${ws}/${agreement}`,
          headers: { origin: opt.base },
        });
      }
    }
  }
  const seed = opt.seed ? readFileSync(opt.seed).toString('base64') : undefined;
  const count = new Map();
  for (const p of people) count.set(p.agreement, (count.get(p.agreement) ?? 0) + 1);
  const rank = new Map();
  return people.map((p, index) => {
    const r = rank.get(p.agreement) ?? 0;
    rank.set(p.agreement, r + 1);
    const writes = r >= num('writers') || p.participant.role === 'observer'
      ? null
      : p.participant.role === 'coordinator' ? 'text' : 'remark';
    return {
      ...p,
      index,
      first: r === 0,
      peers: count.get(p.agreement) - 1,
      writes,
      acks: samrad,
      // Node keeps documents only in memory: each agreement's first client brings its content.
      seed: !samrad && r === 0 ? seed : undefined,
    };
  });
}

/** Forks the workers; each holds whole agreements. Returns a function asking all of them. */
function workers(all) {
  const n = num('workers');
  const agreements = [...new Set(all.map((s) => s.agreement))];
  const procs = [];
  for (let w = 0; w < n; w++) {
    const mine = new Set(agreements.filter((_, i) => i % n === w));
    const child = fork(new URL('./load/worker.mjs', import.meta.url), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const pending = new Map();
    child.on('message', ({ id, ok, result, error }) => {
      const p = pending.get(id);
      pending.delete(id);
      ok ? p.resolve(result) : p.reject(new Error(error));
    });
    let ids = 0;
    const ask = (cmd, args) =>
      new Promise((resolve, reject) => {
        const id = ++ids;
        pending.set(id, { resolve, reject });
        child.send({ id, cmd, args });
      });
    procs.push({ ask, specs: all.filter((s) => mine.has(s.agreement)) });
  }
  return {
    init: () => Promise.all(procs.map((p) => p.ask('init', { specs: p.specs }))),
    all: (cmd, args) => Promise.all(procs.map((p) => p.ask(cmd, args))),
    first: (cmd, args) => procs[0].ask(cmd, args),
  };
}

const all = await specs();
const pool_ = workers(all);
await pool_.init();
const agreements = new Set(all.map((s) => s.agreement)).size;
const figures = {
  server: opt.server,
  tool: 'node',
  connections: all.length,
  agreements,
  writers: all.filter((s) => s.writes).length,
  rate: num('rate'),
  presenceHz: num('presence-hz'),
};
await sleep(500);
figures.rssStart = rss();

log(`connecting one client to each of ${agreements} agreements …`);
let t0 = Date.now();
let r = await pool_.all('connect', { which: 'first', parallel: 10 });
const failed = (r) => r.flatMap((x) => x.failures);
if (failed(r).length) throw new Error(`connecting: ${failed(r).join('; ')}`);
log(`… in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
await sleep(2000);
figures.rssLoaded = rss();
if (samrad && opt['seed-out']) {
  const { seed } = await pool_.first('seed');
  writeFileSync(opt['seed-out'], Buffer.from(seed, 'base64'));
}

log(`connecting the other ${all.length - agreements} clients …`);
t0 = Date.now();
r = await pool_.all('connect', { which: 'rest', parallel: 20 });
if (failed(r).length) throw new Error(`connecting: ${failed(r).join('; ')}`);
log(`… in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
await sleep(3000);
figures.rssConnected = rss();

r = await pool_.all('prepare');
figures.unsavedRemarks = r.reduce((n, x) => n + x.unsaved, 0);
await sleep(1000);

const warmup = num('warmup') * 1000;
const duration = num('duration') * 1000;
const start = performance.timeOrigin + performance.now() + 200;
const window = { windowStart: start + warmup, windowEnd: start + warmup + duration };
log(`running: ${figures.writers} writers at ${figures.rate}/s, presence at ${figures.presenceHz} Hz, ${warmup / 1000} + ${duration / 1000} s …`);
// The server's CPU time is read over the measured window; --mark FILE exists during it (a
// profiler can attach for exactly that).
const untilMs = (t) => t - performance.timeOrigin - performance.now();
let cpuStart = NaN;
setTimeout(() => {
  cpuStart = cpu();
  figures.loadavgStart = loadavg();
  if (opt.mark) writeFileSync(opt.mark, '');
}, untilMs(window.windowStart));
setTimeout(() => {
  figures.cpuPercent = ((cpu() - cpuStart) / (duration / 1000)) * 100;
  figures.loadavgEnd = loadavg();
  if (opt.mark) rmSync(opt.mark, { force: true });
}, untilMs(window.windowEnd));
const runs = await pool_.all('run', {
  ...window,
  stopAt: window.windowEnd,
  drainMs: num('drain') * 1000,
  rate: num('rate'),
  presenceHz: num('presence-hz'),
});
figures.rssAfter = rss();
await pool_.all('close');

const sum = (k) => runs.reduce((n, x) => n + x[k], 0);
const hist = (k) => {
  const h = new Histogram();
  for (const x of runs) h.merge(x[k]);
  return h;
};
const seconds = duration / 1000;
const latency = hist('latency');
const presence = hist('presenceLatency');
const acks = hist('ackLatency');
const closes = {};
for (const x of runs) for (const [k, v] of Object.entries(x.closes)) closes[k] = (closes[k] ?? 0) + v;
Object.assign(figures, {
  writesPerSec: sum('writes') / seconds,
  deliveriesPerSec: sum('deliveries') / seconds,
  delivered: sum('expected') ? sum('deliveries') / sum('expected') : NaN,
  p50: latency.quantile(0.5),
  p99: latency.quantile(0.99),
  max: latency.quantile(1),
  presencePerSec: sum('presenceOut') / seconds,
  presenceP50: presence.quantile(0.5),
  presenceP99: presence.quantile(0.99),
  savedP50: acks.quantile(0.5),
  savedP99: acks.quantile(0.99),
  loadLoopLagP99: Math.max(...runs.map((x) => x.loopLagP99)),
  loadCpuPercent: runs.map((x) => Math.round(x.cpuPercent)),
  loadGcPercent: runs.map((x) => Math.round(x.gcPercent)),
  loadGcMaxMs: Math.max(...runs.map((x) => x.gcMaxMs)),
  loadHeapMB: runs.map((x) => Math.round(x.heapMB)),
  closes,
  stillOpen: sum('open'),
});
figures.perAgreementMB = (figures.rssLoaded - figures.rssStart) / agreements;
figures.perConnectionKB = ((figures.rssConnected - figures.rssLoaded) * 1024) / (all.length - agreements);
const line = JSON.stringify(figures);
console.log(line);
if (opt.json) writeFileSync(opt.json, line + '\n');
process.exit(0);

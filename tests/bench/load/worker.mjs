// A load worker: holds the clients of some agreements (all clients of an agreement live in one
// worker, so a write's stamp and its receipt are read on one clock) and does what the
// coordinator (../load.mjs) asks over IPC.
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { Client } from './client.mjs';
import { Histogram } from './histogram.mjs';

const stats = {
  measuring: false,
  stopping: false,
  windowStart: Infinity,
  windowEnd: -Infinity,
  writes: 0,
  expected: 0,
  deliveries: 0,
  presenceOut: 0,
  presenceIn: 0,
  framesIn: 0,
  latency: new Histogram(),
  presenceLatency: new Histogram(),
  ackLatency: new Histogram(),
  closes: {},
};
let clients = [];
const timers = [];

/** Runs `f` over `items`, at most `n` at a time. */
async function pool(items, n, f) {
  const failures = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++];
      try {
        await f(item);
      } catch (e) {
        failures.push(String(e.message ?? e));
      }
    }
  };
  await Promise.all(Array.from({ length: n }, lane));
  return failures;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts the clients' keystrokes and presence, each on its own period with a random phase. */
function start({ rate, presenceHz }) {
  for (const c of clients) {
    if (presenceHz > 0) {
      const period = 1000 / presenceHz;
      timers.push(setTimeout(() => timers.push(setInterval(() => c.sendPresence(!!c.spec.writes), period)), Math.random() * period));
    }
    if (c.spec.writes && rate > 0) {
      const period = 1000 / rate;
      timers.push(setTimeout(() => timers.push(setInterval(() => c.keystroke(), period)), Math.random() * period));
    }
  }
}

function stop() {
  for (const t of timers) clearTimeout(t); // clears intervals too
  timers.length = 0;
}

const handlers = {
  init({ specs }) {
    clients = specs.map((s) => new Client({ ...s, seed: s.seed ? Buffer.from(s.seed, 'base64') : undefined }, stats));
    return {};
  },
  async connect({ which, parallel }) {
    const chosen = clients.filter((c) => (which === 'first' ? c.spec.first : !c.spec.first));
    const failures = await pool(chosen, parallel, (c) => c.connect());
    return { connected: chosen.length - failures.length, failures: failures.slice(0, 5) };
  },
  seed() {
    const c = clients.find((c) => c.spec.first && c.synced);
    return { seed: c ? Buffer.from(c.encodeState()).toString('base64') : null };
  },
  async prepare() {
    for (const c of clients) c.prepare();
    // Samråd answers each write with its state vector: wait until every remark is saved.
    const t0 = Date.now();
    while (clients.some((c) => c.pendingAcks.length) && Date.now() - t0 < 30_000) await sleep(50);
    const unsaved = clients.filter((c) => c.pendingAcks.length).length;
    for (const c of clients) c.pendingAcks.length = 0;
    return { unsaved };
  },
  async run({ windowStart, windowEnd, stopAt, drainMs, rate, presenceHz }) {
    Object.assign(stats, { windowStart, windowEnd, measuring: true });
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    // Garbage collection stops this worker's event loop: its pauses add to what it measures.
    const gc = { ms: 0, max: 0 };
    const gcs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.startTime + performance.timeOrigin < windowStart) continue;
        gc.ms += e.duration;
        gc.max = Math.max(gc.max, e.duration);
      }
    });
    gcs.observe({ entryTypes: ['gc'] });
    start({ rate, presenceHz });
    await sleep(Math.max(0, windowStart - performance.timeOrigin - performance.now()));
    const cpu0 = process.cpuUsage();
    await sleep(Math.max(0, stopAt - performance.timeOrigin - performance.now()));
    const used = process.cpuUsage(cpu0);
    stop();
    await sleep(drainMs);
    lag.disable();
    gcs.disconnect();
    stats.measuring = false;
    const open = clients.filter((c) => c.closed === null).length;
    return {
      writes: stats.writes,
      expected: stats.expected,
      deliveries: stats.deliveries,
      presenceOut: stats.presenceOut,
      presenceIn: stats.presenceIn,
      framesIn: stats.framesIn,
      latency: stats.latency.toJSON(),
      presenceLatency: stats.presenceLatency.toJSON(),
      ackLatency: stats.ackLatency.toJSON(),
      closes: stats.closes,
      open,
      loopLagP99: lag.percentile(99) / 1e6,
      gcPercent: (gc.ms / (stopAt - windowStart)) * 100,
      gcMaxMs: gc.max,
      heapMB: process.memoryUsage().heapUsed / 2 ** 20,
      cpuPercent: ((used.user + used.system) / 1e3 / (windowEnd - windowStart)) * 100,
    };
  },
  async close() {
    stats.stopping = true;
    for (const c of clients) c.close();
    await sleep(500);
    return {};
  },
};

process.on('message', async ({ id, cmd, args }) => {
  try {
    const result = await handlers[cmd](args ?? {});
    process.send({ id, ok: true, result });
  } catch (e) {
    process.send({ id, ok: false, error: String(e.stack ?? e) });
  }
  if (cmd === 'close') process.exit(0);
});

// Opening a real-size agreement cold and warm (see scripts/bench.sh, which builds the fixture):
// a coordinator opens it in a browser with a fresh profile (cold: nothing cached, the whole
// agreement comes from the server), then opens it again in new tabs of the same browser (warm:
// the app shell from the service worker, the agreement from the device copy, then only the
// difference from the server), and once more with the device copy turned off (the shell cached,
// the agreement from the server), to tell the device copy's share from the cache's.
// "shown" is the first screen with the agreement's first clause and its remarks; "online" is
// that and the connection synced.
//
//   node bench/device-open.mjs --work DIR --size 3000 --server BIN --fixture BIN --app DIST [--runs 3]
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchFresh } from '../lib/browser.mjs';
import { deviceRecords } from '../lib/device.mjs';
import { BenchPage } from './bench-page.mjs';

const opts = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const runs = Number(opts.runs ?? 3);

function startServer(db) {
  const child = spawn(opts.server, ['--addr', '127.0.0.1:0', '--db', db, '--app', opts.app], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/Samråd is running at (\S+)/);
      if (m) {
        child.removeAllListeners('exit');
        resolve({ child, base: m[1] });
      }
    });
  });
}

/** The first screen's moments in `page` (ms from its navigation start). */
async function marks(page) {
  await page.waitForFunction(() => window.__bench?.marks.open, null, { timeout: 120_000 });
  return page.evaluate(() => ({ shown: window.__bench.marks.firstRemarks, online: window.__bench.marks.open }));
}

/** Waits until the device copy has been written and stays put for a second. */
async function copySettled(page) {
  let last = -1;
  for (let stable = 0; stable < 10; ) {
    const n = await deviceRecords(page, opts.agreement);
    stable = n > 0 && n === last ? stable + 1 : 0;
    last = n;
    await page.waitForTimeout(100);
  }
  return last;
}

async function again(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  const m = await marks(page);
  await page.close();
  return m;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fixture = path.join(opts.work, String(opts.size));
const run = mkdtempSync(path.join(tmpdir(), 'samrad-bench-device-'));
const profile = mkdtempSync(path.join(tmpdir(), 'samrad-bench-profile-'));
for (const f of readdirSync(fixture)) cpSync(path.join(fixture, f), path.join(run, f));
const server = await startServer(path.join(run, 'samrad.db'));
try {
  const links = JSON.parse(execFileSync(opts.fixture, ['links', '--dir', run, '--base', server.base], { encoding: 'utf8' }));
  const context = await launchFresh(profile);
  const cold = await BenchPage.open(context, links.coordinator);
  const url = cold.page.url();
  opts.agreement = new URL(url).pathname.split('/')[2];
  const first = await marks(cold.page);
  const records = await copySettled(cold.page);
  await cold.page.close();
  const warm = [];
  for (let i = 0; i < runs; i++) warm.push(await again(context, url));
  const off = await context.newPage();
  await off.goto(url);
  await off.evaluate(() => localStorage.setItem('samrad-device-copy', 'off'));
  await off.close();
  const noCopy = [];
  for (let i = 0; i < runs; i++) noCopy.push(await again(context, url));
  await context.close();
  const row = (what, xs) => console.log(`  ${what.padEnd(34)} ${String(Math.round(median(xs.map((x) => x.shown)))).padStart(6)} ${String(Math.round(median(xs.map((x) => x.online)))).padStart(7)}`);
  console.log(`\nopening ${opts.size} remarks (ms from navigation start, median of ${runs} for warm):`);
  console.log(`  ${''.padEnd(34)} ${'shown'.padStart(6)} ${'online'.padStart(7)}`);
  row('cold (fresh profile)', [first]);
  row('warm, from the device copy', warm);
  row('warm, device copy off', noCopy);
  console.log(`  device copy: ${records} record(s)`);
} finally {
  server.child.kill('SIGTERM');
  rmSync(run, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
}

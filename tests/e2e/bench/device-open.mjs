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
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { deviceRecords } from '../lib/device.mjs';
import { BenchPage } from './bench-page.mjs';
import { freshProfiles, options, serveCopy } from './launch.mjs';

const opts = options();
const runs = Number(opts.runs ?? 3);

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
const server = await serveCopy(opts, path.join(opts.work, String(opts.size)), 'samrad-bench-device-');
const profiles = freshProfiles();
try {
  const links = JSON.parse(execFileSync(opts.fixture, ['links', '--dir', server.run, '--base', server.base], { encoding: 'utf8' }));
  const context = await profiles.open();
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
  await server.stop();
  profiles.remove();
}

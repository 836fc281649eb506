// How fast the stance matrix and the compilation page open on a real-size fixture (see
// scripts/bench.sh, which builds it: 50 organisations × 120 clauses): the coordinator's
// session from the fixture opens each page cold (the address typed in a fresh tab: app, sync
// and page) and warm (reached from the agreement with the replica loaded: the page's own
// cost); the agreement's own cold open is printed beside them for reference. Each figure is
// the time from navigation (or the click) until the first screenful is shown — the matrix's
// first row, the compilation's first clause — and until the page is complete — every cell,
// every clause — and, warm, the main thread's busy time over each (Chrome's TaskDuration: what
// the page costs, where wall time on a shared machine also counts waiting for a core). Three
// runs each; the median is printed. Then, on the full grid, a cell's detail opened and closed
// again at five cells (`cell`: medians of wall and busy time).
//
//   node bench/matrix.mjs --fixture DIR --server BIN --app DIST [--runs 3]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launch, screenshotDir } from '../lib/browser.mjs';
import { coordinatorContext, options, serveCopy } from './launch.mjs';

const opts = options();
const runs = Number(opts.runs ?? 3);

// Complete: at least this many items shown (the coordinators' own organisation may not be
// one of the consulted rows).
const PAGES = {
  matrix: { first: 'table.matrix tbody tr', count: 'td.matrix-cell', expected: (f) => (f.organisations - 1) * f.clauses },
  compilation: { first: 'article.compilation-clause', count: 'article.compilation-clause', expected: (f) => f.clauses },
};

/** The renderer's main-thread busy time so far (Chrome's TaskDuration), in ms: what a page
 * costs whatever else the machine is doing, where wall time also counts waiting for a core. */
async function busy(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration').value * 1000;
}

/** Times from `start()` until the page's first screenful and until it is complete: wall time
 * and main-thread busy time. */
async function measure(page, which, start) {
  const p = PAGES[which];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const b0 = await busy(cdp);
  const t0 = Date.now();
  await start();
  await page.locator(p.first).first().waitFor({ timeout: 120_000 });
  const first = Date.now() - t0;
  const firstBusy = Math.round((await busy(cdp)) - b0);
  await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length >= n, [p.count, p.expected(fixture)], { timeout: 120_000, polling: 20 });
  const complete = Date.now() - t0;
  const completeBusy = Math.round((await busy(cdp)) - b0);
  await cdp.detach();
  return { first, complete, firstBusy, completeBusy, count: await page.locator(p.count).count() };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Opening a cell's detail beside the full grid and closing it again, at cells spread over
 * the grid: from the click (or Escape) until the detail's heading has focus (or the detail is
 * gone), wall time and main-thread busy time; medians. */
async function cellDetail(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const timed = async (act, done) => {
    const b0 = await busy(cdp);
    const t0 = Date.now();
    await act();
    await done();
    return [Date.now() - t0, Math.round((await busy(cdp)) - b0)];
  };
  const opened = [];
  const closed = [];
  for (const [row, column] of [[3, 5], [10, 40], [20, 80], [30, 100], [40, 110]]) {
    const cell = page.locator('table.matrix tbody tr').nth(row).locator('td.matrix-cell').nth(column);
    opened.push(await timed(() => cell.click(), () => page.waitForFunction(() => document.activeElement?.id === 'matrix-detail-heading', null, { timeout: 20_000 })));
    closed.push(await timed(() => page.keyboard.press('Escape'), () => page.locator('.matrix-detail').waitFor({ state: 'detached' })));
  }
  await cdp.detach();
  const figure = (xs) => ({ ms: median(xs.map((x) => x[0])), busyMs: median(xs.map((x) => x[1])) });
  return { open: figure(opened), close: figure(closed), runs: { open: opened, close: closed } };
}

const fixture = JSON.parse(readFileSync(path.join(opts.fixture, 'fixture.json'), 'utf8'));
const server = await serveCopy(opts, opts.fixture, 'samrad-matrix-');
const browser = await launch();
try {
  const context = await coordinatorContext(browser, fixture, server.base);
  const a = `${server.base}/a/${fixture.agreement}`;
  const figures = {};
  // For reference: the agreement itself opened cold (app, sync and first clauses).
  const opened = [];
  for (let i = 0; i < runs; i++) {
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(a);
    await page.locator('article.clause').first().waitFor({ timeout: 120_000 });
    opened.push(Date.now() - t0);
    await page.close();
  }
  figures.agreement = { coldFirstMs: median(opened), runs: opened };
  for (const which of Object.keys(PAGES)) {
    const cold = [];
    const warm = [];
    for (let i = 0; i < runs; i++) {
      const page = await context.newPage();
      cold.push(await measure(page, which, () => page.goto(`${a}/${which}`)));
      await page.goto(a);
      await page.locator('article.clause').first().waitFor({ timeout: 120_000 });
      warm.push(await measure(page, which, () => page.locator(`nav.page-nav a[href$="/${which}"]`).click()));
      // The page at this size, to look at (bench-matrix.png, bench-compilation.png).
      if (i === runs - 1) await page.screenshot({ path: path.join(screenshotDir, `bench-${which}.png`) });
      if (which === 'matrix' && i === runs - 1) figures.cell = await cellDetail(page);
      await page.close();
    }
    figures[which] = {
      shown: cold[0].count,
      coldFirstMs: median(cold.map((r) => r.first)),
      coldCompleteMs: median(cold.map((r) => r.complete)),
      warmFirstMs: median(warm.map((r) => r.first)),
      warmCompleteMs: median(warm.map((r) => r.complete)),
      warmFirstBusyMs: median(warm.map((r) => r.firstBusy)),
      warmCompleteBusyMs: median(warm.map((r) => r.completeBusy)),
      runs: { cold: cold.map((r) => [r.first, r.complete]), warm: warm.map((r) => [r.first, r.complete, r.firstBusy, r.completeBusy]) },
    };
  }
  console.log(JSON.stringify({ fixture: { clauses: fixture.clauses, organisations: fixture.organisations, remarks: fixture.remarks } }));
  for (const [which, f] of Object.entries(figures)) console.log(JSON.stringify({ page: which, ...f }));
} finally {
  await browser.close();
  await server.stop();
}

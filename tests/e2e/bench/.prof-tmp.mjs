// Quick CPU profile of a warm page open (not committed).
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch } from '/work/wt/pages13/tests/e2e/lib/browser.mjs';
const [fixtureDir, server, app, which] = process.argv.slice(2);
const fixture = JSON.parse(readFileSync(path.join(fixtureDir, 'fixture.json'), 'utf8'));
const run = mkdtempSync(path.join(tmpdir(), 'samrad-prof-'));
for (const f of readdirSync(fixtureDir)) cpSync(path.join(fixtureDir, f), path.join(run, f));
const child = spawn(server, ['--addr', '127.0.0.1:0', '--db', path.join(run, 'samrad.db'), '--app', app], { stdio: ['ignore', 'pipe', 'ignore'] });
const base = await new Promise((res) => { let out = ''; child.stdout.on('data', (d) => { out += d; const m = out.match(/Samråd is running at (\S+)/); if (m) res(m[1]); }); });
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const [name, value] = fixture.coordinator.cookie.split('=');
  await context.addCookies([{ name, value, url: base }]);
  const page = await context.newPage();
  await page.goto(`${base}/a/${fixture.agreement}`);
  await page.locator('article.clause').first().waitFor({ timeout: 120000 });
  await page.waitForTimeout(1500);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  await page.locator(`nav.page-nav a[href$="/${which}"]`).click();
  const sel = which === 'matrix' ? 'table.matrix tbody tr' : 'article.compilation-clause';
  await page.locator(sel).first().waitFor({ timeout: 120000 });
  const first = Date.now() - t0;
  await page.waitForTimeout(2500);
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`; self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0)); });
  // inclusive time per function
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map();
  profile.samples.forEach((id, i) => { const seen = new Set(); let cur = id; while (cur !== undefined) { const n = byId.get(cur); const k = n.callFrame.functionName || '(anon)'; if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + (dt[i] ?? 0)); } cur = parent.get(cur); } });
  console.log('first', first);
  console.log('SELF');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((v / 1000).toFixed(1), k);
  console.log('INCLUSIVE');
  for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log((v / 1000).toFixed(1), k);
} finally { await browser.close(); child.kill(); rmSync(run, { recursive: true, force: true }); }

// Prints the server benchmark's table from the load tool's JSON figures (files that are missing
// are skipped).
import { existsSync, readFileSync } from 'node:fs';

const rows = process.argv.slice(2).filter(existsSync).map((f) => JSON.parse(readFileSync(f, 'utf8')));
const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const name = { samrad: 'Samråd', node: 'Node y-websocket' };
// Which load tool measured a row: figures of the two tools are not comparable with each other.
const tool = (r) => (r.tool === 'rust' ? 'Rust tool' : 'Node tool');
const label = (r) => `${name[r.server] ?? r.server} (${tool(r)})`;
const cols = [
  ['server', label],
  ['conns', (r) => r.connections],
  ['agreements', (r) => r.agreements],
  ['writes/s', (r) => f(r.writesPerSec, 0)],
  ['deliveries/s', (r) => f(r.deliveriesPerSec, 0)],
  ['delivered', (r) => `${f(r.delivered * 100, 2)}%`],
  ['p50 ms', (r) => f(r.p50)],
  ['p99 ms', (r) => f(r.p99)],
  ['saved p50/p99 ms', (r) => (r.server === 'samrad' ? `${f(r.savedP50)}/${f(r.savedP99)}` : '–')],
  ['server CPU %', (r) => f(r.cpuPercent, 0)],
  ['tool CPU %', (r) => (r.loadCpuPercent ?? []).join('+')],
  ['presence/s', (r) => f(r.presencePerSec, 0)],
  ['presence p99 ms', (r) => f(r.presenceP99)],
  ['RSS MB start→loaded→connected→after', (r) => `${f(r.rssStart)}→${f(r.rssLoaded)}→${f(r.rssConnected)}→${f(r.rssAfter)}`],
  ['MB/agreement', (r) => f(r.perAgreementMB, 2)],
  ['KB/idle conn', (r) => f(r.perConnectionKB, 0)],
];
const table = [cols.map(([h]) => h), ...rows.map((r) => cols.map(([, g]) => String(g(r))))];
const widths = cols.map((_, i) => Math.max(...table.map((row) => row[i].length)));
const line = (row) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(table[0]));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of table.slice(1)) console.log(line(row));
for (const r of rows) {
  console.log(`${label(r)}: ${r.writers} writers at ${r.rate}/s, presence at ${r.presenceHz} Hz; machine load average ${f(r.loadavgStart)} → ${f(r.loadavgEnd)} over the window`);
  const closes = Object.entries(r.closes ?? {});
  if (closes.length || r.stillOpen !== r.connections) {
    console.log(`${label(r)}: ${r.stillOpen}/${r.connections} connections open at the end; closed: ${closes.map(([k, v]) => `${v}× ${k}`).join(', ') || 'none'}`);
  }
  // The load tool's own delays add to every latency it measures: printed for each run.
  if (r.tool === 'rust') {
    console.log(`${label(r)}: the load tool's 5 ms timer fired ${f(r.loadLoopLagP99, 2)} ms late (p99); it used ${r.loadCpuPercent?.join(' + ')} % CPU (100 % = one core)`);
    continue;
  }
  console.log(`${label(r)}: the load tool's event loop lagged ${f(r.loadLoopLagP99)} ms (p99); its workers used ${r.loadCpuPercent?.join(' % and ')} % CPU` +
    (r.loadHeapMB ? `, ${r.loadGcPercent.join(' % and ')} % of the window in garbage collection (longest pause ${f(r.loadGcMaxMs)} ms), heaps ${r.loadHeapMB.join(' and ')} MB` : ''));
}

// Opening a real-size agreement whose room the server has not loaded yet, beside one it has:
// per run, a fresh server over a copy of the fixture's store; the coordinator signs in with a
// fresh profile (the room starts loading at sign-in) and opens the agreement; then a member
// opens it in a second fresh browser (the room loaded), once the first is closed. Prints one JSON line per open, with
// the moments of opening (ms from navigation start), so the server's part (socket open → state
// arrived) can be told from the browser's (state arrived → handled).
//
//   node bench/cold-open.mjs --work DIR --size 3000 --server BIN --fixture BIN --app DIST [--runs 3] [--label L]
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { BenchPage } from './bench-page.mjs';
import { freshProfiles, options, serveCopy } from './launch.mjs';

const opts = options();
const runs = Number(opts.runs ?? 1);

/** One opening's figures, rounded. */
async function figures(label, page) {
  const t = await page.openTimeline();
  const r = { label, open: await page.openMs(), html: t.html, socketOpen: t.socketOpen, state: t.state, handled: t.stateHandled };
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v) : v]));
}

for (let i = 0; i < runs; i++) {
  const server = await serveCopy(opts, path.join(opts.work, String(opts.size)), 'samrad-bench-cold-');
  const profiles = freshProfiles();
  try {
    const links = JSON.parse(execFileSync(opts.fixture, ['links', '--dir', server.run, '--base', server.base], { encoding: 'utf8' }));
    const cold = await BenchPage.open(await profiles.open(), links.coordinator);
    console.log(JSON.stringify(await figures(`${opts.label ?? ''} not loaded`, cold)));
    // Closed first: what the first reader's page does once shown (fetching the other pages'
    // files when idle, presence) is not the second reader's open.
    await cold.page.context().close();
    const loaded = await BenchPage.open(await profiles.open(), links.member);
    console.log(JSON.stringify(await figures(`${opts.label ?? ''} loaded`, loaded)));
    await loaded.page.context().close();
  } finally {
    profiles.remove();
    await server.stop();
  }
}

// What every browser benchmark starts with (see scripts/bench.sh): its options from the command
// line, the server over a private copy of a fixture's store (a run writes remarks and sessions
// the next run must not find), and browsers — one signed in as the fixture's coordinator, or
// fresh profiles for a cold cache.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchFresh } from '../lib/browser.mjs';

/** The `--name value` pairs on the command line, by name. */
export function options(argv = process.argv.slice(2)) {
  return Object.fromEntries(argv.reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
}

/** Starts `opts.server` (serving `opts.app`) on a free port over a copy of the fixture in `dir`,
 * made in a fresh directory named from `prefix`. Gives `{ base, run, stop }`: the server's
 * address, the copy's directory (for the fixture tool), and `stop()`, which ends the server and
 * removes the copy. */
export async function serveCopy(opts, dir, prefix) {
  const run = mkdtempSync(path.join(tmpdir(), prefix));
  for (const f of readdirSync(dir)) cpSync(path.join(dir, f), path.join(run, f));
  const remove = () => rmSync(run, { recursive: true, force: true });
  const child = spawn(opts.server, ['--addr', '127.0.0.1:0', '--db', path.join(run, 'samrad.db'), '--app', opts.app], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const base = await new Promise((resolve, reject) => {
    let out = '';
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/Samråd is running at (\S+)/);
      if (m) {
        child.removeAllListeners('exit');
        resolve(m[1]);
      }
    });
  }).catch((e) => {
    remove();
    throw e;
  });
  return {
    base,
    run,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.on('exit', r)));
      remove();
    },
  };
}

/** A context of `browser` signed in as the fixture's coordinator (`fixture.json`'s session
 * cookie) at the server at `base`. */
export async function coordinatorContext(browser, fixture, base) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const [name, value] = fixture.coordinator.cookie.split('=');
  await context.addCookies([{ name, value, url: base }]);
  return context;
}

/** Browsers each with a fresh profile of its own (nothing cached: the cold case), `open(args)`
 * with further Chromium switches; `remove()` deletes every profile opened. */
export function freshProfiles() {
  const dirs = [];
  return {
    open(args = []) {
      const dir = mkdtempSync(path.join(tmpdir(), 'samrad-bench-profile-'));
      dirs.push(dir);
      return launchFresh(dir, args);
    },
    remove() {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

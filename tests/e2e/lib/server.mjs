// Starts a Samråd server on a free port with a fresh store and reads the demo sign-in links it
// prints. Each test gets its own server, so tests never share state.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

export async function startServer() {
  const bin = process.env.SAMRAD_SERVER ?? path.join(root, 'target', 'debug', 'samrad-server');
  const dir = mkdtempSync(path.join(tmpdir(), 'samrad-e2e-'));
  let child;
  let addr = '127.0.0.1:0';

  // Spawns the server on `addr` over the same store and waits for the demo links it prints.
  async function spawnServer() {
    child = spawn(
      bin,
      ['--addr', addr, '--db', path.join(dir, 'samrad.db'), '--app', path.join(root, 'dist')],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stderr.on('data', (d) => { if (process.env.SAMRAD_E2E_VERBOSE) process.stderr.write(d); });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server printed no links in 20 s:\n${out}`)), 20_000);
      child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
      child.stdout.on('data', (d) => {
        out += d;
        const found = [...out.matchAll(/^\s+(\w+)\s+(.+?) \((.+?)\): (http:\/\/\S+\/join\/\S+)\s*$/gm)];
        if (found.length >= 3) {
          clearTimeout(timer);
          resolve(Object.fromEntries(found.map(([, role, name, organisation, url]) => [role, { name, organisation, url }])));
        }
      });
    });
  }

  async function kill() {
    const running = child;
    running.removeAllListeners('exit');
    running.kill('SIGTERM');
    await new Promise((r) => (running.exitCode !== null || running.signalCode !== null ? r() : running.on('exit', r)));
  }

  const links = await spawnServer();
  const base = new URL(links.coordinator.url).origin;
  addr = new URL(base).host;
  return {
    base,
    links,
    /** Stops the server (gracefully), keeping its store: the network is gone for the app. */
    async down() {
      await kill();
    },
    /** Starts it again on the same address over the same store. */
    async up() {
      await spawnServer();
    },
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

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
  const child = spawn(
    bin,
    ['--addr', '127.0.0.1:0', '--db', path.join(dir, 'samrad.db'), '--app', path.join(root, 'dist')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stderr.on('data', (d) => { if (process.env.SAMRAD_E2E_VERBOSE) process.stderr.write(d); });
  const links = await new Promise((resolve, reject) => {
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
  const base = new URL(links.coordinator.url).origin;
  return {
    base,
    links,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

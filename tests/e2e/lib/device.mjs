// The device copy and the offline shell, as a test sees them: a device's network that can be
// taken away entirely (the sync socket routed into a void, the app's origin blocked, so only the
// service worker's cache answers), and what the browser keeps for the agreement, read from the
// page itself.
import { AGREEMENT } from './world.mjs';

/** The network of one browser context (a device). */
export class DeviceNetwork {
  constructor(base) {
    this.base = base;
    this.off = false;
    this.sockets = [];
    /** Sync sockets the server side has seen closed. */
    this.closed = 0;
  }

  async attach(context) {
    this.context = context;
    await context.routeWebSocket(/\/sync\//, (ws) => {
      this.sockets.push(ws);
      ws.onClose(() => (this.closed += 1));
      // While off, the socket goes nowhere: a void, as on a train.
      if (!this.off) ws.connectToServer();
    });
    await context.route(`${this.base}/**`, (route) => (this.off ? route.abort('internetdisconnected') : route.fallback()));
  }

  /** Takes the network away: open sockets drop, new ones reach nothing, every request to the
   * origin fails — pages then open only from the service worker's cache. */
  async down() {
    this.off = true;
    await this.drop('network lost');
  }

  async up() {
    this.off = false;
    await this.drop('network back');
  }

  async drop(reason) {
    for (const ws of this.sockets.splice(0)) await ws.close({ code: 1001, reason }).catch(() => {});
  }
}

/** Waits until the page is controlled by the service worker (the shell is cached) and the
 * worker keeps the agreement page's interactive parts, which the app fetches after its first
 * screen: a device that then goes offline opens and writes as before. */
export async function shellInstalled(page) {
  // `ready` resolves once a worker is active (its cache filled); it controls the page once it
  // has claimed it. (A predicate for waitForFunction must not be async: a promise is truthy.)
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller), null, { timeout: 20_000 });
  await filesKept(page, (await workerLists(page)).SOON, "the interactive parts' files");
}

/** The service worker's lists of files (SHELL, SOON, LATER), as the build wrote them above its
 * logic in `/sw.js`. */
export async function workerLists(page) {
  const text = await page.evaluate(async () => (await fetch('/sw.js')).text());
  return new Function(`${text.slice(0, text.indexOf('const CACHE'))}; return { SHELL, SOON, LATER };`)();
}

/** The agreement's database names on this device, read from the page. */
export async function databases(page) {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
}

/** How many records the device copy of the agreement holds (0 if there is none). */
export async function deviceRecords(page, agreement = AGREEMENT) {
  return page.evaluate(async (name) => {
    if (!(await indexedDB.databases()).some((d) => d.name === name)) return 0;
    return new Promise((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const count = db.transaction('records').objectStore('records').count();
        count.onsuccess = () => { db.close(); resolve(count.result); };
        count.onerror = () => reject(count.error);
      };
    });
  }, `samrad.${agreement}`);
}

/** Waits until the device copy holds the agreement (its first records are written). */
export async function deviceCopyKept(page) {
  const start = Date.now();
  while ((await deviceRecords(page)) === 0) {
    if (Date.now() - start > 15_000) throw new Error('the device copy was not written');
    await page.waitForTimeout(100);
  }
}

/** Waits until the device copy has written everything queued (records, acknowledgements and
 * drafts): closing the page before then may lose the newest of them. */
export async function deviceWritten(page) {
  await page.locator('[data-testid=connection][data-device-writing=false]').waitFor({ timeout: 15_000 });
}

/** Waits until the service worker keeps every one of `files` (named `what` if it does not). */
export async function filesKept(page, files, what = 'the files') {
  const kept = () => page.evaluate(async (files) => {
    const name = (await caches.keys()).find((k) => k.startsWith('samrad-shell-'));
    if (!name) return false;
    const cache = await caches.open(name);
    return (await Promise.all(files.map((f) => cache.match(f)))).every(Boolean);
  }, files);
  const start = Date.now();
  while (!(await kept())) {
    if (Date.now() - start > 20_000) throw new Error(`${what} were not kept`);
    await page.waitForTimeout(200);
  }
}

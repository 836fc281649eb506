// Page object for the benchmark: the agreement page as a participant uses it, with probes
// that time what they see from inside the page (so no polling delay is counted).
//
// Installed before the app loads, the probe records:
// - when the page first shows the agreement online with its first clause rendered;
// - per key press, the time until the app has handled it and laid the page out (keydown → a
//   message posted behind the press's task, which forces layout). Chromium holds tasks posted
//   after an input back until the next frame is drawn, so this also holds the wait for the
//   display's next frame (up to 16.7 ms at 60 Hz; the same on a page with nothing but a
//   textarea, see `floor`). Beside it the press's work: its own task (to the end of the input
//   event's handlers and their effects) plus the frame that shows it (from that frame's
//   animation callbacks to the message), without the idle wait between the two;
// - per websocket message, the same for a remote change (the app's handler, its effects and
//   the layout they cause);
// - the wasm instance, for the size of its memory.
import { AgreementPage } from '../lib/agreement-page.mjs';
import { tracedTyping } from './trace.mjs';

export const PROBE = () => {
  if (window.__bench) return;
  const bench = (window.__bench = { marks: {}, keys: [], messages: [], wasm: null });
  const afterTask = (t0, sink, press) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      void document.body?.offsetHeight;
      const end = performance.now();
      sink.push([t0, end - t0, press ? work(press, end) : undefined]);
      // The window, for Chromium's trace (bench/trace.mjs).
      if (press) performance.measure('key', { start: t0, end });
    };
    channel.port2.postMessage(0);
  };
  // A press's main-thread work: handled (its task) plus drawn (its frame), not the wait between.
  const work = (p, end) =>
    p.handled !== undefined && p.frame !== undefined && p.frame >= p.handled
      ? p.handled - p.t0 + (end - p.frame)
      : end - p.t0;
  let press = null;
  addEventListener('input', () => {
    const p = press;
    if (p) queueMicrotask(() => (p.handled ??= performance.now()));
  });
  addEventListener('keydown', () => {
    const p = (press = { t0: performance.now() });
    requestAnimationFrame(() => (p.frame ??= performance.now()));
    afterTask(p.t0, bench.keys, p);
  }, true);
  // Where the time to the first screen goes: the socket opened, the agreement arrived (the
  // server's first large frame) and was handled.
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      bench.marks.socket ??= performance.now();
      this.addEventListener('open', () => (bench.marks.socketOpen ??= performance.now()));
      this.addEventListener('message', (e) => {
        const t0 = performance.now();
        if (!bench.marks.state && e.data?.byteLength > 10_000) {
          bench.marks.state = t0;
          afterTask(t0, bench.stateHandled = []);
        }
        afterTask(t0, bench.messages);
      });
    }
  };
  addEventListener('TrunkApplicationStarted', (e) => (bench.wasm = e.detail?.wasm ?? null));
  const seen = () => {
    const m = bench.marks;
    if (!m.online && document.querySelector('[data-testid=connection][data-state=online]')) m.online = performance.now();
    const first = document.querySelector('article.clause');
    if (!m.firstClause && first?.querySelector('.clause-text')?.textContent.length > 50) m.firstClause = performance.now();
    if (!m.firstRemarks && first?.querySelector('li.remark, .remarks .empty')) m.firstRemarks = performance.now();
    if (m.online && m.firstClause && m.firstRemarks && !m.open) {
      void document.body.offsetHeight;
      m.open = performance.now();
    }
  };
  // Watches only until the first screen is there, so it costs nothing while timing the rest.
  const watcher = new MutationObserver(() => {
    seen();
    if (bench.marks.open) watcher.disconnect();
  });
  watcher.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
};

/** Types `text` into `field` at the benchmark's pace; per key `{ ms, work }` (see the probe). */
export async function typeInto(page, field, text) {
  await field.focus();
  await page.evaluate(() => (window.__bench.keys.length = 0));
  await page.keyboard.type(text, { delay: 25 });
  await page.waitForTimeout(100);
  return page.evaluate(() => window.__bench.keys.map(([, ms, work]) => ({ ms, work })));
}

/** The same typing on a page with nothing but a textarea, in a new page of `context`: what
 * the browser alone takes. Gives the keys (as `typeInto`) and, from a second round with
 * Chromium's trace on, each key's main-thread CPU milliseconds (`cpu`). */
export async function floor(context, text) {
  const page = await probedPage(context, '<label for=t>Synpunkt</label><textarea id=t rows=3 cols=80></textarea>');
  const field = page.getByLabel('Synpunkt');
  const keys = await typeInto(page, field, text);
  const cpu = (await tracedTyping(page, field, text)).keys.map((k) => k.cpu / 1000);
  await page.close();
  return { keys, cpu };
}

/** A new page of `context` holding `body`, with the probe installed. */
export async function probedPage(context, body) {
  const page = await context.newPage();
  await page.route('http://probe.invalid/', (r) =>
    r.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="sv"><title>probe</title>${body}</html>` }),
  );
  await page.goto('http://probe.invalid/');
  await page.evaluate(PROBE);
  return page;
}

export class BenchPage extends AgreementPage {
  static async open(context, link) {
    await context.addInitScript(PROBE);
    const page = await context.newPage();
    const p = new BenchPage(page);
    await p.signIn(link);
    await page.waitForFunction(() => window.__bench?.marks.open, null, { timeout: 120_000 });
    return p;
  }

  /** The agreement at `url` in `context`, signed in with `cookies` (another device of a
   * reader signed in elsewhere). */
  static async openSignedIn(context, cookies, url) {
    await context.addInitScript(PROBE);
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.__bench?.marks.open, null, { timeout: 120_000 });
    return new BenchPage(page);
  }

  /** Milliseconds from navigation start until the first screen showed the agreement online. */
  async openMs() {
    return this.page.evaluate(() => window.__bench.marks.open);
  }

  /** The moments of opening (ms from navigation start): the agreement's state fetched (a
   * first visit), the app's socket created (after applying a fetched state) and open, the
   * state arrived over the socket, handled (applied, indexed, rendered), the first screen. */
  async openTimeline() {
    return this.page.evaluate(() => {
      const m = window.__bench.marks;
      const handled = window.__bench.stateHandled?.[0];
      const nav = performance.getEntriesByType('navigation')[0];
      // On a first visit the agreement comes by fetch (index.html): received when its body is.
      const fetched = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/state'));
      return {
        html: nav?.responseEnd,
        fetched: fetched?.responseEnd,
        fetchAnswered: fetched?.responseStart,
        fetchAsked: fetched?.requestStart,
        socket: m.socket,
        socketOpen: m.socketOpen,
        state: m.state,
        stateHandled: handled ? handled[0] + handled[1] : undefined,
        open: m.open,
      };
    });
  }

  async domNodes() {
    return this.page.evaluate(() => document.getElementsByTagName('*').length);
  }

  /** JS heap after a garbage collection, and the wasm instance's memory, in bytes. */
  async memory() {
    const cdp = await this.page.context().newCDPSession(this.page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    const wasm = await this.page.evaluate(() => window.__bench.wasm?.memory?.buffer.byteLength ?? 0);
    await cdp.detach();
    return { heap, wasm };
  }

  /** Opens the composer on a clause through its button; milliseconds until it shows. */
  async openComposer(number) {
    const button = this.clause(number).getByRole('button', { name: `Synpunkt på punkt ${number}` });
    await button.scrollIntoViewIfNeeded();
    return this.page.evaluate((name) => {
      const button = [...document.querySelectorAll('button.remark-on-clause')].find((b) => b.textContent === name);
      const t0 = performance.now();
      button.click();
      return new Promise((resolve) => {
        setTimeout(() => resolve(Infinity), 30_000);
        const check = () => {
          if (document.querySelector('form.composer textarea')) {
            void document.body.offsetHeight;
            resolve(performance.now() - t0);
            return true;
          }
          return false;
        };
        if (!check()) new MutationObserver((_, mo) => check() && mo.disconnect()).observe(document, { subtree: true, childList: true });
      });
    }, `Synpunkt på punkt ${number}`);
  }

  /** Types into the open composer; per key, milliseconds until handled and drawn (`ms`) and
   * the main-thread work of it (`work`, see the probe). */
  async typeInComposer(number, text) {
    const field = this.clause(number).locator('form.composer').getByLabel('Synpunkt', { exact: true });
    return typeInto(this.page, field, text);
  }

  /** Types into the open composer with Chromium's trace on; per key, its main-thread CPU
   * milliseconds (what it cost however busy the machine). Leaves `text` in the composer. */
  async composerCpu(number, text) {
    return (await this.composerTraced(number, text)).map((k) => k.cpu / 1000);
  }

  /** Types into the open composer with Chromium's trace on; per key, its parts (see
   * `phases` in trace.mjs). Leaves `text` in the composer. */
  async composerTraced(number, text) {
    const field = this.clause(number).locator('form.composer').getByLabel('Synpunkt', { exact: true });
    const { keys } = await tracedTyping(this.page, field, text);
    await field.fill(text);
    return keys;
  }

  /** Sends the open composer's remark; milliseconds from "Skicka" until it is on screen. */
  async send(text) {
    return this.page.evaluate((text) => {
      const form = document.querySelector('form.composer');
      const button = [...form.querySelectorAll('button')].find((b) => b.textContent === 'Skicka synpunkt');
      const t0 = performance.now();
      const at = performance.timeOrigin + t0;
      button.click();
      return new Promise((resolve) => {
        setTimeout(() => resolve({ ms: Infinity, at }), 30_000);
        const shown = () =>
          [...document.querySelectorAll('li.remark .remark-body')].some((b) => b.textContent.includes(text));
        const done = () => {
          void document.body.offsetHeight;
          resolve({ ms: performance.now() - t0, at });
        };
        if (shown()) return done();
        new MutationObserver((_, mo) => {
          if (shown()) {
            mo.disconnect();
            done();
          }
        }).observe(document, { subtree: true, childList: true, characterData: true });
      });
    }, text);
  }

  /** Writes and sends a comment on a clause; milliseconds until it is on screen. */
  async postRemark(number, text) {
    await this.openComposer(number);
    const field = this.clause(number).locator('form.composer').getByLabel('Synpunkt', { exact: true });
    await field.fill(text);
    return this.send(text);
  }

  /** Starts noting, by wall clock, when remark texts containing `marker` first show. */
  async watchFor(marker) {
    await this.page.evaluate((marker) => {
      const seen = (window.__bench.seen = {});
      const look = () => {
        for (const body of document.querySelectorAll('li.remark .remark-body')) {
          const t = body.textContent;
          if (t.includes(marker) && !(t in seen)) seen[t] = performance.timeOrigin + performance.now();
        }
      };
      window.__bench.watcher = new MutationObserver(look);
      window.__bench.watcher.observe(document, { subtree: true, childList: true, characterData: true });
    }, marker);
  }

  async stopWatching() {
    await this.page.evaluate(() => window.__bench.watcher?.disconnect());
  }

  async seen() {
    return this.page.evaluate(() => window.__bench.seen);
  }

  /** Clears the record of websocket messages handled. */
  async clearMessages() {
    await this.page.evaluate(() => (window.__bench.messages.length = 0));
  }

  /** Main-thread milliseconds per websocket message handled since the last clear. */
  async messages() {
    return this.page.evaluate(() => window.__bench.messages.map(([, d]) => d));
  }

  /** Follows a table-of-contents link; milliseconds until the clause shows with its remarks. */
  async jumpTo(number) {
    return this.page.evaluate((number) => {
      const article = () => document.querySelector(`article.clause[data-clause="${number}"]`);
      const link = document.querySelector(`nav.toc a[href="#${article().id}"]`);
      const t0 = performance.now();
      link.click();
      return new Promise((resolve) => {
        const give = setTimeout(() => resolve(Infinity), 30_000);
        const ready = () => {
          const a = article();
          const box = a.getBoundingClientRect();
          return box.top < innerHeight && box.bottom > 0 && a.querySelector('li.remark, .remarks .empty');
        };
        const tick = () => {
          if (ready()) {
            void document.body.offsetHeight;
            clearTimeout(give);
            resolve(performance.now() - t0);
          } else {
            requestAnimationFrame(tick);
          }
        };
        tick();
      });
    }, number);
  }
}

// Chromium's trace of typing, split per key: which main-thread tasks ran in each key's window
// (marked by the benchmark's probe as the user timing `key`, see bench-page.mjs) and what they
// were — the key's input task, the frame that shows it and its phases, other tasks, garbage
// collection — with the idle time between them and the thread's own CPU time (what the key
// cost, however busy the machine). Used by typing-trace.mjs and run.mjs.

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'blink.user_timing',
  'toplevel',
  'v8',
  'disabled-by-default-v8.gc',
  'cc',
  'blink',
].join(',');

/** Records Chromium's trace on `page` while `action` runs; gives the trace events. */
export async function traced(page, action) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReturnAsStream' });
  await action();
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const { stream } = await done;
  let json = '';
  for (;;) {
    const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    json += base64Encoded ? Buffer.from(data, 'base64').toString() : data;
    if (eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  await cdp.detach();
  const parsed = JSON.parse(json);
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

/** The renderer main thread's slices (complete, with self time), and the key windows. */
export function slices(events) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain'
    && events.some((k) => k.cat === 'blink.user_timing' && k.name === 'key' && k.pid === e.pid));
  const on = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const open = [];
  const all = [];
  for (const e of on.sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'X') all.push({ name: e.name, ts: e.ts, end: e.ts + (e.dur ?? 0), cpu: e.tdur, args: e.args });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const b = open.findLast((o) => o.name === e.name) ?? open.at(-1);
      if (b) {
        open.splice(open.indexOf(b), 1);
        all.push({ name: b.name, ts: b.ts, end: e.ts, cpu: e.tts - b.tts, args: { ...b.args, ...e.args } });
      }
    }
  }
  all.sort((a, b) => a.ts - b.ts || b.end - a.end);
  // Self time: a slice's duration less its direct children's.
  const stack = [];
  for (const s of all) {
    while (stack.length && stack.at(-1).end <= s.ts) stack.pop();
    s.self = s.end - s.ts;
    s.depth = stack.length;
    if (stack.length) stack.at(-1).self -= s.end - s.ts;
    stack.push(s);
  }
  const starts = {};
  const keys = [];
  for (const e of events.filter((e) => e.cat === 'blink.user_timing' && e.name === 'key').sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'b') starts[e.id ?? e.id2?.local ?? 0] = e.ts;
    if (e.ph === 'e') keys.push({ ts: starts[e.id ?? e.id2?.local ?? 0], end: e.ts });
  }
  return { all, keys: keys.filter((k) => k.ts !== undefined) };
}

/** A frame's length at 60 Hz, in the trace's microseconds. */
const FRAME_US = 16_700;

/** The main thread's tasks in each key's window, by what they are: the key's own input task,
 * the frame that shows it (split into its phases), anything else, and the time the thread
 * sat idle waiting for the next frame to begin. */
export function phases({ all, keys }) {
  // Outermost tasks only: a nested run loop's tasks are inside one already.
  let outerEnd = -Infinity;
  const tasks = all.filter((s) => {
    if (s.name !== 'ThreadControllerImpl::RunTask' || s.ts < outerEnd) return false;
    outerEnd = s.end;
    return true;
  });
  const within = (t) => all.filter((s) => s.ts >= t.ts && s.ts < t.end && s !== t);
  const label = (kids) => {
    if (kids.some((k) => k.name === 'ProxyMain::BeginMainFrame')) return 'frame';
    if (kids.some((k) => k.name === 'EventDispatch' && /^(key|textInput|input)/.test(k.args?.data?.type ?? ''))) return 'input';
    if (kids.some((k) => /GC/.test(k.name))) return 'gc';
    return 'other';
  };
  const PARTS = {
    layout: /^Layout$/, compositingInputs: /^Blink\.CompositingInputs\.UpdateTime$/, prePaint: /^Blink\.PrePaint\.UpdateTime$/,
    paint: /^Blink\.Paint\.UpdateTime$/, layerize: /^Layerize$/, commit: /^Commit$/,
    intersections: /^Blink\.IntersectionObservation\.UpdateTime$/, script: /^v8\.callFunction$/, gc: /GC|Scavenge/,
  };
  // Frames nobody in the page asked for: an intersection observer with a delay (Chromium's own,
  // watching links it sampled for its navigation predictor, 100 ms) re-runs on a timer after a
  // layout change — every keystroke is one — and the frame it starts finds nothing to draw. A
  // key pressed just after such a frame waits for the next one to begin (the `idle` part), at
  // any page size, on any page with a link the browser happened to sample.
  const forced = tasks
    .filter((t) => t.args?.src_func === 'ScheduleDelayedIntersection')
    .map((t) => all.find((s) => s.name === 'MainFrameAborted' && s.ts >= t.end && s.ts - t.end < FRAME_US)?.end)
    .filter((end) => end !== undefined);
  return keys.map((k) => {
    const afterForced = forced.some((end) => end <= k.ts && k.ts - end < FRAME_US);
    const by = { input: 0, frame: 0, other: 0, gc: 0 };
    const parts = Object.fromEntries(Object.keys(PARTS).map((p) => [p, 0]));
    // The thread's own CPU time in the window: what the key cost, however busy the machine.
    let cpu = 0;
    for (const t of tasks.filter((t) => t.end > k.ts && t.ts < k.end)) {
      const kids = within(t);
      const overlap = Math.min(t.end, k.end) - Math.max(t.ts, k.ts);
      by[label(kids)] += overlap;
      cpu += Number.isFinite(t.cpu) && t.end > t.ts ? (t.cpu * overlap) / (t.end - t.ts) : overlap;
      for (const [p, re] of Object.entries(PARTS)) {
        // Outermost matches only (a nested call of the same kind is already inside).
        parts[p] += kids.filter((s) => re.test(s.name) && !kids.some((o) => o !== s && re.test(o.name) && o.ts <= s.ts && o.end >= s.end && o.depth < s.depth)).reduce((a, s) => a + (s.end - s.ts), 0);
      }
    }
    const dur = k.end - k.ts;
    const busy = by.input + by.frame + by.other + by.gc;
    return { dur, work: busy, cpu, idle: dur - busy, ...by, ...parts, afterForced };
  });
}

/** Types `text` into `field` on `page` with the trace on; per key, its parts (see `phases`). */
export async function tracedTyping(page, field, text) {
  await field.fill('');
  await field.focus();
  await page.waitForTimeout(300);
  const events = await traced(page, async () => {
    await page.keyboard.type(text, { delay: 25 });
    await page.waitForTimeout(300);
  });
  return { events, keys: phases(slices(events)) };
}

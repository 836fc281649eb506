// What an action costs the page outside one part of it, read from Chromium itself: the nodes
// whose style or layout the action invalidated (Chromium's invalidation tracking in its trace,
// each node found in the page by its id) and the boxes that moved (layout-shift entries).

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline.invalidationTracking'].join(',');
const TRACKED = /^(LayoutInvalidationTracking|StyleRecalcInvalidationTracking|StyleInvalidatorInvalidationTracking|PaintInvalidationTracking)$/;

/** Runs `action` on `page` and tells which invalidations fell inside the element matching
 * `selector` (`inside`, a count) and which outside it (`outside`, one line each: kind, node
 * and Chromium's reason), and which boxes outside it shifted (`shifted`). */
export async function keystrokeFootprint(page, selector, action) {
  await page.evaluate(() => {
    window.__shifts = [];
    window.__shiftObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__shifts.push(...entry.sources.map((s) => s.node));
    });
    window.__shiftObserver.observe({ type: 'layout-shift' });
  });
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await action();
  // The frames that show the last keys.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await cdp.send('Tracing.end');
  await done;
  const inside = [];
  const outside = [];
  for (const e of events.filter((e) => TRACKED.test(e.name) && e.args?.data?.nodeId)) {
    const { nodeId, nodeName, reason } = e.args.data;
    const place = await placeOf(cdp, nodeId, selector);
    // A node already gone from the page (replaced in the same task) is placed by its parent's
    // invalidation, which is tracked too.
    if (!place) continue;
    const line = `${e.name.replace('InvalidationTracking', '')} ${nodeName ?? '?'} in ${place.element} (${reason ?? ''})`;
    (place.within ? inside : outside).push(line);
  }
  const shifted = await page.evaluate((selector) => {
    window.__shiftObserver.disconnect();
    return window.__shifts
      .filter((n) => n && !n.closest?.(selector) && !n.parentElement?.closest(selector))
      .map((n) => (n.nodeType === 1 ? `${n.localName}.${[...n.classList].join('.')}` : n.nodeName));
  }, selector);
  await cdp.detach();
  return { inside: inside.length, outside: [...new Set(outside)], shifted };
}

/** Where the node with this backend id is: `within` the element matching `selector` or not
 * (through shadow roots: a text field's own inner nodes count as the field's), and its
 * nearest element outside any shadow root, named by tag and classes; null when the node no
 * longer exists. */
async function placeOf(cdp, backendNodeId, selector) {
  const resolved = await cdp.send('DOM.resolveNode', { backendNodeId }).catch(() => null);
  if (!resolved?.object?.objectId) return null;
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: resolved.object.objectId,
    functionDeclaration: `function (selector) {
      if (!this.isConnected) return null;
      let within = false;
      let element = null;
      for (let n = this; n; n = n.parentNode ?? n.host) {
        if (n.nodeType !== 1) continue;
        if (n.getRootNode() === document) element ??= n;
        if (n.matches(selector)) within = true;
      }
      const name = element ? element.localName + [...element.classList].map((c) => '.' + c).join('') : '?';
      return { within, element: name };
    }`,
    arguments: [{ value: selector }],
    returnByValue: true,
  });
  return result.value ?? null;
}

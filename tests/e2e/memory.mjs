// The memory and main-thread time of opening a large file, as the bench prints them and
// memory.test.mjs holds them: wasm memory (the instance's `memory.buffer.byteLength`, which only
// grows: its high-water mark) and the JS heap (CDP `Runtime.getHeapUsage`, after a garbage
// collection; its peak sampled while the file loads), before and after each step; the longest
// main-thread task of each load (PerformanceObserver 'longtask', tasks of 50 ms and more), split by
// the page's performance marks into the part while the reader's worker reads (`open:answered`
// ends it), the decoding of its answer (to `open:decoded`) and showing the dataset (the rest:
// the reducer's selection and level, and rendering); and the percentages the loading line showed.

/** Installed before the page's scripts: keeps the wasm exports, the long tasks, and counts the
 *  loads that ended (the 「読み込み中」 line leaving the page). */
export const MEMORY_PROBE = () => {
  window.__memory = { wasm: null, tasks: [], loadsEnded: 0 };
  addEventListener('TrunkApplicationStarted', (e) => { window.__memory.wasm = e.detail?.wasm; });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__memory.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.removedNodes) {
        if (n.nodeType === 1 && (n.matches('.reading') || n.querySelector('.reading'))) window.__memory.loadsEnded += 1;
      }
    }
  }).observe(document, { subtree: true, childList: true });
};

const MB = 2 ** 20;

/** What the page holds now: wasm memory and the JS heap after a garbage collection, in MB. */
export async function held(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__memory.wasm?.memory?.buffer?.byteLength ?? NaN);
  return { js: usedSize / MB, wasm: wasm / MB };
}

/** Opens `file` (a path) through the page's picker at CPU slowdown `rate` and waits until the
 *  load has ended and the page shows `expect` (a RegExp over #result); returns the JS heap's peak
 *  and the loading line's percentages (both polled every 20 ms while it loads), the longest
 *  main-thread task of the whole load and of each part, and the time it took, in ms. */
export async function load(page, cdp, file, expect, { rate = 1, timeout = 120000 } = {}) {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  try {
    const before = await page.evaluate(() => ({ ended: window.__memory.loadsEnded, now: performance.now() }));
    let peak = 0;
    const percents = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        peak = Math.max(peak, usedSize);
        const shown = await page.evaluate(() => {
          const bar = document.querySelector('#reading-progress');
          const text = document.querySelector('.reading-percent')?.textContent ?? null;
          return bar ? { value: Number(bar.getAttribute('value')), text } : null;
        });
        if (shown && percents.at(-1)?.value !== shown.value) percents.push(shown);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await page.locator('#open-file').setInputFiles(file);
    await page.waitForFunction((n) => window.__memory.loadsEnded > n, before.ended, { timeout, polling: 50 });
    await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('#result')?.textContent ?? ''),
      expect.source, { timeout });
    const after = await page.evaluate(async (since) => {
      // The frame after the load, so that its rendering is in the figures.
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const mark = (name) => performance.getEntriesByName(name, 'mark').filter((m) => m.startTime >= since).at(-1)?.startTime ?? NaN;
      const answered = mark('open:answered');
      const decoded = mark('open:decoded');
      const end = performance.now();
      const tasks = window.__memory.tasks.filter((t) => t.start >= since);
      const longest = (from, to) => Math.max(0, ...tasks.filter((t) => t.start >= from && t.start < to).map((t) => t.duration));
      return {
        longest: longest(since, Infinity),
        reading: longest(since, answered),
        decoding: longest(answered, decoded),
        showing: longest(decoded, Infinity),
        decodeMs: decoded - answered,
        showMs: end - decoded,
        ms: end - since,
      };
    }, before.now);
    sampling = false;
    await sampler;
    return {
      jsPeak: peak / MB,
      longestTask: after.longest,
      parts: { reading: after.reading, decoding: after.decoding, showing: after.showing },
      decodeMs: after.decodeMs,
      showMs: after.showMs,
      ms: after.ms,
      percents,
    };
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  }
}

/** Back to the embedded data, once it shows. */
async function unload(page) {
  await page.locator('#unload').click();
  await page.waitForSelector('#loaded-badge', { state: 'detached' });
  await page.waitForFunction(() => /全 59事業/.test(document.querySelector('#result')?.textContent ?? ''));
}

/** The whole sequence on one fresh page of `origin` (the embedded data shown): before; the file
 *  opened (its peak and what it keeps); back to the embedded data; the file opened from there;
 *  opened again three times while it is shown; back again; opened once more from there; and
 *  last, opened again at 4× CPU slowdown (its times). `measures`: what #result then counts. */
export async function loadSequence(browser, origin, file, measures) {
  const context = await browser.newContext({ viewport: { width: 1080, height: 810 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.addInitScript(MEMORY_PROBE);
  const cdp = await context.newCDPSession(page);
  await page.goto(`${origin}/`);
  await page.waitForSelector('#chart .cell');
  await page.waitForFunction(() => window.__memory.wasm?.memory !== undefined);
  // #result counts measures (relistings once), as the app writes numbers.
  const shown = new RegExp(`全 ${measures.toLocaleString('ja-JP')}事業`);
  const step = async (options) => {
    const s = await load(page, cdp, file, shown, options);
    s.held = await held(page, cdp);
    return s;
  };
  const row = { before: await held(page, cdp) };
  row.first = await step();
  await unload(page);
  row.back = await held(page, cdp);
  row.again = await step();
  row.reopened = [await step(), await step(), await step()];
  await unload(page);
  row.backAgain = await held(page, cdp);
  row.last = await step();
  row.slow = await step({ rate: 4 });
  return { row, page, context, errors };
}

/** One row as the bench prints it. */
export function describe(r) {
  const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
  const m = (h) => `wasm ${f(h.wasm).padStart(6)} MB, JS ${f(h.js).padStart(5)} MB`;
  const t = (s) => `longest task ${f(s.longestTask)} ms: reading ${f(s.parts.reading)}, decoding ${f(s.parts.decoding)}, showing ${f(s.parts.showing)}`;
  return [
    `  ${r.lines.toLocaleString('en-US')} lines (CSV, ${f(r.file_mb)} MB)`,
    `    before                     ${m(r.before)}`,
    `    opened                     ${m(r.first.held)}  (JS peak ${f(r.first.jsPeak)} MB; loaded in ${f(r.first.ms)} ms; decoding ${f(r.first.decodeMs)} ms, showing ${f(r.first.showMs)} ms)`,
    `                                 ${t(r.first)}`,
    `                                 percentages shown: ${r.first.percents.map((p) => p.value).join(' ')}`,
    `    back to the embedded data  ${m(r.back)}`,
    `    opened from there          ${m(r.again.held)}  (${t(r.again)})`,
    ...r.reopened.map((s, i) => `    opened again while shown ${i + 1} ${m(s.held)}  (${t(s)})`),
    `    back again                 ${m(r.backAgain)}`,
    `    opened from there          ${m(r.last.held)}  (${t(r.last)})`,
    `    opened again at 4× CPU     ${m(r.slow.held)}  (loaded in ${f(r.slow.ms)} ms; decoding ${f(r.slow.decodeMs)} ms, showing ${f(r.slow.showMs)} ms)`,
    `                                 ${t(r.slow)}`,
  ].join('\n');
}

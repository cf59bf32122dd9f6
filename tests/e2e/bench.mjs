// Browser benchmark, run by `cargo xtask bench` (not a test: it prints figures). Times what a
// person waits for, in real Chromium, until the right result is painted:
//   start-up at 1× and 4× CPU throttle: first contentful paint, treemap on screen, interactive;
//   where the plan asks (`long_link`), start-up at 1× from a 1 MB link of bad parts (`#` +
//   "v&" × 524,288, issue 16; long-link.mjs): a blank page with and without it (the browser's
//   own cost), the app with it, without a fragment and with a short link of the same kind, all
//   alternating: the painted view of each, the differences, and the app's share, issue 16's goal;
//   at 4×: filter keystroke → first frame painted after the count and chart show the new query,
//   drill tap → that frame (with transitions: the first frame and the end of the zoom; then with
//   reduced motion), resize → redrawn frame, and where the plan has a table, a screen of
//   table scrolled → the first frame painted with the right rows under the screen; JS heap + wasm
//   memory.
// Beside each dataset, the peer page (../shared/peer/peer.html, issue 14's baseline) on the same
// data (or its own `#n=` list of the same size), timed by the same code in the same run: start-up
// at 1× and 4× (loads alternating with the app's) and the same typed keystrokes at 4×; then the
// ratios app/peer. "Treemap on screen" is the first frame painted with the treemap in it; where
// the app has its static chart, also from traces with every frame's screenshot (startup-trace.mjs).
// Each scenario checks that it measured the real thing (counts and ids computed by xtask), on
// both pages. Then (`memory`, memory.mjs) the memory of opening the synthetic 10,000 and 50,000
// lines as CSV on the release page: wasm memory and JS heap before and after each step (opened,
// back to the embedded data, opened from there, opened again three times while shown, back
// again, opened from there, then at 4× CPU slowdown), the JS heap's peak, the longest main-thread
// task of each load and of each of its parts (while the worker reads, decoding, showing), and
// the percentages the loading line showed. Each load waits until the page counts the file's
// measures (全 N事業, N from xtask), so it measured the file really shown.
//
// usage: node bench.mjs PLAN.json OUT.json
//   PLAN: { memory: { site, files: [{ file, lines, measures, bytes }], out },
//           datasets: [{ name, site, inject?, measures, long_link, queries: [{ q, count, lines, total,
//           total_thousand_yen }], drill: [cell keys, one level deeper each],
//           table: { ids: [line ids, table order] } | null,
//           peer: { site, page, fragment, measures, queries: [as above, over the peer's list] } }] }
import fs from 'node:fs';
import { serveDist, launch } from './harness.mjs';
import { loadSequence, describe } from './memory.mjs';
import { longLinkRow, describeLongLink } from './long-link.mjs';
import { firstFrames } from './startup-trace.mjs';

const [planPath, outPath] = process.argv.slice(2);
const plan = JSON.parse(fs.readFileSync(planPath, 'utf8'));
const browser = await launch();
const results = [];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};

// Installed before the page's own scripts, on the app (`kind` 'app') and the peer ('peer'):
// `painted` is when the main thread has painted the first frame with the treemap in it (a task
// queued from the requestAnimationFrame callback that first sees it runs after that frame's
// paint); `fcp` the first contentful paint, which is when the browser presented the first frame
// (later than the main thread's paint of it under load). The treemap is on screen at the later
// of the two: at the first paint when it is in it (the peer), else when its own frame is painted
// (the app's canvas, or the page's static chart where it shows this dataset: `staticCells`, its
// cells all there, each a link, laid out in the box and on screen). `interactive` (the app only):
// its cells and search box are there. Keeps the wasm exports for the memory figure.
const PROBE = ({ kind, staticCells }) => {
  window.__bench = { painted: null, fcp: null, treemap: null, interactive: null, started: null, by: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__bench.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__benchWasm = e.detail?.wasm;
    window.__bench.started = performance.now();
  });
  const canvas = () => (document.querySelector('#chart canvas')?.width ?? 0) > 0;
  const drawn = kind === 'peer'
    ? () => document.querySelector('#map rect') !== null
    : () => canvas() || (staticCells > 0 && staticChart() === staticCells);
  // The static chart's cells that show: in the picture the page's widths choose, not hidden (a
  // link to another view hides it), inside the box, with area, on screen, their labels showing.
  const staticChart = () => {
    const chart = document.getElementById('static-chart');
    const picture = chart && [...chart.children].find((p) => getComputedStyle(p).display !== 'none');
    if (!picture) return 0;
    const box = chart.getBoundingClientRect();
    const cells = [...picture.querySelectorAll(':scope > a[href] > svg')].filter((c) => {
      const r = c.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(c).visibility === 'visible'
        && r.left >= box.left - 1 && r.right <= box.right + 1
        && r.top < innerHeight && r.bottom > 0
        && [...c.querySelectorAll('g')].some((g) => getComputedStyle(g).display !== 'none');
    });
    return cells.length === picture.querySelectorAll('a').length ? cells.length : 0;
  };
  const ready = kind === 'peer'
    ? () => true
    : () => document.querySelector('#chart .cell') !== null && document.querySelector('#q') !== null;
  let seen = false;
  const tick = () => {
    if (!seen && drawn()) {
      seen = true;
      window.__bench.by = canvas() ? 'canvas' : 'static chart';
      setTimeout(() => { window.__bench.painted = performance.now(); }, 0);
    }
    if (window.__bench.interactive === null && kind === 'app' && ready()) window.__bench.interactive = performance.now();
    if (!seen || (kind === 'app' && window.__bench.interactive === null)) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

async function openPage(dataset, origin, rate, fragment = '', viewport = { width: 1080, height: 810 }) {
  return open('app', dataset, origin, rate, fragment, viewport);
}

/** A fresh context on the app or the peer (`kind`) at CPU throttle `rate`, once its treemap is on
 *  screen (and the app interactive). */
async function open(kind, dataset, origin, rate, fragment = '', viewport = { width: 1080, height: 810 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  if (kind === 'app' && dataset.inject) {
    const json = fs.readFileSync(dataset.inject, 'utf8');
    await page.addInitScript((text) => { window.__BENCH_BUDGET__ = text; }, json);
  }
  // Chromium asks for /favicon.ico, which the peer does not have: not the page's error.
  if (kind === 'peer') await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  await page.addInitScript(PROBE, { kind, staticCells: kind === 'app' ? dataset.static_cells ?? 0 : 0 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto(`${origin}/${fragment ? `#${fragment}` : ''}`, { timeout: 120000 });
  await page.waitForFunction((kind) => window.__bench?.painted !== null && window.__bench?.fcp !== null
    && (kind === 'peer' || window.__bench?.interactive !== null), kind, { timeout: 120000 });
  await page.evaluate(() => { window.__bench.treemap = Math.max(window.__bench.painted, window.__bench.fcp); });
  return { context, page, errors };
}

/** The peer's count line (`#total`) for `count` measures adding up to `thousandYen`. */
const peerTotal = (count, thousandYen) =>
  `${count.toLocaleString('en-US')} 事業・合計 ${thousandYen.toLocaleString('en-US')}千円`;

/** One load of the peer at `rate`: its paint times, checked to show the whole list. */
async function peerStartup(dataset, origin, rate) {
  const peer = dataset.peer;
  const { context, page, errors } = await open('peer', dataset, origin, rate, peer.fragment);
  const t = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    treemap: window.__bench.treemap,
  }));
  const shown = await page.textContent('#total');
  if (!shown.startsWith(`${peer.measures.toLocaleString('en-US')} 事業`)) {
    throw new Error(`${dataset.name}, peer: the page shows "${shown}", expected ${peer.measures} measures`);
  }
  if (errors.length) throw new Error(`${dataset.name}, peer: errors in the page: ${errors.join(' | ')}`);
  await context.close();
  return t;
}

/** In the page: run `act`, wait until `ready()` holds, then until the next frame has been
 *  rendered (a task queued from requestAnimationFrame runs after that frame's style, layout and
 *  paint). Returns ms from before `act`. */
const TIMED = `
window.__timed = async (act, ready) => {
  const t0 = performance.now();
  act();
  if (!ready()) {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => { obs.disconnect(); reject(new Error('timed out waiting for the result: ' + (document.querySelector('#chart canvas')?.width) + ' ' + document.querySelector('.chart')?.getBoundingClientRect().width + ' ' + document.querySelector('.chart')?.style.width + ' ' + (document.querySelector('#total')?.textContent ?? ''))); }, 60000);
      const obs = new MutationObserver(() => { if (ready()) { clearTimeout(timer); obs.disconnect(); resolve(); } });
      obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
  }
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - t0;
};`;

for (const dataset of plan.datasets) {
  const server = await serveDist(dataset.site);
  const peerServer = await serveDist(dataset.peer.site, dataset.peer.page);
  const row = { dataset: dataset.name, measures: dataset.measures, startup: {}, interaction: {} };
  const peerRow = { measures: dataset.peer.measures, fragment: dataset.peer.fragment, startup: {}, interaction: {} };

  // Start-up, fresh context each run, the peer's load after each of the app's (so that both
  // see the same load on the machine).
  for (const rate of [1, 4]) {
    const fcp = []; const treemap = []; const interactive = []; const app = []; const by = new Set();
    const peerFcp = []; const peerTreemap = [];
    for (let run = 0; run < 5; run++) {
      const p = await peerStartup(dataset, peerServer.origin, rate);
      peerFcp.push(p.fcp); peerTreemap.push(p.treemap);
      const { context, page, errors } = await openPage(dataset, server.origin, rate);
      const t = await page.evaluate(() => ({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        treemap: window.__bench.treemap,
        interactive: window.__bench.interactive,
        started: window.__bench.started,
        by: window.__bench.by,
      }));
      by.add(t.by);
      // The real thing: the page shows the whole dataset.
      const shown = await page.textContent('#result');
      if (!shown.includes(`全 ${dataset.measures.toLocaleString('en-US')}事業`)) {
        throw new Error(`${dataset.name}: the page shows "${shown}", expected ${dataset.measures} measures`);
      }
      if (errors.length) throw new Error(`${dataset.name}: errors in the page: ${errors.join(' | ')}`);
      fcp.push(t.fcp); treemap.push(t.treemap); interactive.push(t.interactive); app.push(t.interactive - t.started);
      await context.close();
    }
    row.startup[`${rate}x`] = { fcp: median(fcp), treemap: median(treemap), interactive: median(interactive), app: median(app), treemap_by: [...by].join(' / ') };
    peerRow.startup[`${rate}x`] = { fcp: median(peerFcp), treemap: median(peerTreemap) };
  }
  // Where the page has its static chart: the first presented frame showing the treemap, from
  // traces with a screenshot of every frame (startup-trace.mjs), 5 loads of each at 4×,
  // alternating with the peer's. The probe above notes the frame from requestAnimationFrame,
  // which runs late while the app's module starts; the trace reads the frames as presented.
  if (dataset.static_cells) {
    const app = []; const peer = []; const before = [];
    for (let run = 0; run < 5; run++) {
      const [a] = await firstFrames(browser, `${server.origin}/`, 'app', 1);
      const [p] = await firstFrames(browser, `${peerServer.origin}/`, 'peer', 1);
      app.push(a.frame); peer.push(p.frame); before.push(a.before);
    }
    row.startup['4x'].treemap_frame = median(app);
    row.startup['4x'].frames_before = Math.max(...before);
    peerRow.startup['4x'].treemap_frame = median(peer);
  }
  // The 1 MB link of a million bad parts (issue 16), beside a blank page with and without it
  // and the app without a fragment and with a short link of the same kind (long-link.mjs).
  if (dataset.long_link) row.long_link = await longLinkRow(browser, dataset);

  // Interaction at 4× throttle.
  const { context, page, errors } = await openPage(dataset, server.origin, 4);
  await page.evaluate(TIMED);
  const keystrokes = [];
  for (const { q, count, lines, total } of dataset.queries) {
    const ms = await page.evaluate(async ({ q, count, lines, total }) => window.__timed(
      () => {
        const input = document.querySelector('#q');
        input.value = q;
        input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      },
      () => {
        // The count, and the chart's own line of what matches at this level (the top, where
        // every line is): both as xtask counted them. The chart keeps its cells and dims.
        const result = document.querySelector('#result')?.textContent ?? '';
        const here = document.querySelector('#level-matches')?.textContent ?? '';
        if (lines === 0) return result.includes('ありません') && here.includes('該当 0事業');
        const n = count.toLocaleString('en-US');
        // Without a search, at the top, the line is empty (the count says it all); with one it
        // says what matches.
        if (q === '') return result.includes(` ${n}事業`) && here === '';
        return result.includes(` ${n}事業`) && here.startsWith(`この階層で該当 ${n}事業`) && here.endsWith(`・${total}`);
      },
    ), { q, count, lines, total });
    keystrokes.push(ms);
  }
  await page.evaluate(() => {
    const input = document.querySelector('#q');
    input.value = '';
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
  });
  await page.waitForSelector('#chart .cell');

  // Comparing with a second file of the same size, once both are loaded (issue 17). First the
  // comparison's first showing: from the reader's answer (the second file read and checked in
  // its worker; `__budgetReader` wrapped to note when it resolves) to the first frame painted
  // with the comparison's totals, and from the file chosen (its input's change event) to that
  // frame. Then each swap of the sides, which matches and diffs the two again and draws the
  // comparison, to the frame painted with the swapped totals: the totals row's data and the
  // figures in its cells (as the core words them, from xtask).
  const compares = [];
  let compareFirst = null;
  if (dataset.compare) {
    const { second, earlier_total: earlier, later_total: later, earlier_text: earlierText, later_text: laterText } = dataset.compare;
    await page.evaluate(() => {
      const read = window.__budgetReader;
      window.__budgetReader = (file) => read(file).then((outcome) => { window.__answered = performance.now(); return outcome; });
      window.__chosen = null;
      document.addEventListener('change', (e) => { if (e.target.id === 'compare-file') window.__chosen = performance.now(); }, { capture: true, once: true });
    });
    await page.evaluate(() => {
      window.__comparePainted = (b, a, bText, aText) => {
        const row = document.querySelector('#compare-totals tbody tr');
        const cells = row ? [...row.querySelectorAll('td')].map((c) => c.textContent) : [];
        return row?.dataset.before === String(b) && row?.dataset.after === String(a) && cells[0] === bText && cells[1] === aText;
      };
    });
    await page.locator('#menu-button').click();
    const first = page.evaluate(({ b, a, bText, aText }) => new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the comparison was not shown')), 120000);
      const obs = new MutationObserver(() => {
        if (!window.__comparePainted(b, a, bText, aText)) return;
        obs.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
      });
      obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    }), { b: earlier, a: later, bText: earlierText, aText: laterText });
    await page.locator('#compare-file').setInputFiles(second);
    const painted = await first;
    const { answered, chosen } = await page.evaluate(() => ({ answered: window.__answered, chosen: window.__chosen }));
    if (!(answered > 0 && chosen > 0 && chosen <= answered && answered <= painted)) throw new Error(`${dataset.name}: compare's first showing not measured: ${chosen}, ${answered}, ${painted}`);
    compareFirst = { from_answer: painted - answered, from_choice: painted - chosen };
    await page.locator('#menu-button').click();
    for (let i = 0; i < 6; i++) {
      const [b, a, bText, aText] = i % 2 === 0 ? [later, earlier, laterText, earlierText] : [earlier, later, earlierText, laterText];
      compares.push(await page.evaluate(async ({ b, a, bText, aText }) => window.__timed(
        () => document.querySelector('#compare-swap').click(),
        () => window.__comparePainted(b, a, bText, aText),
      ), { b, a, bText, aText }));
    }
    await page.locator('#compare-end').click();
    await page.waitForSelector('#chart .cell');
  }

  // Drills with transitions (to the first frame painted, and to the finished picture at the end
  // of the zoom), then the same with reduced motion (no transition: the first frame is the end).
  const drills = []; const drillsEnd = []; const drillsStill = [];
  const framesAfter = {};
  for (const motion of ['no-preference', 'reduce']) {
    await page.emulateMedia({ reducedMotion: motion });
    for (let i = 0; i < 10; i++) {
      for (const key of dataset.drill) {
        const [first, end] = await page.evaluate(async (key) => {
          const depth = () => document.querySelectorAll('#crumbs li').length;
          const draws = () => Number(document.querySelector('#chart')?.dataset.draws || 0);
          const before = depth();
          const drawn = draws();
          const t0 = performance.now();
          const first = await window.__timed(
            () => document.querySelector(`#chart [data-key="${key}"]`).click(),
            () => depth() === before + 1 && document.querySelector('#chart .cell') !== null,
          );
          // The finished picture (labels and all) is drawn once the transition ends.
          if (draws() === drawn) {
            await new Promise((resolve) => {
              const obs = new MutationObserver(() => { if (draws() > drawn) { obs.disconnect(); resolve(); } });
              obs.observe(document.querySelector('#chart'), { attributes: true });
            });
            await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          }
          return [first, performance.now() - t0];
        }, key);
        if (motion === 'reduce') drillsStill.push(first); else { drills.push(first); drillsEnd.push(end); }
      }
      // Back to the top (not timed): the breadcrumb's first entry.
      await page.evaluate(() => document.querySelector('#crumbs button')?.click());
      await page.waitForFunction(() => document.querySelectorAll('#crumbs li').length === 1);
      await page.waitForSelector('#chart .cell');
      await page.waitForTimeout(400); // the zoom out ends
    }
    framesAfter[motion] = await page.evaluate(() => Number(document.querySelector('#chart').dataset.frames || 0));
  }
  // With motion the drills were animated, and with reduced motion not (the real thing).
  if (framesAfter['no-preference'] === 0 || framesAfter.reduce !== framesAfter['no-preference']) {
    throw new Error(`${dataset.name}: transition frames ${JSON.stringify(framesAfter)}`);
  }

  const resizes = [];
  for (let i = 0; i < 10; i++) {
    const ms = await page.evaluate(async (narrow) => {
      const canvas = document.querySelector('#chart canvas');
      const before = canvas.width;
      return window.__timed(
        () => { document.querySelector('.chart').style.width = narrow ? '70%' : ''; },
        () => canvas.width !== before,
      );
    }, i % 2 === 0);
    resizes.push(ms);
  }
  // The table, a screen at a time from its top. Each step is timed from the scroll to the end of
  // the first frame after which the rendered rows cover the screen and the row in its middle is
  // the line the order puts there (checked after each frame's paint: a task queued from
  // requestAnimationFrame runs after it).
  const scrolls = [];
  if (dataset.table) {
    await page.evaluate(() => document.querySelector('[data-view="table"]').click());
    await page.waitForSelector('#table tbody tr[data-id]');
    await page.evaluate((ids) => {
      window.__ids = ids;
      document.querySelector('#table').scrollIntoView();
    }, dataset.table.ids);
    const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));
    await frames();
    await page.evaluate(() => {
      const rows = document.querySelectorAll('#table tbody tr[data-id]');
      window.__pitch = rows[1].getBoundingClientRect().top - rows[0].getBoundingClientRect().top;
      window.__rightRows = () => {
        const body = document.querySelector('#table tbody');
        const b = body.getBoundingClientRect();
        const rendered = body.querySelectorAll(':scope > tr[data-id]');
        const top = Math.max(b.top, 0);
        const bottom = Math.min(b.bottom, innerHeight);
        const first = rendered[0]?.getBoundingClientRect();
        const last = rendered[rendered.length - 1]?.getBoundingClientRect();
        if (!first || first.top > top + 0.5 || last.bottom < bottom - 0.5) return false;
        // The line the order puts at the middle of the screen, looked up at its row's middle
        // (across the table's own middle: a panel may sit beside it).
        const index = Math.floor(((top + bottom) / 2 - b.top) / window.__pitch);
        const row = document.elementFromPoint(b.left + b.width / 2, b.top + (index + 0.5) * window.__pitch)?.closest('tr');
        return row?.dataset.id === window.__ids[index];
      };
      window.__scrollTimed = (dy) => new Promise((resolve, reject) => {
        const t0 = performance.now();
        const timer = setTimeout(() => reject(new Error(`the right rows were not painted after scrolling to ${scrollY}`)), 60000);
        scrollBy(0, dy);
        const check = () => setTimeout(() => {
          if (window.__rightRows()) { clearTimeout(timer); resolve(performance.now() - t0); } else requestAnimationFrame(check);
        }, 0);
        requestAnimationFrame(check);
      });
    });
    for (let i = 0; i < 40; i++) {
      const before = await page.evaluate(() => scrollY);
      scrolls.push(await page.evaluate(() => window.__scrollTimed(innerHeight)));
      if ((await page.evaluate(() => scrollY)) <= before) throw new Error(`${dataset.name}: the table did not scroll at step ${i}`);
      await frames();
    }
  }

  const memory = await page.evaluate(() => ({
    js: performance.memory?.usedJSHeapSize ?? NaN,
    wasm: window.__benchWasm?.memory?.buffer?.byteLength ?? NaN,
  }));
  if (errors.length) throw new Error(`${dataset.name}: errors in the page: ${errors.join(' | ')}`);
  await context.close();
  await server.close();

  // The peer: the same typed keystrokes at 4×, each checked against its count and total.
  const peerPage = await open('peer', dataset, peerServer.origin, 4, dataset.peer.fragment);
  await peerPage.page.evaluate(TIMED);
  const peerKeystrokes = [];
  for (const { q, count, total_thousand_yen: thousandYen } of dataset.peer.queries) {
    const expected = peerTotal(count, thousandYen);
    const ms = await peerPage.page.evaluate(async ({ q, expected, count }) => window.__timed(
      () => {
        const input = document.querySelector('#q');
        input.value = q;
        input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      },
      () => (document.querySelector('#total')?.textContent ?? '').startsWith(expected)
        && (count === 0 || document.querySelector('#map rect, #map text.empty') !== null),
    ), { q, expected, count });
    peerKeystrokes.push(ms);
  }
  const peerMemory = await peerPage.page.evaluate(() => performance.memory?.usedJSHeapSize ?? NaN);
  if (peerPage.errors.length) throw new Error(`${dataset.name}, peer: errors in the page: ${peerPage.errors.join(' | ')}`);
  await peerPage.context.close();
  await peerServer.close();
  peerRow.interaction.keystroke = { n: peerKeystrokes.length, p50: median(peerKeystrokes), p95: pct(peerKeystrokes, 95) };
  peerRow.memory_mb = { js: peerMemory / 2 ** 20 };
  row.peer = peerRow;

  row.interaction = {
    keystroke: { n: keystrokes.length, p50: median(keystrokes), p95: pct(keystrokes, 95) },
    drill: { n: drills.length, p50: median(drills), p95: pct(drills, 95) },
    'drill, zoom ended': { n: drillsEnd.length, p50: median(drillsEnd), p95: pct(drillsEnd, 95) },
    'drill, no motion': { n: drillsStill.length, p50: median(drillsStill), p95: pct(drillsStill, 95) },
    resize: { n: resizes.length, p50: median(resizes), p95: pct(resizes, 95) },
  };
  if (scrolls.length) row.interaction['table scroll'] = { n: scrolls.length, p50: median(scrolls), p95: pct(scrolls, 95) };
  if (compares.length) row.interaction['compare (swap)'] = { n: compares.length, p50: median(compares), p95: pct(compares, 95) };
  if (compareFirst) row.compare_first = compareFirst;
  row.memory_mb = { js: memory.js / 2 ** 20, wasm: memory.wasm / 2 ** 20 };
  // App / peer, from this run: below 1 the app is faster.
  const versus = (app, peer) => ({ app, peer, ratio: app / peer });
  row.versus = {
    'keystroke → frame p50, 4×': versus(row.interaction.keystroke.p50, peerRow.interaction.keystroke.p50),
    'keystroke → frame p95, 4×': versus(row.interaction.keystroke.p95, peerRow.interaction.keystroke.p95),
    'start-up 4×: first paint': versus(row.startup['4x'].fcp, peerRow.startup['4x'].fcp),
    'start-up 4×: treemap on screen': versus(row.startup['4x'].treemap, peerRow.startup['4x'].treemap),
  };
  if (row.startup['4x'].treemap_frame !== undefined) {
    row.versus['start-up 4×: treemap, traced'] = versus(row.startup['4x'].treemap_frame, peerRow.startup['4x'].treemap_frame);
  }
  results.push(row);
}
const memoryResults = await memoryRows(plan.memory);
await browser.close();

const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
console.log('\nbrowser, Debian Chromium headless, ms (median of 5 loads; interactions at 4× CPU throttle)');
for (const r of results) {
  console.log(`  ${r.dataset} (${r.measures} measures)`);
  for (const [rate, s] of Object.entries(r.startup)) {
    console.log(`    start-up ${rate.padEnd(3)} first paint ${f(s.fcp).padStart(7)}  treemap on screen ${f(s.treemap).padStart(7)}  interactive ${f(s.interactive).padStart(7)}${s.treemap_by ? `  (treemap: ${s.treemap_by})` : ''}`);
  }
  const traced = r.startup['4x'];
  if (traced.treemap_frame !== undefined) {
    console.log(`    start-up 4x  treemap in a presented frame (traced screenshots, median of 5) ${f(traced.treemap_frame)}  ${traced.frames_before === 0 ? 'in the first screenshot with content every time' : `after up to ${traced.frames_before} screenshot(s) with content`}`);
  }
  if (r.long_link) console.log(describeLongLink(r.long_link));
  for (const [name, s] of Object.entries(r.interaction)) {
    console.log(`    ${name.padEnd(18)} → frame  p50 ${f(s.p50).padStart(7)}  p95 ${f(s.p95).padStart(7)}  (${s.n} runs)`);
  }
  if (r.compare_first) {
    console.log(`    compare, first showing → frame: ${f(r.compare_first.from_answer)} from the reader's answer, ${f(r.compare_first.from_choice)} from the file chosen (one run, 4×)`);
  }
  console.log(`    memory: JS heap ${f(r.memory_mb.js)} MB, wasm ${f(r.memory_mb.wasm)} MB`);
  const p = r.peer;
  console.log(`  peer.html${p.fragment ? ` #${p.fragment}` : ''} (${p.measures} measures), the same run`);
  for (const [rate, s] of Object.entries(p.startup)) {
    console.log(`    start-up ${rate.padEnd(3)} first paint ${f(s.fcp).padStart(7)}  treemap on screen ${f(s.treemap).padStart(7)}`);
  }
  if (p.startup['4x'].treemap_frame !== undefined) console.log(`    start-up 4x  treemap in a presented frame (traced screenshots, median of 5) ${f(p.startup['4x'].treemap_frame)}`);
  for (const [name, s] of Object.entries(p.interaction)) {
    console.log(`    ${name.padEnd(12)} → frame  p50 ${f(s.p50).padStart(7)}  p95 ${f(s.p95).padStart(7)}  (${s.n} runs)`);
  }
  console.log(`    memory: JS heap ${f(p.memory_mb.js)} MB`);
  console.log(`  app / peer, ${r.dataset}${p.fragment ? ` vs peer #${p.fragment}` : ''}: ms, ratio (below 1: the app is faster)`);
  for (const [name, v] of Object.entries(r.versus)) {
    console.log(`    ${name.padEnd(32)} app ${f(v.app).padStart(7)}  peer ${f(v.peer).padStart(7)}  app/peer ${Number.isFinite(v.ratio) ? v.ratio.toFixed(2) : '–'}`);
  }
  console.log(`    (the app interactive at 4×: ${f(r.startup['4x'].interactive)})`);
}
console.log('\nopening a large file (the release page at 1× unless said; wasm memory only grows: its figure after a step is its peak so far)');
for (const r of memoryResults) console.log(describe(r));
fs.writeFileSync(outPath, JSON.stringify(results, null, 2));
fs.writeFileSync(plan.memory.out, JSON.stringify(memoryResults, null, 2));

/** The memory rows: each synthetic CSV opened on a fresh release page (memory.mjs). */
async function memoryRows({ site, files }) {
  const server = await serveDist(site);
  const rows = [];
  for (const { file, lines, measures, bytes } of files) {
    const { row, context, errors } = await loadSequence(browser, server.origin, file, measures);
    if (errors.length) throw new Error(`memory, ${lines} lines: errors in the page: ${errors.join(' | ')}`);
    await context.close();
    rows.push({ ...row, lines, file_mb: bytes / 2 ** 20 });
  }
  await server.close();
  return rows;
}

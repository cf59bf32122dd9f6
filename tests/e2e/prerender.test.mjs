// The treemap before and without the app (xtask/src/prerender.rs, core::svg): the page as served
// holds the default view's chart as SVG, laid out and labelled by the same core as the app's
// canvas, with each cell a link to the level it opens. Without JavaScript it is there and its
// links change the fragment; with it, the app takes over the same box without a jump and draws
// the same picture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shared, settled, watch } from './harness.mjs';

const env = await shared();

const SIZES = {
  'phone 360': { width: 360, height: 640 },
  'phone 390': { width: 390, height: 844 },
  'tablet 810': { width: 810, height: 1080 },
  'tablet 1080': { width: 1080, height: 810 },
  'desktop 1440': { width: 1440, height: 900 },
};

/** The static chart's shown picture: its box, and per cell its link, name, box and label lines. */
const STATIC = () => {
  const chart = document.getElementById('static-chart');
  if (!chart) return null;
  const shown = [...chart.children].filter((s) => getComputedStyle(s).display !== 'none');
  const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; };
  const visible = (el) => getComputedStyle(el).display !== 'none';
  return {
    box: box(chart),
    pictures: shown.length,
    label: shown[0]?.getAttribute('aria-label'),
    cells: shown.length !== 1 ? [] : [...shown[0].querySelectorAll(':scope > a')].map((a) => {
      const cell = a.querySelector('svg');
      const groups = [...cell.querySelectorAll('g')].filter(visible);
      const lines = (cls) => groups.flatMap((g) => [...g.querySelectorAll(`text.${cls}0, text.${cls}1, text.${cls}2`)])
        .filter((t) => !/^[①-⑳]$/.test(t.textContent)).map((t) => t.textContent);
      const size = groups.flatMap((g) => [...g.querySelectorAll('text')]).map((t) => getComputedStyle(t).fontSize)[0] ?? '-';
      return {
        href: a.getAttribute('href'),
        name: a.getAttribute('aria-label'),
        rect: box(cell),
        groups: groups.length,
        size,
        names: lines('n'),
        figures: lines('f'),
      };
    }),
  };
};

for (const [size, viewport] of Object.entries(SIZES)) {
  test(`without JavaScript (${size}): the chart is there, one picture, and its links change the fragment`, async () => {
    const context = await env.browser.newContext({ viewport, javaScriptEnabled: false });
    const page = await context.newPage();
    const seen = watch(page);
    await page.goto(`${env.server.origin}/`);
    const s = await page.evaluate(STATIC);
    assert.ok(s, 'no #static-chart in the page');
    assert.equal(s.pictures, 1, 'exactly one picture shown');
    assert.match(s.label, /^全体：5区画、合計37\.4億円/);
    // The default view's three cells with room for a name, each a link named as the app's button.
    assert.deepEqual(s.cells.map((c) => c.href), ['#at=d1', '#at=d2', '#at=d3']);
    for (const c of s.cells) {
      assert.ok(c.rect.width > 40 && c.rect.height > 40, `${c.href}: ${JSON.stringify(c.rect)}`);
      assert.ok(c.rect.x >= s.box.x - 0.5 && c.rect.x + c.rect.width <= s.box.x + s.box.width + 0.5, `${c.href} inside the box`);
      assert.equal(c.groups, 1, `${c.href}: one set of labels shown`);
      assert.ok(c.names.length >= 1, `${c.href}: a name`);
      assert.match(c.name, /億円/);
    }
    // Without script the chart takes the page's width (no controls beside it), still in its shape.
    const ratio = s.box.width / s.box.height;
    assert.ok(s.box.width > 0 && s.box.height > 0);
    assert.ok(ratio > 0.7 && ratio < 2.1, `shape ${ratio}`);
    assert.equal(await page.locator('.reserve').evaluateAll((els) => els.filter((e) => e.getClientRects().length).length), 0);
    // A tap on a cell: the fragment the app would open that level from.
    const second = page.locator('#static-chart > svg').filter({ visible: true }).locator('a').nth(1);
    await second.click();
    await settled(() => new URL(page.url()).hash, '#at=d2', 'fragment after the tap');
    assert.deepEqual(seen.errors, []);
    await context.close();
  });
}

/** Before the page's scripts: until the app has drawn, each frame's chart box, whether the static
 *  chart or the app's drawn canvas shows, and the layout shifts. */
const RECORD = () => {
  window.__frames = [];
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!e.hadRecentInput) {
        window.__shifts.push({
          value: e.value,
          sources: (e.sources || []).map((s) => ({
            node: `${s.node?.nodeName}.${s.node?.className?.baseVal ?? s.node?.className ?? ''}`,
            // (A rectangle is the part on screen: empty when off it.)
            top: Math.min(...[s.previousRect, s.currentRect].filter((r) => r.height > 0).map((r) => r.top)) + scrollY,
            from: [s.previousRect.top, s.previousRect.height].map(Math.round),
            to: [s.currentRect.top, s.currentRect.height].map(Math.round),
            // Unrounded, both directions: what moved, and by how much (a rare 0.0001 at tablet
            // 810 showed table headers with the same rounded top and height).
            exact: [s.previousRect, s.currentRect].map((r) => [r.x, r.y, r.width, r.height].map((v) => Math.round(v * 100) / 100)),
            id: s.node?.id || s.node?.parentElement?.id || '',
          })),
        });
      }
    }
  }).observe({ type: 'layout-shift', buffered: true });
  const rect = (el) => { if (!el) return null; const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; };
  // What a frame painted: read in a task queued from its animation frame callback, which runs
  // after that frame's paint.
  const snap = () => {
    const app = document.getElementById('chart');
    const canvas = app?.querySelector('canvas');
    window.__frames.push({
      static: document.getElementById('static-chart') !== null,
      drawn: (canvas?.width ?? 0) > 0 && app?.dataset.draws !== undefined && canvas.width === Math.round(app.getBoundingClientRect().width * devicePixelRatio),
      box: rect(document.getElementById('static-chart') ?? app),
    });
    if (!window.__frames.at(-1).drawn) requestAnimationFrame(tick);
  };
  const tick = () => setTimeout(snap, 0);
  document.addEventListener('DOMContentLoaded', () => {
    window.__static = window.__STATIC();
    window.__before = {
      sidebar: rect(document.querySelector('.sidebar')),
      toolbar: rect(document.querySelector('.toolbar')),
      head: rect(document.querySelector('.level-head')),
    };
    requestAnimationFrame(tick);
  });
};

const near = (a, b, what, tolerance = 0.5, keys = ['x', 'y', 'width', 'height']) => {
  assert.ok(a && b, `${what}: missing (${JSON.stringify(a)} / ${JSON.stringify(b)})`);
  for (const k of keys) {
    assert.ok(Math.abs(a[k] - b[k]) <= tolerance, `${what}: ${k} ${a[k]} → ${b[k]}`);
  }
};

/** `#chart[data-plan]` as cells: index → { size (WxH), px, names, figures }. */
const planOf = (text) => new Map(text.trim().split('\n').map((line) => {
  const [i, wh, px, names, figures] = line.split('\t');
  const split = (s) => (s ? s.split(' / ') : []);
  return [Number(i), { wh, px, names: split(names), figures: split(figures) }];
}));

for (const [size, viewport] of Object.entries(SIZES)) {
  test(`the app takes over the static chart's box without a jump and draws its picture (${size})`, async () => {
    const context = await env.browser.newContext({ viewport });
    const page = await context.newPage();
    const seen = watch(page);
    await page.addInitScript({ content: `window.__STATIC = ${STATIC}; (${RECORD})();` });
    // A slow phone: the static chart is up well before the app.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(`${env.server.origin}/`);
    const before = await page.evaluate(() => window.__static);
    assert.ok(before, 'the static chart is in the page');
    const layout = await page.evaluate(() => window.__before);
    await page.waitForFunction(() => window.__frames?.at(-1)?.drawn, null, { timeout: 120000 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    // Let anything late show itself (a shift after the first draw counts too).
    await page.waitForTimeout(500);

    const after = await page.evaluate(() => {
      const rect = (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; };
      const chart = document.getElementById('chart');
      return {
        box: rect(chart),
        sidebar: rect(document.querySelector('.sidebar')),
        toolbar: rect(document.querySelector('.toolbar')),
        head: rect(document.querySelector('.level-head')),
        plan: chart.dataset.plan,
        label: chart.querySelector('canvas').getAttribute('aria-label'),
        cells: [...chart.querySelectorAll('.cell')].map((b) => ({ key: b.dataset.key, index: Number(b.dataset.cell), name: b.getAttribute('aria-label'), rect: rect(b) })),
      };
    });
    // The box and what is above it are where the static page had them.
    near(before.box, after.box, 'chart box');
    // (From 1280 px the search is a column beside the chart, as tall as the row.)
    near(layout.sidebar, after.sidebar, 'search (sidebar)', 0.5, viewport.width >= 1280 ? ['x', 'y', 'width'] : undefined);
    near(layout.toolbar, after.toolbar, 'toolbar');
    near(layout.head, after.head, 'breadcrumbs row');
    // Every frame until the app's first drawing: the box in place, and a picture in it.
    const frames = await page.evaluate(() => window.__frames);
    assert.ok(frames.length > 1, `${frames.length} frames recorded`);
    assert.ok(frames[0].static, 'the first frame shows the static chart');
    for (const [i, f] of frames.entries()) {
      assert.ok(f.static || f.drawn, `frame ${i}: neither the static chart nor a drawn canvas`);
      near(before.box, f.box, `chart box in frame ${i}`);
    }
    // Layout shifts as the browser counts them: none at all, of the chart, above it or below it
    // (the app's list of numbered cells under the chart is in place from its first frame).
    const shifts = await page.evaluate(() => window.__shifts);
    const cls = shifts.reduce((sum, s) => sum + s.value, 0);
    console.log(`# ${size}: CLS ${cls.toFixed(4)} over ${frames.length} frames ${JSON.stringify(shifts)}`);
    assert.deepEqual(shifts, [], `layout shifts (CLS ${cls.toFixed(4)})`);

    // The same picture: the app's cells (its buttons sit on the layout's rectangles) and the
    // labels it drew (`data-plan`), cell by cell; the same names for screen readers.
    assert.equal(before.label, after.label);
    const plan = planOf(after.plan);
    const drawnCells = after.cells.filter((c) => c.rect.width > 2 && c.rect.height > 2);
    assert.deepEqual(before.cells.map((c) => c.href), drawnCells.map((c) => `#at=${c.key}`));
    for (const [j, s] of before.cells.entries()) {
      const app = drawnCells[j];
      near(s.rect, app.rect, `${s.href} rectangle`, 1.5);
      assert.equal(s.name, app.name, `${s.href}: accessible name`);
      const p = plan.get(app.index);
      assert.deepEqual({ px: s.size, names: s.names, figures: s.figures }, { px: p.px, names: p.names, figures: p.figures }, `${s.href}: labels`);
    }
    assert.deepEqual(seen.errors, []);
    await context.close();
  });
}

test('the boxes the build planned labels for are the app\'s boxes at those widths', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${env.server.origin}/`);
  const boxes = (await page.getAttribute('#static-chart', 'data-boxes')).split(' ');
  await context.close();
  assert.ok(boxes.length >= 5, boxes.join(' '));
  for (const entry of boxes) {
    const [at, size] = entry.split(':');
    const ctx = await env.browser.newContext({ viewport: { width: Number(at), height: 1000 } });
    const p = await ctx.newPage();
    await p.goto(`${env.server.origin}/`);
    await p.waitForSelector('#chart .cell', { timeout: 60000 });
    const measured = await p.$eval('#chart', (el) => { const r = el.getBoundingClientRect(); return `${Math.floor(r.width)}x${Math.floor(r.height)}`; });
    assert.equal(measured, size, `at ${at} px wide`);
    await ctx.close();
  }
});

for (const href of ['#at=d1', '#at=d2', '#at=d3']) {
  test(`a tap on the static cell before the app starts opens its level once it does (${href})`, async () => {
    const context = await env.browser.newContext({ viewport: SIZES['phone 390'] });
    const page = await context.newPage();
    const seen = watch(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    // The tap lands at the first frame, while the app is still unpacking.
    await page.addInitScript((href) => {
      document.addEventListener('DOMContentLoaded', () => requestAnimationFrame(() => {
        const link = [...document.querySelectorAll('#static-chart a')].find((a) => a.getAttribute('href') === href && a.getClientRects().length);
        window.__tapped = { app: document.getElementById('chart') !== null, found: !!link };
        link?.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
      }));
    }, href);
    await page.goto(`${env.server.origin}/`);
    await page.waitForSelector('#chart .cell', { timeout: 120000 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    assert.deepEqual(await page.evaluate(() => window.__tapped), { app: false, found: true });
    await settled(() => new URL(page.url()).hash, href, 'fragment');
    // The level of that direction: its breadcrumbs, and its initiatives' cells.
    const key = href.slice('#at='.length);
    await settled(() => page.locator('#crumbs li').count(), 2, 'breadcrumbs');
    const cells = await page.locator('#chart .cell').evaluateAll((bs) => bs.map((b) => b.dataset.key));
    assert.ok(cells.length > 0 && cells.every((k) => k.startsWith('i')), `${key}: ${cells}`);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });
}

test('a link to another view hides the static chart (the default view\'s) until the app draws that view', async () => {
  const context = await env.browser.newContext({ viewport: SIZES['phone 390'] });
  const page = await context.newPage();
  const seen = watch(page);
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const chart = document.getElementById('static-chart');
      const shown = [...chart.children].find((s) => getComputedStyle(s).display !== 'none');
      const r = chart.getBoundingClientRect();
      window.__early = { later: chart.classList.contains('later'), visibility: getComputedStyle(shown).visibility, box: { x: r.x, y: r.y, width: r.width, height: r.height } };
    });
  });
  await page.goto(`${env.server.origin}/#at=i4`);
  await page.waitForSelector('#chart .cell', { timeout: 60000 });
  const early = await page.evaluate(() => window.__early);
  assert.equal(early.later, true);
  assert.equal(early.visibility, 'hidden');
  assert.ok(early.box.width > 0 && early.box.height > 0, 'its box is kept');
  assert.equal(await page.locator('#static-chart').count(), 0);
  assert.equal(await page.locator('#chart .cell[data-key^="m"]').count() > 0, true, 'the initiative\'s lines');
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('the static chart is gone once the app has drawn, and the app\'s chart is the only one', async () => {
  const context = await env.browser.newContext({ viewport: SIZES['desktop 1440'] });
  const page = await context.newPage();
  await page.goto(`${env.server.origin}/`);
  await page.waitForSelector('#chart .cell', { timeout: 60000 });
  await settled(() => page.locator('#static-chart').count(), 0, 'static chart removed');
  assert.equal(await page.locator('.chart').count(), 1);
  assert.equal(await page.locator('a[href^="#at="]').count(), 0);
  await context.close();
});

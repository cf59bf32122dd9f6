// Content before and without JavaScript: the page as served already holds the title, the total,
// the summary and the table of every line (xtask/src/prerender.rs, from the same data). Without
// JavaScript that is what people and crawlers read; with it, the app replaces it in one go and the
// header stays exactly where it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import fs from 'node:fs';
import path from 'node:path';
import { DIST, shared, watch } from './harness.mjs';

const env = await shared();

const SIZES = {
  phone: { width: 360, height: 740 },
  tablet: { width: 810, height: 1080 },
  desktop: { width: 1440, height: 900 },
};

for (const [size, viewport] of Object.entries(SIZES)) {
  test(`without JavaScript (${size}): title, total, summary and all 63 lines`, async () => {
    const context = await env.browser.newContext({ viewport, javaScriptEnabled: false, locale: 'ja-JP' });
    const page = await context.newPage();
    const seen = watch(page);
    const served = env.server.requests.length;
    await page.goto(`${env.server.origin}/`);

    assert.match(await page.title(), /熊本市 中小企業振興 令和五年度 事業一覧：59事業・37\.4億円/);
    const meta = (selector) => page.getAttribute(selector, 'content');
    assert.match(await meta('meta[name="description"]'), /59事業、予算総額37\.4億円（3,739,426千円/);
    assert.match(await page.textContent('h1'), /^熊本市 中小企業振興 令和五年度 事業一覧$/);
    const total = await page.textContent('#total');
    assert.match(total, /予算総額 37\.4億円/);
    assert.match(total, /3,739,426千円/);
    assert.match(total, /59事業/);
    assert.equal(await page.locator('.stats li').count(), 3);
    assert.equal(await page.locator('.priorities li').count(), 3);

    const rows = page.locator('#static-table tbody tr[data-id]');
    assert.equal(await rows.count(), 63);
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.id));
    assert.equal(ids[0], '1-1');
    assert.equal(ids.at(-1), '10-2');
    assert.equal(new Set(ids).size, 63);
    // Grouped by initiative, each headed by its direction.
    assert.equal(await page.locator('#static-table tbody tr.group').count(), 10);
    assert.match(await page.textContent('#static-table tbody tr.group >> nth=0'), /方向性1 創業・事業承継の促進 › 取組① 創業支援/);
    // Marks as text, no amount as "-", relisted amounts in brackets and not counted.
    const relisted = await page.textContent('#static-table tr[data-id="10-2"]');
    assert.match(relisted, /再掲/);
    assert.match(relisted, /\(15,285\)/);
    assert.equal(await page.locator('#static-table td.amount', { hasText: /^-$/ }).count(), 8);
    assert.match(await page.textContent('#static-table tfoot'), /合計（59事業、再掲4件を除く）\s*3,739,426/);
    assert.match(await page.textContent('footer.source'), /出典：熊本市「令和五年度 事業一覧」/);
    assert.match(await page.textContent('footer.source'), /2023年3月末日時点/);

    // Styled by the page's own (hashed) stylesheets: the policy lets them apply.
    assert.equal(await page.$eval('#total strong', (el) => getComputedStyle(el).color), 'rgb(0, 90, 156)');
    // On a phone the table becomes cards: nothing sticks out sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `page wider than the screen by ${overflow} px`);
    // The message for readers without JavaScript is still there, after the content.
    // (Playwright's text selectors skip <noscript>, so look at the element itself.)
    const noscript = page.locator('noscript p');
    assert.ok(await noscript.isVisible());
    assert.match(await noscript.textContent(), /JavaScript を有効にしてください/);

    // Sharing tags, and the page still asks for nothing but itself (not even preview.png).
    assert.equal(await meta('meta[property="og:image"]'), 'preview.png');
    assert.equal(await meta('meta[property="og:type"]'), 'website');
    assert.equal(await meta('meta[property="og:locale"]'), 'ja_JP');
    assert.match(await meta('meta[property="og:title"]'), /59事業・37\.4億円/);
    assert.match(await meta('meta[property="og:description"]'), /37\.4億円/);
    assert.equal(await meta('meta[name="twitter:card"]'), 'summary_large_image');
    assert.deepEqual(seen.requests, [`${env.server.origin}/`]);
    assert.deepEqual(env.server.requests.slice(served).filter((p) => p !== '/manifest.webmanifest'), ['/']);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });
}

// The parser can paint the page before the table's last row has arrived (a slow phone, a 700 KB
// page): the columns must already be the whole table's, or the header moves as rows come in (a
// layout shift seen at tablet 810 before the columns were fixed).
for (const [size, viewport] of [['tablet', SIZES.tablet], ['landscape tablet', { width: 1080, height: 810 }], ['desktop', SIZES.desktop]]) {
  test(`the static table's columns do not depend on how many rows have arrived (${size})`, async () => {
    for (const javaScriptEnabled of [false, true]) {
      const context = await env.browser.newContext({ viewport, javaScriptEnabled });
      const page = await context.newPage();
      // With JavaScript, the page as it is before the app starts (its script is held back).
      if (javaScriptEnabled) await page.route('**/*', (route) => route.fulfill({ body: fs.readFileSync(path.join(DIST, 'index.html'), 'utf8').replace(/<script type="module">[^]*?<\/script>/, ''), contentType: 'text/html' }));
      await page.goto(`${env.server.origin}/`);
      const columns = () => page.evaluate(() => [...document.querySelectorAll('#static-table thead th')]
        .map((th) => { const r = th.getBoundingClientRect(); return [th.className, Math.round(r.x * 10) / 10, Math.round(r.width * 10) / 10]; }));
      const whole = await columns();
      assert.equal(whole.length, 4, `${JSON.stringify(whole)}`);
      // Only the first initiative's rows, as a paint early in the parse would have them.
      const left = await page.evaluate(() => {
        const groups = [...document.querySelectorAll('#static-table tbody')];
        for (const g of groups.slice(1)) g.remove();
        document.querySelector('#static-table tfoot')?.remove();
        return document.querySelectorAll('#static-table tbody tr[data-id]').length;
      });
      assert.ok(left > 0 && left < 63, `${left} rows left`);
      assert.deepEqual(await columns(), whole, `columns with ${left} rows (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`);
      await context.close();
    }
  });
}

// On a phone the table is a list of cards, its header one line of column names, as in the app's
// table (the columns' widths are the wide table's only: they once pushed the names onto three lines).
for (const width of [360, 390]) {
  test(`the static table's header is one line on a ${width} px phone, with and without JavaScript`, async () => {
    for (const javaScriptEnabled of [false, true]) {
      const context = await env.browser.newContext({ viewport: { width, height: 740 }, javaScriptEnabled });
      const page = await context.newPage();
      if (javaScriptEnabled) await page.route('**/*', (route) => route.fulfill({ body: fs.readFileSync(path.join(DIST, 'index.html'), 'utf8').replace(/<script type="module">[^]*?<\/script>/, ''), contentType: 'text/html' }));
      await page.goto(`${env.server.origin}/`);
      const tops = await page.evaluate(() => [...document.querySelectorAll('#static-table thead th')].map((th) => Math.round(th.getBoundingClientRect().top)));
      assert.equal(tops.length, 4);
      assert.equal(new Set(tops).size, 1, `the column names' tops: ${tops} (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`);
      await context.close();
    }
  });
}

test('the sharing image is there, 1200×630 PNG', async () => {
  // Read from disk: the server's log must show that no page ever asks for it.
  const png = fs.readFileSync(path.join(DIST, 'preview.png'));
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.equal(png.readUInt32BE(16), 1200);
  assert.equal(png.readUInt32BE(20), 630);
});

test('a failed start leaves the static page, with the message', async () => {
  const context = await env.browser.newContext({ viewport: SIZES.phone, locale: 'ja-JP' });
  const page = await context.newPage();
  const seen = watch(page);
  await page.addInitScript(() => { delete window.WebAssembly; });
  await page.goto(`${env.server.origin}/`);
  await page.locator('.startup-error[role="alert"]').waitFor();
  assert.equal(await page.locator('#static-table tbody tr[data-id]').count(), 63);
  assert.match(await page.textContent('#total'), /37\.4億円/);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

// What readers without the app get is as accessible as the app (axe needs script in the page, so
// the app is kept from starting instead of switching JavaScript off: the same static page).
for (const size of ['phone', 'desktop']) {
  test(`axe finds nothing in the static page (${size})`, async () => {
    const context = await env.browser.newContext({ viewport: SIZES[size], locale: 'ja-JP' });
    const page = await context.newPage();
    await page.addInitScript(() => { delete window.WebAssembly; });
    await page.goto(`${env.server.origin}/`);
    await page.locator('.startup-error').waitFor();
    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
    await context.close();
  });
}

/**
 * Installed before the page's scripts: at DOMContentLoaded (the app's script is still unpacking
 * the wasm then) records the header, then on every frame until the chart is drawn where the
 * header is and which content is showing.
 */
const RECORD = () => {
  const rect = (el) => {
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  };
  const snap = () => ({
    static: document.getElementById('static-content') !== null,
    app: document.getElementById('share') !== null,
    h1: rect(document.querySelector('header.summary h1')),
    header: rect(document.querySelector('header.summary')),
    total: rect(document.getElementById('total')),
  });
  window.__frames = [];
  document.addEventListener('DOMContentLoaded', () => {
    window.__beforeStart = { ...snap(), html: document.querySelector('header.summary')?.outerHTML };
    const tick = () => {
      window.__frames.push(snap());
      if (!document.querySelector('#chart .cell')) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
};

const near = (a, b, what) => {
  assert.ok(a && b, `${what}: missing (${JSON.stringify(a)} / ${JSON.stringify(b)})`);
  for (const k of ['x', 'y', 'width', 'height']) {
    assert.ok(Math.abs(a[k] - b[k]) <= 1, `${what} moved: ${k} ${a[k]} → ${b[k]}`);
  }
};

for (const [size, viewport] of Object.entries(SIZES)) {
  test(`the app replaces the static content with no flash and no jump of the header (${size})`, async () => {
    const context = await env.browser.newContext({ viewport, locale: 'ja-JP' });
    const page = await context.newPage();
    const seen = watch(page);
    await page.addInitScript(RECORD);
    // A slow phone: the static content is up well before the app.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(`${env.server.origin}/`);
    await page.waitForSelector('#chart .cell', { timeout: 120000 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

    const beforeStart = await page.evaluate(() => window.__beforeStart);
    assert.ok(beforeStart.static && !beforeStart.app, 'measured before the app started');
    const afterStart = await page.evaluate(() => ({
      h1: document.querySelector('header.summary h1').getBoundingClientRect().toJSON(),
      header: document.querySelector('header.summary').getBoundingClientRect().toJSON(),
      total: document.getElementById('total').getBoundingClientRect().toJSON(),
      html: document.querySelector('header.summary').outerHTML,
    }));
    // The same header, element for element, and in the same place.
    assert.equal(afterStart.html, beforeStart.html);
    near(beforeStart.h1, afterStart.h1, 'h1');
    near(beforeStart.header, afterStart.header, 'header');
    near(beforeStart.total, afterStart.total, '#total');

    // Replaced, not added to: one of each, the static content gone.
    assert.equal(await page.locator('#total').count(), 1);
    assert.equal(await page.locator('h1').count(), 1);
    assert.equal(await page.locator('#static-content, #static-table').count(), 0);

    // Every frame painted on the way had the header, in place: no blank frame, no jump.
    const frames = await page.evaluate(() => window.__frames);
    assert.ok(frames.length > 1, `${frames.length} frames recorded`);
    assert.ok(frames[0].static, 'the first frame shows the static content');
    assert.ok(frames.at(-1).app, 'the last frame shows the app');
    for (const [i, f] of frames.entries()) {
      assert.ok(f.static !== f.app, `frame ${i}: static ${f.static}, app ${f.app}`);
      near(beforeStart.h1, f.h1, `h1 in frame ${i}`);
      near(beforeStart.header, f.header, `header in frame ${i}`);
    }
    // The page itself first; then at most the hosted site's own files (manifest, service
    // worker), never the sharing image.
    const OWN = ['/', '/index.html', '/sw.js', '/manifest.webmanifest', '/icon-192.png', '/icon-512.png'];
    assert.equal(seen.requests[0], `${env.server.origin}/`, 'the page is the first request');
    assert.deepEqual(seen.requests.filter((u) => !OWN.includes(new URL(u).pathname) || !u.startsWith(env.server.origin)), []);
    assert.ok(!env.server.requests.includes('/preview.png'), 'the page never loads its sharing image');
    assert.deepEqual(seen.errors, []);
    await context.close();
  });
}

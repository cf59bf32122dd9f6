// Our users, start to finish, in real Chromium with their devices emulated (touch, screen size,
// pixel ratio): a resident on a phone and a council member on a tablet in both orientations.
// Every page is watched from before its first navigation: nothing but its own request, no
// console error, no panic.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { devices } from 'playwright-core';
import { openMenu, settled, shared, watch } from './harness.mjs';

const env = await shared();
const opened = [];

/** Playwright's device entry, minus the engine it names (these run in Chromium). */
function device(name) {
  const { defaultBrowserType: _engine, ...rest } = devices[name];
  return rest;
}

afterEach(async () => {
  for (const { context, seen } of opened.splice(0)) {
    assert.ok(seen.requests.some((u) => u.startsWith(env.server.origin)), 'the counter saw the page load');
    assert.deepEqual(seen.requests.filter((u) => !u.startsWith(env.server.origin)), [], 'requests to other origins');
    assert.deepEqual(seen.errors, [], 'console errors, uncaught exceptions or panics');
    await context.close();
  }
});

async function open(context, link) {
  const page = await context.newPage();
  const seen = watch(page);
  opened.push({ context, page, seen });
  await page.goto(link);
  await page.waitForSelector('#menu-button'); // the app itself: #total is in the page's static content too
  return page;
}

const crumbs = (page) => page.locator('#crumbs li').allTextContents();

test('resident on a phone: total, search 観光, open a measure, share the link, same view elsewhere', async () => {
  const context = await env.browser.newContext({ ...device('iPhone 13'), permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await open(context, `${env.server.origin}/`);
  assert.match(await page.textContent('#total'), /予算総額 37\.4億円/);

  await page.locator('#q').tap();
  await page.keyboard.type('観光');
  const result = await page.textContent('#result');
  const [, count] = result.match(/該当 (\d+)事業/);
  assert.ok(Number(count) >= 8, result);
  assert.match(result, /合計 [\d.,]+(億|万)円/);
  await page.waitForSelector('#chart .cell');

  // The matching measures are listed under the count; tap one for its details.
  const matches = await page.locator('#matches [data-goto]').evaluateAll((b) => b.map((x) => x.dataset.goto));
  const relisted = Number(result.match(/再掲(\d+)件/)?.[1] ?? 0);
  assert.equal(matches.length, Number(count) + relisted, matches.join(' '));
  assert.ok(matches.includes('4-5'), matches.join(' '));
  await page.locator('#matches [data-goto="4-5"]').tap();
  await page.waitForSelector('#details');
  assert.equal(await page.textContent('#details-title'), '旅行商品割引事業');
  assert.match(await page.textContent('#details'), /絞り込み結果の中での割合/);

  // On a phone the details are a sheet over the page, with their own share button.
  await page.locator('#details-share').tap();
  await page.waitForFunction(() => /コピーしました/.test(document.querySelector('#details .share-status')?.textContent ?? ''));
  const link = await page.evaluate(() => navigator.clipboard.readText());
  // The address the app wrote (the typed search after a paint, then the opened measure).
  await settled(async () => `${await page.evaluate(() => location.href)}&lang=ja`, link,
    'the copied link: this address, carrying the language');

  const other = await open(await env.browser.newContext(device('iPhone 13')), link);
  await other.waitForSelector('#details');
  assert.equal(await other.inputValue('#q'), '観光');
  assert.equal(await other.textContent('#details-title'), '旅行商品割引事業');
  assert.equal(await other.textContent('#result'), result);
});

for (const name of ['iPad (gen 7)', 'iPad (gen 7) landscape']) {
  test(`council member on a tablet (${name}): drill, back, departments, table`, async () => {
    const page = await open(await env.browser.newContext(device(name)), `${env.server.origin}/`);
    await page.waitForSelector('#chart .cell');

    await page.locator('#chart [data-key="d3"]').tap();
    await page.locator('#chart [data-key="i5"]').tap();
    await settled(() => crumbs(page), ['全体', '経営基盤の強化', '人材の育成及び確保'], 'breadcrumbs after tapping d3, then i5');
    await page.locator('#chart .cell').first().tap();
    await page.waitForSelector('#details');

    // Back with the browser's button closes the details, then climbs.
    await page.goBack();
    await page.waitForSelector('#details', { state: 'detached' });
    await page.goBack();
    await settled(() => crumbs(page), ['全体', '経営基盤の強化'], 'breadcrumbs after Back twice');
    // Breadcrumbs go up too.
    await page.locator('#crumbs button', { hasText: '全体' }).tap();
    await settled(() => crumbs(page), ['全体'], 'breadcrumbs after the top crumb');

    await page.locator('[data-view="dept"]').tap();
    await page.waitForSelector('#chart [data-key="g:雇用対策課"]');
    await page.locator('#chart [data-key="g:雇用対策課"]').tap();
    await settled(() => crumbs(page), ['全体', '雇用対策課'], 'breadcrumbs after tapping 雇用対策課');

    await page.locator('[data-view="table"]').tap();
    await page.locator('[data-sort="amount"]').tap();
    const first = await page.locator('#table tbody tr').first().getAttribute('data-id');
    assert.equal(first, '3-3'); // 企業立地促進事業, 578,800千円
    await page.locator('[data-sort="amount"]').tap(); // again: ascending, "-" lines first
    assert.equal(await page.locator('#table tbody tr .amount').first().textContent(), '-');
    await settled(() => page.evaluate(() => location.hash), /sort=amount/, 'the fragment after sorting by amount twice');
  });
}

test('keyboard only: Tab reaches every control once, in order, and focus is always visible', async () => {
  const page = await open(await env.browser.newContext({ viewport: { width: 1440, height: 900 } }), `${env.server.origin}/`);
  await page.waitForSelector('#chart .cell');
  const seen = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return {
        id: el.id || el.dataset.key || el.dataset.view || el.textContent.trim().slice(0, 12),
        cell: el.classList.contains('cell'),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      };
    });
    if (!info) break;
    if (seen.length && info.id === seen[0].id) break; // wrapped around
    seen.push(info);
  }
  const ids = seen.map((s) => s.id);
  for (const want of ['q', 'filter-toggle', 'dir', 'dept', 'table', 'menu-button']) {
    assert.ok(ids.includes(want), `Tab reaches ${want}: ${ids.join(' → ')}`);
  }
  // The chart is one tab stop (arrow keys move inside it); the lists below it are reachable too.
  assert.equal(seen.filter((s) => s.cell).length, 1, ids.join(' → '));
  assert.ok(ids.includes('d4'), `the no-amount list is reachable: ${ids.join(' → ')}`);
  assert.deepEqual(seen.filter((s) => !s.outline).map((s) => s.id), [], 'every focused control shows a focus ring');
  // The rarely used actions are behind the menu's button: Enter opens it, Tab goes on into it.
  await page.locator('#menu-button').focus();
  await page.keyboard.press('Enter');
  await settled(() => page.getAttribute('#menu-button', 'aria-expanded'), 'true', 'the menu once Enter was pressed');
  const inMenu = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    inMenu.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent.trim().slice(0, 12)));
  }
  for (const want of ['lang', 'print', 'share', 'save-csv', 'save-json', 'save-page', 'open-file']) {
    assert.ok(inMenu.includes(want), `Tab reaches ${want} in the menu: ${inMenu.join(' → ')}`);
  }
});

test('share on a tablet shows the link as a QR code that a phone can read', async () => {
  const { default: jsQR } = await import('jsqr');
  const { PNG } = await import('pngjs');
  const context = await env.browser.newContext({ ...device('iPad (gen 7)'), permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await open(context, `${env.server.origin}/#v=dept&at=g:%E5%95%86%E6%A5%AD%E9%87%91%E8%9E%8D%E8%AA%B2&sel=8-4`);
  await page.locator('#menu-button').tap();
  await page.locator('#share').tap();
  const qr = page.locator('#share-qr');
  await qr.waitFor();
  const shot = PNG.sync.read(await qr.screenshot());
  const code = jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height);
  assert.ok(code, 'the QR code decodes');
  assert.equal(code.data, await page.inputValue('#share-link'));
  await settled(async () => `${await page.evaluate(() => location.href)}&lang=ja`, code.data,
    'the QR code\'s link: this address, carrying the language');
});

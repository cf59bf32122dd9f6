// The two main journeys on the devices residents and council members use (Playwright's iPhone 13,
// iPad (gen 7) both ways round, and a desktop): the chart on the first screen; details where you
// look (a sheet over the page on a phone, a panel beside the chart that does not move it on an
// iPad and a desktop); Back and close returning you to where you were; the filter sheet's live
// count; the menu of rarely used actions; axe on each new state; 44 px targets in them.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { devices } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { settled, shared, watch } from './harness.mjs';

const env = await shared();
const opened = [];

afterEach(async () => {
  for (const { context, seen } of opened.splice(0)) {
    assert.deepEqual(seen.requests.filter((u) => !u.startsWith(env.server.origin)), [], 'requests to other origins');
    assert.deepEqual(seen.errors, [], 'console errors, uncaught exceptions or panics');
    await context.close();
  }
});

/** Playwright's descriptor without its engine (Debian's Chromium plays every device). */
function device(name) {
  const { defaultBrowserType: _engine, ...rest } = devices[name];
  return rest;
}
const DEVICES = {
  'iPhone 13': device('iPhone 13'),
  'iPad (gen 7)': device('iPad (gen 7)'),
  'iPad (gen 7) landscape': device('iPad (gen 7) landscape'),
  desktop: { viewport: { width: 1440, height: 900 } },
};
const PHONE = 'iPhone 13';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function open(options, fragment = '') {
  const context = await env.browser.newContext(options);
  const page = await context.newPage();
  const seen = watch(page);
  opened.push({ context, seen });
  await page.goto(`${env.server.origin}/${fragment ? `#${fragment}` : ''}`);
  await page.waitForSelector('#menu-button'); // the app itself: #total is in the static content too
  await page.waitForSelector('#chart .cell, #table');
  return page;
}

/** Taps on touch devices, clicks elsewhere. */
const press = (options, locator) => (options.hasTouch ? locator.tap() : locator.click());
const rect = (page, sel) => page.locator(sel).first().evaluate((e) => e.getBoundingClientRect().toJSON());
const scrollY = (page) => page.evaluate(() => Math.round(scrollY));
const screen = (page) => page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  return e ? `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.dataset.key ? `[data-key=${e.dataset.key}]` : ''}${e.dataset.goto ? `[data-goto=${e.dataset.goto}]` : ''}` : null;
});

async function axe(page, what) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const report = violations.map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`).join('\n');
  assert.equal(violations.length, 0, `axe, ${what}:\n${report}`);
}

/** Visible controls inside `container` smaller than 44×44 px (a checkbox is hit by its label). */
const smallTargets = (page, container) => page.evaluate((container) => {
  const out = [];
  for (const el of document.querySelector(container).querySelectorAll('button, input, select, a[href], summary, label.button')) {
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    const hit = el.matches('input[type=checkbox], input[type=radio]') ? el.closest('label') : el;
    if (el.matches('input.visually-hidden')) continue; // the file input: its label is the target
    const r = hit.getBoundingClientRect();
    if (r.width < 44 || r.height < 44) out.push(`${el.tagName} ${el.id} "${(el.getAttribute('aria-label') || el.textContent).trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
  }
  return out;
}, container);

// First screen: the total, the search and the top of the treemap, with at least 40% of the
// screen's height showing chart, without scrolling (iPhone 13 shows 390×664 of the page).
const SMALL = { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true };
for (const [name, options, fragment] of [...Object.entries(DEVICES), ['small phone 360×640', SMALL],
  ['small phone 360×640, English', SMALL, 'lang=en'], [`${PHONE}, English`, DEVICES[PHONE], 'lang=en']]) {
  test(`first screen, ${name}: total, search and the chart's top`, async () => {
    const page = await open(options, fragment);
    const { height } = await screen(page);
    assert.equal(await scrollY(page), 0);
    const total = await rect(page, '#total');
    const search = await rect(page, '#q');
    const chart = await rect(page, '#chart');
    console.log(`# ${name}: screen ${JSON.stringify(await screen(page))}, chart top ${Math.round(chart.top)}, total ${Math.round(total.bottom)}, search ${Math.round(search.bottom)}`);
    assert.ok(total.bottom <= height && search.bottom <= height, 'total and search on the first screen');
    assert.ok(chart.top <= 0.6 * height, `the chart starts at ${chart.top}, more than 60% down a ${height} px screen`);
  });
}

// Details where you look, and Back and close returning you to where you were.
for (const [name, options] of Object.entries(DEVICES)) {
  test(`details, ${name}: title and description on screen; Back, Forward and close restore scroll and focus`, async () => {
    const phone = name === PHONE;
    const page = await open(options, 'at=i4');
    const { height } = await screen(page);
    // Scrolled so that the chart's top is just under the screen's top (as a reader scrolls to it).
    const top = (await rect(page, '#chart')).top;
    await page.evaluate((y) => scrollTo(0, y), Math.round(top - 40));
    const before = await settled(() => scrollY(page), (y) => y > 0, 'scrolled down');
    const cell = page.locator('#chart .cell[data-key="m4-5"]');
    const chartBefore = await rect(page, '#chart');
    await press(options, cell);
    await page.waitForSelector('#details');
    const title = await rect(page, '#details-title');
    const description = await rect(page, '#details .description');
    assert.ok(title.top >= 0 && title.bottom <= height / 2, `title at ${title.top}–${title.bottom} of ${height}`);
    assert.ok(description.top >= 0 && description.top < height - 16, `description starts at ${description.top} of ${height}`);
    await settled(() => focused(page), 'h2#details-title', 'the focus on the details title');
    assert.equal(await scrollY(page), before, 'opening details does not scroll the page');
    if (!phone) {
      const after = await rect(page, '#chart');
      for (const k of ['x', 'y', 'width', 'height']) {
        assert.ok(Math.abs(after[k] - chartBefore[k]) <= 1, `chart ${k} ${chartBefore[k]} → ${after[k]}`);
      }
    }

    // The browser's Back closes them: the page where it was, the focus on the cell.
    await page.goBack();
    await page.waitForSelector('#details', { state: 'detached' });
    const back = await settled(() => scrollY(page), (y) => Math.abs(y - before) <= 40, `scroll after Back (before: ${before})`);
    await settled(() => focused(page), 'button[data-key=m4-5]', 'the focus after Back');
    console.log(`# ${name}: scroll before the tap ${before}, after Back ${back}`);
    // Forward opens them again; the page scrolled on while they are open (a reader's flick), the
    // close button gives back the place they were opened from.
    await page.goForward();
    await page.waitForSelector('#details');
    // Back up the page (below the chart there may be too little left to scroll on): more than
    // the 40 px the restore may miss by.
    await page.evaluate(() => scrollBy(0, -200));
    await settled(() => scrollY(page), (y) => y < before - 60, 'scrolled up (more than the 40 px allowed) with the details open');
    await press(options, page.locator('#details .close'));
    await page.waitForSelector('#details', { state: 'detached' });
    await settled(() => scrollY(page), (y) => Math.abs(y - before) <= 40, `scroll after close (before: ${before})`);
    await settled(() => focused(page), 'button[data-key=m4-5]', 'the focus after close');
  });
}

test(`details, ${PHONE}: a bottom sheet that keeps the focus, expands, and closes with Esc`, async () => {
  const page = await open(DEVICES[PHONE], 'at=i4');
  await page.locator('#chart .cell[data-key="m4-5"]').tap();
  await page.waitForSelector('#details');
  const { height } = await screen(page);
  const sheet = await rect(page, '#details');
  assert.ok(Math.abs(sheet.bottom - height) <= 1 && sheet.top > height / 4, `the sheet at ${sheet.top}–${sheet.bottom}`);
  assert.equal(await page.getAttribute('#details', 'aria-modal'), 'true');
  // Tab and Shift+Tab stay in the sheet.
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(key);
      assert.ok(await page.evaluate(() => document.querySelector('#details').contains(document.activeElement)), `${key} ×${i + 1} left the sheet`);
    }
  }
  await page.locator('#details-expand').tap();
  await settled(async () => Math.round((await rect(page, '#details')).top), 0, 'the expanded sheet top');
  assert.equal(await page.getAttribute('#details-expand', 'aria-expanded'), 'true');
  await axe(page, 'phone, details sheet open');
  assert.deepEqual(await smallTargets(page, '#details'), [], 'small targets in the details sheet');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#details', { state: 'detached' });
  await settled(() => focused(page), 'button[data-key=m4-5]', 'the focus after Esc');
});

test('details from a search match (phone) and from a table row (desktop) give the focus back to it', async () => {
  const phone = await open(DEVICES[PHONE], 'q=%E8%A6%B3%E5%85%89');
  const match = phone.locator('#matches [data-goto="4-5"]');
  await match.scrollIntoViewIfNeeded();
  const before = await scrollY(phone);
  await match.tap();
  await phone.waitForSelector('#details');
  await phone.locator('#details .close').tap();
  await phone.waitForSelector('#details', { state: 'detached' });
  await settled(() => focused(phone), 'button[data-goto=4-5]', 'the focus after closing, from a search match');
  await settled(() => scrollY(phone), (y) => Math.abs(y - before) <= 40, `scroll after close (before: ${before})`);

  const desk = await open(DEVICES.desktop, 'v=table');
  const row = desk.locator('#table [data-key="m6-6"]');
  await row.scrollIntoViewIfNeeded();
  const y = await scrollY(desk);
  await row.click();
  await desk.waitForSelector('#details');
  const title = await rect(desk, '#details-title');
  assert.ok(title.top >= 0 && title.bottom <= 450, `title at ${title.top} beside the table`);
  await axe(desk, 'desktop, details panel beside the table');
  await desk.goBack();
  await desk.waitForSelector('#details', { state: 'detached' });
  await settled(() => focused(desk), 'button[data-key=m6-6]', 'the focus after Back, from a table row');
  await settled(() => scrollY(desk), (v) => Math.abs(v - y) <= 40, `scroll after Back (before: ${y})`);
});

test('details panel beside the chart on an iPad: axe, targets', async () => {
  const page = await open(DEVICES['iPad (gen 7)'], 'at=i4');
  await page.locator('#chart .cell[data-key="m4-5"]').tap();
  await page.waitForSelector('#details');
  const [chart, details] = [await rect(page, '#chart'), await rect(page, '#details')];
  assert.ok(details.left >= chart.right, `the panel (x ${details.left}) beside the chart (right ${chart.right})`);
  await axe(page, 'tablet, details panel open');
  assert.deepEqual(await smallTargets(page, '#details'), [], 'small targets in the details panel');
});

// Filters on a phone (and an iPad) open as a sheet with the live count and total at its foot.
for (const [name, options, lang] of [[PHONE, DEVICES[PHONE], 'ja'], [`${PHONE}, English`, DEVICES[PHONE], 'en'], ['iPad (gen 7)', DEVICES['iPad (gen 7)'], 'ja']]) {
  test(`filter sheet, ${name}: the count bar stays in view while boxes are ticked`, async () => {
    const page = await open(options, lang === 'en' ? 'lang=en' : '');
    const { height } = await screen(page);
    await page.locator('#filter-toggle').tap();
    await page.locator('#filter-sheet').waitFor({ state: 'visible' });
    assert.equal(await page.getAttribute('#filter-toggle', 'aria-expanded'), 'true');
    await settled(() => focused(page), 'h2#filter-sheet-title', 'the focus in the sheet');
    const bar = page.locator('#show-chart');
    const pattern = lang === 'en' ? /^Show (\d+) measures? · ¥[\d.,]+( thousand| million| billion)?$/ : /^(\d+)事業・[\d.,]+(億|万)円を表示$/;
    assert.match(await bar.textContent(), pattern);
    // Tick the last initiative (far down the sheet): the bar is still on screen, and says the new count.
    const box = page.locator('#filter-sheet fieldset').nth(1).locator('label.check').last();
    await box.scrollIntoViewIfNeeded();
    await box.tap();
    const result = await settled(() => page.textContent('#result'), lang === 'en' ? /Matching/ : /該当/, 'the count after ticking');
    const n = result.match(/(\d+)/)[1];
    await settled(() => bar.textContent(), (t) => pattern.exec(t)?.[1] === n, `the bar's count (${n})`);
    const r = await rect(page, '#filter-bar');
    assert.ok(r.top >= 0 && r.bottom <= height + 1, `the bar at ${r.top}–${r.bottom} of ${height}`);
    await axe(page, `${name}, filter sheet open`);
    assert.deepEqual(await smallTargets(page, '#filter-sheet'), [], 'small targets in the filter sheet');
    // Back to the chart: the sheet closes, the chart shows what was ticked, the focus is back.
    await bar.tap();
    await page.locator('#filter-sheet').waitFor({ state: 'hidden' });
    await settled(() => focused(page), 'button#filter-toggle', 'the focus after the sheet closed');
    assert.match(await page.textContent('#filter-toggle'), /[（(]1[）)]/, 'the button says one narrowing is on');
  });
}

test('filters on a desktop stay beside the chart (no sheet)', async () => {
  const page = await open(DEVICES.desktop, 'dir=2');
  // A link that narrows opens them beside the chart.
  await page.locator('#filter-sheet').waitFor({ state: 'visible' });
  assert.equal(await page.getAttribute('#filter-sheet', 'role'), null);
  const [sheet, chart] = [await rect(page, '#filter-sheet'), await rect(page, '#chart')];
  assert.ok(sheet.right <= chart.left, `filters (right ${sheet.right}) beside the chart (left ${chart.left})`);
});

// The menu: a disclosure button; Esc closes it and the focus returns to it.
for (const name of [PHONE, 'iPad (gen 7)']) {
  test(`menu, ${name}: opens, holds the rarely used actions, Esc closes it`, async () => {
    const page = await open(DEVICES[name]);
    const button = page.locator('#menu-button');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('#menu').isVisible(), false);
    await button.tap();
    await page.locator('#menu').waitFor({ state: 'visible' });
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    for (const id of ['#lang', '#share', '#print', '#save-csv', '#save-json', '#save-page', 'label[for=open-file]']) {
      assert.ok(await page.locator(`#menu ${id}`).isVisible(), `${id} in the menu`);
    }
    assert.match(await page.textContent('#menu'), /ドラッグ＆ドロップ/, 'the drag-and-drop hint');
    await axe(page, `${name}, menu open`);
    assert.deepEqual(await smallTargets(page, '.menu'), [], 'small targets in the menu');
    await page.locator('#save-csv').focus();
    await page.keyboard.press('Escape');
    await page.locator('#menu').waitFor({ state: 'hidden' });
    await settled(() => focused(page), 'button#menu-button', 'the focus after Esc');
    // Esc closed the menu only: the view did not go up a level (it is the top level anyway, so
    // check the history did not grow).
    assert.equal(await page.evaluate(() => location.hash), '');
  });
}

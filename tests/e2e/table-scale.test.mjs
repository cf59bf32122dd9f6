// The table with 10,000 lines (the bench's synthetic file, opened through "ファイルを開く" as a
// person would): only the rows near the screen are in the page, yet scrolling, sorting, the
// totals, Tab, a touch scroll on an iPad, closing details and print all behave as if every row
// were there. The embedded list (63 lines) still renders every row. Expected figures come from
// the file itself, read here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { devices } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { appSuite, settled, syntheticFile } from './harness.mjs';

const FILE = syntheticFile();
const BYTES = fs.readFileSync(FILE);
const DATA = JSON.parse(BYTES.toString('utf8'));
const LINES = DATA.projects.length;
const COUNTED = DATA.projects.filter((p) => p.relisted_of === null);
const MEASURES = COUNTED.length;
const RELISTED = LINES - MEASURES;
const TOTAL = COUNTED.reduce((sum, p) => sum + (p.budget ?? 0), 0);
const grouped = (n) => n.toLocaleString('en-US');

const suite = await appSuite({ viewport: { width: 810, height: 1080 } });

/** Playwright's device entry, minus the engine it names (these run in Chromium). */
function device(name) {
  const { defaultBrowserType: _engine, ...rest } = devices[name];
  return rest;
}

/** Opens the table view and the synthetic file, as a person picks it. */
async function openLarge(options = {}, fragment = 'v=table') {
  const page = await suite.open(fragment, options);
  await page.locator('#open-file').setInputFiles({ name: 'synthetic-10000.json', mimeType: 'application/json', buffer: BYTES });
  await page.waitForSelector('#loaded-badge');
  await page.waitForFunction((n) => document.querySelector('#table caption')?.textContent.includes(`${n}事業`), grouped(MEASURES));
  return page;
}

/** The next frame has been rendered (the app renders rows in the frame after a scroll). */
const frames = (page, n = 2) => page.evaluate((n) => new Promise((resolve) => {
  const step = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
  step(n);
}), n);

/** What the rendered rows cover of the screen, and which row is at its middle. */
const onScreen = (page) => page.evaluate(() => {
  const body = document.querySelector('#table tbody');
  const rows = [...body.querySelectorAll(':scope > tr[data-id]')];
  const b = body.getBoundingClientRect();
  const head = document.querySelector('#table thead').getBoundingClientRect();
  // The part of the screen where rows should be: the table body's part, below a stuck header.
  const top = Math.max(b.top, 0);
  const bottom = Math.min(b.bottom, innerHeight);
  const first = rows[0].getBoundingClientRect();
  const last = rows.at(-1).getBoundingClientRect();
  const pitch = rows.length > 1 ? rows[1].getBoundingClientRect().top - first.top : first.height;
  // The row at the middle of the screen by arithmetic (rows `pitch` apart from the body's top),
  // and what the page shows at that row's middle (not at an edge, where rounding decides).
  const middleIndex = Math.floor(((Math.max(top, head.bottom) + bottom) / 2 - b.top) / pitch);
  const middle = document.elementFromPoint(innerWidth / 2, b.top + (middleIndex + 0.5) * pitch)?.closest('tr');
  return {
    rows: rows.length,
    indices: rows.map((r) => Number(r.getAttribute('aria-rowindex'))),
    covered: top >= bottom || (first.top <= top + 0.5 && last.bottom >= bottom - 0.5),
    pitch,
    bodyHeight: b.height,
    middle: middle?.dataset.id ?? null,
    middleIndex,
  };
});

/** Rendered rows are one contiguous run, numbered from 2 (the header row is 1). */
function contiguous(indices) {
  return indices.every((n, i) => i === 0 || n === indices[i - 1] + 1);
}

test('10,000 lines: a few rows in the page, the full height, the true last row and the totals', async () => {
  assert.equal(MEASURES, 9796, 'the bench\'s synthetic file: 10,000 lines, 9,796 measures');
  const page = await openLarge();
  assert.equal(await page.getAttribute('#table', 'aria-rowcount'), String(LINES + 2));
  assert.equal(await page.getAttribute('#table thead tr', 'aria-rowindex'), '1');
  let view = await onScreen(page);
  assert.ok(view.rows > 0 && view.rows < 150, `${view.rows} rows in the page`);
  assert.ok(contiguous(view.indices) && view.indices[0] === 2, `first rows: ${view.indices}`);
  // The body is as tall as every row would be.
  assert.ok(Math.abs(view.bodyHeight - LINES * view.pitch) < 2, `body ${view.bodyHeight} px for ${LINES} rows of ${view.pitch} px`);

  // To the bottom of the page: the last line in source order (the default order), then the totals.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForSelector(`#table tbody tr[aria-rowindex="${LINES + 1}"]`);
  await frames(page);
  view = await onScreen(page);
  assert.ok(view.covered, JSON.stringify(view));
  assert.ok(view.rows < 150 && contiguous(view.indices), JSON.stringify(view.indices));
  const last = DATA.projects.at(-1).id;
  assert.equal(await page.getAttribute(`#table tbody tr[aria-rowindex="${LINES + 1}"]`, 'data-id'), last);
  assert.equal(await page.getAttribute('#table tfoot tr', 'aria-rowindex'), String(LINES + 2));
  assert.match(await page.textContent('#table-total'), new RegExp(` ${grouped(TOTAL)}千円$`));
  assert.match(await page.textContent('#table tfoot'), new RegExp(`${grouped(MEASURES)}事業、再掲${RELISTED}件を除く`));
  // The header stays on screen (sticky), so the sort is at hand this deep.
  const head = await page.locator('#table thead th').first().boundingBox();
  assert.ok(head.y >= -1 && head.y < 5, `header at ${head.y}`);

  // Sorting by amount from down here: the largest first, shown from the table's top.
  await page.locator('[data-sort="amount"]').click();
  await page.waitForFunction(() => /sort=-?amount/.test(location.hash));
  await frames(page);
  view = await onScreen(page);
  assert.ok(view.covered && view.indices[0] === 2, JSON.stringify(view));
  const largest = Math.max(...DATA.projects.map((p) => p.budget ?? 0));
  const firstRow = page.locator('#table tbody tr[aria-rowindex="2"]');
  assert.ok(await firstRow.isVisible(), 'the first row of the new order is on screen');
  const firstId = await firstRow.getAttribute('data-id');
  assert.equal(DATA.projects.find((p) => p.id === firstId).budget, largest, `${firstId} has the largest amount`);
  const amounts = await page.locator('#table tbody tr[data-id] .amount').allTextContents();
  // The exact figure of each amount ("5.8億円 578,800千円"), 0 for "-".
  const numbers = amounts.map((a) => Number((a.match(/([\d,]+)千円/)?.[1] ?? '0').replace(/,/g, '')));
  assert.deepEqual(numbers, [...numbers].sort((a, b) => b - a), 'rendered rows in descending order');
});

test('scrolling anywhere renders the right rows under the screen, with no gap', async () => {
  const page = await openLarge();
  const ids = DATA.projects.map((p) => p.id);
  for (const fraction of [0.1, 0.37, 0.5, 0.83, 0.99]) {
    await page.evaluate((f) => window.scrollTo(0, document.documentElement.scrollHeight * f), fraction);
    await frames(page);
    const view = await onScreen(page);
    assert.ok(view.covered, `${fraction}: ${JSON.stringify(view)}`);
    assert.ok(view.rows < 150 && contiguous(view.indices), `${fraction}: ${view.indices}`);
    assert.equal(view.middle, ids[view.middleIndex], `${fraction}: the row in the middle of the screen`);
  }
});

test('the focused row stays in the page when scrolled far away, at its own place', async () => {
  const page = await openLarge({ viewport: { width: 1280, height: 800 } });
  const height = (await onScreen(page)).bodyHeight;
  await page.locator('#table tbody tr[aria-rowindex="3"] .link').focus();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await frames(page, 3);
  const far = await page.evaluate(() => {
    const body = document.querySelector('#table tbody');
    const rows = [...body.querySelectorAll(':scope > tr[data-id]')];
    const focusedRow = document.activeElement?.closest('#table tbody tr');
    const top = (r) => r.getBoundingClientRect().top - body.getBoundingClientRect().top;
    return {
      focused: focusedRow ? Number(focusedRow.getAttribute('aria-rowindex')) : null,
      rows: rows.length,
      keptTop: focusedRow ? top(focusedRow) : null,
      pitch: rows.length > 2 ? top(rows[2]) - top(rows[1]) : null,
      last: Number(rows.at(-1).getAttribute('aria-rowindex')),
      lastBottom: rows.at(-1).getBoundingClientRect().bottom - body.getBoundingClientRect().bottom,
      height: body.getBoundingClientRect().height,
    };
  });
  assert.equal(far.focused, 3, 'focus is still on the row, which is still in the page');
  assert.ok(far.rows < 150, `${far.rows} rows in the page`);
  assert.ok(Math.abs(far.keptTop - far.pitch) < 1, `the kept row sits at its own place: ${JSON.stringify(far)}`);
  assert.equal(far.last, LINES + 1, 'the true last row at the bottom');
  assert.ok(Math.abs(far.lastBottom) < 1 && Math.abs(far.height - height) < 1, `heights unchanged: ${JSON.stringify(far)}`);
  // Back at the top the rows are one run again, the focused one among them.
  await page.evaluate(() => window.scrollTo(0, 0));
  await frames(page, 3);
  const near = await onScreen(page);
  assert.ok(contiguous(near.indices), `${near.indices}`);
  assert.equal(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('aria-rowindex')), '3');
});

test('keyboard: Tab walks the rows one by one beyond the first rendered rows, Shift+Tab back', async () => {
  const page = await openLarge({ viewport: { width: 1280, height: 800 } });
  const before = await onScreen(page);
  const lastRendered = before.indices.at(-1);
  await page.locator('#table tbody tr[aria-rowindex="2"] .link').focus();
  const focused = () => page.evaluate(() => {
    const el = document.activeElement;
    const row = el?.closest('#table tbody tr');
    const r = el.getBoundingClientRect();
    const head = document.querySelector('#table thead').getBoundingClientRect();
    return {
      index: row ? Number(row.getAttribute('aria-rowindex')) : null,
      visible: r.top >= head.bottom - 1 && r.bottom <= innerHeight + 1,
    };
  });
  // Rows beyond those rendered are rendered, and scrolled to, as the focus reaches them: the
  // focused row and its place are polled (bounded) before they are asserted.
  const moved = (i, index) => settled(focused, (f) => f.index === index && f.visible,
    `${i}: expected row ${index} focused and on screen`);
  const steps = lastRendered + 20;
  for (let i = 1; i <= steps; i++) {
    await page.keyboard.press('Tab');
    const f = await moved(`Tab ${i}`, 2 + i);
    assert.equal(f.index, 2 + i, `Tab ${i} moves to the next row`);
    assert.ok(f.visible, `Tab ${i}: the focused row is on screen`);
  }
  assert.ok(2 + steps > lastRendered, 'reached a row that was not rendered at first');
  for (let i = 1; i <= 30; i++) {
    await page.keyboard.press('Shift+Tab');
    const f = await moved(`Shift+Tab ${i}`, 2 + steps - i);
    assert.equal(f.index, 2 + steps - i, `Shift+Tab ${i} moves to the row before`);
    assert.ok(f.visible, `Shift+Tab ${i}: the focused row is on screen, not under the header`);
  }
});

test('wide screen: details beside the table, the row highlighted; Escape returns to it', async () => {
  const page = await openLarge({ viewport: { width: 1440, height: 900 } });
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight * 0.5));
  await frames(page);
  const id = (await onScreen(page)).middle;
  const row = page.locator(`#table tbody tr[data-id="${id}"]`);
  await row.locator('.link').click();
  await page.waitForSelector('#details');
  assert.match(await row.getAttribute('class'), /\bselected\b/);
  assert.equal(await page.locator('#table tbody tr.selected').count(), 1);
  assert.equal(await page.textContent('#details-title'), DATA.projects.find((p) => p.id === id).name, 'details show the full name');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#details', { state: 'detached' });
  await page.waitForFunction((id) => document.activeElement?.closest('tr')?.dataset.id === id, id);
  assert.equal(await page.locator('#table tbody tr.selected').count(), 0);
});

test('tablet: details below the long table; Escape scrolls back to the row and focuses it', async () => {
  const page = await openLarge();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight * 0.5));
  await frames(page);
  const id = (await onScreen(page)).middle;
  await page.locator(`#table tbody tr[data-id="${id}"] .link`).click();
  await page.waitForSelector('#details');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#details', { state: 'detached' });
  await page.waitForFunction((id) => document.activeElement?.closest('tr')?.dataset.id === id, id);
  const box = await page.locator(`#table tbody tr[data-id="${id}"]`).boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 1080, `the row is on screen: ${JSON.stringify(box)}`);
  assert.ok((await onScreen(page)).covered);
});

/** In the page: after every frame (once its rows are rendered), whether they cover the screen. */
const SAMPLER = () => {
  window.__frames = { sampled: 0, gaps: [] };
  const check = () => {
    const body = document.querySelector('#table tbody');
    const rows = body.querySelectorAll(':scope > tr[data-id]');
    const b = body.getBoundingClientRect();
    const top = Math.max(b.top, 0);
    const bottom = Math.min(b.bottom, innerHeight);
    const first = rows[0]?.getBoundingClientRect();
    const last = rows[rows.length - 1]?.getBoundingClientRect();
    window.__frames.sampled++;
    if (top < bottom && !(first && first.top <= top + 0.5 && last.bottom >= bottom - 0.5)) {
      window.__frames.gaps.push({ scrollY, first: first?.top, last: last?.bottom });
    }
  };
  const frame = () => {
    // A task queued from requestAnimationFrame runs after that frame's rendering.
    setTimeout(check, 0);
    if (!window.__frames.stop) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
};

for (const [name, options] of [
  ['iPad (gen 7)', { ...device('iPad (gen 7)'), hasTouch: true }],
  ['phone', { ...device('iPhone 13') }],
]) {
  test(`${name}: flicks of a finger render the rows at each new place, never a gap`, async () => {
    const page = await openLarge(options);
    const cdp = await page.context().newCDPSession(page);
    const ids = DATA.projects.map((p) => p.id);
    const { width, height } = page.viewportSize();
    await page.evaluate(SAMPLER);
    // A finger drawn up the screen, quickly: the page scrolls with it and flings on.
    const flick = async (steps) => {
      const x = Math.round(width / 2);
      const [from, to] = [Math.round(height * 0.85), Math.round(height * 0.15)];
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: from }] });
      for (let i = 1; i <= steps; i++) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: from + ((to - from) * i) / steps }] });
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };
    const settled = () => page.evaluate(() => new Promise((resolve) => {
      let [last, still] = [scrollY, 0];
      const step = () => {
        still = scrollY === last ? still + 1 : 0;
        last = scrollY;
        if (still >= 10) resolve(scrollY); else requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    }));
    let y = await page.evaluate(() => scrollY);
    for (const steps of [20, 8, 4, 4]) {
      await flick(steps);
      const now = await settled();
      assert.ok(now > y + height / 2, `the flick scrolled the page: ${y} → ${now}`);
      y = now;
      const view = await onScreen(page);
      assert.ok(view.covered, JSON.stringify(view));
      assert.ok(view.rows < 150 && contiguous(view.indices), `${view.rows} rows: ${view.indices}`);
      assert.equal(view.middle, ids[view.middleIndex], `at ${now}: the row in the middle of the screen`);
    }
    const frames = await page.evaluate(() => { window.__frames.stop = true; return window.__frames; });
    assert.ok(frames.sampled > 20, `${frames.sampled} frames sampled`);
    assert.deepEqual(frames.gaps, [], `frames where the rows did not cover the screen (of ${frames.sampled})`);
  });
}

test('print: at most the first 500 lines of the order, a note of the rest, the CSV has them all', async () => {
  const page = await openLarge();
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  await page.waitForSelector('.print-only table', { state: 'attached' });
  await page.emulateMedia({ media: 'print' });
  const printed = await page.locator('.print-only tbody tr[data-id]').evaluateAll((rows) => rows.map((r) => r.dataset.id));
  assert.deepEqual(printed, DATA.projects.slice(0, 500).map((p) => p.id));
  const note = await page.textContent('.print-note');
  assert.match(note, new RegExp(`先頭500行.*全${grouped(LINES)}行のうち${grouped(LINES - 500)}行を省略`));
  assert.match(note, /CSV/);
  assert.equal(await page.locator('.table-wrap.virtual').evaluate((e) => e.getClientRects().length), 0, 'the on-screen rows are not printed');
  assert.match(await page.textContent('.print-only tfoot'), new RegExp(grouped(TOTAL)));
  // The header repeats on every page as text (Chromium paints no button there).
  const header = await page.locator('.print-only thead th').first().evaluate((th) => [
    getComputedStyle(th, '::before').content, getComputedStyle(th.querySelector('.sort')).display]);
  assert.deepEqual(header, ['"番号"', 'none']);
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => dispatchEvent(new Event('afterprint')));
});

test('axe finds nothing in the long table (spacer rows, row numbers, sticky header)', async () => {
  const page = await openLarge();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight * 0.3));
  await frames(page);
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .include('#table')
    .analyze();
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
});

test('the embedded list (63 lines) renders every row: find-in-page and print see them all', async () => {
  const page = await suite.open('v=table');
  await page.waitForSelector('#table tbody tr[data-id]');
  assert.equal(await page.locator('#table tbody tr[data-id]').count(), 63);
  assert.equal(await page.locator('#table tbody tr.spacer').count(), 0);
  assert.equal(await page.locator('.table-wrap.virtual').count(), 0);
  assert.equal(await page.getAttribute('#table', 'aria-rowcount'), '65');
});

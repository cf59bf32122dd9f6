// The explorer as its users use it, in real Chromium: drilling by tap and by keyboard, filtering,
// details as a deep link, back/forward, the URL reproducing the view on a second page load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appSuite, openMenu, settled, watch } from './harness.mjs';

const suite = await appSuite({ viewport: { width: 810, height: 1080 } });
/** Opens the app at `fragment`, waiting for the chart (or table) to be drawn. */
async function open(fragment = '', options = {}) {
  const page = await suite.open(fragment, options);
  if (!/v=table/.test(fragment)) await page.waitForSelector('#chart .cell, #chart.no-area, #empty');
  return page;
}


const fragment = (page) => page.evaluate(() => location.hash.replace(/^#/, ''));
/** The fragment once it is `expected` (the app writes it in an effect; a typed search once typing pauses). */
const fragmentIs = (page, expected, what) => settled(() => fragment(page), expected, `the fragment ${what}`);
const titleIs = (page, re, what) => settled(() => page.title(), re, `the title ${what}`);

const crumbs = (page) => page.locator('#crumbs li').allTextContents();
const cellKeys = (page) => page.locator('#chart .cell').evaluateAll((cells) => cells.map((c) => c.dataset.key));

test('tablet: drill down by tapping, up with breadcrumbs and the back button', async () => {
  const page = await open('', { hasTouch: true, isMobile: true });
  // Four directions have amounts (方向性5 only 295千円, a sliver); each is a cell.
  assert.deepEqual((await cellKeys(page)).sort(), ['d1', 'd2', 'd3', 'd5']);
  // 方向性4 has no amounts: it is listed beside the chart, not dropped.
  assert.equal(await page.locator('#no-amount-cells [data-key="d4"]').count(), 1);

  await page.locator('#chart [data-key="d2"]').tap();
  await settled(() => crumbs(page), ['全体', '新たな事業活動の促進'], 'breadcrumbs after tapping d2');
  await page.locator('#chart [data-key="i4"]').tap();
  await settled(() => crumbs(page), ['全体', '新たな事業活動の促進', '販路開拓・消費拡大支援'], 'breadcrumbs after tapping i4');
  await fragmentIs(page, 'at=i4', 'after tapping i4');
  // 14 lines under 取組④, all with amounts: each is a cell; cells too small for a label are
  // also listed below the chart.
  assert.equal(await page.locator('#chart .cell').count(), 14);
  const listed = await page.locator('#small-cells .list-cell').evaluateAll((b) => b.map((x) => x.dataset.key));
  const cells = await cellKeys(page);
  assert.ok(listed.every((k) => cells.includes(k)), 'small cells are cells too');

  await page.locator('[data-key="m4-5"]').first().tap();
  await page.waitForSelector('#details');
  assert.equal(await page.textContent('#details-title'), '旅行商品割引事業');
  assert.match(await page.textContent('#details'), /300,000千円/);
  await fragmentIs(page, 'at=i4&sel=4-5', 'with details open');
  await titleIs(page, /旅行商品割引事業/, 'with details open');

  await page.goBack();
  await page.waitForSelector('#details', { state: 'detached' });
  await fragmentIs(page, 'at=i4', 'after Back closed the details');
  await page.goBack();
  await settled(() => crumbs(page), ['全体', '新たな事業活動の促進'], 'breadcrumbs after Back');
  await page.goForward();
  await settled(() => crumbs(page), ['全体', '新たな事業活動の促進', '販路開拓・消費拡大支援'], 'breadcrumbs after Forward');

  await page.locator('#crumbs button', { hasText: '全体' }).tap();
  await settled(() => crumbs(page), ['全体'], 'breadcrumbs after the top crumb');
  await fragmentIs(page, '', 'after the top crumb');
});

test('tablet landscape: department treemap drills into a department group', async () => {
  const page = await open('', { viewport: { width: 1080, height: 810 }, hasTouch: true });
  await page.locator('[data-view="dept"]').tap();
  await fragmentIs(page, 'v=dept', 'after the department tab');
  const keys = await cellKeys(page);
  assert.ok(keys.includes('g:商業金融課'), keys.join(' '));
  await page.locator('#chart [data-key="g:商業金融課"]').tap();
  await settled(() => crumbs(page), ['全体', '商業金融課'], 'breadcrumbs after tapping 商業金融課');
  // 12 lines name 商業金融課 alone; the two 【再掲】 lines are listed without area.
  assert.equal(await page.locator('#relisted-cells .list-cell').count(), 2);
  await titleIs(page, /担当課別：商業金融課/, 'in 商業金融課');
});

test('keyboard only: arrows move between cells, Enter drills and opens, Escape goes up', async () => {
  const page = await open();
  // Tab from the top of the page into the chart: the first cell is the one tab stop in it.
  let guard = 0;
  while (!(await page.evaluate(() => document.activeElement?.classList.contains('cell'))) && guard++ < 40) {
    await page.keyboard.press('Tab');
  }
  const focused = () => page.evaluate(() => document.activeElement?.dataset.key);
  const first = await focused();
  assert.ok(first, 'a chart cell took the focus');
  await page.keyboard.press('ArrowDown');
  await settled(focused, (k) => k && k !== first, `ArrowDown moved from ${first}`);
  await page.keyboard.press('ArrowUp');
  await settled(focused, (k) => k === first, 'ArrowUp came back');

  // Enter on 経営基盤の強化 (d3): its initiatives, focus stays in the chart.
  await page.locator('#chart [data-key="d3"]').focus();
  await page.keyboard.press('Enter');
  await settled(() => crumbs(page), (c) => c.join('/') === '全体/経営基盤の強化', 'drilled into d3');
  await settled(focused, (k) => /^i\d+$/.test(k ?? ''), 'focus on an initiative');
  await page.keyboard.press('Enter');
  await settled(() => crumbs(page), (c) => c.length === 3, 'drilled into the initiative');
  await settled(focused, (k) => /^m/.test(k ?? ''), 'focus on a measure');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#details');
  await settled(() => page.evaluate(() => document.activeElement?.id), 'details-title', 'the focus once Enter opened the details');

  await page.keyboard.press('Escape'); // closes the details
  await page.waitForSelector('#details', { state: 'detached' });
  await page.keyboard.press('Escape'); // up to the direction
  await settled(() => crumbs(page), (c) => c.join('/') === '全体/経営基盤の強化', 'Escape went up');
  await page.keyboard.press('Escape');
  await settled(() => crumbs(page), (c) => c.join('/') === '全体', 'Escape went to the top');
});

test('phone: search narrows charts, table and totals; typing replaces the history entry', async () => {
  const page = await open('', { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const before = await page.evaluate(() => history.length);
  await page.fill('#q', '観光');
  const result = await page.textContent('#result');
  assert.match(result, /該当 \d+事業/);
  // The typed search reaches the address once typing pauses: once it has, history.length is
  // final (a poll for it would pass before a late push).
  await settled(async () => decodeURIComponent(await fragment(page)), /^q=観光$/, 'the fragment after typing 観光');
  assert.equal(await page.evaluate(() => history.length), before, 'typing adds no history entries');

  await page.locator('[data-view="table"]').tap();
  const rows = await page.locator('#table tbody tr').count();
  const count = Number(result.match(/該当 (\d+)事業/)[1]);
  assert.equal(rows, count, 'the table lists what the count says');
  const names = await page.locator('#table tbody .name').allTextContents();
  assert.ok(names.every((n) => n.length > 0));
  // Sorting by amount puts the largest first and keeps the totals row.
  await page.locator('[data-sort="amount"]').tap();
  const amounts = await page.locator('#table tbody .amount').allTextContents();
  // The exact figure of each amount ("5.8億円 578,800千円"), 0 for "-".
  const numbers = amounts.map((a) => Number((a.match(/([\d,]+)千円/)?.[1] ?? '0').replace(/,/g, '')));
  assert.deepEqual(numbers, [...numbers].sort((a, b) => b - a));
  assert.match(await page.textContent('#table-total'), /\d/);

  await page.locator('#clear').tap();
  assert.match(await page.textContent('#result'), /全 59事業/);
  // Half-width katakana finds the full-width spelling.
  await page.fill('#q', 'ｲﾝﾊﾞｳﾝﾄﾞ');
  assert.ok(await page.locator('#table tbody tr[data-id="4-8"]').count() === 1);
});

test('typing writes the address once it pauses, not per keystroke; a link opened meanwhile wins', async () => {
  const page = await open('');
  // Every address the page writes, counted where it is written.
  await page.evaluate(() => {
    window.__replaced = [];
    const replace = history.replaceState.bind(history);
    history.replaceState = (state, title, url) => { window.__replaced.push(String(url)); replace(state, title, url); };
  });
  // Five keystrokes 40 ms apart (each result painted in between), then a pause: timed in the
  // page, so that a busy machine delays the keystrokes and the app's timer alike.
  await page.evaluate(async (text) => {
    const input = document.querySelector('#q');
    const chars = [...text];
    for (let n = 1; n <= chars.length; n++) {
      input.value = chars.slice(0, n).join('');
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 40));
    }
  }, '商店街振興');
  await settled(async () => decodeURIComponent(await fragment(page)), /^q=商店街振興$/, 'the fragment after typing');
  const replaced = await page.evaluate(() => window.__replaced.map(decodeURIComponent));
  assert.deepEqual(replaced, ['#q=商店街振興'], 'one address for the burst of typing');

  // A link opened while typing waits: the link's view, and the typed search never overwrites it.
  await page.locator('#q').fill('観光');
  await page.evaluate(() => { location.hash = 'at=i4'; });
  await settled(() => crumbs(page), (c) => c.length === 3, 'the link followed');
  await page.waitForTimeout(600);
  assert.equal(await fragment(page), 'at=i4', 'the link stays in the address');
  assert.equal(await page.inputValue('#q'), '', 'the search is the link\'s (none)');
});

test('filters: marks, direction and amount range combine; clear all resets', async () => {
  const page = await open('');
  // On an iPad the filters open as a sheet over the page.
  await page.locator('#filter-toggle').click();
  await page.locator('.toggle', { hasText: '★重点' }).click();
  assert.match(await page.textContent('#result'), /該当 8事業/);
  await page.locator('.toggle', { hasText: '新規' }).click();
  assert.match(await page.textContent('#result'), /該当 3事業/);
  await fragmentIs(page, 'mk=kn', 'with ★重点 and 新規');
  await page.locator('#clear-in-sheet').click();
  // The sheet stays as the person left it (open), though nothing beyond the search narrows now.
  assert.equal(await page.locator('#filter-sheet').isVisible(), true);
  await page.fill('#min', '300000');
  assert.match(await page.textContent('#result'), /該当 5事業/); // 1-2, 3-3, 4-5, 6-6, 8-4
  await page.locator('.radio', { hasText: '金額なし' }).locator('input').check();
  assert.match(await page.textContent('#result'), /条件に合う事業はありません/);
  // The chart keeps its cells, every one dimmed; laid out over the matches alone, it is empty.
  await settled(() => page.locator('#chart .cell').evaluateAll((c) => c.length > 0 && c.every((b) => b.dataset.match === '0')),
    true, 'every cell dimmed');
  // Back to the chart (the sheet covers it on an iPad), then only the matches.
  await page.locator('#show-chart').click();
  await page.locator('#only-matches').click();
  await settled(() => page.locator('#chart').count(), 0, 'no chart with only the matches, as none match');
  assert.equal(await page.locator('#empty').count(), 1, 'the empty note');
});

test('filters: the sheet stays open and the focus stays in the field while the minimum is erased', async () => {
  const page = await open('');
  const panelOpen = () => page.locator('#filter-sheet').isVisible();
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
  await page.locator('#filter-toggle').click();
  await settled(panelOpen, true, 'the sheet once its button was clicked');
  await page.locator('#min').click();
  await page.keyboard.type('100');
  await fragmentIs(page, /(^|&)min=100(&|$)/, 'with the minimum typed');
  for (const left of ['10', '1', '']) {
    await page.keyboard.press('Backspace');
    await settled(() => page.inputValue('#min'), left, 'the minimum after Backspace');
    await settled(focused, 'min', `the focus with the minimum "${left}"`);
    await settled(panelOpen, true, `the sheet with the minimum "${left}"`);
  }
  await fragmentIs(page, '', 'once the minimum is erased');
  // Still theirs to close: the button back to the chart closes it and gives the focus back.
  assert.equal(await focused(), 'min');
  await page.locator('#show-chart').click();
  await settled(panelOpen, false, 'the sheet once the button back to the chart was clicked');
  await settled(focused, 'filter-toggle', 'the focus after the sheet closed');
});

test('deep link: a relisted line links to its original and back; a second page load shows the same view', async () => {
  const page = await open('sel=10-2&at=i10');
  assert.equal(await page.textContent('#details-title'), '成長産業創出支援事業');
  assert.match(await page.textContent('#details'), /金額は元の掲載に計上/);
  await page.locator('#details [data-goto="1-5"]').first().click();
  await fragmentIs(page, 'at=i10&sel=1-5', 'after following the relisting');
  const relisted = await page.locator('#details [data-goto]').evaluateAll((b) => b.map((x) => x.dataset.goto));
  assert.deepEqual(relisted.sort(), ['10-2', '3-1']);

  // The same link on another device: identical view.
  const link = await page.evaluate(() => location.href);
  const other = await open(link.split('#')[1]);
  await fragmentIs(other, await fragment(page), 'of the second page load');
  assert.equal(await other.textContent('#details-title'), await page.textContent('#details-title'));
  assert.deepEqual(await crumbs(other), await crumbs(page));
});

test('a hand-edited link shows the nearest valid view and says what was dropped', async () => {
  const page = await open('v=pie&sel=99-9&at=i4&q=%E8%A6');
  assert.equal(await page.locator('#notice').count(), 1);
  const notice = await page.textContent('#notice');
  assert.match(notice, /v=pie/);
  assert.match(notice, /sel=99-9/);
  assert.deepEqual(await crumbs(page), ['全体', '新たな事業活動の促進', '販路開拓・消費拡大支援']);
  await fragmentIs(page, 'at=i4', 'rewritten to what is shown');
});

test('share copies the link, or shows it to copy by hand', async () => {
  const page = await open('at=i4', { permissions: ['clipboard-read', 'clipboard-write'] });
  await openMenu(page);
  await page.locator('#share').click();
  await page.waitForFunction(() => document.querySelector('.share-status')?.textContent.length > 0);
  const status = await page.textContent('.share-status');
  // The shared link is this view, and carries the language shown so a colleague sees the same.
  const expected = `${await page.evaluate(() => location.href)}&lang=ja`;
  if (/コピーしました/.test(status)) {
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected);
  } else {
    assert.equal(await page.inputValue('#share-link'), expected);
  }
});

// Plain words (issue 13): the table on a phone reads each amount with its unit, keeps its sort bar
// on screen, shows direction and share; a relisted line names its original wherever it is
// listed; 再掲, 方向性 and 取組 are explained where they first appear; an empty search says what to
// try and which filters are on, each removable. Names from a loaded file cannot turn our words
// around (issue 16, finding 4). Expected figures and names are read from data/budget.json here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { appSuite, openMenu, settled } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = JSON.parse(fs.readFileSync(path.join(ROOT, 'data/budget.json'), 'utf8'));
const byId = new Map(DATA.projects.map((p) => [p.id, p]));
const RELISTED = DATA.projects.filter((p) => p.relisted_of);
const CIRCLED = (n) => String.fromCodePoint(0x2460 + n - 1);
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const DESKTOP = { viewport: { width: 1440, height: 900 } };

const suite = await appSuite({ viewport: { width: 390, height: 844 } });

/** Where the first and last characters of an element's text are drawn, per text node. */
const textBoxes = (page, selector) => page.locator(selector).first().evaluate((el) => {
  const rect = (node, i) => {
    const r = document.createRange();
    r.setStart(node, i);
    r.setEnd(node, i + 1);
    const b = r.getBoundingClientRect();
    return { left: b.left, right: b.right, top: b.top, bottom: b.bottom };
  };
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const out = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n.textContent;
    const first = t.search(/\S/);
    const last = t.length - 1 - [...t].reverse().join('').search(/\S/);
    if (first >= 0 && last > first) out.push({ text: t.trim(), first: rect(n, first), last: rect(n, last) });
  }
  return out;
});

/** The first line of text of an element: its first text character's box. */
const firstGlyph = async (page, selector) => (await textBoxes(page, selector))[0]?.first;

test('phone table: every amount with its unit (億円/万円 and the exact 千円), share and direction, sorted as before', async () => {
  const page = await suite.open('v=table', PHONE);
  await page.waitForSelector('#table tbody tr[data-id]');
  const row = page.locator('#table tbody tr[data-id="3-3"]');
  // 3-3 企業立地促進事業: 578,800千円, 15.5% of 3,739,426千円, in 方向性2.
  assert.equal(await row.locator('.amount').textContent(), '5.8億円 578,800千円');
  assert.equal(await row.locator('.whole-share').textContent(), '全体の15.5%');
  assert.match(await row.locator('.dir').textContent(), /^方向性2 新たな事業活動の促進$/);
  for (const cell of ['.amount', '.whole-share', '.dir']) assert.ok(await row.locator(cell).isVisible(), `${cell} is visible on a phone`);
  // Every line with an amount (and not relisted) carries both figures with units.
  const rows = await page.locator('#table tbody tr[data-id]').evaluateAll((trs) => trs.map((tr) => ({
    id: tr.dataset.id, amount: tr.querySelector('.amount').textContent, share: tr.querySelector('.whole-share').textContent,
  })));
  assert.equal(rows.length, 63);
  for (const r of rows) {
    const p = byId.get(r.id);
    if (p.relisted_of) {
      assert.equal(r.amount, `(${p.budget.toLocaleString('en-US')}千円)`, r.id);
    } else if (p.budget == null) {
      assert.equal(r.amount, '-', r.id);
    } else {
      assert.match(r.amount, /^[\d.,]+(億|万)円 [\d,]+千円$/, r.id);
      assert.equal(r.amount.split(' ')[1], `${p.budget.toLocaleString('en-US')}千円`, r.id);
      assert.match(r.share, /^全体の(\d+\.\d%|0\.1%未満)$/, r.id);
    }
  }
  assert.equal(await page.textContent('#table-total'), '37.4億円 3,739,426千円');
  // Number and name on one line: their first glyphs share a baseline (same font, same box).
  for (const id of ['1-1', '3-3', '10-2']) {
    const number = await firstGlyph(page, `#table tr[data-id="${id}"] .id`);
    const name = await firstGlyph(page, `#table tr[data-id="${id}"] .name .link`);
    assert.ok(Math.abs(number.bottom - name.bottom) <= 1, `${id}: number ${JSON.stringify(number)}, name ${JSON.stringify(name)}`);
  }
  // Nothing drawn over anything in a card, in either language (English figures are longer).
  const overlaps = () => page.locator('#table tbody tr[data-id]').evaluateAll((trs) => trs.flatMap((tr) => {
    const boxes = [...tr.querySelectorAll('.id, .name, .amount .readable, .amount .exact, .whole-share, .dept, .dir')]
      .map((el) => [el.className, el.getBoundingClientRect()]).filter(([, b]) => b.width > 0);
    const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    return boxes.flatMap(([n, a], i) => boxes.slice(i + 1).filter(([, b]) => hit(a, b))
      .map(([m]) => `${tr.dataset.id}: ${n} / ${m}`));
  }));
  assert.deepEqual(await overlaps(), []);
  await openMenu(page);
  await page.locator('#lang').tap();
  await settled(() => page.textContent('#table tr[data-id="3-3"] .whole-share'), '15.5% of total', 'the English share');
  assert.deepEqual(await overlaps(), []);
  await openMenu(page);
  await page.locator('#lang').tap();
  await settled(() => page.textContent('#table tr[data-id="3-3"] .whole-share'), '全体の15.5%', 'the Japanese share again');
  await page.keyboard.press('Escape'); // the menu closes, back to the table
  // Sorting still works: by amount, the largest first.
  await page.locator('[data-sort="amount"]').tap();
  await settled(() => page.locator('#table tbody tr').first().getAttribute('data-id'), '3-3', 'the first row sorted by amount');
  const exact = await page.locator('#table tbody tr .amount').allTextContents();
  const numbers = exact.map((a) => Number((a.match(/([\d,]+)千円/)?.[1] ?? '0').replace(/,/g, '')));
  assert.deepEqual(numbers, [...numbers].sort((a, b) => b - a));
});

test('desktop table: the same words in columns, number and name aligned; English too', async () => {
  const page = await suite.open('v=table', DESKTOP);
  await page.waitForSelector('#table tbody tr[data-id]');
  const heads = await page.locator('#table thead th').allTextContents();
  assert.deepEqual(heads.map((h) => h.replace(/[↕▲▼]/g, '')), ['番号', '事業名', '方向性', '担当課（室）', '予算額', '割合']);
  const number = await firstGlyph(page, '#table tr[data-id="3-3"] .id');
  const name = await firstGlyph(page, '#table tr[data-id="3-3"] .name .link');
  assert.ok(Math.abs(number.bottom - name.bottom) <= 1, `number ${JSON.stringify(number)}, name ${JSON.stringify(name)}`);
  await openMenu(page);
  await page.locator('#lang').click();
  await settled(() => page.textContent('#table tr[data-id="3-3"] .amount'), '¥579 million ¥578,800 thousand', 'the English amount');
  assert.equal(await page.textContent('#table tr[data-id="3-3"] .whole-share'), '15.5% of total');
});

for (const [name, options] of [['phone', PHONE], ['desktop', DESKTOP]]) {
  test(`${name}: the table's header stays at the top while the rows scroll`, async () => {
    const page = await suite.open('v=table', options);
    await page.waitForSelector('#table tbody tr[data-id]');
    const start = await page.locator('#table thead th.name').boundingBox();
    assert.ok(start.y > 0, `the header starts below the top: ${start.y}`);
    // Well into the table: the 40th row at the top of the screen.
    await page.evaluate(() => document.querySelector('#table tbody tr[aria-rowindex="41"]').scrollIntoView());
    await settled(() => page.evaluate(() => scrollY), (y) => y > 2000, 'scrolled into the table');
    // (On a phone the whole header bar sticks, on wider screens its cells do.)
    const box = await settled(() => page.locator('#table thead th.name').boundingBox(), (b) => b && Math.abs(b.y) <= 1,
      'the header at the top of the screen after scrolling');
    assert.ok(box.height >= 44 && box.height < 120, `a compact header: ${box.height} px`);
    // The sort buttons are there to press, and a row is under the header, not over it.
    const sort = await page.locator('[data-sort="amount"]').boundingBox();
    assert.ok(sort.y >= 0 && sort.y + sort.height <= box.y + box.height + 1, JSON.stringify(sort));
    const covering = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('thead') !== null,
      { x: sort.x + sort.width / 2, y: sort.y + sort.height / 2 });
    assert.ok(covering, 'the header is drawn over the rows');
    await page.locator('[data-sort="amount"]').click();
    await settled(() => page.evaluate(() => location.hash), /sort=-?amount/, 'sorted from the stuck header');
  });
}

test('a relisted line names its original (name and initiative) in the table, the lists and its details', async () => {
  const page = await suite.open('v=table', PHONE);
  await page.waitForSelector('#table tbody tr[data-id]');
  assert.equal(RELISTED.length, 4);
  for (const p of RELISTED) {
    const o = byId.get(p.relisted_of);
    assert.equal(await page.textContent(`#table tr[data-id="${p.id}"] .original`), `元の掲載：取組${CIRCLED(o.initiative)}の${o.name}`, p.id);
  }
  // The chart's list of relisted lines (取組⑩ holds 10-2, a relisting of 1-5).
  await page.evaluate(() => { location.hash = 'at=i10'; });
  await page.waitForSelector('#relisted-cells .list-cell');
  assert.match(await page.textContent('#relisted-cells'), /再掲】元の掲載：取組①の成長産業創出支援事業/);
  // The search results.
  await page.fill('#q', '成長産業');
  await settled(() => page.locator('#matches .original').allTextContents(),
    ['元の掲載：取組①の成長産業創出支援事業', '元の掲載：取組①の成長産業創出支援事業'], 'the originals named in the search results');
  // Its details: what a relisting is, with the real original, a link to it.
  await page.locator('#matches [data-goto="10-2"]').tap();
  await page.waitForSelector('#relisted-explained');
  assert.equal(await page.textContent('#relisted-explained'),
    '別の取組にも掲載されている事業。金額は元の掲載（取組①の成長産業創出支援事業）で数えています。');
  assert.equal(await page.locator('#relisted-explained bdi').textContent(), '成長産業創出支援事業');
  // The original's row links to it.
  assert.match(await page.textContent('#details'), /元の掲載1-5 成長産業創出支援事業（取組① 創業支援）/);
  await page.locator('#details [data-goto="1-5"]').tap();
  await settled(() => page.textContent('#details .eyebrow'), /1-5$/, 'the original opened from the sentence');
});

test('再掲, 方向性 and 取組 are explained where they first appear, in both languages', async () => {
  const page = await suite.open('', PHONE);
  await page.waitForSelector('#chart .cell');
  // Next to 「全 59事業（再掲4件）」, right under it.
  assert.match(await page.textContent('#result'), /全 59事業（再掲4件）/);
  assert.equal(await page.textContent('#relisted-note'), '再掲＝別の取組にも載る事業（金額は1回だけ計上）');
  const [result, note] = [await page.locator('#result').boundingBox(), await page.locator('#relisted-note').boundingBox()];
  assert.ok(note.y >= result.y + result.height - 1 && note.y < result.y + result.height + 20, `${JSON.stringify(result)} ${JSON.stringify(note)}`);
  // 方向性 and 取組 at the top of the filters that list them.
  await page.locator('#filter-toggle').tap();
  const terms = `方向性は計画の${DATA.directions.length}つの柱、取組はその下にある${DATA.initiatives.length}の具体的な取組です。`;
  assert.equal(await page.textContent('#plan-terms'), terms);
  assert.ok(await page.locator('#plan-terms').isVisible());
  // In the table, above its direction column.
  await page.evaluate(() => { location.hash = 'v=table'; });
  await settled(() => page.textContent('#table-terms').catch(() => null), terms, 'the terms above the table');
  // And in a line's details, under its place in the plan.
  await page.evaluate(() => { location.hash = 'sel=10-2'; });
  await page.waitForSelector('#details');
  assert.match(await page.textContent('#details'), new RegExp(terms));
  assert.match(await page.textContent('#details'), /別の取組にも掲載されている事業/);
  // English.
  await page.evaluate(() => { location.hash = 'lang=en&sel=10-2'; });
  await settled(() => page.textContent('#relisted-explained'),
    'Also listed under another initiative. Its amount is counted at the original, 成長産業創出支援事業 (initiative ①).', 'the English sentence');
  assert.match(await page.textContent('#relisted-note'), /^Relisted = listed twice, counted once$/);
  assert.match(await page.textContent('#details'), /Directions are the plan's 5 main aims; initiatives are the 10 programmes under them\./);
});

test('an empty search says what to try and lists the filters that are on, each removable', async () => {
  const page = await suite.open('q=%E3%81%8B%E3%82%93%E3%81%93%E3%81%86', PHONE); // かんこう
  await page.waitForSelector('#empty');
  assert.equal(await page.textContent('#empty .empty-what'), '「かんこう」に合う事業はありません。');
  assert.deepEqual(await page.locator('#hints li').allTextContents(), ['漢字で入力する（例：かんこう → 観光）。読みがなでは探せません。']);
  assert.deepEqual(await page.locator('#filters-on .chip').allTextContents(), ['キーワード「かんこう」×']);
  // Typed as the hint says, it finds 観光 lines.
  await page.fill('#q', '観光');
  await page.waitForSelector('#chart .cell');
  assert.equal(await page.locator('#empty').count(), 0);

  // Two words and two filters: every hint, and each filter its own button.
  await page.evaluate(() => { location.hash = `q=${encodeURIComponent('かんこう ロボット')}&mk=k&dir=2`; });
  await page.waitForSelector('#filters-on');
  assert.equal(await page.locator('#hints li').count(), 3);
  assert.deepEqual(await page.locator('#filters-on .chip').allTextContents(),
    ['キーワード「かんこう ロボット」×', '方向性2 新たな事業活動の促進×', '★重点×']);
  assert.equal(await page.getAttribute('#filters-on .chip >> nth=2', 'aria-label'), '「★重点」を外す');
  await page.locator('#filters-on .chip >> nth=2').tap();
  await settled(() => page.evaluate(() => decodeURIComponent(location.hash)), /^#q=かんこう ロボット&dir=2$/, 'the fragment once ★重点 is removed');
  assert.deepEqual(await page.locator('#filters-on .chip').allTextContents(),
    ['キーワード「かんこう ロボット」×', '方向性2 新たな事業活動の促進×']);
  await page.locator('#filters-on .chip >> nth=0').tap();
  await settled(() => page.evaluate(() => location.hash), '#dir=2', 'the fragment once the search is removed');
  assert.equal(await page.inputValue('#q'), '');

  // The table view says the same; English too.
  await page.evaluate(() => { location.hash = 'v=table&lang=en&q=tourism'; });
  await settled(() => page.textContent('#empty .empty-what').catch(() => null), 'No measure matches “tourism”.', 'the English empty table');
  assert.match(await page.textContent('#hints'), /Search in Japanese, in kanji \(e\.g\. 観光 for tourism/);
  assert.deepEqual(await page.locator('#filters-on .chip').allTextContents(), ['Search “tourism”×']);
});

test('a name with a right-to-left override in a loaded file cannot turn the words around it', async () => {
  const page = await suite.open('', { viewport: { width: 1080, height: 810 } });
  const data = structuredClone(DATA);
  // An unterminated override in the original's name, which its relistings repeat.
  const NAME = '\u202E観光PR事業';
  data.projects = data.projects.filter((p) => p.initiative === 1 || p.initiative === 10);
  for (const p of data.projects) if (p.id === '1-5' || p.relisted_of === '1-5') p.name = NAME;
  await page.locator('#open-file').setInputFiles({ name: 'override.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(data)) });
  await page.waitForSelector('#loaded-badge');
  /** Each text node of ours in `selector` reads left to right: its first glyph left of its last. */
  const inOrder = async (selector) => {
    const boxes = await textBoxes(page, selector);
    assert.ok(boxes.length > 0, `${selector} has text`);
    // On one line the first glyph is left of the last; wrapped, it is on an earlier line.
    for (const b of boxes) {
      const inLine = Math.abs(b.first.top - b.last.top) < 2;
      assert.ok(inLine ? b.first.left < b.last.left : b.first.top < b.last.top,
        `${selector}: "${b.text}" is drawn backwards: ${JSON.stringify(b)}`);
    }
    return boxes;
  };
  // The check can fail: the same words around the raw name, not isolated, are drawn backwards.
  await page.evaluate((name) => {
    const p = document.createElement('p');
    p.id = 'raw-control';
    // Three text nodes, as the app writes them, but the name neither isolated nor marked.
    p.append('Original: ', name, ' (initiative ①)');
    document.body.append(p);
  }, NAME);
  const raw = await textBoxes(page, '#raw-control');
  assert.equal(raw.at(-1).text, '(initiative ①)');
  assert.ok(raw.at(-1).first.left > raw.at(-1).last.left, `the raw text is turned around: ${JSON.stringify(raw)}`);
  await page.evaluate(() => document.querySelector('#raw-control').remove());

  // The table in English: "Original: ⟨U+202E⟩観光PR事業 (initiative ①)".
  await page.evaluate(() => { location.hash = 'v=table&lang=en'; });
  await settled(() => page.textContent('#table tr[data-id="10-2"] .original').catch(() => null),
    'Original: ⟨U+202E⟩観光PR事業 (initiative ①)', 'the relisted row in English');
  const table = await inOrder('#table tr[data-id="10-2"] .original');
  assert.deepEqual(table.map((b) => b.text), ['Original:', '⟨U+202E⟩観光PR事業', '(initiative ①)']);
  assert.equal(await page.locator('#table tr[data-id="10-2"] .original bdi').count(), 1);
  // The search results: the name, then its badges, left to right.
  await page.evaluate(() => { location.hash = `q=PR`; });
  await page.waitForSelector('#matches [data-goto="1-5"]');
  await inOrder('#matches [data-goto="10-2"] .original');
  // (After the name's last glyph: to its right on the same line, or on a line below.)
  const badge = await page.locator('#matches [data-goto="10-2"] .badge.relisted').boundingBox();
  const end = (await textBoxes(page, '#matches [data-goto="10-2"] .match-name > bdi'))[0].last;
  const after = (badge.y < end.bottom - 1 && badge.x >= end.right - 1) || badge.y >= end.bottom - 1;
  assert.ok(after, `the badge after the name: ${JSON.stringify({ end, badge })}`);
  // Its details: the sentence around the original's name, and the title.
  await page.locator('#matches [data-goto="10-2"]').click();
  await page.waitForSelector('#relisted-explained');
  await inOrder('#relisted-explained');
  assert.equal(await page.textContent('#relisted-explained'),
    '別の取組にも掲載されている事業。金額は元の掲載（取組①の⟨U+202E⟩観光PR事業）で数えています。');
  assert.equal(await page.textContent('#details-title'), '⟨U+202E⟩観光PR事業');
  assert.equal(await page.locator('#details-title bdi').count(), 1);
});

test('axe finds nothing in the phone table (390x844), scrolled with its header stuck', async () => {
  const page = await suite.open('v=table', PHONE);
  await page.waitForSelector('#table tbody tr[data-id]');
  await page.evaluate(() => document.querySelector('#table tbody tr[aria-rowindex="30"]').scrollIntoView());
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
});

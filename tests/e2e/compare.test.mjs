// Comparing two budgets (issue 17): the invented previous year (tests/fixtures/previous_year.json)
// opened beside the embedded list by picker and by drag and drop; the lists and totals on screen
// are the core's (tests/compare_fixture.rs holds the core to the same known changes); a
// correction round-trips through the link; a link opened without its second file says so; a
// hostile second file is refused with the first view intact; axe finds nothing on the view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { appSuite, ARTIFACTS, openMenu, printed, settled } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PREVIOUS = fs.readFileSync(path.join(ROOT, 'tests/fixtures/previous_year.json'));
const suite = await appSuite({ viewport: { width: 1080, height: 810 } });

/** Each measure once, "-" as nothing: what a file's total is. */
const total = (file) => JSON.parse(file).projects
  .filter((p) => p.relisted_of === null)
  .reduce((sum, p) => sum + (p.budget ?? 0), 0);

async function pick(page, selector = '#compare-file', buffer = PREVIOUS, name = 'previous_year.json') {
  if (selector === '#compare-file') await openMenu(page);
  await page.locator(selector).setInputFiles({ name, mimeType: 'application/json', buffer });
  // The menu closes by itself (on a phone it would cover the comparison).
  if (selector === '#compare-file') {
    await settled(() => page.getAttribute('#menu-button', 'aria-expanded'), 'false', 'the menu closed after the pick');
    assert.ok(await page.locator('#menu').isHidden(), 'the menu panel hidden');
  }
}

const ids = (page, list) => page.locator(`#${list} li button`).evaluateAll((bs) => bs.map((b) => b.dataset.id));

async function assertKnownChanges(page) {
  await page.waitForSelector('#compare');
  assert.deepEqual(await ids(page, 'compare-new'), ['3-6', '4-14', '3-7']);
  assert.deepEqual(await ids(page, 'compare-ended'), ['8-5', '4-15']);
  assert.deepEqual(await ids(page, 'compare-grown'), ['8-4', '1-2', '5-12', '1-5']);
  assert.deepEqual(await ids(page, 'compare-shrunk'), ['4-5', '6-6']);
  assert.deepEqual(await ids(page, 'compare-no-amount'), ['7-1', '9-1', '9-2', '9-3', '9-4', '9-5', '9-6', '9-7']);
  const row = page.locator('#compare-totals tbody tr');
  assert.equal(Number(await row.getAttribute('data-before')), total(PREVIOUS));
  assert.equal(Number(await row.getAttribute('data-after')), total(fs.readFileSync(path.join(ROOT, 'data/budget.json'))));
  assert.equal(await row.getAttribute('data-after'), '3739426');
  // The directions add up to the whole on both sides.
  const sums = await page.locator('#compare-directions tbody tr').evaluateAll((rows) => rows.reduce(
    ([b, a], r) => [b + Number(r.dataset.before), a + Number(r.dataset.after)], [0, 0]));
  assert.deepEqual(sums, [total(PREVIOUS), 3739426]);
}

/** 1-2's description in the invented previous year said 令和３年度 and lacked a clause. */
async function textChangesMarked(page) {
  await page.locator('#compare-grown button[data-id="1-2"]').click();
  await settled(() => page.textContent('#compare-details h3'), /くまもと森都心プラザ管理運営経費/, '1-2 open');
  await settled(() => page.evaluate(() => location.hash), '#cmp=prev&sel=1-2', 'the open measure in the link');
  const runs = (tag) => page.locator(`#compare-details ${tag}`).evaluateAll((els) => els.map((e) => {
    const copy = e.cloneNode(true);
    copy.querySelectorAll('.visually-hidden').forEach((h) => h.remove());
    return [copy.textContent, getComputedStyle(e).textDecorationLine];
  }));
  assert.deepEqual(await runs('del'), [['３', 'line-through']]);
  assert.deepEqual(await runs('ins'), [['４', 'underline'], ['先輩起業家等のメンターによるメンタリングや', 'underline']]);
  // Read out, not only seen.
  assert.match(await page.textContent('#compare-details del'), /^［削除：３］$/);
  assert.match(await page.textContent('#compare-details ins'), /^［追加：４］$/);
  assert.match(await page.textContent('#compare-details'), /取り消し線は前にだけある文字/);
  // Other measures' descriptions are the same on both sides: nothing marked.
  await page.locator('#compare-grown button[data-id="8-4"]').click();
  await settled(() => page.locator('#compare-details ins, #compare-details del').count(), 0, 'no marks where the text is the same');
}

test('a second file by the picker: the known changes, both totals, the link records it', async () => {
  const page = await suite.open('');
  await pick(page);
  await assertKnownChanges(page);
  await settled(() => page.evaluate(() => location.hash), '#cmp=prev', 'the link records the comparison');
  // Grown from 12,000 to 15,285 (+27.4%): its amounts and change beside its name.
  assert.match(await page.textContent('#compare-grown li:nth-child(4)'), /成長産業創出支援事業.*\+.*27\.4%/);
  // The treemap draws the later year: a new measure is marked apart from a change.
  assert.equal(await page.locator('#compare-map .cell.new').count(), 3);
  assert.ok(await page.locator('#compare-map .cell.unknown').count() === 0, 'no later cell without an earlier amount here');
  // A measure's details show both years; swapping the sides negates the change.
  await page.locator('#compare-shrunk li button').first().click();
  await page.waitForSelector('#compare-details');
  assert.match(await page.textContent('#compare-details'), /旅行商品割引事業/);
  assert.match(await page.textContent('#compare-details .compare-change'), /−/);
  await textChangesMarked(page);
  await page.locator('#compare-swap').click();
  // The open measure stays open: the same line, now on the earlier side.
  await settled(() => page.evaluate(() => location.hash), '#cmp=next&sel=e8-4', 'swapped sides in the link');
  assert.match(await page.textContent('#compare-details h3'), /物価高騰対策プレミアム付商品券発行支援事業/);
  await settled(() => ids(page, 'compare-grown'), ['4-5', '6-6'], 'what shrank now grew');
  await settled(() => ids(page, 'compare-new'), ['8-5', '4-15'], 'what ended is now new');
  await page.locator('#compare-end').click();
  await page.waitForSelector('#compare', { state: 'detached' });
  await page.waitForSelector('#chart .cell');
});

test('a link with a comparison opened without the file says so; a dropped file opens it, with its open measure', async () => {
  // 4-15 ended: its line is only in the earlier file.
  const page = await suite.open('cmp=prev&sel=e4-15');
  await page.waitForSelector('#compare-missing');
  assert.match(await page.textContent('#compare-missing'), /開かれていません/);
  await page.evaluate((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'previous_year.json', { type: 'application/json' }));
    document.querySelector('.app').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [...PREVIOUS]);
  await assertKnownChanges(page);
  assert.equal(await page.locator('#compare-missing').count(), 0);
  await settled(() => page.locator('#compare-details h3').textContent().catch(() => null), /観光復興キャンペーン事業/, 'the link\'s measure open');
  assert.equal(await page.evaluate(() => location.hash), '#cmp=prev&sel=e4-15');
  await page.locator('#compare-details button.close').click();
  await settled(() => page.evaluate(() => location.hash), '#cmp=prev', 'closed: not in the link');
});

test('a correction by hand round-trips through the link', async () => {
  const page = await suite.open('');
  await pick(page);
  await page.waitForSelector('#compare');
  // Pair the new 3-6 with the ended 8-5 by hand.
  await page.locator('#compare-new button[data-id="3-6"]').click();
  await page.locator('#compare-pair').selectOption('8-5');
  const hash = await settled(() => page.evaluate(() => location.hash), '#cmp=prev&fix=p8-5.3-6&sel=3-6', 'the correction and the open measure in the link');
  await settled(() => ids(page, 'compare-new'), ['4-14', '3-7'], 'no longer new');
  assert.deepEqual(await ids(page, 'compare-ended'), ['4-15']);
  // The same link in a fresh page, with the file opened again: the same correction applied.
  const again = await suite.open(hash.slice(1));
  await again.waitForSelector('#compare-missing');
  await pick(again, '#compare-missing-file');
  await again.waitForSelector('#compare');
  assert.deepEqual(await ids(again, 'compare-new'), ['4-14', '3-7']);
  // 420,000 → 32,000: a cut, second only to 4-5's 500,000.
  assert.deepEqual(await ids(again, 'compare-shrunk'), ['4-5', '3-6', '6-6']);
  await again.locator('#compare-table button.link', { hasText: '中小企業等ＤＸアクセラレーション事業' }).click();
  assert.match(await again.textContent('#compare-details'), /手動/);
  // Unpairing one's own pair removes it from the link.
  await again.locator('#compare-unpair').click();
  await settled(() => again.evaluate(() => location.hash), '#cmp=prev&sel=3-6', 'the correction undone, the measure still open');
  await settled(() => ids(again, 'compare-new'), ['3-6', '4-14', '3-7'], 'new again');
});

/** Lines with the same id and name on both sides (paired by name): `n` of them, unpaired by hand. */
function unpairings(n) {
  const earlier = new Map(JSON.parse(PREVIOUS).projects.map((p) => [p.id, p]));
  const later = JSON.parse(fs.readFileSync(path.join(ROOT, 'data/budget.json'))).projects;
  const both = later.filter((p) => p.relisted_of === null && earlier.get(p.id)?.name === p.name).map((p) => p.id);
  assert.ok(both.length >= n, `${both.length} lines paired by name`);
  return `budget-corrections 1\n${both.slice(0, n).map((id) => `unpair ${id} ${id}`).join('\n')}\n`;
}

/** What the comparison shows: each list's count and every row of its table, in order. */
const compared = (page) => page.evaluate(() => ({
  counts: [...document.querySelectorAll('.compare-list h3 .count')].map((e) => e.textContent),
  rows: [...document.querySelectorAll('#compare-table tbody tr')].map((r) => r.textContent),
}));
const hashOf = (page) => page.evaluate(() => location.hash);
const fixOf = (hash) => new URLSearchParams(hash.slice(1)).get('fix');

test('corrections beyond the link: 30 from a file and one by hand, saved, kept by Back and Forward, opened again with the link', async () => {
  const page = await suite.open('');
  await pick(page);
  await page.waitForSelector('#compare');
  await page.locator('#corrections-file').setInputFiles({ name: 'thirty.txt', mimeType: 'text/plain', buffer: Buffer.from(unpairings(30)) });
  const hash30 = await settled(() => hashOf(page), /&fixn=30$/, 'the link counts all 30');
  assert.equal(fixOf(hash30).split(',').length, 24, 'and carries the first 24');
  assert.match(await page.textContent('#corrections-beyond'), /修正30件のうち、リンクに入るのは最初の24件です。残りの6件は/);
  // One more by hand: the new 3-6 with the ended 8-5.
  await page.locator('#compare-table tr[data-id="3-6"] button.link').click();
  await page.locator('#compare-pair').selectOption('8-5');
  const hash = await settled(() => hashOf(page), /&fixn=31&sel=3-6$/, 'the link counts 31');
  assert.equal(fixOf(hash), fixOf(hash30), 'the link\'s 24 unchanged');
  // Where the link is shared, it says the rest are in the file.
  await openMenu(page);
  await page.locator('#share').click();
  await settled(() => page.locator('#share-corrections').textContent().catch(() => null), /修正31件のうち.*最初の24件.*残りの7件/, 'the share panel says so');
  await page.locator('.close-share').click();
  await page.locator('#menu-button').click();
  const shown = await compared(page);
  assert.deepEqual(shown.counts.slice(0, 2), ['32事業', '31事業'], 'new and ended: 3 and 2, 30 more each unpaired, one pair made by hand (tests/compare_fixture.rs)');
  // Saved as a small text file: the 31, and the lists' titles.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#corrections-save').click()]);
  assert.equal(download.suggestedFilename(), 'budget-corrections.txt');
  const saved = fs.readFileSync(await download.path(), 'utf8');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(path.join(ARTIFACTS, 'budget-corrections.txt'), saved);
  assert.equal(saved.split('\n').filter((l) => /^(pair|unpair) \d+-\d+ \d+-\d+$/.test(l)).length, 31);
  assert.match(saved, /^budget-corrections 1$/m);
  assert.match(saved, /^earlier .*架空/m);
  assert.match(saved, /^pair 8-5 3-6$/m);
  // Back and Forward in this tab keep them all (the history entry holds those beyond the link).
  await page.goBack();
  await settled(() => hashOf(page), /&fixn=30&sel=3-6$/, 'back to 30');
  await settled(() => page.locator('#corrections-beyond').textContent().catch(() => null), /修正30件のうち/, 'all 30 still applied');
  assert.equal(await page.locator('#corrections-in-file').count(), 0);
  await page.goForward();
  await settled(() => hashOf(page), hash, 'forward to 31');
  await settled(() => compared(page), shown, 'the same comparison after Back and Forward');
  // The link in a fresh page: it says 7 are in the file; the second file, then the saved one.
  const again = await suite.open(hash.slice(1));
  await again.waitForSelector('#compare-missing');
  assert.match(await again.textContent('#compare-missing-corrections'), /あと7件/);
  await pick(again, '#compare-missing-file');
  await again.waitForSelector('#corrections-in-file');
  await again.locator('#corrections-file').setInputFiles({ name: 'budget-corrections.txt', mimeType: 'text/plain', buffer: Buffer.from(saved) });
  await settled(() => again.locator('#corrections-in-file').count(), 0, 'the notice gone once the file is open');
  await settled(() => compared(again), shown, 'the same pairs as where they were made');
  assert.equal(await hashOf(again), hash, 'and the same link');
});

test('a hostile corrections file is refused, its problems listed by line, the comparison as it was', async () => {
  const page = await suite.open('');
  await pick(page);
  await page.waitForSelector('#compare');
  const before = [await hashOf(page), await compared(page)];
  for (const [name, bytes, problem] of [
    ['previous_year.json', PREVIOUS, /1行目：修正のファイルは「budget-corrections 1」で始まります/],
    ['lines.txt', Buffer.from('budget-corrections 1\npair 1-1\n=CMD("calc")\nunpair 1-1 1-1\n'), /2行目：「pair」には行の番号を2つ.*3行目：行は pair/],
    ['huge.txt', Buffer.alloc(70000, '#'), /70000バイトあります。修正のファイルは65536バイトまで/],
    // 修正 in Shift_JIS.
    ['sjis.txt', Buffer.concat([Buffer.from('budget-corrections 1\n'), Buffer.from([0x8f, 0x43, 0x90, 0xb3])]), /UTF-8のテキストではありません/],
  ]) {
    await page.locator('#corrections-file').setInputFiles({ name, mimeType: 'text/plain', buffer: bytes });
    const text = await settled(() => page.locator('#corrections-errors').textContent().catch(() => null), problem, `${name} refused`);
    assert.match(text, new RegExp(name.replace('.', '\\.')), 'the file named');
    assert.deepEqual([await hashOf(page), await compared(page)], before, `${name}: the comparison unchanged`);
    await page.locator('#corrections-errors button').click();
  }
});

test('a hostile second file is refused and the first view stays as it was', async () => {
  const page = await suite.open('at=i4');
  await page.waitForSelector('#chart .cell');
  const view = () => page.evaluate(() => ({ hash: location.hash, total: document.querySelector('#total').textContent }));
  const before = await view();
  for (const [name, bytes] of [['broken.json', Buffer.from('{"meta": {"title": ')],
    ['formula.csv', Buffer.from('番号,方向性,方向性名,取組,取組名,項番,事業名,担当課,予算額（千円）,事業概要\r\n1-1,1,D,1,I,1,=CMD("calc"),X課,10,d\r\n')],
    ['picture.png', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')]]) {
    await pick(page, '#compare-file', bytes, name);
    await page.waitForSelector('#import-errors');
    assert.match(await page.textContent('#import-errors'), new RegExp(name.replace('.', '\\.')));
    assert.equal(await page.locator('#compare').count(), 0, `${name}: no comparison`);
    assert.deepEqual(await view(), before, `${name}: the view unchanged`);
    await page.locator('#import-errors button').click();
  }
});

test('the comparison prints as a paper: both lists named, the date, the totals on page 1, the map with its legend', async () => {
  const page = await suite.open('');
  await pick(page);
  await page.waitForSelector('#compare');
  // The initiatives' and departments' tables are folded on screen; each of their rows prints
  // (names short enough not to wrap in their cell, so that pdftotext gives them whole).
  const names = (id) => page.locator(`#${id} tbody th`).evaluateAll((ths) => ths.map((th) => th.textContent.replace(/\s+/g, '')));
  // Their rows are rendered only while open: open each once to read its names, then fold it again.
  const folded = {};
  for (const id of ['compare-initiatives', 'compare-departments']) {
    await page.locator(`#${id} > summary`).click();
    await page.waitForSelector(`#${id} tbody th`);
    folded[id] = await names(id);
    await page.locator(`#${id} > summary`).click();
    await page.waitForFunction((i) => !document.getElementById(i).open && !document.querySelector(`#${i} tbody th`), id, { timeout: 5000 });
  }
  for (const id of Object.keys(folded)) assert.equal(await page.locator(`#${id}`).getAttribute('open'), null, `${id} folded on screen`);
  // As a person prints: the browser's default leaves background graphics off.
  const pages = await printed(page, 'compare-a4.pdf', { background: false });
  const paper = pages.join('').replace(/\s+/g, '');
  for (const [id, list] of Object.entries(folded)) {
    const short = list.filter((n) => n.length <= 12);
    assert.ok(short.length >= 4, `${id}: ${short.length} short names to look for`);
    assert.deepEqual(short.filter((n) => !paper.includes(n)), [], `${id}: every row on paper`);
  }
  // Folded again after printing, as the person left them.
  await page.evaluate(() => dispatchEvent(new Event('afterprint')));
  for (const id of Object.keys(folded)) {
    await settled(() => page.locator(`#${id}`).getAttribute('open'), null, `${id} folded again`);
  }
  const first = pages[0].replace(/\s+/g, ' ');
  const today = await page.evaluate(() => new Date().toISOString().slice(0, 4));
  assert.match(first, /2つの一覧の比較/);
  assert.match(first, /架空の前年度/, 'page 1 names the earlier list');
  assert.match(first, /令和五年度 事業一覧/, 'and the later one');
  assert.match(first, new RegExp(`印刷日：${today}`), 'the date printed');
  assert.match(first, /全体 45\.4億円 37\.4億円 −8億円 −17\.6%/, 'the totals and their change');
  const map = pages.findIndex((p) => p.includes('後の一覧（面積は後の金額、色は増減）'));
  assert.ok(map >= 0, 'the map is printed');
  assert.match(pages[map], /増額/, 'with its legend on the same page');
  // Controls do not print.
  assert.ok(!pages.some((p) => p.includes('比較をやめる')), 'no buttons on paper');
});

for (const [size, viewport] of [['phone', { width: 390, height: 844 }], ['tablet', { width: 810, height: 1080 }]]) {
  test(`axe, ${size}: the comparison view with a measure's details open`, async () => {
    const page = await suite.open('', { viewport, hasTouch: size === 'phone', isMobile: size === 'phone' });
    await pick(page);
    await page.waitForSelector('#compare');
    await page.locator('#compare-new li button').first().click();
    await page.waitForSelector('#compare-details');
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
  });
}

for (const [size, viewport] of [['phone', { width: 390, height: 844 }], ['tablet', { width: 810, height: 1080 }]]) {
  test(`the map's cells, ${size}: each name shows whole lines or none, never a line cut by the cell's edge`, async () => {
    const page = await suite.open('', { viewport, hasTouch: size === 'phone', isMobile: size === 'phone' });
    await pick(page);
    await page.waitForSelector('#compare-map .cell-name');
    // Each shown line of text (a name's or a change's), as the browser laid it out, against
    // the inside of its cell; and how many names show at least one line.
    const cut = () => page.evaluate(() => {
      const out = { cut: [], named: 0 };
      for (const cell of document.querySelectorAll('#compare-map .cell')) {
        const inside = cell.getBoundingClientRect();
        for (const part of cell.querySelectorAll('.cell-name, .cell-change')) {
          if (getComputedStyle(part).display === 'none' || getComputedStyle(part).visibility === 'hidden') continue;
          const r = part.getBoundingClientRect();
          if (part.classList.contains('cell-name') && r.height > 0) out.named += 1;
          if (r.bottom > inside.bottom - 1 + 0.5) out.cut.push(`${cell.getAttribute('aria-label') ?? cell.textContent}: ${part.textContent} ends at ${r.bottom.toFixed(1)}, the cell at ${inside.bottom.toFixed(1)}`);
        }
      }
      return out;
    });
    const seen = await settled(cut, (o) => o.cut.length === 0, 'no line cut by a cell\'s edge');
    assert.ok(seen.named >= 10, `names shown in ${seen.named} cells`);
    await page.setViewportSize({ width: viewport.height, height: viewport.width });
    await settled(cut, (o) => o.cut.length === 0, 'no line cut after turning the device');
  });
}

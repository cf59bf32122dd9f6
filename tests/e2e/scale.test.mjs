// A large budget file (the seeded synthetic 10,000 lines, opened as a user would) stays readable:
// at most 20 cells per level, the largest on their own and the rest in one 「その他 N件」 cell
// that opens the next page of the same level. Expectations are computed here from the file itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { appSuite, settled, syntheticFile } from './harness.mjs';

const MAX_CELLS = 20;
const FILE = syntheticFile();
const data = JSON.parse(fs.readFileSync(FILE, 'utf8'));
const suite = await appSuite({ viewport: { width: 810, height: 1080 } });

/** The nodes of a level, largest first (ties in source order), as the app ranks them. */
function ranked(nodes) {
  return nodes.map((n, at) => ({ ...n, at })).sort((a, b) => b.total - a.total || a.at - b.at);
}
const counted = (p) => (p.relisted_of || p.budget == null ? 0 : p.budget);
const group = (n) => n.toLocaleString('en-US');

async function openSynthetic(fragment = '') {
  const page = await suite.open(fragment, { hasTouch: true, isMobile: true });
  await page.locator('#open-file').setInputFiles(FILE);
  await page.waitForSelector('#loaded-badge', { timeout: 60000 });
  await page.waitForSelector('#chart .cell');
  return page;
}
const hash = (page) => page.evaluate(() => location.hash.replace(/^#/, ''));
const crumbs = (page) => page.locator('#crumbs li').allTextContents();
const cellKeys = (page) => page.locator('#chart .cell').evaluateAll((cells) => cells.map((c) => c.dataset.key));
test('an initiative of hundreds of measures: the 19 largest, then 「その他」 pages, back and forth', async () => {
  // The biggest initiative of the file, reached by tapping as a person would.
  const sizes = new Map();
  data.projects.forEach((p) => sizes.set(p.initiative, (sizes.get(p.initiative) ?? 0) + 1));
  const [initiative, lines] = [...sizes].sort((a, b) => b[1] - a[1])[0];
  const direction = data.initiatives.find((i) => i.id === initiative).direction;
  const leaves = ranked(data.projects.filter((p) => p.initiative === initiative)
    .map((p) => ({ key: `m${p.id}`, total: counted(p) })));
  assert.ok(lines > 3 * MAX_CELLS, `${lines} lines`);

  const page = await openSynthetic();
  await page.locator(`#chart [data-key="d${direction}"]`).tap();
  await page.locator(`#chart [data-key="i${initiative}"]`).tap();
  await settled(() => hash(page), (h) => h === `at=i${initiative}`, 'drilled');

  // Page after page, until a page has no 「その他」: each shows the next 19 largest.
  let shown = 0;
  for (let more = 0; ; more += 1) {
    const rest = leaves.slice(shown);
    const last = rest.length <= MAX_CELLS;
    const own = (last ? rest : rest.slice(0, MAX_CELLS - 1)).filter((n) => n.total > 0).map((n) => n.key);
    const keys = await settled(() => cellKeys(page), (k) => k.filter((x) => x !== 'others').sort().join() === [...own].sort().join(),
      `page ${more}: the largest of what is left, each in its own cell`);
    assert.ok(keys.length <= MAX_CELLS);
    if (more > 0) {
      assert.equal((await crumbs(page)).at(-1), `その他 ${group(rest.length)}件`);
    }
    if (last) {
      assert.equal(await page.locator('[data-key="others"]').count(), 0);
      break;
    }
    const others = page.locator('[data-key="others"]');
    assert.match(await others.getAttribute('aria-label'), new RegExp(`^その他 ${group(rest.length - (MAX_CELLS - 1))}件、`));
    await others.tap();
    await settled(() => hash(page), (h) => h === `at=i${initiative}&more=${more + 1}`, 'the page is in the link');
    shown += MAX_CELLS - 1;
  }
  const pages = Math.ceil((lines - MAX_CELLS) / (MAX_CELLS - 1));
  assert.equal((await crumbs(page)).length, 3 + pages);

  // Escape goes back one page, the back button forward again, a crumb to the initiative itself.
  await page.keyboard.press('Escape');
  await settled(() => hash(page), (h) => h === `at=i${initiative}&more=${pages - 1}`, 'Escape: one page back');
  await page.goBack();
  await settled(() => hash(page), (h) => h === `at=i${initiative}&more=${pages}`, 'back button');
  await page.locator('#crumbs li:nth-child(3) button').tap();
  await settled(() => hash(page), (h) => h === `at=i${initiative}`, 'the initiative crumb');

  // Filtering only dims: the page and its cells stay. Only the matches re-lays them out, and
  // starts the level over.
  await page.locator('[data-key="others"]').tap();
  await settled(() => hash(page), (h) => h.includes('more=1'), 'opened');
  const onPage = await cellKeys(page);
  await page.fill('#q', '事業');
  await settled(() => hash(page), (h) => h === `at=i${initiative}&more=1&q=${encodeURIComponent('事業')}`, 'typing keeps the page');
  assert.deepEqual(await cellKeys(page), onPage);
  await page.locator('#only-matches').tap();
  await settled(() => hash(page), (h) => !h.includes('more=') && h.includes('only=1'), 'only the matches starts the level over');
});

test('hundreds of similar departments: 「その他」 is offered beside the chart, which shows the 19 largest', async () => {
  const groups = new Map();
  data.projects.forEach((p) => {
    const k = p.departments.join('・');
    groups.set(k, (groups.get(k) ?? 0) + counted(p));
  });
  const all = ranked([...groups].map(([key, total]) => ({ key, total })));
  const rest = all.slice(MAX_CELLS - 1).reduce((s, n) => s + n.total, 0);
  const whole = all.reduce((s, n) => s + n.total, 0);
  assert.ok(rest > whole / 2, 'the file is one where 「その他」 would fill most of the box');

  const page = await openSynthetic();
  await page.locator('.tab[data-view="dept"]').tap();
  const keys = await settled(() => cellKeys(page), (k) => k.length === MAX_CELLS - 1, '19 cells drawn, 「その他」 not among them');
  assert.deepEqual(keys.map((k) => k.replace(/^g:/, '').replaceAll(',', '・')).sort(),
    all.slice(0, MAX_CELLS - 1).map((n) => n.key).sort());
  const apart = page.locator('#others-apart [data-key="others"]');
  assert.match(await apart.textContent(), new RegExp(`その他 ${group(all.length - MAX_CELLS + 1)}件`));
  assert.match(await page.textContent('#others-apart'), /図は大きい順に19件/);
  await apart.tap();
  await settled(() => hash(page), (h) => h === 'v=dept&more=1', 'opened from beside the chart');
  assert.ok((await cellKeys(page)).length <= MAX_CELLS);
  // Into a department of this page and out again with Esc: back on this page, not the first.
  const [key] = await cellKeys(page);
  await page.locator(`#chart [data-key="${key}"]`).tap();
  await settled(() => hash(page), (h) => h.startsWith('v=dept&at=g:'), 'into a department');
  await page.keyboard.press('Escape');
  await settled(() => hash(page), (h) => h === 'v=dept&more=1', 'Esc returns to the page listing it');
});

test('a link asking for more pages than a level has shows the last one and says so', async () => {
  // The embedded data: 取組④ has 14 measures, so it has no 「その他」 page at all.
  const page = await suite.open('at=i4&more=7');
  await page.waitForSelector('#chart .cell');
  assert.equal(await page.locator('#chart .cell').count(), 14);
  assert.equal((await crumbs(page)).length, 3);
  assert.match(await page.textContent('#notice'), /more=7（該当する項目がありません）/);
});

test('axe finds nothing on the large file\'s 「その他」 views, phone and tablet', async () => {
  for (const viewport of [{ width: 360, height: 740 }, { width: 810, height: 1080 }]) {
    const page = await openSynthetic();
    await page.setViewportSize(viewport);
    for (const fragment of ['at=i1&more=1', 'v=dept', 'v=dept&more=2']) {
      await page.evaluate((f) => { location.hash = f; }, fragment);
      await settled(() => hash(page), (h) => h === fragment, 'navigated');
      await page.waitForSelector('[data-key="others"]');
      const { violations } = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
      assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.length}`), [], `${viewport.width}px #${fragment}`);
    }
  }
});

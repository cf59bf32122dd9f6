// Comparing two files of 10,000 lines (the bench's synthetic file and its synthetic next year,
// opened as a person opens them): the lists show their first items and a button shows the rest,
// in the core's order; the group totals are rendered only while their disclosure is open, the
// first of them until a button shows all; the table renders a few rows at a time yet reaches
// every line. Expected figures come from xtask, which compared the two files natively
// (`target/e2e/synthetic-10000-compare.json`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { appSuite, openMenu, settled, syntheticFile } from './harness.mjs';

const FILE = syntheticFile();
const NEXT = FILE.replace(/\.json$/, '-next.json');
const EXPECTED = JSON.parse(fs.readFileSync(FILE.replace(/\.json$/, '-compare.json'), 'utf8'));
const suite = await appSuite({ viewport: { width: 1080, height: 810 } });

/** The synthetic file shown, its next year opened to compare with (the later side). */
async function openBoth() {
  const page = await suite.open('');
  await page.locator('#open-file').setInputFiles({ name: 'synthetic.json', mimeType: 'application/json', buffer: fs.readFileSync(FILE) });
  await page.waitForSelector('#loaded-badge');
  await openMenu(page);
  await page.locator('#compare-file').setInputFiles({ name: 'next.json', mimeType: 'application/json', buffer: fs.readFileSync(NEXT) });
  await page.waitForSelector(`#compare-totals tbody tr[data-before="${EXPECTED.earlier_total}"][data-after="${EXPECTED.later_total}"]`, { timeout: 60000 });
  return page;
}

const ids = (page, list) => page.locator(`#${list} li button.link`).evaluateAll((bs) => bs.map((b) => b.dataset.id));

test('10,000 × 10,000: a list shows its first 20, and all of them in the core\'s order on request', async () => {
  const page = await openBoth();
  assert.ok(EXPECTED.shrunk.length > 1000, `${EXPECTED.shrunk.length} shrunk`);
  assert.deepEqual(await ids(page, 'compare-shrunk'), EXPECTED.shrunk.slice(0, 20));
  const button = page.locator('#compare-shrunk button.show-all');
  assert.match(await button.textContent(), new RegExp(`すべて表示（${EXPECTED.shrunk.length.toLocaleString('en-US')}）`));
  await button.click();
  await settled(() => ids(page, 'compare-shrunk'), EXPECTED.shrunk, 'every shrunk measure, largest cut first');
  assert.equal(await page.locator('#compare-shrunk button.show-all').count(), 0, 'the button is gone');
  // The focus is not lost with the button: it is on the first item the button brought in.
  await settled(() => page.evaluate(() => document.activeElement?.closest('li') ? [...document.activeElement.closest('ol').children].indexOf(document.activeElement.closest('li')) : -1), 20, 'the focus on the 21st item');
  // The other lists are still cut short.
  assert.deepEqual(await ids(page, 'compare-grown'), EXPECTED.grown.slice(0, 20));
});

test('10,000 × 10,000: the department totals are rendered only while open, all of them on request', async () => {
  const page = await openBoth();
  assert.ok(EXPECTED.departments > 100, `${EXPECTED.departments} department groups`);
  const rows = () => page.locator('#compare-departments tbody tr').count();
  assert.equal(await rows(), 0, 'closed: no rows in the page');
  await page.locator('#compare-departments summary').click();
  await settled(rows, 50, 'open: the first 50 groups');
  await page.locator('#compare-departments button.show-all').click();
  await settled(rows, EXPECTED.departments, 'every group');
  // Every group on screen adds up to the whole on both sides.
  const sums = await page.locator('#compare-departments tbody tr').evaluateAll((trs) => trs.reduce(
    ([b, a], r) => [b + Number(r.dataset.before), a + Number(r.dataset.after)], [0, 0]));
  assert.deepEqual(sums, [EXPECTED.earlier_total, EXPECTED.later_total]);
  await page.locator('#compare-departments summary').click();
  await settled(rows, 0, 'closed again: no rows');
});

test('10,000 × 10,000: the table renders a few rows, reaches the last line, and sorts from there', async () => {
  const page = await openBoth();
  const n = EXPECTED.entries.length;
  assert.equal(await page.getAttribute('#compare-table', 'aria-rowcount'), String(n + 1));
  const rendered = () => page.locator('#compare-table tbody tr[data-id]').count();
  assert.ok((await rendered()) < 150, `${await rendered()} rows in the page`);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const last = page.locator(`#compare-table tbody tr[aria-rowindex="${n + 1}"]`);
  await last.waitFor({ state: 'attached' });
  assert.equal(await last.getAttribute('data-id'), EXPECTED.entries.at(-1), 'the last entry (an ended line)');
  assert.ok((await rendered()) < 150, `${await rendered()} rows in the page at the bottom`);
  // Rows where the order puts them: each rendered row's number is its entry's place.
  const placed = await page.locator('#compare-table tbody tr[data-id]').evaluateAll((trs) => trs.map((r) => [Number(r.getAttribute('aria-rowindex')), r.dataset.id]));
  for (const [index, id] of placed) assert.equal(id, EXPECTED.entries[index - 2], `row ${index}`);
  // Sorting from down here starts the new order at the table's top, on screen.
  await page.locator('#compare-table th button.sort', { hasText: '増減' }).first().click();
  const first = page.locator('#compare-table tbody tr[aria-rowindex="2"]');
  await settled(() => first.isVisible().catch(() => false), true, 'the first row of the new order on screen');
});

// What a council clerk takes away: CSV that Excel opens in Japanese (BOM, CRLF, quoting,
// formulas neutralised), JSON that passes the validator's contract, the chart as a 2x PNG, and a
// printed page (A4) with the summary, chart, filtered table, address and QR code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appSuite, openMenu, watch } from './harness.mjs';

const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
fs.mkdirSync(ARTIFACTS, { recursive: true });
const suite = await appSuite({ viewport: { width: 1080, height: 810 } });
const open = (fragment, options = {}) => suite.open(fragment, { acceptDownloads: true, ...options });

async function download(page, selector) {
  // The data downloads are in the page's menu; the chart's PNG is under the chart.
  if (selector !== '#save-png') await openMenu(page);
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

/** RFC 4180 records: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text) {
  const rows = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { rows.at(-1).push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') {
      rows.at(-1).push(cell); cell = ''; rows.push([]); i++;
    } else if (c === '\n') throw new Error(`a bare LF ends a record at ${i}: records must end in CRLF`);
    else cell += c;
  }
  if (cell || rows.at(-1).length) rows.at(-1).push(cell);
  return rows.filter((r) => r.length > 1 || r[0]);
}

test('CSV of the filtered view: UTF-8 with BOM, CRLF records, quoted cells, relisted lines bring their original', async () => {
  const page = await open('ini=3');
  await page.waitForSelector('#chart .cell');
  const { name, bytes } = await download(page, '#save-csv');
  assert.match(name, /\.csv$/);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark for Excel');
  const rows = parseCsv(bytes.subarray(3).toString('utf8')).filter((r) => !r[0].startsWith('#'));
  assert.equal(rows[0][0], '番号', 'Japanese header');
  // 取組③'s seven lines, and 1-5, the original of its relisted line 3-1.
  const ids = rows.slice(1).map((r) => r[0]);
  assert.deepEqual([...ids].sort(), ['1-5', '3-1', '3-2', '3-3', '3-4', '3-5', '3-6', '3-7']);

  // A description with a comma and two paragraphs stays one cell.
  const procurement = await open('dir=4');
  const rows4 = parseCsv((await download(procurement, '#save-csv')).bytes.subarray(3).toString('utf8'));
  const header = rows4.find((r) => r[0] === '番号');
  const line = rows4.find((r) => r[0] === '9-1');
  const description = line[header.indexOf('事業概要')];
  assert.match(description, /１,０００万円/);
  assert.match(description, /^【物品購入】[^\n]+\n【公共工事】/);
});

test('JSON of the filtered view is the data contract', async () => {
  const page = await open('dir=4');
  const { bytes } = await download(page, '#save-json');
  const data = JSON.parse(bytes.toString('utf8'));
  assert.deepEqual(Object.keys(data).sort(), ['directions', 'initiatives', 'meta', 'projects']);
  assert.equal(data.projects.length, 7);
  assert.ok(data.projects.every((p) => p.budget === null && p.initiative === 9));
});

test('the chart as a PNG at twice its size on screen', async () => {
  const page = await open('at=i4');
  await page.waitForSelector('#chart .cell');
  const box = await page.locator('#chart').boundingBox();
  const { name, bytes } = await download(page, '#save-png');
  assert.match(name, /\.png$/);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  assert.equal(width, Math.round(Math.floor(box.width) * 2));
  assert.equal(height, Math.round(Math.floor(box.height) * 2));
});

test('print: A4 with summary, chart, the filtered table, the address and a QR code; controls hidden', async () => {
  const page = await open('at=i4&mk=c');
  await page.waitForSelector('#chart .cell');
  // As the browser does on Ctrl+P: beforeprint, then the print layout.
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  await page.waitForSelector('.print-only', { state: 'attached' });
  await page.emulateMedia({ media: 'print' });
  const shown = async (sel) => page.locator(sel).first().evaluate((e) => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0);
  assert.ok(await shown('#total'));
  assert.ok(await shown('#chart canvas'));
  assert.ok(await shown('.print-only table'));
  assert.ok(await shown('.print-link'));
  assert.ok(await shown('#print-qr'));
  for (const hidden of ['#filters', '.toolbar', '.downloads', '#open-file']) {
    assert.equal(await page.locator(hidden).first().evaluate((e) => e.getClientRects().length), 0, `${hidden} is not printed`);
  }
  // The printed table is the filtered one: the ten 【コロナ】 lines (the drill only moves the chart).
  const printedIds = await page.locator('.print-only tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.id));
  assert.deepEqual(printedIds, ['2-2', '3-2', '3-5', '4-1', '5-12', '5-13', '6-6', '6-7', '8-3', '8-4']);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  fs.writeFileSync(path.join(ARTIFACTS, 'print-a4.pdf'), pdf); // for looking at (pdftoppm)
});

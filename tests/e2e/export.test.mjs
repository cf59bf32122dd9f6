// What a council clerk takes away: CSV that Excel opens in Japanese (BOM, CRLF, quoting,
// formulas neutralised), JSON that passes the validator's contract (the chart's PNG and SVG:
// pictures.test.mjs), and a printed page (A4) with the summary, chart, filtered table, address and QR code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appSuite, openMenu, printed, settled, watch } from './harness.mjs';

const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
fs.mkdirSync(ARTIFACTS, { recursive: true });
const suite = await appSuite({ viewport: { width: 1080, height: 810 } });
const open = (fragment, options = {}) => suite.open(fragment, { acceptDownloads: true, ...options });

async function download(page, selector) {
  // The data downloads are in the page's menu.
  await openMenu(page);
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
  const rows = parseCsv(bytes.subarray(3).toString('utf8'));
  // Row 1 is the header, so Excel's filter and sort land on it; nothing but the table follows.
  assert.equal(rows[0][0], '番号', 'Japanese header on the first row');
  assert.ok(rows.every((r) => !r[0].startsWith('#')), 'no #meta or note rows in the file for Excel');
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

/** Opens `bytes` in the app as a person would, and waits for the badge. */
async function reopen(page, name, bytes) {
  await page.locator('#open-file').setInputFiles({ name, mimeType: 'text/csv', buffer: bytes });
  await page.waitForSelector('#loaded-badge');
  return page.textContent('#result');
}

test('each CSV we write opens again in the app with the same lines; the one with notes says its conditions', async () => {
  const page = await open('q=観光&mk=k');
  await page.waitForSelector('#chart .cell');
  const shown = await settled(() => page.textContent('#result'), /該当 \d+事業/, 'the count of 観光 ★重点');
  const count = shown.match(/該当 (\d+)事業/)[1];
  const plain = await download(page, '#save-csv');
  const noted = await download(page, '#save-csv-notes');
  assert.match(noted.name, /with-notes\.csv$/);
  const rows = parseCsv(noted.bytes.subarray(3).toString('utf8'));
  assert.deepEqual(rows[0].slice(0, 2), ['#meta', 'title']);
  const notes = rows.filter((r) => r[0].startsWith('# ')).map((r) => r[0]);
  assert.equal(notes.length, 3, `three note rows: ${JSON.stringify(notes)}`);
  assert.equal(notes[0], '# 条件：キーワード：観光／★重点のみ');
  assert.match(notes[1], /^# (http|file).*#q=/, 'the address of the view');
  assert.match(notes[2], /^# 作成日：\d{4}-\d{2}-\d{2}$/);
  const header = rows.findIndex((r) => r[0] === '番号');
  assert.equal(header, rows.length - Number(count) - 1, 'the header, then one row per line (no relisting here)');

  // Reopened with no filter, each file shows exactly the lines of the view it came from.
  for (const file of [plain, noted]) {
    const fresh = await open('');
    await fresh.waitForSelector('#chart .cell');
    const result = await reopen(fresh, file.name, file.bytes);
    assert.match(result, new RegExp(`全 ${count}事業`), `${file.name} reopened: ${result}`);
  }
  // The file with notes keeps the source's heading; the table alone gets placeholders.
  for (const [file, heading] of [[noted, /熊本市 中小企業振興 令和五年度 事業一覧/], [plain, /CSVから読み込んだ事業一覧/]]) {
    const fresh = await open('');
    await fresh.waitForSelector('#chart .cell');
    await reopen(fresh, file.name, file.bytes);
    await settled(() => fresh.textContent('h1'), heading, `the heading after reopening ${file.name}`);
  }
});

test('JSON of the filtered view is the data contract', async () => {
  const page = await open('dir=4');
  const { bytes } = await download(page, '#save-json');
  const data = JSON.parse(bytes.toString('utf8'));
  assert.deepEqual(Object.keys(data).sort(), ['directions', 'initiatives', 'meta', 'projects']);
  assert.equal(data.projects.length, 7);
  assert.ok(data.projects.every((p) => p.budget === null && p.initiative === 9));
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
  for (const hidden of ['#filters', '.toolbar', '.downloads', '#open-file', '#crumbs']) {
    assert.equal(await page.locator(hidden).first().evaluate((e) => e.getClientRects().length), 0, `${hidden} is not printed`);
  }
  // The printed table is the level's share of the filtered lines: of the ten 【コロナ】 lines, the
  // one under 取組④ (the paper shows what the chart shows).
  const printedIds = await page.locator('.print-only tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.id));
  assert.deepEqual(printedIds, ['4-1']);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  fs.writeFileSync(path.join(ARTIFACTS, 'print-a4.pdf'), pdf); // for looking at (pdftoppm)
});

test('print is a meeting paper: conditions and level in words, date, the open measure on page 1, the level\'s lines, the total once', async () => {
  const page = await open('at=i4&sel=4-5');
  await page.waitForSelector('#details');
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  // In the print layout, the address and its QR code sit side by side (one unbreakable row, so
  // on one page), and no focus ring shows (the details' title has the focus).
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  await page.waitForSelector('#print-qr', { state: 'attached' });
  await page.emulateMedia({ media: 'print' });
  const [qr, link] = await Promise.all(['#print-qr', '.print-link'].map((sel) => page.locator(sel).boundingBox()));
  assert.ok(qr.y < link.y + link.height && link.y < qr.y + qr.height, 'the link beside its QR code');
  assert.equal(await page.locator('#details-title').evaluate((e) => getComputedStyle(e).outlineStyle), 'none');
  for (const landscape of [false, true]) {
    const pages = await printed(page, `meeting-paper-${landscape ? 'landscape' : 'portrait'}.pdf`, { landscape });
    const first = pages[0].replace(/\s+/g, '');
    const all = pages.join('\n');
    const flat = all.replace(/\s+/g, '');
    const where = landscape ? 'landscape' : 'portrait';
    assert.ok(first.includes('条件：絞り込みなし（すべての事業）'), `${where}: conditions on page 1`);
    assert.ok(first.includes('表示している階層：全体›新たな事業活動の促進›販路開拓・消費拡大支援'), `${where}: level on page 1`);
    assert.ok(first.includes(`印刷日：${today}`), `${where}: date of printing on page 1`);
    assert.match(first, /出典：.+（2023-03-31時点）/, `${where}: source and as-of date`);
    // The open measure's title and the start of its description are on page 1, after the chart.
    assert.ok(first.includes('旅行商品割引事業'), `${where}: the open measure on page 1`);
    assert.ok(first.includes('事業概要'), `${where}: its description starts on page 1`);
    // Only 取組④'s fourteen lines, and the total once, after them.
    const ids = [...new Set(all.match(/^\s*\d+-\d+(?=\s)/gm).map((x) => x.trim()))];
    assert.deepEqual(ids.filter((id) => !id.startsWith('4-')), [], `${where}: only lines of 取組④: ${ids}`);
    assert.equal(ids.length, 14, `${where}: fourteen lines: ${ids}`);
    assert.equal((flat.match(/合計（/g) || []).length, 1, `${where}: the total row once`);
    assert.ok(flat.includes('#at=i4&sel=4-5'), `${where}: the view's address`);
  }
});

test('a printed search names its keyword and marks in words', async () => {
  const page = await open('q=観光&mk=k');
  await page.waitForSelector('#chart .cell');
  const pages = await printed(page, 'meeting-paper-search.pdf');
  const first = pages[0].replace(/\s+/g, '');
  assert.ok(first.includes('条件：キーワード：観光／★重点のみ'), first.slice(0, 400));
  assert.ok(first.includes('表示している階層：全体'), 'the top level');
});

// Opening another budget file in the browser: valid JSON and CSV (UTF-8 and Shift_JIS) replace
// the dataset with a badge and a way back; hostile files get a clear message and leave the view
// exactly as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appSuite, openMenu, settled, watch } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const suite = await appSuite({ viewport: { width: 1080, height: 810 } });
async function open(fragment = 'at=i4') {
  const page = await suite.open(fragment);
  await page.waitForSelector('#chart .cell');
  return page;
}

/** Picks a file as a person would; large ones go through a temporary file on disk. */
async function choose(page, name, buffer, mimeType = 'application/octet-stream') {
  if (buffer.length < 40 * 1024 * 1024) {
    return page.locator('#open-file').setInputFiles({ name, mimeType, buffer });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-import-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, buffer);
  try {
    await page.locator('#open-file').setInputFiles(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A view is unchanged when its address, total and drawn level are. */
const snapshot = (page) => page.evaluate(() => ({
  hash: location.hash,
  total: document.querySelector('#total').textContent,
  crumbs: [...document.querySelectorAll('#crumbs li')].map((li) => li.textContent),
}));

test('a valid JSON file replaces the data, with a badge and a way back', async () => {
  const page = await open('');
  // The contract JSON of direction 2 only, as the app itself exports it.
  const data = JSON.parse(fs.readFileSync(path.join(ROOT, 'data/budget.json'), 'utf8'));
  data.projects = data.projects.filter((p) => p.initiative === 3 || p.initiative === 4 || p.id === '1-5');
  await choose(page, 'direction2.json', Buffer.from(JSON.stringify(data)), 'application/json');
  await page.waitForSelector('#loaded-badge');
  assert.match(await page.textContent('#loaded-badge'), /direction2\.json/);
  // 1-5, 取組③ (six measures and the relisting of 1-5) and 取組④ (fourteen).
  assert.match(await page.textContent('#result'), /全 21事業（再掲1件）/);
  await page.locator('#unload').click();
  await page.waitForSelector('#loaded-badge', { state: 'detached' });
  assert.match(await page.textContent('#result'), /全 59事業/);
});

test('a valid CSV, in UTF-8 and in Shift_JIS (as Excel saves it), loads', async () => {
  const page = await open('');
  await choose(page, 'template.csv', fs.readFileSync(path.join(ROOT, 'data/budget-template.csv')), 'text/csv');
  await page.waitForSelector('#loaded-badge');
  assert.match(await page.textContent('#result'), /全 1事業（再掲1件）/);
  await page.locator('#unload').click();

  await choose(page, 'template-sjis.csv', fs.readFileSync(path.join(ROOT, 'tests/fixtures/budget-template-shift_jis.csv')), 'text/csv');
  await page.waitForSelector('#loaded-badge');
  assert.match(await page.textContent('#loaded-badge'), /template-sjis\.csv/);
  assert.match(await page.textContent('#result'), /全 1事業（再掲1件）/);
});

/** Files that must be refused: name, content, then the first problem in Japanese and English. */
const ENGLISH_HEADER = 'id,direction,direction_title,initiative,initiative_title,number,name,departments,budget,description';
const FORMULA_CSV = '番号,方向性,方向性名,取組,取組名,項番,事業名,担当課,予算額（千円）,事業概要\r\n1-1,1,D,1,I,1,=CMD("calc"),X課,10,d\r\n';
const HOSTILE = [
  ['huge.json', Buffer.alloc(100 * 1024 * 1024, 0x20),
    /^ファイルが大きすぎます（100\.0 MB）。読み込めるのは 20 MB までです$/,
    /^file: is 100\.0 MB; budget files are at most 20 MB$/],
  ['picture.png', Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex'),
    /^バイナリデータを含んでいます。JSON か CSV のファイルを選んでください$/,
    /^file: contains binary data/],
  ['nested.json', Buffer.from('['.repeat(200000)),
    /^JSON として読み取れません（1行目 \d+桁目：入れ子が深すぎます）$/,
    /^file: is not valid JSON \(recursion limit exceeded/],
  ['broken.json', Buffer.from('{"meta": {"title": '),
    /^JSON として読み取れません（1行目 19桁目：ファイルが途中で終わっています）$/,
    /^file: is not valid JSON \(EOF while parsing/],
  ['formula.csv', Buffer.from(FORMULA_CSV),
    /^2行目・列「事業名」：数式として解釈されるおそれのある値です（=CMD\("calc"\)）。先頭の = を外すか、先頭に ' を付けてください$/,
    /^row 2, column "事業名": starts with "=", like a spreadsheet formula/],
  ['header.csv', Buffer.from('id,name,colour\n1-1,A,red\n'),
    /^1行目・列「colour」：この名前の列は使えません（使える列：番号、方向性、/,
    /^row 1, column "colour": is not a known column/],
  ['empty.csv', Buffer.from(''),
    /^見出しの行がありません。/,
    /^file: has no header row/],
  // Shift_JIS through the browser's own TextDecoder: 85 40 85 41 are codes nothing is assigned
  // to ("�@�A"), F0 40 the first user-defined one (外字, U+E000).
  ['unmapped-sjis.csv', Buffer.concat([Buffer.from(`${ENGLISH_HEADER}\r\n1-1,1,D,1,I,1,`), Buffer.from([0x85, 0x40, 0x85, 0x41]), Buffer.from(',X,10,d\r\n')]),
    /^2行目・列「name」：読み取れない文字（U\+FFFD、「�」と表示）が1文字目ほか1か所にあります。/,
    /^row 2, column "name": has a character that could not be read \(U\+FFFD, shown as �\) at character 1 and 1 more: /],
  ['gaiji-sjis.csv', Buffer.concat([Buffer.from(`${ENGLISH_HEADER}\r\n1-1,1,D,1,I,1,A,X,10,ab`), Buffer.from([0xF0, 0x40]), Buffer.from('\r\n')]),
    /^2行目・列「description」：外字（私用領域の文字 U\+E000）が3文字目にあります。/,
    /^row 2, column "description": has a private-use character \(U\+E000, a user-defined character, 外字\) at character 3: /],
  ['utf16-bom.csv', Buffer.concat([Buffer.from([0xFF, 0xFE]), Buffer.from('番号,事業名\r\n1-1,A\r\n', 'utf16le')]),
    /^文字コードが UTF-16（Excel の「Unicode テキスト」）です。Excel の「名前を付けて保存」で/,
    /^file: is UTF-16 text \(Excel's 「Unicode テキスト」\), not UTF-8 CSV: in Excel use 名前を付けて保存/],
  ['utf16.json', Buffer.from('{"meta": {"title": "事業"}}', 'utf16le'),
    /^文字コードが UTF-16 です。JSON のファイルは UTF-8 で保存し直してください$/,
    /^file: is UTF-16 text, not UTF-8; JSON files must be UTF-8/],
];

/** Opens each hostile file on a page at `fragment`; `expected` picks the message to see. */
async function refuseEach(fragment, expected) {
  const page = await open(fragment);
  const before = await snapshot(page);
  for (const hostile of HOSTILE) {
    const [name, buffer] = hostile;
    await choose(page, name, buffer);
    await page.waitForSelector('#import-errors');
    assert.match(await page.textContent('#import-errors'), new RegExp(name.replace('.', '\\.')), 'names the file');
    const problems = await page.locator('#import-errors li').allTextContents();
    assert.match(problems[0], expected(hostile), `${name}: ${problems}`);
    assert.deepEqual(await snapshot(page), before, `${name} left the view unchanged`);
    assert.equal(await page.locator('#loaded-badge').count(), 0);
    await page.locator('#import-errors button').click();
  }
}

test('hostile files: each gets a clear message in Japanese and the view stays as it was', async () => {
  await refuseEach('at=i4&q=%E8%A6%B3%E5%85%89', ([, , ja]) => ja);
});

test('hostile files on the English page: the messages are in English', async () => {
  await refuseEach('lang=en&at=i4&q=%E8%A6%B3%E5%85%89', ([, , , en]) => en);
});

test('the problems shown follow a switch of language', async () => {
  const page = await open('');
  await choose(page, 'formula.csv', Buffer.from(FORMULA_CSV));
  await page.waitForSelector('#import-errors');
  const first = () => page.locator('#import-errors li').first().textContent();
  assert.match(await first(), /^2行目・列「事業名」：数式として/);
  await openMenu(page);
  await page.locator('#lang').click();
  assert.match(await first(), /^row 2, column "事業名": starts with "="/);
  assert.match(await page.textContent('#import-errors'), /This file was not loaded/);
});

test('the reader module starts only when a file is opened, in a worker, once per file', async () => {
  const page = await open();
  const marks = () => page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name).filter((n) => n.startsWith('reader:')));
  // The app is up and interactive, and no reader has run.
  await page.locator('#chart [data-key="m4-5"]').click();
  await page.waitForSelector('#details');
  assert.deepEqual(await marks(), [], 'not started with the page');
  assert.equal(await page.evaluate(() => typeof window.__budgetReader), 'function', 'the loader is there');
  await choose(page, 'template.csv', fs.readFileSync(path.join(ROOT, 'data/budget-template.csv')), 'text/csv');
  await page.waitForSelector('#loaded-badge');
  assert.deepEqual(await marks(), ['reader:start', 'reader:started'], 'started for the file');
  await choose(page, 'bad.csv', Buffer.from('not,a,budget\n'), 'text/csv');
  await page.waitForSelector('#import-errors');
  assert.match(await page.textContent('#loaded-badge'), /template\.csv/, 'the view stays on the loaded file');
  assert.equal((await marks()).filter((n) => n === 'reader:started').length, 2, 'a fresh reader for the next file');
});

test('a file picked through the menu closes it, as a second file for a comparison does', async () => {
  const page = await open('');
  await openMenu(page);
  await choose(page, 'template.csv', fs.readFileSync(path.join(ROOT, 'data/budget-template.csv')), 'text/csv');
  await page.waitForSelector('#loaded-badge');
  // On a phone the open menu would cover what was opened.
  await settled(() => page.getAttribute('#menu-button', 'aria-expanded'), 'false', 'the menu closed after the pick');
  assert.ok(await page.locator('#menu').isHidden(), 'the menu panel hidden');
  await settled(() => page.evaluate(() => document.activeElement?.id), 'menu-button', 'the focus back on the menu button');
});

// A saved copy: the page as served, written to disk and opened from file:// with the network
// switched off, works fully, URL state included, and requests nothing at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIST, launch, openMenu, settled, watch } from './harness.mjs';

let browser;
let saved;
before(async () => {
  browser = await launch();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saved-budget-'));
  saved = path.join(dir, '熊本市 予算エクスプローラー.html'); // a name a person would give it
  fs.copyFileSync(path.join(DIST, 'index.html'), saved);
  // The saved copy is the one page; what lies beside it in dist/ is for hosting only: the image
  // shown when a link is shared (the page never loads it) and the installable app's files.
  const beside = ['preview.png', 'sw.js', 'manifest.webmanifest', 'icon-192.png', 'icon-512.png'];
  const files = fs.readdirSync(DIST);
  assert.ok(files.includes('index.html'));
  assert.deepEqual(files.filter((f) => f !== 'index.html' && !beside.includes(f)), [], 'dist/ holds the page and its hosting files only');
});
after(async () => {
  await browser?.close();
});

test('saved page opened from file:// with the network off: drill, details, search, URL state', async () => {
  const context = await browser.newContext({ viewport: { width: 810, height: 1080 }, hasTouch: true });
  await context.setOffline(true);
  const page = await context.newPage();
  const seen = watch(page);
  const url = new URL(`file://${saved}`).href;
  await page.goto(`${url}#at=i4`);
  await page.waitForSelector('#chart .cell');
  assert.match(await page.textContent('#total'), /37\.4億円/);
  assert.deepEqual(await page.locator('#crumbs li').allTextContents(), ['全体', '新たな事業活動の促進', '販路開拓・消費拡大支援']);

  await page.locator('#chart [data-key="m4-5"]').tap();
  await page.waitForSelector('#details');
  await settled(() => page.evaluate(() => location.hash), '#at=i4&sel=4-5', 'the fragment with details open');
  await page.goBack();
  await page.waitForSelector('#details', { state: 'detached' });
  await page.fill('#q', '商店街');
  assert.match(await page.textContent('#result'), /該当 \d+事業/);

  // Reopening the link from disk reproduces the view: the link once the typed search is in it
  // (the app writes it after the next paint).
  const link = await settled(() => page.evaluate(() => location.href), (href) => decodeURIComponent(href).includes('q=商店街'),
    'the address after typing 商店街, expected to hold q=商店街');
  const again = await context.newPage();
  const seenAgain = watch(again);
  await again.goto(link);
  await again.waitForSelector('#result');
  assert.equal(await again.inputValue('#q'), '商店街');

  // Sharing from a saved copy says plainly that the link opens only on this device, and the
  // "save for offline" link (which cannot download a file:// page) gives way to a note.
  await openMenu(again);
  await again.locator('#share').click();
  const note = await settled(() => again.locator('#share-saved-copy').textContent().catch(() => ''), /この端末でしか開けません/,
    'the saved-copy note in the share panel');
  assert.match(note, /保存したファイル（HTML）そのものを送って/);
  assert.equal(await again.locator('#save-page').count(), 0, 'no save-for-offline link on a saved copy');
  assert.match(await again.textContent('#saved-copy-note'), /オフラインでもそのまま使えます/);

  for (const s of [seen, seenAgain]) {
    assert.ok(s.requests.length > 0, 'the counter saw the page itself');
    assert.deepEqual(s.requests.filter((u) => !u.startsWith('file://')), [], 'nothing but the file itself');
    assert.deepEqual(s.errors, [], 'console errors or panics');
  }
  await context.close();
});

// "Save page as…, complete" writes the page as it is now (the DOM), not as it was served: the app
// has replaced the body by then, so its scripts must live outside the body for that copy to run.
test('a copy saved from the running page (its DOM, as "save complete" writes it) runs offline: search, details, a file opened', async () => {
  const context = await browser.newContext({ viewport: { width: 1080, height: 810 } });
  await context.setOffline(true);
  const page = await context.newPage();
  await page.goto(`${new URL(`file://${saved}`).href}#at=i4`);
  await page.waitForSelector('#menu-button');
  const dom = await page.evaluate(() => `<!DOCTYPE html>\n${document.documentElement.outerHTML}`);
  const copy = path.join(path.dirname(saved), 'saved from the running page.html');
  fs.writeFileSync(copy, dom);
  const again = await context.newPage();
  const seen = watch(again);
  await again.goto(`${new URL(`file://${copy}`).href}#at=i4`);
  // The copy shows the app as it was saved until the app starts in it: only a live app answers.
  await again.fill('#q', '商店街');
  const result = await settled(() => again.textContent('#result'), /該当 \d+事業/, 'the result after typing 商店街 in the copy');
  assert.doesNotMatch(result, /全 59事業/);
  await again.locator('#q').fill('');
  await again.locator('#chart [data-key="m4-5"]').click();
  await again.waitForSelector('#details-title');
  const csv = fs.readFileSync(path.join(path.dirname(DIST), 'data/budget-template.csv'));
  await again.locator('#open-file').setInputFiles({ name: 'template.csv', mimeType: 'text/csv', buffer: csv });
  await again.waitForSelector('#loaded-badge');
  assert.deepEqual(seen.requests.filter((u) => !u.startsWith('file://')), [], 'nothing but the file itself');
  assert.deepEqual(seen.errors, [], 'console errors or panics');
  await context.close();
});

test('saved page offline: opening a file starts the reader module from the page itself', async () => {
  const context = await browser.newContext({ viewport: { width: 1080, height: 810 } });
  await context.setOffline(true);
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(`${new URL(`file://${saved}`).href}#at=i4`);
  await page.waitForSelector('#chart .cell');
  const marks = () => page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name).filter((n) => n.startsWith('reader:')));
  assert.deepEqual(await marks(), [], 'the reader is not started with the page');
  // A hostile file first: refused with its message, the view kept.
  const before = await page.evaluate(() => [location.hash, document.querySelector('#total').textContent]);
  await page.locator('#open-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"meta": 1}') });
  await page.waitForSelector('#import-errors');
  assert.deepEqual(await page.evaluate(() => [location.hash, document.querySelector('#total').textContent]), before, 'the view as it was');
  assert.deepEqual(await marks(), ['reader:start', 'reader:started'], 'the reader ran for the file');
  // Then the template CSV: loaded, badge shown.
  const csv = fs.readFileSync(path.join(path.dirname(DIST), 'data/budget-template.csv'));
  await page.locator('#open-file').setInputFiles({ name: 'template.csv', mimeType: 'text/csv', buffer: csv });
  await page.waitForSelector('#loaded-badge');
  assert.match(await page.textContent('#loaded-badge'), /template\.csv/);
  assert.equal(await page.locator('#import-errors').count(), 0);
  assert.equal((await marks()).filter((n) => n === 'reader:started').length, 2, 'one reader per file');
  assert.deepEqual(seen.requests.filter((u) => !u.startsWith('file://')), [], 'nothing but the file itself');
  assert.equal(seen.blobs.length, 2, 'the two workers came from blob: URLs made in the page');
  assert.deepEqual(seen.errors, [], 'console errors or panics');
  await context.close();
});

test('saved page offline: the CSV, CSV with notes and JSON downloads are made by the reader module from the page itself', async () => {
  const context = await browser.newContext({ viewport: { width: 1080, height: 810 }, acceptDownloads: true });
  await context.setOffline(true);
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(`${new URL(`file://${saved}`).href}#dir=4`);
  await page.waitForSelector('#chart .cell');
  const marks = () => page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name).filter((n) => n === 'reader:started'));
  assert.deepEqual(await marks(), [], 'the reader is not started with the page');
  const files = {};
  for (const id of ['save-csv', 'save-csv-notes', 'save-json']) {
    await openMenu(page);
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`#${id}`).click()]);
    files[id] = { name: file.suggestedFilename(), text: fs.readFileSync(await file.path()).toString('utf8') };
  }
  assert.equal((await marks()).length, 3, 'one reader per download: the writers are not in the app module');
  assert.equal(files['save-csv'].name, 'kumamoto-sme-budget-r5.csv');
  const noted = files['save-csv-notes'].text;
  assert.match(noted, /^\uFEFF#meta,title,/, 'the source first');
  assert.match(noted, /\r\n"?# 条件：[^\r\n]*\r\n"?# [^\r\n]*dir=4[^\r\n]*\r\n"?# 作成日：\d{4}-\d{2}-\d{2}/, 'the conditions, the link and the date as notes');
  const data = JSON.parse(files['save-json'].text);
  assert.equal(data.projects.length, 7);
  assert.ok(data.projects.every((p) => p.initiative === 9));
  const csv = files['save-csv'].text;
  assert.match(csv, /^\uFEFF番号,/, 'the header on row 1');
  for (const file of [csv, noted]) {
    for (const p of data.projects) assert.ok(file.includes(`\r\n${p.id},`), `line ${p.id} in the CSV`);
  }
  assert.deepEqual(seen.requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:')), [], 'nothing but the file itself');
  assert.deepEqual(seen.errors, [], 'console errors or panics');
  await context.close();
});

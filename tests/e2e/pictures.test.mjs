// The chart as a picture a council member pastes into a document: the PNG (2x) and the SVG carry
// the title, the level, the conditions in words, the figures, the legend, the source with its
// as-of date and the date made around the chart; the suggested alt text is beside them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { appSuite, settled } from './harness.mjs';

const suite = await appSuite({ viewport: { width: 1080, height: 810 } });
const open = (fragment, options = {}) => suite.open(fragment, { acceptDownloads: true, ...options });

/** Clicks `selector` and returns the file it downloads, once it is written in full. */
async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  const where = await file.path();
  await settled(() => fs.existsSync(where) && fs.statSync(where).size > 0, true, `${selector}'s file is written`);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(where) };
}

/** Decodes an 8-bit RGBA or RGB, non-interlaced PNG (what canvas.toDataURL writes). */
function decodePng(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  let at = 8;
  let width = 0; let height = 0; let channels = 0;
  const data = [];
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.subarray(at + 4, at + 8).toString('latin1');
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      assert.equal(body[8], 8, '8 bits per channel');
      assert.equal(body[12], 0, 'not interlaced');
      channels = { 2: 3, 6: 4 }[body[9]];
      assert.ok(channels, `colour type ${body[9]}`);
    } else if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a
        : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predicted = [0, a, b, (a + b) >> 1, paeth][filter];
      pixels[y * stride + x] = (line[x] + predicted) & 0xff;
    }
  }
  const at_ = (x, y) => [...pixels.subarray((y * width + x) * channels, (y * width + x) * channels + 3)];
  return { width, height, at: at_ };
}

/** The share of pixels in rows y0..y1 that are dark (text), and that are white (paper). */
function band(png, y0, y1) {
  let dark = 0; let white = 0; let all = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = 0; x < png.width; x++) {
      const [r, g, b] = png.at(x, y);
      const luma = 0.299 * r + 0.587 * g + 0.114 * b;
      if (luma < 100) dark++;
      if (r === 255 && g === 255 && b === 255) white++;
      all++;
    }
  }
  return { dark: dark / all, white: white / all };
}

const today = (page) => page.evaluate(() => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
});

for (const [lang, words] of [
  ['ja', { title: '熊本市 中小企業振興 令和五年度 事業一覧', conditions: '条件：キーワード：観光', level: '表示している階層：全体 › ',
    source: /出典：.+（2023-03-31時点）/, made: '作成日：', legend: '色は方向性を表します', faded: '薄い色の区画は条件に該当しません', figures: 'この階層で該当 ' }],
  ['en', { title: '熊本市 SME promotion FY2023 list of measures', conditions: 'Conditions: Search: 観光', level: 'Level shown: All › ',
    source: /Source: .+ \(as of 2023-03-31\)/, made: 'Made on: ', legend: 'Colours show the direction', faded: 'Faded cells do not match the conditions',
    figures: 'Matching at this level: ' }],
]) {
  test(`${lang}: the SVG and the PNG of a drilled search carry the title, level, conditions, figures, legend, source and date`, async () => {
    const page = await open(`at=i4&q=観光&lang=${lang}`);
    await page.waitForSelector('#chart .cell');
    const made = `${words.made}${await today(page)}`;

    const svg = await download(page, '#save-svg');
    assert.equal(svg.name, 'kumamoto-sme-budget-chart.svg');
    const text = svg.bytes.toString('utf8');
    // It parses as XML (the browser's parser reports errors as a <parsererror> document), on a
    // blank page: the app's Content-Security-Policy rightly refuses the picture's <style>.
    const blank = await page.context().newPage();
    const parsed = await blank.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
      const root = doc.documentElement;
      return {
        error: doc.getElementsByTagName('parsererror').length > 0 ? root.textContent : null,
        root: root.localName,
        width: Number(root.getAttribute('width')),
        height: Number(root.getAttribute('height')),
        lines: [...doc.querySelectorAll(':root > text')].map((t) => t.textContent),
        cells: doc.querySelectorAll('g.chart > svg').length,
      };
    }, text);
    await blank.close();
    assert.equal(parsed.error, null, 'the SVG is well-formed XML');
    assert.equal(parsed.root, 'svg');
    assert.ok(parsed.cells >= 10, `the chart's cells are in it: ${parsed.cells}`);
    const lines = parsed.lines.join('\n');
    assert.ok(lines.includes(words.title), lines);
    assert.ok(lines.includes(words.conditions), lines);
    assert.ok(lines.includes(words.level), lines);
    assert.ok(lines.includes(words.figures), lines);
    assert.ok(lines.includes(words.legend), lines);
    assert.ok(lines.includes(words.faded), lines);
    assert.match(lines, words.source);
    assert.ok(lines.includes(made), lines);

    const file = await download(page, '#save-png');
    assert.equal(file.name, 'kumamoto-sme-budget-chart.png');
    assert.ok(file.bytes.length > 40_000 && file.bytes.length < 4_000_000, `a plausible size: ${file.bytes.length} bytes`);
    const png = decodePng(file.bytes);
    // The same frame as the SVG, at twice its CSS px.
    assert.deepEqual([png.width, png.height], [2 * parsed.width, 2 * parsed.height]);
    assert.ok(png.width >= 2000, `${png.width} px wide`);
    // Not a bare block: the header band (title and level lines, 24–110 CSS px) is paper with dark
    // text; so is the foot (source and date); the chart between them is coloured.
    const head = band(png, 2 * 24, 2 * 110);
    assert.ok(head.dark > 0.02 && head.white > 0.6, `header band: ${JSON.stringify(head)}`);
    const foot = band(png, png.height - 2 * 60, png.height - 2 * 24);
    assert.ok(foot.white > 0.6 && foot.dark > 0.005, `foot band: ${JSON.stringify(foot)}`);
    // The chart: cells of several fills (the direction's shades, dimmed ones), little paper.
    const colours = new Set();
    let paper = 0; let seen = 0;
    for (let y = Math.floor(png.height * 0.25); y < png.height * 0.7; y += 6) {
      for (let x = 2 * 24; x < png.width - 2 * 24; x += 6) {
        const c = png.at(x, y);
        colours.add(c.join());
        if (c.every((v) => v === 255)) paper++;
        seen++;
      }
    }
    assert.ok(colours.size >= 5, `the chart's cells are drawn: ${colours.size} colours`);
    assert.ok(paper / seen < 0.1, `the chart covers its box: ${paper / seen} paper`);
  });
}

test('the suggested alt text names the level, the conditions and the largest matching cells, and copies', async () => {
  const page = await open('at=i4&q=観光', { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.waitForSelector('#chart .cell');
  const alt = await settled(() => page.inputValue('#alt-text'), /キーワード：観光/, 'the alt text with its conditions');
  assert.match(alt, /^樹形図：熊本市 中小企業振興 令和五年度 事業一覧（全体 › .+ › 販路開拓・消費拡大支援）。/);
  assert.match(alt, /該当する区画の大きい順に：旅行商品割引事業 \S+円、/);
  await page.locator('#copy-alt').click();
  await settled(() => page.locator('#alt-status').textContent().catch(() => ''), '説明文をコピーしました', 'the copy is confirmed');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), alt);
  // Another view says what it shows: the top, unfiltered, in English.
  await page.goto(`${suite.server.origin}/#lang=en`);
  const en = await settled(() => page.inputValue('#alt-text'), /^Treemap of /, 'the English alt text');
  assert.ok(!en.includes('Conditions'), en);
  assert.match(en, /\(All\)\. Largest cells: .+ ¥[\d.]+ (million|billion), /);
  // The status of the earlier copy does not stay beside a new text.
  await settled(() => page.locator('#alt-status').count(), 0, 'no stale copy status');
});

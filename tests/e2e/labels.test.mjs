// Labels, numbers, highlighting and legends (issue 12). The app writes the label plan it drew on
// the chart (`data-plan`, one line per cell: index, size, type size, name lines, figure lines,
// number; `core::label::plan_text`), so these tests read what the app used rather than guess.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appSuite, settled } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const suite = await appSuite({ viewport: { width: 390, height: 844 } });

const plan = (page) => page.locator('#chart').getAttribute('data-plan');
const rows = (text) => (text ?? '').split('\n').filter(Boolean).map((l) => {
  const [cell, size, type, name, figures, number] = l.split('\t');
  const [w, h] = size.split('x').map(Number);
  return { cell, w, h, type, name, figures, number };
});

// The native plan of every level (tests/label_golden.rs): sections "## WxH #fragment".
function golden() {
  const text = fs.readFileSync(path.resolve(here, '../golden/labels.txt'), 'utf8');
  const sections = [];
  for (const part of text.split(/^## /m).filter(Boolean)) {
    const [head, ...body] = part.split('\n');
    const [size, fragment] = head.split(' #');
    const [w, h] = size.split('x').map(Number);
    sections.push({ w, h, fragment, body: body.join('\n') });
  }
  return sections;
}

test('the app, breaking words with Intl.Segmenter, draws the native plan on every level', async () => {
  const sections = golden();
  assert.ok(sections.length > 100, `${sections.length} sections`);
  for (const [w, h] of [[358, 447], [1120, 675]]) {
    const page = await suite.open('', { viewport: { width: Math.max(w + 32, 390), height: 900 } });
    assert.equal(await page.evaluate(() => typeof Intl.Segmenter), 'function', 'this browser has Intl.Segmenter');
    // The chart box at exactly the golden size, whatever the page layout around it.
    await page.evaluate(([w, h]) => {
      document.querySelector('#chart').style.cssText =
        `width:${w}px;height:${h}px;max-width:none;max-height:none;aspect-ratio:auto;flex:none`;
    }, [w, h]);
    for (const s of sections.filter((s) => s.w === w && s.h === h)) {
      await page.evaluate((f) => { location.hash = f; }, s.fragment);
      await settled(() => plan(page), s.body, `plan at ${w}x${h} #${s.fragment}`);
    }
  }
});

test('phone, 取組③: every cell 24 px tall and three characters wide has a name; numbers match the list', async () => {
  const page = await suite.open('at=i3');
  const text = await settled(() => plan(page), (t) => typeof t === 'string' && t.length > 0, 'a plan');
  const cells = rows(text);
  console.log(`plan of #at=i3 at 390x844:\n${text}`);
  // The plan is of the cells as placed: each button has the plan's size.
  for (const c of cells.filter((c) => c.w > 0 && c.h > 0)) {
    const box = await page.locator(`#chart .cell[data-cell="${c.cell}"]`).boundingBox();
    assert.ok(box && Math.abs(box.width - c.w) <= 1 && Math.abs(box.height - c.h) <= 1, `cell ${c.cell}: ${JSON.stringify(box)} vs ${c.w}x${c.h}`);
  }
  const roomy = cells.filter((c) => c.h >= 24 && c.w >= 41);
  assert.ok(roomy.length >= 4, `${roomy.length} roomy cells`);
  for (const c of roomy) assert.ok(c.type !== '-' && c.name.length > 0, `cell ${c.cell} (${c.w}x${c.h}) has a name: ${JSON.stringify(c)}`);
  // 201×40 (中小企業等ＤＸアクセラレーション事業) was an unlabelled strip: now named in full.
  assert.ok(cells.some((c) => c.name.replaceAll(' / ', '') === '中小企業等ＤＸアクセラレーション事業'), text);
  // Numbered cells: the same numbers on the list's rows, for the same cells.
  const numbered = cells.filter((c) => c.number !== '-');
  assert.ok(numbered.length >= 1, 'some cells are numbered');
  // (The list also has the named cells under 44 px, reachable by touch there, without a number.)
  const listed = await page.locator('#small-cells .list-cell').evaluateAll((b) => b.map((x) => ({
    cell: x.dataset.cell, number: x.querySelector('.number')?.textContent,
  })));
  assert.deepEqual(listed.filter((r) => r.number), numbered.map((c) => ({ cell: c.cell, number: c.number })));
  for (const r of listed.filter((r) => !r.number)) {
    const c = cells.find((c) => c.cell === r.cell);
    assert.ok(c.number === '-' && (c.w < 44 || c.h < 44), `row ${r.cell} without a number is a small named cell`);
  }
  for (const c of numbered) {
    assert.equal(await page.locator(`#chart .cell[data-cell="${c.cell}"]`).getAttribute('data-number'),
      String('①②③④⑤⑥⑦⑧⑨⑩'.indexOf(c.number) + 1), `cell ${c.cell}'s number`);
  }
  // No name broken mid-word anywhere in the plan.
  for (const bad of ['雇用対策 / 課', '促 / 進', '千 / 円', 'fo / undations']) assert.ok(!text.includes(bad), bad);
});

test('hovering or focusing a numbered row highlights its cell, and the cell its row', async () => {
  const page = await suite.open('at=i3');
  const row = page.locator('#small-cells .list-cell:has(.number)').first();
  await row.waitFor();
  const cell = await row.getAttribute('data-cell');
  const drawn = () => page.locator('#chart canvas').getAttribute('data-highlighted');
  await row.hover();
  await settled(drawn, cell, 'the canvas draws the hovered row\'s cell highlighted');
  assert.equal(await page.locator(`#chart .cell[data-cell="${cell}"]`).getAttribute('data-highlighted'), 'true');
  await page.mouse.move(1, 1);
  await settled(drawn, '', 'nothing highlighted after the pointer leaves');
  await row.focus();
  await settled(drawn, cell, 'the canvas draws the focused row\'s cell highlighted');
  await row.blur();
  await settled(drawn, '', 'nothing highlighted after the row loses focus');
  // The other way: hovering the cell highlights its row.
  const named = page.locator(`#chart .cell[data-cell="${cell}"]`);
  await named.hover({ force: true });
  await settled(() => page.locator(`#small-cells .list-cell[data-cell="${cell}"]`).getAttribute('data-highlighted'),
    'true', 'the hovered cell\'s row is highlighted');
  await settled(drawn, cell, 'and the cell itself');
});

test('each view has its own legend: the department legend names no direction colour', async () => {
  const page = await suite.open('');
  const legend = () => page.locator('.legend').evaluate((l) => ({
    caption: l.querySelector('figcaption').textContent,
    swatches: [...l.querySelectorAll('.swatch')].map((s) => getComputedStyle(s).backgroundColor),
    directions: l.querySelectorAll('.direction').length,
    text: l.textContent,
  }));
  const byDirection = await settled(legend, (l) => l.directions === 5, 'the direction legend');
  assert.equal(byDirection.caption, '色は方向性を表します');
  const directionColours = byDirection.swatches;
  const titles = await page.locator('.legend .direction').allTextContents();

  await page.evaluate(() => { location.hash = 'v=dept'; });
  const dept = await settled(legend, (l) => l.directions === 0, 'the department legend');
  assert.match(dept.caption, /色に意味はありません/);
  for (const c of dept.swatches) assert.ok(!directionColours.includes(c), `direction colour ${c} in the department legend`);
  for (const t of titles) assert.ok(!dept.text.includes(t.replace(/^\d+ /, '')), `direction ${t} named in the department legend`);
  // The joint group is one cell, with a 共管 note naming its departments.
  assert.match(dept.text, /共管.*契約政策課、工事契約課、技術管理課/);
  const keys = await page.locator('#chart .cell, .cell-list .list-cell').evaluateAll((b) => b.map((x) => x.dataset.key));
  assert.ok(keys.includes('g:契約政策課,工事契約課,技術管理課'), keys.join(' '));
  assert.ok(!keys.includes('g:契約政策課,工事契約課'), keys.join(' '));

  // Inside a department the cells are measures in their direction's colour: the legend says so.
  await page.evaluate(() => { location.hash = 'v=dept&at=g:%E5%95%86%E6%A5%AD%E9%87%91%E8%9E%8D%E8%AA%B2'; });
  const lines = await settled(legend, (l) => l.directions > 0, 'the legend of a department\'s measures');
  assert.equal(lines.caption, '色は各事業の方向性を表します');
  for (const c of lines.swatches) assert.ok(directionColours.includes(c), `${c} is a direction colour`);
});

// Written beside the other artifacts (docs/screenshots holds the copies looked at and kept), so
// a test run never changes the repository.
test('screenshots: 取組③ on a phone, the department view on a desktop', async () => {
  const dir = path.resolve(here, 'artifacts');
  fs.mkdirSync(dir, { recursive: true });
  const phone = await suite.open('at=i3');
  await settled(() => plan(phone), (t) => !!t, 'a plan');
  // The chart and the list under it, in the viewport.
  await phone.evaluate(() => document.querySelector('#crumbs').scrollIntoView({ block: 'start' }));
  await phone.screenshot({ path: path.join(dir, 'labels-i3-phone.png') });
  const desktop = await suite.open('v=dept', { viewport: { width: 1440, height: 900 } });
  await settled(() => plan(desktop), (t) => !!t, 'a plan');
  // The chart's lower part with its joint group listed, and the legend under it.
  await desktop.evaluate(() => document.querySelector('.legend').scrollIntoView({ block: 'end' }));
  await desktop.screenshot({ path: path.join(dir, 'labels-departments-desktop.png') });
});

// Filtering highlights, it does not reshuffle (issue 12): a search keeps every cell where it was
// and dims what does not match; "only the matches" re-lays out the matches and is in the link;
// transitions are drawn on animation frames (none with reduced motion) and end on the picture
// the level has when opened directly; the buttons sit on the final layout at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appSuite, settled } from './harness.mjs';

const suite = await appSuite({ viewport: { width: 1440, height: 900 } });

async function open(fragment = '', options = {}) {
  const page = await suite.open(fragment, options);
  await page.waitForSelector('#chart .cell');
  return page;
}

const fragment = (page) => page.evaluate(() => decodeURIComponent(location.hash.replace(/^#/, '')));
const crumbs = (page) => page.locator('#crumbs li').allTextContents();

/** Every cell button: key, whether it matches, its label, its box in the page and in the chart. */
const cells = (page) => page.evaluate(() => {
  const chart = document.querySelector('#chart').getBoundingClientRect();
  return [...document.querySelectorAll('#chart .cell')].map((b) => {
    const r = b.getBoundingClientRect();
    return {
      key: b.dataset.key,
      match: b.dataset.match,
      dimmed: b.classList.contains('dimmed'),
      label: b.getAttribute('aria-label'),
      page: [r.left, r.top, r.width, r.height],
      chart: [r.left - chart.left, r.top - chart.top, r.width, r.height],
    };
  });
});

const counts = (page) => page.evaluate(() => {
  const c = document.querySelector('#chart').dataset;
  return { frames: Number(c.frames || 0), draws: Number(c.draws || 0) };
});

/** The canvas once it has stopped changing (no frame for 400 ms), as a data URL. */
async function still(page, what) {
  let last = null;
  await settled(async () => {
    const now = await counts(page);
    const same = last && now.frames === last.frames && now.draws === last.draws;
    last = now;
    await page.waitForTimeout(400);
    return same;
  }, true, `${what}: the canvas to stop changing`);
  return page.evaluate(() => document.querySelector('#chart canvas').toDataURL());
}

const near = (a, b) => a.every((v, i) => Math.abs(v - b[i]) <= 1);

for (const [name, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1440, height: 900 }]]) {
  test(`${name}: typing 観光 at 取組④ keeps every cell where it was and dims what does not match`, async () => {
    const page = await open('at=i4', { viewport });
    const before = await cells(page);
    assert.equal(before.length, 14);
    assert.ok(before.every((c) => c.match === '1' && !c.dimmed), 'nothing dimmed without a filter');
    // 旅行商品割引事業: its share says what it is a share of.
    assert.match(before.find((c) => c.key === 'm4-5').label, /この階層の35\.8%/);
    const chartTop = await page.locator('#chart').evaluate((c) => c.getBoundingClientRect().top);

    await page.fill('#q', '観光');
    const after = await settled(() => cells(page), (cs) => cs.some((c) => c.match === '0'), 'a dimmed cell after typing 観光');
    assert.deepEqual(after.map((c) => c.key).sort(), before.map((c) => c.key).sort(), 'the same cells');
    for (const b of before) {
      const a = after.find((c) => c.key === b.key);
      assert.ok(near(a.chart, b.chart), `${b.key} moved in the chart: ${b.chart} → ${a.chart}`);
    }
    if (name === 'desktop') {
      // Beside the filters, nothing above the chart grows: the cells stay put on the page too.
      const top = await page.locator('#chart').evaluate((c) => c.getBoundingClientRect().top);
      assert.ok(Math.abs(top - chartTop) <= 1, `the chart moved from ${chartTop} to ${top}`);
      for (const b of before) {
        const a = after.find((c) => c.key === b.key);
        assert.ok(near(a.page, b.page), `${b.key} moved on the page: ${b.page} → ${a.page}`);
      }
    }
    const matching = after.filter((c) => c.match === '1');
    const dimmed = after.filter((c) => c.match === '0');
    assert.ok(matching.length > 0 && dimmed.length > 0, `${matching.length} matching, ${dimmed.length} dimmed`);
    assert.ok(matching.some((c) => c.key === 'm4-5'), '旅行商品割引事業 matches');
    // Marked for screen readers and for the eye; the share stays of this level (35.8%, not 46.5%).
    assert.ok(dimmed.every((c) => c.dimmed && /該当なし/.test(c.label)), JSON.stringify(dimmed.map((c) => c.label)));
    assert.ok(matching.every((c) => !c.dimmed && !/該当なし/.test(c.label)));
    assert.match(after.find((c) => c.key === 'm4-5').label, /この階層の35\.8%/);
    // The line above the chart counts what matches here (all 14 measures of 取組④ have cells).
    assert.match(await page.textContent('#level-matches'), new RegExp(`該当 ${matching.length}事業（14事業中）`));

    // A dimmed cell is still a button that opens its details.
    const other = dimmed[0].key;
    await page.locator(`#chart [data-key="${other}"]`).click();
    await page.waitForSelector('#details');
    await settled(() => fragment(page), `at=i4&q=観光&sel=${other.slice(1)}`, 'the fragment after opening a dimmed cell');
  });
}

test('the top level does not collapse into one block; nothing matching dims everything', async () => {
  const page = await open('');
  const before = await cells(page);
  await page.fill('#q', '観光');
  const after = await settled(() => cells(page), (cs) => cs.some((c) => c.match === '0'), 'a dimmed direction');
  assert.deepEqual(after.map((c) => [c.key, c.chart.map(Math.round)]), before.map((c) => [c.key, c.chart.map(Math.round)]));
  assert.ok(after.filter((c) => c.match === '1').every((c) => !/100\.0%/.test(c.label)), 'no 100% share');
  await page.fill('#q', 'この言葉はどこにもない');
  await settled(() => cells(page), (cs) => cs.length === before.length && cs.every((c) => c.match === '0'), 'every cell dimmed');
  assert.match(await page.textContent('#level-matches'), /該当 0事業/);
  assert.match(await page.textContent('#result'), /条件に合う事業はありません/);
});

test('only the matches: a real switch, in the link, laying out the matching cells alone', async () => {
  const page = await open('at=i4');
  assert.equal(await page.locator('#only-matches').count(), 0, 'no switch while nothing narrows');
  await page.fill('#q', '観光');
  const toggle = page.locator('#only-matches');
  await toggle.waitFor();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  assert.ok((await toggle.boundingBox()).height >= 44, 'a 44 px target');
  const marked = await settled(() => cells(page), (cs) => cs.some((c) => c.match === '0'), 'dimmed cells');
  const matching = marked.filter((c) => c.match === '1').map((c) => c.key).sort();

  await toggle.click();
  await settled(() => fragment(page), 'at=i4&q=観光&only=1', 'the fragment with only the matches');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  const only = await settled(() => cells(page), (cs) => cs.length === matching.length, 'only the matching cells');
  assert.deepEqual(only.map((c) => c.key).sort(), matching);
  assert.match(only.find((c) => c.key === 'm4-5').label, /この階層の該当分の46\.5%/);

  // The link opens the same view elsewhere.
  const link = await page.evaluate(() => location.hash.slice(1));
  const other = await open(link);
  assert.equal(await other.locator('#only-matches').getAttribute('aria-pressed'), 'true');
  assert.deepEqual((await cells(other)).map((c) => c.key).sort(), matching);

  // Back to every cell; clearing the search drops the switch and the key.
  await toggle.click();
  await settled(() => fragment(page), 'at=i4&q=観光', 'the fragment without only');
  await settled(() => page.locator('#chart .cell').count(), 14, 'every cell again');
  await page.locator('#only-matches').click();
  await settled(() => fragment(page), 'at=i4&q=観光&only=1', 'only again');
  await page.fill('#q', '');
  await settled(() => fragment(page), 'at=i4', 'the fragment once the search is cleared');
  await settled(() => page.locator('#only-matches').count(), 0, 'the switch once nothing narrows');
});

test('reduced motion: drilling, going up and only the matches draw no animation frame', async () => {
  const page = await open('', { reducedMotion: 'reduce' });
  await page.locator('#chart [data-key="d2"]').click();
  await settled(() => crumbs(page), ['全体', '新たな事業活動の促進'], 'drilled into d2');
  await page.locator('#chart [data-key="i4"]').click();
  await settled(() => crumbs(page), (c) => c.length === 3, 'drilled into i4');
  await page.fill('#q', '観光');
  await page.locator('#only-matches').click();
  await settled(() => fragment(page), /only=1/, 'only the matches');
  await page.keyboard.press('Escape');
  await settled(() => crumbs(page), (c) => c.length === 2, 'went up');
  await still(page, 'after the last step');
  const { frames, draws } = await counts(page);
  assert.equal(frames, 0, 'animation frames drawn');
  // The counter does count: every step drew its finished picture.
  assert.ok(draws >= 4, `${draws} finished pictures`);
});

test('with motion: a drill and going up are animated and end on the level as opened directly', async () => {
  const direct = await open('at=d2', { reducedMotion: 'reduce' });
  const d2 = await still(direct, 'd2 opened directly');
  const top = await still(await open('', { reducedMotion: 'reduce' }), 'the top opened directly');

  const page = await open('', { reducedMotion: 'no-preference' });
  await still(page, 'the top');
  const start = await counts(page);
  assert.equal(start.frames, 0, 'no frames before anything moved');
  // The pointer leaves the chart after each click: a hovered cell is drawn highlighted (labels),
  // which a level opened directly does not show.
  await page.locator('#chart [data-key="d2"]').click();
  await page.mouse.move(0, 0);
  await settled(() => crumbs(page), ['全体', '新たな事業活動の促進'], 'drilled into d2');
  assert.equal(await still(page, 'the drill'), d2, 'the picture after the drill is d2 as opened directly');
  const drilled = await counts(page);
  assert.ok(drilled.frames > 2, `${drilled.frames} frames for the drill`);

  // Going up, then down again before that has finished: each starts from the picture shown and
  // the last one wins.
  await page.keyboard.press('Escape');
  await page.waitForTimeout(60);
  await page.locator('#chart [data-key="d2"]').click();
  await page.mouse.move(0, 0);
  await settled(() => crumbs(page), ['全体', '新たな事業活動の促進'], 'in d2 again');
  assert.equal(await still(page, 'the interrupted step'), d2, 'ends on d2');
  await page.keyboard.press('Escape');
  await settled(() => crumbs(page), ['全体'], 'at the top');
  assert.equal(await still(page, 'going up'), top, 'ends on the top as opened directly');
  assert.ok((await counts(page)).frames > drilled.frames, 'going up was animated');
});

test('the buttons sit on the final layout at once, while the picture still moves', async () => {
  const page = await open('at=i4&q=観光', { reducedMotion: 'no-preference' });
  await still(page, 'the level');
  const early = await page.evaluate(async () => {
    document.querySelector('#only-matches').click();
    // The next frame: the app has rendered, the transition has just begun.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const boxes = [...document.querySelectorAll('#chart .cell')].map((b) => [b.dataset.key, b.style.cssText]);
    return { boxes, frames: Number(document.querySelector('#chart').dataset.frames || 0) };
  });
  await still(page, 'only the matches');
  const late = await page.evaluate(() => ({
    boxes: [...document.querySelectorAll('#chart .cell')].map((b) => [b.dataset.key, b.style.cssText]),
    frames: Number(document.querySelector('#chart').dataset.frames || 0),
  }));
  assert.deepEqual(early.boxes, late.boxes, 'the buttons did not move after the first frame');
  assert.ok(late.frames > early.frames, `frames were still drawn after that (${early.frames} → ${late.frames})`);
});

test('an unchanged picture is not drawn again', async () => {
  const page = await open('at=i4');
  await page.fill('#q', '観光');
  await settled(() => cells(page), (cs) => cs.some((c) => c.match === '0'), 'dimmed cells');
  const before = await counts(page);
  // Same terms, so the same matches: nothing to draw.
  await page.fill('#q', '観光 ');
  await settled(() => page.inputValue('#q'), '観光 ', 'the search with the space');
  await page.waitForTimeout(300);
  assert.deepEqual(await counts(page), before);
  // A different match is drawn.
  await page.fill('#q', '観光 割引');
  await settled(async () => (await counts(page)).draws, before.draws + 1, 'one new picture');
});

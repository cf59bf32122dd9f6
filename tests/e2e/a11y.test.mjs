// Accessibility in real Chromium: axe-core (WCAG 2.2 A/AA and best practices, nothing disabled,
// nothing excluded) on every main view at phone and tablet sizes; target sizes measured by hand;
// focus always visible while tabbing through the page. AXE_INCOMPLETE=1 also prints what axe
// could not decide by itself (its "needs review" list).
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { openMenu, settled, shared, watch } from './harness.mjs';

const env = await shared();
const opened = [];

afterEach(async () => {
  for (const { context, seen } of opened.splice(0)) {
    assert.deepEqual(seen.errors, [], 'console errors, uncaught exceptions or panics');
    await context.close();
  }
});

const SIZES = { phone: { width: 360, height: 740 }, tablet: { width: 810, height: 1080 } };
const VIEWS = [
  ['overview', ''],
  ['drilled level', 'at=i4'],
  ['department view', 'v=dept'],
  ['department drilled', 'v=dept&at=g:%E5%95%86%E6%A5%AD%E9%87%91%E8%9E%8D%E8%AA%B2'],
  ['details open', 'at=i4&sel=4-5'],
  ['relisted measure', 'sel=10-2'],
  ['table', 'v=table'],
  ['filters open', 'mk=k&dir=2'],
  ['no-amount level', 'at=d4'],
  ['no-match search', 'q=zzzz'],
  ['bad link notice', 'v=pie&sel=99-9'],
];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Opens the app at `fragment` and waits until the chart (or what stands in for it) is there. */
async function open(fragment, viewport) {
  const phone = viewport.width < 600;
  const context = await env.browser.newContext({ viewport, hasTouch: phone, isMobile: phone });
  const page = await context.newPage();
  const seen = watch(page);
  opened.push({ context, seen });
  await page.goto(`${env.server.origin}/${fragment ? `#${fragment}` : ''}`);
  // #chart.no-area has no height: attached is all it can be.
  await page.waitForSelector('#chart .cell, #chart.no-area, #empty, #table', { state: 'attached' });
  if (/sel=\d/.test(fragment) && !/99-9/.test(fragment)) await page.waitForSelector('#details');
  return page;
}

function report(violations) {
  return violations.map((v) => [
    `${v.id} (${v.impact}): ${v.help}`,
    ...v.nodes.map((n) => `  ${n.target.join(' ')}\n    ${n.failureSummary.replace(/\n/g, '\n    ')}`),
  ].join('\n')).join('\n');
}

for (const [size, viewport] of Object.entries(SIZES)) {
  for (const [name, fragment] of VIEWS) {
    test(`axe, ${size}: ${name} (#${fragment})`, async () => {
      const page = await open(fragment, viewport);
      const { violations, incomplete } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      if (process.env.AXE_INCOMPLETE) console.log(`needs review, ${size}, ${name}:\n${report(incomplete)}`);
      assert.equal(violations.length, 0, `\n${report(violations)}`);
      // WCAG 2.2 made axe's duplicate-id rules obsolete; ids must still be unique (labels,
      // aria-labelledby and the tests depend on them).
      const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
      assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'duplicate ids');
    });
  }
}

// Targets of at least 44×44 CSS px (WCAG 2.5.5) at phone and tablet sizes, measured in the views
// where each control shows. Two kinds of control are measured by what a finger actually hits:
// - a checkbox or radio button inside its <label> is toggled by the whole label, so the label is
//   measured;
// - a treemap cell is as big as its share of the money, so a cell smaller than 44 px either way
//   must have an equivalent control of full size (its entry in the list below the chart, the
//   "Equivalent" exception of 2.5.5/2.5.8).
// No link is exempted: the app has no inline text links inside paragraphs.
const TARGET_VIEWS = ['', 'at=i4&sel=4-5', 'sel=10-2', 'v=dept&at=g:%E5%95%86%E6%A5%AD%E9%87%91%E8%9E%8D%E8%AA%B2',
  'v=table', 'mk=k&dir=2', 'at=d4', 'q=zzzz', 'v=pie&sel=99-9'];

for (const size of ['phone', 'tablet']) test(`${size}: every visible target is at least 44×44 px`, async () => {
  const small = [];
  for (const fragment of TARGET_VIEWS) {
    const page = await open(fragment, SIZES[size]);
    // The share fallback (the link in a text field, shown where the clipboard is refused).
    await page.evaluate(() => { navigator.clipboard.writeText = () => Promise.reject(new Error('refused')); });
    // The menu open, so that its actions are measured too (on a phone the details' sheet has its own share).
    if (await page.locator('#details-share').count()) {
      await page.locator('#details-share').click();
      await page.waitForSelector('#details-share-link');
    } else {
      await openMenu(page);
      await page.locator('#share').click();
      await page.waitForSelector('#share-link');
    }
    const found = await page.evaluate(() => {
      const MIN = 44;
      const out = [];
      const size = (el) => el.getBoundingClientRect();
      const name = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.dataset.key ? `[data-key=${el.dataset.key}]` : ''}`
        + ` "${(el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 30)}"`;
      for (const el of document.querySelectorAll('button, input, select, textarea, a[href], summary, [tabindex]:not([tabindex="-1"])')) {
        if (!el.checkVisibility({ visibilityProperty: true })) continue;
        const r = size(el);
        if (r.width === 0 && r.height === 0) continue;
        let target = el;
        if (el.matches('input[type=checkbox], input[type=radio]') && el.closest('label')) target = el.closest('label');
        // A file input is visually hidden behind its label, which is what people tap.
        if (el.matches('input[type=file]') && el.id) target = document.querySelector(`label[for="${el.id}"]`) ?? el;
        const t = size(target);
        if (t.width >= MIN && t.height >= MIN) continue;
        if (el.matches('#chart .cell')) {
          const twin = document.querySelector(`.list-cell[data-key="${CSS.escape(el.dataset.key)}"]`);
          const tr = twin && size(twin);
          if (tr && tr.width >= MIN && tr.height >= MIN) continue;
        }
        out.push(`${name(el)}: ${t.width.toFixed(1)}×${t.height.toFixed(1)}`);
      }
      return out;
    });
    small.push(...found.map((f) => `#${fragment}: ${f}`));
  }
  assert.deepEqual(small, [], `targets under 44×44 px:\n${small.join('\n')}`);
});

// Focus always visible: Tab through every stop of the page (details, filters, notice, table) and
// compare each focused control with itself unfocused, pixel by pixel, around its box. The change
// must cover at least a 1 px ring around the control (2.4.7; the ring drawn is 3–4 px), so a
// focus outline that is clipped away, removed or the same colour as its background fails.
const FOCUS_VIEWS = [['phone', 'mk=k&dir=2&at=i4&sel=4-5'], ['phone', 'v=table&sel=10-2'],
  ['phone', 'v=pie&sel=99-9'], ['tablet', 'at=i4&sel=4-5'], ['tablet', 'mk=k&dir=2&v=table']];

/**
 * The focused element, and how many pixels around it change when it loses the focus (it gets the
 * focus back afterwards, so that the next Tab goes on from it).
 */
async function focusChange(page) {
  const info = await page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    el.dataset.a11yFocus = '1';
    const r = el.getBoundingClientRect();
    const label = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.dataset.key ? `[data-key=${el.dataset.key}]` : ''}`
      + ` "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}"`;
    const x = Math.max(0, Math.floor(r.left) - 8);
    const y = Math.max(0, Math.floor(r.top) - 8);
    const clip = {
      x, y,
      width: Math.min(innerWidth, Math.ceil(r.right) + 8) - x,
      height: Math.min(innerHeight, Math.ceil(r.bottom) + 8) - y,
    };
    const ring = 2 * (Math.min(r.width, innerWidth) + Math.min(r.height, innerHeight));
    return { label, key: el.dataset.key ?? null, clip, ring, index: [...document.querySelectorAll('*')].indexOf(el) };
  });
  if (!info) return null;
  const focused = await page.screenshot({ clip: info.clip });
  await page.evaluate(() => document.activeElement.blur());
  const blurred = await page.screenshot({ clip: info.clip });
  await page.evaluate(() => {
    const el = document.querySelector('[data-a11y-focus]');
    delete el.dataset.a11yFocus;
    el.focus();
  });
  const changed = await page.evaluate(async ([a, b]) => {
    const pixels = async (png) => {
      // Decoded without a fetch: the page's Content Security Policy allows none (connect-src).
      const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
      const img = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const c = new OffscreenCanvas(img.width, img.height).getContext('2d');
      c.drawImage(img, 0, 0);
      return c.getImageData(0, 0, img.width, img.height).data;
    };
    const [p, q] = [await pixels(a), await pixels(b)];
    let n = 0;
    for (let i = 0; i < p.length; i += 4) {
      if (Math.abs(p[i] - q[i]) + Math.abs(p[i + 1] - q[i + 1]) + Math.abs(p[i + 2] - q[i + 2]) > 48) n++;
    }
    return n;
  }, [focused.toString('base64'), blurred.toString('base64')]);
  return { ...info, changed, visible: changed >= info.ring };
}
const describeFocus = (f) => `${f.label}: ${f.changed} px changed, ring ${Math.round(f.ring)} px`;

/** Tabs from where the focus is until it comes round to a stop it has been at. */
async function walk(page) {
  const invisible = [];
  const seen = new Set();
  const inSheet = [];
  for (let step = 0; step < 200; step++) {
    await page.keyboard.press('Tab');
    const f = await focusChange(page);
    if (!f) continue; // between the end of the page and its start
    if (seen.has(f.index)) break;
    seen.add(f.index);
    inSheet.push(await page.evaluate(() => document.querySelector('#details.sheet')?.contains(document.activeElement) ?? false));
    if (!f.visible) invisible.push(describeFocus(f));
  }
  return { stops: seen.size, invisible, inSheet };
}

for (const [size, fragment] of FOCUS_VIEWS) {
  test(`keyboard, ${size}: focus is visible at every tab stop (#${fragment})`, async () => {
    const page = await open(fragment, SIZES[size]);
    let { stops, invisible, inSheet } = await walk(page);
    if (await page.locator('#details.sheet').count()) {
      // On a phone the details are a sheet over the page that keeps the focus: every stop is in
      // it. Closed, the page's own stops are walked.
      assert.ok(stops >= 3 && inSheet.every(Boolean), `tab stops in the sheet: ${stops}, ${inSheet}`);
      assert.deepEqual(invisible, [], `focus not visible in the sheet:\n${invisible.join('\n')}`);
      await page.keyboard.press('Escape');
      await page.waitForSelector('#details', { state: 'detached' });
      ({ stops, invisible } = await walk(page));
    }
    assert.ok(stops > 5, `only ${stops} tab stops`);
    assert.deepEqual(invisible, [], `focus not visible:\n${invisible.join('\n')}`);
  });
}

test('keyboard, phone: focus moved by the app (Enter opens details, Escape closes) is visible', async () => {
  const page = await open('at=i4', SIZES.phone);
  let guard = 0;
  while (!(await page.evaluate(() => document.activeElement?.matches('#chart .cell'))) && guard++ < 40) {
    await page.keyboard.press('Tab');
  }
  const cell = await focusChange(page);
  assert.ok(cell?.visible, `chart cell: ${cell && describeFocus(cell)}`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#details');
  // The app moves the focus in an effect: wait for it before taking pictures of it.
  await settled(() => page.evaluate(() => document.activeElement?.id), 'details-title', 'the focus once Enter opened the details');
  const heading = await focusChange(page);
  assert.match(heading.label, /^h2#details-title/);
  assert.ok(heading.visible, `details heading: ${describeFocus(heading)}`);
  await page.keyboard.press('Escape');
  await page.waitForSelector('#details', { state: 'detached' });
  await settled(() => page.evaluate(() => document.activeElement?.dataset.key ?? null), cell.key,
    'the focus once Escape closed the details (the key of the cell that had it)');
  const back = await focusChange(page);
  assert.equal(back.label, cell.label, 'the focus went back to the cell');
  assert.ok(back.visible, `back on the cell: ${describeFocus(back)}`);
});

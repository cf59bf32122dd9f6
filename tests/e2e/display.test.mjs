// Language, colour scheme and embedding: the English UI (by browser or by link), dark mode with
// the same chart colours, and the compact embed mode that fits a 360 px iframe and tells its
// host page its height.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appSuite, openMenu, settled, watch } from './harness.mjs';

const suite = await appSuite({ viewport: { width: 810, height: 1080 } });
const open = (fragment, options) => suite.open(fragment, options);

test('an English browser gets the English UI; titles are marked as unofficial translations', async () => {
  const page = await open('', { locale: 'en-GB' });
  // The app sets the language in an effect (the static page is marked Japanese).
  await settled(() => page.evaluate(() => document.documentElement.lang), 'en', 'the document language in an English browser');
  assert.match(await page.textContent('#total'), /Total budget ¥3\.74 billion \(¥3,739,426 thousand, 59 measures\)/);
  await page.waitForSelector('#chart .cell');
  const label = await page.locator('#chart [data-key="d2"]').getAttribute('aria-label');
  assert.match(label, /^New business activities, ¥1\.47 billion/);
  assert.match(await page.textContent('footer'), /unofficial translations/);
  await page.locator('#chart [data-key="d2"]').click();
  await settled(() => page.title(), /^By direction: New business activities \| /, 'the title after clicking d2');
  // Measure names stay as the city wrote them.
  await page.locator('#chart [data-key="i4"]').click();
  await page.locator('#chart [data-key="m4-5"]').click();
  assert.equal(await page.textContent('#details-title'), '旅行商品割引事業');
  assert.match(await page.textContent('#details'), /¥300 million/);
});

test('a link names the language: it wins over the browser, and the switch changes it', async () => {
  const page = await open('lang=en', { locale: 'ja-JP' });
  assert.match(await page.textContent('#total'), /Total budget/);
  await openMenu(page);
  await page.locator('#lang').click();
  assert.match(await page.textContent('#total'), /予算総額/);
  await settled(() => page.evaluate(() => location.hash), '#lang=ja', 'the fragment after the language switch');
  await settled(() => page.evaluate(() => document.documentElement.lang), 'ja', 'the document language after the switch');
});

test('dark mode: a dark page, and the chart drawn on the dark background', async () => {
  const page = await open('', { colorScheme: 'dark' });
  await page.waitForSelector('#chart .cell');
  const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  assert.equal(bg, 'rgb(18, 18, 18)');
  // The gap between cells is the page background, not white.
  const corner = await page.evaluate(() => {
    const c = document.querySelector('#chart canvas');
    return Array.from(c.getContext('2d').getImageData(0, 0, 1, 1).data);
  });
  assert.deepEqual(corner.slice(0, 3), [18, 18, 18]);
});

test('embed mode fits a 360 px iframe, links to the full view, and posts its height', async () => {
  const context = await suite.browser.newContext({ viewport: { width: 400, height: 800 } });
  const page = await context.newPage();
  const seen = watch(page);
  suite.opened.push({ context, seen });
  // A host page on the same server frames the app, as the city's CMS would.
  await page.route(`${suite.server.origin}/host.html`, (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><meta charset="utf-8"><title>host</title>
      <iframe id="f" src="/#embed=1&at=i4" style="width:360px;height:300px;border:0"></iframe>
      <script>window.heights = []; addEventListener('message', (e) => {
        if (e.data && e.data.type === 'kumamoto-budget:height') { window.heights.push(e.data.height);
          document.getElementById('f').style.height = e.data.height + 'px'; } });</script>`,
  }));
  await page.goto(`${suite.server.origin}/host.html`);
  const frame = page.frameLocator('#f');
  await frame.locator('#chart .cell').first().waitFor();
  // Compact: no page header, the total, and a link out to the same view without embed.
  assert.equal(await frame.locator('header.summary').count(), 0);
  assert.match(await frame.locator('#total').textContent(), /37\.4億円/);
  const href = await frame.locator('.open-full').getAttribute('href');
  assert.match(href, /#at=i4$/);
  // It follows the view: open a measure, and the way out opens the same measure.
  await frame.locator('#chart .cell').first().click();
  await frame.locator('#details').waitFor();
  await settled(() => frame.locator('.open-full').getAttribute('href'), (h) => /#at=i4&sel=\d+-\d+$/.test(h),
    'the full-view link after opening a measure');
  // Nothing wider than the frame.
  const overflow = await frame.locator('body').evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 360, `content is ${overflow} px wide`);
  // Posted from a ResizeObserver, whenever the frame's content resizes.
  await settled(() => page.evaluate(() => window.heights.at(-1) ?? null), (h) => h > 300,
    'the last height posted to the host page, expected above 300 px');
});

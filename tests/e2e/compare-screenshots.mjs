// Viewport screenshots of the comparison (issue 17) with the invented previous year
// (tests/fixtures/previous_year.json) beside the embedded list, on a phone and an iPad, for
// docs/screenshots/ (node compare-screenshots.mjs): the top of the view, and the treemap.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serveDist } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'docs/screenshots');
const PREVIOUS = fs.readFileSync(path.join(ROOT, 'tests/fixtures/previous_year.json'));
const SIZES = [[390, 844], [810, 1080], [1080, 810]];
const server = await serveDist();
const browser = await launch();
for (const [width, height] of SIZES) {
  const shot = async (name, act) => {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, hasTouch: true, isMobile: width < 600 });
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await page.waitForSelector('#chart .cell');
    await page.locator('#compare-file').setInputFiles({ name: 'previous_year.json', mimeType: 'application/json', buffer: PREVIOUS });
    await page.waitForSelector('#compare-map .cell');
    if (act) await act(page);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(OUT, `${name}-${width}x${height}.png`) });
    await context.close();
  };
  const scrollTo = (selector) => async (page) => {
    const top = await page.locator(selector).evaluate((e) => e.getBoundingClientRect().top + scrollY);
    await page.evaluate((y) => scrollTo(0, y), Math.round(top - 8));
  };
  await shot('compare', scrollTo('#main'));
  if (width < 1000) await shot('compare-map', scrollTo('.compare-map-figure'));
}
await browser.close();
await server.close();

// Viewport screenshots of the two main journeys (first screen, filters open, details open) at the
// sizes residents and council members use, for docs/screenshots/ (node journey-screenshots.mjs).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serveDist } from './harness.mjs';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const SIZES = [[360, 640], [390, 844], [810, 1080], [1080, 810], [1440, 900]];
const server = await serveDist();
const browser = await launch();
for (const [width, height] of SIZES) {
  const touch = width < 1280;
  const shot = async (step, fragment, act) => {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, hasTouch: touch, isMobile: width < 600 });
    const page = await context.newPage();
    await page.goto(`${server.origin}/${fragment ? `#${fragment}` : ''}`);
    await page.waitForSelector('#chart .cell');
    await page.waitForTimeout(300);
    if (act) await act(page);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(OUT, `journey-${step}-${width}x${height}.png`) });
    await context.close();
  };
  await shot('first-screen', '');
  if (width >= 1280) {
    // Beside the chart: a link that narrows opens them there.
    await shot('filters-open', 'mk=k');
  } else {
    await shot('filters-open', '', async (page) => {
      await page.locator('#filter-toggle').click();
      await page.locator('.toggle', { hasText: '★重点' }).click();
    });
  }
  await shot('details-open', 'at=i4', async (page) => {
    const top = await page.locator('#chart').evaluate((e) => e.getBoundingClientRect().top + scrollY);
    await page.evaluate((y) => scrollTo(0, y), Math.round(top - 40));
    await page.locator('#chart [data-key="m4-5"]').click();
    await page.waitForSelector('#details');
  });
}
await browser.close();
await server.close();

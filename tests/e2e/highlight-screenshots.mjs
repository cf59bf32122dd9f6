// The before/after pair of issue 12: 取組④ (#at=i4) before and after typing 観光, phone and
// desktop, page viewport only. `node tests/e2e/highlight-screenshots.mjs [dir]` (default
// docs/screenshots) after `cargo xtask dist`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serveDist } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2] || path.resolve(here, '../../docs/screenshots');
const server = await serveDist();
const browser = await launch();
for (const [name, width, height] of [['phone', 390, 844], ['desktop', 1440, 900]]) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(`${server.origin}/#at=i4`);
  await page.waitForSelector('#chart .cell');
  // The chart in view (on a phone the search and the list of matches come first).
  const show = () => name === 'phone' && page.evaluate(() => document.querySelector('#crumbs').scrollIntoView());
  await show();
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(dir, `highlight-${name}-before.png`) });
  await page.fill('#q', '観光');
  await page.waitForSelector('#chart .cell[data-match="0"]');
  await show();
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(dir, `highlight-${name}-after.png`) });
  await context.close();
}
await browser.close();
await server.close();

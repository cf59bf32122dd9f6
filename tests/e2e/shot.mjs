// node shot.mjs DIST OUT.png WxH [fragment] [--full]
import { launch, serveDist } from './harness.mjs';
const [dist, out, size, fragment = '', full] = process.argv.slice(2);
const [width, height] = size.split('x').map(Number);
const browser = await launch();
const server = await serveDist(dist);
const ctx = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, hasTouch: width < 900, reducedMotion: 'reduce' });
const page = await ctx.newPage();
await page.goto(`${server.origin}/#${fragment}`);
await page.waitForSelector('#chart .cell, #table, #empty, .no-match', { timeout: 20000 }).catch(() => {});
await page.waitForTimeout(800);
await page.screenshot({ path: out, fullPage: full === '--full' });
await browser.close(); await server.close();

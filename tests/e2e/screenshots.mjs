import { launch, serveDist } from './harness.mjs';
const server = await serveDist();
const browser = await launch();
const views = (process.argv[2] || '').split(';').filter(Boolean);
const sizes = [['phone', 360, 740], ['tablet', 810, 1080], ['tabletL', 1080, 810], ['desktop', 1440, 900]];
for (const v of views) {
  for (const [name, w, h] of sizes) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h }, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    const errs = [];
    page.on('console', (m) => { if (m.type() === 'error') errs.push(m.text()); });
    page.on('pageerror', (e) => errs.push(String(e)));
    await page.goto(server.origin + '/' + (v === 'top' ? '' : '#' + v));
    await page.waitForSelector('#menu-button'); // the app itself: #total is in the static content too
    await page.waitForTimeout(300);
    if (process.argv[4]) await page.evaluate((sel) => document.querySelector(sel)?.scrollIntoView(), process.argv[4]);
    const file = `/tmp/shots/${(v || 'top').replace(/[^a-z0-9]+/gi, '_')}-${name}.png`;
    await page.screenshot({ path: file, fullPage: process.argv[3] === 'full' });
    console.log(file, errs.join(' | '));
    await ctx.close();
  }
}
await browser.close(); await server.close();

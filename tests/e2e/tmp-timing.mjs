import { serveDist, launch } from './harness.mjs';
const server = await serveDist(); const browser = await launch();
for (const rate of [1, 4]) for (let run = 0; run < 3; run++) {
  const ctx = await browser.newContext({ viewport: { width: 1080, height: 810 }, locale: 'ja-JP' });
  const page = await ctx.newPage();
  await page.addInitScript(() => {
    window.__t = {};
    new MutationObserver(() => { if (!window.__t.mount && document.getElementById('share')) window.__t.mount = performance.now(); })
      .observe(document, { subtree: true, childList: true });
    const tick = () => { if (!window.__t.frame1 && document.getElementById('static-content')) window.__t.frame1 = performance.now(); else requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto(server.origin + '/');
  await page.waitForSelector('#chart .cell');
  const t = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { responseEnd: nav.responseEnd, domInteractive: nav.domInteractive, dcl: nav.domContentLoadedEventStart,
      fp: performance.getEntriesByName('first-paint')[0]?.startTime, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      frame1: window.__t.frame1, mount: window.__t.mount };
  });
  console.log(rate, Object.entries(t).map(([k, v]) => `${k} ${Math.round(v)}`).join('  '));
  await ctx.close();
}
await browser.close(); await server.close();

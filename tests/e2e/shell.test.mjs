// The app shell in a real browser: the release build mounts, shows the title, the total counted
// once per measure, and all 63 lines, requesting nothing but its own files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, watch } from './harness.mjs';

let server;
let browser;
before(async () => {
  server = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

for (const [name, viewport] of [['phone', { width: 360, height: 740 }], ['tablet', { width: 810, height: 1080 }]]) {
  test(`shell renders the embedded data (${name})`, async () => {
    const context = await browser.newContext({ viewport, hasTouch: name === 'phone' });
    const page = await context.newPage();
    const seen = watch(page); // attached before the first navigation
    await page.goto(`${server.origin}/`);
    await page.waitForSelector('#measures li');

    assert.match(await page.title(), /熊本市/);
    assert.match(await page.textContent('h1'), /令和五年度 事業一覧/);
    const total = await page.textContent('#total');
    assert.match(total, /37\.4億円/);
    assert.match(total, /3,739,426千円/);
    assert.match(total, /59事業/);
    assert.equal(await page.locator('#measures li').count(), 63);
    // A relisted line names its original instead of counting its amount again.
    assert.match(await page.textContent('#measures li[data-id="10-2"]'), /【再掲】1-5/);

    const wasm = seen.requests.filter((u) => u.endsWith('.wasm'));
    assert.equal(wasm.length, 1, `the page loaded its wasm: ${seen.requests.join(', ')}`);
    const foreign = seen.requests.filter((u) => !u.startsWith(server.origin));
    assert.deepEqual(foreign, [], 'requests to other origins');
    assert.deepEqual(seen.errors, [], 'console errors or uncaught exceptions');
    await context.close();
  });
}

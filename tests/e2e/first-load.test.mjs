// First load in a real browser: the release build mounts, shows the title, the total counted
// once per measure, and all 63 lines in the table, requesting nothing but its own files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settled, shared, watch } from './harness.mjs';

const env = await shared();

for (const [name, viewport] of [['phone', { width: 360, height: 740 }], ['tablet', { width: 810, height: 1080 }]]) {
  test(`first load renders the embedded data (${name})`, async () => {
    const context = await env.browser.newContext({ viewport, hasTouch: name === 'phone' });
    const page = await context.newPage();
    const seen = watch(page); // attached before the first navigation
    const served = env.server.requests.length;
    await page.goto(`${env.server.origin}/#v=table`);
    await page.waitForSelector('#table tbody tr');

    // The app sets the title in an effect (the static page has one too).
    await settled(() => page.title(), /熊本市/, 'the page title');
    assert.match(await page.textContent('h1'), /令和五年度 事業一覧/);
    const total = await page.textContent('#total');
    assert.match(total, /37\.4億円/);
    assert.match(total, /3,739,426千円/);
    assert.match(total, /59事業/);
    assert.equal(await page.locator('#table tbody tr').count(), 63);
    // A relisted line is marked, its amount shown in brackets and left out of the total.
    const relisted = await page.textContent('#table tbody tr[data-id="10-2"]');
    assert.match(relisted, /再掲/);
    assert.match(relisted, /\(15,285千円\)/);
    assert.match(await page.textContent('#table-total'), /^37\.4億円 3,739,426千円$/);
    assert.match(await page.textContent('#table tfoot'), /59事業、再掲4件を除く/);

    // One self-contained page: the wasm, script and styles are inside it.
    // The page itself is the only request it needs; the service worker then keeps the site's
    // own files (and the browser reads the manifest). Nothing else.
    assert.equal(seen.requests[0], `${env.server.origin}/`, 'the page is the first request');
    const own = ['/', '/index.html', '/sw.js', '/manifest.webmanifest', '/icon-192.png', '/icon-512.png'];
    const asked = env.server.requests.slice(served);
    assert.equal(asked.filter((p) => p === '/').length >= 1, true);
    assert.deepEqual(asked.filter((p) => !own.includes(p)), [], `only the site's own files: ${asked.join(' ')}`);
    const foreign = seen.requests.filter((u) => !u.startsWith(env.server.origin));
    assert.deepEqual(foreign, [], 'requests to other origins');
    assert.deepEqual(seen.errors, [], 'console errors or uncaught exceptions');
    await context.close();
  });
}

test('a browser without what the app needs gets a message naming the versions that work', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const seen = watch(page);
  // As on Safari before 16.4: no DecompressionStream.
  await page.addInitScript(() => { delete window.DecompressionStream; });
  await page.goto(`${env.server.origin}/`);
  const note = page.locator('.startup-error[role="alert"]');
  await note.waitFor();
  assert.match(await note.textContent(), /Safari 16\.4/);
  assert.deepEqual(seen.errors, [], 'a message, not an error');
  await context.close();
});

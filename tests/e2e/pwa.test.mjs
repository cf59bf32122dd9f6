// Hosted: installable (manifest, icons) and offline after one visit (service worker: the page
// from the network first, the cached release offline); a newer version is announced with an
// offer to reload. How it heals after bad uploads: sw-update.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIST, serveDist, launch, watch } from './harness.mjs';

let browser;
let site;
let server;
before(async () => {
  browser = await launch();
  // A copy of the site, so that a "new release" can be made without touching dist/.
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-site-'));
  for (const f of fs.readdirSync(DIST)) fs.copyFileSync(path.join(DIST, f), path.join(site, f));
  server = await serveDist(site);
});
after(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(site, { recursive: true, force: true });
});

test('installable: a manifest with icons, linked from the page', async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(site, 'manifest.webmanifest'), 'utf8'));
  assert.equal(manifest.display, 'standalone');
  assert.deepEqual(manifest.icons.map((i) => i.sizes), ['192x192', '512x512']);
  for (const icon of manifest.icons) {
    assert.deepEqual([...fs.readFileSync(path.join(site, icon.src)).subarray(1, 4)], [0x50, 0x4e, 0x47]);
  }
  const html = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
  assert.match(html, /<link rel="manifest" href="manifest.webmanifest">/);
  assert.match(html, /<link rel="apple-touch-icon" href="icon-192.png">/);
});

test('after one visit the page opens offline, and a new version is offered for reload', async () => {
  const context = await browser.newContext({ viewport: { width: 810, height: 1080 }, locale: 'ja-JP' });
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(`${server.origin}/#at=i4`);
  await page.waitForSelector('#chart .cell');
  await page.evaluate(() => navigator.serviceWorker.ready);
  // Everything the worker fetched is the site's own.
  const own = ['/', '/index.html', '/sw.js', '/manifest.webmanifest', '/icon-192.png', '/icon-512.png'];
  assert.deepEqual(server.requests.filter((p) => !own.includes(p)), [], server.requests.join(' '));

  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('#chart .cell');
  assert.match(await page.textContent('#total'), /37\.4億円/);
  await context.setOffline(false);

  // A new release: the worker file changes, the page says so and reloads into it on request.
  const sw = path.join(site, 'sw.js');
  fs.writeFileSync(sw, fs.readFileSync(sw, 'utf8').replace(/const VERSION = "budget-[0-9a-f]+"/, 'const VERSION = "budget-next"'));
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  await page.waitForSelector('#update');
  await Promise.all([page.waitForEvent('load'), page.locator('#update button').click()]);
  await page.waitForSelector('#chart .cell');
  assert.equal(await page.evaluate(() => caches.keys()).then((k) => k.includes('budget-next')), true);
  assert.deepEqual(seen.requests.filter((u) => !u.startsWith(server.origin)), [], 'requests to other origins');
  assert.deepEqual(seen.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), [], 'console errors or panics');
  await context.close();
});

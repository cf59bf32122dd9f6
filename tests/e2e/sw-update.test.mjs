// Deployments that heal: a hosted copy whose files change between visits (a host rewriting the
// page, files uploaded in the wrong order, a truncated upload, a failed install) ends with the
// visitor on a whole, current page after at most one reload, and offline still works. Each test
// serves its own copy of dist/ and rewrites it between loads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIST, serveDist, launch, settled, watch } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');
const version = (bytes) => `budget-${sha256(bytes).slice(0, 16)}`;

/** A copy of dist/ on its own server, and what its release consists of. */
async function hosted(t) {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-sw-'));
  for (const f of fs.readdirSync(DIST)) fs.copyFileSync(path.join(DIST, f), path.join(site, f));
  const server = await serveDist(site);
  const context = await browser.newContext({ viewport: { width: 810, height: 1080 } });
  t.after(async () => {
    await context.close();
    await server.close();
    fs.rmSync(site, { recursive: true, force: true });
  });
  const file = (name) => path.join(site, name);
  const page0 = fs.readFileSync(file('index.html'));
  const sw0 = fs.readFileSync(file('sw.js'), 'utf8');
  assert.ok(sw0.includes(`"${version(page0)}"`), 'sw.js is versioned by the page it was built with');
  // The next release: the same app with a mark a test can see, and the worker built with it
  // (what the release build writes: the version, and the page's size and hash where recorded).
  const page1 = Buffer.from(page0.toString('utf8').replace('</head>', '<meta name="release" content="next">\n</head>'));
  const sw1 = sw0.replaceAll(sha256(page0), sha256(page1))
    .replaceAll(version(page0), version(page1))
    .replace(`PAGE_BYTES = ${page0.length};`, `PAGE_BYTES = ${page1.length};`);
  assert.notEqual(sw1, sw0);
  return {
    server, context, file, page0, page1, sw1,
    put: (name, bytes) => fs.writeFileSync(file(name), bytes),
    old: version(page0),
    next: version(page1),
  };
}

/** The first visit: the app is there and controlled by its worker. */
async function visit(site) {
  const page = await site.context.newPage();
  const seen = watch(page);
  await page.goto(`${site.server.origin}/`);
  await page.waitForSelector('#menu-button');
  await settled(() => page.evaluate(() => navigator.serviceWorker.controller !== null), true, 'the page controlled by the worker', 20000);
  await settled(() => page.evaluate(() => caches.keys()), [site.old], 'the first release cached');
  return { page, seen };
}

/** What the visitor sees: the app running (not just the static content), and which release. */
const shown = (page) => page.evaluate(() => ({
  app: document.querySelector('#share') !== null,
  release: document.querySelector('meta[name=release]')?.content ?? 'first',
}));

/**
 * The browser checks for a new worker (as it does on a visit); once that install has ended, an
 * update prompt, if there is one, is accepted as a person would.
 */
async function checkAndAccept(page) {
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()).catch(() => {}));
  const waiting = await settled(() => page.evaluate(() => navigator.serviceWorker.getRegistration()
    .then((r) => (r.installing ? 'installing' : r.waiting ? 'waiting' : 'none'))), (s) => s !== 'installing', 'the install ended', 20000);
  if (waiting === 'waiting') {
    await settled(() => page.locator('#update button').count(), 1, 'the update prompt');
    await Promise.all([page.waitForEvent('load'), page.locator('#update button').click()]);
  }
  return waiting;
}

/**
 * The worker moves on once a matching pair is on the server: the new release's worker takes over
 * (accepting its prompt if the page shows one), and its cache is the only one left.
 */
async function movesOn(site, page) {
  const state = () => Promise.all([page.evaluate(() => caches.keys()), page.locator('#update button').count()]);
  const [keys, prompt] = await settled(state, ([k, p]) => p > 0 || k.length === 1 && k[0] === site.next,
    'the new release installed', 20000);
  if (!(keys.length === 1 && keys[0] === site.next) && prompt > 0) {
    await Promise.all([page.waitForEvent('load'), page.locator('#update button').click()]);
  }
  await settled(() => page.evaluate(() => caches.keys()), [site.next], 'only the new release cached', 20000);
  const cached = await page.evaluate(() => caches.match('./index.html').then((r) => r.arrayBuffer()).then((b) => b.byteLength));
  assert.equal(cached, site.page1.length, 'the whole new page cached');
  await site.context.setOffline(true);
  await page.reload();
  await settled(() => shown(page), { app: true, release: 'next' }, 'offline: the new release from the cache');
  await site.context.setOffline(false);
}

test('(a) a host changes only index.html: the next visit shows it; offline keeps the good copy', async (t) => {
  const site = await hosted(t);
  const { page, seen } = await visit(site);
  site.put('index.html', site.page1);
  await page.reload();
  await settled(() => shown(page), { app: true, release: 'next' }, 'one reload after the host changed the page');
  // The changed page matches no recorded hash: shown, never cached in place of the good copy.
  const cached = await page.evaluate(() => caches.match('./index.html').then((r) => r.arrayBuffer()).then((b) => b.byteLength));
  assert.equal(cached, site.page0.length, 'the cached page is still the release');
  await site.context.setOffline(true);
  await page.reload();
  await settled(() => shown(page), { app: true, release: 'first' }, 'offline: the cached release');
  await site.context.setOffline(false);
  assert.deepEqual(seen.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), [], 'console errors or panics');
});

test('(b) upload order: new sw.js beside the old page, then the new page: one reload shows it', async (t) => {
  const site = await hosted(t);
  const { page } = await visit(site);
  site.put('sw.js', site.sw1);
  await checkAndAccept(page);
  await settled(() => shown(page), { app: true, release: 'first' }, 'the old page while only sw.js is new');
  site.put('index.html', site.page1);
  await page.reload();
  await settled(() => shown(page), { app: true, release: 'next' }, 'one reload after the new page arrived');
  await movesOn(site, page);
});

test('(c) a truncated upload, then the whole file: one reload shows the whole page', async (t) => {
  const site = await hosted(t);
  const { page } = await visit(site);
  site.put('index.html', site.page1.subarray(0, 200000));
  site.put('sw.js', site.sw1);
  await checkAndAccept(page);
  site.put('index.html', site.page1);
  await page.reload();
  await settled(() => shown(page), { app: true, release: 'next' }, 'one reload after the whole file was restored');
  await movesOn(site, page);
});

test('(d) a failed install leaves no cache behind, and the next good upload installs', async (t) => {
  const site = await hosted(t);
  const { page } = await visit(site);
  const icon = fs.readFileSync(site.file('icon-512.png'));
  fs.rmSync(site.file('icon-512.png')); // a file of the release missing: the install fails
  site.put('index.html', site.page1);
  site.put('sw.js', site.sw1);
  assert.equal(await checkAndAccept(page), 'none', 'the install failed');
  assert.deepEqual(await page.evaluate(() => caches.keys()), [site.old], 'only the working release cached');
  await page.reload();
  await settled(() => shown(page), { app: true, release: 'next' }, 'one reload after the failed install');
  site.put('icon-512.png', icon);
  await page.reload();
  await movesOn(site, page);
});

test('a stalled network: the visit opens the cached release after a short wait', async (t) => {
  const site = await hosted(t);
  const { page } = await visit(site);
  site.server.stalled.add('/');
  site.server.stalled.add('/index.html');
  const started = Date.now();
  await page.reload({ timeout: 15000 });
  await settled(() => shown(page), { app: true, release: 'first' }, 'the cached release while the page never arrives');
  const waited = Date.now() - started;
  assert.ok(waited < 10000, `opened after ${waited} ms`);
});

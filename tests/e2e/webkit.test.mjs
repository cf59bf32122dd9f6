// WebKit smoke test (council members read the explorer on iPads, i.e. Safari's engine).
// Playwright's own WebKit cannot run on these machines, so this drives Debian's WebKitGTK
// (MiniBrowser, through WebKitWebDriver) under Xvfb over the W3C WebDriver protocol, with plain
// fetch. It starts and stops Xvfb and the driver itself; a missing binary fails the test with the
// Debian package to install (webkit2gtk-driver, xvfb). Every wait is bounded.
//
// Limitation: classic WebDriver gives no console log and cannot run a script before the page's
// own, so errors are collected by a hook installed once the app has mounted (a panic or console
// error while using it is caught; a failure to start shows as #total never appearing).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist } from './harness.mjs';
import { startXvfb, startWebKitDriver, findMiniBrowser, Session, poll } from './webdriver.mjs';

// iPad (7th gen) portrait, as in the Chromium tablet tests.
const VIEWPORT = { width: 810, height: 1080 };
const TRAVEL = ['全体', '新たな事業活動の促進', '販路開拓・消費拡大支援'];

let server;
let xvfb;
let driver;
const sessions = new Set();

// Always runs, also when a step fails or times out.
after(async () => {
  for (const s of sessions) await s.delete();
  await driver?.stop();
  await xvfb?.stop();
  await server?.close();
});

async function newSession(viewport = VIEWPORT) {
  const s = await Session.create(driver.url, {
    'webkitgtk:browserOptions': { binary: findMiniBrowser(), args: ['--automation'] },
  }, {
    failure: () => (!xvfb.running && 'Xvfb exited') || (!driver.running && 'WebKitWebDriver exited')
      || driver.output().match(/^.*cannot open display.*$/m)?.[0],
  }).catch((e) => {
    throw new Error(`${e.message}\nXvfb ${xvfb.display} running: ${xvfb.running}; ${xvfb.output()}`
      + `\nWebKitWebDriver output:\n${driver.output()}`);
  });
  sessions.add(s);
  // The window includes MiniBrowser's toolbar: size it, then correct by what the page reports.
  await s.setWindowRect({ x: 0, y: 0, ...viewport });
  const [w, h] = await s.execute('return [innerWidth, innerHeight]');
  await s.setWindowRect({ width: 2 * viewport.width - w, height: 2 * viewport.height - h });
  return s;
}

async function closeSession(s) {
  sessions.delete(s);
  await s.delete();
}

/** Collects uncaught errors, unhandled rejections and console.error calls (Rust panics) from now on. */
const HOOK = `
  if (!window.__wkErrors) {
    const errors = (window.__wkErrors = []);
    addEventListener('error', (e) => errors.push('uncaught: ' + (e.error?.stack || e.message)));
    addEventListener('unhandledrejection', (e) => errors.push('unhandled rejection: ' + (e.reason?.stack || e.reason)));
    const original = console.error;
    console.error = function (...args) { errors.push('console.error: ' + args.join(' ')); return original.apply(this, args); };
  }`;

/** Loads the app and waits (bounded) until it has mounted and drawn its chart cells. */
async function open(s, url) {
  await s.navigate(url);
  await poll(() => s.find('#menu-button'), { what: 'the app to mount (#menu-button; #total is in the static content too); the wasm may have failed to start in WebKit' })
    .catch(async (e) => {
      const body = await s.execute('return document.body?.innerText.slice(0, 500)').catch(() => '?');
      throw new Error(`${e.message}\npage text: ${body}`);
    });
  await s.waitFor('#chart .cell');
  await s.execute(HOOK);
}

async function assertNoErrors(s) {
  assert.deepEqual(await s.execute('return window.__wkErrors'), [], 'errors in the page (WebKit)');
}

/**
 * Polls `get` until it deep-equals `expected` (bounded: what the app writes in effects or after
 * the next paint, which WebKitGTK paints later than Chromium), then asserts, saying what was
 * expected and what was last seen.
 */
async function settles(get, expected, message, explain = async () => '') {
  let last;
  await poll(async () => {
    last = await get();
    return JSON.stringify(last) === JSON.stringify(expected);
  }, { what: message }).catch(() => {});
  const why = JSON.stringify(last) === JSON.stringify(expected) ? '' : await explain().catch((e) => `(${e.message})`);
  assert.deepEqual(last, expected, `${message}: expected ${JSON.stringify(expected)}, saw ${JSON.stringify(last)}${why}`);
}

/** What is above the chart and where the page is scrolled, for a chart that moved. */
const ABOVE_THE_CHART = `
  const chart = document.querySelector('#chart');
  const above = [...document.querySelectorAll('body > * *')].filter((el) => el.getClientRects().length
    && (el.compareDocumentPosition(chart) & Node.DOCUMENT_POSITION_FOLLOWING) && !el.contains(chart)
    && el.parentElement.contains(chart))
    .map((el) => (el.id || el.className || el.tagName) + ':' + Math.round(el.getBoundingClientRect().height));
  return { scrollY, height: document.documentElement.scrollHeight, update: !!document.querySelector('#update'), above };`;

/** Polls `get` until its value matches `re` (bounded), returns it. */
async function matches(get, re, message) {
  let last;
  await poll(async () => re.test(last = await get()), { what: message }).catch(() => {});
  assert.match(last ?? '', re, `${message}: expected ${re}, saw ${JSON.stringify(last)}`);
  return last;
}

test('WebKit (WebKitGTK MiniBrowser): total, search, drill by click, details, URL round trip', { timeout: 120_000 }, async (t) => {
  server = await serveDist();
  xvfb = await startXvfb({ width: 1280, height: 1400 });
  driver = await startWebKitDriver(xvfb);
  let s = await newSession();
  t.diagnostic(`engine: ${s.capabilities.browserName} ${s.capabilities.browserVersion}`);

  // This WebKit reports an English browser; the link names Japanese, as a shared link would.
  await open(s, `${server.origin}/#lang=ja`);
  const crumbs = () => s.texts('#crumbs li');
  const hash = () => s.execute('return location.hash');
  assert.deepEqual(await s.execute('return [innerWidth, innerHeight]'), [VIEWPORT.width, VIEWPORT.height]);

  // The total, counting each measure once.
  assert.match(await s.text('#total'), /37\.4億円/);

  // Search by typing real keys (IME-free Japanese text) into the search field.
  await s.sendKeys('#q', '観光');
  const result = await matches(() => s.text('#result'), /該当 \d+事業/, '#result after typing 観光');
  assert.ok(Number(result.match(/該当 (\d+)事業/)[1]) > 0, result);
  // The fragment of a typed search is written after the next paint, which WebKitGTK paints later.
  await settles(async () => decodeURIComponent(await hash()), '#q=観光&lang=ja', 'the fragment after typing 観光');
  await s.click('#clear');
  await matches(() => s.text('#result'), /全 59事業/, '#result after clearing');
  await settles(hash, '#lang=ja', 'the fragment after clearing');

  // Drill down by clicking treemap cells (real buttons over the canvas).
  await s.click('#chart [data-key="d2"]');
  await settles(crumbs, TRAVEL.slice(0, 2), 'breadcrumbs after clicking d2');
  await s.click('#chart [data-key="i4"]');
  await settles(crumbs, TRAVEL, 'breadcrumbs after clicking i4');
  await settles(hash, '#at=i4&lang=ja', 'the fragment after drilling');

  // Open a measure's details.
  await s.click('[data-key="m4-5"]');
  await settles(async () => (await s.find('#details-title')) && s.text('#details-title'), '旅行商品割引事業', '#details-title');
  assert.match(await s.text('#details'), /300,000千円/);
  await settles(hash, '#at=i4&sel=4-5&lang=ja', 'the fragment with details open');
  await matches(() => s.execute('return document.title'), /旅行商品割引事業/, 'the title with details open');
  await assertNoErrors(s);

  // The URL round trip: a fresh browser opened at the copied link shows the same view.
  const link = `${server.origin}/#at=i4&sel=4-5&lang=ja`;
  await settles(() => s.execute('return location.href'), link, 'the address with details open');
  await closeSession(s);
  s = await newSession();
  await open(s, link);
  await settles(crumbs, TRAVEL, 'breadcrumbs from the link');
  await settles(() => s.text('#details-title'), '旅行商品割引事業', '#details-title from the link');
  await settles(hash, '#at=i4&sel=4-5&lang=ja', 'the fragment from the link');
  await assertNoErrors(s);
  await closeSession(s);

  // One self-contained page: then the hosted site's own files (service worker, manifest, icons), nothing else.
  const own = ['/', '/index.html', '/sw.js', '/manifest.webmanifest', '/icon-192.png', '/icon-512.png'];
  assert.deepEqual(server.requests.filter((p) => !own.includes(p)), [], 'paths requested from the server');
});

// The details panel beside the chart on an iPad, both ways round: it does not move the chart, its
// title is in the top half of the screen, and Back and close give back the scroll position and
// the focus of the cell that opened it.
for (const viewport of [{ width: 810, height: 1080 }, { width: 1080, height: 810 }]) {
  test(`WebKit ${viewport.width}×${viewport.height}: details beside the chart; Back and close restore scroll and focus`, { timeout: 120_000 }, async (t) => {
    server ??= await serveDist();
    xvfb ??= await startXvfb({ width: 1280, height: 1400 });
    driver ??= await startWebKitDriver(xvfb);
    const s = await newSession(viewport);
    // Closed whatever happens: a session left open would fail the next test (WebKitWebDriver
    // allows one at a time).
    t.after(() => (sessions.has(s) ? closeSession(s) : undefined));
    await open(s, `${server.origin}/#at=i4&lang=ja`);
    assert.deepEqual(await s.execute('return [innerWidth, innerHeight]'), [viewport.width, viewport.height]);
    const box = 'const r = document.querySelector(arguments[0]).getBoundingClientRect(); return [r.x, r.y, r.width, r.height].map(Math.round)';
    const y = () => s.execute('return Math.round(scrollY)');
    const focus = () => s.execute('const e = document.activeElement; return e && (e.dataset.key || e.id || e.tagName)');
    // Scrolled so that the chart's top is just under the screen's top.
    await s.execute('scrollTo(0, document.querySelector("#chart").getBoundingClientRect().top + scrollY - 40)');
    let before;
    await poll(async () => (before = await y()) > 0, { what: 'the page scrolled' });
    const chart = await s.execute(box, '#chart');
    await s.click('#chart [data-key="m4-5"]');
    await s.waitFor('#details-title');
    await settles(() => s.execute(box, '#chart'), chart, 'the chart box with details open',
      async () => ` (scroll before the click ${before}; now ${JSON.stringify(await s.execute(ABOVE_THE_CHART))})`);
    const title = await s.execute(box, '#details-title');
    assert.ok(title[1] >= 0 && title[1] + title[3] <= viewport.height / 2, `the title at ${title} in ${viewport.height}`);
    const panel = await s.execute(box, '#details');
    assert.ok(panel[0] >= chart[0] + chart[2], `the panel (${panel}) beside the chart (${chart})`);
    assert.equal(await y(), before, 'opening the details did not scroll');

    await s.cmd('POST', '/back', {});
    await poll(async () => (await s.find('#details')) === null, { what: 'the details closed by Back' });
    await settles(async () => Math.abs((await y()) - before) <= 40, true, `scroll within 40 px of ${before} after Back`);
    await settles(focus, 'm4-5', 'the focus after Back');
    const back = await y();
    await s.cmd('POST', '/forward', {});
    await s.waitFor('#details-title');
    await s.click('#details .close');
    await poll(async () => (await s.find('#details')) === null, { what: 'the details closed by the close button' });
    await settles(async () => Math.abs((await y()) - before) <= 40, true, `scroll within 40 px of ${before} after close`);
    await settles(focus, 'm4-5', 'the focus after close');
    t.diagnostic(`scroll before the click ${before}, after Back ${back}, after close ${await y()}`);
    await assertNoErrors(s);
    await closeSession(s);
  });
}

// Shared set-up for the browser tests: a static server for dist/ on 127.0.0.1 that logs every
// request, and Debian's Chromium driven by playwright-core (no browser download).
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.resolve(here, '../../dist');
export const CHROMIUM = '/usr/bin/chromium';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml',
};

/**
 * Serves dist/ (or another built site, whose page at `/` is `index`: the bench serves the peer's
 * peer.html); `requests` lists every path asked for. A path added to `stalled` is never answered
 * (a network that hangs), until the server closes.
 */
export async function serveDist(root = DIST, index = 'index.html') {
  if (!fs.existsSync(path.join(root, index))) {
    throw new Error(`${root}/${index} is missing: run the release build first (cargo xtask dist)`);
  }
  const requests = [];
  const stalled = new Set();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname);
    if (stalled.has(url.pathname)) return;
    const file = path.join(root, url.pathname === '/' ? index : decodeURIComponent(url.pathname));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const close = () => new Promise((r) => {
    server.close(r);
    server.closeAllConnections(); // the stalled ones too
  });
  return { origin, requests, stalled, close };
}

/**
 * The seeded synthetic budget of 10,000 lines (src/core/synthetic.rs, the bench's seed) that
 * `cargo xtask test` writes before the browser tests; a missing file fails, never skips.
 */
export function syntheticFile() {
  const file = path.resolve(here, '../../target/e2e/synthetic-10000.json');
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: \`cargo xtask test\` writes it before the browser tests (\`cargo xtask test-data\` writes only it)`);
  }
  return file;
}

/**
 * The value of `read()` once it is as expected, for what the app updates asynchronously (it
 * renders, moves the focus, writes the address, the title and the language in effects, and the
 * address of a typed search only after the next paint): `expected` is a predicate, a RegExp the
 * value must match, or a value it must deep-equal. Polls every 50 ms for at most `timeout` ms,
 * then fails with `what`, what was expected and what was last seen.
 */
export async function settled(read, expected, what, timeout = 10000) {
  const assert = (await import('node:assert/strict')).default;
  const { isDeepStrictEqual } = await import('node:util');
  const ok = typeof expected === 'function' ? expected
    : expected instanceof RegExp ? (v) => typeof v === 'string' && expected.test(v)
      : (v) => isDeepStrictEqual(v, expected);
  const end = Date.now() + timeout;
  let value = await read();
  while (!ok(value) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  if (!ok(value)) {
    const wanted = typeof expected === 'function' ? ''
      : `expected ${expected instanceof RegExp ? expected : JSON.stringify(expected)}, `;
    assert.fail(`${what}: ${wanted}saw ${JSON.stringify(value)} (polled for ${timeout} ms)`);
  }
  return value;
}

/** Chromium as these machines can run it (root, no sandbox, no background traffic). */
export async function launch() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (cargo xtask setup)`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // Our users' browsers are Japanese unless a test says otherwise (the UI follows the browser).
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options = {}) => newContext({ locale: 'ja-JP', ...options });
  return browser;
}

/**
 * Watches a page from before its first navigation: every request it makes, console errors and
 * uncaught errors (a Rust panic surfaces as one of these). A blob: URL (the reader module's
 * worker, made from the page's own bytes) reaches no network: it is listed in `blobs` instead.
 */
export function watch(page) {
  const seen = { requests: [], errors: [], blobs: [] };
  page.on('request', (r) => (r.url().startsWith('blob:') ? seen.blobs : seen.requests).push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') seen.errors.push(m.text()); });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  return seen;
}

/**
 * A server for dist/ and a browser, started before a file's tests and stopped after them:
 * `env.server` and `env.browser` once the tests run.
 */
export async function shared() {
  const { before, after } = await import('node:test');
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await serveDist();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * The set-up most test files share: a server for dist/ and a browser for the whole file, and
 * after each test, for every page it opened: the counter saw the page load, nothing went to
 * another origin, and there was no console error, uncaught exception or panic.
 * `suite.open(fragment, options)` opens the app in a fresh context, watched from before its
 * first navigation, and waits until the app itself (not the static content) is there.
 */
export async function appSuite({ viewport = { width: 810, height: 1080 } } = {}) {
  const { afterEach } = await import('node:test');
  const assert = (await import('node:assert/strict')).default;
  const suite = Object.assign(await shared(), { opened: [] });
  afterEach(async () => {
    for (const { context, seen } of suite.opened.splice(0)) {
      assert.ok(seen.requests.some((u) => u.startsWith(suite.server.origin)), 'the counter saw the page load');
      assert.deepEqual(seen.requests.filter((u) => !u.startsWith(suite.server.origin)), [], 'requests to other origins');
      assert.deepEqual(seen.errors, [], 'console errors, uncaught exceptions or panics');
      await context.close();
    }
  });
  suite.open = async (fragment = '', options = {}) => {
    const context = await suite.browser.newContext({ viewport, ...options });
    const page = await context.newPage();
    const seen = watch(page);
    suite.opened.push({ context, page, seen });
    await page.goto(`${suite.server.origin}/${fragment ? `#${fragment}` : ''}`);
    await page.waitForSelector('#menu-button'); // #total is in the static content too
    return page;
  };
  return suite;
}

/**
 * Opens the page's menu (language, share, print, downloads, another file) unless it is open,
 * and waits until its actions are on screen.
 */
export async function openMenu(page) {
  const button = page.locator('#menu-button');
  if (await button.getAttribute('aria-expanded') !== 'true') await button.click();
  await page.locator('#menu').waitFor({ state: 'visible' });
}

/** Where tests leave files for a person to look at (PDFs, downloads). */
export const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

/** Prints `page` as Chromium does to A4 and returns the text of each page (poppler's pdftotext). */
export async function printed(page, name, { landscape = false, background = true } = {}) {
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  await page.waitForSelector('#print-heading', { state: 'attached' });
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', landscape, printBackground: background });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  fs.writeFileSync(file, pdf); // for looking at: pdftoppm -png -r 60 FILE out
  const pages = Number(execFileSync('pdfinfo', [file]).toString().match(/^Pages:\s+(\d+)/m)[1]);
  return Array.from({ length: pages }, (_, i) =>
    execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', file, '-']).toString());
}


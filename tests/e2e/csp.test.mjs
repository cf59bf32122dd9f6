// Security: the page carries a strict Content Security Policy (a <meta> tag written by
// xtask/src/csp.rs: every script and style by hash, no origin, no 'unsafe-inline' for scripts),
// the app runs under it without a single violation, and text from the URL is shown as text,
// never interpreted as HTML.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIST, shared, watch } from './harness.mjs';

const env = await shared();

/** Installed before the page's scripts: every CSP violation the document reports. */
const LISTEN = () => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(`${e.effectiveDirective}: ${e.blockedURI || '(inline)'} ${e.sample || ''}`.trim());
  });
};

const opened = [];
afterEach(async () => {
  for (const { context } of opened.splice(0)) await context.close();
});

/** Opens `url`, recording violations (events and console), dialogs and page errors. */
async function open(url, options = {}) {
  const context = await env.browser.newContext({ viewport: { width: 810, height: 1080 }, locale: 'ja-JP', ...options });
  const page = await context.newPage();
  opened.push({ context });
  const seen = watch(page);
  seen.csp = [];
  seen.dialogs = [];
  page.on('console', (m) => {
    if (/Content[ -]Security[ -]Policy/i.test(m.text())) seen.csp.push(m.text());
  });
  page.on('dialog', (d) => {
    seen.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  await page.addInitScript(LISTEN);
  await page.goto(url);
  await page.waitForSelector('#menu-button'); // the app itself (#total is in the static content too)
  await page.waitForSelector('#chart .cell, #chart.no-area, #empty, #table', { state: 'attached' });
  return { page, seen };
}

/** The site's own files (the page, and when hosted its manifest, icons and service worker). */
const OWN = ['/', '/index.html', '/sw.js', '/manifest.webmanifest', '/icon-192.png', '/icon-512.png'];

/** Every request of the page is for the site's own files, and the first is the page. */
function assertOwnRequests(seen) {
  assert.equal(seen.requests[0], `${env.server.origin}/`, 'the page is the first request');
  const other = seen.requests.filter((u) => !u.startsWith(env.server.origin) || !OWN.includes(new URL(u).pathname));
  assert.deepEqual(other, [], 'requests for anything but the site\'s own files');
  assert.ok(!env.server.requests.includes('/preview.png'), 'the page never loads its sharing image');
}

async function violations(page, seen) {
  return [...await page.evaluate(() => window.__violations), ...seen.csp];
}

test('the policy: hashes only, no remote origin, no unsafe script sources', async () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const metas = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g) ?? [];
  assert.equal(metas.length, 1, 'one policy');
  // First in <head> after the charset, before every script and style it governs.
  assert.match(html, /<head>\s*<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy"/);
  const policy = metas[0].match(/content="([^"]*)"/)[1];
  const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'none'"]);
  assert.ok(directives['script-src'].every((s) => /^'sha256-[A-Za-z0-9+/]{43}='$/.test(s) || s === "'wasm-unsafe-eval'"), policy);
  assert.ok(directives['style-src'].every((s) => /^'sha256-[A-Za-z0-9+/]{43}='$/.test(s)), policy);
  assert.deepEqual(directives['style-src-attr'], ["'unsafe-inline'"]);
  // Images: the inline favicon, and the site's own icons when it is installable.
  assert.deepEqual(directives['img-src'].filter((s) => s !== "'self'"), ['data:']);
  // The installable site's own manifest and service worker, where the page has them.
  if (directives['manifest-src']) assert.deepEqual(directives['manifest-src'], ["'self'"]);
  // Workers: the site's own service worker when hosted, and the reader module's worker, made
  // from a blob: URL of the page's own bytes (only the page's allowed scripts can make one).
  assert.deepEqual(directives['worker-src'].filter((s) => s !== "'self'"), ['blob:'], policy);
  assert.equal(/rel="manifest"/.test(html), Boolean(directives['manifest-src']));
  assert.deepEqual(directives['base-uri'], ["'none'"]);
  assert.deepEqual(directives['form-action'], ["'none'"]);
  // No other origin, no wildcard, nothing unsafe beyond the two documented needs.
  assert.doesNotMatch(policy, /https?:|\*|'unsafe-eval'|'unsafe-hashes'|filesystem:/);
  assert.doesNotMatch(policy.replace(/worker-src [^;]*/, ''), /blob:/, 'blob: for workers only');
  assert.deepEqual(Object.keys(directives).filter((k) => directives[k].includes("'unsafe-inline'")), ['style-src-attr']);
  // One hash per inline script that runs and per style; the reader's data blocks never run.
  const blocks = (html.match(/<script type="text\/plain"/g) ?? []).length;
  assert.equal(blocks, 3, 'the reader\'s glue, worker script and wasm');
  assert.equal(directives['script-src'].length - 1, (html.match(/<script\b/g) ?? []).length - blocks);
  assert.equal(directives['style-src'].length, (html.match(/<style\b/g) ?? []).length);
});

const VIEWS = [['overview', ''], ['initiative', 'at=i4'], ['departments', 'v=dept'], ['table', 'v=table'],
  ['details', 'sel=4-5'], ['search', 'q=観光']];

for (const [name, fragment] of VIEWS) {
  test(`no CSP violation: ${name} (#${fragment})`, async () => {
    const { page, seen } = await open(`${env.server.origin}/${fragment ? `#${fragment}` : ''}`);
    if (fragment === 'sel=4-5') await page.waitForSelector('#details');
    // Something that redraws: back to the top and into a direction, or a sort in the table.
    if (fragment === 'v=table') await page.locator('[data-sort="amount"]').click();
    else if (fragment === '') await page.locator('#chart [data-key="d2"]').click();
    await page.waitForTimeout(100);
    assert.deepEqual(await violations(page, seen), []);
    assert.deepEqual(seen.errors, []);
    assertOwnRequests(seen);
  });
}

test('no CSP violation from file:// (a saved copy, offline)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csp-saved-'));
  const saved = path.join(dir, 'budget.html');
  fs.copyFileSync(path.join(DIST, 'index.html'), saved);
  const { page, seen } = await open(`${new URL(`file://${saved}`).href}#at=i4`, { offline: true, viewport: { width: 360, height: 740 } });
  assert.deepEqual(await violations(page, seen), []);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.requests.filter((u) => !u.startsWith('file://')), []);
});

for (const where of ['hosted', 'file://']) {
  test(`no CSP violation opening a file (${where}): the reader module's worker runs under the policy`, async () => {
    let url = `${env.server.origin}/#at=i4`;
    if (where === 'file://') {
      const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'csp-saved-')), 'budget.html');
      fs.copyFileSync(path.join(DIST, 'index.html'), saved);
      url = `${new URL(`file://${saved}`).href}#at=i4`;
    }
    const { page, seen } = await open(url, where === 'file://' ? { offline: true } : {});
    const csv = fs.readFileSync(path.join(path.dirname(DIST), 'data/budget-template.csv'));
    await page.locator('#open-file').setInputFiles({ name: 'template.csv', mimeType: 'text/csv', buffer: csv });
    await page.waitForSelector('#loaded-badge');
    assert.deepEqual(await violations(page, seen), []);
    assert.deepEqual(seen.errors, []);
    assert.equal(seen.blobs.length, 1, 'one worker, from a blob: URL');
  });
}

test('the policy is enforced: an injected inline script does not run', async () => {
  const { page, seen } = await open(`${env.server.origin}/`);
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true;';
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 50));
    return window.__injected === true;
  });
  assert.equal(ran, false);
  const v = await page.evaluate(() => window.__violations);
  assert.equal(v.length, 1, v.join('\n'));
  assert.match(v[0], /^script-src/);
  assert.deepEqual(seen.dialogs, []);
});

// Text from the URL is rendered as text: markup and script payloads in the fragment.
const PAYLOADS = [
  ['q', '%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', '<img src=x onerror=alert(1)>'],
  ['q', '<script>alert(1)</script>', '<script>alert(1)</script>'],
  ['q', '"><svg onload=alert(1)>', '"><svg onload=alert(1)>'],
  ['v', '<b>x</b>', '<b>x</b>'],
  ['dep', '%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', '<img src=x onerror=alert(1)>'],
  ['at', '<i>d1</i>', '<i>d1</i>'],
];

for (const [key, raw, text] of PAYLOADS) {
  test(`#${key}=${raw} is shown as text`, async () => {
    const { page, seen } = await open(`${env.server.origin}/#${key}=${raw}`);
    await page.waitForTimeout(200);
    const dom = await page.evaluate(() => ({
      images: document.querySelectorAll('img').length,
      imgX: document.querySelectorAll('img[src="x"]').length,
      // The app's module script; the reader's loader and its three data blocks aside.
      scripts: [...document.scripts].filter((s) => !s.id.startsWith('reader-') && !s.textContent.includes('window.__budgetReader =')).length,
      svgOnload: document.querySelectorAll('svg[onload], [onerror], [onload]').length,
      bold: document.querySelectorAll('main b, .notice b, #notice b').length,
      italic: document.querySelectorAll('#notice i').length,
    }));
    assert.deepEqual(dom, { images: 0, imgX: 0, scripts: 1, svgOnload: 0, bold: 0, italic: 0 });
    if (key === 'q') {
      // The search field holds the text as typed in the link.
      assert.equal(await page.inputValue('#q'), text);
    } else {
      // The notice names the dropped part as it stands in the link, as text.
      const code = await page.locator('#notice code').allTextContents();
      assert.equal(code.length, 1, code.join(' | '));
      assert.equal(decodeURIComponent(code[0]), `${key}=${text}`);
      assert.equal(await page.locator('#notice code *').count(), 0);
    }
    assert.deepEqual(seen.dialogs, [], 'no dialog opened');
    assert.deepEqual(await violations(page, seen), []);
    assert.deepEqual(seen.errors, []);
  });
}

// Text from an imported file is shown as text too: markup in a measure's name, department and
// description, in the list's title and a direction's title, and in the file's own name.
test('an imported file with markup and script payloads is shown as text', async () => {
  const { page, seen } = await open(`${env.server.origin}/`);
  const data = JSON.parse(fs.readFileSync(path.join(DIST, '../data/budget.json'), 'utf8'));
  const m = data.projects.find((p) => p.id === '1-2');
  m.name = '<img src=x onerror=alert(1)>';
  m.departments = ['"><svg onload=alert(2)>'];
  m.description = '<script>alert(3)</script><b>bold</b>';
  data.meta.title = '<i>title</i>';
  data.directions[0].title = '<u>direction</u>';
  const fileName = '<img src=x onerror=alert(4)>.json';
  await page.locator('#open-file').setInputFiles({ name: fileName, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(data)) });
  await page.waitForSelector('#loaded-badge');
  assert.match(await page.textContent('#loaded-badge'), /<img src=x onerror=alert\(4\)>\.json/);
  assert.match(await page.textContent('h1'), /<i>title<\/i>/);
  // The line in the table, then its details.
  await page.locator('[data-view="table"]').click();
  const row = page.locator('#table tr[data-id="1-2"]');
  assert.match(await row.textContent(), /<img src=x onerror=alert\(1\)>/);
  assert.match(await row.textContent(), /"><svg onload=alert\(2\)>/);
  await row.locator('button').first().click();
  await page.waitForSelector('#details');
  assert.equal(await page.textContent('#details-title'), '<img src=x onerror=alert(1)>');
  assert.match(await page.textContent('#details'), /<script>alert\(3\)<\/script><b>bold<\/b>/);
  await page.waitForTimeout(200);
  const dom = await page.evaluate(() => ({
    injected: document.querySelectorAll('img, b, i, u, svg[onload], [onerror], [onload]').length,
    scripts: [...document.scripts].filter((s) => !s.id.startsWith('reader-') && !s.textContent.includes('window.__budgetReader =')).length,
  }));
  assert.deepEqual(dom, { injected: 0, scripts: 1 });
  assert.deepEqual(seen.dialogs, [], 'no dialog opened');
  assert.deepEqual(await violations(page, seen), []);
  assert.deepEqual(seen.errors, []);
});

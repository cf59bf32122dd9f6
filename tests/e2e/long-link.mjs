// The 1 MB link (`#` + "v&" × 524,288, issue 16) as the bench prints it: what of its time is the
// browser's own and what is the app's. In one run, alternating (so that every kind of load sees
// the same load on the machine), at 1×, each on a fresh context:
//   a blank page (a trivial HTML file served the same way) without and with the 1 MB fragment:
//     the browser's own cost of the address (navigation, the DevTools events that carry it);
//   the app without a fragment (its painted view the static chart, in the first paint), with a
//     short link of the same kind (`#v&v&`: the same notice and the same canvas), and with the
//     1 MB link: its painted view, interactive, and when the cut link was rewritten.
// Each load checks that it measured the real thing: the view of the whole dataset painted, on the
// 1 MB link one grouped notice saying the link was cut, and the address rewritten to the view's.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { spawn } from 'node:child_process';
import { serveDist, CHROMIUM } from './harness.mjs';

export const LINK = 'v&'.repeat(524288);
const SHORT = 'v&v&';
const BLANK = '<!doctype html>\n<html lang="ja"><head><meta charset="utf-8"><title>blank</title>'
  + '<link rel="icon" href="data:,"></head>'
  + '<body><p>空白のページ</p></body></html>\n';

/** Installed before the page's scripts. `painted`: the main thread has painted the first frame
 *  with the view in it (a task queued from the requestAnimationFrame callback that first sees it
 *  runs after that frame's paint; the view: the app's canvas drawn, or the static chart's first
 *  paint, or on the blank page its first frame); `interactive`: the app's cells and search box are
 *  there. Every `replaceState` is recorded (when it returned, how long it took, the length of the
 *  address before). */
const PROBE = ({ kind, plain }) => {
  const b = window.__long = { fcp: null, painted: null, by: null, started: null, interactive: null, replaced: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') b.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  addEventListener('TrunkApplicationStarted', () => { b.started = performance.now(); });
  const replace = history.replaceState;
  history.replaceState = function (...args) {
    const before = location.href.length;
    const t0 = performance.now();
    const r = replace.apply(this, args);
    const t1 = performance.now();
    b.replaced.push({ at: t1, took: t1 - t0, before });
    return r;
  };
  const canvas = () => (document.querySelector('#chart canvas')?.width ?? 0) > 0;
  // The page's static chart shows the default view without a fragment only (any fragment hides
  // it until the app draws); there, its first picture on screen.
  const staticChart = () => {
    const p = document.getElementById('static-chart');
    const svg = p && [...p.children].find((c) => getComputedStyle(c).display !== 'none');
    return plain && svg != null && getComputedStyle(svg).visibility === 'visible'
      && svg.getBoundingClientRect().height > 0;
  };
  const drawn = kind === 'blank' ? () => document.body !== null : () => canvas() || staticChart();
  const ready = kind === 'blank' ? () => true
    : () => document.querySelector('#chart .cell') !== null && document.querySelector('#q') !== null;
  const tick = () => {
    if (b.by === null && drawn()) {
      b.by = kind === 'blank' ? 'first frame' : canvas() ? 'canvas' : 'static chart';
      setTimeout(() => { b.painted = performance.now(); }, 0);
    }
    if (b.interactive === null && ready()) b.interactive = performance.now();
    if (b.by === null || b.interactive === null) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

/** The sampled time (ms) in the page's own scripts (its URL, and its wasm). */
function scriptTime(profile, origin) {
  const ours = new Set(profile.nodes
    .filter((n) => n.callFrame.url.startsWith(origin) || n.callFrame.url.startsWith('wasm://'))
    .map((n) => n.id));
  let us = 0;
  profile.samples.forEach((id, i) => { if (ours.has(id)) us += profile.timeDeltas[i + 1] ?? 0; });
  return us / 1000;
}

/** One load of `origin` + `fragment` on a fresh context; its figures once checked. */
async function load(browser, origin, kind, fragment, measures) {
  const context = await browser.newContext({ viewport: { width: 1080, height: 810 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.addInitScript(PROBE, { kind, plain: !fragment });
  // The page's own scripts, sampled: the time spent in its JavaScript and wasm (and the DOM
  // calls they make), apart from the browser's own work on the address.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  try {
    const what = `${kind}${fragment ? `, #${fragment.length > 20 ? `${fragment.slice(0, 8)}… (${fragment.length} characters)` : fragment}` : ''}`;
    await page.goto(`${origin}/${fragment ? `#${fragment}` : ''}`, { timeout: 120000 });
    await page.waitForFunction(() => {
      const b = window.__long;
      return b.painted !== null && b.fcp !== null && b.interactive !== null;
    }, null, { timeout: 120000 }).catch(async (e) => {
      throw new Error(`${what}: not painted (${await page.evaluate(() => JSON.stringify(window.__long)).catch(() => '?')}): ${e.message}`);
    });
    if (kind === 'app') {
      const shown = await page.textContent('#result');
      if (!shown.includes(`全 ${measures.toLocaleString('en-US')}事業`)) {
        throw new Error(`${what}: the page shows "${shown}", expected ${measures} measures`);
      }
      if (fragment) {
        // The notice: one grouped item (and on the long link, the line saying it was cut).
        const notice = await page.evaluate(() => ({
          items: document.querySelectorAll('#notice li').length,
          cut: document.querySelector('#notice-cut')?.textContent ?? '',
        }));
        if (notice.items !== 1 || (fragment === LINK) !== /1,048,576文字/.test(notice.cut)) {
          throw new Error(`${what}: notice ${JSON.stringify(notice)}`);
        }
        // The address rewritten to the view's own (the default view: no fragment), waited for.
        await page.waitForFunction(() => location.hash === '' && window.__long.replaced.length > 0, null, { timeout: 30000 });
      }
    }
    const t = await page.evaluate(() => {
      const b = window.__long;
      const last = b.replaced.at(-1);
      return {
        fcp: b.fcp,
        painted: Math.max(b.painted, b.fcp),
        by: b.by,
        started: b.started,
        interactive: b.interactive,
        rewritten: last?.at ?? null,
        rewrite: last?.took ?? null,
        rewrote_from: last?.before ?? null,
      };
    });
    const { profile } = await cdp.send('Profiler.stop');
    t.scripts = scriptTime(profile, origin);
    if (errors.length) throw new Error(`${what}: errors in the page: ${errors.join(' | ')}`);
    return t;
  } finally {
    await context.close();
  }
}

/** The blank page loaded by a Chromium with no DevTools attached (no protocol events carrying
 *  the address, no profiler): `runs` loads without and with the 1 MB fragment, alternating, in
 *  one tab, each page posting its painted time back. Medians, ms from the navigation's start. */
async function blankWithoutDevTools(runs) {
  const probe = `<script>requestAnimationFrame(()=>setTimeout(()=>{const p=performance.now();
fetch('/report',{method:'POST',body:JSON.stringify({long:location.hash.length>1,painted:p})})
.then(()=>location.replace('/next'))},0))</script>`;
  const page = BLANK.replace('</head>', `${probe}</head>`);
  const plan = Array.from({ length: runs * 2 }, (_, i) => (i % 2 ? 'long' : 'plain'));
  const seen = { plain: [], long: [] };
  let finish;
  const finished = new Promise((resolve) => { finish = resolve; });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname === '/report') {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => { const r = JSON.parse(body); seen[r.long ? 'long' : 'plain'].push(r.painted); res.end(); });
    } else if (url.pathname === '/next') {
      const kind = plan.shift();
      if (!kind) finish();
      // The next load, navigated to from a page of the same origin (the address is too long
      // for a command line).
      const to = kind === 'long' ? `'/blank#' + 'v&'.repeat(524288)` : `'/blank'`;
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' })
        .end(kind ? `<!doctype html><link rel="icon" href="data:,"><script>setTimeout(() => location.replace(${to}), 200)</script>` : 'done');
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-'));
  const chromium = spawn(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--user-data-dir=${profile}`, `http://127.0.0.1:${server.address().port}/next`], { stdio: 'ignore', detached: true });
  const timer = setTimeout(() => finish(new Error('the blank page without DevTools did not finish in 5 minutes')), 300000);
  try {
    const failed = await finished;
    if (failed) throw failed;
  } finally {
    clearTimeout(timer);
    const exited = new Promise((resolve) => chromium.once('exit', resolve));
    // The browser and its helper processes: the group it leads (started here, for this only).
    if (chromium.exitCode === null) process.kill(-chromium.pid);
    await exited;
    server.closeAllConnections();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  }
  if (seen.plain.length !== runs || seen.long.length !== runs) throw new Error(`blank page without DevTools: ${JSON.stringify(seen)}`);
  return { plain: median(seen.plain), long: median(seen.long) };
}

/** The figures, medians of `runs` loads of each kind, alternating. */
export async function longLinkRow(browser, { site, measures }, runs = 5) {
  const blankDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blank-'));
  fs.writeFileSync(path.join(blankDir, 'blank.html'), BLANK);
  const blank = await serveDist(blankDir, 'blank.html');
  const app = await serveDist(site);
  const kinds = {
    'blank, plain': [blank.origin, 'blank', ''],
    'blank, 1 MB link': [blank.origin, 'blank', LINK],
    'app, plain': [app.origin, 'app', ''],
    'app, short link': [app.origin, 'app', SHORT],
    'app, 1 MB link': [app.origin, 'app', LINK],
  };
  const seen = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  try {
    for (let run = 0; run < runs; run++) {
      for (const [name, [origin, kind, fragment]] of Object.entries(kinds)) {
        seen[name].push(await load(browser, origin, kind, fragment, measures));
      }
    }
  } finally {
    await blank.close();
    await app.close();
    fs.rmSync(blankDir, { recursive: true, force: true });
  }
  const row = { runs };
  for (const [name, ts] of Object.entries(seen)) {
    row[name] = {
      painted: median(ts.map((t) => t.painted)),
      interactive: median(ts.map((t) => t.interactive)),
      started: median(ts.map((t) => t.started ?? NaN)),
      rewritten: median(ts.map((t) => t.rewritten ?? NaN)),
      rewrite: median(ts.map((t) => t.rewrite ?? NaN)),
      scripts: median(ts.map((t) => t.scripts)),
      spread: [Math.min(...ts.map((t) => t.painted)), Math.max(...ts.map((t) => t.painted))],
      by: [...new Set(ts.map((t) => t.by))].join(' / '),
    };
  }
  row.without_devtools = await blankWithoutDevTools(runs);
  const browserCost = row['blank, 1 MB link'].painted - row['blank, plain'].painted;
  row.browser_cost = browserCost;
  row.beyond_plain = row['app, 1 MB link'].painted - row['app, plain'].painted;
  row.beyond_short = row['app, 1 MB link'].painted - row['app, short link'].painted;
  row.app_share = row.beyond_short - browserCost;
  return row;
}

/** The row as the bench prints it. */
export function describeLongLink(r) {
  const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
  const line = (label, name) => {
    const k = r[name];
    const parts = [`painted ${f(k.painted).padStart(7)} (${f(k.spread[0])}–${f(k.spread[1])}, ${k.by})`];
    if (name.startsWith('app')) {
      parts.push(`interactive ${f(k.interactive)}`, `its scripts ${f(k.scripts)}`);
      if (Number.isFinite(k.rewritten)) parts.push(`link rewritten at ${f(k.rewritten)} (replaceState ${f(k.rewrite)})`);
    }
    return `    ${label.padEnd(18)}${parts.join('  ')}`;
  };
  return [
    `  1 MB link (#v& × 524,288) at 1×, ms from the navigation's start, median (min–max) of ${r.runs} loads of each kind, alternating:`,
    line('blank page', 'blank, plain'),
    line('blank, 1 MB link', 'blank, 1 MB link'),
    line('app, plain', 'app, plain'),
    line(`app, #${SHORT}`, 'app, short link'),
    line('app, 1 MB link', 'app, 1 MB link'),
    `    the browser's own cost of the 1 MB address (blank page): ${f(r.browser_cost)}; with no DevTools attached, painted ${f(r.without_devtools.plain)} plain, ${f(r.without_devtools.long)} with the link: ${f(r.without_devtools.long - r.without_devtools.plain)}`,
    `    the app's painted view with the 1 MB link beyond: a plain load ${f(r.beyond_plain)} (which shows the static chart; any fragment waits for the app's canvas), the short link ${f(r.beyond_short)}`,
    `    the app's share (beyond the short link, less the browser's own cost) ${f(r.app_share)} (goal ≤ 100); its scripts' time beyond the short link's ${f(r['app, 1 MB link'].scripts - r['app, short link'].scripts)}`,
  ].join('\n');
}

// Start-up traces (issue 14: "start-up traces show the treemap in the first paint"): the app's
// release page and the peer page, each loaded fresh at 4× CPU throttle, 1080×810, with Chromium's
// tracing recording screenshots of the frames it presents (most of them: a frame can go without
// one, so "the first screenshot with content" may come a frame after the first contentful paint). For each load it prints the first
// contentful paint and the first presented frame whose pixels show the treemap: the centres of
// its three largest cells (where the page first laid them out) have the cells' own fill colours
// in that screenshot. For the app that treemap is the build's static chart (the canvas replaces it
// later). The first such frame of the first app load is saved as a PNG to look at.
//
//   node tests/e2e/startup-trace.mjs [loads]     (after `cargo xtask dist`)
//
// `cargo xtask bench` runs the same loads (`firstFrames`) beside its other start-up figures.
//
// A frame that never shows the treemap, or a page without one, is an error, not a figure.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serveDist, launch } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PEER = path.resolve(ROOT, '../shared/peer');
const OUT = path.join(ROOT, 'docs/screenshots/startup-first-frame-4x.png');
const VIEWPORT = { width: 1080, height: 810 };

/** Installed before the page's scripts: notes the treemap's cells (box and fill, CSS px) where
 *  the page first lays them out, from requestAnimationFrame (run before each frame, with layout
 *  current), the first time at least three are there: the app's static chart (the app replaces
 *  it once running), the peer's SVG. */
const PROBE = (kind) => {
  const read = kind === 'app'
    ? () => {
      const chart = document.getElementById('static-chart');
      const picture = chart && [...chart.children].find((p) => getComputedStyle(p).display !== 'none');
      if (!picture) return [];
      return [...picture.querySelectorAll(':scope > a[href] > svg > rect')].map((r) => ({ r: r.getBoundingClientRect(), fill: r.getAttribute('fill') }));
    }
    : () => [...document.querySelectorAll('#map rect')].map((r) => ({ r: r.getBoundingClientRect(), fill: getComputedStyle(r).fill }));
  const tick = () => {
    const cells = read();
    if (cells.length >= 3) window.__cells = cells.map(({ r, fill }) => ({ r: { left: r.left, top: r.top, width: r.width, height: r.height }, fill }));
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

function colour(text) {
  const hex = /^#([0-9a-f]{6})$/i.exec(text);
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16));
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(text);
  if (rgb) return rgb.slice(1, 4).map(Number);
  throw new Error(`a cell's fill "${text}" is not a colour this script reads`);
}

async function load(browser, url, kind) {
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'block' });
  const tab = await context.newPage();
  await tab.addInitScript(PROBE, kind);
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const trace = path.join(ROOT, `target/startup-${kind}.json`);
  fs.mkdirSync(path.dirname(trace), { recursive: true });
  await browser.startTracing(tab, { path: trace, screenshots: true, categories: ['devtools.timeline', 'disabled-by-default-devtools.screenshot', 'loading', 'blink.user_timing'] });
  await tab.goto(url, { timeout: 120000 });
  if (kind === 'app') await tab.waitForSelector('#chart .cell', { timeout: 120000 });
  await tab.waitForFunction(() => window.__cells !== undefined, null, { timeout: 120000 });
  await tab.waitForTimeout(kind === 'app' ? 300 : 1500);
  await browser.stopTracing();
  const cells = (await tab.evaluate(() => window.__cells))
    .filter((c) => c.r.width > 20 && c.r.height > 20)
    .sort((a, b) => b.r.width * b.r.height - a.r.width * a.r.height)
    .slice(0, 3)
    .map((c) => ({ x: c.r.left + c.r.width / 2, y: c.r.top + c.r.height / 2, fill: colour(c.fill) }));
  await context.close();
  if (cells.length < 3) throw new Error(`${kind}: fewer than three treemap cells found once loaded`);
  const events = JSON.parse(fs.readFileSync(trace, 'utf8')).traceEvents;
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.startsWith('http'));
  if (!nav) throw new Error(`${kind}: no navigation in the trace`);
  const fcp = events.find((e) => e.name === 'firstContentfulPaint' && e.ts >= nav.ts);
  if (!fcp) throw new Error(`${kind}: no first contentful paint in the trace`);
  const shots = events.filter((e) => e.name === 'Screenshot' && e.ts >= nav.ts).sort((a, b) => a.ts - b.ts);
  return { fcp: (fcp.ts - nav.ts) / 1000, shots: shots.map((s) => ({ at: (s.ts - nav.ts) / 1000, jpeg: s.args.snapshot })), cells };
}

/** In a page of its own: which of the screenshots show every sampled cell in its colour. */
async function showing(browser, shots, cells) {
  const tab = await browser.newPage();
  const hits = await tab.evaluate(async ({ shots, cells, width }) => {
    const out = [];
    for (const { jpeg } of shots) {
      const img = new Image();
      img.src = `data:image/jpeg;base64,${jpeg}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width; canvas.height = img.height;
      const g = canvas.getContext('2d');
      g.drawImage(img, 0, 0);
      const scale = img.width / width;
      out.push(cells.every(({ x, y, fill }) => {
        const [r, gr, b] = g.getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data;
        return Math.abs(r - fill[0]) <= 24 && Math.abs(gr - fill[1]) <= 24 && Math.abs(b - fill[2]) <= 24;
      }));
    }
    return out;
  }, { shots, cells, width: VIEWPORT.width });
  await tab.close();
  return hits;
}

async function savePng(browser, jpeg, file) {
  const tab = await browser.newPage({ viewport: VIEWPORT });
  await tab.setContent(`<body style="margin:0"><img style="width:${VIEWPORT.width}px;height:${VIEWPORT.height}px" src="data:image/jpeg;base64,${jpeg}"></body>`);
  await tab.locator('img').evaluate((img) => img.decode());
  await tab.screenshot({ path: file });
  await tab.close();
}

/** `loads` fresh loads of `url` (the app's page or the peer's, `kind`) at 4×, traced: for each,
 *  the first contentful paint, the first screenshot showing the treemap (ms from the
 *  navigation's start), how many screenshots with content came before it, and that screenshot
 *  (JPEG, base64). */
export async function firstFrames(browser, url, kind, loads) {
  const out = [];
  for (let run = 0; run < loads; run++) {
    const { fcp, shots, cells } = await load(browser, url, kind);
    const hits = await showing(browser, shots, cells);
    const first = hits.indexOf(true);
    if (first < 0) throw new Error(`${kind}: no presented frame shows the treemap (${shots.length} screenshots)`);
    const before = shots.slice(0, first).filter((s) => s.at >= fcp - 1).length;
    out.push({ fcp, frame: shots[first].at, before, jpeg: shots[first].jpeg, frames: shots.length });
  }
  return out;
}

export const describeFrame = (kind, run, r) => `${kind.padEnd(4)} load ${run + 1}: first contentful paint ${r.fcp.toFixed(0).padStart(5)} ms, first screenshot showing the treemap ${r.frame.toFixed(0).padStart(5)} ms`
  + ` (${r.before === 0 ? 'the first screenshot with content' : `${r.before} screenshot(s) with content before it`})`;

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const loads = Number(process.argv[2] ?? 3);
  const browser = await launch();
  const app = await serveDist();
  const peer = await serveDist(PEER, 'peer.html');
  try {
    for (const [kind, url] of [['app', `${app.origin}/`], ['peer', `${peer.origin}/`]]) {
      const runs = await firstFrames(browser, url, kind, loads);
      runs.forEach((r, i) => console.log(describeFrame(kind, i, r)));
      if (kind === 'app') {
        await savePng(browser, runs[0].jpeg, OUT);
        console.log(`     saved ${path.relative(ROOT, OUT)} (load 1's frame, from the trace's screenshots)`);
      }
    }
  } finally {
    await browser.close();
    await app.close();
    await peer.close();
  }
  process.exit(0);
}

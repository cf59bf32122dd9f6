// Opening a large file does not hoard memory (issue 16, finding 8): the seeded synthetic 50,000
// lines as CSV (cargo xtask test-data writes it) on the release page: opened, left for the
// embedded data, opened from there, opened again while shown, left again. Wasm memory cannot
// shrink: what is held is that it stays under its bound, that a load after going back reuses
// what the file freed, and that the page keeps working throughout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { shared, settled } from './harness.mjs';
import { loadSequence } from './memory.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const env = await shared();

/** The file and its counts, as xtask wrote them; a missing file fails, never skips. */
function synthetic(lines) {
  const about = path.join(ROOT, `target/e2e/synthetic-${lines}.csv.json`);
  if (!fs.existsSync(about)) throw new Error(`${about} is missing: run \`cargo xtask test-data\``);
  return JSON.parse(fs.readFileSync(about, 'utf8'));
}

test('a 50,000-line CSV: at most 60 MB of wasm memory, nothing kept after going back, no growth when opened from there', async () => {
  const { file, measures } = synthetic(50_000);
  const { row, page, context, errors } = await loadSequence(env.browser, env.server.origin, file, measures);
  try {
    const { before, first, back, again, reopened, backAgain } = row;
    const report = JSON.stringify(row);
    assert.ok(first.held.wasm <= 60, `wasm memory after the first load: ${first.held.wasm} MB (${report})`);
    // Back on the embedded data, nothing of the file is kept: opening it again from there
    // reuses what it freed (wasm memory cannot shrink, so a kept dataset would show as growth).
    assert.ok(back.wasm <= first.held.wasm && again.held.wasm <= first.held.wasm, `grew after going back (${report})`);
    assert.ok(back.js <= before.js + 2, `JS heap kept after going back (${report})`);
    // Opened again while it is shown, the new dataset is built beside the one shown (a file
    // with problems must leave the view as it was): memory grows, by less than the first load.
    const growth = (a, b) => b.held.wasm - a.held.wasm;
    assert.ok(growth(again, reopened) <= first.held.wasm - before.wasm, `the load over a shown file grew more than the first (${report})`);
    assert.ok(backAgain.wasm <= reopened.held.wasm, `grew going back (${report})`);
    assert.ok(backAgain.js <= before.js + 2, `JS heap kept after going back again (${report})`);

    // The page still works on the embedded data: a tap drills in and the address says so.
    await settled(() => page.textContent('#result'), /全 59事業/, 'the embedded data');
    await page.locator('#chart [data-key="d2"]').click();
    await settled(() => page.evaluate(() => location.hash), '#at=d2', 'drilled into direction 2');
    assert.deepEqual(errors, [], 'console errors, uncaught exceptions or panics');
  } finally {
    await context.close();
  }
});

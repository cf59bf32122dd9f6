// A minimal W3C WebDriver client over HTTP (global fetch, no dependencies) and the processes a
// WebKit test needs: Xvfb and WebKitGTK's WebKitWebDriver, which drives MiniBrowser.
// Every wait is bounded, so a hung browser fails the test instead of stalling CI.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

export const XVFB = '/usr/bin/Xvfb';
export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** Fails (never skips) with the Debian package to install when a binary is missing. */
export function requireBinary(file, pkg) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    throw new Error(`${file} is missing: install the Debian package ${pkg} (apt-get install -y ${pkg})`);
  }
}

/** MiniBrowser for this architecture (Debian ships it in libwebkit2gtk-4.1-0, a dependency of webkit2gtk-driver). */
export function findMiniBrowser() {
  const candidates = [MINIBROWSER, ...fs.existsSync('/usr/lib')
    ? fs.readdirSync('/usr/lib').map((d) => `/usr/lib/${d}/webkit2gtk-4.1/MiniBrowser`) : []];
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) {
    throw new Error(`MiniBrowser (${MINIBROWSER}) is missing: install the Debian package webkit2gtk-driver `
      + '(it pulls in libwebkit2gtk-4.1-0, which ships MiniBrowser)');
  }
  return found;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a truthy value; throws `what` after `timeout` ms. */
export async function poll(probe, { timeout = 10_000, interval = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${detail})`);
    }
    await sleep(interval);
  }
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Process groups still running; ended on any exit of this process, even an abrupt one (a
// cancelled or timed-out test run), so no driver, browser or Xvfb is left behind.
const live = new Set();
const killAll = () => {
  for (const pid of live) { try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ } }
};
process.on('exit', killAll);
for (const [sig, n] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
  process.once(sig, () => { killAll(); process.exit(128 + n); });
}

/**
 * A child process in its own process group (so stopping it also ends what it started, e.g. the
 * browser a driver launched), with its output kept for error messages.
 */
function start(file, args, options = {}) {
  const child = spawn(file, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe', ...(options.extra ?? [])], env: options.env });
  const output = [];
  child.stdout.on('data', (d) => output.push(d.toString()));
  child.stderr.on('data', (d) => output.push(d.toString()));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.on('error', (e) => output.push(`spawn error: ${e.message}\n`));
  let done = false;
  if (child.pid !== undefined) live.add(child.pid);
  exited.then(() => { done = true; });
  return {
    child,
    exited,
    get running() { return !done; },
    output: () => output.join(''),
    /** SIGTERM to the group, SIGKILL after 3 s; always resolves. */
    async stop() {
      if (done || child.pid === undefined) return;
      const signal = (sig) => { try { process.kill(-child.pid, sig); } catch { /* already gone */ } };
      signal('SIGTERM');
      const t = setTimeout(() => signal('SIGKILL'), 3000);
      await exited;
      clearTimeout(t);
      signal('SIGKILL'); // anything left in the group
      live.delete(child.pid);
    },
  };
}

/**
 * Xvfb on a display number it picks itself (-displayfd), so parallel runs do not collide.
 * -noreset: by default an X server resets when its last client disconnects, and a browser
 * connecting during that reset fails with "cannot open display" (seen between two sessions).
 */
export async function startXvfb({ width = 1280, height = 1280 } = {}) {
  requireBinary(XVFB, 'xvfb');
  const proc = start(XVFB, ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp', '-noreset'],
    { extra: ['pipe'] });
  let text = '';
  proc.child.stdio[3].on('data', (d) => { text += d; });
  try {
    const number = await poll(() => (/\d+\n/.test(text) ? text.trim() : !proc.running && Promise.reject(new Error('Xvfb exited'))),
      { timeout: 10_000, what: 'Xvfb to report its display' });
    return { display: `:${number}`, stop: () => proc.stop(), output: proc.output, get running() { return proc.running; } };
  } catch (e) {
    await proc.stop();
    throw new Error(`${e.message}\n${proc.output()}`);
  }
}

/** Starts WebKitWebDriver on a free port and waits until /status says it is ready. */
export async function startWebKitDriver({ display }) {
  requireBinary(WEBKIT_DRIVER, 'webkit2gtk-driver');
  const port = await freePort();
  // A Japanese browser, as our users' (the app follows the browser's language).
  const env = { ...process.env, DISPLAY: display, LANG: 'ja_JP.UTF-8', LANGUAGE: 'ja' };
  delete env.WAYLAND_DISPLAY;
  const proc = start(WEBKIT_DRIVER, [`--port=${port}`, '--host=local'], { env });
  const url = `http://127.0.0.1:${port}`;
  try {
    await poll(async () => {
      if (!proc.running) throw new Error('WebKitWebDriver exited');
      const r = await fetch(`${url}/status`, { signal: AbortSignal.timeout(2000) });
      return (await r.json()).value?.ready;
    }, { timeout: 10_000, what: `WebKitWebDriver on port ${port}` });
  } catch (e) {
    await proc.stop();
    throw new Error(`${e.message}\n${proc.output()}`);
  }
  return { url, stop: () => proc.stop(), output: proc.output, get running() { return proc.running; } };
}

/** The W3C "element" key in JSON. */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class WebDriverError extends Error {}

async function request(method, url, body, timeout) {
  let res;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeout),
    });
  } catch (e) {
    throw new WebDriverError(`${method} ${url}: ${e.name === 'TimeoutError' ? `no answer in ${timeout} ms` : e.message}`);
  }
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { throw new WebDriverError(`${method} ${url}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`); }
  if (!res.ok || json.value?.error) {
    const v = json.value ?? {};
    const err = new WebDriverError(`${method} ${url}: ${v.error ?? res.status}: ${v.message ?? text.slice(0, 200)}`);
    err.code = v.error;
    throw err;
  }
  return json.value;
}

export class Session {
  constructor(driverUrl, id, capabilities) {
    this.base = `${driverUrl}/session/${id}`;
    this.id = id;
    this.capabilities = capabilities;
  }

  /**
   * `failure()` is polled while the browser starts: WebKitWebDriver does not notice a browser that
   * exits at once (e.g. "cannot open display") and would leave the request hanging.
   */
  static async create(driverUrl, alwaysMatch, { failure = () => null, timeout = 20_000 } = {}) {
    let timer;
    const watch = new Promise((_, reject) => {
      timer = setInterval(() => {
        const why = failure();
        if (why) reject(new WebDriverError(`the browser did not start: ${why}`));
      }, 200);
    });
    try {
      const value = await Promise.race([
        request('POST', `${driverUrl}/session`, { capabilities: { alwaysMatch } }, timeout),
        watch,
      ]);
      return new Session(driverUrl, value.sessionId, value.capabilities);
    } finally {
      clearInterval(timer);
    }
  }

  cmd(method, path, body, timeout = 15_000) {
    return request(method, `${this.base}${path}`, body, timeout);
  }

  async delete() {
    await request('DELETE', this.base, undefined, 10_000).catch(() => {});
  }

  navigate(url) { return this.cmd('POST', '/url', { url }, 20_000); }
  setWindowRect(rect) { return this.cmd('POST', '/window/rect', rect); }
  /** Runs `script` (a function body) in the page with `args`. */
  execute(script, ...args) { return this.cmd('POST', '/execute/sync', { script, args }); }

  /** The first element matching `css`, or null. */
  async find(css) {
    try {
      const v = await this.cmd('POST', '/element', { using: 'css selector', value: css });
      return v[ELEMENT];
    } catch (e) {
      if (e.code === 'no such element') return null;
      throw e;
    }
  }

  /** Waits (bounded) until an element matches `css`, and returns it. */
  waitFor(css, timeout = 10_000) {
    return poll(() => this.find(css), { timeout, what: `an element matching ${css}` });
  }

  async click(css) {
    const el = await this.waitFor(css);
    await this.cmd('POST', `/element/${el}/click`, {});
  }

  async sendKeys(css, text) {
    const el = await this.waitFor(css);
    await this.cmd('POST', `/element/${el}/value`, { text });
  }

  async text(css) {
    const el = await this.waitFor(css);
    return this.cmd('GET', `/element/${el}/text`);
  }

  /** textContent of every element matching `css`. */
  texts(css) {
    return this.execute('return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent)', css);
  }
}

export { ELEMENT };

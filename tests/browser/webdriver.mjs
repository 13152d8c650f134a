// The page in the two other browser engines people use, over WebDriver classic (Chromium stays on
// Playwright, tests/browser/helpers.mjs):
//   firefox  Debian's Firefox ESR (/usr/bin/firefox-esr), driven by geckodriver (built from crates.io
//            into the per-user cache by scripts/ensure-browsers.sh)
//   webkit   WebKitGTK (Safari's engine): Debian's WebKitWebDriver and its MiniBrowser, under xvfb-run
// The client is the Selenium project's selenium-webdriver (a pinned dev dependency), pointed at a driver
// process this module starts on a free loopback port (no Selenium Manager, no download).
//
// Downloads: the page saves a file by clicking a hidden <a download> with a blob: URL (www/workbook.js).
// `captureDownloads` wraps URL.createObjectURL and HTMLAnchorElement.prototype.click (the click still
// happens) so a test reads the exact Blob the page handed to the browser. Firefox also saves it to a
// download folder, and the tests check that file too; WebKitGTK's MiniBrowser under automation saves
// no file anywhere, so there the Blob is what the test can see.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Builder, By } from 'selenium-webdriver';
import { AS_OF, TZ } from './helpers.mjs';

const CACHE = process.env.RETENTION_WORKLIST_CACHE || path.join(os.homedir(), '.cache', 'retention-worklist');
/** The version scripts/ensure-browsers.sh builds. */
export const GECKODRIVER_VERSION = '0.37.1';
export const GECKODRIVER = process.env.RETENTION_WORKLIST_GECKODRIVER
  || path.join(CACHE, `geckodriver-${GECKODRIVER_VERSION}`, 'bin', 'geckodriver');
export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';

const which = (name) => process.env.PATH.split(path.delimiter).map((d) => path.join(d, name)).find((f) => existsSync(f));

/** What each engine needs on this machine; [] when it is all there. */
export function missingFor(engine) {
  const install = 'install it: bash scripts/ensure-browsers.sh';
  if (engine === 'firefox') {
    return [[FIREFOX, FIREFOX], [GECKODRIVER, GECKODRIVER]].filter(([f]) => !existsSync(f)).map(([, n]) => `${n} (${install})`);
  }
  return ['WebKitWebDriver', 'xvfb-run'].filter((n) => !which(n)).map((n) => `${n} (${install})`);
}

async function freePort() {
  const srv = net.createServer();
  await new Promise((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address();
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

/**
 * Starts the engine's WebDriver server on a free loopback port (the page's time zone in its
 * environment: both browsers take TZ from it). Resolves to { engine, url, stop() }.
 */
export async function startDriver(engine) {
  assert.deepEqual(missingFor(engine), [], `the ${engine} tests need:`);
  const port = await freePort();
  const env = { ...process.env, TZ, LANGUAGE: 'es_MX' };
  const [cmd, args] = engine === 'firefox'
    // --websocket-port: a free one, not the shared default 9222 (WebDriver BiDi is not used).
    ? [GECKODRIVER, ['--host', '127.0.0.1', '--port', String(port), '--websocket-port', String(await freePort())]]
    : ['xvfb-run', ['-a', 'WebKitWebDriver', `--port=${port}`]];
  // Its own process group, so stop() also ends what xvfb-run started (Xvfb, the driver).
  const child = spawn(cmd, args, { env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b) => { stderr = (stderr + b).slice(-4000); });
  let exited = null;
  child.on('exit', (code, signal) => { exited = `${code ?? signal}`; });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (exited !== null) assert.fail(`${cmd} exited (${exited}) before it was ready:\n${stderr}`);
    try {
      const res = await fetch(`${url}/status`);
      if (res.ok && (await res.json()).value?.ready) break;
    } catch { /* not listening yet */ }
    if (i > 300) assert.fail(`${cmd} did not answer on ${url} in 30 s:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    engine,
    url,
    stop() {
      if (exited !== null) return;
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    },
  };
}

/**
 * A fresh browser session (a new profile) on `driver`. Firefox saves downloads into `downloads`
 * (a scratch folder) without asking. Resolves to the selenium-webdriver WebDriver.
 */
export async function newSession(driver, { downloads } = {}) {
  const caps = driver.engine === 'firefox'
    ? {
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: FIREFOX,
        args: ['-headless'],
        prefs: {
          'intl.accept_languages': 'es-MX, es',
          'browser.download.folderList': 2,
          'browser.download.dir': downloads || os.tmpdir(),
          'browser.download.useDownloadDir': true,
          'browser.download.always_ask_before_handling_new_types': false,
          'browser.download.alwaysOpenPanel': false,
          'browser.helperApps.neverAsk.saveToDisk': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/zip',
        },
      },
    }
    : { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { args: ['--automation'] } };
  const session = await new Builder().usingServer(driver.url).withCapabilities(caps).build();
  await session.manage().setTimeouts({ script: 60_000 });
  await session.manage().window().setRect({ width: 1366, height: 900 }).catch(() => { /* headless may refuse */ });
  return session;
}

/** The browser's name and version, as the session reports them (for the tests' output). */
export async function browserVersion(session) {
  const caps = await session.getCapabilities();
  return `${caps.get('browserName')} ${caps.get('browserVersion')}`;
}

/** Waits until `fn` (a function run in the page, with `args`) returns something truthy; returns it. */
export async function waitInPage(session, fn, args = [], { timeout = 60_000, message } = {}) {
  return session.wait(async () => session.executeScript(`return (${fn})(...arguments)`, ...args), timeout,
    message || `waiting in the page for ${String(fn).slice(0, 120)}`);
}

/** Runs `fn` in the page with `args`; returns its result. */
export function inPage(session, fn, ...args) {
  return session.executeScript(`return (${fn})(...arguments)`, ...args);
}

/** Opens `url`, waits for the page to be ready (state idle) and starts recording downloads and errors. */
export async function openUrl(session, url) {
  await session.get(url);
  await waitInPage(session, () => document.body.dataset.state === 'idle', [], { message: `${url} never became idle` });
  // A page whose engine did not start still ends idle, with its error shown.
  const error = await inPage(session, () => (document.getElementById('error').hidden ? '' : document.getElementById('error-message').textContent));
  assert.equal(error, '', `${url} shows an error after loading`);
  await captureDownloads(session);
}

/** See the module's comment. Also records uncaught errors from here on (window.__rwErrors). */
export async function captureDownloads(session) {
  await inPage(session, () => {
    if (window.__rwDownloads) return;
    window.__rwDownloads = [];
    window.__rwErrors = [];
    window.addEventListener('error', (e) => window.__rwErrors.push(String(e.message)));
    window.addEventListener('unhandledrejection', (e) => window.__rwErrors.push(String(e.reason)));
    const blobs = new Map();
    const create = URL.createObjectURL;
    URL.createObjectURL = function createObjectURL(obj) {
      const url = create.call(URL, obj);
      if (obj instanceof Blob) blobs.set(url, obj);
      return url;
    };
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function clickRecorded() {
      if (this.hasAttribute('download') && blobs.has(this.href)) {
        window.__rwDownloads.push({ name: this.download, blob: blobs.get(this.href) });
      }
      return click.call(this);
    };
  });
}

/** Uncaught errors in the page since openUrl. */
export function pageErrors(session) {
  return inPage(session, () => window.__rwErrors || []);
}

/** Number of downloads the page started since openUrl. */
export function downloadCount(session) {
  return inPage(session, () => window.__rwDownloads.length);
}

/**
 * Clicks `selector` and returns the file the page hands to the browser: { name, bytes }. With
 * `folder` (Firefox), also waits for the browser to save it there and checks the saved file is the
 * same bytes.
 */
export async function clickDownload(session, selector, { folder } = {}) {
  const before = await downloadCount(session);
  await session.findElement(By.css(selector)).click();
  await waitInPage(session, (n) => window.__rwDownloads.length > n, [before], { message: `no download after clicking ${selector}` });
  const { name, b64 } = await session.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    const d = window.__rwDownloads[arguments[0]];
    d.blob.arrayBuffer().then((buf) => {
      const u8 = new Uint8Array(buf);
      let bin = '';
      for (let i = 0; i < u8.length; i += 0x8000) bin += String.fromCharCode.apply(null, u8.subarray(i, i + 0x8000));
      done({ name: d.name, b64: btoa(bin) });
    }, (e) => done({ name: d.name, b64: null, error: String(e) }));`, before);
  assert.ok(b64 !== null, `reading the download ${name} failed`);
  const bytes = Buffer.from(b64, 'base64');
  if (folder) {
    const file = path.join(folder, name);
    await session.wait(async () => existsSync(file) && !readdirSync(folder).some((f) => f.endsWith('.part'))
      && readFileSync(file).length === bytes.length, 30_000, `Firefox did not save ${name} into ${folder}`);
    assert.ok(readFileSync(file).equals(bytes), `the file Firefox saved (${name}) differs from the page's Blob`);
    rmSync(file);
  }
  return { name, bytes };
}

let scratchRoot;
/** A new scratch folder (all of them removed at exit). */
export function scratchFolder() {
  if (!scratchRoot) {
    scratchRoot = mkdtempSync(path.join(os.tmpdir(), 'rw-webdriver-'));
    process.on('exit', () => rmSync(scratchRoot, { recursive: true, force: true }));
  }
  return mkdtempSync(path.join(scratchRoot, 'f-'));
}

/** Number of finished runs (success or error). */
export async function runsDone(session) {
  return Number(await inPage(session, () => document.body.dataset.runs || '0'));
}

/** Waits for a run started after `before` runs to finish; returns 'done' or 'error'. */
export async function waitForRun(session, before) {
  await waitInPage(session,
    (n) => Number(document.body.dataset.runs || '0') > n && ['done', 'error'].includes(document.body.dataset.state),
    [before], { message: 'the run did not finish' });
  return inPage(session, () => document.body.dataset.state);
}

/** Sets the report date in the settings (as a person typing it would: input, then change). */
export async function setAsOf(session, asOf = AS_OF) {
  await inPage(session, (value) => {
    document.getElementById('settings').open = true;
    const input = document.getElementById('asOf');
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, asOf);
}

/** Chooses `file` in the file input `selector` (WebDriver "element send keys") and waits for the run. */
export async function chooseFile(session, file, selector = '#file') {
  const before = await runsDone(session);
  await session.findElement(By.css(selector)).sendKeys(file);
  return waitForRun(session, before);
}

/** The counts on the level cards, as integers. */
export function cardCounts(session) {
  return inPage(session, () => {
    const out = {};
    for (const n of document.querySelectorAll('#cards [data-count]')) out[n.dataset.count] = Number(n.textContent.replace(/[^\d]/g, ''));
    return out;
  });
}

/** The text of an element, or '' when it is missing. */
export function textOf(session, selector) {
  return inPage(session, (s) => document.querySelector(s)?.textContent ?? '', selector);
}

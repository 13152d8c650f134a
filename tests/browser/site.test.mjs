// dist/site/, served by a plain static server with the headers of its _headers
// file, works like `npm start`: a CSV through the file input and the sample button each give the
// CLI's counts and bytes, every request stays on the site's origin, the assets have content-hashed
// names (each the hash of its bytes) and the cache headers fit them.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { FIXTURES, useBrowser } from './helpers.mjs';
import { SITE, ensureDist, openDistPage, runPageFlow, serveSite } from './dist-helpers.mjs';

const chrome = useBrowser({ sample: true });
before(ensureDist);

test('dist/site/ has content-hashed assets, and index.html refers to them', () => {
  assert.deepEqual(readdirSync(SITE).sort(), ['_headers', 'assets', 'index.html']);
  const assets = readdirSync(path.join(SITE, 'assets')).sort();
  const kinds = assets.map((name) => {
    const m = /^(.+)\.([0-9a-f]{12})\.(js|css|wasm|csv|svg)$/.exec(name);
    assert.ok(m, `assets/${name} has no content hash in its name`);
    const hash = createHash('sha256').update(readFileSync(path.join(SITE, 'assets', name))).digest('hex').slice(0, 12);
    assert.equal(m[2], hash, `assets/${name}: the name's hash is not its content's`);
    return m[1];
  });
  assert.deepEqual(kinds.sort(), ['app', 'favicon', 'retention_worklist_bg', 'style', 'tenants-ejemplo', 'worker']);
  const html = readFileSync(path.join(SITE, 'index.html'), 'utf8');
  for (const kind of ['app', 'style', 'favicon']) {
    const name = assets.find((a) => a.startsWith(`${kind}.`));
    assert.ok(html.includes(`"assets/${name}"`), `index.html refers to assets/${name}`);
  }
  // The worker and the engine are named by the modules that load them.
  const app = readFileSync(path.join(SITE, 'assets', assets.find((a) => a.startsWith('app.'))), 'utf8');
  const worker = readFileSync(path.join(SITE, 'assets', assets.find((a) => a.startsWith('worker.'))), 'utf8');
  assert.ok(app.includes(assets.find((a) => a.startsWith('worker.'))), 'the page names the hashed worker');
  assert.ok(app.includes(assets.find((a) => a.startsWith('tenants-ejemplo.'))), 'the page names the hashed sample');
  assert.ok(worker.includes(assets.find((a) => a.startsWith('retention_worklist_bg.'))), 'the worker names the hashed engine');
});

test('dist/site/ served with its _headers works like npm start, and downloads the CLI\'s bytes', async () => {
  const server = await serveSite(SITE);
  const p = await openDistPage(chrome.browser, server.url, { allowed: (u) => u.startsWith(`${server.origin}/`) });
  try {
    await runPageFlow(p.page, path.join(FIXTURES, 'tenants-mixed.csv'));
    await p.assertClean();

    const paths = [...server.responses.keys()];
    for (const kind of ['app', 'worker', 'retention_worklist_bg', 'style', 'tenants-ejemplo']) {
      assert.ok(paths.some((u) => u.startsWith(`/assets/${kind}.`)), `the page loaded its ${kind} (${paths})`);
    }
    for (const [urlPath, h] of server.responses) {
      assert.match(h['Content-Security-Policy'] || '', /default-src 'self'/, `${urlPath} is sent with the CSP`);
      if (urlPath.startsWith('/assets/')) assert.equal(h['Cache-Control'], 'public, max-age=31536000, immutable', urlPath);
      else assert.equal(h['Cache-Control'], 'no-cache', urlPath);
    }
    const wasm = paths.find((u) => u.endsWith('.wasm'));
    assert.equal(server.responses.get(wasm)['Content-Type'], 'application/wasm');
  } finally {
    await p.close();
    await server.close();
  }
});

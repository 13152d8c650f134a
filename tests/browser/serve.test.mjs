// scripts/serve.mjs: MIME types, the CSP header, no directory traversal, loopback only.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { CSP, startServer } from '../../scripts/serve.mjs';

let server;
let dir;
before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'rw-serve-'));
  const root = path.join(dir, 'www');
  mkdirSync(path.join(root, 'pkg'), { recursive: true });
  for (const f of ['index.html', 'app.js', 'style.css', 'x.mjs', 'a.json', 'i.svg', 'pkg/e.wasm', 'd.csv']) {
    writeFileSync(path.join(root, f), 'x');
  }
  writeFileSync(path.join(dir, 'secret.txt'), 'secret');
  symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'link.txt'));
  server = await startServer({ root, port: 0 });
});
after(async () => {
  await server?.close();
});

/** A raw GET whose path is sent as written (no URL normalisation by the client). */
function get(rawPath) {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('binds 127.0.0.1 and reports its URL', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
});

test('MIME types', async () => {
  const want = {
    '/': 'text/html; charset=utf-8',
    '/index.html': 'text/html; charset=utf-8',
    '/app.js': 'text/javascript; charset=utf-8',
    '/x.mjs': 'text/javascript; charset=utf-8',
    '/style.css': 'text/css; charset=utf-8',
    '/a.json': 'application/json; charset=utf-8',
    '/i.svg': 'image/svg+xml',
    '/pkg/e.wasm': 'application/wasm',
    '/d.csv': 'text/csv; charset=utf-8',
  };
  for (const [p, type] of Object.entries(want)) {
    const r = await get(p);
    assert.equal(r.status, 200, p);
    assert.equal(r.headers['content-type'], type, p);
    assert.equal(r.headers['content-security-policy'], CSP, `${p} carries the CSP header`);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
  }
});

test('no directory traversal, no symlink out of the root', async () => {
  for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/pkg/../../secret.txt', '/link.txt', '/%00']) {
    const r = await get(p);
    assert.ok([403, 404].includes(r.status), `${p} → ${r.status}`);
    assert.ok(!r.body.includes('secret'), p);
  }
});

test('404, 405 and directory redirect', async () => {
  assert.equal((await get('/nope.js')).status, 404);
  assert.equal((await get('/pkg')).status, 301);
  const { port } = new URL(server.url);
  const status = await new Promise((resolve) => {
    http.request({ host: '127.0.0.1', port, path: '/', method: 'POST' }, (res) => { res.resume(); resolve(res.statusCode); }).end();
  });
  assert.equal(status, 405);
});

#!/usr/bin/env node
// Tiny dependency-free static file server for the retention-worklist page.
//
//   node scripts/serve.mjs [--port N] [--root DIR]
//
// Defaults: port = $PORT or 8080, root = www (relative to the repository).
// Binds 127.0.0.1 only. Also usable from tests:
//
//   import { startServer } from './scripts/serve.mjs';
//   const { url, close } = await startServer({ root: 'www', port: 0 });

import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.map': 'application/json; charset=utf-8',
};

// The same policy as the <meta> in www/index.html, also sent as a header: a worker's policy comes
// from its own response (not from the page's <meta>), and frame-ancestors only works as a header.
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function mimeFor(file) {
  return MIME_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

/** Resolve a URL path inside root, or return null if it would escape it. */
function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const target = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (target !== root && !target.startsWith(root + path.sep)) return null;
  return target;
}

function handler(root) {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    const urlPath = (req.url || '/').split('?')[0].split('#')[0];
    let file = resolveInside(root, urlPath);
    if (!file) {
      send(res, 403, 'Forbidden\n');
      return;
    }
    try {
      let stat = await fs.stat(file);
      if (stat.isDirectory()) {
        if (!urlPath.endsWith('/')) {
          res.writeHead(301, { Location: urlPath + '/' });
          res.end();
          return;
        }
        file = path.join(file, 'index.html');
        stat = await fs.stat(file);
      }
      if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
      // Refuse symlinks that point outside root.
      const real = await fs.realpath(file);
      const realRoot = await fs.realpath(root);
      if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
        send(res, 403, 'Forbidden\n');
        return;
      }
      res.writeHead(200, {
        'Content-Type': mimeFor(file),
        'Content-Length': stat.size,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': CSP,
        'Referrer-Policy': 'no-referrer',
        'Cross-Origin-Opener-Policy': 'same-origin',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    } catch (err) {
      if (err && (err.code === 'ENOENT' || err.code === 'ENOTDIR')) send(res, 404, 'Not found\n');
      else send(res, 500, 'Internal server error\n');
    }
  };
}

/**
 * Start a static server. Resolves to { url, port, close() }.
 * @param {{ root?: string, port?: number, host?: string }} opts
 */
export function startServer({ root = path.join(REPO_ROOT, 'www'), port = 0, host = '127.0.0.1' } = {}) {
  const absRoot = path.resolve(root);
  const server = createServer(handler(absRoot));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const actual = server.address().port;
      const url = `http://${host}:${actual}/`;
      resolve({
        url,
        port: actual,
        server,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections?.();
          }),
      });
    });
  });
}

function parseArgs(argv) {
  const out = { port: Number(process.env.PORT) || 8080, root: path.join(REPO_ROOT, 'www') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--port' || a.startsWith('--port=')) out.port = Number(val());
    else if (a === '--root' || a.startsWith('--root=')) out.root = path.resolve(val());
    else if (a === '-h' || a === '--help') {
      console.log('Usage: node scripts/serve.mjs [--port N] [--root DIR]\n' +
        '  --port N    port to listen on (default: $PORT or 8080; 0 = any free port)\n' +
        '  --root DIR  directory to serve (default: www)\n' +
        'Binds 127.0.0.1 only.');
      process.exit(0);
    } else throw new Error(`unknown argument: ${a}`);
  }
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) {
    throw new Error('--port must be an integer between 0 and 65535');
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`serve.mjs: ${e.message}`);
    process.exit(2);
  }
  startServer({ root: args.root, port: args.port })
    .then(({ url }) => console.log(`Serving ${url}`))
    .catch((e) => {
      console.error(`serve.mjs: cannot listen on 127.0.0.1:${args.port}: ${e.message}`);
      process.exit(1);
    });
}

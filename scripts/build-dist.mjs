#!/usr/bin/env node
// Builds the page's two distributable forms from www/ (run after scripts/build-wasm.sh; `npm run
// build` runs both):
//
//   dist/retention-worklist.html  one self-contained file for offline use: opened from disk
//                                 (file://) it needs no server and no network. Engine (gzip, base 85),
//                                 worker (a Blob URL), styles, favicon and sample are inlined; its
//                                 Content-Security-Policy allows no network at all (hashes for the
//                                 inline script and style, 'wasm-unsafe-eval', worker-src blob:).
//   dist/site/                    the page for any static host: index.html + assets/ with
//                                 content-hashed names (app.<hash>.js, worker.<hash>.js,
//                                 retention_worklist_bg.<hash>.wasm, style.<hash>.css, …), and
//                                 _headers (Netlify / Cloudflare Pages) with the headers it needs.
//   dist/nginx.conf.example       the same headers for nginx (README.md, "Deploying the page").
//
// The page's modules are bundled with esbuild (the page entry and the worker separately). Three
// things the page does need a server; the build rewrites them, and fails loudly when the text it
// rewrites is not found (so a change to the page cannot silently break these outputs):
//   new Worker('./worker.js', …)            → hashed worker URL / classic worker from a Blob URL of
//                                             the inlined worker (its bundle is a plain script)
//   fetch('./sample/tenants-ejemplo.csv', …) → hashed sample URL / the inlined sample's bytes
//   new URL('retention_worklist_bg.wasm', import.meta.url) (wasm-bindgen's loader)
//                                           → hashed wasm URL / the inlined, gunzipped module
//
//   node scripts/build-dist.mjs [--quiet]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** esbuild (a pinned devDependency), loaded by main(): installed first on a fresh checkout. */
let esbuild;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www');
const DIST = path.join(ROOT, 'dist');
const SINGLE = path.join(DIST, 'retention-worklist.html');
const SITE = path.join(DIST, 'site');
const WASM = path.join(WWW, 'pkg', 'retention_worklist_bg.wasm');
const SAMPLE = path.join(WWW, 'sample', 'tenants-ejemplo.csv');
const FAVICON = path.join(WWW, 'favicon.svg');
/** The single file's size target: 1.5 MB. */
const SINGLE_TARGET = 1_500_000;

const quiet = process.argv.includes('--quiet');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const log = (s) => { if (!quiet) console.log(`[build-dist] ${s}`); };

class BuildError extends Error {}
function fail(msg) {
  throw new BuildError(msg);
}

// ------------------------------------------------------------------------------------ rewrites
// Each rule is matched in the page's modules (and wasm-bindgen's loader); a build fails when one
// of its rules matched nowhere.
const RULES = {
  worker: {
    what: "new Worker('./worker.js', …) (engine.js)",
    re: /new\s+Worker\(\s*(?:new\s+URL\(\s*)?(['"])\.\/worker\.js\1(?:\s*,\s*import\.meta\.url\s*\))?/g,
  },
  sample: {
    what: "fetch('./sample/tenants-ejemplo.csv', …) (app.js)",
    re: /\bfetch\(\s*(?:new\s+URL\(\s*)?(['"])\.\/sample\/tenants-ejemplo\.csv\1(?:\s*,\s*import\.meta\.url\s*\))?/g,
  },
  wasm: {
    what: "new URL('retention_worklist_bg.wasm', import.meta.url) (www/pkg/retention_worklist.js)",
    re: /new\s+URL\(\s*(['"])retention_worklist_bg\.wasm\1\s*,\s*import\.meta\.url\s*\)/g,
  },
};

/**
 * esbuild plugin: in every .js file under www/, replaces each rule's text by `replace[rule].text`
 * and adds `replace[rule].imports` (an import line) to the files it changed. Counts the matches
 * in `counts`.
 */
function rewritePlugin(replace, counts, inline) {
  return {
    name: 'rw-rewrite',
    setup(build) {
      build.onResolve({ filter: /^rw-inline:/ }, (args) => ({ path: args.path, namespace: 'rw-inline' }));
      build.onLoad({ filter: /.*/, namespace: 'rw-inline' }, (args) => {
        if (!(args.path in inline)) fail(`unknown inline module ${args.path}`);
        return { contents: inline[args.path], loader: 'js', resolveDir: WWW };
      });
      build.onLoad({ filter: /\.m?js$/ }, (args) => {
        if (!args.path.startsWith(WWW + path.sep)) return undefined;
        let src = readFileSync(args.path, 'utf8');
        const imports = new Set();
        for (const [rule, r] of Object.entries(replace)) {
          const re = RULES[rule].re;
          re.lastIndex = 0;
          const n = (src.match(re) || []).length;
          if (!n) continue;
          counts[rule] = (counts[rule] || 0) + n;
          src = src.replace(re, r.text);
          if (r.imports) imports.add(r.imports);
        }
        return { contents: [...imports, src].join('\n'), loader: 'js' };
      });
    },
  };
}

/**
 * Bundles `entry` (a file under www/) with `replace` and the virtual modules `inline`
 * ('rw-inline:…' → source) into one script of `format` ('esm' or 'iife'); returns its text.
 */
async function bundle(entry, replace, inline = {}, label = entry, format = 'esm') {
  const counts = {};
  let result;
  try {
    result = await esbuild.build({
      entryPoints: [path.join(WWW, entry)],
      bundle: true,
      format,
      platform: 'browser',
      target: ['es2020'],
      minify: true,
      legalComments: 'none',
      charset: 'utf8',
      write: false,
      logLevel: 'silent',
      plugins: [rewritePlugin(replace, counts, inline)],
    });
  } catch (e) {
    const msgs = (e.errors || []).map((m) => `${m.location ? `${m.location.file}:${m.location.line}: ` : ''}${m.text}`);
    fail(`esbuild could not bundle ${label}:\n  ${msgs.join('\n  ') || e.message}`);
  }
  for (const rule of Object.keys(replace)) {
    if (!counts[rule]) {
      fail(`${label}: expected ${RULES[rule].what} in the modules it bundles, found none. ` +
        'The page changed how it does this: update the rule in scripts/build-dist.mjs (RULES) so the ' +
        'built outputs keep working.');
    }
  }
  if (result.warnings.length) {
    fail(`esbuild warned while bundling ${label}:\n  ${result.warnings.map((m) => m.text).join('\n  ')}`);
  }
  return result.outputFiles[0].text;
}

// ------------------------------------------------------------------------------------ helpers
const sha256 = (data) => createHash('sha256').update(data).digest();
const contentHash = (data) => sha256(data).toString('hex').slice(0, 12);
const cspHash = (text) => `'sha256-${sha256(Buffer.from(text, 'utf8')).toString('base64')}'`;
const gzipB64 = (buf) => gzipSync(buf, { level: 9 }).toString('base64');

/**
 * The digits of base 85: printable ASCII without the characters a JavaScript string literal or an
 * inline <script> would have to escape (" ' ` \\ $ <). 5 digits hold 4 bytes (base64: 4 for 3), so
 * the gzipped engine (about 1 MB) takes about 85 kB less of the single file.
 */
const B85_DIGITS = [...Array(94)].map((_, i) => String.fromCharCode(33 + i)).filter((c) => !'"\'`\\$<'.includes(c)).join('').slice(0, 85);

/** `bytes` in base 85: each 4 bytes (the last ones padded with zeros) a big-endian number in 5 digits. */
function base85(bytes) {
  const padded = Buffer.alloc(Math.ceil(bytes.length / 4) * 4);
  bytes.copy(padded);
  let out = '';
  for (let i = 0; i < padded.length; i += 4) {
    let v = padded.readUInt32BE(i);
    let group = '';
    for (let k = 0; k < 5; k++) {
      group = B85_DIGITS[v % 85] + group;
      v = Math.floor(v / 85);
    }
    out += group;
  }
  return out;
}

/** The decoder of base85() for the page (n: the bytes encoded, without the padding). */
const BASE85_DECODER = `function fromBase85(text, n) {
  const digit = new Uint8Array(128);
  for (let i = 0; i < 85; i++) digit[${JSON.stringify(B85_DIGITS)}.charCodeAt(i)] = i;
  const out = new Uint8Array(Math.ceil(n / 4) * 4);
  for (let i = 0, o = 0; o < out.length; i += 5, o += 4) {
    let v = 0;
    for (let k = 0; k < 5; k++) v = v * 85 + digit[text.charCodeAt(i + k)];
    out[o] = v >>> 24;
    out[o + 1] = (v >>> 16) & 255;
    out[o + 2] = (v >>> 8) & 255;
    out[o + 3] = v & 255;
  }
  return out.subarray(0, n);
}`;
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;

function readText(file) {
  if (!existsSync(file)) fail(`${path.relative(ROOT, file)} is missing`);
  return readFileSync(file, 'utf8');
}

/** `<script>`/`<style>` content must not close or confuse its element. */
function assertInlineSafe(text, what) {
  const bad = /<\/(script|style)|<!--/i.exec(text);
  if (bad) fail(`${what} contains "${bad[0]}", which would end its inline element early`);
}

/** Replaces `re` in `html` (which must match `count` times, or at least once when count is null). */
function replaceIn(html, re, by, what, count = 1) {
  const n = (html.match(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g')) || []).length;
  if (count == null ? n < 1 : n !== count) {
    fail(`www/index.html: expected ${count ?? 'at least one'} ${what}, found ${n}; update scripts/build-dist.mjs`);
  }
  return html.replace(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'), by);
}

/** The parts of www/index.html the build rewrites. */
function parseIndex() {
  const html = readText(path.join(WWW, 'index.html'));
  const styles = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]);
  if (!styles.length) fail('www/index.html: no <link rel="stylesheet" href="…"> found');
  const entries = [...html.matchAll(/<script type="module" src="([^"]+)"><\/script>/g)].map((m) => m[1]);
  if (entries.length !== 1) fail(`www/index.html: expected one <script type="module" src="…"></script>, found ${entries.length}`);
  const csp = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)].map((m) => m[1]);
  if (csp.length !== 1) fail(`www/index.html: expected one Content-Security-Policy <meta>, found ${csp.length}`);
  return { html, styles, entry: entries[0], csp: csp[0] };
}

/** Every stylesheet in order, as one minified CSS. */
async function buildCss(styles) {
  const css = styles.map((href) => readText(path.join(WWW, href))).join('\n');
  const out = await esbuild.transform(css, { loader: 'css', minify: true, legalComments: 'none', charset: 'utf8' });
  return out.code.trim();
}

/** Puts `tag` where the first stylesheet link was, drops the others. */
function replaceStyles(html, tag) {
  let first = true;
  return html.replace(/[ \t]*<link rel="stylesheet" href="[^"]+">\n?/g, (m) => {
    if (!first) return '';
    first = false;
    const indent = /^[ \t]*/.exec(m)[0];
    return `${indent}${tag}\n`;
  });
}

/** Fails when the page still refers to a file the output does not have. */
function assertNoLocalRefs(html, allowed, what) {
  for (const m of html.matchAll(/\s(?:src|href)="([^"]*)"/g)) {
    const ref = m[1];
    if (ref.startsWith('#') || ref.startsWith('data:') || allowed.includes(ref)) continue;
    fail(`${what} still refers to "${ref}", which it does not contain; update scripts/build-dist.mjs`);
  }
}

/** Writes `files` ({ relative path: content }) into `dir` atomically (a sibling, then renamed). */
function writeDir(dir, files) {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(tmp, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  const old = `${dir}.old-${process.pid}`;
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
}

function writeFileAtomic(file, content) {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

// ------------------------------------------------------------------------------------ the site
/** The CSP the site's files are served with: the page's own <meta> policy, plus frame-ancestors. */
function siteCsp(metaCsp) {
  const parts = metaCsp.split(';').map((s) => s.trim()).filter(Boolean);
  if (!parts.some((p) => p.startsWith('frame-ancestors'))) parts.push("frame-ancestors 'none'");
  return parts.join('; ');
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';

async function buildSite(index, css, wasm, sample, favicon) {
  const assets = {};
  const add = (base, ext, content) => {
    const name = `${base}.${contentHash(content)}.${ext}`;
    assets[name] = content;
    return name;
  };
  const wasmName = add('retention_worklist_bg', 'wasm', wasm);
  const sampleName = add('tenants-ejemplo', 'csv', sample);
  const faviconName = add('favicon', 'svg', favicon);
  const cssName = add('style', 'css', css);
  const url = (name) => `new URL('./${name}', import.meta.url)`;

  const worker = await bundle('worker.js', { wasm: { text: url(wasmName) } }, {}, 'the site\'s worker');
  const workerName = add('worker', 'js', worker);
  const app = await bundle(index.entry, {
    worker: { text: `new Worker(${url(workerName)}` },
    sample: { text: `fetch(${url(sampleName)}` },
  }, {}, 'the site\'s page');
  const appName = add('app', 'js', app);

  let html = index.html;
  html = replaceStyles(html, `<link rel="stylesheet" href="assets/${cssName}">`);
  html = replaceIn(html, /<script type="module" src="[^"]+"><\/script>/, `<script type="module" src="assets/${appName}"></script>`, 'module script');
  html = replaceIn(html, /"favicon\.svg"/, `"assets/${faviconName}"`, '"favicon.svg" reference', null);
  assertNoLocalRefs(html, Object.keys(assets).map((n) => `assets/${n}`), 'dist/site/index.html');

  const csp = siteCsp(index.csp);
  const headers = [
    '# Headers for Netlify and Cloudflare Pages (other hosts: README.md, "Deploying the page").',
    '# index.html is revalidated on every visit; everything under /assets/ has a content-hashed name',
    '# and never changes, so it is cached for a year (a new version has new names).',
    '/*',
    `  Content-Security-Policy: ${csp}`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: no-referrer',
    '  Cross-Origin-Opener-Policy: same-origin',
    '/',
    '  Cache-Control: no-cache',
    '/index.html',
    '  Cache-Control: no-cache',
    '/assets/*',
    `  Cache-Control: ${IMMUTABLE}`,
    '',
  ].join('\n');

  const files = { 'index.html': html, _headers: headers };
  for (const [name, content] of Object.entries(assets)) files[`assets/${name}`] = content;
  writeDir(SITE, files);
  writeFileAtomic(path.join(DIST, 'nginx.conf.example'), nginxExample(csp));
  return { files, csp };
}

/** nginx: a file for conf.d/ (http context), for a copy of dist/site/ in /srv/retention-worklist. */
export function nginxExample(csp, root = '/srv/retention-worklist', listen = '80') {
  return `# nginx: serves a copy of dist/site/ (README.md, "Deploying the page"); generated by
# scripts/build-dist.mjs. Put it in /etc/nginx/conf.d/ (it holds a map, so the http context).
# nginx's mime.types already sends .wasm as application/wasm (1.21+).

# index.html is revalidated on every visit; assets/ has content-hashed names: cached for a year.
map $uri $retention_worklist_cache {
    ~^/assets/  "${IMMUTABLE}";
    default     "no-cache";
}

server {
    listen ${listen};
    server_name worklist.example.com;
    root ${root};
    index index.html;

    add_header Cache-Control $retention_worklist_cache always;
    add_header Content-Security-Policy "${csp}" always;
    add_header X-Content-Type-Options nosniff always;
    add_header Referrer-Policy no-referrer always;
    add_header Cross-Origin-Opener-Policy same-origin always;

    location = /_headers { return 404; }
}
`;
}

// ------------------------------------------------------------------------------------ single file
/**
 * Inline module of the worker: the gzipped engine in base 85, gunzipped once with
 * DecompressionStream. The build decodes it again and compares, so a wrong encoding fails here.
 * The bytes are streamed through `new Response(bytes).body`, not `new Blob([bytes]).stream()`: in
 * WebKit (WebKitGTK 2.50, Safari's engine), inside a blob: worker made by a file:// page, reading a
 * Blob's stream rejects with "NotReadableError: The I/O read operation failed." and the engine never
 * starts; a Response's body reads the same bytes in every engine (tests/browser/webkit.test.mjs).
 */
function wasmInlineModule(wasm) {
  const gz = gzipSync(wasm, { level: 9 });
  const text = base85(gz);
  const decode = new Function(`${BASE85_DECODER}; return fromBase85;`)();
  if (!Buffer.from(decode(text, gz.length)).equals(gz)) fail('the engine\'s base-85 text does not decode to its bytes');
  return `${BASE85_DECODER}
const B85 = ${JSON.stringify(text)};
let bytes;
export function wasmBytes() {
  return bytes || (bytes = (async () => {
    const gz = fromBase85(B85, ${gz.length});
    const stream = new Response(gz).body.pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  })());
}
`;
}

export const WORKER_SOURCE_ID = 'rw-worker-src';

/** Inline module of the page: the worker (a Blob URL of its data block) and the sample. */
function pageInlineModule(sample) {
  return `let url;
// A classic worker: Chromium refuses a module worker from a blob: URL made by a file:// page (its
// origin is opaque), and the worker's bundle is a plain script anyway.
export function newWorker(_path, options) {
  if (!url) {
    const src = document.getElementById(${JSON.stringify(WORKER_SOURCE_ID)});
    if (!src) throw new Error('the worker is missing from this page');
    url = URL.createObjectURL(new Blob([src.textContent], { type: 'text/javascript' }));
  }
  return new Worker(url, { ...options, type: 'classic' });
}
const SAMPLE = ${JSON.stringify(gzipB64(sample))};
export async function fetchSample() {
  const bin = atob(SAMPLE);
  const gz = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) gz[i] = bin.charCodeAt(i);
  const stream = new Response(gz).body.pipeThrough(new DecompressionStream('gzip'));
  return new Response(await new Response(stream).arrayBuffer(), { headers: { 'Content-Type': 'text/csv' } });
}
`;
}

/**
 * The markup without its indentation (about 3.5 kB of the single file): a newline followed by spaces
 * renders as the newline alone, one collapsible space. Only where no element keeps its whitespace:
 * the build fails on a <pre> or <textarea> in the markup (the page's pre-wrap paragraphs are empty
 * in it; their text comes from the engine).
 */
function withoutIndentation(html) {
  if (/<(pre|textarea)\b/i.test(html)) fail('www/index.html has a <pre> or <textarea>: the single file\'s markup keeps its indentation then; update withoutIndentation() in scripts/build-dist.mjs');
  return html.replace(/\n[ \t]+/g, '\n');
}

/** The single file's policy: nothing from the network; only this file's own script and style. */
function singleCsp(scriptHash, styleHash) {
  return [
    "default-src 'none'",
    `script-src ${scriptHash} 'wasm-unsafe-eval'`,
    'worker-src blob:',
    `style-src ${styleHash}`,
    'img-src data: blob:',
    "connect-src 'none'",
    "font-src 'none'",
    "media-src 'none'",
    "frame-src 'none'",
    "manifest-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

async function buildSingle(index, css, wasm, sample, favicon) {
  const worker = await bundle('worker.js', {
    wasm: { text: '__rw_wasm_bytes()', imports: "import { wasmBytes as __rw_wasm_bytes } from 'rw-inline:wasm';" },
  }, { 'rw-inline:wasm': wasmInlineModule(wasm) }, 'the single file\'s worker', 'iife');
  const app = await bundle(index.entry, {
    worker: { text: '__rw_new_worker(null', imports: "import { newWorker as __rw_new_worker } from 'rw-inline:page';" },
    sample: { text: '__rw_fetch_sample(null', imports: "import { fetchSample as __rw_fetch_sample } from 'rw-inline:page';" },
  }, { 'rw-inline:page': pageInlineModule(sample) }, 'the single file\'s page');

  // A file opened from disk cannot resolve relative URLs or reach the network: nothing may be left.
  for (const [text, what] of [[worker, 'worker'], [app, 'page script']]) {
    if (/import\.meta/.test(text)) fail(`the single file's ${what} still uses import.meta (a relative URL it cannot resolve)`);
    if (/\bimport\s*\(/.test(text)) fail(`the single file's ${what} still has a dynamic import()`);
  }
  if (/\bfetch\s*\(/.test(app)) fail('the single file\'s page script still calls fetch(): the network is off-limits to it');
  if (/new\s+Worker\(\s*['"`]/.test(app)) fail('the single file\'s page script still creates a worker from a file');
  assertInlineSafe(worker, 'the worker bundle');
  assertInlineSafe(app, 'the page bundle');
  assertInlineSafe(css, 'the stylesheet');

  const faviconUrl = `data:image/svg+xml;base64,${favicon.toString('base64')}`;
  let html = withoutIndentation(index.html);
  html = replaceStyles(html, `<style>${css}</style>`);
  html = replaceIn(html, /"favicon\.svg"/, `"${faviconUrl}"`, '"favicon.svg" reference', null);
  html = replaceIn(html, /<meta http-equiv="Content-Security-Policy" content="[^"]*">/,
    `<meta http-equiv="Content-Security-Policy" content="${singleCsp(cspHash(app), cspHash(css))}">`, 'CSP <meta>');
  // The worker's source: a data block (never run as it is; the page makes a Blob URL of it).
  const workerBlock = `<script type="text/plain" id="${WORKER_SOURCE_ID}">${worker}</script>`;
  // Functions as replacements: the bundles contain "$" sequences String.replace would interpret.
  html = replaceIn(html, /<script type="module" src="[^"]+"><\/script>/, () => `<script type="module">${app}</script>`, 'module script');
  html = replaceIn(html, /<\/body>/, () => `${workerBlock}\n</body>`, '</body>');
  assertNoLocalRefs(html, [faviconUrl], 'dist/retention-worklist.html');
  writeFileAtomic(SINGLE, html);
  return { html, worker, app };
}

// ------------------------------------------------------------------------------------ main
/** Imports esbuild; on a fresh checkout (no node_modules yet) runs `npm ci` first. */
async function loadEsbuild() {
  try {
    return await import('esbuild');
  } catch (e) {
    if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
  }
  const lock = existsSync(path.join(ROOT, 'package-lock.json'));
  const args = [lock ? 'ci' : 'install', '--no-audit', '--no-fund'];
  log(`esbuild is not installed: npm ${args.join(' ')} (the packages of package.json)`);
  try {
    execFileSync(npm, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    fail(`npm ${args.join(' ')} failed: this build needs the npm package esbuild (package.json); install it and retry`);
  }
  return import('esbuild');
}

async function main() {
  const t0 = performance.now();
  esbuild = await loadEsbuild();
  for (const f of [WASM, path.join(WWW, 'pkg', 'retention_worklist.js')]) {
    if (!existsSync(f)) fail(`${path.relative(ROOT, f)} is missing: build the engine first (bash scripts/build-wasm.sh)`);
  }
  mkdirSync(DIST, { recursive: true });
  const index = parseIndex();
  const css = await buildCss(index.styles);
  const wasm = readFileSync(WASM);
  const sample = readFileSync(SAMPLE);
  const favicon = readFileSync(FAVICON);

  const site = await buildSite(index, css, wasm, sample, favicon);
  const single = await buildSingle(index, css, wasm, sample, favicon);
  const ms = Math.round(performance.now() - t0);

  const singleSize = Buffer.byteLength(single.html);
  log(`dist/site/: ${Object.keys(site.files).sort().join(', ')}`);
  log(`dist/retention-worklist.html: ${singleSize} bytes (${kb(singleSize)}; target ${kb(SINGLE_TARGET)}); ` +
    `worker+engine ${kb(Buffer.byteLength(single.worker))}, page script ${kb(Buffer.byteLength(single.app))}, css ${kb(Buffer.byteLength(css))}`);
  if (singleSize > SINGLE_TARGET) {
    console.warn(`[build-dist] WARNING: dist/retention-worklist.html is ${kb(singleSize)}, over the ${kb(SINGLE_TARGET)} target`);
  }
  log(`done in ${ms} ms`);
}

/** The newest modification time (ms) of the inputs of this build: www/ and this script. */
export function newestInput() {
  let newest = statSync(fileURLToPath(import.meta.url)).mtimeMs;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(WWW);
  return newest;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`[build-dist] ERROR: ${e instanceof BuildError ? e.message : e && e.stack ? e.stack : e}`);
    process.exit(1);
  });
}

#!/usr/bin/env node
// Where the .wasm's bytes go: its sections (raw and gzip -9), the code by crate, the largest
// functions. Reads the function names of cargo's own output, which keeps its name section
// (wasm-bindgen removes it from the served module):
//
//   node benches/wasm-size.mjs [MODULE] [--top N]
//     MODULE  default target/wasm/wasm32-unknown-unknown/wasm-release/retention_worklist.wasm
//             (after `bash scripts/build-wasm.sh`); the served www/pkg/retention_worklist_bg.wasm
//             works too, for its sections only (no names)
//
// A generic function is compiled in the crate that names its types, at that crate's opt-level:
// "in this crate" marks calamine's, zip's… functions instantiated by retention_worklist (the
// readers over Cursor<&[u8]>, the split ZIP's writer). Sizes are of function bodies before
// wasm-opt; the served module is smaller, in about the same shares. No dependencies.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 25;
const file = args[0] || path.join(ROOT, 'target/wasm/wasm32-unknown-unknown/wasm-release/retention_worklist.wasm');
const buf = fs.readFileSync(file);

let p = 8;
const leb = () => {
  let r = 0, s = 0, b;
  do { b = buf[p++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80);
  return r;
};
const SECTION = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'data count', 'tag'];
const sections = [];
const bodies = [];
const names = new Map();
let imported = 0;
while (p < buf.length) {
  const id = buf[p++];
  const len = leb();
  const end = p + len;
  let name = SECTION[id] || String(id);
  const start = p;
  if (id === 0) {
    const n = leb();
    name = `custom "${buf.subarray(p, p + n).toString()}"`;
    p += n;
    if (name === 'custom "name"') {
      while (p < end) {
        const sub = buf[p++];
        const subEnd = leb() + p;
        if (sub === 1) {
          for (let i = 0, count = leb(); i < count; i++) {
            const index = leb();
            const l = leb();
            names.set(index, buf.subarray(p, p + l).toString());
            p += l;
          }
        }
        p = subEnd;
      }
    }
  } else if (id === 2) {
    for (let i = 0, count = leb(); i < count; i++) {
      for (let k = 0; k < 2; k++) { const l = leb(); p += l; } // module and field names
      const kind = buf[p++];
      if (kind === 0) { leb(); imported++; } else if (kind === 1) { p++; if (buf[p++] & 1) leb(); leb(); } else if (kind === 2) { if (buf[p++] & 1) leb(); leb(); } else p += 2;
    }
  } else if (id === 10) {
    for (let i = 0, count = leb(); i < count; i++) { const l = leb(); bodies.push(l); p += l; }
  }
  sections.push({ name, raw: len, gzip: zlib.gzipSync(buf.subarray(start, end), { level: 9 }).length });
  p = end;
}

const kb = (n) => `${(n / 1024).toFixed(1).padStart(8)} KB`;
console.log(`${path.relative(process.cwd(), file)}: ${(buf.length / 1024).toFixed(0)} KB raw, ${(zlib.gzipSync(buf, { level: 9 }).length / 1024).toFixed(0)} KB gzip -9`);
console.log('\nsections (raw, gzip -9 of the section alone):');
for (const s of sections.filter((x) => x.raw > 1024)) console.log(`${kb(s.raw)} ${kb(s.gzip)}  ${s.name}`);
if (!names.size) { console.log('\n(no name section: pass cargo\'s output for the code by crate)'); process.exit(0); }

// Rust's v0 mangling names crates as C<disambiguator>_<length><name>: the first one is the crate
// the function is defined in; a trailing retention_worklist, the crate that instantiated it.
const crates = (n) => [...n.matchAll(/C(?:s[0-9a-zA-Z]*_)?(\d+)([a-zA-Z_][a-zA-Z0-9_]*)/g)].map((m) => m[2].slice(0, Number(m[1])));
const byCrate = new Map();
const fns = [];
bodies.forEach((len, i) => {
  const n = names.get(imported + i) || '';
  let crate = n.split(/[^a-zA-Z0-9_]/)[0] || '?';
  if (n.startsWith('_R')) {
    crate = crates(n)[0] || '?';
    if (crate !== 'retention_worklist' && /18retention_worklist$/.test(n)) crate += ' (in this crate)';
  }
  byCrate.set(crate, (byCrate.get(crate) || 0) + len);
  fns.push([len, n.replace(/Cs[0-9a-zA-Z]+_/g, '')]);
});
const total = bodies.reduce((a, b) => a + b, 0);
console.log(`\ncode by crate (${(total / 1024).toFixed(0)} KB of function bodies in ${bodies.length} functions):`);
for (const [c, l] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${kb(l)}  ${c}`);
console.log(`\nlargest functions:`);
for (const [l, n] of fns.sort((a, b) => b[0] - a[0]).slice(0, top)) console.log(`${kb(l)}  ${n.slice(0, 160)}`);

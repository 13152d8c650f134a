#!/usr/bin/env node
// One measurement in a fresh Node process (so heap and RSS numbers belong to that run alone).
// Used by benches/run.mjs; prints one JSON object on stdout.
//
//   node benches/child.mjs wasm INPUT --as-of D --tz Z [--out OUT.xlsx]
//   node benches/child.mjs ref  INPUT --as-of D --tz Z [--out OUT.xlsx] [--stream]
//
// wasm: loads www/pkg/retention_worklist.js, instantiates it with initSync, and times the public
//       call build_worklist(bytes, { asOf, tz, lang, fileName }). Reports the wasm linear memory
//       (memory.buffer.byteLength of the instance, after the call: wasm memory never shrinks, so
//       this is its peak) and the process's peak RSS.
// ref:  times buildWorklistRef (PapaParse + ExcelJS) the same way.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

async function main() {
  const [mode, input, ...rest] = process.argv.slice(2);
  const opt = { asOf: '2026-11-26', tz: 'UTC', out: null, stream: false };
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--as-of') opt.asOf = rest[++i];
    else if (rest[i] === '--tz') opt.tz = rest[++i];
    else if (rest[i] === '--out') opt.out = rest[++i];
    else if (rest[i] === '--stream') opt.stream = true;
    else throw new Error(`unknown argument ${rest[i]}`);
  }
  const res = { mode, input: path.basename(input), rss_before_mb: process.memoryUsage().rss / 1048576 };
  const options = { asOf: opt.asOf, tz: opt.tz, lang: 'es', fileName: path.basename(input) };

  let t = process.hrtime.bigint();
  let run;
  if (mode === 'wasm') {
    const pkg = path.join(ROOT, 'www', 'pkg');
    const mod = await import(pathToFileURL(path.join(pkg, 'retention_worklist.js')).href);
    const exports = mod.initSync({ module: fs.readFileSync(path.join(pkg, 'retention_worklist_bg.wasm')) });
    res.init_ms = ms(t);
    res.wasm_memory_initial_mb = exports.memory.buffer.byteLength / 1048576;
    run = async (bytes) => {
      const r = mod.build_worklist(bytes, options);
      res.wasm_memory_mb = exports.memory.buffer.byteLength / 1048576;
      return { xlsx: r.xlsx, summary: r.summary };
    };
  } else if (mode === 'ref') {
    const { buildWorklistRef } = await import(pathToFileURL(path.join(ROOT, 'benches', 'reference', 'worklist-ref.mjs')).href);
    res.init_ms = ms(t);
    res.stream = opt.stream;
    run = (bytes) => buildWorklistRef(bytes, { ...options, stream: opt.stream });
  } else {
    throw new Error(`mode must be wasm or ref, not ${mode}`);
  }

  t = process.hrtime.bigint();
  const bytes = fs.readFileSync(input);
  res.read_ms = ms(t);
  t = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const { xlsx, summary } = await run(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  res.call_ms = ms(t);
  const cpu = process.cpuUsage(cpu0);
  // CPU time of the call (all threads of this process: includes V8's GC threads).
  res.call_cpu_ms = (cpu.user + cpu.system) / 1000;
  res.xlsx_bytes = xlsx.length;
  if (opt.out) {
    t = process.hrtime.bigint();
    fs.writeFileSync(opt.out, xlsx);
    res.write_ms = ms(t);
  }
  const pick = ['rows', 'critical', 'high', 'medium', 'info', 'no_risk', 'rejected', 'problems'];
  res.summary = Object.fromEntries(pick.map((k) => [k, summary[k]]));
  // maxRSS is in kilobytes.
  res.max_rss_mb = process.resourceUsage().maxRSS / 1024;
  const heap = process.memoryUsage();
  res.heap_used_mb = heap.heapUsed / 1048576;
  res.external_mb = heap.external / 1048576;
  process.stdout.write(JSON.stringify(res) + '\n');
}

main().catch((e) => {
  process.stderr.write(`child.mjs: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});

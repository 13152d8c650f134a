#!/usr/bin/env node
// The side-by-side benchmark: for each size, in one run,
//   1. native CLI            (target/release/retention-worklist under /usr/bin/time -v)
//   2. wasm engine in Node   (www/pkg through the public JS API, child process per run)
//   3. the page in Chromium  (file chosen on <input type=file> → results shown, download ready)
//   3b. (only when asked: --only …,results or --results-first) the page until the counts and the
//       preview are shown (the workbook is built after them), against the native CLI's whole run
//   4. JS reference          (PapaParse + ExcelJS, benches/reference/worklist-ref.mjs; the typical
//                             `writeBuffer()` and ExcelJS's streaming writer)
// then prints a table, writes target/bench/results.json and target/bench/results.md, and the goals'
// table (wasm/native at 100k and 1M, JS peer/wasm at 100k, .wasm gzip, native peak memory / input at
// 1M, native 1M/100k: every ratio from this one run) into benches/PROFILE.md when the run measured
// all of it (the default sizes; not --smoke).
//
//   node benches/run.mjs [--sizes 10000,100000,1000000] [--repeat N] [--only native,wasm,browser,ref,ref-stream]
//                        [--ref-timeout 600] [--as-of 2026-11-26] [--tz America/Mexico_City] [--smoke]
//                        [--results-first]   (= --only native,results --sizes 200000 unless given)
//
// Build first (scripts/bench.sh does): cargo build --release, bash scripts/build-wasm.sh, npm ci.
// Checks correctness, not speed: the wasm output must be byte-identical to the CLI's, and every
// implementation's counts must equal the CLI's --json (a mismatch is reported in the notes and
// makes the exit code 1).

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = path.join(ROOT, 'target', 'bench');
const CLI = process.env.RETENTION_WORKLIST_CLI || path.join(ROOT, 'target', 'release', 'retention-worklist');
const PKG = path.join(ROOT, 'www', 'pkg');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const GNU_TIME = '/usr/bin/time';

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const a = {
    sizes: [10_000, 100_000, 1_000_000],
    repeat: null,
    only: new Set(['native', 'wasm', 'browser', 'ref', 'ref-stream']),
    refTimeout: 600,
    asOf: '2026-11-26',
    tz: 'America/Mexico_City',
    smoke: false,
    resultsFirst: false,
  };
  let sizesGiven = false;
  let onlyGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => argv[++i];
    if (k === '--sizes') sizesGiven = true;
    if (k === '--only') onlyGiven = true;
    if (k === '--sizes') a.sizes = v().split(',').map((s) => Number(s.replace(/_/g, '').replace(/k$/i, '000').replace(/m$/i, '000000')));
    else if (k === '--repeat') a.repeat = Number(v());
    else if (k === '--only') a.only = new Set(v().split(','));
    else if (k === '--ref-timeout') a.refTimeout = Number(v());
    else if (k === '--as-of') a.asOf = v();
    else if (k === '--tz') a.tz = v();
    else if (k === '--smoke') a.smoke = true;
    else if (k === '--results-first') a.resultsFirst = true;
    else if (k === '-h' || k === '--help') {
      console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 20).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown argument ${k}`);
  }
  if (a.resultsFirst) {
    if (!sizesGiven) a.sizes = [200_000];
    if (!onlyGiven) a.only = new Set(['native', 'results']);
  }
  if (a.smoke) {
    a.sizes = [10_000];
    a.repeat ??= 1;
  }
  if (a.sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('--sizes takes positive whole numbers');
  return a;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes) => bytes / 1_048_576;
const fmtRows = (n) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n));

function sh(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function machine() {
  const model = (sh('lscpu', []) || '').split('\n').find((l) => l.startsWith('Model name'))?.split(':')[1]?.trim();
  return {
    nproc: Number(sh('nproc', [])) || os.cpus().length,
    cpu: model || os.cpus()[0]?.model,
    mem_gib: Math.round(os.totalmem() / 2 ** 30),
    os: (sh('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"']) || os.type()),
    kernel: os.release(),
    node: process.version,
    rustc: sh('rustc', ['--version']),
    chromium: sh(CHROMIUM, ['--version']),
    git: sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']),
    git_dirty: (sh('git', ['-C', ROOT, 'status', '--porcelain', '--', 'src', 'www', 'Cargo.toml', 'Cargo.lock']) || '') !== '',
  };
}

/** Spawn a process, collect stdout/stderr, wall time (ms) and exit status; kill after timeoutMs. */
function runProcess(cmd, args, { timeoutMs = 0, env } = {}) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env || process.env });
    let stdout = '', stderr = '', timedOut = false;
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; if (stderr.length > 1e6) stderr = stderr.slice(-5e5); });
    const timer = timeoutMs ? setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs) : null;
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut, wall_ms: Number(process.hrtime.bigint() - t0) / 1e6 });
    });
  });
}

/** Generate the input for a size if missing or older than the generator. */
async function ensureInput(rows, asOf) {
  fs.mkdirSync(BENCH, { recursive: true });
  const file = path.join(BENCH, `tenants-${rows}.csv`);
  const gen = path.join(ROOT, 'benches', 'generate.mjs');
  const fresh = fs.existsSync(file) && fs.statSync(file).mtimeMs >= fs.statSync(gen).mtimeMs && fs.statSync(file).size > 0;
  if (!fresh) {
    process.stderr.write(`[bench] generating ${file}\n`);
    const r = await runProcess(process.execPath, [gen, '--rows', String(rows), '--as-of', asOf, '--out', file]);
    if (r.code !== 0) throw new Error(`generate.mjs failed: ${r.stderr}`);
  }
  return file;
}

const PICK = ['rows', 'critical', 'high', 'medium', 'info', 'no_risk', 'rejected', 'problems'];
const counts = (s) => (s ? Object.fromEntries(PICK.map((k) => [k, s[k]])) : null);
function countsDiffer(a, b) {
  if (!a || !b) return null;
  const d = PICK.filter((k) => a[k] !== b[k]).map((k) => `${k} ${a[k]}≠${b[k]}`);
  return d.length ? d.join(', ') : null;
}

// ---------------------------------------------------------------------------------------------
// 1. Native CLI

async function measureNative(input, out, a) {
  const useTime = fs.existsSync(GNU_TIME);
  const args = [input, '-o', out, '--as-of', a.asOf, '--tz', a.tz, '--json', '-q'];
  const r = useTime ? await runProcess(GNU_TIME, ['-v', CLI, ...args]) : await runProcess(CLI, args);
  if (r.code !== 0) return { ok: false, error: `exit ${r.code}: ${r.stderr.slice(-500)}` };
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const summary = JSON.parse(r.stdout.split('\n').find((l) => l.startsWith('{')));
  return {
    ok: true,
    time_s: r.wall_ms / 1000,
    peak_mb: rss ? Number(rss[1]) / 1024 : null,
    cpu_s: user && sys ? Number(user[1]) + Number(sys[1]) : null,
    counts: counts(summary),
  };
}

// ---------------------------------------------------------------------------------------------
// 2. Wasm in Node, 4. JS reference: child processes

async function measureChild(mode, input, out, a, extra = []) {
  const timeoutMs = mode === 'ref' ? a.refTimeout * 1000 : 0;
  const args = [path.join(ROOT, 'benches', 'child.mjs'), mode, input, '--as-of', a.asOf, '--tz', a.tz, '--out', out, ...extra];
  const r = await runProcess(process.execPath, args, { timeoutMs });
  if (r.timedOut) return { ok: false, error: `timeout after ${a.refTimeout} s (killed)`, time_s: r.wall_ms / 1000, failure: 'timeout' };
  if (r.code !== 0) {
    const oom = /heap out of memory|Reached heap limit|Invalid string length|Array buffer allocation failed|RangeError/.exec(r.stderr);
    const failure = oom ? 'OOM' : r.signal ? `killed by ${r.signal}` : `exit ${r.code}`;
    const line = r.stderr.split('\n').find((l) => /FATAL|Error|error/.test(l)) || r.stderr.slice(-300);
    return { ok: false, failure, error: `${failure}: ${line.trim().slice(0, 300)}`, time_s: r.wall_ms / 1000 };
  }
  const res = JSON.parse(r.stdout.trim().split('\n').pop());
  return {
    ok: true,
    time_s: res.call_ms / 1000,
    cpu_s: res.call_cpu_ms / 1000,
    process_wall_s: r.wall_ms / 1000,
    peak_mb: res.max_rss_mb,
    wasm_memory_mb: res.wasm_memory_mb,
    init_ms: res.init_ms,
    counts: res.summary,
    xlsx_bytes: res.xlsx_bytes,
  };
}

// ---------------------------------------------------------------------------------------------
// 3. The page in headless Chromium

/** Proportional set size (MB) of every process descending from `pid` (Chromium and its children). */
function treePss(rootPid) {
  const children = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch { /* gone */ }
  }
  let total = 0;
  const stack = [...(children.get(rootPid) || [])];
  while (stack.length) {
    const p = stack.pop();
    try {
      const m = /Pss:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'));
      if (m) total += Number(m[1]);
    } catch { /* gone */ }
    stack.push(...(children.get(p) || []));
  }
  return total / 1024;
}

let browserState = null;
async function browserSetup() {
  if (browserState) return browserState;
  const { chromium } = await import('playwright-core');
  const { startServer } = await import(path.join(ROOT, 'scripts', 'serve.mjs'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const server = await startServer({ root: path.join(ROOT, 'www'), port: 0 });
  browserState = { browser, server };
  return browserState;
}
async function browserTeardown() {
  if (!browserState) return;
  await browserState.browser.close().catch(() => {});
  await browserState.server.close().catch(() => {});
  browserState = null;
}

/**
 * The page in Chromium. `until`: 'workbook' = the download is ready (the workbook built, as before
 * the page showed counts first); 'results' = the counts and the preview are on the page.
 */
async function measureBrowser(input, a, expected, until = 'workbook') {
  const { browser, server } = await browserSetup();
  const context = await browser.newContext({ timezoneId: a.tz, locale: 'es-MX', acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e.message || e)));
  page.on('crash', () => errors.push('renderer crashed'));
  let sampler = null;
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => document.body.dataset.state === 'idle', null, { timeout: 30_000 });
    // The report date, as the browser tests set it.
    await page.evaluate(() => { const s = document.getElementById('settings'); if (s) s.open = true; });
    await page.fill('#asOf', a.asOf);
    // Instrument: time from the input's change event to data-state=done (or error), and the
    // main thread's longest stall in between (a 16 ms heartbeat; the work is in a worker).
    await page.evaluate((until) => {
      const w = window;
      w.__bench = { t0: 0, t1: 0, state: '', maxGap: 0 };
      document.getElementById('file').addEventListener('change', () => {
        w.__bench.t0 = performance.now();
        let last = performance.now();
        w.__bench.beat = setInterval(() => {
          const now = performance.now();
          w.__bench.maxGap = Math.max(w.__bench.maxGap, now - last);
          last = now;
        }, 16);
      }, { capture: true });
      new MutationObserver(() => {
        const st = document.body.dataset.state;
        const ready = st === 'error' || (st === 'done' && (until === 'results' || document.body.dataset.workbook === 'ready'));
        if (w.__bench.t0 && !w.__bench.t1 && !w.__bench.pending && ready) {
          w.__bench.state = st;
          clearInterval(w.__bench.beat);
          if (until === 'results' && st === 'done') {
            // Until the frame that shows the counts and the preview is drawn: the task after the
            // animation frame runs once its style, layout and paint are done.
            w.__bench.pending = true;
            requestAnimationFrame(() => setTimeout(() => { w.__bench.t1 = performance.now(); }, 0));
          } else {
            w.__bench.t1 = performance.now();
          }
        }
      }).observe(document.body, { attributes: true, attributeFilter: ['data-state', 'data-workbook'] });
    }, until);
    let peak = 0;
    const rootPid = process.pid;
    sampler = setInterval(() => { peak = Math.max(peak, treePss(rootPid)); }, 250);
    const outer0 = process.hrtime.bigint();
    await page.setInputFiles('#file', input);
    await page.waitForFunction(() => window.__bench.t1 > 0, null, { timeout: 600_000, polling: 50 });
    const outer_s = Number(process.hrtime.bigint() - outer0) / 1e9;
    peak = Math.max(peak, treePss(rootPid));
    clearInterval(sampler);
    sampler = null;
    const b = await page.evaluate(() => ({ ...window.__bench, beat: undefined }));
    const download = await page.evaluate(() => {
      const d = document.getElementById('download');
      return !!d && !d.disabled && d.offsetParent !== null;
    });
    const cards = await page.evaluate(() => {
      const out = {};
      for (const n of document.querySelectorAll('#cards [data-count]')) out[n.dataset.count] = Number(n.textContent.replace(/[^\d]/g, ''));
      return out;
    });
    if (b.state !== 'done') {
      const msg = await page.evaluate(() => document.getElementById('error-message')?.textContent || '');
      return { ok: false, failure: 'error', error: `page shows an error: ${msg.slice(0, 200)}`, time_s: (b.t1 - b.t0) / 1000 };
    }
    if (!download) return { ok: false, failure: 'no download', error: 'download button not ready', time_s: (b.t1 - b.t0) / 1000 };
    const c = { ...expected };
    for (const k of ['critical', 'high', 'medium', 'info', 'no_risk', 'rejected', 'problems']) if (k in cards) c[k] = cards[k];
    return {
      ok: errors.length === 0,
      error: errors.length ? errors.join('; ') : undefined,
      time_s: (b.t1 - b.t0) / 1000,
      outer_s,
      main_thread_max_stall_ms: Math.round(b.maxGap),
      peak_mb: peak,
      counts: c,
    };
  } catch (e) {
    return { ok: false, failure: errors.includes('renderer crashed') ? 'crash' : 'error', error: `${errors.join('; ')} ${e.message.split('\n')[0]}`.trim() };
  } finally {
    if (sampler) clearInterval(sampler);
    await context.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Main

const IMPLS = [
  { key: 'native', label: 'native CLI' },
  { key: 'wasm', label: 'wasm in Node' },
  { key: 'browser', label: 'page (Chromium)' },
  { key: 'results', label: 'page, counts shown' },
  { key: 'ref', label: 'JS ref (writeBuffer)' },
  { key: 'ref-stream', label: 'JS ref (streaming)' },
];

function best(samples) {
  const ok = samples.filter((s) => s.ok);
  if (!ok.length) return samples[samples.length - 1];
  const sorted = [...ok].sort((x, y) => x.time_s - y.time_s);
  const min = sorted[0];
  const cpus = ok.map((s) => s.cpu_s).filter((c) => c != null);
  return {
    ...min,
    cpu_s: cpus.length ? Math.min(...cpus) : null,
    peak_mb: Math.max(...ok.map((s) => s.peak_mb ?? 0)) || min.peak_mb,
    times_s: ok.map((s) => Number(s.time_s.toFixed(4))),
    median_s: sorted[Math.floor((sorted.length - 1) / 2)].time_s,
  };
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  const m = machine();
  const load0 = os.loadavg();
  const started = new Date();
  for (const need of [CLI, path.join(PKG, 'retention_worklist.js'), path.join(PKG, 'retention_worklist_bg.wasm')]) {
    if ((need === CLI && !a.only.has('native')) || (need !== CLI && !a.only.has('wasm') && !a.only.has('browser'))) continue;
    if (!fs.existsSync(need)) throw new Error(`${path.relative(ROOT, need)} is missing: run scripts/bench.sh (it builds everything)`);
  }
  // Outputs go to tmpfs when there is one: the timed native run includes writing (and fsyncing)
  // its output, and on a shared machine a busy disk can add seconds that are not the engine's.
  const shm = '/dev/shm';
  const out = fs.existsSync(shm) && fs.statSync(shm).isDirectory()
    ? fs.mkdtempSync(path.join(shm, 'rw-bench-'))
    : path.join(BENCH, 'out');
  fs.mkdirSync(out, { recursive: true });
  process.on('exit', () => { if (out.startsWith(shm)) fs.rmSync(out, { recursive: true, force: true }); });

  let wasm = null;
  const wasmFile = path.join(PKG, 'retention_worklist_bg.wasm');
  if (fs.existsSync(wasmFile)) {
    const bytes = fs.readFileSync(wasmFile);
    wasm = { raw_bytes: bytes.length, gzip_bytes: zlib.gzipSync(bytes, { level: 9 }).length,
      brotli_bytes: zlib.brotliCompressSync(bytes).length };
  }

  const results = [];
  let problems = 0;
  for (const rows of a.sizes) {
    const input = await ensureInput(rows, a.asOf);
    const inputMb = mb(fs.statSync(input).size);
    const repeat = a.repeat ?? (rows >= 1_000_000 ? 1 : 3);
    const entry = { rows, input_mb: inputMb, repeat, impls: {} };
    results.push(entry);
    process.stderr.write(`[bench] ${fmtRows(rows)} rows (${inputMb.toFixed(1)} MB), ${repeat}×\n`);
    for (const impl of IMPLS) {
      if (!a.only.has(impl.key)) continue;
      const samples = [];
      const reps = impl.key.startsWith('ref') ? (rows >= 100_000 ? 1 : repeat) : repeat;
      for (let i = 0; i < reps; i++) {
        const o = path.join(out, `${impl.key}-${rows}.xlsx`);
        let r;
        if (impl.key === 'native') r = await measureNative(input, o, a);
        else if (impl.key === 'wasm') r = await measureChild('wasm', input, o, a);
        else if (impl.key === 'browser') r = await measureBrowser(input, a, entry.impls.native?.counts);
        else if (impl.key === 'results') r = await measureBrowser(input, a, entry.impls.native?.counts, 'results');
        else if (impl.key === 'ref') r = await measureChild('ref', input, o, a);
        else r = await measureChild('ref', input, o, a, ['--stream']);
        samples.push(r);
        process.stderr.write(`[bench]   ${impl.label.padEnd(22)} ${r.ok ? `${r.time_s.toFixed(3)} s, ${r.peak_mb?.toFixed(0)} MB` : `FAILED ${r.error}`}\n`);
        if (!r.ok && impl.key.startsWith('ref')) break; // a crash or timeout is the result
        await sleep(200);
      }
      const r = best(samples);
      entry.impls[impl.key] = r;
    }
    // Correctness: same counts as the CLI; wasm bytes identical to the CLI's.
    const native = entry.impls.native;
    for (const [k, r] of Object.entries(entry.impls)) {
      if (k === 'native' || !r.ok || !native?.ok) continue;
      const d = countsDiffer(native.counts, r.counts);
      if (d) { r.mismatch = d; problems++; }
    }
    if (native?.ok && entry.impls.wasm?.ok) {
      const same = Buffer.compare(fs.readFileSync(path.join(out, `native-${rows}.xlsx`)), fs.readFileSync(path.join(out, `wasm-${rows}.xlsx`))) === 0;
      entry.impls.wasm.bytes_identical_to_native = same;
      if (!same) problems++;
    }
    // The reference must stay an honest peer: same worklist, cell for cell (values, links, fills).
    // Reported, not fatal (a wording change in the engine should not fail the benchmark); skipped
    // above 100k rows, where reading the workbooks back with ExcelJS would dominate the run.
    if (native?.ok && entry.impls.ref?.ok && rows <= 100_000) {
      const c = await runProcess(process.execPath, [path.join(ROOT, 'benches', 'reference', 'compare.mjs'),
        path.join(out, `native-${rows}.xlsx`), path.join(out, `ref-${rows}.xlsx`), '--max-diffs', '5']);
      entry.impls.ref.same_worklist_as_native = c.code === 0;
      if (c.code !== 0) entry.impls.ref.worklist_diffs = c.stdout.trim().split('\n').slice(1).map((l) => l.trim());
      process.stderr.write(`[bench]   reference vs engine workbook: ${c.stdout.trim().split('\n')[0]}\n`);
    }
    for (const k of ['native', 'wasm', 'ref', 'ref-stream']) fs.rmSync(path.join(out, `${k}-${rows}.xlsx`), { force: true });
  }
  await browserTeardown();

  const report = {
    started: started.toISOString(),
    finished: new Date().toISOString(),
    output_dir: out,
    machine: { ...m, loadavg_start: load0.map((x) => +x.toFixed(2)), loadavg_end: os.loadavg().map((x) => +x.toFixed(2)) },
    options: { sizes: a.sizes, as_of: a.asOf, tz: a.tz, ref_timeout_s: a.refTimeout, smoke: a.smoke },
    wasm,
    results,
    method: 'time = best of N runs (N=3 below 1M rows, 1 at 1M; the JS reference once at ≥100k). CPU s = user+sys CPU time of the same run (best of N); on a shared machine it is the steadier number (wall time includes waiting for a core; the native CLI assembles sheets on a second thread, so its CPU can exceed its wall time). native: wall time of the CLI process (read, parse, classify, render, atomic write + fsync of the output, written to /dev/shm when present), peak RSS and CPU from /usr/bin/time -v. wasm: build_worklist() call in a fresh Node process (module instantiated beforehand; file already read), wasm linear memory after the call, process maxRSS. page: change event on <input type=file> → body[data-state=done] and body[data-workbook=ready] (File read, worker analysis, result render, workbook built), Chromium process-tree peak PSS. page, counts shown (asked for only): the same change event → the first task after the animation frame that follows body[data-state=done], i.e. the counts and the preview laid out and drawn (the workbook is built after). JS ref: buildWorklistRef() call in a fresh Node process (default heap limit), process maxRSS.',
  };
  for (const e of results) {
    const [nat, res] = [e.impls.native, e.impls.results];
    if (nat?.ok && res?.ok) {
      process.stdout.write(`[results first] ${fmtRows(e.rows)} rows: the page shows the counts and the preview after ` +
        `${res.time_s.toFixed(3)} s; the native CLI's whole run takes ${nat.time_s.toFixed(3)} s; ratio ` +
        `${(res.time_s / nat.time_s).toFixed(2)}× native\n`);
    }
  }
  fs.mkdirSync(BENCH, { recursive: true });
  report.goals = goals(report);
  fs.writeFileSync(path.join(BENCH, 'results.json'), JSON.stringify(report, null, 2) + '\n');
  const md = table(report);
  fs.writeFileSync(path.join(BENCH, 'results.md'), md);
  process.stdout.write(md);
  // The goals' table goes into benches/PROFILE.md too, with the command that made it, when this
  // run measured every row of it (not in --smoke, CI's run).
  if (!a.smoke && report.goals.complete) {
    writeGoalsToProfile(report, process.argv.slice(2));
    process.stderr.write('[bench] wrote the goals table into benches/PROFILE.md\n');
  }
  process.stderr.write(`[bench] wrote ${path.relative(ROOT, path.join(BENCH, 'results.json'))} and results.md\n`);
  if (problems) {
    process.stderr.write(`[bench] ${problems} correctness problem(s): see "mismatch" / "bytes_identical_to_native" in results.json\n`);
    process.exitCode = 1;
  }
}

// ---------------------------------------------------------------------------------------------
// The goals (issue "Performance round 3"): five ratios, all from this one run.

const PROFILE_MD = path.join(ROOT, 'benches', 'PROFILE.md');
const GOALS_BEGIN = '<!-- bench:goals (written by benches/run.mjs) -->';
const GOALS_END = '<!-- /bench:goals -->';

/** The goals' figures from one run; `complete` when every row could be measured. */
function goals(report) {
  const at = (rows) => report.results.find((e) => e.rows === rows)?.impls || {};
  const ok = (r) => (r?.ok ? r : null);
  const [k100, m1] = [at(100_000), at(1_000_000)];
  const ratio = (x, y) => (x != null && y ? x / y : null);
  const wasmNative = [100_000, 1_000_000].map((n) => ratio(ok(at(n).wasm)?.time_s, ok(at(n).native)?.time_s));
  const wasmNativeCpu = [100_000, 1_000_000].map((n) => ratio(ok(at(n).wasm)?.cpu_s, ok(at(n).native)?.cpu_s));
  const peerWasm = ratio(ok(k100.ref)?.time_s, ok(k100.wasm)?.time_s);
  const gzipKb = report.wasm ? report.wasm.gzip_bytes / 1024 : null;
  const m1Entry = report.results.find((e) => e.rows === 1_000_000);
  const memTimes = ok(m1.native)?.peak_mb != null && m1Entry ? m1.native.peak_mb / m1Entry.input_mb : null;
  const scale = ratio(ok(m1.native)?.time_s, ok(k100.native)?.time_s);
  const rows = [
    { measure: 'wasm / native, 100k and 1M rows', goal: '≤ 1.3', value: wasmNative.map((v) => (v == null ? '—' : v.toFixed(2))).join(' / '),
      met: wasmNative.every((v) => v != null && v <= 1.3),
      note: `CPU time: ${wasmNativeCpu.map((v) => (v == null ? '—' : v.toFixed(2))).join(' / ')}` },
    { measure: 'JS peer / wasm, 100k rows', goal: '≥ 5', value: peerWasm == null ? '—' : peerWasm.toFixed(2), met: peerWasm != null && peerWasm >= 5,
      note: 'PapaParse + ExcelJS writeBuffer()' },
    { measure: '`.wasm` gzipped', goal: '≤ 850 KB with the workbook reader', value: gzipKb == null ? '—' : `${Math.round(gzipKb).toLocaleString('en-US')} KB`,
      met: gzipKb != null && gzipKb <= 850, note: report.wasm ? `${Math.round(report.wasm.raw_bytes / 1024).toLocaleString('en-US')} KB raw, ${Math.round(report.wasm.brotli_bytes / 1024)} KB brotli` : '' },
    { measure: 'native peak memory at 1M rows', goal: '≤ 4× the input', value: memTimes == null ? '—' : `${memTimes.toFixed(1)}×`,
      met: memTimes != null && memTimes <= 4, note: memTimes == null ? '' : `${m1.native.peak_mb.toFixed(0)} MB for ${m1Entry.input_mb.toFixed(0)} MB` },
    { measure: 'native 1M / 100k', goal: '≤ 10', value: scale == null ? '—' : scale.toFixed(1), met: scale != null && scale <= 10,
      note: scale == null ? '' : `${m1.native.time_s.toFixed(2)} s / ${k100.native.time_s.toFixed(3)} s` },
  ];
  return { rows, complete: rows.every((r) => r.value !== '—' && !r.value.includes('—')) };
}

function goalsTable(report) {
  const lines = ['| measure | goal | this run | met | notes |', '|---|---|---|---|---|'];
  for (const r of report.goals.rows) lines.push(`| ${r.measure} | ${r.goal} | ${r.value} | ${r.met ? 'yes' : '**no**'} | ${r.note} |`);
  return lines.join('\n');
}

/** Replaces the goals block of benches/PROFILE.md (or appends one) with this run's table. */
function writeGoalsToProfile(report, argv) {
  const m = report.machine;
  const cmd = `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
  const block = [GOALS_BEGIN,
    `Command: \`${cmd}\` (\`bash scripts/bench.sh\` → \`node benches/run.mjs\`), ${report.started.slice(0, 10)}, commit ${m.git}` +
    `${m.git_dirty ? ' (with uncommitted changes)' : ''}; load average ${m.loadavg_start.join(' / ')} at the start, ` +
    `${m.loadavg_end.join(' / ')} at the end. Every figure is from this one run (side by side); the full table is in ` +
    '`target/bench/results.md`.', '', goalsTable(report), GOALS_END].join('\n');
  let text = fs.existsSync(PROFILE_MD) ? fs.readFileSync(PROFILE_MD, 'utf8') : '';
  const i = text.indexOf(GOALS_BEGIN);
  const j = text.indexOf(GOALS_END);
  if (i >= 0 && j > i) text = text.slice(0, i) + block + text.slice(j + GOALS_END.length);
  else text = `${text.trimEnd()}\n\n## The goals, measured by \`npm run bench\`\n\n${block}\n`;
  fs.writeFileSync(PROFILE_MD, text);
}

function table(report) {
  const m = report.machine;
  const lines = [];
  lines.push(`### Benchmark: tenant export → XLSX worklist`, '');
  lines.push(`Machine: ${m.nproc} cores, ${m.cpu}, ${m.mem_gib} GiB, ${m.os}; node ${m.node}; ${m.rustc || 'rustc ?'}; ${m.chromium || 'chromium ?'}. ` +
    `Commit ${m.git}${m.git_dirty ? ' (with uncommitted changes)' : ''}. Load average at start ${m.loadavg_start.join(' / ')}, at end ${m.loadavg_end.join(' / ')}` +
    `${m.loadavg_start[0] > m.nproc * 0.5 ? ' (shared machine: other builds were running, expect noise)' : ''}.`, '');
  if (report.wasm) lines.push(`.wasm size: ${(report.wasm.raw_bytes / 1024).toFixed(0)} KB raw, ${(report.wasm.gzip_bytes / 1024).toFixed(0)} KB gzip -9, ${(report.wasm.brotli_bytes / 1024).toFixed(0)} KB brotli.`, '');
  lines.push('| rows | input MB | implementation | time s | CPU s | rows/s | peak memory MB | × native | JS ref (writeBuffer) ÷ this | notes |');
  lines.push('|---:|---:|---|---:|---:|---:|---:|---:|---:|---|');
  for (const e of report.results) {
    const nat = e.impls.native?.ok ? e.impls.native.time_s : null;
    const ref = e.impls.ref?.ok ? e.impls.ref.time_s : null;
    const natCpu = e.impls.native?.ok ? e.impls.native.cpu_s : null;
    for (const impl of IMPLS) {
      const r = e.impls[impl.key];
      if (!r) continue;
      const notes = [];
      if (!r.ok) notes.push(`**${r.failure || 'failed'}**${r.error ? `: ${r.error.replace(/\|/g, '/').slice(0, 120)}` : ''}`);
      if (r.wasm_memory_mb != null) notes.push(`wasm memory ${r.wasm_memory_mb.toFixed(0)} MB`);
      if (impl.key !== 'native' && r.ok && r.cpu_s != null && natCpu) notes.push(`CPU ${(r.cpu_s / natCpu).toFixed(2)}× native`);
      if (r.bytes_identical_to_native === true) notes.push('bytes = native');
      if (r.bytes_identical_to_native === false) notes.push('**bytes differ from native**');
      if (r.main_thread_max_stall_ms != null) notes.push(`main thread max stall ${r.main_thread_max_stall_ms} ms`);
      if (impl.key === 'browser' && r.peak_mb != null) notes.push('memory = all Chromium processes (PSS)');
      if (r.mismatch) notes.push(`**counts differ: ${r.mismatch}**`);
      if (r.same_worklist_as_native === true) notes.push('worklist = native, cell for cell');
      if (r.same_worklist_as_native === false) notes.push(`worklist differs from native (${(r.worklist_diffs || [])[0] || '?'})`.replace(/\|/g, '/'));
      if (r.times_s && r.times_s.length > 1) notes.push(`runs ${r.times_s.map((t) => t.toFixed(2)).join(' / ')}`);
      const t = r.ok ? r.time_s : null;
      lines.push([
        fmtRows(e.rows), e.input_mb.toFixed(1), impl.label,
        t != null ? t.toFixed(3) : (r.time_s != null ? `(${r.time_s.toFixed(1)})` : '—'),
        r.ok && r.cpu_s != null ? r.cpu_s.toFixed(2) : '—',
        t != null ? Math.round(e.rows / t).toLocaleString('en-US') : '—',
        r.peak_mb != null && r.ok ? r.peak_mb.toFixed(0) : '—',
        t != null && nat ? `${(t / nat).toFixed(2)}×` : '—',
        t != null && ref ? `${(ref / t).toFixed(1)}×` : (r.ok === false || !ref ? '—' : '—'),
        notes.join('; '),
      ].join(' | ').replace(/^/, '| ').replace(/$/, ' |'));
    }
  }
  lines.push('', `Method: ${report.method}`, '');
  if (report.goals) lines.push('Goals (ratios from this run):', '', goalsTable(report), '');
  return lines.join('\n');
}

main().catch(async (e) => {
  await browserTeardown();
  process.stderr.write(`run.mjs: ${e && e.stack ? e.stack : e}\n`);
  process.exit(2);
});

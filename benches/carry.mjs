#!/usr/bin/env node
// The carry benchmark: what carrying yesterday's worklist costs. The native CLI runs today's
// export with and without `--previous`, alternately, in one process tree, so both see the same
// machine; the ratio is what counts (target: ≤ 1.40).
//
//   node benches/carry.mjs [--rows 1000000] [--repeat 3] [--smoke]
//
// Yesterday's worklist is the CLI's own output for a generated export on the day before (about
// 10 % of the rows are at risk: ~100k worklist rows for a 1M-row export), so it has every column
// the tool writes. Writes target/bench/carry.json. Needs target/release/retention-worklist
// (scripts/bench.sh builds it).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'target', 'bench');
const CLI = path.join(ROOT, 'target', 'release', 'retention-worklist');

function args() {
  const a = { rows: 1_000_000, repeat: 3, smoke: false };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--rows') a.rows = Number(argv[++i]);
    else if (k === '--repeat') a.repeat = Number(argv[++i]);
    else if (k === '--smoke') Object.assign(a, { smoke: true, rows: 20_000, repeat: 1 });
    else throw new Error(`unknown option ${k}`);
  }
  if (!Number.isInteger(a.rows) || a.rows <= 0) throw new Error('--rows takes a positive whole number');
  return a;
}

/** Writes a generated export to `file` (same rows and seed → same bytes). */
function exportFile(rows, asOf, file) {
  if (fs.existsSync(file)) return file;
  const fd = fs.openSync(`${file}.tmp`, 'w');
  generate({ rows, asOf, seed: 42 }, (chunk) => fs.writeSync(fd, chunk));
  fs.closeSync(fd);
  fs.renameSync(`${file}.tmp`, file);
  return file;
}

/** Runs the CLI and returns the wall time in seconds. */
function run(cliArgs) {
  const t = process.hrtime.bigint();
  execFileSync(CLI, cliArgs, { stdio: ['ignore', 'ignore', 'inherit'] });
  return Number(process.hrtime.bigint() - t) / 1e9;
}

const a = args();
if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: cargo build --release`);
fs.mkdirSync(OUT, { recursive: true });
const today = '2026-11-27';
const csv = exportFile(a.rows, '2026-11-26', path.join(OUT, `tenants-${a.rows}.csv`));
const previous = path.join(OUT, `previous-${a.rows}.xlsx`);
run([csv, '-o', previous, '--as-of', '2026-11-26', '--tz', 'UTC', '-q']);
const previousRows = JSON.parse(
  execFileSync(CLI, [csv, '-o', path.join(OUT, 'probe.xlsx'), '--as-of', '2026-11-26', '--tz', 'UTC', '-q', '--json']),
);
const worklistRows = previousRows.critical + previousRows.high + previousRows.medium + previousRows.info;
const base = ['-o', path.join(OUT, 'today.xlsx'), '--as-of', today, '--tz', 'UTC', '-q'];
const plain = [];
const carried = [];
let changes = null;
for (let i = 0; i < a.repeat; i++) {
  plain.push(run([csv, ...base]));
  carried.push(run([csv, ...base, '--previous', previous]));
}
changes = JSON.parse(execFileSync(CLI, [csv, ...base, '--previous', previous, '--json'])).changes;
const best = (xs) => Math.min(...xs);
const ratio = best(carried) / best(plain);
const result = {
  export_rows: a.rows,
  previous_worklist_rows: worklistRows,
  previous_mb: +(fs.statSync(previous).size / 1e6).toFixed(1),
  without_previous_s: plain.map((x) => +x.toFixed(3)),
  with_previous_s: carried.map((x) => +x.toFixed(3)),
  ratio: +ratio.toFixed(3),
  target: 1.4,
  changes,
};
fs.writeFileSync(path.join(OUT, 'carry.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(`carry: ${a.rows.toLocaleString('en')}-row export, ${worklistRows.toLocaleString('en')}-row previous worklist (${result.previous_mb} MB)`);
console.log(`  without --previous  best ${best(plain).toFixed(2)} s   (${result.without_previous_s.join(', ')})`);
console.log(`  with --previous     best ${best(carried).toFixed(2)} s   (${result.with_previous_s.join(', ')})`);
console.log(`  with / without: ${ratio.toFixed(2)}x   (target ≤ 1.40x${a.smoke ? '; smoke run, not checked' : ''})`);
console.log(`  changes: ${JSON.stringify(changes)}`);

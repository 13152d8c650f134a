// Yesterday's worklist through the JavaScript API, given as `previous` (a Uint8Array),
// gives the CLI's `--previous` bytes and summary, and a wrong previous file is an Error that
// says it is about that input (`input: 'previous'`), with the CLI's message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = join(root, 'www', 'pkg');
const cli = process.env.RETENTION_WORKLIST_CLI || join(root, 'target', 'release', 'retention-worklist');
const { initSync, build_worklist, analyze_worklist } = await import(join(pkg, 'retention_worklist.js'));
initSync({ module: readFileSync(join(pkg, 'retention_worklist_bg.wasm')) });

const work = mkdtempSync(join(tmpdir(), 'rw-prev-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

const DAY1 = `tenant_id,tenant_name,subscription_status,payment_failed,trial_ends_at,messages_used,messages_limit
T-1,Uno,past_due,yes,,,
T-2,Dos,trialing,no,2026-12-02,,
T-4,Cuatro,past_due,yes,,,
T-6,Seis,active,no,,950,1000
`;
const DAY2 = `tenant_id,tenant_name,subscription_status,payment_failed,trial_ends_at,messages_used,messages_limit
T-1,Uno,past_due,yes,,,
T-2,Dos,trialing,no,2026-11-28,,
T-4,Cuatro,active,no,,,
T-8,Ocho,past_due,yes,,,
`;
const day1 = join(work, 'hoy.csv');
const day2 = join(work, 'manana.csv');
writeFileSync(day1, DAY1);
writeFileSync(day2, DAY2);

function runCli(file, out, args) {
  const r = spawnSync(cli, [file, '-o', out, '--json', '-q', '--tz', 'UTC', ...args], { encoding: 'buffer' });
  return { status: r.status, stderr: r.stderr.toString(), json: r.stdout.toString() };
}

const previousPath = join(work, 'worklist-2026-11-26.xlsx');
assert.equal(runCli(day1, previousPath, ['--as-of', '2026-11-26']).status, 0);
const previous = new Uint8Array(readFileSync(previousPath));

for (const lang of ['es', 'en']) {
  test(`previous worklist (${lang}): same bytes and changes as the CLI's --previous`, () => {
    const out = join(work, `today-${lang}.xlsx`);
    const c = runCli(day2, out, ['--as-of', '2026-11-27', '--lang', lang, '--previous', previousPath]);
    assert.equal(c.status, 0, c.stderr);
    const options = {
      asOf: '2026-11-27', tz: 'UTC', lang, fileName: 'manana.csv',
      previous, previousFileName: 'worklist-2026-11-26.xlsx',
    };
    const r = build_worklist(readFileSync(day2), options);
    assert.deepEqual(Buffer.from(r.xlsx), readFileSync(out), 'byte-identical XLSX');
    assert.deepEqual(r.summary, JSON.parse(c.json), 'same summary as --json');
    const ch = r.summary.changes;
    assert.deepEqual([ch.new, ch.same, ch.up, ch.down, ch.left], [1, 1, 1, 0, 2]);
    assert.equal(r.summary.previous.file_name, 'worklist-2026-11-26.xlsx');
    // analyze_worklist: the same counts first, then the same workbook.
    const w = analyze_worklist(readFileSync(day2), options);
    try {
      assert.deepEqual(w.result().summary.changes, ch);
      assert.deepEqual(Buffer.from(w.workbook()), readFileSync(out));
    } finally {
      w.free();
    }
  });
}

test('a wrong previous file: an Error about the previous input, the CLI message', () => {
  const c = runCli(day2, join(work, 'never.xlsx'), ['--as-of', '2026-11-27', '--previous', day1]);
  assert.equal(c.status, 1);
  let error;
  try {
    build_worklist(readFileSync(day2), { asOf: '2026-11-27', tz: 'UTC', previous: new Uint8Array(readFileSync(day1)) });
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof Error);
  assert.equal(error.code, 'previous_not_xlsx');
  assert.equal(error.input, 'previous');
  assert.equal(`retention-worklist: ${error.message}\n`, c.stderr);
  assert.throws(
    () => build_worklist(readFileSync(day2), { asOf: '2026-11-25', tz: 'UTC', previous }),
    (e) => e.code === 'previous_after_as_of' && e.input === 'previous',
  );
});

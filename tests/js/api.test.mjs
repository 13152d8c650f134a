// The JavaScript API in Node, over every fixture: same bytes as the CLI,
// same summary as `--json`, errors as Error objects with the CLI's message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = join(root, 'www', 'pkg');
const cli = join(root, 'target', 'release', 'retention-worklist');
const { initSync, build_worklist, version } = await import(join(pkg, 'retention_worklist.js'));
initSync({ module: readFileSync(join(pkg, 'retention_worklist_bg.wasm')) });

const fixtures = join(root, 'tests', 'fixtures');
const inputs = [
  ...readdirSync(fixtures).map((f) => join(fixtures, f)),
  join(root, 'www', 'sample', 'tenants-ejemplo.csv'),
];
const work = mkdtempSync(join(tmpdir(), 'rw-js-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

function runCli(file, args) {
  const out = join(work, 'cli.xlsx');
  const r = spawnSync(cli, [file, '-o', out, '--json', '-q', ...args], { encoding: 'buffer' });
  return { status: r.status, stderr: r.stderr.toString(), json: r.stdout.toString(), out };
}

for (const lang of ['es', 'en']) {
  for (const file of inputs) {
    const name = file.split('/').pop();
    test(`${name} (${lang}): same bytes and summary as the CLI`, () => {
      const options = { asOf: '2026-11-26', tz: 'America/Mexico_City', lang, fileName: name };
      const c = runCli(file, ['--as-of', '2026-11-26', '--tz', 'America/Mexico_City', '--lang', lang]);
      let result;
      let error;
      try {
        result = build_worklist(readFileSync(file), options);
      } catch (e) {
        error = e;
      }
      if (c.status !== 0) {
        assert.ok(error instanceof Error, `${name}: the CLI failed, so must the API`);
        assert.equal(`retention-worklist: ${error.message}\n`, c.stderr, 'same message as the CLI');
        return;
      }
      assert.equal(error, undefined, `${name}: ${error?.message}`);
      assert.deepEqual(Buffer.from(result.xlsx), readFileSync(c.out), 'byte-identical XLSX');
      assert.deepEqual(result.summary, JSON.parse(c.json), 'same summary as --json');
      const s = result.summary;
      assert.equal(s.rows, s.critical + s.high + s.medium + s.info + s.no_risk + s.rejected);
      assert.equal(result.preview.length, s.critical + s.high + s.medium + s.info);
    });
  }
}

test('preview rows carry what the page shows, in urgency order', () => {
  const r = build_worklist(readFileSync(join(root, 'www', 'sample', 'tenants-ejemplo.csv')), {
    asOf: '2026-11-26',
    tz: 'America/Mexico_City',
  });
  const order = ['critical', 'high', 'medium', 'info'];
  const ranks = r.preview.map((p) => order.indexOf(p.level));
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
  const first = r.preview[0];
  for (const k of ['level', 'level_label', 'id', 'tenant', 'owner', 'email', 'phone', 'executive', 'plan', 'reason', 'action', 'other_signals', 'line']) {
    assert.ok(k in first, `preview row has ${k}`);
  }
  assert.match(first.level_label, /CRÍTICO/);
});

test('progress is reported for every stage', () => {
  const stages = [];
  build_worklist(readFileSync(join(fixtures, 'es-excel-semicolon.csv')), { asOf: '2026-11-26', tz: 'UTC' }, (s, f) => {
    assert.ok(f >= 0 && f <= 1);
    stages.push(s);
  });
  assert.deepEqual([...new Set(stages)], ['reading', 'classifying', 'writing']);
});

test('bad options and unknown option names throw Errors', () => {
  const bytes = readFileSync(join(fixtures, 'en-db-comma.csv'));
  assert.throws(() => build_worklist(bytes, { asOf: '26/11/2026' }), { name: 'Error', message: /as-of/ });
  assert.throws(() => build_worklist(bytes, { asOf: '2026-11-26', tz: 'Mars/Olympus' }), /tz/);
  assert.throws(() => build_worklist(bytes, { asof: '2026-11-26' }), /asof/);
  assert.throws(() => build_worklist(bytes, { asOf: '2026-11-26', lang: 'en', highDays: 9 }), /Invalid value for medium-days/);
});

test('options default sensibly: today and the runtime zone', () => {
  const r = build_worklist(readFileSync(join(fixtures, 'en-db-comma.csv')), {});
  assert.match(r.summary.as_of, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(r.summary.tz, Intl.DateTimeFormat().resolvedOptions().timeZone === 'UTC' ? 'UTC' : Intl.DateTimeFormat().resolvedOptions().timeZone);
  assert.equal(typeof version(), 'string');
});

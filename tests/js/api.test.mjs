// The JavaScript API in Node, over every fixture: same bytes as the CLI,
// same summary as `--json` (facts only: the same for every language), the words
// that go with it (problems, notices, rules not evaluated) in the language asked
// for, engine_info, errors as Error objects with the CLI's message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = join(root, 'www', 'pkg');
const cli = process.env.RETENTION_WORKLIST_CLI || join(root, 'target', 'release', 'retention-worklist');
const { initSync, build_worklist, engine_info, version } = await import(join(pkg, 'retention_worklist.js'));
initSync({ module: readFileSync(join(pkg, 'retention_worklist_bg.wasm')) });

const fixtures = join(root, 'tests', 'fixtures');
const sheets = join(fixtures, 'sheets');
const inputs = [
  ...readdirSync(fixtures).map((f) => join(fixtures, f)).filter((f) => statSync(f).isFile()),
  // Exports as workbooks (LibreOffice-made .xlsx, .ods, .xls): the same bytes as the CLI too.
  ...readdirSync(sheets).map((f) => join(sheets, f)),
  // Billing systems' own exports (money, decline codes, zones in headers).
  ...readdirSync(join(fixtures, 'billing')).map((f) => join(fixtures, 'billing', f)),
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
      assert.ok(!('lang' in s), 'the summary is facts: no language');

      // The words that go with the facts, one for one.
      assert.equal(result.problems.length, s.problem_list.length, 'one worded problem per listed problem');
      result.problems.forEach((p, i) => {
        const f = s.problem_list[i];
        for (const k of ['line', 'tenant', 'value']) assert.equal(p[k], f[k], `problem ${i} ${k}`);
        // A workbook's problem names its cell too: «Fecha fin trial (Hoja1!I19)».
        assert.equal(p.column, f.cell ? `${f.column} (${f.cell})` : f.column, `problem ${i} column`);
        assert.equal(typeof p.expected, 'string');
        assert.ok(p.expected.length > 0 && p.expected !== f.expected, `problem ${i}: "expected" in words, not the code ${f.expected}`);
      });
      assert.equal(result.notices.length, s.notices.length, 'one worded notice per notice code');
      for (const n of result.notices) assert.equal(typeof n, 'string');
      assert.deepEqual(result.rules_not_evaluated.map((r) => r.level), s.rules_not_evaluated.map((r) => r.level));
      for (const r of result.rules_not_evaluated) assert.ok(typeof r.text === 'string' && r.text.length > 0);
      for (const row of result.preview) {
        assert.ok(row.mailto === null || (typeof row.mailto === 'string' && row.mailto.startsWith('mailto:')), `mailto ${row.mailto}`);
        assert.ok(row.tel === null || (typeof row.tel === 'string' && row.tel.startsWith('tel:')), `tel ${row.tel}`);
        if (!row.email) assert.equal(row.mailto, null, 'no email, no link');
        if (!row.phone) assert.equal(row.tel, null, 'no phone, no link');
      }
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
  for (const k of ['level', 'level_label', 'id', 'tenant', 'owner', 'email', 'phone', 'executive', 'plan', 'reason', 'action', 'other_signals', 'line', 'mailto', 'tel']) {
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
  // The same string as `retention-worklist --version` (and the workbook's Resumen).
  assert.equal(version(), spawnSync(cli, ['--version'], { encoding: 'utf8' }).stdout.trim());
});

for (const file of inputs) {
  const name = file.split('/').pop();
  test(`${name}: the summary is the same in Spanish and English (API and CLI --json)`, (t) => {
    const opts = (lang) => ({ asOf: '2026-11-26', tz: 'America/Mexico_City', lang, fileName: name });
    let es;
    try {
      es = build_worklist(readFileSync(file), opts('es'));
    } catch {
      t.skip('unusable input: no summary');
      return;
    }
    const en = build_worklist(readFileSync(file), opts('en'));
    assert.equal(JSON.stringify(en.summary), JSON.stringify(es.summary));
    const cli = (lang) => runCli(file, ['--as-of', '2026-11-26', '--tz', 'America/Mexico_City', '--lang', lang, '--file-name', name]).json;
    assert.equal(cli('en'), cli('es'), 'the CLI prints the same --json in both languages');
    // The words differ where there are words.
    if (es.preview.length) assert.notEqual(es.preview[0].level_label, en.preview[0].level_label);
  });
}

test('engine_info: defaults, levels with fills and triggers, shared words', () => {
  assert.equal(typeof engine_info, 'function');
  const info = engine_info();
  assert.equal(info.version, version());
  assert.deepEqual(
    { highDays: info.defaults.highDays, mediumDays: info.defaults.mediumDays, usagePercent: info.defaults.usagePercent, productName: info.defaults.productName },
    { highDays: 3, mediumDays: 7, usagePercent: 90, productName: 'ImagineCRM' },
  );
  assert.equal(info.defaults.lang, 'es');
  assert.deepEqual(info.levels.map((l) => l.key), ['critical', 'high', 'medium', 'info']);
  for (const l of info.levels) {
    assert.match(l.fill, /^#[0-9A-Fa-f]{6}$/, `${l.key} fill`);
    assert.equal(l.label, `${l.emoji} ${l.word}`);
    assert.ok(l.trigger.length > 0);
  }
  assert.equal(info.levels[0].word, 'CRÍTICO');
  assert.equal(typeof info.words, 'object');

  // The triggers follow the thresholds given; fills and defaults do not change.
  const changed = engine_info({ highDays: 5, mediumDays: 10, usagePercent: 80 });
  const trigger = (i, key) => i.levels.find((l) => l.key === key).trigger;
  assert.match(trigger(info, 'high'), /≤\s*3\b/);
  assert.match(trigger(changed, 'high'), /≤\s*5\b/);
  assert.match(trigger(changed, 'medium'), /6\s*[–-]\s*10/);
  assert.match(trigger(changed, 'info'), /80/);
  assert.deepEqual(changed.levels.map((l) => l.fill), info.levels.map((l) => l.fill));
  assert.deepEqual(changed.defaults, info.defaults);

  // Words in the language asked for, with the same keys.
  const en = engine_info({ lang: 'en' });
  assert.equal(en.levels[0].word, 'CRITICAL');
  assert.deepEqual(Object.keys(en.words), Object.keys(info.words));
  assert.notDeepEqual(en.words, info.words);
  assert.deepEqual(en.defaults, info.defaults, 'the defaults are the same whatever the language');
});

test('engine_info: the options table, the same options the API takes and the CLI offers', () => {
  const es = engine_info();
  const en = engine_info({ lang: 'en' });
  const keys = es.options.map((o) => o.key);
  assert.deepEqual(en.options.map((o) => o.key), keys);
  // Every option the table lists is one the API takes, and a key it does not list is refused.
  for (const o of es.options) {
    const value = o.kind === 'columns' ? {} : null;
    assert.doesNotThrow(() => engine_info({ [o.key]: value }), o.key);
  }
  assert.throws(() => engine_info({ asof: '2026-11-26' }), (e) => e.code === 'unknown_option');
  // The CLI's --help offers every flag of the table.
  const help = spawnSync(cli, ['--help'], { encoding: 'utf8' }).stdout;
  for (const o of es.options.filter((x) => x.flag)) assert.ok(help.includes(`--${o.flag} `), `--help lacks --${o.flag}`);
  // The settings form's fields, their words in each language and their defaults.
  const settings = es.options.filter((o) => o.settings).map((o) => o.key);
  assert.deepEqual(settings, ['asOf', 'tz', 'dateOrder', 'highDays', 'mediumDays', 'usagePercent', 'criticalOverdueDays', 'highOverdueDays', 'productName']);
  for (const o of es.options) {
    const e = en.options.find((x) => x.key === o.key);
    assert.ok(o.label && e.label, `${o.key} has a label in both languages`);
    if (o.settings) assert.notEqual(o.label, e.label, `${o.key}: Spanish and English labels differ`);
    if (o.default !== null) assert.equal(es.defaults[o.key], o.default, `${o.key}: defaults agree`);
  }
  const high = es.options.find((o) => o.key === 'highDays');
  assert.deepEqual([high.kind, high.min, high.max, high.default], ['integer', 0, 365, 3]);
  assert.equal(high.label, 'ALTO: el trial vence en ≤ días');
  const order = en.options.find((o) => o.key === 'dateOrder');
  assert.deepEqual(order.choices.map((c) => c.value), ['', 'dmy', 'mdy']);
  assert.equal(order.choices[1].label, 'Day/month/year');
  // A value the table's bounds refuse is refused with the table's words.
  const refused = (() => { try { engine_info({ highDays: 366 }); } catch (e) { return e; } })();
  assert.equal(refused.option, 'highDays');
  assert.equal(refused.expected, high.expected);
  assert.deepEqual(Object.keys(es.preview).sort(), ['first', 'more', 'view']);
});

test('engine_info: the history\'s words for the columns of summary.history, the chart\'s line colours', () => {
  const sample = readFileSync(join(root, 'www', 'sample', 'tenants-ejemplo.csv'));
  const { summary } = build_worklist(sample, { asOf: '2026-11-26', tz: 'America/Mexico_City' });
  assert.equal(summary.history.length, 1, 'without a previous list: today alone');
  const es = engine_info();
  const en = engine_info({ lang: 'en' });
  for (const info of [es, en]) {
    assert.deepEqual(info.history.columns.map((c) => c.key), Object.keys(summary.history[0]), 'a word for each key, in order');
    for (const l of info.levels) {
      assert.match(l.line, /^#[0-9A-F]{6}$/, `${l.key} line`);
      assert.notEqual(l.line, l.fill, `${l.key}: the line is darker than the fill`);
    }
  }
  assert.deepEqual([es.history.title, en.history.title], ['Historial', 'Daily history']);
  assert.deepEqual(es.history.columns.slice(0, 2).map((c) => c.label), ['Fecha de corte', '🔴 CRÍTICO']);
  assert.deepEqual(en.history.columns.slice(0, 2).map((c) => c.label), ['As-of date', '🔴 CRITICAL']);
  assert.deepEqual(es.levels.map((l) => l.line), en.levels.map((l) => l.line));
  assert.notEqual(es.history.chart, en.history.chart);
});

test('engine_info: invalid options throw Errors in the chosen language', () => {
  assert.throws(() => engine_info({ lang: 'en', highDays: 9 }), { name: 'Error', message: /medium-days/ });
  assert.throws(() => engine_info({ lang: 'xx' }), Error);
  assert.throws(() => engine_info({ highdays: 3 }), /highdays/);
});

test('a workbook: the sheet option picks a sheet, a missing one is an error naming the sheets', () => {
  const bytes = readFileSync(join(sheets, 'tenants-ejemplo.xlsx'));
  const base = { asOf: '2026-11-26', tz: 'UTC', lang: 'es', fileName: 'tenants-ejemplo.xlsx' };
  const picked = build_worklist(bytes, { ...base, sheet: 'tenants-ejemplo' });
  const auto = build_worklist(bytes, base);
  assert.equal(picked.summary.sheet, 'tenants-ejemplo');
  assert.deepEqual(Buffer.from(picked.xlsx), Buffer.from(auto.xlsx));
  assert.ok(picked.problems.some((p) => p.column.includes('(tenants-ejemplo!I19)')), 'problems name the cell');
  assert.throws(() => build_worklist(bytes, { ...base, sheet: 'Nope' }), (e) => {
    assert.equal(e.code, 'sheet_not_found');
    assert.match(e.message, /«Nope»/);
    return true;
  });
});

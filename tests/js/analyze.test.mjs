// analyze_worklist, the page's way in: counts first, the workbook when asked. Over every
// fixture and the sample: result(all) equals build_worklist's (without xlsx), result() has the first
// 200 rows, preview() pages, filters and picks rows as build_worklist's preview has them, workbook()
// is the same bytes, email(i) agrees with the preview row's link; errors carry the facts the page
// uses (code, option, value, expected, headers); engine_info gives fields and formats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = join(root, 'www', 'pkg');
const { initSync, analyze_worklist, build_worklist, engine_info } = await import(join(pkg, 'retention_worklist.js'));
initSync({ module: readFileSync(join(pkg, 'retention_worklist_bg.wasm')) });

const fixtures = join(root, 'tests', 'fixtures');
const sheets = join(fixtures, 'sheets');
const inputs = [
  ...readdirSync(fixtures).map((f) => join(fixtures, f)).filter((f) => statSync(f).isFile()),
  ...readdirSync(sheets).map((f) => join(sheets, f)),
  join(root, 'www', 'sample', 'tenants-ejemplo.csv'),
];

/** preview(): every row once across pages, a level's rows, a search's rows. */
function assertPreviewPages(w, preview) {
  const all = preview.length;
  const pages = [];
  for (let offset = 0; offset < all || offset === 0; offset += 7) {
    const page = w.preview({ offset, count: 7 });
    assert.equal(page.total, all);
    assert.ok(page.indices instanceof Uint32Array);
    assert.deepEqual([...page.indices], page.rows.map((_, i) => offset + i));
    pages.push(...page.rows);
  }
  assert.deepEqual(pages, preview, 'the pages are the preview, in order');
  assert.deepEqual(w.preview().rows, preview.slice(0, 200), '200 rows when not told');
  assert.deepEqual(w.preview({ offset: all + 5 }).rows, []);
  for (const level of ['critical', 'high', 'medium', 'info']) {
    const want = preview.map((row, i) => [row, i]).filter(([row]) => row.level === level);
    const page = w.preview({ level, count: all });
    assert.equal(page.total, want.length, level);
    assert.deepEqual(page.rows, want.map(([row]) => row), level);
    assert.deepEqual([...page.indices], want.map(([, i]) => i), level);
  }
  // The engine's search: every typed word in one of the row's texts, case and accents aside
  // (an oracle written here from the rule, not from the engine's code).
  const fold = (x) => String(x).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const texts = preview.map((row) => [row.id, row.tenant, row.owner, row.email, row.phone, row.executive,
    row.plan, row.reason, row.action, row.other_signals, row.level_label].map(fold));
  const searches = ['', '  ', ...preview.slice(0, 3).flatMap((row) => [
    row.tenant.toUpperCase(), `${row.id} ${row.level_label}`, row.email.slice(1, 6),
  ]), 'zzz-no-such-tenant'];
  for (const search of searches) {
    const terms = fold(search).split(/\s+/).filter(Boolean);
    const want = texts.map((t, i) => [t, i]).filter(([t]) => terms.every((w) => t.some((f) => f.includes(w))));
    const page = w.preview({ search, count: all });
    assert.equal(page.total, want.length, `search ${JSON.stringify(search)}`);
    assert.deepEqual([...page.indices], want.map(([, i]) => i), `search ${JSON.stringify(search)}`);
    if (all) {
      const level = preview[0].level;
      const both = w.preview({ search, level, count: all });
      assert.deepEqual([...both.indices], want.map(([, i]) => i).filter((i) => preview[i].level === level));
    }
  }
  assert.throws(() => w.preview({ level: 'urgent' }), /urgent/);
  assert.throws(() => w.preview({ count: -1 }), /count/);
}

function attempt(fn) {
  try {
    return { value: fn() };
  } catch (error) {
    return { error };
  }
}

for (const lang of ['es', 'en']) {
  for (const file of inputs) {
    const name = file.split('/').pop();
    test(`${name} (${lang}): analyze_worklist = build_worklist, workbook() the same bytes`, () => {
      const bytes = readFileSync(file);
      const options = { asOf: '2026-11-26', tz: 'America/Mexico_City', lang, fileName: name };
      const built = attempt(() => build_worklist(bytes, options));
      const stages = [];
      const analysed = attempt(() => analyze_worklist(bytes, options, (s) => stages.push(s)));
      if (built.error) {
        assert.ok(analysed.error, 'both refuse the file');
        assert.equal(analysed.error.message, built.error.message);
        assert.equal(analysed.error.code, built.error.code);
        return;
      }
      const w = analysed.value;
      try {
        assert.ok(!stages.includes('writing'), `no workbook written before it is asked for: ${stages}`);
        const { xlsx, ...rest } = built.value;
        const all = rest.preview.length;
        assert.equal(w.rows(), all);
        assert.deepEqual(w.result(all), { ...rest, preview_rows: all });
        assert.deepEqual(w.result(), { ...rest, preview: rest.preview.slice(0, 200), preview_rows: all });
        assert.deepEqual(w.result(0).preview, []);
        assertPreviewPages(w, rest.preview);
        assert.ok(Buffer.from(w.workbook()).equals(Buffer.from(xlsx)), 'workbook() = build_worklist().xlsx');
        for (let i = 0; i < rest.preview.length; i++) {
          const mail = w.email(i);
          assert.ok(mail.subject && mail.draft, `row ${i}: a subject and a draft`);
          const row = rest.preview[i];
          assert.equal(mail.mailto === null, row.mailto === null, `row ${i}: a mail link exactly where the preview has one`);
          if (mail.mailto) assert.ok(mail.mailto.startsWith(`${row.mailto}&body=`), `row ${i}: the preview's link plus the draft`);
        }
        assert.equal(w.email(rest.preview.length), undefined);
      } finally {
        w.free();
      }
    });
  }
}

test('errors carry the facts the page shows by the field', () => {
  const { error } = attempt(() => analyze_worklist(new TextEncoder().encode('id;nombre\n1;a\n'), { lang: 'es', highDays: 5, mediumDays: 2 }));
  assert.equal(error.code, 'invalid_option');
  assert.equal(error.option, 'mediumDays');
  assert.equal(error.value, '2');
  assert.ok(error.expected && error.message.includes(error.expected));
  const zone = attempt(() => engine_info({ lang: 'en', tz: 'Mexico' })).error;
  assert.equal(zone.option, 'tz');
  assert.ok(zone.expected);
});

test('a column error lists the file\'s headers; a mapping with them is accepted', () => {
  const csv = 'id;empresa;Fecha vencimiento prueba\nt-1;Uno;27/11/2026\n';
  const bytes = new TextEncoder().encode(csv);
  const options = { lang: 'es', asOf: '2026-11-26', tz: 'UTC' };
  const { error } = attempt(() => analyze_worklist(bytes, options));
  assert.equal(error.code, 'no_rule_evaluable');
  assert.deepEqual(error.headers, ['id', 'empresa', 'Fecha vencimiento prueba']);
  const w = analyze_worklist(bytes, { ...options, columns: { trial_ends_at: 'Fecha vencimiento prueba' } });
  try {
    assert.equal(w.result().summary.high, 1);
  } finally {
    w.free();
  }
  const missing = attempt(() => analyze_worklist(bytes, { ...options, columns: { trial_ends_at: 'Otra' } })).error;
  assert.equal(missing.code, 'mapped_column_missing');
  assert.equal(missing.option, 'columns');
  assert.equal(missing.field, 'trial_ends_at');
});

test('engine_info: fields in order with labels, the language\'s formats', () => {
  const es = engine_info({ lang: 'es' });
  const en = engine_info({ lang: 'en' });
  assert.equal(es.fields.length, 22);
  assert.deepEqual(es.fields.map((f) => f.key), en.fields.map((f) => f.key));
  assert.equal(es.fields.find((f) => f.key === 'trial_ends_at').label, 'Fin del trial');
  assert.equal(en.fields.find((f) => f.key === 'decline_code').label, 'Decline code');
  const { wholeCurrencies: esWhole, ...esFormat } = es.format;
  const { wholeCurrencies: enWhole, ...enFormat } = en.format;
  assert.deepEqual(esFormat, { date: 'dd/mm/yyyy', thousands: '.', decimal: ',' });
  assert.deepEqual(enFormat, { date: 'yyyy-mm-dd', thousands: ',', decimal: '.' });
  // The currencies the workbook writes without decimals (its `#,##0 "JPY"`), the same in both languages.
  assert.ok(esWhole.includes('JPY') && esWhole.includes('CLP'), esWhole.join(' '));
  assert.ok(!esWhole.includes('USD') && !esWhole.includes('MXN'), esWhole.join(' '));
  assert.deepEqual(enWhole, esWhole);
  assert.match(es.levels.find((l) => l.key === 'high').trigger, /venci/);
});

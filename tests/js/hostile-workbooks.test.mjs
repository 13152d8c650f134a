// Hostile workbooks through the JavaScript API (the page's engine in www/pkg): tiny .xlsx files
// built here — a column past XFD, a row past 1,048,576, a shared strings table declaring
// 4,000,000,000 strings, a stray value at XFD1 — as today's export and as the previous worklist.
// Each refusal is an Error with a code, the input it is about and the message in the chosen
// language (the CLI's words); none aborts the engine, which then reads the next file as usual.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = join(root, 'www', 'pkg');
const { initSync, build_worklist } = await import(join(pkg, 'retention_worklist.js'));
initSync({ module: readFileSync(join(pkg, 'retention_worklist_bg.wasm')) });

// A stored (uncompressed) zip: enough for a workbook.
const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function zip(files) {
  const parts = [];
  const central = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const n = Buffer.from(name);
    const data = Buffer.from(text);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(n.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, n, data);
    central.push(dir, n);
    offset += 30 + n.length + data.length;
  }
  const size = central.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, ...central, end]));
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** A one-sheet .xlsx: the sheet's name, its sheetData, and optionally a shared strings part. */
function xlsx(sheet, rows, shared) {
  const files = {
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
    '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="${sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`,
  };
  if (shared) files['xl/sharedStrings.xml'] = shared;
  return zip(files);
}
const cell = (r, t) => `<c r="${r}" t="inlineStr"><is><t>${t}</t></is></c>`;
const row = (r, cells) => `<row r="${r}">${cells}</row>`;
const line = (r, values) => values.map((v, j) => cell(`${'ABCDE'[j]}${r}`, v)).join('');

/** Today's export with `extra` on its header row and `more` rows after. */
const exportBook = (extra = '', more = '') => xlsx('Hoja1',
  row(1, line(1, ['tenant_id', 'tenant_name', 'payment_failed']) + extra)
  + row(2, line(2, ['T-1', 'Uno', 'yes'])) + row(3, line(3, ['T-2', 'Dos', 'no'])) + more);
/** A previous worklist (the tool's Spanish header, one tenant). */
const previousBook = (extra = '', more = '') => xlsx('Worklist',
  row(1, line(1, ['Nivel', 'ID', 'Tenant', 'Estado', 'Notas']) + extra)
  + row(2, line(2, ['🔴 CRÍTICO', 'T-1', 'Uno', 'Contactado', 'llamar'])) + more);

const TODAY = new TextEncoder().encode('tenant_id,tenant_name,payment_failed\nT-1,Uno,yes\nT-2,Dos,no\n');
const options = (lang, extra = {}) => ({ asOf: '2026-11-27', tz: 'UTC', lang, ...extra });

function refused(run) {
  try {
    run();
  } catch (e) {
    return e;
  }
  assert.fail('expected the engine to refuse the file');
}

const sst = '<?xml version="1.0"?><sst xmlns="' + MAIN + '" count="4000000000" uniqueCount="4000000000">'
  + '<si><t>tenant_id</t></si><si><t>T-1</t></si></sst>';
const CASES = [
  {
    what: 'a column past XFD',
    export: exportBook(cell('ZZZZZZ1', 'extra')),
    previous: previousBook(cell('ZZZZZZ1', 'extra')),
    code: 'cell_outside_grid',
    words: { es: ['ZZZZZZ1', 'fuera de la cuadrícula de Excel'], en: ['ZZZZZZ1', "outside Excel's grid"] },
  },
  {
    what: 'a row past 1,048,576',
    export: exportBook('', row(1048577, cell('A1048577', 'T-9'))),
    previous: previousBook('', row(1048577, cell('B1048577', 'T-9'))),
    code: 'cell_outside_grid',
    words: { es: ['1048577', 'XFD'], en: ['1048577', 'XFD'] },
  },
  {
    what: 'a shared strings table declaring 4,000,000,000 strings',
    export: xlsx('Hoja1', row(1, '<c r="A1" t="s"><v>0</v></c>' + cell('B1', 'payment_failed'))
      + row(2, '<c r="A2" t="s"><v>1</v></c>' + cell('B2', 'yes')), sst),
    previous: xlsx('Worklist', row(1, line(1, ['Nivel', 'ID', 'Tenant', 'Estado'])), sst),
    code: 'false_count',
    words: { es: ['4.000.000.000', 'xl/sharedStrings.xml'], en: ['4,000,000,000', 'xl/sharedStrings.xml'] },
  },
];

for (const c of CASES) {
  for (const lang of ['es', 'en']) {
    test(`${c.what} (${lang}): refused as the export and as the previous list, with a code`, () => {
      const e = refused(() => build_worklist(c.export, options(lang)));
      assert.ok(e instanceof Error);
      assert.equal(e.code, c.code);
      assert.equal(e.input, 'export');
      for (const w of c.words[lang]) assert.ok(e.message.includes(w), e.message);
      const p = refused(() => build_worklist(TODAY, options(lang, { previous: c.previous })));
      assert.equal(p.code, `previous_${c.code}`);
      assert.equal(p.input, 'previous');
      for (const w of c.words[lang]) assert.ok(p.message.includes(w), p.message);
      // The engine is still whole: the next file reads as usual.
      assert.equal(build_worklist(TODAY, options(lang)).summary.critical, 1);
    });
  }
}

test('a stray value at XFD1: one ignored column, the rest read as usual', () => {
  const r = build_worklist(exportBook(cell('XFD1', 'Notas lejanas')), options('es'));
  assert.deepEqual(r.summary.unknown_columns, ['Notas lejanas']);
  assert.equal(r.summary.critical, 1);
  const p = build_worklist(TODAY, options('es', { previous: previousBook(cell('XFD1', 'Notas lejanas')) }));
  assert.deepEqual(p.summary.previous.added_columns, ['Notas lejanas']);
  assert.equal(p.summary.carried, 1);
});

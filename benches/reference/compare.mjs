#!/usr/bin/env node
// Checks that the JS reference does the same job as the engine: reads two workbooks with ExcelJS
// and compares the Worklist sheet cell by cell (values as text, the fill of every row) plus the
// Problemas sheet's lines and columns.
//
//   node benches/reference/compare.mjs ENGINE.xlsx REFERENCE.xlsx [--max-diffs 20]
//
// Exit 0 when they match, 1 with the first differences listed otherwise.

import ExcelJS from 'exceljs';

function text(v) {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return text(v.result);
    if ('text' in v) return String(v.text);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('hyperlink' in v) return String(v.hyperlink);
  }
  if (typeof v === 'number') return String(Math.round(v * 1e9) / 1e9);
  return String(v);
}

function link(v) {
  return v && typeof v === 'object' && 'hyperlink' in v ? v.hyperlink : '';
}

function fill(cell) {
  const f = cell.fill;
  return f && f.type === 'pattern' && f.pattern === 'solid' ? (f.fgColor?.argb ?? '').slice(-6).toUpperCase() : '';
}

async function load(file) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function rowsOf(ws, cols) {
  const out = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const cells = [];
    for (let c = 1; c <= cols; c++) cells.push(row.getCell(c));
    out[n - 1] = cells;
  });
  return out;
}

export async function compareWorkbooks(a, b, maxDiffs = 20) {
  const [wa, wb] = await Promise.all([load(a), load(b)]);
  const diffs = [];
  const note = (d) => { if (diffs.length < maxDiffs) diffs.push(d); };
  const names = (w) => w.worksheets.map((s) => s.name);
  if (names(wa).join('|') !== names(wb).join('|')) note(`sheets: ${names(wa).join(', ')} vs ${names(wb).join(', ')}`);
  // Columns are matched by header text, so a reordering alone is not a difference.
  const la = rowsOf(wa.getWorksheet('Worklist'), 20);
  const lb = rowsOf(wb.getWorksheet('Worklist'), 20);
  if (la.length !== lb.length) note(`Worklist rows: ${la.length} vs ${lb.length}`);
  const ha = la[0].map((c) => text(c.value));
  const hb = lb[0].map((c) => text(c.value));
  const pairs = ha.map((h, i) => [h, i, hb.indexOf(h)]);
  for (const [h, , j] of pairs) if (j < 0) note(`Worklist column ${h} missing in the second workbook`);
  if (ha.join('|') !== hb.join('|')) note(`Worklist column order: ${ha.join(', ')} vs ${hb.join(', ')}`);
  let cells = 0;
  for (let r = 1; r < Math.min(la.length, lb.length); r++) {
    for (const [h, i, j] of pairs) {
      if (j < 0) continue;
      const x = la[r][i], y = lb[r][j];
      cells++;
      if (text(x.value) !== text(y.value)) note(`Worklist R${r + 1} ${h}: ${JSON.stringify(text(x.value)).slice(0, 120)} vs ${JSON.stringify(text(y.value)).slice(0, 120)}`);
      if (link(x.value) !== link(y.value)) note(`Worklist R${r + 1} ${h}: link differs`);
      if (fill(x) !== fill(y)) note(`Worklist R${r + 1} ${h}: fill ${fill(x)} vs ${fill(y)}`);
    }
  }
  const pa = rowsOf(wa.getWorksheet('Problemas'), 5);
  const pb = rowsOf(wb.getWorksheet('Problemas'), 5);
  if (pa.length !== pb.length) note(`Problemas rows: ${pa.length} vs ${pb.length}`);
  for (let r = 0; r < Math.min(pa.length, pb.length); r++) {
    for (let c = 0; c < 5; c++) {
      if (text(pa[r][c].value) !== text(pb[r][c].value)) note(`Problemas R${r + 1}C${c + 1}: ${text(pa[r][c].value)} vs ${text(pb[r][c].value)}`);
    }
  }
  return { ok: diffs.length === 0, diffs, worklistRows: la.length - 1, cells };
}

if (process.argv[1] && process.argv[1].endsWith('compare.mjs')) {
  const [a, b] = process.argv.slice(2);
  const i = process.argv.indexOf('--max-diffs');
  const max = i > 0 ? Number(process.argv[i + 1]) : 20;
  const res = await compareWorkbooks(a, b, max);
  if (res.ok) console.log(`same worklist: ${res.worklistRows} rows, ${res.cells} cells, fills and links equal`);
  else { console.log(`DIFFERENT:\n  ${res.diffs.join('\n  ')}`); process.exit(1); }
}

// The history on the page (the workbook's Historial). The sample read the day after the CLI's own
// worklist of it, with that worklist as the previous list: the page's history table is the CLI's
// `--json` history (both days), under the workbook's Historial headers, dates written the engine's
// way; the chart has one line per level in the workbook chart's colours, drawn from those numbers,
// and is hidden from screen readers (the table is what they read); the download is the CLI's bytes.
// In English the headers are the English workbook's. Without a previous list nothing is shown.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import {
  CLI, SAMPLE, TZ, downloadXlsx, openPage, runCli, runsDone, scratchDir, setSettings, tableSettled,
  uploadFile, useBrowser, waitForRun,
} from './helpers.mjs';

/** The day of the previous list (the sample's own day), and today: the day after. */
const PREVIOUS_DAY = '2026-11-26';
const TODAY = '2026-11-27';
const LEVELS = ['critical', 'high', 'medium', 'info'];

/** The header row of a sheet of a CLI workbook. */
async function sheetHeaders(bytes, sheet) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const ws = wb.getWorksheet(sheet);
  assert.ok(ws, `the CLI's workbook has a ${sheet} sheet`);
  return ws.getRow(1).values.slice(1).map(String);
}

/** The series colours (RRGGBB, in order) of the workbook's line chart. */
function lineChartColours(xlsx, dir) {
  const file = path.join(dir, 'book.xlsx');
  writeFileSync(file, xlsx);
  const xml = execFileSync('python3', ['-c', `import sys,zipfile
z = zipfile.ZipFile(sys.argv[1])
print("".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/") and b"<c:lineChart>" in z.read(n)))`, file], { encoding: 'utf8' });
  assert.match(xml, /<c:lineChart>/, 'the CLI\'s workbook has a line chart');
  return [...xml.matchAll(/<c:ser>.*?srgbClr val="([0-9A-F]{6})"/gs)].map((m) => `#${m[1]}`);
}

/** The history table as shown: its headers, and per row the date as written and the counts. */
function shownTable(page) {
  return page.evaluate(() => ({
    headers: [...document.querySelectorAll('#history-head th')].map((th) => th.textContent),
    rows: [...document.querySelectorAll('#history-body tr')].map((tr) => ({
      asOf: tr.dataset.asOf,
      date: tr.querySelector('th[scope="row"]').textContent,
      counts: Object.fromEntries([...tr.querySelectorAll('td[data-key]')].map((td) => [td.dataset.key, td.textContent])),
    })),
  }));
}

/** The chart as drawn: per level its stroke and its points' y. */
function shownChart(page) {
  return page.evaluate(() => [...document.querySelectorAll('#history-chart svg g[data-level]')].map((g) => ({
    level: g.dataset.level,
    stroke: g.getAttribute('stroke'),
    lines: g.querySelectorAll('polyline').length,
    ys: g.querySelector('polyline').getAttribute('points').trim().split(/\s+/).map((p) => Number(p.split(',')[1])),
    hidden: g.closest('[aria-hidden="true"]') !== null,
  })));
}

/** dd/mm/yyyy: the Spanish workbook's dates. */
const esDate = (iso) => iso.split('-').reverse().join('/');

describe('the history on the page', () => {
  const chrome = useBrowser({ sample: true });

  test('after a previous list: the CLI\'s --json history in a table and a chart, the CLI\'s bytes; nothing without one', async () => {
    const dir = scratchDir();
    const prev = path.join(dir, `worklist-${PREVIOUS_DAY}.xlsx`);
    execFileSync(CLI, [SAMPLE, '-o', prev, '--as-of', PREVIOUS_DAY, '--tz', TZ, '-q']);
    const cli = await runCli(SAMPLE, { asOf: TODAY, extra: ['--previous', prev] });
    const { history } = cli.summary;
    assert.deepEqual(history.map((d) => d.as_of), [PREVIOUS_DAY, TODAY], 'the CLI\'s history has both days');
    const keys = Object.keys(history[0]);
    const sheet = await sheetHeaders(cli.xlsx, 'Historial');
    const colours = lineChartColours(cli.xlsx, dir);
    assert.equal(colours.length, 4, 'the workbook\'s chart has a line per level');

    const p = await openPage(chrome.browser);
    try {
      const { page } = p;
      await setSettings(page, { asOf: TODAY });
      assert.equal(await uploadFile(page, SAMPLE), 'done');
      assert.ok(await page.isHidden('#history'), 'no history without a previous list');
      let before = await runsDone(page);
      await page.setInputFiles('#previous', prev);
      assert.equal(await waitForRun(page, before), 'done');
      await tableSettled(page);
      assert.ok(await page.isVisible('#history'));
      assert.equal(await page.textContent('#history-title'), 'Historial', 'titled as the workbook\'s sheet');

      // The table: the --json history's keys under the sheet's headers, its numbers, the engine's dates.
      const table = await shownTable(page);
      assert.equal(table.headers.length, keys.length, 'a column per key of the --json history');
      let at = -1;
      for (const h of table.headers) {
        const i = sheet.indexOf(h);
        assert.ok(i > at, `"${h}" is a header of the Historial sheet, in its order (${sheet.join(' | ')})`);
        at = i;
      }
      assert.deepEqual(table.headers.slice(0, 5), ['Fecha de corte', '🔴 CRÍTICO', '🟠 ALTO', '🟡 MEDIO', '🔵 INFORMATIVO']);
      const shown = table.rows.map((r) => ({
        as_of: r.asOf,
        ...Object.fromEntries(Object.entries(r.counts).map(([k, v]) => [k, Number(v.replace(/\D/g, ''))])),
      }));
      assert.deepEqual(shown, history, 'the page\'s history is the CLI\'s --json history');
      assert.deepEqual(table.rows.map((r) => r.date), history.map((d) => esDate(d.as_of)));

      // The chart: one line per level, the workbook chart's colours, a point per day placed by its count.
      const chart = await shownChart(page);
      assert.deepEqual(chart.map((c) => c.level), LEVELS);
      assert.deepEqual(chart.map((c) => c.stroke), colours, 'the lines are the workbook chart\'s colours');
      const points = [];
      for (const c of chart) {
        assert.equal(c.lines, 1, `${c.level}: one line`);
        assert.ok(c.hidden, `${c.level}: hidden from screen readers (the table says the same)`);
        assert.equal(c.ys.length, history.length, `${c.level}: a point per day`);
        c.ys.forEach((y, i) => points.push({ y, n: history[i][c.level] }));
      }
      for (const a of points) {
        for (const b of points) {
          if (a.n > b.n) assert.ok(a.y < b.y, `a count of ${a.n} is drawn above one of ${b.n}`);
          if (a.n === b.n) assert.equal(a.y, b.y);
        }
      }
      const legend = await page.$$eval('#history-legend li', (lis) => lis.map((li) => li.textContent));
      assert.deepEqual(legend, ['🔴 CRÍTICO', '🟠 ALTO', '🟡 MEDIO', '🔵 INFORMATIVO']);

      const dl = await downloadXlsx(page);
      assert.ok(dl.bytes.equals(cli.xlsx), 'the page\'s XLSX equals the CLI\'s --previous output');

      // In English: the English workbook's headers and dates.
      const en = await runCli(SAMPLE, { asOf: TODAY, lang: 'en', extra: ['--previous', prev] });
      const enSheet = await sheetHeaders(en.xlsx, 'Daily history');
      before = await runsDone(page);
      await page.selectOption('#lang', 'en');
      assert.equal(await waitForRun(page, before), 'done');
      await page.waitForFunction(() => document.getElementById('history-title').textContent === 'Daily history');
      const english = await shownTable(page);
      assert.deepEqual(english.headers, table.headers.map((h) => enSheet[sheet.indexOf(h)]));
      assert.deepEqual(english.rows.map((r) => r.date), history.map((d) => d.as_of));
      before = await runsDone(page);
      await page.selectOption('#lang', 'es');
      assert.equal(await waitForRun(page, before), 'done');

      // A phone: the chart redrawn to its narrower box, nothing in the history scrolls sideways or
      // spills out of its box (a long history scrolls in its own).
      const wideWidth = Number(await page.getAttribute('#history-chart svg', 'width'));
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForFunction(() => {
        const box = document.getElementById('history-chart');
        return Number(box.querySelector('svg')?.getAttribute('width')) === Math.round(box.clientWidth);
      });
      assert.ok(Number(await page.getAttribute('#history-chart svg', 'width')) < wideWidth, 'drawn narrower');
      const spilling = await page.evaluate(() => [...document.querySelectorAll('#history, #history *')]
        .filter((el) => {
          const cs = getComputedStyle(el);
          if (cs.display === 'none') return false;
          return el.scrollWidth > el.clientWidth
            || (el.scrollHeight > el.clientHeight + 1 && !['auto', 'scroll'].includes(cs.overflowY));
        })
        .map((el) => `${el.tagName}#${el.id}.${el.getAttribute('class')} ${el.scrollWidth}×${el.scrollHeight} > ${el.clientWidth}×${el.clientHeight}`));
      assert.deepEqual(spilling, []);
      assert.equal((await shownChart(page)).length, 4);
      await page.setViewportSize({ width: 1366, height: 900 });

      // Without the previous list: no history.
      before = await runsDone(page);
      await page.click('#previous-clear');
      assert.equal(await waitForRun(page, before), 'done');
      assert.ok(await page.isHidden('#history'));
      p.assertClean();
    } finally {
      await p.close();
    }
  });
});

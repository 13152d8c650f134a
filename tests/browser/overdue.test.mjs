// Overdue rows (VENCIDO) on the page. The sample read as of two days after the CLI's own worklist
// of it, with that worklist as the previous list: the page shows the overdue count of the CLI's
// `--json` (per level, and per executive as "Para escalar"), its card and its box ask the engine
// for the overdue rows alone (exactly the rows the CLI's workbook marks VENCIDO, in its order; with a
// level, that level's), each bold with the engine's VENCIDO words; the download is the CLI's bytes.
// Without a previous list nothing of it is offered, and the filter is off.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import {
  CLI, SAMPLE, TZ, downloadXlsx, openPage, runCli, runsDone, scratchDir, setSettings, tableSettled,
  uploadFile, useBrowser, waitForRun,
} from './helpers.mjs';

/** The day of the previous list (the sample's own day), and today: two days later. */
const PREVIOUS_DAY = '2026-11-26';
const TODAY = '2026-11-28';

/** The CLI's workbook's Worklist rows: tenant and Cambio, in order. */
async function workbookRows(bytes) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const ws = wb.getWorksheet('Worklist');
  const col = {};
  ws.getRow(1).eachCell((cell, c) => { col[String(cell.value)] = c; });
  const rows = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const tenant = row.getCell(col.Tenant).text;
    if (tenant) rows.push({ tenant, change: row.getCell(col.Cambio).text, level: row.getCell(col.Nivel).text });
  }
  return rows;
}

/** The preview's rows as drawn: tenant, level, Cambio, whether marked overdue, font weight. */
function shownRows(page) {
  return page.$$eval('#worklist-body tr[data-level]', (trs) => trs.map((tr) => ({
    tenant: tr.querySelector('.tenant-name').textContent,
    level: tr.dataset.level,
    change: tr.querySelector('td.c-change').textContent,
    overdue: tr.classList.contains('overdue') ? Number(tr.dataset.overdue) : null,
    weight: getComputedStyle(tr.querySelector('td.c-reason')).fontWeight,
  })));
}

/** Waits for the engine's rows after a filter changed (the count said once they are in). */
async function settledAfter(page, act) {
  const before = await page.textContent('#table-count');
  await act();
  await page.waitForFunction((b) => document.getElementById('table-count').textContent !== b, before).catch(() => {});
  await tableSettled(page);
}

describe('overdue rows on the page', () => {
  const chrome = useBrowser({ sample: true });

  test('after a previous list: the CLI\'s overdue count, the engine\'s overdue rows alone, the CLI\'s bytes', async () => {
    const dir = scratchDir();
    const prev = path.join(dir, `worklist-${PREVIOUS_DAY}.xlsx`);
    execFileSync(CLI, [SAMPLE, '-o', prev, '--as-of', PREVIOUS_DAY, '--tz', TZ, '-q']);
    const cli = await runCli(SAMPLE, { asOf: TODAY, extra: ['--previous', prev] });
    const { overdue } = cli.summary;
    const total = overdue.critical + overdue.high;
    assert.ok(overdue.critical > 0 && overdue.high > 0, `the CLI finds overdue rows at both levels: ${JSON.stringify(overdue)}`);
    const book = await workbookRows(cli.xlsx);
    const wantOverdue = book.filter((r) => r.change.startsWith('VENCIDO'));
    assert.equal(wantOverdue.length, total, 'the CLI\'s workbook marks as many rows VENCIDO as --json counts');

    const p = await openPage(chrome.browser);
    try {
      const { page } = p;
      await setSettings(page, { asOf: TODAY });
      assert.equal(await uploadFile(page, SAMPLE), 'done');
      assert.ok(await page.isHidden('#overdue-card'), 'nothing to escalate without a previous list');
      assert.ok(await page.isHidden('#overdue-field'));
      const before = await runsDone(page);
      await page.setInputFiles('#previous', prev);
      assert.equal(await waitForRun(page, before), 'done');
      await tableSettled(page);

      // The count, with the counts per level: the CLI's.
      assert.ok(await page.isVisible('#overdue-card'));
      assert.equal(await page.getAttribute('#overdue-card', 'aria-pressed'), 'false');
      assert.equal(await page.textContent('#overdue-card .card-label'), 'Vencidos');
      assert.equal(Number(await page.textContent('#overdue-count')), total);
      const perLevel = await page.$$eval('#overdue-levels [data-overdue]', (spans) => spans.map((s) => [s.dataset.overdue, s.textContent]));
      assert.deepEqual(perLevel, [['critical', `CRÍTICO ${overdue.critical}`], ['high', `ALTO ${overdue.high}`]]);
      // The result's announcement says it.
      await page.waitForFunction((n) => /^Listo/.test(document.getElementById('status').textContent)
        && document.getElementById('status').textContent.includes(`Vencidos ${n};`), total);

      // Per executive: "Para escalar", the CLI's by_executive[].overdue.
      assert.ok(await page.isVisible('#executives-table th.c-escalate'));
      assert.equal(await page.textContent('#executives-table th.c-escalate'), 'Para escalar');
      const escalate = await page.$$eval('#executives-body tr', (trs) => trs.map((tr) => Number(tr.querySelector('td.c-escalate').textContent)));
      assert.deepEqual(escalate, cli.summary.by_executive.map((e) => e.overdue));

      // Every row shown: the overdue ones bold, their Cambio the engine's VENCIDO words; the others not.
      const all = await shownRows(page);
      assert.equal(all.length, book.length);
      for (const [i, r] of all.entries()) {
        const late = book[i].change.startsWith('VENCIDO');
        assert.equal(r.change, book[i].change, `${r.tenant}: the CLI's Cambio`);
        assert.equal(r.overdue !== null, late, `${r.tenant}: marked overdue as the CLI's workbook`);
        if (late) {
          assert.equal(r.weight, '700', `${r.tenant}: bold`);
          assert.match(r.change, new RegExp(`^VENCIDO \\(${r.overdue} días?\\) · `), `${r.tenant}: the days late`);
        } else {
          assert.notEqual(r.weight, '700', `${r.tenant}: not bold`);
        }
      }

      // The card asks the engine for the overdue rows alone: exactly the CLI's, in its order.
      await settledAfter(page, () => page.click('#overdue-card'));
      assert.equal(await page.getAttribute('#overdue-card', 'aria-pressed'), 'true');
      assert.equal(await page.isChecked('#overdue-only'), true, 'the box says the filter is on');
      let rows = await shownRows(page);
      assert.deepEqual(rows.map((r) => r.tenant), wantOverdue.map((r) => r.tenant));
      assert.ok(rows.every((r) => r.overdue !== null && r.weight === '700'));
      // How many rows it shows is said.
      await page.waitForFunction((n) => document.getElementById('status').textContent.startsWith(`Mostrando ${n} de `), total);

      // With a level: that level's overdue rows (the engine filters on both).
      await settledAfter(page, () => page.click('#cards [data-filter="high"]'));
      rows = await shownRows(page);
      assert.deepEqual(rows.map((r) => r.tenant), wantOverdue.filter((r) => r.level.includes('ALTO')).map((r) => r.tenant));
      assert.equal(rows.length, overdue.high);
      await settledAfter(page, () => page.click('#cards [data-filter="high"]'));

      // The box turns it off: every row again.
      await settledAfter(page, () => page.uncheck('#overdue-only'));
      assert.equal(await page.getAttribute('#overdue-card', 'aria-pressed'), 'false');
      assert.equal((await shownRows(page)).length, book.length);
      // And on again, from the box.
      await settledAfter(page, () => page.check('#overdue-only'));
      assert.equal((await shownRows(page)).length, total);

      const dl = await downloadXlsx(page);
      assert.ok(dl.bytes.equals(cli.xlsx), 'the page\'s XLSX equals the CLI\'s --previous output');

      // Without the previous list: no overdue card, box or column, and every row shown again.
      const again = await runsDone(page);
      await page.click('#previous-clear');
      assert.equal(await waitForRun(page, again), 'done');
      await tableSettled(page);
      assert.ok(await page.isHidden('#overdue-card'));
      assert.ok(await page.isHidden('#overdue-field'));
      assert.ok(await page.isHidden('#executives-table th.c-escalate'));
      assert.equal(await page.isChecked('#overdue-only'), false);
      assert.equal((await shownRows(page)).length, book.length);
      p.assertClean();
    } finally {
      await p.close();
    }
  });
});

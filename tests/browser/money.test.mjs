// Money on the page: a Stripe subscriptions export as downloaded shows the engine's MRR at risk
// per currency and level (the CLI's `--json` mrr_at_risk, also per executive) with the counts, in
// the language's number format with the currency's code (no decimals for a currency written in whole
// units), and the preview's MRR column holds each row's MRR as the CLI's workbook has it; the download
// is the CLI's bytes. An export without money columns shows no money at all (no empty box, no column).
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import {
  AS_OF, ROOT, SAMPLE, cardCounts, assertCountsEqual, downloadXlsx, openPage, runCli, runsDone,
  setSettings, tableSettled, uploadFile, useBrowser, waitForRun,
} from './helpers.mjs';

const STRIPE = path.join(ROOT, 'tests', 'fixtures', 'billing', 'stripe-subscriptions.csv');
const LEVELS = ['critical', 'high', 'medium', 'info'];
/** How each language writes numbers (engine_info().format, the workbook's way). */
const FORMAT = { es: { thousands: '.', decimal: ',' }, en: { thousands: ',', decimal: '.' } };

/**
 * An amount as the page writes it (`1.497,00 MXN`, `9.800 JPY`), read back: the number, its
 * currency and how many decimals it was written with.
 */
function parseMoney(text, lang) {
  const { thousands, decimal } = FORMAT[lang];
  const m = /^(-?[\d.,]+)(?: ([A-Z]{3}))?$/.exec(text.trim());
  assert.ok(m, `an amount with its currency, not "${text}"`);
  const digits = m[1].split(thousands).join('');
  const [, frac = ''] = digits.split(decimal);
  return { amount: Number(digits.replace(decimal, '.')), currency: m[2] ?? '', decimals: frac.length };
}

/** An amount as shown equals the engine's, to the decimals shown (two; none in whole units). */
function assertAmount(text, want, currency, lang, where) {
  const got = parseMoney(text, lang);
  assert.equal(got.currency, currency, `${where}: currency of "${text}"`);
  assert.equal(got.decimals, currency === 'JPY' ? 0 : 2, `${where}: decimals of "${text}"`);
  assert.ok(Math.abs(got.amount - want) <= 0.5 * 10 ** -got.decimals + 1e-9, `${where}: "${text}" is not ${want}`);
}

/** The page's MRR at risk table: currency → { level: text, total: text }. */
function moneyTable(page, body) {
  return page.$$eval(`#${body} tr`, (trs) => trs.map((tr) => ({
    currency: tr.dataset.currency,
    name: tr.querySelector('th').textContent,
    cells: Object.fromEntries([...tr.querySelectorAll('td[data-level]')].map((td) => [td.dataset.level, td.textContent])),
    total: tr.querySelector('td.total').textContent,
  })));
}

/** The CLI workbook's Worklist rows: tenant and MRR (value, and the currency its number format names). */
async function workbookMrr(bytes) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const ws = wb.getWorksheet('Worklist');
  const col = {};
  ws.getRow(1).eachCell((cell, c) => { col[String(cell.value)] = c; });
  assert.ok(col.MRR, `the CLI's Worklist has an MRR column: ${Object.keys(col).join(', ')}`);
  const rows = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const tenant = row.getCell(col.Tenant).text;
    if (!tenant) continue;
    const cell = row.getCell(col.MRR);
    const currency = /"([A-Z]{3})"/.exec(cell.numFmt || '')?.[1] ?? '';
    rows.push({ tenant, mrr: typeof cell.value === 'number' ? cell.value : null, currency });
  }
  return rows;
}

describe('money on the page', () => {
  const chrome = useBrowser({ sample: true });

  for (const lang of ['es', 'en']) {
    test(`a Stripe export: the engine's MRR at risk per currency and level, the MRR column, the CLI's bytes (${lang})`, async () => {
      const cli = await runCli(STRIPE, { lang });
      const want = cli.summary.mrr_at_risk;
      assert.ok(Array.isArray(want) && want.length > 1, 'the CLI found MRR in several currencies');
      const p = await openPage(chrome.browser);
      try {
        const { page } = p;
        await setSettings(page, { asOf: AS_OF, lang });
        assert.equal(await uploadFile(page, STRIPE), 'done');
        await tableSettled(page);
        assertCountsEqual(await cardCounts(page), cli.summary, lang);

        // With the counts: one row per currency, in the engine's order, each level's amount and the total.
        assert.ok(await page.isVisible('#mrr'));
        assert.equal(await page.textContent('#mrr-title'), lang === 'es' ? 'MRR en riesgo' : 'MRR at risk');
        const shown = await moneyTable(page, 'mrr-body');
        assert.deepEqual(shown.map((r) => r.currency), want.map((m) => m.currency));
        for (const [i, m] of want.entries()) {
          const row = shown[i];
          assert.equal(row.name, m.currency || (lang === 'es' ? '(sin moneda)' : '(no currency)'));
          for (const level of LEVELS) assertAmount(row.cells[level], m[level], m.currency, lang, `${m.currency} ${level}`);
          const total = LEVELS.reduce((sum, level) => sum + m[level], 0);
          assertAmount(row.total, total, m.currency, lang, `${m.currency} total`);
        }
        // Amounts written from the fixture by hand: Acme Logística, 3 × 499.00 MXN a month (CRÍTICO);
        // Edo Sushi, 9,800 JPY (CRÍTICO; the yen has no decimals).
        const critical = Object.fromEntries(shown.map((r) => [r.currency, r.cells.critical]));
        assert.equal(critical.MXN, lang === 'es' ? '1.497,00 MXN' : '1,497.00 MXN');
        assert.equal(critical.JPY, lang === 'es' ? '9.800 JPY' : '9,800 JPY');

        // Per executive: the engine's by_executive[].mrr_at_risk, one row per executive and currency.
        const perExec = await moneyTable(page, 'mrr-executives-body');
        const wantExec = cli.summary.by_executive.flatMap((e) => (e.mrr_at_risk ?? []).map((m) => ({ e, m })));
        assert.equal(perExec.length, wantExec.length);
        for (const [i, { e, m }] of wantExec.entries()) {
          assert.equal(perExec[i].currency, m.currency);
          assert.equal(perExec[i].name, e.executive || (lang === 'es' ? '(sin asignar)' : '(unassigned)'));
          for (const level of LEVELS) assertAmount(perExec[i].cells[level], m[level], m.currency, lang, `${e.executive} ${m.currency} ${level}`);
        }

        // The MRR column: each row's MRR as the CLI's workbook has it (value and currency), in order.
        assert.ok(await page.isVisible('#worklist th.c-mrr'));
        assert.equal(await page.textContent('#worklist th.c-mrr'), 'MRR');
        const rows = await page.$$eval('#worklist-body tr[data-level]', (trs) => trs.map((tr) => ({
          tenant: tr.querySelector('.tenant-name').textContent,
          mrr: tr.querySelector('td.c-mrr').textContent,
        })));
        const book = await workbookMrr(cli.xlsx);
        assert.deepEqual(rows.map((r) => r.tenant), book.map((r) => r.tenant), 'the rows in the engine\'s order');
        for (const [i, r] of book.entries()) {
          if (r.mrr === null) assert.equal(rows[i].mrr, '', `${r.tenant}: no MRR`);
          else assertAmount(rows[i].mrr, r.mrr, r.currency, lang, `${r.tenant}'s MRR`);
        }

        const dl = await downloadXlsx(page);
        assert.ok(dl.bytes.equals(cli.xlsx), 'the page\'s XLSX equals the CLI\'s');
        p.assertClean();
      } finally {
        await p.close();
      }
    });
  }

  test('an export without money columns: no MRR at risk, no MRR column, nothing left over from one with them', async () => {
    const cli = await runCli(SAMPLE);
    assert.equal(cli.summary.mrr_at_risk, undefined, 'the sample has no money columns');
    const p = await openPage(chrome.browser);
    try {
      const { page } = p;
      await setSettings(page, { asOf: AS_OF });
      // First an export with money, then one without: the money goes away with it.
      assert.equal(await uploadFile(page, STRIPE), 'done');
      assert.ok(await page.isVisible('#mrr'));
      const before = await runsDone(page);
      await page.setInputFiles('#file', SAMPLE);
      assert.equal(await waitForRun(page, before), 'done');
      await tableSettled(page);
      assert.ok(await page.isHidden('#mrr'), 'no MRR at risk box');
      assert.equal(await page.$$eval('#mrr-body tr', (trs) => trs.length), 0);
      assert.ok(await page.isHidden('#mrr-executives'), 'no MRR per executive');
      assert.ok(await page.isHidden('#worklist th.c-mrr'), 'no MRR column');
      assert.equal(await page.$$eval('#worklist-body td.c-mrr', (tds) => tds.filter((td) => td.offsetParent !== null).length), 0);
      p.assertClean();
    } finally {
      await p.close();
    }
  });
});

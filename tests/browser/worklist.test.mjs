// Tests 1 and 2: a fixture uploaded in the page shows the CLI's counts, and "Descargar XLSX"
// saves exactly the CLI's bytes for the same options (as-of, time zone, language, file name).
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  AS_OF, FIXTURES, SAMPLE, TZ, assertCountsEqual, cardCounts, downloadXlsx, openPage,
  requireSample, useBrowser, runCli, runsDone, setSettings, tableSettled, uploadFile,
  waitForRun,
} from './helpers.mjs';

const FIXTURE = path.join(FIXTURES, 'tenants-mixed.csv');

describe('worklist: counts and bytes equal the CLI', () => {
  const chrome = useBrowser();

  for (const file of [FIXTURE, SAMPLE]) {
    test(`Spanish: ${path.basename(file)}`, async () => {
      if (file === SAMPLE) requireSample();
      const cli = await runCli(file, { lang: 'es' });
      const p = await openPage(chrome.browser);
      try {
        const { page } = p;
        await setSettings(page, { asOf: AS_OF });
        assert.equal(await page.inputValue('#tz'), TZ, 'the time zone defaults to the browser\'s');
        assert.equal(await uploadFile(page, file), 'done', await page.textContent('#error-message'));

        assertCountsEqual(await cardCounts(page), cli.summary, path.basename(file));
        const worklistRows = cli.summary.critical + cli.summary.high + cli.summary.medium + cli.summary.info;
        // The first rows are drawn with the counts, the others right after they are on screen.
        await page.waitForFunction(() => document.getElementById('worklist-body').dataset.complete === 'true');
        const shownRows = await page.locator('#worklist-body tr').count();
        assert.equal(shownRows, Math.min(worklistRows, 1000), 'preview rows');
        assert.equal(await page.locator('#problems-body tr').count(), Math.min(cli.summary.problems, 1000), 'problem rows');
        assert.equal(await page.textContent('[data-fact="encoding"] dd'), cli.summary.encoding);
        assert.equal(await page.textContent('[data-fact="as-of"] dd'), AS_OF.split('-').reverse().join('/'), 'the date in force, as Spanish writes dates');
        assert.equal(await page.textContent('#result-title'), path.basename(file));
        assert.equal(await page.textContent('#download'), 'Descargar XLSX');

        // Preview order = worklist order: levels never go back up.
        const levels = await page.$$eval('#worklist-body tr', (trs) => trs.map((tr) => tr.dataset.level));
        const rank = { critical: 0, high: 1, medium: 2, info: 3 };
        for (let i = 1; i < levels.length; i++) assert.ok(rank[levels[i - 1]] <= rank[levels[i]], `row ${i} out of order`);

        const dl = await downloadXlsx(page);
        assert.equal(dl.name, `worklist-${AS_OF}.xlsx`);
        assert.ok(dl.bytes.length > 1000, 'the download is a real workbook');
        assert.ok(dl.bytes.equals(cli.xlsx),
          `the downloaded XLSX (${dl.bytes.length} bytes) differs from the CLI's (${cli.xlsx.length} bytes)`);
        p.assertClean();
      } finally {
        await p.close();
      }
    });
  }

  test('English: switching the language re-runs the engine; page and workbook in English', async () => {
    const [cliEs, cliEn] = await Promise.all([runCli(FIXTURE, { lang: 'es' }), runCli(FIXTURE, { lang: 'en' })]);
    assert.ok(!cliEs.xlsx.equals(cliEn.xlsx), 'the CLI writes different workbooks per language');
    const p = await openPage(chrome.browser);
    try {
      const { page } = p;
      await setSettings(page, { asOf: AS_OF });
      assert.equal(await uploadFile(page, FIXTURE), 'done');
      assert.equal(await page.getAttribute('html', 'lang'), 'es');

      const before = await runsDone(page);
      await page.selectOption('#lang', 'en');
      assert.equal(await waitForRun(page, before), 'done');

      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await page.textContent('#download'), 'Download XLSX');
      assert.equal(await page.textContent('#sample'), 'Try it with sample data');
      assert.match(await page.textContent('#privacy'), /processed on this computer/);
      assertCountsEqual(await cardCounts(page), cliEn.summary, 'en');
      const labels = await page.$$eval('#worklist-body .level-pill', (n) => n.map((x) => x.textContent));
      assert.ok(labels.length > 0);
      for (const l of labels) assert.doesNotMatch(l, /CRÍTICO|ALTO|MEDIO|INFORMATIVO/, 'level labels are English');

      const dl = await downloadXlsx(page);
      assert.equal(dl.name, `worklist-${AS_OF}.xlsx`);
      assert.ok(dl.bytes.equals(cliEn.xlsx), 'the English download equals the CLI\'s --lang en output');
      p.assertClean();
    } finally {
      await p.close();
    }
  });

  test('changing the thresholds and product name re-runs; the download equals the CLI with the same options', async () => {
    const extra = ['--high-days', '5', '--medium-days', '10', '--usage-percent', '80', '--product-name', 'MiCRM Plus'];
    const cli = await runCli(FIXTURE, { extra });
    const p = await openPage(chrome.browser);
    try {
      const { page } = p;
      await setSettings(page, { asOf: AS_OF });
      assert.equal(await uploadFile(page, FIXTURE), 'done');
      for (const [sel, value] of [['#highDays', '5'], ['#mediumDays', '10'], ['#usagePercent', '80'], ['#productName', 'MiCRM Plus']]) {
        const before = await runsDone(page);
        await page.fill(sel, value);
        await page.press(sel, 'Tab');
        assert.equal(await waitForRun(page, before), 'done', `${sel}: ${await page.textContent('#error-message')}`);
      }
      assertCountsEqual(await cardCounts(page), cli.summary, 'thresholds');
      assert.match(await page.textContent('#card-medium-sub'), /6\s*[–-]\s*10/);
      assert.match(await page.textContent('#card-info-sub'), /80/);
      const dl = await downloadXlsx(page);
      assert.ok(dl.bytes.equals(cli.xlsx), 'the download equals the CLI run with the same thresholds and product name');

      // The protocol defaults come back with one click, and so do the protocol's counts.
      const before = await runsDone(page);
      await page.click('#reset-settings');
      assert.equal(await waitForRun(page, before), 'done');
      assertCountsEqual(await cardCounts(page), (await runCli(FIXTURE)).summary, 'reset');
      p.assertClean();
    } finally {
      await p.close();
    }
  });

  test('English chosen before the upload; the filter and search narrow the preview', async () => {
    const cli = await runCli(FIXTURE, { lang: 'en' });
    const p = await openPage(chrome.browser);
    try {
      const { page } = p;
      await setSettings(page, { asOf: AS_OF, lang: 'en' });
      assert.equal(await uploadFile(page, FIXTURE), 'done');
      assertCountsEqual(await cardCounts(page), cli.summary, 'en');

      // Clicking a level card filters the table to that level; clicking again shows all.
      await page.click('#cards [data-filter="critical"]');
      assert.equal(await page.getAttribute('#cards [data-filter="critical"]', 'aria-pressed'), 'true');
      assert.equal(await page.inputValue('#level-filter'), 'critical');
      await tableSettled(page);
      const crit = await page.$$eval('#worklist-body tr', (trs) => trs.map((tr) => tr.dataset.level));
      assert.equal(crit.length, cli.summary.critical);
      assert.ok(crit.every((l) => l === 'critical'));
      await page.click('#cards [data-filter="critical"]');
      assert.equal(await page.inputValue('#level-filter'), 'all');

      // Search is case- and accent-insensitive.
      await page.fill('#search', 'ferreteria LOPEZ');
      await page.waitForFunction(() => document.querySelectorAll('#worklist-body tr').length === 1);
      assert.equal(await page.textContent('#worklist-body .tenant-name'), 'Ferretería López');
      await page.fill('#search', 'no-such-tenant-anywhere');
      await page.waitForFunction(() => !document.getElementById('table-empty').hidden);

      const dl = await downloadXlsx(page);
      assert.ok(dl.bytes.equals(cli.xlsx), 'filtering the preview does not change the workbook');
      p.assertClean();
    } finally {
      await p.close();
    }
  });
});

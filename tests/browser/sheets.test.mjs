// A tenant list saved as a workbook (.xlsx, .ods, .xls, made by LibreOffice) dropped on the
// page gives the CLI's counts and, on "Descargar XLSX", exactly the CLI's bytes; the sheet read is
// named with the results. The file input offers the workbook types.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  AS_OF, ROOT, assertCountsEqual, cardCounts, downloadXlsx, openPage, useBrowser, runCli,
  setSettings, uploadFile,
} from './helpers.mjs';

const SHEETS = path.join(ROOT, 'tests', 'fixtures', 'sheets');

describe('workbooks as input', () => {
  const chrome = useBrowser();

  for (const name of ['tenants-ejemplo.xlsx', 'tenants-ejemplo.ods', 'es-excel-semicolon.xls']) {
    test(`${name}: counts and bytes equal the CLI`, async () => {
      const file = path.join(SHEETS, name);
      const cli = await runCli(file, { lang: 'es' });
      assert.ok(cli.summary.sheet, 'the CLI read a sheet');
      const p = await openPage(chrome.browser);
      try {
        const { page } = p;
        const accept = await page.getAttribute('#file', 'accept');
        for (const ext of ['.xlsx', '.xls', '.ods']) assert.ok(accept.split(',').includes(ext), `accept lists ${ext}`);
        await setSettings(page, { asOf: AS_OF });
        assert.equal(await uploadFile(page, file), 'done', await page.textContent('#error-message'));
        assertCountsEqual(await cardCounts(page), cli.summary, name);
        assert.equal(await page.textContent('[data-fact="sheet"] dd'), cli.summary.sheet, 'the sheet read is named with the results');
        const dl = await downloadXlsx(page);
        assert.ok(dl.bytes.equals(cli.xlsx), `${name}: the page's XLSX differs from the CLI's`);
        p.assertClean();
      } finally {
        await p.close();
      }
    });
  }
});

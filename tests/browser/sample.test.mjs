// Test 6: "Probar con datos de ejemplo" loads the bundled sample (same origin) and processes it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AS_OF, SAMPLE, assertCountsEqual, cardCounts, downloadXlsx, useBrowser, openPage, runCli, runsDone, setSettings, waitForRun,
} from './helpers.mjs';

const chrome = useBrowser({ sample: true });

for (const lang of ['es', 'en']) {
  test(`the sample-data button works (${lang})`, async () => {
    const cli = await runCli(SAMPLE, { lang, fileName: 'tenants-ejemplo.csv' });
    for (const k of ['critical', 'high', 'medium', 'info']) assert.ok(cli.summary[k] > 0, `the sample has ${k} tenants`);
    const p = await openPage(chrome.browser);
    try {
      const { page, origin } = p;
      await setSettings(page, { asOf: AS_OF, lang });
      const before = await runsDone(page);
      await page.click('#sample');
      assert.equal(await waitForRun(page, before), 'done', await page.textContent('#error-message'));
      assert.equal(await page.textContent('#result-title'), 'tenants-ejemplo.csv');
      assertCountsEqual(await cardCounts(page), cli.summary, 'sample');
      assert.ok(p.requests.includes(`${origin}/sample/tenants-ejemplo.csv`));
      const dl = await downloadXlsx(page);
      assert.equal(dl.name, `worklist-${AS_OF}.xlsx`);
      assert.ok(dl.bytes.equals(cli.xlsx), 'the sample workbook equals the CLI\'s');
      p.assertClean();
    } finally {
      await p.close();
    }
  });
}

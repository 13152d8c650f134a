// Drag and drop: a file dropped on the drop zone is processed like a chosen one.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  AS_OF, FIXTURES, assertCountsEqual, cardCounts, downloadXlsx, useBrowser, openPage, runCli,
  runsDone, setSettings, waitForRun,
} from './helpers.mjs';

const FIXTURE = path.join(FIXTURES, 'tenants-mixed.csv');

const chrome = useBrowser();

test('a dropped file is processed and downloads the CLI\'s bytes', async () => {
  const cli = await runCli(FIXTURE);
  const p = await openPage(chrome.browser);
  try {
    const { page } = p;
    await setSettings(page, { asOf: AS_OF });
    const before = await runsDone(page);
    const bytes = [...readFileSync(FIXTURE)];
    const dataTransfer = await page.evaluateHandle(({ bytes, name }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], name, { type: 'text/csv' }));
      return dt;
    }, { bytes, name: path.basename(FIXTURE) });
    await page.dispatchEvent('#dropzone', 'dragenter', { dataTransfer });
    await page.dispatchEvent('#dropzone', 'dragover', { dataTransfer });
    assert.ok(await page.evaluate(() => document.getElementById('dropzone').classList.contains('dragging')),
      'the drop zone shows that it will take the file');
    await page.dispatchEvent('#dropzone', 'drop', { dataTransfer });
    assert.equal(await waitForRun(page, before), 'done', await page.textContent('#error-message'));
    assert.ok(!(await page.evaluate(() => document.getElementById('dropzone').classList.contains('dragging'))));
    assert.equal(await page.textContent('#result-title'), path.basename(FIXTURE));
    assertCountsEqual(await cardCounts(page), cli.summary, 'dropped');
    const dl = await downloadXlsx(page);
    assert.ok(dl.bytes.equals(cli.xlsx), 'the dropped file gives the CLI\'s workbook');
    p.assertClean();
  } finally {
    await p.close();
  }
});

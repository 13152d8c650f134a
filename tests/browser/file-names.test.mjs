// A file's name is text wherever the page puts it: in the announcements (the status region), the
// results' title and the workbook (the CLI's bytes for the same name). `$&`, `$'`, `` $` ``, `$$`
// and `$1` are the patterns String.replace expands in a replacement string; none is expanded.
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  AS_OF, FIXTURES, downloadXlsx, holdWorkerRequests, openPage, runCli, runsDone, scratchDir,
  setSettings, useBrowser, waitForRun,
} from './helpers.mjs';

const NAME = "tenants $& $' $` $$ $1.csv";

const chrome = useBrowser();

for (const [lang, reading] of [['es', 'Leyendo filas de'], ['en', 'Reading rows of']]) {
  test(`a file name with replacement patterns is announced and shown as it is (${lang})`, async () => {
    const file = path.join(scratchDir(), NAME);
    copyFileSync(path.join(FIXTURES, 'tenants-mixed.csv'), file);
    const cli = await runCli(file, { lang });
    let hold;
    const p = await openPage(chrome.browser, {
      async beforeGoto({ page }) {
        // The run waits until the test has read the announcement of its reading stage.
        hold = await holdWorkerRequests(page, ['analyze']);
      },
    });
    try {
      const { page } = p;
      await setSettings(page, { asOf: AS_OF, lang });
      const before = await runsDone(page);
      await page.setInputFiles('#file', file);
      await page.waitForFunction((words) => document.getElementById('status').textContent.startsWith(words), reading);
      assert.equal(await page.textContent('#status'), `${reading} ${NAME}…`);
      assert.equal(await page.textContent('#progress-file'), NAME);
      await hold.release();
      assert.equal(await waitForRun(page, before), 'done', await page.textContent('#error-message'));
      assert.equal(await page.textContent('#result-title'), NAME);
      assert.ok((await downloadXlsx(page)).bytes.equals(cli.xlsx), 'the workbook names the file as the CLI does');
      p.assertClean();
    } finally {
      await p.close();
    }
  });
}

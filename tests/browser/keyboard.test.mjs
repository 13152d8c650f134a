// A keyboard-only run. Tab reaches the file input (the file is chosen through it),
// and after the file is processed the download is a few Tab presses away; Enter downloads the
// CLI's bytes. Space on a level card filters, Enter opens a row's email.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import {
  AS_OF, FIXTURES, openPage, runCli, runsDone, setSettings, tableSettled, useBrowser,
  waitForRun,
} from './helpers.mjs';
import { readFileSync } from 'node:fs';

const FIXTURE = path.join(FIXTURES, 'tenants-mixed.csv');

const chrome = useBrowser();

const active = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);

async function tabTo(page, id, max) {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (await active(page) === id) return i;
  }
  assert.fail(`${id} not reached in ${max} Tab presses (at ${await active(page)})`);
}

test('keyboard only: Tab to the file input, choose the file, Tab to the download, Enter', async () => {
  const cli = await runCli(FIXTURE);
  const p = await openPage(chrome.browser, { viewport: { width: 1366, height: 800 } });
  try {
    const { page } = p;
    await setSettings(page, { asOf: AS_OF });
    // From the top of the page (its first stop, the skip link), as a keyboard user starts.
    await page.focus('.skip-link');
    await tabTo(page, 'file', 6);
    // The file is chosen through the focused input (what the system's file dialog does; headless
    // Chromium does not always open the dialog for a key press).
    const before = await runsDone(page);
    await page.locator(':focus').setInputFiles(FIXTURE);
    assert.equal(await waitForRun(page, before), 'done');

    const presses = await tabTo(page, 'download', 3);
    assert.ok(presses <= 3, `download reached in ${presses} Tab presses`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const bytes = readFileSync(await download.path());
    assert.ok(bytes.equals(cli.xlsx), 'the keyboard download is the CLI\'s workbook');

    // Space on a level card filters; Enter on a row's email button opens it.
    await page.focus('#cards [data-filter="critical"]');
    await page.keyboard.press('Space');
    assert.equal(await page.getAttribute('#cards [data-filter="critical"]', 'aria-pressed'), 'true');
    await tableSettled(page);
    await page.focus('#worklist-body .email-toggle');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#worklist-body .email-draft');
    p.assertClean();
  } finally {
    await p.close();
  }
});

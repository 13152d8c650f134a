// Nothing the person touched is overwritten by the page's start-up work: the settings form is made
// from the engine's first answer (its options), and settings typed as soon as it is there, while
// the page still waits for the engine's words for the settings in force, stay as typed; the first
// file runs with them: the CLI's bytes for the typed date, zone and threshold. Checked on the served
// page and on the offline single file, each with the engine's second answer held back until the
// person has typed (no race: the person is slower than the engine on a fast machine, faster on a
// slow one).
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import {
  FIXTURES, assertCountsEqual, cardCounts, downloadXlsx, holdWorkerRequests, openPage, runCli,
  todayInTz, uploadFile, useBrowser,
} from './helpers.mjs';
import { SINGLE_FILE, ensureDist, openDistPage } from './dist-helpers.mjs';

const FIXTURE = path.join(FIXTURES, 'tenants-mixed.csv');
/** A report date that is not today (the page's own default). */
const DAY = todayInTz() === '2026-11-20' ? '2026-11-19' : '2026-11-20';
const HIGH_DAYS = '5';
const ZONE = 'America/Bogota';

const chrome = useBrowser();

/** The settings typed as soon as the form is there. */
async function typeSettings(page) {
  await page.waitForSelector('#settings-form:not([aria-busy]) #asOf');
  await page.evaluate(() => { document.getElementById('settings').open = true; });
  await page.fill('#asOf', DAY);
  await page.fill('#highDays', HIGH_DAYS);
  await page.fill('#tz', ZONE);
}

async function assertTypedKept(page, label) {
  assert.equal(await page.inputValue('#asOf'), DAY, `${label}: the typed report date is kept`);
  assert.equal(await page.inputValue('#highDays'), HIGH_DAYS, `${label}: the typed threshold is kept`);
  assert.equal(await page.inputValue('#tz'), ZONE, `${label}: the typed zone is kept`);
}

test('settings typed before the engine answered are kept, and the first file runs with them', async () => {
  const cli = await runCli(FIXTURE, { asOf: DAY, tz: ZONE, extra: ['--high-days', HIGH_DAYS] });
  let hold;
  const p = await openPage(chrome.browser, {
    ready: false,
    async beforeGoto({ page }) {
      hold = await holdWorkerRequests(page, ['info'], { pass: 1 });
    },
  });
  try {
    const { page } = p;
    await typeSettings(page);
    assert.notEqual(await page.evaluate(() => document.body.dataset.state), 'idle', 'the engine had not answered yet');
    await hold.release();
    await page.waitForFunction(() => document.body.dataset.state === 'idle');
    // The engine's defaults are on the form.
    assert.equal(await page.inputValue('#mediumDays'), '7');
    await assertTypedKept(page, 'after start-up');
    assert.equal(await uploadFile(page, FIXTURE), 'done', await page.textContent('#error-message'));
    await assertTypedKept(page, 'after the run');
    assertCountsEqual(await cardCounts(page), cli.summary, 'typed settings');
    const dl = await downloadXlsx(page);
    assert.equal(dl.name, `worklist-${DAY}.xlsx`);
    assert.ok(dl.bytes.equals(cli.xlsx), 'the workbook is the CLI\'s for the typed settings');
    p.assertClean();
  } finally {
    await p.close();
  }
});

test('the offline single file keeps the settings typed as soon as the page appears', async () => {
  await ensureDist();
  const cli = await runCli(FIXTURE, { asOf: DAY, tz: ZONE, extra: ['--high-days', HIGH_DAYS] });
  let hold;
  const p = await openDistPage(chrome.browser, pathToFileURL(SINGLE_FILE).href, {
    offline: true,
    ready: false,
    async beforeGoto({ page }) {
      hold = await holdWorkerRequests(page, ['info'], { pass: 1 });
    },
  });
  try {
    const { page } = p;
    await typeSettings(page);
    assert.notEqual(await page.evaluate(() => document.body.dataset.state), 'idle', 'the engine had not answered yet');
    await hold.release();
    await page.waitForFunction(() => document.body.dataset.state === 'idle', null, { timeout: 60_000 });
    await assertTypedKept(page, 'after start-up');
    assert.equal(await uploadFile(page, FIXTURE), 'done', await page.textContent('#error-message'));
    assertCountsEqual(await cardCounts(page), cli.summary, 'typed settings');
    assert.ok((await downloadXlsx(page)).bytes.equals(cli.xlsx), 'the workbook is the CLI\'s for the typed settings');
    await p.assertClean();
  } finally {
    await p.close();
  }
});

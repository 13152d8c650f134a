// The sample's date applies to the sample only. "Probar con datos de ejemplo" reads the
// sample as of the day it was exported, the form keeps the person's date, and an own file loaded
// afterwards is classified as of the chosen day (today by default): the CLI's bytes for that day.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import {
  FIXTURES, SAMPLE, assertCountsEqual, cardCounts, downloadXlsx, openPage, runCli, runsDone,
  setSettings, todayInTz, uploadFile, useBrowser, waitForRun,
} from './helpers.mjs';

const FIXTURE = path.join(FIXTURES, 'tenants-mixed.csv');
const SAMPLE_DAY = '2026-11-26';
const dmy = (iso) => iso.split('-').reverse().join('/');

const chrome = useBrowser({ sample: true });

async function clickSample(page) {
  const before = await runsDone(page);
  await page.click('#sample');
  return waitForRun(page, before);
}

test('sample, then an own file: the own file runs as of the chosen day (the CLI\'s bytes)', async () => {
  const DAY = '2026-11-20';
  const [cli, sampleCli] = await Promise.all([
    runCli(FIXTURE, { asOf: DAY }),
    runCli(SAMPLE, { asOf: SAMPLE_DAY, fileName: 'tenants-ejemplo.csv' }),
  ]);
  const p = await openPage(chrome.browser);
  try {
    const { page } = p;
    await setSettings(page, { asOf: DAY });
    assert.equal(await clickSample(page), 'done');
    assertCountsEqual(await cardCounts(page), sampleCli.summary, 'sample');
    assert.match(await page.textContent('[data-fact="as-of"] dd'), new RegExp(`^${dmy(SAMPLE_DAY)}`), 'the sample\'s day is shown');
    assert.equal(await page.inputValue('#asOf'), DAY, 'the form keeps the person\'s date');
    assert.ok((await downloadXlsx(page)).bytes.equals(sampleCli.xlsx), 'the sample as of its own day');

    assert.equal(await uploadFile(page, FIXTURE), 'done');
    assert.equal(await page.textContent('[data-fact="as-of"] dd'), dmy(DAY), 'the date in force is shown with the results');
    assertCountsEqual(await cardCounts(page), cli.summary, 'own file');
    const dl = await downloadXlsx(page);
    assert.equal(dl.name, `worklist-${DAY}.xlsx`);
    assert.ok(dl.bytes.equals(cli.xlsx), 'the own file\'s workbook is the CLI\'s as of the chosen day');
    p.assertClean();
  } finally {
    await p.close();
  }
});

test('sample, then an own file with the date untouched: as of today', async () => {
  const today = todayInTz();
  const cli = await runCli(FIXTURE, { asOf: today });
  const p = await openPage(chrome.browser);
  try {
    const { page } = p;
    assert.equal(await page.inputValue('#asOf'), today);
    assert.equal(await clickSample(page), 'done');
    assert.equal(await page.inputValue('#asOf'), today);
    assert.equal(await uploadFile(page, FIXTURE), 'done');
    assert.equal(await page.textContent('[data-fact="as-of"] dd'), dmy(today));
    assertCountsEqual(await cardCounts(page), cli.summary, 'today');
    assert.ok((await downloadXlsx(page)).bytes.equals(cli.xlsx), 'as of today, as the CLI');
    p.assertClean();
  } finally {
    await p.close();
  }
});

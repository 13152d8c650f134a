// Test 7: screenshots of the page (empty, loaded, error, narrow 400 px, 200 % zoom) into
// target/screenshots/ for a person to look at, plus the layout checks that need no eyes:
// nothing overflows sideways in a narrow window (only the tables scroll).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  AS_OF, FIXTURES, SAMPLE, useBrowser, openPage, runsDone, scratchDir, screenshotPath,
  setSettings, uploadFile, waitForRun,
} from './helpers.mjs';
import { existsSync } from 'node:fs';

const FIXTURE = path.join(FIXTURES, 'tenants-mixed.csv');

const chrome = useBrowser({ cli: false });

async function loadSampleOrFixture(page) {
  if (existsSync(SAMPLE)) {
    const before = await runsDone(page);
    await page.click('#sample');
    return waitForRun(page, before);
  }
  return uploadFile(page, FIXTURE);
}

async function assertNoSidewaysScroll(page, label) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${label}: the page is ${scrollWidth}px wide in a ${innerWidth}px window`);
}

test('empty, loaded and error screenshots (1366 px)', async () => {
  const p = await openPage(chrome.browser);
  try {
    const { page } = p;
    await setSettings(page, { asOf: AS_OF });
    await page.screenshot({ path: screenshotPath('empty.png'), fullPage: true });
    assert.equal(await loadSampleOrFixture(page), 'done');
    await page.screenshot({ path: screenshotPath('loaded.png'), fullPage: true });
    await page.screenshot({ path: screenshotPath('loaded-viewport.png') });
    await assertNoSidewaysScroll(page, 'loaded');

    const bad = path.join(scratchDir(), 'no-es-un-csv.bin');
    writeFileSync(bad, Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 0, 0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    assert.equal(await uploadFile(page, bad), 'error');
    await page.screenshot({ path: screenshotPath('error.png'), fullPage: true });
    p.assertClean();
  } finally {
    await p.close();
  }
});

test('narrow window (400 px): loaded view, nothing overflows sideways', async () => {
  const p = await openPage(chrome.browser, { viewport: { width: 400, height: 860 } });
  try {
    const { page } = p;
    await assertNoSidewaysScroll(page, 'empty at 400px');
    await page.screenshot({ path: screenshotPath('narrow-empty.png') });
    await setSettings(page, { asOf: AS_OF });
    await page.evaluate(() => { document.getElementById('settings').open = false; });
    assert.equal(await loadSampleOrFixture(page), 'done');
    await assertNoSidewaysScroll(page, 'loaded at 400px');
    await page.evaluate(() => document.getElementById('results').scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: screenshotPath('narrow-loaded.png') });
    await page.screenshot({ path: screenshotPath('narrow-loaded-full.png'), fullPage: true });
    // The worklist is one card per tenant: nothing scrolls sideways, not even the table's box.
    const table = await page.evaluate(() => {
      const s = document.getElementById('table-scroll');
      return { scrollWidth: s.scrollWidth, clientWidth: s.clientWidth, row: getComputedStyle(s.querySelector('tbody tr')).display };
    });
    assert.ok(table.scrollWidth <= table.clientWidth && table.row === 'block', JSON.stringify(table));
    p.assertClean();
  } finally {
    await p.close();
  }
});

test('200 % zoom (1280 px window at device scale 2 = 640 CSS px): readable, no sideways scroll', async () => {
  const p = await openPage(chrome.browser, {
    viewport: { width: 640, height: 450 },
    contextOptions: { deviceScaleFactor: 2 },
  });
  try {
    const { page } = p;
    await setSettings(page, { asOf: AS_OF });
    assert.equal(await loadSampleOrFixture(page), 'done');
    await assertNoSidewaysScroll(page, '200 % zoom');
    await page.evaluate(() => document.getElementById('results').scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: screenshotPath('zoom-200.png') });
    p.assertClean();
  } finally {
    await p.close();
  }
});

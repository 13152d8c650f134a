// Accessibility basics: every control has a label, the drop zone is reachable by keyboard,
// status updates go to an aria-live region, the level cards are buttons that filter the table.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import {
  AS_OF, FIXTURES, TZ, useBrowser, openPage, setSettings, tableSettled, uploadFile,
} from './helpers.mjs';

const chrome = useBrowser({ cli: false });

test('defaults: today in the browser\'s zone, the protocol\'s thresholds, Spanish', async () => {
  const p = await openPage(chrome.browser);
  try {
    const { page } = p;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(new Date());
    assert.equal(await page.inputValue('#asOf'), today);
    assert.equal(await page.inputValue('#tz'), TZ);
    assert.equal(await page.inputValue('#highDays'), '3');
    assert.equal(await page.inputValue('#mediumDays'), '7');
    assert.equal(await page.inputValue('#usagePercent'), '90');
    assert.equal(await page.inputValue('#productName'), 'ImagineCRM');
    assert.equal(await page.inputValue('#lang'), 'es');
    assert.equal(await page.getAttribute('html', 'lang'), 'es');
    assert.match(await page.textContent('#privacy'), /se procesa en esta computadora/);
    // Another zone, date untouched: the default date follows the zone.
    await page.fill('#tz', 'Pacific/Kiritimati');
    await page.press('#tz', 'Tab');
    const kiritimati = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Kiritimati', year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(new Date());
    assert.equal(await page.inputValue('#asOf'), kiritimati);
    p.assertClean();
  } finally {
    await p.close();
  }
});

test('labels, live region, keyboard', async () => {
  const p = await openPage(chrome.browser);
  try {
    const { page } = p;
    const unlabeled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea, button')]
        .filter((c) => !(c.labels && c.labels.length) && !c.getAttribute('aria-label') && !c.textContent.trim())
        .map((c) => c.outerHTML.slice(0, 80)));
    assert.deepEqual(unlabeled, [], 'controls without a label');
    assert.equal(await page.getAttribute('#status', 'aria-live'), 'polite');
    assert.equal(await page.getAttribute('#file', 'type'), 'file');

    // Tab from the top reaches the file input (the drop zone), then the sample button.
    const order = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement && (document.activeElement.id || document.activeElement.tagName)));
    }
    assert.ok(order.includes('file'), `tab order: ${order.join(', ')}`);
    assert.ok(order.indexOf('sample') > order.indexOf('file'), `tab order: ${order.join(', ')}`);

    await setSettings(page, { asOf: AS_OF });
    assert.equal(await uploadFile(page, path.join(FIXTURES, 'tenants-mixed.csv')), 'done');
    await page.waitForFunction(() => /\d/.test(document.getElementById('status').textContent));
    const status = await page.textContent('#status');
    assert.match(status, /Listo/, 'the result is announced');

    // A level card is a button: focus it and press Enter to filter.
    await page.focus('#cards [data-filter="high"]');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('#cards [data-filter="high"]', 'aria-pressed'), 'true');
    await tableSettled(page);
    const levels = await page.$$eval('#worklist-body tr', (trs) => [...new Set(trs.map((tr) => tr.dataset.level))]);
    assert.deepEqual(levels, ['high']);
    assert.equal(await page.getAttribute('#table-scroll', 'tabindex'), '0', 'the table scrolls by keyboard');
    p.assertClean();
  } finally {
    await p.close();
  }
});

// The results in view at 1366×800 (summary and download without scrolling,
// announced, a Tab away); at 390×844 nothing scrolls sideways (the worklist is one card per
// tenant, the other tables reflow); in Spanish no ISO date in the results. Screenshots for the
// README into docs/screenshots/.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import {
  AS_OF, FIXTURES, SAMPLE, docScreenshotPath, openPage, runsDone, setSettings, uploadFile,
  useBrowser, waitForRun,
} from './helpers.mjs';

const FIXTURE = path.join(FIXTURES, 'tenants-mixed.csv');

const chrome = useBrowser({ cli: false, sample: true });

/** Elements (and the document) whose content is wider than their box, as the person sees them. */
function sidewaysScrollers(page) {
  return page.evaluate(() => {
    const out = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) out.push(`document ${doc.scrollWidth} > ${doc.clientWidth}`);
    for (const el of document.body.querySelectorAll('*')) {
      if (el.scrollWidth <= el.clientWidth) continue;
      const cs = getComputedStyle(el);
      // Not drawn, or drawn clipped to a pixel for screen readers only (the live region).
      if (cs.display === 'none' || el.closest('[hidden]')) continue;
      if (cs.clip === 'rect(0px, 0px, 0px, 0px)' && el.clientWidth <= 1) continue;
      out.push(`${el.tagName.toLowerCase()}#${el.id}.${[...el.classList].join('.')} ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return out;
  });
}

async function loadSample(page) {
  const before = await runsDone(page);
  await page.click('#sample');
  return waitForRun(page, before);
}

test('1366×800: after a file loads, the summary and the download are in view and announced', async () => {
  const p = await openPage(chrome.browser, { viewport: { width: 1366, height: 800 } });
  try {
    const { page } = p;
    await setSettings(page, { asOf: AS_OF });
    assert.equal(await uploadFile(page, FIXTURE), 'done');
    await page.waitForFunction(() => /Listo/.test(document.getElementById('status').textContent));
    const inView = (sel) => page.$eval(sel, (el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth && r.height > 0;
    });
    assert.ok(await inView('#download'), 'the download button is inside the 1366×800 viewport');
    assert.ok(await inView('#cards [data-filter="critical"]'), 'the counts are in view');
    assert.ok(await inView('#result-title'), 'the summary is in view');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'result-title', 'focus moved to the results');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'download', 'the download is the next Tab');

    // The laptop screenshot for the README: the sample, as ops see it in the morning.
    assert.equal(await loadSample(page), 'done');
    assert.ok(await inView('#download'));
    await page.waitForFunction(() => document.body.dataset.workbook === 'ready');
    await page.screenshot({ path: docScreenshotPath('laptop.png') });
    p.assertClean();
  } finally {
    await p.close();
  }
});

test('390×844: nothing scrolls sideways; the worklist is one card per tenant', async () => {
  const p = await openPage(chrome.browser, {
    viewport: { width: 390, height: 844 },
    contextOptions: { deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  });
  try {
    const { page } = p;
    assert.deepEqual(await sidewaysScrollers(page), [], 'empty page');
    assert.equal(await loadSample(page), 'done');
    // Every part of the results shown: the per-executive table, problems and columns unfolded.
    await page.evaluate(() => {
      for (const d of document.querySelectorAll('#results details')) d.open = true;
    });
    assert.deepEqual(await sidewaysScrollers(page), [], 'results');
    const card = await page.$eval('#worklist-body tr', (tr) => ({
      display: getComputedStyle(tr).display,
      labels: [...tr.cells].map((td) => td.dataset.label).filter(Boolean),
    }));
    assert.equal(card.display, 'block', 'a card, not a table row');
    assert.ok(card.labels.length >= 5, `the card's parts are labelled: ${card.labels}`);
    // A row's email opened: still nothing sideways.
    await page.click('#worklist-body .email-toggle');
    await page.waitForSelector('.email-draft');
    assert.deepEqual(await sidewaysScrollers(page), [], 'with an email open');
    await page.click('#worklist-body .email-toggle');
    await page.$eval('#result-title', (el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: docScreenshotPath('phone-summary.png') });
    await page.$eval('#table-count', (el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: docScreenshotPath('phone.png') });

    // A file the engine refuses, with the mapping panel open, and the settings unfolded.
    assert.equal(await uploadFile(page, path.join(FIXTURES, 'invented-headers.csv')), 'error');
    assert.ok(await page.isVisible('#mapping-fields select'));
    await page.evaluate(() => { document.getElementById('settings').open = true; });
    assert.deepEqual(await sidewaysScrollers(page), [], 'error, mapping and settings');
    p.assertClean();
  } finally {
    await p.close();
  }
});

test('Spanish: no ISO date anywhere in the results; one grouping style', async () => {
  const p = await openPage(chrome.browser);
  try {
    const { page } = p;
    assert.equal(await loadSample(page), 'done');
    for (const b of await page.$$('#worklist-body tr:not(.email-row) .email-toggle')) await b.click();
    await page.waitForFunction(() => document.querySelectorAll('.email-draft').length > 0);
    await page.evaluate(() => {
      for (const d of document.querySelectorAll('#results details')) d.open = true;
    });
    const text = await page.$eval('#results', (el) => el.innerText);
    assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/, 'an ISO date is shown in Spanish');
    assert.match(await page.textContent('[data-fact="as-of"] dd'), /^\d{2}\/\d{2}\/\d{4}/);
    // The page's own numbers (the engine's sentences quote what a cell may say, 9,400 included).
    const numbers = await page.$$eval('#cards, #facts, #table-count, #executives-body', (els) => els.map((e) => e.innerText).join('\n'));
    assert.doesNotMatch(numbers, /\d,\d{3}\b/, 'Spanish groups thousands with a dot, as the workbook');
    p.assertClean();
  } finally {
    await p.close();
  }
});

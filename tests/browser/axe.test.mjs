// WCAG 2.1 AA with axe-core: the page's states as people meet them — the landing page, results
// under each level filter, a row's email open, a billing export's money (MRR at risk, the MRR column),
// yesterday's worklist compared, the history it brings (chart and table), its overdue rows alone,
// the mapping panel, a refused setting (the results kept "as old"), a refused previous list, the
// offline single file and a 390 px phone — have no violation of axe's WCAG 2.0/2.1 A and AA rules.
// Best-practice findings are printed (they do not fail the test). axe is injected by the test; the page's CSP is unchanged.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, test } from 'node:test';
import {
  AS_OF, CLI, FIXTURES, ROOT, SAMPLE, TZ, openPage, runsDone, scratchDir, setSettings, tableSettled,
  uploadFile, useBrowser, waitForInvalid, waitForRun,
} from './helpers.mjs';
import { SINGLE_FILE, ensureDist, openDistPage } from './dist-helpers.mjs';
import { AXE_VERSION, axeCheck } from './axe.mjs';

const MIXED = path.join(FIXTURES, 'tenants-mixed.csv');
const STRIPE = path.join(ROOT, 'tests', 'fixtures', 'billing', 'stripe-subscriptions.csv');
const LEVELS = ['critical', 'high', 'medium', 'info'];

const chrome = useBrowser({ sample: true });
before(ensureDist);

/**
 * Checks the states: each `[name, act]` brings the page to a state (in order, on the same page),
 * then axe runs. Every state is checked before the test fails, so the output lists all of them.
 */
async function checkStates(page, states) {
  const failures = [];
  for (const [name, act] of states) {
    await act();
    const { violations } = await axeCheck(page, name);
    for (const v of violations) console.log(`[axe WCAG A/AA] ${name}: ${v}`);
    if (violations.length) {
      /** @type {Map<string, number>} */
      const byRule = new Map();
      for (const v of violations) byRule.set(v.split(' ')[0], (byRule.get(v.split(' ')[0]) || 0) + 1);
      failures.push(`${name}: ${[...byRule].map(([rule, n]) => `${n} ${rule}`).join(', ')}`);
    }
  }
  // Each failing node is printed above ("[axe WCAG A/AA]"); the message counts them by rule.
  assert.deepEqual(failures, [], `axe-core ${AXE_VERSION}, WCAG 2.0/2.1 A and AA violations by state`);
}

/** Chooses the level in the preview's filter and waits for the engine's rows. */
async function filterLevel(page, level) {
  await page.selectOption('#level-filter', level);
  await page.waitForFunction((l) => {
    const rows = [...document.querySelectorAll('#worklist-body tr[data-level]')];
    return l === 'all' || rows.every((r) => /** @type {HTMLElement} */ (r).dataset.level === l);
  }, level);
  await tableSettled(page);
}

/** Today's sample with yesterday's worklist (`prev`, of AS_OF) as of `day`, then its overdue rows alone. */
function overdueStates(page, prev, day, prefix = '') {
  return [
    [`${prefix}a previous worklist compared`, async () => {
      await setSettings(page, { asOf: day });
      assert.equal(await uploadFile(page, SAMPLE), 'done');
      const before = await runsDone(page);
      await page.setInputFiles('#previous', prev);
      assert.equal(await waitForRun(page, before), 'done');
      await tableSettled(page);
      assert.ok(await page.isVisible('#overdue-card'));
    }],
    [`${prefix}the history (chart and table)`, async () => {
      await page.locator('#history').scrollIntoViewIfNeeded();
      assert.ok(await page.isVisible('#history-table'));
      assert.equal(await page.locator('#history-chart svg g[data-level]').count(), 4);
    }],
    [`${prefix}the overdue rows alone`, async () => {
      await page.click('#overdue-card');
      await page.waitForFunction(() => {
        const rows = [...document.querySelectorAll('#worklist-body tr[data-level]')];
        return rows.length > 0 && rows.every((r) => r.classList.contains('overdue'));
      });
      await tableSettled(page);
    }],
  ];
}

/** A Stripe export: the MRR at risk with the counts and the MRR column. */
async function moneyState(page) {
  await setSettings(page, { asOf: AS_OF });
  assert.equal(await uploadFile(page, STRIPE), 'done');
  await tableSettled(page);
  assert.ok(await page.isVisible('#mrr'));
  assert.ok(await page.isVisible('#mrr-executives'));
}

/** Opens the first preview row's email and waits for its draft. */
async function openFirstEmail(page) {
  const button = page.locator('#worklist-body .email-toggle').first();
  await button.click();
  await page.locator(`#${await button.getAttribute('aria-controls')} .email-draft`).waitFor();
}

test('landing, results under each level filter, a row\'s email, money, a previous worklist and its overdue rows: no WCAG A/AA violation', async () => {
  const dir = scratchDir();
  const next = new Date(Date.parse(`${AS_OF}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const prev = path.join(dir, `worklist-${AS_OF}.xlsx`);
  execFileSync(CLI, [SAMPLE, '-o', prev, '--as-of', AS_OF, '--tz', TZ, '-q']);
  const p = await openPage(chrome.browser);
  try {
    const { page } = p;
    await checkStates(page, [
      ['landing', async () => {}],
      ['results', async () => {
        await setSettings(page, { asOf: AS_OF });
        assert.equal(await uploadFile(page, MIXED), 'done');
        await tableSettled(page);
      }],
      ...LEVELS.map((level) => [`results, level ${level}`, () => filterLevel(page, level)]),
      ['a row\'s email open', async () => {
        await filterLevel(page, 'all');
        await openFirstEmail(page);
      }],
      ['a billing export\'s money', () => moneyState(page)],
      ...overdueStates(page, prev, next),
    ]);
    p.assertClean();
  } finally {
    await p.close();
  }
});

test('the mapping panel, a refused setting, a refused previous list: no WCAG A/AA violation', async () => {
  const notXlsx = path.join(scratchDir(), 'ayer.xlsx');
  writeFileSync(notXlsx, readFileSync(SAMPLE)); // a CSV named .xlsx
  const p = await openPage(chrome.browser);
  try {
    const { page } = p;
    await checkStates(page, [
      ['the mapping panel', async () => {
        await setSettings(page, { asOf: AS_OF });
        assert.equal(await uploadFile(page, path.join(FIXTURES, 'invented-headers.csv')), 'error');
        assert.ok(await page.isVisible('#mapping-fields select'));
      }],
      ['a refused setting (results kept as old)', async () => {
        assert.equal(await uploadFile(page, MIXED), 'done');
        await page.fill('#highDays', '5');
        let before = await runsDone(page);
        await page.press('#highDays', 'Tab');
        assert.equal(await waitForRun(page, before), 'done');
        before = await runsDone(page);
        await page.fill('#mediumDays', '2');
        await page.press('#mediumDays', 'Tab');
        await waitForInvalid(page, before);
        assert.ok(await page.isVisible('#stale-results'));
      }],
      ['a refused previous list', async () => {
        await page.fill('#mediumDays', '9');
        let before = await runsDone(page);
        await page.press('#mediumDays', 'Tab');
        assert.equal(await waitForRun(page, before), 'done');
        before = await runsDone(page);
        await page.setInputFiles('#previous', notXlsx);
        await page.waitForFunction((n) => Number(document.body.dataset.runs) > n, before);
        assert.ok(await page.isVisible('#previous-error'));
      }],
    ]);
    p.assertClean();
  } finally {
    await p.close();
  }
});

test('a 390 px phone: landing, results, a row\'s email, money, overdue rows: no WCAG A/AA violation', async () => {
  const next = new Date(Date.parse(`${AS_OF}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const prev = path.join(scratchDir(), `worklist-${AS_OF}.xlsx`);
  execFileSync(CLI, [SAMPLE, '-o', prev, '--as-of', AS_OF, '--tz', TZ, '-q']);
  const p = await openPage(chrome.browser, {
    viewport: { width: 390, height: 844 },
    contextOptions: { isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  });
  try {
    const { page } = p;
    await checkStates(page, [
      ['phone, landing', async () => {}],
      ['phone, results', async () => {
        await setSettings(page, { asOf: AS_OF });
        assert.equal(await uploadFile(page, MIXED), 'done');
        await tableSettled(page);
      }],
      ['phone, a row\'s email open', () => openFirstEmail(page)],
      ['phone, a billing export\'s money', () => moneyState(page)],
      ...overdueStates(page, prev, next, 'phone, '),
    ]);
    p.assertClean();
  } finally {
    await p.close();
  }
});

test('the offline single file (file://, no network): landing and results: no WCAG A/AA violation', async () => {
  const p = await openDistPage(chrome.browser, pathToFileURL(SINGLE_FILE).href, { offline: true });
  try {
    const { page } = p;
    await checkStates(page, [
      ['single file, landing', async () => {}],
      ['single file, results', async () => {
        await setSettings(page, { asOf: AS_OF });
        assert.equal(await uploadFile(page, MIXED), 'done');
        await tableSettled(page);
      }],
    ]);
    await p.assertClean();
  } finally {
    await p.close();
  }
});

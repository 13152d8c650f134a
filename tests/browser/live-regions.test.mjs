// Screen readers: what the page says through its live regions (role status / alert / log, or
// aria-live) is said once each. A run's progress steps and its result once each, nothing per chunk
// of rows; a level or a search chosen says its count once; an export the engine refuses, a refused
// setting and a refused previous list each say their message once (the message shown by a field or
// an input is not a live region as well). Every text a live region takes is recorded from the
// page's start (an init script, outside the page's CSP).
import assert from 'node:assert/strict';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  AS_OF, FIXTURES, SAMPLE, openPage, runsDone, scratchDir, setSettings, tableSettled, uploadFile,
  useBrowser, waitForInvalid, waitForRun,
} from './helpers.mjs';

const ROWS = 2_500;

/** An export of ROWS tenants (every level; more rows than the preview draws at once). */
async function mediumExport() {
  const file = path.join(scratchDir(), 'mediano.csv');
  const out = createWriteStream(file);
  out.write('id;empresa;propietario;correo;ejecutivo;plan;estado;fin_trial;pago_fallido;mensajes_usados;limite_mensajes\n');
  for (let i = 0; i < ROWS; i++) {
    const k = i % 4;
    out.write(`T-${i};Empresa ${i};Owner ${i};owner${i}@ejemplo.mx;Ana Ruiz;Pro;${k === 1 ? 'past_due' : 'trialing'};` +
      `${k === 0 ? '28/11/2026' : k === 2 ? '02/12/2026' : ''};no;${k === 3 ? 9_500 : 100};10.000\n`);
  }
  await new Promise((r) => out.end(r));
  return file;
}

/** Records, from the page's start, every text a live region takes (after being empty or other). */
function recordLiveRegions(page) {
  return page.addInitScript(() => {
    /** @type {{ region: string, text: string }[]} */
    const said = [];
    Object.defineProperty(window, '__said', { value: said });
    const last = new WeakMap();
    const live = '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]';
    const look = () => {
      for (const el of document.querySelectorAll(live)) {
        const text = el.closest('[hidden]') ? '' : (el.textContent || '').replace(/\s+/g, ' ').trim();
        if (text && text !== last.get(el)) said.push({ region: el.id || el.className, text });
        last.set(el, text);
      }
    };
    new MutationObserver(look).observe(document, {
      subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['hidden'],
    });
  });
}

/** What the live regions said since `from` (an index into the record). */
const saidSince = (page, from) => page.evaluate((n) => window.__said.slice(n).map((s) => s.text), from);
const saidCount = (page) => page.evaluate(() => window.__said.length);

/** Lets a pending announcement (the page sets its region a moment after clearing it) be made. */
const settle = (page) => page.evaluate(() => new Promise((r) => { setTimeout(r, 200); }));

/** Asserts that no text was said twice, and returns the list. */
function once(list, what) {
  const seen = new Set();
  for (const s of list) {
    assert.ok(!seen.has(s), `${what}: "${s}" said twice: ${JSON.stringify(list)}`);
    seen.add(s);
  }
  return list;
}

const chrome = useBrowser({ sample: true });

test('a run: progress steps and the result once each, nothing per chunk of rows; a level or a search its count once', async () => {
  const file = await mediumExport();
  const p = await openPage(chrome.browser, { beforeGoto: ({ page }) => recordLiveRegions(page) });
  try {
    const { page } = p;
    await setSettings(page, { asOf: AS_OF });
    let from = await saidCount(page);
    assert.equal(await uploadFile(page, file), 'done');
    await tableSettled(page);
    assert.ok(await page.locator('#worklist-body tr').count() > 100, 'the rows came in chunks');
    await settle(page);
    let said = once(await saidSince(page, from), 'a run');
    const done = said.filter((s) => s.startsWith('Listo'));
    assert.equal(done.length, 1, `the result said once: ${JSON.stringify(said)}`);
    assert.equal(said.at(-1), done[0], `nothing said after the result (the rows' chunks): ${JSON.stringify(said)}`);
    for (const s of said.slice(0, -1)) {
      assert.match(s, /^(Cargando|Leyendo filas de|Clasificando)/, `a progress step: ${JSON.stringify(said)}`);
    }
    assert.ok(said.length <= 4, `a few steps, not one per fraction: ${JSON.stringify(said)}`);

    from = await saidCount(page);
    await page.click('#cards [data-filter="critical"]');
    await tableSettled(page);
    await settle(page);
    said = await saidSince(page, from);
    assert.deepEqual(said, [await page.textContent('#table-count')], 'the level\'s count, once');

    from = await saidCount(page);
    await page.fill('#search', 'ninguno-coincide');
    await page.waitForFunction(() => !document.getElementById('table-empty').hidden);
    await settle(page);
    said = await saidSince(page, from);
    assert.deepEqual(said, [await page.textContent('#table-empty')], 'the search\'s answer, once');
    p.assertClean();
  } finally {
    await p.close();
  }
});

test('an export refused, a refused setting, a refused previous list: each message said once', async () => {
  const notXlsx = path.join(scratchDir(), 'ayer.xlsx');
  writeFileSync(notXlsx, readFileSync(SAMPLE)); // a CSV named .xlsx
  const p = await openPage(chrome.browser, { beforeGoto: ({ page }) => recordLiveRegions(page) });
  try {
    const { page } = p;
    await setSettings(page, { asOf: AS_OF });

    // The engine refuses the export: its message (shown in the error panel) said once.
    let from = await saidCount(page);
    assert.equal(await uploadFile(page, path.join(FIXTURES, 'invented-headers.csv')), 'error');
    await settle(page);
    let said = once(await saidSince(page, from), 'an export refused');
    let errors = said.filter((s) => s.startsWith('Error'));
    assert.equal(errors.length, 1, JSON.stringify(said));
    assert.ok(errors[0].includes((await page.textContent('#error-message')).trim()), errors[0]);

    // A refused setting with results on the page: the engine's settings answer and the run it
    // refuses show the same message by the field, said once.
    assert.equal(await uploadFile(page, path.join(FIXTURES, 'tenants-mixed.csv')), 'done');
    await page.fill('#highDays', '5');
    let before = await runsDone(page);
    await page.press('#highDays', 'Tab');
    assert.equal(await waitForRun(page, before), 'done');
    await settle(page);
    from = await saidCount(page);
    before = await runsDone(page);
    await page.fill('#mediumDays', '2');
    await page.press('#mediumDays', 'Tab');
    await waitForInvalid(page, before);
    await settle(page);
    said = await saidSince(page, from);
    errors = said.filter((s) => s.startsWith('Error'));
    assert.deepEqual(errors, [`Error: ${(await page.textContent('#mediumDays-error')).trim()}`], JSON.stringify(said));
    assert.equal(await page.getAttribute('#mediumDays', 'aria-describedby'), 'mediumDays-help mediumDays-error',
      'the field is described by its hint and its message');

    // A refused previous list: its message (shown by its input) said once.
    await page.fill('#mediumDays', '9');
    before = await runsDone(page);
    await page.press('#mediumDays', 'Tab');
    assert.equal(await waitForRun(page, before), 'done');
    assert.equal(await page.getAttribute('#mediumDays', 'aria-describedby'), 'mediumDays-help');
    await settle(page);
    from = await saidCount(page);
    before = await runsDone(page);
    await page.setInputFiles('#previous', notXlsx);
    await page.waitForFunction((n) => Number(document.body.dataset.runs) > n, before);
    await settle(page);
    said = await saidSince(page, from);
    errors = said.filter((s) => s.startsWith('Error'));
    assert.deepEqual(errors, [`Error: ${(await page.textContent('#previous-error')).trim()}`], JSON.stringify(said));
    p.assertClean();
  } finally {
    await p.close();
  }
});

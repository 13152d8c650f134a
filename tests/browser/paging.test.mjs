// A long preview stays in the engine (rows not shown never hold the counts back): the counts come
// with the first 1,000 rows of the view; scrolling to the end of the table brings the next ones, a
// level filter and a search ask the engine, and every row shown is the engine's (the same rows, in
// the same order, as Worklist.preview() gives in Node), with its own email.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { matches, rowSearchText, searchTerms } from '../../www/search.js';
import { AS_OF, TZ, nodeEngine, openPage, scratchDir, setSettings, uploadFile, useBrowser } from './helpers.mjs';

const ROWS = 4000;

/** An export of ROWS tenants, most of them on the worklist (every level). */
function longExport() {
  const lines = ['id;empresa;propietario;correo;ejecutivo;plan;estado;fin_trial;pago_fallido;mensajes_usados;limite_mensajes'];
  const execs = ['Ana Ruiz', 'Luis Gómez', 'Sofía Torres'];
  for (let i = 0; i < ROWS; i++) {
    const k = i % 10;
    const day = 20 + (i % 15);
    const trial = day <= 30 ? `${day}/11/2026` : `0${day - 30}/12/2026`;
    const status = k < 5 ? 'trialing' : k === 5 ? 'past_due' : 'activo';
    lines.push(`T-${i};Compañía ${i};Owner ${i};owner${i}@ejemplo.mx;${execs[i % 3]};Pro;${status};` +
      `${k < 5 ? trial : ''};${k === 7 ? 'sí' : 'no'};${k === 6 ? 9_500 : 1_000};10.000`);
  }
  const file = path.join(scratchDir(), 'larga.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** The engine's preview of a file in Node, with each row's email. */
async function enginePreview(file) {
  const engine = await nodeEngine();
  const w = engine.analyze_worklist(readFileSync(file), { asOf: AS_OF, tz: TZ, lang: 'es', fileName: path.basename(file) });
  try {
    const { preview, summary } = w.result(w.rows());
    return { preview, summary, emails: preview.map((_, i) => w.email(i)) };
  } finally {
    w.free();
  }
}

const chrome = useBrowser({ cli: false });

/** The tenants of the table's rows, in order. */
const shownTenants = (page) => page.$$eval('#worklist-body tr:not(.email-row) .tenant-name', (n) => n.map((x) => x.textContent));
const rowCount = (page) => page.locator('#worklist-body tr:not(.email-row)').count();
const complete = (page) => page.waitForFunction(() => document.getElementById('worklist-body').dataset.complete === 'true');

test('a long preview: the first 1,000 rows, more on scrolling, the level filter and the search from the engine', async () => {
  const file = longExport();
  const { preview, summary, emails } = await enginePreview(file);
  assert.ok(preview.length > 2000, `the export makes a long preview (${preview.length} rows)`);
  const tenants = preview.map((r) => r.tenant);
  const p = await openPage(chrome.browser);
  try {
    const { page } = p;
    await setSettings(page, { asOf: AS_OF });
    assert.equal(await uploadFile(page, file), 'done', await page.textContent('#error-message'));

    // The first 1,000 rows come with the counts (drawn in chunks after the first ones).
    await complete(page);
    assert.deepEqual(await shownTenants(page), tenants.slice(0, 1000));
    assert.match(await page.textContent('#table-count'), new RegExp(`1\\.000 de ${preview.length.toLocaleString('es-MX').replace(/,/g, '.')}`));

    // Scrolling to the end of the table brings the next rows, in order.
    await page.$eval('#table-scroll', (el) => { el.scrollTop = el.scrollHeight; });
    await page.waitForFunction(() => document.querySelectorAll('#worklist-body tr:not(.email-row)').length > 1000);
    assert.deepEqual(await shownTenants(page), tenants.slice(0, 1500));
    assert.match(await page.textContent('#table-count'), /1\.500/);

    // A row that came by scrolling opens its own email.
    const row = page.locator('#worklist-body tr:not(.email-row)').nth(1234);
    await row.locator('.email-toggle').click();
    const panel = page.locator('#email-1234');
    await panel.locator('.email-draft').waitFor();
    assert.equal(await panel.locator('.email-draft').textContent(), emails[1234].draft);

    // The level filter: the engine's rows of that level, however far down the preview they are.
    const medium = preview.filter((r) => r.level === 'medium');
    assert.equal(medium.length, summary.medium);
    await page.selectOption('#level-filter', 'medium');
    await page.waitForFunction(() => [...document.querySelectorAll('#worklist-body tr:not(.email-row)')].every((tr) => tr.dataset.level === 'medium'));
    await complete(page);
    assert.deepEqual(await shownTenants(page), medium.slice(0, 1000).map((r) => r.tenant));
    assert.equal(await rowCount(page), Math.min(medium.length, 1000));

    // A search within the level: accent- and case-insensitive, every word in some text of the row,
    // over every row (the page's own search rules, run in the worker).
    const search = 'COMPANIA 39';
    const found = (rows) => rows.filter((r) => matches(rowSearchText(r), searchTerms(search))).map((r) => r.tenant);
    await page.fill('#search', search);
    const want = found(medium);
    assert.ok(want.length > 1 && want.length < 1000, `${want.length} medium rows match`);
    await page.waitForFunction((n) => document.querySelectorAll('#worklist-body tr:not(.email-row)').length === n, want.length);
    assert.deepEqual(await shownTenants(page), want);
    assert.match(await page.textContent('#table-count'), new RegExp(`Mostrando ${want.length} de`));

    // Back to every level: the search alone, then nothing.
    await page.selectOption('#level-filter', 'all');
    const anyLevel = found(preview);
    assert.ok(anyLevel.length > want.length);
    await page.waitForFunction((n) => document.querySelectorAll('#worklist-body tr:not(.email-row)').length === n, anyLevel.length);
    assert.deepEqual(await shownTenants(page), anyLevel);
    await page.fill('#search', 'no-such-tenant-anywhere');
    await page.waitForFunction(() => !document.getElementById('table-empty').hidden);
    p.assertClean();
  } finally {
    await p.close();
  }
});

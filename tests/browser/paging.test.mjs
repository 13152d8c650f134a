// The preview's rows stay in the engine, which filters them by level and searches them: the page
// asks it, for a long preview and a short one alike. A long one: rows not shown never hold the
// counts back: the counts come with the first 1,000 rows of the view; scrolling to the end of the table brings the next ones, a
// level filter and a search ask the engine, and every row shown is the engine's (the same rows, in
// the same order, as Worklist.preview() gives in Node), with its own email. The page's sizes are
// the engine's (engine_info().preview): its first `view` rows, `more` on each scroll.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  AS_OF, FIXTURES, TZ, nodeEngine, openPage, scratchDir, setSettings, uploadFile, useBrowser,
} from './helpers.mjs';

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

/**
 * The engine's preview of a file in Node, with each row's email, the rows a level and a search
 * keep (the tenants, in order: Worklist.preview), and the engine's paging.
 */
async function enginePreview(file) {
  const engine = await nodeEngine();
  const { preview: paging } = engine.engine_info({ lang: 'es' });
  const w = engine.analyze_worklist(readFileSync(file), { asOf: AS_OF, tz: TZ, lang: 'es', fileName: path.basename(file) });
  try {
    const { preview, summary } = w.result(w.rows());
    const found = new Map();
    for (const level of [undefined, 'medium']) {
      for (const search of ['COMPANIA 39']) {
        const page = w.preview({ level, search, count: w.rows() });
        found.set(`${level ?? 'all'} ${search}`, page.rows.map((r) => r.tenant));
      }
    }
    return { preview, summary, paging, found, emails: preview.map((_, i) => w.email(i)) };
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
  const { preview, summary, paging, found, emails } = await enginePreview(file);
  const { view, more } = paging;
  assert.ok(view > 0 && more > 0 && preview.length > view + more, `the preview is longer than a view and a scroll (${JSON.stringify(paging)})`);
  assert.ok(preview.length > 2000, `the export makes a long preview (${preview.length} rows)`);
  const tenants = preview.map((r) => r.tenant);
  const p = await openPage(chrome.browser);
  try {
    const { page } = p;
    await setSettings(page, { asOf: AS_OF });
    assert.equal(await uploadFile(page, file), 'done', await page.textContent('#error-message'));

    // A view's first rows come with the counts (drawn in chunks after the first ones).
    const es = (n) => n.toLocaleString('es-MX').replace(/,/g, '.');
    await complete(page);
    assert.deepEqual(await shownTenants(page), tenants.slice(0, view));
    assert.match(await page.textContent('#table-count'), new RegExp(`${es(view).replace('.', '\\.')} de ${es(preview.length).replace('.', '\\.')}`));

    // Scrolling to the end of the table brings the next rows, in order.
    await page.$eval('#table-scroll', (el) => { el.scrollTop = el.scrollHeight; });
    await page.waitForFunction((n) => document.querySelectorAll('#worklist-body tr:not(.email-row)').length > n, view);
    assert.deepEqual(await shownTenants(page), tenants.slice(0, view + more));
    assert.match(await page.textContent('#table-count'), new RegExp(es(view + more).replace('.', '\\.')));

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
    assert.deepEqual(await shownTenants(page), medium.slice(0, view).map((r) => r.tenant));
    assert.equal(await rowCount(page), Math.min(medium.length, view));

    // A search within the level: the engine's (accents and case aside, every word in some text of
    // the row), over every row.
    const search = 'COMPANIA 39';
    await page.fill('#search', search);
    const want = found.get(`medium ${search}`);
    assert.ok(want.length > 1 && want.length < view, `${want.length} medium rows match`);
    await page.waitForFunction((n) => document.querySelectorAll('#worklist-body tr:not(.email-row)').length === n, want.length);
    assert.deepEqual(await shownTenants(page), want);
    assert.match(await page.textContent('#table-count'), new RegExp(`Mostrando ${want.length} de`));

    // Back to every level: the search alone, then nothing.
    await page.selectOption('#level-filter', 'all');
    const anyLevel = found.get(`all ${search}`);
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

test('a short preview: the level filter and the search are the engine\'s too', async () => {
  const file = path.join(FIXTURES, 'tenants-mixed.csv');
  const engine = await nodeEngine();
  const w = engine.analyze_worklist(readFileSync(file), { asOf: AS_OF, tz: TZ, lang: 'es', fileName: path.basename(file) });
  /** The engine's rows for a level and a search, as Worklist.preview() gives them in Node. */
  const enginePicks = (query) => w.preview({ ...query, count: w.rows() }).rows.map((r) => r.tenant);
  // Accents and case aside, each word in one of the row's texts (the tenant's name, the executive's):
  // only a search that folds accents as the engine does finds "Taller Mecánico Ruiz" for "MECANICO".
  const search = 'MECANICO ruiz';
  const searched = enginePicks({ search });
  const critical = enginePicks({ level: 'critical' });
  const both = enginePicks({ level: 'critical', search: 'ana' });
  assert.ok(w.rows() < 50, 'a short preview');
  w.free();
  assert.deepEqual(searched, ['Taller Mecánico Ruiz']);
  assert.ok(critical.length > 1 && both.length >= 1 && both.length < critical.length, `${critical.length} critical, ${both.length} with "ana"`);

  const p = await openPage(chrome.browser, {
    // The page's requests to the engine's worker, to see that it asks the engine for the rows.
    async beforeGoto({ page }) {
      await page.addInitScript(() => {
        const post = Worker.prototype.postMessage;
        window.__rowsAsked = [];
        Worker.prototype.postMessage = function (...args) {
          const m = args[0];
          if (m && m.type === 'rows') window.__rowsAsked.push({ level: m.level, search: m.search });
          return post.apply(this, args);
        };
      });
    },
  });
  try {
    const { page } = p;
    await setSettings(page, { asOf: AS_OF });
    assert.equal(await uploadFile(page, file), 'done', await page.textContent('#error-message'));
    await complete(page);
    const asked = () => page.evaluate(() => window.__rowsAsked);

    await page.fill('#search', search);
    await page.waitForFunction(() => document.querySelectorAll('#worklist-body tr:not(.email-row)').length === 1);
    assert.deepEqual(await shownTenants(page), searched);
    assert.deepEqual((await asked()).at(-1), { level: 'all', search }, 'the search was asked of the engine');

    await page.fill('#search', '');
    await page.selectOption('#level-filter', 'critical');
    await page.waitForFunction((n) => document.querySelectorAll('#worklist-body tr:not(.email-row)').length === n, critical.length);
    await complete(page);
    assert.deepEqual(await shownTenants(page), critical);
    assert.deepEqual((await asked()).at(-1), { level: 'critical', search: '' }, 'the level was asked of the engine');

    await page.fill('#search', 'ana');
    await page.waitForFunction((n) => document.querySelectorAll('#worklist-body tr:not(.email-row)').length === n, both.length);
    assert.deepEqual(await shownTenants(page), both);
    assert.deepEqual((await asked()).at(-1), { level: 'critical', search: 'ana' });
    p.assertClean();
  } finally {
    await p.close();
  }
});

// Headers the team invented. A file whose rule columns the engine cannot place fails
// with the engine's message and error.headers; the page offers one <select> per field (the
// engine's labels) listing the file's headers. Applying re-runs with options.columns: the counts
// and bytes equal the CLI's with the same --column options. The mapping is remembered for the
// same headers and applied to the next day's file by itself, and shown on the summary.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import {
  AS_OF, FIXTURES, assertCountsEqual, cardCounts, docScreenshotPath, downloadXlsx, nodeEngine,
  openPage, runCli, runCliFailing, setSettings, uploadFile, useBrowser,
} from './helpers.mjs';

const FIXTURE = path.join(FIXTURES, 'invented-headers.csv');
const MAPPING = {
  trial_ends_at: 'Fecha vencimiento prueba',
  payment_failed: '¿Pago fallido?',
  messages_used: 'Mensajes del mes',
  messages_limit: 'Tope de mensajes',
};
const HEADERS = ['id', 'empresa', 'propietario', 'correo', 'telefono', 'ejecutivo', 'plan',
  'Fecha vencimiento prueba', '¿Pago fallido?', 'Mensajes del mes', 'Tope de mensajes'];

const chrome = useBrowser();

test('invented headers: a mapping <select> per field lists them; mapped, the CLI\'s counts and bytes', async () => {
  const info = (await nodeEngine()).engine_info({ lang: 'es' });
  const cliError = await runCliFailing(FIXTURE);
  const extra = Object.entries(MAPPING).flatMap(([k, h]) => ['--column', `${k}=${h}`]);
  const cli = await runCli(FIXTURE, { extra });
  const p = await openPage(chrome.browser, { viewport: { width: 1366, height: 800 } });
  try {
    const { page } = p;
    await setSettings(page, { asOf: AS_OF });
    assert.equal(await uploadFile(page, FIXTURE), 'error');
    const message = (await page.textContent('#error-message')).replace(/\s+/g, ' ');
    assert.ok(cliError.replace(/\s+/g, ' ').includes(message), 'the engine\'s message, as the CLI says it');
    assert.ok(await page.isVisible('#mapping'), 'the mapping panel is offered');
    assert.equal(await page.getAttribute('#mapping', 'open'), '', 'and open');

    // One select per field, labelled with the engine's label, listing the file's headers.
    const selects = await page.$$eval('#mapping-fields select', (ss) => ss.map((s) => ({
      field: s.dataset.field,
      label: s.labels[0].textContent,
      options: [...s.options].map((o) => o.value),
    })));
    assert.deepEqual(selects.map((s) => s.field), info.fields.map((f) => f.key));
    assert.deepEqual(selects.map((s) => s.label), info.fields.map((f) => f.label));
    for (const s of selects) assert.deepEqual(s.options, ['', ...HEADERS], `${s.field} lists the file's headers`);
    assert.equal(await page.textContent('#map-trial_ends_at option[value=""]'), '— sin asignar —');

    for (const [field, header] of Object.entries(MAPPING)) await page.selectOption(`#map-${field}`, header);
    await page.locator('#mapping').screenshot({ path: docScreenshotPath('mapping.png') });
    const before = Number(await page.evaluate(() => document.body.dataset.runs));
    await page.click('#mapping-apply');
    await page.waitForFunction((n) => Number(document.body.dataset.runs) > n && document.body.dataset.state !== 'busy', before);
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'done', await page.textContent('#error-message'));
    assertCountsEqual(await cardCounts(page), cli.summary, 'mapped');
    const shown = await page.textContent('[data-fact="mapping"] dd');
    assert.match(shown, /Fin del trial ← «Fecha vencimiento prueba»/, `the mapping in use on the summary: ${shown}`);
    assert.ok((await downloadXlsx(page)).bytes.equals(cli.xlsx), 'the CLI\'s workbook with the same --column options');

    // The next day's file with the same headers: the remembered mapping applies by itself.
    assert.equal(await uploadFile(page, FIXTURE), 'done', await page.textContent('#error-message'));
    assertCountsEqual(await cardCounts(page), cli.summary, 'remembered');
    assert.ok(await page.isVisible('#mapping-auto'), 'says the saved mapping was applied');
    assert.match(await page.textContent('[data-fact="mapping"] dd'), /Tope de mensajes/);

    // Removing it brings the engine's refusal back.
    await page.click('#mapping summary');
    await page.click('#mapping-forget');
    await page.waitForFunction(() => document.body.dataset.state === 'error');
    p.assertClean();
  } finally {
    await p.close();
  }
});

test('a file that works but has unknown columns offers the mapping, folded, with the engine\'s recognition', async () => {
  const p = await openPage(chrome.browser);
  try {
    const { page } = p;
    await setSettings(page, { asOf: AS_OF });
    assert.equal(await uploadFile(page, path.join(FIXTURES, 'tenants-mixed.csv')), 'done');
    assert.ok(await page.isVisible('#mapping'));
    assert.equal(await page.getAttribute('#mapping', 'open'), null, 'folded: the file worked');
    assert.equal(await page.inputValue('#map-trial_ends_at'), 'fin_trial', 'the engine\'s recognition is the starting point');
    p.assertClean();
  } finally {
    await p.close();
  }
});

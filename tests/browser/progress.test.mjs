// Large files: the page shows and announces the engine's stages (reading, classifying; the workbook after)
// while the worker runs, the page stays responsive, and the result still equals the CLI's.
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  AS_OF, assertCountsEqual, cardCounts, downloadXlsx, useBrowser, openPage, runCli, scratchDir,
  setSettings, uploadFile,
} from './helpers.mjs';

const ROWS = 200_000;

/** A deterministic export of ROWS tenants with every level. */
async function bigExport() {
  const file = path.join(scratchDir(), 'grande.csv');
  const out = createWriteStream(file);
  const write = (s) => (out.write(s) ? Promise.resolve() : new Promise((r) => out.once('drain', r)));
  await write('id;empresa;propietario;correo;ejecutivo;plan;estado;fin_trial;pago_fallido;mensajes_usados;limite_mensajes\n');
  const execs = ['Ana Ruiz', 'Luis Gómez', 'Sofía Torres', 'Pablo Ibáñez'];
  for (let i = 0; i < ROWS; i++) {
    const k = i % 10;
    const day = 20 + (i % 15);
    const trial = day <= 30 ? `${day}/11/2026` : `0${day - 30}/12/2026`;
    const status = k < 5 ? 'trialing' : k === 5 ? 'past_due' : 'activo';
    const used = k === 6 ? 9_500 : 1_000;
    await write(`T-${i};Empresa ${i};Owner ${i};owner${i}@ejemplo.mx;${execs[i % 4]};Pro;${status};` +
      `${k < 5 ? trial : ''};${k === 7 ? 'sí' : 'no'};${used};10.000\n`);
  }
  await new Promise((r) => out.end(r));
  return file;
}

const chrome = useBrowser();

test(`a ${ROWS.toLocaleString('en')}-row export: stages shown and announced, page responsive, CLI-equal result`, async () => {
  const file = await bigExport();
  const cli = await runCli(file);
  const p = await openPage(chrome.browser);
  try {
    const { page } = p;
    await setSettings(page, { asOf: AS_OF });
    await page.evaluate(() => {
      window.__stages = [];
      window.__announced = [];
      window.__bar = [];
      const bar = document.getElementById('progress-bar');
      new MutationObserver(() => window.__bar.push(bar.value)).observe(bar, { attributes: true, attributeFilter: ['value'] });
      window.__maxGap = 0;
      const steps = document.getElementById('steps');
      new MutationObserver(() => {
        const cur = steps.querySelector('li.current');
        if (cur && window.__stages.at(-1) !== cur.dataset.stage) window.__stages.push(cur.dataset.stage);
      }).observe(steps, { subtree: true, attributes: true });
      const status = document.getElementById('status');
      new MutationObserver(() => {
        if (status.textContent) window.__announced.push(status.textContent);
      }).observe(status, { childList: true, characterData: true, subtree: true });
      // The main thread must keep ticking while the engine works in the worker (the gaps are
      // measured while the page is busy; taking in the finished result is not counted).
      let last = performance.now();
      setInterval(() => {
        const now = performance.now();
        if (document.body.dataset.state === 'busy') window.__maxGap = Math.max(window.__maxGap, now - last);
        last = now;
      }, 50);
    });
    assert.equal(await uploadFile(page, file), 'done', await page.textContent('#error-message'));
    // Counts first: when they are shown, the workbook of 200,000 rows (seconds of work) is not yet.
    assert.equal(await page.evaluate(() => document.body.dataset.workbook), '', 'counts first, the workbook after');
    // The result is said a moment after it is shown (the live region's 40 ms, dom.js announce).
    await page.waitForFunction(() => window.__announced.some((a) => /Listo/.test(a)), null, { timeout: 10_000 })
      .catch(() => {});
    const { stages, announced, maxGap, bar } = await page.evaluate(() => ({
      stages: window.__stages, announced: window.__announced, maxGap: window.__maxGap, bar: window.__bar,
    }));
    // The bar moves while the file is read (the engine's reading fraction), and never goes back.
    const reading = [...new Set(bar.filter((v) => v > 0.05 && v < 0.85))];
    assert.ok(reading.length >= 2, `the bar moves while reading: ${bar.join(', ')}`);
    for (let i = 1; i < bar.length; i++) assert.ok(bar[i] >= bar[i - 1], `the bar went back: ${bar.join(', ')}`);
    // Counts first: the workbook is built after the result is shown.
    assert.deepEqual(stages.filter((s) => s !== 'load'), ['reading', 'classifying'], `stages: ${stages}`);
    for (const re of [/Clasificando/, /Listo/]) {
      assert.ok(announced.some((a) => re.test(a)), `announced ${re}: ${JSON.stringify(announced)}`);
    }
    assert.ok(maxGap < 2000, `the page froze for ${Math.round(maxGap)} ms`);
    assertCountsEqual(await cardCounts(page), cli.summary, 'big');
    assert.equal(cli.summary.rows, ROWS);
    assert.match(await page.textContent('#table-count'), /1[.,]000/, 'the preview is capped and says so');
    // The first rows come with the counts, the others right after they are on screen.
    await page.waitForFunction(() => document.getElementById('worklist-body').dataset.complete === 'true');
    assert.equal(await page.locator('#worklist-body tr').count(), 1000);
    // The rows after the first 1,000 follow the counts: the search finds them, and their emails open.
    await page.fill('#search', 'Empresa 150000');
    await page.waitForFunction(() => document.querySelectorAll('#worklist-body tr').length === 1);
    assert.equal(await page.textContent('#worklist-body .tenant-name'), 'Empresa 150000');
    await page.click('#worklist-body .email-toggle');
    await page.waitForSelector('#worklist-body .email-draft');
    assert.match(await page.textContent('#worklist-body .email-draft'), /Owner 150000/);
    await page.fill('#search', '');
    const dl = await downloadXlsx(page);
    assert.ok(dl.bytes.equals(cli.xlsx), 'the big workbook equals the CLI\'s');
    p.assertClean();
  } finally {
    await p.close();
  }
});

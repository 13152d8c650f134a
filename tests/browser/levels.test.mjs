// The legend, the cards' sub-lines and the level colours are the engine's: they follow the
// thresholds in force (engine_info with the page's options), and the page's level colours are the
// workbook's fills.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  AS_OF, FIXTURES, WWW, openPage, runsDone, setSettings, uploadFile, useBrowser, waitForRun,
} from './helpers.mjs';

const FIXTURE = path.join(FIXTURES, 'tenants-mixed.csv');
const LEVELS = ['critical', 'high', 'medium', 'info'];

const chrome = useBrowser({ cli: false });

/** engine_info from the same build the page uses, run in Node. */
async function nodeEngine() {
  const pkg = path.join(WWW, 'pkg');
  const mod = await import(path.join(pkg, 'retention_worklist.js'));
  mod.initSync({ module: readFileSync(path.join(pkg, 'retention_worklist_bg.wasm')) });
  return mod;
}

const legendText = (page) => page.$$eval('#legend [data-level-legend]', (n) =>
  Object.fromEntries(n.map((x) => [x.dataset.levelLegend, x.textContent])));
const cardSubs = (page) => page.$$eval('#cards [data-level-trigger]', (n) =>
  Object.fromEntries(n.map((x) => [x.dataset.levelTrigger, x.textContent])));

/** Sets a settings field like a person does (type, then leave it), waiting for a re-run when a file is loaded. */
async function setField(page, selector, value, { rerun = false } = {}) {
  const before = await runsDone(page);
  await page.fill(selector, value);
  await page.press(selector, 'Tab');
  if (rerun) assert.equal(await waitForRun(page, before), 'done', `${selector}: ${await page.textContent('#error-message')}`);
}

function rgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
}

for (const lang of ['es', 'en']) {
  test(`the legend and the cards follow changed thresholds (${lang})`, async () => {
    const engine = await nodeEngine();
    const changed = { lang, highDays: 5, mediumDays: 10, usagePercent: 80 };
    const expected = engine.engine_info(changed);
    const byKey = Object.fromEntries(expected.levels.map((l) => [l.key, l]));
    const p = await openPage(chrome.browser);
    try {
      const { page } = p;
      await setSettings(page, { asOf: AS_OF, lang });
      const defaults = engine.engine_info({ lang });
      await page.waitForFunction((w) => document.querySelector('#legend [data-level-legend="high"]').textContent.startsWith(w),
        defaults.levels.find((l) => l.key === 'high').word);
      const before = await legendText(page);
      for (const l of defaults.levels) assert.equal(before[l.key], `${l.word} — ${l.trigger}`, `default legend for ${l.key}`);

      // No file loaded: the legend follows the settings at once.
      await setField(page, '#highDays', '5');
      await setField(page, '#mediumDays', '10');
      await setField(page, '#usagePercent', '80');
      await page.waitForFunction((t) => document.querySelector('#legend [data-level-legend="info"]').textContent.endsWith(t),
        byKey.info.trigger);
      const legend = await legendText(page);
      for (const k of LEVELS) assert.equal(legend[k], `${byKey[k].word} — ${byKey[k].trigger}`, `legend for ${k}`);
      const days = lang === 'es' ? 'días' : 'days';
      assert.match(legend.high, new RegExp(`≤\\s*5\\s*${days}`), 'ALTO: ≤ 5 days');
      assert.match(legend.medium, new RegExp(`6\\s*[–-]\\s*10\\s*${days}`), 'MEDIO: 6–10 days');
      assert.match(legend.info, /80\s*%/, 'INFORMATIVO: 80 %');
      assert.doesNotMatch(legend.high, /≤\s*3\b/, 'the protocol default is gone');

      // With a file: the cards' sub-lines say the same.
      assert.equal(await uploadFile(page, FIXTURE), 'done', await page.textContent('#error-message'));
      const subs = await cardSubs(page);
      for (const k of LEVELS) assert.equal(subs[k], byKey[k].trigger, `card sub-line for ${k}`);
      assert.match(await page.textContent('#card-medium-sub'), /6\s*[–-]\s*10/);
      assert.match(await page.textContent('#card-info-sub'), /80/);

      // Back to the protocol: the engine's defaults, and its legend for them.
      const runs = await runsDone(page);
      await page.click('#reset-settings');
      assert.equal(await waitForRun(page, runs), 'done');
      assert.equal(await page.inputValue('#highDays'), String(defaults.defaults.highDays));
      assert.equal(await page.inputValue('#mediumDays'), String(defaults.defaults.mediumDays));
      assert.equal(await page.inputValue('#usagePercent'), String(defaults.defaults.usagePercent));
      assert.equal(await page.inputValue('#productName'), defaults.defaults.productName);
      const reset = await cardSubs(page);
      for (const l of defaults.levels) assert.equal(reset[l.key], l.trigger, `card sub-line for ${l.key} after the reset`);
      p.assertClean();
    } finally {
      await p.close();
    }
  });
}

test('invalid thresholds: the engine\'s facts are shown by the field, with its label', async () => {
  const engine = await nodeEngine();
  let error;
  try {
    engine.engine_info({ lang: 'es', highDays: 9, mediumDays: 7 });
  } catch (e) {
    error = e;
  }
  assert.ok(error && error.expected, 'engine_info refuses ALTO above MEDIO, saying what is valid');
  const p = await openPage(chrome.browser);
  try {
    const { page } = p;
    await setSettings(page, { asOf: AS_OF });
    await setField(page, '#highDays', '9');
    await page.waitForFunction(() => !document.getElementById('mediumDays-error')?.hidden);
    const medio = await page.textContent('#mediumDays-error');
    assert.ok(medio.startsWith('MEDIO'), `named by its label: ${medio}`);
    assert.ok(medio.includes(error.expected), `says what is valid: ${medio}`);
    assert.doesNotMatch(medio, /medium-days|mediumDays/);
    await setField(page, '#highDays', '3');
    await page.waitForFunction(() => document.getElementById('mediumDays-error').hidden);

    // The ranges are the engine's too: the page has no limits of its own.
    let zero;
    try {
      engine.engine_info({ lang: 'es', usagePercent: 0 });
    } catch (e) {
      zero = e;
    }
    assert.ok(zero, 'engine_info refuses 0 %');
    await setField(page, '#usagePercent', '0');
    await page.waitForFunction(() => !document.getElementById('usagePercent-error')?.hidden);
    assert.ok((await page.textContent('#usagePercent-error')).includes(zero.expected));
    const wide = engine.engine_info({ lang: 'es', usagePercent: 150 }).levels.find((l) => l.key === 'info').trigger;
    await setField(page, '#usagePercent', '150');
    await page.waitForFunction((t) => document.getElementById('card-info-sub').textContent === t, wide);
    assert.ok(await page.isHidden('#usagePercent-error'));
    p.assertClean();
  } finally {
    await p.close();
  }
});

test('the page\'s level colours are the workbook\'s fills and text colours (engine_info)', async () => {
  const engine = await nodeEngine();
  const info = engine.engine_info();
  const p = await openPage(chrome.browser);
  try {
    const { page } = p;
    await setSettings(page, { asOf: AS_OF });
    const swatches = await page.$$eval('#legend .swatch', (n) =>
      Object.fromEntries(n.map((x) => [[...x.classList].find((c) => c.startsWith('lvl-')).slice(4), getComputedStyle(x).backgroundColor])));
    assert.equal(await uploadFile(page, FIXTURE), 'done');
    const cards = await page.$$eval('#cards .card[data-filter]', (n) => Object.fromEntries(n.map((x) => {
      const cs = getComputedStyle(x);
      return [x.dataset.filter, { fill: cs.backgroundColor, text: cs.color }];
    })));
    // Every cell of a row (the tenant's row header too) and every text inside it.
    const rows = await page.$$eval('#worklist-body tr', (trs) => Object.fromEntries(trs.map((tr) => {
      const seen = [...tr.querySelectorAll('td, th, td *, th *')].map((x) => {
        const cs = getComputedStyle(x);
        return JSON.stringify({ fill: cs.backgroundColor, text: cs.color });
      });
      return [tr.dataset.level, [...new Set(seen)].map((s) => JSON.parse(s))];
    })));
    for (const l of info.levels) {
      assert.match(l.fill, /^#[0-9a-f]{6}$/i, `${l.key}: fill ${l.fill}`);
      assert.match(l.text, /^#[0-9a-f]{6}$/i, `${l.key}: text ${l.text}`);
      assert.equal(swatches[l.key], rgb(l.fill), `legend swatch of ${l.key}`);
      assert.deepEqual(cards[l.key], { fill: rgb(l.fill), text: rgb(l.text) }, `card of ${l.key}`);
      const cells = rows[l.key].filter((c) => c.fill !== 'rgba(0, 0, 0, 0)');
      assert.deepEqual(cells, [{ fill: rgb(l.fill), text: rgb(l.text) }], `worklist row of ${l.key}: every cell`);
      assert.deepEqual([...new Set(rows[l.key].map((c) => c.text))], [rgb(l.text)], `worklist row of ${l.key}: every text`);
    }
    // Neither a fill nor its text is typed in the CSS: both are the engine's.
    const css = await page.evaluate(() => [...document.styleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('\n'));
    for (const k of LEVELS) {
      assert.doesNotMatch(css, new RegExp(`--${k}(-text)?:`), `--${k} and --${k}-text are not set in the CSS`);
    }
    p.assertClean();
  } finally {
    await p.close();
  }
});

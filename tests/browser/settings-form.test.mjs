// The settings form is the engine's: its fields are engine_info().options with `settings`, in the
// engine's order, each with the engine's label, hint, choices, bounds and default, in Spanish and
// in English (so an option added to the engine's table appears on the page with no page edit);
// the page's own word for the facts is none: the delimiter and the date order are the Resumen's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  AS_OF, FIXTURES, TZ, nodeEngine, openPage, runCli, setSettings, todayInTz, uploadFile, useBrowser,
} from './helpers.mjs';

const FIXTURE = path.join(FIXTURES, 'tenants-mixed.csv');

const chrome = useBrowser();

/** The settings form as the person sees it: each field's id, label, hint, control and value. */
function shownForm(page) {
  return page.$$eval('#settings-form .field[data-option]', (fields) => fields.map((f) => {
    const control = f.querySelector('input, select');
    const help = f.querySelector('.hint');
    return {
      key: f.dataset.option,
      id: control.id,
      label: f.querySelector('label').textContent,
      labelFor: f.querySelector('label').htmlFor,
      help: help ? help.textContent : '',
      describedBy: control.getAttribute('aria-describedby'),
      tag: control.tagName.toLowerCase(),
      type: control.type,
      min: control.getAttribute('min'),
      max: control.getAttribute('max'),
      maxLength: control.maxLength,
      value: control.value,
      choices: control.tagName === 'SELECT' ? [...control.options].map((o) => ({ value: o.value, label: o.textContent })) : [],
    };
  }));
}

for (const lang of ['es', 'en']) {
  test(`the settings form is the engine's settings options, in its order and words (${lang})`, async () => {
    const engine = await nodeEngine();
    const info = engine.engine_info({ lang });
    const settings = info.options.filter((o) => o.settings);
    assert.ok(settings.length >= 7, `the engine offers the settings form's options: ${settings.map((o) => o.key)}`);
    assert.ok(info.options.some((o) => !o.settings), 'and options the form does not show');
    const p = await openPage(chrome.browser);
    try {
      const { page } = p;
      await setSettings(page, { lang });
      await page.waitForFunction((label) => document.querySelector('label[for="highDays"]').textContent === label,
        settings.find((o) => o.key === 'highDays').label);
      const shown = await shownForm(page);
      assert.deepEqual(shown.map((f) => f.key), settings.map((o) => o.key), 'the engine\'s settings options, in its order');
      const controls = await page.$$eval('#settings-form input, #settings-form select', (n) => n.map((c) => c.id));
      assert.deepEqual(controls, settings.map((o) => o.key), 'no field of the page\'s own');
      for (const [i, o] of settings.entries()) {
        const f = shown[i];
        assert.equal(f.id, o.key, `${o.key}: the field's id is the option's key`);
        assert.equal(f.labelFor, o.key);
        assert.equal(f.label, o.label, `${o.key}: the engine's label`);
        assert.equal(f.help, o.help, `${o.key}: the engine's hint`);
        if (o.help) assert.equal(f.describedBy, `${o.key}-help`, `${o.key}: the hint describes the field`);
        if (o.kind === 'choice') {
          assert.equal(f.tag, 'select');
          assert.deepEqual(f.choices, o.choices, `${o.key}: the engine's choices, in its words`);
        } else {
          assert.equal(f.tag, 'input');
        }
        if (o.kind === 'integer' || o.kind === 'number') {
          assert.equal(f.type, 'number');
          assert.equal(f.min, String(o.min), `${o.key}: the engine's bounds`);
          assert.equal(f.max, String(o.max), `${o.key}: the engine's bounds`);
        }
        if (o.kind === 'name') assert.equal(f.maxLength, o.maxChars, `${o.key}: the engine's most characters`);
        if (o.kind === 'date') assert.equal(f.type, 'date');
        // Each field starts at the engine's default; where the run decides: "detect" for a choice,
        // today and the computer's zone for the date and the zone (the date set by the test).
        const start = o.default != null ? String(o.default)
          : o.kind === 'zone' ? TZ
            : o.kind === 'date' ? AS_OF : '';
        assert.equal(f.value, start, `${o.key}: starts at ${JSON.stringify(start)}`);
      }
      p.assertClean();
    } finally {
      await p.close();
    }
  });
}

test('the form fills the date with today in the zone, and follows the language chosen', async () => {
  const engine = await nodeEngine();
  const es = engine.engine_info({ lang: 'es' }).options.filter((o) => o.settings);
  const en = engine.engine_info({ lang: 'en' }).options.filter((o) => o.settings);
  const p = await openPage(chrome.browser);
  try {
    const { page } = p;
    assert.equal(await page.inputValue('#asOf'), todayInTz(), 'today in the computer\'s zone');
    assert.deepEqual((await shownForm(page)).map((f) => f.label), es.map((o) => o.label));
    await page.selectOption('#lang', 'en');
    await page.waitForFunction((label) => document.querySelector('label[for="asOf"]').textContent === label, en[0].label);
    const shown = await shownForm(page);
    assert.deepEqual(shown.map((f) => f.label), en.map((o) => o.label), 'the labels in English');
    assert.deepEqual(shown.map((f) => f.help), en.map((o) => o.help), 'the hints in English');
    assert.deepEqual(shown.flatMap((f) => f.choices), en.flatMap((o) => o.choices), 'the choices in English');
    p.assertClean();
  } finally {
    await p.close();
  }
});

for (const lang of ['es', 'en']) {
  test(`the facts' delimiter and date order are the workbook's words (${lang})`, async () => {
    const engine = await nodeEngine();
    const cli = await runCli(FIXTURE, { lang });
    const { facts } = engine.build_worklist(readFileSync(FIXTURE), { asOf: AS_OF, tz: TZ, lang, fileName: path.basename(FIXTURE) });
    assert.equal(facts.delimiter, cli.summary.delimiter);
    assert.match(facts.date_order, new RegExp(`^${cli.summary.date_order} \\(`), `the date order and its source: ${facts.date_order}`);
    const p = await openPage(chrome.browser);
    try {
      const { page } = p;
      await setSettings(page, { asOf: AS_OF, lang });
      assert.equal(await uploadFile(page, FIXTURE), 'done', await page.textContent('#error-message'));
      assert.equal(await page.textContent('[data-fact="delimiter"] dd'), facts.delimiter);
      assert.equal(await page.textContent('[data-fact="date-order"] dd'), facts.date_order);
      p.assertClean();
    } finally {
      await p.close();
    }
  });
}

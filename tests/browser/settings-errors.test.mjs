// A bad setting is shown by its field, named by its label and with what the engine
// says is valid, never as a file error; the last good results stay (marked as from the previous
// settings); typed values apply as you type; a valid value re-runs.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import {
  AS_OF, FIXTURES, assertCountsEqual, cardCounts, docScreenshotPath, downloadXlsx, nodeEngine,
  openPage, runCli, runsDone, setSettings, uploadFile, useBrowser, waitForInvalid, waitForRun,
} from './helpers.mjs';

const FIXTURE = path.join(FIXTURES, 'tenants-mixed.csv');

const chrome = useBrowser();

/** Types a value into a field (no Enter, no Tab): it applies after the typing pause. */
async function typeInto(page, selector, value) {
  await page.click(selector, { clickCount: 3 });
  await page.keyboard.type(value);
}

test('ALTO 5 then MEDIO 2: the message by MEDIO, the results kept; MEDIO 9 re-runs', async () => {
  const engine = await nodeEngine();
  let refused;
  try {
    engine.engine_info({ lang: 'es', highDays: 5, mediumDays: 2 });
  } catch (e) {
    refused = e;
  }
  assert.equal(refused?.option, 'mediumDays');
  const [cli5, cli59] = await Promise.all([
    runCli(FIXTURE, { extra: ['--high-days', '5'] }),
    runCli(FIXTURE, { extra: ['--high-days', '5', '--medium-days', '9'] }),
  ]);
  const p = await openPage(chrome.browser, { viewport: { width: 1366, height: 800 } });
  try {
    const { page } = p;
    await setSettings(page, { asOf: AS_OF });
    assert.equal(await uploadFile(page, FIXTURE), 'done');

    let before = await runsDone(page);
    await typeInto(page, '#highDays', '5');
    assert.equal(await waitForRun(page, before), 'done', 'a typed value applies without leaving the field');
    assertCountsEqual(await cardCounts(page), cli5.summary, 'ALTO 5');

    before = await runsDone(page);
    await typeInto(page, '#mediumDays', '2');
    await waitForInvalid(page, before);
    assert.ok(await page.isHidden('#error'), 'not the file error panel');
    assert.ok(await page.isVisible('#results'), 'the last good results stay');
    assert.ok(await page.isVisible('#stale-results'), 'marked as from the previous settings');
    assertCountsEqual(await cardCounts(page), cli5.summary, 'kept');
    const message = await page.textContent('#mediumDays-error');
    assert.ok(await page.isVisible('#mediumDays-error'));
    assert.match(message, /^MEDIO/, `named by the field's label: ${message}`);
    assert.ok(message.includes(refused.expected), `the engine's words for what is valid: ${message}`);
    assert.doesNotMatch(message, /medium-days|mediumDays/);
    assert.equal(await page.getAttribute('#mediumDays', 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute('#mediumDays', 'aria-errormessage'), 'mediumDays-error');
    await page.locator('#settings').screenshot({ path: docScreenshotPath('field-error.png') });

    before = await runsDone(page);
    await typeInto(page, '#mediumDays', '9');
    assert.equal(await waitForRun(page, before), 'done');
    assert.ok(await page.isHidden('#mediumDays-error'));
    assert.equal(await page.locator('#stale-results').count(), 0);
    assertCountsEqual(await cardCounts(page), cli59.summary, 'ALTO 5, MEDIO 9');
    assert.ok((await downloadXlsx(page)).bytes.equals(cli59.xlsx), 'the download follows the new settings');
    p.assertClean();
  } finally {
    await p.close();
  }
});

test('a zone that does not exist: its message by the zone field, the results kept', async () => {
  const engine = await nodeEngine();
  let refused;
  try {
    engine.engine_info({ lang: 'es', tz: 'Mexico' });
  } catch (e) {
    refused = e;
  }
  assert.equal(refused?.option, 'tz');
  const p = await openPage(chrome.browser);
  try {
    const { page } = p;
    await setSettings(page, { asOf: AS_OF });
    assert.equal(await uploadFile(page, FIXTURE), 'done');
    const before = await runsDone(page);
    await typeInto(page, '#tz', 'Mexico');
    await waitForInvalid(page, before);
    const label = (await page.textContent('label[for="tz"]')).trim();
    const message = await page.textContent('#tz-error');
    assert.ok(message.startsWith(label), `named by its label (${label}): ${message}`);
    assert.ok(message.includes(refused.expected));
    assert.ok(await page.isHidden('#error'));
    assert.ok(await page.isVisible('#results'));
    p.assertClean();
  } finally {
    await p.close();
  }
});

// Test 4: unusable input shows the engine's message in the page, and the page keeps working;
// a file over the stated limit is refused before it is read; a worker that dies becomes an
// error message and the next file works.
import assert from 'node:assert/strict';
import { writeFileSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  AS_OF, FIXTURES, assertCountsEqual, cardCounts, useBrowser, openPage, runCli, runCliFailing,
  runsDone, scratchDir, setSettings, uploadFile, waitForRun,
} from './helpers.mjs';

const GOOD = path.join(FIXTURES, 'tenants-mixed.csv');
const dir = scratchDir();

/** Deterministic binary garbage with NUL bytes and invalid UTF-8. */
function garbageFile() {
  const file = path.join(dir, 'garbage.bin');
  const buf = Buffer.alloc(4096);
  let x = 0x9e3779b9;
  for (let i = 0; i < buf.length; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    buf[i] = x & 0xff;
  }
  buf[0] = 0; buf[1] = 0xff; buf[100] = 0;
  writeFileSync(file, buf);
  return file;
}

function emptyFile() {
  const file = path.join(dir, 'vacio.csv');
  writeFileSync(file, '');
  return file;
}

const norm = (s) => String(s).replace(/\s+/g, ' ').trim();

const chrome = useBrowser();

for (const [label, make] of [['binary garbage', garbageFile], ['an empty file', emptyFile]]) {
  test(`${label}: the engine's message is shown, then a good file works`, async () => {
    const bad = make();
    const cliStderr = await runCliFailing(bad);
    const cliGood = await runCli(GOOD);
    const p = await openPage(chrome.browser);
    try {
      const { page } = p;
      await setSettings(page, { asOf: AS_OF });
      assert.equal(await uploadFile(page, bad), 'error');
      assert.ok(await page.isVisible('#error'), 'the error panel is visible');
      assert.ok(await page.isHidden('#results'), 'no stale results next to the error');
      const message = norm(await page.textContent('#error-message'));
      assert.ok(message.length > 10, `a clear message, got ${JSON.stringify(message)}`);
      assert.ok(norm(cliStderr).includes(message),
        `the page shows the engine's message as the CLI words it\n  page: ${message}\n  CLI:  ${norm(cliStderr)}`);
      await page.waitForFunction(() => /Error/.test(document.getElementById('status').textContent));

      assert.equal(await uploadFile(page, GOOD), 'done');
      assert.ok(await page.isHidden('#error'));
      assertCountsEqual(await cardCounts(page), cliGood.summary, 'after the error');
      p.assertClean();
    } finally {
      await p.close();
    }
  });
}

test('a file over the stated limit is refused before reading it', async () => {
  const big = path.join(dir, 'enorme.csv');
  const fd = openSync(big, 'w');
  ftruncateSync(fd, 257 * 1024 * 1024); // sparse: costs no disk
  closeSync(fd);
  const p = await openPage(chrome.browser);
  try {
    const { page } = p;
    assert.match(await page.textContent('#limit-note'), /256 MB/, 'the limit is stated on the page');
    await setSettings(page, { asOf: AS_OF });
    assert.equal(await uploadFile(page, big), 'error');
    assert.match(await page.textContent('#error-message'), /257 MB.*256 MB/);
    assert.equal(await uploadFile(page, GOOD), 'done', 'the page still works');
    p.assertClean();
  } finally {
    await p.close();
  }
});

test('a worker that dies becomes an error message and the page keeps working', async () => {
  const cliGood = await runCli(GOOD);
  let crashes = 0;
  const p = await openPage(chrome.browser, {
    async beforeGoto({ page }) {
      // The first worker the page starts is the real one (it answers engine_info for the page's
      // defaults and legend) but crashes when it gets a file, as if out of memory: a module
      // evaluated before worker.js wraps its message listener.
      const js = { status: 200, headers: { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' } };
      await page.route('**/worker.js', async (route) => {
        crashes++;
        await route.fulfill({ ...js, body: "import './crash-on-build.js';\nimport './worker.js?real';\n" });
      }, { times: 1 });
      await page.route('**/crash-on-build.js', (route) => route.fulfill({
        ...js,
        body: `const add = self.addEventListener.bind(self);
self.addEventListener = (type, listener, options) => add(type, type !== 'message' ? listener : (ev) => {
  if (ev.data && ['build', 'analyze'].includes(ev.data.type)) throw new Error('simulated worker crash');
  return listener(ev);
}, options);`,
      }));
    },
  });
  try {
    const { page } = p;
    await setSettings(page, { asOf: AS_OF });
    assert.equal(await uploadFile(page, GOOD), 'error');
    assert.equal(crashes, 1);
    assert.match(await page.textContent('#error-message'), /motor se detuvo/);
    assert.equal(await uploadFile(page, GOOD), 'done', 'a fresh worker processes the next file');
    assertCountsEqual(await cardCounts(page), cliGood.summary, 'after the crash');
    // The only console error is the simulated crash itself.
    assert.ok(p.consoleErrors.every((e) => /simulated worker crash/.test(e)), p.consoleErrors.join('\n'));
    p.consoleErrors.length = 0;
    p.assertClean();
  } finally {
    await p.close();
  }
});

test('an invalid zone: its message by the field, the results kept; a valid one brings fresh results', async () => {
  const p = await openPage(chrome.browser);
  try {
    const { page } = p;
    await setSettings(page, { asOf: AS_OF });
    assert.equal(await uploadFile(page, GOOD), 'done');
    const counts = await cardCounts(page);
    let before = await runsDone(page);
    await page.fill('#tz', 'Mars/Olympus_Mons');
    await page.press('#tz', 'Enter');
    await page.waitForFunction((n) => Number(document.body.dataset.runs) > n && document.body.dataset.state === 'invalid', before);
    assert.ok(await page.isHidden('#error'), 'no file error for a setting');
    assert.ok(await page.isVisible('#results'), 'the last results stay');
    assert.ok(await page.isVisible('#stale-results'), 'marked as from the previous settings');
    assert.deepEqual(await cardCounts(page), counts);
    assert.match(await page.textContent('#tz-error'), /Mars\/Olympus_Mons/);
    assert.equal(await page.getAttribute('#tz', 'aria-invalid'), 'true');
    before = await runsDone(page);
    await page.fill('#tz', 'America/Bogota');
    await page.press('#tz', 'Tab');
    assert.equal(await waitForRun(page, before), 'done');
    assert.equal(await page.textContent('[data-fact="tz"] dd'), 'America/Bogota');
    assert.ok(await page.isHidden('#tz-error'));
    assert.equal(await page.locator('#stale-results').count(), 0);
    p.assertClean();
  } finally {
    await p.close();
  }
});

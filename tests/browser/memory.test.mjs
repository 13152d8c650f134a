// The page survives what the engine cannot hold. When a file needs more memory than the engine's
// worker can have (a WebAssembly allocation that fails aborts the engine), the person reads why
// next to the input that caused it (today's export: the error panel with its name; the previous
// worklist: by its input), the worker is replaced by a fresh one (the next good file gives the
// CLI's bytes), and the other input stays loaded and is used by the next run.
//
// Out of memory for real, with real files: this Chromium gives a WebAssembly memory at most 32 MiB
// (V8's --wasm-max-mem-pages; any browser stops a wasm32 engine at 4 GiB, most tabs sooner), and
// the files are an 8 MB export of 160,000 tenants at risk, and the worklist this tool wrote for
// 40,000 tenants (8 MB when read) as the previous list. Both work without the limit. Nothing here
// depends on a bug of the engine: it simply needs more than it is given.
//
// Then a hostile workbook under the browser's own limit: a real worklist whose shared strings
// declare 4,000,000,000 entries. An engine that allocates from the declared number aborts (out of
// memory, as above); one that refuses the declaration says so with its error. Either way the
// message is by the input that holds it, and the other input stays.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  AS_OF, CLI, SAMPLE, TZ, assertCountsEqual, cardCounts, downloadXlsx, openPage, runCli, runsDone,
  scratchDir, setSettings, uploadFile, useBrowser, waitForRun,
} from './helpers.mjs';

/** The day after AS_OF: the previous worklist is AS_OF's. */
const NEXT = new Date(Date.parse(`${AS_OF}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const dir = scratchDir();

/** The CLI's worklist for `input` as of AS_OF: a previous list as the team gets it. */
function worklistOf(input, name) {
  const file = path.join(dir, name);
  execFileSync(CLI, [input, '-o', file, '--as-of', AS_OF, '--tz', TZ, '-q']);
  return file;
}

/** An export of `rows` tenants, every one at risk (each a worklist row). */
function exportOf(rows, name) {
  const file = path.join(dir, name);
  const lines = ['id,company,email,payment_failed'];
  for (let i = 0; i < rows; i++) lines.push(`T-${i},Empresa ${i},user${i}@example.com,yes`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** `xlsx` with xl/sharedStrings.xml declaring `count` unique strings (the rest as written). */
function declaringStrings(xlsx, count, name) {
  const file = path.join(dir, name);
  execFileSync('python3', ['-c', `
import re, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as out:
    for item in src.infolist():
        data = src.read(item.filename)
        if item.filename == 'xl/sharedStrings.xml':
            data = re.sub(rb'uniqueCount="\\d+"', b'uniqueCount="' + sys.argv[3].encode() + b'"', data, count=1)
        out.writestr(item, data)
`, xlsx, file, String(count)]);
  return file;
}

/** Chooses the previous worklist; with today's file loaded, waits for the run it starts. */
async function choosePrevious(page, file, { run = true } = {}) {
  const before = await runsDone(page);
  await page.setInputFiles('#previous', file);
  if (run) return waitForRun(page, before);
  await page.waitForSelector('#previous-chosen:not([hidden])');
  return null;
}

/** Counts the workers the page starts (the first one at start-up). */
function countWorkers(page) {
  const started = { count: 0 };
  page.on('worker', () => { started.count++; });
  return started;
}

const norm = (s) => String(s).replace(/\s+/g, ' ').trim();

describe('out of memory: the engine\'s worker has 32 MiB', () => {
  const chrome = useBrowser({ sample: true, args: ['--js-flags=--wasm-max-mem-pages=512'] });

  test('today\'s export: said by the export, a fresh worker, the previous list stays loaded and is used', async () => {
    const previous = worklistOf(SAMPLE, `worklist-${AS_OF}.xlsx`);
    const big = exportOf(160_000, 'todos-en-riesgo.csv');
    const cli = await runCli(SAMPLE, { asOf: NEXT, extra: ['--previous', previous] });
    let workers;
    const p = await openPage(chrome.browser, { beforeGoto: ({ page }) => { workers = countWorkers(page); } });
    try {
      const { page } = p;
      await setSettings(page, { asOf: NEXT });
      await choosePrevious(page, previous, { run: false });

      const started = workers.count;
      assert.equal(await uploadFile(page, big), 'error');
      assert.equal(await page.textContent('#error-file'), 'todos-en-riesgo.csv');
      const message = norm(await page.textContent('#error-message'));
      assert.equal(message, '«todos-en-riesgo.csv» necesita más memoria de la que el navegador da a esta página: '
        + 'el motor se reinició. Usa la línea de comandos para este archivo.');
      await page.waitForFunction(() => /necesita más memoria/.test(document.getElementById('status').textContent));
      assert.ok(await page.isHidden('#previous-error'), 'the previous list is not blamed');
      assert.match(await page.textContent('#previous-name'), new RegExp(`worklist-${AS_OF}\\.xlsx`), 'the previous list stays loaded');

      // The next export runs on a fresh worker, with the previous list.
      assert.equal(await uploadFile(page, SAMPLE), 'done', await page.textContent('#error-message'));
      assertCountsEqual(await cardCounts(page), cli.summary, 'after running out of memory');
      assert.ok(await page.isVisible('#changes'), 'compared with the previous list');
      assert.ok((await downloadXlsx(page)).bytes.equals(cli.xlsx), 'the CLI\'s --previous bytes');
      assert.equal(workers.count, started + 1, 'the worker that ran out of memory was replaced once');
      p.assertClean();
    } finally {
      await p.close();
    }
  });

  test('the previous list (English): said by its input and unloaded; today\'s export stays and runs without it', async () => {
    const bigPrevious = worklistOf(exportOf(40_000, 'cuarenta-mil.csv'), 'worklist-grande.xlsx');
    const previous = worklistOf(SAMPLE, `worklist-${AS_OF}.xlsx`);
    const [alone, carried] = await Promise.all([
      runCli(SAMPLE, { asOf: NEXT, lang: 'en' }),
      runCli(SAMPLE, { asOf: NEXT, lang: 'en', extra: ['--previous', previous] }),
    ]);
    let workers;
    const p = await openPage(chrome.browser, { beforeGoto: ({ page }) => { workers = countWorkers(page); } });
    try {
      const { page } = p;
      await setSettings(page, { asOf: NEXT, lang: 'en' });
      assert.equal(await uploadFile(page, SAMPLE), 'done');
      // The workbook built (a newer run would otherwise replace the worker building it).
      await page.waitForFunction(() => document.body.dataset.workbook === 'ready');

      const started = workers.count;
      assert.equal(await choosePrevious(page, bigPrevious), 'done', await page.textContent('#error-message'));
      const message = norm(await page.textContent('#previous-error'));
      assert.equal(message, 'The previous worklist “worklist-grande.xlsx” needs more memory than the browser gives '
        + 'this page: it was not loaded, and the engine was restarted.');
      assert.equal(await page.getAttribute('#previous', 'aria-invalid'), 'true');
      assert.ok(await page.isHidden('#previous-chosen'), 'the previous list was unloaded');
      assert.ok(await page.isHidden('#error'), 'today\'s export is not blamed');
      assert.ok(await page.isHidden('#changes'), 'the results are today\'s export alone');
      assertCountsEqual(await cardCounts(page), alone.summary, 'without the previous list');
      assert.ok((await downloadXlsx(page)).bytes.equals(alone.xlsx), 'the CLI\'s bytes without --previous');

      // A previous list the engine can hold: today's export runs with it.
      assert.equal(await choosePrevious(page, previous), 'done', await page.textContent('#error-message'));
      assert.ok(await page.isHidden('#previous-error'));
      assert.ok((await downloadXlsx(page)).bytes.equals(carried.xlsx), 'the CLI\'s --previous bytes');
      assert.equal(workers.count, started + 1, 'the worker that ran out of memory was replaced once');
      p.assertClean();
    } finally {
      await p.close();
    }
  });
});

describe('a workbook that declares 4,000,000,000 shared strings', () => {
  const chrome = useBrowser({ sample: true });

  test('as the previous list: said by its input; today\'s export stays loaded, a good previous list works', async () => {
    const previous = worklistOf(SAMPLE, `worklist-${AS_OF}.xlsx`);
    const hostile = declaringStrings(previous, 4_000_000_000, 'worklist-declara.xlsx');
    const cli = await runCli(SAMPLE, { asOf: NEXT, extra: ['--previous', previous] });
    const p = await openPage(chrome.browser);
    try {
      const { page } = p;
      await setSettings(page, { asOf: NEXT });
      assert.equal(await uploadFile(page, SAMPLE), 'done');
      const before = await runsDone(page);
      await page.setInputFiles('#previous', hostile);
      await page.waitForFunction((n) => Number(document.body.dataset.runs) > n && document.body.dataset.state !== 'busy', before);
      assert.ok(await page.isVisible('#previous-error'), 'said by the previous list');
      assert.ok(norm(await page.textContent('#previous-error')).length > 20, 'a message');
      assert.ok(await page.isVisible('#results'), 'today\'s results stay');
      assert.ok(await page.isHidden('#error'), 'today\'s export is not blamed');

      assert.equal(await choosePrevious(page, previous), 'done', await page.textContent('#error-message'));
      assert.ok(await page.isHidden('#previous-error'));
      assert.ok((await downloadXlsx(page)).bytes.equals(cli.xlsx), 'the CLI\'s --previous bytes');
      p.assertClean();
    } finally {
      await p.close();
    }
  });

  test('as today\'s export: said by the export; the previous list stays loaded and is used', async () => {
    const previous = worklistOf(SAMPLE, `worklist-${AS_OF}.xlsx`);
    const hostile = declaringStrings(worklistOf(SAMPLE, 'hoy.xlsx'), 4_000_000_000, 'export-declara.xlsx');
    const cli = await runCli(SAMPLE, { asOf: NEXT, extra: ['--previous', previous] });
    const p = await openPage(chrome.browser);
    try {
      const { page } = p;
      await setSettings(page, { asOf: NEXT });
      await choosePrevious(page, previous, { run: false });
      assert.equal(await uploadFile(page, hostile), 'error');
      assert.equal(await page.textContent('#error-file'), 'export-declara.xlsx');
      assert.ok(norm(await page.textContent('#error-message')).length > 20, 'a message');
      assert.ok(await page.isHidden('#previous-error'), 'the previous list is not blamed');
      assert.ok(await page.isVisible('#previous-chosen'), 'the previous list stays loaded');

      assert.equal(await uploadFile(page, SAMPLE), 'done', await page.textContent('#error-message'));
      assert.ok((await downloadXlsx(page)).bytes.equals(cli.xlsx), 'the CLI\'s --previous bytes');
      p.assertClean();
    } finally {
      await p.close();
    }
  });
});

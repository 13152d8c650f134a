// Today's export plus yesterday's worklist on "Worklist anterior
// (opcional)" (id="previous") gives the CLI's `--previous` bytes, the change counts and a Cambio
// column in the preview; a wrong previous file is said next to that input and today's file stays
// loaded. "Descargar por ejecutivo (ZIP)" holds exactly the CLI's
// `--split-by-executive` files, and the page shows the engine's version (`--version`).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  AS_OF, CLI, SAMPLE, TZ, docScreenshotPath, downloadXlsx, openPage, runCli, runsDone, scratchDir,
  setSettings, uploadFile, useBrowser, waitForRun,
} from './helpers.mjs';

/** The day after AS_OF. */
const NEXT = new Date(Date.parse(`${AS_OF}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Yesterday's worklist: the CLI's own output for the sample on AS_OF. */
function yesterday(dir) {
  const file = path.join(dir, `worklist-${AS_OF}.xlsx`);
  execFileSync(CLI, [SAMPLE, '-o', file, '--as-of', AS_OF, '--tz', TZ, '-q']);
  return file;
}

/** Choose the previous worklist and wait for today's file to run again with it. */
async function choosePrevious(page, file) {
  const before = await runsDone(page);
  await page.setInputFiles('#previous', file);
  return waitForRun(page, before).catch(() => page.evaluate(() => document.body.dataset.state));
}

describe('yesterday\'s worklist on the page', () => {
  const chrome = useBrowser({ sample: true });

  test('export + previous worklist: the CLI\'s --previous bytes, changes and a Cambio column', async () => {
    const dir = scratchDir();
    const prev = yesterday(dir);
    const cli = await runCli(SAMPLE, { asOf: NEXT, extra: ['--previous', prev] });
    assert.ok(cli.summary.changes, 'the CLI compared with the previous worklist');
    const p = await openPage(chrome.browser);
    try {
      const { page } = p;
      assert.equal(await page.textContent('label[for="previous"]'), 'Worklist anterior (opcional)');
      await setSettings(page, { asOf: NEXT });
      assert.equal(await uploadFile(page, SAMPLE), 'done');
      assert.equal(await choosePrevious(page, prev), 'done');
      const changes = await page.evaluate(() => Object.fromEntries(
        [...document.querySelectorAll('#changes [data-change]')].map((n) => [n.dataset.change, Number(n.textContent.replace(/[^\d]/g, ''))]),
      ));
      const c = cli.summary.changes;
      assert.deepEqual(changes, { new: c.new, same: c.same, up: c.up, down: c.down, snoozed: c.snoozed, left: c.left, carried: cli.summary.carried });
      assert.match(await page.textContent('[data-fact="previous"] dd'), new RegExp(path.basename(prev).replace('.', '\\.')));
      // The Cambio column: shown, with the engine's words on the first row.
      assert.ok(await page.isVisible('#worklist th.c-change'));
      const first = await page.textContent('#worklist-body tr:first-child td.c-change');
      // An overdue row's words come first: VENCIDO (1 día) · SIGUE.
      const change = first.replace(/^VENCIDO \(\d+ días?\) · /, '');
      assert.ok(['SIGUE', 'NUEVO', 'SUBIÓ'].some((w) => change.startsWith(w)), first);
      const dl = await downloadXlsx(page);
      assert.ok(dl.bytes.equals(cli.xlsx), 'the page\'s XLSX equals the CLI\'s --previous output');
      await page.locator('#changes').scrollIntoViewIfNeeded();
      await page.screenshot({ path: docScreenshotPath('previous.png') });
      p.assertClean();
    } finally {
      await p.close();
    }
  });

  test('a wrong previous file is said by its input; today\'s file stays loaded', async () => {
    const p = await openPage(chrome.browser);
    try {
      const { page } = p;
      await setSettings(page, { asOf: NEXT });
      assert.equal(await uploadFile(page, SAMPLE), 'done');
      const notXlsx = path.join(scratchDir(), 'ayer.xlsx');
      writeFileSync(notXlsx, readFileSync(SAMPLE)); // a CSV named .xlsx
      const before = await runsDone(page);
      await page.setInputFiles('#previous', notXlsx);
      await page.waitForFunction((n) => Number(document.body.dataset.runs) > n, before);
      assert.ok(await page.isVisible('#previous-error'));
      assert.match(await page.textContent('#previous-error'), /no es un libro XLSX/);
      assert.ok(await page.isVisible('#results'), 'today\'s results stay');
      assert.ok(await page.isHidden('#error'), 'the file is not blamed');
      // Removing it runs today's file again, without a previous worklist.
      const again = await runsDone(page);
      await page.click('#previous-clear');
      assert.equal(await waitForRun(page, again), 'done');
      assert.ok(await page.isHidden('#previous-error'));
      assert.ok(await page.isHidden('#worklist th.c-change'), 'no Cambio column without a previous worklist');
    } finally {
      await p.close();
    }
  });

  test('per-executive ZIP: exactly the CLI\'s --split-by-executive files; the engine version shown', async () => {
    const dir = scratchDir();
    const split = path.join(dir, 'split');
    execFileSync(CLI, [SAMPLE, '--split-by-executive', split, '--as-of', AS_OF, '--tz', TZ, '-q']);
    const version = execFileSync(CLI, ['--version'], { encoding: 'utf8' }).trim();
    const p = await openPage(chrome.browser);
    try {
      const { page } = p;
      assert.ok((await page.textContent('#engine-version')).includes(version), 'the page names the engine version');
      await setSettings(page, { asOf: AS_OF });
      assert.equal(await uploadFile(page, SAMPLE), 'done');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-split')]);
      assert.equal(download.suggestedFilename(), `worklist-${AS_OF}-por-ejecutivo.zip`);
      const zip = await download.path();
      const out = path.join(dir, 'unzipped');
      mkdirSync(out);
      execFileSync('python3', ['-c', 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, out]);
      const want = readdirSync(split).sort();
      assert.deepEqual(readdirSync(out).sort(), want);
      for (const f of want) {
        assert.ok(readFileSync(path.join(out, f)).equals(readFileSync(path.join(split, f))), `${f} differs from the CLI's`);
      }
      const listed = await page.evaluate(() => [...document.querySelectorAll('#split-files li')].map((li) => li.dataset.file));
      assert.deepEqual(listed.sort(), want);
      p.assertClean();
    } finally {
      await p.close();
    }
  });
});

// The page's core flows, run in one browser engine over WebDriver (tests/browser/webdriver.mjs):
// firefox.test.mjs and webkit.test.mjs each call engineFlows() with their engine; the same flows run
// in Chromium through Playwright in sample/previous/offline/site tests.
//   - the served page (scripts/serve.mjs): an export through the file input, then the sample button:
//     the CLI's counts, and the download is the CLI's bytes
//   - yesterday's worklist on "Worklist anterior": the CLI's --previous bytes and change counts
//   - the per-executive ZIP: exactly the CLI's --split-by-executive files
//   - the offline single file dist/retention-worklist.html opened from file://: the same as the served
//     page, and nothing but file:, blob: and data: loaded
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../../scripts/serve.mjs';
import {
  AS_OF, CLI, FIXTURES, SAMPLE, TZ, WWW, assertCountsEqual, requireBuilt, requireSample, runCli,
} from './helpers.mjs';
import { SAMPLE_AS_OF, SINGLE_FILE, ensureDist } from './dist-helpers.mjs';
import {
  browserVersion, cardCounts, chooseFile, clickDownload, inPage, newSession, openUrl, pageErrors, runsDone,
  scratchFolder, setAsOf, startDriver, textOf, waitForRun,
} from './webdriver.mjs';

/** The day after AS_OF. */
const NEXT = new Date(Date.parse(`${AS_OF}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const MIXED = path.join(FIXTURES, 'tenants-mixed.csv');

/**
 * Upload `file` and try the sample button on an opened page: each time the cards equal the CLI's
 * counts and the download is the CLI's bytes (the same flow as dist-helpers.mjs runPageFlow).
 */
async function pageFlow(session, file, folder) {
  const [cli, cliSample] = await Promise.all([
    runCli(file, { lang: 'es' }),
    runCli(SAMPLE, { lang: 'es', fileName: 'tenants-ejemplo.csv', asOf: SAMPLE_AS_OF }),
  ]);
  await setAsOf(session, AS_OF);
  assert.equal(await inPage(session, () => document.getElementById('tz').value), TZ, 'the time zone defaults to the browser\'s');
  assert.equal(await chooseFile(session, file), 'done', await textOf(session, '#error-message'));
  assertCountsEqual(await cardCounts(session), cli.summary, path.basename(file));
  let dl = await clickDownload(session, '#download', { folder });
  assert.equal(dl.name, `worklist-${AS_OF}.xlsx`);
  assert.ok(dl.bytes.length > 1000, 'the download is a real workbook');
  assert.ok(dl.bytes.equals(cli.xlsx), `the downloaded XLSX (${dl.bytes.length} bytes) differs from the CLI's (${cli.xlsx.length} bytes)`);

  const runs = await runsDone(session);
  await inPage(session, () => document.getElementById('sample').click());
  assert.equal(await waitForRun(session, runs), 'done', await textOf(session, '#error-message'));
  assert.equal(await textOf(session, '#result-title'), 'tenants-ejemplo.csv');
  assertCountsEqual(await cardCounts(session), cliSample.summary, 'sample');
  dl = await clickDownload(session, '#download', { folder });
  assert.ok(dl.bytes.equals(cliSample.xlsx), 'the sample\'s workbook equals the CLI\'s');
}

/** Unzips `bytes` (python3's zipfile) into a new folder; returns { name: Buffer }. */
function unzip(bytes, dir) {
  const zip = path.join(dir, 'in.zip');
  const out = path.join(dir, 'unzipped');
  writeFileSync(zip, bytes);
  mkdirSync(out);
  execFileSync('python3', ['-c', 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, out]);
  return Object.fromEntries(readdirSync(out).sort().map((f) => [f, readFileSync(path.join(out, f))]));
}

/** The core flows in `engine` ('firefox' or 'webkit'). */
export function engineFlows(engine) {
  describe(`the page in ${engine === 'webkit' ? 'WebKit (WebKitGTK MiniBrowser)' : 'Firefox ESR'}`, () => {
    let driver;
    let server;
    let session;
    let folder;
    before(async () => {
      requireBuilt();
      requireSample();
      await ensureDist();
      driver = await startDriver(engine);
      server = await startServer({ root: WWW, port: 0 });
    });
    after(async () => {
      await server?.close();
      driver?.stop();
    });

    /** A fresh session per test (a new profile); Firefox saves its downloads into `folder`. */
    async function open(url) {
      folder = engine === 'firefox' ? scratchFolder() : undefined;
      session = await newSession(driver, { downloads: folder });
      await openUrl(session, url);
      return session;
    }
    async function close() {
      if (!session) return;
      try {
        assert.deepEqual(await pageErrors(session), [], 'uncaught errors in the page');
      } finally {
        await session.quit();
        session = undefined;
      }
    }

    test('the served page: an export and the sample give the CLI\'s counts and bytes', async (t) => {
      try {
        await open(server.url);
        t.diagnostic(await browserVersion(session));
        await pageFlow(session, MIXED, folder);
      } finally {
        await close();
      }
    });

    test('yesterday\'s worklist: the CLI\'s --previous bytes and change counts', async () => {
      const dir = scratchFolder();
      const prev = path.join(dir, `worklist-${AS_OF}.xlsx`);
      execFileSync(CLI, [SAMPLE, '-o', prev, '--as-of', AS_OF, '--tz', TZ, '-q']);
      const cli = await runCli(SAMPLE, { asOf: NEXT, extra: ['--previous', prev] });
      try {
        await open(server.url);
        await setAsOf(session, NEXT);
        assert.equal(await chooseFile(session, SAMPLE), 'done', await textOf(session, '#error-message'));
        assert.equal(await chooseFile(session, prev, '#previous'), 'done', await textOf(session, '#previous-error'));
        const changes = await inPage(session, () => Object.fromEntries(
          [...document.querySelectorAll('#changes [data-change]')].map((n) => [n.dataset.change, Number(n.textContent.replace(/[^\d]/g, ''))]),
        ));
        const c = cli.summary.changes;
        assert.deepEqual(changes, { new: c.new, same: c.same, up: c.up, down: c.down, snoozed: c.snoozed, left: c.left, carried: cli.summary.carried });
        const dl = await clickDownload(session, '#download', { folder });
        assert.equal(dl.name, `worklist-${NEXT}.xlsx`);
        assert.ok(dl.bytes.equals(cli.xlsx), 'the page\'s XLSX equals the CLI\'s --previous output');
      } finally {
        await close();
      }
    });

    test('per-executive ZIP: exactly the CLI\'s --split-by-executive files', async () => {
      const dir = scratchFolder();
      const split = path.join(dir, 'split');
      execFileSync(CLI, [SAMPLE, '--split-by-executive', split, '--as-of', AS_OF, '--tz', TZ, '-q']);
      try {
        await open(server.url);
        await setAsOf(session, AS_OF);
        assert.equal(await chooseFile(session, SAMPLE), 'done', await textOf(session, '#error-message'));
        const dl = await clickDownload(session, '#download-split', { folder });
        assert.equal(dl.name, `worklist-${AS_OF}-por-ejecutivo.zip`);
        const files = unzip(dl.bytes, dir);
        const want = readdirSync(split).sort();
        assert.deepEqual(Object.keys(files), want);
        for (const f of want) assert.ok(files[f].equals(readFileSync(path.join(split, f))), `${f} differs from the CLI's`);
      } finally {
        await close();
      }
    });

    test('the offline single file from file://: the CLI\'s counts and bytes, nothing loaded from a network', async () => {
      try {
        await open(pathToFileURL(SINGLE_FILE).href);
        await pageFlow(session, MIXED, folder);
        const loaded = await inPage(session, () => performance.getEntriesByType('resource').map((e) => e.name));
        assert.deepEqual(loaded.filter((u) => !/^(file|blob|data):/.test(u)), [], 'the single file loaded something from a network');
      } finally {
        await close();
      }
    });
  });
}

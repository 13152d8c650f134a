// Keyboard only. A short run: Tab reaches the file input (the file is chosen through it), and
// after the file is processed the download is a few Tab presses away; Enter downloads the CLI's
// bytes; Space on a level card filters, Enter opens a row's email. The whole morning: the export
// and yesterday's worklist chosen through their dialogs, the settings unfolded and the date typed,
// a level and its overdue rows, a search, a row's email opened and its draft copied, the workbook
// and the ZIP downloaded (the CLI's bytes), with the focus visible at every stop.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  AS_OF, CLI, FIXTURES, SAMPLE, TZ, openPage, runCli, runsDone, scratchDir, setSettings,
  tableSettled, useBrowser, waitForRun,
} from './helpers.mjs';

const FIXTURE = path.join(FIXTURES, 'tenants-mixed.csv');

// The browser in Mexican Spanish, as the ops team's: its date fields read day, month, year.
const chrome = useBrowser({ sample: true, args: ['--lang=es-MX'] });

const active = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);

async function tabTo(page, id, max) {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (await active(page) === id) return i;
  }
  assert.fail(`${id} not reached in ${max} Tab presses (at ${await active(page)})`);
}

test('keyboard only: Tab to the file input, choose the file, Tab to the download, Enter', async () => {
  const cli = await runCli(FIXTURE);
  const p = await openPage(chrome.browser, { viewport: { width: 1366, height: 800 } });
  try {
    const { page } = p;
    await setSettings(page, { asOf: AS_OF });
    // From the top of the page (its first stop, the skip link), as a keyboard user starts.
    await page.focus('.skip-link');
    await tabTo(page, 'file', 6);
    // The file is chosen through the focused input (what the system's file dialog does; headless
    // Chromium does not always open the dialog for a key press).
    const before = await runsDone(page);
    await page.locator(':focus').setInputFiles(FIXTURE);
    assert.equal(await waitForRun(page, before), 'done');

    const presses = await tabTo(page, 'download', 3);
    assert.ok(presses <= 3, `download reached in ${presses} Tab presses`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const bytes = readFileSync(await download.path());
    assert.ok(bytes.equals(cli.xlsx), 'the keyboard download is the CLI\'s workbook');

    // Space on a level card filters; Enter on a row's email button opens it.
    await page.focus('#cards [data-filter="critical"]');
    await page.keyboard.press('Space');
    assert.equal(await page.getAttribute('#cards [data-filter="critical"]', 'aria-pressed'), 'true');
    await tableSettled(page);
    await page.focus('#worklist-body .email-toggle');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#worklist-body .email-draft');
    p.assertClean();
  } finally {
    await p.close();
  }
});

/**
 * Whether the focus can be seen: the focused element draws a focus ring (an outline of 2 px or
 * more); a control drawn invisible on purpose (the drop zone's file input) shows it on its label.
 */
function focusShown(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return 'nothing focused';
    const ring = (/** @type {Element} */ el) => {
      const cs = getComputedStyle(el);
      return cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
    };
    const box = a.getBoundingClientRect();
    const drawn = Number(getComputedStyle(a).opacity) > 0 && box.width >= 4 && box.height >= 4;
    if (drawn ? ring(a) : [...(/** @type {HTMLInputElement} */ (a).labels || [])].some(ring)) return '';
    return `${a.tagName.toLowerCase()}#${a.id}.${a.className}: no visible focus ring`;
  });
}

/** The focused element as `tag#id.class` (for messages and to find a stop). */
const where = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return a ? `${a.tagName.toLowerCase()}#${a.id}.${[...a.classList].join('.')}` : '';
});

/**
 * Presses `key` (Tab or Shift+Tab) until the focused element matches `selector`, checking at every
 * stop that the focus can be seen; returns the number of presses.
 */
async function keyTo(page, selector, { key = 'Tab', max = 40 } = {}) {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(key);
    assert.equal(await focusShown(page), '', `focus visible at ${await where(page)}`);
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return i;
  }
  return assert.fail(`${selector} not reached in ${max} ${key} presses (at ${await where(page)})`);
}

/**
 * The parts of the date field labelled `label`, in the order it shows them ('day', 'month',
 * 'year'): the browser's language decides it, and the accessibility tree says it (what a screen
 * reader reads: one spin button per part; a part is told by its largest value).
 */
async function dateParts(page, label) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const field = nodes.find((n) => n.role?.value === 'Date' && n.name?.value === label);
    assert.ok(field, `a date field named ${label}`);
    const parts = [];
    const walk = (n) => {
      for (const id of n.childIds || []) {
        const c = byId.get(id);
        if (!c) continue;
        if (c.role?.value === 'spinbutton') {
          const max = Number(c.properties?.find((p) => p.name === 'valuemax')?.value?.value);
          parts.push(max === 12 ? 'month' : max === 31 ? 'day' : 'year');
        }
        walk(c);
      }
    };
    walk(field);
    assert.deepEqual([...parts].sort(), ['day', 'month', 'year'], `the parts of ${label}`);
    return parts;
  } finally {
    await cdp.detach();
  }
}

/** Presses `key` on the focused file input and chooses `file` in the dialog it opens. */
async function chooseWithKeyboard(page, file, key = 'Space') {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press(key)]);
  const before = await runsDone(page);
  await chooser.setFiles(file);
  return waitForRun(page, before);
}

test('the whole morning by keyboard alone, focus always visible', async () => {
  const dir = scratchDir();
  const next = new Date(Date.parse(`${AS_OF}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const prev = path.join(dir, `worklist-${AS_OF}.xlsx`);
  execFileSync(CLI, [SAMPLE, '-o', prev, '--as-of', AS_OF, '--tz', TZ, '-q']);
  const split = path.join(dir, 'split');
  const cli = await runCli(SAMPLE, { asOf: next, extra: ['--previous', prev] });
  execFileSync(CLI, [SAMPLE, '--previous', prev, '--split-by-executive', split, '--as-of', next, '--tz', TZ, '-q']);
  // A half-screen window: the settings start folded.
  const p = await openPage(chrome.browser, {
    viewport: { width: 740, height: 900 },
    // Playwright takes over the file dialog once a page listens for it; listening from the start
    // means a key press always opens a dialog the test can answer (the take-over is asynchronous).
    beforeGoto: ({ page }) => { page.on('filechooser', () => {}); },
  });
  try {
    const { page, context, origin } = p;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    const focusIs = async (selector) => assert.ok(
      await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector),
      `focus on ${selector}, not ${await where(page)}`,
    );

    // The skip link first, then to the export's input; the export through its dialog.
    await keyTo(page, '.skip-link', { max: 1 });
    await page.keyboard.press('Enter');
    await focusIs('main');
    await keyTo(page, '#file', { max: 1 });
    assert.equal(await chooseWithKeyboard(page, SAMPLE), 'done');
    await focusIs('#result-title');

    // Yesterday's worklist: back to its input, chosen through its dialog.
    await keyTo(page, '#previous', { key: 'Shift+Tab', max: 6 });
    assert.equal(await chooseWithKeyboard(page, prev), 'done');
    assert.ok(await page.isVisible('#changes'), 'compared with yesterday\'s worklist');

    // The settings: unfolded with Enter, the date typed (day, month, year as the date field asks).
    await keyTo(page, '#settings > summary', { max: 3 });
    assert.equal(await page.evaluate(() => document.getElementById('settings').open), false, 'folded at first');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.getElementById('settings').open), true);
    await keyTo(page, '#asOf', { max: 1 });
    const [year, month, day] = next.split('-');
    const typed = { year, month, day };
    const label = await page.textContent('label[for="asOf"]');
    for (const part of await dateParts(page, label)) await page.keyboard.type(typed[part]);
    assert.equal(await page.inputValue('#asOf'), next);
    // Applied after the typing pause: the results are for the typed day.
    await page.waitForFunction(
      (shown) => document.body.dataset.state === 'done' && document.querySelector('[data-fact="as-of"] dd')?.textContent === shown,
      `${day}/${month}/${year}`,
    );

    // A level: its card, with Enter.
    await keyTo(page, '#cards [data-filter="critical"]');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('#cards [data-filter="critical"]', 'aria-pressed'), 'true');
    await tableSettled(page);
    assert.deepEqual(await page.$$eval('#worklist-body tr:not(.email-row)', (trs) => [...new Set(trs.map((tr) => tr.dataset.level))]), ['critical']);

    // Its overdue rows alone (VENCIDO, a day after yesterday's list): their card, with Space.
    await keyTo(page, '#overdue-card');
    await page.keyboard.press('Space');
    assert.equal(await page.getAttribute('#overdue-card', 'aria-pressed'), 'true');
    await tableSettled(page);
    const overdue = await page.$$eval('#worklist-body tr:not(.email-row)', (trs) => trs.map((tr) => [tr.dataset.level, tr.classList.contains('overdue')]));
    assert.equal(overdue.length, cli.summary.overdue.critical);
    assert.ok(overdue.every(([level, late]) => level === 'critical' && late), JSON.stringify(overdue));

    // A search, typed.
    const tenant = await page.textContent('#worklist-body tr:last-child .tenant-name');
    await keyTo(page, '#search');
    await page.keyboard.type(tenant);
    await page.waitForFunction((name) => {
      const rows = [...document.querySelectorAll('#worklist-body tr:not(.email-row)')];
      return rows.length === 1 && rows[0].querySelector('.tenant-name')?.textContent === name
        && document.getElementById('worklist-body').dataset.complete === 'true';
    }, tenant);

    // The row's email: opened with Enter, the draft copied with Enter on Copiar.
    await keyTo(page, '#worklist-body .email-toggle');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#worklist-body .email-draft');
    await keyTo(page, '#worklist-body .email-copy');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#worklist-body .email-copied:not(:empty)');
    const subject = await page.textContent('#worklist-body .email-subject-text');
    const draft = await page.textContent('#worklist-body .email-draft');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${subject}\n\n${draft}`);

    // The workbook and the ZIP: back to the downloads, Enter on each.
    await keyTo(page, '#download', { key: 'Shift+Tab' });
    let [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.ok(readFileSync(await download.path()).equals(cli.xlsx), 'the CLI\'s workbook (--previous, the typed date)');
    await keyTo(page, '#download-split', { max: 1 });
    [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.equal(download.suggestedFilename(), `worklist-${next}-por-ejecutivo.zip`);
    const out = path.join(dir, 'unzipped');
    mkdirSync(out);
    execFileSync('python3', ['-c', 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', await download.path(), out]);
    const want = readdirSync(split).sort();
    assert.deepEqual(readdirSync(out).sort(), want);
    for (const f of want) {
      assert.ok(readFileSync(path.join(out, f)).equals(readFileSync(path.join(split, f))), `${f}: the CLI's bytes`);
    }
    p.assertClean();
  } finally {
    await p.close();
  }
});

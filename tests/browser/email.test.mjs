// Each preview row opens the engine's subject and draft (Worklist.email(i) through the
// worker), with "Copiar" and "Abrir en el correo" (the engine's mailto with the draft; absent when
// the engine gives none).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  AS_OF, FIXTURES, SAMPLE, TZ, nodeEngine, openPage, setSettings, uploadFile, useBrowser,
} from './helpers.mjs';

const chrome = useBrowser({ cli: false, sample: true });

/** The engine's emails for a file, in Node: preview rows and email(i) for each. */
async function engineEmails(file, lang = 'es') {
  const engine = await nodeEngine();
  const w = engine.analyze_worklist(readFileSync(file), { asOf: AS_OF, tz: TZ, lang, fileName: path.basename(file) });
  try {
    const { preview } = w.result(w.rows());
    return preview.map((row, i) => ({ level: row.level, tenant: row.tenant, ...w.email(i) }));
  } finally {
    w.free();
  }
}

async function openEmail(page, index) {
  const row = page.locator('#worklist-body tr:not(.email-row)').nth(index);
  const button = row.locator('.email-toggle');
  await button.click();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  const panel = page.locator(`#${await button.getAttribute('aria-controls')}`);
  await panel.locator('.email-draft').waitFor();
  return panel;
}

test('each level\'s first row reveals its subject and draft; Copiar copies them', async () => {
  const emails = await engineEmails(SAMPLE);
  const p = await openPage(chrome.browser);
  try {
    const { page, context, origin } = p;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await setSettings(page, { asOf: AS_OF });
    assert.equal(await uploadFile(page, SAMPLE), 'done');
    for (const level of ['critical', 'high', 'medium', 'info']) {
      const index = emails.findIndex((e) => e.level === level);
      assert.ok(index >= 0, `the sample has a ${level} row`);
      const mail = emails[index];
      const panel = await openEmail(page, index);
      assert.equal(await panel.locator('.email-subject-text').textContent(), mail.subject, `${level}: subject`);
      assert.equal(await panel.locator('.email-draft').textContent(), mail.draft, `${level}: draft`);
      assert.equal(await panel.locator('.email-copy').textContent(), 'Copiar');
      const open = panel.locator('a.email-open');
      if (mail.mailto) {
        assert.equal(await open.textContent(), 'Abrir en el correo');
        assert.equal(await open.getAttribute('href'), mail.mailto, `${level}: the engine's mailto`);
      } else {
        assert.equal(await open.count(), 0);
      }
      if (level === 'critical') {
        await panel.locator('.email-copy').click();
        await panel.locator('.email-copied:not(:empty)').waitFor();
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${mail.subject}\n\n${mail.draft}`);
      }
    }
    // Closing folds it again.
    await page.locator('#worklist-body tr:not(.email-row)').first().locator('.email-toggle').click();
    assert.ok(await page.locator('#worklist-body .email-row').first().isHidden());
    p.assertClean();
  } finally {
    await p.close();
  }
});

test('no "Abrir en el correo" where the engine gives no mailto', async () => {
  const file = path.join(FIXTURES, 'links.csv');
  const emails = await engineEmails(file);
  const index = emails.findIndex((e) => e.mailto === null);
  assert.ok(index >= 0, 'links.csv has a row without a mail link');
  const p = await openPage(chrome.browser);
  try {
    const { page } = p;
    await setSettings(page, { asOf: AS_OF });
    assert.equal(await uploadFile(page, file), 'done');
    const panel = await openEmail(page, index);
    assert.equal(await panel.locator('.email-subject-text').textContent(), emails[index].subject);
    assert.equal(await panel.locator('a.email-open').count(), 0);
    assert.equal(await panel.locator('.email-copy').count(), 1);
    p.assertClean();
  } finally {
    await p.close();
  }
});

// The preview's email and phone links appear exactly when the workbook's do: the page takes them
// from the engine's `mailto`/`tel` (it never decides with rules of its own), so row by row the
// preview has an <a href> where the downloaded XLSX has a link, with the same target.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import {
  AS_OF, FIXTURES, downloadXlsx, openPage, setSettings, uploadFile, useBrowser,
} from './helpers.mjs';

const FIXTURE = path.join(FIXTURES, 'links.csv');

const chrome = useBrowser({ cli: false });

/** The Worklist sheet's rows: tenant, and the email/phone link targets (null: plain text). */
async function workbookLinks(bytes) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const ws = wb.getWorksheet('Worklist');
  assert.ok(ws, 'the workbook has a Worklist sheet');
  const headers = {};
  ws.getRow(1).eachCell((cell, col) => { headers[String(cell.value)] = col; });
  const col = (...names) => {
    const found = names.map((n) => headers[n]).find(Boolean);
    assert.ok(found, `the Worklist sheet has a column ${names.join(' / ')}: ${Object.keys(headers).join(', ')}`);
    return found;
  };
  const [tenantCol, emailCol, phoneCol] = [col('Tenant'), col('Email'), col('Teléfono', 'Phone')];
  const rows = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const tenant = row.getCell(tenantCol).text;
    if (!tenant) continue;
    const email = row.getCell(emailCol);
    const phone = row.getCell(phoneCol);
    // An email link is a real hyperlink; a phone link is the formula =HYPERLINK("tel:…","…").
    const emailHref = email.hyperlink || (email.value && typeof email.value === 'object' && email.value.hyperlink) || null;
    const formula = phone.formula || (phone.value && typeof phone.value === 'object' && phone.value.formula) || '';
    const tel = /^=?HYPERLINK\("(tel:[^"]*)"/i.exec(formula);
    assert.ok(!formula || tel, `row ${r}: the phone cell's only formula is a tel: link (${formula})`);
    rows.push({ tenant, email: email.text, phone: phone.text, mailto: emailHref, tel: tel ? tel[1] : null });
  }
  return rows;
}

/** The preview's rows: tenant, and the email/phone link targets (null: plain text). */
function previewLinks(page) {
  return page.$$eval('#worklist-body tr', (trs) => trs.map((tr) => {
    const item = (kind) => tr.querySelector(`[data-contact="${kind}"]`);
    const href = (kind) => (item(kind) && item(kind).tagName === 'A' ? item(kind).getAttribute('href') : null);
    return {
      tenant: tr.querySelector('.tenant-name').textContent,
      email: item('email') ? item('email').textContent : '',
      phone: item('phone') ? item('phone').textContent : '',
      mailto: href('email'),
      tel: href('phone'),
      anchors: tr.querySelectorAll('a').length,
      bareAnchors: tr.querySelectorAll('a:not([href])').length,
    };
  }));
}

for (const lang of ['es', 'en']) {
  test(`email and phone links: the preview has one exactly where the workbook has one (${lang})`, async () => {
    const p = await openPage(chrome.browser);
    try {
      const { page } = p;
      await setSettings(page, { asOf: AS_OF, lang });
      assert.equal(await uploadFile(page, FIXTURE), 'done', await page.textContent('#error-message'));
      const preview = await previewLinks(page);
      const workbook = await workbookLinks((await downloadXlsx(page)).bytes);

      assert.equal(preview.length, 7, 'every tenant of the fixture is on the worklist');
      assert.deepEqual(preview.map((r) => r.tenant), workbook.map((r) => r.tenant), 'same rows in the same order');
      for (let i = 0; i < preview.length; i++) {
        const [pv, wb] = [preview[i], workbook[i]];
        const who = `${pv.tenant} (row ${i + 1})`;
        assert.equal(pv.bareAnchors, 0, `${who}: plain text is not an <a> without href`);
        assert.equal(pv.mailto !== null, wb.mailto !== null, `${who}: email link in the page ⇔ in the workbook`);
        assert.equal(pv.tel !== null, wb.tel !== null, `${who}: phone link in the page ⇔ in the workbook`);
        // The same mailto: target; the workbook's may carry the draft too (&body=…) where the
        // preview's has the subject only.
        if (pv.mailto !== null) {
          assert.ok(wb.mailto === pv.mailto || wb.mailto.startsWith(`${pv.mailto}&body=`),
            `${who}: the same mailto: target\n  page:     ${pv.mailto}\n  workbook: ${wb.mailto}`);
        }
        assert.equal(pv.tel, wb.tel, `${who}: the same tel: target`);
        assert.equal(pv.phone, wb.phone, `${who}: the same phone text`);
      }

      // And the edge cases, spelled out: a 5-digit phone, an incomplete email, 16 digits, 6 digits, no contact.
      const by = Object.fromEntries(preview.map((r) => [r.tenant, r]));
      const wbBy = Object.fromEntries(workbook.map((r) => [r.tenant, r]));
      const five = 'Tienda Cinco Dígitos';
      assert.equal(by[five].phone, '12345');
      assert.equal(by[five].tel, null, 'a 5-digit phone is plain text on the page');
      assert.equal(wbBy[five].tel, null, 'a 5-digit phone is plain text in the workbook');
      assert.match(by[five].mailto, /^mailto:ana@tiendacinco\.mx/, 'a good email is a link');
      const badEmail = 'Correo Incompleto';
      assert.equal(by[badEmail].email, 'ana@');
      assert.equal(by[badEmail].mailto, null, '"ana@" is plain text on the page');
      assert.equal(wbBy[badEmail].mailto, null, '"ana@" is plain text in the workbook');
      assert.match(by[badEmail].tel, /^tel:\+?525512345678$/, 'a normal phone is a link on the page');
      assert.equal(wbBy[badEmail].tel, by[badEmail].tel, 'and the same link in the workbook');
      assert.equal(by['Dieciséis Dígitos'].tel, null, 'more than 15 digits: no link');
      assert.ok(by['Seis Dígitos'].tel, 'six digits: a link');
      assert.equal(by['Sin Contacto'].anchors, 0, 'no email, no phone: no link');
      p.assertClean();
    } finally {
      await p.close();
    }
  });
}

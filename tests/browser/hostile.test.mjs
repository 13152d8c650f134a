// Test 3: tenant text with HTML and script shows literally; nothing in it runs.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import {
  AS_OF, FIXTURES, assertCountsEqual, cardCounts, useBrowser, openPage, runCli, setSettings, uploadFile,
} from './helpers.mjs';

const FIXTURE = path.join(FIXTURES, 'hostile.csv');
const NAMES = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(2)</script>',
  '"><svg onload=alert(3)>',
  '<iframe src=javascript:alert(4)></iframe>',
  '&lt;b&gt;entity&lt;/b&gt;',
];

const chrome = useBrowser();

for (const lang of ['es', 'en']) {
  test(`hostile tenant text renders literally (${lang})`, async () => {
    const cli = await runCli(FIXTURE, { lang });
    const p = await openPage(chrome.browser);
    try {
      const { page } = p;
      await setSettings(page, { asOf: AS_OF, lang });
      assert.equal(await uploadFile(page, FIXTURE), 'done', await page.textContent('#error-message'));
      assertCountsEqual(await cardCounts(page), cli.summary, 'hostile');
      // Give any injected handler a chance to fire.
      await page.waitForTimeout(300);

      const names = await page.$$eval('#worklist-body .tenant-name', (n) => n.map((x) => x.textContent));
      for (const name of NAMES) assert.ok(names.includes(name), `tenant ${JSON.stringify(name)} shown literally; got ${JSON.stringify(names)}`);
      const injected = await page.evaluate(() =>
        document.querySelectorAll('#results img, #results script, #results svg, #results iframe, #results style, #results b, #results i').length);
      assert.equal(injected, 0, 'no element was created from tenant text');
      assert.ok(await page.isVisible('#worklist'), 'a <style> in the data did not hide the page');
      const hrefs = await page.$$eval('#worklist-body a[href]', (as) => as.map((a) => a.getAttribute('href')));
      for (const h of hrefs) assert.match(h, /^(mailto|tel):/, `link ${h} keeps its safe scheme`);
      assert.deepEqual(p.dialogs, [], 'no dialog fired');
      assert.equal(p.requests.filter((u) => /\/x$/.test(u)).length, 0, 'the <img src=x> was never loaded');
      p.assertClean();
    } finally {
      await p.close();
    }
  });
}

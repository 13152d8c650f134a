// axe-core (the pinned dev dependency) run inside a page the tests opened. The test injects it
// through the browser's debugging protocol (page.evaluate), so the page's Content-Security-Policy
// stays exactly as shipped (no inline script is added to the document).
//
//   axeCheck(page, state)  runs the WCAG 2.0/2.1 A and AA rules and the best-practice rules; returns
//                          { violations, bestPractice } (each a list of readable lines) and prints
//                          the best-practice findings.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_VERSION = JSON.parse(readFileSync(require.resolve('axe-core/package.json'), 'utf8')).version;

/** The WCAG success-criteria tags the page must pass (level A and AA of WCAG 2.0 and 2.1). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One line per failing node: rule, impact, selector, and axe's summary of what to fix. */
function lines(results) {
  const out = [];
  for (const v of results) {
    for (const n of v.nodes) {
      const why = (n.failureSummary || '').replace(/\s+/g, ' ').replace(/^Fix (any|all) of the following: /, '');
      out.push(`${v.id} (${v.impact}) ${n.target.join(' ')}: ${why}`);
    }
  }
  return out;
}

/**
 * Runs axe on the whole document of `page` (Playwright) and returns the findings of the WCAG 2.0/2.1
 * A and AA rules (`violations`) and of the best-practice rules (`bestPractice`), one line per node.
 * The best-practice findings are printed under `state`'s name (they do not fail the test).
 */
export async function axeCheck(page, state) {
  if (!(await page.evaluate(() => typeof (/** @type {any} */ (window)).axe === 'object'))) {
    await page.evaluate(AXE_SOURCE);
  }
  const results = await page.evaluate(async (tags) => {
    const axe = /** @type {any} */ (window).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: [...tags, 'best-practice'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      tags: v.tags,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, WCAG_TAGS);
  const wcag = results.filter((v) => v.tags.some((t) => WCAG_TAGS.includes(t)));
  const rest = results.filter((v) => !wcag.includes(v));
  const violations = lines(wcag);
  const bestPractice = lines(rest);
  for (const l of bestPractice) console.log(`[axe best-practice] ${state}: ${l}`);
  return { violations, bestPractice };
}

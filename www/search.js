// The preview's search, the same in the page and in the worker: case- and accent-insensitive,
// every typed word must appear in one of the row's texts (id, tenant, owner, email, phone,
// executive, plan, reason, action, other signals, level label).

/**
 * Lower-case, accent-free text for searching.
 * @param {unknown} s
 */
export function fold(s) {
  return String(s ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The words of a search, folded (none: no search).
 * @param {unknown} query
 * @returns {string[]}
 */
export function searchTerms(query) {
  const q = fold(String(query ?? '').trim());
  return q ? q.split(/\s+/) : [];
}

/**
 * Whether a row's folded text has every term.
 * @param {string} text
 * @param {string[]} terms
 */
export function matches(text, terms) {
  return terms.every((term) => text.includes(term));
}

/**
 * The text a search looks in, folded, of a preview row (the engine's search_text, per row).
 * @param {import('./engine-api').PreviewRow} row
 */
export function rowSearchText(row) {
  return fold([row.id, row.tenant, row.owner, row.email, row.phone, row.executive, row.plan,
    row.reason, row.action, row.other_signals, row.level_label].join('\u0001'));
}

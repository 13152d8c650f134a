// Column mapping: when the engine cannot place the file's headers (a column error with
// error.headers) or leaves some unrecognised (summary.unknown_columns), the page offers one
// <select> per field (engine_info().fields, the engine's labels) listing the file's headers.
// Applying re-runs with options.columns { field_key: header }. The mapping is remembered per set
// of headers (localStorage) and applied again to the next file with the same headers.
// The page decides nothing about headers itself: which header is which field is the person's
// choice or the engine's recognition (summary.columns).

import { $, announce, make, setText } from './dom.js';
import { t } from './i18n.js';
import { fieldLabel, fields } from './levels.js';

/** @typedef {Record<string, string>} Columns a mapping: field key → the file's header */

const STORAGE_KEY = 'retention-worklist.columns.v1';

/**
 * The file's header set as a key: its non-blank header cells, sorted, without repeats.
 * @param {readonly unknown[] | null | undefined} headers
 */
export function headerKey(headers) {
  const set = [...new Set((headers || []).map((h) => String(h).trim()).filter(Boolean))].sort();
  return set.length ? JSON.stringify(set) : '';
}

/**
 * The header cells the engine reported for a successful run.
 * @param {Partial<import('./engine-api').Summary>} s
 * @returns {string[]}
 */
export function summaryHeaders(s) {
  return [...(s.columns || []).map((c) => c.header), ...(s.unknown_columns || []), ...(s.duplicate_columns || [])];
}

/** @returns {Record<string, Columns>} */
function readAll() {
  try {
    const v = JSON.parse(localStorage.getItem(STORAGE_KEY) || '{}');
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}

/** @param {Record<string, Columns>} all */
function writeAll(all) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(all));
  } catch {
    /* storage unavailable: the mapping is just not remembered */
  }
}

/**
 * The remembered mapping for a header set, or null.
 * @param {string} key
 * @returns {Columns | null}
 */
export function storedMapping(key) {
  const m = key ? readAll()[key] : null;
  return m && typeof m === 'object' && Object.keys(m).length ? m : null;
}

/**
 * @param {string} key
 * @param {Columns | null} columns
 */
export function storeMapping(key, columns) {
  if (!key) return;
  const all = readAll();
  if (columns && Object.keys(columns).length) all[key] = columns;
  else delete all[key];
  writeAll(all);
}

/**
 * Shows the mapping panel for `headers`. `current` is what each field uses now ({ key: header }),
 * `open` unfolds it (a file that failed), `message` an engine message about the mapping, `place`
 * puts the panel where it belongs.
 * @param {{ headers: readonly string[] | null, current?: Columns, open?: boolean, message?: string,
 *           place?: (panel: HTMLElement) => void }} how
 */
export function showMapping({ headers, current = {}, open = false, message = '', place }) {
  const panel = $('mapping', HTMLDetailsElement);
  const list = [...new Set((headers || []).map(String).filter((h) => h.trim()))];
  if (!list.length) {
    hideMapping();
    return;
  }
  const frag = document.createDocumentFragment();
  for (const f of fields()) {
    const id = `map-${f.key}`;
    const wrap = make('div', 'field');
    const label = make('label', null, f.label);
    label.htmlFor = id;
    const select = make('select');
    select.id = id;
    select.dataset.field = f.key;
    const none = make('option', null, t('unassigned'));
    none.value = '';
    select.append(none);
    for (const h of list) {
      const o = make('option', null, h);
      o.value = h;
      select.append(o);
    }
    select.value = list.includes(current[f.key]) ? current[f.key] : '';
    wrap.append(label, select);
    frag.append(wrap);
  }
  $('mapping-fields').replaceChildren(frag);
  const said = $('mapping-error');
  // Said once: a message already shown is not announced again.
  if (message && (said.hidden || said.textContent !== message)) announce(t('statusError', { message }));
  setText(said, message);
  said.hidden = !message;
  if (place) place(panel);
  panel.hidden = false;
  panel.open = open;
}

export function hideMapping() {
  const panel = $('mapping', HTMLDetailsElement);
  panel.hidden = true;
  panel.open = false;
}

/**
 * The person's choice in the panel: { field_key: header } for every field given a header.
 * @returns {Columns}
 */
export function chosenColumns() {
  /** @type {Columns} */
  const out = {};
  for (const s of $('mapping-fields').querySelectorAll('select[data-field]')) {
    if (s instanceof HTMLSelectElement && s.value && s.dataset.field) out[s.dataset.field] = s.value;
  }
  return out;
}

/**
 * "Fin del trial ← «Fecha vencimiento prueba»; …" for the summary.
 * @param {Columns | null} columns
 */
export function mappingText(columns) {
  return Object.entries(columns || {}).map(([k, h]) => `${fieldLabel(k)} ← «${h}»`).join('; ');
}

// The worklist preview: the engine's preview rows of the level, search and overdue filter in force.
//
// The rows stay in the engine (the worker), which filters them by level (and, when asked, keeps the
// overdue ones) and searches them: the page shows what it returns and never filters or searches
// rows itself. The engine says how many rows to
// ask for at a time (engine_info().preview): the result brings the view's `first` rows, the table
// asks for the rest of a view's first `view` rows once the counts are on screen, a new level or
// search asks the engine for its rows, and scrolling to the end of the rows shown asks for the next
// `more` (the XLSX always has every row).
//
// Links come only from the row's own `mailto` and `tel` (the hrefs of the workbook's links);
// when the engine made no link the text stays plain. Each row can open its email: the engine's
// subject and draft (Worklist.email(i) through the worker), to copy or open in the mail app
// (the engine's mailto with the draft; no button when the engine gives none).
//
// An overdue row (VENCIDO) is bold, as in the workbook, and its Cambio cell starts with the engine's
// "VENCIDO (N días)". With money columns each row shows its MRR (amount and currency).

import { $, announce, appendBreakable, input, make, select, setText, textCell } from './dom.js';
import { messageOf } from './engine.js';
import { fmtInt, fmtMoney, t } from './i18n.js';
import { LEVEL_KEYS, word } from './levels.js';
import { state } from './state.js';

/** @typedef {import('./engine-api').Email} Email */
/** @typedef {import('./state.js').Filter} Filter */
/** @typedef {import('./state.js').Result} Result */
/** @typedef {import('./state.js').ShownRow} ShownRow */
/** @typedef {import('./state.js').View} View */
/**
 * Asks the engine for a view's rows.
 * @typedef {(query: { level: Filter, search: string, overdue: boolean, offset: number, count: number }) => Promise<{ rows: ShownRow[], total: number }>} RowsSource
 */

/**
 * Rows drawn with the counts (more than a screenful); the others follow in chunks once that frame
 * is on screen: laying out a hundred rows and more would hold the counts back.
 */
const FIRST_ROWS = 15;
const CHUNK_ROWS = 100;
let renderSeq = 0;

/**
 * After the next frame is drawn, once the page has nothing more pressing (an idle moment, or a
 * tenth of a second at most): the work that follows the counts never holds them back.
 */
export const afterPaint = (/** @type {() => void} */ fn) => requestAnimationFrame(() => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => fn(), { timeout: 100 });
  else setTimeout(fn, 0);
});

/**
 * The engine's email of a preview row, by its number.
 * @type {((index: number) => Promise<Email | null>) | null}
 */
let emailSource = null;

/** @param {typeof emailSource} fn */
export function setEmailSource(fn) {
  emailSource = fn;
}

/**
 * The email panel of a row: subject, draft, Copy and Open in email.
 * @param {Email} mail
 */
function emailPanel(mail) {
  const box = make('div', 'email-box');
  const subject = make('p', 'email-subject');
  subject.append(make('strong', null, `${t('emailSubject')}: `), make('span', 'email-subject-text', mail.subject));
  const draft = make('pre', 'email-draft', mail.draft);
  const actions = make('div', 'email-actions');
  const copy = make('button', 'btn btn-secondary btn-small email-copy', t('copy'));
  copy.type = 'button';
  const said = make('span', 'email-copied');
  said.setAttribute('role', 'status');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(`${mail.subject}\n\n${mail.draft}`);
      setText(said, t('copied'));
    } catch {
      setText(said, t('copyFailed'));
    }
  });
  actions.append(copy);
  if (typeof mail.mailto === 'string' && mail.mailto.toLowerCase().startsWith('mailto:')) {
    const open = make('a', 'btn btn-secondary btn-small email-open', t('openMail'));
    open.href = mail.mailto;
    actions.append(open);
  }
  actions.append(said);
  box.append(subject, make('p', 'email-draft-label', t('emailDraft')), draft, actions);
  return box;
}

/**
 * @param {ShownRow} row
 * @param {HTMLTableRowElement} tr
 * @param {HTMLButtonElement} button
 */
async function toggleEmail(row, tr, button) {
  const open = button.getAttribute('aria-expanded') === 'true';
  const next = tr.nextElementSibling;
  let panel = next instanceof HTMLTableRowElement && next.classList.contains('email-row') ? next : null;
  if (open) {
    button.setAttribute('aria-expanded', 'false');
    if (panel) panel.hidden = true;
    return;
  }
  if (!panel) {
    panel = make('tr', `email-row lvl-${tr.dataset.level}`);
    panel.id = `email-${row.__index}`;
    const td = make('td');
    // Across every column of the table (the MRR and Cambio columns included when shown).
    td.colSpan = $('worklist').querySelectorAll('thead th').length;
    panel.append(td);
    tr.after(panel);
    button.setAttribute('aria-controls', panel.id);
  }
  panel.hidden = false;
  button.setAttribute('aria-expanded', 'true');
  const td = /** @type {HTMLTableCellElement} */ (panel.firstChild);
  if (!row.__email && emailSource && row.__index !== undefined) {
    try {
      row.__email = await emailSource(row.__index);
    } catch (e) {
      td.replaceChildren(make('p', 'email-error', t('emailFailed', { detail: messageOf(e) })));
      return;
    }
  }
  if (row.__email) td.replaceChildren(emailPanel(row.__email));
}

/** The level, search and overdue filter in force, and a key that tells views apart. */
export function currentView() {
  const search = state.search.trim();
  const { filter: level, overdue } = state;
  return { level, search, overdue, key: JSON.stringify([level, search, overdue]) };
}

/** How many rows to ask the engine for at a time (engine_info().preview; none before it answered). */
const paging = () => state.paging ?? { first: 0, view: 0, more: 0 };

/**
 * A link when the engine gave an href of the expected scheme, else plain text.
 * @param {string} text
 * @param {string | null} href
 * @param {string} scheme
 * @param {boolean} breakable
 */
function contactItem(text, href, scheme, breakable) {
  const linked = typeof href === 'string' && href.toLowerCase().startsWith(scheme);
  /** @type {HTMLElement} */
  let node;
  if (linked) {
    const a = make('a', 'sub');
    a.href = href;
    node = a;
  } else {
    node = make('span', 'sub');
  }
  if (breakable) appendBreakable(node, text);
  else setText(node, text);
  return node;
}

/** @param {ShownRow} row */
function rowElement(row) {
  const level = LEVEL_KEYS.includes(row.level) ? row.level : 'info';
  const tr = make('tr', `lvl-${level}`);
  tr.dataset.level = level;
  if (row.snoozed) tr.classList.add('snoozed');
  // Overdue (VENCIDO): bold, as in the workbook; the Cambio cell says it in words.
  if (row.overdue != null) {
    tr.classList.add('overdue');
    tr.dataset.overdue = String(row.overdue);
  }

  const lv = make('td', 'c-level');
  lv.dataset.label = word('worklist.level');
  lv.append(make('span', 'level-pill', row.level_label));
  tr.append(lv);

  // The engine's Cambio cell (NUEVO, SIGUE, SUBIÓ: … → …), shown when a previous worklist was given.
  const change = textCell(tr, row.change || '', 'c-change');
  change.dataset.label = word('worklist.change');
  if (row.change_code) change.dataset.change = row.change_code;

  // The tenant names its row: a row header, read with each of the row's cells.
  const tenant = make('th', 'c-tenant');
  tenant.scope = 'row';
  tenant.dataset.label = word('worklist.tenant');
  tenant.append(make('span', 'tenant-name', row.tenant));
  const meta = [];
  if (row.id != null && row.id !== '') meta.push(`${t('idPrefix')} ${row.id}`);
  if (row.plan) meta.push(String(row.plan));
  if (row.line) meta.push(t('lineN', { n: row.line }));
  if (meta.length) tenant.append(make('span', 'sub', meta.join(' · ')));
  tr.append(tenant);

  // The row's MRR in its currency (shown when the export has money columns; empty when unread).
  const mrr = textCell(tr, row.mrr == null ? '' : fmtMoney(row.mrr, row.currency || ''), 'c-mrr num');
  mrr.dataset.label = word('worklist.mrr');

  const contact = make('td', 'c-contact');
  contact.dataset.col = 'contact';
  contact.dataset.label = t('colContact');
  if (row.owner) contact.append(make('span', 'owner', row.owner));
  if (row.email) {
    const email = contactItem(row.email, row.mailto, 'mailto:', true);
    email.dataset.contact = 'email';
    contact.append(email);
  }
  if (row.phone) {
    const phone = contactItem(row.phone, row.tel, 'tel:', false);
    phone.dataset.contact = 'phone';
    contact.append(phone);
  }
  tr.append(contact);

  textCell(tr, row.executive, 'c-exec').dataset.label = word('worklist.executive');
  const reason = textCell(tr, row.reason, 'c-reason');
  reason.dataset.label = word('worklist.reason');
  if (row.other_signals) reason.append(make('span', 'sub other-signals', `${t('alsoPrefix')} ${row.other_signals}`));
  const action = textCell(tr, row.action, 'c-action');
  action.dataset.label = word('worklist.action');
  if (emailSource && row.__index !== undefined && Number.isInteger(row.__index)) {
    const button = make('button', 'btn-link email-toggle', t('emailToggle'));
    button.type = 'button';
    // Its name says whose email it is (one such button per row); it starts with the words shown.
    button.setAttribute('aria-label', t('emailToggleFor', { tenant: row.tenant }));
    button.setAttribute('aria-expanded', 'false');
    button.addEventListener('click', () => toggleEmail(row, tr, button));
    action.append(button);
  }
  return tr;
}

/** @type {RowsSource | null} */
let rowsSource = null;

/** @param {RowsSource | null} fn */
export function setRowsSource(fn) {
  rowsSource = fn;
}

/**
 * Appends rows[from, to) to the table body.
 * @param {HTMLElement} body
 * @param {ShownRow[]} rows
 * @param {number} from
 * @param {number} to
 */
function drawRows(body, rows, from, to) {
  const frag = document.createDocumentFragment();
  for (const row of rows.slice(from, to)) frag.append(rowElement(row));
  body.append(frag);
}

/**
 * Watches the end of the rows drawn: in sight, the view's next rows are asked for.
 * @type {IntersectionObserver | null}
 */
let sentinel = null;

/**
 * @param {Result} r
 * @param {View} view
 * @param {number} seq
 */
function watchEnd(r, view, seq) {
  sentinel?.disconnect();
  sentinel = null;
  const body = $('worklist-body');
  if (view.rows.length >= view.total || !rowsSource || typeof IntersectionObserver === 'undefined') return;
  const last = body.lastElementChild;
  if (!last) return;
  // Seen from the table's own scroll box when it has one (wide screens), else from the window (on
  // a phone the page scrolls); the margin asks for the next rows a little before the end is reached.
  const box = $('table-scroll');
  const scrolls = /(auto|scroll)/.test(getComputedStyle(box).overflowY);
  const source = rowsSource;
  const watcher = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting) || seq !== renderSeq) return;
    watcher.disconnect();
    sentinel = null;
    body.setAttribute('aria-busy', 'true');
    const { level, search, overdue } = view;
    source({ level, search, overdue, offset: view.rows.length, count: paging().more }).then((page) => {
      if (seq !== renderSeq || r !== state.result || r.view !== view) return;
      body.removeAttribute('aria-busy');
      const from = view.rows.length;
      view.rows.push(...page.rows);
      drawRows(body, view.rows, from, view.rows.length);
      renderCount(r, view);
      watchEnd(r, view, seq);
    }, () => {
      // A newer run or view replaced this one (or the engine lost the run): nothing more to add.
      body.removeAttribute('aria-busy');
    });
  }, { root: scrolls ? box : null, rootMargin: '0px 0px 1500px 0px' });
  watcher.observe(last);
  sentinel = watcher;
}

/**
 * @param {Result} r
 * @param {View} view
 * @returns {string} what the count says
 */
function renderCount(r, view) {
  const total = view.total;
  const empty = $('table-empty');
  empty.hidden = total > 0;
  $('table-scroll').hidden = total === 0;
  if (total === 0) setText(empty, r.previewRows ? t('tableEmptyFiltered') : t('tableEmptyNone'));
  // The rows the table shows once a view's first rows are in (a moment after the counts).
  const shown = Math.min(total, Math.max(view.rows.length, paging().view));
  const count = total > shown
    ? t('tableCountCapped', { shown: fmtInt(shown), total: fmtInt(total) })
    : t('tableCount', { shown: fmtInt(total), total: fmtInt(r.previewRows) });
  setText($('table-count'), count);
  return total === 0 ? empty.textContent || '' : count;
}

/**
 * Draws a view: its first rows now, the others in chunks once they are on screen, up to the
 * engine's `view` rows (asking it for those it has not sent yet), then more as the person scrolls.
 * Returns what the count says.
 * @param {Result} r
 * @param {View} view
 */
function drawView(r, view) {
  // A newer render stops an older one's chunks and requests.
  const seq = ++renderSeq;
  sentinel?.disconnect();
  const body = $('worklist-body');
  body.removeAttribute('aria-busy');
  body.replaceChildren();
  drawRows(body, view.rows, 0, FIRST_ROWS);
  let next = Math.min(FIRST_ROWS, view.rows.length);
  const wanted = Math.min(view.total, paging().view);
  let asking = false;
  const done = () => {
    body.dataset.complete = 'true';
    watchEnd(r, view, seq);
  };
  const more = () => {
    if (seq !== renderSeq || r.view !== view) return;
    const source = rowsSource;
    if (!asking && view.rows.length < wanted && source) {
      asking = true;
      const { level, search, overdue } = view;
      source({ level, search, overdue, offset: view.rows.length, count: wanted - view.rows.length }).then((page) => {
        if (seq !== renderSeq || r.view !== view) return;
        view.rows.push(...page.rows);
        if (page.rows.length === 0) view.total = view.rows.length;
        asking = false;
        if (next >= view.rows.length - page.rows.length) more();
      }, () => {
        // A newer run or view replaced this one (or the engine lost the run): no more rows.
        if (seq === renderSeq && r.view === view) done();
      });
    }
    if (next < view.rows.length) {
      drawRows(body, view.rows, next, next + CHUNK_ROWS);
      next = Math.min(next + CHUNK_ROWS, view.rows.length);
      afterPaint(more);
    } else if (!asking) {
      done();
    }
  };
  body.dataset.complete = 'false';
  if (next < wanted) afterPaint(more);
  else done();
  return renderCount(r, view);
}

/** Shows the preview for the level, search and overdue filter in force (a new one asked of the engine). */
export function renderTable() {
  const r = state.result;
  if (!r) return;
  const want = currentView();
  const source = rowsSource;
  if (r.view?.key !== want.key && source) {
    // The rows shown stay until the engine's arrive (a moment; longer while it builds the workbook).
    const seq = ++renderSeq;
    sentinel?.disconnect();
    const body = $('worklist-body');
    body.setAttribute('aria-busy', 'true');
    body.dataset.complete = 'false';
    source({ level: want.level, search: want.search, overdue: want.overdue, offset: 0, count: paging().first }).then((page) => {
      if (seq !== renderSeq || r !== state.result) return;
      r.view = { ...want, rows: page.rows, total: page.total };
      // A level, a search or the overdue filter chosen: how many tenants it shows is said once (not
      // per chunk of rows).
      announce(drawView(r, r.view));
    }, (e) => {
      // A newer run (on its way while the page is busy) brings its own rows.
      if (seq !== renderSeq || r !== state.result || document.body.dataset.state === 'busy') return;
      body.removeAttribute('aria-busy');
      setText($('table-count'), t('rowsFailed', { detail: messageOf(e) }));
    });
    return;
  }
  if (r.view) drawView(r, r.view);
}

export function renderFilterState() {
  for (const card of $('cards').querySelectorAll('[data-filter]')) {
    card.setAttribute('aria-pressed', String(card.getAttribute('data-filter') === state.filter));
  }
  select('level-filter').value = state.filter;
  $('overdue-card').setAttribute('aria-pressed', String(state.overdue));
  input('overdue-only').checked = state.overdue;
}

/**
 * Shows one level (or all); choosing the level already shown shows all again.
 * @param {Filter} level
 */
export function setFilter(level) {
  state.filter = level === state.filter && level !== 'all' ? 'all' : level;
  renderFilterState();
  renderTable();
}

/**
 * Shows only the overdue rows (VENCIDO), within the level and search in force, or every row again.
 * @param {boolean} on
 */
export function setOverdue(on) {
  state.overdue = on;
  renderFilterState();
  renderTable();
}

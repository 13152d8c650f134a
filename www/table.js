// The worklist preview: the engine's preview rows, filtered by level and searched, at most
// MAX_TABLE_ROWS at once (the XLSX always has every row).
//
// Links come only from the row's own `mailto` and `tel` (the hrefs of the workbook's links);
// when the engine made no link the text stays plain. Each row can open its email: the engine's
// subject and draft (Worklist.email(i) through the worker), to copy or open in the mail app
// (the engine's mailto with the draft; no button when the engine gives none).

import { $, appendBreakable, fold, make, setText, textCell } from './dom.js';
import { fmtInt, t } from './i18n.js';
import { LEVEL_KEYS, word } from './levels.js';
import { state } from './state.js';

/** Rows of the preview table shown at most. */
export const MAX_TABLE_ROWS = 1000;
/** Rows drawn with the counts; the others follow in chunks after it is on screen. */
const FIRST_ROWS = 100;
const CHUNK_ROWS = 100;
let renderSeq = 0;

/** After the next frame is drawn. */
const afterPaint = (fn) => requestAnimationFrame(() => setTimeout(fn, 0));

/** index → Promise<{ subject, draft, mailto }>: the engine's email of a preview row. */
let emailSource = null;

export function setEmailSource(fn) {
  emailSource = fn;
}

/** The email panel of a row: subject, draft, Copy and Open in email. */
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

async function toggleEmail(row, tr, button) {
  const open = button.getAttribute('aria-expanded') === 'true';
  let panel = tr.nextElementSibling?.classList.contains('email-row') ? tr.nextElementSibling : null;
  if (open) {
    button.setAttribute('aria-expanded', 'false');
    if (panel) panel.hidden = true;
    return;
  }
  if (!panel) {
    panel = make('tr', `email-row lvl-${tr.dataset.level}`);
    panel.id = `email-${row.__index}`;
    const td = make('td');
    td.colSpan = 6;
    panel.append(td);
    tr.after(panel);
    button.setAttribute('aria-controls', panel.id);
  }
  panel.hidden = false;
  button.setAttribute('aria-expanded', 'true');
  const td = panel.firstChild;
  if (!row.__email) {
    try {
      row.__email = await emailSource(row.__index);
    } catch (e) {
      td.replaceChildren(make('p', 'email-error', t('emailFailed', { detail: e && e.message ? e.message : String(e) })));
      return;
    }
  }
  if (row.__email) td.replaceChildren(emailPanel(row.__email));
}

function searchText(row) {
  if (row.__search == null) {
    row.__search = fold([row.id, row.tenant, row.owner, row.email, row.phone, row.executive, row.plan,
      row.reason, row.action, row.other_signals, row.level_label].join('\u0001'));
  }
  return row.__search;
}

function filteredRows() {
  const rows = state.result ? state.result.preview : [];
  const q = fold(state.search.trim());
  const terms = q ? q.split(/\s+/) : [];
  return rows.filter((row) =>
    (state.filter === 'all' || row.level === state.filter) &&
    (!terms.length || terms.every((term) => searchText(row).includes(term))));
}

/** A link when the engine gave an href of the expected scheme, else plain text. */
function contactItem(text, href, scheme, breakable) {
  const linked = typeof href === 'string' && href.toLowerCase().startsWith(scheme);
  const node = make(linked ? 'a' : 'span', 'sub');
  if (linked) node.href = href;
  if (breakable) appendBreakable(node, text);
  else setText(node, text);
  return node;
}

function rowElement(row) {
  const level = LEVEL_KEYS.includes(row.level) ? row.level : 'info';
  const tr = make('tr', `lvl-${level}`);
  tr.dataset.level = level;

  const lv = make('td', 'c-level');
  lv.dataset.label = word('worklist.level');
  lv.append(make('span', 'level-pill', row.level_label));
  tr.append(lv);

  const tenant = make('td', 'c-tenant');
  tenant.dataset.label = word('worklist.tenant');
  tenant.append(make('span', 'tenant-name', row.tenant));
  const meta = [];
  if (row.id != null && row.id !== '') meta.push(`${t('idPrefix')} ${row.id}`);
  if (row.plan) meta.push(String(row.plan));
  if (row.line) meta.push(t('lineN', { n: row.line }));
  if (meta.length) tenant.append(make('span', 'sub', meta.join(' · ')));
  tr.append(tenant);

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
  if (emailSource && Number.isInteger(row.__index)) {
    const button = make('button', 'btn-link email-toggle', t('emailToggle'));
    button.type = 'button';
    button.setAttribute('aria-expanded', 'false');
    button.addEventListener('click', () => toggleEmail(row, tr, button));
    action.append(button);
  }
  return tr;
}

export function renderTable() {
  const all = state.result ? state.result.preview : [];
  const rows = filteredRows();
  const shown = rows.slice(0, MAX_TABLE_ROWS);
  // Until the preview's other rows arrive (a moment after the counts), the totals are the summary's.
  const everyRow = Math.max(all.length, state.result?.previewRows || 0);
  const s = state.result?.summary || {};
  let total = rows.length;
  if (all.length < everyRow && !state.search.trim()) total = state.filter === 'all' ? everyRow : Number(s[state.filter]) || total;
  // The first rows now, the others once they are on screen (laying out a thousand rows at once
  // would hold the counts back); a newer render stops an older one's chunks.
  const seq = ++renderSeq;
  const body = $('worklist-body');
  const rowsOf = (from, to) => {
    const frag = document.createDocumentFragment();
    for (const row of shown.slice(from, to)) frag.append(rowElement(row));
    return frag;
  };
  body.replaceChildren(rowsOf(0, FIRST_ROWS));
  body.dataset.complete = String(shown.length <= FIRST_ROWS);
  let next = FIRST_ROWS;
  const more = () => {
    if (seq !== renderSeq) return;
    body.append(rowsOf(next, next + CHUNK_ROWS));
    next += CHUNK_ROWS;
    if (next < shown.length) afterPaint(more);
    else body.dataset.complete = 'true';
  };
  if (next < shown.length) afterPaint(more);

  const empty = $('table-empty');
  empty.hidden = total > 0;
  $('table-scroll').hidden = total === 0;
  if (total === 0) setText(empty, all.length ? t('tableEmptyFiltered') : t('tableEmptyNone'));
  setText($('table-count'), total > shown.length
    ? t('tableCountCapped', { shown: fmtInt(shown.length), total: fmtInt(total) })
    : t('tableCount', { shown: fmtInt(total), total: fmtInt(everyRow) }));
}

export function renderFilterState() {
  for (const card of $('cards').querySelectorAll('[data-filter]')) {
    card.setAttribute('aria-pressed', String(card.dataset.filter === state.filter));
  }
  $('level-filter').value = state.filter;
}

/** Shows one level (or all); choosing the level already shown shows all again. */
export function setFilter(level) {
  state.filter = level === state.filter && level !== 'all' ? 'all' : level;
  renderFilterState();
  renderTable();
}

// The result of a run on the page: facts about the file, the counts per level (and the overdue
// rows and the history, after a previous worklist), the MRR at risk (with money columns), the
// engine's notices and rules not evaluated, the tables per executive, the data problems and the
// columns.
//
// The summary is facts (numbers and codes); every sentence shown comes either from the engine
// (problems, notices, rules_not_evaluated, engine_info's words) or from the page's own words.

import { $, make, setText, textCell } from './dom.js';
import { renderHistory } from './history.js';
import { fmtDate, fmtDecimal, fmtInt, fmtMoney, t } from './i18n.js';
import { LEVEL_KEYS, changeWord, fieldLabel, level, word } from './levels.js';
import { mappingText } from './mapping.js';
import { state } from './state.js';
import { afterPaint, renderFilterState, renderTable } from './table.js';

const MAX_PROBLEM_ROWS = 1000;
/** Problem rows drawn with the counts; the others once they are on screen. */
const FIRST_PROBLEM_ROWS = 10;
let problemsSeq = 0;

/** @typedef {import('./engine-api').MrrAtRisk} MrrAtRisk */
/** @typedef {import('./engine-api').ProblemRow} ProblemRow */
/** @typedef {import('./engine-api').Summary} Summary */
/** @typedef {import('./state.js').Result} Result */

/**
 * @template T
 * @param {T[] | null | undefined} v
 * @returns {T[]}
 */
const list = (v) => (Array.isArray(v) ? v : []);

/**
 * @param {Summary} s
 * @param {Result} r
 */
function renderFacts(s, r) {
  // The delimiter and the date order as the workbook's Resumen says them (the run's facts in words).
  const facts = [
    [word('rowsRead'), fmtInt(s.rows), 'rows'],
    [word('encoding'), s.encoding, 'encoding'],
    [word('delimiter'), r.facts.delimiter, 'delimiter'],
    [word('dateOrder'), r.facts.date_order, 'date-order'],
    [word('asOf'), r.sample ? `${fmtDate(s.as_of)} (${t('asOfSample')})` : fmtDate(s.as_of), 'as-of'],
    [word('timeZone'), s.tz, 'tz'],
    [t('factTime'), t('seconds', { n: fmtDecimal(r.ms / 1000) }), 'time'],
  ];
  // A workbook has no delimiter.
  if (!r.facts.delimiter) facts.splice(2, 1);
  if (Number(s.blank_rows) > 0) facts.splice(1, 0, [word('blankRows'), fmtInt(s.blank_rows), 'blank-rows']);
  // A workbook: the sheet the engine read (named as the summary sheet names it).
  if (s.sheet) facts.splice(1, 0, [word('sheet'), s.sheet, 'sheet']);
  if (r.columns) facts.push([t('mappingInUse'), mappingText(r.columns), 'mapping']);
  // The previous worklist carried from, and the day it was made for.
  const p = s.previous;
  if (p) {
    const when = p.as_of ? ` (${fmtDate(p.as_of)})` : '';
    facts.push([changeWord('previousFile'), `${p.file_name}${when}`, 'previous']);
  }
  const frag = document.createDocumentFragment();
  for (const [label, value, key] of facts) {
    const div = make('div');
    div.dataset.fact = key;
    div.append(make('dt', null, label), make('dd', null, value));
    frag.append(div);
  }
  $('facts').replaceChildren(frag);
}

/**
 * @param {string} className
 * @param {string | null} id
 * @param {string} text
 */
function notice(className, id, text) {
  const box = make('p', `notice ${className}`, text);
  if (id) box.id = id;
  return box;
}

/**
 * @param {Summary} s
 * @param {Result} r
 */
function renderNotices(s, r) {
  const frag = document.createDocumentFragment();
  const c = s.changes;
  if (c) {
    // The engine's counts against the previous worklist, with its words.
    const box = make('div', 'notice notice-info');
    box.id = 'changes';
    /** @type {[string, number][]} */
    const counts = [
      ['new', c.new], ['same', c.same], ['up', c.up], ['down', c.down], ['snoozed', c.snoozed],
      ['left', c.left], ['carried', s.carried],
    ];
    const parts = counts.map(([k, n]) => {
      const span = make('span', null, `${changeWord(k)}: ${fmtInt(n)}`);
      span.dataset.change = k;
      return span;
    });
    const p = make('p', 'changes-summary');
    parts.forEach((span, i) => p.append(...(i ? [' · ', span] : [span])));
    box.append(make('h3', null, changeWord('title')), p);
    frag.append(box);
  }
  if (r.autoMapped && r.columns) frag.append(notice('notice-info', 'mapping-auto', t('mappingAuto')));
  const rules = list(r.rules_not_evaluated);
  if (rules.length) {
    const box = make('div', 'notice notice-warn');
    box.id = 'rules-not-evaluated';
    const ul = make('ul');
    for (const rule of rules) {
      // The engine's sentence names the level itself ("INFORMATIVO no evaluado: …").
      const li = make('li', null, rule.text);
      li.dataset.level = rule.level;
      ul.append(li);
    }
    box.append(make('h3', null, word('rulesNotEvaluated')), make('p', null, t('rulesNotEvaluatedIntro')), ul);
    frag.append(box);
  }
  for (const note of list(r.notices)) frag.append(notice('notice-warn engine-notice', null, note));
  const dup = list(s.duplicate_columns);
  if (dup.length) frag.append(notice('notice-info', 'duplicate-columns', t('duplicateColumns', { list: dup.join(', ') })));
  const unknown = list(s.unknown_columns);
  if (unknown.length) frag.append(notice('notice-info', 'unknown-columns', t('unknownColumns', { list: unknown.join(', ') })));
  $('notices').replaceChildren(frag);
}

/**
 * The overdue rows (VENCIDO) per level with a deadline, and the toggle that asks the engine for
 * them alone: offered when the run compared with a previous worklist (as the workbook's "Para
 * escalar" column is).
 * @param {Summary} s
 */
function renderOverdue(s) {
  const offered = !!s.changes;
  $('overdue-card').hidden = !offered;
  $('overdue-field').hidden = !offered;
  const o = s.overdue ?? { critical: 0, high: 0 };
  setText($('overdue-count'), fmtInt(Number(o.critical) + Number(o.high)));
  const parts = /** @type {const} */ (['critical', 'high']).map((key) => {
    const span = make('span', null, `${level(key)?.word ?? key} ${fmtInt(o[key])}`);
    span.dataset.overdue = key;
    return span;
  });
  $('overdue-levels').replaceChildren(parts[0], ' · ', parts[1]);
}

/**
 * A row of amounts in one currency: each level's and their total, the workbook's way.
 * @param {HTMLTableRowElement} tr
 * @param {MrrAtRisk} m
 */
function moneyCells(tr, m) {
  const currency = m.currency || '';
  let total = 0;
  for (const key of LEVEL_KEYS) {
    const v = Number(m[key]) || 0;
    total += v;
    const td = textCell(tr, fmtMoney(v, currency), 'num');
    td.dataset.label = level(key)?.label ?? key;
    td.dataset.level = key;
  }
  textCell(tr, fmtMoney(total, currency), 'num total').dataset.label = word('total');
}

/**
 * The currency's code, or the engine's words for none.
 * @param {string} currency
 */
const currencyName = (currency) => currency || word('noCurrency');

/**
 * The MRR at risk per currency and level (only when the export has money columns: no empty box).
 * @param {Summary} s
 */
function renderMoney(s) {
  const money = list(s.mrr_at_risk);
  const frag = document.createDocumentFragment();
  for (const m of money) {
    const tr = make('tr');
    tr.dataset.currency = m.currency;
    // The currency names the row: a row header.
    const name = make('th', 'c-name', currencyName(m.currency));
    name.scope = 'row';
    tr.append(name);
    moneyCells(tr, m);
    frag.append(tr);
  }
  $('mrr-body').replaceChildren(frag);
  $('mrr').hidden = money.length === 0;
  $('worklist').classList.toggle('has-money', Array.isArray(s.mrr_at_risk));
}

/** @param {Summary} s */
function renderExecutives(s) {
  const rows = list(s.by_executive);
  const frag = document.createDocumentFragment();
  const money = document.createDocumentFragment();
  for (const e of rows) {
    const tr = make('tr');
    const who = e.executive || word('unassigned');
    // The executive names the row: a row header.
    const name = make('th', 'c-name', who);
    name.scope = 'row';
    tr.append(name);
    if (!e.executive) name.classList.add('muted');
    let total = 0;
    for (const key of LEVEL_KEYS) {
      const n = Number(e[key]) || 0;
      total += n;
      textCell(tr, n ? fmtInt(n) : '–', 'num').dataset.label = level(key)?.label ?? key;
    }
    textCell(tr, fmtInt(total), 'num total').dataset.label = word('total');
    // Their overdue rows (shown after a previous worklist, as the workbook's "Para escalar").
    textCell(tr, fmtInt(e.overdue), 'num c-escalate').dataset.label = word('toEscalate');
    frag.append(tr);
    for (const m of list(e.mrr_at_risk)) {
      const row = make('tr');
      row.dataset.currency = m.currency;
      const cell = make('th', 'c-name', who);
      cell.scope = 'row';
      if (!e.executive) cell.classList.add('muted');
      row.append(cell);
      textCell(row, currencyName(m.currency)).dataset.label = t('colCurrency');
      moneyCells(row, m);
      money.append(row);
    }
  }
  $('executives-body').replaceChildren(frag);
  $('executives-table').classList.toggle('has-overdue', !!s.changes);
  $('executives').hidden = rows.length === 0;
  $('mrr-executives-body').replaceChildren(money);
  $('mrr-executives').hidden = !$('mrr-executives-body').hasChildNodes();
}

/** @param {ProblemRow[]} problems */
function problemRows(problems) {
  const frag = document.createDocumentFragment();
  for (const p of problems) {
    const tr = make('tr');
    textCell(tr, p.line, 'num').dataset.label = word('problems.line');
    textCell(tr, p.tenant).dataset.label = word('problems.tenant');
    textCell(tr, p.column).dataset.label = word('problems.column');
    textCell(tr, p.value, 'c-value').dataset.label = word('problems.value');
    textCell(tr, p.expected).dataset.label = word('problems.expected');
    frag.append(tr);
  }
  return frag;
}

/** @param {Result} r */
function renderProblems(r) {
  const problems = list(r.problems);
  const shown = problems.slice(0, MAX_PROBLEM_ROWS);
  const body = $('problems-body');
  body.replaceChildren(problemRows(shown.slice(0, FIRST_PROBLEM_ROWS)));
  const seq = ++problemsSeq;
  if (shown.length > FIRST_PROBLEM_ROWS) {
    afterPaint(() => {
      if (seq === problemsSeq) body.append(problemRows(shown.slice(FIRST_PROBLEM_ROWS)));
    });
  }
  $('problems-scroll').hidden = problems.length === 0;
  let intro = problems.length ? t('problemsIntro') : t('problemsNone');
  if (problems.length > shown.length) {
    intro += ' ' + t('problemsCapped', { shown: fmtInt(shown.length), total: fmtInt(problems.length) });
  }
  setText($('problems-intro'), intro);
}

/** @param {Summary} s */
function renderColumns(s) {
  const cols = list(s.columns);
  const frag = document.createDocumentFragment();
  for (const c of cols) {
    const tr = make('tr');
    textCell(tr, fieldLabel(c.field)).dataset.label = t('colField');
    textCell(tr, c.header).dataset.label = word('headerInFile');
    frag.append(tr);
  }
  $('columns-body').replaceChildren(frag);
  $('columns-details').hidden = cols.length === 0;
}

/** Shows state.result (again: also after the language or the engine's words changed). */
export function renderResult() {
  const r = state.result;
  if (!r) return;
  const s = r.summary;
  $('empty').hidden = true;
  $('error').hidden = true;
  $('results').hidden = false;
  // Results kept from the previous settings: said at their top, and framed (css/results.css).
  $('results').classList.toggle('stale', !!r.stale);
  document.getElementById('stale-results')?.remove();
  if (r.stale) $('results').prepend(notice('notice-warn', 'stale-results', t('staleResults')));
  $('worklist').classList.toggle('has-changes', !!s.changes);

  setText($('result-title'), s.file_name || r.options.fileName || '');
  renderFacts(s, r);
  for (const node of $('cards').querySelectorAll('[data-count]')) {
    const key = /** @type {keyof Summary} */ (node.getAttribute('data-count'));
    setText(node, fmtInt(s[key]));
  }
  renderOverdue(s);
  renderMoney(s);
  renderNotices(s, r);
  renderFilterState();
  renderTable();
  renderHistory(s);
  renderExecutives(s);
  renderProblems(r);
  renderColumns(s);
}

/**
 * The sentence announced when a run is done: rows, counts per level (engine words), the overdue
 * rows after a previous worklist, problems.
 */
export function doneAnnouncement() {
  if (!state.result) return '';
  const s = state.result.summary;
  const counts = LEVEL_KEYS.map((k) => `${level(k)?.word ?? k} ${fmtInt(s[k])}`);
  if (s.changes) counts.push(`${word('overdue')} ${fmtInt(Number(s.overdue?.critical) + Number(s.overdue?.high))}`);
  const levels = counts.join(', ');
  return t('statusDone', { rows: fmtInt(s.rows), levels, problems: fmtInt(s.problems) });
}

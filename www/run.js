// A run of the engine on today's export, with the settings in force and the previous worklist:
// the progress while it runs, then either its result on the page (the success path) or what went
// wrong, by what caused it (classifyFailure, then showFailure):
//
//   a newer run          nothing (it owns the page now)
//   a setting            the message by its field; the last results stay, marked as old
//   the previous list    the message by its input; today's export stays loaded (and its results);
//                        one the engine stopped on is unloaded, and today's file runs without it
//   the column mapping   the message in the mapping panel; the results stay
//   a saved mapping      tried once on a file whose columns the engine could not place
//   today's export       the error panel with the file's name (one that could not be read, or that
//                        the engine stopped on, is unloaded; the previous list stays)
//
// The engine stops when it needs more memory than its worker can have (wasm32 memory ends at 4 GB,
// and a browser may give less), on a panic (a bug), or when its worker dies: the worker is then
// replaced by a fresh one (engine.js), which the next run uses.

import { $, announce, input, select, setText } from './dom.js';
import { Superseded, analyzeWorklist, email, messageOf, previewRows } from './engine.js';
import { engineWordsReady, loadDefaults, showSettingsProblem } from './info.js';
import { t } from './i18n.js';
import {
  headerKey, hideMapping, showMapping, storedMapping, summaryHeaders,
} from './mapping.js';
import { clearPreviousError, dropPrevious, previousKey, previousOptions, showPreviousError } from './previous.js';
import { doneAnnouncement, renderResult } from './results.js';
import { buildOptions, clearFieldErrors, showFieldError } from './settings.js';
import { state } from './state.js';
import { afterPaint, currentView, setEmailSource, setRowsSource } from './table.js';
import { prepareWorkbook } from './workbook.js';

/** @typedef {import('./engine-api').AnalyzeReply} AnalyzeReply */
/** @typedef {import('./engine-api').EngineOptions} EngineOptions */
/** @typedef {import('./engine-api').Stage} Stage */
/** @typedef {import('./engine.js').EngineError} EngineError */
/** @typedef {import('./mapping.js').Columns} Columns */
/** @typedef {import('./state.js').LoadedFile} LoadedFile */
/** @typedef {import('./state.js').View} View */

/** The page's loading step, then the engine's stages until the counts are shown. */
const STAGES = /** @type {const} */ (['load', 'reading', 'classifying']);
/** @typedef {(typeof STAGES)[number]} Step */
/** Share of the progress bar per step (reading is most of the work). */
const STEP_SPAN = { load: [0, 0.05], reading: [0.05, 0.85], classifying: [0.85, 1] };
/** The day the bundled sample export was taken: the sample, and only the sample, is read as of it. */
export const SAMPLE_AS_OF = '2026-11-26';
/** Engine error codes that are about the file's columns (the mapping panel can help). */
const COLUMN_ERRORS = ['no_identity_column', 'no_rule_evaluable', 'no_known_columns', 'mapped_column_missing'];
/**
 * Codes of an engine that stopped on an input (out of memory, a panic, or its worker died): it
 * would stop again on it, so the input is unloaded.
 */
const STOPPED = ['engine-memory', 'engine-panic', 'engine-stopped'];

// ---------------------------------------------------------------------------------------------
// The run's place on the page: status, progress, error panel

export { announce };

/**
 * The progress panel: which step, and how far the engine is within it.
 * @param {string} name
 * @param {Step} step
 * @param {number} [fraction]
 */
function showProgress(name, step, fraction) {
  $('progress').hidden = false;
  const current = STAGES.indexOf(step);
  // Overall bar: each step its share; within a step the engine's fraction when it gives one.
  const within = typeof fraction === 'number' && Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const [from, to] = STEP_SPAN[step];
  $('progress-bar', HTMLProgressElement).value = from + (to - from) * within;
  setText($('progress-file'), name);
  for (const li of $('steps').children) {
    const i = STAGES.indexOf(/** @type {Step} */ (li.getAttribute('data-stage')));
    li.classList.toggle('done', i < current);
    li.classList.toggle('current', i === current);
    if (i === current) li.setAttribute('aria-current', 'step');
    else li.removeAttribute('aria-current');
  }
}

/**
 * Today's export could not be used: its message in the error panel, with its name.
 * @param {string} message
 * @param {string} [fileName]
 */
export function showError(message, fileName = state.file?.name) {
  state.result = null;
  setEmailSource(null);
  setRowsSource(null);
  hideMapping();
  $('progress').hidden = true;
  $('results').hidden = true;
  $('empty').hidden = true;
  $('error').hidden = false;
  setText($('error-file'), fileName || '');
  $('error-file').hidden = !fileName;
  setText($('error-message'), message);
  setText($('error-hint'), t('errorHint'));
  document.body.dataset.state = 'error';
  announce(t('statusError', { message }));
}

/** @param {string} name */
export function startLoading(name) {
  document.body.dataset.state = 'busy';
  $('error').hidden = true;
  showProgress(name, 'load');
  announce(t('statusReadingFile', { name }), { step: true });
}

/**
 * A run ended (the tests count them: body[data-runs]).
 * @param {string} [end] the page's state now ('done', 'error', 'invalid')
 */
export function finishRun(end) {
  if (end) document.body.dataset.state = end;
  state.runs++;
  document.body.dataset.runs = String(state.runs);
  $('main').setAttribute('aria-busy', 'false');
}

// ---------------------------------------------------------------------------------------------
// The options of a run

/**
 * The options a run of `file` uses: the form's, the sample's date for the sample, the mapping,
 * the previous worklist's name (its bytes are added when the run is sent: see `withPrevious`).
 * @param {LoadedFile} file
 */
export function runOptions(file) {
  const built = buildOptions(file.name);
  if (built.error) return built;
  if (file.sample) built.options.asOf = SAMPLE_AS_OF;
  if (file.columns && Object.keys(file.columns).length) built.options.columns = { ...file.columns };
  const { previousFileName } = previousOptions();
  if (previousFileName) built.options.previousFileName = previousFileName;
  return built;
}

/**
 * What tells two runs apart: the options and which previous worklist.
 * @param {EngineOptions} options
 */
export function runKeyOf(options) {
  return JSON.stringify(options) + previousKey();
}

/**
 * The options with the previous worklist's bytes, when one was given.
 * @param {EngineOptions} options
 * @returns {EngineOptions}
 */
function withPrevious(options) {
  const { previous } = previousOptions();
  return previous ? { ...options, previous } : options;
}

/** The settings could not be used: say so by the field, keep the last good results (marked). */
function settingsProblem() {
  state.runKey = null;
  $('progress').hidden = true;
  if (state.result) {
    state.result.stale = true;
    renderResult();
  }
  finishRun('invalid');
}

/**
 * A saved mapping for these headers, not yet tried on this file: use it and run again.
 * @param {LoadedFile} file
 * @param {readonly string[]} headers
 */
function autoMap(file, headers) {
  if (file.columns || file.mapTried) return false;
  file.mapTried = true;
  const saved = storedMapping(headerKey(headers));
  if (!saved) return false;
  file.columns = saved;
  file.autoMapped = true;
  return true;
}

/**
 * The mapping panel for a run's headers, in the results (a file that worked) or by the error.
 * @param {LoadedFile} file
 * @param {readonly string[] | null} headers
 * @param {{ current: Columns, open?: boolean, message?: string }} how
 */
function offerMapping(file, headers, { current, open = false, message = '' }) {
  state.mappingHeaders = headers ? [...headers] : [];
  showMapping({
    headers,
    current: { ...current, ...(file.columns || {}) },
    open,
    message,
    place: (panel) => (open ? $('error').after(panel) : $('notices').after(panel)),
  });
}

// ---------------------------------------------------------------------------------------------
// A failed run: what caused it, then the page's answer

/**
 * What a failed run means for the page, from the engine's facts.
 * @typedef {{ kind: 'superseded' }
 *   | { kind: 'settings' }
 *   | { kind: 'previous', message: string, unload: boolean }
 *   | { kind: 'remap' }
 *   | { kind: 'mapping', message: string, headers: readonly string[] | null }
 *   | { kind: 'export', message: string, headers: readonly string[] | null, unload: boolean }} Failure
 */

/**
 * @param {unknown} e what the run rejected with
 * @param {LoadedFile} file
 * @returns {Failure}
 */
function classifyFailure(e, file) {
  if (e instanceof Superseded || state.file !== file) return { kind: 'superseded' };
  const f = /** @type {Partial<EngineError>} */ (e instanceof Error ? e : {});
  const message = messageOf(e);
  const stopped = STOPPED.includes(f.code || '');
  if (f.code === 'read') return { kind: 'export', message: t('readFailed', { name: file.name, detail: message }), headers: null, unload: true };
  if (showSettingsProblem(e)) return { kind: 'settings' };
  if (f.input === 'previous') {
    const text = f.code === 'engine-memory' ? t('previousMemory', { name: state.previous?.name }) : message;
    return { kind: 'previous', message: text, unload: stopped };
  }
  if (stopped) {
    const text = f.code === 'engine-memory' ? t('fileMemory', { name: file.name }) : message;
    return { kind: 'export', message: text, headers: null, unload: true };
  }
  const columns = COLUMN_ERRORS.includes(f.code || '');
  if (columns && Array.isArray(f.headers) && autoMap(file, f.headers)) return { kind: 'remap' };
  const headers = Array.isArray(f.headers) ? f.headers : (f.code === 'mapped_column_missing' ? state.mappingHeaders : null);
  // The mapping is at fault, not the file: its message by the mapping, the results kept.
  if (f.code === 'mapped_column_missing' && state.result) return { kind: 'mapping', message, headers };
  return { kind: 'export', message, headers: columns ? headers : null, unload: false };
}

/**
 * The page's answer to a failed run.
 * @param {Failure} failure
 * @param {LoadedFile} file
 * @param {boolean} fresh
 */
function showFailure(failure, file, fresh) {
  $('main').setAttribute('aria-busy', 'false');
  switch (failure.kind) {
    case 'superseded':
      return;
    case 'settings':
      settingsProblem();
      return;
    case 'remap':
      processFile({ fresh });
      return;
    case 'previous':
      $('progress').hidden = true;
      if (failure.unload) {
        // The engine could not hold it: unloaded, and today's file runs again without it (on the
        // fresh engine, which lost the run shown).
        dropPrevious(failure.message);
        processFile({ fresh });
        return;
      }
      // Said by its input; today's file stays loaded (and the last good results, marked) until
      // the previous worklist is removed or replaced.
      showPreviousError(failure.message);
      if (state.result) {
        settingsProblem();
      } else {
        finishRun('invalid');
      }
      return;
    case 'mapping':
      offerMapping(file, failure.headers, { open: true, message: failure.message, current: {} });
      $('mapping').hidden = false;
      settingsProblem();
      return;
    case 'export':
      if (failure.unload) state.file = null;
      showError(failure.message, file.name);
      if (failure.headers) offerMapping(file, failure.headers, { open: true, current: {} });
      finishRun();
  }
}

// ---------------------------------------------------------------------------------------------
// The run

/**
 * Run the engine on the loaded file with the current settings; `fresh`: a file just chosen (its
 * results scroll into view, take the focus, and their workbook is built at once).
 * @param {{ fresh?: boolean }} [how]
 */
export async function processFile({ fresh = false } = {}) {
  const file = state.file;
  if (!file) return;
  try {
    await loadDefaults();
  } catch (e) {
    showError(messageOf(e));
    finishRun();
    return;
  }
  if (state.file !== file) return;
  const { options, error } = runOptions(file);
  if (error) {
    showFieldError(error);
    settingsProblem();
    return;
  }
  state.runKey = runKeyOf(options);
  const runOpts = withPrevious(options);
  document.body.dataset.state = 'busy';
  document.body.dataset.workbook = '';
  $('main').setAttribute('aria-busy', 'true');
  $('error').hidden = true;
  showProgress(file.name, 'reading');
  announce(t('statusReading', { name: file.name }), { step: true });
  const started = performance.now();
  // The preview rows that come with the counts: the engine's first ones of the level and search in
  // force (as many as engine_info().preview.first, which loadDefaults brought).
  const view = currentView();
  const first = state.paging?.first;
  /** @type {AnalyzeReply} */
  let reply;
  try {
    let lastStep = 'reading';
    const onStage = (/** @type {Stage} */ stage, /** @type {number | undefined} */ fraction) => {
      // The previous worklist is read first, as part of the reading step.
      const step = stage === 'previous' ? 'reading' : stage;
      if (step !== 'reading' && step !== 'classifying') return;
      showProgress(file.name, step, stage === 'previous' ? 0 : fraction);
      // Announce each step once, not every fraction.
      if (step !== lastStep) announce(t('statusClassifying'), { step: true });
      lastStep = step;
    };
    const input = file.bytes || file.blob;
    if (!input) throw new Error(t('emptyPick'));
    reply = await analyzeWorklist(input, runOpts, onStage, { level: view.level, search: view.search, overdue: view.overdue, first });
    // The legend, labels and words for these settings are on the page before the result is.
    await engineWordsReady();
  } catch (e) {
    showFailure(classifyFailure(e, file), file, fresh);
    return;
  }
  if (state.file !== file) return;
  showRun(file, reply, { options, runOpts, view, started, fresh });
}

/**
 * The success path: a run's result on the page.
 * @param {LoadedFile} file
 * @param {AnalyzeReply} reply
 * @param {{ options: EngineOptions, runOpts: EngineOptions, view: Omit<View, 'rows' | 'total'>,
 *           started: number, fresh: boolean }} run
 */
function showRun(file, reply, { options, runOpts, view, started, fresh }) {
  if (reply.bytes instanceof Uint8Array && !file.bytes) file.bytes = reply.bytes;
  const summary = reply.summary;
  const headers = summaryHeaders(summary);
  if (autoMap(file, headers)) {
    processFile({ fresh });
    return;
  }
  clearFieldErrors();
  // A message by the previous worklist's input stays until a run with one succeeds.
  if (runOpts.previous) clearPreviousError();
  const rows = Array.isArray(reply.rows) ? reply.rows : [];
  state.result = {
    run: reply.run,
    bytes: file.bytes,
    xlsx: null,
    summary,
    facts: reply.facts,
    // The view's first rows: the engine keeps the others.
    view: { ...view, rows, total: Number(reply.total) || 0 },
    previewRows: Number(reply.preview_rows) || 0,
    problems: Array.isArray(reply.problems) ? reply.problems : [],
    notices: Array.isArray(reply.notices) ? reply.notices : [],
    rules_not_evaluated: Array.isArray(reply.rules_not_evaluated) ? reply.rules_not_evaluated : [],
    options: runOpts,
    sample: file.sample,
    columns: options.columns || null,
    autoMapped: !!file.autoMapped,
    stale: false,
    ms: performance.now() - started,
  };
  // A new result: the per-executive files listed are the old one's.
  $('split-files').replaceChildren();
  $('split-files').hidden = true;
  const run = reply.run;
  setEmailSource((index) => email(run, index));
  setRowsSource((query) => previewRows(run, query));
  $('progress').hidden = true;
  if (summary.unknown_columns?.length || options.columns) {
    const current = Object.fromEntries((summary.columns || []).map((c) => [c.field, c.header]));
    offerMapping(file, headers, { current });
  } else {
    hideMapping();
  }
  // The overdue filter is offered after a previous worklist only (results.js): without one, every
  // row is shown again (renderResult asks the engine for them).
  if (!summary.changes) state.overdue = false;
  renderResult();
  document.body.dataset.state = 'done';
  $('main').setAttribute('aria-busy', 'false');
  announce(doneAnnouncement());
  if (fresh) {
    // A new file: its results in view, focus on them (the download is the next Tab), and the
    // workbook built as soon as they are on screen (after the table's first rows: the worker
    // answers in order), while the person reads the counts.
    $('results').scrollIntoView({ block: 'start' });
    $('result-title').focus({ preventScroll: true });
    const r = state.result;
    afterPaint(() => {
      if (state.result === r) prepareWorkbook(r).catch(() => { /* asked again on the download click */ });
    });
  }
  finishRun();
}

/** A new file shows all its rows: clear the filters and the search, then process it. */
export function processNewFile() {
  state.filter = 'all';
  state.overdue = false;
  input('overdue-only').checked = false;
  state.search = '';
  input('search').value = '';
  select('level-filter').value = 'all';
  return processFile({ fresh: true });
}

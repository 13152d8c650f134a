// retention-worklist page: reads a tenant export chosen by the person, runs the WebAssembly
// engine in a Web Worker, shows the day's worklist and offers the XLSX for download.
// Nothing leaves this page: no request but same-origin static files (the engine and the sample).
//
// The page shows the engine's decisions and never re-decides them: levels, links, colours,
// defaults, the legend and every word it shares with the workbook come from the engine
// (engine_info and analyze_worklist). This module wires the others together:
//   engine.js    the worker client        settings.js  the form, defaults, options, field errors
//   levels.js    engine_info on the page  results.js   a run's result on the page
//   table.js     the preview table, emails  mapping.js  the column mapping panel
//   i18n.js      the page's own words     dragdrop.js  files dropped on the page
//   workbook.js  the XLSX: built after the counts, downloaded; the per-executive ZIP
//   previous.js  yesterday's worklist (optional), carried by the engine
// Data from the export only goes into the DOM with textContent (never innerHTML).

import { $, setText } from './dom.js';
import { wireDragAndDrop } from './dragdrop.js';
import { Superseded, analyzeWorklist, email, engineInfo, previewRows, startEngine } from './engine.js';
import { applyPageWords, fmtBytes, fmtDate, getLang, setLang, t } from './i18n.js';
import { applyEngineInfo } from './levels.js';
import {
  chosenColumns, headerKey, hideMapping, showMapping, storeMapping, storedMapping, summaryHeaders,
} from './mapping.js';
import { doneAnnouncement, renderResult } from './results.js';
import {
  applyInitialSettings, buildOptions, clearFieldErrors, fillZoneList, infoOptions, productName,
  resetToDefaults, showFieldError, storeSettings, storedSettings, todayIn,
} from './settings.js';
import { state } from './state.js';
import {
  FIRST_LOAD, LOAD_ROWS, afterPaint, currentView, renderTable, setEmailSource, setFilter, setRowsSource,
} from './table.js';
import { download, downloadSplit, prepareWorkbook } from './workbook.js';
import {
  clearPreviousError, previousKey, previousOptions, setPreviousLimit, showPreviousError, wirePrevious,
} from './previous.js';

/**
 * Largest file the page accepts; checked before reading the file. The engine needs about 8 bytes
 * of WebAssembly memory per input byte (a 158 MB export of 1,000,000 tenants peaked at 1.24 GB),
 * and wasm32 memory ends at 4 GB: 256 MB keeps a safe margin, also for the page's own copy.
 */
export const MAX_BYTES = 256 * 1024 * 1024;
/** The page's loading step, then the engine's stages until the counts are shown. */
const STAGES = ['load', 'reading', 'classifying'];
/** Share of the progress bar per stage (reading is most of the work). */
const STAGE_SPAN = { load: [0, 0.05], reading: [0.05, 0.85], classifying: [0.85, 1] };
/** The day the bundled sample export was taken: the sample, and only the sample, is read as of it. */
const SAMPLE_AS_OF = '2026-11-26';
/** Typed settings apply this long after the last keystroke. */
const TYPING_MS = 400;
/** Engine error codes that are about the file's columns (the mapping panel can help). */
const COLUMN_ERRORS = ['no_identity_column', 'no_rule_evaluable', 'no_known_columns', 'mapped_column_missing'];

/** engine_info().defaults, once the engine answered. */
let defaults = null;
/** engine_info().version: the same string as `retention-worklist --version` and the Resumen. */
let engineVersion = '';

// ---------------------------------------------------------------------------------------------
// Words: the page's own, then the engine's for the settings in force

function applyWords() {
  const product = productName() || defaults?.productName || '';
  applyPageWords({ product, max: fmtBytes(MAX_BYTES) });
  document.title = product ? `${t('docTitle')} · ${product}` : t('docTitle');
  setText($('brand-product'), product);
  setText($('engine-version'), engineVersion ? t('engineVersion', { version: engineVersion }) : '');
}

const infoCache = new Map();
let infoSeq = 0;
/** The latest engine_info request (settled once its answer is on the page). */
let infoReady = Promise.resolve();

/**
 * A settings problem shown next to its field (the engine names the option in error.option and
 * says what is valid in error.expected). True when it was one.
 */
function showSettingsProblem(e) {
  if (!e || !(e.code === 'invalid_option' || e.code === 'browser')) return false;
  if (e.option === 'columns') return false;
  showFieldError(e);
  return true;
}

/** Asks the engine about the settings in force and shows its answer (legend, cards, words, colours). */
function refreshInfo() {
  const seq = ++infoSeq;
  const { options, error } = infoOptions();
  if (error) {
    showFieldError(error);
    infoReady = Promise.resolve();
    return infoReady;
  }
  const key = JSON.stringify(options);
  if (!infoCache.has(key)) {
    infoCache.set(key, engineInfo(options).catch((e) => {
      infoCache.delete(key);
      throw e;
    }));
  }
  infoReady = infoCache.get(key).then((info) => {
    if (seq !== infoSeq) return;
    if (!state.file) clearFieldErrors();
    applyEngineInfo(info);
    if (state.result) renderResult();
  }, (e) => {
    if (seq !== infoSeq) return;
    if (!showSettingsProblem(e)) showFieldError({ message: e && e.message ? e.message : String(e) });
  });
  return infoReady;
}

// ---------------------------------------------------------------------------------------------
// Flow

let announceTimer = 0;
function announce(text) {
  // Clear first so the same message is announced again.
  clearTimeout(announceTimer);
  $('status').textContent = '';
  announceTimer = setTimeout(() => setText($('status'), text), 40);
}

function showProgress(name, stage, fraction) {
  $('progress').hidden = false;
  const current = Math.max(0, STAGES.indexOf(stage));
  // Overall bar: each stage its share; within a stage the engine's fraction when it gives one.
  const within = typeof fraction === 'number' && Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const [from, to] = STAGE_SPAN[STAGES[current]];
  $('progress-bar').value = from + (to - from) * within;
  setText($('progress-file'), name);
  for (const li of $('steps').children) {
    const i = STAGES.indexOf(li.dataset.stage);
    li.classList.toggle('done', i < current);
    li.classList.toggle('current', i === current);
    if (i === current) li.setAttribute('aria-current', 'step');
    else li.removeAttribute('aria-current');
  }
}

function showError(message, fileName = state.file && state.file.name) {
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

function startLoading(name) {
  document.body.dataset.state = 'busy';
  $('error').hidden = true;
  showProgress(name, 'load');
  announce(t('statusReadingFile', { name }));
}

function finishRun(st) {
  if (st) document.body.dataset.state = st;
  state.runs++;
  document.body.dataset.runs = String(state.runs);
  $('main').setAttribute('aria-busy', 'false');
}

/** Accept a File from the input or a drop: check its size first, then process it (the worker reads it). */
async function acceptFile(file) {
  if (!file) {
    announce(t('emptyPick'));
    return;
  }
  if (file.size > MAX_BYTES) {
    state.file = null;
    showError(t('tooBig', { name: file.name, size: fmtBytes(file.size), max: fmtBytes(MAX_BYTES) }), file.name);
    finishRun();
    return;
  }
  startLoading(file.name);
  // The worker reads the file (the page's thread stays free) and hands its bytes back with the
  // result; the page keeps them to re-run when a setting changes.
  state.file = { name: file.name, blob: file, bytes: null, sample: false, columns: null, mapTried: false };
  await processNewFile();
}

async function loadSample() {
  const name = 'tenants-ejemplo.csv';
  startLoading(name);
  try {
    const res = await fetch('./sample/tenants-ejemplo.csv', { cache: 'no-cache', credentials: 'same-origin' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    // The sample is a snapshot: read on another day its trials would all be long expired, so it
    // is read as of the day it was exported. The form keeps the person's date for their files.
    state.file = { name, bytes: new Uint8Array(await res.arrayBuffer()), sample: true, columns: null, mapTried: false };
    announce(t('sampleDated', { date: fmtDate(SAMPLE_AS_OF) }));
  } catch (e) {
    showError(t('sampleFailed', { detail: e && e.message ? e.message : String(e) }), name);
    finishRun();
    return;
  }
  await processNewFile();
}

/** A new file shows all its rows: clear the filter and the search, then process it. */
function processNewFile() {
  state.filter = 'all';
  state.search = '';
  $('search').value = '';
  $('level-filter').value = 'all';
  return processFile({ fresh: true });
}

/**
 * The options a run of `file` uses: the form's, the sample's date for the sample, the mapping,
 * the previous worklist's name (its bytes are added when the run is sent: see `withPrevious`).
 */
function runOptions(file) {
  const built = buildOptions(file.name);
  if (built.error) return built;
  if (file.sample) built.options.asOf = SAMPLE_AS_OF;
  if (file.columns && Object.keys(file.columns).length) built.options.columns = { ...file.columns };
  const { previousFileName } = previousOptions();
  if (previousFileName) built.options.previousFileName = previousFileName;
  return built;
}

/** What tells two runs apart: the options and which previous worklist. */
function runKeyOf(options) {
  return JSON.stringify(options) + previousKey();
}

/** The options with the previous worklist's bytes, when one was given. */
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

/** A saved mapping for these headers, not yet tried on this file: use it and run again. */
function autoMap(file, headers) {
  if (file.columns || file.mapTried) return false;
  file.mapTried = true;
  const saved = storedMapping(headerKey(headers));
  if (!saved) return false;
  file.columns = saved;
  file.autoMapped = true;
  return true;
}

/** The mapping panel for a run's headers, in the results (a file that worked) or by the error. */
function offerMapping(file, headers, { current, open = false, message = '' } = {}) {
  state.mappingHeaders = headers;
  showMapping({
    headers,
    current: { ...current, ...(file.columns || {}) },
    open,
    message,
    place: (panel) => (open ? $('error').after(panel) : $('notices').after(panel)),
  });
}

/** Run the engine on the loaded file with the current settings. */
async function processFile({ fresh = false } = {}) {
  const file = state.file;
  if (!file) return;
  try {
    await loadDefaults();
  } catch (e) {
    showError(e && e.message ? e.message : String(e));
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
  announce(t('statusStage').reading.replace('{name}', file.name));
  const started = performance.now();
  // The preview rows that come with the counts: those of the level and search in force.
  const view = currentView();
  let msg;
  try {
    let lastStage = 'reading';
    msg = await analyzeWorklist(file.bytes || file.blob, runOpts, (stage, fraction) => {
      if (!STAGES.includes(stage) || stage === 'load') return;
      showProgress(file.name, stage, fraction);
      // Announce each stage once, not every fraction.
      if (stage !== lastStage) announce(t('statusStage')[stage].replace('{name}', file.name));
      lastStage = stage;
    }, { level: view.level, search: view.search, first: FIRST_LOAD, whole: LOAD_ROWS });
    // The legend, labels and words for these settings are on the page before the result is.
    await infoReady;
  } catch (e) {
    if (e instanceof Superseded) return; // a newer run owns the page now
    if (state.file !== file) return;
    $('main').setAttribute('aria-busy', 'false');
    if (e && e.code === 'read') {
      state.file = null;
      showError(t('readFailed', { name: file.name, detail: e.message }), file.name);
      finishRun();
      return;
    }
    if (showSettingsProblem(e)) {
      settingsProblem();
      return;
    }
    if (e && e.input === 'previous') {
      // The previous worklist is at fault, not today's file: said by its input; the file stays
      // loaded (and the last good results, marked) until it is removed or replaced.
      showPreviousError(e.message);
      $('progress').hidden = true;
      if (!state.result) {
        document.body.dataset.state = 'invalid';
        $('main').setAttribute('aria-busy', 'false');
        announce(t('statusError', { message: e.message }));
        finishRun();
        return;
      }
      settingsProblem();
      return;
    }
    if (e && Array.isArray(e.headers) && COLUMN_ERRORS.includes(e.code) && autoMap(file, e.headers)) {
      processFile({ fresh });
      return;
    }
    const message = e && e.message ? e.message : String(e);
    const headers = e && Array.isArray(e.headers) ? e.headers : (e?.code === 'mapped_column_missing' ? state.mappingHeaders : null);
    if (e && e.code === 'mapped_column_missing' && state.result) {
      // The mapping is at fault, not the file: its message by the mapping, the results kept.
      offerMapping(file, headers, { open: true, message, current: {} });
      $('mapping').hidden = false;
      settingsProblem();
      return;
    }
    showError(message);
    if (headers && COLUMN_ERRORS.includes(e.code)) offerMapping(file, headers, { open: true, message: '' });
    finishRun();
    return;
  }
  if (state.file !== file) return;
  if (msg.bytes instanceof Uint8Array && !file.bytes) file.bytes = msg.bytes;
  const headers = summaryHeaders(msg.summary || {});
  if (autoMap(file, headers)) {
    processFile({ fresh });
    return;
  }
  clearFieldErrors();
  clearPreviousError();
  const rows = Array.isArray(msg.rows) ? msg.rows : [];
  state.result = {
    run: msg.run,
    bytes: file.bytes,
    xlsx: null,
    summary: msg.summary || {},
    // Every preview row (filtered and searched by the page), or null: the engine keeps them.
    all: msg.complete ? rows : null,
    view: msg.complete ? null : { ...view, rows, total: Number(msg.total) || 0 },
    previewRows: Number(msg.preview_rows) || 0,
    problems: Array.isArray(msg.problems) ? msg.problems : [],
    notices: Array.isArray(msg.notices) ? msg.notices : [],
    rules_not_evaluated: Array.isArray(msg.rules_not_evaluated) ? msg.rules_not_evaluated : [],
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
  const run = msg.run;
  setEmailSource((index) => email(run, index));
  setRowsSource((query) => previewRows(run, query));
  $('progress').hidden = true;
  const unknown = msg.summary?.unknown_columns || [];
  if (unknown.length || options.columns) {
    const current = Object.fromEntries((msg.summary.columns || []).map((c) => [c.field, c.header]));
    offerMapping(file, headers, { current });
  } else {
    hideMapping();
  }
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

let rerunTimer = 0;
let typingTimer = 0;
/** A setting changed: remember it, show the engine's legend for it, re-run the loaded file. */
function settingsChanged() {
  clearTimeout(typingTimer);
  storeSettings();
  refreshInfo();
  clearTimeout(rerunTimer);
  if (!state.file) return;
  // The same settings as the run in force (a typed value, then the change event): nothing to do.
  const { options } = runOptions(state.file);
  if (options && runKeyOf(options) === state.runKey) return;
  rerunTimer = setTimeout(() => processFile(), 0);
}

/** Typed values apply a moment after the last keystroke. */
function settingsTyped() {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(settingsChanged, TYPING_MS);
}

/** The mapping panel's choice: remember it for these headers and run again with it. */
function applyMapping() {
  const file = state.file;
  if (!file) return;
  const columns = chosenColumns();
  file.columns = Object.keys(columns).length ? columns : null;
  file.autoMapped = false;
  file.mapTried = true;
  storeMapping(headerKey(state.mappingHeaders), file.columns);
  processFile({ fresh: true });
}

function forgetMapping() {
  const file = state.file;
  if (!file) return;
  storeMapping(headerKey(state.mappingHeaders), null);
  file.columns = null;
  file.autoMapped = false;
  file.mapTried = true;
  processFile({ fresh: true });
}

// ---------------------------------------------------------------------------------------------
// Wiring

function wireControls() {
  const file = $('file');
  file.addEventListener('change', () => {
    acceptFile(file.files && file.files[0]);
    // Allow choosing the same file again (e.g. after fixing it on disk).
    file.value = '';
  });
  $('sample').addEventListener('click', () => loadSample());
  $('download').addEventListener('click', () => download(announce));
  $('download-split').addEventListener('click', () => downloadSplit(announce));
  // A previous worklist chosen or removed: today's file runs again with (or without) it.
  wirePrevious(() => {
    if (state.file) processFile();
  });
  $('mapping-apply').addEventListener('click', applyMapping);
  $('mapping-forget').addEventListener('click', forgetMapping);

  $('lang').addEventListener('change', () => {
    setLang($('lang').value);
    applyWords();
    if (state.result) renderResult();
    settingsChanged();
  });
  $('asOf').addEventListener('input', () => { state.asOfTouched = true; });
  $('tz').addEventListener('change', () => {
    if (!state.asOfTouched) {
      const today = todayIn($('tz').value);
      if (today) $('asOf').value = today;
    }
    settingsChanged();
  });
  for (const id of ['asOf', 'highDays', 'mediumDays', 'usagePercent', 'dateOrder']) {
    $(id).addEventListener('change', settingsChanged);
  }
  for (const id of ['asOf', 'tz', 'highDays', 'mediumDays', 'usagePercent', 'productName']) {
    $(id).addEventListener('input', settingsTyped);
  }
  $('productName').addEventListener('input', applyWords);
  $('productName').addEventListener('change', () => {
    applyWords();
    settingsChanged();
  });
  $('settings-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    settingsChanged();
  });
  $('reset-settings').addEventListener('click', () => {
    if (!defaults) return;
    resetToDefaults(defaults);
    applyWords();
    settingsChanged();
  });

  for (const card of $('cards').querySelectorAll('[data-filter]')) {
    card.addEventListener('click', () => setFilter(card.dataset.filter));
  }
  $('level-filter').addEventListener('change', () => setFilter($('level-filter').value));
  let searchTimer = 0;
  $('search').addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      state.search = $('search').value;
      renderTable();
    }, 120);
  });
  wireDragAndDrop(acceptFile);
}

/**
 * The engine's defaults on the form (or what the browser remembered), then its words for them.
 * Done once; tried again before a file is processed if the engine could not answer at first.
 */
async function loadDefaults() {
  if (defaults) return;
  const stored = storedSettings();
  const first = await engineInfo(stored.lang === 'en' || stored.lang === 'es' ? { lang: stored.lang } : {});
  defaults = first.defaults;
  setPreviousLimit(first.previousMaxBytes);
  engineVersion = first.version;
  applyWords();
  setLang(applyInitialSettings(defaults, stored));
  $('lang').value = getLang();
  applyWords();
  applyEngineInfo(first);
  await refreshInfo();
}

async function init() {
  document.body.dataset.runs = '0';
  fillZoneList();
  // In a narrow window the settings start folded so the results come sooner.
  if (window.matchMedia && window.matchMedia('(max-width: 759px)').matches) $('settings').open = false;
  setLang(storedSettings().lang);
  $('lang').value = getLang();
  applyWords();
  wireControls();
  startEngine();
  try {
    await loadDefaults();
  } catch (e) {
    showError(e && e.message ? e.message : String(e), '');
  }
  document.body.dataset.state = 'idle';
}

init();

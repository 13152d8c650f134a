// retention-worklist page: reads a tenant export chosen by the person, runs the WebAssembly
// engine in a Web Worker, shows the day's worklist and offers the XLSX for download.
// Nothing leaves this page: no request but same-origin static files (the engine and the sample).
//
// The page shows the engine's decisions and never re-decides them: levels, links, colours,
// defaults, the legend and every word it shares with the workbook come from the engine
// (engine_info and analyze_worklist). This module wires the others together:
//   state.js     the page's state          engine.js    the worker client (worker.js runs the engine)
//   info.js      engine_info, defaults     run.js       a run: progress, result, what went wrong
//   settings.js  the form (the engine's options) and the options it makes
//   results.js   a run's result on the page
//   levels.js    engine_info on the page   table.js     the preview table, emails
//   mapping.js   the column mapping panel  previous.js  yesterday's worklist (optional)
//   workbook.js  the XLSX and the per-executive ZIP   dragdrop.js  files dropped on the page
//   i18n.js      the page's own words      dom.js       DOM helpers
// engine-api.d.ts types the engine's JavaScript API and the worker's messages (npm run lint).
// Data from the export only goes into the DOM with textContent (never innerHTML).

import { $, input, select } from './dom.js';
import { wireDragAndDrop } from './dragdrop.js';
import { messageOf, startEngine } from './engine.js';
import { wireHistory } from './history.js';
import { fmtBytes, fmtDate, getLang, setLang, t } from './i18n.js';
import { MAX_BYTES, applyWords, loadDefaults, refreshInfo } from './info.js';
import { chosenColumns, headerKey, storeMapping } from './mapping.js';
import { wirePrevious } from './previous.js';
import { renderResult } from './results.js';
import {
  SAMPLE_AS_OF, announce, finishRun, processFile, processNewFile, runKeyOf, runOptions, showError,
  startLoading,
} from './run.js';
import {
  PRODUCT, fillZoneList, followZone, initialLang, resetToDefaults, settingOption, storeSettings,
} from './settings.js';
import { state } from './state.js';
import { renderTable, setFilter, setOverdue } from './table.js';
import { download, downloadSplit } from './workbook.js';

/** @typedef {import('./state.js').Filter} Filter */

/** Typed settings apply this long after the last keystroke. */
const TYPING_MS = 400;

// ---------------------------------------------------------------------------------------------
// Files: today's export, chosen or dropped, and the sample

/**
 * Accept a File from the input or a drop: check its size first, then process it (the worker reads it).
 * @param {File | undefined} file
 */
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
    showError(t('sampleFailed', { detail: messageOf(e) }), name);
    finishRun();
    return;
  }
  await processNewFile();
}

// ---------------------------------------------------------------------------------------------
// Settings and the mapping panel

let rerunTimer = 0;
let typingTimer = 0;
/** A setting changed: remember it, show the engine's legend for it, re-run the loaded file. */
function settingsChanged() {
  clearTimeout(typingTimer);
  // Before the engine's defaults are on the form its start-up work asks about the form as it is then.
  if (!state.defaults) return;
  storeSettings();
  refreshInfo();
  clearTimeout(rerunTimer);
  if (!state.file) return;
  // The same settings as the run in force (a typed value, then the change event): nothing to do.
  const { options } = runOptions(state.file);
  if (options && runKeyOf(options) === state.runKey) return;
  rerunTimer = window.setTimeout(() => processFile(), 0);
}

/** Typed values apply a moment after the last keystroke. */
function settingsTyped() {
  clearTimeout(typingTimer);
  typingTimer = window.setTimeout(settingsChanged, TYPING_MS);
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

/**
 * The settings field an event is about (the form's fields are made from the engine's options once
 * it answered: their events are heard on the form), or null.
 * @param {Event} ev
 */
function settingOf(ev) {
  const target = ev.target;
  if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return null;
  const option = settingOption(target.id);
  return option ? { option, typed: target instanceof HTMLInputElement } : null;
}

function wireSettings() {
  // What the person touches is theirs from the first keystroke: start-up work leaves it alone.
  const lang = select('lang');
  for (const type of ['input', 'change']) lang.addEventListener(type, () => state.touched.add('lang'));
  lang.addEventListener('change', () => {
    setLang(lang.value);
    applyWords();
    if (state.result) renderResult();
    settingsChanged();
  });
  const form = $('settings-form');
  form.addEventListener('input', (ev) => {
    const setting = settingOf(ev);
    if (!setting) return;
    state.touched.add(setting.option.key);
    // The product name is in the page's own words (the title, the drop zone's help) as it is typed.
    if (setting.option.key === PRODUCT) applyWords();
    // Typed values apply a moment after the last keystroke; a choice when it is made.
    if (setting.typed) settingsTyped();
  });
  form.addEventListener('change', (ev) => {
    const setting = settingOf(ev);
    if (!setting) return;
    state.touched.add(setting.option.key);
    // Another zone: an untouched report date becomes today in it.
    if (setting.option.kind === 'zone') followZone();
    if (setting.option.key === PRODUCT) applyWords();
    settingsChanged();
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    settingsChanged();
  });
  $('reset-settings').addEventListener('click', () => {
    if (!state.defaults) return;
    resetToDefaults();
    applyWords();
    settingsChanged();
  });
}

function wireControls() {
  const file = input('file');
  file.addEventListener('change', () => {
    acceptFile(file.files?.[0]);
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
  wireSettings();

  for (const card of $('cards').querySelectorAll('[data-filter]')) {
    card.addEventListener('click', () => setFilter(/** @type {Filter} */ (card.getAttribute('data-filter'))));
  }
  const level = select('level-filter');
  level.addEventListener('change', () => setFilter(/** @type {Filter} */ (level.value)));
  // The overdue rows alone (VENCIDO): the card toggles, the box says whether they are shown.
  $('overdue-card').addEventListener('click', () => setOverdue(!state.overdue));
  const overdue = input('overdue-only');
  overdue.addEventListener('change', () => setOverdue(overdue.checked));
  const search = input('search');
  let searchTimer = 0;
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => {
      state.search = search.value;
      renderTable();
    }, 120);
  });
  wireDragAndDrop(acceptFile);
  wireHistory();
}

async function init() {
  document.body.dataset.runs = '0';
  fillZoneList();
  // In a narrow window the settings start folded so the results come sooner.
  if (window.matchMedia && window.matchMedia('(max-width: 759px)').matches) $('settings', HTMLDetailsElement).open = false;
  // The language the person chose last time; else the document's until the engine says its default.
  setLang(initialLang(getLang()));
  select('lang').value = getLang();
  wireControls();
  applyWords();
  startEngine();
  try {
    await loadDefaults();
  } catch (e) {
    showError(messageOf(e), '');
  }
  document.body.dataset.state = 'idle';
}

init();

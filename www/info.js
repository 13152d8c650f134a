// What the engine says about the settings in force, on the page: the settings form made from its
// options and filled with its defaults (once, at start-up, leaving alone every field the person
// already touched), its default language, its preview paging, then the legend, cards, words and
// colours for the settings in force (engine_info), and the page's own words around them.

import { $, select, setText } from './dom.js';
import { engineInfo, messageOf } from './engine.js';
import { applyPageWords, fmtBytes, getLang, setLang, t } from './i18n.js';
import { applyEngineInfo } from './levels.js';
import { setPreviousLimit } from './previous.js';
import { renderResult } from './results.js';
import {
  buildSettingsForm, clearFieldErrors, infoOptions, initialLang, productName, showFieldError,
  showSettingsWords, storeSettings, storedSettings,
} from './settings.js';
import { state } from './state.js';

/** @typedef {import('./engine-api').EngineInfo} EngineInfo */
/** @typedef {import('./engine.js').EngineError} EngineError */

/**
 * Largest file the page accepts; checked before reading the file. The engine needs about 8 bytes
 * of WebAssembly memory per input byte (a 158 MB export of 1,000,000 tenants peaked at 1.24 GB),
 * and wasm32 memory ends at 4 GB: 256 MB keeps a safe margin, also for the page's own copy. A file
 * that needs more memory anyway (or a browser that gives less) stops the engine: the page says so
 * by the file and starts a fresh one (run.js).
 */
export const MAX_BYTES = 256 * 1024 * 1024;

/** The page's own words, then the engine's for the settings in force. */
export function applyWords() {
  const product = productName() || state.defaults?.productName || '';
  applyPageWords({ product, max: fmtBytes(MAX_BYTES) });
  document.title = product ? `${t('docTitle')} · ${product}` : t('docTitle');
  setText($('brand-product'), product);
  setText($('engine-version'), state.engineVersion ? t('engineVersion', { version: state.engineVersion }) : '');
}

/** @type {Map<string, Promise<EngineInfo>>} */
const infoCache = new Map();
let infoSeq = 0;
/** The latest engine_info request (settled once its answer is on the page). */
let infoReady = Promise.resolve();

/** Settled once the engine's answer for the settings in force is on the page. */
export const engineWordsReady = () => infoReady;

/**
 * A settings problem shown next to its field (the engine names the option in error.option and
 * says what is valid in error.expected). True when it was one.
 * @param {unknown} e
 */
export function showSettingsProblem(e) {
  const facts = /** @type {Partial<EngineError>} */ (e);
  if (!facts || !(facts.code === 'invalid_option' || facts.code === 'browser')) return false;
  if (facts.option === 'columns') return false;
  showFieldError(facts);
  return true;
}

/** Asks the engine about the settings in force and shows its answer (legend, cards, words, colours). */
export function refreshInfo() {
  const seq = ++infoSeq;
  const { options, error } = infoOptions();
  if (error) {
    showFieldError(error);
    infoReady = Promise.resolve();
    return infoReady;
  }
  const key = JSON.stringify(options);
  let answer = infoCache.get(key);
  if (!answer) {
    answer = engineInfo(options).catch((e) => {
      infoCache.delete(key);
      throw e;
    });
    infoCache.set(key, answer);
  }
  infoReady = answer.then((info) => {
    if (seq !== infoSeq) return;
    if (!state.file) clearFieldErrors();
    applyEngineInfo(info);
    showSettingsWords(info.options);
    if (state.result) renderResult();
  }, (e) => {
    if (seq !== infoSeq) return;
    if (!showSettingsProblem(e)) showFieldError({ message: messageOf(e) });
  });
  return infoReady;
}

/**
 * The settings form from the engine's options, with its defaults (or what the browser
 * remembered), the engine's default language (unless the person chose one), then its words for
 * them. Done once; tried again before a file is processed if the engine could not answer at first.
 * The language the person chose meanwhile stays.
 */
export async function loadDefaults() {
  if (state.defaults) return;
  const remembered = initialLang('');
  const first = await engineInfo(remembered ? { lang: remembered } : {});
  if (state.defaults) return;
  state.defaults = first.defaults;
  state.paging = first.preview;
  state.engineVersion = first.version;
  setPreviousLimit(first.previousMaxBytes);
  buildSettingsForm(first.options, storedSettings());
  if (!state.touched.has('lang')) setLang(initialLang(first.defaults.lang));
  // What the person typed meanwhile is remembered, as any later change is.
  if (state.touched.size) storeSettings();
  select('lang').value = getLang();
  applyWords();
  applyEngineInfo(first);
  await refreshInfo();
}

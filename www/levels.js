// What engine_info says, put on the page: the level colours (the workbook's fills), the level
// words, labels and triggers (legend, cards, filter, table headers) and the words the page shares
// with the workbook. Nothing here decides anything: it shows the engine's answer for the settings
// in force.
//
// Markup hooks (filled here, by textContent):
//   data-word="key"            engine_info().words[key] (a path: "problems.line")
//   data-level-word="level"    the level's word (CRÍTICO)
//   data-level-label="level"   emoji and word (🔴 CRÍTICO)
//   data-level-trigger="level" the level's trigger for the thresholds in force
//   data-level-legend="level"  word — trigger

import { setText } from './dom.js';
import { setFormat } from './i18n.js';

/** @typedef {import('./engine-api').EngineInfo} EngineInfo */
/** @typedef {import('./engine-api').LevelKey} LevelKey */

/** @type {readonly LevelKey[]} */
export const LEVEL_KEYS = ['critical', 'high', 'medium', 'info'];

/** @type {EngineInfo | null} */
let info = null;

/** The engine_info last applied (null before the engine answered). */
export function currentInfo() {
  return info;
}

/**
 * One level of engine_info by key ('critical' | 'high' | 'medium' | 'info').
 * @param {string | null} key
 */
export function level(key) {
  return info?.levels?.find((l) => l.key === key) ?? null;
}

/**
 * A word the page shares with the workbook: engine_info().words[key], `key` a path like 'problems.line'.
 * @param {string} key
 */
export function word(key) {
  /** @type {string | import('./engine-api').Words | undefined} */
  let w = info?.words;
  for (const k of key.split('.')) w = typeof w === 'object' ? w[k] : undefined;
  if (typeof w === 'string') return w;
  console.warn(`retention-worklist: engine_info().words has no "${key}"`);
  return '';
}

/**
 * engine_info().changeWords[key]: the labels of the changes since the previous worklist.
 * @param {string} key
 */
export function changeWord(key) {
  const w = info?.changeWords?.[key];
  return typeof w === 'string' ? w : '';
}

/** engine_info().fields: [{ key, label, aliases }], in the engine's order. */
export function fields() {
  return Array.isArray(info?.fields) ? info.fields : [];
}

/**
 * A field's label ('Fin del trial') by key; the key itself when the engine has no such field.
 * @param {string} key
 */
export function fieldLabel(key) {
  return fields().find((f) => f.key === key)?.label ?? key;
}

/** @param {EngineInfo} next */
export function applyEngineInfo(next) {
  info = next;
  setFormat(next.format);
  const root = document.documentElement.style;
  /**
   * @param {string} name
   * @param {string | undefined} colour
   */
  const colour = (name, colour) => {
    // The CSP allows style changes made through the CSSOM: the workbook's colours become the page's.
    if (/^#[0-9a-f]{6}$/i.test(colour || '')) root.setProperty(name, colour || '');
  };
  for (const l of next.levels || []) {
    colour(`--${l.key}`, l.fill);
    colour(`--${l.key}-text`, l.text);
  }
  colour('--snoozed', next.snoozedFill);
  colour('--snoozed-text', next.snoozedText);
  /**
   * @param {string} attr
   * @param {(key: string) => string} text
   */
  const fill = (attr, text) => {
    for (const node of document.querySelectorAll(`[${attr}]`)) {
      setText(node, text(node.getAttribute(attr) || ''));
    }
  };
  fill('data-word', (k) => word(k));
  fill('data-level-word', (k) => level(k)?.word ?? '');
  fill('data-level-label', (k) => level(k)?.label ?? '');
  fill('data-level-trigger', (k) => level(k)?.trigger ?? '');
  fill('data-level-legend', (k) => {
    const l = level(k);
    return l ? `${l.word} — ${l.trigger}` : '';
  });
}

// The report settings: the form's fields, their defaults (the engine's, from engine_info), what
// the browser remembers between visits, and the engine options they make. A field the person
// touched (state.touched) is theirs: start-up work fills only the others.

import { $, input, make, select } from './dom.js';
import { getLang, t } from './i18n.js';
import { state } from './state.js';

/** @typedef {import('./engine-api').Defaults} Defaults */
/** @typedef {import('./engine-api').EngineOptions} EngineOptions */
/** @typedef {import('./engine-api').EngineErrorFacts & { message?: string }} FieldProblem */
/**
 * What the browser remembers of the settings (anything may be in it: read with care).
 * @typedef {{ lang?: unknown, highDays?: unknown, mediumDays?: unknown, usagePercent?: unknown,
 *             productName?: unknown, dateOrder?: unknown }} StoredSettings
 */

const STORAGE_KEY = 'retention-worklist.settings.v1';
const COMMON_ZONES = [
  'America/Mexico_City', 'America/Monterrey', 'America/Cancun', 'America/Tijuana', 'America/Hermosillo',
  'America/Chihuahua', 'America/Mazatlan', 'America/Bogota', 'America/Lima', 'America/Guayaquil',
  'America/Caracas', 'America/Santiago', 'America/Argentina/Buenos_Aires', 'America/Montevideo',
  'America/Asuncion', 'America/La_Paz', 'America/Sao_Paulo', 'America/Guatemala', 'America/El_Salvador',
  'America/Tegucigalpa', 'America/Managua', 'America/Costa_Rica', 'America/Panama',
  'America/Santo_Domingo', 'America/Puerto_Rico', 'America/Havana', 'America/New_York', 'America/Chicago',
  'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'Europe/Madrid', 'Europe/London', 'UTC',
];
/** The fields checked before the engine is asked anything. */
const VALIDATED = ['asOf', 'tz', 'highDays', 'mediumDays', 'usagePercent', 'productName'];

/** A settings field: an <input>, or the date order's <select>. */
const field = (/** @type {string} */ id) => (id === 'dateOrder' ? select(id) : input(id));

export function browserZone() {
  try {
    const z = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (z && z !== 'Etc/Unknown') return z;
  } catch {
    /* fall through */
  }
  return 'UTC';
}

/**
 * Today's date (YYYY-MM-DD) in an IANA zone or a fixed offset; null if the zone is unknown.
 * @param {string} zone
 */
export function todayIn(zone) {
  const now = new Date();
  const z = String(zone || '').trim();
  const off = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(z);
  if (/^(utc|gmt|z)$/i.test(z) || off) {
    const minutes = off ? (off[1] === '-' ? -1 : 1) * (Number(off[2]) * 60 + Number(off[3] || 0)) : 0;
    return new Date(now.getTime() + minutes * 60000).toISOString().slice(0, 10);
  }
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: z, year: 'numeric', month: '2-digit', day: '2-digit',
    }).formatToParts(now);
    const get = (/** @type {string} */ type) => parts.find((p) => p.type === type)?.value;
    return `${get('year')}-${get('month')}-${get('day')}`;
  } catch {
    return null;
  }
}

export function fillZoneList() {
  const zones = new Set([browserZone(), ...COMMON_ZONES]);
  try {
    for (const z of Intl.supportedValuesOf('timeZone')) zones.add(z);
  } catch {
    /* older browsers: the common list is enough */
  }
  const frag = document.createDocumentFragment();
  for (const z of zones) {
    const o = make('option');
    o.value = z;
    frag.append(o);
  }
  $('tz-list').replaceChildren(frag);
}

/**
 * What the browser remembered from the last visit ({} when nothing or unreadable).
 * @returns {StoredSettings}
 */
export function storedSettings() {
  try {
    const v = JSON.parse(localStorage.getItem(STORAGE_KEY) || '{}');
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}

export function storeSettings() {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({
      lang: getLang(),
      highDays: field('highDays').value,
      mediumDays: field('mediumDays').value,
      usagePercent: field('usagePercent').value,
      productName: field('productName').value,
      dateOrder: field('dateOrder').value,
    }));
  } catch {
    /* storage unavailable: settings just are not remembered */
  }
}

const isNumberText = (/** @type {unknown} */ v) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() !== '' && Number.isFinite(Number(v)) : false);

/**
 * Puts a start-up value in a field the person has not touched.
 * @param {string} id
 * @param {string} value
 */
function fill(id, value) {
  if (!state.touched.has(id)) field(id).value = value;
}

/**
 * The report day and zone: today in the browser's zone. Needs nothing of the engine, so it is on
 * the form at once (a field the person already touched stays as it is).
 */
export function applyDateAndZone() {
  fill('tz', browserZone());
  fill('asOf', todayIn(field('tz').value) || new Date().toISOString().slice(0, 10));
}

/**
 * Fills the form once the engine answered: the remembered settings where there are some, the
 * engine's defaults elsewhere; fields the person touched stay as they are.
 * @param {Defaults} defaults
 * @param {StoredSettings} stored
 */
export function applyInitialSettings(defaults, stored) {
  const pick = (/** @type {'highDays' | 'mediumDays' | 'usagePercent'} */ k) => (isNumberText(stored[k]) ? String(stored[k]) : String(defaults[k]));
  fill('highDays', pick('highDays'));
  fill('mediumDays', pick('mediumDays'));
  fill('usagePercent', pick('usagePercent'));
  fill('productName', typeof stored.productName === 'string' && stored.productName.trim() ? stored.productName : defaults.productName);
  fill('dateOrder', stored.dateOrder === 'dmy' || stored.dateOrder === 'mdy' ? stored.dateOrder : '');
  applyDateAndZone();
}

/**
 * The language to show: the one remembered, else the engine's default.
 * @param {string} fallback
 */
export function initialLang(fallback) {
  const { lang } = storedSettings();
  return lang === 'en' || lang === 'es' ? lang : fallback;
}

/**
 * The protocol's values back (the engine's defaults); date, zone and language stay.
 * @param {Defaults} defaults
 */
export function resetToDefaults(defaults) {
  field('highDays').value = String(defaults.highDays);
  field('mediumDays').value = String(defaults.mediumDays);
  field('usagePercent').value = String(defaults.usagePercent);
  field('productName').value = defaults.productName;
  field('dateOrder').value = '';
}

export function productName() {
  return field('productName').value.trim();
}

/**
 * The first field the browser finds invalid, as { error } (facts like the engine's); null when all are valid.
 * @param {readonly string[]} ids
 * @returns {{ error: FieldProblem } | null}
 */
function firstInvalid(ids) {
  for (const id of ids) {
    const input = field(id);
    if (!input.checkValidity()) {
      return { error: { code: 'browser', option: id, message: input.validationMessage } };
    }
  }
  return null;
}

/** The settings fields an engine error can name (error.option is the JavaScript option's name). */
const FIELDS = ['asOf', 'tz', 'dateOrder', 'highDays', 'mediumDays', 'usagePercent', 'productName'];

/**
 * The message slot under a field (made on first use).
 * @param {string} id
 */
function errorSlot(id) {
  let slot = document.getElementById(`${id}-error`);
  if (!slot) {
    slot = make('p', 'field-error');
    slot.id = `${id}-error`;
    slot.hidden = true;
    field(id).closest('.field')?.append(slot);
  }
  return slot;
}

/** Removes every field's message and mark. */
export function clearFieldErrors() {
  const form = $('settings-form');
  for (const i of form.querySelectorAll('[aria-invalid]')) {
    i.removeAttribute('aria-invalid');
    i.removeAttribute('aria-errormessage');
  }
  for (const p of form.querySelectorAll('.field-error')) {
    p.textContent = '';
    if (p instanceof HTMLElement) p.hidden = true;
  }
  const under = $('settings-error');
  under.textContent = '';
  under.hidden = true;
}

/**
 * Shows a settings error next to its field, named by its label ("MEDIO: el trial vence en ≤
 * días"), with what the engine says is valid (error.expected). Errors that name no field of the
 * form go under the form. Only one settings message at a time.
 * @param {FieldProblem} e
 */
export function showFieldError(e) {
  clearFieldErrors();
  const id = e.option && FIELDS.includes(e.option) ? e.option : null;
  if (!id) {
    const under = $('settings-error');
    under.textContent = e.message || '';
    under.hidden = false;
    return;
  }
  const input = field(id);
  const label = document.querySelector(`label[for="${id}"]`)?.textContent?.replace(/\s+/g, ' ').trim() || id;
  const text = e.expected
    ? t('fieldInvalid', { field: label, value: e.value ?? input.value, expected: e.expected })
    : t('fieldMissing', { field: label, message: e.message || '' });
  const slot = errorSlot(id);
  slot.textContent = text;
  slot.hidden = false;
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-errormessage', slot.id);
  // Folded settings (narrow windows) open so the message is seen.
  $('settings', HTMLDetailsElement).open = true;
}

/** @typedef {{ options: EngineOptions, error?: undefined } | { options?: undefined, error: FieldProblem }} Built */

/**
 * The settings in force as engine options: { options } or { error }.
 * @returns {Built}
 */
function formOptions() {
  const bad = firstInvalid(VALIDATED);
  if (bad) return bad;
  /** @type {EngineOptions} */
  const options = {
    lang: getLang(),
    productName: productName(),
    highDays: Number(field('highDays').value),
    mediumDays: Number(field('mediumDays').value),
    usagePercent: Number(field('usagePercent').value),
    asOf: field('asOf').value,
    tz: field('tz').value.trim(),
  };
  const order = field('dateOrder').value;
  if (order === 'dmy' || order === 'mdy') options.dateOrder = order;
  return { options };
}

/** engine_info's options for the settings in force (all of them: the engine checks each). */
export function infoOptions() {
  return formOptions();
}

/**
 * analyze_worklist's options for the settings in force and a file: { options } or { error }.
 * @param {string} fileName
 * @returns {Built}
 */
export function buildOptions(fileName) {
  const built = formOptions();
  if (built.options) built.options.fileName = fileName;
  return built;
}

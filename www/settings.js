// The report settings: the form's fields, what the browser remembers between visits, and the
// engine options they make.
//
// The fields are the engine's options (engine_info().options with `settings: true`), in the
// engine's order, with its labels, hints, choices, bounds and defaults: an option added to the
// engine's table appears here with no change to the page. The page adds only how a kind of value
// is typed (a date picker, a zone with the zones the browser knows, a number box, a list of
// choices) and the values it takes from the computer: today and the computer's zone, for the
// options whose default the run decides. Each field's id is its option's key (error.option names
// it). A field the person touched (state.touched) is theirs: start-up work fills only the others.

import { $, announce, make } from './dom.js';
import { getLang, hasWords, t } from './i18n.js';
import { state } from './state.js';

/** @typedef {import('./engine-api').EngineOptions} EngineOptions */
/** @typedef {import('./engine-api').OptionInfo} OptionInfo */
/** @typedef {import('./engine-api').EngineErrorFacts & { message?: string }} FieldProblem */
/**
 * What the browser remembers of the settings, by option key (anything may be in it: read with care).
 * @typedef {Record<string, unknown>} StoredSettings
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
/** The option whose value the page's own words name ({product}: the title, the drop zone's help). */
export const PRODUCT = 'productName';
/** Kinds whose value the page takes from the day and the computer: never remembered, never reset. */
const FROM_THE_COMPUTER = ['date', 'zone'];

/**
 * The settings option with this key (null: not a field of the form).
 * @param {string} key
 */
export function settingOption(key) {
  return state.settings.find((o) => o.key === key) ?? null;
}

/**
 * A settings field by its option's key: an <input>, or a <select> for a choice.
 * @param {string} key
 */
function field(key) {
  const node = document.getElementById(key);
  if (node instanceof HTMLInputElement || node instanceof HTMLSelectElement) return node;
  throw new Error(`#${key}`);
}

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

// ---------------------------------------------------------------------------------------------
// The form, made from the engine's options

/**
 * How a person types a value of the option's kind (its bounds are the engine's).
 * @param {OptionInfo} o
 * @returns {HTMLInputElement | HTMLSelectElement}
 */
function control(o) {
  if (o.kind === 'choice') {
    const list = make('select');
    for (const c of o.choices) {
      const choice = make('option', null, c.label);
      choice.value = c.value;
      list.append(choice);
    }
    return list;
  }
  const box = make('input');
  box.type = 'text';
  box.required = true;
  switch (o.kind) {
    case 'date':
      box.type = 'date';
      break;
    case 'zone':
      // The zones the browser knows, offered as the person types (fillZoneList).
      box.setAttribute('list', 'tz-list');
      box.autocomplete = 'off';
      box.spellcheck = false;
      break;
    case 'integer':
    case 'number':
      box.type = 'number';
      box.step = o.kind === 'integer' ? '1' : 'any';
      box.inputMode = o.kind === 'integer' ? 'numeric' : 'decimal';
      // A number is strictly between its bounds: the engine refuses the bounds themselves.
      if (o.min != null) box.min = String(o.min);
      if (o.max != null) box.max = String(o.max);
      break;
    case 'name':
      box.autocomplete = 'off';
      if (o.maxChars) box.maxLength = o.maxChars;
      break;
    default:
      box.required = false;
  }
  return box;
}

/**
 * One field: its label, its control and its hint (ids from the option's key).
 * @param {OptionInfo} o
 */
function fieldFor(o) {
  const box = make('div', `field field-${o.kind}`);
  box.dataset.option = o.key;
  const label = make('label', null, o.label);
  label.htmlFor = o.key;
  const c = control(o);
  c.id = o.key;
  c.name = o.key;
  box.append(label, c);
  if (o.help) {
    const hint = make('small', 'hint', o.help);
    hint.id = `${o.key}-help`;
    c.setAttribute('aria-describedby', hint.id);
    box.append(hint);
  }
  return box;
}

/**
 * Makes the form's fields from the engine's options (once, when the engine first answers) and
 * fills them: the remembered settings where there are some, the engine's defaults elsewhere, today
 * and the computer's zone where the run decides; fields the person touched stay as they are.
 * @param {OptionInfo[]} options engine_info().options
 * @param {StoredSettings} stored
 */
export function buildSettingsForm(options, stored) {
  const form = $('settings-form');
  for (const old of form.querySelectorAll('.field[data-option]')) old.remove();
  state.settings = options.filter((o) => o.settings);
  const actions = form.querySelector('.settings-actions');
  for (const o of state.settings) form.insertBefore(fieldFor(o), actions);
  for (const o of state.settings) {
    if (!FROM_THE_COMPUTER.includes(o.kind)) fill(o.key, startValue(o, stored[o.key]));
  }
  fillFromComputer();
  form.removeAttribute('aria-busy');
}

/**
 * The engine's words for the form in the language in force: labels, hints, choices.
 * @param {OptionInfo[]} options engine_info().options
 */
export function showSettingsWords(options) {
  for (const o of options) {
    if (!settingOption(o.key)) continue;
    const label = document.querySelector(`label[for="${o.key}"]`);
    if (label) label.textContent = o.label;
    const hint = document.getElementById(`${o.key}-help`);
    if (hint) hint.textContent = o.help;
    const c = field(o.key);
    if (c instanceof HTMLSelectElement) {
      for (const choice of c.options) {
        const words = o.choices.find((x) => x.value === choice.value);
        if (words) choice.textContent = words.label;
      }
    }
  }
  state.settings = options.filter((o) => o.settings && settingOption(o.key));
}

// ---------------------------------------------------------------------------------------------
// Values: remembered, filled at start-up, reset

/**
 * Whether a remembered value still fits the option (a choice it offers, a number, a name).
 * @param {OptionInfo} o
 * @param {unknown} v
 * @returns {v is string | number}
 */
function fits(o, v) {
  if (typeof v !== 'string' && typeof v !== 'number') return false;
  const text = String(v).trim();
  switch (o.kind) {
    case 'choice':
      return o.choices.some((c) => c.value === text);
    case 'integer':
    case 'number':
      return text !== '' && Number.isFinite(Number(text));
    case 'name':
      return text !== '';
    case 'text':
      return true;
    default:
      return false;
  }
}

/**
 * A field's value at start-up: the remembered one when it fits, else the engine's default ('' when
 * the run decides: a choice's first, "detect").
 * @param {OptionInfo} o
 * @param {unknown} remembered
 */
function startValue(o, remembered) {
  if (fits(o, remembered)) return String(remembered);
  return o.default == null ? '' : String(o.default);
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

/** Remembers the language and the settings (but today's date and the computer's zone). */
export function storeSettings() {
  /** @type {Record<string, string>} */
  const kept = { lang: getLang() };
  for (const o of state.settings) {
    if (!FROM_THE_COMPUTER.includes(o.kind)) kept[o.key] = field(o.key).value;
  }
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(kept));
  } catch {
    /* storage unavailable: settings just are not remembered */
  }
}

/**
 * Puts a start-up value in a field the person has not touched.
 * @param {string} key
 * @param {string} value
 */
function fill(key, value) {
  if (!state.touched.has(key)) field(key).value = value;
}

/** The zone in force: the form's zone field, else the computer's. */
function zoneInForce() {
  const zone = state.settings.find((o) => o.kind === 'zone');
  return zone ? field(zone.key).value : browserZone();
}

/** The computer's zone, and today in the zone in force, in the fields the person has not touched. */
function fillFromComputer() {
  for (const o of state.settings) if (o.kind === 'zone') fill(o.key, browserZone());
  const today = todayIn(zoneInForce()) || new Date().toISOString().slice(0, 10);
  for (const o of state.settings) if (o.kind === 'date') fill(o.key, today);
}

/** Another zone: an untouched date becomes today in it. */
export function followZone() {
  const today = todayIn(zoneInForce());
  if (!today) return;
  for (const o of state.settings) if (o.kind === 'date') fill(o.key, today);
}

/**
 * The language to show: the one remembered (one the page has words for), else `fallback` (the
 * engine's default).
 * @param {string} fallback
 */
export function initialLang(fallback) {
  const { lang } = storedSettings();
  return hasWords(lang) ? lang : fallback;
}

/** The engine's defaults back ("detect" for a choice the run decides); date and zone stay. */
export function resetToDefaults() {
  for (const o of state.settings) {
    if (!FROM_THE_COMPUTER.includes(o.kind)) field(o.key).value = o.default == null ? '' : String(o.default);
  }
}

/** The product name typed (blank before the form is made). */
export function productName() {
  const box = document.getElementById(PRODUCT);
  return box instanceof HTMLInputElement ? box.value.trim() : '';
}

// ---------------------------------------------------------------------------------------------
// Problems, by their field

/**
 * The first field the browser finds invalid, as { error } with the engine's words for what is
 * valid; null when all are valid.
 * @returns {{ error: FieldProblem } | null}
 */
function firstInvalid() {
  for (const o of state.settings) {
    const box = field(o.key);
    if (!box.checkValidity()) {
      return { error: { code: 'browser', option: o.key, value: box.value, expected: o.expected, message: box.validationMessage } };
    }
  }
  return null;
}

/**
 * The message slot under a field (made on first use).
 * @param {string} key
 */
function errorSlot(key) {
  let slot = document.getElementById(`${key}-error`);
  if (!slot) {
    slot = make('p', 'field-error');
    slot.id = `${key}-error`;
    slot.hidden = true;
    field(key).closest('.field')?.append(slot);
  }
  return slot;
}

/**
 * Adds (or removes) an id in a control's aria-describedby: its hint stays, its message joins it.
 * @param {Element} control
 * @param {string} id
 * @param {boolean} on
 */
function describeBy(control, id, on) {
  const ids = (control.getAttribute('aria-describedby') || '').split(/\s+/).filter((x) => x && x !== id);
  if (on) ids.push(id);
  if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
  else control.removeAttribute('aria-describedby');
}

/** The settings message shown now ('' when none): one already shown is not announced again. */
let shownMessage = '';

/** Removes every field's message and mark. */
export function clearFieldErrors() {
  const form = $('settings-form');
  for (const i of form.querySelectorAll('[aria-invalid]')) {
    i.removeAttribute('aria-invalid');
    i.removeAttribute('aria-errormessage');
    describeBy(i, `${i.id}-error`, false);
  }
  for (const p of form.querySelectorAll('.field-error')) {
    p.textContent = '';
    if (p instanceof HTMLElement) p.hidden = true;
  }
  const under = $('settings-error');
  under.textContent = '';
  under.hidden = true;
  shownMessage = '';
}

/**
 * Shows a settings error next to its field, named by its label ("MEDIO: el trial vence en ≤
 * días"), with what the engine says is valid (error.expected); the field is described by it (and
 * by its hint). Errors that name no field of the form go under the form. Only one settings message
 * at a time; it is announced once (the engine's answer and a run refused for the same setting show
 * the same message).
 * @param {FieldProblem} e
 */
export function showFieldError(e) {
  const before = shownMessage;
  clearFieldErrors();
  const key = e.option && settingOption(e.option) ? e.option : null;
  /** @type {HTMLElement} */
  let slot;
  let text = e.message || '';
  if (key) {
    const box = field(key);
    const label = document.querySelector(`label[for="${key}"]`)?.textContent?.replace(/\s+/g, ' ').trim() || key;
    const value = e.value ?? box.value;
    text = t('fieldMissing', { field: label, message: e.message || '' });
    if (e.expected) {
      text = value === ''
        ? t('fieldEmpty', { field: label, expected: e.expected })
        : t('fieldInvalid', { field: label, value, expected: e.expected });
    }
    slot = errorSlot(key);
    box.setAttribute('aria-invalid', 'true');
    box.setAttribute('aria-errormessage', slot.id);
    describeBy(box, slot.id, true);
    // Folded settings (narrow windows) open so the message is seen.
    $('settings', HTMLDetailsElement).open = true;
  } else {
    slot = $('settings-error');
  }
  slot.textContent = text;
  slot.hidden = false;
  if (text !== before) announce(t('statusError', { message: text }));
  shownMessage = text;
}

// ---------------------------------------------------------------------------------------------
// The engine options they make

/**
 * A field's value as the engine takes it; undefined: not given (the run decides).
 * @param {OptionInfo} o
 * @param {string} text
 * @returns {string | number | undefined}
 */
function optionValue(o, text) {
  switch (o.kind) {
    case 'integer':
    case 'number':
      return Number(text);
    case 'choice':
      return text === '' ? undefined : text;
    case 'date':
      return text;
    case 'text':
      return text.trim() === '' ? undefined : text;
    default:
      return text.trim();
  }
}

/** @typedef {{ options: EngineOptions, error?: undefined } | { options?: undefined, error: FieldProblem }} Built */

/**
 * The settings in force as engine options: { options } or { error }.
 * @returns {Built}
 */
function formOptions() {
  const bad = firstInvalid();
  if (bad) return bad;
  /** @type {Record<string, string | number>} */
  const options = { lang: getLang() };
  for (const o of state.settings) {
    const value = optionValue(o, field(o.key).value);
    if (value !== undefined) options[o.key] = value;
  }
  return { options: /** @type {EngineOptions} */ (options) };
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

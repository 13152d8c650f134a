// Yesterday's worklist, given next to today's export ("Worklist anterior (opcional)"): the engine
// carries its Estado, Notas, Posponer hasta, En lista desde and the team's own columns into
// today's worklist and says what changed. The page only reads the file (refusing one over the
// engine's limit before reading it) and shows the engine's verdict on it next to its input.

import { $, announce, input, setText } from './dom.js';
import { messageOf } from './engine.js';
import { fmtBytes, t } from './i18n.js';
import { state } from './state.js';

/** engine_info().previousMaxBytes once the engine answered (the engine's limit, 64 MiB). */
let maxBytes = 64 * 1024 * 1024;
let seq = 0;

/** @param {number} n */
export function setPreviousLimit(n) {
  if (Number.isFinite(n) && n > 0) maxBytes = n;
}

/**
 * A message about the previous worklist, by its input (it stays until the person chooses or
 * removes one, or a run with a previous worklist succeeds).
 * @param {string} message
 */
export function showPreviousError(message) {
  const box = $('previous-error');
  // Said once: a message already shown is not announced again.
  if (box.hidden || box.textContent !== message) announce(t('statusError', { message }));
  setText(box, message);
  box.hidden = false;
  input('previous').setAttribute('aria-invalid', 'true');
}

export function clearPreviousError() {
  $('previous-error').hidden = true;
  input('previous').removeAttribute('aria-invalid');
}

function showChosen() {
  const p = state.previous;
  $('previous-chosen').hidden = !p;
  setText($('previous-name'), p ? `${p.name} (${fmtBytes(p.size)})` : '');
}

/**
 * Unloads the previous worklist the engine could not read at all (it ran out of memory with it),
 * saying so by its input: today's export runs without it.
 * @param {string} message
 */
export function dropPrevious(message) {
  state.previous = null;
  showChosen();
  showPreviousError(message);
}

/**
 * The options a run carries from the previous worklist ({} without one).
 * @returns {{ previous?: Uint8Array, previousFileName?: string }}
 */
export function previousOptions() {
  const p = state.previous;
  return p ? { previous: p.bytes, previousFileName: p.name } : {};
}

/** What tells runs with different previous files apart (the bytes are not compared). */
export function previousKey() {
  return state.previous ? `previous:${state.previous.id}` : '';
}

/**
 * @param {File} file
 * @param {() => void} onChange
 */
async function choose(file, onChange) {
  clearPreviousError();
  if (file.size > maxBytes) {
    state.previous = null;
    showChosen();
    showPreviousError(t('previousTooBig', { name: file.name, size: fmtBytes(file.size), max: fmtBytes(maxBytes) }));
    onChange();
    return;
  }
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    showPreviousError(t('readFailed', { name: file.name, detail: messageOf(e) }));
    return;
  }
  state.previous = { name: file.name, size: file.size, bytes, id: ++seq };
  showChosen();
  onChange();
}

/**
 * The previous worklist's input and its "Quitar" button; `onChange` re-runs today's file.
 * @param {() => void} onChange
 */
export function wirePrevious(onChange) {
  const field = input('previous');
  field.addEventListener('change', () => {
    const file = field.files?.[0];
    field.value = '';
    if (file) choose(file, onChange);
  });
  $('previous-clear').addEventListener('click', () => {
    state.previous = null;
    clearPreviousError();
    showChosen();
    field.focus();
    onChange();
  });
}

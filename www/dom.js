// Small DOM helpers shared by the page's modules.
//
// Rule for the whole page: data from the export is only ever put in the DOM with textContent
// (never innerHTML), so a tenant called <img src=x onerror=alert(1)> shows literally.

/**
 * The page's element with this id, of the kind given (HTMLElement when none is): the markup has
 * it, so its absence is a bug, said at once.
 * @template {HTMLElement} [T=HTMLElement]
 * @param {string} id
 * @param {{ new (): T, prototype: T }} [kind]
 * @returns {T}
 */
export function $(id, kind) {
  const node = document.getElementById(id);
  if (!node || !(node instanceof (kind || HTMLElement))) throw new Error(`#${id}`);
  return /** @type {T} */ (node);
}

/** @param {string} id */
export const input = (id) => $(id, HTMLInputElement);

/** @param {string} id */
export const select = (id) => $(id, HTMLSelectElement);

let announceTimer = 0;
/** The message about to be said is more than a progress step. */
let pendingMessage = false;
/**
 * Says `text` in the page's one live region (#status, read by screen readers): a run's progress
 * steps, its result, an error, a download. Each is said once: callers announce a step or a message
 * when it starts or changes, never per chunk of rows or per repeat of the same message shown.
 * A progress step (`step`) never takes the place of a message about to be said (a refused setting
 * said just before the run it refuses starts).
 * @param {string} text
 * @param {{ step?: boolean }} [how]
 */
export function announce(text, { step = false } = {}) {
  if (step && pendingMessage) return;
  // Clear first so the same message is announced again (a second download, say).
  clearTimeout(announceTimer);
  $('status').textContent = '';
  pendingMessage = !step;
  announceTimer = window.setTimeout(() => {
    pendingMessage = false;
    setText($('status'), text);
  }, 40);
}

/**
 * @param {Node} node
 * @param {unknown} text
 */
export function setText(node, text) {
  node.textContent = text == null ? '' : String(text);
}

/**
 * A new element with an optional class and text.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string | null} [className]
 * @param {unknown} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) setText(node, text);
  return node;
}

/**
 * Appends a <td> with text to a row and returns it.
 * @param {HTMLTableRowElement} tr
 * @param {unknown} text
 * @param {string} [className]
 */
export function textCell(tr, text, className) {
  const td = make('td', className, text);
  tr.append(td);
  return td;
}

/**
 * Text with break opportunities after @ and . (long emails wrap at sensible places).
 * @param {HTMLElement} node
 * @param {string} text
 */
export function appendBreakable(node, text) {
  const parts = String(text).split(/(?<=[@.])/);
  parts.forEach((part, i) => {
    if (i) node.append(document.createElement('wbr'));
    node.append(document.createTextNode(part));
  });
}

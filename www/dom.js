// Small DOM helpers shared by the page's modules.
//
// Rule for the whole page: data from the export is only ever put in the DOM with textContent
// (never innerHTML), so a tenant called <img src=x onerror=alert(1)> shows literally.

export const $ = (id) => document.getElementById(id);

export function setText(node, text) {
  node.textContent = text == null ? '' : String(text);
}

/** A new element with an optional class and text. */
export function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) setText(node, text);
  return node;
}

/** Appends a <td> with text to a row and returns it. */
export function textCell(tr, text, className) {
  const td = make('td', className, text);
  tr.append(td);
  return td;
}

/** Text with break opportunities after @ and . (long emails wrap at sensible places). */
export function appendBreakable(node, text) {
  const parts = String(text).split(/(?<=[@.])/);
  parts.forEach((part, i) => {
    if (i) node.append(document.createElement('wbr'));
    node.append(document.createTextNode(part));
  });
}

// Drag and drop: a file dropped anywhere on the page is taken like a chosen one (acceptFile).

import { $ } from './dom.js';

/**
 * Files dropped on the page go to `acceptFile(file)`; the drop zone shows it will take them.
 * @param {(file: File | undefined) => void} acceptFile
 */
export function wireDragAndDrop(acceptFile) {
  const zone = $('dropzone');
  let depth = 0;
  const hasFiles = (/** @type {DragEvent} */ ev) => Array.from(ev.dataTransfer?.types || []).includes('Files');
  window.addEventListener('dragenter', (ev) => {
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    depth++;
    zone.classList.add('dragging');
  });
  window.addEventListener('dragover', (ev) => {
    if (!hasFiles(ev) || !ev.dataTransfer) return;
    ev.preventDefault(); // allow dropping anywhere on the page (and keep the browser from opening the file)
    ev.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('dragleave', (ev) => {
    if (!hasFiles(ev)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) zone.classList.remove('dragging');
  });
  window.addEventListener('drop', (ev) => {
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    depth = 0;
    zone.classList.remove('dragging');
    acceptFile(ev.dataTransfer?.files[0]);
  });
}

// The workbook of the results on the page: built by the worker after the counts are shown (or on
// the download click), then saved as a file. The bytes are the engine's, as the CLI writes them.

import { $, make } from './dom.js';
import { Superseded, buildWorklist, messageOf, splitByExecutive, workbook } from './engine.js';
import { fmtInt, t } from './i18n.js';
import { state } from './state.js';

/** @typedef {typeof import('./dom.js').announce} Announce says what happened, in the status region */

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The result's workbook: built once by the worker. When the worker no longer has the run (it was
 * replaced after a crash or by a newer run) the file is built again with the result's options.
 * @param {import('./state.js').Result} r
 * @returns {Promise<Uint8Array<ArrayBuffer>>}
 */
export function prepareWorkbook(r) {
  if (!r.xlsxPromise) {
    const bytes = r.bytes;
    r.xlsxPromise = workbook(r.run).catch((e) => {
      // Stopped by a newer run: nobody asked for it yet; a download click asks again.
      if (e instanceof Superseded || state.result !== r || !bytes) throw e;
      return buildWorklist(bytes, r.options);
    }).then((xlsx) => {
      r.xlsx = xlsx;
      if (state.result === r) document.body.dataset.workbook = 'ready';
      return xlsx;
    }, (e) => {
      r.xlsxPromise = null;
      throw e;
    });
  }
  return r.xlsxPromise;
}

/**
 * Saves bytes as a file named `name`.
 * @param {Uint8Array<ArrayBuffer>} bytes
 * @param {string} name
 * @param {string} type
 */
function save(bytes, name, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * "Descargar por ejecutivo (ZIP)": one workbook per account executive, zipped by the engine
 * (the files `--split-by-executive` writes, byte for byte), listed with their rows.
 */
/** @param {Announce} announce */
export async function downloadSplit(announce) {
  const r = state.result;
  if (!r) {
    announce(t('downloadNothing'));
    return;
  }
  const button = $('download-split');
  button.setAttribute('aria-busy', 'true');
  announce(t('preparingXlsx'), { step: true });
  let split;
  try {
    split = await splitByExecutive(r.run);
  } catch (e) {
    if (!(e instanceof Superseded)) announce(t('statusError', { message: messageOf(e) }));
    return;
  } finally {
    button.removeAttribute('aria-busy');
  }
  if (state.result !== r) return;
  const list = $('split-files');
  const files = Array.isArray(split.files) ? split.files : [];
  list.replaceChildren(...files.map((f) => {
    const li = make('li', null, t('splitFile', { file: f.file, rows: fmtInt(f.rows) }));
    li.dataset.file = f.file;
    li.dataset.rows = String(f.rows);
    return li;
  }));
  list.hidden = files.length === 0;
  if (!files.length) {
    announce(t('splitNone'));
    return;
  }
  const zip = split.zip instanceof Uint8Array ? split.zip : new Uint8Array(split.zip);
  save(zip, split.name, 'application/zip');
  announce(t('statusDownloaded', { name: split.name }));
}

/**
 * The download button: the results' workbook as worklist-<as-of>.xlsx; `announce` says what happened.
 * @param {Announce} announce
 */
export async function download(announce) {
  const r = state.result;
  if (!r) {
    announce(t('downloadNothing'));
    return;
  }
  const button = $('download');
  let xlsx = r.xlsx;
  if (!xlsx) {
    button.setAttribute('aria-busy', 'true');
    announce(t('preparingXlsx'), { step: true });
    try {
      xlsx = await prepareWorkbook(r);
    } catch (e) {
      if (!(e instanceof Superseded)) announce(t('statusError', { message: messageOf(e) }));
      return;
    } finally {
      button.removeAttribute('aria-busy');
    }
  }
  const name = `worklist-${r.summary.as_of || r.options.asOf}.xlsx`;
  save(xlsx, name, XLSX_MIME);
  announce(t('statusDownloaded', { name }));
}

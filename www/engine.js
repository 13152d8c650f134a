// The engine as the page sees it: a Web Worker (worker.js) running the WebAssembly module, so the
// page stays responsive on large files. Requests:
//
//   analyzeWorklist(input, options, onStage, view)
//                                            → { run, summary, preview_rows, complete, rows, total,
//                                              problems, notices, rules_not_evaluated, bytes? }: rows
//                                              are every preview row (complete) or the view's first
//                                              ones, of total; input: bytes, or a File the worker
//                                              reads (its bytes come back in `bytes`)
//   previewRows(run, query)                  → { rows, total }: a view's rows ({ level, search, offset,
//                                              count }), asked of the engine
//   workbook(run)                            → the run's XLSX (Uint8Array), built when asked
//   email(run, index)                        → { subject, draft, mailto } of preview row `index`
//   splitByExecutive(run)                    → { name, files, zip }: one workbook per executive
//   buildWorklist(bytes, options, onStage)   → { xlsx, summary, … } all at once (when the worker
//                                              lost the run: a fresh worker after a crash)
//   engineInfo(options)                      → engine_info(options): defaults, levels, fields, words
//
// A newer analysis replaces one in progress (the worker is stopped at once: the old promise rejects
// with Superseded). A worker that dies or traps is replaced by a fresh one for the next request;
// requests for engine_info still waiting are sent again to the fresh worker. Errors carry the
// engine's facts: code, option, value, expected, field, headers, input ('previous' when the
// previous worklist is at fault).

import { t } from './i18n.js';

/** The build was replaced by a newer one; nothing to show. */
export class Superseded extends Error {}

let worker = null;
let nextId = 1;
/** @type {Map<number, { type: 'analyze'|'rows'|'build'|'workbook'|'email'|'info', post: object, transfer: Transferable[], resolve: Function, reject: Function, onStage?: Function, tries: number }>} */
const pending = new Map();

function getWorker() {
  if (worker) return worker;
  worker = new Worker('./worker.js', { type: 'module' });
  worker.addEventListener('message', onMessage);
  worker.addEventListener('error', onWorkerError);
  worker.addEventListener('messageerror', onMessageError);
  return worker;
}

/**
 * Stops the worker. Builds still waiting reject with `buildError`; info requests are sent again
 * to a fresh worker (once; a second failure rejects them with `infoError`).
 */
function restart(buildError, infoError = buildError) {
  if (worker) {
    worker.removeEventListener('message', onMessage);
    worker.removeEventListener('error', onWorkerError);
    worker.removeEventListener('messageerror', onMessageError);
    worker.terminate();
    worker = null;
  }
  const retry = [];
  for (const [id, p] of pending) {
    // A superseded worker did nothing wrong: its info requests always go to the fresh one.
    if (p.type === 'info' && (p.tries < 2 || buildError instanceof Superseded)) {
      retry.push(p);
    } else {
      pending.delete(id);
      p.reject(p.type === 'info' ? infoError : buildError);
    }
  }
  for (const p of retry) send(p);
}

function send(p) {
  p.tries++;
  try {
    getWorker().postMessage(p.post, p.transfer);
  } catch (e) {
    pending.delete(p.post.id);
    p.reject(e);
  }
}

function request(type, fields, { transfer = [], onStage } = {}) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const p = { type, post: { id, type, ...fields }, transfer, resolve, reject, onStage, tries: 0 };
    pending.set(id, p);
    send(p);
  });
}

/** The message of an 'error' reply, in the page's words when it is the page's to say. */
function errorText(msg) {
  if (msg.code === 'engine-load') return t('engineLoad', { detail: msg.message });
  return String(msg.message || 'error');
}

/** The rows of a reply, each with its number in the whole preview (`__index`, for email()). */
function numbered(msg) {
  const rows = Array.isArray(msg.rows) ? msg.rows : [];
  const indices = msg.indices || [];
  rows.forEach((row, i) => { row.__index = indices[i]; });
  return rows;
}

function onMessage(ev) {
  const msg = ev.data;
  const p = msg && pending.get(msg.id);
  if (!p) return;
  if (msg.type === 'progress') {
    p.onStage?.(msg.stage, msg.fraction);
    return;
  }
  pending.delete(msg.id);
  if (msg.type === 'error') {
    const error = new Error(errorText(msg));
    for (const k of ['code', 'option', 'value', 'expected', 'field', 'headers', 'input']) {
      if (msg[k] !== undefined) error[k] = msg[k];
    }
    // A wasm trap can leave the engine's memory inconsistent: start afresh.
    if (msg.fatal) restart(error);
    p.reject(error);
  } else if (msg.type === 'result' && p.type === 'analyze') {
    msg.rows = numbered(msg);
    p.resolve(msg);
  } else if (msg.type === 'rows' && p.type === 'rows') {
    p.resolve({ rows: numbered(msg), total: Number(msg.total) || 0 });
  } else if (msg.type === 'workbook' && (p.type === 'workbook' || p.type === 'build')) {
    p.resolve(msg);
  } else if (msg.type === 'split' && p.type === 'split') {
    p.resolve(msg);
  } else if (msg.type === 'email' && p.type === 'email') {
    p.resolve(msg.email);
  } else if (msg.type === 'info' && p.type === 'info') {
    p.resolve(msg.info);
  } else {
    p.reject(new Error(t('workerBadMessage')));
  }
}

/** The worker died (uncaught error, failed to load, out of memory). */
function onWorkerError(ev) {
  ev.preventDefault?.();
  const detail = ev && ev.message ? `: ${ev.message}` : '';
  restart(new Error(t('workerDied', { detail })), new Error(t('engineLoad', { detail: ev?.message || 'worker' })));
}

function onMessageError() {
  restart(new Error(t('workerBadMessage')));
}

/** Start the worker early so the engine is compiled by the time a file arrives. */
export function startEngine() {
  try {
    getWorker();
  } catch {
    /* reported by the first request */
  }
}

/** engine_info(options): { version, defaults, levels, words }. */
export function engineInfo(options) {
  return request('info', { options });
}

/**
 * A newer run replaces the one in progress, and the workbook being built for results it makes
 * old: stop the worker at once (the fresh one starts with the new run).
 */
function supersede() {
  for (const p of pending.values()) {
    if (p.type === 'analyze' || p.type === 'workbook') {
      restart(new Superseded('superseded'));
      return;
    }
  }
}

/** Analyses asked for so far (a File read again by the page is given up when a newer one came). */
let analyses = 0;

/**
 * Runs analyze_worklist on a copy of `input`'s bytes (the page keeps its own to re-run when a
 * setting changes), or on a File (a Blob), which the worker reads itself: the page's thread
 * neither reads nor copies it, and the bytes come back with the result. `view` ({ level, search,
 * first, whole }) says which preview rows come with the result.
 *
 * When the worker cannot read the File, the page reads it and hands the bytes over (they come back
 * the same way): WebKit lets no worker started from a blob: URL by a file:// page (the offline
 * single file) read any Blob ("NotReadableError: The I/O read operation failed."), while the page
 * itself can.
 */
export function analyzeWorklist(input, options, onStage, view) {
  supersede();
  const n = ++analyses;
  if (input instanceof Blob) {
    return request('analyze', { file: input, options, view }, { onStage }).catch(async (e) => {
      if (!e || e.code !== 'read') throw e;
      let bytes;
      try {
        bytes = new Uint8Array(await input.arrayBuffer());
      } catch (err) {
        throw Object.assign(new Error(String(err && err.message ? err.message : err)), { code: 'read' });
      }
      if (n !== analyses) throw new Superseded('superseded');
      return request('analyze', { bytes, own: true, options, view }, { transfer: [bytes.buffer], onStage });
    });
  }
  const copy = input.slice();
  return request('analyze', { bytes: copy, options, view }, { transfer: [copy.buffer], onStage });
}

/** Preview rows of an analysed run: { level, search, offset, count } → { rows, total }. */
export function previewRows(run, query) {
  return request('rows', { run, ...query });
}

/** The XLSX of an analysed run. Rejects with code 'gone' when the worker no longer has the run. */
export async function workbook(run) {
  const msg = await request('workbook', { run });
  return msg.xlsx instanceof Uint8Array ? msg.xlsx : new Uint8Array(msg.xlsx);
}

/**
 * One workbook per account executive of an analysed run, zipped by the engine (the files the CLI's
 * --split-by-executive writes): { name, files: [{ file, executive, rows }], zip }.
 */
export function splitByExecutive(run) {
  return request('split', { run });
}

/** The subject, draft and mailto of preview row `index` of an analysed run. */
export function email(run, index) {
  return request('email', { run, index });
}

/** Runs build_worklist (analysis and workbook at once) on a copy of bytes. */
export async function buildWorklist(bytes, options, onStage) {
  const copy = bytes.slice();
  const msg = await request('build', { bytes: copy, options }, { transfer: [copy.buffer], onStage });
  return msg.xlsx instanceof Uint8Array ? msg.xlsx : new Uint8Array(msg.xlsx);
}

// The engine as the page sees it: a Web Worker (worker.js) running the WebAssembly module, so the
// page stays responsive on large files. Requests:
//
//   analyzeWorklist(input, options, onStage, view)
//                                            → { run, summary, facts, preview_rows, rows, total,
//                                              problems, notices, rules_not_evaluated, bytes? }: rows
//                                              are the view's first ones (view.first), of total;
//                                              input: bytes, or a File the worker reads (its bytes
//                                              come back in `bytes`)
//   previewRows(run, query)                  → { rows, total }: a view's rows ({ level, search,
//                                              overdue, offset, count }), asked of the engine
//   workbook(run)                            → the run's XLSX (Uint8Array), built when asked
//   email(run, index)                        → { subject, draft, mailto } of preview row `index`
//   splitByExecutive(run)                    → { name, files, zip }: one workbook per executive
//   buildWorklist(bytes, options, onStage)   → the XLSX, analysis and workbook at once (when the
//                                              worker lost the run: a fresh worker after a crash)
//   engineInfo(options)                      → engine_info(options): options, defaults, preview,
//                                              levels, fields, words
//
// A newer analysis replaces one in progress (the worker is stopped at once: the old promise rejects
// with Superseded). A worker whose engine trapped, or that died, is replaced by a fresh one for the
// next request; requests for engine_info still waiting are sent again to the fresh worker. Errors
// are EngineErrors carrying the engine's facts: code, option, value, expected, field, headers, and
// input ('previous' when the previous worklist is at fault, 'export' otherwise). When the engine
// ran out of memory (code 'engine-memory') or its worker died (code 'engine-stopped'), `input` is
// the input the engine was reading: the previous worklist when the last stage it reported was
// 'previous' (it reads that one first), else today's export.

import { t } from './i18n.js';

/** @typedef {import('./engine-api').AnalyzeReply} AnalyzeReply */
/** @typedef {import('./engine-api').EngineInfo} EngineInfo */
/** @typedef {import('./engine-api').EngineOptions} EngineOptions */
/** @typedef {import('./engine-api').Email} Email */
/** @typedef {import('./engine-api').ResultView} ResultView */
/** @typedef {import('./engine-api').SplitFile} SplitFile */
/** @typedef {import('./engine-api').Stage} Stage */
/** @typedef {import('./engine-api').ViewQuery} ViewQuery */
/** @typedef {import('./engine-api').WorkerErrorFacts} WorkerErrorFacts */
/** @typedef {import('./engine-api').WorkerReply} WorkerReply */
/** @typedef {import('./engine-api').WorkerRequest} WorkerRequest */
/** @typedef {import('./state.js').ShownRow} ShownRow */
/** @typedef {(stage: Stage, fraction?: number) => void} OnStage */

/** The build was replaced by a newer one; nothing to show. */
export class Superseded extends Error {}

/** A request that failed: the engine's message, with its facts. */
export class EngineError extends Error {
  /**
   * @param {string} message
   * @param {WorkerErrorFacts} [facts]
   */
  constructor(message, facts = {}) {
    super(message);
    this.code = facts.code;
    this.input = facts.input;
    this.option = facts.option;
    this.value = facts.value;
    this.expected = facts.expected;
    this.field = facts.field;
    this.headers = facts.headers;
  }
}

/**
 * A request on its way: what was sent, how to answer it, and the stage the engine reported last.
 * @typedef {object} Pending
 * @property {WorkerRequest} post
 * @property {Transferable[]} transfer
 * @property {(value: any) => void} resolve
 * @property {(reason: unknown) => void} reject
 * @property {OnStage} [onStage]
 * @property {Stage | null} stage
 * @property {number} tries
 */

/** @type {Worker | null} */
let worker = null;
let nextId = 1;
/** @type {Map<number, Pending>} */
const pending = new Map();

function getWorker() {
  if (worker) return worker;
  worker = new Worker('./worker.js', { type: 'module' });
  worker.addEventListener('message', onMessage);
  worker.addEventListener('error', onWorkerError);
  worker.addEventListener('messageerror', onMessageError);
  return worker;
}

/** Which input a run was reading when its engine stopped: the last stage it reported says. */
const inputAt = (/** @type {Pending} */ p) => (p.stage === 'previous' ? 'previous' : 'export');

/**
 * Stops the worker. Requests still waiting reject with `errorFor(request)`, except the requests
 * for engine_info, sent again to a fresh worker (once; a second failure rejects them with
 * `infoError`).
 * @param {(p: Pending) => Error} errorFor
 * @param {Error} [infoError]
 */
function restart(errorFor, infoError) {
  if (worker) {
    worker.removeEventListener('message', onMessage);
    worker.removeEventListener('error', onWorkerError);
    worker.removeEventListener('messageerror', onMessageError);
    worker.terminate();
    worker = null;
  }
  /** @type {Pending[]} */
  const retry = [];
  for (const [id, p] of pending) {
    const error = errorFor(p);
    // A superseded worker did nothing wrong: its info requests always go to the fresh one.
    if (p.post.type === 'info' && (p.tries < 2 || error instanceof Superseded)) {
      retry.push(p);
    } else {
      pending.delete(id);
      p.reject(p.post.type === 'info' ? infoError || error : error);
    }
  }
  for (const p of retry) send(p);
}

/** @param {Pending} p */
function send(p) {
  p.tries++;
  p.stage = null;
  try {
    getWorker().postMessage(p.post, p.transfer);
  } catch (e) {
    pending.delete(p.post.id);
    p.reject(e);
  }
}

/**
 * Sends a request; resolves with the worker's reply.
 * @template T
 * @param {WorkerRequest} post
 * @param {{ transfer?: Transferable[], onStage?: OnStage }} [how]
 * @returns {Promise<T>}
 */
function request(post, { transfer = [], onStage } = {}) {
  return new Promise((resolve, reject) => {
    const p = { post, transfer, resolve, reject, onStage, stage: null, tries: 0 };
    pending.set(post.id, p);
    send(p);
  });
}

/**
 * The message of an 'error' reply, in the page's words when it is the page's to say.
 * @param {{ message: string, code?: string }} msg
 */
function errorText(msg) {
  if (msg.code === 'engine-load') return t('engineLoad', { detail: msg.message });
  if (msg.code === 'engine-memory') return t('engineMemory');
  return String(msg.message || 'error');
}

/**
 * The rows of a reply, each with its number in the whole preview (`__index`, for email()).
 * @param {{ rows: ShownRow[], indices: ArrayLike<number> }} msg
 * @returns {ShownRow[]}
 */
function numbered(msg) {
  const rows = Array.isArray(msg.rows) ? msg.rows : [];
  const indices = msg.indices || [];
  rows.forEach((row, i) => { row.__index = indices[i]; });
  return rows;
}

/** @param {MessageEvent<WorkerReply>} ev */
function onMessage(ev) {
  const msg = ev.data;
  const p = msg && pending.get(msg.id);
  if (!p) return;
  if (msg.type === 'progress') {
    p.stage = msg.stage;
    p.onStage?.(msg.stage, msg.fraction);
    return;
  }
  pending.delete(msg.id);
  const asked = p.post.type;
  if (msg.type === 'error') {
    const { type, id, message, fatal, ...facts } = msg;
    if ((facts.code === 'engine-memory' || facts.code === 'engine-panic') && !facts.input) facts.input = inputAt(p);
    const error = new EngineError(errorText(msg), facts);
    // A wasm trap can leave the engine's memory inconsistent: start afresh.
    if (fatal) restart(() => error);
    p.reject(error);
  } else if (msg.type === 'result' && asked === 'analyze') {
    msg.rows = numbered(msg);
    p.resolve(msg);
  } else if (msg.type === 'rows' && asked === 'rows') {
    p.resolve({ rows: numbered(msg), total: Number(msg.total) || 0 });
  } else if (msg.type === 'workbook' && (asked === 'workbook' || asked === 'build')) {
    p.resolve(msg);
  } else if (msg.type === 'split' && asked === 'split') {
    p.resolve(msg);
  } else if (msg.type === 'email' && asked === 'email') {
    p.resolve(msg.email);
  } else if (msg.type === 'info' && asked === 'info') {
    p.resolve(msg.info);
  } else {
    p.reject(new EngineError(t('workerBadMessage')));
  }
}

/**
 * The worker died (uncaught error, failed to load, out of memory): each request waiting is told
 * which input its run was reading.
 * @param {ErrorEvent} ev
 */
function onWorkerError(ev) {
  ev.preventDefault?.();
  const detail = ev && ev.message ? `: ${ev.message}` : '';
  restart(
    (p) => new EngineError(t('workerDied', { detail }), { code: 'engine-stopped', input: inputAt(p) }),
    new EngineError(t('engineLoad', { detail: ev?.message || 'worker' }), { code: 'engine-load' }),
  );
}

function onMessageError() {
  restart(() => new EngineError(t('workerBadMessage')));
}

/** Start the worker early so the engine is compiled by the time a file arrives. */
export function startEngine() {
  try {
    getWorker();
  } catch {
    /* reported by the first request */
  }
}

/**
 * engine_info(options): { version, defaults, levels, words, … }.
 * @param {EngineOptions} options
 * @returns {Promise<EngineInfo>}
 */
export function engineInfo(options) {
  return request({ id: nextId++, type: 'info', options });
}

/**
 * A newer run replaces the one in progress, and the workbook being built for results it makes
 * old: stop the worker at once (the fresh one starts with the new run).
 */
function supersede() {
  for (const p of pending.values()) {
    if (p.post.type === 'analyze' || p.post.type === 'workbook') {
      const superseded = new Superseded('superseded');
      restart(() => superseded);
      return;
    }
  }
}

/** Analyses asked for so far (a File read again by the page is given up when a newer one came). */
let analyses = 0;

/**
 * Runs analyze_worklist on a copy of `input`'s bytes (the page keeps its own to re-run when a
 * setting changes), or on a File (a Blob), which the worker reads itself: the page's thread
 * neither reads nor copies it, and the bytes come back with the result. `view` says which preview
 * rows come with the result.
 *
 * When the worker cannot read the File, the page reads it and hands the bytes over (they come back
 * the same way): WebKit lets no worker started from a blob: URL by a file:// page (the offline
 * single file) read any Blob ("NotReadableError: The I/O read operation failed."), while the page
 * itself can.
 * @param {Uint8Array | Blob} input
 * @param {EngineOptions} options
 * @param {OnStage} onStage
 * @param {ResultView} view
 * @returns {Promise<AnalyzeReply & { rows: ShownRow[] }>}
 */
export function analyzeWorklist(input, options, onStage, view) {
  supersede();
  const n = ++analyses;
  const id = nextId++;
  if (input instanceof Blob) {
    return request({ id, type: 'analyze', file: input, options, view }, { onStage }).catch(async (e) => {
      if (!e || e.code !== 'read') throw e;
      /** @type {Uint8Array<ArrayBuffer>} */
      let bytes;
      try {
        bytes = new Uint8Array(await input.arrayBuffer());
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        throw Object.assign(new Error(message), { code: 'read' });
      }
      if (n !== analyses) throw new Superseded('superseded');
      const again = { id: nextId++, type: /** @type {const} */ ('analyze'), bytes, own: true, options, view };
      return request(again, { transfer: [bytes.buffer], onStage });
    });
  }
  const copy = input.slice();
  return request({ id, type: 'analyze', bytes: copy, options, view }, { transfer: [copy.buffer], onStage });
}

/**
 * Preview rows of an analysed run.
 * @param {number} run
 * @param {ViewQuery & { offset: number, count: number }} query
 * @returns {Promise<{ rows: ShownRow[], total: number }>}
 */
export function previewRows(run, query) {
  return request({ id: nextId++, type: 'rows', run, ...query });
}

/**
 * The XLSX of an analysed run. Rejects with code 'gone' when the worker no longer has the run.
 * @param {number} run
 */
export async function workbook(run) {
  /** @type {{ xlsx: Uint8Array<ArrayBuffer> }} */
  const msg = await request({ id: nextId++, type: 'workbook', run });
  return msg.xlsx instanceof Uint8Array ? msg.xlsx : new Uint8Array(msg.xlsx);
}

/**
 * One workbook per account executive of an analysed run, zipped by the engine (the files the CLI's
 * --split-by-executive writes).
 * @param {number} run
 * @returns {Promise<{ name: string, files: SplitFile[], zip: Uint8Array<ArrayBuffer> }>}
 */
export function splitByExecutive(run) {
  return request({ id: nextId++, type: 'split', run });
}

/**
 * The subject, draft and mailto of preview row `index` of an analysed run.
 * @param {number} run
 * @param {number} index
 * @returns {Promise<Email | null>}
 */
export function email(run, index) {
  return request({ id: nextId++, type: 'email', run, index });
}

/**
 * Runs build_worklist (analysis and workbook at once) on a copy of bytes.
 * @param {Uint8Array} bytes
 * @param {EngineOptions} options
 * @param {OnStage} [onStage]
 */
export async function buildWorklist(bytes, options, onStage) {
  const copy = bytes.slice();
  /** @type {{ xlsx: Uint8Array<ArrayBuffer> }} */
  const msg = await request({ id: nextId++, type: 'build', bytes: copy, options }, { transfer: [copy.buffer], onStage });
  return msg.xlsx instanceof Uint8Array ? msg.xlsx : new Uint8Array(msg.xlsx);
}

/**
 * What a failure says, as text.
 * @param {unknown} e
 */
export function messageOf(e) {
  return e instanceof Error && e.message ? e.message : String(e);
}

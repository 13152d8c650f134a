// Module worker that runs the WebAssembly engine, so the page stays responsive on large files.
//
// Page → worker:  { id, type: 'analyze', bytes: Uint8Array | file: Blob, own?, options, view }
//                   analyze_worklist: counts first; view = { level, search, overdue, first }: the preview
//                   rows to send with them (the view's first `first`, as the engine chooses them).
//                   A file is read here (off the page's thread) and its bytes go back with the
//                   result, for the page to keep; so do `bytes` sent with own: true (a file the
//                   page had to read itself: engine.js says when).
//                 { id, type: 'rows', run, level, search, overdue, offset, count }    more preview rows
//                 { id, type: 'workbook', run }                          the run's XLSX (built when asked)
//                 { id, type: 'email', run, index }                      subject, draft, mailto of a row
//                 { id, type: 'split', run }                      one workbook per executive, zipped
//                 { id, type: 'build', bytes: Uint8Array, options }      build_worklist (all at once)
//                 { id, type: 'info', options }                          engine_info(options)
// Worker → page:  { id, type: 'progress', stage: 'previous' | 'reading' | 'classifying' | 'writing', fraction?: 0..1 }
//                 { id, type: 'result', run, summary, facts, preview_rows, rows, indices, total,
//                   problems, notices, rules_not_evaluated, bytes? }   rows: the view's first rows,
//                   of `total`; bytes: the file's, when it came as a file or with own: true
//                   (transferred)
//                 { id, type: 'rows', rows, indices, total }   indices: each row's number, for 'email'
//                 { id, type: 'workbook', xlsx: Uint8Array (transferred) }   (also the reply to 'build')
//                 { id, type: 'email', email }  { id, type: 'info', info }
//                 { id, type: 'split', name, files: [{ file, executive, rows }], zip: Uint8Array }
//                 { id, type: 'error', message, fatal, code?, input?, option?, value?, expected?, field?,
//                   headers? }
// Every failure becomes an 'error' message carrying the engine's facts (code, input, option,
// expected…); `fatal` means the engine trapped (or never loaded) and this worker should be
// replaced. Codes of the worker's own: 'read' (the file could not be read), 'gone' (the run is no
// longer kept), 'engine-load' (`message` is the loader's detail; the page words the error),
// 'engine-memory' (the engine trapped with no panic: an allocation failed, which aborts a wasm
// instance; wasm32 memory ends at 4 GB, and the browser may give less), 'engine-panic' (a bug in
// the engine: `message` is the panic hook's). The types: engine-api.d.ts.
//
// The worker keeps the latest analysed Worklist (the one whose results the page shows, also
// after a failed re-run) for its rows, workbook and emails; a new one frees it. Only the rows the
// page shows cross to it: tens of thousands of rows would take longer to copy than to classify.

import { WARMUP_OPTIONS, WARMUP_RUNS, warmupExport } from './warmup.js';

/** @typedef {import('./engine-api').EngineModule} EngineModule */
/** @typedef {import('./engine-api').EngineOptions} EngineOptions */
/** @typedef {import('./engine-api').ResultView} ResultView */
/** @typedef {import('./engine-api').ViewQuery} ViewQuery */
/** @typedef {import('./engine-api').WorkerErrorFacts} WorkerErrorFacts */
/** @typedef {import('./engine-api').WorkerReply} WorkerReply */
/** @typedef {import('./engine-api').WorkerRequest} WorkerRequest */
/** @typedef {import('./engine-api').Worklist} Worklist */

/**
 * An analysis kept for the page.
 * @typedef {{ run: number, worklist: Worklist }} Kept
 */

/** @type {EngineModule | null} */
let engine = null;
/** @type {Kept[]} the latest analysis (at most one) */
const kept = [];

/**
 * Sends a reply to the page.
 * @param {WorkerReply} msg
 * @param {Transferable[]} [transfer]
 */
const reply = (msg, transfer = []) => self.postMessage(msg, transfer);

class EngineLoadError extends Error {}
class GoneError extends Error {}
class ReadError extends Error {}

/**
 * The bytes of a file the page handed over.
 * @param {Blob} file
 */
async function readFile(file) {
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    throw new ReadError(messageOf(e));
  }
}

/** @returns {Promise<EngineModule>} */
async function loadEngine() {
  if (engine) return engine;
  /** @type {EngineModule} */
  let mod;
  try {
    // The module wasm-bindgen writes (built by scripts/build-wasm.sh; the check does not need it:
    // its types are engine-api.d.ts).
    // @ts-ignore
    mod = await import('./pkg/retention_worklist.js');
    await mod.default();
  } catch (e) {
    throw new EngineLoadError(messageOf(e));
  }
  engine = mod;
  setTimeout(warmUp, 0);
  return engine;
}

/** Warm-up runs left (warmup.js): none once a file is being read. */
let warmupLeft = WARMUP_RUNS;

/** One warm-up run, then the next one after the messages waiting (a file stops them). */
function warmUp() {
  if (!engine || warmupLeft <= 0) return;
  const n = WARMUP_RUNS - warmupLeft--;
  try {
    const w = engine.analyze_worklist(warmupExport(n), { ...WARMUP_OPTIONS, lang: n % 2 ? 'en' : 'es' });
    try {
      w.result();
      w.preview();
    } finally {
      w.free();
    }
  } catch {
    warmupLeft = 0;
    return;
  }
  setTimeout(warmUp, 0);
}

/** @param {unknown} e */
function messageOf(e) {
  if (e == null) return 'Unknown error';
  if (typeof e === 'string') return e;
  if (e instanceof Error || (typeof e === 'object' && 'message' in e && e.message)) return String(e.message);
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}

/** @param {number} id */
const progressTo = (id) => (/** @type {import('./engine-api').Stage} */ stage, /** @type {number} */ fraction) => {
  reply(typeof fraction === 'number' ? { id, type: 'progress', stage, fraction } : { id, type: 'progress', stage });
};

/**
 * A transferable copy of the engine's bytes (never the engine's own memory).
 * @param {Uint8Array} bytes
 * @returns {Uint8Array<ArrayBuffer>}
 */
function ownBytes(bytes) {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return whole && bytes.buffer instanceof ArrayBuffer ? /** @type {Uint8Array<ArrayBuffer>} */ (bytes) : bytes.slice();
}

/**
 * The rows of a view of a kept run: `level` ('all' or a level key), `search` (words), `count`
 * rows (the engine's first page when not a count) from `offset`, as the engine chooses them: the
 * level filter and the search are the engine's.
 * @param {Kept} k
 * @param {ViewQuery & { offset?: number, count?: unknown }} query
 */
function viewRows(k, { level, search, overdue, offset = 0, count }) {
  /** @type {import('./engine-api').PreviewQuery} */
  const query = { offset, search: search ?? '' };
  if (typeof count === 'number' && Number.isInteger(count) && count >= 0) query.count = count;
  if (level && level !== 'all') query.level = level;
  if (overdue === true) query.overdue = true;
  return k.worklist.preview(query);
}

/**
 * Analyses `bytes`; `own`: they were read here, and go back to the page with the result.
 * @param {EngineModule} mod
 * @param {number} id
 * @param {Uint8Array} bytes
 * @param {EngineOptions} options
 * @param {Partial<ResultView>} view
 * @param {boolean} [own]
 */
function analyze(mod, id, bytes, options, view = {}, own = false) {
  const worklist = mod.analyze_worklist(bytes, options, progressTo(id));
  // The page shows this one now: the ones before it are freed. (A run that fails leaves the
  // previous one here, so the results the page keeps can still be downloaded.)
  for (const old of kept.splice(0)) old.worklist.free();
  const k = { run: id, worklist };
  kept.push(k);
  const result = worklist.result(0);
  // The view's first rows (the page asks for more when it shows them).
  const rows = viewRows(k, {
    level: view.level ?? 'all', search: view.search ?? '', overdue: view.overdue === true, offset: 0, count: view.first,
  });
  reply({
    id,
    type: 'result',
    run: id,
    summary: result.summary,
    facts: result.facts,
    preview_rows: result.preview_rows,
    rows: rows.rows,
    indices: rows.indices,
    total: rows.total,
    problems: result.problems,
    notices: result.notices,
    rules_not_evaluated: result.rules_not_evaluated,
    bytes: own ? bytes : undefined,
  }, own ? [bytes.buffer] : []);
}

/** @param {number} run */
function keptRun(run) {
  const k = kept.find((x) => x.run === run);
  if (!k) throw new GoneError('gone');
  return k;
}

/**
 * @param {EngineModule} mod
 * @param {number} id
 * @param {Uint8Array} bytes
 * @param {EngineOptions} options
 */
function build(mod, id, bytes, options) {
  const result = mod.build_worklist(bytes, options, progressTo(id));
  const xlsx = ownBytes(result.xlsx);
  reply({ id, type: 'workbook', xlsx, summary: result.summary }, [xlsx.buffer]);
}

/**
 * The engine's facts about an error, as plain data.
 * @param {unknown} e
 * @returns {WorkerErrorFacts}
 */
function errorFacts(e) {
  /** @type {Record<string, unknown>} */
  const out = {};
  if (e && typeof e === 'object') {
    const facts = /** @type {Record<string, unknown>} */ (e);
    for (const k of ['code', 'option', 'value', 'expected', 'field', 'input']) {
      if (typeof facts[k] === 'string') out[k] = facts[k];
    }
    if (Array.isArray(facts.headers)) out.headers = facts.headers.map(String);
  }
  return out;
}

/**
 * What a failure is, in the worker's codes (see the top of this file), and whether the worker must
 * be replaced: a trapped instance's memory may be inconsistent.
 * @param {unknown} e
 * @returns {{ fatal: boolean, code?: string, message?: string }}
 */
function failureOf(e) {
  if (e instanceof EngineLoadError) return { fatal: true, code: 'engine-load' };
  if (e instanceof GoneError) return { fatal: false, code: 'gone' };
  if (e instanceof ReadError) return { fatal: false, code: 'read' };
  if (typeof WebAssembly === 'undefined' || !(e instanceof WebAssembly.RuntimeError)) return { fatal: false };
  // A panic leaves its message with the panic hook before the trap; an allocation that fails
  // aborts without one.
  const g = /** @type {{ __retentionWorklistPanic?: unknown }} */ (globalThis);
  const panic = g.__retentionWorklistPanic;
  delete g.__retentionWorklistPanic;
  if (typeof panic === 'string') return { fatal: true, code: 'engine-panic', message: panic };
  return { fatal: true, code: 'engine-memory' };
}

/**
 * Answers one request of the page.
 * @param {EngineModule} mod
 * @param {WorkerRequest} q
 */
async function answer(mod, q) {
  const { id } = q;
  if (q.type === 'info') {
    reply({ id, type: 'info', info: mod.engine_info(q.options) });
  } else if (q.type === 'analyze') {
    if (q.bytes) analyze(mod, id, q.bytes, q.options, q.view, q.own === true);
    else if (q.file) analyze(mod, id, await readFile(q.file), q.options, q.view, true);
  } else if (q.type === 'rows') {
    const page = viewRows(keptRun(q.run), q);
    reply({ id, type: 'rows', rows: page.rows, indices: page.indices, total: page.total });
  } else if (q.type === 'workbook') {
    const xlsx = ownBytes(keptRun(q.run).worklist.workbook());
    reply({ id, type: 'workbook', xlsx }, [xlsx.buffer]);
  } else if (q.type === 'email') {
    reply({ id, type: 'email', email: keptRun(q.run).worklist.email(q.index) ?? null });
  } else if (q.type === 'split') {
    const split = keptRun(q.run).worklist.split();
    const zip = ownBytes(split.zip);
    reply({ id, type: 'split', name: split.name, files: split.files, zip }, [zip.buffer]);
  } else {
    build(mod, id, q.bytes, q.options);
  }
}

self.addEventListener('message', async (/** @type {MessageEvent<WorkerRequest>} */ ev) => {
  const q = ev.data;
  if (q.type === 'analyze' || q.type === 'build') warmupLeft = 0;
  try {
    await answer(await loadEngine(), q);
  } catch (e) {
    const { fatal, code, message } = failureOf(e);
    const facts = errorFacts(e);
    reply({ id: q.id, type: 'error', message: message ?? messageOf(e), fatal, ...facts, ...(code ? { code } : {}) });
  }
});

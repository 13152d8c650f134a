// Module worker that runs the WebAssembly engine, so the page stays responsive on large files.
//
// Page → worker:  { id, type: 'analyze', bytes: Uint8Array | file: Blob, own?, options, view }
//                   analyze_worklist: counts first; view = { level, search, first, whole }: the
//                   preview rows to send with them (every row when there are at most `whole`, else
//                   the view's `first`). A file is read here (off the page's thread) and its bytes go
//                   back with the result, for the page to keep; so do `bytes` sent with own: true
//                   (a file the page had to read itself: engine.js says when).
//                 { id, type: 'rows', run, level, search, offset, count }    more preview rows
//                 { id, type: 'workbook', run }                          the run's XLSX (built when asked)
//                 { id, type: 'email', run, index }                      subject, draft, mailto of a row
//                 { id, type: 'split', run }                      one workbook per executive, zipped
//                 { id, type: 'build', bytes: Uint8Array, options }      build_worklist (all at once)
//                 { id, type: 'info', options }                          engine_info(options)
// Worker → page:  { id, type: 'progress', stage: 'reading' | 'classifying' | 'writing', fraction?: 0..1 }
//                 { id, type: 'result', run, summary, preview_rows, complete, rows, indices, total,
//                   problems, notices, rules_not_evaluated, bytes? }   complete: rows are every preview
//                   row (the page filters them itself); else the view's first rows, of `total`;
//                   bytes: the file's, when it came as a file or with own: true (transferred)
//                 { id, type: 'rows', rows, indices, total }   indices: each row's number, for 'email'
//                 { id, type: 'workbook', xlsx: Uint8Array (transferred) }   (also the reply to 'build')
//                 { id, type: 'email', email }  { id, type: 'info', info }
//                 { id, type: 'split', name, files: [{ file, executive, rows }], zip: Uint8Array }
//                 { id, type: 'error', message, fatal, code?, option?, value?, expected?, field?, headers? }
//                   (code 'read': the file could not be read)
// Every failure becomes an 'error' message carrying the engine's facts (code, option, expected…);
// `fatal` means the engine trapped (or never loaded) and this worker should be replaced. With code
// 'engine-load', `message` is the loader's detail and the page words the error.
//
// The worker keeps the latest analysed Worklist (the one whose results the page shows, also
// after a failed re-run) for its rows, workbook and emails; a new one frees it. Only the rows the
// page shows cross to it: tens of thousands of rows would take longer to copy than to classify.

import { fold, matches, searchTerms } from './search.js';
import { WARMUP_OPTIONS, WARMUP_RUNS, warmupExport } from './warmup.js';

let engine = null;
/**
 * @type {{ run: number, worklist: any, folded?: string[], found?: { terms: string, indices: Uint32Array } }[]}
 * the latest analysis (at most one), with its rows' search text once a search asked for it
 */
const kept = [];

class EngineLoadError extends Error {}
class GoneError extends Error {}
class ReadError extends Error {}

/** The bytes of a file the page handed over. */
async function readFile(file) {
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    throw new ReadError(messageOf(e));
  }
}

async function loadEngine() {
  if (engine) return engine;
  let mod;
  try {
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
      w.preview({ count: 200 });
    } finally {
      w.free();
    }
  } catch {
    warmupLeft = 0;
    return;
  }
  setTimeout(warmUp, 0);
}

function messageOf(e) {
  if (e == null) return 'Unknown error';
  if (typeof e === 'string') return e;
  if (e.message) return String(e.message);
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}

const progressTo = (id) => (stage, fraction) => {
  const msg = { id, type: 'progress', stage: String(stage) };
  if (typeof fraction === 'number') msg.fraction = fraction;
  self.postMessage(msg);
};

/** A transferable copy of the engine's bytes (never the engine's own memory). */
function ownBytes(xlsx) {
  let out = xlsx instanceof Uint8Array ? xlsx : new Uint8Array(xlsx);
  if (out.byteOffset !== 0 || out.byteLength !== out.buffer.byteLength ||
      (typeof SharedArrayBuffer !== 'undefined' && out.buffer instanceof SharedArrayBuffer)) {
    out = out.slice();
  }
  return out;
}

/**
 * The rows of a view of a kept run: `level` ('all' or a level key), `search` (words), `count`
 * rows from `offset`. The search runs here, on every row's text (asked of the engine once).
 */
function viewRows(k, { level, search, offset = 0, count }) {
  const query = { offset, count };
  if (level && level !== 'all') query.level = level;
  const terms = searchTerms(search);
  if (terms.length) {
    const key = terms.join(' ');
    if (k.found?.terms !== key) {
      // One string for every row (faster across than one per row), folded at once.
      k.folded ??= fold(k.worklist.search_text()).split('\0');
      const found = [];
      k.folded.forEach((text, i) => { if (matches(text, terms)) found.push(i); });
      k.found = { terms: key, indices: Uint32Array.from(found) };
    }
    query.indices = k.found.indices;
  }
  return k.worklist.preview(query);
}

/** Analyses `bytes`; `own`: they were read here, and go back to the page with the result. */
function analyze(mod, id, bytes, options, view = {}, own = false) {
  const worklist = mod.analyze_worklist(bytes, options, progressTo(id));
  // The page shows this one now: the ones before it are freed. (A run that fails leaves the
  // previous one here, so the results the page keeps can still be downloaded.)
  while (kept.length) kept.shift().worklist.free();
  const k = { run: id, worklist };
  kept.push(k);
  const whole = Number.isInteger(view.whole) && view.whole >= 0 ? view.whole : 1000;
  const first = Number.isInteger(view.first) && view.first >= 0 ? view.first : 200;
  const all = worklist.rows();
  // A preview of at most `whole` rows is sent whole (the page filters and searches it itself); a
  // longer one the view's first rows (the page asks for more when it shows them).
  const complete = all <= whole;
  const result = worklist.result(0);
  const rows = complete ? worklist.preview({ count: all }) : viewRows(k, { ...view, offset: 0, count: first });
  self.postMessage({
    id,
    type: 'result',
    run: id,
    summary: result.summary,
    preview_rows: all,
    complete,
    rows: rows.rows,
    indices: rows.indices,
    total: rows.total,
    problems: result.problems,
    notices: result.notices,
    rules_not_evaluated: result.rules_not_evaluated,
    bytes: own ? bytes : undefined,
  }, own ? [bytes.buffer] : []);
}

function keptRun(run) {
  const k = kept.find((x) => x.run === run);
  if (!k) throw new GoneError('gone');
  return k;
}

function build(mod, id, bytes, options) {
  const result = mod.build_worklist(bytes, options, progressTo(id));
  const xlsx = ownBytes(result.xlsx);
  self.postMessage({ id, type: 'workbook', xlsx, summary: result.summary }, [xlsx.buffer]);
}

/** The engine's facts about an error, as plain data. */
function errorFacts(e) {
  const out = {};
  if (e && typeof e === 'object') {
    for (const k of ['code', 'option', 'value', 'expected', 'field', 'input']) {
      if (typeof e[k] === 'string') out[k] = e[k];
    }
    if (Array.isArray(e.headers)) out.headers = e.headers.map(String);
  }
  return out;
}

self.addEventListener('message', async (ev) => {
  const { id, type = 'build', bytes, file, options, run, index, view } = ev.data || {};
  if (type === 'analyze' || type === 'build') warmupLeft = 0;
  try {
    const mod = await loadEngine();
    if (type === 'info') {
      self.postMessage({ id, type: 'info', info: mod.engine_info(options) });
    } else if (type === 'analyze') {
      if (bytes) analyze(mod, id, bytes, options, view, ev.data.own === true);
      else analyze(mod, id, await readFile(file), options, view, true);
    } else if (type === 'rows') {
      const { level, search, offset, count } = ev.data;
      const page = viewRows(keptRun(run), { level, search, offset, count });
      self.postMessage({ id, type: 'rows', rows: page.rows, indices: page.indices, total: page.total });
    } else if (type === 'workbook') {
      const xlsx = ownBytes(keptRun(run).worklist.workbook());
      self.postMessage({ id, type: 'workbook', xlsx }, [xlsx.buffer]);
    } else if (type === 'email') {
      self.postMessage({ id, type: 'email', email: keptRun(run).worklist.email(index) ?? null });
    } else if (type === 'split') {
      const split = keptRun(run).worklist.split();
      const zip = ownBytes(split.zip);
      self.postMessage({ id, type: 'split', name: split.name, files: split.files, zip }, [zip.buffer]);
    } else {
      build(mod, id, bytes, options);
    }
  } catch (e) {
    const loadFailed = e instanceof EngineLoadError;
    const fatal = loadFailed || (typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError);
    const msg = { id, type: 'error', message: messageOf(e), fatal, ...errorFacts(e) };
    if (loadFailed) msg.code = 'engine-load';
    if (e instanceof GoneError) msg.code = 'gone';
    if (e instanceof ReadError) msg.code = 'read';
    self.postMessage(msg);
  }
});

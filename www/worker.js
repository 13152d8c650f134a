// Module worker that runs the WebAssembly engine, so the page stays responsive on large files.
//
// Page → worker:  { id, type: 'analyze', bytes: Uint8Array, options }   analyze_worklist: counts first
//                 { id, type: 'workbook', run }                          the run's XLSX (built when asked)
//                 { id, type: 'email', run, index }                      subject, draft, mailto of a row
//                 { id, type: 'build', bytes: Uint8Array, options }      build_worklist (all at once)
//                 { id, type: 'info', options }                          engine_info(options)
// Worker → page:  { id, type: 'progress', stage: 'reading' | 'classifying' | 'writing', fraction?: 0..1 }
//                 { id, type: 'result', run, summary, preview (the first 1,000 rows), preview_rows,
//                   problems, notices, rules_not_evaluated }
//                 { id, type: 'preview-rest', run, rows }   the preview's other rows, right after
//                 { id, type: 'workbook', xlsx: Uint8Array (transferred) }   (also the reply to 'build',
//                   with the result's fields)
//                 { id, type: 'email', email }  { id, type: 'info', info }
//                 { id, type: 'error', message, fatal, code?, option?, value?, expected?, field?, headers? }
// Every failure becomes an 'error' message carrying the engine's facts (code, option, expected…);
// `fatal` means the engine trapped (or never loaded) and this worker should be replaced. With code
// 'engine-load', `message` is the loader's detail and the page words the error.
//
// The worker keeps the latest analysed Worklist (the one whose results the page shows, also
// after a failed re-run) for its workbook and emails; a new one frees it.

let engine = null;
/** Preview rows sent with the result; the others follow in a 'preview-rest' message. */
const HEAD_ROWS = 1000;
/** @type {{ run: number, worklist: any }[]} the latest analysis (at most one) */
const kept = [];

class EngineLoadError extends Error {}
class GoneError extends Error {}

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
  return engine;
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

function analyze(mod, id, bytes, options) {
  const worklist = mod.analyze_worklist(bytes, options, progressTo(id));
  const result = worklist.result();
  // The page shows this one now: the ones before it are freed. (A run that fails leaves the
  // previous one here, so the results the page keeps can still be downloaded.)
  while (kept.length) kept.shift().worklist.free();
  kept.push({ run: id, worklist });
  // The first rows go with the counts (the page shows them at once); copying tens of thousands
  // of rows between threads takes a while, so the rest follow in a second message.
  const { preview } = result;
  self.postMessage({
    id,
    type: 'result',
    run: id,
    summary: result.summary,
    preview: preview.length > HEAD_ROWS ? preview.slice(0, HEAD_ROWS) : preview,
    preview_rows: preview.length,
    problems: result.problems,
    notices: result.notices,
    rules_not_evaluated: result.rules_not_evaluated,
  });
  if (preview.length > HEAD_ROWS) self.postMessage({ id, type: 'preview-rest', run: id, rows: preview.slice(HEAD_ROWS) });
}

function keptRun(run) {
  const k = kept.find((x) => x.run === run);
  if (!k) throw new GoneError('gone');
  return k.worklist;
}

function build(mod, id, bytes, options) {
  const result = mod.build_worklist(bytes, options, progressTo(id));
  const xlsx = ownBytes(result.xlsx);
  self.postMessage({
    id,
    type: 'workbook',
    xlsx,
    summary: result.summary,
    preview: result.preview,
    problems: result.problems,
    notices: result.notices,
    rules_not_evaluated: result.rules_not_evaluated,
  }, [xlsx.buffer]);
}

/** The engine's facts about an error, as plain data. */
function errorFacts(e) {
  const out = {};
  if (e && typeof e === 'object') {
    for (const k of ['code', 'option', 'value', 'expected', 'field']) {
      if (typeof e[k] === 'string') out[k] = e[k];
    }
    if (Array.isArray(e.headers)) out.headers = e.headers.map(String);
  }
  return out;
}

self.addEventListener('message', async (ev) => {
  const { id, type = 'build', bytes, options, run, index } = ev.data || {};
  try {
    const mod = await loadEngine();
    if (type === 'info') {
      self.postMessage({ id, type: 'info', info: mod.engine_info(options) });
    } else if (type === 'analyze') {
      analyze(mod, id, bytes, options);
    } else if (type === 'workbook') {
      const xlsx = ownBytes(keptRun(run).workbook());
      self.postMessage({ id, type: 'workbook', xlsx }, [xlsx.buffer]);
    } else if (type === 'email') {
      self.postMessage({ id, type: 'email', email: keptRun(run).email(index) ?? null });
    } else {
      build(mod, id, bytes, options);
    }
  } catch (e) {
    const loadFailed = e instanceof EngineLoadError;
    const fatal = loadFailed || (typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError);
    const msg = { id, type: 'error', message: messageOf(e), fatal, ...errorFacts(e) };
    if (loadFailed) msg.code = 'engine-load';
    if (e instanceof GoneError) msg.code = 'gone';
    self.postMessage(msg);
  }
});

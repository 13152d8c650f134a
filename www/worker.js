// Module worker that runs the WebAssembly engine, so the page stays responsive on large files.
//
// Page → worker:  { id, type: 'build', bytes: Uint8Array, options }
//                 { id, type: 'info', options }
// Worker → page:  { id, type: 'progress', stage: 'reading' | 'classifying' | 'writing', fraction?: 0..1 }
//                 { id, type: 'result', xlsx: Uint8Array (transferred), summary, preview, problems,
//                   notices, rules_not_evaluated }
//                 { id, type: 'info', info }              (engine_info(options))
//                 { id, type: 'error', message: string, fatal: boolean, code?: 'engine-load' }
// Every failure becomes an 'error' message; `fatal` means the engine trapped (or never loaded) and
// this worker should be replaced by a fresh one. With code 'engine-load', `message` is the loader's
// detail and the page words the error (this worker has no words of its own).

let engine = null;

class EngineLoadError extends Error {}

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

function build(mod, id, bytes, options) {
  const result = mod.build_worklist(bytes, options, (stage, fraction) => {
    const msg = { id, type: 'progress', stage: String(stage) };
    if (typeof fraction === 'number') msg.fraction = fraction;
    self.postMessage(msg);
  });
  let xlsx = result.xlsx;
  if (!(xlsx instanceof Uint8Array)) xlsx = new Uint8Array(xlsx);
  // Transfer only a buffer that is exactly this array (never the engine's own memory).
  if (xlsx.byteOffset !== 0 || xlsx.byteLength !== xlsx.buffer.byteLength ||
      (typeof SharedArrayBuffer !== 'undefined' && xlsx.buffer instanceof SharedArrayBuffer)) {
    xlsx = xlsx.slice();
  }
  self.postMessage({
    id,
    type: 'result',
    xlsx,
    summary: result.summary,
    preview: result.preview,
    problems: result.problems,
    notices: result.notices,
    rules_not_evaluated: result.rules_not_evaluated,
  }, [xlsx.buffer]);
}

self.addEventListener('message', async (ev) => {
  const { id, type = 'build', bytes, options } = ev.data || {};
  try {
    const mod = await loadEngine();
    if (type === 'info') {
      self.postMessage({ id, type: 'info', info: mod.engine_info(options) });
    } else {
      build(mod, id, bytes, options);
    }
  } catch (e) {
    const loadFailed = e instanceof EngineLoadError;
    const fatal = loadFailed || (typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError);
    const msg = { id, type: 'error', message: messageOf(e), fatal };
    if (loadFailed) msg.code = 'engine-load';
    self.postMessage(msg);
  }
});

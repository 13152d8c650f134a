// Module worker that runs the WebAssembly engine, so the page stays responsive on large files.
//
// Page → worker:  { id, bytes: Uint8Array, options }
// Worker → page:  { id, type: 'progress', stage: 'reading' | 'classifying' | 'writing', fraction?: 0..1 }
//                 { id, type: 'result', xlsx: Uint8Array (transferred), summary, preview }
//                 { id, type: 'error', message: string, fatal: boolean }
// Every failure becomes an 'error' message; `fatal` means the engine trapped and this worker
// should be replaced by a fresh one.

let engine = null;

async function loadEngine() {
  if (engine) return engine;
  let mod;
  try {
    mod = await import('./pkg/retention_worklist.js');
    await mod.default();
  } catch (e) {
    throw new EngineLoadError(e && e.message ? e.message : String(e));
  }
  engine = mod;
  return engine;
}

class EngineLoadError extends Error {}

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

self.addEventListener('message', async (ev) => {
  const { id, bytes, options } = ev.data || {};
  try {
    const mod = await loadEngine();
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
    self.postMessage(
      { id, type: 'result', xlsx, summary: result.summary, preview: result.preview },
      [xlsx.buffer],
    );
  } catch (e) {
    const fatal = (typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError) ||
      e instanceof EngineLoadError;
    let message = messageOf(e);
    if (e instanceof EngineLoadError) {
      message = options && options.lang === 'en'
        ? `The WebAssembly engine could not be loaded (${message}). Build it with "npm run build" and reload the page.`
        : `No se pudo cargar el motor WebAssembly (${message}). Constrúyelo con "npm run build" y recarga la página.`;
    }
    self.postMessage({ id, type: 'error', message, fatal });
  }
});

//! The WebAssembly shell: the engine for JavaScript (page, worker, Node).
//!
//! ```js
//! import init, { build_worklist, analyze_worklist, engine_info } from './pkg/retention_worklist.js';
//! await init();
//! const { xlsx, summary, preview, problems, notices, rules_not_evaluated } =
//!   build_worklist(bytes, { asOf: '2026-11-26', tz: 'America/Mexico_City' });
//! const w = analyze_worklist(bytes, { asOf: '2026-11-26' });
//! const { total, rows } = w.preview({ level: 'critical', search: 'pérez' });
//! const { version, options, defaults, levels, words } = engine_info({ lang: 'es', highDays: 5 });
//! ```
//!
//! Options are the CLI's, camelCased (the options' table,
//! [`crate::OPTIONS`]); they fill the engine's [`crate::RawOptions`], which
//! the engine resolves (the same validation and defaults as the CLI).
//! Errors are thrown as JavaScript `Error`s carrying the same message as the
//! CLI and its facts (`errors`). One file per concern:
//!
//! - `errors`: engine errors as JavaScript errors; the panic hook;
//! - `options`: a JavaScript options object → the engine's options;
//! - `convert`: values across the boundary, progress, the heap;
//! - `worklist`: `build_worklist`, `analyze_worklist` and the `Worklist` handle;
//! - `info`: `engine_info` and `version`.

mod convert;
mod errors;
mod info;
mod options;
mod worklist;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
fn start() {
    errors::install_panic_hook();
}

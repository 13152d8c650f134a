//! The WebAssembly shell: the engine for JavaScript (page, worker, Node).
//!
//! ```js
//! import init, { build_worklist } from './pkg/retention_worklist.js';
//! await init();
//! const { xlsx, summary, preview } = build_worklist(bytes, { asOf: '2026-11-26', tz: 'America/Mexico_City' });
//! ```
//!
//! Options are the CLI's, camelCased. Errors are thrown as JavaScript
//! `Error`s carrying the same message as the CLI. Nothing here panics on
//! input; should a bug panic anyway, the hook stores a readable message in
//! `globalThis.__retentionWorklistPanic` before the trap, so the caller can
//! show it instead of "unreachable".

use crate::{
    build_worklist_owned, parse_as_of, DateOrder, Error, Field, Lang, Options, ReportZone,
    Thresholds,
};
use js_sys::{Object, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

/// Options as JavaScript passes them (`{ asOf, tz, lang, … }`).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsOptions {
    as_of: Option<String>,
    tz: Option<String>,
    lang: Option<String>,
    file_name: Option<String>,
    product_name: Option<String>,
    high_days: Option<i64>,
    medium_days: Option<i64>,
    usage_percent: Option<f64>,
    date_order: Option<String>,
    columns: Option<BTreeMap<String, String>>,
}

/// The option names `build_worklist` accepts.
const KNOWN_OPTIONS: [&str; 10] = [
    "asOf",
    "tz",
    "lang",
    "fileName",
    "productName",
    "highDays",
    "mediumDays",
    "usagePercent",
    "dateOrder",
    "columns",
];

#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        let msg = format!(
            "Error interno del motor (por favor, repórtalo) / internal engine error (please report it): {info}"
        );
        let _ = Reflect::set(
            &js_sys::global(),
            &JsValue::from_str("__retentionWorklistPanic"),
            &JsValue::from_str(&msg),
        );
    }));
}

fn js_error(e: &Error, lang: Lang) -> JsError {
    JsError::new(&e.message(lang))
}

/// The local zone as the JavaScript runtime knows it, or UTC.
fn runtime_zone() -> ReportZone {
    let fmt = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &Object::new());
    Reflect::get(&fmt.resolved_options(), &JsValue::from_str("timeZone"))
        .ok()
        .and_then(|v| v.as_string())
        .and_then(|s| s.parse().ok())
        .unwrap_or_default()
}

fn options_from(js: JsOptions) -> Result<Options, (Error, Lang)> {
    let lang: Lang = match &js.lang {
        Some(l) => l.parse().map_err(|e| (e, Lang::Es))?,
        None => Lang::Es,
    };
    let with_lang = |e: Error| (e, lang);
    let tz: ReportZone = match &js.tz {
        Some(t) => t.parse().map_err(with_lang)?,
        None => runtime_zone(),
    };
    let as_of = match &js.as_of {
        Some(d) => parse_as_of(d).map_err(with_lang)?,
        None => {
            let millis = js_sys::Date::now() as i64;
            let now = chrono::DateTime::from_timestamp_millis(millis).unwrap_or_default();
            tz.date_of(now)
        }
    };
    let mut o = Options::new(as_of);
    o.tz = tz;
    o.lang = lang;
    if let Some(f) = js.file_name {
        o.file_name = f;
    }
    if let Some(p) = js.product_name {
        o.product_name = p;
    }
    let d = Thresholds::default();
    o.thresholds = Thresholds {
        high_days: js.high_days.unwrap_or(d.high_days),
        medium_days: js.medium_days.unwrap_or(d.medium_days),
        usage_percent: js.usage_percent.unwrap_or(d.usage_percent),
    };
    o.date_order = js
        .date_order
        .as_deref()
        .map(str::parse::<DateOrder>)
        .transpose()
        .map_err(with_lang)?;
    for (field, header) in js.columns.unwrap_or_default() {
        let f: Field = field.parse().map_err(with_lang)?;
        o.columns.push((f, header));
    }
    o.validate().map_err(with_lang)?;
    Ok(o)
}

/// Builds the worklist: `build_worklist(bytes, options?, onProgress?)` →
/// `{ xlsx: Uint8Array, summary, preview }`.
///
/// `onProgress(stage, fraction)` is called with `"reading"`,
/// `"classifying"` and `"writing"`.
#[wasm_bindgen(js_name = build_worklist)]
pub fn build_worklist_js(
    // By value: wasm-bindgen copies the JS bytes into the module's memory
    // either way; owning the copy lets the run free it once it is read.
    bytes: Vec<u8>,
    options: JsValue,
    on_progress: Option<js_sys::Function>,
) -> Result<JsValue, JsError> {
    let js: JsOptions = if options.is_undefined() || options.is_null() {
        JsOptions::default()
    } else {
        // A misspelt option (`asof`) must not be ignored silently.
        if let Some(obj) = options.dyn_ref::<Object>() {
            for key in Object::keys(obj).iter().filter_map(|k| k.as_string()) {
                if !KNOWN_OPTIONS.contains(&key.as_str()) {
                    return Err(JsError::new(&format!(
                        "Opción desconocida / unknown option: «{key}». Opciones válidas / valid options: {}",
                        KNOWN_OPTIONS.join(", ")
                    )));
                }
            }
        }
        serde_wasm_bindgen::from_value(options).map_err(|e| {
            JsError::new(&format!("Opciones no válidas / invalid options: {e}. Se esperaba / expected {{ asOf, tz, lang, fileName, productName, highDays, mediumDays, usagePercent, dateOrder, columns }}"))
        })?
    };
    let o = options_from(js).map_err(|(e, lang)| js_error(&e, lang))?;
    // Grow the wasm heap once, up front, to about what the run will need.
    // Otherwise the allocator grows it 64 KiB at a time, thousands of
    // `memory.grow` calls that each make the JS engine swap the memory's
    // ArrayBuffer (a quarter of the time in the profile). The block is freed
    // at once and the allocator serves the run from it.
    drop(std::hint::black_box(Vec::<u8>::with_capacity(
        bytes.len().saturating_mul(6),
    )));
    let mut progress = |stage: crate::Stage, fraction: f64| {
        if let Some(f) = &on_progress {
            let _ = f.call2(
                &JsValue::NULL,
                &JsValue::from_str(stage.as_str()),
                &JsValue::from_f64(fraction),
            );
        }
    };
    let out = build_worklist_owned(bytes, &o, &mut progress).map_err(|e| js_error(&e, o.lang))?;

    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    let result = Object::new();
    let set = |k: &str, v: &JsValue| Reflect::set(&result, &JsValue::from_str(k), v).map(|_| ());
    let xlsx = Uint8Array::from(out.xlsx.as_slice());
    let summary = out
        .summary
        .serialize(&ser)
        .map_err(|e| JsError::new(&e.to_string()))?;
    let preview = out
        .preview()
        .serialize(&ser)
        .map_err(|e| JsError::new(&e.to_string()))?;
    set("xlsx", &xlsx)
        .and_then(|()| set("summary", &summary))
        .and_then(|()| set("preview", &preview))
        .map_err(|_| JsError::new("cannot build the result object"))?;
    Ok(result.into())
}

/// The engine's version (the crate version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

//! The WebAssembly shell: the engine for JavaScript (page, worker, Node).
//!
//! ```js
//! import init, { build_worklist, engine_info } from './pkg/retention_worklist.js';
//! await init();
//! const { xlsx, summary, preview, problems, notices, rules_not_evaluated } =
//!   build_worklist(bytes, { asOf: '2026-11-26', tz: 'America/Mexico_City' });
//! const { version, defaults, levels, words } = engine_info({ lang: 'es', highDays: 5 });
//! ```
//!
//! Options are the CLI's, camelCased; they fill the engine's [`RawOptions`],
//! which the engine resolves (the same validation and defaults as the CLI).
//! Errors are thrown as JavaScript `Error`s carrying the same message as the
//! CLI, with the option's name in `error.option` when an option is at fault.
//! Nothing here panics on input; should a bug panic anyway, the hook stores a
//! readable message in `globalThis.__retentionWorklistPanic` before the trap,
//! so the caller can show it instead of "unreachable".

use crate::text::{self, shared};
use crate::{
    build_worklist_owned, level_fill, Environment, Error, Lang, Level, Options, RawOptions, Stage,
    DEFAULTS,
};
use js_sys::{Object, Reflect, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;

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

/// A JavaScript `Error` with the engine's message, and `option` naming the
/// option at fault (its JavaScript name), if any.
fn js_error(e: &Error, lang: Lang) -> JsValue {
    let err = js_sys::Error::new(&e.message(lang));
    let option = match e {
        Error::InvalidOption { option, .. } => Some(option.key()),
        Error::MappedColumnMissing { .. } => Some("columns"),
        _ => None,
    };
    if let Some(name) = option {
        let _ = Reflect::set(&err, &"option".into(), &name.into());
    }
    err.into()
}

/// The local zone as the JavaScript runtime knows it.
fn runtime_zone() -> Option<String> {
    let fmt = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &Object::new());
    Reflect::get(&fmt.resolved_options(), &JsValue::from_str("timeZone"))
        .ok()
        .and_then(|v| v.as_string())
}

/// Reads a JavaScript options object and resolves it; the error comes with
/// the language to say it in.
fn options_from(options: JsValue) -> Result<Options, JsValue> {
    let raw: RawOptions = if options.is_undefined() || options.is_null() {
        RawOptions::default()
    } else {
        // A misspelt option (`asof`) must not be ignored silently.
        if let Some(obj) = options.dyn_ref::<Object>() {
            for key in Object::keys(obj).iter().filter_map(|k| k.as_string()) {
                if !RawOptions::KEYS.contains(&key.as_str()) {
                    let lang = Reflect::get(obj, &"lang".into())
                        .ok()
                        .and_then(|l| l.as_string())
                        .and_then(|l| l.parse().ok())
                        .unwrap_or_default();
                    return Err(js_error(&Error::UnknownOption { name: key }, lang));
                }
            }
        }
        serde_wasm_bindgen::from_value(options).map_err(|e| {
            JsValue::from(JsError::new(&format!(
                "Opciones no válidas / invalid options: {e}"
            )))
        })?
    };
    let env = Environment {
        now: chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64)
            .unwrap_or_default(),
        local_zone: runtime_zone(),
    };
    raw.resolve(&env)
        .map_err(|e| js_error(&e, raw.message_lang()))
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&ser)
        .map_err(|e| JsError::new(&e.to_string()).into())
}

/// A rule not evaluated, in words.
#[derive(Serialize)]
struct RuleText {
    level: Level,
    text: &'static str,
}

/// Builds the worklist: `build_worklist(bytes, options?, onProgress?)` →
/// `{ xlsx: Uint8Array, summary, preview, problems, notices, rules_not_evaluated }`.
///
/// `summary` is the CLI's `--json` (facts only); `preview` and `problems`
/// are the worklist's rows and the data problems in words; `notices` and
/// `rules_not_evaluated` the summary's notices and rules in words.
/// `onProgress(stage, fraction)` is called with `"reading"`,
/// `"classifying"` and `"writing"`.
#[wasm_bindgen(js_name = build_worklist)]
pub fn build_worklist_js(
    // By value: wasm-bindgen copies the JS bytes into the module's memory
    // either way; owning the copy lets the run free it once it is read.
    bytes: Vec<u8>,
    options: JsValue,
    on_progress: Option<js_sys::Function>,
) -> Result<JsValue, JsValue> {
    let o = options_from(options)?;
    // Grow the wasm heap once, up front, to about what the run will need.
    // Otherwise the allocator grows it 64 KiB at a time, thousands of
    // `memory.grow` calls that each make the JS engine swap the memory's
    // ArrayBuffer (a quarter of the time in the profile). The block is freed
    // at once and the allocator serves the run from it.
    drop(std::hint::black_box(Vec::<u8>::with_capacity(
        bytes.len().saturating_mul(6),
    )));
    let mut progress = |stage: Stage, fraction: f64| {
        if let Some(f) = &on_progress {
            let _ = f.call2(
                &JsValue::NULL,
                &JsValue::from_str(stage.as_str()),
                &JsValue::from_f64(fraction),
            );
        }
    };
    let lang = o.lang;
    let out = build_worklist_owned(bytes, &o, &mut progress).map_err(|e| js_error(&e, lang))?;
    let s = &out.summary;
    let notices: Vec<&str> = s
        .notices
        .iter()
        .map(|n| text::messages::notice(*n, lang))
        .collect();
    let rules: Vec<RuleText> = s
        .rules_not_evaluated
        .iter()
        .map(|r| RuleText {
            level: r.level,
            text: text::messages::rule_not_evaluated(r, lang),
        })
        .collect();
    let result = Object::new();
    let set = |k: &str, v: &JsValue| {
        Reflect::set(&result, &JsValue::from_str(k), v)
            .map(drop)
            .map_err(|_| JsValue::from(JsError::new("cannot build the result object")))
    };
    set("xlsx", &Uint8Array::from(out.xlsx.as_slice()).into())?;
    set("summary", &to_js(s)?)?;
    set("preview", &to_js(&out.preview(lang))?)?;
    set("problems", &to_js(&out.problem_rows(lang))?)?;
    set("notices", &to_js(&notices)?)?;
    set("rules_not_evaluated", &to_js(&rules)?)?;
    Ok(result.into())
}

/// A level as the page shows it.
#[derive(Serialize)]
struct LevelInfo {
    key: &'static str,
    emoji: &'static str,
    word: &'static str,
    label: String,
    /// `#RRGGBB`: the workbook's fill.
    fill: String,
    trigger: String,
}

/// The defaults, as JavaScript options.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DefaultsInfo {
    lang: &'static str,
    high_days: i64,
    medium_days: i64,
    usage_percent: f64,
    product_name: &'static str,
}

/// What the page needs to know about the engine, in the options' language:
/// `engine_info(options?)` → `{ version, defaults, levels, words }`.
///
/// `levels[]` carries each level's key, emoji, word, label, fill colour (the
/// workbook's) and short trigger following the options' thresholds; `words`
/// the labels the page shares with the workbook. Invalid options throw, as in
/// `build_worklist`.
#[wasm_bindgen]
pub fn engine_info(options: JsValue) -> Result<JsValue, JsValue> {
    let o = options_from(options)?;
    let lang = o.lang;
    let levels: Vec<LevelInfo> = Level::ALL
        .iter()
        .map(|&l| LevelInfo {
            key: l.key(),
            emoji: l.emoji(),
            word: text::level_word(l, lang),
            label: text::level_label(l, lang),
            fill: format!("#{:06X}", level_fill(l)),
            trigger: text::level_trigger(l, &o.thresholds, lang),
        })
        .collect();
    let d = DEFAULTS;
    let defaults = DefaultsInfo {
        lang: d.lang.code(),
        high_days: d.thresholds.high_days,
        medium_days: d.thresholds.medium_days,
        usage_percent: d.thresholds.usage_percent,
        product_name: d.product_name,
    };
    let result = Object::new();
    let set = |k: &str, v: &JsValue| {
        Reflect::set(&result, &JsValue::from_str(k), v)
            .map(drop)
            .map_err(|_| JsValue::from(JsError::new("cannot build the result object")))
    };
    set("version", &version().into())?;
    set("defaults", &to_js(&defaults)?)?;
    set("levels", &to_js(&levels)?)?;
    set("words", &to_js(shared::words(lang))?)?;
    Ok(result.into())
}

/// The engine's version (the crate version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

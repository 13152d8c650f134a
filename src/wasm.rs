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

use crate::report::{preview_rows, problem_rows, PreviewRow};
use crate::text::{self, shared};
use crate::{
    analyze_with_previous, build_worklist_with_previous, colours, level_fill, render,
    split_by_executive, split_zip_name, zip_split_files, Analysis, Environment, Error, Field, Lang,
    Level, Options, RawOptions, Stage, Summary, WorkItem, DEFAULTS, MAX_PREVIOUS_BYTES,
    SNOOZED_FILL, VERSION_LINE,
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

/// A JavaScript `Error` with the engine's message and its facts: `code`
/// (`no_identity_column`…), `option` (the JavaScript name of the option at
/// fault) with its `value` and what was `expected` (words), `field` (a
/// mapping whose header is missing), `headers` (the file's header cells, for
/// the errors about columns: the page offers to map them).
fn js_error(e: &Error, lang: Lang) -> JsValue {
    let err = js_sys::Error::new(&e.message(lang));
    let option = match e {
        Error::InvalidOption { option, .. } => Some(option.key()),
        Error::MappedColumnMissing { .. } => Some("columns"),
        _ => None,
    };
    let set = |k: &str, v: JsValue| {
        let _ = Reflect::set(&err, &k.into(), &v);
    };
    set("code", e.code().into());
    set("input", e.input().into());
    if let Some(name) = option {
        set("option", name.into());
    }
    if let Error::InvalidOption { option, value } = e {
        set("value", value.as_str().into());
        let expected = text::messages::option_expected(*option, lang);
        set("expected", expected.into());
    }
    if let Error::MappedColumnMissing { field, .. } = e {
        set("field", field.name().into());
    }
    if let Some(headers) = e.headers() {
        let list: js_sys::Array = headers.iter().map(|h| JsValue::from_str(h)).collect();
        set("headers", list.into());
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

/// The previous worklist given as `options.previous` (a `Uint8Array` or an
/// `ArrayBuffer`), and the options without it.
fn take_previous(options: JsValue) -> Result<(JsValue, Option<Vec<u8>>), JsValue> {
    let Some(obj) = options.dyn_ref::<Object>() else {
        return Ok((options, None));
    };
    let key = JsValue::from_str("previous");
    let value = Reflect::get(obj, &key).unwrap_or(JsValue::UNDEFINED);
    if value.is_undefined() || value.is_null() {
        return Ok((options, None));
    }
    if !(value.is_instance_of::<Uint8Array>() || value.is_instance_of::<js_sys::ArrayBuffer>()) {
        let msg = "previous: se esperaba un Uint8Array / expected a Uint8Array";
        return Err(JsError::new(msg).into());
    }
    let bytes = Uint8Array::new(&value).to_vec();
    let rest = Object::assign(&Object::new(), obj);
    let _ = Reflect::delete_property(&rest, &key);
    Ok((rest.into(), Some(bytes)))
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
    let (options, previous) = take_previous(options)?;
    let o = options_from(options)?;
    reserve_heap(bytes.len(), 6);
    let mut progress = progress_to(on_progress);
    let lang = o.lang;
    let out = build_worklist_with_previous(bytes, previous.as_deref(), &o, &mut progress)
        .map_err(|e| js_error(&e, lang))?;
    let result = result_object(&out.items, &out.summary, lang)?;
    set_key(
        &result,
        "xlsx",
        &Uint8Array::from(out.xlsx.as_slice()).into(),
    )?;
    Ok(result.into())
}

fn set_key(obj: &Object, k: &str, v: &JsValue) -> Result<(), JsValue> {
    Reflect::set(obj, &JsValue::from_str(k), v)
        .map(drop)
        .map_err(|_| JsValue::from(JsError::new("cannot build the result object")))
}

/// `{ summary, preview, problems, notices, rules_not_evaluated }`: the facts,
/// and the rows and messages in words.
fn result_object(items: &[WorkItem], s: &Summary, lang: Lang) -> Result<Object, JsValue> {
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
    let preview = preview_rows(items, lang);
    let problems = problem_rows(&s.problem_list, lang);
    let result = Object::new();
    set_key(&result, "summary", &to_js(s)?)?;
    set_key(&result, "preview", &to_js(&preview)?)?;
    set_key(&result, "problems", &to_js(&problems)?)?;
    set_key(&result, "notices", &to_js(&notices)?)?;
    set_key(&result, "rules_not_evaluated", &to_js(&rules)?)?;
    Ok(result)
}

/// A classified export kept in the engine, so the page can show the counts
/// and the first rows first, fetch the other rows when it shows them, and
/// build the workbook when it is asked for:
/// `const w = analyze_worklist(bytes, options, onProgress)`, then
/// `w.result(first?)`, `w.preview(query)`, `w.workbook()` (the same bytes as
/// `build_worklist`), `w.email(i)`, and `w.free()` when done.
#[wasm_bindgen]
pub struct Worklist {
    analysis: Analysis,
    options: Options,
}

/// Preview rows `result()` and `preview()` give when not told how many.
const PAGE_ROWS: usize = 200;

/// Reads a whole number (an offset, a count) from a query object.
fn count_in(query: &JsValue, key: &str, default: usize) -> Result<usize, JsValue> {
    let v = Reflect::get(query, &key.into()).unwrap_or(JsValue::UNDEFINED);
    if v.is_undefined() || v.is_null() {
        return Ok(default);
    }
    match v.as_f64() {
        Some(n) if n >= 0.0 && n.fract() == 0.0 => Ok(n.min(usize::MAX as f64) as usize),
        _ => Err(JsError::new(&format!("preview: {key} must be a whole number ≥ 0")).into()),
    }
}

#[wasm_bindgen]
impl Worklist {
    /// `{ summary, preview, preview_rows, problems, notices,
    /// rules_not_evaluated }`, as `build_worklist` returns them except that
    /// `preview` holds only the first `first` rows (200 when not given) and
    /// `preview_rows` says how many there are: `preview()` gives the others.
    pub fn result(&self, first: Option<u32>) -> Result<JsValue, JsValue> {
        let a = &self.analysis;
        let first = first.map_or(PAGE_ROWS, |n| n as usize).min(a.items.len());
        let result = result_object(&a.items[..first], &a.summary, self.options.lang)?;
        set_key(
            &result,
            "preview_rows",
            &JsValue::from_f64(a.items.len() as f64),
        )?;
        Ok(result.into())
    }

    /// Preview rows on demand: `preview({ level?, indices?, offset?, count? })`
    /// → `{ total, indices, rows }`.
    ///
    /// The rows to choose from are every row, or only `indices` (row numbers,
    /// in the order given: a search's matches); `level` (`critical`, `high`,
    /// `medium`, `info`) keeps that level's. `total` is how many match; `rows`
    /// are the `count` (200 when not given) from `offset` (0) on, as
    /// `result().preview`'s, and `indices` (a `Uint32Array`) their row
    /// numbers, for `email(i)`.
    pub fn preview(&self, query: JsValue) -> Result<JsValue, JsValue> {
        let items = &self.analysis.items;
        let (mut level, mut only, mut offset, mut count) = (None, None, 0, PAGE_ROWS);
        if !query.is_undefined() && !query.is_null() {
            let l = Reflect::get(&query, &"level".into()).unwrap_or(JsValue::UNDEFINED);
            if let Some(key) = l.as_string() {
                let found = Level::ALL.into_iter().find(|l| l.key() == key);
                level = Some(found.ok_or_else(|| {
                    JsValue::from(JsError::new(&format!("preview: unknown level {key:?}")))
                })?);
            }
            let i = Reflect::get(&query, &"indices".into()).unwrap_or(JsValue::UNDEFINED);
            if !i.is_undefined() && !i.is_null() {
                only = Some(js_sys::Uint32Array::new(&i).to_vec());
            }
            offset = count_in(&query, "offset", 0)?;
            count = count_in(&query, "count", PAGE_ROWS)?;
        }
        let fits = |&i: &usize| {
            items
                .get(i)
                .is_some_and(|w| level.is_none_or(|l| w.level == l))
        };
        let matching: Vec<usize> = match only {
            Some(list) => list.into_iter().map(|i| i as usize).filter(fits).collect(),
            None if level.is_none() => (0..items.len()).collect(),
            None => (0..items.len()).filter(fits).collect(),
        };
        let end = offset.saturating_add(count).min(matching.len());
        let window = matching.get(offset..end).unwrap_or_default();
        let lang = self.options.lang;
        let rows: Vec<PreviewRow> = window
            .iter()
            .map(|&i| PreviewRow::new(&items[i], lang))
            .collect();
        let indices: Vec<u32> = window.iter().map(|&i| i as u32).collect();
        let result = Object::new();
        set_key(&result, "total", &JsValue::from_f64(matching.len() as f64))?;
        set_key(
            &result,
            "indices",
            &js_sys::Uint32Array::from(indices.as_slice()).into(),
        )?;
        set_key(&result, "rows", &to_js(&rows)?)?;
        Ok(result.into())
    }

    /// The text a search of the preview looks in, every row's at once: per
    /// row its id, tenant, owner, email, phone, executive, plan, reason,
    /// action, other signals and level label joined by `"\u{1}"`, the rows
    /// joined by `"\u{0}"` (a NUL in a value becomes a space), for
    /// `split("\0")`: one string crosses into JavaScript faster than many.
    pub fn search_text(&self) -> String {
        let lang = self.options.lang;
        let mut out = String::new();
        for (n, w) in self.analysis.items.iter().enumerate() {
            if n > 0 {
                out.push('\0');
            }
            let c = &w.contact;
            let label = text::level_label(w.level, lang);
            let fields = [
                &c.id,
                &c.name,
                &c.owner,
                &c.email,
                &c.phone,
                &c.executive,
                &c.plan,
                &w.reason,
                &w.action,
                &w.other_signals,
                &label,
            ];
            for (k, f) in fields.into_iter().enumerate() {
                if k > 0 {
                    out.push('\u{1}');
                }
                if f.contains('\0') {
                    out.push_str(&f.replace('\0', " "));
                } else {
                    out.push_str(f);
                }
            }
        }
        out
    }

    /// The workbook: byte-identical to `build_worklist`'s for the same input
    /// and options.
    pub fn workbook(&self) -> Result<Uint8Array, JsValue> {
        let xlsx =
            render(&self.analysis, &self.options).map_err(|e| js_error(&e, self.options.lang))?;
        Ok(Uint8Array::from(xlsx.as_slice()))
    }

    /// The email of preview row `index`: `{ subject, draft, mailto }`
    /// (`mailto` with the draft, as the workbook's link; `null` when the
    /// address gets no link), or `undefined` past the end.
    pub fn email(&self, index: usize) -> Result<JsValue, JsValue> {
        let Some(w) = self.analysis.items.get(index) else {
            return Ok(JsValue::UNDEFINED);
        };
        let result = Object::new();
        set_key(&result, "subject", &w.subject.as_str().into())?;
        set_key(&result, "draft", &w.draft.as_str().into())?;
        let mailto = w.mailto(true).map_or(JsValue::NULL, |m| m.into());
        set_key(&result, "mailto", &mailto)?;
        Ok(result.into())
    }

    /// How many worklist rows.
    pub fn rows(&self) -> usize {
        self.analysis.items.len()
    }

    /// One workbook per account executive, zipped: `{ name, zip, files }`
    /// with `files` as `[{ file, executive, rows }]`; the zip holds exactly
    /// the files `--split-by-executive` writes, byte for byte.
    pub fn split(&self) -> Result<JsValue, JsValue> {
        let (a, o) = (&self.analysis, &self.options);
        let fail = |e: Error| js_error(&e, o.lang);
        let files = split_by_executive(a, o).map_err(fail)?;
        let zip = zip_split_files(&files, o).map_err(fail)?;
        let listing: Vec<_> = files.iter().map(|f| f.listing()).collect();
        let result = Object::new();
        set_key(&result, "name", &split_zip_name(o).into())?;
        set_key(&result, "zip", &Uint8Array::from(zip.as_slice()).into())?;
        set_key(&result, "files", &to_js(&listing)?)?;
        Ok(result.into())
    }
}

/// Reads, classifies and plans without building the workbook:
/// `analyze_worklist(bytes, options?, onProgress?)` → a [`Worklist`].
/// `onProgress(stage, fraction)` gets `"reading"` and `"classifying"`.
#[wasm_bindgen]
pub fn analyze_worklist(
    bytes: Vec<u8>,
    options: JsValue,
    on_progress: Option<js_sys::Function>,
) -> Result<Worklist, JsValue> {
    let (options, previous) = take_previous(options)?;
    let o = options_from(options)?;
    reserve_heap(bytes.len(), 3);
    let mut progress = progress_to(on_progress);
    let analysis = analyze_with_previous(&bytes, previous.as_deref(), &o, &mut progress)
        .map_err(|e| js_error(&e, o.lang))?;
    Ok(Worklist {
        analysis,
        options: o,
    })
}

/// Grows the wasm heap once, up front, to about what a run on `input` bytes
/// will need (`times` the input: 6 with the workbook, 3 without). Otherwise
/// the allocator grows it 64 KiB at a time, thousands of `memory.grow` calls
/// that each make the JS engine swap the memory's ArrayBuffer (a quarter of
/// the time in the profile). The block is freed at once and the allocator
/// serves the run from it.
fn reserve_heap(input: usize, times: usize) {
    drop(std::hint::black_box(Vec::<u8>::with_capacity(
        input.saturating_mul(times),
    )));
}

/// A progress callback that calls the JavaScript one, if any.
fn progress_to(on_progress: Option<js_sys::Function>) -> impl FnMut(Stage, f64) {
    move |stage: Stage, fraction: f64| {
        if let Some(f) = &on_progress {
            let _ = f.call2(
                &JsValue::NULL,
                &JsValue::from_str(stage.as_str()),
                &JsValue::from_f64(fraction),
            );
        }
    }
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
    /// `#RRGGBB`: the text on that fill (the workbook's; at least 4.5:1 on it).
    text: String,
    trigger: String,
}

/// A field as the page's column mapping shows it.
#[derive(Serialize)]
struct FieldInfo {
    key: &'static str,
    label: &'static str,
    /// Every header accepted for it (normalised: lower case, `_`).
    aliases: &'static [&'static str],
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
/// `levels[]` carries each level's key, emoji, word, label, fill and text
/// colours (the workbook's) and short trigger following the options' thresholds; `words`
/// the labels the page shares with the workbook; `fields[]` each field's
/// key, label and accepted headers (for column mapping); `format` how the
/// language writes dates and numbers. Invalid options throw, as in
/// `build_worklist`. (`{ version, defaults, levels, words, fields, format }`)
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
            text: format!("#{:06X}", colours::level_text(l)),
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
    let set = |k: &str, v: &JsValue| set_key(&result, k, v);
    set("version", &version().into())?;
    set("snoozedFill", &format!("#{SNOOZED_FILL:06X}").into())?;
    set(
        "snoozedText",
        &format!("#{:06X}", colours::SNOOZED_TEXT).into(),
    )?;
    set(
        "previousMaxBytes",
        &JsValue::from_f64(MAX_PREVIOUS_BYTES as f64),
    )?;
    set("changeWords", &to_js(text::tracking::change_words(lang))?)?;
    set("defaults", &to_js(&defaults)?)?;
    set("levels", &to_js(&levels)?)?;
    set("words", &to_js(shared::words(lang))?)?;
    let fields: Vec<FieldInfo> = Field::ALL
        .iter()
        .map(|&f| FieldInfo {
            key: f.name(),
            label: text::messages::field_label(f, lang),
            aliases: f.names(),
        })
        .collect();
    set("fields", &to_js(&fields)?)?;
    set("format", &to_js(&text::conventions(lang))?)?;
    Ok(result.into())
}

/// The engine's version, the same string as `retention-worklist --version`
/// and the workbook's Resumen (`retention-worklist 0.1.0`).
#[wasm_bindgen]
pub fn version() -> String {
    VERSION_LINE.to_string()
}

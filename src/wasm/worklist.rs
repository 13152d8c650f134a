//! The runs: `build_worklist` (all at once) and `analyze_worklist` (a
//! [`Worklist`] kept in the engine: counts first, rows on demand, the
//! workbook when asked for).

use super::convert::{count_in, progress_to, reserve_heap, set_key, to_js};
use super::errors::{js_error, usage_error};
use super::options::{copy_previous, options_from, take_previous};
use crate::preview::{preview_rows, problem_rows, Preview, PreviewRow, View, PAGING};
use crate::text;
use crate::{
    render, split_by_executive, split_zip_name, zip_split_files, Analysis, Error, Lang, Level,
    Options, Run, Summary, WorkItem,
};
use js_sys::{Object, Reflect, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A rule not evaluated, in words.
#[derive(Serialize)]
struct RuleText {
    level: Level,
    text: &'static str,
}

/// Builds the worklist: `build_worklist(bytes, options?, onProgress?)` →
/// `{ xlsx: Uint8Array, summary, facts, preview, problems, notices, rules_not_evaluated }`.
///
/// `summary` is the CLI's `--json` (facts only); `preview` and `problems`
/// are the worklist's rows and the data problems in words; `notices` and
/// `rules_not_evaluated` the summary's notices and rules in words.
/// `onProgress(stage, fraction)` is called with `"previous"` (when a
/// previous worklist is given), `"reading"`, `"classifying"` and `"writing"`.
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
    let previous = copy_previous(previous, &mut progress);
    let out = Run::new(bytes, &o)
        .previous(previous.as_deref())
        .progress(&mut progress)
        .build()
        .map_err(|e| js_error(&e, o.lang))?;
    let result = result_object(&out.items, &out.summary, o.lang)?;
    set_key(
        &result,
        "xlsx",
        &Uint8Array::from(out.xlsx.as_slice()).into(),
    )?;
    Ok(result.into())
}

/// `{ summary, facts, preview, problems, notices, rules_not_evaluated }`: the
/// facts, and in words the facts (`facts`: delimiter and date order as the
/// Resumen writes them), the rows and the messages.
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
    let result = Object::new();
    set_key(&result, "summary", &to_js(s)?)?;
    set_key(
        &result,
        "facts",
        &to_js(&text::workbook::fact_words(s, lang))?,
    )?;
    set_key(&result, "preview", &to_js(&preview_rows(items, lang))?)?;
    set_key(
        &result,
        "problems",
        &to_js(&problem_rows(&s.problem_list, lang))?,
    )?;
    set_key(&result, "notices", &to_js(&notices)?)?;
    set_key(&result, "rules_not_evaluated", &to_js(&rules)?)?;
    Ok(result)
}

/// A classified export kept in the engine, so the page can show the counts
/// and the first rows first, fetch the other rows when it shows them, and
/// build the workbook when it is asked for:
/// `const w = analyze_worklist(bytes, options, onProgress)`, then
/// `w.result(first?)`, `w.preview(query)`, `w.workbook()` (the same bytes as
/// `build_worklist`), `w.email(i)`, `w.split()`, and `w.free()` when done.
#[wasm_bindgen]
pub struct Worklist {
    analysis: Analysis,
    options: Options,
    preview: Preview,
}

#[wasm_bindgen]
impl Worklist {
    /// `{ summary, preview, preview_rows, problems, notices,
    /// rules_not_evaluated }`, as `build_worklist` returns them except that
    /// `preview` holds only the first `first` rows (`engine_info().preview.first`
    /// when not given) and `preview_rows` says how many there are:
    /// `preview()` gives the others.
    pub fn result(&self, first: Option<u32>) -> Result<JsValue, JsValue> {
        let a = &self.analysis;
        let first = first
            .map_or(PAGING.first, |n| n as usize)
            .min(a.items.len());
        let result = result_object(&a.items[..first], &a.summary, self.options.lang)?;
        set_key(
            &result,
            "preview_rows",
            &JsValue::from_f64(a.items.len() as f64),
        )?;
        Ok(result.into())
    }

    /// The preview's rows, chosen by the engine: `preview({ level?, search?,
    /// overdue?, offset?, count? })` → `{ total, indices, rows }`.
    ///
    /// `level` (`critical`, `high`, `medium`, `info`) keeps that level's
    /// rows; `search` keeps the rows whose texts hold every word typed (case
    /// and accents aside); `overdue: true` only the overdue rows (VENCIDO). `total` is how many match; `rows` are the `count`
    /// (`engine_info().preview.first` when not given) from `offset` (0) on,
    /// as `result().preview`'s, and `indices` (a `Uint32Array`) their row
    /// numbers, for `email(i)`.
    pub fn preview(&mut self, query: JsValue) -> Result<JsValue, JsValue> {
        let (mut level, mut search, mut offset, mut count) = (None, String::new(), 0, PAGING.first);
        let mut overdue = false;
        if !query.is_undefined() && !query.is_null() {
            let l = Reflect::get(&query, &"level".into()).unwrap_or(JsValue::UNDEFINED);
            if let Some(key) = l.as_string() {
                let found = Level::ALL.into_iter().find(|l| l.key() == key);
                level = Some(
                    found.ok_or_else(|| usage_error(&format!("preview: unknown level {key:?}")))?,
                );
            }
            let s = Reflect::get(&query, &"search".into()).unwrap_or(JsValue::UNDEFINED);
            search = s.as_string().unwrap_or_default();
            let o = Reflect::get(&query, &"overdue".into()).unwrap_or(JsValue::UNDEFINED);
            overdue = o.as_bool().unwrap_or(false);
            offset = count_in(&query, "offset", 0)?;
            count = count_in(&query, "count", PAGING.first)?;
        }
        let items = &self.analysis.items;
        let view = View {
            level,
            search: &search,
            overdue,
        };
        let matching = self.preview.select_view(items, view);
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
/// `onProgress(stage, fraction)` gets `"previous"` (when a previous worklist
/// is given), `"reading"` and `"classifying"`.
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
    let previous = copy_previous(previous, &mut progress);
    let analysis = Run::new(bytes, &o)
        .previous(previous.as_deref())
        .progress(&mut progress)
        .analyze()
        .map_err(|e| js_error(&e, o.lang))?;
    Ok(Worklist {
        analysis,
        preview: Preview::new(o.lang, fold),
        options: o,
    })
}

/// The preview search's fold with JavaScript's Unicode tables:
/// `s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()`.
fn fold(s: &str) -> String {
    thread_local! {
        static MARKS: js_sys::RegExp = js_sys::RegExp::new("\\p{M}", "gu");
    }
    let decomposed = js_sys::JsString::from(s).normalize("NFD");
    MARKS
        .with(|marks| decomposed.replace_by_pattern(marks, ""))
        .to_lower_case()
        .into()
}

//! What the page needs to know about the engine: `engine_info()` and
//! `version()`.

use super::convert::{set_key, to_js};
use super::options::options_from;
use crate::preview::PAGING;
use crate::text::{self, shared};
use crate::{
    colours, level_fill, Field, Lang, Level, OptionDef, OptionDefault, OptionKind, OptionPlace,
    MAX_PREVIOUS_BYTES, OPTIONS, SNOOZED_FILL, VERSION_LINE,
};
use js_sys::Object;
use serde::Serialize;
use wasm_bindgen::prelude::*;

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
    /// `#RRGGBB`: the level's line on the history chart (the workbook's).
    line: String,
    trigger: String,
}

/// A column of `summary.history` with the `Historial` sheet's header.
#[derive(Serialize)]
struct HistoryColumnInfo {
    key: &'static str,
    label: String,
}

/// The history's words: the sheet's name, its chart's title, its columns.
#[derive(Serialize)]
struct HistoryInfo {
    title: &'static str,
    chart: &'static str,
    columns: Vec<HistoryColumnInfo>,
}

/// A field as the page's column mapping shows it.
#[derive(Serialize)]
struct FieldInfo {
    key: &'static str,
    label: &'static str,
    /// Every header accepted for it (normalised: lower case, `_`).
    aliases: &'static [&'static str],
}

/// An option's fixed default, as a JavaScript value.
#[derive(Serialize)]
#[serde(untagged)]
enum DefaultValue {
    Number(f64),
    Text(&'static str),
}

fn default_value(d: &OptionDef) -> Option<DefaultValue> {
    match d.default {
        OptionDefault::Integer(n) => Some(DefaultValue::Number(n as f64)),
        OptionDefault::Number(n) => Some(DefaultValue::Number(n)),
        OptionDefault::Text(t) => Some(DefaultValue::Text(t)),
        OptionDefault::FromRun => None,
    }
}

/// One of an option's choices.
#[derive(Serialize)]
struct ChoiceInfo {
    value: &'static str,
    label: &'static str,
}

/// An option as the page's settings offer it: the table's row, in words.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OptionInfo {
    key: &'static str,
    /// The command line's flag (`high-days`), `null` when the CLI has none.
    flag: Option<&'static str>,
    /// `date`, `zone`, `choice`, `integer`, `number`, `name`, `text`, `columns`.
    kind: &'static str,
    /// Integers: the smallest and largest allowed; numbers: every value is
    /// strictly between `min` and `max`.
    min: Option<f64>,
    max: Option<f64>,
    /// Names: the most characters.
    max_chars: Option<usize>,
    /// Choices, with `""` first when the run decides by default.
    choices: Vec<ChoiceInfo>,
    /// The fixed default, `null` when the run decides (today, the zone…).
    default: Option<DefaultValue>,
    /// Whether the settings form shows it.
    settings: bool,
    label: String,
    help: &'static str,
    expected: &'static str,
}

fn option_info(d: &OptionDef, lang: Lang) -> OptionInfo {
    let (kind, min, max, max_chars) = match d.kind {
        OptionKind::Date => ("date", None, None, None),
        OptionKind::Zone => ("zone", None, None, None),
        OptionKind::Choice(_) => ("choice", None, None, None),
        OptionKind::Integer { min, max } => ("integer", Some(min as f64), Some(max as f64), None),
        OptionKind::Number { above, below } => ("number", Some(above), Some(below), None),
        OptionKind::Name { max_chars } => ("name", None, None, Some(max_chars)),
        OptionKind::Text => ("text", None, None, None),
        OptionKind::Columns => ("columns", None, None, None),
    };
    let mut choices = Vec::new();
    if let OptionKind::Choice(words) = d.kind {
        let unset = (d.default == OptionDefault::FromRun).then_some("");
        for value in unset.into_iter().chain(words.iter().copied()) {
            let label = text::options::choice(d.name, value, lang);
            choices.push(ChoiceInfo { value, label });
        }
    }
    OptionInfo {
        key: d.key,
        flag: d.flag,
        kind,
        min,
        max,
        max_chars,
        choices,
        default: default_value(d),
        settings: d.place == OptionPlace::Settings,
        label: text::options::label(d.name, lang),
        help: text::options::help(d.name, lang),
        expected: text::options::expected(d.name, lang),
    }
}

/// What the page needs to know about the engine, in the options' language:
/// `engine_info(options?)` →
/// `{ version, defaults, options, preview, levels, words, fields, format, history, … }`.
///
/// `options[]` is the options' table (key, kind, bounds, choices, default,
/// whether the settings form shows it, label, help, expected) and
/// `defaults` its fixed defaults by key; `preview` the preview's paging
/// (`{ first, view, more }` rows); `levels[]` each level's key, emoji, word,
/// label, fill, text and chart line colours (the workbook's) and short
/// trigger following the options' thresholds; `words` the labels the page
/// shares with the workbook; `fields[]` each field's key, label and accepted
/// headers (for column mapping); `format` how the language writes dates and
/// numbers; `history` the history sheet's name, its chart's title and the
/// headers of `summary.history`'s columns (`{ key, label }`).
/// Invalid options throw, as in `build_worklist`.
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
            line: format!("#{:06X}", colours::level_line(l)),
            trigger: text::level_trigger(l, &o.thresholds, lang),
        })
        .collect();
    let defaults = Object::new();
    for d in OPTIONS {
        if let Some(v) = default_value(d) {
            set_key(&defaults, d.key, &to_js(&v)?)?;
        }
    }
    let options: Vec<OptionInfo> = OPTIONS.iter().map(|d| option_info(d, lang)).collect();
    let fields: Vec<FieldInfo> = Field::ALL
        .iter()
        .map(|&f| FieldInfo {
            key: f.name(),
            label: text::messages::field_label(f, lang),
            aliases: f.names(),
        })
        .collect();
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
    set("defaults", &defaults)?;
    set("options", &to_js(&options)?)?;
    set("preview", &to_js(&PAGING)?)?;
    set("levels", &to_js(&levels)?)?;
    set("words", &to_js(shared::words(lang))?)?;
    set("fields", &to_js(&fields)?)?;
    set("format", &to_js(&text::conventions(lang))?)?;
    let history = HistoryInfo {
        title: text::history::sheet_names(lang).0,
        chart: text::history::chart_title(lang),
        columns: text::history::json_columns(lang)
            .into_iter()
            .map(|(key, label)| HistoryColumnInfo { key, label })
            .collect(),
    };
    set("history", &to_js(&history)?)?;
    Ok(result.into())
}

/// The engine's version, the same string as `retention-worklist --version`
/// and the workbook's Resumen (`retention-worklist 0.1.0`).
#[wasm_bindgen]
pub fn version() -> String {
    VERSION_LINE.to_string()
}

//! Every word a person reads, in Spanish and English, split by audience.
//!
//! The core passes facts (levels, codes, numbers); this module turns them
//! into words in the language asked for. It is the only place that matches on
//! [`Lang`]'s variants (besides the option parser, which reads `--lang`).
//!
//! - [`shared`]: the labels the workbook and the page both show (level names,
//!   "Fecha de corte", "Sin riesgo", column headers); the WebAssembly API
//!   exports them so the page never types them again.
//! - [`workbook`]: the workbook's own words (sheet names, the summary sheet,
//!   the protocol sheet, the tracking states).
//! - [`worklist`]: the words of a worklist row (reason, action, email subject
//!   and draft, goal).
//! - [`messages`]: errors, data problems, notices, the CLI's summary.
//! - [`split`]: the words in the per-executive files' names, and the CLI's
//!   list of them; [`progress`]: the CLI's progress bar.
//!
//! This file holds what they all use: how numbers, dates and levels are
//! written.

pub mod billing;
pub mod history;
pub mod messages;
pub mod options;
pub mod progress;
pub mod shared;
pub mod split;
pub mod tracking;
pub mod workbook;
pub mod worklist;

use crate::model::{Level, Thresholds, WHOLE_CURRENCIES};
use crate::Lang;
use chrono::NaiveDate;

/// Picks the Spanish or the English text.
fn pick<T>(lang: Lang, es: T, en: T) -> T {
    match lang {
        Lang::Es => es,
        Lang::En => en,
    }
}

/// The level's word as the protocol writes it (CRÍTICO…), or in English.
pub fn level_word(level: Level, lang: Lang) -> &'static str {
    match (lang, level) {
        (Lang::Es, Level::Critical) => "CRÍTICO",
        (Lang::Es, Level::High) => "ALTO",
        (Lang::Es, Level::Medium) => "MEDIO",
        (Lang::Es, Level::Info) => "INFORMATIVO",
        (Lang::En, Level::Critical) => "CRITICAL",
        (Lang::En, Level::High) => "HIGH",
        (Lang::En, Level::Medium) => "MEDIUM",
        (Lang::En, Level::Info) => "INFO",
    }
}

/// Emoji and word, as shown in the `Nivel` column: `🔴 CRÍTICO`.
///
/// ```
/// use retention_worklist::{text, Lang, Level};
/// assert_eq!(text::level_label(Level::High, Lang::Es), "🟠 ALTO");
/// ```
pub fn level_label(level: Level, lang: Lang) -> String {
    format!("{} {}", level.emoji(), level_word(level, lang))
}

/// What puts a tenant at a level, short (the page's legend), following the
/// thresholds in force: "el trial vence en ≤ 3 días (o ya venció sin convertir)".
pub fn level_trigger(level: Level, th: &Thresholds, lang: Lang) -> String {
    let (h, m, u) = (th.high_days, th.medium_days, th.usage_percent);
    match level {
        Level::Critical => pick(lang, "pago fallido", "failed payment").to_string(),
        Level::High => pick(
            lang,
            format!("el trial vence en ≤ {h} días (o ya venció sin convertir)"),
            format!("trial ends in ≤ {h} days (or ended without converting)"),
        ),
        Level::Medium if m <= h => {
            pick(lang, "ninguno (MEDIO ≤ ALTO)", "none (MEDIUM ≤ HIGH)").to_string()
        }
        Level::Medium => pick(
            lang,
            format!("el trial vence en {}–{m} días", h + 1),
            format!("trial ends in {}–{m} days", h + 1),
        ),
        Level::Info => pick(
            lang,
            format!(
                "más del {} % del límite de mensajes",
                format_number(u, lang)
            ),
            format!("over {} % of the message limit", format_number(u, lang)),
        ),
    }
}

/// A date as people read it: `25/11/2026` (es) or `2026-11-25` (en).
pub fn format_date(d: NaiveDate, lang: Lang) -> String {
    d.format(pick(lang, "%d/%m/%Y", "%Y-%m-%d")).to_string()
}

/// How a language writes dates and numbers, for programs that format them
/// themselves (the page): the same conventions as [`format_date`] and
/// [`format_int`], and the currencies the workbook writes without decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Conventions {
    /// `dd/mm/yyyy` or `yyyy-mm-dd`.
    pub date: &'static str,
    /// The thousands separator.
    pub thousands: &'static str,
    /// The decimal separator.
    pub decimal: &'static str,
    /// The currencies whose amounts have no decimals (`model::WHOLE_CURRENCIES`);
    /// the others take two.
    pub whole_currencies: &'static [&'static str],
}

/// A language's [`Conventions`].
pub fn conventions(lang: Lang) -> Conventions {
    pick(
        lang,
        Conventions {
            date: "dd/mm/yyyy",
            thousands: ".",
            decimal: ",",
            whole_currencies: &WHOLE_CURRENCIES,
        },
        Conventions {
            date: "yyyy-mm-dd",
            thousands: ",",
            decimal: ".",
            whole_currencies: &WHOLE_CURRENCIES,
        },
    )
}

/// The Excel number format of dates, matching [`format_date`].
pub fn excel_date_format(lang: Lang) -> &'static str {
    pick(lang, "dd/mm/yyyy", "yyyy-mm-dd")
}

/// A whole number with thousands separators: `9.400` (es), `9,400` (en).
pub fn format_int(n: u64, lang: Lang) -> String {
    let sep = pick(lang, '.', ',');
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A threshold as typed (`90`, `92,5` in Spanish, `92.5` in English).
pub fn format_number(x: f64, lang: Lang) -> String {
    let s = x.to_string();
    pick(lang, s.replace('.', ","), s)
}

/// Usage as a percentage with enough decimals to show it is above the
/// threshold: `94 %`, `90,1 %`, `90,01 %`.
pub fn format_usage(used: u64, limit: u64, threshold: f64, lang: Lang) -> String {
    let p = used as f64 * 100.0 / limit.max(1) as f64;
    let mut text = String::new();
    for decimals in 0..=3 {
        let scale = 10f64.powi(decimals);
        let shown = (p * scale).floor() / scale;
        text = format!("{:.*}", decimals as usize, shown);
        if shown > threshold || decimals == 3 {
            break;
        }
    }
    format!("{} %", pick(lang, text.replace('.', ","), text))
}

/// When a trial ends, relative to the report date.
pub fn trial_when(days_left: i64, lang: Lang) -> String {
    match (lang, days_left) {
        (Lang::Es, 0) => "hoy".into(),
        (Lang::Es, 1) => "mañana".into(),
        (Lang::Es, d) if d > 1 => format!("en {d} días"),
        (Lang::Es, -1) => "hace 1 día".into(),
        (Lang::Es, d) => format!("hace {} días", -d),
        (Lang::En, 0) => "today".into(),
        (Lang::En, 1) => "tomorrow".into(),
        (Lang::En, d) if d > 1 => format!("in {d} days"),
        (Lang::En, -1) => "1 day ago".into(),
        (Lang::En, d) => format!("{} days ago", -d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates() {
        assert_eq!(format_int(9400, Lang::Es), "9.400");
        assert_eq!(format_int(10_000, Lang::En), "10,000");
        assert_eq!(format_int(999, Lang::Es), "999");
        assert_eq!(format_int(1_234_567, Lang::Es), "1.234.567");
        let d = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(format_date(d, Lang::Es), "25/11/2026");
        assert_eq!(format_date(d, Lang::En), "2026-11-25");
    }

    #[test]
    fn usage_shows_enough_decimals_to_be_above_the_threshold() {
        assert_eq!(format_usage(9400, 10_000, 90.0, Lang::Es), "94 %");
        assert_eq!(format_usage(9010, 10_000, 90.0, Lang::Es), "90,1 %");
        assert_eq!(format_usage(9001, 10_000, 90.0, Lang::En), "90.01 %");
    }

    #[test]
    fn triggers_follow_the_thresholds() {
        let th = Thresholds {
            high_days: 5,
            medium_days: 10,
            usage_percent: 80.0,
        };
        assert!(level_trigger(Level::High, &th, Lang::Es).contains("≤ 5 días"));
        assert_eq!(
            level_trigger(Level::Medium, &th, Lang::Es),
            "el trial vence en 6–10 días"
        );
        assert!(level_trigger(Level::Info, &th, Lang::En).contains("80 %"));
    }
}

//! The words of the worklist over days: the `Historial` sheet (one row per
//! report date, its line chart) and the executives' history, in either
//! language, and reading their headers back from a previous worklist written
//! in either language.

use super::tracking::{departure, level_of_label};
use super::{format_date, format_int, level_label, level_word, pick};
use crate::model::{Departure, HistoryRow, Lang, Level};

/// A column of the `Historial` sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryColumn {
    /// The report date.
    AsOf,
    /// A level's rows.
    Level(Level),
    /// Rows snoozed.
    Snoozed,
    /// New rows.
    New,
    /// Rows more urgent.
    Up,
    /// Rows less urgent.
    Down,
    /// Tenants that left.
    Left,
    /// Tenants that left, for one reason.
    LeftBy(Departure),
    /// Overdue rows.
    Overdue,
    /// The MRR on the list in a currency.
    Mrr(String),
}

impl HistoryColumn {
    /// The key of this column in `--json`'s `history` rows (`as_of`,
    /// `critical` … `overdue`); `None` for the columns only the sheet has
    /// (why the tenants left, the MRR).
    pub fn json_key(&self) -> Option<&'static str> {
        Some(match self {
            HistoryColumn::AsOf => "as_of",
            HistoryColumn::Level(l) => l.key(),
            HistoryColumn::Snoozed => "snoozed",
            HistoryColumn::New => "new",
            HistoryColumn::Up => "up",
            HistoryColumn::Down => "down",
            HistoryColumn::Left => "left",
            HistoryColumn::Overdue => "overdue",
            HistoryColumn::LeftBy(_) | HistoryColumn::Mrr(_) => return None,
        })
    }
}

/// The columns `--json`'s `history` rows have, by their key there, with the
/// `Historial` sheet's headers, in the sheet's order (the page's history
/// table).
///
/// ```
/// use retention_worklist::text::history::json_columns;
/// use retention_worklist::Lang;
/// let cols = json_columns(Lang::Es);
/// assert_eq!(cols[0], ("as_of", "Fecha de corte".to_string()));
/// assert_eq!(cols.last().unwrap(), &("overdue", "Vencidos".to_string()));
/// ```
pub fn json_columns(lang: Lang) -> Vec<(&'static str, String)> {
    history_columns(&[], lang)
        .into_iter()
        .filter_map(|(c, w)| c.json_key().map(|k| (k, w)))
        .collect()
}

/// A column of the executives' history sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExecutiveColumn {
    /// The report date.
    AsOf,
    /// The account executive.
    Executive,
    /// Open rows of a level.
    Open(Level),
    /// Overdue rows.
    Overdue,
    /// Payments recovered that day.
    Recovered,
    /// Trials converted that day.
    Converted,
}

/// The two sheets' names. (Excel reserves the name "History" for itself.)
pub fn sheet_names(lang: Lang) -> (&'static str, &'static str) {
    pick(
        lang,
        ("Historial", "Historial por ejecutivo"),
        ("Daily history", "History by executive"),
    )
}

/// The names the history sheets may have in a workbook of either language
/// (`Historial`, `History`; then the executives' sheets'), to read them back.
pub fn sheet_names_in_every_language() -> ([&'static str; 2], [&'static str; 2]) {
    let [es, en] = [Lang::Es, Lang::En].map(sheet_names);
    ([es.0, en.0], [es.1, en.1])
}

fn as_of(lang: Lang) -> &'static str {
    super::shared::words(lang).as_of
}

fn word(c: &HistoryColumn, lang: Lang) -> String {
    match c {
        HistoryColumn::AsOf => as_of(lang).to_string(),
        HistoryColumn::Level(l) => level_label(*l, lang),
        HistoryColumn::Snoozed => pick(lang, "Pospuestos", "Snoozed").into(),
        HistoryColumn::New => pick(lang, "Nuevos", "New").into(),
        HistoryColumn::Up => pick(lang, "Subieron", "Up").into(),
        HistoryColumn::Down => pick(lang, "Bajaron", "Down").into(),
        HistoryColumn::Left => pick(lang, "Salieron", "Left").into(),
        HistoryColumn::LeftBy(d) => departure(*d, lang).into(),
        HistoryColumn::Overdue => pick(lang, "Vencidos", "Overdue").into(),
        HistoryColumn::Mrr(c) => format!("{} ({c})", pick(lang, "MRR en riesgo", "MRR at risk")),
    }
}

/// The `Historial` sheet's columns, in order (an MRR column per currency
/// the history has), with their headers in a language.
pub fn history_columns(currencies: &[String], lang: Lang) -> Vec<(HistoryColumn, String)> {
    let mut cols = vec![HistoryColumn::AsOf];
    cols.extend(Level::ALL.map(HistoryColumn::Level));
    cols.extend([
        HistoryColumn::Snoozed,
        HistoryColumn::New,
        HistoryColumn::Up,
        HistoryColumn::Down,
        HistoryColumn::Left,
    ]);
    cols.extend(Departure::ALL.map(HistoryColumn::LeftBy));
    cols.push(HistoryColumn::Overdue);
    cols.extend(currencies.iter().map(|c| HistoryColumn::Mrr(c.clone())));
    cols.into_iter()
        .map(|c| {
            let w = word(&c, lang);
            (c, w)
        })
        .collect()
}

/// The `Historial` column a header names, in either language (case and
/// surrounding spaces aside; a level by its word, with or without its emoji).
///
/// ```
/// use retention_worklist::text::history::{history_column, HistoryColumn};
/// use retention_worklist::Level;
/// assert_eq!(history_column("Fecha de corte"), Some(HistoryColumn::AsOf));
/// assert_eq!(history_column("HIGH"), Some(HistoryColumn::Level(Level::High)));
/// assert_eq!(history_column("MRR at risk (usd)"), Some(HistoryColumn::Mrr("USD".into())));
/// assert_eq!(history_column("Notas"), None);
/// ```
pub fn history_column(header: &str) -> Option<HistoryColumn> {
    let h = header.trim();
    if let Some(l) = level_of_label(h) {
        return Some(HistoryColumn::Level(l));
    }
    for lang in [Lang::Es, Lang::En] {
        let prefix = pick(lang, "mrr en riesgo (", "mrr at risk (");
        let lower = h.to_lowercase();
        if let Some(code) = lower.strip_prefix(prefix).and_then(|r| r.strip_suffix(')')) {
            return Some(HistoryColumn::Mrr(code.trim().to_uppercase()));
        }
        let found = history_columns(&[], lang)
            .into_iter()
            .find(|(_, w)| w.eq_ignore_ascii_case(h));
        if let Some((c, _)) = found {
            return Some(c);
        }
    }
    None
}

fn executive_word(c: ExecutiveColumn, lang: Lang) -> String {
    match c {
        ExecutiveColumn::AsOf => as_of(lang).to_string(),
        ExecutiveColumn::Executive => pick(lang, "Ejecutivo", "Account executive").into(),
        ExecutiveColumn::Open(l) => level_label(l, lang),
        ExecutiveColumn::Overdue => pick(lang, "Vencidos", "Overdue").into(),
        ExecutiveColumn::Recovered => pick(lang, "Pagos recuperados", "Payments recovered").into(),
        ExecutiveColumn::Converted => pick(lang, "Trials convertidos", "Trials converted").into(),
    }
}

/// The executives' history sheet's columns, with their headers.
pub fn executive_columns(lang: Lang) -> Vec<(ExecutiveColumn, String)> {
    let mut cols = vec![ExecutiveColumn::AsOf, ExecutiveColumn::Executive];
    cols.extend(Level::ALL.map(ExecutiveColumn::Open));
    cols.extend([
        ExecutiveColumn::Overdue,
        ExecutiveColumn::Recovered,
        ExecutiveColumn::Converted,
    ]);
    cols.into_iter()
        .map(|c| (c, executive_word(c, lang)))
        .collect()
}

/// The executives' history column a header names, in either language.
pub fn executive_column(header: &str) -> Option<ExecutiveColumn> {
    let h = header.trim();
    if let Some(l) = level_of_label(h) {
        return Some(ExecutiveColumn::Open(l));
    }
    [Lang::Es, Lang::En].into_iter().find_map(|lang| {
        executive_columns(lang)
            .into_iter()
            .find(|(_, w)| w.eq_ignore_ascii_case(h))
            .map(|(c, _)| c)
    })
}

/// The Resumen's score columns: payments recovered and trials converted
/// over the last days.
pub fn score_headers(days: i64, lang: Lang) -> [String; 2] {
    pick(
        lang,
        [
            format!("Pagos recuperados ({days} días)"),
            format!("Trials convertidos ({days} días)"),
        ],
        [
            format!("Payments recovered ({days} days)"),
            format!("Trials converted ({days} days)"),
        ],
    )
}

/// The history chart's title.
pub fn chart_title(lang: Lang) -> &'static str {
    pick(
        lang,
        "Tenants por nivel, por fecha de corte",
        "Tenants per level, by as-of date",
    )
}

/// The history chart's alternative text: what it shows and the latest
/// day's numbers (within Excel's 255 characters).
pub fn chart_alt_text(days: &[HistoryRow], lang: Lang) -> String {
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return chart_title(lang).to_string();
    };
    let counts: Vec<String> = Level::ALL
        .iter()
        .map(|&l| {
            format!(
                "{} {}",
                level_word(l, lang),
                format_int(last.count(l), lang)
            )
        })
        .collect();
    let range = if first.as_of == last.as_of {
        format_date(last.as_of, lang)
    } else {
        format!(
            "{} – {}",
            format_date(first.as_of, lang),
            format_date(last.as_of, lang)
        )
    };
    pick(
        lang,
        format!(
            "Gráfico de líneas, tenants por nivel por fecha de corte ({range}); el último día: {}.",
            counts.join(", ")
        ),
        format!(
            "Line chart, tenants per level by as-of date ({range}); the latest day: {}.",
            counts.join(", ")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_columns_are_the_history_rows_keys_in_their_order() {
        let json = serde_json::to_string(&HistoryRow::default()).unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let mut row_keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        row_keys.sort_unstable();
        for lang in [Lang::Es, Lang::En] {
            let keys: Vec<&str> = json_columns(lang).into_iter().map(|(k, _)| k).collect();
            let at: Vec<usize> = keys
                .iter()
                .map(|k| json.find(&format!("\"{k}\":")).unwrap())
                .collect();
            assert!(at.windows(2).all(|w| w[0] < w[1]), "{keys:?} in {json}");
            let mut sorted = keys.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, row_keys);
        }
    }
}

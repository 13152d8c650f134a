//! The words of the team's record across days: the `Cambio` column, the
//! `Cambios` sheet, the summary's change counts, and the words read back
//! from a previous worklist in either language.

use super::{format_date, level_label, level_word, pick};
use crate::model::{CellValue, Change, Changes, Departure, Lang, Level, Tracking};

/// An overdue row's words: `VENCIDO (2 días)`.
pub fn overdue_words(days: u32, lang: Lang) -> String {
    match (lang, days) {
        (Lang::Es, 1) => "VENCIDO (1 día)".to_string(),
        (Lang::Es, n) => format!("VENCIDO ({n} días)"),
        (Lang::En, 1) => "OVERDUE (1 day)".to_string(),
        (Lang::En, n) => format!("OVERDUE ({n} days)"),
    }
}

/// What the `Cambio` cell says: `NUEVO`, `SIGUE`, `SUBIÓ: 🟡 MEDIO → 🟠 ALTO`,
/// `BAJÓ: …`, preceded by `VENCIDO (N días)` when the row is overdue and
/// followed by the snooze when there is one.
///
/// ```
/// use retention_worklist::text::tracking::change_cell;
/// use retention_worklist::{Change, Lang, Level, Tracking};
/// let t = Tracking { change: Some(Change::Up { from: Level::Medium }), ..Tracking::default() };
/// assert_eq!(change_cell(&t, Level::High, Lang::Es), "SUBIÓ: 🟡 MEDIO → 🟠 ALTO");
/// ```
pub fn change_cell(t: &Tracking, today: Level, lang: Lang) -> String {
    let Some(change) = t.change else {
        return String::new();
    };
    let mut s = match t.overdue {
        Some(days) => format!("{} · ", overdue_words(days, lang)),
        None => String::new(),
    };
    s += &match change {
        Change::New => pick(lang, "NUEVO", "NEW").to_string(),
        Change::Same => pick(lang, "SIGUE", "SAME").to_string(),
        Change::Up { from } => format!(
            "{}: {} → {}",
            pick(lang, "SUBIÓ", "UP"),
            level_label(from, lang),
            level_label(today, lang)
        ),
        Change::Down { from } => format!(
            "{}: {} → {}",
            pick(lang, "BAJÓ", "DOWN"),
            level_label(from, lang),
            level_label(today, lang)
        ),
    };
    if let (true, crate::model::Snooze::Until(d)) = (t.snoozed, &t.snooze) {
        s.push_str(&match lang {
            Lang::Es => format!(" · POSPUESTO hasta {}", format_date(*d, lang)),
            Lang::En => format!(" · SNOOZED until {}", format_date(*d, lang)),
        });
    } else if t.snooze_lifted {
        s.push_str(pick(
            lang,
            " · ya no pospuesto: subió de nivel",
            " · snooze lifted: more urgent now",
        ));
    }
    s
}

/// The short word of a change, for the page's filter and badges.
pub fn change_word(change: Change, lang: Lang) -> &'static str {
    match change {
        Change::New => pick(lang, "NUEVO", "NEW"),
        Change::Same => pick(lang, "SIGUE", "SAME"),
        Change::Up { .. } => pick(lang, "SUBIÓ", "UP"),
        Change::Down { .. } => pick(lang, "BAJÓ", "DOWN"),
    }
}

/// Why a tenant left the list, in words.
pub fn departure(d: Departure, lang: Lang) -> &'static str {
    match d {
        Departure::PaymentRecovered => pick(
            lang,
            "Pago recuperado: sin riesgo hoy",
            "Payment recovered: no risk today",
        ),
        Departure::TrialConverted => pick(
            lang,
            "Trial convertido: suscripción activa",
            "Trial converted: active subscription",
        ),
        Departure::NoRisk => pick(lang, "Sin riesgo hoy", "No risk today"),
        Departure::Canceled => pick(lang, "Suscripción cancelada", "Subscription canceled"),
        Departure::NotInExport => pick(
            lang,
            "No está en la exportación de hoy",
            "Not in today's export",
        ),
    }
}

/// The labels of the change counts (Resumen, the page, the Cambios sheet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)] // each field is the label of the count it names
pub struct ChangeWords {
    pub title: &'static str,
    pub previous_file: &'static str,
    pub previous_as_of: &'static str,
    pub new: &'static str,
    pub same: &'static str,
    pub up: &'static str,
    pub down: &'static str,
    pub snoozed: &'static str,
    pub left: &'static str,
    pub carried: &'static str,
    pub added_columns: &'static str,
    pub left_title: &'static str,
    pub none_left: &'static str,
    /// The Cambios sheet's headers, in order.
    pub headers: [&'static str; 9],
}

/// The change labels in a language.
pub fn change_words(lang: Lang) -> &'static ChangeWords {
    const ES: ChangeWords = ChangeWords {
        title: "Cambios desde el worklist anterior",
        previous_file: "Worklist anterior",
        previous_as_of: "Fecha de corte del anterior",
        new: "Nuevos",
        same: "Siguen igual",
        up: "Subieron de nivel",
        down: "Bajaron de nivel",
        snoozed: "Pospuestos hoy",
        left: "Salieron de la lista",
        carried: "Filas con datos traídos del anterior",
        added_columns: "Columnas propias traídas",
        left_title: "Tenants que salieron de la lista",
        none_left: "Ningún tenant salió de la lista.",
        headers: [
            "ID",
            "Tenant",
            "Nivel anterior",
            "Motivo de salida",
            "Estado",
            "Notas",
            "Posponer hasta",
            "En lista desde",
            "Fila anterior",
        ],
    };
    const EN: ChangeWords = ChangeWords {
        title: "Changes since the previous worklist",
        previous_file: "Previous worklist",
        previous_as_of: "Previous as-of date",
        new: "New",
        same: "Same level",
        up: "More urgent",
        down: "Less urgent",
        snoozed: "Snoozed today",
        left: "Left the list",
        carried: "Rows with values carried",
        added_columns: "Team columns carried",
        left_title: "Tenants that left the list",
        none_left: "No tenant left the list.",
        headers: [
            "ID",
            "Tenant",
            "Previous level",
            "Why it left",
            "Status",
            "Notes",
            "Snooze until",
            "On list since",
            "Previous row",
        ],
    };
    pick(lang, &ES, &EN)
}

/// The day's change counts with their labels, in the order the Resumen
/// and the Cambios sheet list them: new, same, up, down, snoozed, left.
pub fn change_counts(c: &Changes, lang: Lang) -> [(&'static str, u64); 6] {
    let w = change_words(lang);
    [
        (w.new, c.new),
        (w.same, c.same),
        (w.up, c.up),
        (w.down, c.down),
        (w.snoozed, c.snoozed),
        (w.left, c.left),
    ]
}

/// The level a `Nivel` cell names (`🔴 CRÍTICO`, `CRITICAL`, `alto`), in
/// either language, with or without its emoji.
///
/// ```
/// use retention_worklist::text::tracking::level_of_label;
/// use retention_worklist::Level;
/// assert_eq!(level_of_label("🟠 ALTO"), Some(Level::High));
/// assert_eq!(level_of_label(" medium "), Some(Level::Medium));
/// assert_eq!(level_of_label("urgente"), None);
/// ```
pub fn level_of_label(cell: &str) -> Option<Level> {
    let word = cell
        .trim()
        .trim_start_matches(|c: char| !c.is_alphabetic())
        .trim()
        .to_uppercase();
    Level::ALL.into_iter().find(|&l| {
        [Lang::Es, Lang::En]
            .iter()
            .any(|&lang| level_word(l, lang) == word)
            || (word == "CRITICO" && l == Level::Critical)
    })
}

/// The header given to a column the team added without a header:
/// `Columna Q`.
pub fn untitled_column(letter: &str, lang: Lang) -> String {
    match lang {
        Lang::Es => format!("Columna {letter}"),
        Lang::En => format!("Column {letter}"),
    }
}

/// The names a previous workbook's summary sheet and its as-of label may
/// have (either language), to read the day it was made for.
pub fn summary_as_of_labels() -> [(&'static str, &'static str); 2] {
    [Lang::Es, Lang::En].map(|l| {
        (
            super::workbook::sheet_names(l).summary,
            super::shared::words(l).as_of,
        )
    })
}

/// A carried cell as text (a problem's value): dates as ISO, numbers as typed.
pub fn cell_text(v: &CellValue) -> String {
    match v {
        CellValue::Empty => String::new(),
        CellValue::Text(t) => t.clone(),
        CellValue::Number(n) => n.to_string(),
        CellValue::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).to_string(),
        CellValue::Date(d) => d.format("%Y-%m-%d %H:%M").to_string(),
    }
}

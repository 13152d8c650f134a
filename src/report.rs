//! The rows the page shows, in words: the worklist's preview rows (with the
//! engine's links) and the data problems. (The run's facts are the
//! [`Summary`](crate::Summary), in the model.)

use crate::model::{Change, Lang, Level, Problem};
use crate::plan::WorkItem;
use crate::text;

use serde::Serialize;

/// A worklist row as the page shows it: the engine's words and links.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[allow(missing_docs)] // the fields are the worklist's columns of the same names
pub struct PreviewRow {
    pub level: Level,
    pub level_label: String,
    pub line: u64,
    pub id: String,
    pub tenant: String,
    pub owner: String,
    pub email: String,
    pub phone: String,
    pub executive: String,
    pub plan: String,
    pub reason: String,
    pub days_left: Option<i64>,
    pub usage: Option<f64>,
    pub action: String,
    pub other_signals: String,
    /// The email link's target (subject only), or `None`: plain text, as in
    /// the workbook.
    pub mailto: Option<String>,
    /// The phone link's target (`tel:` and the digits), or `None`: plain
    /// text, as in the workbook.
    pub tel: Option<String>,
    /// The `Cambio` cell (`SIGUE`, `SUBIÓ: 🟡 MEDIO → 🟠 ALTO · …`); empty
    /// without a previous worklist.
    pub change: String,
    /// The change as a code (`new`, `same`, `up`, `down`), when there is one.
    pub change_code: Option<&'static str>,
    /// Snoozed today: shown below the active rows, greyed.
    pub snoozed: bool,
    /// `Estado` as carried (empty: the first state).
    pub status: String,
    /// `Notas` as carried.
    pub notes: String,
}

impl PreviewRow {
    /// The preview of a worklist row.
    pub fn new(w: &WorkItem, lang: Lang) -> PreviewRow {
        let c = &w.contact;
        PreviewRow {
            level: w.level,
            level_label: text::level_label(w.level, lang),
            line: w.line,
            id: c.id.clone(),
            tenant: c.name.clone(),
            owner: c.owner.clone(),
            email: c.email.clone(),
            phone: c.phone.clone(),
            executive: c.executive.clone(),
            plan: c.plan.clone(),
            reason: w.reason.clone(),
            days_left: w.days_left,
            usage: w.usage_ratio(),
            action: w.action.clone(),
            other_signals: w.other_signals.clone(),
            mailto: w.mailto(false),
            tel: w.tel_link().map(|d| format!("tel:{d}")),
            change: text::tracking::change_cell(&w.tracking, w.level, lang),
            change_code: w.tracking.change.map(Change::code),
            snoozed: w.tracking.snoozed,
            status: w.tracking.status.clone().unwrap_or_default(),
            notes: w.tracking.notes.clone(),
        }
    }
}

/// The worklist's rows as the page shows them, in a language.
pub fn preview_rows(items: &[WorkItem], lang: Lang) -> Vec<PreviewRow> {
    items.iter().map(|w| PreviewRow::new(w, lang)).collect()
}

/// The data problems in words, in a language.
pub fn problem_rows(problems: &[Problem], lang: Lang) -> Vec<ProblemRow> {
    problems.iter().map(|p| ProblemRow::new(p, lang)).collect()
}

/// A data problem as the page and the Problemas sheet show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[allow(missing_docs)] // the fields are the problems sheet's columns
pub struct ProblemRow {
    pub line: u64,
    pub tenant: String,
    pub column: String,
    pub value: String,
    pub expected: String,
}

impl ProblemRow {
    /// A problem in words.
    pub fn new(p: &Problem, lang: Lang) -> ProblemRow {
        ProblemRow {
            line: p.line,
            tenant: p.tenant.clone(),
            column: p.place(),
            value: p.value.clone(),
            expected: text::messages::expected_text(p.expected, lang),
        }
    }
}

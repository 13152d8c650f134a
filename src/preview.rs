//! What the page shows of a run, in words: the worklist's preview rows
//! (with the engine's links), the data problems, and the one way the preview
//! is chosen: by level and by a search ([`Preview`]), a page at a time
//! ([`PAGING`]). The page shows what this returns and never filters or
//! searches rows itself. (The run's facts are the
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
    /// The MRR in units of `currency`, when the export has money columns.
    pub mrr: Option<f64>,
    /// The MRR's currency (empty when the export names none).
    pub currency: String,
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
    /// Days past its deadline, when the row is overdue (VENCIDO).
    pub overdue: Option<u32>,
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
            mrr: w.mrr.as_ref().map(|m| m.cents as f64 / 100.0),
            currency: w
                .mrr
                .as_ref()
                .map(|m| m.currency.clone())
                .unwrap_or_default(),
            action: w.action.clone(),
            other_signals: w.other_signals.clone(),
            mailto: w.mailto(false),
            tel: w.tel_link().map(|d| format!("tel:{d}")),
            change: text::tracking::change_cell(&w.tracking, w.level, lang),
            change_code: w.tracking.change.map(Change::code),
            snoozed: w.tracking.snoozed,
            status: w.tracking.status.clone().unwrap_or_default(),
            notes: w.tracking.notes.clone(),
            overdue: w.tracking.overdue,
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

/// How many preview rows the page asks for at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Paging {
    /// Rows that come with the counts.
    pub first: usize,
    /// Rows a view (a level, a search) shows before it is scrolled.
    pub view: usize,
    /// Rows each scroll past the last one adds.
    pub more: usize,
}

/// The preview's paging.
pub const PAGING: Paging = Paging {
    first: 200,
    view: 1000,
    more: 500,
};

/// Turns text into what the preview's search compares: lower case, without
/// accents (`Pérez` → `perez`): decomposed (Unicode NFD), marks
/// (General_Category M) dropped, then lower-cased. The platform's
/// normalizer does it: natively the `unicode-normalization` crate
/// ([`fold`]), in the browser JavaScript's own `normalize('NFD')` (its
/// tables are already there, so the `.wasm` does not carry them again).
pub type Fold = fn(&str) -> String;

/// The native [`Fold`].
///
/// ```
/// use retention_worklist::fold;
/// assert_eq!(fold("Ana PÉREZ Nuñez"), "ana perez nunez");
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub fn fold(s: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}

/// The texts of a row a search looks in: id, tenant, owner, email, phone,
/// executive, plan, reason, action, other signals and the level's label.
fn searched_texts(w: &WorkItem, lang: Lang) -> [String; 11] {
    let c = &w.contact;
    [
        c.id.clone(),
        c.name.clone(),
        c.owner.clone(),
        c.email.clone(),
        c.phone.clone(),
        c.executive.clone(),
        c.plan.clone(),
        w.reason.clone(),
        w.action.clone(),
        w.other_signals.clone(),
        text::level_label(w.level, lang),
    ]
}

/// The worklist's rows for the page: which rows a level and a search keep,
/// in the worklist's order. Each row's searched text is folded once, on the
/// first search.
///
/// ```
/// use retention_worklist::{Level, Options, Preview, Run};
/// let o = Options::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
/// let csv = "id,tenant_name,payment_failed,trial_ends_at\nT-1,Peña,yes,\nT-2,Acme,no,2026-11-27\n";
/// let out = Run::new(csv, &o).build().unwrap();
/// let mut p = Preview::new(o.lang, retention_worklist::fold);
/// assert_eq!(p.select(&out.items, None, "PENA"), [0]);
/// assert_eq!(p.select(&out.items, Some(Level::High), ""), [1]);
/// assert_eq!(p.select(&out.items, Some(Level::High), "pena"), [0usize; 0]);
/// ```
#[derive(Debug, Clone)]
pub struct Preview {
    lang: Lang,
    fold: Fold,
    /// Every row's folded text, one after the other (built on the first search).
    folded: String,
    /// Where row `i`'s text ends in `folded`.
    ends: Vec<usize>,
    /// The last selection, for the next page of the same view.
    last: Option<(ViewKey, Vec<usize>)>,
}

/// A view, owned: the level, only overdue rows, the search.
type ViewKey = (Option<Level>, bool, String);

/// Which rows of the preview a page shows: a level (any when `None`), the
/// words of a search, and whether only the overdue rows.
#[derive(Debug, Clone, Copy, Default)]
pub struct View<'a> {
    /// The level to keep.
    pub level: Option<Level>,
    /// The words to find.
    pub search: &'a str,
    /// Only the overdue rows (VENCIDO).
    pub overdue: bool,
}

impl Preview {
    /// The preview of a worklist's rows whose level labels are in `lang`,
    /// searched with the platform's [`Fold`].
    pub fn new(lang: Lang, fold: Fold) -> Preview {
        Preview {
            lang,
            fold,
            folded: String::new(),
            ends: Vec::new(),
            last: None,
        }
    }

    /// The rows of `items` (their numbers) at `level` (any when `None`)
    /// whose texts hold every word of `search` (case and accents aside;
    /// blank: every row). `items` must be the same rows on every call; the
    /// last answer is kept for the next page of the same view.
    pub fn select(&mut self, items: &[WorkItem], level: Option<Level>, search: &str) -> &[usize] {
        self.select_view(
            items,
            View {
                level,
                search,
                overdue: false,
            },
        )
    }

    /// [`Preview::select`] with every filter of a [`View`]: also only the
    /// overdue rows when it asks.
    pub fn select_view(&mut self, items: &[WorkItem], view: View) -> &[usize] {
        let key = (view.level, view.overdue, view.search.to_string());
        if self.last.as_ref().is_none_or(|(k, _)| *k != key) {
            let mut rows = self.find(items, view.level, view.search);
            if view.overdue {
                rows.retain(|&i| items[i].tracking.overdue.is_some());
            }
            self.last = Some((key, rows));
        }
        self.last.as_ref().map_or(&[], |(_, rows)| rows)
    }

    fn find(&mut self, items: &[WorkItem], level: Option<Level>, search: &str) -> Vec<usize> {
        let terms: Vec<String> = (self.fold)(search)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        if !terms.is_empty() && self.ends.len() != items.len() {
            self.index(items);
        }
        let at_level = |i: &usize| level.is_none_or(|l| items[*i].level == l);
        let found = |i: &usize| {
            let start = i
                .checked_sub(1)
                .map_or(Some(0), |j| self.ends.get(j).map(|e| e + 1));
            let text = start
                .zip(self.ends.get(*i))
                .and_then(|(a, b)| self.folded.get(a..*b));
            text.is_some_and(|text| terms.iter().all(|t| text.contains(t.as_str())))
        };
        (0..items.len())
            .filter(at_level)
            .filter(|i| terms.is_empty() || found(i))
            .collect()
    }

    /// Folds every row's searched texts at once (one call of the fold: in
    /// the browser one crossing into JavaScript), the texts of a row joined
    /// by a character no search term holds, so no term matches across two,
    /// and the rows by NUL, which folding keeps as it is.
    fn index(&mut self, items: &[WorkItem]) {
        let mut raw = String::new();
        for w in items {
            for t in searched_texts(w, self.lang) {
                raw.extend(t.chars().map(|c| if c == '\0' { ' ' } else { c }));
                raw.push('\u{1}');
            }
            raw.push('\0');
        }
        self.folded = (self.fold)(&raw);
        self.ends = self.folded.match_indices('\0').map(|(i, _)| i).collect();
    }
}

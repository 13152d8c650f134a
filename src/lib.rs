//! # retention-worklist
//!
//! Turns a SaaS tenant export (CSV) into the day's retention and upselling
//! worklist (XLSX), following ImagineCRM's operating protocol: 🔴 CRÍTICO
//! (failed payment), 🟠 ALTO (trial ends in ≤ 3 days), 🟡 MEDIO (4–7 days),
//! 🔵 INFORMATIVO (> 90 % of the monthly message limit).
//!
//! This crate is the pure core: plain data in, plain data out. It reads no
//! clock, file, terminal or JavaScript; the CLI (`src/main.rs`, `src/cli/`)
//! and the WebAssembly API (`src/wasm/`) are thin shells around a
//! [`Run`], which is why both produce the same bytes.
//!
//! ## Layers
//!
//! Each module imports only from the layers below it (`tests/integration/layout.rs`
//! fails the build when one imports from above, or when imports go round in
//! a circle):
//!
//! | layer | module | what it holds |
//! |---|---|---|
//! | −1 | `version` | [`VERSION`]: the one version string (`--version`, the Resumen sheet, the page) |
//! | 0 | `model` | plain types: [`Level`], [`Field`] and its header aliases, [`Status`], [`Signals`], [`Expected`], [`Problem`], [`Lang`]… No words. |
//! | 1 | `error` | [`Error`]: why a run stops, as facts |
//! | 2 | `options` | [`RawOptions`] → [`Options`]: validation and the [`DEFAULTS`], resolved once |
//! | 3 | [`text`] | every word, by audience: shared labels, workbook, worklist rows, messages |
//! | 4 | `read` | bytes → text → table → typed rows, with every data problem |
//! | 5 | `classify` | the protocol's rules: signals → the most urgent level |
//! | 6 | `plan` | level → action, email subject and draft, goal, links |
//! | 6½ | `carry` | the previous worklist's tracking cells → today's rows; changes, who left |
//! | 7 | `preview` | what the page shows: the [`PreviewRow`]s, the problems in words, the preview's search ([`Preview`]) |
//! | 8 | `analyze` | steps 1–3 over the whole export → an [`Analysis`] |
//! | 9 | `render` | an analysis → XLSX bytes, one file per sheet |
//! | 9½ | `split` | one workbook per account executive, and their ZIP ([`split_by_executive`]) |
//! | 10 | `lib.rs` | the pipeline: a [`Run`] = analyze → render |
//! | 11 | `wasm` | the JavaScript shell (wasm32 only) |
//!
//! Where to find things: a rule is in `classify` (levels) or `read::values`
//! (what a cell may say); a header alias in `model::field`; a default in
//! `options` ([`DEFAULTS`]); a word in [`text`]; a colour in
//! [`colours`] ([`level_fill`]).
//!
//! ```
//! use retention_worklist::{Options, Run};
//! use chrono::NaiveDate;
//!
//! let csv = "tenant_id,tenant_name,subscription_status,trial_ends_at\n\
//!            t1,Acme,trialing,2026-11-28\n\
//!            t2,Beta,past_due,\n\
//!            t3,Gamma,active,\n";
//! let options = Options::new(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
//! let out = Run::new(csv, &options).build().unwrap();
//! assert_eq!((out.summary.critical, out.summary.high, out.summary.no_risk), (1, 1, 1));
//! assert_eq!(out.items[0].contact.name, "Beta"); // most urgent first
//! assert!(out.xlsx.starts_with(b"PK")); // an XLSX is a zip
//! ```

#![warn(missing_docs)]

mod analyze;
mod carry;
mod classify;
mod error;
mod history;
mod model;
mod options;
mod plan;
mod preview;
mod read;
mod render;
mod split;
pub mod text;
mod version;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use analyze::Analysis;
pub use classify::{
    classify, overdue, payment_failure, status_is_payment_failure, usage_above, Classification,
};
pub use error::{Damage, Error, IoKind, IoProblem, PreviousError};
pub use model::Defaults;
pub use model::{
    normalize_header, split_note, who, CellValue, Change, Changes, ColumnUse, DateOrder,
    DateOrderSource, Deadlines, Decline, DeclineKind, Departure, ExecutiveCounts, ExecutiveDay,
    Expected, Field, History, HistoryRow, Interval, Lang, LeftCounts, LeftRow, Level, LevelCounts,
    Mrr, MrrAtRisk, Notice, OptionDef, OptionDefault, OptionKind, OptionName, OptionPlace,
    OverdueCounts, PaymentFailure, PreviousFacts, Problem, RuleNotEvaluated, Signal, Signals,
    Snooze, Stage, Status, Summary, Thresholds, Tracking, WorklistColumn, DEFAULTS, MAX_CELL_CHARS,
    MAX_HISTORY_DAYS, OPTIONS, SCORE_DAYS,
};
pub use options::{
    known_keys, parse_as_of, Environment, Options, RawOptions, RawValue, ReportZone,
};
pub use plan::{dialable_phone, is_plausible_email, sort_by_urgency, Contact, WorkItem};
#[cfg(not(target_arch = "wasm32"))]
pub use preview::fold;
pub use preview::{
    preview_rows, problem_rows, Fold, Paging, Preview, PreviewRow, ProblemRow, View, PAGING,
};
pub use read::previous::MAX_PREVIOUS_BYTES;
pub use render::{
    colours, fit_cell, level_fill, render, render_with_sheet_rows, MAX_SHEET_ROWS, SNOOZED_FILL,
};
pub use split::{
    slug, split_by_executive, split_by_executive_with_progress, split_zip_name, zip_split_files,
    SplitFile, SplitListing,
};
pub use version::{VERSION, VERSION_LINE};

/// The reading steps one at a time, for the stage benchmarks
/// (`benches/stages.rs`) and anyone who wants to time or test a step alone;
/// a [`Run`] runs them all.
pub mod stages {
    pub use crate::read::billing::{monthly_cents, parse_amount, parse_decline};
    pub use crate::read::decode::{decode, Decoded, TextEncoding};
    pub use crate::read::{Records, Row, RowContext, Table};
}

/// The full result of a run.
#[derive(Debug, Clone)]
pub struct Output {
    /// The workbook.
    pub xlsx: Vec<u8>,
    /// At-risk tenants, most urgent first.
    pub items: Vec<WorkItem>,
    /// Counts and facts.
    pub summary: Summary,
    /// The team's own columns carried from the previous worklist.
    pub added_columns: Vec<String>,
    /// The tenants on the previous worklist that are not on today's.
    pub left: Vec<LeftRow>,
}

impl Output {
    /// The rows the page shows, in a language.
    pub fn preview(&self, lang: Lang) -> Vec<PreviewRow> {
        preview::preview_rows(&self.items, lang)
    }

    /// The data problems in words, in a language.
    pub fn problem_rows(&self, lang: Lang) -> Vec<ProblemRow> {
        preview::problem_rows(&self.summary.problem_list, lang)
    }
}

/// The export a run reads: bytes the caller lends, or gives away (then they
/// are freed as soon as they are read, before the workbook is built, which
/// lowers a run's peak memory by the input's size: 151 MB for a 1M-row
/// export).
#[derive(Debug)]
pub enum Input<'a> {
    /// Lent: the caller keeps them.
    Borrowed(&'a [u8]),
    /// Given away.
    Owned(Vec<u8>),
}

impl Input<'_> {
    fn bytes(&self) -> &[u8] {
        match self {
            Input::Borrowed(b) => b,
            Input::Owned(v) => v,
        }
    }
}

impl<'a> From<&'a [u8]> for Input<'a> {
    fn from(b: &'a [u8]) -> Self {
        Input::Borrowed(b)
    }
}

impl<'a, const N: usize> From<&'a [u8; N]> for Input<'a> {
    fn from(b: &'a [u8; N]) -> Self {
        Input::Borrowed(b)
    }
}

impl<'a> From<&'a Vec<u8>> for Input<'a> {
    fn from(b: &'a Vec<u8>) -> Self {
        Input::Borrowed(b)
    }
}

impl<'a> From<&'a str> for Input<'a> {
    fn from(s: &'a str) -> Self {
        Input::Borrowed(s.as_bytes())
    }
}

impl<'a> From<&'a String> for Input<'a> {
    fn from(s: &'a String) -> Self {
        Input::Borrowed(s.as_bytes())
    }
}

impl From<Vec<u8>> for Input<'_> {
    fn from(v: Vec<u8>) -> Self {
        Input::Owned(v)
    }
}

/// One run of the engine: the export and the options, and optionally the
/// previous worklist and a progress callback; then [`Run::analyze`] (read,
/// classify, plan, carry: the counts and rows, no workbook) or
/// [`Run::build`] (all of it and the workbook). Every shell and test runs
/// the engine this way, which is why they get the same bytes.
///
/// ```
/// use retention_worklist::{render, Options, Run, Stage};
/// let o = Options::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
/// let csv = b"id,payment_failed\nT-1,yes\nT-2,yes\n";
/// let day1 = Run::new(csv, &o).build().unwrap();
/// assert_eq!(day1.summary.critical, 2);
///
/// // The next day, carrying the team's work, with progress:
/// let o2 = Options::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
/// let mut stages = Vec::new();
/// let mut progress = |stage: Stage, _: f64| stages.push(stage);
/// let today = b"id,payment_failed\nT-1,yes\nT-3,yes\n".to_vec(); // given away: freed once read
/// let a = Run::new(today, &o2)
///     .previous(Some(&day1.xlsx))
///     .progress(&mut progress)
///     .analyze()
///     .unwrap();
/// let changes = a.summary.changes.as_ref().unwrap();
/// assert_eq!((changes.new, changes.same, changes.left), (1, 1, 1));
/// // The workbook built from an analysis is the one `build` writes.
/// let again = Run::new(b"id,payment_failed\nT-1,yes\nT-3,yes\n", &o2)
///     .previous(Some(&day1.xlsx))
///     .build()
///     .unwrap();
/// assert_eq!(render(&a, &o2).unwrap(), again.xlsx);
/// assert!(stages.contains(&Stage::Reading));
/// ```
pub struct Run<'a> {
    input: Input<'a>,
    options: &'a Options,
    previous: Option<&'a [u8]>,
    same_day: Option<&'a [u8]>,
    progress: Option<&'a mut dyn FnMut(Stage, f64)>,
}

impl<'a> Run<'a> {
    /// A run over an export (lent: `&[u8]`, `&str`…; or given away: `Vec<u8>`).
    pub fn new(input: impl Into<Input<'a>>, options: &'a Options) -> Run<'a> {
        Run {
            input: input.into(),
            options,
            previous: None,
            same_day: None,
            progress: None,
        }
    }

    /// Carries the previous worklist (the `.xlsx` this tool wrote on an
    /// earlier day, as the team left it): each tenant's `Estado`, `Notas`,
    /// `Posponer hasta`, `En lista desde` and the team's own columns follow
    /// it into today's worklist, which says what changed and lists on its
    /// `Cambios` sheet the tenants that left. `None`: no previous worklist.
    pub fn previous<P: AsRef<[u8]> + ?Sized>(mut self, previous: Option<&'a P>) -> Run<'a> {
        self.previous = previous.map(AsRef::as_ref);
        self
    }

    /// Keeps what the team typed today: today's own worklist, written by an
    /// earlier run of the same day (a re-run at noon with a fresher export).
    /// Its `Estado`, notes, snoozes and own columns are carried, while the
    /// changes, the departures, the overdue rows and the history stay
    /// measured against [`Run::previous`] (the day before), as in the
    /// morning. `None`: no earlier run today.
    pub fn same_day<P: AsRef<[u8]> + ?Sized>(mut self, today: Option<&'a P>) -> Run<'a> {
        self.same_day = today.map(AsRef::as_ref);
        self
    }

    /// Reports progress: `(stage, fraction 0..=1)`.
    pub fn progress(mut self, progress: &'a mut dyn FnMut(Stage, f64)) -> Run<'a> {
        self.progress = Some(progress);
        self
    }

    /// Reads, classifies, plans and carries, without the workbook (which
    /// [`render`] builds from the analysis: the same bytes as [`Run::build`]).
    pub fn analyze(self) -> Result<Analysis, Error> {
        let mut none = |_: Stage, _: f64| {};
        let progress = match self.progress {
            Some(p) => p,
            None => &mut none,
        };
        let previous = (self.previous, self.same_day);
        analyze::analyze(self.input.bytes(), previous, self.options, progress)
    }

    /// The whole job: the analysis and the workbook.
    pub fn build(self) -> Result<Output, Error> {
        let mut none = |_: Stage, _: f64| {};
        let progress = match self.progress {
            Some(p) => p,
            None => &mut none,
        };
        let a = analyze::analyze(
            self.input.bytes(),
            (self.previous, self.same_day),
            self.options,
            &mut *progress,
        )?;
        drop(self.input);
        progress(Stage::Writing, 0.0);
        let xlsx = render::render(&a, self.options)?;
        progress(Stage::Writing, 1.0);
        Ok(Output {
            xlsx,
            items: a.items,
            summary: a.summary,
            added_columns: a.added_columns,
            left: a.left,
        })
    }
}

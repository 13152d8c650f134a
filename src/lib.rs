//! # retention-worklist
//!
//! Turns a SaaS tenant export (CSV) into the day's retention and upselling
//! worklist (XLSX), following ImagineCRM's operating protocol: 🔴 CRÍTICO
//! (failed payment), 🟠 ALTO (trial ends in ≤ 3 days), 🟡 MEDIO (4–7 days),
//! 🔵 INFORMATIVO (> 90 % of the monthly message limit).
//!
//! This crate is the pure core: plain data in, plain data out. It reads no
//! clock, file, terminal or JavaScript; the CLI (`src/main.rs`, `src/cli/`)
//! and the WebAssembly API (`src/wasm.rs`) are thin shells around
//! [`build_worklist`], which is why both produce the same bytes.
//!
//! ## Layers
//!
//! Each module imports only from the layers below it (`tests/layout.rs`
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
//! | 7 | `report` | the [`Summary`] (facts only, the CLI's `--json`) and the [`PreviewRow`]s |
//! | 8 | `analyze` | steps 1–3 over the whole export → an [`Analysis`] |
//! | 9 | `render` | an analysis → XLSX bytes, one file per sheet |
//! | 9½ | `split` | one workbook per account executive, and their ZIP ([`split_by_executive`]) |
//! | 10 | `lib.rs` | the pipeline: [`build_worklist`] = analyze → render |
//! | 11 | `wasm` | the JavaScript shell (wasm32 only) |
//!
//! Where to find things: a rule is in `classify` (levels) or `read::values`
//! (what a cell may say); a header alias in `model::field`; a default in
//! `options` ([`DEFAULTS`]); a word in [`text`]; a colour in
//! `render::styles` ([`level_fill`]).
//!
//! ```
//! use retention_worklist::{build_worklist, Options};
//! use chrono::NaiveDate;
//!
//! let csv = "tenant_id,tenant_name,subscription_status,trial_ends_at\n\
//!            t1,Acme,trialing,2026-11-28\n\
//!            t2,Beta,past_due,\n\
//!            t3,Gamma,active,\n";
//! let options = Options::new(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
//! let out = build_worklist(csv.as_bytes(), &options).unwrap();
//! assert_eq!((out.summary.critical, out.summary.high, out.summary.no_risk), (1, 1, 1));
//! assert_eq!(out.items[0].contact.name, "Beta"); // most urgent first
//! assert!(out.xlsx.starts_with(b"PK")); // an XLSX is a zip
//! ```

#![warn(missing_docs)]

mod analyze;
mod carry;
mod classify;
mod error;
mod model;
mod options;
mod plan;
mod read;
mod render;
mod report;
mod split;
pub mod text;
mod version;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use analyze::Analysis;
pub use classify::{classify, usage_above, Classification};
pub use error::{Damage, Error, IoKind, IoProblem, PreviousError};
pub use model::{
    normalize_header, CellValue, Change, Changes, ColumnUse, DateOrder, DateOrderSource, Departure,
    ExecutiveCounts, Expected, Field, Lang, LeftCounts, LeftRow, Level, LevelCounts, Notice,
    OptionName, PaymentFailure, PreviousFacts, Problem, RuleNotEvaluated, Signal, Signals, Snooze,
    Stage, Status, Summary, Thresholds, Tracking, WorklistColumn, MAX_CELL_CHARS,
};
pub use options::{parse_as_of, Defaults, Environment, Options, RawOptions, ReportZone, DEFAULTS};
pub use plan::{dialable_phone, is_plausible_email, sort_by_urgency, Contact, WorkItem};
pub use read::previous::MAX_PREVIOUS_BYTES;
pub use render::{
    fit_cell, level_fill, render, render_with_sheet_rows, MAX_SHEET_ROWS, SNOOZED_FILL,
};
pub use report::{preview_rows, problem_rows, PreviewRow, ProblemRow};
pub use split::{
    slug, split_by_executive, split_by_executive_with_progress, split_zip_name, zip_split_files,
    SplitFile, SplitListing,
};
pub use version::{VERSION, VERSION_LINE};

/// The reading steps one at a time, for the stage benchmarks
/// (`benches/stages.rs`) and anyone who wants to time or test a step alone;
/// [`build_worklist`] runs them all.
pub mod stages {
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
        report::preview_rows(&self.items, lang)
    }

    /// The data problems in words, in a language.
    pub fn problem_rows(&self, lang: Lang) -> Vec<ProblemRow> {
        report::problem_rows(&self.summary.problem_list, lang)
    }
}

/// Reads, classifies, plans and renders: the whole job.
pub fn build_worklist(input: &[u8], options: &Options) -> Result<Output, Error> {
    build_worklist_with_progress(input, options, &mut |_, _| {})
}

/// [`build_worklist`] with a progress callback `(stage, fraction 0..=1)`.
pub fn build_worklist_with_progress(
    input: &[u8],
    options: &Options,
    progress: &mut dyn FnMut(Stage, f64),
) -> Result<Output, Error> {
    let a = analyze::analyze(input, None, options, progress)?;
    write_workbook(a, options, progress)
}

/// [`build_worklist_with_progress`] for an input the caller gives away: it is
/// freed as soon as it is read, before the workbook is built, which lowers
/// the peak memory of a run by the input's size (the CLI and the page use
/// this; 151 MB for a 1M-row export).
///
/// ```
/// use retention_worklist::{build_worklist, build_worklist_owned, Options};
/// let csv = b"id,payment_failed\nT-1,yes\n".to_vec();
/// let o = Options::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
/// let borrowed = build_worklist(&csv, &o).unwrap();
/// let owned = build_worklist_owned(csv, &o, &mut |_, _| {}).unwrap();
/// assert_eq!(owned.xlsx, borrowed.xlsx);
/// ```
pub fn build_worklist_owned(
    input: Vec<u8>,
    options: &Options,
    progress: &mut dyn FnMut(Stage, f64),
) -> Result<Output, Error> {
    build_worklist_with_previous(input, None, options, progress)
}

/// [`build_worklist_owned`] carrying the previous worklist (the `.xlsx` this
/// tool wrote on an earlier day, as the team left it): each tenant's
/// `Estado`, `Notas`, `Posponer hasta`, `En lista desde` and the team's own
/// columns follow it into today's worklist, which says what changed and
/// lists on its `Cambios` sheet the tenants that left.
///
/// ```
/// use retention_worklist::{build_worklist, build_worklist_with_previous, Change, Options};
/// let o = |d| Options::new(chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap());
/// let day1 = build_worklist(b"id,payment_failed\nT-1,yes\nT-2,yes\n", &o(26)).unwrap();
/// let csv = b"id,payment_failed\nT-1,yes\nT-3,yes\n".to_vec();
/// let day2 = build_worklist_with_previous(csv, Some(&day1.xlsx), &o(27), &mut |_, _| {}).unwrap();
/// let changes = day2.summary.changes.unwrap();
/// assert_eq!((changes.new, changes.same, changes.left), (1, 1, 1));
/// assert_eq!(day2.items[0].tracking.change, Some(Change::Same));
/// ```
pub fn build_worklist_with_previous(
    input: Vec<u8>,
    previous: Option<&[u8]>,
    options: &Options,
    progress: &mut dyn FnMut(Stage, f64),
) -> Result<Output, Error> {
    let a = analyze::analyze(&input, previous, options, progress)?;
    drop(input);
    write_workbook(a, options, progress)
}

/// The last step of the pipeline: the analysis → the workbook.
fn write_workbook(
    a: Analysis,
    options: &Options,
    progress: &mut dyn FnMut(Stage, f64),
) -> Result<Output, Error> {
    progress(Stage::Writing, 0.0);
    let xlsx = render::render(&a, options)?;
    progress(Stage::Writing, 1.0);
    Ok(Output {
        xlsx,
        items: a.items,
        summary: a.summary,
        added_columns: a.added_columns,
        left: a.left,
    })
}

/// [`analyze`] with a progress callback, for shells that show the counts and
/// the preview before they build the workbook ([`render`] builds it from the
/// analysis: the same bytes as [`build_worklist`]).
///
/// ```
/// use retention_worklist::{analyze_with_progress, build_worklist, render, Options};
/// let o = Options::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
/// let csv = b"id,payment_failed\nT-1,yes\n";
/// let a = analyze_with_progress(csv, &o, &mut |_, _| {}).unwrap();
/// assert_eq!(render(&a, &o).unwrap(), build_worklist(csv, &o).unwrap().xlsx);
/// ```
pub fn analyze_with_progress(
    input: &[u8],
    options: &Options,
    progress: &mut dyn FnMut(Stage, f64),
) -> Result<Analysis, Error> {
    analyze::analyze(input, None, options, progress)
}

/// [`analyze_with_progress`] carrying the previous worklist (see
/// [`build_worklist_with_previous`]).
pub fn analyze_with_previous(
    input: &[u8],
    previous: Option<&[u8]>,
    options: &Options,
    progress: &mut dyn FnMut(Stage, f64),
) -> Result<Analysis, Error> {
    analyze::analyze(input, previous, options, progress)
}

/// Reads, classifies and plans, without rendering.
///
/// ```
/// use retention_worklist::{analyze, Options};
/// let o = Options::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
/// let a = analyze(b"id,payment_failed\nT-1,yes\nT-2,no\n", &o).unwrap();
/// assert_eq!((a.summary.critical, a.summary.no_risk), (1, 1));
/// ```
pub fn analyze(input: &[u8], options: &Options) -> Result<Analysis, Error> {
    analyze::analyze(input, None, options, &mut |_, _| {})
}

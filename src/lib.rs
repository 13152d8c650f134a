//! # retention-worklist
//!
//! Turns a SaaS tenant export (CSV) into the day's retention and upselling
//! worklist (XLSX), following ImagineCRM's operating protocol: 🔴 CRÍTICO
//! (failed payment), 🟠 ALTO (trial ends in ≤ 3 days), 🟡 MEDIO (4–7 days),
//! 🔵 INFORMATIVO (> 90 % of the monthly message limit).
//!
//! The pipeline, one module per step:
//!
//! 1. [`read`]: bytes → text → table → typed rows, with every data problem.
//! 2. [`classify`]: typed facts → the most urgent risk level.
//! 3. [`plan`]: level → action, email subject and draft, goal.
//! 4. [`render`]: worklist → XLSX bytes.
//!
//! This crate is the pure core: plain data in, plain data out. It reads no
//! clock, file, terminal or JavaScript; the CLI (`src/main.rs`) and the
//! WebAssembly API (`src/wasm.rs`) are thin shells around [`build_worklist`],
//! which is why both produce the same bytes.
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

pub mod classify;
pub mod error;
pub mod options;
pub mod plan;
pub mod read;
pub mod render;
pub mod report;
pub mod text;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use classify::Level;
pub use error::Error;
pub use options::{parse_as_of, DateOrder, Lang, Options, ReportZone, Thresholds};
pub use read::columns::Field;
pub use read::Problem;
pub use report::{PreviewRow, Summary};

use plan::{Contact, WorkItem};
use read::values::Expected;
use read::{RowContext, Table};
use report::{ColumnUse, ExecutiveCounts, ProblemOut, RuleNotEvaluated};
use std::collections::BTreeMap;

/// The stages a run goes through, reported to a progress callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Decoding and reading the records (with the fraction of bytes read).
    Reading,
    /// Sorting and planning the worklist.
    Classifying,
    /// Writing the workbook.
    Writing,
}

impl Stage {
    /// The stage's name as passed to JavaScript (`reading`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Reading => "reading",
            Stage::Classifying => "classifying",
            Stage::Writing => "writing",
        }
    }
}

/// The classified worklist, before rendering.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// At-risk tenants, most urgent first.
    pub items: Vec<WorkItem>,
    /// Every data problem, in file order.
    pub problems: Vec<Problem>,
    /// Counts and facts.
    pub summary: Summary,
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
}

impl Output {
    /// The rows the page shows.
    pub fn preview(&self) -> Vec<PreviewRow> {
        self.items
            .iter()
            .map(|w| PreviewRow::new(w, self.summary.lang))
            .collect()
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
    let a = analyze_with_progress(input, options, progress)?;
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
    let a = analyze_with_progress(&input, options, progress)?;
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
    let xlsx = render::render(&a.items, &a.problems, &a.summary, options)?;
    progress(Stage::Writing, 1.0);
    Ok(Output {
        xlsx,
        items: a.items,
        summary: a.summary,
    })
}

/// Reads, classifies and plans, without rendering.
pub fn analyze(input: &[u8], options: &Options) -> Result<Analysis, Error> {
    analyze_with_progress(input, options, &mut |_, _| {})
}

fn analyze_with_progress(
    input: &[u8],
    o: &Options,
    progress: &mut dyn FnMut(Stage, f64),
) -> Result<Analysis, Error> {
    o.validate()?;
    progress(Stage::Reading, 0.0);
    let decoded = read::decode::decode(input)?;
    let table = Table::open(&decoded.text, &o.columns)?;
    let (date_order, order_source) = table.date_order(o.date_order, o.tz);
    let ctx = RowContext {
        zone: o.tz,
        date_order,
        as_of: o.as_of,
    };

    let mut counts = [0u64; 4];
    let (mut rows, mut no_risk, mut rejected, mut blank) = (0u64, 0u64, 0u64, 0u64);
    let mut problems = Vec::new();
    let mut items = Vec::new();
    // Every id is remembered to report duplicates. Pre-sized from the input
    // (a row is rarely under 100 bytes; ids are a small part of a row), so it
    // never rehashes.
    let mut seen_ids = read::ids::IdSet::with_capacity(input.len() / 100, input.len() / 12);
    let total_bytes = decoded.text.len().max(1) as f64;
    // A large file is read on a second thread, a batch ahead (same records,
    // same order); small files gain nothing from it.
    let threaded = decoded.text.len() >= 1 << 20;
    table.for_each_record(threaded, |line, rec, byte_offset| {
        if read::is_blank(rec) {
            blank += 1;
            return;
        }
        rows += 1;
        if rows % 65_536 == 0 {
            progress(Stage::Reading, byte_offset as f64 / total_bytes);
        }
        let Some(row) = table.parse_row(rec, line, &ctx, &mut problems) else {
            rejected += 1;
            return;
        };
        let who = if row.id.is_empty() { row.name } else { row.id };
        if !row.id.is_empty() && !seen_ids.insert(row.id) {
            problems.push(table.problem(
                line,
                who,
                Some(Field::TenantId),
                row.id,
                Expected::UniqueId,
            ));
        }
        let Some(c) = classify::classify(&row.signals, &o.thresholds) else {
            no_risk += 1;
            return;
        };
        counts[c.level as usize] += 1;
        // Text over Excel's cell limit is cut here, once, and reported.
        let mut text_of = |field: Field, value: &str| -> String {
            let (fitted, cut) = render::fit_cell(value, o.lang);
            if cut {
                problems.push(table.problem(line, who, Some(field), value, Expected::CellLength));
            }
            fitted
        };
        let contact = Contact {
            id: text_of(Field::TenantId, row.id),
            name: text_of(Field::TenantName, row.name),
            owner: text_of(Field::OwnerName, table.cell(rec, Field::OwnerName)),
            email: text_of(Field::OwnerEmail, table.cell(rec, Field::OwnerEmail)),
            phone: text_of(Field::OwnerPhone, table.cell(rec, Field::OwnerPhone)),
            executive: text_of(
                Field::AccountExecutive,
                table.cell(rec, Field::AccountExecutive),
            ),
            plan: text_of(Field::Plan, table.cell(rec, Field::Plan)),
        };
        let item = plan::plan(
            line,
            contact,
            row.trial_end,
            row.signals.days_left,
            row.signals.usage,
            &c,
            o,
        );
        // The plan already judged the address (no link for a bad one).
        if !item.email_ok && !item.contact.email.is_empty() {
            problems.push(table.problem(
                line,
                who,
                Some(Field::OwnerEmail),
                &item.contact.email,
                Expected::Email,
            ));
        }
        items.push(item);
    });
    progress(Stage::Reading, 1.0);
    progress(Stage::Classifying, 0.0);
    let items = plan::sort_by_urgency(items);
    problems.sort_by_key(|p| p.line);

    let lang = o.lang;
    let mut rules_not_evaluated = Vec::new();
    if !table.can_evaluate_payment() {
        rules_not_evaluated.push(RuleNotEvaluated {
            level: Level::Critical,
            reason: text::rule_not_evaluated(Level::Critical, lang),
        });
    }
    if !table.can_evaluate_trial() {
        rules_not_evaluated.push(RuleNotEvaluated {
            level: Level::High,
            reason: text::rule_not_evaluated(Level::High, lang),
        });
    }
    if !table.can_evaluate_usage() {
        rules_not_evaluated.push(RuleNotEvaluated {
            level: Level::Info,
            reason: text::rule_not_evaluated(Level::Info, lang),
        });
    }
    let mut by_exec: BTreeMap<&str, [u64; 4]> = BTreeMap::new();
    for w in &items {
        by_exec.entry(w.contact.executive.as_str()).or_default()[w.level as usize] += 1;
    }
    let by_executive = by_exec
        .into_iter()
        .map(|(e, c)| ExecutiveCounts {
            executive: e.to_string(),
            critical: c[0],
            high: c[1],
            medium: c[2],
            info: c[3],
        })
        .collect();
    let mut notices = Vec::new();
    if decoded.had_replacements {
        notices.push(match lang {
            Lang::Es => "Algunos bytes no se pudieron decodificar y se reemplazaron por «�». Revisa la codificación del export.".to_string(),
            Lang::En => "Some bytes could not be decoded and were replaced with \"�\". Check the export's encoding.".to_string(),
        });
    }
    if decoded.encoding == read::decode::TextEncoding::Windows1252 {
        notices.push(match lang {
            Lang::Es => {
                "El archivo no era UTF-8: se leyó como Windows-1252 (Excel en Windows).".to_string()
            }
            Lang::En => "The file was not UTF-8: it was read as Windows-1252 (Excel on Windows)."
                .to_string(),
        });
    }
    let summary = Summary {
        rows,
        critical: counts[0],
        high: counts[1],
        medium: counts[2],
        info: counts[3],
        no_risk,
        rejected,
        problems: problems.len() as u64,
        blank_rows: blank,
        encoding: decoded.encoding.as_str(),
        delimiter: read::dialect::delimiter_name(table.dialect.delimiter),
        date_order: date_order.as_str(),
        date_order_source: order_source,
        as_of: o.as_of.format("%Y-%m-%d").to_string(),
        tz: o.tz.to_string(),
        file_name: o.file_name.clone(),
        lang,
        product_name: o.product_name.clone(),
        thresholds: o.thresholds,
        rules_not_evaluated,
        columns: table
            .map
            .found
            .iter()
            .map(|(f, h)| ColumnUse {
                field: f.name(),
                header: h.clone(),
            })
            .collect(),
        unknown_columns: table.map.unknown.clone(),
        duplicate_columns: table.map.duplicates.clone(),
        notices,
        by_executive,
        problem_list: problems.iter().map(|p| ProblemOut::new(p, lang)).collect(),
    };
    progress(Stage::Classifying, 1.0);
    Ok(Analysis {
        items,
        problems,
        summary,
    })
}

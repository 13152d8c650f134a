//! The result of a run as facts: the summary every shell shows (CLI
//! `--json`, the page's cards, the Resumen sheet). Numbers, codes and field
//! names only: the same bytes in every language.

use super::history::HistoryRow;
use super::level::Level;
use super::money::MrrAtRisk;
use super::problem::{DateOrderSource, Notice, Problem, RuleNotEvaluated};
use super::signal::Thresholds;
use super::tracking::Changes;
use serde::Serialize;

/// Counts and facts about a run. Field names are the CLI's `--json` keys.
///
/// Invariant: `rows == critical + high + medium + info + no_risk + rejected`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Data records read (blank spacer rows excluded).
    pub rows: u64,
    /// 🔴 CRÍTICO tenants.
    pub critical: u64,
    /// 🟠 ALTO tenants.
    pub high: u64,
    /// 🟡 MEDIO tenants.
    pub medium: u64,
    /// 🔵 INFORMATIVO tenants.
    pub info: u64,
    /// Tenants with no risk (including canceled ones).
    pub no_risk: u64,
    /// Rows rejected for having neither id nor name.
    pub rejected: u64,
    /// Number of data problems listed (a row can have several).
    pub problems: u64,
    /// Rows whose every cell was blank, skipped (Excel leaves them).
    pub blank_rows: u64,
    /// The detected encoding (for a workbook: its format, `xlsx`, `xls`, `ods`).
    pub encoding: &'static str,
    /// The sheet read, when the export is a workbook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The workbook's other sheets, skipped (hidden, empty or without the
    /// columns of a tenant export).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped_sheets: Vec<String>,
    /// The delimiter (`\t` for tab).
    pub delimiter: &'static str,
    /// `dmy` or `mdy`.
    pub date_order: &'static str,
    /// `option`, `default` or `detected`.
    pub date_order_source: DateOrderSource,
    /// The report date, `YYYY-MM-DD`.
    pub as_of: String,
    /// The report time zone.
    pub tz: String,
    /// The source file name.
    pub file_name: String,
    /// The product name used in emails.
    pub product_name: String,
    /// The thresholds applied.
    pub thresholds: Thresholds,
    /// Rules that could not be evaluated because their columns are absent.
    pub rules_not_evaluated: Vec<RuleNotEvaluated>,
    /// Recognised columns: field and header as written.
    pub columns: Vec<ColumnUse>,
    /// Header cells that matched no field.
    pub unknown_columns: Vec<String>,
    /// Header cells ignored because an earlier column has the same field.
    pub duplicate_columns: Vec<String>,
    /// File-level notices (decoding replacements…), as codes.
    pub notices: Vec<Notice>,
    /// Counts per account executive and level, sorted by executive.
    pub by_executive: Vec<ExecutiveCounts>,
    /// The worklist's MRR per currency and level, sorted by currency, when
    /// the export has money columns (amounts in different currencies are
    /// never added together).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mrr_at_risk: Option<Vec<MrrAtRisk>>,
    /// The previous worklist, when one was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<PreviousFacts>,
    /// Today's own worklist from an earlier run, when one was given (the
    /// archive's file for today): what the team typed in it is kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub same_day: Option<PreviousFacts>,
    /// The changes against the previous worklist, when one was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Changes>,
    /// Worklist rows that took values from the previous worklist.
    pub carried: u64,
    /// Overdue rows (VENCIDO) per level that has a deadline.
    pub overdue: OverdueCounts,
    /// The worklist over days, oldest first: the previous worklist's
    /// history and today's row (one row without a previous worklist).
    pub history: Vec<HistoryRow>,
    /// Every data problem, in file order (the previous worklist's last).
    pub problem_list: Vec<Problem>,
}

/// The previous worklist a run carried from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviousFacts {
    /// Its file name, as given.
    pub file_name: String,
    /// Its as-of date (`YYYY-MM-DD`), when it records one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// The worklist sheets read.
    pub sheets: Vec<String>,
    /// Its rows (tenants).
    pub rows: u64,
    /// The columns the team added, carried after the tool's.
    pub added_columns: Vec<String>,
}

impl Summary {
    /// The count for one level.
    pub fn count(&self, level: Level) -> u64 {
        match level {
            Level::Critical => self.critical,
            Level::High => self.high,
            Level::Medium => self.medium,
            Level::Info => self.info,
        }
    }
}

/// Overdue worklist rows (VENCIDO): CRÍTICO and ALTO rows still at their
/// first `Estado` past their deadline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct OverdueCounts {
    /// 🔴 CRÍTICO rows overdue.
    pub critical: u64,
    /// 🟠 ALTO rows overdue.
    pub high: u64,
}

impl OverdueCounts {
    /// Counts an overdue row of `level` (other levels have no deadline).
    pub fn add(&mut self, level: Level) {
        match level {
            Level::Critical => self.critical += 1,
            Level::High => self.high += 1,
            Level::Medium | Level::Info => {}
        }
    }

    /// Every overdue row.
    pub fn total(&self) -> u64 {
        self.critical + self.high
    }
}

/// One recognised column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnUse {
    /// The canonical field name.
    pub field: &'static str,
    /// The header as written in the file.
    pub header: String,
}

/// Worklist counts for one account executive.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExecutiveCounts {
    /// The executive as written (empty: unassigned).
    pub executive: String,
    /// 🔴 CRÍTICO tenants.
    pub critical: u64,
    /// 🟠 ALTO tenants.
    pub high: u64,
    /// 🟡 MEDIO tenants.
    pub medium: u64,
    /// 🔵 INFORMATIVO tenants.
    pub info: u64,
    /// Their overdue rows (to escalate).
    pub overdue: u64,
    /// Payments recovered and trials converted that were theirs over the
    /// history's last days (only with a previous worklist: the Resumen's
    /// score).
    #[serde(skip)]
    pub score: Option<(u64, u64)>,
    /// Their MRR per currency and level (only when the export has money
    /// columns).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mrr_at_risk: Vec<MrrAtRisk>,
}

impl ExecutiveCounts {
    /// The counts in level order.
    pub fn counts(&self) -> [u64; 4] {
        [self.critical, self.high, self.medium, self.info]
    }
}

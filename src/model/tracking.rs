//! What the team's record carries from one day's worklist to the next: the
//! tracking cells of a row, how its level changed, and why a tenant left
//! the list. Facts only; the words are in [`crate::text`].

use super::level::Level;
use chrono::NaiveDate;
use serde::Serialize;

/// How a tenant on today's worklist compares with the previous worklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// Not on the previous list.
    New,
    /// On it at the same level.
    Same,
    /// More urgent than before.
    Up {
        /// The previous level.
        from: Level,
    },
    /// Less urgent than before, still on the list.
    Down {
        /// The previous level.
        from: Level,
    },
}

impl Change {
    /// The change as a code, as in `--json` (`new`, `same`, `up`, `down`).
    pub fn code(self) -> &'static str {
        match self {
            Change::New => "new",
            Change::Same => "same",
            Change::Up { .. } => "up",
            Change::Down { .. } => "down",
        }
    }

    /// Compares today's level with the previous one (`None`: not on the list).
    ///
    /// ```
    /// use retention_worklist::{Change, Level};
    /// assert_eq!(Change::of(None, Level::High), Change::New);
    /// assert_eq!(Change::of(Some(Level::Medium), Level::High), Change::Up { from: Level::Medium });
    /// assert_eq!(Change::of(Some(Level::Critical), Level::Info), Change::Down { from: Level::Critical });
    /// ```
    pub fn of(previous: Option<Level>, today: Level) -> Change {
        match previous {
            None => Change::New,
            Some(p) if p == today => Change::Same,
            // Levels are ordered most urgent first.
            Some(p) if today < p => Change::Up { from: p },
            Some(p) => Change::Down { from: p },
        }
    }
}

/// What the executive typed in `Posponer hasta`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Snooze {
    /// Nothing.
    #[default]
    None,
    /// A date (a date cell, or text that reads as one).
    Until(NaiveDate),
    /// Text that is not a date: carried as typed, and reported.
    Text(String),
}

/// A cell the team typed in a column of their own, carried as what it is.
/// A formula is carried as its text (`=1+1`), never as a live formula.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum CellValue {
    /// Nothing.
    #[default]
    Empty,
    /// Text (a formula's text too).
    Text(String),
    /// A number.
    Number(f64),
    /// TRUE/FALSE.
    Bool(bool),
    /// A date, or a date and time.
    Date(chrono::NaiveDateTime),
}

impl CellValue {
    /// Whether the cell holds nothing.
    pub fn is_empty(&self) -> bool {
        matches!(self, CellValue::Empty) || matches!(self, CellValue::Text(t) if t.is_empty())
    }
}

/// The tracking cells of a worklist row: what the team typed (carried from
/// the previous worklist) and what the engine decided about it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tracking {
    /// `Estado` as typed on the previous list (`None`: the first state).
    pub status: Option<String>,
    /// `Notas` as typed.
    pub notes: String,
    /// `Posponer hasta`.
    pub snooze: Snooze,
    /// `En lista desde`: the as-of date the tenant first appeared.
    pub since: Option<NaiveDate>,
    /// The change since the previous list (`None`: no previous list given).
    pub change: Option<Change>,
    /// Snoozed today: the snooze date is after the as-of date and the tenant
    /// did not get more urgent. The row goes below every active row.
    pub snoozed: bool,
    /// A snooze date after the as-of date that no longer applies because the
    /// tenant got more urgent.
    pub snooze_lifted: bool,
    /// The values of the columns the team added, in the order of
    /// [`crate::Analysis::added_columns`] (empty when it has none).
    pub added: Vec<CellValue>,
    /// Whether anything came from the previous worklist.
    pub carried: bool,
    /// Days past its level's deadline, when the row is overdue (VENCIDO): a
    /// CRÍTICO or ALTO still at its first `Estado`, not snoozed.
    pub overdue: Option<u32>,
}

listed_enum! {
    /// Why a tenant on the previous list is not on today's.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Departure {
        /// It was 🔴 CRÍTICO and has no risk today: the payment was recovered.
        PaymentRecovered,
        /// It was on trial (🟠/🟡) and is an active subscription today.
        TrialConverted,
        /// No risk today, for another reason.
        NoRisk,
        /// Its subscription is canceled.
        Canceled,
        /// Not in today's export.
        NotInExport,
    }
    /// Every outcome, in the order the Changes sheet counts them.
    const ALL;
}

/// A tenant that left the list, with what the team had typed for it.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftRow {
    /// Tenant id as on the previous list.
    pub id: String,
    /// Tenant name as on the previous list.
    pub name: String,
    /// Its account executive on the previous list.
    pub executive: String,
    /// Its level on the previous list, when readable.
    pub level: Option<Level>,
    /// Why it left.
    pub why: Departure,
    /// The tracking cells it had (status, notes, snooze, since, added columns).
    pub tracking: Tracking,
    /// Its row on the previous worklist's sheet (1-based).
    pub row: u64,
}

/// The day's changes against the previous worklist (the `changes` of
/// `--json`). `new + same + up + down` is the worklist's row count.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Changes {
    /// Not on the previous list.
    pub new: u64,
    /// Same level.
    pub same: u64,
    /// More urgent.
    pub up: u64,
    /// Less urgent.
    pub down: u64,
    /// Snoozed today (below the active rows).
    pub snoozed: u64,
    /// On the previous list, not on today's.
    pub left: u64,
    /// The tenants that left, by why.
    pub left_by: LeftCounts,
}

/// The tenants that left, counted by [`Departure`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[allow(missing_docs)] // one count per Departure, same names
pub struct LeftCounts {
    pub payment_recovered: u64,
    pub trial_converted: u64,
    pub no_risk: u64,
    pub canceled: u64,
    pub not_in_export: u64,
}

impl LeftCounts {
    /// Counts one departure.
    pub fn add(&mut self, d: Departure) {
        *self.slot(d) += 1;
    }

    /// The count of one departure.
    pub fn get(&self, d: Departure) -> u64 {
        match d {
            Departure::PaymentRecovered => self.payment_recovered,
            Departure::TrialConverted => self.trial_converted,
            Departure::NoRisk => self.no_risk,
            Departure::Canceled => self.canceled,
            Departure::NotInExport => self.not_in_export,
        }
    }

    /// The count of one departure, to set.
    pub fn slot(&mut self, d: Departure) -> &mut u64 {
        match d {
            Departure::PaymentRecovered => &mut self.payment_recovered,
            Departure::TrialConverted => &mut self.trial_converted,
            Departure::NoRisk => &mut self.no_risk,
            Departure::Canceled => &mut self.canceled,
            Departure::NotInExport => &mut self.not_in_export,
        }
    }
}

listed_enum! {
    /// The worklist sheet's columns, in the sheet's order (the team's own
    /// columns follow them). `Mrr` is written only when the export has money
    /// columns.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    #[allow(missing_docs)] // each names the column of the same name
    pub enum WorklistColumn {
        Level,
        Days,
        Id,
        Tenant,
        Owner,
        Phone,
        Email,
        Executive,
        Plan,
        Mrr,
        Reason,
        Action,
        Status,
        Notes,
        Change,
        Snooze,
        Since,
        TrialEnd,
        Usage,
        Subject,
        Draft,
        Goal,
        OtherSignals,
        Line,
    }
    /// Every column the tool writes, in the sheet's order.
    const ALL;
}

impl WorklistColumn {
    /// Whether a workbook writes this column only for some exports (the MRR
    /// column, for an export with money columns).
    pub fn optional(self) -> bool {
        self == WorklistColumn::Mrr
    }
}

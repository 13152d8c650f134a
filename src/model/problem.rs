//! What can be wrong, as facts: a cell's problem, a file-level notice, a rule
//! that could not be evaluated, an option that cannot be used. The words for
//! each are chosen by [`crate::text`] in the language asked for.

use super::field::Field;
use super::level::Level;
use serde::Serialize;

/// What a cell should have contained. Serialized as a code
/// (`"expected": "date"`) plus the numbers some codes carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "expected", rename_all = "snake_case")]
pub enum Expected {
    /// true/false, 1/0, yes/no, sí/no, x/empty.
    Boolean,
    /// A whole number ≥ 0, thousands separators allowed.
    Count,
    /// A real calendar date in a known layout.
    Date,
    /// A subscription status word.
    Status,
    /// A payment status word.
    PaymentStatus,
    /// A tenant id or name (the row has neither).
    Identity,
    /// An amount of money (`33.00`, `1.234,56`).
    Amount,
    /// A billing interval: month, year, week, day (or Spanish words).
    Interval,
    /// A whole number ≥ 1 of intervals per bill.
    IntervalCount,
    /// A currency's ISO 4217 code (`USD`, `MXN`).
    Currency,
    /// The id appears once (a duplicate).
    UniqueId,
    /// An email address (something@domain).
    Email,
    /// Text within Excel's 32,767-character cell limit.
    CellLength,
    /// The row has a different number of fields than the header.
    FieldCount {
        /// The header's number of fields.
        header_fields: usize,
    },
    /// A date consistent with the file's date order.
    DateInOrder,
    /// A field whose inner lines look like records: a quote left open
    /// swallowed `lines` rows, which were not read separately.
    SwallowedLines {
        /// How many lines inside the field look like rows.
        lines: u64,
    },
    /// A snooze date in the previous worklist (`Posponer hasta`): the text
    /// is carried as typed, and the row is not snoozed.
    SnoozeDate,
    /// A tenant listed once in the previous worklist: a second row's typed
    /// values were not carried.
    ListedOnce,
    /// A previous worklist row with a tenant ID or name: its typed values
    /// could not be matched to a tenant.
    PreviousIdentity,
}

/// The tenant a row is about, as problems and lists name it: its id, else
/// its name (empty when it has neither).
///
/// ```
/// use retention_worklist::who;
/// assert_eq!(who("T-1", "Acme"), "T-1");
/// assert_eq!(who("", "Acme"), "Acme");
/// ```
pub fn who<'a>(id: &'a str, name: &'a str) -> &'a str {
    if id.is_empty() {
        name
    } else {
        id
    }
}

/// A data problem: where it is, what was there and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Line where the record starts in the file, as an editor shows it
    /// (newlines inside quoted fields count).
    pub line: u64,
    /// The tenant's id or name (shortened), empty when the row has neither.
    pub tenant: String,
    /// The column header as written in the file (or the field name).
    pub column: String,
    /// The field of that column, when it is one the engine reads.
    pub field: Option<Field>,
    /// The cell, when the export is a workbook (`Hoja1!I19`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// The offending value (shortened when very long).
    pub value: String,
    /// What the cell should have contained.
    #[serde(flatten)]
    pub expected: Expected,
}

impl Problem {
    /// The column, with the cell when there is one: `Fecha fin (Hoja1!I19)`.
    pub fn place(&self) -> String {
        match &self.cell {
            Some(cell) if self.column.is_empty() => cell.clone(),
            Some(cell) => format!("{} ({cell})", self.column),
            None => self.column.clone(),
        }
    }
}

/// How the date order was chosen, for the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrderSource {
    /// Given as an option.
    Option,
    /// Day first, the default: nothing in the file says otherwise.
    Default,
    /// Detected from the values (a part greater than 12).
    Detected,
}

/// Something about the whole file a person should know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Notice {
    /// Some bytes could not be decoded and were replaced with U+FFFD.
    ReplacedBytes,
    /// The file was not UTF-8 and was read as Windows-1252.
    Windows1252,
}

/// A rule that was not evaluated because its columns are absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleNotEvaluated {
    /// The level the rule gives (ALTO stands for ALTO and MEDIO).
    pub level: Level,
    /// The fields it needs, none of which (or not all of which) the file has.
    pub missing: Vec<Field>,
}

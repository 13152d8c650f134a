//! The ground floor: plain types that every layer above shares.
//!
//! Levels, fields, subscription statuses, the signals the rules look at, what
//! a cell should have contained, the language asked for. No words live here
//! (those are in [`crate::text`]) and nothing here imports from the crate: every
//! other module may import from this one.

/// An enum and its `ALL` array (every variant, in declaration order) from one
/// list, so that a new variant cannot be left out of `ALL`. The attributes
/// and doc comment written after the enum are `ALL`'s.
macro_rules! listed_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident, )*
        }
        $(#[$all_meta:meta])*
        const ALL;
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$variant_meta])* $variant, )*
        }

        impl $name {
            $(#[$all_meta])*
            pub const ALL: [$name; [$(stringify!($variant)),*].len()] = [$($name::$variant),*];
        }
    };
}

mod field;
mod history;
mod lang;
mod level;
mod money;
mod option;
mod problem;
mod signal;
mod summary;
mod tracking;

pub use field::{normalize_header, split_note, Field};
pub use history::{ExecutiveDay, History, HistoryRow, MAX_HISTORY_DAYS, SCORE_DAYS};
pub use lang::Lang;
pub use level::{Level, LevelCounts};
pub use money::{Interval, Mrr, MrrAtRisk, WHOLE_CURRENCIES};
pub use option::{
    Defaults, OptionDef, OptionDefault, OptionKind, OptionName, OptionPlace, DEFAULTS, OPTIONS,
};
pub use problem::{who, DateOrderSource, Expected, Notice, Problem, RuleNotEvaluated};
pub use signal::{
    Deadlines, Decline, DeclineKind, PaymentFailure, Signal, Signals, Status, Thresholds,
};
pub use summary::{ColumnUse, ExecutiveCounts, OverdueCounts, PreviousFacts, Summary};
pub use tracking::{
    CellValue, Change, Changes, Departure, LeftCounts, LeftRow, Snooze, Tracking, WorklistColumn,
};

use serde::Serialize;

/// Excel's limit of rows per sheet.
pub const MAX_SHEET_ROWS: usize = 1_048_576;

/// Excel's limit of characters in a cell (counted in UTF-16 units).
pub const MAX_CELL_CHARS: usize = 32_767;

/// How to read ambiguous `NN/NN/YYYY` dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Day first (`25/11/2026`), the Spanish-speaking default.
    Dmy,
    /// Month first (`11/25/2026`).
    Mdy,
}

impl DateOrder {
    /// The short name used in summaries and options (`dmy`, `mdy`).
    pub fn as_str(self) -> &'static str {
        match self {
            DateOrder::Dmy => "dmy",
            DateOrder::Mdy => "mdy",
        }
    }
}

/// The stages a run goes through, reported to a progress callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading the previous worklist, when one is given (before the export:
    /// a shell can tell which input a run that ran out of memory was reading).
    Previous,
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
            Stage::Previous => "previous",
            Stage::Reading => "reading",
            Stage::Classifying => "classifying",
            Stage::Writing => "writing",
        }
    }
}

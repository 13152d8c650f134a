//! The protocol's four risk levels.

use serde::Serialize;

listed_enum! {
    /// The protocol's four risk levels, most urgent first.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
    #[serde(rename_all = "lowercase")]
    pub enum Level {
        /// 🔴 CRÍTICO: a payment failed.
        Critical,
        /// 🟠 ALTO: the trial ends in ≤ 3 days (or already ended).
        High,
        /// 🟡 MEDIO: the trial ends in 4–7 days.
        Medium,
        /// 🔵 INFORMATIVO: more than 90 % of the monthly message limit used.
        Info,
    }
    /// All levels, most urgent first.
    const ALL;
}

impl Level {
    /// The machine name used in JSON (`critical`, `high`, `medium`, `info`).
    pub fn key(self) -> &'static str {
        match self {
            Level::Critical => "critical",
            Level::High => "high",
            Level::Medium => "medium",
            Level::Info => "info",
        }
    }

    /// The level's emoji, as in the protocol (the same in every language).
    pub fn emoji(self) -> &'static str {
        match self {
            Level::Critical => "🔴",
            Level::High => "🟠",
            Level::Medium => "🟡",
            Level::Info => "🔵",
        }
    }
}

/// A count per level, indexed by [`Level`].
///
/// ```
/// use retention_worklist::{Level, LevelCounts};
/// let mut c = LevelCounts::default();
/// c.add(Level::High);
/// c.add(Level::High);
/// assert_eq!((c.get(Level::High), c.total()), (2, 2));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LevelCounts([u64; 4]);

impl LevelCounts {
    /// Counts one more tenant at `level`.
    pub fn add(&mut self, level: Level) {
        self.0[level as usize] += 1;
    }

    /// The count at `level`.
    pub fn get(&self, level: Level) -> u64 {
        self.0[level as usize]
    }

    /// The counts of every level added up.
    pub fn total(&self) -> u64 {
        self.0.iter().sum()
    }
}

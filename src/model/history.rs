//! The worklist over days: one row per report date (the `Historial` sheet,
//! `history` in `--json`) and one per date and account executive (the
//! executives' score). Carried from the previous worklist's own history and
//! extended with today's row. Facts only.

use super::level::Level;
use super::tracking::LeftCounts;
use chrono::NaiveDate;
use serde::{Serialize, Serializer};

/// The most report dates a workbook's history keeps (the oldest go first).
pub const MAX_HISTORY_DAYS: usize = 400;

/// How many days back the executives' score counts (today included).
pub const SCORE_DAYS: i64 = 30;

fn iso_date<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&d.format("%Y-%m-%d"))
}

/// One report date's worklist, counted.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct HistoryRow {
    /// The report date.
    #[serde(serialize_with = "iso_date")]
    pub as_of: NaiveDate,
    /// 🔴 CRÍTICO rows.
    pub critical: u64,
    /// 🟠 ALTO rows.
    pub high: u64,
    /// 🟡 MEDIO rows.
    pub medium: u64,
    /// 🔵 INFORMATIVO rows.
    pub info: u64,
    /// Rows snoozed that day.
    pub snoozed: u64,
    /// Rows new since the day before.
    pub new: u64,
    /// Rows more urgent than the day before.
    pub up: u64,
    /// Rows less urgent than the day before.
    pub down: u64,
    /// Tenants that left the list.
    pub left: u64,
    /// Overdue rows (VENCIDO).
    pub overdue: u64,
    /// Why they left.
    #[serde(skip)]
    pub left_by: LeftCounts,
    /// The MRR on the list per currency (hundredths), sorted by currency;
    /// empty when the export had no money columns.
    #[serde(skip)]
    pub mrr: Vec<(String, i64)>,
}

impl HistoryRow {
    /// The count of one level.
    pub fn count(&self, level: Level) -> u64 {
        match level {
            Level::Critical => self.critical,
            Level::High => self.high,
            Level::Medium => self.medium,
            Level::Info => self.info,
        }
    }
}

/// One account executive's worklist on one report date: what stays open,
/// what is overdue, and what they got back (tenants that left their list
/// because the payment was recovered or the trial converted).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExecutiveDay {
    /// The report date.
    pub as_of: NaiveDate,
    /// The executive as written (empty: unassigned).
    pub executive: String,
    /// Open rows per level, in [`Level::ALL`] order.
    pub open: [u64; 4],
    /// Their overdue rows.
    pub overdue: u64,
    /// Their tenants whose payment was recovered that day.
    pub recovered: u64,
    /// Their tenants whose trial converted that day.
    pub converted: u64,
}

/// The history a workbook carries: its days, oldest first, and its
/// executives' days (by date, then executive).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct History {
    /// One row per report date.
    pub days: Vec<HistoryRow>,
    /// One row per report date and executive.
    pub executives: Vec<ExecutiveDay>,
}

impl History {
    /// This history with `today`'s rows: a date already there is replaced,
    /// then the oldest dates beyond [`MAX_HISTORY_DAYS`] are dropped.
    ///
    /// ```
    /// use retention_worklist::{History, HistoryRow};
    /// use chrono::NaiveDate;
    /// let day = |d| HistoryRow { as_of: NaiveDate::from_ymd_opt(2026, 11, d).unwrap(), critical: d.into(), ..Default::default() };
    /// let h = History { days: vec![day(24), day(25)], executives: vec![] };
    /// let mut today = day(25);
    /// today.critical = 9;
    /// let h = h.with_today(today, vec![]);
    /// assert_eq!(h.days.iter().map(|r| r.critical).collect::<Vec<_>>(), [24, 9]);
    /// ```
    pub fn with_today(mut self, today: HistoryRow, executives: Vec<ExecutiveDay>) -> History {
        let date = today.as_of;
        self.days.retain(|r| r.as_of != date);
        self.days.push(today);
        self.days.sort_by_key(|r| r.as_of);
        let drop = self.days.len().saturating_sub(MAX_HISTORY_DAYS);
        self.days.drain(..drop);
        let first = self.days.first().map(|r| r.as_of);
        self.executives
            .retain(|e| e.as_of != date && first.is_some_and(|f| e.as_of >= f));
        self.executives.extend(executives);
        self.executives
            .sort_by(|a, b| (a.as_of, &a.executive).cmp(&(b.as_of, &b.executive)));
        self
    }

    /// An executive's payments recovered and trials converted over the
    /// [`SCORE_DAYS`] days up to `as_of`.
    pub fn score(&self, executive: &str, as_of: NaiveDate) -> (u64, u64) {
        let from = as_of - chrono::Duration::days(SCORE_DAYS - 1);
        self.executives
            .iter()
            .filter(|e| e.executive == executive && e.as_of >= from && e.as_of <= as_of)
            .fold((0, 0), |(r, c), e| (r + e.recovered, c + e.converted))
    }
}

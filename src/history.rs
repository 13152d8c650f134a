//! Today's line of the history: the day's counts (a row of the `Historial`
//! sheet, `history` in `--json`) and each account executive's day, added to
//! the history the previous worklist carried.

use crate::model::{
    Changes, Departure, ExecutiveDay, History, HistoryRow, LeftRow, Level, LevelCounts, MrrAtRisk,
    OverdueCounts,
};
use crate::plan::WorkItem;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// What a day's history row is made of.
pub(crate) struct Day<'a> {
    pub as_of: NaiveDate,
    pub items: &'a [WorkItem],
    pub levels: &'a LevelCounts,
    pub changes: Option<&'a Changes>,
    pub overdue: OverdueCounts,
    pub mrr: Option<&'a [MrrAtRisk]>,
    pub left: &'a [LeftRow],
}

/// The day's row: its counts; the changes and departures when there was a
/// previous worklist (else 0: nothing to compare with).
pub(crate) fn today_row(d: &Day) -> HistoryRow {
    let c = d.changes.cloned().unwrap_or_default();
    HistoryRow {
        as_of: d.as_of,
        critical: d.levels.get(Level::Critical),
        high: d.levels.get(Level::High),
        medium: d.levels.get(Level::Medium),
        info: d.levels.get(Level::Info),
        snoozed: d.items.iter().filter(|w| w.tracking.snoozed).count() as u64,
        new: c.new,
        up: c.up,
        down: c.down,
        left: c.left,
        overdue: d.overdue.total(),
        left_by: c.left_by,
        mrr: d
            .mrr
            .unwrap_or_default()
            .iter()
            .map(|m| {
                let total = m.critical + m.high + m.medium + m.info;
                (m.currency.clone(), (total * 100.0).round() as i64)
            })
            .collect(),
    }
}

/// Each account executive's day: their open rows per level, the overdue
/// ones, and their tenants that left because the payment was recovered or
/// the trial converted (by the executive they had on the previous list).
pub(crate) fn executive_days(d: &Day) -> Vec<ExecutiveDay> {
    let mut by: BTreeMap<&str, ExecutiveDay> = BTreeMap::new();
    for w in d.items {
        let e = by.entry(&w.contact.executive).or_default();
        e.open[w.level as usize] += 1;
        e.overdue += u64::from(w.tracking.overdue.is_some());
    }
    for l in d.left {
        match l.why {
            Departure::PaymentRecovered => by.entry(&l.executive).or_default().recovered += 1,
            Departure::TrialConverted => by.entry(&l.executive).or_default().converted += 1,
            _ => {}
        }
    }
    by.into_iter()
        .map(|(executive, e)| ExecutiveDay {
            as_of: d.as_of,
            executive: executive.to_string(),
            ..e
        })
        .collect()
}

/// The history with today's rows added to what the previous worklist
/// carried (empty without one).
pub(crate) fn extend(carried: History, d: &Day) -> History {
    carried.with_today(today_row(d), executive_days(d))
}

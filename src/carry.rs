//! Yesterday's worklist carried into today's: each tenant's tracking cells
//! (status, notes, snooze, since, the team's own columns) follow it by tenant
//! ID (by exact name when the export has no ID), its level is compared with
//! the previous one, snoozes are applied, and every tenant that left the
//! list is accounted for with why. Nothing typed is dropped: what cannot be
//! carried becomes a problem or a row of the Changes sheet.

use crate::classify::overdue;
use crate::model::{who, CellValue, Deadlines, Lang, Snooze, Status, Tracking};
use crate::model::{Change, Changes, Departure, Expected, LeftRow, Level, Problem};
use crate::plan::WorkItem;
use crate::read::previous::{Previous, PreviousRow};
use crate::read::shorten;
use crate::text::shared::words;
use crate::text::tracking::cell_text;
use crate::text::workbook::is_first_state;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use std::collections::hash_map::Entry;

/// Whether a previous row's tenant was found in today's export.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Seen {
    Not,
    OnList,
    Left(Departure),
}

/// Matches today's rows against the previous worklist as they are read.
pub(crate) struct Carrier<'p> {
    prev: &'p Previous,
    deadlines: Deadlines,
    by_id: FxHashMap<&'p str, u32>,
    by_name: FxHashMap<&'p str, u32>,
    seen: Vec<Seen>,
    /// Previous rows of a tenant listed twice: not carried (reported).
    repeated: Vec<u32>,
    as_of: NaiveDate,
    lang: Lang,
}

/// What carrying produced, for the analysis.
pub(crate) struct Carried {
    pub changes: Changes,
    pub carried: u64,
    pub left: Vec<LeftRow>,
    pub problems: Vec<Problem>,
}

impl<'p> Carrier<'p> {
    pub fn new(prev: &'p Previous, as_of: NaiveDate, deadlines: Deadlines, lang: Lang) -> Self {
        let mut c = Carrier {
            prev,
            deadlines,
            by_id: FxHashMap::default(),
            by_name: FxHashMap::default(),
            seen: vec![Seen::Not; prev.rows.len()],
            repeated: Vec::new(),
            as_of,
            lang,
        };
        for (i, r) in prev.rows.iter().enumerate() {
            let (map, key) = if r.id.is_empty() {
                (&mut c.by_name, r.name.as_str())
            } else {
                (&mut c.by_id, r.id.as_str())
            };
            // The first row of a tenant (in sheet order) is carried; a
            // repeated one is reported.
            match map.entry(key) {
                Entry::Occupied(_) => c.repeated.push(i as u32),
                Entry::Vacant(v) => {
                    v.insert(i as u32);
                }
            }
        }
        c
    }

    /// The previous worklist being carried from.
    pub fn previous(&self) -> &'p Previous {
        self.prev
    }

    fn find(&self, id: &str, name: &str) -> Option<usize> {
        let hit = if id.is_empty() {
            self.by_name.get(name)
        } else {
            self.by_id.get(id)
        };
        hit.map(|&i| i as usize)
    }

    /// Carries a worklist row's tracking cells and decides its change.
    pub fn carry(&mut self, item: &mut WorkItem) {
        let Some(i) = self.find(&item.contact.id, &item.contact.name) else {
            item.tracking.change = self.prev.compare.then_some(Change::New);
            return;
        };
        self.seen[i] = Seen::OnList;
        let p = &self.prev.rows[i];
        let mut t = p.tracking.clone();
        // New today when only this morning's list had it; no change at all
        // without a day before to compare with.
        let before = (!p.same_day_only).then(|| p.level.unwrap_or(item.level));
        let change = Change::of(before, item.level);
        t.change = self.prev.compare.then_some(change);
        t.since = p.tracking.since.or(Some(self.as_of));
        if let Snooze::Until(d) = t.snooze {
            if d > self.as_of {
                let up = matches!(change, Change::Up { .. });
                t.snoozed = !up;
                t.snooze_lifted = up;
            }
        }
        // Still at the first Estado (nobody changed it) and not set aside.
        let untouched = t.status.as_deref().is_none_or(is_first_state);
        if untouched && !t.snoozed {
            if let Some(since) = t.since {
                t.overdue = overdue(item.level, since, self.as_of, &self.deadlines);
            }
        }
        item.tracking = t;
    }

    /// A tenant of today's export with no risk: if it was on the list, why it left.
    pub fn no_risk(&mut self, id: &str, name: &str, status: Option<Status>) {
        let Some(i) = self.find(id, name) else { return };
        if self.seen[i] != Seen::Not {
            return;
        }
        let why = match (self.prev.rows[i].level, status) {
            (_, Some(Status::Canceled)) => Departure::Canceled,
            (Some(Level::Critical), _) => Departure::PaymentRecovered,
            (Some(Level::High | Level::Medium), Some(Status::Active)) => Departure::TrialConverted,
            _ => Departure::NoRisk,
        };
        self.seen[i] = Seen::Left(why);
    }

    /// The changes, the tenants that left and the rows not carried.
    pub fn finish(self, items: &[WorkItem]) -> Carried {
        let mut changes = Changes::default();
        let mut carried = 0;
        for w in items {
            let t = &w.tracking;
            carried += u64::from(t.carried);
            changes.snoozed += u64::from(t.snoozed);
            match t.change {
                Some(Change::New) | None => changes.new += 1,
                Some(Change::Same) => changes.same += 1,
                Some(Change::Up { .. }) => changes.up += 1,
                Some(Change::Down { .. }) => changes.down += 1,
            }
        }
        let mut left = Vec::new();
        let mut repeated = self.repeated.iter().peekable();
        let mut problems = Vec::new();
        for (i, (r, seen)) in self.prev.rows.iter().zip(&self.seen).enumerate() {
            if repeated.peek().is_some_and(|&&k| k as usize == i) {
                repeated.next();
                problems.extend(not_carried(r, self.prev, self.lang));
                continue;
            }
            if r.same_day_only {
                continue;
            }
            let why = match seen {
                Seen::OnList => continue,
                Seen::Not => Departure::NotInExport,
                Seen::Left(d) => *d,
            };
            changes.left += 1;
            changes.left_by.add(why);
            left.push(LeftRow {
                id: r.id.clone(),
                name: r.name.clone(),
                executive: r.executive.clone(),
                level: r.level,
                why,
                tracking: r.tracking.clone(),
                row: r.row,
            });
        }
        problems.extend(self.prev.problems.iter().cloned());
        Carried {
            changes,
            carried,
            left,
            problems,
        }
    }
}

/// The typed cells of a repeated previous row, as problems (one per cell).
fn not_carried(r: &PreviousRow, prev: &Previous, lang: Lang) -> Vec<Problem> {
    let t = &r.tracking;
    let sheet = prev.sheets.get(r.sheet).map_or("", String::as_str);
    let place = format!("{sheet}!{}:{}", r.row, r.row);
    let headers = &words(lang).worklist;
    let mut cells: Vec<(&str, String)> = Vec::new();
    if let Some(s) = t.status.as_ref().filter(|s| !s.is_empty()) {
        cells.push((headers.status, s.clone()));
    }
    if !t.notes.is_empty() {
        cells.push((headers.notes, t.notes.clone()));
    }
    if let Snooze::Text(s) = &t.snooze {
        cells.push((headers.snooze, s.clone()));
    }
    for (h, v) in prev.added.iter().zip(&t.added) {
        if !v.is_empty() {
            cells.push((h, cell_text(v)));
        }
    }
    let who = who(&r.id, &r.name);
    cells
        .into_iter()
        .map(|(column, value)| Problem {
            line: r.row,
            tenant: shorten(who),
            column: column.to_string(),
            field: None,
            cell: Some(place.clone()),
            value: shorten(&value),
            expected: Expected::ListedOnce,
        })
        .collect()
}

/// The worklist to carry from when today's own worklist was already written
/// by an earlier run (a re-run at noon with a fresher export): what the team
/// typed in it today (`Estado`, notes, snoozes, their columns, as that
/// file's columns are) is kept, while the changes, the departures, the
/// overdue rows and the history stay measured against the day before
/// (`day_before`, when there is one), as in the morning.
pub(crate) fn with_same_day(day_before: Option<Previous>, today: Previous) -> Previous {
    let Some(mut base) = day_before else {
        return Previous {
            compare: false,
            ..today
        };
    };
    let key = |r: &PreviousRow| -> (bool, String) {
        if r.id.is_empty() {
            (false, r.name.clone())
        } else {
            (true, r.id.clone())
        }
    };
    let mut typed: FxHashMap<(bool, String), &PreviousRow> = FxHashMap::default();
    for r in &today.rows {
        typed.entry(key(r)).or_insert(r);
    }
    let remap = |values: &[CellValue], from: &[String]| -> Vec<CellValue> {
        today
            .added
            .iter()
            .map(|h| {
                from.iter()
                    .position(|f| f == h)
                    .and_then(|i| values.get(i).cloned())
                    .unwrap_or_default()
            })
            .collect()
    };
    let mut seen = rustc_hash::FxHashSet::default();
    for r in &mut base.rows {
        let k = key(r);
        match typed.get(&k) {
            Some(t) => {
                let since = r.tracking.since.or(t.tracking.since);
                r.tracking = Tracking {
                    since,
                    added: remap(&t.tracking.added, &today.added),
                    ..t.tracking.clone()
                };
                seen.insert(k);
            }
            None => r.tracking.added = remap(&r.tracking.added, &base.added),
        }
    }
    // On this morning's list but not the day before's: new today, typed in.
    for r in &today.rows {
        if !seen.contains(&key(r)) {
            base.rows.push(PreviousRow {
                same_day_only: true,
                tracking: Tracking {
                    added: remap(&r.tracking.added, &today.added),
                    ..r.tracking.clone()
                },
                ..r.clone()
            });
        }
    }
    base.added = today.added;
    base.problems.extend(today.problems);
    base
}

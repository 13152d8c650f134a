//! The previous worklist's history: its `Historial` sheet (one row per
//! report date) and its executives' history, found by their names in
//! either language and read **by header**, so a re-save by Excel or
//! LibreOffice, moved columns or an extra column change nothing. A row
//! whose date cannot be read is skipped (it cannot be placed in time); a
//! count that cannot be read counts as 0. The sheets are streamed, bounded
//! by Excel's grid like every cell the engine reads.

use super::cell_text;
use super::grid::in_grid;
use super::values::parse_date;
use crate::error::{Error, PreviousError};
use crate::model::MAX_HISTORY_DAYS;
use crate::model::{DateOrder, ExecutiveDay, History, HistoryRow, Level};
use crate::options::ReportZone;
use crate::text::history::{
    executive_column, history_column, sheet_names_in_every_language, ExecutiveColumn, HistoryColumn,
};
use calamine::{DataRef, Xlsx};
use chrono::NaiveDate;
use std::io::Cursor;

/// The most executive rows read back (a day per executive for the days kept).
const MAX_EXECUTIVE_ROWS: usize = MAX_HISTORY_DAYS * 1_000;

/// A history cell, as read.
#[derive(Debug, Clone)]
enum Cell {
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    fn of(v: &DataRef) -> Option<Cell> {
        Some(match v {
            DataRef::Empty | DataRef::Error(_) => return None,
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
                Cell::Text(s.clone())
            }
            DataRef::SharedString(s) => Cell::Text((*s).to_string()),
            DataRef::Int(i) => Cell::Number(*i as f64),
            DataRef::Float(f) => Cell::Number(*f),
            DataRef::Bool(b) => Cell::Number(f64::from(u8::from(*b))),
            DataRef::DateTime(dt) => match cell_text::date_time(dt) {
                Some(t) => Cell::Date(t.date()),
                None => Cell::Number(dt.as_f64()),
            },
        })
    }

    fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }

    fn date(&self, zone: ReportZone) -> Option<NaiveDate> {
        match self {
            Cell::Date(d) => Some(*d),
            Cell::Text(t) => parse_date(t, zone).ok().flatten()?.resolve(DateOrder::Dmy),
            Cell::Number(_) => None,
        }
    }

    /// A count: a whole number ≥ 0 (as a number, or text that is one).
    fn count(&self) -> u64 {
        match self {
            Cell::Number(n) if *n >= 0.0 && n.is_finite() => *n as u64,
            Cell::Text(t) => t.trim().parse().unwrap_or(0),
            _ => 0,
        }
    }

    /// An amount in hundredths.
    fn cents(&self) -> Option<i64> {
        match self {
            Cell::Number(n) if n.is_finite() => Some((n * 100.0).round() as i64),
            _ => None,
        }
    }
}

/// A sheet's rows of cells (column, cell), header first, in sheet order.
fn rows_of(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    limit: usize,
) -> Result<Vec<Vec<(u32, Cell)>>, Error> {
    let unreadable = |e: calamine::XlsxError| {
        Error::Previous(PreviousError::Unreadable {
            detail: e.to_string(),
        })
    };
    let mut cells = book.worksheet_cells_reader(name).map_err(unreadable)?;
    let mut rows: Vec<(u32, Vec<(u32, Cell)>)> = Vec::new();
    while let Some(c) = cells.next_cell().map_err(unreadable)? {
        let (row, col) = c.get_position();
        in_grid(name, row, col).map_err(|d| Error::Previous(PreviousError::Damaged(d)))?;
        let Some(cell) = Cell::of(c.get_value()) else {
            continue;
        };
        let full = rows.len() > limit;
        match rows.last_mut() {
            Some((r, cells)) if *r == row => cells.push((col, cell)),
            _ if full => break,
            _ => rows.push((row, vec![(col, cell)])),
        }
    }
    rows.sort_by_key(|(r, _)| *r);
    Ok(rows.into_iter().map(|(_, cells)| cells).collect())
}

/// The history sheets of a previous workbook (`names`: its sheets), read.
/// No history sheet: an empty history (a worklist from before history was
/// kept, or one the team deleted it from).
pub(crate) fn read(
    book: &mut Xlsx<Cursor<&[u8]>>,
    names: &[String],
    zone: ReportZone,
) -> Result<History, Error> {
    let mut history = History::default();
    let (day_sheets, executive_sheets) = sheet_names_in_every_language();
    let named = |wanted: [&str; 2]| names.iter().find(|n| wanted.contains(&n.as_str())).cloned();
    if let Some(name) = named(day_sheets) {
        history.days = days(rows_of(book, &name, MAX_HISTORY_DAYS + 1)?, zone);
    }
    if let Some(name) = named(executive_sheets) {
        history.executives = executives(rows_of(book, &name, MAX_EXECUTIVE_ROWS)?, zone);
    }
    Ok(history)
}

fn days(rows: Vec<Vec<(u32, Cell)>>, zone: ReportZone) -> Vec<HistoryRow> {
    let mut rows = rows.into_iter();
    let Some(header) = rows.next() else {
        return Vec::new();
    };
    let columns: Vec<(u32, HistoryColumn)> = header
        .iter()
        .filter_map(|(col, c)| Some((*col, history_column(&c.text())?)))
        .collect();
    let mut out: Vec<HistoryRow> = Vec::new();
    for cells in rows {
        let mut day = HistoryRow::default();
        let mut date = None;
        for (col, cell) in &cells {
            let Some((_, column)) = columns.iter().find(|(c, _)| c == col) else {
                continue;
            };
            match column {
                HistoryColumn::AsOf => date = cell.date(zone),
                HistoryColumn::Level(Level::Critical) => day.critical = cell.count(),
                HistoryColumn::Level(Level::High) => day.high = cell.count(),
                HistoryColumn::Level(Level::Medium) => day.medium = cell.count(),
                HistoryColumn::Level(Level::Info) => day.info = cell.count(),
                HistoryColumn::Snoozed => day.snoozed = cell.count(),
                HistoryColumn::New => day.new = cell.count(),
                HistoryColumn::Up => day.up = cell.count(),
                HistoryColumn::Down => day.down = cell.count(),
                HistoryColumn::Left => day.left = cell.count(),
                HistoryColumn::LeftBy(d) => *day.left_by.slot(*d) = cell.count(),
                HistoryColumn::Overdue => day.overdue = cell.count(),
                HistoryColumn::Mrr(currency) => {
                    if let Some(cents) = cell.cents() {
                        day.mrr.push((currency.clone(), cents));
                    }
                }
            }
        }
        let Some(date) = date else { continue };
        day.as_of = date;
        day.mrr.sort();
        // A date twice (typed over): the last row holds.
        out.retain(|d| d.as_of != date);
        out.push(day);
    }
    out.sort_by_key(|d| d.as_of);
    out
}

fn executives(rows: Vec<Vec<(u32, Cell)>>, zone: ReportZone) -> Vec<ExecutiveDay> {
    let mut rows = rows.into_iter();
    let Some(header) = rows.next() else {
        return Vec::new();
    };
    let columns: Vec<(u32, ExecutiveColumn)> = header
        .iter()
        .filter_map(|(col, c)| Some((*col, executive_column(&c.text())?)))
        .collect();
    let mut out = Vec::new();
    for cells in rows {
        let mut day = ExecutiveDay::default();
        let mut date = None;
        for (col, cell) in &cells {
            let Some((_, column)) = columns.iter().find(|(c, _)| c == col) else {
                continue;
            };
            match column {
                ExecutiveColumn::AsOf => date = cell.date(zone),
                ExecutiveColumn::Executive => day.executive = cell.text(),
                ExecutiveColumn::Open(l) => day.open[*l as usize] = cell.count(),
                ExecutiveColumn::Overdue => day.overdue = cell.count(),
                ExecutiveColumn::Recovered => day.recovered = cell.count(),
                ExecutiveColumn::Converted => day.converted = cell.count(),
            }
        }
        if let Some(date) = date {
            day.as_of = date;
            out.push(day);
        }
    }
    out
}

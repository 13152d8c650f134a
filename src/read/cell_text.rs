//! A workbook's typed cell as text, for both readers of workbooks: an
//! export's sheet ([`Style::EXPORT`], the text a CSV export of the cell
//! would hold, so the same value parsing reads it) and the previous worklist
//! ([`Style::TYPED`], what the team typed, carried as they see it).
//!
//! Where the two differ, a [`Style`] says which:
//!
//! - **Booleans**: `true`/`false` for an export (what value parsing reads,
//!   as a CSV holds them); `TRUE`/`FALSE` on the previous worklist (as Excel
//!   shows them, and as a person types them).
//! - **Durations** (a number with a format like `[h]:mm:ss`: 1.5 shows as
//!   `36:00:00`): its number for an export (`1.5`: a count formatted as a
//!   duration still reads as the count); as Excel shows it on the previous
//!   worklist (`36:00:00`).
//! - **Times of day** (a date-typed number under 1 in the 1900 date system:
//!   0.5 with `hh:mm` shows as `12:00`): for an export, the date and time calamine gives it
//!   (`1899-12-31 12:00:00`, as the export reader always wrote it); on the
//!   previous worklist, the time (`12:00:00`).
//!
//! The same in both: text as it is; whole numbers without `.0` (`10000`),
//! others as Rust writes them (`0.5`); a date as an ISO date (`2026-11-26`),
//! with ` HH:MM:SS` when it has a time; a date-typed number no calendar
//! holds (-1e300) as its number; an error as Excel writes it (`#N/A`); an
//! ISO date or duration in text (an .ods's `PT36H00M00S`) as it is.
//!
//! Not here: what only the previous worklist reads, a formula's text and a
//! team column's typed value (`previous`).

use calamine::{CellErrorType, Data, DataRef, ExcelDateTime};
use chrono::NaiveDateTime;
use std::fmt::Write as _;

/// How a reader writes the cells whose text is not the same for all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Style {
    pub booleans: Booleans,
    pub times: Times,
}

impl Style {
    /// An export's cells, for value parsing: `true`, `1.5`.
    pub const EXPORT: Style = Style {
        booleans: Booleans::Lowercase,
        times: Times::Serial,
    };
    /// The previous worklist's cells, as the team sees them: `TRUE`, `36:00:00`.
    pub const TYPED: Style = Style {
        booleans: Booleans::AsExcelShows,
        times: Times::Clock,
    };
}

/// How a boolean cell is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Booleans {
    /// `true`, `false`.
    Lowercase,
    /// `TRUE`, `FALSE`.
    AsExcelShows,
}

/// How a duration or a time of day is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Times {
    /// A duration as its number of days (`1.5`), a time of day as a date
    /// and time (`1899-12-31 12:00:00`).
    Serial,
    /// Hours, minutes and seconds: `36:00:00`, `12:00:00`.
    Clock,
}

/// A cell, borrowed from either of calamine's cell types.
enum Cell<'a> {
    Empty,
    Text(&'a str),
    Int(i64),
    Float(f64),
    Bool(bool),
    DateTime(&'a ExcelDateTime),
    Error(&'a CellErrorType),
}

impl<'a> From<&'a Data> for Cell<'a> {
    fn from(d: &'a Data) -> Cell<'a> {
        match d {
            Data::Empty => Cell::Empty,
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s),
            Data::Int(i) => Cell::Int(*i),
            Data::Float(f) => Cell::Float(*f),
            Data::Bool(b) => Cell::Bool(*b),
            Data::DateTime(dt) => Cell::DateTime(dt),
            Data::Error(e) => Cell::Error(e),
        }
    }
}

impl<'a> From<&'a DataRef<'a>> for Cell<'a> {
    fn from(d: &'a DataRef<'a>) -> Cell<'a> {
        match d {
            DataRef::Empty => Cell::Empty,
            DataRef::SharedString(s) => Cell::Text(s),
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s),
            DataRef::Int(i) => Cell::Int(*i),
            DataRef::Float(f) => Cell::Float(*f),
            DataRef::Bool(b) => Cell::Bool(*b),
            DataRef::DateTime(dt) => Cell::DateTime(dt),
            DataRef::Error(e) => Cell::Error(e),
        }
    }
}

/// Appends a cell's text (a range's cell: .xls, .ods).
pub(crate) fn push_data(out: &mut String, d: &Data, style: Style) {
    push_cell(out, Cell::from(d), style);
}

/// Appends a streamed cell's text (its shared string borrowed).
pub(crate) fn push_data_ref(out: &mut String, d: &DataRef, style: Style) {
    push_cell(out, Cell::from(d), style);
}

/// A streamed cell's text.
pub(crate) fn text(d: &DataRef, style: Style) -> String {
    let mut out = String::new();
    push_data_ref(&mut out, d, style);
    out
}

fn push_cell(out: &mut String, cell: Cell, style: Style) {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) => out.push_str(s),
        Cell::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Cell::Float(f) => push_number(out, f),
        Cell::Bool(b) => out.push_str(match (style.booleans, b) {
            (Booleans::Lowercase, true) => "true",
            (Booleans::Lowercase, false) => "false",
            (Booleans::AsExcelShows, true) => "TRUE",
            (Booleans::AsExcelShows, false) => "FALSE",
        }),
        Cell::DateTime(dt) => push_date_time(out, dt, style.times),
        Cell::Error(e) => {
            let _ = write!(out, "{e}");
        }
    }
}

fn push_date_time(out: &mut String, dt: &ExcelDateTime, times: Times) {
    match times {
        Times::Clock if is_clock(dt) => return push_clock(out, dt.as_f64()),
        Times::Serial if dt.is_duration() => return push_number(out, dt.as_f64()),
        _ => {}
    }
    match date_time(dt) {
        Some(t) if t.time() == chrono::NaiveTime::MIN => {
            let _ = write!(out, "{}", t.format("%Y-%m-%d"));
        }
        Some(t) => {
            let _ = write!(out, "{}", t.format("%Y-%m-%d %H:%M:%S"));
        }
        None => push_number(out, dt.as_f64()),
    }
}

/// The most days from 1900 a date-typed number may be for calamine to date
/// it: past about 10^11 days its conversion panics. No calendar reaches it.
const FAR_DAYS: f64 = 1e11;

/// Whether a date-typed cell shows a clock rather than a day: a duration,
/// or a time of day (a date on the 1900 system's day 0, Excel's
/// `1900-01-00`, which calamine dates 1899-12-31 and which is no day).
pub(crate) fn is_clock(dt: &ExcelDateTime) -> bool {
    let day_zero = chrono::NaiveDate::from_ymd_opt(1899, 12, 31);
    (dt.is_duration() && dt.as_f64().abs() < FAR_DAYS)
        || date_time(dt).is_some_and(|t| Some(t.date()) == day_zero)
}

/// A date cell's day and time, as calamine gives it (a time of day on
/// 1899-12-31); `None` for a number no calendar holds, where calamine's own
/// conversion would panic (or give none).
pub(crate) fn date_time(dt: &ExcelDateTime) -> Option<NaiveDateTime> {
    (dt.as_f64().abs() < FAR_DAYS)
        .then(|| dt.as_datetime())
        .flatten()
}

/// Appends `days` as hours, minutes and seconds (`36:00:00`, `-00:30:00`).
fn push_clock(out: &mut String, days: f64) {
    // Whole seconds, as Excel shows them; |days| < FAR_DAYS keeps it in an i64.
    let secs = (days * 86_400.0).round() as i64;
    let sign = if secs < 0 { "-" } else { "" };
    let s = secs.unsigned_abs();
    let _ = write!(
        out,
        "{sign}{:02}:{:02}:{:02}",
        s / 3600,
        s / 60 % 60,
        s % 60
    );
}

/// Appends a number as typed: `10000`, not `10000.0`; `0.5` stays `0.5`.
fn push_number(out: &mut String, f: f64) {
    let _ = if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        write!(out, "{}", f as i64)
    } else {
        write!(out, "{f}")
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType::{DateTime, TimeDelta};

    fn both(d: &Data) -> (String, String) {
        let text = |style| {
            let mut out = String::new();
            push_data(&mut out, d, style);
            out
        };
        (text(Style::EXPORT), text(Style::TYPED))
    }

    fn same(d: Data, want: &str) {
        assert_eq!(both(&d), (want.to_string(), want.to_string()), "{d:?}");
    }

    fn number_text(f: f64) -> String {
        let mut out = String::new();
        push_number(&mut out, f);
        out
    }

    fn date(v: f64) -> Data {
        Data::DateTime(ExcelDateTime::new(v, DateTime, false))
    }

    fn duration(v: f64) -> Data {
        Data::DateTime(ExcelDateTime::new(v, TimeDelta, false))
    }

    #[test]
    fn typed_cells_read_as_a_csv_would_hold_them_in_both_readers() {
        same(Data::Float(10000.0), "10000");
        same(Data::Float(0.5), "0.5");
        same(Data::Int(-3), "-3");
        same(Data::Error(CellErrorType::NA), "#N/A");
        same(Data::Empty, "");
        same(Data::String(" x ".into()), " x ");
        same(Data::DurationIso("PT36H0M0S".into()), "PT36H0M0S");
        same(
            Data::DateTimeIso("2026-11-26T10:00:00".into()),
            "2026-11-26T10:00:00",
        );
        same(date(46_352.0), "2026-11-26");
        same(date(46_352.437_5), "2026-11-26 10:30:00");
        let in_1904 = Data::DateTime(ExcelDateTime::new(46_352.0 - 1462.0, DateTime, true));
        same(in_1904, "2026-11-26");
    }

    #[test]
    fn booleans_durations_and_times_of_day_are_what_differs() {
        assert_eq!(both(&Data::Bool(true)), ("true".into(), "TRUE".into()));
        assert_eq!(both(&Data::Bool(false)), ("false".into(), "FALSE".into()));
        assert_eq!(both(&duration(1.5)), ("1.5".into(), "36:00:00".into()));
        assert_eq!(both(&duration(-0.5)), ("-0.5".into(), "-12:00:00".into()));
        assert_eq!(both(&duration(0.1)), ("0.1".into(), "02:24:00".into()));
        assert_eq!(
            both(&date(0.5)),
            ("1899-12-31 12:00:00".into(), "12:00:00".into())
        );
        // A date typed in January 1900 is a day, not a clock; so is the 1904
        // date system's day 0.
        same(date(1.5), "1900-01-01 12:00:00");
        let in_1904 = Data::DateTime(ExcelDateTime::new(0.5, DateTime, true));
        same(in_1904, "1904-01-01 12:00:00");
    }

    #[test]
    fn a_date_typed_number_no_calendar_holds_is_its_number() {
        for v in [-1e300, f64::NEG_INFINITY, 1e300, f64::NAN] {
            let (export, typed) = both(&date(v));
            assert_eq!(
                (export.as_str(), typed.as_str()),
                (&*number_text(v), &*number_text(v))
            );
            assert!(!is_clock(&ExcelDateTime::new(v, TimeDelta, false)));
            assert_eq!(date_time(&ExcelDateTime::new(v, DateTime, false)), None);
        }
        assert_eq!(both(&duration(-1e300)).1, number_text(-1e300));
    }

    #[test]
    fn both_of_calamines_cell_types_read_alike() {
        let shared = DataRef::SharedString("Ana");
        assert_eq!(text(&shared, Style::EXPORT), "Ana");
        let cells = [
            Data::Bool(true),
            duration(1.5),
            date(0.25),
            Data::Float(2.0),
        ];
        for d in cells {
            let r: DataRef = match &d {
                Data::Bool(b) => DataRef::Bool(*b),
                Data::DateTime(dt) => DataRef::DateTime(*dt),
                Data::Float(f) => DataRef::Float(*f),
                _ => unreachable!(),
            };
            assert_eq!((text(&r, Style::EXPORT), text(&r, Style::TYPED)), both(&d));
        }
    }
}

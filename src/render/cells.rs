//! What every sheet writes with: text cut to Excel's cell limit (never a
//! formula), formats applied in runs, the header row, the print setup.

use super::styles::Styles;
use crate::error::Error;
use crate::model::{CellValue, Lang, Snooze, MAX_CELL_CHARS};
use crate::text::workbook::cut_marker;
use chrono::{Datelike, Timelike};
use rust_xlsxwriter::{ExcelDateTime, Format, Worksheet, XlsxError};

/// Cuts text to Excel's cell limit (counted in UTF-16 units, as Excel does),
/// ending it with a visible marker. Returns whether it was cut.
///
/// ```
/// use retention_worklist::{fit_cell, Lang, MAX_CELL_CHARS};
/// let (s, cut) = fit_cell(&"a".repeat(40_000), Lang::Es);
/// assert!(cut && s.ends_with("[cortado]") && s.encode_utf16().count() <= MAX_CELL_CHARS);
/// assert_eq!(fit_cell("corto", Lang::Es), ("corto".to_string(), false));
/// ```
pub fn fit_cell(s: &str, lang: Lang) -> (String, bool) {
    // Fast path: a UTF-8 string of ≤ 32,767 bytes has ≤ 32,767 UTF-16 units.
    if s.len() <= MAX_CELL_CHARS || s.encode_utf16().count() <= MAX_CELL_CHARS {
        return (s.to_string(), false);
    }
    let marker = cut_marker(lang);
    let budget = MAX_CELL_CHARS - marker.encode_utf16().count();
    let mut units = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > budget {
            break;
        }
        end = i + c.len_utf8();
    }
    (format!("{}{marker}", &s[..end]), true)
}

pub(super) fn xlsx_err(e: XlsxError) -> Error {
    Error::Render(e.to_string())
}

pub(super) fn excel_date(d: chrono::NaiveDate) -> Option<ExcelDateTime> {
    let y = u16::try_from(d.year())
        .ok()
        .filter(|y| (1900..=9999).contains(y))?;
    ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok()
}

/// A date and time, when Excel can hold it (years 1900–9999).
pub(super) fn excel_datetime(t: chrono::NaiveDateTime) -> Option<ExcelDateTime> {
    let d = excel_date(t.date())?;
    let secs = f64::from(t.num_seconds_from_midnight());
    d.and_hms(t.hour() as u16, t.minute() as u8, secs % 60.0)
        .ok()
}

/// Writes a cell the team typed as what it was (text, number, TRUE/FALSE,
/// date), without a format; text stays text, never a formula.
pub(super) fn put_carried(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: &CellValue,
    lang: Lang,
) -> Result<(), Error> {
    match v {
        CellValue::Empty => Ok(()),
        CellValue::Text(t) => put_value(ws, row, col, t, lang),
        CellValue::Number(n) => ws.write_number(row, col, *n).map(drop).map_err(xlsx_err),
        CellValue::Bool(b) => ws.write_boolean(row, col, *b).map(drop).map_err(xlsx_err),
        CellValue::Date(t) => match excel_datetime(*t) {
            Some(d) => ws.write_datetime(row, col, d).map(drop).map_err(xlsx_err),
            None => put_value(ws, row, col, &t.to_string(), lang),
        },
    }
}

/// Writes a `Posponer hasta` cell without a format: a date cell, or the
/// text as typed (also a date Excel cannot hold, so nothing is dropped).
pub(super) fn put_snooze(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    snooze: &Snooze,
    lang: Lang,
) -> Result<(), Error> {
    match snooze {
        Snooze::None => Ok(()),
        Snooze::Until(d) => match excel_date(*d) {
            Some(x) => ws.write_datetime(row, col, &x).map(drop).map_err(xlsx_err),
            None => put_value(ws, row, col, &d.to_string(), lang),
        },
        Snooze::Text(text) => put_value(ws, row, col, text, lang),
    }
}

/// Writes text as text (never a formula), cut to Excel's limit.
pub(super) fn put_text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    s: &str,
    f: &Format,
    lang: Lang,
) -> Result<(), Error> {
    let (s, _) = fit_cell(s, lang);
    ws.write_string_with_format(row, col, s, f)
        .map_err(xlsx_err)?;
    Ok(())
}

/// Writes text as text (never a formula), cut to Excel's limit, without a
/// format: the column's formats are applied afterwards by [`format_runs`].
pub(super) fn put_value(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    s: &str,
    lang: Lang,
) -> Result<(), Error> {
    let (s, _) = fit_cell(s, lang);
    ws.write_string(row, col, s).map_err(xlsx_err)?;
    Ok(())
}

/// Formats rows `first_row..first_row + n` of column `col`, where
/// `format_of(i)` is the format of the `i`-th of those rows. Consecutive rows
/// with the same format (the same `&Format`) get one range call.
///
/// Why not a format per write: rust_xlsxwriter looks every format up by
/// hashing the whole `Format` on each call that takes one; per cell that was
/// a tenth of a large run (benches/PROFILE.md §13). A sorted worklist column is a
/// handful of runs, so this costs a few lookups per sheet. Cells not written
/// yet become formatted blanks.
pub(super) fn format_runs<'f>(
    ws: &mut Worksheet,
    col: u16,
    first_row: u32,
    n: usize,
    format_of: impl Fn(usize) -> &'f Format,
) -> Result<(), Error> {
    let mut start = 0;
    while start < n {
        let f = format_of(start);
        let mut end = start + 1;
        while end < n && std::ptr::eq(format_of(end), f) {
            end += 1;
        }
        let row = |i: usize| first_row + i as u32;
        ws.set_range_format(row(start), col, row(end - 1), col, f)
            .map_err(xlsx_err)?;
        start = end;
    }
    Ok(())
}

/// The header row: bold white on dark blue, column widths, frozen.
pub(super) fn header_row(
    ws: &mut Worksheet,
    headers: &[&str],
    widths: &[f64],
    s: &Styles,
) -> Result<(), Error> {
    for (c, (h, w)) in headers.iter().zip(widths).enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &s.header)
            .map_err(xlsx_err)?;
        ws.set_column_width(c as u16, *w).map_err(xlsx_err)?;
    }
    ws.set_row_height(0, 30).map_err(xlsx_err)?;
    ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    Ok(())
}

/// Landscape, fitted to the page width, header row on every page (the
/// sheet's print titles, how its header row is marked), sheet name and page
/// number in the footer.
///
/// The data sheets are not Excel tables, though a table's header row is what
/// Excel's Accessibility Checker recognises: a table changes what people
/// edit. A formula typed in one of its cells fills the whole column, typing
/// under it grows the table, and its style paints over the level fills.
pub(super) fn print_setup(ws: &mut Worksheet) -> Result<(), Error> {
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0).map_err(xlsx_err)?;
    ws.set_footer("&L&A&R&P / &N");
    Ok(())
}

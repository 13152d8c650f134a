//! Step 4 of the pipeline: the worklist → an XLSX workbook (bytes).
//!
//! The workbook is the deliverable managers open in Excel, so it has to stand
//! alone: the worklist coloured by level and sorted by urgency, a summary with
//! a chart, the campaign list, the protocol itself and the data problems. One
//! file per sheet ([`worklist`], [`summary`], [`campaign`], [`protocol`],
//! [`problems`]); the formats are built once per workbook in [`styles`] and
//! reused for every cell. Excel's cell limits are applied here, once: every
//! text cell goes through [`fit_cell`].
//!
//! Determinism: no wall clock reaches the file. The document's creation date
//! is the report date, zip entries carry the writer's fixed timestamp, and
//! every collection is written in a defined order. Same input and options →
//! same bytes, natively and in WebAssembly.

mod campaign;
mod problems;
mod protocol;
mod styles;
mod summary;
mod worklist;

pub use styles::level_fill;

use crate::analyze::Analysis;
use crate::error::Error;
use crate::model::{Lang, Level, MAX_CELL_CHARS};
use crate::options::Options;
use crate::text::workbook::{cut_marker, document_title, sheet_names};
use chrono::Datelike;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use styles::Styles;

/// Excel's limit of rows per sheet.
pub const MAX_SHEET_ROWS: usize = 1_048_576;

/// Cuts text to Excel's cell limit (counted in UTF-16 units, as Excel does),
/// ending it with a visible marker. Returns whether it was cut.
///
/// ```
/// use retention_worklist::{fit_cell, MAX_CELL_CHARS};
/// let (s, cut) = fit_cell(&"a".repeat(40_000), Default::default());
/// assert!(cut && s.ends_with("[cortado]") && s.encode_utf16().count() <= MAX_CELL_CHARS);
/// assert_eq!(fit_cell("corto", Default::default()), ("corto".to_string(), false));
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

/// Renders the workbook.
pub fn render(a: &Analysis, o: &Options) -> Result<Vec<u8>, Error> {
    render_with_sheet_rows(a, o, MAX_SHEET_ROWS)
}

/// [`render`] with a smaller sheet size (rows including the header), so the
/// split of a long worklist or problems list across sheets can be tested
/// without a million-row input. `sheet_rows` is clamped to 2..=[`MAX_SHEET_ROWS`].
pub fn render_with_sheet_rows(
    a: &Analysis,
    o: &Options,
    sheet_rows: usize,
) -> Result<Vec<u8>, Error> {
    let lang = o.lang;
    let names = sheet_names(lang);
    let styles = Styles::new(lang);
    let mut wb = Workbook::new();
    // Level 2 saves in ~0.57× the time of the default 6 for ~1.1× the size
    // (rust_xlsxwriter's performance notes); the worklist is mostly text.
    wb.set_zip_compression_level(2);
    // Creation date = report date at midnight UTC: no wall clock in the file.
    let created = excel_date(o.as_of)
        .unwrap_or_else(|| ExcelDateTime::from_ymd(2000, 1, 1).expect("valid date"));
    let title = document_title(&o.product_name, &o.as_of.to_string(), lang);
    wb.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_author("retention-worklist")
            .set_creation_datetime(&created),
    );

    let per_sheet = sheet_rows.clamp(2, MAX_SHEET_ROWS) - 1;
    for (page, chunk) in pages(&a.items, per_sheet) {
        let ws = named_sheet(&mut wb, &paged_name(names.worklist, page))?;
        worklist::write(ws, chunk, &styles, lang)?;
    }
    let ws = named_sheet(&mut wb, names.summary)?;
    summary::write(ws, &a.summary, &styles, o, names.summary)?;
    // The campaign list splits like the worklist: no MEDIO tenant is cut off.
    let medium: Vec<_> = a
        .items
        .iter()
        .filter(|w| w.level == Level::Medium)
        .collect();
    for (page, chunk) in pages(&medium, per_sheet) {
        let ws = named_sheet(&mut wb, &paged_name(names.campaign, page))?;
        campaign::write(ws, chunk, &styles, lang)?;
    }
    protocol::write(named_sheet(&mut wb, names.protocol)?, &styles, o)?;
    for (page, chunk) in pages(&a.summary.problem_list, per_sheet) {
        let ws = named_sheet(&mut wb, &paged_name(names.problems, page))?;
        problems::write(ws, chunk, &styles, lang)?;
    }
    let bytes = wb.save_to_buffer().map_err(xlsx_err)?;
    // Freeing every cell of a large workbook is ~7 % of a big run; natively the
    // second core does it while the caller writes the file. (wasm has no threads.)
    #[cfg(not(target_arch = "wasm32"))]
    if a.items.len() > 10_000 {
        std::thread::spawn(move || drop(wb));
    }
    Ok(bytes)
}

/// A long list in sheet-sized pages, numbered from 0; an empty list is one
/// empty page (the sheet is always there).
fn pages<T>(list: &[T], per_sheet: usize) -> impl Iterator<Item = (usize, &[T])> {
    let n = list.len().div_ceil(per_sheet).max(1);
    (0..n).map(move |page| {
        let start = (page * per_sheet).min(list.len());
        (page, &list[start..(start + per_sheet).min(list.len())])
    })
}

/// The name of page `page` of a long sheet: "Worklist", "Worklist (2)", …
fn paged_name(base: &str, page: usize) -> String {
    if page == 0 {
        base.to_string()
    } else {
        format!("{base} ({})", page + 1)
    }
}

fn named_sheet<'w>(wb: &'w mut Workbook, name: &str) -> Result<&'w mut Worksheet, Error> {
    let ws = wb.add_worksheet();
    ws.set_name(name).map_err(xlsx_err)?;
    Ok(ws)
}

fn xlsx_err(e: XlsxError) -> Error {
    Error::Render(e.to_string())
}

fn excel_date(d: chrono::NaiveDate) -> Option<ExcelDateTime> {
    let y = u16::try_from(d.year())
        .ok()
        .filter(|y| (1900..=9999).contains(y))?;
    ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok()
}

/// Writes text as text (never a formula), cut to Excel's limit.
fn put_text(
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
fn put_value(ws: &mut Worksheet, row: u32, col: u16, s: &str, lang: Lang) -> Result<(), Error> {
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
/// ~11 % of a 1M-row run (benches/PROFILE.md). A sorted worklist column is a
/// handful of runs, so this costs a few lookups per sheet. Cells not written
/// yet become formatted blanks.
fn format_runs<'f>(
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
fn header_row(
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

/// Landscape, fitted to the page width, header row on every page, sheet
/// name and page number in the footer.
fn print_setup(ws: &mut Worksheet) -> Result<(), Error> {
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0).map_err(xlsx_err)?;
    ws.set_footer("&L&A&R&P / &N");
    Ok(())
}

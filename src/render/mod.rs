//! Step 4 of the pipeline: the worklist → an XLSX workbook (bytes).
//!
//! The workbook is the deliverable managers open in Excel, so it has to stand
//! alone: the worklist coloured by level and sorted by urgency, a summary with
//! a chart, the campaign list, the tenants that left since the previous
//! worklist, the protocol itself and the data problems. One file per sheet
//! ([`worklist`], [`summary`], [`campaign`], [`changes`], [`protocol`],
//! [`problems`]); the formats are built once per workbook in [`styles`] and
//! reused for every cell, in the colours of [`colours`] (the one table).
//! Excel's cell limits are applied here, once: every text cell goes through
//! [`fit_cell`].
//!
//! Determinism: no wall clock reaches the file. The document's creation date
//! is the report date, zip entries carry the writer's fixed timestamp, and
//! every collection is written in a defined order. Same input and options →
//! same bytes, natively and in WebAssembly.

mod campaign;
mod cells;
mod changes;
pub mod colours;
mod history;
mod problems;
mod protocol;
mod styles;
mod summary;
mod worklist;

pub use cells::fit_cell;
pub use colours::{level_fill, SNOOZED_FILL};

use crate::analyze::Analysis;
use crate::error::Error;
use crate::model::Level;
use crate::options::Options;
use crate::text::workbook::{document_title, sheet_names};
use cells::{excel_date, xlsx_err};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet};
use styles::Styles;

pub use crate::model::MAX_SHEET_ROWS;

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
    let money = a.summary.mrr_at_risk.as_deref();
    let currencies: Vec<&str> = money
        .unwrap_or_default()
        .iter()
        .map(|m| m.currency.as_str())
        .collect();
    let styles = Styles::new(lang, &currencies);
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
        let columns = (a.added_columns.as_slice(), money.is_some());
        worklist::write(ws, chunk, columns, &styles, lang)?;
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
    if a.summary.changes.is_some() {
        for (page, chunk) in pages(&a.left, per_sheet) {
            let ws = named_sheet(&mut wb, &paged_name(names.changes, page))?;
            changes::write(ws, chunk, (&a.summary, &a.added_columns), &styles, lang)?;
        }
    }
    protocol::write(named_sheet(&mut wb, names.protocol)?, &styles, o)?;
    for (page, chunk) in pages(&a.summary.problem_list, per_sheet) {
        let ws = named_sheet(&mut wb, &paged_name(names.problems, page))?;
        problems::write(ws, chunk, &styles, lang)?;
    }
    if !a.summary.history.is_empty() {
        let (days, executives) = crate::text::history::sheet_names(lang);
        let ws = named_sheet(&mut wb, days)?;
        history::write_days(ws, &a.summary.history, (&styles, days), lang)?;
        let ws = named_sheet(&mut wb, executives)?;
        history::write_executives(ws, &a.executive_history, &styles, lang)?;
    }
    let bytes = wb.save_to_buffer().map_err(xlsx_err)?;
    // Freeing every cell of a large workbook is a visible part of a big run
    // (benches/PROFILE.md §13); natively the second core does it while the caller
    // writes the file. (wasm has no threads.)
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

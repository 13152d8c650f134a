//! The Cambios sheet: every tenant that was on the previous worklist and is
//! not on today's, one row each with what the team had typed for it and why
//! it left, and beside the list the day's counts by outcome (recovered
//! payments, converted trials…). Written only when a previous worklist was
//! given.

use super::cells::{excel_date, format_runs, header_row, print_setup, put_carried, put_value};
use super::cells::{put_snooze, put_text, xlsx_err};
use super::styles::Styles;
use crate::error::Error;
use crate::model::{Changes, Departure, Lang, LeftRow, Summary};
use crate::text::tracking::{change_counts, change_words, departure};
use crate::text::{format_date, level_label};
use rust_xlsxwriter::Worksheet;

const WIDTHS: [f64; 9] = [10.0, 22.0, 15.0, 32.0, 14.0, 30.0, 13.0, 13.0, 9.0];
/// Columns whose cells are dates.
const DATE_COLUMNS: [u16; 2] = [6, 7];

/// Writes one page of the tenants that left (the counts on the first page).
pub(super) fn write(
    ws: &mut Worksheet,
    left: &[LeftRow],
    (summary, added): (&Summary, &[String]),
    s: &Styles,
    lang: Lang,
) -> Result<(), Error> {
    let words = change_words(lang);
    let mut headers: Vec<&str> = words.headers.to_vec();
    headers.extend(added.iter().map(String::as_str));
    let mut widths = WIDTHS.to_vec();
    widths.resize(headers.len(), 18.0);
    header_row(ws, &headers, &widths, s)?;
    for (k, l) in left.iter().enumerate() {
        let r = k as u32 + 1;
        let t = &l.tracking;
        put_value(ws, r, 0, &l.id, lang)?;
        put_value(ws, r, 1, &l.name, lang)?;
        if let Some(level) = l.level {
            put_value(ws, r, 2, &level_label(level, lang), lang)?;
        }
        put_value(ws, r, 3, departure(l.why, lang), lang)?;
        put_value(ws, r, 4, t.status.as_deref().unwrap_or(""), lang)?;
        put_value(ws, r, 5, &t.notes, lang)?;
        put_snooze(ws, r, 6, &t.snooze, lang)?;
        if let Some(d) = t.since.and_then(excel_date) {
            ws.write_datetime(r, 7, &d).map_err(xlsx_err)?;
        }
        ws.write_number(r, 8, l.row as f64).map_err(xlsx_err)?;
        for (i, v) in t.added.iter().enumerate() {
            put_carried(ws, r, 9 + i as u16, v, lang)?;
        }
    }
    for column in 0..headers.len() as u16 {
        let f = if DATE_COLUMNS.contains(&column) {
            &s.date
        } else {
            &s.wrap
        };
        format_runs(ws, column, 1, left.len(), |_| f)?;
    }
    let last = left.len() as u32;
    ws.autofilter(0, 0, last, (headers.len() - 1) as u16)
        .map_err(xlsx_err)?;
    if let Some(changes) = &summary.changes {
        counts(ws, headers.len() as u16 + 1, (summary, changes), s, lang)?;
    }
    if left.is_empty() {
        put_text(ws, 1, 0, words.none_left, &s.plain, lang)?;
    }
    print_setup(ws)?;
    Ok(())
}

/// The counts beside the list: the previous file, the changes, who left by why.
fn counts(
    ws: &mut Worksheet,
    col: u16,
    (summary, c): (&Summary, &Changes),
    s: &Styles,
    lang: Lang,
) -> Result<(), Error> {
    let w = change_words(lang);
    ws.set_column_width(col, 36.0).map_err(xlsx_err)?;
    ws.set_column_width(col + 1, 14.0).map_err(xlsx_err)?;
    put_text(ws, 0, col, w.title, &s.header, lang)?;
    put_text(ws, 0, col + 1, "", &s.header, lang)?;
    let mut r = 1;
    if let Some(p) = &summary.previous {
        put_text(ws, r, col, w.previous_file, &s.plain, lang)?;
        put_text(ws, r, col + 1, &p.file_name, &s.plain, lang)?;
        r += 1;
        let as_of = p.as_of.as_deref().and_then(|d| d.parse().ok());
        if let Some(d) = as_of {
            put_text(ws, r, col, w.previous_as_of, &s.plain, lang)?;
            put_text(ws, r, col + 1, &format_date(d, lang), &s.plain, lang)?;
            r += 1;
        }
    }
    let mut rows = change_counts(c, lang).to_vec();
    rows.extend(Departure::ALL.map(|d| (departure(d, lang), c.left_by.get(d))));
    for (k, (label, n)) in rows.into_iter().enumerate() {
        // The departures are indented under "left the list".
        let label = if k > 5 {
            format!("   {label}")
        } else {
            label.to_string()
        };
        put_text(ws, r, col, &label, &s.plain, lang)?;
        ws.write_number_with_format(r, col + 1, n as f64, &s.plain_left)
            .map_err(xlsx_err)?;
        r += 1;
    }
    Ok(())
}

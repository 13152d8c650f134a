//! The Problemas sheet: every data problem with the line where its record
//! starts, what was there and what was expected.

use super::cells::{format_runs, header_row, print_setup, put_text, put_value, xlsx_err};
use super::styles::Styles;
use crate::error::Error;
use crate::model::{Lang, Problem};
use crate::text::messages::expected_text;
use crate::text::shared::words;
use crate::text::workbook::no_problems;
use rust_xlsxwriter::Worksheet;

/// Writes one page of the problems list.
pub(super) fn write(
    ws: &mut Worksheet,
    problems: &[Problem],
    s: &Styles,
    lang: Lang,
) -> Result<(), Error> {
    let headers = words(lang).problems.in_order();
    header_row(ws, &headers, &[8.0, 26.0, 22.0, 30.0, 70.0], s)?;
    if problems.is_empty() {
        put_text(ws, 1, 0, no_problems(lang), &s.bold, lang)?;
    }
    for (i, p) in problems.iter().enumerate() {
        let r = (i + 1) as u32;
        ws.write_number(r, 0, p.line as f64).map_err(xlsx_err)?;
        put_value(ws, r, 1, &p.tenant, lang)?;
        put_value(ws, r, 2, &p.place(), lang)?;
        put_value(ws, r, 3, &p.value, lang)?;
        put_value(ws, r, 4, &expected_text(p.expected, lang), lang)?;
    }
    for column in 0..headers.len() as u16 {
        let f = if column == 4 { &s.wrap } else { &s.plain };
        format_runs(ws, column, 1, problems.len(), |_| f)?;
    }
    if !problems.is_empty() {
        ws.autofilter(0, 0, problems.len() as u32, 4)
            .map_err(xlsx_err)?;
    }
    print_setup(ws)?;
    Ok(())
}

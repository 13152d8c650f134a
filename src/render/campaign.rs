//! The Campaña sheet: the MEDIO tenants, ready to import into the email
//! tool for the "Última Semana de Trial" campaign.

use super::cells::{excel_date, format_runs, header_row, print_setup, put_value, xlsx_err};
use super::styles::Styles;
use crate::error::Error;
use crate::model::Lang;
use crate::plan::WorkItem;
use crate::text::workbook::campaign_headers;
use rust_xlsxwriter::Worksheet;

/// Writes one page of the campaign list.
pub(super) fn write(
    ws: &mut Worksheet,
    items: &[&WorkItem],
    s: &Styles,
    lang: Lang,
) -> Result<(), Error> {
    let headers = campaign_headers(lang);
    header_row(ws, &headers, &[24.0, 30.0, 28.0, 12.0, 14.0, 14.0], s)?;
    let mut r = 1u32;
    for w in items {
        let c = &w.contact;
        put_value(ws, r, 0, &c.owner, lang)?;
        put_value(ws, r, 1, &c.email, lang)?;
        put_value(ws, r, 2, &c.name, lang)?;
        put_value(ws, r, 3, &c.id, lang)?;
        if let Some(d) = w.trial_end.and_then(excel_date) {
            ws.write_datetime(r, 4, &d).map_err(xlsx_err)?;
        }
        if let Some(d) = w.days_left {
            ws.write_number(r, 5, d as f64).map_err(xlsx_err)?;
        }
        r += 1;
    }
    for column in 0..headers.len() as u16 {
        let f = if column == 4 { &s.date } else { &s.plain };
        format_runs(ws, column, 1, items.len(), |_| f)?;
    }
    ws.autofilter(0, 0, r.saturating_sub(1), (headers.len() - 1) as u16)
        .map_err(xlsx_err)?;
    print_setup(ws)?;
    Ok(())
}

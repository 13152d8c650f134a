//! The Protocolo sheet: the operations team's protocol, level by level, with
//! the thresholds in force, so the workbook stands alone.

use super::cells::{header_row, print_setup, put_text, xlsx_err};
use super::styles::Styles;
use crate::error::Error;
use crate::model::Level;
use crate::options::Options;
use crate::text::level_label;
use crate::text::workbook::{protocol, protocol_footer, protocol_headers};
use rust_xlsxwriter::Worksheet;

/// Writes the protocol sheet.
pub(super) fn write(ws: &mut Worksheet, s: &Styles, o: &Options) -> Result<(), Error> {
    let lang = o.lang;
    header_row(ws, &protocol_headers(lang), &[18.0, 40.0, 80.0, 40.0], s)?;
    for (i, l) in Level::ALL.iter().enumerate() {
        let r = (i + 1) as u32;
        let [trigger, actions, goal] = protocol(*l, lang, &o.product_name, &o.thresholds);
        put_text(ws, r, 0, &level_label(*l, lang), &s.of(*l).strong, lang)?;
        put_text(ws, r, 1, &trigger, &s.wrap, lang)?;
        put_text(ws, r, 2, &actions, &s.wrap, lang)?;
        put_text(ws, r, 3, &goal, &s.wrap, lang)?;
        ws.set_row_height(r, 80).map_err(xlsx_err)?;
    }
    put_text(ws, 6, 0, protocol_footer(lang), &s.bold, lang)?;
    print_setup(ws)?;
    Ok(())
}

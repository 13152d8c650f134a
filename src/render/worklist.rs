//! The Worklist sheet: one row per at-risk tenant, most urgent first, each
//! row in its level's fill, with links to call and write.

use super::cells::{excel_date, format_runs, header_row, print_setup, put_value, xlsx_err};
use super::styles::Styles;
use crate::error::Error;
use crate::model::Lang;
use crate::plan::WorkItem;
use crate::text::shared::words;
use crate::text::workbook::tracking_states;
use rust_xlsxwriter::{DataValidation, Formula, Url, Worksheet};

/// Excel's limit of hyperlinks per sheet.
pub const MAX_LINKS_PER_SHEET: usize = 65_530;
/// How many `mailto:` links per sheet carry the whole draft as well as the
/// subject (each such link is ~2 KB in the file).
pub const MAX_LINKS_WITH_DRAFT: usize = 10_000;

/// Worklist columns, in the order of [`crate::text::shared::WorklistHeaders`].
mod col {
    pub const LEVEL: u16 = 0;
    pub const DAYS: u16 = 1;
    pub const ID: u16 = 2;
    pub const TENANT: u16 = 3;
    pub const OWNER: u16 = 4;
    pub const PHONE: u16 = 5;
    pub const EMAIL: u16 = 6;
    pub const EXECUTIVE: u16 = 7;
    pub const PLAN: u16 = 8;
    pub const REASON: u16 = 9;
    pub const ACTION: u16 = 10;
    pub const STATUS: u16 = 11;
    pub const NOTES: u16 = 12;
    pub const TRIAL_END: u16 = 13;
    pub const USAGE: u16 = 14;
    pub const SUBJECT: u16 = 15;
    pub const DRAFT: u16 = 16;
    pub const GOAL: u16 = 17;
    pub const OTHER: u16 = 18;
    pub const LINE: u16 = 19;
    /// The last column printed: who, why, what to do, and tracking.
    pub const LAST_PRINTED: u16 = NOTES;
}

/// Rows formatted together (see [`write`]).
const FORMAT_BLOCK: usize = 256;

const WIDTHS: [f64; 20] = [
    15.0, 6.0, 10.0, 22.0, 18.0, 17.0, 27.0, 16.0, 11.0, 30.0, 42.0, 13.0, 22.0, 12.0, 10.0, 36.0,
    60.0, 34.0, 30.0, 7.0,
];

/// Which cells of a row became links (they take the link look).
#[derive(Clone, Copy, Default)]
struct Links {
    phone: bool,
    email: bool,
}

/// Writes one page of the worklist.
///
/// Values first, without formats, then the formats column by column in
/// [`format_runs`], one block of rows at a time: the block's cells are still
/// in cache when their formats are set (per column over the whole sheet,
/// each pass walked 100k rows' cell maps: 12 % of a 1M-row run).
pub(super) fn write(
    ws: &mut Worksheet,
    items: &[WorkItem],
    s: &Styles,
    lang: Lang,
) -> Result<(), Error> {
    let headers = words(lang).worklist.in_order();
    header_row(ws, &headers, &WIDTHS, s)?;
    let states = tracking_states(lang);
    let mut links = 0usize;
    for (b, block) in items.chunks(FORMAT_BLOCK).enumerate() {
        let first = b * FORMAT_BLOCK;
        let mut made = [Links::default(); FORMAT_BLOCK];
        for (k, w) in block.iter().enumerate() {
            let r = (first + k + 1) as u32;
            made[k] = write_row(ws, r, w, (states[0], s), &mut links, lang)?;
        }
        format_block(ws, block, (first + 1) as u32, &made, s)?;
    }
    let last = items.len() as u32;
    ws.autofilter(0, 0, last, (headers.len() - 1) as u16)
        .map_err(xlsx_err)?;
    if last > 0 {
        let dv = DataValidation::new()
            .allow_list_strings(&states)
            .map_err(xlsx_err)?;
        ws.add_data_validation(1, col::STATUS, last, col::STATUS, &dv)
            .map_err(xlsx_err)?;
    }
    print_setup(ws)?;
    ws.set_print_area(0, 0, last, col::LAST_PRINTED)
        .map_err(xlsx_err)?;
    Ok(())
}

/// Writes a row's values (no formats); `links` counts the sheet's email links.
fn write_row(
    ws: &mut Worksheet,
    r: u32,
    w: &WorkItem,
    (status, s): (&str, &Styles),
    links: &mut usize,
    lang: Lang,
) -> Result<Links, Error> {
    let c = &w.contact;
    let mut made = Links::default();
    put_value(
        ws,
        r,
        col::LEVEL,
        &crate::text::level_label(w.level, lang),
        lang,
    )?;
    if let Some(d) = w.days_left {
        ws.write_number(r, col::DAYS, d as f64).map_err(xlsx_err)?;
    }
    put_value(ws, r, col::ID, &c.id, lang)?;
    put_value(ws, r, col::TENANT, &c.name, lang)?;
    put_value(ws, r, col::OWNER, &c.owner, lang)?;
    match w.tel_link() {
        // A formula we build from digits only, never from the cell text:
        // the phone column can't smuggle a formula in.
        Some(digits) => {
            let formula = format!("=HYPERLINK(\"tel:{digits}\",\"{}\")", c.phone.trim());
            ws.write_formula(
                r,
                col::PHONE,
                Formula::new(formula).set_result(c.phone.trim()),
            )
            .map_err(xlsx_err)?;
            made.phone = true;
        }
        None => put_value(ws, r, col::PHONE, &c.phone, lang)?,
    }
    // Excel accepts at most 65,530 links per sheet; past that the address
    // is plain text (still complete and copyable). The most urgent rows'
    // links also carry the draft; past MAX_LINKS_WITH_DRAFT, the subject
    // only, which keeps very large workbooks light to build and open.
    let link = match *links {
        n if n < MAX_LINKS_WITH_DRAFT => w.mailto(true),
        n if n < MAX_LINKS_PER_SHEET => w.mailto(false),
        _ => None,
    };
    match link {
        Some(link) => {
            *links += 1;
            let (shown, _) = super::cells::fit_cell(&c.email, lang);
            // The link look is set here too: a link written without a format
            // would add Excel's "Hyperlink" cell style to the workbook.
            let url = Url::new(link).set_text(shown);
            ws.write_url_with_format(r, col::EMAIL, url, &s.of(w.level).link)
                .map_err(xlsx_err)?;
            made.email = true;
        }
        None => put_value(ws, r, col::EMAIL, &c.email, lang)?,
    }
    put_value(ws, r, col::EXECUTIVE, &c.executive, lang)?;
    put_value(ws, r, col::PLAN, &c.plan, lang)?;
    put_value(ws, r, col::REASON, &w.reason, lang)?;
    put_value(ws, r, col::ACTION, &w.action, lang)?;
    put_value(ws, r, col::STATUS, status, lang)?;
    if let Some(d) = w.trial_end.and_then(excel_date) {
        ws.write_datetime(r, col::TRIAL_END, &d).map_err(xlsx_err)?;
    }
    if let Some(u) = w.usage_ratio() {
        ws.write_number(r, col::USAGE, u).map_err(xlsx_err)?;
    }
    put_value(ws, r, col::SUBJECT, &w.subject, lang)?;
    put_value(ws, r, col::DRAFT, &w.draft, lang)?;
    put_value(ws, r, col::GOAL, &w.goal, lang)?;
    put_value(ws, r, col::OTHER, &w.other_signals, lang)?;
    ws.write_number(r, col::LINE, w.line as f64)
        .map_err(xlsx_err)?;
    ws.set_row_height(r, 60).map_err(xlsx_err)?;
    Ok(made)
}

/// Every cell of a block's rows takes its level's fill; empty cells (no days
/// left, no notes yet) become formatted blanks: coloured edge to edge.
fn format_block(
    ws: &mut Worksheet,
    block: &[WorkItem],
    first_row: u32,
    made: &[Links],
    s: &Styles,
) -> Result<(), Error> {
    for column in 0..WIDTHS.len() as u16 {
        format_runs(ws, column, first_row, block.len(), |k| {
            let st = s.of(block[k].level);
            match column {
                col::LEVEL => &st.strong,
                col::DAYS | col::LINE => &st.int,
                col::PHONE if made[k].phone => &st.link,
                col::EMAIL if made[k].email => &st.link,
                col::ID | col::PHONE | col::EMAIL | col::PLAN | col::STATUS | col::DRAFT => {
                    &st.text
                }
                col::TRIAL_END => &st.date,
                col::USAGE => &st.percent,
                _ => &st.wrap,
            }
        })?;
    }
    Ok(())
}

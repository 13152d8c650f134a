//! The Worklist sheet: one row per at-risk tenant, most urgent first, each
//! row in its level's fill, with links to call and write.

use super::cells::put_value;
use super::cells::xlsx_err;
use super::cells::{excel_date, format_runs, header_row, print_setup, put_carried, put_snooze};
use super::styles::Styles;
use crate::error::Error;
use crate::model::{CellValue, Lang, Snooze};
use crate::plan::WorkItem;
use crate::text::shared::words;
use crate::text::tracking::change_cell;
use crate::text::workbook::tracking_states;
use rust_xlsxwriter::{DataValidation, Formula, Url, Worksheet};

/// Excel's limit of hyperlinks per sheet.
pub const MAX_LINKS_PER_SHEET: usize = 65_530;
/// How many `mailto:` links per sheet carry the whole draft as well as the
/// subject (each such link is ~2 KB in the file).
pub const MAX_LINKS_WITH_DRAFT: usize = 10_000;

/// Worklist columns, in the order of [`WorklistColumn::ALL`]; the team's
/// own columns (carried from the previous worklist) follow `LINE`.
mod col {
    use crate::model::WorklistColumn as C;
    pub const LEVEL: u16 = C::Level as u16;
    pub const DAYS: u16 = C::Days as u16;
    pub const ID: u16 = C::Id as u16;
    pub const TENANT: u16 = C::Tenant as u16;
    pub const OWNER: u16 = C::Owner as u16;
    pub const PHONE: u16 = C::Phone as u16;
    pub const EMAIL: u16 = C::Email as u16;
    pub const EXECUTIVE: u16 = C::Executive as u16;
    pub const PLAN: u16 = C::Plan as u16;
    pub const REASON: u16 = C::Reason as u16;
    pub const ACTION: u16 = C::Action as u16;
    pub const STATUS: u16 = C::Status as u16;
    pub const NOTES: u16 = C::Notes as u16;
    pub const CHANGE: u16 = C::Change as u16;
    pub const SNOOZE: u16 = C::Snooze as u16;
    pub const SINCE: u16 = C::Since as u16;
    pub const TRIAL_END: u16 = C::TrialEnd as u16;
    pub const USAGE: u16 = C::Usage as u16;
    pub const SUBJECT: u16 = C::Subject as u16;
    pub const DRAFT: u16 = C::Draft as u16;
    pub const GOAL: u16 = C::Goal as u16;
    pub const OTHER: u16 = C::OtherSignals as u16;
    pub const LINE: u16 = C::Line as u16;
    /// The first of the team's own columns.
    pub const ADDED: u16 = LINE + 1;
    /// The last column printed: who, why, what to do, and tracking.
    pub const LAST_PRINTED: u16 = NOTES;
}

/// Rows formatted together (see [`write`]).
const FORMAT_BLOCK: usize = 256;

const WIDTHS: [f64; 23] = [
    15.0, 6.0, 10.0, 22.0, 18.0, 17.0, 27.0, 16.0, 11.0, 30.0, 42.0, 13.0, 22.0, 24.0, 12.0, 12.0,
    12.0, 10.0, 36.0, 60.0, 34.0, 30.0, 7.0,
];
/// The width of a column the team added.
const ADDED_WIDTH: f64 = 18.0;

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
/// each pass walked 100k rows' cell maps: benches/PROFILE.md §12).
pub(super) fn write(
    ws: &mut Worksheet,
    items: &[WorkItem],
    added: &[String],
    s: &Styles,
    lang: Lang,
) -> Result<(), Error> {
    let mut headers: Vec<&str> = words(lang).worklist.in_order().to_vec();
    headers.extend(added.iter().map(String::as_str));
    let mut widths = WIDTHS.to_vec();
    widths.resize(headers.len(), ADDED_WIDTH);
    header_row(ws, &headers, &widths, s)?;
    let states = tracking_states(lang);
    let mut links = 0usize;
    for (b, block) in items.chunks(FORMAT_BLOCK).enumerate() {
        let first = b * FORMAT_BLOCK;
        let mut made = [Links::default(); FORMAT_BLOCK];
        for (k, w) in block.iter().enumerate() {
            let r = (first + k + 1) as u32;
            made[k] = write_row(ws, r, w, (states[0], s), &mut links, lang)?;
        }
        format_block(
            ws,
            block,
            (first + 1) as u32,
            &made,
            (s, headers.len() as u16),
        )?;
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
    write_tracking(ws, r, w, status, lang)?;
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
    for (k, v) in w.tracking.added.iter().enumerate() {
        put_carried(ws, r, col::ADDED + k as u16, v, lang)?;
    }
    ws.set_row_height(r, 60).map_err(xlsx_err)?;
    Ok(made)
}

/// The tracking cells: Estado (carried, else the first state), Notas,
/// Cambio, Posponer hasta, En lista desde.
fn write_tracking(
    ws: &mut Worksheet,
    r: u32,
    w: &WorkItem,
    first_state: &str,
    lang: Lang,
) -> Result<(), Error> {
    let t = &w.tracking;
    put_value(
        ws,
        r,
        col::STATUS,
        t.status.as_deref().unwrap_or(first_state),
        lang,
    )?;
    if !t.notes.is_empty() {
        put_value(ws, r, col::NOTES, &t.notes, lang)?;
    }
    let change = change_cell(t, w.level, lang);
    if !change.is_empty() {
        put_value(ws, r, col::CHANGE, &change, lang)?;
    }
    put_snooze(ws, r, col::SNOOZE, &t.snooze, lang)?;
    if let Some(d) = t.since.and_then(excel_date) {
        ws.write_datetime(r, col::SINCE, &d).map_err(xlsx_err)?;
    }
    Ok(())
}

/// Every cell of a block's rows takes its level's fill; empty cells (no days
/// left, no notes yet) become formatted blanks: coloured edge to edge.
fn format_block(
    ws: &mut Worksheet,
    block: &[WorkItem],
    first_row: u32,
    made: &[Links],
    (s, columns): (&Styles, u16),
) -> Result<(), Error> {
    for column in 0..columns {
        format_runs(ws, column, first_row, block.len(), |k| {
            let w = &block[k];
            let st = s.row(w.level, w.tracking.snoozed);
            match column {
                col::LEVEL => &st.strong,
                col::DAYS | col::LINE => &st.int,
                col::PHONE if made[k].phone => &st.link,
                col::EMAIL if made[k].email => &st.link,
                col::ID | col::PHONE | col::EMAIL | col::PLAN | col::STATUS | col::DRAFT => {
                    &st.text
                }
                col::TRIAL_END | col::SINCE => &st.date,
                col::SNOOZE if matches!(w.tracking.snooze, Snooze::Until(_)) => &st.date,
                col::USAGE => &st.percent,
                c if c >= col::ADDED => match w.tracking.added.get(usize::from(c - col::ADDED)) {
                    Some(CellValue::Date(_)) => &st.date,
                    Some(CellValue::Number(_) | CellValue::Bool(_)) => &st.int,
                    _ => &st.wrap,
                },
                _ => &st.wrap,
            }
        })?;
    }
    Ok(())
}

//! The Worklist sheet: one row per at-risk tenant, most urgent first, each
//! row in its level's fill, with links to call and write.

use super::cells::put_value;
use super::cells::xlsx_err;
use super::cells::{excel_date, format_runs, header_row, print_setup, put_carried, put_snooze};
use super::styles::{RowLook, Styles};
use crate::error::Error;
use crate::model::{CellValue, Lang, Snooze, WorklistColumn};
use crate::plan::WorkItem;
use crate::text::shared::words;
use crate::text::tracking::change_cell;
use crate::text::workbook::{state_words, tracking_states};
use rust_xlsxwriter::{ConditionalFormatFormula, DataValidation, Formula, Url, Worksheet};
use WorklistColumn as C;

/// Excel's limit of hyperlinks per sheet.
pub const MAX_LINKS_PER_SHEET: usize = 65_530;
/// How many `mailto:` links per sheet carry the whole draft as well as the
/// subject (each such link is ~2 KB in the file).
pub const MAX_LINKS_WITH_DRAFT: usize = 10_000;

/// Where each column is on a workbook's Worklist: the tool's columns in
/// [`WorklistColumn::ALL`]'s order (the MRR column only when the export has
/// money columns), then the team's own columns (carried from the previous
/// worklist).
pub(super) struct Layout {
    columns: Vec<WorklistColumn>,
    at: [Option<u16>; WorklistColumn::ALL.len()],
}

impl Layout {
    /// The layout of a workbook whose export has (or has not) money columns.
    pub(super) fn new(money: bool) -> Layout {
        let columns: Vec<WorklistColumn> = WorklistColumn::ALL
            .into_iter()
            .filter(|&c| money || !c.optional())
            .collect();
        let mut at = [None; WorklistColumn::ALL.len()];
        for (i, &c) in columns.iter().enumerate() {
            at[c as usize] = Some(i as u16);
        }
        Layout { columns, at }
    }

    /// A column's place (the tool's columns that are always written).
    fn pos(&self, c: WorklistColumn) -> u16 {
        self.at[c as usize].unwrap_or(u16::MAX)
    }

    /// The tool's column at a place, `None` for a team column.
    fn column(&self, index: u16) -> Option<WorklistColumn> {
        self.columns.get(usize::from(index)).copied()
    }

    /// The place of the first of the team's own columns.
    fn added(&self) -> u16 {
        self.columns.len() as u16
    }

    /// The last column printed: who, why, what to do, and tracking.
    fn last_printed(&self) -> u16 {
        self.pos(WorklistColumn::Notes)
    }
}

/// Rows formatted together (see [`write`]).
const FORMAT_BLOCK: usize = 256;

/// A tool column's width.
fn width(c: WorklistColumn) -> f64 {
    use WorklistColumn as C;
    match c {
        C::Level => 15.0,
        C::Days => 6.0,
        C::Id => 10.0,
        C::Tenant => 22.0,
        C::Owner => 18.0,
        C::Phone => 17.0,
        C::Email => 27.0,
        C::Executive => 16.0,
        C::Plan => 11.0,
        C::Mrr => 14.0,
        C::Reason => 30.0,
        C::Action => 42.0,
        C::Status => 13.0,
        C::Notes => 22.0,
        C::Change => 24.0,
        C::Snooze | C::Since | C::TrialEnd => 12.0,
        C::Usage => 10.0,
        C::Subject => 36.0,
        C::Draft => 60.0,
        C::Goal => 34.0,
        C::OtherSignals => 30.0,
        C::Line => 7.0,
    }
}
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
/// each pass walked 100k rows' cell maps: benches/PROFILE.md §13).
pub(super) fn write(
    ws: &mut Worksheet,
    items: &[WorkItem],
    (added, money): (&[String], bool),
    s: &Styles,
    lang: Lang,
) -> Result<(), Error> {
    let lay = Layout::new(money);
    let names = &words(lang).worklist;
    let mut headers: Vec<&str> = lay.columns.iter().map(|&c| names.of(c)).collect();
    headers.extend(added.iter().map(String::as_str));
    let mut widths: Vec<f64> = lay.columns.iter().map(|&c| width(c)).collect();
    widths.resize(headers.len(), ADDED_WIDTH);
    header_row(ws, &headers, &widths, s)?;
    let states = tracking_states(lang);
    let mut links = 0usize;
    for (b, block) in items.chunks(FORMAT_BLOCK).enumerate() {
        let first = b * FORMAT_BLOCK;
        let mut made = [Links::default(); FORMAT_BLOCK];
        for (k, w) in block.iter().enumerate() {
            let r = (first + k + 1) as u32;
            made[k] = write_row(ws, (r, &lay), w, (states[0], s), &mut links, lang)?;
        }
        format_block(
            ws,
            block,
            (first + 1) as u32,
            &made,
            (s, &lay, headers.len() as u16),
        )?;
    }
    let last = items.len() as u32;
    ws.autofilter(0, 0, last, (headers.len() - 1) as u16)
        .map_err(xlsx_err)?;
    if last > 0 {
        let dv = DataValidation::new()
            .allow_list_strings(&states)
            .map_err(xlsx_err)?;
        let status = lay.pos(C::Status);
        ws.add_data_validation(1, status, last, status, &dv)
            .map_err(xlsx_err)?;
    }
    if last > 0 {
        status_colours(ws, &lay, (last, headers.len() as u16), s, lang)?;
    }
    print_setup(ws)?;
    ws.set_print_area(0, 0, last, lay.last_printed())
        .map_err(xlsx_err)?;
    Ok(())
}

/// The row colours that follow `Estado` as people type it, in Excel and
/// LibreOffice alike (conditional formats over every row): resolved turns
/// the row green with grey text, contacted lightens its level's fill, no
/// answer turns it amber. The words are the drop-down's, in either language.
fn status_colours(
    ws: &mut Worksheet,
    lay: &Layout,
    (last, columns): (u32, u16),
    s: &Styles,
    lang: Lang,
) -> Result<(), Error> {
    let status = rust_xlsxwriter::utility::column_number_to_name(lay.pos(C::Status));
    let level = rust_xlsxwriter::utility::column_number_to_name(lay.pos(C::Level));
    let is = |state: usize| {
        let tests: Vec<String> = state_words(state)
            .iter()
            .map(|w| format!("${status}2=\"{w}\""))
            .collect();
        format!("OR({})", tests.join(","))
    };
    let mut rules: Vec<(String, &rust_xlsxwriter::Format)> = vec![
        (format!("={}", is(2)), &s.status.resolved),
        (format!("={}", is(3)), &s.status.no_answer),
    ];
    for l in crate::model::Level::ALL {
        let label = crate::text::level_label(l, lang);
        let rule = format!("=AND({},${level}2=\"{label}\")", is(1));
        rules.push((rule, &s.status.contacted[l as usize]));
    }
    for (rule, format) in rules {
        let cf = ConditionalFormatFormula::new()
            .set_rule(rule.as_str())
            .set_format(format)
            .set_stop_if_true(true);
        ws.add_conditional_format(1, 0, last, columns - 1, &cf)
            .map_err(xlsx_err)?;
    }
    Ok(())
}

/// Writes a row's values (no formats); `links` counts the sheet's email links.
fn write_row(
    ws: &mut Worksheet,
    (r, lay): (u32, &Layout),
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
        lay.pos(C::Level),
        &crate::text::level_label(w.level, lang),
        lang,
    )?;
    if let Some(d) = w.days_left {
        ws.write_number(r, lay.pos(C::Days), d as f64)
            .map_err(xlsx_err)?;
    }
    put_value(ws, r, lay.pos(C::Id), &c.id, lang)?;
    put_value(ws, r, lay.pos(C::Tenant), &c.name, lang)?;
    put_value(ws, r, lay.pos(C::Owner), &c.owner, lang)?;
    match w.tel_link() {
        // A formula we build from digits only, never from the cell text:
        // the phone column can't smuggle a formula in.
        Some(digits) => {
            let formula = format!("=HYPERLINK(\"tel:{digits}\",\"{}\")", c.phone.trim());
            ws.write_formula(
                r,
                lay.pos(C::Phone),
                Formula::new(formula).set_result(c.phone.trim()),
            )
            .map_err(xlsx_err)?;
            made.phone = true;
        }
        None => put_value(ws, r, lay.pos(C::Phone), &c.phone, lang)?,
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
            ws.write_url_with_format(r, lay.pos(C::Email), url, &s.of(w.level).link)
                .map_err(xlsx_err)?;
            made.email = true;
        }
        None => put_value(ws, r, lay.pos(C::Email), &c.email, lang)?,
    }
    put_value(ws, r, lay.pos(C::Executive), &c.executive, lang)?;
    put_value(ws, r, lay.pos(C::Plan), &c.plan, lang)?;
    put_value(ws, r, lay.pos(C::Reason), &w.reason, lang)?;
    put_value(ws, r, lay.pos(C::Action), &w.action, lang)?;
    if let (Some(at), Some(m)) = (lay.at[C::Mrr as usize], &w.mrr) {
        ws.write_number(r, at, m.cents as f64 / 100.0)
            .map_err(xlsx_err)?;
    }
    write_tracking(ws, (r, lay), w, status, lang)?;
    if let Some(d) = w.trial_end.and_then(excel_date) {
        ws.write_datetime(r, lay.pos(C::TrialEnd), &d)
            .map_err(xlsx_err)?;
    }
    if let Some(u) = w.usage_ratio() {
        ws.write_number(r, lay.pos(C::Usage), u).map_err(xlsx_err)?;
    }
    put_value(ws, r, lay.pos(C::Subject), &w.subject, lang)?;
    put_value(ws, r, lay.pos(C::Draft), &w.draft, lang)?;
    put_value(ws, r, lay.pos(C::Goal), &w.goal, lang)?;
    put_value(ws, r, lay.pos(C::OtherSignals), &w.other_signals, lang)?;
    ws.write_number(r, lay.pos(C::Line), w.line as f64)
        .map_err(xlsx_err)?;
    for (k, v) in w.tracking.added.iter().enumerate() {
        put_carried(ws, r, lay.added() + k as u16, v, lang)?;
    }
    ws.set_row_height(r, 60).map_err(xlsx_err)?;
    Ok(made)
}

/// The tracking cells: Estado (carried, else the first state), Notas,
/// Cambio, Posponer hasta, En lista desde.
fn write_tracking(
    ws: &mut Worksheet,
    (r, lay): (u32, &Layout),
    w: &WorkItem,
    first_state: &str,
    lang: Lang,
) -> Result<(), Error> {
    let t = &w.tracking;
    put_value(
        ws,
        r,
        lay.pos(C::Status),
        t.status.as_deref().unwrap_or(first_state),
        lang,
    )?;
    if !t.notes.is_empty() {
        put_value(ws, r, lay.pos(C::Notes), &t.notes, lang)?;
    }
    let change = change_cell(t, w.level, lang);
    if !change.is_empty() {
        put_value(ws, r, lay.pos(C::Change), &change, lang)?;
    }
    put_snooze(ws, r, lay.pos(C::Snooze), &t.snooze, lang)?;
    if let Some(d) = t.since.and_then(excel_date) {
        ws.write_datetime(r, lay.pos(C::Since), &d)
            .map_err(xlsx_err)?;
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
    (s, lay, columns): (&Styles, &Layout, u16),
) -> Result<(), Error> {
    for column in 0..columns {
        let tool = lay.column(column);
        format_runs(ws, column, first_row, block.len(), |k| {
            let w = &block[k];
            let look = RowLook {
                level: w.level,
                snoozed: w.tracking.snoozed,
                overdue: w.tracking.overdue.is_some(),
            };
            let st = s.row(look);
            match tool {
                Some(C::Level) => &st.strong,
                Some(C::Days | C::Line) => &st.int,
                Some(C::Phone) if made[k].phone => &st.link,
                Some(C::Email) if made[k].email => &st.link,
                Some(C::Id | C::Phone | C::Email | C::Plan | C::Status | C::Draft) => &st.text,
                Some(C::TrialEnd | C::Since) => &st.date,
                Some(C::Snooze) if matches!(w.tracking.snooze, Snooze::Until(_)) => &st.date,
                Some(C::Usage) => &st.percent,
                Some(C::Mrr) => match &w.mrr {
                    Some(m) => s.money(look, &m.currency),
                    None => &st.wrap,
                },
                Some(_) => &st.wrap,
                None => match w.tracking.added.get(usize::from(column - lay.added())) {
                    Some(CellValue::Date(_)) => &st.date,
                    Some(CellValue::Number(_) | CellValue::Bool(_)) => &st.int,
                    _ => &st.wrap,
                },
            }
        })?;
    }
    Ok(())
}

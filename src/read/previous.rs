//! The previous worklist: the `.xlsx` this tool wrote on an earlier day, as
//! the team left it (re-saved by Excel or LibreOffice, sorted, filtered,
//! columns moved or added, cells typed over). Its worklist sheets and their
//! columns are found **by header**, in either language, never by position;
//! every row becomes the tracking cells to carry into today's worklist.
//! `calamine` streams the sheets, natively and in WebAssembly.

use super::cell_text::{date_time, is_clock, Style};
use super::grid::{column_letters, in_grid};
use super::guard;
use super::sheets::{check_zip, container, is_encrypted_package, Container};
use super::shorten;
use super::values::parse_date;
use crate::error::{Error, PreviousError};
use crate::model::{who, DateOrder, History, MAX_SHEET_ROWS};
use crate::model::{CellValue, Expected, Lang, Level, Problem, Snooze, Tracking, WorklistColumn};
use crate::options::ReportZone;
use crate::text::shared::worklist_column;
use crate::text::tracking::{level_of_label, summary_as_of_labels, untitled_column};
use calamine::{expand_shared_formula, open_workbook_from_rs, DataRef, Reader, Xlsx};
use calamine::{XlsxError, XlsxFormulaMetadata};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use std::io::Cursor;

/// The largest previous worklist read (64 MiB); a larger one is refused
/// before it is read.
pub const MAX_PREVIOUS_BYTES: u64 = 64 << 20;

/// How many rows at the top of a sheet may come before its header row.
const HEADER_SEARCH_ROWS: u32 = 10;

/// A tenant's row on the previous worklist.
#[derive(Debug, Clone)]
pub(crate) struct PreviousRow {
    /// The sheet row (1-based) and the sheet's index in [`Previous::sheets`].
    pub row: u64,
    pub sheet: usize,
    pub id: String,
    pub name: String,
    /// Its account executive, as on the list.
    pub executive: String,
    /// Its level, when the `Nivel` cell reads as one.
    pub level: Option<Level>,
    /// Status, notes, snooze, since and the team's columns, as typed.
    pub tracking: Tracking,
    /// Only on today's own earlier worklist (not on the day before's): its
    /// typed cells are carried, but it is new today and cannot leave.
    pub same_day_only: bool,
}

/// The previous worklist, read.
#[derive(Debug, Clone, Default)]
pub(crate) struct Previous {
    /// The day it was made for: its summary's as-of date, or the latest
    /// `En lista desde` of its rows.
    pub as_of: Option<NaiveDate>,
    /// The worklist sheets read.
    pub sheets: Vec<String>,
    /// The headers of the columns the team added, in sheet order.
    pub added: Vec<String>,
    pub rows: Vec<PreviousRow>,
    /// Cells that could not be read as what their column holds.
    pub problems: Vec<Problem>,
    /// Its history (the `Historial` sheets), when it has one.
    pub history: History,
    /// Whether it is the day before's worklist, what today's changes,
    /// departures and overdue rows are measured against (`false`: only
    /// today's own earlier worklist, whose typed cells are carried).
    pub compare: bool,
}

/// What a column of a worklist sheet holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    Tool(WorklistColumn),
    Added(usize),
    /// Not read: an empty header (until a value shows up under it).
    Untitled,
}

/// One cell as read: its value and, for a formula, the formula's text.
struct RawCell<'a> {
    col: u32,
    value: DataRef<'a>,
    formula: Option<String>,
}

/// Reads a previous worklist. `lang` names untitled columns; `zone` reads
/// text dates with an offset.
pub(crate) fn read(bytes: &[u8], lang: Lang, zone: ReportZone) -> Result<Previous, Error> {
    let fail = |e: PreviousError| Error::Previous(e);
    if bytes.len() as u64 > MAX_PREVIOUS_BYTES {
        return Err(fail(PreviousError::TooLarge {
            bytes: bytes.len() as u64,
            limit: MAX_PREVIOUS_BYTES,
        }));
    }
    match container(bytes) {
        Some(Container::Zip) => {}
        Some(Container::Ole) if is_encrypted_package(bytes) => {
            return Err(fail(PreviousError::Encrypted))
        }
        _ => return Err(fail(PreviousError::NotXlsx)),
    }
    check_zip(bytes).map_err(|e| match e {
        Error::WorkbookTooLarge { unpacked } => fail(PreviousError::ZipBomb { unpacked }),
        Error::UnreadableWorkbook { detail } => fail(PreviousError::Unreadable { detail }),
        other => other,
    })?;
    // What calamine would reserve from the file's own numbers.
    guard::check_xlsx(bytes).map_err(|d| fail(PreviousError::Damaged(d)))?;
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| match e {
        // A zip without the workbook's parts: an .ods, a .docx, any zip.
        calamine::XlsxError::FileNotFound(_) => fail(PreviousError::NotXlsx),
        other => fail(PreviousError::Unreadable {
            detail: other.to_string(),
        }),
    })?;
    let names = book.sheet_names();
    let mut out = Previous {
        compare: true,
        ..Previous::default()
    };
    let mut summary_as_of = None;
    for name in &names {
        let sheet = SheetReader {
            name,
            index: out.sheets.len(),
            lang,
            zone,
        };
        if sheet.read(&mut book, &mut out)? {
            out.sheets.push(name.clone());
        } else if summary_as_of.is_none() {
            summary_as_of = read_as_of(&mut book, name, zone)?;
        }
    }
    if out.sheets.is_empty() {
        return Err(fail(PreviousError::NoWorklistSheet { sheets: names }));
    }
    out.history = super::history::read(&mut book, &names, zone)?;
    let latest_since = out.rows.iter().filter_map(|r| r.tracking.since).max();
    out.as_of = summary_as_of.max(latest_since);
    Ok(out)
}

/// Reading one sheet of the previous workbook.
struct SheetReader<'n> {
    name: &'n str,
    index: usize,
    lang: Lang,
    zone: ReportZone,
}

impl SheetReader<'_> {
    /// Reads the sheet's rows into `out` if it is a worklist sheet
    /// (`false`: it is not one, nothing was taken).
    fn read(&self, book: &mut Xlsx<Cursor<&[u8]>>, out: &mut Previous) -> Result<bool, Error> {
        let unreadable = |e: calamine::XlsxError| {
            Error::Previous(PreviousError::Unreadable {
                detail: e.to_string(),
            })
        };
        let mut cells = book.worksheet_cells_reader(self.name).map_err(unreadable)?;
        let too_long = |rows: u64| {
            Error::Previous(PreviousError::SheetTooLong {
                sheet: self.name.to_string(),
                rows,
            })
        };
        let declared = u64::from(cells.dimensions().end.0) + 1;
        if declared > MAX_SHEET_ROWS as u64 {
            return Err(too_long(declared));
        }
        let mut slots: Option<Vec<Slot>> = None;
        let mut row: Vec<RawCell> = Vec::new();
        let mut row_index = 0u32;
        let mut formulas = SharedFormulas::default();
        loop {
            let next = cells
                .next_cell_with_formula_metadata()
                .map_err(unreadable)?;
            let at_end = next.is_none();
            let new_row = next.as_ref().map_or(u32::MAX, |c| c.pos.0);
            if at_end || new_row != row_index {
                if !row.is_empty() {
                    match &mut slots {
                        Some(s) => self.take_row(row_index, &row, s, out),
                        None => slots = self.header(&row, out),
                    }
                    row.clear();
                }
                if slots.is_none() && new_row >= HEADER_SEARCH_ROWS {
                    return Ok(false);
                }
                row_index = new_row;
            }
            let Some(c) = next else { break };
            // A cell past XFD or row 1,048,576 is a damaged file.
            in_grid(self.name, c.pos.0, c.pos.1)
                .map_err(|d| Error::Previous(PreviousError::Damaged(d)))?;
            let formula = formulas.text(c.formula, c.pos).map_err(unreadable)?;
            row.push(RawCell {
                col: c.pos.1,
                value: c.value,
                formula,
            });
        }
        Ok(slots.is_some())
    }

    /// The slots of a header row, when it is the worklist's: it names the
    /// level, the status, and the tenant's id or name.
    fn header(&self, row: &[RawCell], out: &mut Previous) -> Option<Vec<Slot>> {
        let width = row.iter().map(|c| c.col + 1).max().unwrap_or(0) as usize;
        let mut tool = vec![None; width];
        let mut found = Vec::new();
        for c in row {
            if let Some(col) = worklist_column(&text_of(c)).filter(|k| !found.contains(k)) {
                found.push(col);
                tool[c.col as usize] = Some(col);
            }
        }
        let has = |c| found.contains(&c);
        let named = has(WorklistColumn::Id) || has(WorklistColumn::Tenant);
        if !(named && has(WorklistColumn::Level) && has(WorklistColumn::Status)) {
            return None;
        }
        // The worklist's header: every other named column is the team's.
        let mut slots = vec![Slot::Untitled; width];
        for c in row {
            let h = text_of(c);
            let h = h.trim();
            slots[c.col as usize] = match tool[c.col as usize] {
                Some(col) => Slot::Tool(col),
                None if h.is_empty() => Slot::Untitled,
                None => Slot::Added(added_index(out, h)),
            };
        }
        Some(slots)
    }

    /// One data row: a tenant's tracking cells, or a problem when it names
    /// no tenant but holds typed values.
    fn take_row(&self, r: u32, row: &[RawCell], slots: &mut Vec<Slot>, out: &mut Previous) {
        let mut p = PreviousRow {
            row: u64::from(r) + 1,
            sheet: self.index,
            id: String::new(),
            name: String::new(),
            executive: String::new(),
            level: None,
            tracking: Tracking {
                status: Some(String::new()),
                carried: true,
                ..Tracking::default()
            },
            same_day_only: false,
        };
        let mut typed: Vec<(u32, String, String)> = Vec::new(); // (col, header, value)
        for c in row {
            let col = c.col as usize;
            if col >= slots.len() {
                slots.resize(col + 1, Slot::Untitled);
            }
            if slots[col] == Slot::Untitled && !is_blank(&c.value) {
                let header = untitled_column(&column_letters(c.col), self.lang);
                slots[col] = Slot::Added(added_index(out, &header));
            }
            let header = |out: &Previous| match slots[col] {
                Slot::Tool(w) => crate::text::shared::words(self.lang)
                    .worklist
                    .of(w)
                    .to_string(),
                Slot::Added(i) => out.added[i].clone(),
                Slot::Untitled => String::new(),
            };
            match slots[col] {
                Slot::Tool(WorklistColumn::Id) => p.id = text_of(c).trim().to_string(),
                Slot::Tool(WorklistColumn::Tenant) => p.name = text_of(c).trim().to_string(),
                Slot::Tool(WorklistColumn::Executive) => {
                    p.executive = text_of(c).trim().to_string()
                }
                Slot::Tool(WorklistColumn::Level) => p.level = level_of_label(&text_of(c)),
                Slot::Tool(WorklistColumn::Status) => {
                    let t = typed_text(c);
                    typed.push((c.col, header(out), t.clone()));
                    p.tracking.status = Some(t);
                }
                Slot::Tool(WorklistColumn::Notes) => {
                    p.tracking.notes = typed_text(c);
                    typed.push((c.col, header(out), p.tracking.notes.clone()));
                }
                Slot::Tool(WorklistColumn::Snooze) => {
                    p.tracking.snooze = self.snooze(c, &p, header(out), out);
                    if let Snooze::Text(t) = &p.tracking.snooze {
                        typed.push((c.col, header(out), t.clone()));
                    }
                }
                Slot::Tool(WorklistColumn::Since) => p.tracking.since = self.date(c),
                Slot::Tool(_) | Slot::Untitled => {}
                Slot::Added(i) => {
                    let v = cell_value(c);
                    if !v.is_empty() {
                        typed.push((c.col, header(out), typed_text(c)));
                    }
                    if p.tracking.added.len() <= i {
                        p.tracking.added.resize(i + 1, CellValue::Empty);
                    }
                    p.tracking.added[i] = v;
                }
            }
        }
        if p.id.is_empty() && p.name.is_empty() {
            // A row the team typed into without a tenant: reported, cell by cell.
            for (col, header, value) in typed.into_iter().filter(|t| !t.2.is_empty()) {
                let place = self.place(col, p.row);
                out.problems.push(problem(
                    &p,
                    header,
                    place,
                    &value,
                    Expected::PreviousIdentity,
                ));
            }
            return;
        }
        out.rows.push(p);
    }

    /// A snooze cell: a date, or text that is reported.
    fn snooze(&self, c: &RawCell, p: &PreviousRow, header: String, out: &mut Previous) -> Snooze {
        if is_blank(&c.value) {
            return Snooze::None;
        }
        match self.date(c) {
            Some(d) => Snooze::Until(d),
            None => {
                let t = typed_text(c);
                let place = self.place(c.col, p.row);
                out.problems
                    .push(problem(p, header, place, &t, Expected::SnoozeDate));
                Snooze::Text(t)
            }
        }
    }

    /// A date cell, or text that reads as a date (day first).
    fn date(&self, c: &RawCell) -> Option<NaiveDate> {
        cell_date(&c.value, self.zone)
    }

    /// `Worklist!N5`.
    fn place(&self, col: u32, row: u64) -> String {
        format!("{}!{}{row}", self.name, column_letters(col))
    }
}

/// A date cell's date, or a text cell's date (day first, or ISO); a
/// duration or a time of day is no date.
fn cell_date(v: &DataRef, zone: ReportZone) -> Option<NaiveDate> {
    match v {
        DataRef::DateTime(dt) if is_clock(dt) => None,
        DataRef::DateTime(dt) => date_time(dt).map(|t| t.date()),
        DataRef::DateTimeIso(s) => s.get(..10).and_then(|d| d.parse().ok()),
        DataRef::String(s) => text_date(s, zone),
        DataRef::SharedString(s) => text_date(s, zone),
        _ => None,
    }
}

fn text_date(s: &str, zone: ReportZone) -> Option<NaiveDate> {
    parse_date(s, zone).ok().flatten()?.resolve(DateOrder::Dmy)
}

/// The summary sheet's as-of date, when `name` is one: the cell right of
/// its label, in the first 40 rows of the sheet's cells. Streamed: a
/// stray far cell costs one cell, not a range up to it.
fn read_as_of(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    zone: ReportZone,
) -> Result<Option<NaiveDate>, Error> {
    let labels = summary_as_of_labels();
    let Some((_, label)) = labels.iter().find(|(sheet, _)| *sheet == name) else {
        return Ok(None);
    };
    let Ok(mut cells) = book.worksheet_cells_reader(name) else {
        return Ok(None);
    };
    // (row, col, text, date) of each non-empty cell; the rectangle's corner.
    let mut seen: Vec<(u32, u32, String, Option<NaiveDate>)> = Vec::new();
    let (mut top, mut left) = (u32::MAX, u32::MAX);
    loop {
        let c = match cells.next_cell() {
            Ok(Some(c)) => c,
            Ok(None) => break,
            Err(_) => return Ok(None),
        };
        let (row, col) = c.get_position();
        in_grid(name, row, col).map_err(|d| Error::Previous(PreviousError::Damaged(d)))?;
        if *c.get_value() == DataRef::Empty {
            continue;
        }
        (top, left) = (top.min(row), left.min(col));
        if row < top.saturating_add(40) {
            let v = c.get_value();
            seen.push((row, col, data_text(v), cell_date(v, zone)));
        }
    }
    seen.retain(|&(row, ..)| row < top.saturating_add(40));
    seen.sort_by_key(|&(row, col, ..)| (row, col));
    let at = |row: u32, col: u32| seen.iter().rev().find(|c| (c.0, c.1) == (row, col));
    let mut rows: Vec<u32> = seen.iter().map(|c| c.0).collect();
    rows.dedup();
    Ok(rows.into_iter().find_map(|row| {
        let first = at(row, left)?;
        (first.2.trim() == *label).then(|| at(row, left + 1)?.3)?
    }))
}

/// The shared formulas of a sheet seen so far (`si` → template and its
/// first cell), to give each cell that shares one its own text. Kept here
/// rather than in calamine's expanding reader, which sizes a table by the
/// largest `si` index the file states.
#[derive(Default)]
struct SharedFormulas(FxHashMap<usize, (String, (u32, u32))>);

impl SharedFormulas {
    /// A cell's formula text, as calamine's `next_cell_with_formula` gives it.
    fn text(
        &mut self,
        f: Option<XlsxFormulaMetadata>,
        pos: (u32, u32),
    ) -> Result<Option<String>, XlsxError> {
        Ok(match f {
            None => None,
            Some(XlsxFormulaMetadata::Normal { formula }) => Some(formula),
            Some(XlsxFormulaMetadata::Shared {
                shared_index,
                range,
                formula,
            }) => {
                if let Some(r) = range {
                    self.0.insert(shared_index, (formula.clone(), r.start));
                }
                Some(formula)
            }
            Some(XlsxFormulaMetadata::SharedDerived { shared_index }) => {
                match self.0.get(&shared_index) {
                    Some((template, start)) => Some(expand_shared_formula(template, *start, pos)?),
                    None => None,
                }
            }
            Some(_) => None,
        })
    }
}

/// The index of an added column's header, added once.
fn added_index(out: &mut Previous, header: &str) -> usize {
    match out.added.iter().position(|h| h == header) {
        Some(i) => i,
        None => {
            out.added.push(header.to_string());
            out.added.len() - 1
        }
    }
}

fn problem(p: &PreviousRow, column: String, cell: String, value: &str, e: Expected) -> Problem {
    Problem {
        line: p.row,
        tenant: shorten(who(&p.id, &p.name)),
        column,
        field: None,
        cell: Some(cell),
        value: shorten(value),
        expected: e,
    }
}

fn is_blank(v: &DataRef) -> bool {
    match v {
        DataRef::Empty => true,
        DataRef::String(s) => s.is_empty(),
        DataRef::SharedString(s) => s.is_empty(),
        _ => false,
    }
}

/// A cell's value as the team sees it (`cell_text`'s typed style: numbers
/// as typed, dates as ISO, `TRUE`, `36:00:00`).
fn data_text(v: &DataRef) -> String {
    super::cell_text::text(v, Style::TYPED)
}

/// The value of a cell, as text.
fn text_of(c: &RawCell) -> String {
    data_text(&c.value)
}

/// What a person typed, as text: a formula's text (`=1+1`), else the value.
fn typed_text(c: &RawCell) -> String {
    match &c.formula {
        Some(f) if !f.is_empty() => format!("={f}"),
        _ => text_of(c),
    }
}

/// A cell of a team's column, as what it is; a formula, a duration or a
/// time of day as its text.
fn cell_value(c: &RawCell) -> CellValue {
    if let Some(f) = c.formula.as_ref().filter(|f| !f.is_empty()) {
        return CellValue::Text(format!("={f}"));
    }
    match &c.value {
        DataRef::Empty => CellValue::Empty,
        DataRef::Int(i) => CellValue::Number(*i as f64),
        DataRef::Float(f) => CellValue::Number(*f),
        DataRef::Bool(b) => CellValue::Bool(*b),
        // A duration or a time of day: as it shows (`36:00:00`), as text.
        DataRef::DateTime(dt) if is_clock(dt) => CellValue::Text(data_text(&c.value)),
        DataRef::DateTime(dt) => match date_time(dt) {
            Some(t) => CellValue::Date(t),
            None => CellValue::Number(dt.as_f64()),
        },
        _ => CellValue::Text(data_text(&c.value)),
    }
}

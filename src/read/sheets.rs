//! Step 1 for an export that arrives as a workbook (.xlsx, .xlsm, .xls,
//! .ods), recognised by its content: the sheet to read, its header and its
//! records, each typed cell written as the text a CSV export of it would
//! hold (`cell_text`'s export style: dates as ISO dates, whole numbers
//! without `.0`, `true`/`false`), so the same value parsing and the same
//! rules apply. `calamine` reads the
//! workbook, natively and in WebAssembly: an .xlsx as its stream of cells
//! (shared strings borrowed, every cell's text appended to one buffer),
//! other formats through calamine's range of the sheet. Either way the
//! records are the rows of that range (see [`Grid`]).

use super::cell_text::{push_data, push_data_ref, Style};
use super::dialect::Dialect;
use super::grid::{Grid, GridBuilder, SheetPlace};
use super::guard;
use super::Table;
use crate::error::Error;
use crate::model::{Field, MAX_SHEET_ROWS};
use calamine::{open_workbook_auto_from_rs, Data, DataRef, Reader, SheetVisible, Sheets};
use calamine::{Xlsb, XlsbError, Xlsx, XlsxError};
use std::io::Cursor;

/// The containers workbooks come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Container {
    /// A zip: .xlsx, .xlsm, .ods (and any other zip, which is refused).
    Zip,
    /// An OLE compound file: .xls (and encrypted .xlsx, which is refused).
    Ole,
}

/// What a workbook's bytes start with.
pub(crate) fn container(bytes: &[u8]) -> Option<Container> {
    const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Some(Container::Zip)
    } else if bytes.starts_with(&OLE) {
        Some(Container::Ole)
    } else {
        None
    }
}

/// The most a workbook may unpack to (what its members declare, added up).
const MAX_UNPACKED: u64 = 1 << 30;
/// The most members a workbook may have.
const MAX_MEMBERS: usize = 10_000;

/// The sheet that was read.
pub(crate) struct Sheet {
    /// The workbook's format (`xlsx`, `xls`, `ods`).
    pub format: &'static str,
    /// The sheet's name.
    pub name: String,
    /// Its records: the rows under the header.
    pub records: SheetRecords,
    /// The other sheets, not read.
    pub skipped: Vec<String>,
}

/// A sheet's records, kept as its cells' text: each record is written into
/// the caller's `Record` when it is read (one buffer for the whole
/// sheet instead of one record each).
pub(crate) struct SheetRecords {
    grid: Grid,
    /// The grid row of the first record (the one under the header).
    first: usize,
}

impl SheetRecords {
    /// How many records there are.
    pub fn len(&self) -> usize {
        self.grid.height().saturating_sub(self.first)
    }

    /// Whether record `k` has no cell: a blank row, skipped without being
    /// written (a value typed at row 1,048,576 makes a million of them).
    pub fn is_blank(&self, k: usize) -> bool {
        self.grid.is_empty_row(self.first + k)
    }

    /// Writes record `k` (of [`SheetRecords::len`]) into `rec`; returns the sheet
    /// row it is on (1-based, as Excel shows it).
    pub fn fill(&self, k: usize, rec: &mut super::records::Record) -> u64 {
        self.grid.fill(self.first + k, rec)
    }
}

/// Opens a workbook and picks its sheet: `wanted` by name, else the first
/// visible sheet whose header row maps to a tenant export's columns.
pub(crate) fn read(
    bytes: &[u8],
    kind: Container,
    wanted: Option<&str>,
    overrides: &[(Field, String)],
) -> Result<(Table<'static>, Sheet), Error> {
    if kind == Container::Zip {
        check_zip(bytes)?;
        // What calamine would reserve or unfold from the file's own numbers.
        guard::check_xlsx(bytes).map_err(Error::Damaged)?;
        guard::check_xlsb(bytes).map_err(Error::Damaged)?;
        guard::check_ods(bytes).map_err(Error::Damaged)?;
    } else if is_encrypted_package(bytes) {
        return Err(Error::EncryptedWorkbook);
    } else {
        super::ole::check_xls(bytes).map_err(Error::Damaged)?;
    }
    let format = match kind {
        Container::Ole => "xls",
        // An OpenDocument zip starts with its uncompressed `mimetype` member
        // (its name at offset 30 of the first local header).
        Container::Zip if bytes.get(30..38) == Some(&b"mimetype"[..]) => "ods",
        Container::Zip => "xlsx",
    };
    let mut book = Book::open(bytes, format)?;
    let sheets = book.sheets();
    let names: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
    if let Some(w) = wanted {
        if !names.iter().any(|n| n == w) {
            return Err(Error::SheetNotFound {
                name: w.to_string(),
                sheets: names,
            });
        }
    }
    let mut first_error = None;
    for (i, meta) in sheets.iter().enumerate() {
        let chosen_by_name = wanted == Some(meta.name.as_str());
        if (wanted.is_some() && !chosen_by_name)
            || (wanted.is_none() && meta.visible != SheetVisible::Visible)
        {
            continue;
        }
        let Some(grid) = book.grid(&meta.name)? else {
            continue; // an empty sheet
        };
        match header_row(&grid, &meta.name, overrides) {
            Ok((h, table)) => {
                let skipped = names
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != i)
                    .map(|(_, n)| n.clone())
                    .collect();
                let sheet = Sheet {
                    format,
                    name: meta.name.clone(),
                    records: SheetRecords { grid, first: h + 1 },
                    skipped,
                };
                return Ok((table, sheet));
            }
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    // No sheet holds a tenant export: say why for the first one that had
    // columns (the page offers to map them), else that none had data.
    Err(first_error.unwrap_or(Error::NoDataSheet { sheets: names }))
}

/// An open workbook: an .xlsx (or .xlsb) read as calamine's cell stream,
/// anything else through calamine's format detection and its ranges.
enum Book<'b> {
    Xlsx(Xlsx<Cursor<&'b [u8]>>),
    Xlsb(Xlsb<Cursor<&'b [u8]>>),
    Other(Sheets<Cursor<&'b [u8]>>),
}

impl<'b> Book<'b> {
    fn open(bytes: &'b [u8], format: &str) -> Result<Book<'b>, Error> {
        // The reader calamine's detection picks for a zip (it tries .xls
        // first, which refuses one). When it cannot open the file, the
        // detection tries every format and fails as it always did.
        if format == "xlsx" {
            if let Ok(book) = Xlsx::new(Cursor::new(bytes)) {
                return Ok(Book::Xlsx(book));
            }
            // What the detection tries next (an Excel binary workbook).
            if let Ok(book) = Xlsb::new(Cursor::new(bytes)) {
                return Ok(Book::Xlsb(book));
            }
        }
        // An OLE file is an .xls: its own error (a password) rather than
        // the detection's "cannot detect".
        if format == "xls" {
            return (calamine::Xls::new(Cursor::new(bytes)))
                .map(|b| Book::Other(Sheets::Xls(b)))
                .map_err(|e| unreadable(calamine::Error::Xls(e)));
        }
        open_workbook_auto_from_rs(Cursor::new(bytes))
            .map(Book::Other)
            .map_err(unreadable)
    }

    fn sheets(&self) -> Vec<calamine::Sheet> {
        match self {
            Book::Xlsx(b) => b.sheets_metadata().to_vec(),
            Book::Xlsb(b) => b.sheets_metadata().to_vec(),
            Book::Other(b) => b.sheets_metadata().to_vec(),
        }
    }

    /// A sheet's cells (`None`: it has none).
    fn grid(&mut self, name: &str) -> Result<Option<Grid>, Error> {
        match self {
            Book::Xlsx(b) => xlsx_grid(b, name),
            Book::Xlsb(b) => xlsb_grid(b, name),
            Book::Other(b) => range_grid(&b.worksheet_range(name).map_err(unreadable)?, name),
        }
    }
}

/// An .xlsx sheet's cells, streamed: what calamine's range of the sheet
/// holds (its non-empty cells, the last of any two at the same place, in
/// the rectangle that bounds them), without building the range.
fn xlsx_grid(book: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Option<Grid>, Error> {
    let fail = |e: XlsxError| unreadable(calamine::Error::Xlsx(e));
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(r) => r,
        // A chart sheet or the like: calamine's range of it is empty.
        Err(XlsxError::NotAWorksheet(_)) => return Ok(None),
        Err(e) => return Err(fail(e)),
    };
    streamed_grid(name, || reader.next_cell().map_err(fail))
}

/// An .xlsb sheet's cells, streamed as an .xlsx's.
fn xlsb_grid(book: &mut Xlsb<Cursor<&[u8]>>, name: &str) -> Result<Option<Grid>, Error> {
    let fail = |e: XlsbError| unreadable(calamine::Error::Xlsb(e));
    let mut reader = book.worksheet_cells_reader(name).map_err(fail)?;
    streamed_grid(name, || reader.next_cell().map_err(fail))
}

/// A grid from a sheet's cells as a calamine cell reader gives them, one at
/// a time (an .xlsx's and an .xlsb's readers have no common trait).
fn streamed_grid<'a>(
    name: &str,
    mut next_cell: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, Error>,
) -> Result<Option<Grid>, Error> {
    let mut cells = GridBuilder::new(name);
    while let Some(cell) = next_cell()? {
        let (row, col) = cell.get_position();
        match cell.get_value() {
            DataRef::Empty => {}
            value => cells
                .push(row, col, |out| push_data_ref(out, value, Style::EXPORT))
                .map_err(Error::Damaged)?,
        }
    }
    cells.finish()
}

/// A sheet's cells from calamine's range (.xls, .ods).
fn range_grid(range: &calamine::Range<Data>, name: &str) -> Result<Option<Grid>, Error> {
    if range.height() > MAX_SHEET_ROWS {
        return Err(Error::SheetTooLong {
            sheet: name.to_string(),
            rows: range.height(),
        });
    }
    let Some((first_row, first_col)) = range.start() else {
        return Ok(None);
    };
    let mut cells = GridBuilder::new(name);
    let mut height = 0;
    for (k, row) in range.rows().enumerate() {
        for (j, value) in row.iter().enumerate() {
            if *value != Data::Empty {
                // Inside the range, whose corners are u32s.
                let (r, c) = (first_row as usize + k, first_col as usize + j);
                (cells.push(r as u32, c as u32, |out| {
                    push_data(out, value, Style::EXPORT)
                }))
                .map_err(Error::Damaged)?;
            }
        }
        height = k + 1;
    }
    Ok(Some(cells.grid(first_row, height)))
}

/// Rows a title or a note may take above the header.
const HEADER_SEARCH: usize = 10;

/// The header row: the first of the sheet's first rows whose cells name a
/// tenant export's columns (a title row above it is skipped). When none
/// does, the first row's error (its headers, for the page to map).
fn header_row(
    grid: &Grid,
    name: &str,
    overrides: &[(Field, String)],
) -> Result<(usize, Table<'static>), Error> {
    let mut first_error = None;
    let mut rec = super::records::Record::new();
    for h in 0..grid.height().min(HEADER_SEARCH) {
        grid.fill(h, &mut rec);
        let headers: Vec<String> = rec.iter().map(|c| c.trim().to_string()).collect();
        if headers.iter().all(String::is_empty) {
            continue;
        }
        let place = SheetPlace {
            name: name.to_string(),
            columns: grid.columns.clone(),
        };
        let plain = Dialect {
            delimiter: b',',
            from_sep_line: false,
            start: 0,
            skipped_lines: 0,
        };
        match Table::with_headers("", plain, headers, overrides, Some(place)) {
            Ok(table) => return Ok((h, table)),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or(Error::NoDataSheet {
        sheets: vec![name.to_string()],
    }))
}

/// Refuses a zip that is not one, or that declares more than a workbook
/// can sensibly unpack to (a zip bomb), before anything is unpacked.
pub(crate) fn check_zip(bytes: &[u8]) -> Result<(), Error> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| Error::UnreadableWorkbook {
            detail: e.to_string(),
        })?;
    if zip.len() > MAX_MEMBERS {
        return Err(Error::WorkbookTooLarge { unpacked: u64::MAX });
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let member = zip.by_index_raw(i).map_err(|e| Error::UnreadableWorkbook {
            detail: e.to_string(),
        })?;
        total = total.saturating_add(member.size());
    }
    if total > MAX_UNPACKED {
        return Err(Error::WorkbookTooLarge { unpacked: total });
    }
    Ok(())
}

/// Whether an OLE file is an encrypted Office document (its
/// `EncryptedPackage` stream, named in UTF-16).
pub(crate) fn is_encrypted_package(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

/// calamine's error, as the person's: a password, or a damaged file.
fn unreadable(e: calamine::Error) -> Error {
    use calamine::{Error as E, OdsError, XlsError};
    match e {
        E::Xls(XlsError::Password) | E::Ods(OdsError::Password) => Error::EncryptedWorkbook,
        other => Error::UnreadableWorkbook {
            detail: other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sheet's rows: the sheet row and the fields of each.
    type Rows = Vec<(u64, Vec<String>)>;

    /// A sheet's columns and rows (`None`: no cells).
    fn rows_of(book: &mut Book, name: &str) -> Option<(Vec<u32>, Rows)> {
        let grid = book.grid(name).unwrap()?;
        let mut rec = crate::read::records::Record::new();
        let rows = (0..grid.height())
            .map(|k| {
                (
                    grid.fill(k, &mut rec),
                    rec.iter().map(str::to_string).collect(),
                )
            })
            .collect();
        Some((grid.columns.clone(), rows))
    }

    fn streamed_like_the_range(bytes: &[u8]) {
        let mut stream = Book::open(bytes, "xlsx").unwrap();
        assert!(matches!(stream, Book::Xlsx(_)));
        let auto = open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
        let mut range = Book::Other(auto);
        for s in stream.sheets() {
            let name = &s.name;
            assert_eq!(
                rows_of(&mut stream, name),
                rows_of(&mut range, name),
                "{name}"
            );
        }
    }

    /// An .xlsx whose only sheet is `xml`.
    fn with_sheet(xml: &str) -> Vec<u8> {
        use std::io::Write;
        let mut wb = rust_xlsxwriter::Workbook::new();
        wb.add_worksheet().write_string(0, 0, "x").unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(wb.save_to_buffer().unwrap())).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..zip.len() {
            let member = zip.by_index_raw(i).unwrap();
            if member.name().unwrap() == "xl/worksheets/sheet1.xml" {
                drop(member);
                let options = zip::write::SimpleFileOptions::default();
                out.start_file("xl/worksheets/sheet1.xml", options).unwrap();
                out.write_all(xml.as_bytes()).unwrap();
            } else {
                out.raw_copy_file(member).unwrap();
            }
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn an_xlsx_read_as_a_stream_gives_calamines_range() {
        for f in ["tenants-ejemplo", "en-db-comma", "us-month-first", "errors"] {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sheets");
            streamed_like_the_range(&std::fs::read(format!("{dir}/{f}.xlsx")).unwrap());
        }
        // Rows out of order, a cell written twice (the later counts), an
        // empty text cell (it counts) and an empty cell (it does not).
        let sheet = concat!(
            r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
            r#"<sheetData><row r="4"><c r="C4"><v>3.5</v></c>"#,
            r#"<c r="B4" t="inlineStr"><is><t>b4</t></is></c><c r="G4"/></row>"#,
            r#"<row r="2"><c r="D2" t="inlineStr"><is><t>first</t></is></c></row>"#,
            r#"<row r="3"><c r="D2" t="inlineStr"><is><t>second</t></is></c>"#,
            r#"<c r="E3" t="str"><v></v></c><c r="C3" t="b"><v>1</v></c>"#,
            r#"<c r="B3" t="d"><v>2026-01-02T00:00:00</v></c><c r="F3"><v>12</v></c>"#,
            r#"</row></sheetData></worksheet>"#
        );
        let bytes = with_sheet(sheet);
        streamed_like_the_range(&bytes);
        let rows = rows_of(&mut Book::open(&bytes, "xlsx").unwrap(), "Sheet1");
        let (columns, rows) = rows.unwrap();
        assert_eq!((columns, rows.len()), (vec![1, 2, 3, 4, 5], 3));
        assert_eq!(
            rows[0],
            (
                2,
                vec!["".into(), "".into(), "second".into(), "".into(), "".into()]
            )
        );
        assert_eq!(rows[1].1[1..], ["true", "", "", "12"]);
    }

    #[test]
    fn containers_are_told_by_their_first_bytes() {
        assert_eq!(container(b"PK\x03\x04rest"), Some(Container::Zip));
        assert_eq!(
            container(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Some(Container::Ole)
        );
        assert_eq!(container(b"id,name\n"), None);
    }
}

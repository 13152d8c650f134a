//! Step 1 for an export that arrives as a workbook (.xlsx, .xlsm, .xls,
//! .ods), recognised by its content: the sheet to read, its header and its
//! records, each typed cell written as the text a CSV export of it would
//! hold (dates as ISO dates, whole numbers without `.0`, `true`/`false`), so
//! the same value parsing and the same rules apply. `calamine` reads the
//! workbook, natively and in WebAssembly.

use super::dialect::Dialect;
use super::place::SheetPlace;
use super::Table;
use crate::error::Error;
use crate::model::{Field, MAX_SHEET_ROWS};
use calamine::{open_workbook_auto_from_rs, Data, Reader, SheetVisible};
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
    /// Its records and the sheet row each is on (1-based, as Excel shows it).
    pub records: Vec<(u64, csv::StringRecord)>,
    /// The other sheets, not read.
    pub skipped: Vec<String>,
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
    } else if is_encrypted_package(bytes) {
        return Err(Error::EncryptedWorkbook);
    }
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let format = match kind {
        Container::Ole => "xls",
        // An OpenDocument zip starts with its uncompressed `mimetype` member
        // (its name at offset 30 of the first local header).
        Container::Zip if bytes.get(30..38) == Some(&b"mimetype"[..]) => "ods",
        Container::Zip => "xlsx",
    };
    let sheets = book.sheets_metadata().to_vec();
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
        let range = book.worksheet_range(&meta.name).map_err(unreadable)?;
        if range.height() > MAX_SHEET_ROWS {
            return Err(Error::SheetTooLong {
                sheet: meta.name.clone(),
                rows: range.height(),
            });
        }
        let Some((first_row, first_col)) = range.start() else {
            continue; // an empty sheet
        };
        match header_row(&range, &meta.name, first_col, overrides) {
            Ok((h, table)) => {
                let records = range
                    .rows()
                    .enumerate()
                    .skip(h + 1)
                    .map(|(k, r)| {
                        let line = u64::from(first_row) + k as u64 + 1;
                        (line, r.iter().map(cell_text).collect())
                    })
                    .collect();
                let skipped = names
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != i)
                    .map(|(_, n)| n.clone())
                    .collect();
                let name = meta.name.clone();
                let sheet = Sheet {
                    format,
                    name,
                    records,
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

/// Rows a title or a note may take above the header.
const HEADER_SEARCH: usize = 10;

/// The header row: the first of the sheet's first rows whose cells name a
/// tenant export's columns (a title row above it is skipped). When none
/// does, the first row's error (its headers, for the page to map).
fn header_row(
    range: &calamine::Range<Data>,
    name: &str,
    first_col: u32,
    overrides: &[(Field, String)],
) -> Result<(usize, Table<'static>), Error> {
    let mut first_error = None;
    for (h, row) in range.rows().take(HEADER_SEARCH).enumerate() {
        let headers: Vec<String> = row
            .iter()
            .map(|c| cell_text(c).trim().to_string())
            .collect();
        if headers.iter().all(String::is_empty) {
            continue;
        }
        let place = SheetPlace {
            name: name.to_string(),
            first_col,
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

/// A cell as the text a CSV export would hold.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => (if *b { "true" } else { "false" }).to_string(),
        Data::DateTime(dt) if dt.is_datetime() => match dt.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.format("%Y-%m-%d").to_string(),
            Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => number_text(dt.as_f64()),
        },
        Data::DateTime(dt) => number_text(dt.as_f64()),
        Data::Error(e) => e.to_string(),
    }
}

/// A number as typed: `10000`, not `10000.0`; `0.5` stays `0.5`.
pub(crate) fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
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

    #[test]
    fn typed_cells_read_as_a_csv_would_hold_them() {
        assert_eq!(cell_text(&Data::Float(10000.0)), "10000");
        assert_eq!(cell_text(&Data::Float(0.5)), "0.5");
        assert_eq!(cell_text(&Data::Int(-3)), "-3");
        assert_eq!(cell_text(&Data::Bool(true)), "true");
        assert_eq!(cell_text(&Data::Error(calamine::CellErrorType::NA)), "#N/A");
        assert_eq!(cell_text(&Data::Empty), "");
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

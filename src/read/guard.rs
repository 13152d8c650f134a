//! What a workbook may not do to the reader (Excel's grid, the bound of
//! every cell reference, is `grid::in_grid`): a number a workbook declares
//! is checked against what the file holds **before** `calamine` acts on it, since
//! calamine 0.38 reserves memory from some of them (benches/PROFILE.md,
//! "calamine behaviours guarded against"):
//!
//! - an .xlsx's shared strings table (`<sst uniqueCount="N">`): calamine
//!   reserves `N` strings up front ([`check_xlsx`]);
//! - an .ods sheet's repeated rows and columns: calamine unfolds them into
//!   a dense range of every sheet when it opens the file ([`check_ods`]);
//! - an .xlsb's records: calamine sizes a buffer by each record's declared
//!   length (up to 256 MB) before reading it ([`check_xlsb`]);
//! - an .xls: see [`super::ole`].
//!
//! Each check reads the zip member with the same XML reader and settings
//! calamine uses, so both see the same elements; a damaged file is refused
//! with what it declares and what it holds ([`Damage`]).

use crate::error::Damage;
use crate::model::MAX_SHEET_ROWS;
use quick_xml::events::Event;
use quick_xml::name::QName;
use std::io::{BufReader, Cursor, Read};

/// The most cells the readers that build a sheet's whole rectangle
/// (.xls, .ods: calamine's range) may unfold the workbook's sheets into,
/// all together: 16,777,216, about 900 MB as calamine's cells and
/// formulas. An .xlsx or .xlsb is streamed cell by cell and has no such
/// limit.
pub(crate) const MAX_RANGE_CELLS: u64 = 1 << 24;

/// A declared count this far above what the file holds is still taken
/// (a writer that counts loosely); the reservation it causes is small.
const COUNT_SLACK: u64 = 1 << 16;

/// A zip member's XML, read as calamine reads it (same `quick-xml`
/// settings: `expand_empty_elements`, no end-name checks).
fn xml_of<R: Read>(member: R) -> quick_xml::Reader<BufReader<R>> {
    let mut r = quick_xml::Reader::from_reader(BufReader::new(member));
    let config = r.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    r
}

/// The names of a zip's members, as calamine looks them up (lower case,
/// `/` separators), with their index.
fn members(zip: &zip::ZipArchive<Cursor<&[u8]>>) -> Vec<(usize, String)> {
    zip.file_names()
        .enumerate()
        .filter_map(|(i, n)| {
            n.ok()
                .map(|n| (i, n.replace('\\', "/").to_ascii_lowercase()))
        })
        .collect()
}

/// A start tag's attributes as calamine reads them (its own scanner: a
/// key runs to `=`, a value to its closing quote; it stops at the first
/// malformed one, which calamine refuses).
struct RawAttrs<'a>(&'a str);

impl<'a> Iterator for RawAttrs<'a> {
    type Item = (&'a str, &'a str);
    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        let raw = self.0.trim_ascii_start();
        let (key, rest) = raw.split_once('=')?;
        let rest = rest.trim_ascii_start();
        let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let rest = &rest[1..];
        let (value, after) = rest.split_once(quote).unwrap_or((rest, ""));
        self.0 = after;
        Some((key.trim_ascii_end(), value))
    }
}

/// An attribute's raw value (not unescaped), as calamine's `raw_attr`.
fn raw_attr<'a>(e: &'a quick_xml::events::BytesStart<'_>, name: &str) -> Option<&'a str> {
    RawAttrs(e.attributes_raw())
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A declared count as calamine parses it (`atoi_simd`: digits only,
/// leading zeros allowed); `None` when calamine would not take it.
fn declared_count(raw: &[u8]) -> Option<u64> {
    if raw.is_empty() || !raw.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let digits = raw
        .iter()
        .position(|&b| b != b'0')
        .map_or(&raw[..0], |i| &raw[i..]);
    if digits.len() > 19 {
        return Some(u64::MAX);
    }
    std::str::from_utf8(digits).ok()?.parse().ok().or(Some(0))
}

/// Checks an .xlsx before calamine opens it: the shared strings table
/// holds as many strings as it declares (calamine reserves them all).
pub(crate) fn check_xlsx(bytes: &[u8]) -> Result<(), Damage> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // calamine says why
    };
    for (i, name) in members(&zip) {
        if !name.ends_with("sharedstrings.xml") {
            continue;
        }
        let Ok(member) = zip.by_index(i) else {
            continue;
        };
        let part = member.name().unwrap_or_default().to_string();
        check_shared_strings(member, &part)?;
    }
    Ok(())
}

/// Checks an .xlsb before calamine opens it: every record of the parts
/// calamine reads as records (workbook, shared strings, styles, sheets)
/// holds the bytes its header declares.
pub(crate) fn check_xlsb(bytes: &[u8]) -> Result<(), Damage> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    for (i, name) in members(&zip) {
        let read_as_records = name.ends_with(".bin")
            && [
                "workbook.bin",
                "sharedstrings.bin",
                "styles.bin",
                "worksheets/",
            ]
            .iter()
            .any(|p| name.contains(p));
        if !read_as_records {
            continue;
        }
        let Ok(member) = zip.by_index(i) else {
            continue;
        };
        let part = member.name().unwrap_or_default().to_string();
        let mut r = BufReader::new(member);
        // Each record: a type (1-2 bytes), a length (1-4 bytes, 7 bits each), the data.
        while let Some(t) = byte(&mut r) {
            if t & 0x80 != 0 && byte(&mut r).is_none() {
                break;
            }
            let Some(mut b) = byte(&mut r) else { break };
            let mut len = u64::from(b & 0x7F);
            for i in 1..4 {
                if b & 0x80 == 0 {
                    break;
                }
                let Some(next) = byte(&mut r) else {
                    return Ok(());
                };
                b = next;
                len += u64::from(b & 0x7F) << (7 * i);
            }
            let found = std::io::copy(&mut (&mut r).take(len), &mut std::io::sink()).unwrap_or(0);
            if found < len {
                return Err(Damage::FalseCount {
                    part,
                    declared: len,
                    found,
                });
            }
        }
    }
    Ok(())
}

/// The next byte (`None`: the end).
fn byte(r: &mut impl Read) -> Option<u8> {
    let mut b = [0u8];
    r.read_exact(&mut b).ok().map(|()| b[0])
}

/// `<sst uniqueCount="N">` against the `<si>` elements that follow it.
fn check_shared_strings<R: Read>(member: R, part: &str) -> Result<(), Damage> {
    let mut xml = xml_of(member);
    let mut buf = Vec::new();
    // The first <sst> start, as calamine finds it.
    let declared = loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "sst" => {
                break raw_attr(&e, "uniqueCount").and_then(|v| declared_count(v.as_bytes()));
            }
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
    };
    let Some(declared) = declared.filter(|&n| n > COUNT_SLACK) else {
        return Ok(()); // nothing reserved, or little
    };
    // The strings calamine would push: an `<si>` start at the top, up to
    // the next `</si>` (what calamine reads as one string, nested or not).
    let (mut found, mut inside) = (0u64, false);
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if !inside && e.local_name().as_ref() == "si" => inside = true,
            Ok(Event::End(e)) if inside && e.local_name().as_ref() == "si" => {
                inside = false;
                found += 1;
                if found + COUNT_SLACK >= declared {
                    return Ok(());
                }
            }
            Ok(Event::End(e)) if !inside && e.local_name().as_ref() == "sst" => break,
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    Err(Damage::FalseCount {
        part: part.to_string(),
        declared,
        found,
    })
}

/// What calamine builds from an .ods sheet, counted as it would build it.
#[derive(Default)]
struct OdsSheet {
    name: String,
    /// Rows read so far (capped at Excel's limit, as calamine caps them).
    rows: u64,
    /// Row elements.
    elements: u64,
    /// Cells calamine keeps before unfolding (a row's cells up to its last).
    kept: u64,
    /// The first and last non-empty rows (element index, row count before).
    first: Option<(u64, u64)>,
    last_rows: u64,
    last_element: u64,
    /// The leftmost and rightmost non-empty columns.
    cols: Option<(u64, u64)>,
}

impl OdsSheet {
    /// The cells of calamine's dense range of the sheet (the larger of the
    /// rows it unfolds and the row elements it reserves for).
    fn range_cells(&self) -> u64 {
        let (Some((first_element, first_rows)), Some((left, right))) = (self.first, self.cols)
        else {
            return 0;
        };
        let rows = (self.last_rows - first_rows).max(self.last_element - first_element + 1);
        rows.saturating_mul(right - left + 1)
    }
}

/// Checks an .ods before calamine opens it: every sheet of `content.xml`,
/// unfolded as calamine unfolds it (repeated rows and columns, capped at
/// Excel's grid as calamine caps them), fits in [`MAX_RANGE_CELLS`].
pub(crate) fn check_ods(bytes: &[u8]) -> Result<(), Damage> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let Ok(member) = zip.by_name("content.xml") else {
        return Ok(());
    };
    let mut xml = xml_of(member);
    let (mut buf, mut total) = (Vec::new(), 0u64);
    let mut sheet: Option<OdsSheet> = None;
    loop {
        buf.clear();
        let event = match xml.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(e) => e,
        };
        match event {
            Event::Start(e) if e.name() == QName("table:table") => {
                sheet = Some(OdsSheet {
                    name: raw_attr(&e, "table:name").unwrap_or_default().to_string(),
                    ..OdsSheet::default()
                });
            }
            Event::Start(e) if e.name() == QName("table:table-row") => {
                let Some(s) = sheet.as_mut() else { continue };
                // calamine unescapes this one, and refuses what is no number.
                let repeats = match raw_attr(&e, "table:number-rows-repeated") {
                    Some(v) => match quick_xml::escape::unescape(v).map(|v| v.parse::<u64>()) {
                        Ok(Ok(n)) => n,
                        _ => return Ok(()),
                    },
                    None => 1,
                };
                let repeats = repeats.min((MAX_SHEET_ROWS as u64).saturating_sub(s.rows));
                let Some(span) = ods_row(&mut xml)? else {
                    return Ok(());
                };
                s.kept = s.kept.saturating_add(span.kept);
                if let Some((left, right)) = span.cols {
                    s.first.get_or_insert((s.elements, s.rows));
                    s.last_element = s.elements;
                    s.last_rows = s.rows + repeats;
                    s.cols = Some(
                        s.cols
                            .map_or((left, right), |(l, r)| (l.min(left), r.max(right))),
                    );
                }
                s.rows += repeats;
                s.elements += 1;
                let cells = total.saturating_add(s.kept.max(s.range_cells()));
                if cells > MAX_RANGE_CELLS {
                    return Err(Damage::TooManyCells {
                        sheet: s.name.clone(),
                        cells,
                        limit: MAX_RANGE_CELLS,
                    });
                }
            }
            Event::End(e) if e.name() == QName("table:table") => {
                if let Some(s) = sheet.take() {
                    total = total.saturating_add(s.kept.max(s.range_cells()));
                }
            }
            _ => {}
        }
    }
}

/// One .ods row's cells as calamine keeps them.
struct RowSpan {
    /// The cells calamine keeps (empty ones only before a later cell).
    kept: u64,
    /// Its leftmost and rightmost non-empty columns.
    cols: Option<(u64, u64)>,
}

/// Reads a `<table:table-row>`'s cells up to its end (`None`: the XML
/// ends or breaks first, which calamine refuses).
fn ods_row<R: std::io::BufRead>(xml: &mut quick_xml::Reader<R>) -> Result<Option<RowSpan>, Damage> {
    let max = u64::from(super::grid::MAX_COLUMNS);
    let (mut kept, mut pending, mut cols) = (0u64, 0u64, None::<(u64, u64)>);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e))
                if e.name() == QName("table:table-cell")
                    || e.name() == QName("table:covered-table-cell") =>
            {
                let repeats = match raw_attr(&e, "table:number-columns-repeated") {
                    Some(v) => match v.parse::<u64>() {
                        Ok(n) => n,
                        Err(_) => return Ok(None),
                    },
                    None => 1,
                };
                let valued = RawAttrs(e.attributes_raw()).any(|(k, _)| {
                    matches!(
                        k,
                        "office:value"
                            | "office:string-value"
                            | "office:date-value"
                            | "office:time-value"
                            | "office:boolean-value"
                            | "table:formula"
                    )
                });
                // Empty cells before this one are kept now (capped).
                kept += pending.min(max - kept);
                let repeats = repeats.min(max - kept);
                let name = e.name().as_ref().to_string();
                let filled = valued || cell_has_content(xml, &name)?.unwrap_or(true);
                if filled {
                    if repeats > 0 {
                        let (l, r) = (kept, kept + repeats - 1);
                        cols = Some(cols.map_or((l, r), |(a, b)| (a.min(l), b.max(r))));
                    }
                    kept += repeats;
                    pending = 0;
                } else {
                    pending = repeats;
                }
            }
            Ok(Event::End(e)) if e.name() == QName("table:table-row") => {
                return Ok(Some(RowSpan { kept, cols }));
            }
            Ok(Event::Eof) | Err(_) => return Ok(None),
            Ok(_) => {}
        }
    }
}

/// Whether a cell holds anything (a child element or text) before its end
/// tag (`None`: the XML ends first).
fn cell_has_content<R: std::io::BufRead>(
    xml: &mut quick_xml::Reader<R>,
    name: &str,
) -> Result<Option<bool>, Damage> {
    let mut buf = Vec::new();
    let mut content = false;
    let mut depth = 0u32;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::End(e)) if depth == 0 && e.name().as_ref() == name => {
                return Ok(Some(content))
            }
            Ok(Event::Start(_)) => {
                content = true;
                depth += 1;
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Text(t)) if !t.trim_ascii().is_empty() => content = true,
            Ok(Event::CData(_)) => content = true,
            Ok(Event::Eof) | Err(_) => return Ok(None),
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_counts_are_read_as_calamine_reads_them() {
        assert_eq!(declared_count(b"4000000000"), Some(4_000_000_000));
        assert_eq!(declared_count(b"0007"), Some(7));
        assert_eq!(declared_count(b"000"), Some(0));
        assert_eq!(declared_count(b"99999999999999999999999"), Some(u64::MAX));
        assert_eq!(declared_count(b"+7"), None);
        assert_eq!(declared_count(b"7 "), None);
    }

    #[test]
    fn shared_strings_that_hold_what_they_declare_pass() {
        let many = format!(
            r#"<?xml version="1.0"?><sst uniqueCount="70000">{}</sst>"#,
            "<si><t>x</t></si>".repeat(70_000)
        );
        assert!(check_shared_strings(many.as_bytes(), "s").is_ok());
        // Start tags alone hold no string (calamine reads each to its end).
        let opened = format!(
            r#"<sst uniqueCount="70000">{}</sst>"#,
            "<si>".repeat(70_000)
        );
        assert!(check_shared_strings(opened.as_bytes(), "s").is_err());
        let lie = r#"<sst uniqueCount="4000000000"><si><t>x</t></si></sst>"#;
        assert_eq!(
            check_shared_strings(lie.as_bytes(), "xl/sharedStrings.xml"),
            Err(Damage::FalseCount {
                part: "xl/sharedStrings.xml".into(),
                declared: 4_000_000_000,
                found: 1
            })
        );
    }
}

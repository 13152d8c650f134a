//! Helpers shared by the integration tests: run the engine on a fixture and
//! read the produced XLSX back (values with calamine, styles and structure
//! from the raw XML parts).
#![allow(dead_code)]

use calamine::{open_workbook_from_rs, Data, Range, Reader, Xlsx};
use chrono::NaiveDate;
use retention_worklist::{Options, ReportZone};
use std::io::{Cursor, Read};

pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn sample() -> Vec<u8> {
    std::fs::read(format!(
        "{}/www/sample/tenants-ejemplo.csv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The options every test uses unless it says otherwise.
pub fn options() -> Options {
    let mut o = Options::new(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
    o.tz = "America/Mexico_City".parse::<ReportZone>().unwrap();
    o.file_name = "test.csv".into();
    o
}

/// A workbook read back.
pub struct Book {
    pub bytes: Vec<u8>,
}

impl Book {
    pub fn new(bytes: Vec<u8>) -> Book {
        Book { bytes }
    }

    pub fn sheet_names(&self) -> Vec<String> {
        let wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(self.bytes.clone())).unwrap();
        wb.sheet_names().to_vec()
    }

    pub fn range(&self, sheet: &str) -> Range<Data> {
        let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(self.bytes.clone())).unwrap();
        wb.worksheet_range(sheet).unwrap()
    }

    /// Cell text (strings as is, numbers formatted, empty for blanks).
    pub fn text(&self, sheet: &str, row: u32, col: u32) -> String {
        match self.range(sheet).get_value((row, col)) {
            Some(Data::String(s)) => s.clone(),
            Some(Data::Float(f)) => f.to_string(),
            Some(Data::Int(i)) => i.to_string(),
            Some(Data::Empty) | None => String::new(),
            Some(other) => other.to_string(),
        }
    }

    /// One zip part as text.
    pub fn part(&self, name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(self.bytes.clone())).unwrap();
        let mut f = zip
            .by_name(name)
            .unwrap_or_else(|_| panic!("no part {name}"));
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        s
    }

    pub fn part_names(&self) -> Vec<String> {
        let mut zip = zip::ZipArchive::new(Cursor::new(self.bytes.clone())).unwrap();
        (0..zip.len())
            .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
            .collect()
    }

    /// The XML part of the n-th sheet (1-based, workbook order).
    pub fn sheet_xml(&self, n: usize) -> String {
        self.part(&format!("xl/worksheets/sheet{n}.xml"))
    }

    /// The `<xf …>` (cell format) of a cell, and the styles part it is in.
    fn xf_of(&self, sheet_n: usize, cell: &str) -> Option<(String, String)> {
        let xml = self.sheet_xml(sheet_n);
        let at = xml.find(&format!("<c r=\"{cell}\""))?;
        let tag = &xml[at..at + xml[at..].find('>')?];
        let style: usize = attr(tag, "s").map_or(0, |s| s.parse().unwrap());
        let styles = self.part("xl/styles.xml");
        let xfs = section(&styles, "cellXfs");
        let xf = xfs.split("<xf ").nth(style + 1)?.to_string();
        Some((xf, styles))
    }

    /// The font colour (RRGGBB) of a cell, if its font has one.
    pub fn font_color_of(&self, sheet_n: usize, cell: &str) -> Option<u32> {
        let (xf, styles) = self.xf_of(sheet_n, cell)?;
        let font_id: usize = attr(&xf, "fontId")?.parse().ok()?;
        let font = section(&styles, "fonts").split("<font>").nth(font_id + 1)?;
        let color = &font[font.find("<color")?..];
        let rgb = attr(color, "rgb")?;
        u32::from_str_radix(&rgb[rgb.len() - 6..], 16).ok()
    }

    /// The solid fill colour (RRGGBB) of a cell, if any.
    pub fn fill_of(&self, sheet_n: usize, cell: &str) -> Option<u32> {
        let (xf, styles) = self.xf_of(sheet_n, cell)?;
        let xf = xf.as_str();
        let fill_id: usize = attr(xf, "fillId")?.parse().ok()?;
        let fills = section(&styles, "fills");
        let fill = fills.split("<fill>").nth(fill_id + 1)?;
        if !fill.contains("patternType=\"solid\"") {
            return None;
        }
        let fg = &fill[fill.find("<fgColor")?..];
        let rgb = attr(fg, "rgb")?;
        u32::from_str_radix(&rgb[rgb.len() - 6..], 16).ok()
    }
}

fn section<'a>(xml: &'a str, tag: &str) -> &'a str {
    let start = xml.find(&format!("<{tag}")).unwrap();
    let end = xml.find(&format!("</{tag}>")).unwrap();
    &xml[start..end]
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// Excel column letters for a 0-based index.
pub fn col_letter(c: u32) -> String {
    let mut n = c + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

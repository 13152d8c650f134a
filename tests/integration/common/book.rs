//! A workbook the engine produced, read back the way a manager's Excel would: values through
//! calamine (opened once), styles, formulas, links and structure from the raw XML parts.

use calamine::{open_workbook_from_rs, Data, Range, Reader, Xlsx};
use std::cell::RefCell;
use std::io::{Cursor, Read};

pub struct Book {
    bytes: Vec<u8>,
    xlsx: RefCell<Xlsx<Cursor<Vec<u8>>>>,
}

impl Book {
    /// Opens a workbook (a test fails here if calamine cannot).
    pub fn new(bytes: impl Into<Vec<u8>>) -> Book {
        let bytes = bytes.into();
        let xlsx = open_workbook_from_rs(Cursor::new(bytes.clone())).expect("the workbook opens");
        Book {
            bytes,
            xlsx: RefCell::new(xlsx),
        }
    }

    /// The sheets' names, in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.xlsx.borrow().sheet_names().to_vec()
    }

    /// A sheet's values.
    pub fn range(&self, sheet: &str) -> Range<Data> {
        self.xlsx
            .borrow_mut()
            .worksheet_range(sheet)
            .unwrap_or_else(|e| panic!("sheet {sheet}: {e}"))
    }

    /// A sheet's formulas (empty text where a cell has none).
    pub fn formula_range(&self, sheet: &str) -> Range<String> {
        self.xlsx
            .borrow_mut()
            .worksheet_formula(sheet)
            .unwrap_or_else(|e| panic!("sheet {sheet}: {e}"))
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

    /// Rows (after the header) of every sheet named `base` or `base (n)`: a list the workbook
    /// continues on further sheets, read as one.
    pub fn paged_rows(&self, base: &str) -> Vec<Vec<Data>> {
        let mut out = Vec::new();
        for name in self.sheet_names() {
            if name == base || (name.starts_with(&format!("{base} (")) && name.ends_with(')')) {
                let range = self.range(&name);
                out.extend(range.rows().skip(1).map(<[Data]>::to_vec));
            }
        }
        out
    }

    /// Every value (as text) of the Worklist sheet's column titled `header`, header excluded.
    pub fn worklist_column(&self, header: &str) -> Vec<String> {
        let range = self.range("Worklist");
        let head = header_row(&range);
        let c = head
            .iter()
            .position(|h| h == header)
            .unwrap_or_else(|| panic!("no column {header} in {head:?}"));
        range.rows().skip(1).map(|r| r[c].to_string()).collect()
    }

    /// One zip part as text.
    pub fn part(&self, name: &str) -> String {
        self.try_part(name)
            .unwrap_or_else(|| panic!("no part {name}"))
    }

    fn try_part(&self, name: &str) -> Option<String> {
        let mut zip = zip::ZipArchive::new(Cursor::new(self.bytes.as_slice())).unwrap();
        let mut f = zip.by_name(name).ok()?;
        let mut s = String::new();
        f.read_to_string(&mut s)
            .unwrap_or_else(|e| panic!("{name} is not UTF-8: {e}"));
        Some(s)
    }

    pub fn part_names(&self) -> Vec<String> {
        let mut zip = zip::ZipArchive::new(Cursor::new(self.bytes.as_slice())).unwrap();
        (0..zip.len())
            .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
            .collect()
    }

    /// The XML part of the n-th sheet (1-based, workbook order).
    pub fn sheet_xml(&self, n: usize) -> String {
        self.part(&format!("xl/worksheets/sheet{n}.xml"))
    }

    /// Every formula (`<f>` element text, XML entities decoded) of every sheet, with its
    /// sheet's name.
    pub fn formulas(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (i, name) in self.sheet_names().into_iter().enumerate() {
            let xml = self.sheet_xml(i + 1);
            let mut rest = xml.as_str();
            while let Some(at) = rest.find("<f") {
                let after = &rest[at + 2..];
                // <f>, <f t=…> — not <fill…> or other tags starting with f.
                if after.starts_with('>') || after.starts_with(' ') {
                    let body_start = after.find('>').unwrap() + 1;
                    let body_end = after.find("</f>").unwrap_or(body_start);
                    out.push((name.clone(), unescape(&after[body_start..body_end])));
                }
                rest = after;
            }
        }
        out
    }

    /// Every hyperlink target (XML entities decoded), from the sheets' relationships.
    pub fn links(&self) -> Vec<String> {
        let mut links = Vec::new();
        for i in 0..self.sheet_names().len() {
            let rels = self
                .try_part(&format!("xl/worksheets/_rels/sheet{}.xml.rels", i + 1))
                .unwrap_or_default();
            for part in rels.split("Target=\"").skip(1) {
                links.push(unescape(part.split('"').next().unwrap_or("")));
            }
        }
        links
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

/// The value of attribute `name` in an XML tag's text.
pub fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    Some(&tag[at..at + tag[at..].find('"')?])
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
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

/// A sheet's first row (its header) as text.
pub fn header_row(range: &Range<Data>) -> Vec<String> {
    range
        .rows()
        .next()
        .map(|r| r.iter().map(|d| d.to_string()).collect())
        .unwrap_or_default()
}

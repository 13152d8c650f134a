//! Structure-aware mutations of real workbooks, for the `workbook` fuzz
//! target and for the test that replays its crash inputs
//! (tests/hostile_workbooks.rs): the same input bytes give the same file.
//!
//! The seeds are real: LibreOffice's exports of the test fixtures
//! (tests/fixtures/sheets/, .xlsx and .ods) and the tool's own worklists
//! (fuzz/corpus/previous/, one re-saved by LibreOffice). An input picks a
//! seed, the path (today's export or the previous worklist) and up to eight
//! mutations of the XML members — cell references, declared counts,
//! entity declarations, nesting depth, shared-string indexes, cells far
//! away, truncation inside a member, a zip member's declared size — and the
//! workbook is zipped again.

use std::io::{Cursor, Read, Write};

/// The seed workbooks.
pub const SEEDS: [&[u8]; 12] = [
    include_bytes!("../../../tests/fixtures/sheets/tenants-ejemplo.xlsx"),
    include_bytes!("../../../tests/fixtures/sheets/en-db-comma.xlsx"),
    include_bytes!("../../../tests/fixtures/sheets/es-excel-semicolon.xlsx"),
    include_bytes!("../../../tests/fixtures/sheets/us-month-first.xlsx"),
    include_bytes!("../../../tests/fixtures/sheets/errors.xlsx"),
    include_bytes!("../../../tests/fixtures/sheets/en-db-comma.ods"),
    include_bytes!("../../../tests/fixtures/sheets/us-month-first.ods"),
    include_bytes!("../../../tests/fixtures/sheets/es-excel-semicolon.ods"),
    include_bytes!("../../corpus/previous/seed-day1-es.xlsx"),
    include_bytes!("../../corpus/previous/seed-day1-en.xlsx"),
    include_bytes!("../../corpus/previous/seed-day1-libreoffice.xlsx"),
    include_bytes!("../../../tests/fixtures/sheets/tenants-ejemplo.ods"),
];

/// Today's export when the mutated workbook is the previous worklist.
pub const EXPORT: &str = "\
tenant_id,tenant_name,subscription_status,payment_failed,trial_ends_at,messages_used,messages_limit
T-1,Uno,past_due,yes,,,
T-2,Dos,trialing,no,2026-11-28,,
T-3,Tres,trialing,no,2026-12-01,,
T-5,Cinco,active,no,,950,1000
";

/// A mutated workbook and how to run it.
pub struct Case {
    pub workbook: Vec<u8>,
    /// As the previous worklist (else as today's export).
    pub as_previous: bool,
    pub english: bool,
}

/// The fuzzer's bytes, read front to back (zeros once they run out).
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        let (&b, rest) = self.0.split_first().unwrap_or((&0, &[]));
        self.0 = rest;
        b
    }
    fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
    }
    fn pick(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            self.u32() as usize % n
        }
    }
}

/// Numbers a file may declare: limits, limits plus one, wrapping values.
const NUMBERS: [&str; 22] = [
    "0",
    "1",
    "-1",
    "2",
    "65536",
    "65537",
    "1048576",
    "1048577",
    "16384",
    "16385",
    "2147483647",
    "2147483648",
    "4294967295",
    "4294967296",
    "4000000000",
    "18446744073709551615",
    "99999999999999999999999",
    "A1:XFD1048576",
    "A1:ZZZZZZ4294967296",
    "1:16384",
    "0007",
    "",
];

/// Attributes that carry a count, a size or a place.
const DECLARED: [&str; 10] = [
    "count=\"",
    "uniqueCount=\"",
    "ref=\"",
    "spans=\"",
    "si=\"",
    "r=\"",
    "table:number-columns-repeated=\"",
    "table:number-rows-repeated=\"",
    "table:number-columns-spanned=\"",
    "table:number-rows-spanned=\"",
];

/// A cell reference, near Excel's edges or past them.
fn reference(b: &mut Bytes) -> String {
    let col = match b.byte() % 8 {
        0 => "XFD".to_string(),
        1 => "XFE".to_string(),
        2 => "ZZZZZZ".to_string(),
        3 => "ZZZZZZZZ".to_string(),
        4 => "A".to_string(),
        _ => (0..1 + b.byte() % 9)
            .map(|_| char::from(b'A' + b.byte() % 26))
            .collect(),
    };
    let row = match b.byte() % 8 {
        0 => "1048576".to_string(),
        1 => "1048577".to_string(),
        2 => "4294967296".to_string(),
        3 => "0".to_string(),
        4 => String::new(),
        _ => (b.u32() % 2_000_000).to_string(),
    };
    format!("{col}{row}")
}

/// Where `needle` occurs in `hay`.
fn occurrences(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    hay.windows(needle.len().max(1))
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}

/// Replaces the value of the attribute at `at` (just after its `"`).
fn replace_value(xml: &mut Vec<u8>, at: usize, value: &str) {
    let end = xml[at..]
        .iter()
        .position(|&c| c == b'"')
        .map_or(xml.len(), |e| at + e);
    xml.splice(at..end, value.bytes());
}

/// One mutation of one XML member.
fn mutate_xml(xml: &mut Vec<u8>, b: &mut Bytes) {
    match b.byte() % 10 {
        // A cell reference.
        0 => {
            let at = occurrences(xml, b" r=\"");
            if !at.is_empty() {
                let i = at[b.pick(at.len())] + 4;
                let r = reference(b);
                replace_value(xml, i, &r);
            }
        }
        // A declared count, size or place.
        1 | 2 => {
            let attr = DECLARED[b.pick(DECLARED.len())].as_bytes();
            let at = occurrences(xml, attr);
            if !at.is_empty() {
                let i = at[b.pick(at.len())] + attr.len();
                let n = NUMBERS[b.pick(NUMBERS.len())];
                replace_value(xml, i, n);
            }
        }
        // Entity declarations, used in a text.
        3 => {
            let depth = 1 + b.byte() % 6;
            let mut dtd = String::from("<!DOCTYPE x [<!ENTITY e0 \"aaaaaaaaaa\">");
            for d in 1..depth {
                dtd.push_str(&format!(
                    "<!ENTITY e{d} \"{}\">",
                    format!("&e{};", d - 1).repeat(10)
                ));
            }
            dtd.push_str("]>");
            let at = xml.windows(2).position(|w| w == b"?>").map_or(0, |p| p + 2);
            xml.splice(at..at, dtd.bytes());
            let texts = occurrences(xml, b"<t>");
            if !texts.is_empty() {
                let i = texts[b.pick(texts.len())] + 3;
                let e = format!("&e{};", depth - 1);
                xml.splice(i..i, e.bytes());
            }
        }
        // Deep nesting.
        4 => {
            let tags = [
                "si",
                "t",
                "r",
                "c",
                "row",
                "is",
                "table:table-row",
                "text:p",
                "a",
            ];
            let tag = tags[b.pick(tags.len())];
            let depth = 1 + b.u32() as usize % 5_000;
            let closes = b.byte().is_multiple_of(2);
            let at = occurrences(xml, b">");
            if !at.is_empty() {
                let i = at[b.pick(at.len())] + 1;
                let mut s = format!("<{tag}>").repeat(depth);
                if closes {
                    s.push_str(&format!("</{tag}>").repeat(depth));
                }
                xml.splice(i..i, s.bytes());
            }
        }
        // A shared-string index (or any value).
        5 => {
            let at = occurrences(xml, b"<v>");
            if !at.is_empty() {
                let i = at[b.pick(at.len())] + 3;
                let end = xml[i..]
                    .iter()
                    .position(|&c| c == b'<')
                    .map_or(xml.len(), |e| i + e);
                let n = NUMBERS[b.pick(NUMBERS.len())];
                xml.splice(i..end, n.bytes());
            }
        }
        // A cell far away, on an existing row.
        6 => {
            let at = occurrences(xml, b"</row>");
            if !at.is_empty() {
                let i = at[b.pick(at.len())];
                let r = reference(b);
                let c = format!("<c r=\"{r}\" t=\"inlineStr\"><is><t>far</t></is></c>");
                xml.splice(i..i, c.bytes());
            }
        }
        // Truncation inside the member.
        7 => {
            let n = b.pick(xml.len() + 1);
            xml.truncate(n);
        }
        // A few bytes overwritten.
        8 => {
            if !xml.is_empty() {
                let i = b.pick(xml.len());
                for j in i..(i + 1 + usize::from(b.byte() % 4)).min(xml.len()) {
                    xml[j] = b.byte();
                }
            }
        }
        // A repeated element: a row copied many times.
        _ => {
            let open = occurrences(xml, b"<row");
            let close = occurrences(xml, b"</row>");
            if let (Some(&s), Some(&e)) = (open.first(), close.first()) {
                if s < e {
                    let row = xml[s..e + 6].to_vec();
                    let n = 1 + b.u32() as usize % 2_000;
                    let copies: Vec<u8> = row.iter().copied().cycle().take(row.len() * n).collect();
                    xml.splice(e + 6..e + 6, copies);
                }
            }
        }
    }
}

/// The case an input describes (`None`: the seed is not a zip).
pub fn case(data: &[u8]) -> Option<Case> {
    let mut b = Bytes(data);
    let seed = SEEDS[usize::from(b.byte()) % SEEDS.len()];
    let flags = b.byte();
    let mut zip = zip::ZipArchive::new(Cursor::new(seed)).ok()?;
    let mut members: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).ok()?;
        let name = f.name().ok()?.to_string();
        let mut body = Vec::new();
        f.read_to_end(&mut body).ok()?;
        members.push((name, body));
    }
    let xml: Vec<usize> = (0..members.len())
        .filter(|&i| members[i].0.ends_with(".xml") || members[i].0.ends_with(".rels"))
        .collect();
    for _ in 0..flags % 8 {
        let m = xml[b.pick(xml.len())];
        mutate_xml(&mut members[m].1, &mut b);
    }
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, body) in &members {
        // An .ods keeps its `mimetype` first and stored.
        let method = if name == "mimetype" || b.byte().is_multiple_of(4) {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let o = zip::write::SimpleFileOptions::default().compression_method(method);
        w.start_file(name.as_str(), o).ok()?;
        w.write_all(body).ok()?;
    }
    let mut workbook = w.finish().ok()?.into_inner();
    // A member's declared size (central directory), or the file cut short.
    match b.byte() % 8 {
        6 => {
            let dirs = occurrences(&workbook, b"PK\x01\x02");
            if !dirs.is_empty() {
                let at = dirs[b.pick(dirs.len())] + 24;
                let size = b.u32().to_le_bytes();
                workbook[at..at + 4].copy_from_slice(&size);
            }
        }
        7 => {
            let n = b.pick(workbook.len() + 1);
            workbook.truncate(n);
        }
        _ => {}
    }
    Some(Case {
        workbook,
        as_previous: flags & 0x40 != 0,
        english: flags & 0x80 != 0,
    })
}

//! Step 2 of reading: which character separates the fields.
//!
//! Spanish Excel writes `;` (the comma is the decimal separator), database
//! tools write `,`, "Unicode text" is tab-separated and some tools use `|`.
//! Excel also honours a first line `sep=X`, and so do we.

use serde::Serialize;

/// The delimiters we detect, in order of preference on a tie.
pub const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// The table's shape: delimiter and where the table starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Dialect {
    /// The field delimiter.
    pub delimiter: u8,
    /// True when an Excel `sep=X` line chose it.
    pub from_sep_line: bool,
    /// Byte offset of the header line in the text (after a `sep=` line).
    pub start: usize,
    /// Lines skipped before the header (1 with a `sep=` line), to report
    /// line numbers as the file shows them.
    pub skipped_lines: u64,
}

/// A printable name of a delimiter (`,` `;` `\t` `|`).
pub fn delimiter_name(d: u8) -> &'static str {
    match d {
        b',' => ",",
        b';' => ";",
        b'\t' => "\\t",
        b'|' => "|",
        _ => "?",
    }
}

/// Detects the dialect of decoded text.
pub fn detect(text: &str) -> Dialect {
    if let Some((delimiter, start)) = sep_line(text) {
        return Dialect {
            delimiter,
            from_sep_line: true,
            start,
            skipped_lines: 1,
        };
    }
    let sample = sample_lines(text, 50);
    let mut best = (b',', 0usize, 0usize); // (delimiter, consistent rows, header fields)
    for &d in &CANDIDATES {
        let (consistent, fields) = score(sample, d);
        if fields > 1 && (consistent, fields) > (best.1, best.2) {
            best = (d, consistent, fields);
        }
    }
    Dialect {
        delimiter: best.0,
        from_sep_line: false,
        start: 0,
        skipped_lines: 0,
    }
}

/// `sep=;` (any case, optional quotes) on the first line.
fn sep_line(text: &str) -> Option<(u8, usize)> {
    let line_end = text.find('\n').unwrap_or(text.len());
    let line = text[..line_end].trim_end_matches('\r');
    let rest = line.trim_matches('"');
    let value = rest.get(..4).filter(|p| p.eq_ignore_ascii_case("sep="))?;
    let _ = value;
    let d = &rest.as_bytes()[4..];
    if d.len() == 1 && d[0].is_ascii() && d[0] != b'"' && !d[0].is_ascii_alphanumeric() {
        Some((d[0], (line_end + 1).min(text.len())))
    } else {
        None
    }
}

/// The first `n` physical lines (enough to see the header and some rows).
fn sample_lines(text: &str, n: usize) -> &str {
    let mut end = 0;
    for (count, (i, _)) in text.match_indices('\n').enumerate() {
        end = i + 1;
        if count + 1 >= n {
            return &text[..end];
        }
    }
    let _ = end;
    text
}

/// How many records have the header's field count, and that count.
fn score(sample: &str, delimiter: u8) -> (usize, usize) {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(sample.as_bytes());
    let mut records = rdr.byte_records();
    let header = match records.next() {
        Some(Ok(r)) => r.len(),
        _ => return (0, 0),
    };
    let mut consistent = 1;
    for r in records.take(48).flatten() {
        if r.len() == header {
            consistent += 1;
        }
    }
    (consistent, header)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_delimiter_is_detected() {
        for d in CANDIDATES {
            let s = d as char;
            let text = format!("tenant_id{s}tenant_name{s}trial_ends_at\n1{s}Acme{s}2026-11-30\n2{s}Beta{s}2026-12-01\n");
            assert_eq!(detect(&text).delimiter, d, "delimiter {s:?}");
        }
    }

    #[test]
    fn commas_inside_quotes_do_not_fool_semicolon_files() {
        let text = "id;empresa;notas\n1;\"Acme, S.A.\";\"a, b, c\"\n2;\"Beta, S.L.\";x\n";
        assert_eq!(detect(text).delimiter, b';');
    }

    #[test]
    fn sep_line_wins_and_is_skipped() {
        let d = detect("SEP=;\r\nid,nombre;x\n");
        assert_eq!(d.delimiter, b';');
        assert!(d.from_sep_line);
        assert_eq!(d.start, 7);
        assert_eq!(d.skipped_lines, 1);
    }

    #[test]
    fn single_column_defaults_to_comma() {
        assert_eq!(detect("tenant_id\n1\n2\n").delimiter, b',');
    }

    #[test]
    fn a_quoted_delimiter_and_a_sep_line_pick_the_delimiter() {
        assert_eq!(detect("id;nombre;plan\n1;\"A;B\";pro\n").delimiter, b';');
        let d = detect("sep=|\nid|nombre\n1|x\n");
        assert_eq!((d.delimiter, d.start, d.skipped_lines), (b'|', 6, 1));
    }
}

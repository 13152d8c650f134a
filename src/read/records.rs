//! The data records of a table, with the line each starts on (as an editor
//! counts lines), read on this thread or a second one.
//!
//! A record is a [`Record`]: the csv reader's byte record, read as text
//! without checking its UTF-8 again (the table was decoded to UTF-8 before
//! it reached the reader).

pub(super) fn builder(delimiter: u8) -> csv::ReaderBuilder {
    let mut b = csv::ReaderBuilder::new();
    b.delimiter(delimiter).has_headers(false).flexible(true);
    b
}

/// One record's fields, as text.
///
/// Invariant: every field is valid UTF-8. The fields come only from
/// [`Records`], whose reader runs over a `&str`, or from
/// [`Record::push_field`], which takes `&str`. The reader splits fields at
/// ASCII bytes (delimiter, quote, CR, LF) and drops only ASCII quote bytes,
/// none of which can be part of a multi-byte UTF-8 sequence, so each field
/// is valid UTF-8 when its table is. `Record` would check it
/// again for every record (benches/PROFILE.md §13).
#[derive(Debug, Clone, Default)]
pub struct Record(csv::ByteRecord);

impl Record {
    /// An empty record.
    pub fn new() -> Record {
        Record::default()
    }

    /// Field `i`, if the record has it.
    pub fn get(&self, i: usize) -> Option<&str> {
        self.0.get(i).map(text)
    }

    /// How many fields the record has.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the record has no field.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The fields, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        self.0.iter().map(text)
    }

    /// The fields as bytes (the same text), for byte-level scans.
    pub(super) fn byte_fields(&self) -> impl Iterator<Item = &[u8]> + '_ {
        self.0.iter()
    }

    /// Removes every field.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Adds a field at the end.
    pub fn push_field(&mut self, field: &str) {
        self.0.push_field(field.as_bytes());
    }

    /// Reads the next record of a reader over UTF-8 text (see the type's
    /// invariant); false at the end.
    fn read(&mut self, rdr: &mut csv::Reader<&[u8]>) -> bool {
        matches!(rdr.read_byte_record(&mut self.0), Ok(true))
    }
}

impl<'a> FromIterator<&'a str> for Record {
    fn from_iter<I: IntoIterator<Item = &'a str>>(fields: I) -> Record {
        let mut r = Record::new();
        for f in fields {
            r.push_field(f);
        }
        r
    }
}

/// A field of a [`Record`] as text.
fn text(field: &[u8]) -> &str {
    debug_assert!(std::str::from_utf8(field).is_ok());
    // SAFETY: a Record's fields are valid UTF-8 (its invariant: they come
    // from a reader over a `&str`, split and unquoted at ASCII bytes only,
    // or from `push_field(&str)`).
    unsafe { std::str::from_utf8_unchecked(field) }
}

/// The data records of a table, with their line numbers.
pub struct Records<'a> {
    rdr: csv::Reader<&'a [u8]>,
    text: &'a [u8],
    line_offset: u64,
    /// Bytes of `text` already scanned for newlines, and how many there were.
    scanned: usize,
    newlines: u64,
}

impl<'a> Records<'a> {
    /// The records of `text` after its header line; `line_offset` lines
    /// (a `sep=` line) come before the header.
    pub(super) fn new(text: &'a str, delimiter: u8, line_offset: u64) -> Records<'a> {
        let mut rdr = builder(delimiter).from_reader(text.as_bytes());
        let _ = Record::new().read(&mut rdr);
        Records {
            rdr,
            text: text.as_bytes(),
            line_offset,
            scanned: 0,
            newlines: 0,
        }
    }

    /// Reads the next record into `rec`; returns its starting line.
    ///
    /// The text was decoded to UTF-8 beforehand, so reading cannot fail on
    /// encoding; any other reader error ends the records (and cannot happen
    /// on an in-memory string).
    pub fn next_record(&mut self, rec: &mut Record) -> Option<u64> {
        if !rec.read(&mut self.rdr) {
            return None;
        }
        // The reader's own line number lags: it is taken before the
        // `\n` of a CRLF terminator and before skipped empty lines.
        // So count the newlines up to where the record really starts:
        // its position, past any line breaks the reader skipped.
        let from = rec
            .0
            .position()
            .map_or(self.scanned, |p| {
                usize::try_from(p.byte()).unwrap_or(usize::MAX)
            })
            .clamp(self.scanned, self.text.len());
        let start = from
            + self.text[from..]
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
        self.newlines += count_line_breaks(&self.text[self.scanned..start]);
        self.scanned = start;
        Some(1 + self.newlines + self.line_offset)
    }

    /// Byte offset reached in the table text (for progress).
    pub fn byte_offset(&self) -> u64 {
        self.rdr.position().byte()
    }
}

/// Calls `f(line, record, byte_offset)` for every record, in order; with
/// `threaded`, natively, the reading runs a batch ahead on a second thread
/// ([`read_ahead`]).
pub(super) fn for_each(
    mut records: Records<'_>,
    threaded: bool,
    mut f: impl FnMut(u64, &Record, u64),
) {
    #[cfg(not(target_arch = "wasm32"))]
    if threaded {
        return read_ahead(&mut records, f);
    }
    let _ = threaded;
    let mut rec = Record::new();
    while let Some(line) = records.next_record(&mut rec) {
        f(line, &rec, records.byte_offset());
    }
}

/// Records read per batch by [`read_ahead`]'s reader thread.
#[cfg(not(target_arch = "wasm32"))]
const BATCH: usize = 1024;

/// A batch of records with their lines, and the reader's offset after it.
#[cfg(not(target_arch = "wasm32"))]
struct Batch {
    records: Vec<(u64, Record)>,
    len: usize,
    byte_offset: u64,
}

/// [`Table::for_each_record`] with the reading on a second thread. Batches
/// go back to the reader to be refilled, so the records' buffers are reused
/// as in the single-threaded loop; at most two batches wait, so memory does
/// not grow with the input.
#[cfg(not(target_arch = "wasm32"))]
fn read_ahead(records: &mut Records<'_>, mut f: impl FnMut(u64, &Record, u64)) {
    use std::sync::mpsc::sync_channel;
    let (full_tx, full_rx) = sync_channel::<Batch>(2);
    let (empty_tx, empty_rx) = sync_channel::<Batch>(4);
    std::thread::scope(|scope| {
        scope.spawn(move || loop {
            let mut batch = empty_rx.try_recv().unwrap_or_else(|_| Batch {
                records: Vec::with_capacity(BATCH),
                len: 0,
                byte_offset: 0,
            });
            batch.len = 0;
            while batch.len < BATCH {
                if batch.records.len() == batch.len {
                    batch.records.push((0, Record::new()));
                }
                let (line, rec) = &mut batch.records[batch.len];
                match records.next_record(rec) {
                    Some(l) => *line = l,
                    None => break,
                }
                batch.len += 1;
            }
            batch.byte_offset = records.byte_offset();
            let last = batch.len < BATCH;
            // The receiver is gone only if the caller stopped early.
            if batch.len > 0 && full_tx.send(batch).is_err() || last {
                return;
            }
        });
        for batch in full_rx {
            for (line, rec) in &batch.records[..batch.len] {
                f(*line, rec, batch.byte_offset);
            }
            let _ = empty_tx.try_send(batch);
        }
    });
}

/// Line breaks as an editor counts them: `\n`, `\r\n`, and a lone `\r`
/// (old Mac exports, which the reader also takes as a record end).
///
/// Runs over every byte of the file: `memchr` finds the (few) breaks of a
/// record with SIMD instead of testing each byte.
fn count_line_breaks(bytes: &[u8]) -> u64 {
    let lf = memchr::memchr_iter(b'\n', bytes).count();
    let lone_cr = memchr::memchr_iter(b'\r', bytes)
        .filter(|&i| bytes.get(i + 1) != Some(&b'\n'))
        .count();
    (lf + lone_cr) as u64
}

/// Whether every cell of a record is blank (a spacer row from Excel).
#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Table;

    #[test]
    fn reading_ahead_on_a_thread_gives_the_same_records_lines_and_order() {
        // Several batches, with every line-counting case: CRLF, LF, lone CR,
        // blank lines, and quoted fields spanning lines.
        let mut text = String::from("id;name;payment_failed\r\n");
        for i in 0..5_000 {
            match i % 5 {
                0 => text.push_str(&format!("T-{i};A;\"two\r\nlines\"\r\n")),
                1 => text.push_str(&format!("T-{i};B;x\n\n")),
                2 => text.push_str(&format!("T-{i};C;y\r")),
                3 => text.push_str(&format!("T-{i};\"D;\nE\";\r\n\r\n")),
                _ => text.push_str(&format!("T-{i};F;z\r\n")),
            }
        }
        let t = Table::open(&text, &[]).unwrap();
        let read = |threaded: bool| {
            let mut out = vec![];
            let mut last_offset = 0;
            t.for_each_record(threaded, |line, rec, offset| {
                assert!(offset >= last_offset, "progress never goes back");
                last_offset = offset;
                out.push((line, rec.iter().map(str::to_string).collect::<Vec<_>>()));
            });
            out
        };
        let (one, two) = (read(false), read(true));
        assert_eq!(one.len(), 5_000);
        assert_eq!(one, two);
        assert_eq!(one[1].0, 4, "the first record spans lines 2-3");
        assert_eq!(one.last().unwrap().1[0], "T-4999");
    }

    proptest::proptest! {
        /// A [`Record`] holds the fields `csv::StringRecord` holds (which
        /// checks UTF-8 again): multi-byte text around quotes, delimiters
        /// and line breaks is cut and unquoted at ASCII bytes only.
        #[test]
        fn records_hold_what_string_records_hold(
            text in "[a;,\"\r\n \t\u{e9}\u{20ac}\u{1F600}\u{a0}\u{0301}]{0,120}",
            delimiter in proptest::sample::select(vec![b',', b';', b'\t']),
        ) {
            let mut expected = vec![];
            let mut rdr = builder(delimiter).from_reader(text.as_bytes());
            let mut srec = csv::StringRecord::new();
            let _ = rdr.read_record(&mut srec);
            while rdr.read_record(&mut srec).unwrap() {
                expected.push(srec.iter().map(str::to_string).collect::<Vec<_>>());
            }
            let mut records = Records::new(&text, delimiter, 0);
            let mut rec = Record::new();
            let mut got = vec![];
            while records.next_record(&mut rec).is_some() {
                got.push(rec.iter().map(str::to_string).collect::<Vec<_>>());
            }
            proptest::prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn line_breaks_are_counted_as_an_editor_does() {
        for (text, breaks) in [
            ("", 0),
            ("a,b", 0),
            ("a\nb\n", 2),
            ("a\r\nb\r\n", 2),
            ("a\rb\r", 2),
            ("a\r\n\r\nb", 2),
            ("a\n\rb", 2),
            ("\r\r\n\n", 3),
            ("a\r", 1),
        ] {
            assert_eq!(count_line_breaks(text.as_bytes()), breaks, "{text:?}");
        }
    }
}

//! Broken encodings: read, and the replacement said.

use super::problem;
use crate::common::Book;
use retention_worklist::{Notice, Output};

pub(super) fn utf16_truncated(o: &Output, _: &Book) {
    assert_eq!(o.summary.encoding, "UTF-16LE");
    assert!(
        o.summary.notices.contains(&Notice::ReplacedBytes),
        "the replacement is announced"
    );
    // The cut byte ends the last line: its date is visibly broken and reported.
    assert_eq!(problem(o, 3).value, "2026-11-28\u{FFFD}");
}

pub(super) fn lone_surrogate(o: &Output, _: &Book) {
    assert!(o.summary.notices.contains(&Notice::ReplacedBytes));
    assert_eq!(
        o.items[0].contact.name, "A\u{FFFD}B",
        "the lone surrogate is replaced visibly"
    );
}

pub(super) fn mixed_encodings(o: &Output, _: &Book) {
    // One invalid UTF-8 byte makes the whole file Windows-1252: the 1252 line
    // reads right, the UTF-8 line shows its bytes as 1252 (mojibake), and the
    // summary says which encoding was used so the person can tell.
    assert_eq!(o.summary.encoding, "windows-1252");
    assert!(o.summary.notices.contains(&Notice::Windows1252));
    let names: Vec<&str> = o.items.iter().map(|w| w.contact.name.as_str()).collect();
    assert!(names.contains(&"Peña 1252"), "{names:?}");
    assert!(names.contains(&"PeÃ±a UTF-8"), "{names:?}");
}

pub(super) fn bom_in_middle(o: &Output, _: &Book) {
    assert_eq!(o.summary.encoding, "UTF-8 (BOM)");
    let names: Vec<&str> = o.items.iter().map(|w| w.contact.name.as_str()).collect();
    assert!(
        names.contains(&"Ac\u{FEFF}me"),
        "a BOM inside a cell is kept as data: {names:?}"
    );
    assert!(
        o.summary.unknown_columns.is_empty(),
        "a BOM before a header does not hide it"
    );
}

pub(super) fn smart_quotes(o: &Output, _: &Book) {
    assert_eq!(o.items[0].contact.name, "“Café” Niño €");
}

pub(super) fn invalid_after_bom(o: &Output, _: &Book) {
    assert_eq!(o.items[0].contact.name, "Caf\u{FFFD}");
    assert!(o.summary.notices.contains(&Notice::ReplacedBytes));
}

//! Broken structure: every row accounted for, every oddity listed.

use super::{corpus_file, lines, options_in, problem};
use crate::common::Book;
use retention_worklist::{Expected, Lang, Output, Run};

pub(super) fn mixed_delimiters(o: &Output, _: &Book) {
    assert_eq!(o.summary.delimiter, ";");
    // The comma line is one field: read, not dropped, and reported.
    let p = problem(o, 3);
    assert_eq!(p.value, "1 / 4");
    assert_eq!(p.expected, Expected::FieldCount { header_fields: 4 });
}

pub(super) fn unbalanced_quote(o: &Output, _: &Book) {
    // Line 2 opens a quote that never closes: lines 3 and 4 are inside it.
    // The row is ragged (2 fields of 3) and the swallowed rows are reported.
    let swallowed = o
        .summary
        .problem_list
        .iter()
        .find(|p| matches!(p.expected, Expected::SwallowedLines { .. }))
        .expect("swallowed rows reported");
    assert_eq!(swallowed.line, 2);
    assert_eq!(swallowed.expected, Expected::SwallowedLines { lines: 2 });
    assert!(swallowed.value.contains("2,Beta,2026-11-28"));
}

pub(super) fn unbalanced_quote_notes(o: &Output, _: &Book) {
    // The field count still matches (the open quote is in the last column),
    // so only the swallowed-rows check can tell: it must.
    let p = &o.summary.problem_list[0];
    assert_eq!((p.line, p.column.as_str()), (2, "notes"));
    assert_eq!(p.expected, Expected::SwallowedLines { lines: 2 });
}

pub(super) fn duplicated_headers(o: &Output, _: &Book) {
    assert_eq!(o.summary.duplicate_columns, ["id", "Name", "trial_end"]);
    // The first column of each field is the one read.
    assert_eq!(o.items[0].contact.id, "1");
    assert_eq!(o.items[0].contact.name, "Acme");
    assert_eq!(o.items[0].days_left, Some(1));
}

pub(super) fn ragged(o: &Output, _: &Book) {
    assert_eq!(lines(o), [2, 3, 4]);
    assert!(o
        .summary
        .problem_list
        .iter()
        .all(|p| p.expected == Expected::FieldCount { header_fields: 3 }));
    assert_eq!(o.summary.problem_list[0].value, "extra,more");
}

pub(super) fn all_rejected(o: &Output, _: &Book) {
    assert_eq!(lines(o), [2, 3]);
    assert!(o
        .summary
        .problem_list
        .iter()
        .all(|p| p.expected == Expected::Identity));
    assert_eq!(
        o.summary.problem_list[0].value, "2026-11-27",
        "the rejected row's content is shown"
    );
}

pub(super) fn duplicate_ids(o: &Output, _: &Book) {
    assert_eq!(lines(o), [3, 4]);
    assert!(o
        .summary
        .problem_list
        .iter()
        .all(|p| p.value == "7" && p.expected == Expected::UniqueId));
}

#[test]
fn problems_carry_the_expected_kind() {
    // The engine's Expected for a swallowed row, as the workbook lists it.
    let a = Run::new(
        corpus_file("unbalanced-quote-in-notes.csv"),
        &options_in(Lang::Es),
    )
    .analyze()
    .unwrap();
    assert_eq!(
        a.summary.problem_list[0].expected,
        Expected::SwallowedLines { lines: 2 }
    );
}

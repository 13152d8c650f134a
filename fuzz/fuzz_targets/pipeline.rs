//! Fuzz target over the whole pipeline: bytes + options → workbook or error.
//!
//! The first six bytes choose the options (language, date order, zone,
//! report date, thresholds, a hand-made column mapping, a hostile product
//! name); the rest is the export. `build_worklist` must return `Ok` or `Err`
//! — never panic, never hang — and an `Ok` must keep the summary's
//! invariants (every row accounted for, every problem listed).
#![no_main]

use libfuzzer_sys::fuzz_target;
use retention_worklist::Run;

mod common;

fuzz_target!(|data: &[u8]| {
    let (h, body) = common::split(data);
    let o = common::options(&h, body);
    let Ok(out) = Run::new(body, &o).build() else {
        return;
    };
    let s = &out.summary;
    assert_eq!(
        s.rows,
        s.critical + s.high + s.medium + s.info + s.no_risk + s.rejected,
        "rows must equal the sum of the outcomes"
    );
    assert_eq!(out.items.len() as u64, s.critical + s.high + s.medium + s.info, "one worklist item per at-risk row");
    assert_eq!(s.problems as usize, s.problem_list.len(), "problem count = problem list");
    assert!(out.xlsx.starts_with(b"PK\x03\x04"), "the workbook is a zip");
    assert!(s.problem_list.windows(2).all(|w| w[0].line <= w[1].line), "problems in file order");
});

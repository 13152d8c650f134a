//! Structure-aware fuzz target for workbooks: real .xlsx and .ods files
//! (LibreOffice's exports of the fixtures, the tool's own worklists) with
//! their XML mutated where a hostile file would strike — cell references,
//! declared counts, entity declarations, nesting depth, shared-string
//! indexes, truncation inside a zip member — read as today's export or as
//! the previous worklist (see `common/workbook.rs`). The run must end in
//! `Ok` or `Err`: never a panic, a hang or an allocation past libFuzzer's
//! limit; an `Ok` keeps the summary's invariants.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use retention_worklist::{Lang, Options, Run};

#[path = "common/workbook.rs"]
mod workbook;

fuzz_target!(|data: &[u8]| {
    let Some(case) = workbook::case(data) else {
        return;
    };
    let mut o = Options::new(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
    o.lang = if case.english { Lang::En } else { Lang::Es };
    let out = if case.as_previous {
        let export = workbook::EXPORT.as_bytes().to_vec();
        Run::new(export, &o).previous(Some(&case.workbook)).build()
    } else {
        Run::new(&case.workbook, &o).build()
    };
    let Ok(out) = out else {
        return;
    };
    let s = &out.summary;
    assert_eq!(s.rows, s.critical + s.high + s.medium + s.info + s.no_risk + s.rejected);
    assert_eq!(s.problems as usize, s.problem_list.len());
    assert!(out.xlsx.starts_with(b"PK\x03\x04"));
});

//! Fuzz target over reading, classifying and planning (no workbook): the
//! same inputs as `pipeline`, many times faster per input, so it explores the
//! reader (decoding, dialect, quoting, values) more deeply. `pipeline` is the
//! one that also renders.
#![no_main]

use libfuzzer_sys::fuzz_target;
use retention_worklist::Run;

mod common;

fuzz_target!(|data: &[u8]| {
    let (h, body) = common::split(data);
    let o = common::options(&h, body);
    let Ok(a) = Run::new(body, &o).analyze() else {
        return;
    };
    let s = &a.summary;
    assert_eq!(s.rows, s.critical + s.high + s.medium + s.info + s.no_risk + s.rejected);
    assert_eq!(a.items.len() as u64, s.critical + s.high + s.medium + s.info);
    assert_eq!(s.problems as usize, s.problem_list.len());
    assert!(s.problem_list.iter().all(|p| p.line >= 1), "line numbers start at 1");
    assert!(a.items.iter().all(|w| w.line >= 2), "a data record is never on line 1 (the header)");
});

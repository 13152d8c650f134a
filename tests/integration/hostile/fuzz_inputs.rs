//! The fuzzer's crash inputs, replayed.

use super::{check_invariants, corpus_dir};
use crate::common::Book;
use retention_worklist::Run;

/// The fuzz target's option bytes → Options, shared so a crash input replays
/// exactly as the fuzzer ran it.
#[path = "../../../fuzz/fuzz_targets/common/mod.rs"]
mod fuzz_common;

/// Inputs the fuzzer found (`tests/hostile/fuzz-*`), replayed with the fuzz
/// target's option bytes: each must now give a workbook or an error, never a
/// panic, and keep the invariants.
#[test]
fn fuzz_regressions() {
    for entry in std::fs::read_dir(corpus_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("fuzz-") {
            continue;
        }
        let data = std::fs::read(&path).unwrap();
        let (h, body) = fuzz_common::split(&data);
        let o = fuzz_common::options(&h, body);
        if let Ok(out) = Run::new(body, &o).build() {
            let book = Book::new(out.xlsx.clone());
            check_invariants(&out, &book, o.lang);
        }
    }
}

//! The properties every generated export must keep, checked on the engine's output and on its
//! workbook read back.

use super::dialect::{knobs, Enc, Knobs};
use super::generator::generate;
use super::oracle::Lvl;
use crate::common::Book;
use calamine::Data;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use retention_worklist::{Lang, Run};
use std::collections::BTreeMap;

fn level_word(l: Lvl, lang: Lang) -> &'static str {
    match (l, lang) {
        (Lvl::Critical, Lang::Es) => "CRÍTICO",
        (Lvl::High, Lang::Es) => "ALTO",
        (Lvl::Medium, Lang::Es) => "MEDIO",
        (Lvl::Info, Lang::Es) => "INFORMATIVO",
        (Lvl::Critical, Lang::En) => "CRITICAL",
        (Lvl::High, Lang::En) => "HIGH",
        (Lvl::Medium, Lang::En) => "MEDIUM",
        (Lvl::Info, Lang::En) => "INFO",
    }
}

fn engine_level(l: retention_worklist::Level) -> Lvl {
    match l {
        retention_worklist::Level::Critical => Lvl::Critical,
        retention_worklist::Level::High => Lvl::High,
        retention_worklist::Level::Medium => Lvl::Medium,
        retention_worklist::Level::Info => Lvl::Info,
    }
}

fn num(d: &Data) -> Option<f64> {
    match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

fn check(k: &Knobs) -> Result<(), TestCaseError> {
    let ex = generate(k);
    let out = match Run::new(&ex.bytes, &ex.options).build() {
        Ok(o) => o,
        Err(retention_worklist::Error::NoRuleEvaluable { .. }) if !ex.evaluable => {
            // Only when no rule has its columns: the input is unusable.
            return Ok(());
        }
        Err(e) => return Err(TestCaseError::fail(format!("unexpected error {e:?}"))),
    };
    prop_assert!(
        ex.evaluable,
        "no rule column was generated, yet the run succeeded"
    );
    let s = &out.summary;

    // 1. Every row accounted for.
    let non_blank = ex.records.len() as u64;
    prop_assert_eq!(
        s.rows,
        s.critical + s.high + s.medium + s.info + s.no_risk + s.rejected
    );
    prop_assert_eq!(
        s.rows,
        non_blank,
        "rows read vs generated non-blank records"
    );
    prop_assert_eq!(s.blank_rows, ex.blank_records);
    prop_assert_eq!(
        s.rejected,
        ex.records.iter().filter(|r| r.rejected).count() as u64
    );
    let count = |l: Lvl| ex.records.iter().filter(|r| r.level == Some(l)).count() as u64;
    prop_assert_eq!(
        (s.critical, s.high, s.medium, s.info),
        (
            count(Lvl::Critical),
            count(Lvl::High),
            count(Lvl::Medium),
            count(Lvl::Info)
        ),
        "counts per level"
    );
    let expected_no_risk = ex
        .records
        .iter()
        .filter(|r| !r.rejected && r.level.is_none())
        .count() as u64;
    prop_assert_eq!(s.no_risk, expected_no_risk);

    // The dialect was read as written.
    let delim = match k.delimiter {
        b'\t' => "\\t",
        b',' => ",",
        b';' => ";",
        _ => "|",
    };
    prop_assert_eq!(s.delimiter, delim);
    let enc = match k.enc {
        Enc::Utf8 => "UTF-8",
        Enc::Utf8Bom => "UTF-8 (BOM)",
        Enc::Utf16Le => "UTF-16LE",
        Enc::Utf16Be => "UTF-16BE",
        Enc::Win1252 => "windows-1252",
    };
    prop_assert_eq!(s.encoding, enc);

    // 3. Each tenant's level, at its line.
    let got: BTreeMap<u64, Lvl> = out
        .items
        .iter()
        .map(|w| (w.line, engine_level(w.level)))
        .collect();
    prop_assert_eq!(got.len(), out.items.len(), "one worklist item per line");
    prop_assert_eq!(
        &got,
        &ex.at_risk_lines,
        "levels by line (rules {:?})",
        ex.rules
    );

    // 2. Every problem, at the line where its record starts; nothing else.
    let mut want: Vec<(u64, String, Option<String>)> = ex.problems.clone();
    let mut have: Vec<(u64, String, Option<String>)> = s
        .problem_list
        .iter()
        .map(|p| {
            let known = want
                .iter()
                .any(|w| w.0 == p.line && w.1 == p.column && w.2.is_some());
            (p.line, p.column.clone(), known.then(|| p.value.clone()))
        })
        .collect();
    want.sort();
    have.sort();
    prop_assert_eq!(have, want, "problems (line, column, value)");
    prop_assert_eq!(s.problems as usize, s.problem_list.len());

    // 4. The workbook agrees.
    let book = Book::new(out.xlsx.clone());
    let ws = book.range("Worklist");
    let mut sheet: BTreeMap<u64, String> = BTreeMap::new();
    for row in ws.rows().skip(1) {
        let line = num(&row[22]).expect("line number cell") as u64;
        let level = row[0].to_string();
        sheet.insert(line, level);
    }
    let want_sheet: BTreeMap<u64, String> = ex
        .at_risk_lines
        .iter()
        .map(|(l, v)| (*l, level_word(*v, k.lang).to_string()))
        .collect();
    prop_assert_eq!(sheet.len(), want_sheet.len());
    for (line, word) in &want_sheet {
        let cell = sheet.get(line).cloned().unwrap_or_default();
        prop_assert!(
            cell.contains(word.as_str()),
            "line {line}: level cell {cell:?} lacks {word}"
        );
    }
    let problems_sheet = if k.lang == Lang::Es {
        "Problemas"
    } else {
        "Problems"
    };
    let ps = book.range(problems_sheet);
    let mut lines_in_sheet: Vec<u64> = ps
        .rows()
        .skip(1)
        .filter_map(|r| num(&r[0]))
        .map(|f| f as u64)
        .collect();
    let mut lines_listed: Vec<u64> = s.problem_list.iter().map(|p| p.line).collect();
    lines_in_sheet.sort();
    lines_listed.sort();
    prop_assert_eq!(lines_in_sheet, lines_listed, "problems sheet lines");
    Ok(())
}

proptest! {
    // Failing cases are kept beside this file (invariants.proptest-regressions) and replayed first.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(96),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_row_accounted_for_and_classified_by_the_rules(k in knobs()) {
        check(&k)?;
    }
}

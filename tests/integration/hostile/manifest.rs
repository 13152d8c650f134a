//! The committed corpus and the outcome each file must have: a workbook with
//! its counts (and further checks), or an error of a kind with a fragment of
//! its message.

use super::{
    check_invariants, corpus_dir, corpus_file, encodings, lines, options_in, structure, values,
};
use crate::common::Book;
use retention_worklist::{Error, Lang, Output, Run};

/// Counts a workbook must report: rows, critical, high, medium, info,
/// no_risk, rejected, problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Counts(u64, u64, u64, u64, u64, u64, u64, u64);

enum Outcome {
    Ok(Counts),
    Err(fn(&Error) -> bool, &'static str),
}

struct Case {
    file: &'static str,
    outcome: Outcome,
    /// Further checks on the output (cells, problems, notices).
    check: Option<fn(&Output, &Book)>,
}

use Outcome::{Err as Fails, Ok as Gives};

fn binary(e: &Error) -> bool {
    matches!(e, Error::BinaryInput { .. })
}
fn empty(e: &Error) -> bool {
    matches!(e, Error::EmptyInput)
}
fn no_known(e: &Error) -> bool {
    matches!(e, Error::NoKnownColumns { .. })
}

/// The manifest: file → outcome. Counts are
/// (rows, critical, high, medium, info, no_risk, rejected, problems).
const MANIFEST: &[Case] = &[
    // ---- not text at all: refused with a message naming the problem
    Case {
        file: "binary-png.csv",
        outcome: Fails(binary, "not a text CSV"),
        check: None,
    },
    Case {
        file: "xlsx-renamed.csv",
        // A truncated workbook (read by content, whatever its name says).
        outcome: Fails(
            |e| matches!(e, Error::UnreadableWorkbook { .. }),
            "could not be read",
        ),
        check: None,
    },
    Case {
        file: "pdf-renamed.csv",
        outcome: Fails(binary, "binary bytes"),
        check: None,
    },
    Case {
        file: "gzip.csv.gz",
        outcome: Fails(binary, "binary bytes"),
        check: None,
    },
    Case {
        file: "random-noise.bin",
        outcome: Fails(binary, "binary bytes"),
        check: None,
    },
    Case {
        file: "nul-bytes.csv",
        outcome: Fails(
            |e| matches!(e, Error::BinaryInput { offset: 130 }),
            "at byte 130",
        ),
        check: None,
    },
    Case {
        file: "empty.csv",
        outcome: Fails(empty, "The file is empty"),
        check: None,
    },
    Case {
        file: "bom-only.csv",
        outcome: Fails(empty, "The file is empty"),
        check: None,
    },
    Case {
        file: "whitespace-only.csv",
        outcome: Fails(empty, "The file is empty"),
        check: None,
    },
    Case {
        file: "sep-line-only.csv",
        outcome: Fails(empty, "The file is empty"),
        check: None,
    },
    // ---- no usable columns: refused, listing the headers found
    Case {
        file: "no-known-columns.csv",
        outcome: Fails(no_known, "«foo»"),
        check: None,
    },
    Case {
        file: "sep-line-bad.csv",
        outcome: Fails(no_known, "«sep="),
        check: None,
    },
    Case {
        file: "no-identity-column.csv",
        outcome: Fails(
            |e| matches!(e, Error::NoIdentityColumn { .. }),
            "no tenant identity column",
        ),
        check: None,
    },
    Case {
        file: "no-rule-column.csv",
        outcome: Fails(
            |e| matches!(e, Error::NoRuleEvaluable { .. }),
            "No rule can be evaluated",
        ),
        check: None,
    },
    // ---- broken encodings: read, and the replacement said
    Case {
        file: "utf16le-truncated.csv",
        outcome: Gives(Counts(2, 0, 1, 0, 0, 1, 0, 1)),
        check: Some(encodings::utf16_truncated),
    },
    Case {
        file: "utf16-lone-surrogate.csv",
        outcome: Gives(Counts(1, 0, 1, 0, 0, 0, 0, 0)),
        check: Some(encodings::lone_surrogate),
    },
    Case {
        file: "utf16be-no-bom.csv",
        outcome: Gives(Counts(1, 0, 1, 0, 0, 0, 0, 0)),
        check: Some(|o, _| assert_eq!(o.summary.encoding, "UTF-16BE")),
    },
    Case {
        file: "mixed-encodings.csv",
        outcome: Gives(Counts(2, 0, 2, 0, 0, 0, 0, 0)),
        check: Some(encodings::mixed_encodings),
    },
    Case {
        file: "bom-in-middle.csv",
        outcome: Gives(Counts(2, 0, 2, 0, 0, 0, 0, 0)),
        check: Some(encodings::bom_in_middle),
    },
    Case {
        file: "windows-1252-smart-quotes.csv",
        outcome: Gives(Counts(1, 0, 1, 0, 0, 0, 0, 0)),
        check: Some(encodings::smart_quotes),
    },
    Case {
        file: "utf8-invalid-after-bom.csv",
        outcome: Gives(Counts(1, 0, 1, 0, 0, 0, 0, 0)),
        check: Some(encodings::invalid_after_bom),
    },
    // ---- broken structure: every row accounted for, every oddity listed
    Case {
        file: "mixed-delimiters.csv",
        outcome: Gives(Counts(3, 0, 2, 0, 0, 1, 0, 1)),
        check: Some(structure::mixed_delimiters),
    },
    Case {
        file: "unbalanced-quote.csv",
        outcome: Gives(Counts(1, 0, 0, 0, 0, 1, 0, 2)),
        check: Some(structure::unbalanced_quote),
    },
    Case {
        file: "unbalanced-quote-in-notes.csv",
        outcome: Gives(Counts(1, 0, 1, 0, 0, 0, 0, 1)),
        check: Some(structure::unbalanced_quote_notes),
    },
    Case {
        file: "stray-quotes.csv",
        outcome: Gives(Counts(3, 0, 3, 0, 0, 0, 0, 0)),
        check: None,
    },
    Case {
        file: "duplicated-headers.csv",
        outcome: Gives(Counts(1, 0, 1, 0, 0, 0, 0, 0)),
        check: Some(structure::duplicated_headers),
    },
    Case {
        file: "empty-header-names.csv",
        outcome: Gives(Counts(1, 0, 1, 0, 0, 0, 0, 0)),
        check: Some(|o, _| assert_eq!(o.summary.unknown_columns, ["#1", "#3", "#5"])),
    },
    Case {
        file: "ragged-rows.csv",
        outcome: Gives(Counts(3, 0, 1, 0, 0, 2, 0, 3)),
        check: Some(structure::ragged),
    },
    Case {
        file: "header-only.csv",
        outcome: Gives(Counts(0, 0, 0, 0, 0, 0, 0, 0)),
        check: None,
    },
    Case {
        file: "blank-rows-only.csv",
        outcome: Gives(Counts(0, 0, 0, 0, 0, 0, 0, 0)),
        check: Some(|o, _| assert_eq!(o.summary.blank_rows, 3)),
    },
    Case {
        file: "lone-cr-line-ends.csv",
        outcome: Gives(Counts(2, 0, 1, 0, 0, 1, 0, 2)),
        check: Some(|o, _| assert_eq!(lines(o), [2, 3])),
    },
    Case {
        file: "crlf-multiline-and-empty-lines.csv",
        outcome: Gives(Counts(2, 0, 1, 0, 0, 1, 0, 2)),
        check: Some(|o, _| assert_eq!(lines(o), [2, 6])),
    },
    Case {
        file: "all-rows-rejected.csv",
        outcome: Gives(Counts(2, 0, 0, 0, 0, 0, 2, 2)),
        check: Some(structure::all_rejected),
    },
    Case {
        file: "duplicate-ids.csv",
        outcome: Gives(Counts(3, 2, 0, 0, 0, 1, 0, 2)),
        check: Some(structure::duplicate_ids),
    },
    Case {
        file: "long-header-name.csv",
        outcome: Gives(Counts(1, 0, 1, 0, 0, 0, 0, 0)),
        check: Some(|o, _| assert_eq!(o.summary.unknown_columns, ["H".repeat(5000)])),
    },
    // ---- hostile values: inert, round-tripped or visibly replaced
    Case {
        file: "formula-injection.csv",
        outcome: Gives(Counts(5, 5, 0, 0, 0, 0, 0, 0)),
        check: Some(values::formula_injection),
    },
    Case {
        file: "html-script.csv",
        outcome: Gives(Counts(2, 2, 0, 0, 0, 0, 0, 0)),
        check: Some(values::html),
    },
    Case {
        file: "control-characters.csv",
        outcome: Gives(Counts(2, 2, 0, 0, 0, 0, 0, 0)),
        check: Some(values::control_chars),
    },
    Case {
        file: "rtl-emoji.csv",
        outcome: Gives(Counts(3, 3, 0, 0, 0, 0, 0, 0)),
        check: Some(values::rtl_emoji),
    },
    Case {
        file: "overlong-cell.csv",
        outcome: Gives(Counts(1, 1, 0, 0, 0, 0, 0, 2)),
        check: Some(values::overlong),
    },
    Case {
        file: "huge-numbers.csv",
        outcome: Gives(Counts(3, 0, 0, 0, 2, 1, 0, 1)),
        check: Some(values::huge_numbers),
    },
    Case {
        file: "extreme-dates.csv",
        outcome: Gives(Counts(5, 0, 2, 0, 0, 3, 0, 2)),
        check: Some(values::extreme_dates),
    },
    Case {
        file: "mailto-injection.csv",
        outcome: Gives(Counts(2, 2, 0, 0, 0, 0, 0, 0)),
        check: Some(values::mailto_injection),
    },
    Case {
        file: "phone-formula.csv",
        outcome: Gives(Counts(4, 4, 0, 0, 0, 0, 0, 0)),
        check: Some(values::phone_formula),
    },
];

fn run_case(case: &Case) {
    let bytes = corpus_file(case.file);
    for lang in [Lang::En, Lang::Es] {
        let result = Run::new(&bytes, &options_in(lang)).build();
        match (&case.outcome, result) {
            (Outcome::Ok(want), Ok(out)) => {
                let s = &out.summary;
                let got = Counts(
                    s.rows, s.critical, s.high, s.medium, s.info, s.no_risk, s.rejected, s.problems,
                );
                assert_eq!(got, *want, "{}: counts (rows, crit, high, med, info, no_risk, rejected, problems); problems: {:#?}", case.file, s.problem_list);
                let book = Book::new(out.xlsx.clone());
                check_invariants(&out, &book, lang);
                if lang == Lang::En {
                    if let Some(check) = case.check {
                        check(&out, &book);
                    }
                }
            }
            (Outcome::Err(kind, fragment), Err(e)) => {
                assert!(kind(&e), "{}: wrong error {e:?}", case.file);
                if lang == Lang::En {
                    assert!(
                        e.message(lang).contains(fragment),
                        "{}: message {:?} lacks {fragment:?}",
                        case.file,
                        e.message(lang)
                    );
                }
                assert!(!e.message(Lang::Es).is_empty());
            }
            (Outcome::Ok(_), Err(e)) => panic!("{}: expected a workbook, got {e:?}", case.file),
            (Outcome::Err(..), Ok(out)) => {
                panic!("{}: expected an error, got {:?}", case.file, out.summary)
            }
        }
    }
}

#[test]
fn the_corpus_has_at_least_30_inputs_and_every_file_is_in_the_manifest() {
    let mut on_disk: Vec<String> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".py") && !n.ends_with(".md") && !n.starts_with("fuzz-"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = MANIFEST.iter().map(|c| c.file.to_string()).collect();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "every corpus file has an expected outcome, and every outcome a file"
    );
    assert!(MANIFEST.len() >= 30);
}

#[test]
fn every_corpus_input_has_its_outcome() {
    let mut failures = Vec::new();
    for case in MANIFEST {
        let r = std::panic::catch_unwind(|| run_case(case));
        if let Err(e) = r {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()));
            failures.push(format!("{}: {}", case.file, msg.unwrap_or_default()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

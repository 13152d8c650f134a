//! Big and strange shapes, generated (too big to commit): each finishes in
//! bounded time and keeps the invariants.

use super::{check_invariants, options_in, MAX_CELL};
use crate::common::Book;
use retention_worklist::{Expected, Lang, Output, Run};
use std::time::{Duration, Instant};

/// Runs a generated input, checks it finishes in bounded time and that the
/// workbook keeps the invariants; returns the output.
fn run_big(label: &str, bytes: &[u8], limit: Duration) -> Output {
    let t = Instant::now();
    let out = Run::new(bytes, &options_in(Lang::En))
        .build()
        .unwrap_or_else(|e| panic!("{label}: {e:?}"));
    let took = t.elapsed();
    assert!(took < limit, "{label}: took {took:?} (limit {limit:?})");
    let book = Book::new(out.xlsx.clone());
    check_invariants(&out, &book, Lang::En);
    out
}

/// Debug builds are ~10–30× slower than release; limits are generous and
/// only catch a blow-up (quadratic time, a hang), not a slow machine.
const BOUND: Duration = Duration::from_secs(90);

#[test]
fn a_10_mb_single_field_is_cut_and_reported() {
    let mut csv = b"tenant_id,tenant_name,subscription_status\n1,".to_vec();
    csv.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    csv.extend_from_slice(b",past_due\n2,Beta,past_due\n");
    let out = run_big("10 MB name", &csv, BOUND);
    assert_eq!((out.summary.rows, out.summary.critical), (2, 2));
    let p = &out.summary.problem_list;
    assert_eq!(p.len(), 1);
    assert_eq!((p[0].line, p[0].column.as_str()), (2, "tenant_name"));
    assert!(
        p[0].value.chars().count() <= 201,
        "the problem shows a short prefix, not 10 MB"
    );
    // The item carries the name as read; the workbook's cell is cut, visibly.
    let item = out.items.iter().position(|w| w.contact.id == "1").unwrap();
    assert_eq!(out.items[item].contact.name.len(), 10 * 1024 * 1024);
    let cell = worklist_cell(&out, item, 3);
    assert!(cell.ends_with("… [truncated]") && cell.encode_utf16().count() <= MAX_CELL);
}

/// The text of a worklist cell (row `item` of the items, column `col`) as
/// the workbook has it.
fn worklist_cell(out: &Output, item: usize, col: usize) -> String {
    let rows = Book::new(out.xlsx.clone()).paged_rows("Worklist");
    rows[item][col].to_string()
}

#[test]
fn a_10_mb_quoted_field_in_an_ignored_column_is_read_past() {
    let mut csv = b"id,notes,payment_failed\n1,\"".to_vec();
    for i in 0..(10 * 1024 * 1024 / 16) {
        // Quotes, delimiters and line breaks inside, none shaped like a row.
        csv.extend_from_slice(if i % 64 == 0 {
            b"a \"\"q\"\" b\n x  "
        } else {
            b"abc, def ghij k "
        });
    }
    csv.extend_from_slice(b"\",si\n2,short,si\n");
    let out = run_big("10 MB notes", &csv, BOUND);
    assert_eq!(
        (out.summary.rows, out.summary.critical, out.summary.problems),
        (2, 2, 0)
    );
    // Line numbers still count the newlines inside the big field.
    let lines: Vec<u64> = out.items.iter().map(|w| w.line).collect();
    let inner = (10u64 * 1024 * 1024 / 16).div_ceil(64);
    assert!(
        lines.contains(&2) && lines.contains(&(3 + inner)),
        "{lines:?}"
    );
}

#[test]
fn thousands_of_columns() {
    let cols = 5000;
    let mut header: Vec<String> = (0..cols).map(|i| format!("col{i}")).collect();
    header[17] = "tenant_id".into();
    header[4321] = "payment_failed".into();
    let mut csv = header.join(";") + "\n";
    for r in 0..200 {
        let row: Vec<String> = (0..cols)
            .map(|i| match i {
                17 => format!("t{r}"),
                4321 => {
                    if r % 2 == 0 {
                        "sí".into()
                    } else {
                        "no".into()
                    }
                }
                _ => format!("v{}", i % 7),
            })
            .collect();
        csv += &(row.join(";") + "\n");
    }
    let out = run_big("5000 columns", csv.as_bytes(), BOUND);
    assert_eq!(out.summary.delimiter, ";");
    assert_eq!(
        (out.summary.rows, out.summary.critical, out.summary.no_risk),
        (200, 100, 100)
    );
    assert_eq!(out.summary.unknown_columns.len(), cols - 2);
}

#[test]
fn a_one_megabyte_line_of_delimiters() {
    let mut csv = b"id,payment_failed\n1,si".to_vec();
    csv.extend(std::iter::repeat_n(b',', 1024 * 1024));
    csv.extend_from_slice(b"\n2,si\n");
    let out = run_big("1 MB of commas", &csv, BOUND);
    assert_eq!((out.summary.rows, out.summary.critical), (2, 2));
    let p = &out.summary.problem_list[0];
    assert!(p.expected == Expected::FieldCount { header_fields: 2 } && p.line == 2);
    assert!(
        p.value.chars().count() <= 201,
        "a short prefix of the extra fields is shown"
    );
}

#[test]
fn deep_quoting() {
    // A name made of 2 million escaped quotes, then one with 999,999 quote
    // characters in a row (odd: an unclosed quote at the end).
    let mut csv = b"id,name,payment_failed\n1,\"".to_vec();
    csv.extend(std::iter::repeat_n(b'"', 2 * 1_000_000));
    csv.extend_from_slice(b"\",si\n2,ok,si\n3,");
    csv.extend(std::iter::repeat_n(b'"', 999_999));
    csv.extend_from_slice(b",si\n");
    let out = run_big("deep quoting", &csv, BOUND);
    assert_eq!(out.summary.rows, 3);
    let one = out
        .items
        .iter()
        .position(|w| w.contact.id == "1")
        .expect("row 1 classified");
    let cell = worklist_cell(&out, one, 3);
    assert!(cell.starts_with("\"\"\"\"") && cell.ends_with("… [truncated]"));
    assert!(
        out.items.iter().any(|w| w.contact.id == "2"),
        "row 2 not swallowed"
    );
    assert!(out
        .summary
        .problem_list
        .iter()
        .any(|p| p.line == 2 && p.expected == Expected::CellLength));
}

#[test]
fn a_nul_byte_after_the_first_4096_characters_is_data_and_the_workbook_stays_valid() {
    let mut csv = b"id,name,payment_failed\n".to_vec();
    for i in 0..300 {
        csv.extend_from_slice(format!("{i},Tenant number {i},no\n").as_bytes());
    }
    csv.extend_from_slice(b"nul,Bad\x00Name,si\n");
    let out = run_big("late NUL", &csv, BOUND);
    assert_eq!((out.summary.rows, out.summary.critical), (301, 1));
    let book = Book::new(out.xlsx.clone());
    assert_eq!(book.worklist_column("Tenant"), ["Bad\u{0}Name"]);
}

#[test]
fn many_short_rows_in_bounded_time() {
    let mut csv = String::from("id;estado;fin_trial;pago_fallido\n");
    for i in 0..5_000 {
        csv += &format!(
            "t{i};{};2{:03}-11-2{};{}\n",
            ["prueba", "activo", "zombie"][i % 3],
            i % 1000,
            i % 9,
            i % 2
        );
    }
    let out = run_big("5,000 rows", csv.as_bytes(), BOUND);
    assert_eq!(out.summary.rows, 5_000);
}

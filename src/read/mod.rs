//! Reading a tenant export: bytes → typed rows, with every problem kept.
//!
//! The steps, each in its own module:
//! [`decode`] (bytes → text) → [`dialect`] (delimiter) → [`columns`]
//! (header → fields) → [`values`] (cell → typed value). `table` holds an
//! open table (its header and column map) and walks its records; `row`
//! turns each record into a [`Row`]: the values the rules need, typed, plus
//! a [`Problem`](crate::Problem) for every cell that could not be read
//! (`problems` builds them). A bad cell never drops the row; only a row with
//! neither id nor name is rejected, and that too is a problem on the list.
//! A workbook's sheet comes through `sheets` (its cells held as text in
//! `grid`'s [`Grid`](grid::Grid)), the previous worklist through `previous`;
//! both write a typed cell as text with `cell_text`.

pub(crate) mod billing;
mod cell_text;
pub(crate) mod columns;
pub(crate) mod decode;
pub(crate) mod dialect;
pub(crate) mod grid;
pub(crate) mod guard;
mod history;
pub(crate) mod ids;
mod ole;
pub(crate) mod previous;
mod problems;
mod records;
mod row;
pub(crate) mod sheets;
mod table;
pub(crate) mod values;

use crate::model::{DateOrder, Mrr, Signals};
use crate::options::ReportZone;
use chrono::NaiveDate;

pub use records::{Record, Records};
pub use table::Table;

/// One data record, typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'r> {
    /// Line where the record starts.
    pub line: u64,
    /// Tenant id (trimmed; may be empty when there is a name). Borrowed from
    /// the record: most rows are read and dropped (no risk), so nothing of
    /// theirs is copied.
    pub id: &'r str,
    /// Tenant name (trimmed; may be empty when there is an id).
    pub name: &'r str,
    /// The facts the rules look at.
    pub signals: Signals,
    /// The trial end date, when readable.
    pub trial_end: Option<NaiveDate>,
    /// The subscription's monthly value, when the export has money columns.
    pub mrr: Option<Mrr>,
}

/// Longest text kept in a problem's value or tenant cell.
const SHOWN_CHARS: usize = 200;

/// Shortens text for display in a problem report, marking the cut.
pub fn shorten(s: &str) -> String {
    match s.char_indices().nth(SHOWN_CHARS) {
        None => s.to_string(),
        Some((i, _)) => format!("{}…", &s[..i]),
    }
}

/// What every row is read against.
#[derive(Debug, Clone, Copy)]
pub struct RowContext {
    /// Report zone for instants with an offset.
    pub zone: ReportZone,
    /// The file's date order.
    pub date_order: DateOrder,
    /// The report date.
    pub as_of: NaiveDate,
}

/// Whether every field of a record is blank (whitespace only).
pub fn is_blank(rec: &Record) -> bool {
    // Bytes first: most fields hold an ASCII letter or digit, which settles it.
    rec.byte_fields()
        .all(|f| f.iter().all(u8::is_ascii_whitespace) || (!f.is_ascii() && text_is_blank(f)))
}

/// Whether a field with non-ASCII bytes is whitespace only (NBSP, ideographic space…).
fn text_is_blank(field: &[u8]) -> bool {
    std::str::from_utf8(field).is_ok_and(|t| t.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::model::{DateOrderSource, Expected, Problem};

    fn ctx() -> RowContext {
        RowContext {
            zone: ReportZone::default(),
            date_order: DateOrder::Dmy,
            as_of: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        }
    }

    /// The rows of a table (a `Row` borrows its record; the test's records
    /// are leaked so the rows can outlive the loop).
    fn rows(text: &str) -> (Vec<Row<'static>>, Vec<Problem>) {
        let t = Table::open(text, &[]).unwrap();
        let mut records = t.records();
        let mut rec = Record::new();
        let (mut out, mut problems) = (vec![], vec![]);
        while let Some(line) = records.next_record(&mut rec) {
            let rec: &'static Record = Box::leak(Box::new(rec.clone()));
            if let Some(r) = t.parse_row(rec, line, &ctx(), &mut problems) {
                out.push(r);
            }
        }
        (out, problems)
    }

    #[test]
    fn blank_records_are_whitespace_only_as_str_trim_sees_it() {
        for fields in [
            vec![],
            vec![""],
            vec!["", " ", "\t"],
            vec!["\u{a0}", "\u{3000}", " \u{2003} "],
            vec!["", "a"],
            vec![" ", "\u{e9}"],
            vec!["\u{a0}x"],
            vec!["\u{200b}"],
        ] {
            let rec: Record = fields.iter().copied().collect();
            let expected = fields.iter().all(|f| f.trim().is_empty());
            assert_eq!(is_blank(&rec), expected, "{fields:?}");
        }
    }

    #[test]
    fn line_numbers_count_newlines_inside_quotes() {
        let text = "id,name,trial_ends_at\n1,\"two\nlines\",2026-11-27\n2,x,31/02/2026\n";
        let (r, p) = rows(text);
        assert_eq!(r[0].line, 2);
        assert_eq!(r[1].line, 4);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].line, 4);
        assert_eq!(p[0].column, "trial_ends_at");
        assert_eq!(p[0].value, "31/02/2026");
        assert_eq!(p[0].expected, Expected::Date);
    }

    #[test]
    fn line_numbers_with_crlf_and_empty_lines() {
        let text = "id,name,trial_ends_at\r\n1,\"a\r\nb\",x\r\n\r\n\r\n2,b,2026-11-27\r\n3,c,y\r\n";
        let (r, p) = rows(text);
        assert_eq!(r.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 6, 7]);
        assert_eq!(p.iter().map(|p| p.line).collect::<Vec<_>>(), [2, 7]);
        // Old Mac line ends: a lone CR ends a line too.
        let (r, _) = rows("id,name,trial_ends_at\r1,\"a\rb\",x\r2,b,2026-11-27\r");
        assert_eq!(r.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 4]);
    }

    #[test]
    fn an_unclosed_quote_that_swallows_rows_is_reported() {
        // The quote opened on line 2 runs to the end: rows 3 and 4 would vanish.
        let text = "id,trial_ends_at,notas\n1,2026-11-27,\"oops\n2,2026-11-28,x\n3,2026-11-29,y\n";
        let (r, p) = rows(text);
        assert_eq!(r.len(), 1);
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].line, p[0].column.as_str()), (2, "notas"));
        assert_eq!(p[0].expected, Expected::SwallowedLines { lines: 2 });
        // A multi-line address, or prose with many commas, is not a swallowed row.
        let (_, p) = rows(
            "id,name,trial_ends_at,notas\n1,x,2026-11-27,\"Calle 5, piso 2\nMadrid, España\"\n",
        );
        assert!(p.is_empty());
        let (_, p) =
            rows("id,trial_ends_at,notas\n1,2026-11-27,\"a\nuno, dos, tres, cuatro, cinco\"\n");
        assert!(p.is_empty());
    }

    #[test]
    fn sep_line_counts_as_a_line() {
        let (r, _) = rows("sep=;\nid;name;trial_ends_at\n1;x;2026-11-27\n");
        assert_eq!(r[0].line, 3);
    }

    #[test]
    fn bad_cells_keep_the_row_and_its_other_signals() {
        let text = "id,payment_failed,trial_ends_at,messages_used,messages_limit\nT1,sí,31/02/2026,muchos,-5\n";
        let (r, p) = rows(text);
        assert_eq!(r.len(), 1);
        assert!(r[0].signals.payment_flag);
        assert_eq!(r[0].signals.days_left, None);
        let cols: Vec<&str> = p.iter().map(|p| p.column.as_str()).collect();
        assert_eq!(cols, ["trial_ends_at", "messages_used", "messages_limit"]);
        assert!(p.iter().all(|p| p.tenant == "T1" && p.line == 2));
    }

    #[test]
    fn rows_without_identity_are_rejected_and_reported() {
        let (r, p) = rows("id,name,trial_ends_at\n,,2026-11-27\n2,,2026-11-27\n");
        assert_eq!(r.len(), 1);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].expected, Expected::Identity);
        assert_eq!(p[0].value, "2026-11-27");
    }

    #[test]
    fn ragged_rows_are_reported_but_read() {
        let (r, p) = rows("id,trial_ends_at\n1,2026-11-27,extra\n2\n");
        assert_eq!(r.len(), 2);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].value, "extra");
        assert_eq!(p[1].value, "1 / 2");
        assert!(matches!(
            p[0].expected,
            Expected::FieldCount { header_fields: 2 }
        ));
    }

    #[test]
    fn unusable_tables() {
        assert!(matches!(
            Table::open("foo,bar\n1,2\n", &[]),
            Err(Error::NoKnownColumns { .. })
        ));
        assert!(matches!(
            Table::open("plan,trial_ends_at\n", &[]),
            Err(Error::NoIdentityColumn { .. })
        ));
        assert!(matches!(
            Table::open("id,plan,email\n1,x,y\n", &[]),
            Err(Error::NoRuleEvaluable { .. })
        ));
        assert!(Table::open("id,trial_ends_at\n", &[]).is_ok());
    }

    #[test]
    fn date_order_detection() {
        let zone = ReportZone::default();
        let t = Table::open("id,trial_ends_at\n1,03/04/2026\n2,11/25/2026\n", &[]).unwrap();
        assert_eq!(
            t.date_order(None, zone),
            (DateOrder::Mdy, DateOrderSource::Detected)
        );
        let t = Table::open("id,trial_ends_at\n1,03/04/2026\n2,25/11/2026\n", &[]).unwrap();
        assert_eq!(
            t.date_order(None, zone),
            (DateOrder::Dmy, DateOrderSource::Detected)
        );
        let t = Table::open("id,trial_ends_at\n1,03/04/2026\n", &[]).unwrap();
        assert_eq!(
            t.date_order(None, zone),
            (DateOrder::Dmy, DateOrderSource::Default)
        );
        assert_eq!(
            t.date_order(Some(DateOrder::Mdy), zone),
            (DateOrder::Mdy, DateOrderSource::Option)
        );
    }

    #[test]
    fn each_record_has_the_line_it_starts_on_threaded_or_not() {
        let text = "id;name;payment_failed\r\nT-1;Sol;no\r\n\r\nT-2;\"Luna\r\nNorte\";no\r\n";
        let table = Table::open(text, &[]).unwrap();
        for threaded in [false, true] {
            let mut seen = vec![];
            table.for_each_record(threaded, |line, rec, _| {
                seen.push((line, rec.get(1).unwrap_or_default().to_string()))
            });
            assert_eq!(seen, [(2, "Sol".into()), (4, "Luna\r\nNorte".into())]);
        }
    }
}

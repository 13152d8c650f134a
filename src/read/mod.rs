//! Reading a tenant export: bytes → typed rows, with every problem kept.
//!
//! The steps, each in its own module:
//! [`decode`] (bytes → text) → [`dialect`] (delimiter) → [`columns`]
//! (header → fields) → [`values`] (cell → typed value). This module drives
//! them over the records and turns each record into a [`Row`]: the values
//! the rules need, typed, plus a [`Problem`] for every cell that could not be
//! read. A bad cell never drops the row; only a row with neither id nor name
//! is rejected, and that too is a problem on the list.

pub(crate) mod columns;
pub(crate) mod decode;
pub(crate) mod dialect;
pub(crate) mod guard;
pub(crate) mod ids;
mod ole;
pub(crate) mod place;
pub(crate) mod previous;
mod records;
pub(crate) mod sheets;
pub(crate) mod values;

use crate::error::Error;
use crate::model::{DateOrder, DateOrderSource, Expected, Field, PaymentFailure, Problem, Signals};
use crate::options::ReportZone;
use chrono::NaiveDate;
use columns::ColumnMap;
use dialect::Dialect;
use place::SheetPlace;
use values::RawDate;

use records::builder;
pub use records::Records;

/// An open table: dialect, headers and column mapping.
#[derive(Debug)]
pub struct Table<'a> {
    text: &'a str,
    /// The detected dialect.
    pub dialect: Dialect,
    /// The header cells as written.
    pub headers: Vec<String>,
    /// Which column holds which field.
    pub(crate) map: ColumnMap,
    /// Where the table is, when it is a workbook's sheet (problems name cells).
    sheet: Option<SheetPlace>,
}

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

impl<'a> Table<'a> {
    /// Reads the header line and maps the columns.
    pub fn open(text: &'a str, overrides: &[(Field, String)]) -> Result<Table<'a>, Error> {
        let dialect = dialect::detect(text);
        let body = &text[dialect.start..];
        let mut rdr = builder(dialect.delimiter).from_reader(body.as_bytes());
        let mut header = csv::StringRecord::new();
        let has_header = rdr.read_record(&mut header).unwrap_or(false);
        if !has_header {
            return Err(Error::EmptyInput);
        }
        let headers: Vec<String> = header
            .iter()
            .map(|h| h.trim_start_matches('\u{FEFF}').trim().to_string())
            .collect();
        Table::with_headers(body, dialect, headers, overrides, None)
    }

    /// A table whose header cells are known (a workbook's sheet has no text:
    /// its records come from [`sheets`]).
    pub(crate) fn with_headers(
        text: &'a str,
        dialect: Dialect,
        headers: Vec<String>,
        overrides: &[(Field, String)],
        sheet: Option<SheetPlace>,
    ) -> Result<Table<'a>, Error> {
        let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
        let map = ColumnMap::resolve(&refs, overrides)?;
        if map.found.is_empty() {
            return Err(Error::NoKnownColumns { headers });
        }
        if !map.has(Field::TenantId) && !map.has(Field::TenantName) {
            return Err(Error::NoIdentityColumn { headers });
        }
        let table = Table {
            text,
            dialect,
            headers,
            map,
            sheet,
        };
        if !(table.can_evaluate_payment()
            || table.can_evaluate_trial()
            || table.can_evaluate_usage())
        {
            return Err(Error::NoRuleEvaluable {
                headers: table.headers.clone(),
            });
        }
        Ok(table)
    }

    /// Whether the CRÍTICO rule has a column to look at.
    pub fn can_evaluate_payment(&self) -> bool {
        self.map.has(Field::PaymentFailed)
            || self.map.has(Field::LastPaymentStatus)
            || self.map.has(Field::SubscriptionStatus)
    }

    /// Whether the ALTO/MEDIO rules can be evaluated.
    pub fn can_evaluate_trial(&self) -> bool {
        self.map.has(Field::TrialEndsAt)
    }

    /// Whether the INFORMATIVO rule can be evaluated.
    pub fn can_evaluate_usage(&self) -> bool {
        self.map.has(Field::MessagesUsed) && self.map.has(Field::MessagesLimit)
    }

    /// A reader over the data records (after the header).
    pub fn records(&self) -> Records<'a> {
        Records::new(
            self.text.as_bytes(),
            self.dialect.delimiter,
            self.dialect.skipped_lines,
        )
    }

    /// Calls `f(line, record, byte_offset)` for every data record, in file
    /// order. `byte_offset` is how far into the text the reader is (for
    /// progress).
    ///
    /// With `threaded`, the CSV reading runs on a second thread, a batch of
    /// records ahead of `f` (natively it is a third of the front half's time
    /// and the second core is otherwise idle then). The records, their lines
    /// and their order are the same either way: only the reading moves. In
    /// WebAssembly, which has one thread, `threaded` is ignored.
    pub fn for_each_record(&self, threaded: bool, f: impl FnMut(u64, &csv::StringRecord, u64)) {
        records::for_each(self.records(), threaded, f);
    }

    /// Chooses the order of `NN/NN/YYYY` trial dates: month first only when
    /// some value only makes sense that way (middle part > 12) and none
    /// only makes sense day first.
    pub fn date_order(
        &self,
        forced: Option<DateOrder>,
        zone: ReportZone,
    ) -> (DateOrder, DateOrderSource) {
        let mut records = self.records();
        self.date_order_of(forced, zone, |rec| records.next_record(rec).is_some())
    }

    /// [`Table::date_order`] over the records `next` reads into its argument
    /// (false: no more).
    pub(crate) fn date_order_of(
        &self,
        forced: Option<DateOrder>,
        zone: ReportZone,
        mut next: impl FnMut(&mut csv::StringRecord) -> bool,
    ) -> (DateOrder, DateOrderSource) {
        if let Some(o) = forced {
            return (o, DateOrderSource::Option);
        }
        let Some(col) = self.map.get(Field::TrialEndsAt) else {
            return (DateOrder::Dmy, DateOrderSource::Default);
        };
        let mut month_first = false;
        let mut rec = csv::StringRecord::new();
        while next(&mut rec) {
            if let Some(Ok(Some(RawDate::Ambiguous { a, b, .. }))) =
                rec.get(col).map(|v| values::parse_date(v, zone))
            {
                if a > 12 {
                    // Day-first evidence settles it: the default holds.
                    return (DateOrder::Dmy, DateOrderSource::Detected);
                }
                month_first |= b > 12;
            }
        }
        if month_first {
            (DateOrder::Mdy, DateOrderSource::Detected)
        } else {
            (DateOrder::Dmy, DateOrderSource::Default)
        }
    }

    /// A cell's text for a field (empty when the column or cell is absent).
    pub fn cell<'r>(&self, rec: &'r csv::StringRecord, field: Field) -> &'r str {
        self.map
            .get(field)
            .and_then(|i| rec.get(i))
            .unwrap_or("")
            .trim()
    }

    fn header_of(&self, field: Field) -> String {
        self.map
            .get(field)
            .and_then(|i| self.headers.get(i))
            .cloned()
            .unwrap_or_else(|| field.name().to_string())
    }

    /// A problem with a field of the record starting at `line`, for the
    /// tenant `who` (its id, or its name when it has no id).
    pub fn problem(
        &self,
        line: u64,
        who: &str,
        field: Option<Field>,
        value: &str,
        expected: Expected,
    ) -> Problem {
        let index = field.and_then(|f| self.map.get(f));
        Problem {
            line,
            tenant: shorten(who),
            column: field.map_or_else(String::new, |f| self.header_of(f)),
            field,
            cell: self.cell_ref(line, index),
            value: shorten(value),
            expected,
        }
    }

    /// `Hoja1!I19`, for a sheet's table (the row alone when no column).
    fn cell_ref(&self, line: u64, column: Option<usize>) -> Option<String> {
        let place = self.sheet.as_ref()?;
        let col = column.map_or_else(String::new, |c| place.letters(c));
        Some(format!("{}!{col}{line}", place.name))
    }

    /// Types one record. Problems go to `problems`; `None` means the row is
    /// rejected (neither id nor name), which is also recorded as a problem.
    pub fn parse_row<'r>(
        &self,
        rec: &'r csv::StringRecord,
        line: u64,
        ctx: &RowContext,
        problems: &mut Vec<Problem>,
    ) -> Option<Row<'r>> {
        let id = self.cell(rec, Field::TenantId);
        let name = self.cell(rec, Field::TenantName);
        let who = if id.is_empty() { name } else { id };
        // A quote opened and never closed (or closed lines later) makes the
        // reader take the following lines as part of one field: those rows
        // would vanish. A field whose inner lines look like records says so.
        // (A sheet's cells are cells: no quote can swallow a row there.)
        for (i, field) in rec.iter().enumerate().filter(|_| self.sheet.is_none()) {
            let lines = swallowed_lines(field, self.dialect.delimiter, self.headers.len());
            if lines > 0 {
                problems.push(Problem {
                    line,
                    tenant: shorten(who),
                    column: self.headers.get(i).cloned().unwrap_or_default(),
                    field: self.map.field_at(i),
                    cell: None,
                    value: shorten(field),
                    expected: Expected::SwallowedLines { lines },
                });
            }
        }
        let mut report = |field: Option<Field>, value: &str, expected: Expected| {
            problems.push(self.problem(line, who, field, value, expected));
        };
        if rec.len() != self.headers.len() {
            let extra: Vec<&str> = rec.iter().skip(self.headers.len()).collect();
            let value = if extra.is_empty() {
                format!("{} / {}", rec.len(), self.headers.len())
            } else {
                extra.join(&(self.dialect.delimiter as char).to_string())
            };
            report(
                None,
                &value,
                Expected::FieldCount {
                    header_fields: self.headers.len(),
                },
            );
        }
        if id.is_empty() && name.is_empty() {
            let shown = rec
                .iter()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" | ");
            report(
                Some(if self.map.has(Field::TenantId) {
                    Field::TenantId
                } else {
                    Field::TenantName
                }),
                &shown,
                Expected::Identity,
            );
            return None;
        }

        let mut signals = Signals::default();

        let status_text = self.cell(rec, Field::SubscriptionStatus);
        signals.status = values::parse_status(status_text).unwrap_or_else(|e| {
            report(Some(Field::SubscriptionStatus), status_text, e);
            None
        });

        let flag_text = self.cell(rec, Field::PaymentFailed);
        let flag = values::parse_bool(flag_text).unwrap_or_else(|e| {
            report(Some(Field::PaymentFailed), flag_text, e);
            None
        });
        let last_text = self.cell(rec, Field::LastPaymentStatus);
        let last_failed = values::parse_payment_status(last_text).unwrap_or_else(|e| {
            report(Some(Field::LastPaymentStatus), last_text, e);
            None
        });
        signals.payment_failure = if flag == Some(true) {
            Some(PaymentFailure::Flag)
        } else if last_failed == Some(true) {
            Some(PaymentFailure::LastPayment(shorten(last_text)))
        } else {
            signals
                .status
                .filter(|s| s.is_payment_failure())
                .map(PaymentFailure::Status)
        };

        let trial_text = self.cell(rec, Field::TrialEndsAt);
        let trial_end = match values::parse_date(trial_text, ctx.zone) {
            Ok(None) => None,
            Ok(Some(raw)) => {
                let resolved = raw.resolve(ctx.date_order);
                if resolved.is_none() {
                    report(Some(Field::TrialEndsAt), trial_text, Expected::DateInOrder);
                }
                resolved
            }
            Err(e) => {
                report(Some(Field::TrialEndsAt), trial_text, e);
                None
            }
        };
        signals.days_left = trial_end.map(|d| (d - ctx.as_of).num_days());

        let mut count = |field: Field| {
            let text = self.cell(rec, field);
            values::parse_count(text).unwrap_or_else(|e| {
                report(Some(field), text, e);
                None
            })
        };
        let used = count(Field::MessagesUsed);
        let limit = count(Field::MessagesLimit);
        signals.usage = used.zip(limit);

        Some(Row {
            line,
            id,
            name,
            signals,
            trial_end,
        })
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
/// How many lines inside a multi-line field look like whole records
/// (exactly the header's number of fields): the mark of a quote that was not
/// closed where it should have been. A multi-line note or address rarely
/// splits into exactly as many fields as the header, and long prose with
/// many commas does not count.
fn swallowed_lines(field: &str, delimiter: u8, header_fields: usize) -> u64 {
    // Every field of every row comes through here: memchr2, not a char scan.
    if header_fields < 2 || memchr::memchr2(b'\n', b'\r', field.as_bytes()).is_none() {
        return 0;
    }
    field
        .split(['\n', '\r'])
        .skip(1)
        .filter(|l| l.bytes().filter(|&b| b == delimiter).count() == header_fields - 1)
        .count() as u64
}

pub fn is_blank(rec: &csv::StringRecord) -> bool {
    rec.iter().all(|f| f.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let mut rec = csv::StringRecord::new();
        let (mut out, mut problems) = (vec![], vec![]);
        while let Some(line) = records.next_record(&mut rec) {
            let rec: &'static csv::StringRecord = Box::leak(Box::new(rec.clone()));
            if let Some(r) = t.parse_row(rec, line, &ctx(), &mut problems) {
                out.push(r);
            }
        }
        (out, problems)
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
        assert_eq!(r[0].signals.payment_failure, Some(PaymentFailure::Flag));
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
    fn former_doc_example_1() {
        let text = "id;name;payment_failed\r\nT-1;Sol;no\r\n\r\nT-2;\"Luna\r\nNorte\";no\r\n";
        let table = Table::open(text, &[]).unwrap();
        for threaded in [false, true] {
            let mut seen = vec![];
            table.for_each_record(threaded, |line, rec, _| {
                seen.push((line, rec[1].to_string()))
            });
            assert_eq!(seen, [(2, "Sol".into()), (4, "Luna\r\nNorte".into())]);
        }
    }
}

//! An open table: its dialect, header cells and which column holds which
//! field, and the records under the header.

use super::columns::ColumnMap;
use super::dialect::{self, Dialect};
use super::grid::SheetPlace;
use super::records::{self, builder, Record, Records};
use super::values::{self, RawDate};
use crate::error::Error;
use crate::model::{DateOrder, DateOrderSource, Field};
use crate::options::ReportZone;

/// An open table: dialect, headers and column mapping.
#[derive(Debug)]
pub struct Table<'a> {
    pub(super) text: &'a str,
    /// The detected dialect.
    pub dialect: Dialect,
    /// The header cells as written.
    pub headers: Vec<String>,
    /// Which column holds which field.
    pub(crate) map: ColumnMap,
    /// Where the table is, when it is a workbook's sheet (problems name cells).
    pub(super) sheet: Option<SheetPlace>,
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
            self.text,
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
    pub fn for_each_record(&self, threaded: bool, f: impl FnMut(u64, &Record, u64)) {
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
        mut next: impl FnMut(&mut Record) -> bool,
    ) -> (DateOrder, DateOrderSource) {
        if let Some(o) = forced {
            return (o, DateOrderSource::Option);
        }
        let Some(col) = self.map.get(Field::TrialEndsAt) else {
            return (DateOrder::Dmy, DateOrderSource::Default);
        };
        let mut month_first = false;
        let mut rec = Record::new();
        while next(&mut rec) {
            if let Some(Ok(Some(RawDate::Ambiguous { a, b, .. }))) = rec
                .get(col)
                .map(|v| values::parse_date_in(v, zone, self.map.zone(Field::TrialEndsAt)))
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
    pub fn cell<'r>(&self, rec: &'r Record, field: Field) -> &'r str {
        self.map
            .get(field)
            .and_then(|i| rec.get(i))
            .unwrap_or("")
            .trim()
    }
}

//! One record → a typed [`Row`]: the values the rules need, each cell read
//! by its field's parser, a problem for every cell that could not be read.

use super::table::Table;
use super::values;
use super::{shorten, Row, RowContext};
use crate::model::{who, Expected, Field, Problem, Signals};
use chrono::NaiveDate;

/// A record being read: its cells by field, and where its problems go.
struct Cells<'t, 'r, 'p> {
    table: &'t Table<'t>,
    rec: &'r csv::StringRecord,
    line: u64,
    who: &'r str,
    problems: &'p mut Vec<Problem>,
}

impl<'r> Cells<'_, 'r, '_> {
    /// The field's cell, trimmed (empty when the column or cell is absent).
    fn text(&self, field: Field) -> &'r str {
        self.table.cell(self.rec, field)
    }

    /// A problem with the field's cell.
    fn report(&mut self, field: Field, value: &str, expected: Expected) {
        let p = self
            .table
            .problem(self.line, self.who, Some(field), value, expected);
        self.problems.push(p);
    }

    /// The field's value as `parse` reads it; a cell it refuses is a
    /// problem, and the value is then absent.
    fn value<T>(
        &mut self,
        field: Field,
        parse: impl FnOnce(&str) -> Result<Option<T>, Expected>,
    ) -> Option<T> {
        let text = self.text(field);
        parse(text).unwrap_or_else(|e| {
            self.report(field, text, e);
            None
        })
    }

    /// The trial's end date, in the file's date order.
    fn trial_end(&mut self, ctx: &RowContext) -> Option<NaiveDate> {
        let raw = self.value(Field::TrialEndsAt, |t| values::parse_date(t, ctx.zone))?;
        let resolved = raw.resolve(ctx.date_order);
        if resolved.is_none() {
            let text = self.text(Field::TrialEndsAt);
            self.report(Field::TrialEndsAt, text, Expected::DateInOrder);
        }
        resolved
    }
}

impl<'a> Table<'a> {
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
        let who = who(id, name);
        self.swallowed_lines_problems(rec, line, who, problems);
        problems.extend(self.field_count_problem(rec, line, who));
        if id.is_empty() && name.is_empty() {
            problems.push(self.unidentified_problem(rec, line));
            return None;
        }
        let mut cells = Cells {
            table: self,
            rec,
            line,
            who,
            problems,
        };
        let mut signals = Signals {
            status: cells.value(Field::SubscriptionStatus, values::parse_status),
            ..Signals::default()
        };
        signals.payment_flag = cells.value(Field::PaymentFailed, values::parse_bool) == Some(true);
        if cells.value(Field::LastPaymentStatus, values::parse_payment_status) == Some(true) {
            signals.last_payment_failed = Some(shorten(cells.text(Field::LastPaymentStatus)));
        }
        let trial_end = cells.trial_end(ctx);
        signals.days_left = trial_end.map(|d| (d - ctx.as_of).num_days());
        let used = cells.value(Field::MessagesUsed, values::parse_count);
        let limit = cells.value(Field::MessagesLimit, values::parse_count);
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

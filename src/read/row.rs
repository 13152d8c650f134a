//! One record → a typed [`Row`]: the values the rules need, each cell read
//! by its field's parser, a problem for every cell that could not be read.

use super::table::Table;
use super::{billing, values};
use super::{shorten, Row, RowContext};
use crate::model::{who, Expected, Field, Mrr, Problem, Signals};
use chrono::NaiveDate;

/// A record being read: its cells by field, and where its problems go.
struct Cells<'t, 'r, 'p> {
    table: &'t Table<'t>,
    rec: &'r super::records::Record,
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

    /// The row's MRR from its money cells (each a problem when unreadable;
    /// then the MRR is unknown).
    fn mrr(&mut self) -> Option<Mrr> {
        let mrr = self.value(Field::Mrr, billing::parse_amount);
        let amount = self.value(Field::Amount, billing::parse_amount);
        let quantity = self.value(Field::Quantity, values::parse_count);
        let interval = self.value(Field::Interval, billing::parse_interval);
        let count = self.value(Field::IntervalCount, |t| match values::parse_count(t) {
            Ok(Some(0)) | Err(_) => Err(Expected::IntervalCount),
            other => other,
        });
        let currency = self.value(Field::Currency, billing::parse_currency);
        let unreadable = |f: Field, v: bool| !self.text(f).is_empty() && !v;
        if unreadable(Field::Mrr, mrr.is_some())
            || unreadable(Field::Amount, amount.is_some())
            || unreadable(Field::Quantity, quantity.is_some())
            || unreadable(Field::Interval, interval.is_some())
            || unreadable(Field::IntervalCount, count.is_some())
        {
            return None;
        }
        billing::mrr_of(mrr, amount, quantity, interval, count, currency)
    }

    /// A date field's date in the report's zone, in the file's date order
    /// (a date-time in the zone its header names, when it names one).
    fn date(&mut self, field: Field, ctx: &RowContext) -> Option<NaiveDate> {
        let column = self.table.map.zone(field);
        let raw = self.value(field, |t| values::parse_date_in(t, ctx.zone, column))?;
        let resolved = raw.resolve(ctx.date_order);
        if resolved.is_none() {
            let text = self.text(field);
            self.report(field, text, Expected::DateInOrder);
        }
        resolved
    }
}

impl<'a> Table<'a> {
    /// Types one record. Problems go to `problems`; `None` means the row is
    /// rejected (neither id nor name), which is also recorded as a problem.
    pub fn parse_row<'r>(
        &self,
        rec: &'r super::records::Record,
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
        let trial_end = cells.date(Field::TrialEndsAt, ctx);
        signals.days_left = trial_end.map(|d| (d - ctx.as_of).num_days());
        let used = cells.value(Field::MessagesUsed, values::parse_count);
        let limit = cells.value(Field::MessagesLimit, values::parse_count);
        signals.usage = used.zip(limit);
        let map = &self.map;
        if map.has(Field::DeclineCode) {
            signals.decline = billing::parse_decline(cells.text(Field::DeclineCode));
        }
        if map.has(Field::CancelAtPeriodEnd) {
            signals.cancel_at_period_end =
                cells.value(Field::CancelAtPeriodEnd, values::parse_bool) == Some(true);
            signals.period_end = cells.date(Field::CurrentPeriodEnd, ctx);
        }
        let mrr = if map.has(Field::Mrr) || map.has(Field::Amount) {
            cells.mrr()
        } else {
            None
        };
        Some(Row {
            line,
            id,
            name,
            signals,
            trial_end,
            mrr,
        })
    }
}

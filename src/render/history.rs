//! The history sheets: `Historial` (one row per report date, oldest first,
//! with a line chart of the four levels over the dates) and the account
//! executives' days. The next morning's run reads them back by header.

use super::cells::{excel_date, header_row, print_setup, put_text, xlsx_err};
use super::colours::level_line;
use super::styles::Styles;
use crate::error::Error;
use crate::model::{ExecutiveDay, HistoryRow, Lang, Level};
use crate::text::history::{
    chart_alt_text, chart_title, executive_columns, history_columns, ExecutiveColumn, HistoryColumn,
};
use chrono::NaiveDate;
use rust_xlsxwriter::{Chart, ChartLine, ChartType, Color, Worksheet};

/// A history cell, to write.
enum Value<'a> {
    Date(NaiveDate),
    Count(u64),
    Money(&'a str, i64),
    Text(&'a str),
    Empty,
}

/// A table's columns with their headers, and each column's width.
type Columns<'c, C> = (&'c [(C, String)], fn(&C) -> f64);

/// Writes a history table: its header row, then `rows` rows whose cells
/// `value(row, column)` gives.
fn table<'v, C>(
    ws: &mut Worksheet,
    (columns, width): Columns<'_, C>,
    (rows, value): (usize, impl Fn(usize, &C) -> Value<'v>),
    s: &Styles,
    lang: Lang,
) -> Result<(), Error> {
    let headers: Vec<&str> = columns.iter().map(|(_, h)| h.as_str()).collect();
    let widths: Vec<f64> = columns.iter().map(|(c, _)| width(c)).collect();
    header_row(ws, &headers, &widths, s)?;
    for k in 0..rows {
        let r = (k + 1) as u32;
        for (c, (column, _)) in columns.iter().enumerate() {
            let c = c as u16;
            match value(k, column) {
                Value::Date(d) => {
                    if let Some(date) = excel_date(d) {
                        ws.write_datetime_with_format(r, c, &date, &s.date)
                            .map_err(xlsx_err)?;
                    }
                }
                Value::Count(n) => {
                    ws.write_number_with_format(r, c, n as f64, &s.plain)
                        .map_err(xlsx_err)?;
                }
                Value::Money(currency, cents) => {
                    let f = s.money_plain(currency);
                    ws.write_number_with_format(r, c, cents as f64 / 100.0, f)
                        .map_err(xlsx_err)?;
                }
                Value::Text(t) => put_text(ws, r, c, t, &s.plain, lang)?,
                Value::Empty => {}
            }
        }
    }
    print_setup(ws)
}

/// Writes the `Historial` sheet (`name`: its own name, for the chart's
/// references) and its chart.
pub(super) fn write_days(
    ws: &mut Worksheet,
    days: &[HistoryRow],
    (s, name): (&Styles, &str),
    lang: Lang,
) -> Result<(), Error> {
    let mut currencies: Vec<String> = days
        .iter()
        .flat_map(|d| d.mrr.iter().map(|(c, _)| c.clone()))
        .collect();
    currencies.sort();
    currencies.dedup();
    let columns = history_columns(&currencies, lang);
    let width = |c: &HistoryColumn| match c {
        HistoryColumn::AsOf | HistoryColumn::Mrr(_) => 16.0,
        HistoryColumn::LeftBy(_) => 22.0,
        _ => 13.0,
    };
    let value = |k: usize, column: &HistoryColumn| {
        let d = &days[k];
        Value::Count(match column {
            HistoryColumn::AsOf => return Value::Date(d.as_of),
            HistoryColumn::Mrr(currency) => {
                return match d.mrr.iter().find(|(cur, _)| cur == currency) {
                    Some((cur, cents)) => Value::Money(cur, *cents),
                    None => Value::Empty,
                }
            }
            HistoryColumn::Level(l) => d.count(*l),
            HistoryColumn::Snoozed => d.snoozed,
            HistoryColumn::New => d.new,
            HistoryColumn::Up => d.up,
            HistoryColumn::Down => d.down,
            HistoryColumn::Left => d.left,
            HistoryColumn::LeftBy(why) => d.left_by.get(*why),
            HistoryColumn::Overdue => d.overdue,
        })
    };
    table(ws, (&columns, width), (days.len(), value), s, lang)?;
    if !days.is_empty() {
        insert_chart(ws, name, days, lang)?;
    }
    Ok(())
}

/// The four levels over the dates, one line each in its level's colour,
/// with alternative text saying what it shows and the latest numbers.
fn insert_chart(
    ws: &mut Worksheet,
    name: &str,
    days: &[HistoryRow],
    lang: Lang,
) -> Result<(), Error> {
    let last = days.len() as u32;
    let mut chart = Chart::new(ChartType::Line);
    for (i, l) in Level::ALL.iter().enumerate() {
        let col = (i + 1) as u16;
        chart
            .add_series()
            .set_name((name, 0, col))
            .set_categories((name, 1, 0, last, 0))
            .set_values((name, 1, col, last, col))
            .set_format(
                ChartLine::new()
                    .set_color(Color::RGB(level_line(*l)))
                    .set_width(2.25),
            );
    }
    chart.title().set_name(chart_title(lang));
    chart.set_alt_text(chart_alt_text(days, lang));
    ws.insert_chart(last + 2, 1, &chart).map_err(xlsx_err)?;
    Ok(())
}

/// Writes the account executives' days.
pub(super) fn write_executives(
    ws: &mut Worksheet,
    days: &[ExecutiveDay],
    s: &Styles,
    lang: Lang,
) -> Result<(), Error> {
    let columns = executive_columns(lang);
    let width = |c: &ExecutiveColumn| match c {
        ExecutiveColumn::Executive => 24.0,
        ExecutiveColumn::AsOf | ExecutiveColumn::Recovered | ExecutiveColumn::Converted => 16.0,
        _ => 13.0,
    };
    let value = |k: usize, column: &ExecutiveColumn| {
        let d = &days[k];
        Value::Count(match column {
            ExecutiveColumn::AsOf => return Value::Date(d.as_of),
            ExecutiveColumn::Executive => return Value::Text(&d.executive),
            ExecutiveColumn::Open(l) => d.open[*l as usize],
            ExecutiveColumn::Overdue => d.overdue,
            ExecutiveColumn::Recovered => d.recovered,
            ExecutiveColumn::Converted => d.converted,
        })
    };
    table(ws, (&columns, width), (days.len(), value), s, lang)
}

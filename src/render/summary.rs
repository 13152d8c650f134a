//! The Resumen sheet: the run's facts, the counts per level with a chart,
//! per account executive, the rules not evaluated, the columns read.

use super::cells::{put_text, xlsx_err};
use super::colours::level_fill;
use super::styles::Styles;
use crate::error::Error;
use crate::model::{Lang, Level};
use crate::model::{MrrAtRisk, Summary, SCORE_DAYS};
use crate::options::Options;
use crate::text::history::score_headers;
use crate::text::messages::{notice, rule_not_evaluated};
use crate::text::shared::{words, SharedWords};
use crate::text::tracking::{change_counts, change_words};
use crate::text::workbook::{chart_alt_text, fact_words, summary_title, thresholds};
use crate::text::{format_date, level_label};
use crate::version::VERSION_LINE;
use rust_xlsxwriter::{
    Chart, ChartFormat, ChartPoint, ChartSolidFill, ChartType, Color, Worksheet,
};

/// The sheet being written: where the next row goes, and what it needs.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    s: &'a Styles,
    w: &'static SharedWords,
    lang: Lang,
    r: u32,
}

impl Sheet<'_> {
    /// A label and its value on the next row.
    fn fact(&mut self, label: &str, value: &str) -> Result<(), Error> {
        put_text(self.ws, self.r, 0, label, &self.s.bold, self.lang)?;
        put_text(self.ws, self.r, 1, value, &self.s.wrap, self.lang)?;
        self.r += 1;
        Ok(())
    }

    /// A section's header cells on the next row.
    fn headers(&mut self, cells: &[&str]) -> Result<(), Error> {
        for (c, h) in cells.iter().enumerate() {
            put_text(self.ws, self.r, c as u16, h, &self.s.header, self.lang)?;
        }
        self.r += 1;
        Ok(())
    }

    /// A number on the current row.
    fn number(&mut self, col: u16, n: u64, f: &rust_xlsxwriter::Format) -> Result<(), Error> {
        self.ws
            .write_number_with_format(self.r, col, n as f64, f)
            .map_err(xlsx_err)?;
        Ok(())
    }
}

/// Writes the summary sheet (`name` is the sheet's own name, for the chart's
/// references).
pub(super) fn write(
    ws: &mut Worksheet,
    sm: &Summary,
    s: &Styles,
    o: &Options,
    name: &str,
) -> Result<(), Error> {
    let lang = o.lang;
    ws.set_column_width(0, 30).map_err(xlsx_err)?;
    ws.set_column_width(1, 34).map_err(xlsx_err)?;
    for c in 2..=6 {
        ws.set_column_width(c, 16).map_err(xlsx_err)?;
    }
    put_text(
        ws,
        0,
        0,
        &summary_title(&o.product_name, lang),
        &s.title,
        lang,
    )?;
    let mut sheet = Sheet {
        ws,
        s,
        w: words(lang),
        lang,
        r: 2,
    };
    facts(&mut sheet, sm, o)?;
    let first_level_row = counts(&mut sheet, sm)?;
    let counts = Level::ALL.map(|l| sm.count(l));
    insert_chart(sheet.ws, name, first_level_row, sheet.w, counts, lang)?;
    sheet.r = sheet.r.max(17) + 1;
    per_executive(&mut sheet, sm)?;
    sheet.r += 1;
    if let Some(mrr) = &sm.mrr_at_risk {
        money(&mut sheet, sm, mrr)?;
        sheet.r += 1;
    }
    if changes(&mut sheet, sm)? {
        sheet.r += 1;
    }
    rules(&mut sheet, sm)?;
    sheet.r += 1;
    columns_and_notices(&mut sheet, sm)?;
    sheet.ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Date, zone, file, encoding, delimiter, date order, thresholds, and the
/// engine that wrote the workbook (`retention-worklist 0.1.0`, as
/// `--version` prints it).
fn facts(sh: &mut Sheet, sm: &Summary, o: &Options) -> Result<(), Error> {
    let (w, lang) = (sh.w, sh.lang);
    sh.fact(w.as_of, &format_date(o.as_of, lang))?;
    sh.fact(w.time_zone, &sm.tz)?;
    sh.fact(w.file, &sm.file_name)?;
    if let Some(sheet) = &sm.sheet {
        sh.fact(w.sheet, sheet)?;
    }
    if !sm.skipped_sheets.is_empty() {
        sh.fact(w.skipped_sheets, &sm.skipped_sheets.join(", "))?;
    }
    sh.fact(w.encoding, sm.encoding)?;
    let words = fact_words(sm, lang);
    sh.fact(w.delimiter, words.delimiter)?;
    sh.fact(w.date_order, &words.date_order)?;
    sh.fact(w.thresholds, &thresholds(&sm.thresholds, lang))?;
    sh.fact(w.version, VERSION_LINE)?;
    Ok(())
}

/// Tenants per level, then the other counts; returns the first level's row.
fn counts(sh: &mut Sheet, sm: &Summary) -> Result<u32, Error> {
    sh.r += 1;
    sh.headers(&[sh.w.tenants_per_level, sh.w.count])?;
    let first_level_row = sh.r;
    for l in Level::ALL {
        let st = sh.s.of(l);
        put_text(
            sh.ws,
            sh.r,
            0,
            &level_label(l, sh.lang),
            &st.strong,
            sh.lang,
        )?;
        sh.number(1, sm.count(l), &st.int)?;
        sh.r += 1;
    }
    let w = sh.w;
    let others: [(&str, u64); 5] = [
        (w.no_risk, sm.no_risk),
        (w.rejected_rows, sm.rejected),
        (w.rows_read, sm.rows),
        (w.data_problems, sm.problems),
        (w.blank_rows, sm.blank_rows),
    ];
    for (k, v) in others {
        put_text(sh.ws, sh.r, 0, k, &sh.s.plain, sh.lang)?;
        sh.number(1, v, &sh.s.plain_left)?;
        sh.r += 1;
    }
    Ok(first_level_row)
}

/// The changes since the previous worklist, when one was given (`false`:
/// none was, nothing written).
fn changes(sh: &mut Sheet, sm: &Summary) -> Result<bool, Error> {
    let (Some(c), Some(p)) = (&sm.changes, &sm.previous) else {
        return Ok(false);
    };
    let (w, lang) = (change_words(sh.lang), sh.lang);
    sh.headers(&[w.title, sh.w.count])?;
    sh.fact(w.previous_file, &p.file_name)?;
    if let Some(d) = p.as_of.as_deref().and_then(|d| d.parse().ok()) {
        sh.fact(w.previous_as_of, &format_date(d, lang))?;
    }
    let carried = [(w.carried, sm.carried), (sh.w.overdue, sm.overdue.total())];
    for (k, v) in change_counts(c, lang).into_iter().chain(carried) {
        put_text(sh.ws, sh.r, 0, k, &sh.s.plain, lang)?;
        sh.number(1, v, &sh.s.plain_left)?;
        sh.r += 1;
    }
    if !p.added_columns.is_empty() {
        sh.fact(w.added_columns, &p.added_columns.join(", "))?;
    }
    Ok(true)
}

/// One bar per level, coloured like the rows, with alternative text saying
/// its numbers (`counts`, in [`Level::ALL`] order).
fn insert_chart(
    ws: &mut Worksheet,
    name: &str,
    first_row: u32,
    w: &SharedWords,
    counts: [u64; 4],
    lang: Lang,
) -> Result<(), Error> {
    let mut chart = Chart::new(ChartType::Bar);
    let points: Vec<ChartPoint> = Level::ALL
        .iter()
        .map(|&l| {
            ChartPoint::new().set_format(
                ChartFormat::new()
                    .set_solid_fill(ChartSolidFill::new().set_color(Color::RGB(level_fill(l)))),
            )
        })
        .collect();
    chart
        .add_series()
        .set_categories((name, first_row, 0, first_row + 3, 0))
        .set_values((name, first_row, 1, first_row + 3, 1))
        .set_points(&points);
    chart.title().set_name(w.tenants_per_level);
    chart.set_alt_text(chart_alt_text(counts, lang));
    chart.legend().set_hidden();
    chart.y_axis().set_reverse();
    ws.insert_chart(1, 3, &chart).map_err(xlsx_err)?;
    Ok(())
}

/// The worklist's counts per account executive.
fn per_executive(sh: &mut Sheet, sm: &Summary) -> Result<(), Error> {
    let lang = sh.lang;
    put_text(sh.ws, sh.r, 0, sh.w.per_executive, &sh.s.header, lang)?;
    for (i, l) in Level::ALL.iter().enumerate() {
        let label = level_label(*l, lang);
        put_text(
            sh.ws,
            sh.r,
            (i + 1) as u16,
            &label,
            &sh.s.of(*l).strong,
            lang,
        )?;
    }
    put_text(sh.ws, sh.r, 5, sh.w.total, &sh.s.header, lang)?;
    // With a previous worklist, the overdue rows each has to escalate.
    let escalate = sm.changes.is_some();
    if escalate {
        put_text(sh.ws, sh.r, 6, sh.w.to_escalate, &sh.s.header, lang)?;
        for (k, h) in score_headers(SCORE_DAYS, lang).iter().enumerate() {
            let c = 7 + k as u16;
            sh.ws.set_column_width(c, 18).map_err(xlsx_err)?;
            put_text(sh.ws, sh.r, c, h, &sh.s.header, lang)?;
        }
    }
    sh.r += 1;
    for e in &sm.by_executive {
        let who = if e.executive.is_empty() {
            sh.w.unassigned
        } else {
            &e.executive
        };
        put_text(sh.ws, sh.r, 0, who, &sh.s.plain, lang)?;
        let counts = e.counts();
        for (i, n) in counts.iter().enumerate() {
            sh.number((i + 1) as u16, *n, &sh.s.plain)?;
        }
        sh.number(5, counts.iter().sum(), &sh.s.plain)?;
        if escalate {
            sh.number(6, e.overdue, &sh.s.plain)?;
            let (recovered, converted) = e.score.unwrap_or_default();
            sh.number(7, recovered, &sh.s.plain)?;
            sh.number(8, converted, &sh.s.plain)?;
        }
        sh.r += 1;
    }
    Ok(())
}

/// A money table's header: its title, the levels, Total.
fn level_headers(sh: &mut Sheet, title: &str) -> Result<(), Error> {
    let lang = sh.lang;
    put_text(sh.ws, sh.r, 0, title, &sh.s.header, lang)?;
    for (i, l) in Level::ALL.iter().enumerate() {
        let st = &sh.s.of(*l).strong;
        put_text(
            sh.ws,
            sh.r,
            (i + 1) as u16,
            &level_label(*l, lang),
            st,
            lang,
        )?;
    }
    put_text(sh.ws, sh.r, 5, sh.w.total, &sh.s.header, lang)?;
    sh.r += 1;
    Ok(())
}

/// One row of amounts in a currency: a label, each level's, their total.
fn money_row(sh: &mut Sheet, label: &str, m: &MrrAtRisk) -> Result<(), Error> {
    put_text(sh.ws, sh.r, 0, label, &sh.s.plain, sh.lang)?;
    let f = sh.s.money_plain(&m.currency);
    let amounts = [m.critical, m.high, m.medium, m.info];
    let total = amounts.iter().sum::<f64>();
    for (i, v) in amounts.into_iter().chain([total]).enumerate() {
        sh.ws
            .write_number_with_format(sh.r, (i + 1) as u16, v, f)
            .map_err(xlsx_err)?;
    }
    sh.r += 1;
    Ok(())
}

/// The worklist's MRR per currency and level, then per account executive
/// (amounts in different currencies are never added together).
fn money(sh: &mut Sheet, sm: &Summary, mrr: &[MrrAtRisk]) -> Result<(), Error> {
    let w = sh.w;
    let currency = |c: &str| {
        if c.is_empty() {
            w.no_currency.to_string()
        } else {
            c.to_string()
        }
    };
    level_headers(sh, w.mrr_at_risk)?;
    for m in mrr {
        money_row(sh, &currency(&m.currency), m)?;
    }
    sh.r += 1;
    level_headers(sh, w.mrr_per_executive)?;
    for e in &sm.by_executive {
        let who = if e.executive.is_empty() {
            w.unassigned
        } else {
            &e.executive
        };
        for m in &e.mrr_at_risk {
            money_row(sh, &format!("{who} · {}", currency(&m.currency)), m)?;
        }
    }
    Ok(())
}

/// The rules that could not be evaluated, or that all were.
fn rules(sh: &mut Sheet, sm: &Summary) -> Result<(), Error> {
    let lang = sh.lang;
    sh.headers(&[sh.w.rules_not_evaluated])?;
    if sm.rules_not_evaluated.is_empty() {
        put_text(sh.ws, sh.r, 0, sh.w.all_rules_evaluated, &sh.s.plain, lang)?;
        sh.r += 1;
    }
    for rule in &sm.rules_not_evaluated {
        let st = sh.s.of(rule.level);
        put_text(
            sh.ws,
            sh.r,
            0,
            &level_label(rule.level, lang),
            &st.strong,
            lang,
        )?;
        put_text(
            sh.ws,
            sh.r,
            1,
            rule_not_evaluated(rule, lang),
            &sh.s.wrap,
            lang,
        )?;
        sh.r += 1;
    }
    Ok(())
}

/// The columns read, the ones ignored, and the file's notices.
fn columns_and_notices(sh: &mut Sheet, sm: &Summary) -> Result<(), Error> {
    let lang = sh.lang;
    sh.headers(&[sh.w.recognised_columns, sh.w.header_in_file])?;
    for c in &sm.columns {
        put_text(sh.ws, sh.r, 0, c.field, &sh.s.plain, lang)?;
        put_text(sh.ws, sh.r, 1, &c.header, &sh.s.plain, lang)?;
        sh.r += 1;
    }
    let ignored: Vec<&str> = sm
        .unknown_columns
        .iter()
        .chain(&sm.duplicate_columns)
        .map(String::as_str)
        .collect();
    if !ignored.is_empty() {
        sh.fact(sh.w.ignored_columns, &ignored.join(", "))?;
    }
    for n in &sm.notices {
        sh.fact(sh.w.notice, notice(*n, lang))?;
    }
    Ok(())
}

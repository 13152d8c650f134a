//! Steps 1–3 of the pipeline over a whole export (a CSV or a workbook's
//! sheet): read every record, classify each tenant, plan the at-risk ones,
//! and gather the summary's facts.

use crate::carry::{self, Carrier};
use crate::classify;
use crate::error::{Error, PreviousError};
use crate::history;
use crate::model::{who, ExecutiveDay, OverdueCounts, PreviousFacts};
use crate::model::{ColumnUse, DateOrder, DateOrderSource, ExecutiveCounts, LeftRow, Summary};
use crate::model::{
    Expected, Field, Level, LevelCounts, Notice, Problem, RuleNotEvaluated, Stage, MAX_CELL_CHARS,
};
use crate::options::Options;
use crate::plan::{self, Contact, WorkItem};
use crate::read::decode::{self, TextEncoding};
use crate::read::previous::{self, Previous};
use crate::read::{self, ids::IdSet, sheets, RowContext, Table};
use std::collections::BTreeMap;

/// The classified worklist, before rendering.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// At-risk tenants, most urgent first.
    pub items: Vec<WorkItem>,
    /// Counts and facts, with every data problem in file order.
    pub summary: Summary,
    /// The headers of the columns the team added to the previous worklist,
    /// carried after the tool's (each row's values are in its tracking).
    pub added_columns: Vec<String>,
    /// The tenants on the previous worklist that are not on today's.
    pub left: Vec<LeftRow>,
    /// Each account executive's days, oldest first (the history's second
    /// sheet).
    pub executive_history: Vec<ExecutiveDay>,
}

/// The facts of the previous worklists a run was given: the day before's,
/// and today's own from an earlier run.
type PreviousInputs = (Option<PreviousFacts>, Option<PreviousFacts>);

/// What the record loop gathers.
struct Collector<'t, 'o> {
    table: &'t Table<'t>,
    /// The facts of the previous worklists given.
    facts: PreviousInputs,
    /// The previous worklist, when one was given.
    carrier: Option<Carrier<'o>>,
    ctx: RowContext,
    o: &'o Options,
    rows: u64,
    no_risk: u64,
    rejected: u64,
    blank: u64,
    levels: LevelCounts,
    problems: Vec<Problem>,
    items: Vec<WorkItem>,
    /// Every id, to report duplicates.
    seen_ids: IdSet,
}

impl Collector<'_, '_> {
    /// Reads, classifies and plans one record.
    fn take(&mut self, line: u64, rec: &read::Record) {
        if read::is_blank(rec) {
            self.blank += 1;
            return;
        }
        self.rows += 1;
        let table = self.table;
        let Some(row) = table.parse_row(rec, line, &self.ctx, &mut self.problems) else {
            self.rejected += 1;
            return;
        };
        let who = who(row.id, row.name);
        if !row.id.is_empty() && !self.seen_ids.insert(row.id) {
            let p = table.problem(line, who, Some(Field::TenantId), row.id, Expected::UniqueId);
            self.problems.push(p);
        }
        let Some(c) = classify::classify(&row.signals, &self.o.thresholds) else {
            self.no_risk += 1;
            if let Some(k) = &mut self.carrier {
                k.no_risk(row.id, row.name, row.signals.status);
            }
            return;
        };
        self.levels.add(c.level);
        let contact = contact_of(table, rec, &row, line, &mut self.problems);
        let facts = plan::ItemFacts {
            trial_end: row.trial_end,
            days_left: row.signals.days_left,
            usage: row.signals.usage,
            mrr: row.mrr,
        };
        let mut item = plan::plan(line, contact, facts, &c, self.o);
        if let Some(k) = &mut self.carrier {
            k.carry(&mut item);
        }
        // The plan judged the address (no link for a bad one): say so.
        if !item.email_ok && !item.contact.email.is_empty() {
            let email = &item.contact.email;
            let p = table.problem(line, who, Some(Field::OwnerEmail), email, Expected::Email);
            self.problems.push(p);
        }
        self.items.push(item);
    }
}

impl<'t, 'o> Collector<'t, 'o> {
    fn new(
        table: &'t Table<'t>,
        ctx: RowContext,
        (o, previous, facts): (&'o Options, Option<&'o Previous>, PreviousInputs),
        input_len: usize,
    ) -> Self {
        Collector {
            table,
            facts,
            carrier: previous.map(|p| Carrier::new(p, o.as_of, o.deadlines, o.lang)),
            ctx,
            o,
            rows: 0,
            no_risk: 0,
            rejected: 0,
            blank: 0,
            levels: LevelCounts::default(),
            problems: Vec::new(),
            items: Vec::new(),
            // Pre-sized from the input (a row is rarely under 100 bytes; ids
            // are a small part of a row), so it never rehashes.
            seen_ids: IdSet::with_capacity(input_len / 100, input_len / 12),
        }
    }
}

/// Facts about where the rows came from, for the summary.
struct Source {
    encoding: &'static str,
    delimiter: &'static str,
    sheet: Option<String>,
    skipped_sheets: Vec<String>,
    notices: Vec<Notice>,
}

/// Reads, classifies and plans, reporting progress: a text export (CSV) or
/// a workbook, told apart by their first bytes.
pub(crate) fn analyze(
    input: &[u8],
    (previous, same_day): (Option<&[u8]>, Option<&[u8]>),
    o: &Options,
    progress: &mut dyn FnMut(Stage, f64),
) -> Result<Analysis, Error> {
    o.validate()?;
    // The previous worklists first: a wrong one stops the run before the
    // export's long read.
    let mut read = |bytes: Option<&[u8]>, file_name: &str| -> Result<_, Error> {
        let Some(bytes) = bytes else {
            return Ok((None, None));
        };
        progress(Stage::Previous, 0.0);
        let p = read_previous(bytes, o)?;
        let facts = PreviousFacts {
            file_name: file_name.to_string(),
            as_of: p.as_of.map(|d| d.format("%Y-%m-%d").to_string()),
            sheets: p.sheets.clone(),
            rows: p.rows.len() as u64,
            added_columns: p.added.clone(),
        };
        Ok((Some(p), Some(facts)))
    };
    let (previous, previous_facts) = read(previous, &o.previous_file_name)?;
    let (today, same_day_facts) =
        read(same_day, &o.same_day_file_name).map_err(Error::of_same_day)?;
    let previous = match today {
        Some(t) => Some(carry::with_same_day(previous, t)),
        None => previous,
    };
    progress(Stage::Reading, 0.0);
    let previous = previous.as_ref();
    let facts = (previous_facts, same_day_facts);
    if let Some(kind) = sheets::container(input) {
        return analyze_sheet(input, (previous, facts), kind, o, progress);
    }
    let decoded = decode::decode(input)?;
    let table = Table::open(&decoded.text, &o.columns)?;
    let (date_order, order_source) = table.date_order(o.date_order, o.tz);
    let ctx = context(o, date_order);
    let mut c = Collector::new(&table, ctx, (o, previous, facts), input.len());
    let total_bytes = decoded.text.len().max(1) as f64;
    // A large file is read on a second thread, a batch ahead (same records,
    // same order); small files gain nothing from it.
    let threaded = decoded.text.len() >= 1 << 20;
    table.for_each_record(threaded, |line, rec, byte_offset| {
        let before = c.rows;
        c.take(line, rec);
        if c.rows != before && c.rows.is_multiple_of(65_536) {
            progress(Stage::Reading, byte_offset as f64 / total_bytes);
        }
    });
    let mut notices = Vec::new();
    if decoded.had_replacements {
        notices.push(Notice::ReplacedBytes);
    }
    if decoded.encoding == TextEncoding::Windows1252 {
        notices.push(Notice::Windows1252);
    }
    let source = Source {
        encoding: decoded.encoding.as_str(),
        delimiter: read::dialect::delimiter_name(table.dialect.delimiter),
        sheet: None,
        skipped_sheets: Vec::new(),
        notices,
    };
    Ok(finish(c, source, (date_order, order_source), progress))
}

/// Reads the previous worklist and checks it is from before today.
fn read_previous(bytes: &[u8], o: &Options) -> Result<Previous, Error> {
    let p = previous::read(bytes, o.lang, o.tz)?;
    match p.as_of {
        Some(d) if d > o.as_of => Err(Error::Previous(PreviousError::AfterAsOf {
            previous: d,
            as_of: o.as_of,
        })),
        _ => Ok(p),
    }
}

/// [`analyze`] for a workbook: the chosen sheet's records.
fn analyze_sheet(
    input: &[u8],
    (previous, facts): (Option<&Previous>, PreviousInputs),
    kind: sheets::Container,
    o: &Options,
    progress: &mut dyn FnMut(Stage, f64),
) -> Result<Analysis, Error> {
    let (table, sheet) = sheets::read(input, kind, o.sheet.as_deref(), &o.columns)?;
    // The records are written into one reused record, as a CSV is read.
    let records = &sheet.records;
    let mut next = 0;
    let (date_order, order_source) = table.date_order_of(o.date_order, o.tz, |rec| {
        // Rows without a cell hold no date: not written.
        while next < records.len() && records.is_blank(next) {
            next += 1;
        }
        let more = next < records.len();
        if more {
            records.fill(next, rec);
            next += 1;
        }
        more
    });
    let mut c = Collector::new(
        &table,
        context(o, date_order),
        (o, previous, facts),
        input.len(),
    );
    let total = records.len().max(1) as f64;
    let mut rec = read::Record::new();
    for k in 0..records.len() {
        if records.is_blank(k) {
            c.blank += 1;
            continue;
        }
        let line = records.fill(k, &mut rec);
        c.take(line, &rec);
        if k % 65_536 == 65_535 {
            progress(Stage::Reading, k as f64 / total);
        }
    }
    let source = Source {
        encoding: sheet.format,
        delimiter: "",
        sheet: Some(sheet.name),
        skipped_sheets: sheet.skipped,
        notices: Vec::new(),
    };
    Ok(finish(c, source, (date_order, order_source), progress))
}

/// What every row is read against.
fn context(o: &Options, date_order: DateOrder) -> RowContext {
    RowContext {
        zone: o.tz,
        date_order,
        as_of: o.as_of,
    }
}

/// Sorts the worklist and gathers the summary's facts. (Over 50 lines: most
/// of it is the summary's fields, one per line.)
fn finish(
    mut c: Collector,
    source: Source,
    (date_order, order_source): (DateOrder, DateOrderSource),
    progress: &mut dyn FnMut(Stage, f64),
) -> Analysis {
    progress(Stage::Reading, 1.0);
    progress(Stage::Classifying, 0.0);
    let (table, o) = (c.table, c.o);
    let items = plan::sort_by_urgency(std::mem::take(&mut c.items));
    c.problems.sort_by_key(|p| p.line);
    let prev = c.carrier.as_ref().map(|k| k.previous());
    let (mut changes, mut carried, mut left, mut added) = (None, 0, Vec::new(), Vec::new());
    if let (Some(k), Some(p)) = (c.carrier.take(), prev) {
        let r = k.finish(&items);
        c.problems.extend(r.problems);
        carried = r.carried;
        if p.compare {
            (changes, left) = (Some(r.changes), r.left);
        }
        added = p.added.clone();
    }
    let (previous_facts, same_day_facts) = std::mem::take(&mut c.facts);
    let money = table.map.has(Field::Mrr) || table.map.has(Field::Amount);
    let mrr = money.then(|| plan::mrr_at_risk(&items));
    let overdue = overdue_counts(&items);
    let history = history::extend(
        prev.map(|p| p.history.clone()).unwrap_or_default(),
        &history::Day {
            as_of: o.as_of,
            items: &items,
            levels: &c.levels,
            changes: changes.as_ref(),
            overdue,
            mrr: mrr.as_deref(),
            left: &left,
        },
    );
    let mut by_exec = by_executive(&items, money);
    if prev.is_some() {
        for e in &mut by_exec {
            e.score = Some(history.score(&e.executive, o.as_of));
        }
    }
    let summary = Summary {
        rows: c.rows,
        critical: c.levels.get(Level::Critical),
        high: c.levels.get(Level::High),
        medium: c.levels.get(Level::Medium),
        info: c.levels.get(Level::Info),
        no_risk: c.no_risk,
        rejected: c.rejected,
        problems: c.problems.len() as u64,
        blank_rows: c.blank,
        encoding: source.encoding,
        sheet: source.sheet,
        skipped_sheets: source.skipped_sheets,
        delimiter: source.delimiter,
        date_order: date_order.as_str(),
        date_order_source: order_source,
        as_of: o.as_of.format("%Y-%m-%d").to_string(),
        tz: o.tz.to_string(),
        file_name: o.file_name.clone(),
        product_name: o.product_name.clone(),
        thresholds: o.thresholds,
        rules_not_evaluated: rules_not_evaluated(table),
        columns: columns_used(table),
        unknown_columns: table.map.unknown.clone(),
        duplicate_columns: table.map.duplicates.clone(),
        notices: source.notices,
        by_executive: by_exec,
        mrr_at_risk: mrr,
        previous: previous_facts,
        same_day: same_day_facts,
        changes,
        carried,
        overdue,
        history: history.days,
        problem_list: std::mem::take(&mut c.problems),
    };
    progress(Stage::Classifying, 1.0);
    Analysis {
        items,
        summary,
        added_columns: added,
        left,
        executive_history: history.executives,
    }
}

/// The contact fields of an at-risk row, as written. A value longer than a
/// cell can hold is reported here (the renderer cuts it, visibly).
fn contact_of(
    table: &Table,
    rec: &read::Record,
    row: &read::Row,
    line: u64,
    problems: &mut Vec<Problem>,
) -> Contact {
    let who = who(row.id, row.name);
    let mut take = |field: Field, value: &str| -> String {
        // Fast path: a UTF-8 string of ≤ 32,767 bytes has ≤ 32,767 UTF-16 units.
        if value.len() > MAX_CELL_CHARS && value.encode_utf16().count() > MAX_CELL_CHARS {
            problems.push(table.problem(line, who, Some(field), value, Expected::CellLength));
        }
        value.to_string()
    };
    Contact {
        id: take(Field::TenantId, row.id),
        name: take(Field::TenantName, row.name),
        owner: take(Field::OwnerName, table.cell(rec, Field::OwnerName)),
        email: take(Field::OwnerEmail, table.cell(rec, Field::OwnerEmail)),
        phone: take(Field::OwnerPhone, table.cell(rec, Field::OwnerPhone)),
        executive: take(
            Field::AccountExecutive,
            table.cell(rec, Field::AccountExecutive),
        ),
        plan: take(Field::Plan, table.cell(rec, Field::Plan)),
    }
}

/// The rules whose columns are absent, with the fields they lack.
fn rules_not_evaluated(table: &Table) -> Vec<RuleNotEvaluated> {
    let lacking = |level, fields: &[Field]| {
        let missing: Vec<Field> = fields
            .iter()
            .copied()
            .filter(|&f| !table.map.has(f))
            .collect();
        RuleNotEvaluated { level, missing }
    };
    let mut rules = Vec::new();
    if !table.can_evaluate_payment() {
        let payment = [
            Field::PaymentFailed,
            Field::LastPaymentStatus,
            Field::SubscriptionStatus,
        ];
        rules.push(lacking(Level::Critical, &payment));
    }
    if !table.can_evaluate_trial() {
        rules.push(lacking(Level::High, &[Field::TrialEndsAt]));
    }
    if !table.can_evaluate_usage() {
        let usage = [Field::MessagesUsed, Field::MessagesLimit];
        rules.push(lacking(Level::Info, &usage));
    }
    rules
}

/// The recognised columns, in field order.
fn columns_used(table: &Table) -> Vec<ColumnUse> {
    table
        .map
        .found
        .iter()
        .map(|(f, h)| ColumnUse {
            field: f.name(),
            header: h.clone(),
        })
        .collect()
}

/// The overdue rows per level.
pub(crate) fn overdue_counts(items: &[WorkItem]) -> OverdueCounts {
    let mut counts = OverdueCounts::default();
    for w in items.iter().filter(|w| w.tracking.overdue.is_some()) {
        counts.add(w.level);
    }
    counts
}

/// The worklist's counts per account executive, sorted by executive (and
/// their MRR, when the export has `money` columns).
pub(crate) fn by_executive(items: &[WorkItem], money: bool) -> Vec<ExecutiveCounts> {
    let mut by_exec: BTreeMap<&str, (LevelCounts, Vec<&WorkItem>)> = BTreeMap::new();
    for w in items {
        let (counts, rows) = by_exec.entry(w.contact.executive.as_str()).or_default();
        counts.add(w.level);
        rows.push(w);
    }
    by_exec
        .into_iter()
        .map(|(e, (c, rows))| ExecutiveCounts {
            executive: e.to_string(),
            critical: c.get(Level::Critical),
            high: c.get(Level::High),
            medium: c.get(Level::Medium),
            info: c.get(Level::Info),
            overdue: rows.iter().filter(|w| w.tracking.overdue.is_some()).count() as u64,
            score: None,
            mrr_at_risk: if money {
                plan::mrr_at_risk(rows)
            } else {
                Vec::new()
            },
        })
        .collect()
}

//! One generated export: its bytes and options, and what each record must give (level, rejection,
//! problems with their lines, blank records).

use super::dialect::{encode, header_text, quote, Col, Enc, Knobs};
use super::oracle::{expected_level, Lvl, Meaning, Rules};
use super::values::{cell, free_text, rule_cell, Cell, Rng};
use crate::common::as_of;
use retention_worklist::{DateOrder, Options, Thresholds};
use std::collections::BTreeMap;

/// A non-blank record's expected outcome.
#[derive(Debug)]
pub(super) struct Expect {
    pub(super) level: Option<Lvl>,
    pub(super) rejected: bool,
}

pub(super) struct Export {
    pub(super) bytes: Vec<u8>,
    /// Whether some rule has its columns (else the input is unusable).
    pub(super) evaluable: bool,
    pub(super) options: Options,
    pub(super) rules: Rules,
    /// Non-blank records.
    pub(super) records: Vec<Expect>,
    /// Records whose every cell is blank but that have delimiters (or
    /// spaces): the engine counts them in `blank_rows`. Empty lines are not
    /// records at all.
    pub(super) blank_records: u64,
    /// (line, column as written, value when known) of every expected problem.
    pub(super) problems: Vec<(u64, String, Option<String>)>,
    pub(super) at_risk_lines: BTreeMap<u64, Lvl>,
}

pub(super) fn generate(k: &Knobs) -> Export {
    let mut rng = Rng(k.seed);
    let high = rng.range(0, 5);
    let rules = Rules {
        high_days: high,
        medium_days: high + rng.range(0, 6),
        usage_tenths: *rng.pick(&[500u64, 800, 900, 900, 900, 950, 995]),
    };
    let nl = if k.crlf { "\r\n" } else { "\n" };
    let d = k.delimiter;
    let ds = (d as char).to_string();

    // Columns: identity (at least one), rule columns, extra columns.
    let mut cols = Vec::new();
    let (has_id, has_name) = match rng.below(4) {
        0 => (true, false),
        1 => (false, true),
        _ => (true, true),
    };
    if has_id {
        cols.push(Col::Id);
    }
    if has_name {
        cols.push(Col::Name);
    }
    for (c, p) in [
        (Col::Owner, 50),
        (Col::Email, 50),
        (Col::Phone, 40),
        (Col::Exec, 50),
        (Col::Plan, 40),
        (Col::Status, 80),
        (Col::Trial, 85),
        (Col::Failed, 60),
        (Col::LastPay, 50),
    ] {
        if rng.chance(p) {
            cols.push(c);
        }
    }
    match rng.below(10) {
        0 => cols.push(Col::Used),
        1..=6 => cols.extend([Col::Used, Col::Limit]),
        _ => {}
    }
    if k.enc == Enc::Win1252 || rng.chance(20) {
        cols.push(Col::Notes);
    }
    // Shuffle (Fisher–Yates).
    for i in (1..cols.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        cols.swap(i, j);
    }
    let headers: Vec<String> = cols
        .iter()
        .map(|&c| header_text(&mut rng, c, k.enc))
        .collect();
    let header_of = |c: Col| {
        headers[cols.iter().position(|&x| x == c).unwrap()]
            .trim()
            .to_string()
    };
    let evaluable = cols
        .iter()
        .any(|c| matches!(c, Col::Status | Col::Trial | Col::Failed | Col::LastPay))
        || (cols.contains(&Col::Used) && cols.contains(&Col::Limit));

    let mut text = String::new();
    let mut line = 1u64;
    if k.sep_line {
        text.push_str(&format!("sep={}{nl}", d as char));
        line += 1;
    }
    text.push_str(&headers.join(&ds));
    text.push_str(nl);
    line += 1;

    let mut records = Vec::new();
    let mut problems = Vec::new();
    let mut at_risk_lines = BTreeMap::new();
    let mut blank_records = 0;
    let mut ids: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let n = rng.below(30);
    for i in 0..n {
        let start = line;
        let kind = rng.below(100);
        let record_text;
        if kind < 8 {
            // A blank row: an empty line, delimiters only, or spaces.
            record_text = match rng.below(3) {
                0 => String::new(),
                1 => ds.repeat(cols.len() - 1),
                _ => vec!["  "; cols.len()].join(&ds),
            };
            if !record_text.is_empty() {
                blank_records += 1;
            }
        } else {
            let rejected = kind < 16;
            let mut m = Meaning::default();
            let mut cells: Vec<Cell> = Vec::new();
            let mut id = String::new();
            let mut name = String::new();
            for &c in &cols {
                let cl = match c {
                    Col::Id => {
                        if rejected || (has_name && rng.chance(10)) {
                            cell("", false)
                        } else if !ids.is_empty() && rng.chance(8) {
                            id = rng.pick(&ids).clone();
                            cell(id.clone(), false)
                        } else {
                            let prefix = *rng.pick(&["T-", "tn_", "=", "Ñ", "+", "ID "]);
                            id = format!("{prefix}{i}");
                            ids.push(id.clone());
                            cell(
                                format!("{}{id}", if rng.chance(10) { " " } else { "" }),
                                false,
                            )
                        }
                    }
                    Col::Name => {
                        if rejected || (has_id && rng.chance(10)) {
                            cell("", false)
                        } else {
                            name = free_text(&mut rng, k);
                            cell(name.clone(), false)
                        }
                    }
                    Col::Email => {
                        if rng.chance(70) {
                            cell(format!("persona{i}@ejemplo.com"), false)
                        } else {
                            cell("", false)
                        }
                    }
                    Col::Phone => cell(
                        if rng.chance(50) {
                            "+52 55 1234 5678".to_string()
                        } else {
                            free_text(&mut rng, k)
                        },
                        false,
                    ),
                    Col::Owner | Col::Exec | Col::Plan | Col::Notes => {
                        if rng.chance(20) {
                            cell("", false)
                        } else {
                            cell(free_text(&mut rng, k), false)
                        }
                    }
                    _ => rule_cell(&mut rng, c, k, rules, &mut m),
                };
                cells.push(cl);
            }
            // Identity: a row with an id column needs the id or the name.
            if !rejected && id.is_empty() && name.is_empty() {
                let pos = cols
                    .iter()
                    .position(|&c| c == Col::Name)
                    .or_else(|| cols.iter().position(|&c| c == Col::Id))
                    .expect("an identity column");
                name = format!("Tenant {i}");
                cells[pos] = cell(name.clone(), false);
                if cols[pos] == Col::Id {
                    id = name.clone();
                    ids.push(id.clone());
                }
            }
            let all_blank = cells.iter().all(|c| c.text.trim().is_empty());
            if rejected && all_blank {
                // A nameless row must carry something, or it is blank.
                match cols.iter().position(|&c| !matches!(c, Col::Id | Col::Name)) {
                    Some(p) => cells[p] = cell("algo", false),
                    None => {
                        record_text = vec![""; cols.len()].join(&ds);
                        blank_records += 1;
                        text.push_str(&record_text);
                        text.push_str(nl);
                        line += 1;
                        continue;
                    }
                }
            }
            if rejected {
                let col = if has_id {
                    header_of(Col::Id)
                } else {
                    header_of(Col::Name)
                };
                problems.push((start, col, None));
            } else {
                for (c, cl) in cols.iter().zip(&cells) {
                    if cl.bad {
                        problems.push((start, header_of(*c), Some(cl.text.trim().to_string())));
                    }
                }
                // A duplicated id is reported on every record after the first.
                if !id.is_empty() && !seen.insert(id.clone()) {
                    problems.push((start, header_of(Col::Id), Some(id.clone())));
                }
            }
            let level = if rejected {
                None
            } else {
                expected_level(&m, rules)
            };
            if let Some(l) = level {
                at_risk_lines.insert(start, l);
            }
            records.push(Expect { level, rejected });
            record_text = cells
                .iter()
                .map(|c| quote(&c.text, d, rng.chance(10)))
                .collect::<Vec<_>>()
                .join(&ds);
        }
        line += record_text.matches('\n').count() as u64;
        text.push_str(&record_text);
        if i + 1 < n || rng.chance(80) {
            text.push_str(nl);
            line += 1;
        }
    }

    let mut options = Options::new(as_of());
    options.lang = k.lang;
    options.date_order = k.mdy.then_some(DateOrder::Mdy);
    options.thresholds = Thresholds {
        high_days: rules.high_days,
        medium_days: rules.medium_days,
        usage_percent: rules.usage_tenths as f64 / 10.0,
    };
    Export {
        evaluable,
        bytes: encode(&text, k.enc),
        options,
        rules,
        records,
        blank_records,
        problems,
        at_risk_lines,
    }
}

//! The generated cells: free text, counts, dates and the rule columns' values (each with what it
//! means), from a seeded PRNG.

use super::dialect::{Col, Enc, Knobs};
use super::oracle::{Meaning, Rules, St};
use crate::common::as_of;
use chrono::{Datelike, NaiveDate};

// ---------------------------------------------------------------- the PRNG

/// splitmix64, seeded by proptest (so a failure replays and shrinks).
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub(super) fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub(super) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub(super) fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    pub(super) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
}

// -------------------------------------------------------------- the values

/// Free text: delimiters, quotes, newlines, accents, formula-like text,
/// emoji (not in Windows-1252 files, which cannot hold them).
pub(super) fn free_text(rng: &mut Rng, k: &Knobs) -> String {
    let newline = if k.crlf { "\r\n" } else { "\n" };
    let parts: &[&str] = &[
        "Ana",
        "Peña & Hijos",
        "Acme, S.A.",
        "O'Brien",
        "dice \"hola\"",
        "línea uno{NL}línea dos",
        "a;b|c\td",
        "=1+1",
        "+34 600",
        "-5 ventas",
        "@SUM(A1)",
        "Café Niño",
        "<b>negrita</b>",
        "😀 emoji",
        "sep=;",
        "  espacios  ",
    ];
    let n = 1 + rng.below(2);
    let mut out = String::new();
    for i in 0..n {
        let mut p = *rng.pick(parts);
        if k.enc == Enc::Win1252 && p.contains('😀') {
            p = "Ñandú";
        }
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&p.replace("{NL}", newline));
    }
    // Names are read trimmed; keep a letter so the text is never blank.
    format!("{}x", out.trim())
}

fn count_text(rng: &mut Rng, n: u64) -> String {
    if n >= 1000 && rng.chance(50) {
        let sep = *rng.pick(&[".", ",", " ", "\u{a0}"]);
        let digits = n.to_string();
        let mut groups = Vec::new();
        let mut end = digits.len();
        while end > 3 {
            groups.push(&digits[end - 3..end]);
            end -= 3;
        }
        groups.push(&digits[..end]);
        groups.reverse();
        return groups.join(sep);
    }
    match rng.below(6) {
        0 => format!("{n}.0"),
        1 => format!("{n},00"),
        2 => format!(" {n} "),
        _ => n.to_string(),
    }
}

fn date_text(rng: &mut Rng, d: NaiveDate, mdy: bool) -> String {
    let (y, m, dd) = (d.year(), d.month(), d.day());
    if mdy {
        return match rng.below(3) {
            0 => format!("{m:02}/{dd:02}/{y}"),
            1 => format!("{m}/{dd}/{y} 09:15"),
            _ => d.format("%Y-%m-%d").to_string(),
        };
    }
    match rng.below(9) {
        0 => d.format("%Y-%m-%d").to_string(),
        1 => d.format("%Y-%m-%dT10:30:00").to_string(),
        2 => d.format("%Y-%m-%d 23:59").to_string(),
        3 => d.format("%Y-%m-%dT12:00:00Z").to_string(),
        4 => d.format("%Y/%m/%d").to_string(),
        5 => format!("{dd:02}/{m:02}/{y}"),
        6 => format!("{dd}-{m}-{y}"),
        7 => format!("{dd:02}.{m:02}.{y}"),
        _ => format!("{dd:02}/{m:02}/{y} 14:30"),
    }
}

/// One cell: its text, and whether it is a bad value (to be reported).
pub(super) struct Cell {
    pub(super) text: String,
    pub(super) bad: bool,
}

pub(super) fn cell(text: impl Into<String>, bad: bool) -> Cell {
    Cell {
        text: text.into(),
        bad,
    }
}

/// Generates the cell of a rule column and records its meaning.
pub(super) fn rule_cell(rng: &mut Rng, c: Col, k: &Knobs, r: Rules, m: &mut Meaning) -> Cell {
    let roll = rng.below(100);
    if roll < 15 {
        return cell("", false);
    }
    let bad = roll < 27;
    match c {
        Col::Status => {
            if bad {
                return cell(
                    *rng.pick(&["zombie", "estado raro", "??", "trial-ish"]),
                    true,
                );
            }
            let (st, words): (St, &[&str]) = *rng.pick(&[
                (
                    St::Trialing,
                    &["trialing", "Trial", "prueba", "PRUEBA", "en prueba"][..],
                ),
                (St::Trialing, &["trialing", "trial"][..]),
                (St::Active, &["active", "Activo", "activa"][..]),
                (St::PastDue, &["past_due", "past due", "Past-Due"][..]),
                (St::Unpaid, &["unpaid", "impago"][..]),
                (St::Incomplete, &["incomplete", "incompleto"][..]),
                (St::Canceled, &["canceled", "cancelled", "Cancelado"][..]),
                (St::Paused, &["paused", "pausado"][..]),
            ]);
            m.status = Some(st);
            cell(*rng.pick(words), false)
        }
        Col::Failed => {
            if bad {
                return cell(*rng.pick(&["quizás", "2", "tal vez", "nope"]), true);
            }
            let v = rng.chance(30);
            m.flag = Some(v);
            let words: &[&str] = if v {
                &[
                    "true",
                    "TRUE",
                    "1",
                    "yes",
                    "Sí",
                    "si",
                    "x",
                    "X",
                    "verdadero",
                ]
            } else {
                &["false", "0", "no", "No", "FALSE", "n"]
            };
            cell(*rng.pick(words), false)
        }
        Col::LastPay => {
            if bad {
                return cell(*rng.pick(&["raro", "???", "a medias"]), true);
            }
            let v = rng.chance(30);
            m.last_failed = Some(v);
            let words: &[&str] = if v {
                &[
                    "failed",
                    "fallido",
                    "declined",
                    "Rechazado",
                    "requires_payment_method",
                ]
            } else {
                &["succeeded", "pagado", "paid", "ok", "pendiente"]
            };
            cell(*rng.pick(words), false)
        }
        Col::Trial => {
            if bad {
                let mut bads = vec![
                    "31/02/2026",
                    "2026-02-30",
                    "mañana",
                    "2026-13-01",
                    "32/01/2026",
                    "25/11/26",
                    "2026-11-25T25:00",
                ];
                if k.mdy {
                    // Real under day-first, impossible in the file's (month-first) order.
                    bads.push("25/11/2026");
                }
                return cell(*rng.pick(&bads), true);
            }
            let days = if rng.chance(10) {
                rng.range(-400, 400)
            } else {
                rng.range(-3, r.medium_days + 3)
            };
            m.days = Some(days);
            let d = as_of() + chrono::TimeDelta::days(days);
            cell(date_text(rng, d, k.mdy), false)
        }
        Col::Used | Col::Limit => {
            if bad {
                return cell(
                    *rng.pick(&["muchos", "-5", "9.4", "1,2345", "12 abc"]),
                    true,
                );
            }
            let n = if c == Col::Limit {
                let l = *rng.pick(&[0u64, 1, 100, 1000, 2000, 10_000, 50_000, 1_000_000]);
                m.limit = Some(l);
                l
            } else {
                // Around the threshold of a typical limit, or anything.
                let l = *rng.pick(&[100u64, 1000, 10_000, 50_000]);
                let near = l * r.usage_tenths / 1000;
                let u = if rng.chance(70) {
                    (near as i64 + rng.range(-2, 2)).max(0) as u64
                } else {
                    rng.below(2 * l)
                };
                m.used = Some(u);
                u
            };
            cell(count_text(rng, n), false)
        }
        _ => unreachable!(),
    }
}

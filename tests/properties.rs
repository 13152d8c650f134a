//! Property tests: generated exports of every dialect, checked against a
//! reading of the protocol written here, independently of the engine.
//!
//! Each case generates a tenant export (delimiter `,` `;` tab `|`, with or
//! without an Excel `sep=` line, UTF-8 / UTF-8 BOM / UTF-16LE / UTF-16BE /
//! Windows-1252, CRLF or LF, quoted fields holding delimiters, quotes and
//! newlines, ISO / `DD/MM/YYYY` / `MM/DD/YYYY` dates, thousands separators,
//! Spanish and English header aliases, bad values, blank rows, rows without
//! id or name, duplicated ids) together with what each record *means*. Then:
//!
//! 1. rows read = critical + high + medium + info + no_risk + rejected = the
//!    number of non-blank generated records;
//! 2. every bad cell (and every nameless row, every duplicated id) is on
//!    `summary.problem_list` with the line where its record starts in the
//!    file — counting the newlines inside quoted fields — and nothing else is;
//! 3. each tenant's level equals [`expected_level`], the rules as written in
//!    the issue, evaluated on the generated meaning (not the engine's
//!    `classify`);
//! 4. the workbook agrees: the worklist sheet lists the at-risk tenants with
//!    their level word and line, the problems sheet lists every problem line.
//!
//! The generator is a seeded PRNG driven by proptest (so failures are
//! reproducible and persisted); the dialect knobs are proptest values so a
//! failure shrinks towards the simplest dialect. 96 cases by default; set
//! `PROPTEST_CASES` for a longer run.

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use retention_worklist::{DateOrder, Lang, Options, Run, Thresholds};
use std::collections::BTreeMap;
use std::io::Cursor;

// ---------------------------------------------------------------- the PRNG

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
}

// ------------------------------------------------------- columns and names

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Col {
    Id,
    Name,
    Owner,
    Email,
    Phone,
    Exec,
    Plan,
    Status,
    Trial,
    Failed,
    LastPay,
    Used,
    Limit,
    Notes,
}

/// The accepted header names, as the issue lists them (English canonical
/// first). Written here, not taken from the engine.
fn aliases(c: Col) -> &'static [&'static str] {
    match c {
        Col::Id => &["tenant_id", "id", "id_tenant"],
        Col::Name => &[
            "tenant_name",
            "tenant",
            "name",
            "company",
            "empresa",
            "nombre",
            "nombre_tenant",
            "cuenta",
        ],
        Col::Owner => &[
            "owner_name",
            "owner",
            "propietario",
            "contacto",
            "nombre_owner",
        ],
        Col::Email => &[
            "owner_email",
            "email",
            "correo",
            "correo_owner",
            "email_owner",
        ],
        Col::Phone => &["owner_phone", "phone", "telefono", "celular", "whatsapp"],
        Col::Exec => &[
            "account_executive",
            "account_manager",
            "csm",
            "ejecutivo",
            "ejecutivo_cuenta",
            "ejecutivo_asignado",
        ],
        Col::Plan => &["plan", "plan_name", "nombre_plan"],
        Col::Status => &[
            "subscription_status",
            "status",
            "stripe_status",
            "estado",
            "estado_suscripcion",
        ],
        Col::Trial => &[
            "trial_ends_at",
            "trial_end",
            "trial_ends",
            "fin_trial",
            "fecha_fin_trial",
            "trial_vence",
        ],
        Col::Failed => &["payment_failed", "failed_payment", "pago_fallido"],
        Col::LastPay => &[
            "last_payment_status",
            "payment_status",
            "estado_pago",
            "ultimo_pago",
        ],
        Col::Used => &[
            "messages_used",
            "messages_sent",
            "mensajes_usados",
            "mensajes_enviados",
            "uso_mensajes",
        ],
        Col::Limit => &[
            "messages_limit",
            "message_limit",
            "limite_mensajes",
            "cuota_mensajes",
        ],
        // An unknown column: ignored by the engine. "año" makes a
        // Windows-1252 file invalid UTF-8, so it is detected as such.
        Col::Notes => &["Notas del año", "comentarios"],
    }
}

/// A header as a person or tool might write the alias: case, accents,
/// spaces / hyphens / underscores, surrounding spaces.
fn header_text(rng: &mut Rng, c: Col, enc: Enc) -> String {
    let base = *rng.pick(aliases(c));
    if c == Col::Notes {
        // In a Windows-1252 file, "año" is what makes the bytes invalid UTF-8.
        return if enc == Enc::Win1252 {
            aliases(c)[0]
        } else {
            base
        }
        .to_string();
    }
    let accented = base
        .replace("telefono", "teléfono")
        .replace("limite", "límite")
        .replace("ultimo", "último")
        .replace("suscripcion", "suscripción");
    let mut s = if rng.chance(50) {
        accented
    } else {
        base.to_string()
    };
    s = match rng.below(3) {
        0 => s,
        1 => s.replace('_', " "),
        _ => s.replace('_', "-"),
    };
    s = match rng.below(3) {
        0 => s,
        1 => s.to_uppercase(),
        _ => {
            let mut out = String::new();
            let mut up = true;
            for ch in s.chars() {
                if up {
                    out.extend(ch.to_uppercase());
                } else {
                    out.push(ch);
                }
                up = ch == ' ' || ch == '-' || ch == '_';
            }
            out
        }
    };
    if rng.chance(10) {
        s = format!(" {s} ");
    }
    s
}

// ------------------------------------------------------------ the meaning

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum St {
    Trialing,
    Active,
    PastDue,
    Unpaid,
    Incomplete,
    Canceled,
    Paused,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Lvl {
    Critical,
    High,
    Medium,
    Info,
}

/// What one generated record means.
#[derive(Debug, Default, Clone)]
struct Meaning {
    status: Option<St>,
    flag: Option<bool>,
    last_failed: Option<bool>,
    days: Option<i64>,
    used: Option<u64>,
    limit: Option<u64>,
}

#[derive(Debug, Clone, Copy)]
struct Rules {
    high_days: i64,
    medium_days: i64,
    /// The usage threshold in tenths of a percent (900 = 90 %).
    usage_tenths: u64,
}

/// The protocol, read directly from the issue:
/// - canceled tenants get no level;
/// - CRÍTICO: payment_failed true, or last payment failed, or status
///   past_due / unpaid / incomplete;
/// - on trial = status trialing, or active with the trial end still ahead
///   (days ≥ 0: Recurly keeps a trial active); with no (readable) status,
///   having a trial end date. ALTO: days_left ≤ high (negative included);
///   MEDIO: ≤ medium;
/// - INFORMATIVO: used / limit strictly above the threshold, limit > 0;
/// - the most urgent wins.
fn expected_level(m: &Meaning, r: Rules) -> Option<Lvl> {
    if m.status == Some(St::Canceled) {
        return None;
    }
    if m.flag == Some(true)
        || m.last_failed == Some(true)
        || matches!(m.status, Some(St::PastDue | St::Unpaid | St::Incomplete))
    {
        return Some(Lvl::Critical);
    }
    let on_trial = match m.status {
        Some(St::Trialing) => true,
        Some(St::Active) => m.days.is_some_and(|d| d >= 0),
        Some(_) => false,
        None => m.days.is_some(),
    };
    if on_trial {
        match m.days {
            Some(d) if d <= r.high_days => return Some(Lvl::High),
            Some(d) if d <= r.medium_days => return Some(Lvl::Medium),
            _ => {}
        }
    }
    if let (Some(u), Some(l)) = (m.used, m.limit) {
        if l > 0 && u128::from(u) * 1000 > u128::from(r.usage_tenths) * u128::from(l) {
            return Some(Lvl::Info);
        }
    }
    None
}

// ------------------------------------------------------------ the dialect

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Enc {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Win1252,
}

#[derive(Debug, Clone, Copy)]
struct Knobs {
    delimiter: u8,
    sep_line: bool,
    enc: Enc,
    crlf: bool,
    /// Dates written month first, with `--date-order mdy`.
    mdy: bool,
    lang: Lang,
    seed: u64,
}

fn knobs() -> impl Strategy<Value = Knobs> {
    (
        prop::sample::select(vec![b',', b';', b'\t', b'|']),
        any::<bool>(),
        prop::sample::select(vec![
            Enc::Utf8,
            Enc::Utf8Bom,
            Enc::Utf16Le,
            Enc::Utf16Be,
            Enc::Win1252,
        ]),
        any::<bool>(),
        prop::bool::weighted(0.25),
        any::<bool>(),
        any::<u64>(),
    )
        .prop_map(|(delimiter, sep_line, enc, crlf, mdy, en, seed)| Knobs {
            delimiter,
            sep_line,
            enc,
            crlf,
            mdy,
            lang: if en { Lang::En } else { Lang::Es },
            seed,
        })
}

// -------------------------------------------------------------- the values

const AS_OF: (i32, u32, u32) = (2026, 11, 26);

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(AS_OF.0, AS_OF.1, AS_OF.2).unwrap()
}

/// Free text: delimiters, quotes, newlines, accents, formula-like text,
/// emoji (not in Windows-1252 files, which cannot hold them).
fn free_text(rng: &mut Rng, k: &Knobs) -> String {
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
struct Cell {
    text: String,
    bad: bool,
}

fn cell(text: impl Into<String>, bad: bool) -> Cell {
    Cell {
        text: text.into(),
        bad,
    }
}

/// Generates the cell of a rule column and records its meaning.
fn rule_cell(rng: &mut Rng, c: Col, k: &Knobs, r: Rules, m: &mut Meaning) -> Cell {
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

// ------------------------------------------------------------- the export

/// A non-blank record's expected outcome.
#[derive(Debug)]
struct Expect {
    level: Option<Lvl>,
    rejected: bool,
}

struct Export {
    bytes: Vec<u8>,
    /// Whether some rule has its columns (else the input is unusable).
    evaluable: bool,
    options: Options,
    rules: Rules,
    /// Non-blank records.
    records: Vec<Expect>,
    /// Records whose every cell is blank but that have delimiters (or
    /// spaces): the engine counts them in `blank_rows`. Empty lines are not
    /// records at all.
    blank_records: u64,
    /// (line, column as written, value when known) of every expected problem.
    problems: Vec<(u64, String, Option<String>)>,
    at_risk_lines: BTreeMap<u64, Lvl>,
}

fn quote(field: &str, d: u8, force: bool) -> String {
    let d = d as char;
    if force
        || field.contains(d)
        || field.contains('"')
        || field.contains('\n')
        || field.contains('\r')
    {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

fn encode(text: &str, enc: Enc) -> Vec<u8> {
    match enc {
        Enc::Utf8 => text.as_bytes().to_vec(),
        Enc::Utf8Bom => [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
        Enc::Utf16Le => {
            let mut v = vec![0xFF, 0xFE];
            text.encode_utf16()
                .for_each(|u| v.extend_from_slice(&u.to_le_bytes()));
            v
        }
        Enc::Utf16Be => {
            let mut v = vec![0xFE, 0xFF];
            text.encode_utf16()
                .for_each(|u| v.extend_from_slice(&u.to_be_bytes()));
            v
        }
        Enc::Win1252 => {
            let (bytes, _, unmappable) = encoding_rs_like_1252(text);
            assert!(
                !unmappable,
                "the generator only writes Windows-1252 characters in such files"
            );
            bytes
        }
    }
}

/// Windows-1252 encoder for the characters the generator uses.
fn encoding_rs_like_1252(text: &str) -> (Vec<u8>, (), bool) {
    let mut out = Vec::with_capacity(text.len());
    let mut bad = false;
    for ch in text.chars() {
        let b = match ch {
            c if (c as u32) < 0x80 => c as u8,
            '€' => 0x80,
            c if (0xA0..=0xFF).contains(&(c as u32)) => c as u32 as u8,
            _ => {
                bad = true;
                b'?'
            }
        };
        out.push(b);
    }
    (out, (), bad)
}

fn generate(k: &Knobs) -> Export {
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

// -------------------------------------------------------------- the checks

fn level_word(l: Lvl, lang: Lang) -> &'static str {
    match (l, lang) {
        (Lvl::Critical, Lang::Es) => "CRÍTICO",
        (Lvl::High, Lang::Es) => "ALTO",
        (Lvl::Medium, Lang::Es) => "MEDIO",
        (Lvl::Info, Lang::Es) => "INFORMATIVO",
        (Lvl::Critical, Lang::En) => "CRITICAL",
        (Lvl::High, Lang::En) => "HIGH",
        (Lvl::Medium, Lang::En) => "MEDIUM",
        (Lvl::Info, Lang::En) => "INFO",
    }
}

fn engine_level(l: retention_worklist::Level) -> Lvl {
    match l {
        retention_worklist::Level::Critical => Lvl::Critical,
        retention_worklist::Level::High => Lvl::High,
        retention_worklist::Level::Medium => Lvl::Medium,
        retention_worklist::Level::Info => Lvl::Info,
    }
}

fn num(d: &Data) -> Option<f64> {
    match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

fn check(k: &Knobs) -> Result<(), TestCaseError> {
    let ex = generate(k);
    let out = match Run::new(&ex.bytes, &ex.options).build() {
        Ok(o) => o,
        Err(retention_worklist::Error::NoRuleEvaluable { .. }) if !ex.evaluable => {
            // Only when no rule has its columns: the input is unusable.
            return Ok(());
        }
        Err(e) => return Err(TestCaseError::fail(format!("unexpected error {e:?}"))),
    };
    prop_assert!(
        ex.evaluable,
        "no rule column was generated, yet the run succeeded"
    );
    let s = &out.summary;

    // 1. Every row accounted for.
    let non_blank = ex.records.len() as u64;
    prop_assert_eq!(
        s.rows,
        s.critical + s.high + s.medium + s.info + s.no_risk + s.rejected
    );
    prop_assert_eq!(
        s.rows,
        non_blank,
        "rows read vs generated non-blank records"
    );
    prop_assert_eq!(s.blank_rows, ex.blank_records);
    prop_assert_eq!(
        s.rejected,
        ex.records.iter().filter(|r| r.rejected).count() as u64
    );
    let count = |l: Lvl| ex.records.iter().filter(|r| r.level == Some(l)).count() as u64;
    prop_assert_eq!(
        (s.critical, s.high, s.medium, s.info),
        (
            count(Lvl::Critical),
            count(Lvl::High),
            count(Lvl::Medium),
            count(Lvl::Info)
        ),
        "counts per level"
    );
    let expected_no_risk = ex
        .records
        .iter()
        .filter(|r| !r.rejected && r.level.is_none())
        .count() as u64;
    prop_assert_eq!(s.no_risk, expected_no_risk);

    // The dialect was read as written.
    let delim = match k.delimiter {
        b'\t' => "\\t",
        b',' => ",",
        b';' => ";",
        _ => "|",
    };
    prop_assert_eq!(s.delimiter, delim);
    let enc = match k.enc {
        Enc::Utf8 => "UTF-8",
        Enc::Utf8Bom => "UTF-8 (BOM)",
        Enc::Utf16Le => "UTF-16LE",
        Enc::Utf16Be => "UTF-16BE",
        Enc::Win1252 => "windows-1252",
    };
    prop_assert_eq!(s.encoding, enc);

    // 3. Each tenant's level, at its line.
    let got: BTreeMap<u64, Lvl> = out
        .items
        .iter()
        .map(|w| (w.line, engine_level(w.level)))
        .collect();
    prop_assert_eq!(got.len(), out.items.len(), "one worklist item per line");
    prop_assert_eq!(
        &got,
        &ex.at_risk_lines,
        "levels by line (rules {:?})",
        ex.rules
    );

    // 2. Every problem, at the line where its record starts; nothing else.
    let mut want: Vec<(u64, String, Option<String>)> = ex.problems.clone();
    let mut have: Vec<(u64, String, Option<String>)> = s
        .problem_list
        .iter()
        .map(|p| {
            let known = want
                .iter()
                .any(|w| w.0 == p.line && w.1 == p.column && w.2.is_some());
            (p.line, p.column.clone(), known.then(|| p.value.clone()))
        })
        .collect();
    want.sort();
    have.sort();
    prop_assert_eq!(have, want, "problems (line, column, value)");
    prop_assert_eq!(s.problems as usize, s.problem_list.len());

    // 4. The workbook agrees.
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(out.xlsx.clone())).expect("xlsx opens");
    let ws = wb.worksheet_range("Worklist").expect("worklist sheet");
    let mut sheet: BTreeMap<u64, String> = BTreeMap::new();
    for row in ws.rows().skip(1) {
        let line = num(&row[22]).expect("line number cell") as u64;
        let level = row[0].to_string();
        sheet.insert(line, level);
    }
    let want_sheet: BTreeMap<u64, String> = ex
        .at_risk_lines
        .iter()
        .map(|(l, v)| (*l, level_word(*v, k.lang).to_string()))
        .collect();
    prop_assert_eq!(sheet.len(), want_sheet.len());
    for (line, word) in &want_sheet {
        let cell = sheet.get(line).cloned().unwrap_or_default();
        prop_assert!(
            cell.contains(word.as_str()),
            "line {line}: level cell {cell:?} lacks {word}"
        );
    }
    let problems_sheet = if k.lang == Lang::Es {
        "Problemas"
    } else {
        "Problems"
    };
    let ps = wb.worksheet_range(problems_sheet).expect("problems sheet");
    let mut lines_in_sheet: Vec<u64> = ps
        .rows()
        .skip(1)
        .filter_map(|r| num(&r[0]))
        .map(|f| f as u64)
        .collect();
    let mut lines_listed: Vec<u64> = s.problem_list.iter().map(|p| p.line).collect();
    lines_in_sheet.sort();
    lines_listed.sort();
    prop_assert_eq!(lines_in_sheet, lines_listed, "problems sheet lines");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(96),
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_row_accounted_for_and_classified_by_the_rules(k in knobs()) {
        check(&k)?;
    }
}

/// The rules as written here, at their boundaries, so the oracle itself is
/// checked against the examples.
#[test]
fn the_oracle_reads_the_rules_at_their_boundaries() {
    let r = Rules {
        high_days: 3,
        medium_days: 7,
        usage_tenths: 900,
    };
    let trial = |d| Meaning {
        status: Some(St::Trialing),
        days: Some(d),
        ..Default::default()
    };
    let lv = |m: &Meaning| expected_level(m, r);
    assert_eq!(lv(&trial(-1)), Some(Lvl::High));
    assert_eq!(lv(&trial(0)), Some(Lvl::High));
    assert_eq!(lv(&trial(3)), Some(Lvl::High));
    assert_eq!(lv(&trial(4)), Some(Lvl::Medium));
    assert_eq!(lv(&trial(7)), Some(Lvl::Medium));
    assert_eq!(lv(&trial(8)), None);
    let usage = |u, l| Meaning {
        used: Some(u),
        limit: Some(l),
        ..Default::default()
    };
    assert_eq!(lv(&usage(9000, 10_000)), None);
    assert_eq!(lv(&usage(9001, 10_000)), Some(Lvl::Info));
    assert_eq!(lv(&usage(5, 0)), None);
    let canceled = Meaning {
        status: Some(St::Canceled),
        flag: Some(true),
        ..Default::default()
    };
    assert_eq!(lv(&canceled), None);
    let failed_trial = Meaning {
        flag: Some(true),
        days: None,
        ..trial(1)
    };
    assert_eq!(lv(&failed_trial), Some(Lvl::Critical));
    let no_status = Meaning {
        days: Some(2),
        ..Default::default()
    };
    assert_eq!(lv(&no_status), Some(Lvl::High));
    let active = Meaning {
        status: Some(St::Active),
        days: Some(2),
        ..Default::default()
    };
    assert_eq!(lv(&active), Some(Lvl::High));
    let converted = Meaning {
        days: Some(-1),
        ..active
    };
    assert_eq!(lv(&converted), None);
}

//! Step 4 of reading: one cell → one typed value.
//!
//! Each parser accepts what real exports contain (Spanish and English words,
//! thousands separators, several date layouts) and, when it cannot, says
//! what it expected as an [`Expected`] so the problem report is specific.

use crate::model::{normalize_header, DateOrder, Expected, Status};
use crate::options::{parse_offset, ReportZone};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};

/// Lowercase, accent-free, `_` for spaces and hyphens: for matching words.
///
/// Cells are usually already in that form (`trialing`, `no`, `past_due`):
/// then the cell is borrowed, not copied. This runs for several cells of
/// every row.
pub(super) fn word_key(s: &str) -> std::borrow::Cow<'_, str> {
    let t = s.trim();
    let b = t.as_bytes();
    // Byte tests only: `str::contains("__")` sets up a substring searcher
    // per call, which showed in the profile for cells this short.
    let simple = b
        .iter()
        .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' || c == b'/')
        && b.first() != Some(&b'_')
        && b.last() != Some(&b'_')
        && !b.windows(2).any(|w| w == b"__");
    if simple {
        std::borrow::Cow::Borrowed(t)
    } else {
        std::borrow::Cow::Owned(normalize_header(s))
    }
}

/// Parses a boolean cell. Empty is `Ok(None)` (unknown, not false).
pub fn parse_bool(s: &str) -> Result<Option<bool>, Expected> {
    match word_key(s).as_ref() {
        "" => Ok(None),
        "true" | "1" | "yes" | "y" | "si" | "s" | "x" | "verdadero" | "t" => Ok(Some(true)),
        "false" | "0" | "no" | "n" | "falso" | "f" | "-" => Ok(Some(false)),
        _ => Err(Expected::Boolean),
    }
}

/// Parses a subscription status in English or Spanish. Empty is `Ok(None)`.
pub fn parse_status(s: &str) -> Result<Option<Status>, Expected> {
    Ok(Some(match word_key(s).as_ref() {
        "" => return Ok(None),
        "trialing" | "trial" | "prueba" | "en_prueba" | "periodo_de_prueba" | "on_trial"
        | "in_trial" => Status::Trialing,
        "active" | "activo" | "activa" | "paid" | "pagado" | "non_renewing" => Status::Active,
        "past_due" | "pastdue" | "vencido" | "moroso" | "pago_vencido" | "atrasado" => {
            Status::PastDue
        }
        "unpaid" | "impago" | "no_pagado" | "sin_pagar" => Status::Unpaid,
        "incomplete" | "incompleto" | "incompleta" => Status::Incomplete,
        "canceled" | "cancelled" | "cancelado" | "cancelada" | "incomplete_expired" | "expired"
        | "expirado" | "deleted" | "transferred" => Status::Canceled,
        "future" | "futuro" | "futura" => Status::Future,
        "paused" | "pausado" | "pausada" | "suspendido" | "suspendida" => Status::Paused,
        _ => return Err(Expected::Status),
    }))
}

/// Parses a last-payment status; `Ok(Some(true))` means it failed.
pub fn parse_payment_status(s: &str) -> Result<Option<bool>, Expected> {
    match word_key(s).as_ref() {
        "" => Ok(None),
        "failed"
        | "fallido"
        | "fallida"
        | "fallo"
        | "declined"
        | "rechazado"
        | "rechazada"
        | "requires_payment_method"
        | "payment_failed"
        | "error"
        | "card_declined" => Ok(Some(true)),
        "succeeded" | "success" | "successful" | "paid" | "pagado" | "exitoso" | "ok"
        | "approved" | "aprobado" | "pending" | "pendiente" | "processing" | "procesando"
        | "refunded" | "reembolsado" | "none" | "n/a" | "na" | "ninguno" | "canceled"
        | "cancelado" => Ok(Some(false)),
        _ => Err(Expected::PaymentStatus),
    }
}

/// Parses a count (messages): a whole number ≥ 0, with optional thousands
/// separators `.`, `,`, space or no-break space. Empty is `Ok(None)`.
pub fn parse_count(s: &str) -> Result<Option<u64>, Expected> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().map(Some).map_err(|_| Expected::Count);
    }
    // "12.0" / "12,00" from a database or spreadsheet: a whole number.
    if let Some((int, frac)) = t.split_once(['.', ',']) {
        if !int.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && !frac.is_empty()
            && frac.bytes().all(|b| b == b'0')
            && frac.len() != 3
        {
            return int.parse().map(Some).map_err(|_| Expected::Count);
        }
    }
    // Thousands groups: 1-3 digits, then groups of exactly 3 after one
    // consistent separator.
    let sep = t
        .chars()
        .find(|c| !c.is_ascii_digit())
        .ok_or(Expected::Count)?;
    if !matches!(sep, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}' | '\'') {
        return Err(Expected::Count);
    }
    let mut groups = t.split(sep);
    let first = groups.next().ok_or(Expected::Count)?;
    if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Expected::Count);
    }
    let mut digits = first.to_string();
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Expected::Count);
        }
        digits.push_str(g);
    }
    digits.parse().map(Some).map_err(|_| Expected::Count)
}

/// A date as written in the file, before the date order is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawDate {
    /// Unambiguous: ISO (`2026-11-25`, with or without time) or already
    /// converted from an instant with an offset.
    Exact(NaiveDate),
    /// `NN/NN/YYYY` or `NN-NN-YYYY`: `a` and `b` are the first two parts;
    /// `at`, the time of day when its column says the zone it is written in.
    Ambiguous {
        a: u32,
        b: u32,
        year: i32,
        at: Option<ZonedTime>,
    },
}

/// A time of day written in a column's zone, to be read in the report's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZonedTime {
    time: NaiveTime,
    written_in: ReportZone,
    report: ReportZone,
}

impl ZonedTime {
    /// The report zone's date of `date` at this time in the column's zone
    /// (`date` itself when that local time does not exist: a clock change).
    fn date(self, date: NaiveDate) -> NaiveDate {
        self.written_in
            .instant_of(NaiveDateTime::new(date, self.time))
            .map_or(date, |i| self.report.date_of(i))
    }
}

impl RawDate {
    /// The calendar date under a date order, `None` if impossible
    /// (`31/02/2026`).
    pub fn resolve(self, order: DateOrder) -> Option<NaiveDate> {
        match self {
            RawDate::Exact(d) => Some(d),
            RawDate::Ambiguous { a, b, year, at } => {
                let date = match order {
                    DateOrder::Dmy => NaiveDate::from_ymd_opt(year, b, a),
                    DateOrder::Mdy => NaiveDate::from_ymd_opt(year, a, b),
                }?;
                Some(at.map_or(date, |t| t.date(date)))
            }
        }
    }
}

/// Parses a date cell. Instants with an offset (`Z`, `-06:00`) are
/// converted to the report zone before taking the date; local date-times
/// keep their date. Empty is `Ok(None)`.
pub fn parse_date(s: &str, zone: ReportZone) -> Result<Option<RawDate>, Expected> {
    parse_date_in(s, zone, None)
}

/// [`parse_date`] for a column whose header says the zone its date-times
/// are written in (`Trial End (UTC)`): a date-time without an offset is in
/// `column`'s zone, converted to the report's before its date is taken. A
/// date without a time stays that calendar date.
pub fn parse_date_in(
    s: &str,
    zone: ReportZone,
    column: Option<ReportZone>,
) -> Result<Option<RawDate>, Expected> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.len() > 40 {
        return Err(Expected::Date);
    }
    let b = t.as_bytes();
    // ISO: YYYY-MM-DD or YYYY/MM/DD, optionally followed by a time.
    if b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && (b[4] == b'-' || b[4] == b'/') {
        return parse_iso(t, zone, column).map(Some);
    }
    // Day/month first: NN/NN/YYYY or NN-NN-YYYY or NN.NN.YYYY, optional time.
    let (date_part, time_part) = match t.split_once([' ', 'T']) {
        Some((d, rest)) => (d, Some(rest.trim())),
        None => (t, None),
    };
    let time = match time_part {
        Some(time) => Some(parse_time(time).ok_or(Expected::Date)?),
        None => None,
    };
    let sep = date_part
        .chars()
        .find(|c| !c.is_ascii_digit())
        .filter(|c| matches!(c, '/' | '-' | '.'))
        .ok_or(Expected::Date)?;
    let parts: Vec<&str> = date_part.split(sep).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|c| c.is_ascii_digit()))
        || parts[0].len() > 2
        || parts[1].len() > 2
        || parts[2].len() != 4
    {
        return Err(Expected::Date);
    }
    let a: u32 = parts[0].parse().map_err(|_| Expected::Date)?;
    let b2: u32 = parts[1].parse().map_err(|_| Expected::Date)?;
    let year: i32 = parts[2].parse().map_err(|_| Expected::Date)?;
    if a == 0 || b2 == 0 || a > 31 || b2 > 31 || (a > 12 && b2 > 12) {
        return Err(Expected::Date);
    }
    // Impossible under both orders (31/02) is an error now; possible under
    // at least one order is resolved once the file's order is known.
    let at = time.zip(column).map(|(time, written_in)| ZonedTime {
        time,
        written_in,
        report: zone,
    });
    let raw = RawDate::Ambiguous { a, b: b2, year, at };
    if raw.resolve(DateOrder::Dmy).is_none() && raw.resolve(DateOrder::Mdy).is_none() {
        return Err(Expected::Date);
    }
    Ok(Some(raw))
}

fn parse_time(s: &str) -> Option<NaiveTime> {
    ["%H:%M:%S%.f", "%H:%M:%S", "%H:%M"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(s, f).ok())
}

fn parse_iso(t: &str, zone: ReportZone, column: Option<ReportZone>) -> Result<RawDate, Expected> {
    let normalized = t.replacen('/', "-", 2);
    let t = normalized.as_str();
    if t.len() == 10 {
        return NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map(RawDate::Exact)
            .map_err(|_| Expected::Date);
    }
    // Byte 10 may fall inside a character ("2026-ÿÿÿÿ…"): not a date.
    if !t.is_char_boundary(10) {
        return Err(Expected::Date);
    }
    let (date, rest) = t.split_at(10);
    let rest = rest
        .strip_prefix(['T', 't', ' '])
        .ok_or(Expected::Date)?
        .trim();
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| Expected::Date)?;
    // Split a trailing zone designator: Z, ±HH:MM, ±HHMM, ±HH, " UTC".
    let (time, offset) = if let Some(x) = rest.strip_suffix(['Z', 'z']) {
        (x.trim(), Some(0))
    } else if let Some(x) = rest.strip_suffix(" UTC") {
        (x.trim(), Some(0))
    } else if let Some(pos) = rest.rfind(['+', '-']) {
        let off = parse_offset(&rest[pos..]).ok_or(Expected::Date)?;
        (rest[..pos].trim(), Some(off.local_minus_utc()))
    } else {
        (rest, None)
    };
    let time = parse_time(time).ok_or(Expected::Date)?;
    let local = NaiveDateTime::new(date, time);
    Ok(RawDate::Exact(match offset {
        None => match column {
            None => date,
            Some(written_in) => written_in
                .instant_of(local)
                .map_or(date, |i| zone.date_of(i)),
        },
        Some(secs) => {
            let utc = DateTime::from_timestamp(local.and_utc().timestamp() - i64::from(secs), 0)
                .ok_or(Expected::Date)?;
            zone.date_of(utc)
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc() -> ReportZone {
        ReportZone::default()
    }
    fn exact(y: i32, m: u32, d: u32) -> Option<RawDate> {
        Some(RawDate::Exact(NaiveDate::from_ymd_opt(y, m, d).unwrap()))
    }

    #[test]
    fn iso_forms() {
        let z = utc();
        assert_eq!(parse_date("2026-11-25", z), Ok(exact(2026, 11, 25)));
        assert_eq!(parse_date("2026/11/25", z), Ok(exact(2026, 11, 25)));
        assert_eq!(
            parse_date("2026-11-25T10:00:00", z),
            Ok(exact(2026, 11, 25))
        );
        assert_eq!(parse_date("2026-11-25 10:00", z), Ok(exact(2026, 11, 25)));
        assert_eq!(
            parse_date("2026-11-25T10:00:00.123456Z", z),
            Ok(exact(2026, 11, 25))
        );
        assert_eq!(
            parse_date("2026-11-25T23:30:00-06:00", z),
            Ok(exact(2026, 11, 26))
        );
        assert_eq!(
            parse_date("2026-11-25T23:30:00-0600", z),
            Ok(exact(2026, 11, 26))
        );
        assert_eq!(
            parse_date("2026-11-25T23:30:00+00", z),
            Ok(exact(2026, 11, 25))
        );
        assert_eq!(
            parse_date("2026-11-25 23:30:00 UTC", z),
            Ok(exact(2026, 11, 25))
        );
        assert_eq!(parse_date("2026-02-31", z), Err(Expected::Date));
        assert_eq!(parse_date("2026-11-25T25:00", z), Err(Expected::Date));
        // Found by the fuzzer: byte 10 inside a character used to panic.
        assert_eq!(parse_date("2026-ÿÿÿÿÿÿÿÿ12-27", z), Err(Expected::Date));
        assert_eq!(parse_date("2026-11-2ÿ", z), Err(Expected::Date));
    }

    #[test]
    fn offsets_convert_to_the_report_zone() {
        let madrid: ReportZone = "Europe/Madrid".parse().unwrap();
        assert_eq!(
            parse_date("2026-11-25T23:30:00Z", madrid),
            Ok(exact(2026, 11, 26))
        );
        let fixed: ReportZone = "-06:00".parse().unwrap();
        assert_eq!(
            parse_date("2026-11-26T05:59:00Z", fixed),
            Ok(exact(2026, 11, 25))
        );
        assert_eq!(
            parse_date("2026-11-26T06:00:00Z", fixed),
            Ok(exact(2026, 11, 26))
        );
    }

    #[test]
    fn day_first_forms() {
        let z = utc();
        let amb = |a, b, year| {
            Ok(Some(RawDate::Ambiguous {
                a,
                b,
                year,
                at: None,
            }))
        };
        assert_eq!(parse_date("25/11/2026", z), amb(25, 11, 2026));
        assert_eq!(parse_date("5-1-2026", z), amb(5, 1, 2026));
        assert_eq!(parse_date("25.11.2026", z), amb(25, 11, 2026));
        assert_eq!(parse_date("25/11/2026 14:30", z), amb(25, 11, 2026));
        assert_eq!(parse_date("31/02/2026", z), Err(Expected::Date));
        assert_eq!(parse_date("13/13/2026", z), Err(Expected::Date));
        assert_eq!(parse_date("25/11/26", z), Err(Expected::Date));
        assert_eq!(parse_date("25/11/2026 luego", z), Err(Expected::Date));
    }

    #[test]
    fn ambiguous_dates_resolve_by_order() {
        let r = RawDate::Ambiguous {
            a: 3,
            b: 4,
            year: 2026,
            at: None,
        };
        assert_eq!(
            r.resolve(DateOrder::Dmy),
            NaiveDate::from_ymd_opt(2026, 4, 3)
        );
        assert_eq!(
            r.resolve(DateOrder::Mdy),
            NaiveDate::from_ymd_opt(2026, 3, 4)
        );
        let r = RawDate::Ambiguous {
            a: 2,
            b: 30,
            year: 2026,
            at: None,
        };
        assert_eq!(r.resolve(DateOrder::Dmy), None);
        assert_eq!(r.resolve(DateOrder::Mdy), None);
    }

    #[test]
    fn counts() {
        assert_eq!(parse_count(" 9 400 "), Ok(Some(9400)));
        assert_eq!(parse_count("9\u{a0}400"), Ok(Some(9400)));
        assert_eq!(parse_count("10.000.000"), Ok(Some(10_000_000)));
        assert_eq!(parse_count("12.0"), Ok(Some(12)));
        assert_eq!(parse_count("0"), Ok(Some(0)));
        assert_eq!(parse_count(""), Ok(None));
        assert_eq!(parse_count("9.40.0"), Err(Expected::Count));
        assert_eq!(parse_count("1,2345"), Err(Expected::Count));
        assert_eq!(parse_count("99999999999999999999999"), Err(Expected::Count));
    }

    #[test]
    fn booleans_and_statuses() {
        for t in ["true", "TRUE", "1", "yes", "Sí", "si", "x", "X"] {
            assert_eq!(parse_bool(t), Ok(Some(true)), "{t}");
        }
        for f in ["false", "0", "no", "No", "NO"] {
            assert_eq!(parse_bool(f), Ok(Some(false)), "{f}");
        }
        assert_eq!(parse_status("TRIALING"), Ok(Some(Status::Trialing)));
        assert_eq!(parse_status("activo"), Ok(Some(Status::Active)));
        assert_eq!(parse_status("unpaid"), Ok(Some(Status::Unpaid)));
        assert_eq!(parse_status("incomplete"), Ok(Some(Status::Incomplete)));
        assert_eq!(parse_status("cancelled"), Ok(Some(Status::Canceled)));
        assert_eq!(parse_status("paused"), Ok(Some(Status::Paused)));
        assert_eq!(parse_status("zombie"), Err(Expected::Status));
        assert_eq!(parse_payment_status("declined"), Ok(Some(true)));
        assert_eq!(parse_payment_status("fallido"), Ok(Some(true)));
        assert_eq!(parse_payment_status("pagado"), Ok(Some(false)));
        assert_eq!(parse_payment_status("???"), Err(Expected::PaymentStatus));
    }

    #[test]
    fn booleans_accept_si_x_and_0_blank_is_unknown_other_words_are_problems() {
        assert_eq!(parse_bool("Sí"), Ok(Some(true)));
        assert_eq!(parse_bool("x"), Ok(Some(true)));
        assert_eq!(parse_bool("0"), Ok(Some(false)));
        assert_eq!(parse_bool(""), Ok(None));
        assert!(parse_bool("quizás").is_err());
    }

    #[test]
    fn statuses_read_spanish_words_any_case_and_spaces_for_underscores() {
        assert_eq!(parse_status("Prueba"), Ok(Some(Status::Trialing)));
        assert_eq!(parse_status("past due"), Ok(Some(Status::PastDue)));
        assert_eq!(parse_status("Cancelado"), Ok(Some(Status::Canceled)));
    }

    #[test]
    fn payment_statuses_read_stripe_codes_and_spanish_words() {
        assert_eq!(
            parse_payment_status("requires_payment_method"),
            Ok(Some(true))
        );
        assert_eq!(parse_payment_status("Rechazado"), Ok(Some(true)));
        assert_eq!(parse_payment_status("succeeded"), Ok(Some(false)));
    }

    #[test]
    fn counts_read_thousands_separators_and_refuse_fractions_and_negatives() {
        assert_eq!(parse_count("9.400"), Ok(Some(9400)));
        assert_eq!(parse_count("9,400"), Ok(Some(9400)));
        assert_eq!(parse_count("1 234 567"), Ok(Some(1_234_567)));
        assert_eq!(parse_count("120"), Ok(Some(120)));
        assert!(parse_count("muchos").is_err());
        assert!(parse_count("-5").is_err());
        assert!(parse_count("9.4").is_err());
    }

    #[test]
    fn dates_convert_offsets_to_the_report_zone_keep_local_times_and_leave_day_month_ambiguous() {
        use crate::ReportZone;
        use chrono::NaiveDate;
        let mx: ReportZone = "America/Mexico_City".parse().unwrap();
        let d = |y, m, d| RawDate::Exact(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(parse_date("2026-11-25", mx), Ok(Some(d(2026, 11, 25))));
        // 03:00 UTC on the 26th is still the 25th in Mexico City.
        assert_eq!(
            parse_date("2026-11-26T03:00:00Z", mx),
            Ok(Some(d(2026, 11, 25)))
        );
        assert_eq!(
            parse_date("2026-11-26 03:00:00", mx),
            Ok(Some(d(2026, 11, 26)))
        );
        assert_eq!(
            parse_date("25/11/2026", mx),
            Ok(Some(RawDate::Ambiguous {
                a: 25,
                b: 11,
                year: 2026,
                at: None,
            }))
        );
        assert!(parse_date("mañana", mx).is_err());
    }
}

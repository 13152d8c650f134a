//! Options from the first six bytes, shared by the fuzz targets.

use chrono::{Datelike, NaiveDate};
use retention_worklist::{DateOrder, Field, Lang, Options, Thresholds};

const ZONES: [&str; 8] = [
    "UTC",
    "America/Mexico_City",
    "-06:00",
    "+14:00",
    "-12:00",
    "Europe/Madrid",
    "Pacific/Kiritimati",
    "America/Santiago",
];

pub fn options(h: &[u8; 6], body: &[u8]) -> Options {
    let base = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let as_of = match h[1] {
        0x7f => NaiveDate::from_ymd_opt(9999, 12, 31).unwrap(),
        0x80 => NaiveDate::from_ymd_opt(1, 1, 1).unwrap(),
        0x7e => NaiveDate::MAX,
        0x81 => NaiveDate::MIN,
        b => base + chrono::TimeDelta::days(i64::from(b as i8)),
    };
    let mut o = Options::new(as_of);
    o.lang = if h[0] & 1 == 0 { Lang::Es } else { Lang::En };
    o.date_order = match (h[0] >> 1) & 3 {
        1 => Some(DateOrder::Dmy),
        2 => Some(DateOrder::Mdy),
        _ => None,
    };
    o.tz = ZONES[usize::from((h[0] >> 3) & 7)].parse().unwrap();
    let high = if h[2] == 0xff {
        400
    } else {
        i64::from(h[2] % 40)
    };
    o.thresholds = Thresholds {
        high_days: high,
        medium_days: high + i64::from(h[3] % 40),
        usage_percent: if h[4] == 0 {
            90.0
        } else {
            f64::from(h[4]) * 0.75
        },
    };
    if h[0] & 0x40 != 0 {
        // Map a field by hand to the first header cell (whatever it is).
        let text = String::from_utf8_lossy(&body[..body.len().min(256)]);
        let first = text
            .split(['\n', ',', ';', '\t', '|'])
            .next()
            .unwrap_or("")
            .to_string();
        o.columns.push((Field::ALL[usize::from(h[5] % 13)], first));
    }
    if h[0] & 0x80 != 0 {
        o.product_name = "=cmd|' /C calc'!A0 <script>".to_string();
    }
    o.file_name = format!("fuzz-{}.csv", as_of.year());
    o
}

/// Splits an input into (option bytes, export bytes).
pub fn split(data: &[u8]) -> ([u8; 6], &[u8]) {
    let mut h = [0u8; 6];
    if data.len() >= 6 {
        h.copy_from_slice(&data[..6]);
        (h, &data[6..])
    } else {
        (h, data)
    }
}

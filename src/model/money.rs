//! What a subscription is worth: its billing interval and its monthly
//! value in a currency, and the value at risk per level. Facts only.

use serde::Serialize;

/// How often a subscription is billed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interval {
    /// Every day.
    Day,
    /// Every week.
    Week,
    /// Every month.
    Month,
    /// Every three months.
    Quarter,
    /// Every year.
    Year,
}

impl Interval {
    /// How many of these intervals a month holds: a year is 1/12 of one, a
    /// week 52/12, a day 365/12.
    pub fn per_month(self) -> f64 {
        match self {
            Interval::Day => 365.0 / 12.0,
            Interval::Week => 52.0 / 12.0,
            Interval::Month => 1.0,
            Interval::Quarter => 1.0 / 3.0,
            Interval::Year => 1.0 / 12.0,
        }
    }
}

/// A subscription's monthly recurring revenue, in hundredths of its
/// currency's unit (cents), in its currency (an ISO 4217 code in capitals;
/// empty when the export names none).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Mrr {
    /// Hundredths of the currency's unit.
    pub cents: i64,
    /// `USD`, `MXN`…; empty when the export has no currency.
    pub currency: String,
}

/// Currencies whose amounts are written without decimals (ISO 4217 minor
/// unit 0, the ones Stripe charges in whole units); every other currency
/// takes two. The workbook's number formats and the page's amounts follow it.
pub const WHOLE_CURRENCIES: [&str; 16] = [
    "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV",
    "XAF", "XOF", "XPF",
];

/// The MRR on the worklist at each level, in one currency (in units of
/// that currency: `1234.5`), for the summary (`mrr_at_risk` in `--json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MrrAtRisk {
    /// The currency; empty when the export names none.
    pub currency: String,
    /// 🔴 CRÍTICO.
    pub critical: f64,
    /// 🟠 ALTO.
    pub high: f64,
    /// 🟡 MEDIO.
    pub medium: f64,
    /// 🔵 INFORMATIVO.
    pub info: f64,
}

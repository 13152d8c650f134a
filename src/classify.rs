//! The protocol, made exact: signals → risk level.
//!
//! This module knows nothing about files or text. It takes the typed facts
//! about one tenant ([`Signals`]) and the thresholds, and returns the most
//! urgent level plus the other signals that also matched.

use crate::options::Thresholds;
use crate::read::values::Status;
use serde::Serialize;

/// The protocol's four risk levels, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// 🔴 CRÍTICO: a payment failed.
    Critical,
    /// 🟠 ALTO: the trial ends in ≤ 3 days (or already ended).
    High,
    /// 🟡 MEDIO: the trial ends in 4–7 days.
    Medium,
    /// 🔵 INFORMATIVO: more than 90 % of the monthly message limit used.
    Info,
}

impl Level {
    /// All levels, most urgent first.
    pub const ALL: [Level; 4] = [Level::Critical, Level::High, Level::Medium, Level::Info];

    /// The machine name used in JSON (`critical`, `high`, `medium`, `info`).
    pub fn key(self) -> &'static str {
        match self {
            Level::Critical => "critical",
            Level::High => "high",
            Level::Medium => "medium",
            Level::Info => "info",
        }
    }
}

/// Why the payment rule matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum PaymentFailure {
    /// The `payment_failed` column is true.
    Flag,
    /// The last payment status says it failed (the word as written).
    LastPayment(String),
    /// The subscription status is past_due, unpaid or incomplete.
    Status(Status),
}

/// The facts about one tenant that the rules look at. `None` means the
/// value is absent or could not be read; such a rule simply does not match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signals {
    /// The subscription status, when known.
    pub status: Option<Status>,
    /// Whether the export has a status column at all.
    pub has_status_column: bool,
    /// The first reason the payment is failing, if any.
    pub payment_failure: Option<PaymentFailure>,
    /// Days from the report date to the trial end (negative: ended).
    pub days_left: Option<i64>,
    /// Messages used and the monthly limit.
    pub usage: Option<(u64, u64)>,
}

/// One matching rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "signal", rename_all = "snake_case")]
pub enum Signal {
    /// Payment failed.
    PaymentFailed { reason: PaymentFailure },
    /// Trial ending (or ended) within the ALTO or MEDIO window.
    TrialEnding { days_left: i64 },
    /// Usage above the threshold.
    HighUsage { used: u64, limit: u64 },
}

impl Signal {
    /// The level this signal alone would give.
    pub fn level(&self, th: &Thresholds) -> Level {
        match self {
            Signal::PaymentFailed { .. } => Level::Critical,
            Signal::TrialEnding { days_left } if *days_left <= th.high_days => Level::High,
            Signal::TrialEnding { .. } => Level::Medium,
            Signal::HighUsage { .. } => Level::Info,
        }
    }
}

/// The outcome for an at-risk tenant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    /// The most urgent matching level.
    pub level: Level,
    /// The signal that gave the level.
    pub main: Signal,
    /// Other matching signals, most urgent first.
    pub secondary: Vec<Signal>,
}

/// Whether usage is strictly above the threshold, computed exactly in
/// integers (hundredths of a percent) so that 90 % never counts as > 90 %.
///
/// ```
/// use retention_worklist::classify::usage_above;
/// assert!(!usage_above(9_000, 10_000, 90.0));
/// assert!(usage_above(9_001, 10_000, 90.0));
/// assert!(!usage_above(5, 0, 90.0));
/// ```
pub fn usage_above(used: u64, limit: u64, percent: f64) -> bool {
    if limit == 0 {
        return false;
    }
    let hundredths = (percent * 100.0).round() as u128;
    u128::from(used) * 10_000 > hundredths * u128::from(limit)
}

/// Applies the protocol to one tenant.
///
/// ```
/// use retention_worklist::classify::{classify, Level, Signals};
/// use retention_worklist::{Thresholds, read::values::Status};
/// let s = Signals { status: Some(Status::Trialing), has_status_column: true, days_left: Some(2), ..Default::default() };
/// assert_eq!(classify(&s, &Thresholds::default()).unwrap().level, Level::High);
/// ```
pub fn classify(s: &Signals, th: &Thresholds) -> Option<Classification> {
    if s.status == Some(Status::Canceled) {
        return None;
    }
    let mut signals = Vec::with_capacity(3);
    if let Some(reason) = &s.payment_failure {
        signals.push(Signal::PaymentFailed {
            reason: reason.clone(),
        });
    }
    let on_trial = match s.status {
        Some(st) => st == Status::Trialing,
        // No status (no column, or an empty cell): a trial end date is what
        // says the tenant is on trial.
        None => s.days_left.is_some(),
    };
    if on_trial {
        if let Some(d) = s.days_left {
            if d <= th.medium_days {
                signals.push(Signal::TrialEnding { days_left: d });
            }
        }
    }
    if let Some((used, limit)) = s.usage {
        if usage_above(used, limit, th.usage_percent) {
            signals.push(Signal::HighUsage { used, limit });
        }
    }
    if signals.is_empty() {
        return None;
    }
    let main = signals.remove(0);
    Some(Classification {
        level: main.level(th),
        main,
        secondary: signals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trial(days: i64) -> Signals {
        Signals {
            status: Some(Status::Trialing),
            has_status_column: true,
            days_left: Some(days),
            ..Default::default()
        }
    }
    fn level(s: &Signals) -> Option<Level> {
        classify(s, &Thresholds::default()).map(|c| c.level)
    }

    #[test]
    fn trial_boundaries() {
        assert_eq!(level(&trial(-1)), Some(Level::High));
        assert_eq!(level(&trial(0)), Some(Level::High));
        assert_eq!(level(&trial(3)), Some(Level::High));
        assert_eq!(level(&trial(4)), Some(Level::Medium));
        assert_eq!(level(&trial(7)), Some(Level::Medium));
        assert_eq!(level(&trial(8)), None);
        assert_eq!(level(&trial(-400)), Some(Level::High));
    }

    #[test]
    fn trial_only_counts_when_on_trial() {
        let mut s = trial(2);
        s.status = Some(Status::Active);
        assert_eq!(level(&s), None);
        // No status column: a trial end date means on trial.
        let s = Signals {
            days_left: Some(2),
            ..Default::default()
        };
        assert_eq!(level(&s), Some(Level::High));
    }

    #[test]
    fn usage_boundaries() {
        let u = |used, limit| Signals {
            usage: Some((used, limit)),
            ..Default::default()
        };
        assert_eq!(level(&u(900, 1000)), None);
        assert_eq!(level(&u(901, 1000)), Some(Level::Info));
        assert_eq!(level(&u(9_000_001, 10_000_000)), Some(Level::Info));
        assert_eq!(level(&u(5, 0)), None);
        assert_eq!(level(&u(0, 0)), None);
        assert_eq!(level(&u(2000, 1000)), Some(Level::Info));
        assert!(usage_above(u64::MAX, u64::MAX, 90.0));
        assert!(usage_above(u64::MAX, u64::MAX, 99.99));
    }

    #[test]
    fn payment_beats_everything_and_keeps_the_rest_as_secondary() {
        let mut s = trial(1);
        s.payment_failure = Some(PaymentFailure::Flag);
        s.usage = Some((95, 100));
        let c = classify(&s, &Thresholds::default()).unwrap();
        assert_eq!(c.level, Level::Critical);
        assert_eq!(
            c.secondary,
            vec![
                Signal::TrialEnding { days_left: 1 },
                Signal::HighUsage {
                    used: 95,
                    limit: 100
                }
            ]
        );
    }

    #[test]
    fn canceled_gets_no_level() {
        let s = Signals {
            status: Some(Status::Canceled),
            payment_failure: Some(PaymentFailure::Flag),
            usage: Some((99, 100)),
            ..Default::default()
        };
        assert_eq!(level(&s), None);
    }

    #[test]
    fn thresholds_are_options() {
        let th = Thresholds {
            high_days: 1,
            medium_days: 10,
            usage_percent: 50.0,
        };
        assert_eq!(classify(&trial(2), &th).unwrap().level, Level::Medium);
        assert_eq!(classify(&trial(10), &th).unwrap().level, Level::Medium);
        let u = Signals {
            usage: Some((51, 100)),
            ..Default::default()
        };
        assert_eq!(classify(&u, &th).unwrap().level, Level::Info);
    }
}

//! The protocol, made exact: signals → risk level.
//!
//! This module knows nothing about files or text. It takes the typed facts
//! about one tenant ([`Signals`]) and the thresholds, and returns the most
//! urgent level plus the other signals that also matched.

use crate::model::{Deadlines, Level, PaymentFailure, Signal, Signals, Status, Thresholds};
use chrono::NaiveDate;
use serde::Serialize;

/// The outcome for an at-risk tenant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    /// The most urgent matching level.
    pub level: Level,
    /// The signal that gave the level.
    pub main: Signal,
    /// Other matching signals, most urgent first.
    pub secondary: Vec<Signal>,
    /// The subscription will end at the end of its period, on this date
    /// when the export says (`Cancel At Period End` on a live subscription):
    /// a note on the row, never a level of its own.
    #[serde(skip)]
    pub ends: Option<Option<chrono::NaiveDate>>,
}

/// Whether usage is strictly above the threshold, computed exactly in
/// integers (hundredths of a percent) so that 90 % never counts as > 90 %.
///
/// ```
/// use retention_worklist::usage_above;
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

/// Whether a subscription status means the last payment failed.
pub fn status_is_payment_failure(status: Status) -> bool {
    matches!(
        status,
        Status::PastDue | Status::Unpaid | Status::Incomplete
    )
}

/// Why the payment rule matches, if it does: the `payment_failed` flag
/// first, then the last payment's status, then the subscription's status
/// (the first that says so is the reason the row gives).
///
/// ```
/// use retention_worklist::{payment_failure, PaymentFailure, Signals, Status};
/// let mut s = Signals { status: Some(Status::PastDue), ..Default::default() };
/// assert_eq!(payment_failure(&s), Some(PaymentFailure::Status(Status::PastDue)));
/// s.last_payment_failed = Some("failed".into());
/// assert_eq!(payment_failure(&s), Some(PaymentFailure::LastPayment("failed".into())));
/// s.payment_flag = true;
/// assert_eq!(payment_failure(&s), Some(PaymentFailure::Flag));
/// ```
pub fn payment_failure(s: &Signals) -> Option<PaymentFailure> {
    if s.payment_flag {
        Some(PaymentFailure::Flag)
    } else if let Some(word) = &s.last_payment_failed {
        Some(PaymentFailure::LastPayment(word.clone()))
    } else {
        s.status
            .filter(|st| status_is_payment_failure(*st))
            .map(PaymentFailure::Status)
    }
}

/// How many days late a worklist row is, when it is overdue: a CRÍTICO or
/// an ALTO still at its first `Estado`, not snoozed, that has been on the
/// list (since `since`) at least its level's deadline in days. The first day
/// past the deadline is 1 day late. MEDIO and INFORMATIVO have no deadline.
///
/// ```
/// use retention_worklist::{overdue, Deadlines, Level};
/// use chrono::NaiveDate;
/// let d = Deadlines { critical_days: 1, high_days: 2 };
/// let day = |n| NaiveDate::from_ymd_opt(2026, 11, n).unwrap();
/// assert_eq!(overdue(Level::Critical, day(25), day(25), &d), None); // appeared today
/// assert_eq!(overdue(Level::Critical, day(25), day(26), &d), Some(1));
/// assert_eq!(overdue(Level::High, day(25), day(26), &d), None);
/// assert_eq!(overdue(Level::High, day(24), day(26), &d), Some(1));
/// assert_eq!(overdue(Level::Medium, day(1), day(26), &d), None);
/// ```
pub fn overdue(level: Level, since: NaiveDate, as_of: NaiveDate, d: &Deadlines) -> Option<u32> {
    let deadline = match level {
        Level::Critical => d.critical_days,
        Level::High => d.high_days,
        Level::Medium | Level::Info => return None,
    };
    let on_list = (as_of - since).num_days();
    (on_list >= deadline).then(|| (on_list - deadline + 1).clamp(1, i64::from(u32::MAX)) as u32)
}

/// Applies the protocol to one tenant.
///
/// ```
/// use retention_worklist::{classify, Level, Signals, Status, Thresholds};
/// let s = Signals { status: Some(Status::Trialing), days_left: Some(2), ..Default::default() };
/// assert_eq!(classify(&s, &Thresholds::default()).unwrap().level, Level::High);
/// ```
pub fn classify(s: &Signals, th: &Thresholds) -> Option<Classification> {
    if matches!(s.status, Some(Status::Canceled | Status::Future)) {
        return None;
    }
    let mut signals = Vec::with_capacity(3);
    if let Some(reason) = payment_failure(s) {
        let decline = s.decline.clone();
        signals.push(Signal::PaymentFailed { reason, decline });
    }
    let on_trial = match s.status {
        Some(Status::Trialing) => true,
        // Some billing systems keep a trial's subscription `active` until
        // the trial ends (Recurly's state has no trial word): a trial end
        // still ahead says the tenant is on trial.
        Some(Status::Active) => s.days_left.is_some_and(|d| d >= 0),
        Some(_) => false,
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
    let live = !matches!(s.status, Some(Status::Paused));
    Some(Classification {
        level: main.level(th),
        main,
        secondary: signals,
        ends: (s.cancel_at_period_end && live).then_some(s.period_end),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trial(days: i64) -> Signals {
        Signals {
            status: Some(Status::Trialing),
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
        // Active with the trial end behind: converted, not on trial.
        let mut s = trial(-1);
        s.status = Some(Status::Active);
        assert_eq!(level(&s), None);
        // Active with the trial end ahead: still on trial (Recurly's state).
        s.days_left = Some(2);
        assert_eq!(level(&s), Some(Level::High));
        s.status = Some(Status::Paused);
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
        s.payment_flag = true;
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
            payment_flag: true,
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

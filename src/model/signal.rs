//! The facts about one tenant that the protocol's rules look at.

use super::level::Level;
use serde::{Deserialize, Serialize};

/// A Stripe-style subscription status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// On trial (`trialing`, `prueba`).
    Trialing,
    /// Paying.
    Active,
    /// A payment is overdue.
    PastDue,
    /// Unpaid after the retries.
    Unpaid,
    /// The first payment did not go through.
    Incomplete,
    /// Canceled (or expired): no level.
    Canceled,
    /// Paused.
    Paused,
}

impl Status {
    /// The status word as Stripe spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Trialing => "trialing",
            Status::Active => "active",
            Status::PastDue => "past_due",
            Status::Unpaid => "unpaid",
            Status::Incomplete => "incomplete",
            Status::Canceled => "canceled",
            Status::Paused => "paused",
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
    /// The `payment_failed` column says the payment failed.
    pub payment_flag: bool,
    /// The last payment status, as written, when it says the payment failed.
    pub last_payment_failed: Option<String>,
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
    PaymentFailed {
        /// Why.
        reason: PaymentFailure,
    },
    /// Trial ending (or ended) within the ALTO or MEDIO window.
    TrialEnding {
        /// Days from the report date to the trial end (negative: ended).
        days_left: i64,
    },
    /// Usage above the threshold.
    HighUsage {
        /// Messages used.
        used: u64,
        /// The monthly limit.
        limit: u64,
    },
}

impl Signal {
    /// The level this signal alone gives under the thresholds.
    pub fn level(&self, th: &Thresholds) -> Level {
        match self {
            Signal::PaymentFailed { .. } => Level::Critical,
            Signal::TrialEnding { days_left } if *days_left <= th.high_days => Level::High,
            Signal::TrialEnding { .. } => Level::Medium,
            Signal::HighUsage { .. } => Level::Info,
        }
    }
}

/// The protocol's thresholds. Their defaults (the protocol's numbers) are
/// set once, in the options ([`crate::DEFAULTS`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// ALTO when a trial ends in at most this many days (protocol: 3).
    pub high_days: i64,
    /// MEDIO when a trial ends in more than `high_days` and at most this many
    /// days (protocol: 7).
    pub medium_days: i64,
    /// INFORMATIVO when usage is strictly above this percentage of the
    /// monthly message limit (protocol: 90).
    pub usage_percent: f64,
}

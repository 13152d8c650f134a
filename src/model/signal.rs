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
    /// Starts on a later date: not a customer yet, no level.
    Future,
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
            Status::Future => "future",
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

/// What a declined card payment asks of the customer (Stripe's decline
/// codes, grouped by what fixes them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclineKind {
    /// The card on file is expired or its details are wrong: update it.
    UpdateCard,
    /// Not enough funds or over a limit: retry later or use another method.
    Funds,
    /// The bank wants the customer to authenticate (3-D Secure).
    Authenticate,
    /// A passing error: retrying works.
    Retry,
    /// The bank declined without saying why: the customer calls the bank.
    ContactBank,
    /// Lost, stolen, fraud or a block list: the bank is the one to talk to,
    /// and the customer is not told the reason.
    Undisclosed,
    /// The same payment went through just before.
    Duplicate,
    /// A code this engine does not know: shown as written.
    Unknown,
}

/// Why the last card payment was declined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decline {
    /// The decline code (`insufficient_funds`), or the text as written when
    /// it is not a code this engine knows.
    pub code: String,
    /// What it asks of the customer.
    pub kind: DeclineKind,
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
    /// Why the last payment was declined, when the export says.
    pub decline: Option<Decline>,
    /// The subscription ends at the end of its current period.
    pub cancel_at_period_end: bool,
    /// When the current period ends.
    pub period_end: Option<chrono::NaiveDate>,
}

/// One matching rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "signal", rename_all = "snake_case")]
pub enum Signal {
    /// Payment failed.
    PaymentFailed {
        /// Why.
        reason: PaymentFailure,
        /// Why the card was declined, when the export says.
        #[serde(skip)]
        decline: Option<Decline>,
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

/// How long a row may stay at its first `Estado` before it is overdue:
/// the protocol's "llamar inmediatamente" (CRÍTICO) and ALTO's personal
/// email. MEDIO and INFORMATIVO have no deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Deadlines {
    /// Days on the list after which a CRÍTICO is overdue (protocol: 1).
    pub critical_days: i64,
    /// Days on the list after which an ALTO is overdue (protocol: 2).
    pub high_days: i64,
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

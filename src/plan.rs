//! Step 3 of the pipeline: what the account executive does for each tenant.
//!
//! For every at-risk tenant this builds a [`WorkItem`]: the row of the
//! worklist, with the protocol's action, the email subject and a draft ready
//! to send (words from [`crate::text::worklist`]), the goal, the other
//! signals, and the links it gets: this is the one place that decides whether
//! an email and a phone become links, for the workbook and the page alike.

use crate::classify::Classification;
use crate::model::{Level, Mrr, MrrAtRisk, Tracking};
use crate::options::Options;
use crate::text::worklist::{row_words, RowFacts};
use chrono::NaiveDate;
use std::cmp::Ordering;

/// The contact and account fields of a tenant, as written in the export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    /// Tenant id.
    pub id: String,
    /// Tenant name.
    pub name: String,
    /// Owner's name.
    pub owner: String,
    /// Owner's email.
    pub email: String,
    /// Owner's phone.
    pub phone: String,
    /// Account executive.
    pub executive: String,
    /// Plan.
    pub plan: String,
}

/// One row of the worklist.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkItem {
    /// Line where the tenant's record starts in the export.
    pub line: u64,
    /// The risk level.
    pub level: Level,
    /// Who to contact, as written in the export.
    pub contact: Contact,
    /// The trial end date, when known.
    pub trial_end: Option<NaiveDate>,
    /// Days until the trial ends (negative: ended).
    pub days_left: Option<i64>,
    /// Messages used and limit, when both are known.
    pub usage: Option<(u64, u64)>,
    /// The subscription's monthly value, when the export has money columns.
    pub mrr: Option<Mrr>,
    /// Why the tenant is on the list ("Trial vence en 2 días (28/11/2026)").
    pub reason: String,
    /// What to do, from the protocol.
    pub action: String,
    /// The email subject.
    pub subject: String,
    /// The email draft.
    pub draft: String,
    /// The protocol's goal.
    pub goal: String,
    /// The other signals that also matched, joined by "; ".
    pub other_signals: String,
    /// Whether the email is plausible enough for a `mailto:` link.
    pub email_ok: bool,
    /// Digits to dial for a `tel:` link (see [`WorkItem::tel_link`]).
    pub dial: Option<String>,
    /// The tracking cells: status, notes, snooze, since, change, the team's
    /// columns (carried from the previous worklist, or a new row's).
    pub tracking: Tracking,
}

impl WorkItem {
    /// Usage as a ratio (0.94), when known and the limit is positive.
    pub fn usage_ratio(&self) -> Option<f64> {
        self.usage
            .filter(|&(_, l)| l > 0)
            .map(|(u, l)| u as f64 / l as f64)
    }

    /// The digits of the `tel:` link, when the phone becomes one. A phone
    /// longer than 255 characters (Excel's limit of text in a formula, which
    /// the workbook's link is) stays text.
    ///
    /// ```
    /// use retention_worklist::{Options, Run};
    /// let csv = "id,payment_failed,phone\nA,yes,+52 55 1234 5678\nB,yes,12345\n";
    /// let o = Options::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
    /// let items = Run::new(csv.as_bytes(), &o).analyze().unwrap().items;
    /// assert_eq!(items[0].tel_link(), Some("+525512345678"));
    /// assert_eq!(items[1].tel_link(), None); // too few digits to dial
    /// ```
    pub fn tel_link(&self) -> Option<&str> {
        self.dial
            .as_deref()
            .filter(|_| self.contact.phone.trim().chars().count() <= 255)
    }

    /// The `mailto:` link with the subject and, when `with_draft` and it fits
    /// Excel's URL limit, the draft. `None` when the address is not plausible
    /// (then it is plain text, in the workbook and on the page).
    pub fn mailto(&self, with_draft: bool) -> Option<String> {
        if !self.email_ok {
            return None;
        }
        const MAX: usize = 2079;
        // The address is percent-encoded too (keeping `@` and `+`): a `?`
        // or `&` in the email column must not add recipients (`cc=`, `bcc=`).
        let mut base = String::from("mailto:");
        push_percent_encoded(&mut base, &self.contact.email, b"@+");
        base.push_str("?subject=");
        push_percent_encoded(&mut base, &self.subject, b"");
        if with_draft {
            let mut with_body = base.clone();
            with_body.push_str("&body=");
            push_percent_encoded(&mut with_body, &self.draft, b"");
            // Percent-encoded URLs are ASCII: bytes = UTF-16 units.
            if with_body.len() <= MAX {
                return Some(with_body);
            }
        }
        (base.len() <= MAX).then_some(base)
    }
}

/// The facts of a tenant a worklist row keeps besides its contact.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemFacts {
    /// The trial end date, when known.
    pub trial_end: Option<NaiveDate>,
    /// Days until the trial ends (negative: ended).
    pub days_left: Option<i64>,
    /// Messages used and limit, when both are known.
    pub usage: Option<(u64, u64)>,
    /// The subscription's monthly value, when the export has money columns.
    pub mrr: Option<Mrr>,
}

/// Builds the worklist row for a classified tenant.
pub fn plan(
    line: u64,
    contact: Contact,
    facts: ItemFacts,
    c: &Classification,
    o: &Options,
) -> WorkItem {
    let ItemFacts {
        trial_end,
        days_left,
        usage,
        mrr,
    } = facts;
    let dial = dialable_phone(&contact.phone);
    let email_ok = is_plausible_email(&contact.email);
    let words = row_words(
        &RowFacts {
            level: c.level,
            main: &c.main,
            secondary: &c.secondary,
            tenant: if contact.name.is_empty() {
                &contact.id
            } else {
                &contact.name
            },
            owner: &contact.owner,
            executive: &contact.executive,
            phone: &contact.phone,
            can_dial: dial.is_some(),
            days_left,
            trial_end,
            thresholds: &o.thresholds,
            product: &o.product_name,
            ends: c.ends,
        },
        o.lang,
    );
    WorkItem {
        line,
        level: c.level,
        trial_end,
        days_left,
        usage,
        mrr,
        reason: words.reason,
        action: words.action,
        subject: words.subject,
        draft: words.draft,
        goal: words.goal.to_string(),
        other_signals: words.other_signals,
        email_ok,
        dial,
        contact,
        tracking: Tracking {
            since: Some(o.as_of),
            ..Tracking::default()
        },
    }
}

/// Checks an email address is plausible enough to put in a `mailto:` link:
/// one `@`, something on both sides, no spaces, a dot in the domain.
pub fn is_plausible_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && s.chars().all(|c| {
            !c.is_whitespace() && !c.is_control() && !matches!(c, '<' | '>' | '"' | ',' | ';')
        })
}

/// The digits (and a leading `+`) of a phone number, for a `tel:` link.
/// `None` when there are too few digits to dial.
///
/// ```
/// use retention_worklist::dialable_phone;
/// assert_eq!(dialable_phone("+52 (55) 1234-5678").as_deref(), Some("+525512345678"));
/// assert_eq!(dialable_phone("n/a"), None);
/// ```
pub fn dialable_phone(s: &str) -> Option<String> {
    let t = s.trim();
    let mut out = String::new();
    if t.starts_with('+') {
        out.push('+');
    }
    out.extend(t.chars().filter(char::is_ascii_digit));
    let digits = out.trim_start_matches('+').len();
    let junk = t
        .chars()
        .any(|c| !(c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.' | '/')));
    (!junk && (6..=15).contains(&digits)).then_some(out)
}

/// Orders the worklist by urgency: CRÍTICO → ALTO (fewest days first) →
/// MEDIO (fewest days first) → INFORMATIVO (highest usage first), overdue
/// rows first within their level (the most days late first); then, at
/// the same level and days, the larger MRR first; other ties keep the
/// file's order. Snoozed rows go below every active row, in the same order
/// among themselves.
pub fn by_urgency(a: &WorkItem, b: &WorkItem) -> Ordering {
    (a.tracking.snoozed.cmp(&b.tracking.snoozed))
        .then_with(|| a.level.cmp(&b.level))
        // Overdue rows first in their level, the latest first.
        .then_with(|| b.tracking.overdue.cmp(&a.tracking.overdue))
        .then_with(|| match a.level {
            Level::High | Level::Medium => a.days_left.cmp(&b.days_left),
            Level::Info => compare_usage_desc(a.usage, b.usage),
            Level::Critical => Ordering::Equal,
        })
        .then_with(|| {
            let cents = |w: &WorkItem| w.mrr.as_ref().map(|m| m.cents);
            cents(b).cmp(&cents(a))
        })
        .then_with(|| a.line.cmp(&b.line))
}

/// The MRR of worklist rows per currency and level, sorted by currency
/// (rows without an MRR add nothing).
pub(crate) fn mrr_at_risk<'w>(items: impl IntoIterator<Item = &'w WorkItem>) -> Vec<MrrAtRisk> {
    let mut by_currency: std::collections::BTreeMap<&str, [i64; 4]> = Default::default();
    for w in items {
        if let Some(m) = &w.mrr {
            let sums = by_currency.entry(m.currency.as_str()).or_default();
            sums[w.level as usize] = sums[w.level as usize].saturating_add(m.cents);
        }
    }
    by_currency
        .into_iter()
        .map(|(currency, [critical, high, medium, info])| {
            let units = |cents: i64| cents as f64 / 100.0;
            MrrAtRisk {
                currency: currency.to_string(),
                critical: units(critical),
                high: units(high),
                medium: units(medium),
                info: units(info),
            }
        })
        .collect()
}

/// Sorts the worklist with `by_urgency`, moving each item once.
///
/// A `WorkItem` is a few hundred bytes; sorting them in place moved each one
/// ~log n times (benches/PROFILE.md §13). The sort runs on
/// indices instead, then the items are taken out in that order.
///
/// ```
/// use retention_worklist::{sort_by_urgency, Options, Run};
/// let csv = "id,trial_ends_at,payment_failed\nA,2026-12-01,no\nB,,yes\n";
/// let o = Options::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
/// let mut items = Run::new(csv.as_bytes(), &o).analyze().unwrap().items;
/// items.reverse();
/// let ids: Vec<String> = sort_by_urgency(items).into_iter().map(|w| w.contact.id).collect();
/// assert_eq!(ids, ["B", "A"]); // CRÍTICO, then MEDIO (5 days left)
/// ```
pub fn sort_by_urgency(items: Vec<WorkItem>) -> Vec<WorkItem> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    // Stable on indices: ties (none, as `by_urgency` ends on the line) keep
    // the file's order either way.
    order.sort_by(|&a, &b| by_urgency(&items[a], &items[b]));
    let mut slots: Vec<Option<WorkItem>> = items.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// Higher usage first, compared exactly as fractions.
fn compare_usage_desc(a: Option<(u64, u64)>, b: Option<(u64, u64)>) -> Ordering {
    match (a, b) {
        (Some((ua, la)), Some((ub, lb))) => {
            let left = u128::from(ub) * u128::from(la.max(1));
            let right = u128::from(ua) * u128::from(lb.max(1));
            left.cmp(&right)
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Percent-encodes text for a URL query (RFC 3986 unreserved kept).
/// Appends `s` percent-encoded (RFC 3986 unreserved bytes and `keep` stay
/// as they are). A table lookup, not `format!`: drafts are encoded for every
/// worklist row.
fn push_percent_encoded(out: &mut String, s: &str, keep: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || keep.contains(&b)
        {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::classify;
    use crate::model::{Lang, Signal, Signals, Status};
    use crate::text::worklist::usage_sentence;

    fn opts() -> Options {
        Options::new(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap())
    }
    fn contact() -> Contact {
        Contact {
            id: "T1".into(),
            name: "Acme".into(),
            owner: "Ana".into(),
            email: "ana@acme.mx".into(),
            phone: "+52 55 1234 5678".into(),
            executive: "Luis".into(),
            plan: "Pro".into(),
        }
    }

    #[test]
    fn critical_row_follows_the_protocol() {
        let s = Signals {
            status: Some(Status::PastDue),
            ..Default::default()
        };
        let c = classify(&s, &opts().thresholds).unwrap();
        let w = plan(2, contact(), ItemFacts::default(), &c, &opts());
        assert_eq!(
            w.subject,
            "Acción Urgente Requerida: Problema con tu Pago en ImagineCRM"
        );
        assert!(w.action.contains("Llamar"));
        assert!(w.draft.starts_with("Hola Ana,"));
        assert!(w.draft.contains("suspendida"));
        assert_eq!(w.reason, "Pago fallido (past_due)");
        assert_eq!(w.dial.as_deref(), Some("+525512345678"));
        let link = w.mailto(true).unwrap();
        assert!(link.starts_with("mailto:ana@acme.mx?subject=Acci%C3%B3n%20Urgente"));
        assert!(link.contains("&body=Hola%20Ana%2C"));
    }

    #[test]
    fn info_draft_is_the_protocols_text() {
        let s = Signals {
            usage: Some((95, 100)),
            ..Default::default()
        };
        let c = classify(&s, &opts().thresholds).unwrap();
        let w = plan(
            2,
            contact(),
            ItemFacts {
                usage: Some((95, 100)),
                ..ItemFacts::default()
            },
            &c,
            &opts(),
        );
        assert!(w
            .draft
            .contains(&usage_sentence(Lang::Es, "ImagineCRM", 90.0)));
    }

    #[test]
    fn product_name_is_an_option() {
        let mut o = opts();
        o.product_name = "OtroCRM".into();
        o.lang = "en".parse().unwrap();
        let s = Signals {
            payment_flag: true,
            ..Default::default()
        };
        let c = classify(&s, &o.thresholds).unwrap();
        let w = plan(2, contact(), ItemFacts::default(), &c, &o);
        assert_eq!(
            w.subject,
            "Urgent Action Required: Problem with your Payment at OtroCRM"
        );
    }

    #[test]
    fn overlong_drafts_drop_the_body_from_the_link() {
        let mut ct = contact();
        ct.name = "x".repeat(3000);
        let s = Signals {
            payment_flag: true,
            ..Default::default()
        };
        let c = classify(&s, &opts().thresholds).unwrap();
        let w = plan(2, ct, ItemFacts::default(), &c, &opts());
        let link = w.mailto(true).unwrap();
        assert!(!link.contains("&body="));
    }

    #[test]
    fn urgency_order() {
        let mk = |level, days: Option<i64>, usage: Option<(u64, u64)>, line| {
            let c = Classification {
                level,
                main: Signal::TrialEnding { days_left: 0 },
                secondary: vec![],
                ends: None,
            };
            let mut w = plan(
                line,
                contact(),
                ItemFacts {
                    days_left: days,
                    usage,
                    ..ItemFacts::default()
                },
                &c,
                &opts(),
            );
            w.level = level;
            w
        };
        let mut v = [
            mk(Level::Info, None, Some((91, 100)), 1),
            mk(Level::Medium, Some(7), None, 2),
            mk(Level::High, Some(3), None, 3),
            mk(Level::Info, None, Some((99, 100)), 4),
            mk(Level::High, Some(-2), None, 5),
            mk(Level::Critical, None, None, 6),
            mk(Level::Medium, Some(4), None, 7),
        ];
        let sorted = sort_by_urgency(v.to_vec());
        v.sort_by(by_urgency);
        let lines: Vec<u64> = v.iter().map(|w| w.line).collect();
        assert_eq!(lines, [6, 5, 3, 7, 2, 4, 1]);
        let lines: Vec<u64> = sorted.iter().map(|w| w.line).collect();
        assert_eq!(lines, [6, 5, 3, 7, 2, 4, 1], "sort_by_urgency = by_urgency");
    }

    #[test]
    fn emails_and_phones() {
        assert!(is_plausible_email("ana@example.com"));
        assert!(!is_plausible_email("ana@"));
        assert!(!is_plausible_email("ana example.com"));
        assert!(!is_plausible_email("a@b@c.com"));
        assert_eq!(
            dialable_phone("55 1234 5678").as_deref(),
            Some("5512345678")
        );
        assert_eq!(dialable_phone("=HYPERLINK(1)"), None);
        assert_eq!(dialable_phone("123"), None);
    }
}

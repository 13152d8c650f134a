//! The protocol as written in the issue, evaluated on what a generated record means: the oracle
//! the engine's levels are compared with (it never calls the engine's `classify`).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum St {
    Trialing,
    Active,
    PastDue,
    Unpaid,
    Incomplete,
    Canceled,
    Paused,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Lvl {
    Critical,
    High,
    Medium,
    Info,
}

/// What one generated record means.
#[derive(Debug, Default, Clone)]
pub(super) struct Meaning {
    pub(super) status: Option<St>,
    pub(super) flag: Option<bool>,
    pub(super) last_failed: Option<bool>,
    pub(super) days: Option<i64>,
    pub(super) used: Option<u64>,
    pub(super) limit: Option<u64>,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Rules {
    pub(super) high_days: i64,
    pub(super) medium_days: i64,
    /// The usage threshold in tenths of a percent (900 = 90 %).
    pub(super) usage_tenths: u64,
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
pub(super) fn expected_level(m: &Meaning, r: Rules) -> Option<Lvl> {
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

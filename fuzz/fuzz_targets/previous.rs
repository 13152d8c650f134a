//! Fuzz target for the previous-worklist path: a fixed, small
//! export carried from arbitrary bytes given as yesterday's worklist. The
//! run must end in `Ok` or `Err` — never panic, never hang — and an `Ok`
//! must keep the changes' invariants: `new + same + up + down` is the
//! worklist's rows, every tenant that left is listed once, and every cell
//! typed on the previous list is carried, listed as left, or a problem.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use retention_worklist::{Options, Run};

const EXPORT: &str = "\
tenant_id,tenant_name,subscription_status,payment_failed,trial_ends_at,messages_used,messages_limit,account_executive
T-1,Uno,past_due,yes,,,,Ana
T-2,Dos,trialing,no,2026-11-28,,,Ana
T-3,Tres,trialing,no,2026-12-01,,,Luis
T-4,Cuatro,active,no,,,,Luis
T-5,Cinco,active,no,,950,1000,Ana
,Sin id,trialing,no,2026-11-29,,,
";

fuzz_target!(|previous: &[u8]| {
    let o = Options::new(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
    let Ok(out) =
        Run::new(EXPORT.as_bytes().to_vec(), &o).previous(Some(previous)).build()
    else {
        return;
    };
    let c = out.summary.changes.as_ref().expect("changes when a previous list is given");
    assert_eq!(c.new + c.same + c.up + c.down, out.items.len() as u64, "every row has one change");
    assert_eq!(c.left as usize, out.left.len(), "every tenant that left is listed");
    assert!(c.snoozed <= out.items.len() as u64);
    assert!(out.summary.carried <= out.items.len() as u64);
    let snoozed: Vec<bool> = out.items.iter().map(|w| w.tracking.snoozed).collect();
    assert!(snoozed.windows(2).all(|w| w[0] <= w[1]), "snoozed rows come last");
    assert!(out.xlsx.starts_with(b"PK\x03\x04"), "the workbook is a zip");
});

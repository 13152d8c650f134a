//! The manager's view over days, through the library: overdue rows (the
//! protocol's deadlines), the history that travels with the workbook, and a
//! same-day re-run that keeps what the team typed in the morning. Each
//! morning's previous worklist is the workbook the day before wrote, edited
//! where a test says so (a status set, a snooze) the way the team's Excel
//! would write it back: the engine's own renderer over the edited rows.

use crate::common::Book;
use chrono::NaiveDate;
use retention_worklist::{render, Analysis, Level, Options, Run, Snooze};

/// Six tenants: three CRÍTICO, an ALTO (trial in 2 days on the 26th), a
/// MEDIO (5 days: ALTO from the 28th), an INFORMATIVO.
const EXPORT: &str = "tenant_id,tenant_name,subscription_status,trial_ends_at,messages_used,messages_limit,account_executive
T-1,Uno,past_due,,,,Ana
T-2,Dos,unpaid,,,,Luis
T-3,Tres,trialing,2026-11-28,,,Ana
T-4,Cuatro,trialing,2026-12-01,,,Luis
T-5,Cinco,active,,95,100,Ana
T-6,Seis,past_due,,,,Luis
";

fn day(d: u32) -> Options {
    Options::new(NaiveDate::from_ymd_opt(2026, 11, d).unwrap())
}

fn analyze(o: &Options, previous: Option<&[u8]>, same_day: Option<&[u8]>) -> Analysis {
    Run::new(EXPORT, o)
        .previous(previous)
        .same_day(same_day)
        .analyze()
        .unwrap()
}

fn row<'a>(a: &'a Analysis, id: &str) -> &'a retention_worklist::WorkItem {
    a.items.iter().find(|w| w.contact.id == id).unwrap()
}

/// The workbook of an analysis after the team typed in it: `edit` changes
/// the rows' tracking cells as a person would.
fn edited(a: &Analysis, o: &Options, edit: impl Fn(&mut retention_worklist::WorkItem)) -> Vec<u8> {
    let mut a = a.clone();
    for w in &mut a.items {
        edit(w);
    }
    render(&a, o).unwrap()
}

#[test]
fn overdue_rows_follow_the_protocols_deadlines() {
    let d1 = analyze(&day(26), None, None);
    assert_eq!(
        d1.summary.overdue.total(),
        0,
        "nothing overdue without a previous list"
    );
    // T-2's executive called (Contactado); T-6 is snoozed until the 30th.
    let book1 = edited(&d1, &day(26), |w| match w.contact.id.as_str() {
        "T-2" => w.tracking.status = Some("Contactado".into()),
        "T-6" => w.tracking.snooze = Snooze::Until(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()),
        _ => {}
    });
    let d2 = analyze(&day(27), Some(&book1), None);
    // A CRÍTICO still Pendiente a day after it appeared: 1 day late.
    assert_eq!(row(&d2, "T-1").tracking.overdue, Some(1));
    // Its Estado changed: not overdue. An ALTO one day on the list: not yet.
    assert_eq!(row(&d2, "T-2").tracking.overdue, None);
    assert_eq!(row(&d2, "T-3").tracking.overdue, None);
    assert_eq!(
        (d2.summary.overdue.critical, d2.summary.overdue.high),
        (1, 0)
    );
    // First in its level, whatever the file's order; the snoozed row last.
    assert_eq!(d2.items[0].contact.id, "T-1");
    assert_eq!(d2.items.last().unwrap().contact.id, "T-6");
    let d3 = analyze(&day(28), Some(&render(&d2, &day(27)).unwrap()), None);
    // The ALTO two days after it appeared; the CRÍTICO now 2 days late.
    assert_eq!(row(&d3, "T-3").tracking.overdue, Some(1));
    assert_eq!(row(&d3, "T-1").tracking.overdue, Some(2));
    // INFORMATIVO has no deadline; a snoozed CRÍTICO is never overdue; an
    // ALTO that was MEDIO the day before counts from when it appeared.
    assert_eq!(row(&d3, "T-5").tracking.overdue, None);
    assert!(row(&d3, "T-6").tracking.snoozed);
    assert_eq!(row(&d3, "T-6").tracking.overdue, None);
    assert_eq!(row(&d3, "T-4").tracking.overdue, Some(1));
    // Counted per executive, and in words on the row.
    let ana = d3
        .summary
        .by_executive
        .iter()
        .find(|e| e.executive == "Ana")
        .unwrap();
    assert_eq!(ana.overdue, 2);
    let luis = d3
        .summary
        .by_executive
        .iter()
        .find(|e| e.executive == "Luis")
        .unwrap();
    assert_eq!(luis.overdue, 1);
    let out = render(&d3, &day(28)).unwrap();
    let cambio = Book::new(out).worklist_column("Cambio");
    assert!(
        cambio[0].starts_with("VENCIDO (2 días) · SIGUE"),
        "{cambio:?}"
    );
    // The deadlines are options.
    let mut lenient = day(28);
    lenient.deadlines.critical_days = 3;
    let d3b = analyze(&lenient, Some(&render(&d2, &day(27)).unwrap()), None);
    assert_eq!(row(&d3b, "T-1").tracking.overdue, None);
}

#[test]
fn the_history_grows_a_row_a_day_and_a_rerun_replaces_its_own() {
    let d1 = analyze(&day(26), None, None);
    assert_eq!(
        d1.summary.history.len(),
        1,
        "one row without a previous list"
    );
    let w1 = render(&d1, &day(26)).unwrap();
    let d2 = analyze(&day(27), Some(&w1), None);
    let w2 = render(&d2, &day(27)).unwrap();
    let d3 = analyze(&day(28), Some(&w2), None);
    let dates: Vec<String> = d3
        .summary
        .history
        .iter()
        .map(|h| h.as_of.to_string())
        .collect();
    assert_eq!(dates, ["2026-11-26", "2026-11-27", "2026-11-28"]);
    let h = &d3.summary.history[2];
    assert_eq!((h.critical, h.high, h.medium, h.info), (3, 2, 0, 1));
    assert_eq!(h.overdue, d3.summary.overdue.total());
    // The same day again from the same previous list: its row replaced.
    let again = analyze(&day(28), Some(&w2), None);
    assert_eq!(again.summary.history.len(), 3);
    // The executives' days travel too: each day's open rows per executive.
    let ana_days: Vec<_> = d3
        .executive_history
        .iter()
        .filter(|e| e.executive == "Ana")
        .map(|e| e.open[Level::Critical as usize])
        .collect();
    assert_eq!(ana_days, [1, 1, 1]);
    let luis_critical: Vec<_> = d3
        .executive_history
        .iter()
        .filter(|e| e.executive == "Luis")
        .map(|e| e.open[Level::Critical as usize])
        .collect();
    assert_eq!(luis_critical, [2, 2, 2]);
    // The sheets and the chart are in the workbook, the chart with its text.
    let book = Book::new(render(&d3, &day(28)).unwrap());
    assert!(book.sheet_names().contains(&"Historial".to_string()));
    let drawing = book.part_names().into_iter().find(|n| {
        n.starts_with("xl/drawings/drawing")
            && n.ends_with(".xml")
            && book.part(n).contains("Gráfico de líneas")
    });
    assert!(
        drawing.is_some(),
        "the history chart has its alternative text"
    );
}

#[test]
fn payments_recovered_count_for_the_executive_who_had_them() {
    let d1 = analyze(&day(26), None, None);
    let w1 = render(&d1, &day(26)).unwrap();
    // T-1 (Ana's) pays: it leaves the list as a recovered payment.
    let paid = EXPORT.replace("T-1,Uno,past_due", "T-1,Uno,active");
    let d2 = Run::new(paid.as_str(), &day(27))
        .previous(Some(&w1))
        .analyze()
        .unwrap();
    let ana = d2
        .summary
        .by_executive
        .iter()
        .find(|e| e.executive == "Ana")
        .unwrap();
    assert_eq!(ana.score, Some((1, 0)));
    let today = d2
        .executive_history
        .iter()
        .find(|e| e.executive == "Ana" && e.as_of == day(27).as_of);
    assert_eq!(today.map(|e| e.recovered), Some(1));
    let h = d2.summary.history.last().unwrap();
    assert_eq!((h.left, h.left_by.payment_recovered), (1, 1));
}

#[test]
fn a_same_day_rerun_keeps_what_the_team_typed_this_morning() {
    let d1 = analyze(&day(26), None, None);
    let w1 = render(&d1, &day(26)).unwrap();
    let morning = analyze(&day(27), Some(&w1), None);
    // This morning the team set T-3 to Contactado and wrote a note on T-1.
    let typed = edited(&morning, &day(27), |w| match w.contact.id.as_str() {
        "T-3" => w.tracking.status = Some("Contactado".into()),
        "T-1" => w.tracking.notes = "Llamé a las 9".into(),
        _ => {}
    });
    let noon = analyze(&day(27), Some(&w1), Some(&typed));
    assert_eq!(
        row(&noon, "T-3").tracking.status.as_deref(),
        Some("Contactado")
    );
    assert_eq!(row(&noon, "T-1").tracking.notes, "Llamé a las 9");
    // Changes, overdue and history are still measured against the day before.
    for id in ["T-1", "T-2", "T-3", "T-4", "T-5"] {
        assert_eq!(
            row(&noon, id).tracking.change,
            row(&morning, id).tracking.change,
            "{id}"
        );
        assert_eq!(
            row(&noon, id).tracking.since,
            row(&morning, id).tracking.since,
            "{id}"
        );
    }
    assert_eq!(noon.summary.overdue, morning.summary.overdue);
    assert_eq!(noon.summary.history.len(), 2);
    assert_eq!(noon.summary.changes, morning.summary.changes);
    // The summary names both files.
    assert!(noon.summary.previous.is_some() && noon.summary.same_day.is_some());
}

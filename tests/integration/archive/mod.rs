//! `--archive DIR`, as a scheduled job uses it: three mornings (and a noon re-run) of the CLI
//! writing into one folder, the team working in the archived workbook in between (statuses and
//! notes typed into it, then re-saved by LibreOffice, as a person's save would). The history grows
//! a row a day and the noon re-run replaces its day's row and keeps what was typed that morning;
//! the overdue rows are the ones the protocol's deadlines say, first in their level, counted on
//! Resumen and in `--json`; the chart and the live Estado colours are in each file the CLI
//! writes; the folder's other files are never touched. [`folder`]: the folder's own cases (which
//! file is chosen, errors, per-executive files, an interrupted noon run).

mod folder;

use crate::common::office::{resave_with_libreoffice, type_text};
use crate::common::{cli, col_letter, header_row, scratch_dir, Book};
use calamine::{Data, DataType};
use retention_worklist::text::history::history_columns;
use retention_worklist::text::shared::words;
use retention_worklist::text::tracking::overdue_words;
use retention_worklist::text::workbook::{state_words, tracking_states};
use retention_worklist::{Lang, Options, Run};
use serde_json::Value;
use std::path::Path;

const HEADER: &str = "tenant_id,tenant_name,subscription_status,payment_failed,trial_ends_at,messages_used,messages_limit,account_executive\n";

/// Day 1, 2026-11-26: two CRÍTICO, two ALTO (3 days left), a MEDIO, an INFORMATIVO.
const DAY1: &str = "\
T-1,Uno,past_due,yes,,,,Ana
T-2,Dos,trialing,no,2026-11-29,,,Ana
T-3,Tres,trialing,no,2026-11-29,,,Luis
T-4,Cuatro,past_due,yes,,,,Luis
T-5,Cinco,trialing,no,2026-12-02,,,Ana
T-6,Seis,active,no,,950,1000,Luis
";

/// Day 2, 2026-11-27, the morning's export: T-7 is a new CRÍTICO, T-6 left.
const DAY2: &str = "\
T-1,Uno,past_due,yes,,,,Ana
T-2,Dos,trialing,no,2026-11-29,,,Ana
T-3,Tres,trialing,no,2026-11-29,,,Luis
T-4,Cuatro,past_due,yes,,,,Luis
T-7,Siete,past_due,yes,,,,Luis
T-5,Cinco,trialing,no,2026-12-02,,,Ana
";

/// Day 2's fresher export, for the noon re-run: T-8 is one more new CRÍTICO.
const DAY2_NOON: &str = "\
T-1,Uno,past_due,yes,,,,Ana
T-2,Dos,trialing,no,2026-11-29,,,Ana
T-3,Tres,trialing,no,2026-11-29,,,Luis
T-4,Cuatro,past_due,yes,,,,Luis
T-7,Siete,past_due,yes,,,,Luis
T-8,Ocho,past_due,yes,,,,Ana
T-5,Cinco,trialing,no,2026-12-02,,,Ana
";

/// Day 3, 2026-11-28: T-9 is a new ALTO whose trial ends today.
const DAY3: &str = "\
T-1,Uno,past_due,yes,,,,Ana
T-4,Cuatro,past_due,yes,,,,Luis
T-7,Siete,past_due,yes,,,,Luis
T-8,Ocho,past_due,yes,,,,Ana
T-2,Dos,trialing,no,2026-11-29,,,Ana
T-3,Tres,trialing,no,2026-11-29,,,Luis
T-9,Nueve,trialing,no,2026-11-28,,,Luis
T-5,Cinco,trialing,no,2026-12-02,,,Ana
";

/// A morning (or noon) of the scheduled job: today's export, the CLI with `--archive` and
/// `--json`; the JSON and the summary on stderr.
fn scheduled_run(dir: &Path, export: &str, as_of: &str) -> (Value, String) {
    let csv = dir.join("exports").join(format!("tenants-{as_of}.csv"));
    std::fs::create_dir_all(csv.parent().unwrap()).unwrap();
    std::fs::write(&csv, format!("{HEADER}{export}")).unwrap();
    let o = cli()
        .arg(&csv)
        .args(["--as-of", as_of, "--tz", "UTC", "--json", "--archive"])
        .arg(dir.join("archive"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{as_of}: {stderr}");
    (serde_json::from_slice(&o.stdout).unwrap(), stderr)
}

/// The archive's workbook of a day.
fn archived(dir: &Path, as_of: &str) -> Vec<u8> {
    std::fs::read(dir.join("archive").join(format!("worklist-{as_of}.xlsx"))).unwrap()
}

/// The team's work on a day's archived workbook: `(tenant, column header, text)` typed into
/// the Worklist, then the file opened and saved by LibreOffice in its place. `None`:
/// LibreOffice is not installed here.
fn team_edits(dir: &Path, as_of: &str, typed: &[(&str, &str, &str)]) -> Option<()> {
    let bytes = archived(dir, as_of);
    let book = Book::new(bytes.clone());
    let sheet = 1 + book
        .sheet_names()
        .iter()
        .position(|s| s == "Worklist")
        .unwrap();
    let ws = book.range("Worklist");
    let header = header_row(&ws);
    let col = |h: &str| header.iter().position(|x| x == h).unwrap() as u32;
    let cells: Vec<(String, &str)> = typed
        .iter()
        .map(|&(id, h, text)| {
            let r = ws.rows().position(|r| r[col("ID") as usize] == id).unwrap();
            (format!("{}{}", col_letter(col(h)), r + 1), text)
        })
        .collect();
    let edited = type_text(&bytes, &format!("xl/worksheets/sheet{sheet}.xml"), &cells);
    let saved = resave_with_libreoffice(&edited, &dir.join(format!("office-{as_of}")))?;
    std::fs::write(
        dir.join("archive").join(format!("worklist-{as_of}.xlsx")),
        saved,
    )
    .unwrap();
    Some(())
}

/// A Worklist row's cell, by tenant and header.
fn cell(book: &Book, id: &str, header: &str) -> String {
    let ids = book.worklist_column("ID");
    let at = ids
        .iter()
        .position(|x| x == id)
        .unwrap_or_else(|| panic!("{id}"));
    book.worklist_column(header)[at].clone()
}

/// The Historial sheet's dates and one column, by the engine's header for it.
fn history(book: &Book, column: usize) -> Vec<(String, f64)> {
    let headers = history_columns(&[], Lang::Es);
    let ws = book.range("Historial");
    let head = header_row(&ws);
    let at = head.iter().position(|h| *h == headers[column].1).unwrap();
    let date = head.iter().position(|h| *h == headers[0].1).unwrap();
    ws.rows()
        .skip(1)
        .map(|r| {
            let d = match &r[date] {
                Data::DateTime(d) => d.as_datetime().unwrap().date().to_string(),
                other => panic!("a history date is not a date cell: {other:?}"),
            };
            let v = match &r[at] {
                Data::DateTime(d) => d.as_f64(),
                other => other.as_f64().unwrap(),
            };
            (d, v)
        })
        .collect()
}

/// The Historial's CRÍTICO column (the second: the date, then the levels).
const CRITICAL_COLUMN: usize = 1;

/// The Historial's overdue column (the last without money columns).
fn overdue_column() -> usize {
    history_columns(&[], Lang::Es).len() - 1
}

/// Resumen's overdue rows per executive (its "Para escalar" column).
fn to_escalate(book: &Book) -> Vec<(String, f64)> {
    let w = words(Lang::Es);
    let ws = book.range("Resumen");
    let rows: Vec<Vec<Data>> = ws.rows().map(<[Data]>::to_vec).collect();
    let head = rows.iter().position(|r| r[0] == w.per_executive).unwrap();
    let col = rows[head].iter().position(|c| *c == w.to_escalate).unwrap();
    rows[head + 1..]
        .iter()
        .take_while(|r| !matches!(r[0], Data::Empty))
        .map(|r| (r[0].to_string(), r[col].as_f64().unwrap()))
        .collect()
}

/// Resumen's count of overdue rows (next to the changes).
fn overdue_on_resumen(book: &Book) -> f64 {
    let ws = book.range("Resumen");
    let row = ws
        .rows()
        .find(|r| r[0] == words(Lang::Es).overdue)
        .expect("Resumen counts the overdue rows");
    row[1].as_f64().unwrap()
}

/// The chart on a sheet (its drawing's chart part, found through the relationships), if any.
fn chart_on(book: &Book, sheet: &str) -> Option<String> {
    let n = 1 + book.sheet_names().iter().position(|s| s == sheet)?;
    let names = book.part_names();
    let target = |rels: &str, kind: &str| -> Option<String> {
        let at = rels.find(&format!("/relationships/{kind}\""))?;
        let tag = &rels[rels[..at].rfind('<')?..];
        let t = crate::common::attr(tag, "Target")?;
        Some(format!("xl/{}", t.trim_start_matches("../")))
    };
    let sheet_rels = format!("xl/worksheets/_rels/sheet{n}.xml.rels");
    let drawing = target(
        &book.part(names.contains(&sheet_rels).then_some(&sheet_rels)?),
        "drawing",
    )?;
    let (folder, file) = drawing.rsplit_once('/')?;
    let drawing_rels = format!("{folder}/_rels/{file}.rels");
    let chart = target(
        &book.part(names.contains(&drawing_rels).then_some(&drawing_rels)?),
        "chart",
    )?;
    Some(book.part(&chart))
}

/// The Worklist's conditional formats: what each Estado colour is driven by.
fn live_colour_rules(book: &Book) -> String {
    let n = 1 + book
        .sheet_names()
        .iter()
        .position(|s| s == "Worklist")
        .unwrap();
    let xml = book.sheet_xml(n);
    let start = xml
        .find("<conditionalFormatting")
        .expect("conditional formats on the Worklist");
    let end = xml.rfind("</conditionalFormatting>").unwrap();
    xml[start..end].replace("&quot;", "\"")
}

/// What every workbook the CLI writes into the archive has: the history's line chart (four
/// levels) and the conditional formats of the four Estado words that colour a row.
fn assert_chart_and_live_colours(book: &Book, when: &str) {
    let chart = chart_on(book, "Historial").unwrap_or_else(|| panic!("{when}: no chart"));
    assert!(chart.contains("<c:lineChart>"), "{when}: a line chart");
    assert_eq!(
        chart.matches("<c:ser>").count(),
        4,
        "{when}: one line per level"
    );
    let rules = live_colour_rules(book);
    for state in 1..4 {
        for word in state_words(state) {
            assert!(
                rules.contains(&format!("=\"{word}\"")),
                "{when}: {word} in {rules}"
            );
        }
    }
}

#[test]
fn three_mornings_with_the_archive_and_the_team_working_in_between() {
    let scratch = scratch_dir();
    let dir = scratch.path();
    let archive = dir.join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    // Files the job did not write: never read (each would stop the run if it were), never touched.
    let strays: [(&str, &[u8]); 5] = [
        ("notas.txt", b"lista de llamadas"),
        ("worklist-2026-02-30.xlsx", b"no date has this name"),
        ("worklist-2026-11-25 (1).xlsx", b"a copy's name"),
        ("Worklist-2026-11-25.xlsx", b"another case"),
        ("worklist-2026-11-25.xlsx.bak", b"a backup"),
    ];
    for (name, body) in strays {
        std::fs::write(archive.join(name), body).unwrap();
    }
    let stray_times: Vec<_> = strays
        .iter()
        .map(|(n, _)| {
            std::fs::metadata(archive.join(n))
                .unwrap()
                .modified()
                .unwrap()
        })
        .collect();
    let states = tracking_states(Lang::Es);
    let (contacted, resolved) = (states[1], states[2]);

    // Day 1: nothing to carry from; one history row, nothing overdue.
    let (json, _) = scheduled_run(dir, DAY1, "2026-11-26");
    assert!(json.get("previous").is_none() && json.get("same_day").is_none());
    assert_eq!(json["history"].as_array().unwrap().len(), 1);
    assert_eq!(
        json["overdue"],
        serde_json::json!({"critical": 0, "high": 0})
    );
    let day1 = Book::new(archived(dir, "2026-11-26"));
    assert_chart_and_live_colours(&day1, "day 1");

    // The team: T-1 phoned (T-4, the other CRÍTICO, was not), T-3 resolved, a note on T-5.
    let typed = [
        ("T-1", "Estado", contacted),
        ("T-1", "Notas", "Llamó el owner; paga el viernes"),
        ("T-3", "Estado", resolved),
        ("T-5", "Notas", "En la campaña"),
    ];
    if team_edits(dir, "2026-11-26", &typed).is_none() {
        return; // no LibreOffice here (and not required)
    }

    // Day 2's morning: the previous worklist is the archive's, found by itself.
    let (json, stderr) = scheduled_run(dir, DAY2, "2026-11-27");
    assert_eq!(json["previous"]["file_name"], "worklist-2026-11-26.xlsx");
    assert!(json.get("same_day").is_none());
    assert!(
        stderr.contains("desde worklist-2026-11-26.xlsx"),
        "{stderr}"
    );
    // T-4 is still Pendiente a day after it appeared: overdue, and first among the CRÍTICO
    // though the export lists T-1 first.
    assert_eq!(
        json["overdue"],
        serde_json::json!({"critical": 1, "high": 0})
    );
    let day2 = Book::new(archived(dir, "2026-11-27"));
    assert_chart_and_live_colours(&day2, "day 2");
    assert_eq!(day2.worklist_column("ID")[..3], ["T-4", "T-1", "T-7"]);
    assert!(cell(&day2, "T-4", "Cambio").starts_with(&overdue_words(1, Lang::Es)));
    assert_eq!(cell(&day2, "T-1", "Estado"), contacted);
    assert_eq!(overdue_on_resumen(&day2), 1.0);
    assert_eq!(
        to_escalate(&day2),
        [("Ana".to_string(), 0.0), ("Luis".to_string(), 1.0)]
    );
    let dates = |b: &Book| -> Vec<String> { history(b, 0).into_iter().map(|(d, _)| d).collect() };
    assert_eq!(dates(&day2), ["2026-11-26", "2026-11-27"]);
    let morning = std::fs::read(archive.join("worklist-2026-11-27.xlsx")).unwrap();

    // The morning's work in today's file: T-4 escalated and phoned, a note on the new T-7.
    let typed = [
        ("T-4", "Estado", contacted),
        ("T-4", "Notas", "Escalado a Luis a las 10:30"),
        ("T-7", "Notas", "Dejé mensaje"),
    ];
    team_edits(dir, "2026-11-27", &typed).unwrap();
    let edited_morning = archived(dir, "2026-11-27");

    // Noon: a fresher export, the same day. What was typed this morning is kept; the changes
    // and the history are still measured against day 1; the day's history row is replaced.
    let (json, stderr) = scheduled_run(dir, DAY2_NOON, "2026-11-27");
    assert_eq!(json["previous"]["file_name"], "worklist-2026-11-26.xlsx");
    assert_eq!(json["same_day"]["file_name"], "worklist-2026-11-27.xlsx");
    assert!(
        stderr.contains("de hoy, worklist-2026-11-27.xlsx"),
        "{stderr}"
    );
    assert_eq!(json["changes"]["new"], 2, "T-7 and T-8, new since day 1");
    assert_eq!(json["changes"]["left"], 1, "T-6");
    assert_eq!(
        json["overdue"],
        serde_json::json!({"critical": 0, "high": 0})
    );
    let noon = Book::new(archived(dir, "2026-11-27"));
    assert_chart_and_live_colours(&noon, "noon");
    assert_eq!(cell(&noon, "T-4", "Estado"), contacted);
    assert_eq!(cell(&noon, "T-4", "Notas"), "Escalado a Luis a las 10:30");
    assert_eq!(cell(&noon, "T-7", "Notas"), "Dejé mensaje");
    assert_eq!(
        cell(&noon, "T-1", "Notas"),
        "Llamó el owner; paga el viernes"
    );
    assert_eq!(cell(&noon, "T-7", "Cambio"), "NUEVO");
    assert_eq!(
        history(&noon, CRITICAL_COLUMN),
        [("2026-11-26".into(), 2.0), ("2026-11-27".into(), 4.0)],
        "the day's row is the noon run's (T-8 too), not a second row"
    );
    assert_eq!(
        history(&noon, overdue_column()),
        [("2026-11-26".into(), 0.0), ("2026-11-27".into(), 0.0)]
    );
    // The same bytes as the library given the same two worklists and names.
    let mut o = Options::new("2026-11-27".parse().unwrap());
    o.tz = "UTC".parse().unwrap();
    o.file_name = "tenants-2026-11-27.csv".into();
    o.previous_file_name = "worklist-2026-11-26.xlsx".into();
    o.same_day_file_name = "worklist-2026-11-27.xlsx".into();
    let library = Run::new(format!("{HEADER}{DAY2_NOON}").as_bytes(), &o)
        .previous(Some(&archived(dir, "2026-11-26")))
        .same_day(Some(&edited_morning))
        .build()
        .unwrap();
    assert_eq!(library.xlsx, archived(dir, "2026-11-27"));
    assert_ne!(morning, archived(dir, "2026-11-27"));

    // The day's file as the team leaves it (re-saved once more), then day 3.
    team_edits(dir, "2026-11-27", &[]).unwrap();
    let resaved = Book::new(archived(dir, "2026-11-27"));
    // What LibreOffice keeps: the history's cells and the live colours (the chart it may drop;
    // the next run writes it again).
    assert_eq!(dates(&resaved), ["2026-11-26", "2026-11-27"]);
    assert!(live_colour_rules(&resaved).contains(&format!("=\"{resolved}\"")));
    let (json, _) = scheduled_run(dir, DAY3, "2026-11-28");
    assert_eq!(
        json["previous"]["file_name"], "worklist-2026-11-27.xlsx",
        "the latest"
    );
    assert!(json.get("same_day").is_none());
    // T-7 and T-8 still Pendiente a day after they appeared; T-2 (ALTO) two days after.
    assert_eq!(
        json["overdue"],
        serde_json::json!({"critical": 2, "high": 1})
    );
    let day3 = Book::new(archived(dir, "2026-11-28"));
    assert_chart_and_live_colours(&day3, "day 3");
    let ids = day3.worklist_column("ID");
    assert_eq!(
        ids[..4],
        ["T-7", "T-8", "T-1", "T-4"],
        "overdue first in CRÍTICO"
    );
    assert_eq!(
        ids[4..7],
        ["T-2", "T-9", "T-3"],
        "overdue first in ALTO, then by days left"
    );
    for id in ["T-7", "T-8", "T-2"] {
        assert!(
            cell(&day3, id, "Cambio").starts_with(&overdue_words(1, Lang::Es)),
            "{id}"
        );
    }
    for id in ["T-1", "T-4", "T-3", "T-9"] {
        assert!(!cell(&day3, id, "Cambio").starts_with("VENCIDO"), "{id}");
    }
    assert_eq!(cell(&day3, "T-3", "Estado"), resolved);
    assert_eq!(overdue_on_resumen(&day3), 3.0);
    assert_eq!(
        to_escalate(&day3),
        [("Ana".to_string(), 2.0), ("Luis".to_string(), 1.0)]
    );
    assert_eq!(dates(&day3), ["2026-11-26", "2026-11-27", "2026-11-28"]);
    assert_eq!(
        history(&day3, overdue_column()),
        [
            ("2026-11-26".into(), 0.0),
            ("2026-11-27".into(), 0.0),
            ("2026-11-28".into(), 3.0)
        ]
    );
    let level_counts = json["history"].as_array().unwrap();
    assert_eq!(level_counts.len(), 3);
    assert_eq!(level_counts[2]["critical"], 4);
    assert_eq!(level_counts[2]["high"], 3);
    assert_eq!(level_counts[2]["overdue"], 3);

    // The strays, as they were.
    for ((name, body), time) in strays.iter().zip(&stray_times) {
        let p = archive.join(name);
        assert_eq!(&std::fs::read(&p).unwrap()[..], *body, "{name}");
        assert_eq!(
            std::fs::metadata(&p).unwrap().modified().unwrap(),
            *time,
            "{name}"
        );
    }
    let mut names: Vec<String> = std::fs::read_dir(&archive)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut want: Vec<String> = strays.iter().map(|(n, _)| n.to_string()).collect();
    want.extend(["26", "27", "28"].map(|d| format!("worklist-2026-11-{d}.xlsx")));
    want.sort();
    assert_eq!(names, want, "no temporary file left, nothing else written");
}

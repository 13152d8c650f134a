//! Yesterday's worklist carried into today's. Day 1's workbook is
//! edited the way people do (statuses, notes, a formula typed in Notas,
//! snooze dates as date cells, a column of their own, rows re-sorted, a row
//! typed without a tenant), re-saved by LibreOffice, and given to day 2 with
//! `--previous`. [`typed_cells`]: cells typed as durations, times and TRUE/FALSE.

mod typed_cells;

use crate::common::office::{resave_with_libreoffice, with_member};
use crate::common::{as_of, cli, header_row, scratch_dir, Book};
use calamine::Data;
use chrono::Datelike;
use retention_worklist::{Change, Departure, Run};
use retention_worklist::{Error, Expected, Level, Options, Output, PreviousError};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

const DAY1: &str = "\
tenant_id,tenant_name,subscription_status,payment_failed,trial_ends_at,messages_used,messages_limit,account_executive
T-1,Uno,past_due,yes,,,,Ana
T-2,Dos,trialing,no,2026-12-02,,,Ana
T-3,Tres,trialing,no,2026-12-01,,,Luis
T-4,Cuatro,past_due,yes,,,,Luis
T-5,Cinco,trialing,no,2026-11-28,,,Ana
T-6,Seis,active,no,,950,1000,Ana
T-7,Siete,trialing,no,2026-11-28,,,Luis
T-9,Nueve,past_due,yes,,950,1000,Ana
T-10,Diez,trialing,no,2026-12-02,,,Luis
";

// T-1 same (CRÍTICO), T-2 up (MEDIO → ALTO, snooze lifted), T-3 same and
// snoozed, T-4 payment recovered, T-5 converted, T-6 gone from the export,
// T-7 canceled, T-8 new, T-9 down (CRÍTICO → INFORMATIVO), T-10 same with a
// snooze typed as text.
const DAY2: &str = "\
tenant_id,tenant_name,subscription_status,payment_failed,trial_ends_at,messages_used,messages_limit,account_executive
T-1,Uno,past_due,yes,,,,Ana
T-2,Dos,trialing,no,2026-11-28,,,Ana
T-3,Tres,trialing,no,2026-12-01,,,Luis
T-4,Cuatro,active,no,,,,Luis
T-5,Cinco,active,no,,,,Ana
T-7,Siete,canceled,no,2026-11-28,,,Luis
T-8,Ocho,past_due,yes,,,,Ana
T-9,Nueve,active,no,,950,1000,Ana
T-10,Diez,trialing,no,2026-12-02,,,Luis
";

/// The engine's defaults on day `d` of the fixtures' month.
fn day(d: u32) -> Options {
    Options::new(as_of().with_day(d).unwrap())
}

/// Day 1's worklist as the team left it: every Worklist cell copied, then
/// edited, rows in reverse order, a column of their own, a row without a
/// tenant; the Resumen sheet copied (it records the as-of date).
fn edit_like_a_person(day1: &[u8]) -> Vec<u8> {
    let book = Book::new(day1);
    let ws = book.range("Worklist");
    let resumen = book.range("Resumen");
    let rows: Vec<Vec<Data>> = ws.rows().map(|r| r.to_vec()).collect();
    let header: Vec<String> = rows[0].iter().map(|d| d.to_string()).collect();
    let col = |h: &str| header.iter().position(|x| x == h).unwrap() as u16;
    let (id, status, notes, snooze) = (
        col("ID"),
        col("Estado"),
        col("Notas"),
        col("Posponer hasta"),
    );
    let own = header.len() as u16; // "Llamado por", the team's column

    let mut wb = Workbook::new();
    let sh = wb.add_worksheet().set_name("Worklist").unwrap();
    for (c, h) in header.iter().enumerate() {
        sh.write_string(0, c as u16, h).unwrap();
    }
    sh.write_string(0, own, "Llamado por").unwrap();
    let date = |y, m, d| ExcelDateTime::from_ymd(y, m, d).unwrap();
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    let mut data: Vec<&Vec<Data>> = rows[1..].iter().collect();
    data.reverse();
    for (k, row) in data.iter().enumerate() {
        let r = k as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            match v {
                Data::Float(f) => sh.write_number(r, c as u16, *f).map(drop).unwrap(),
                Data::DateTime(d) => {
                    let f = d.as_f64();
                    sh.write_number_with_format(r, c as u16, f, &date_format)
                        .map(drop)
                        .unwrap()
                }
                Data::Empty => {}
                other => sh
                    .write_string(r, c as u16, other.to_string())
                    .map(drop)
                    .unwrap(),
            }
        }
        let tenant = row[id as usize].to_string();
        match tenant.as_str() {
            "T-1" => {
                sh.write_string(r, status, "Contactado").unwrap();
                sh.write_string(r, notes, "Llamó el owner; paga el viernes")
                    .unwrap();
                sh.write_string(r, own, "Ana").unwrap();
            }
            "T-2" => {
                sh.write_datetime_with_format(r, snooze, date(2026, 12, 5), &date_format)
                    .unwrap();
            }
            "T-3" => {
                sh.write_formula(r, notes, Formula::new("=1+1").set_result("2"))
                    .unwrap();
                sh.write_datetime_with_format(r, snooze, date(2026, 12, 1), &date_format)
                    .unwrap();
                sh.write_number(r, own, 3.0).unwrap();
            }
            "T-4" => {
                sh.write_string(r, status, "Resuelto").unwrap();
                sh.write_string(r, notes, "Actualizó la tarjeta").unwrap();
            }
            "T-10" => {
                sh.write_string(r, snooze, "pronto").unwrap();
            }
            _ => {}
        }
    }
    // A row typed at the bottom, without a tenant.
    let r = data.len() as u32 + 1;
    sh.write_string(r, notes, "Revisar mañana con Luis")
        .unwrap();
    let sm = wb.add_worksheet().set_name("Resumen").unwrap();
    for (r, row) in resumen.rows().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !matches!(v, Data::Empty) {
                sm.write_string(r as u32, c as u16, v.to_string()).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

/// Day 2 carried from day 1 as edited and re-saved (None: no LibreOffice here).
fn day2_from_resaved() -> Option<(Output, Vec<u8>)> {
    let day1 = Run::new(DAY1.as_bytes(), &day(26)).build().unwrap();
    let edited = edit_like_a_person(&day1.xlsx);
    let dir = scratch_dir();
    let previous = resave_with_libreoffice(&edited, dir.path())?;
    let o = day(27);
    let out = Run::new(DAY2.as_bytes().to_vec(), &o)
        .previous(Some(&previous))
        .build()
        .unwrap();
    Some((out, previous))
}

#[test]
fn day_two_carries_what_the_team_typed_after_a_libreoffice_resave() {
    let Some((out, previous)) = day2_from_resaved() else {
        return;
    };
    let ids: Vec<&str> = out.items.iter().map(|w| w.contact.id.as_str()).collect();
    // Active rows by urgency; the snoozed T-3 last.
    assert_eq!(ids, ["T-1", "T-8", "T-2", "T-10", "T-9", "T-3"]);
    let by = |id: &str| out.items.iter().find(|w| w.contact.id == id).unwrap();
    assert_eq!(by("T-1").tracking.change, Some(Change::Same));
    assert_eq!(by("T-8").tracking.change, Some(Change::New));
    assert_eq!(
        by("T-2").tracking.change,
        Some(Change::Up {
            from: Level::Medium
        })
    );
    assert_eq!(
        by("T-9").tracking.change,
        Some(Change::Down {
            from: Level::Critical
        })
    );
    assert!(by("T-3").tracking.snoozed && !by("T-2").tracking.snoozed);
    assert!(
        by("T-2").tracking.snooze_lifted,
        "more urgent: the snooze no longer applies"
    );

    let c = out.summary.changes.as_ref().unwrap();
    assert_eq!(
        (c.new, c.same, c.up, c.down, c.snoozed, c.left),
        (1, 3, 1, 1, 1, 4)
    );
    assert_eq!(c.new + c.same + c.up + c.down, out.items.len() as u64);
    assert_eq!(out.summary.carried, 5);
    let left: Vec<(&str, Departure)> = out.left.iter().map(|l| (l.id.as_str(), l.why)).collect();
    for want in [
        ("T-4", Departure::PaymentRecovered),
        ("T-5", Departure::TrialConverted),
        ("T-6", Departure::NotInExport),
        ("T-7", Departure::Canceled),
    ] {
        assert!(left.contains(&want), "{want:?} in {left:?}");
    }

    // The workbook: values carried as typed, the formula as text, dates as dates.
    let book = Book::new(out.xlsx.clone());
    let ws = book.range("Worklist");
    let header = header_row(&ws);
    let col = |h: &str| {
        header
            .iter()
            .position(|x| x == h)
            .unwrap_or_else(|| panic!("{h}"))
    };
    assert_eq!(
        header.last().map(String::as_str),
        Some("Llamado por"),
        "the team's column last"
    );
    let row_of = |id: &str| {
        ws.rows()
            .find(|r| r[col("ID")] == id)
            .unwrap_or_else(|| panic!("{id}"))
            .to_vec()
    };
    let t1 = row_of("T-1");
    assert_eq!(t1[col("Estado")].to_string(), "Contactado");
    assert_eq!(
        t1[col("Notas")].to_string(),
        "Llamó el owner; paga el viernes"
    );
    assert_eq!(t1[col("Llamado por")].to_string(), "Ana");
    assert_eq!(t1[col("Cambio")].to_string(), "SIGUE");
    let since = |r: &[Data]| match &r[col("En lista desde")] {
        Data::DateTime(d) => d.as_datetime().unwrap().date().to_string(),
        other => panic!("since is not a date cell: {other:?}"),
    };
    assert_eq!(since(&t1), "2026-11-26");
    assert_eq!(since(&row_of("T-8")), "2026-11-27");
    let t3 = row_of("T-3");
    assert_eq!(
        t3[col("Notas")],
        Data::String("=1+1".into()),
        "a formula carried as its text"
    );
    assert_eq!(
        t3[col("Llamado por")],
        Data::Float(3.0),
        "a number stays a number"
    );
    assert!(matches!(t3[col("Posponer hasta")], Data::DateTime(_)));
    assert!(t3[col("Cambio")]
        .to_string()
        .contains("POSPUESTO hasta 01/12/2026"));
    assert!(row_of("T-2")[col("Cambio")]
        .to_string()
        .starts_with("SUBIÓ: 🟡 MEDIO → 🟠 ALTO"));
    assert_eq!(row_of("T-10")[col("Posponer hasta")].to_string(), "pronto");
    let formulas = book.formula_range("Worklist");
    assert!(formulas
        .used_cells()
        .all(|(_, c, f)| f.is_empty() || c == col("Teléfono")));
    // The snoozed row is grey, not its level's colour.
    let last = out.items.len() as u32 + 1;
    assert_eq!(
        book.fill_of(1, &format!("A{last}")),
        Some(retention_worklist::SNOOZED_FILL)
    );

    // The Cambios sheet lists who left, with what was typed and why.
    let cambios = book.range("Cambios");
    let t4 = cambios.rows().find(|r| r[0] == "T-4").unwrap();
    assert_eq!(t4[3].to_string(), "Pago recuperado: sin riesgo hoy");
    assert_eq!(
        (t4[4].to_string(), t4[5].to_string()),
        ("Resuelto".into(), "Actualizó la tarjeta".into())
    );
    assert_eq!(
        cambios
            .rows()
            .skip(1)
            .filter(|r| r[0].to_string().starts_with("T-"))
            .count(),
        4
    );

    // Nothing typed is lost: the text snooze and the row without a tenant are problems.
    let problems = &out.summary.problem_list;
    assert!(problems
        .iter()
        .any(|p| p.expected == Expected::SnoozeDate && p.value == "pronto"));
    assert!(problems
        .iter()
        .any(|p| p.expected == Expected::PreviousIdentity && p.value == "Revisar mañana con Luis"));

    // Deterministic: the same two inputs give the same bytes.
    let again = Run::new(DAY2.as_bytes().to_vec(), &day(27))
        .previous(Some(&previous))
        .build()
        .unwrap();
    assert_eq!(again.xlsx, out.xlsx);
}

#[test]
fn without_a_previous_worklist_the_columns_are_there_and_no_changes_are_claimed() {
    let out = Run::new(DAY1.as_bytes(), &day(26)).build().unwrap();
    assert!(out.summary.changes.is_none() && out.summary.previous.is_none());
    assert!(out.items.iter().all(|w| w.tracking.change.is_none()));
    let book = Book::new(out.xlsx);
    assert!(!book.sheet_names().iter().any(|s| s == "Cambios"));
    let header: Vec<String> = book
        .range("Worklist")
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|d| d.to_string())
        .collect();
    for h in ["Cambio", "Posponer hasta", "En lista desde"] {
        assert!(header.iter().any(|x| x == h), "{h} in {header:?}");
    }
}

#[test]
fn the_same_day_again_and_an_english_previous_list_are_read() {
    let first = Run::new(DAY1.as_bytes(), &day(26)).build().unwrap();
    let again = Run::new(DAY1.as_bytes().to_vec(), &day(26))
        .previous(Some(&first.xlsx))
        .build()
        .unwrap();
    let c = again.summary.changes.unwrap();
    assert_eq!((c.same, c.left, c.new), (first.items.len() as u64, 0, 0));
    let mut en = day(26);
    en.lang = "en".parse().unwrap();
    let english = Run::new(DAY1.as_bytes(), &en).build().unwrap();
    let carried = Run::new(DAY2.as_bytes().to_vec(), &day(27))
        .previous(Some(&english.xlsx))
        .build()
        .unwrap();
    assert_eq!(
        carried.summary.changes.unwrap().left,
        4,
        "headers found in English too"
    );
}

#[test]
fn a_wrong_previous_file_stops_the_run_with_a_reason() {
    let today = DAY2.as_bytes().to_vec();
    let run = |prev: &[u8], o: &Options| {
        Run::new(today.clone(), o)
            .previous(Some(prev))
            .build()
            .unwrap_err()
    };
    let later = Run::new(DAY1.as_bytes(), &day(28)).build().unwrap();
    assert!(matches!(
        run(&later.xlsx, &day(27)),
        Error::Previous(PreviousError::AfterAsOf { .. })
    ));
    assert_eq!(
        run(DAY1.as_bytes(), &day(27)),
        Error::Previous(PreviousError::NotXlsx)
    );
    // An export-like workbook with no worklist sheet.
    let mut wb = Workbook::new();
    wb.add_worksheet().write_string(0, 0, "tenant_id").unwrap();
    let plain = wb.save_to_buffer().unwrap();
    assert!(matches!(
        run(&plain, &day(27)),
        Error::Previous(PreviousError::NoWorklistSheet { .. })
    ));
    let day1 = Run::new(DAY1.as_bytes(), &day(26)).build().unwrap().xlsx;
    let cut = &day1[..day1.len() / 2];
    assert!(matches!(
        run(cut, &day(27)),
        Error::Previous(PreviousError::Unreadable { .. })
    ));
    let big = vec![b'P'; (retention_worklist::MAX_PREVIOUS_BYTES + 1) as usize];
    assert!(matches!(
        run(&big, &day(27)),
        Error::Previous(PreviousError::TooLarge { .. })
    ));
    let e = run(DAY1.as_bytes(), &day(27));
    assert_eq!(e.input(), "previous");
    assert!(e
        .message(retention_worklist::Lang::Es)
        .contains("no es un libro XLSX"));
}

#[test]
fn the_cli_carries_with_previous_and_refuses_a_wrong_one_writing_nothing() {
    let dir = scratch_dir();
    let (d1, d2) = (dir.path().join("hoy.csv"), dir.path().join("manana.csv"));
    std::fs::write(&d1, DAY1).unwrap();
    std::fs::write(&d2, DAY2).unwrap();
    let run = |args: &[&std::ffi::OsStr]| cli().args(args).output().unwrap();
    let (w1, w2) = (dir.path().join("w1.xlsx"), dir.path().join("w2.xlsx"));
    let os = |s: &'static str| std::ffi::OsStr::new(s);
    let out = run(&[
        d1.as_os_str(),
        os("-o"),
        w1.as_os_str(),
        os("--as-of"),
        os("2026-11-26"),
        os("-q"),
    ]);
    assert!(out.status.success());
    let out = run(&[
        d2.as_os_str(),
        os("-o"),
        w2.as_os_str(),
        os("--as-of"),
        os("2026-11-27"),
        os("--previous"),
        w1.as_os_str(),
        os("--json"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = String::from_utf8(out.stdout).unwrap();
    assert!(
        json.contains(r#""changes":{"new":1,"same":3,"up":1,"down":1,"snoozed":0,"left":4"#),
        "{json}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("desde w1.xlsx: nuevos 1"));
    // The library gives the same bytes.
    let w1_bytes = std::fs::read(&w1).unwrap();
    let lib = Run::new(DAY2.as_bytes().to_vec(), &{
        let mut o = day(27);
        o.file_name = "manana.csv".into();
        o.previous_file_name = "w1.xlsx".into();
        o.tz = "UTC".parse().unwrap();
        o
    })
    .previous(Some(&w1_bytes))
    .build()
    .unwrap();
    let cli_bytes = std::fs::read(&w2).unwrap();
    assert_eq!(lib.summary.changes, serde_json_changes(&json));
    // A previous file from a later day: exit 1, a reason, no workbook.
    let w3 = dir.path().join("w3.xlsx");
    let out = run(&[
        d2.as_os_str(),
        os("-o"),
        w3.as_os_str(),
        os("--as-of"),
        os("2026-11-25"),
        os("--previous"),
        w1.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("posterior a la fecha de corte"));
    assert!(!w3.exists());
    let out = run(&[
        d2.as_os_str(),
        os("-o"),
        w3.as_os_str(),
        os("--previous"),
        d1.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no es un libro XLSX"));
    assert!(!w3.exists());
    assert!(!cli_bytes.is_empty());
}

/// The `changes` object of the CLI's JSON, read back.
fn serde_json_changes(json: &str) -> Option<retention_worklist::Changes> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let c = &v["changes"];
    let n = |k: &str| c[k].as_u64().unwrap();
    let by = &c["left_by"];
    Some(retention_worklist::Changes {
        new: n("new"),
        same: n("same"),
        up: n("up"),
        down: n("down"),
        snoozed: n("snoozed"),
        left: n("left"),
        left_by: retention_worklist::LeftCounts {
            payment_recovered: by["payment_recovered"].as_u64().unwrap(),
            trial_converted: by["trial_converted"].as_u64().unwrap(),
            no_risk: by["no_risk"].as_u64().unwrap(),
            canceled: by["canceled"].as_u64().unwrap(),
            not_in_export: by["not_in_export"].as_u64().unwrap(),
        },
    })
}

#[test]
fn a_zip_bomb_or_a_sheet_past_the_row_limit_is_refused_before_it_is_read() {
    let day1 = Run::new(DAY1.as_bytes(), &day(26)).build().unwrap().xlsx;
    let run = |prev: &[u8]| {
        Run::new(DAY2.as_bytes().to_vec(), &day(27))
            .previous(Some(prev))
            .build()
            .unwrap_err()
    };
    // The worklist sheet declares 1,048,577 rows (one past Excel's limit).
    let long = with_member(&day1, "xl/worksheets/sheet1.xml", |xml| {
        let start = xml.find("<dimension ref=\"").unwrap() + 16;
        let end = start + xml[start..].find('"').unwrap();
        format!("{}A1:W1048577{}", &xml[..start], &xml[end..])
    });
    assert!(
        matches!(
            run(&long),
            Error::Previous(PreviousError::SheetTooLong {
                rows: 1_048_577,
                ..
            })
        ),
        "{:?}",
        run(&long)
    );
    // A member that declares 4 GB unpacked.
    let mut bomb = day1.clone();
    let cd = bomb.windows(4).rposition(|x| x == b"PK\x01\x02").unwrap();
    bomb[cd + 24..cd + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    let e = run(&bomb);
    assert!(
        matches!(e, Error::Previous(PreviousError::ZipBomb { .. })),
        "{e:?}"
    );
    assert!(e
        .message(retention_worklist::Lang::Es)
        .contains("worklist anterior"));
}

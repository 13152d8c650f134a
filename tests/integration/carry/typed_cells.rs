//! Cells the team typed as something other than text, carried as a person sees them: a
//! duration (`36:00:00`, stored as 1.5 days with an `[h]:mm:ss` format), a time of day (`12:00`,
//! stored as 0.5), TRUE. Yesterday's worklist is written with rust_xlsxwriter and, when
//! LibreOffice is here, also re-saved by it. (LibreOffice writes a TRUE cell as the formula
//! `TRUE()`, carried as that text like any formula: TRUE is checked on the first file only.)

use super::{day, DAY1, DAY2};
use crate::common::office::resave_with_libreoffice;
use crate::common::{header_row, scratch_dir, Book};
use calamine::Data;
use retention_worklist::{Expected, Output, Run};
use rust_xlsxwriter::{Format, Workbook};

/// The team's own column.
const OWN: &str = "Tiempo al teléfono";

/// Day 1's worklist with T-1's status typed as a duration, its notes as a time of day and its
/// own column as a duration; T-2's status typed as TRUE; T-3's own column as a time of day;
/// T-4's snooze as a date-formatted number no calendar holds.
fn typed_previous() -> Vec<u8> {
    let day1 = Run::new(DAY1.as_bytes(), &day(26)).build().unwrap();
    let ws = Book::new(day1.xlsx).range("Worklist");
    let rows: Vec<Vec<Data>> = ws.rows().map(<[Data]>::to_vec).collect();
    let header: Vec<String> = rows[0].iter().map(|d| d.to_string()).collect();
    let col = |h: &str| header.iter().position(|x| x == h).unwrap() as u16;
    let (id, status, notes, own) = (col("ID"), col("Estado"), col("Notas"), header.len() as u16);
    let snooze = col("Posponer hasta");
    let hours = Format::new().set_num_format("[h]:mm:ss");
    let hours_minutes = Format::new().set_num_format("[h]:mm");
    let clock = Format::new().set_num_format("hh:mm");
    let date = Format::new().set_num_format("dd/mm/yyyy");

    let mut wb = Workbook::new();
    let sh = wb.add_worksheet().set_name("Worklist").unwrap();
    for (c, h) in header.iter().enumerate() {
        sh.write_string(0, c as u16, h).unwrap();
    }
    sh.write_string(0, own, OWN).unwrap();
    for (r, row) in rows.iter().enumerate().skip(1) {
        let r = r as u32;
        for (c, v) in row.iter().enumerate() {
            let c = c as u16;
            match v {
                Data::Empty => {}
                Data::Float(f) => drop(sh.write_number(r, c, *f).unwrap()),
                Data::DateTime(d) => drop(sh.write_number_with_format(r, c, d.as_f64(), &date)),
                other => drop(sh.write_string(r, c, other.to_string()).unwrap()),
            }
        }
        match row[id as usize].to_string().as_str() {
            "T-1" => {
                sh.write_number_with_format(r, status, 1.5, &hours).unwrap();
                sh.write_number_with_format(r, notes, 0.5, &clock).unwrap();
                sh.write_number_with_format(r, own, 1.5, &hours_minutes)
                    .unwrap();
            }
            "T-2" => drop(sh.write_boolean(r, status, true).unwrap()),
            "T-3" => drop(sh.write_number_with_format(r, own, 0.75, &clock).unwrap()),
            "T-4" => drop(
                sh.write_number_with_format(r, snooze, -1e300, &date)
                    .unwrap(),
            ),
            _ => {}
        }
    }
    wb.save_to_buffer().unwrap()
}

/// Day 2 carried from `previous`: T-1's, T-2's and T-3's tracking as the engine read it, and
/// their cells in today's Worklist sheet.
fn carried(previous: &[u8]) -> Output {
    let out = Run::new(DAY2.as_bytes().to_vec(), &day(27))
        .previous(Some(previous))
        .build()
        .unwrap();
    let tracking = |id: &str| {
        let w = out.items.iter().find(|w| w.contact.id == id).unwrap();
        w.tracking.clone()
    };
    let t1 = tracking("T-1");
    assert_eq!(
        t1.status.as_deref(),
        Some("36:00:00"),
        "a duration as Excel shows it, not as a date in 1900"
    );
    assert_eq!(t1.notes, "12:00:00", "a time of day without a date");

    let ws = Book::new(out.xlsx.clone()).range("Worklist");
    let header = header_row(&ws);
    let col = |h: &str| header.iter().position(|x| x == h).unwrap();
    let cell = |id: &str, h: &str| {
        let row = ws.rows().find(|r| r[col("ID")] == id).unwrap();
        row[col(h)].clone()
    };
    let text = |s: &str| Data::String(s.into());
    assert_eq!(cell("T-1", "Estado"), text("36:00:00"));
    assert_eq!(cell("T-1", "Notas"), text("12:00:00"));
    assert_eq!(cell("T-1", OWN), text("36:00:00"), "the team's column");
    assert_eq!(cell("T-3", OWN), text("18:00:00"), "the team's column");
    out
}

#[test]
fn durations_times_and_booleans_typed_yesterday_are_carried_as_a_person_sees_them() {
    let previous = typed_previous();
    let out = carried(&previous);
    let t2 = out.items.iter().find(|w| w.contact.id == "T-2").unwrap();
    assert_eq!(
        t2.tracking.status.as_deref(),
        Some("TRUE"),
        "as Excel shows it"
    );
    // The far date (calamine's own date of it panics): a snooze that is no date, reported.
    let p = out.summary.problem_list.iter();
    assert!(p
        .filter(|p| p.expected == Expected::SnoozeDate)
        .any(|p| p.tenant.contains("T-4")));
    let dir = scratch_dir();
    if let Some(resaved) = resave_with_libreoffice(&previous, dir.path()) {
        carried(&resaved);
    }
}

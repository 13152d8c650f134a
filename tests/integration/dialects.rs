//! Every input dialect the issue lists, and every rule at its boundaries,
//! through the public API.

use crate::common::{as_of, fixture, options};
use retention_worklist::{Error, Lang, Level, Run};

struct Case {
    file: &'static str,
    encoding: &'static str,
    delimiter: &'static str,
    date_order: &'static str,
    /// critical, high, medium, info, no_risk, rejected
    counts: [u64; 6],
    problems: u64,
}

const CASES: &[Case] = &[
    Case {
        file: "es-excel-semicolon.csv",
        encoding: "UTF-8 (BOM)",
        delimiter: ";",
        date_order: "dmy",
        counts: [1, 1, 1, 1, 2, 0],
        problems: 0,
    },
    Case {
        file: "en-db-comma.csv",
        encoding: "UTF-8",
        delimiter: ",",
        date_order: "dmy",
        counts: [1, 1, 1, 1, 2, 0],
        problems: 0,
    },
    Case {
        file: "excel-unicode-utf16le.txt",
        encoding: "UTF-16LE",
        delimiter: "\\t",
        date_order: "dmy",
        counts: [0, 1, 0, 1, 0, 0],
        problems: 0,
    },
    Case {
        file: "utf16be.csv",
        encoding: "UTF-16BE",
        delimiter: ",",
        date_order: "dmy",
        counts: [0, 0, 1, 0, 0, 0],
        problems: 0,
    },
    Case {
        file: "windows-1252.csv",
        encoding: "windows-1252",
        delimiter: ";",
        date_order: "dmy",
        counts: [1, 1, 0, 0, 0, 0],
        problems: 0,
    },
    Case {
        file: "sep-line-pipe.csv",
        encoding: "UTF-8",
        delimiter: "|",
        date_order: "dmy",
        counts: [0, 1, 1, 0, 0, 0],
        problems: 0,
    },
    Case {
        file: "us-month-first.csv",
        encoding: "UTF-8",
        delimiter: ",",
        date_order: "mdy",
        counts: [0, 1, 1, 0, 1, 0],
        problems: 0,
    },
    Case {
        file: "partial-trial-only.csv",
        encoding: "UTF-8",
        delimiter: ",",
        date_order: "dmy",
        counts: [0, 1, 0, 0, 1, 0],
        problems: 0,
    },
    Case {
        file: "bad-rows.csv",
        encoding: "UTF-8",
        delimiter: ",",
        date_order: "dmy",
        counts: [1, 0, 0, 1, 3, 1],
        problems: 8,
    },
    Case {
        file: "header-only.csv",
        encoding: "UTF-8",
        delimiter: ",",
        date_order: "dmy",
        counts: [0, 0, 0, 0, 0, 0],
        problems: 0,
    },
];

#[test]
fn each_dialect_is_read_and_counted() {
    for c in CASES {
        let a = Run::new(fixture(c.file), &options())
            .analyze()
            .unwrap_or_else(|e| panic!("{}: {e}", c.file));
        let s = &a.summary;
        assert_eq!(
            (s.encoding, s.delimiter, s.date_order),
            (c.encoding, c.delimiter, c.date_order),
            "{}",
            c.file
        );
        assert_eq!(
            [s.critical, s.high, s.medium, s.info, s.no_risk, s.rejected],
            c.counts,
            "{}",
            c.file
        );
        assert_eq!(s.problems, c.problems, "{}: {:#?}", c.file, s.problem_list);
        assert_eq!(
            s.rows,
            c.counts.iter().sum::<u64>(),
            "{}: rows add up",
            c.file
        );
    }
}

#[test]
fn accents_survive_every_encoding() {
    let a = Run::new(fixture("windows-1252.csv"), &options())
        .analyze()
        .unwrap();
    let names: Vec<&str> = a.items.iter().map(|w| w.contact.name.as_str()).collect();
    assert_eq!(names, ["Acción Ágil", "Compañía Andina"]);
    assert_eq!(a.summary.notices, [retention_worklist::Notice::Windows1252]);
    let a = Run::new(fixture("excel-unicode-utf16le.txt"), &options())
        .analyze()
        .unwrap();
    assert_eq!(a.items[0].contact.name, "Café Ñandú");
}

#[test]
fn quoted_fields_with_delimiters_quotes_and_newlines() {
    let csv = "id;empresa;estado;pago_fallido\r\n\"Q;1\";\"Dice \"\"hola\"\"\r\nen dos líneas\";activo;sí\r\n";
    let a = Run::new(csv.as_bytes(), &options()).analyze().unwrap();
    assert_eq!(a.items[0].contact.id, "Q;1");
    assert_eq!(a.items[0].contact.name, "Dice \"hola\"\r\nen dos líneas");
}

#[test]
fn date_order_option_overrides_detection() {
    let mut o = options();
    o.date_order = Some(retention_worklist::DateOrder::Mdy);
    let csv = "id,trial_ends_at\nA,11/28/2026\nB,12/03/2026\n";
    let a = Run::new(csv.as_bytes(), &o).analyze().unwrap();
    assert_eq!((a.summary.high, a.summary.medium), (1, 1));
    assert_eq!(a.summary.date_order, "mdy");
    // Day-first by default: 11/28 is impossible then, and reported.
    let a = Run::new(
        "id,trial_ends_at\nA,11/28/2026\nB,30/11/2026\n".as_bytes(),
        &options(),
    )
    .analyze()
    .unwrap();
    assert_eq!(a.summary.date_order, "dmy");
    assert_eq!(a.summary.problems, 1);
}

#[test]
fn column_mapping_by_hand() {
    let mut o = options();
    o.columns
        .push((retention_worklist::Field::TrialEndsAt, "Vence el".into()));
    let a = Run::new("id,Vence el\nA,2026-11-27\n".as_bytes(), &o)
        .analyze()
        .unwrap();
    assert_eq!(a.summary.high, 1);
    assert!(
        Run::new("id,Vence el\nA,2026-11-27\n".as_bytes(), &options())
            .analyze()
            .is_err()
    );
}

#[test]
fn unknown_columns_are_listed() {
    let a = Run::new(fixture("partial-trial-only.csv"), &options())
        .analyze()
        .unwrap();
    assert_eq!(a.summary.unknown_columns, ["notas"]);
}

#[test]
fn unusable_inputs_are_errors_with_specific_messages() {
    let e = Run::new(fixture("unusable-empty.csv"), &options())
        .build()
        .unwrap_err();
    assert_eq!(e, Error::EmptyInput);
    // A zip that is no workbook: read as one (by its content), refused as one.
    let e = Run::new(fixture("unusable-binary.bin"), &options())
        .build()
        .unwrap_err();
    assert!(matches!(e, Error::UnreadableWorkbook { .. }), "{e:?}");
    assert!(e.message(Lang::Es).contains(".xlsx"));
    let e = Run::new(b"%PDF-1.7\n\x00\x01binary", &options())
        .build()
        .unwrap_err();
    assert!(matches!(e, Error::BinaryInput { .. }));
    let e = Run::new(fixture("unusable-no-columns.csv"), &options())
        .build()
        .unwrap_err();
    assert!(
        e.message(Lang::Es).contains("«foo», «bar», «baz»"),
        "{}",
        e.message(Lang::Es)
    );
}

/// One tenant on trial ending in `days` days, or with `used`/`limit` usage.
fn level_for(csv_row: &str, header: &str) -> Option<Level> {
    let csv = format!("{header}\n{csv_row}\n");
    let a = Run::new(csv.as_bytes(), &options()).analyze().unwrap();
    a.items.first().map(|w| w.level)
}

#[test]
fn trial_rule_boundaries() {
    let as_of = as_of();
    for (days, expected) in [
        (-1, Some(Level::High)),
        (0, Some(Level::High)),
        (3, Some(Level::High)),
        (4, Some(Level::Medium)),
        (7, Some(Level::Medium)),
        (8, None),
    ] {
        let date = as_of + chrono::Duration::days(days);
        let row = format!("T,trialing,{}", date.format("%d/%m/%Y"));
        assert_eq!(
            level_for(&row, "id,status,trial_ends_at"),
            expected,
            "days_left = {days}"
        );
    }
}

#[test]
fn expired_trial_is_shown_as_overdue() {
    let a = Run::new(
        "id,status,trial_ends_at\nT,trialing,2026-11-23\n".as_bytes(),
        &options(),
    )
    .analyze()
    .unwrap();
    assert_eq!(
        a.items[0].reason,
        "Trial vencido hace 3 días (23/11/2026), sin convertir"
    );
}

#[test]
fn usage_rule_boundaries() {
    let h = "id,messages_used,messages_limit";
    assert_eq!(
        level_for("U,9.000,10.000", h),
        None,
        "exactly 90 % is not above"
    );
    assert_eq!(level_for("U,9.001,10.000", h), Some(Level::Info));
    assert_eq!(level_for("U,5,0", h), None, "limit 0");
    assert_eq!(level_for("U,91,100", h), Some(Level::Info));
}

#[test]
fn payment_rule_triggers() {
    let h = "id,status,payment_failed,last_payment_status";
    for row in [
        "P,active,true,",
        "P,active,,declined",
        "P,past_due,,",
        "P,unpaid,,",
        "P,incomplete,,",
        "P,activo,x,",
        "P,active,,rechazado",
    ] {
        assert_eq!(level_for(row, h), Some(Level::Critical), "{row}");
    }
    for row in [
        "P,active,false,succeeded",
        "P,cancelado,sí,failed",
        "P,active,no,pendiente",
    ] {
        assert_ne!(level_for(row, h), Some(Level::Critical), "{row}");
    }
}

#[test]
fn a_failed_payment_with_a_broken_date_is_still_critical() {
    let a = Run::new(
        "id,status,trial_ends_at,payment_failed\nT,trialing,31/02/2026,sí\n".as_bytes(),
        &options(),
    )
    .analyze()
    .unwrap();
    assert_eq!(a.items[0].level, Level::Critical);
    assert_eq!(a.summary.problems, 1);
}

#[test]
fn offsets_are_converted_to_the_report_zone() {
    // 04:00 UTC on the 30th is the 29th in Mexico City: 3 days → ALTO, not MEDIO.
    let h = "id,status,trial_ends_at";
    assert_eq!(
        level_for("T,trialing,2026-11-30T04:00:00Z", h),
        Some(Level::High)
    );
    assert_eq!(
        level_for("T,trialing,2026-11-30T07:00:00Z", h),
        Some(Level::Medium)
    );
    // Without an offset the time is local: the date stands.
    assert_eq!(
        level_for("T,trialing,2026-11-30 04:00", h),
        Some(Level::Medium)
    );
}

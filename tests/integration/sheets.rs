//! Exports that arrive as workbooks: written by real programs
//! (LibreOffice, tests/fixtures/sheets/, made by scripts/make-sheet-fixtures.sh)
//! and by rust_xlsxwriter for the typed-cell cases, read like their CSV.

use crate::common::{default_options, read};
use retention_worklist::{Analysis, Error, Expected, Lang, Level, Options, Run};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::io::{Cursor, Read, Write};

/// The engine's defaults in the zone named UTC.
fn options() -> Options {
    let mut o = default_options();
    o.tz = "UTC".parse().unwrap();
    o
}

fn run(bytes: &[u8]) -> Analysis {
    Run::new(bytes, &options())
        .analyze()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// What must not differ between a CSV and the same list as a workbook: the
/// counts, the worklist in order, each row's words, and the problems.
fn same_classification(csv: &Analysis, sheet: &Analysis, label: &str) {
    let (a, b) = (&csv.summary, &sheet.summary);
    let counts = |s: &retention_worklist::Summary| {
        [
            s.rows, s.critical, s.high, s.medium, s.info, s.no_risk, s.rejected, s.problems,
        ]
    };
    assert_eq!(counts(a), counts(b), "{label}: counts");
    let rows = |x: &Analysis| -> Vec<(Level, String, String, String, Option<i64>)> {
        x.items
            .iter()
            .map(|w| {
                let c = &w.contact;
                (
                    w.level,
                    c.id.clone(),
                    c.name.clone(),
                    w.reason.clone(),
                    w.days_left,
                )
            })
            .collect()
    };
    assert_eq!(rows(csv), rows(sheet), "{label}: worklist");
    // The same problems in the same order; their lines may differ (a CSV
    // line counts the line breaks inside quoted fields, a sheet row does not).
    let problems = |s: &retention_worklist::Summary| -> Vec<(String, Expected)> {
        s.problem_list
            .iter()
            .map(|p| (p.tenant.clone(), p.expected))
            .collect()
    };
    assert_eq!(problems(a), problems(b), "{label}: problems");
    assert!(
        b.problem_list.iter().all(|p| p.cell.is_some()),
        "{label}: cells named"
    );
    assert_eq!(a.columns, b.columns, "{label}: columns");
}

#[test]
fn libreoffice_workbooks_classify_like_their_csv() {
    for (csv, name) in [
        ("www/sample/tenants-ejemplo.csv", "tenants-ejemplo"),
        (
            "tests/fixtures/es-excel-semicolon.csv",
            "es-excel-semicolon",
        ),
        ("tests/fixtures/en-db-comma.csv", "en-db-comma"),
        ("tests/fixtures/us-month-first.csv", "us-month-first"),
    ] {
        let text = run(&read(csv));
        for (format, magic) in [("xlsx", &b"PK"[..]), ("ods", b"PK"), ("xls", b"\xD0\xCF")] {
            let bytes = read(&format!("tests/fixtures/sheets/{name}.{format}"));
            assert!(
                bytes.starts_with(magic),
                "{name}.{format} is a real {format}"
            );
            let sheet = run(&bytes);
            same_classification(&text, &sheet, &format!("{name}.{format}"));
            assert_eq!(sheet.summary.sheet.as_deref(), Some(name));
            assert_eq!(sheet.summary.encoding, format);
        }
    }
}

#[test]
fn problems_name_the_sheet_and_cell() {
    let bytes = read("tests/fixtures/sheets/tenants-ejemplo.xlsx");
    let a = run(&bytes);
    let date = a
        .summary
        .problem_list
        .iter()
        .find(|p| p.expected == Expected::Date)
        .expect("the sample's 31/02/2026");
    assert_eq!(
        date.value, "31/02/2026",
        "a text cell is still parsed, and reported"
    );
    assert_eq!(date.cell.as_deref(), Some("tenants-ejemplo!I19"));
    assert_eq!(date.place(), "Fecha fin trial (tenants-ejemplo!I19)");
}

#[test]
fn error_cells_are_reported_like_bad_values() {
    let bytes = read("tests/fixtures/sheets/errors.xlsx");
    let a = run(&bytes);
    let found: Vec<(&str, &str, Expected)> = a
        .summary
        .problem_list
        .iter()
        .map(|p| (p.cell.as_deref().unwrap(), p.value.as_str(), p.expected))
        .collect();
    assert_eq!(
        found,
        [
            ("errors!B2", "#N/A", Expected::Boolean),
            ("errors!C2", "#DIV/0!", Expected::Count)
        ]
    );
    // E-2 is still classified on what it says: sí = payment failed.
    assert_eq!((a.summary.rows, a.summary.critical), (2, 1));
}

/// A workbook the way people leave them: an empty first sheet, a hidden
/// sheet that looks like an export, merged header cells, typed cells.
fn typed_workbook() -> Vec<u8> {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let datetime = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    wb.add_worksheet().set_name("Portada").unwrap();
    let hidden = wb.add_worksheet();
    hidden.set_name("Borrador").unwrap();
    hidden.write_string(0, 0, "id").unwrap();
    hidden.write_string(0, 1, "payment_failed").unwrap();
    hidden.write_string(1, 0, "X-1").unwrap();
    hidden.write_boolean(1, 1, true).unwrap();
    hidden.set_hidden(true);
    let ws = wb.add_worksheet();
    ws.set_name("Datos").unwrap();
    // A title row merged across the top, then the header on row 3.
    ws.merge_range(0, 0, 0, 5, "Exportación de tenants", &Format::new())
        .unwrap();
    let headers = [
        "ID",
        "Empresa",
        "Pago fallido",
        "Fin del trial",
        "Mensajes usados",
        "Límite mensajes",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    // A merged header cell: "Notas" over G3:H3 (H3 is part of the merge, empty).
    ws.merge_range(2, 6, 2, 7, "Notas", &Format::new()).unwrap();
    ws.write_string(3, 6, "llamar el lunes").unwrap();
    let d = |y, m, day| ExcelDateTime::from_ymd(y, m, day).unwrap();
    // T-1: a date cell 2 days ahead → ALTO.
    ws.write_string(3, 0, "T-1").unwrap();
    ws.write_string(3, 1, "Uno").unwrap();
    ws.write_boolean(3, 2, false).unwrap();
    ws.write_datetime_with_format(3, 3, d(2026, 11, 28), &date)
        .unwrap();
    // T-2: a date-time 5 days ahead → MEDIO.
    ws.write_string(4, 0, "T-2").unwrap();
    ws.write_string(4, 1, "Dos").unwrap();
    let dt = d(2026, 12, 1).and_hms(10, 30, 0).unwrap();
    ws.write_datetime_with_format(4, 3, dt, &datetime).unwrap();
    // T-3: numbers, 9,500 of 10,000 → INFORMATIVO (not "9500.0" text).
    ws.write_string(5, 0, "T-3").unwrap();
    ws.write_string(5, 1, "Tres").unwrap();
    ws.write_number(5, 4, 9500.0).unwrap();
    ws.write_number(5, 5, 10000.0).unwrap();
    // T-4: a boolean TRUE → CRÍTICO; a text date that does not exist → problem.
    ws.write_string(6, 0, "T-4").unwrap();
    ws.write_string(6, 1, "Cuatro").unwrap();
    ws.write_boolean(6, 2, true).unwrap();
    ws.write_string(6, 3, "31/02/2026").unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn typed_cells_are_read_as_what_they_are() {
    let a = run(&typed_workbook());
    let s = &a.summary;
    assert_eq!(
        s.sheet.as_deref(),
        Some("Datos"),
        "the first visible sheet with columns"
    );
    assert_eq!(s.skipped_sheets, ["Portada", "Borrador"]);
    // The merged header's first cell names its column (the merge's empty
    // rest holds no data, so it is no column).
    assert_eq!(s.unknown_columns, ["Notas"]);
    let levels: Vec<(&str, Level, Option<i64>)> = a
        .items
        .iter()
        .map(|w| (w.contact.id.as_str(), w.level, w.days_left))
        .collect();
    assert_eq!(
        levels,
        [
            ("T-4", Level::Critical, None),
            ("T-1", Level::High, Some(2)),
            ("T-2", Level::Medium, Some(5)),
            ("T-3", Level::Info, None),
        ]
    );
    assert_eq!(a.items[3].usage, Some((9500, 10000)));
    assert_eq!(s.problem_list.len(), 1);
    let p = &s.problem_list[0];
    assert_eq!(
        (p.line, p.cell.as_deref(), p.expected),
        (7, Some("Datos!D7"), Expected::Date)
    );
    // The row numbers are the sheet's: the header is on row 3.
    assert_eq!(a.items[1].line, 4);
    // Asked for by name, the hidden sheet is read.
    let mut o = options();
    o.sheet = Some("Borrador".into());
    let hidden = Run::new(typed_workbook(), &o).analyze().unwrap();
    assert_eq!(
        (hidden.summary.critical, hidden.items[0].contact.id.as_str()),
        (1, "X-1")
    );
    o.sheet = Some("Nope".into());
    assert!(matches!(
        Run::new(typed_workbook(), &o).analyze(),
        Err(Error::SheetNotFound { .. })
    ));
}

/// `typed_workbook` switched to the 1904 date system, its date serials
/// shifted so they still mean the same days: what a Mac Excel file holds.
fn in_1904(xlsx: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap();
        let name = f.name().unwrap().to_string();
        if name == "xl/workbook.xml" {
            text = text.replacen("<workbookPr ", "<workbookPr date1904=\"1\" ", 1);
            assert!(text.contains("date1904"), "{text}");
        }
        if name == "xl/worksheets/sheet3.xml" {
            // 1900 serials → 1904 serials (1,462 days apart).
            for (from, to) in [("46354", "44892"), ("46357.4375", "44895.4375")] {
                assert!(text.contains(&format!("<v>{from}</v>")), "{from} in {text}");
                text = text.replace(&format!("<v>{from}</v>"), &format!("<v>{to}</v>"));
            }
        }
        out.start_file(name, stored).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn the_1904_date_system_gives_the_same_days() {
    let a = run(&in_1904(&typed_workbook()));
    let days: Vec<Option<i64>> = a.items.iter().map(|w| w.days_left).collect();
    assert_eq!(days, [None, Some(2), Some(5), None]);
}

#[test]
fn a_workbook_gives_the_same_bytes_every_time() {
    let bytes = read("tests/fixtures/sheets/tenants-ejemplo.ods");
    let one = Run::new(&bytes, &options()).build().unwrap().xlsx;
    let two = Run::new(&bytes, &options()).build().unwrap().xlsx;
    assert_eq!(one, two);
}

#[test]
fn hostile_workbooks_are_refused_clearly() {
    // A zip whose member declares 4 GB: refused before anything is unpacked.
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("xl/worksheets/sheet1.xml", stored).unwrap();
    w.write_all(b"<worksheet/>").unwrap();
    let mut bomb = w.finish().unwrap().into_inner();
    // The central directory's uncompressed size (offset 24 in its entry).
    let cd = bomb.windows(4).rposition(|x| x == b"PK\x01\x02").unwrap();
    bomb[cd + 24..cd + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    let e = Run::new(&bomb, &options()).analyze().unwrap_err();
    assert!(matches!(e, Error::WorkbookTooLarge { .. }), "{e:?}");
    assert!(e.message(Lang::Es).contains("MB"));

    // A .docx: a zip, and an Office file, but no spreadsheet.
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    w.start_file("[Content_Types].xml", stored).unwrap();
    w.write_all(b"<Types/>").unwrap();
    w.start_file("word/document.xml", stored).unwrap();
    w.write_all(b"<w:document/>").unwrap();
    let docx = w.finish().unwrap().into_inner();
    let e = Run::new(&docx, &options()).analyze().unwrap_err();
    assert!(matches!(e, Error::UnreadableWorkbook { .. }), "{e:?}");
    assert!(e.message(Lang::Es).contains(".docx"));

    // A truncated workbook.
    let whole = read("tests/fixtures/sheets/tenants-ejemplo.xlsx");
    let e = Run::new(&whole[..whole.len() / 2], &options())
        .analyze()
        .unwrap_err();
    assert!(matches!(e, Error::UnreadableWorkbook { .. }), "{e:?}");

    // An encrypted Office file is an OLE container with an EncryptedPackage
    // stream: refused with the password message, not "damaged".
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(512, 0);
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let e = Run::new(&ole, &options()).analyze().unwrap_err();
    assert_eq!(e, Error::EncryptedWorkbook);
    assert!(e.message(Lang::Es).contains("protegido con contraseña"));

    // An image is no workbook and no text either.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert!(matches!(
        Run::new(png, &options()).analyze(),
        Err(Error::BinaryInput { .. })
    ));
}

#[test]
fn a_date_cell_too_far_before_any_date_is_a_problem_not_a_crash() {
    // A date-formatted number no calendar holds: calamine's own date of it
    // would panic (which kills the page).
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "id").unwrap();
    ws.write_string(0, 1, "trial_ends_at").unwrap();
    ws.write_string(1, 0, "T-1").unwrap();
    ws.write_number_with_format(1, 1, -1e300, &date).unwrap();
    let a = run(&wb.save_to_buffer().unwrap());
    let p = &a.summary.problem_list;
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(
        (p[0].cell.as_deref(), p[0].expected),
        (Some("Sheet1!B2"), Expected::Date)
    );
}

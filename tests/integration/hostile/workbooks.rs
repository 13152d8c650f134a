//! Hostile workbooks, each a tiny file built here: a cell reference past
//! Excel's grid, a shared strings table that declares billions of strings,
//! a stray value far to the right, a row past 1,048,576, an .ods whose
//! repeated rows unfold into billions of cells, a shared formula with a
//! huge index, a summary sheet with a far cell. Each is run as today's
//! export and as the previous worklist, through the library and the CLI:
//! a worklist or a clear refusal (exit 1, the message in the chosen
//! language, saying what and where, no file written), never an abort.

use chrono::NaiveDate;
use retention_worklist::{Damage, Error, Lang, Options, PreviousError, Run};
use std::io::{Cursor, Write};
use std::path::Path;
use std::process::Command;

fn options(lang: Lang) -> Options {
    let mut o = Options::new(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
    o.lang = lang;
    o.tz = "UTC".parse().unwrap();
    o
}

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A minimal .xlsx: its sheets (name, sheetData XML) and, optionally, a
/// shared strings part.
fn xlsx(sheets: &[(&str, &str)], shared: Option<&str>) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, body: &str| {
        w.start_file(name, o).unwrap();
        w.write_all(body.as_bytes()).unwrap();
    };
    put(
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#,
    );
    put(
        "_rels/.rels",
        &format!(
            r#"<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        ),
    );
    let list: String = (sheets.iter().enumerate())
        .map(|(i, (n, _))| {
            format!(
                r#"<sheet name="{n}" sheetId="{}" r:id="rId{}"/>"#,
                i + 1,
                i + 1
            )
        })
        .collect();
    put(
        "xl/workbook.xml",
        &format!(r#"<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets>{list}</sheets></workbook>"#),
    );
    let rels: String = (0..sheets.len())
        .map(|i| {
            format!(
                r#"<Relationship Id="rId{}" Type="{DOC}/worksheet" Target="worksheets/sheet{}.xml"/>"#,
                i + 1,
                i + 1
            )
        })
        .collect();
    put(
        "xl/_rels/workbook.xml.rels",
        &format!(r#"<Relationships xmlns="{RELS}">{rels}</Relationships>"#),
    );
    for (i, (_, data)) in sheets.iter().enumerate() {
        put(
            &format!("xl/worksheets/sheet{}.xml", i + 1),
            &format!(r#"<worksheet xmlns="{MAIN}"><sheetData>{data}</sheetData></worksheet>"#),
        );
    }
    if let Some(s) = shared {
        put("xl/sharedStrings.xml", s);
    }
    w.finish().unwrap().into_inner()
}

/// An inline-string cell.
fn text(r: &str, t: &str) -> String {
    format!(r#"<c r="{r}" t="inlineStr"><is><t>{t}</t></is></c>"#)
}

/// Today's export as a sheet: a header and three tenants (T-3's trial end
/// is no date), with `extra` cells appended to the header row and `more`
/// rows after.
fn export_sheet(extra: &str, more: &str) -> String {
    let rows = [
        [
            "tenant_id",
            "tenant_name",
            "payment_failed",
            "trial_ends_at",
        ],
        ["T-1", "Uno", "yes", ""],
        ["T-2", "Dos", "no", "2026-11-28"],
        ["T-3", "Tres", "no", "31/02/2026"],
    ];
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let r = i + 1;
        out.push_str(&format!(r#"<row r="{r}">"#));
        for (j, v) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            out.push_str(&text(&format!("{}{r}", ["A", "B", "C", "D"][j]), v));
        }
        if r == 1 {
            out.push_str(extra);
        }
        out.push_str("</row>");
    }
    out + more
}

/// A previous worklist as a sheet named `Worklist` (the tool's header, in
/// Spanish, and one tenant), with `extra` cells on the header row.
fn worklist_sheet(extra: &str, more: &str) -> String {
    let head = ["Nivel", "ID", "Tenant", "Estado", "Notas"];
    let row = ["🔴 CRÍTICO", "T-1", "Uno", "Contactado", "llamar el lunes"];
    let cells = |r: usize, vals: &[&str]| -> String {
        (vals.iter().enumerate())
            .map(|(j, v)| text(&format!("{}{r}", ["A", "B", "C", "D", "E"][j]), v))
            .collect()
    };
    format!(
        r#"<row r="1">{}{extra}</row><row r="2">{}</row>{more}"#,
        cells(1, &head),
        cells(2, &row)
    )
}

fn export(extra: &str, more: &str) -> Vec<u8> {
    xlsx(&[("Hoja1", &export_sheet(extra, more))], None)
}

fn previous(extra: &str, more: &str) -> Vec<u8> {
    xlsx(&[("Worklist", &worklist_sheet(extra, more))], None)
}

/// The plain export as CSV, for runs that only vary the previous list.
const TODAY: &str = "tenant_id,tenant_name,payment_failed\nT-1,Uno,yes\nT-2,Dos,yes\n";

fn as_previous(bytes: &[u8], lang: Lang) -> Result<retention_worklist::Output, Error> {
    Run::new(TODAY.as_bytes().to_vec(), &options(lang))
        .previous(Some(bytes))
        .build()
}

fn damage(e: &Error) -> &Damage {
    match e {
        Error::Damaged(d) | Error::Previous(PreviousError::Damaged(d)) => d,
        other => panic!("expected a damaged workbook, got {other:?}"),
    }
}

/// Runs the CLI on `file` (as the export, or as `--previous` with a CSV
/// export) in `lang`: exit 1, nothing written, the message on stderr.
fn cli_refuses(dir: &Path, file: &[u8], as_previous: bool, lang: &str) -> String {
    let input = dir.join("input.xlsx");
    std::fs::write(&input, file).unwrap();
    let today = dir.join("today.csv");
    std::fs::write(&today, TODAY).unwrap();
    let out = dir.join("out.xlsx");
    let mut cmd = Command::new(crate::common::BIN);
    if as_previous {
        cmd.arg(&today).arg("--previous").arg(&input);
    } else {
        cmd.arg(&input);
    }
    let run = (cmd.args(["--as-of", "2026-11-27", "--tz", "UTC", "-q", "--lang", lang]))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(!out.exists(), "nothing written");
    let left: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    assert_eq!(left.len(), 2, "no temporary file left: {left:?}");
    stderr
}

/// Both ways in, both languages: the library's error, and the CLI's.
fn refused_everywhere(export: &[u8], previous: &[u8], check: impl Fn(&Damage), words: [&str; 2]) {
    let dir = tempfile::tempdir().unwrap();
    for (lang, word) in [(Lang::Es, words[0]), (Lang::En, words[1])] {
        let e = Run::new(export, &options(lang)).analyze().unwrap_err();
        assert_eq!(e.input(), "export");
        check(damage(&e));
        assert!(e.message(lang).contains(word), "{}", e.message(lang));
        let p = as_previous(previous, lang).unwrap_err();
        assert_eq!(p.input(), "previous");
        assert!(p.code().starts_with("previous_"), "{}", p.code());
        check(damage(&p));
        assert!(p.message(lang).contains(word), "{}", p.message(lang));
        let code = lang.code();
        let said = cli_refuses(dir.path(), export, false, code);
        assert!(said.contains(word), "{said}");
        let said = cli_refuses(dir.path(), previous, true, code);
        assert!(said.contains(word), "{said}");
        let head = if lang == Lang::Es {
            "worklist anterior"
        } else {
            "previous worklist"
        };
        assert!(said.contains(head), "{said}");
    }
}

#[test]
fn a_column_past_xfd_is_a_damaged_file_that_says_where() {
    let far = text("ZZZZZZ1", "extra");
    refused_everywhere(
        &export(&far, ""),
        &previous(&far, ""),
        |d| {
            assert!(
                matches!(d, Damage::CellOutsideGrid { cell, .. } if cell == "ZZZZZZ1"),
                "{d:?}"
            );
            assert_eq!(d.code(), "cell_outside_grid");
        },
        ["ZZZZZZ1", "ZZZZZZ1"],
    );
    // Eight letters wrap calamine's column number (u32 arithmetic: a panic
    // under overflow checks, so only in builds like the shipped ones): still
    // refused.
    if cfg!(debug_assertions) {
        return;
    }
    let wrapped = text("ZZZZZZZZ1", "extra");
    assert!(matches!(
        Run::new(export(&wrapped, ""), &options(Lang::Es)).analyze(),
        Err(Error::Damaged(Damage::CellOutsideGrid { .. }))
    ));
}

#[test]
fn a_row_past_1048576_is_a_damaged_file_that_says_where() {
    let low = format!(r#"<row r="1048577">{}</row>"#, text("A1048577", "T-9"));
    let prev_low = format!(r#"<row r="1048577">{}</row>"#, text("B1048577", "T-9"));
    refused_everywhere(
        &export("", &low),
        &previous("", &prev_low),
        |d| {
            assert!(
                matches!(d, Damage::CellOutsideGrid { cell, .. } if cell.ends_with("1048577")),
                "{d:?}"
            );
        },
        ["1048577", "1048577"],
    );
}

#[test]
fn a_shared_strings_table_that_declares_billions_is_refused_before_it_is_read() {
    let sst = |count: &str| {
        format!(
            r#"<?xml version="1.0"?><sst xmlns="{MAIN}" count="{count}" uniqueCount="{count}"><si><t>tenant_id</t></si><si><t>T-1</t></si></sst>"#
        )
    };
    let sheet = r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>payment_failed</t></is></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="inlineStr"><is><t>yes</t></is></c></row>"#;
    let bomb = xlsx(&[("Hoja1", sheet)], Some(&sst("4000000000")));
    let prev = xlsx(
        &[("Worklist", &worklist_sheet("", ""))],
        Some(&sst("4000000000")),
    );
    refused_everywhere(
        &bomb,
        &prev,
        |d| {
            assert_eq!(
                d,
                &Damage::FalseCount {
                    part: "xl/sharedStrings.xml".into(),
                    declared: 4_000_000_000,
                    found: 2
                }
            );
        },
        ["4.000.000.000", "4,000,000,000"],
    );
    // The same file with its true count is read.
    let fine = xlsx(&[("Hoja1", sheet)], Some(&sst("2")));
    let a = Run::new(&fine, &options(Lang::Es)).analyze().unwrap();
    assert_eq!(a.summary.critical, 1);
}

#[test]
fn a_stray_value_at_xfd1_is_one_ignored_column_and_cells_keep_their_letters() {
    let stray = text("XFD1", "Notas lejanas");
    let a = Run::new(export(&stray, ""), &options(Lang::Es))
        .analyze()
        .unwrap();
    assert_eq!(a.summary.unknown_columns, ["Notas lejanas"]);
    assert_eq!((a.summary.rows, a.summary.critical), (3, 1));
    let bad = (a.summary.problem_list.iter())
        .find(|p| p.value == "31/02/2026")
        .expect("T-3's date");
    assert_eq!(bad.cell.as_deref(), Some("Hoja1!D4"));
    // The trial end itself at XFD: its problems name XFD.
    let far = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>tenant_id</t></is></c><c r="XFD1" t="inlineStr"><is><t>trial_ends_at</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>T-1</t></is></c><c r="XFD2" t="inlineStr"><is><t>31/02/2026</t></is></c></row>"#;
    let a = Run::new(xlsx(&[("Hoja1", far)], None), &options(Lang::En))
        .analyze()
        .unwrap();
    let cells: Vec<_> = (a.summary.problem_list.iter())
        .map(|p| p.cell.clone().unwrap_or_default())
        .collect();
    assert_eq!(cells, ["Hoja1!XFD2"]);
    // A value typed at the sheet's last row: the rows between are blank rows
    // (skipped, counted), and the value is a row like any other.
    let last = format!(r#"<row r="1048576">{}</row>"#, text("A1048576", "T-9"));
    let a = Run::new(export("", &last), &options(Lang::Es))
        .analyze()
        .unwrap();
    assert_eq!((a.summary.rows, a.summary.blank_rows), (4, 1_048_571));
    // As the previous worklist: the stray header is one of the team's columns.
    let p = as_previous(&previous(&stray, ""), Lang::Es).unwrap();
    assert_eq!(
        p.summary.previous.as_ref().unwrap().added_columns,
        ["Notas lejanas"]
    );
    assert_eq!(p.summary.carried, 1);
}

#[test]
fn an_ods_whose_repeated_rows_unfold_into_billions_of_cells_is_refused() {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("mimetype", stored).unwrap();
    w.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    let cell = |v: &str| {
        format!(
            r#"<table:table-cell office:value-type="string" office:string-value="{v}"><text:p>{v}</text:p></table:table-cell>"#
        )
    };
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Hoja1"><table:table-row>{}{}</table:table-row><table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="string" office:string-value="x" table:number-columns-repeated="95"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#,
        cell("tenant_id"),
        cell("payment_failed")
    );
    w.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    w.write_all(content.as_bytes()).unwrap();
    let ods = w.finish().unwrap().into_inner();
    assert!(ods.len() < 2_000, "a tiny file: {} bytes", ods.len());
    for lang in [Lang::Es, Lang::En] {
        let e = Run::new(&ods, &options(lang)).analyze().unwrap_err();
        assert_eq!(e.code(), "too_many_cells", "{e:?}");
        assert!(
            matches!(damage(&e), Damage::TooManyCells { sheet, .. } if sheet == "Hoja1"),
            "{e:?}"
        );
        assert!(e.message(lang).contains("Hoja1"));
    }
    let said = cli_refuses(tempfile::tempdir().unwrap().path(), &ods, false, "en");
    assert!(said.contains("unfolds into"), "{said}");
}

#[test]
fn a_shared_formula_index_of_billions_allocates_nothing() {
    // calamine's expanding reader would size a table by the index (`si`).
    let row = |r: usize, vals: [&str; 5], f: &str| -> String {
        let cells: String = (vals.iter().enumerate())
            .map(|(j, v)| text(&format!("{}{r}", ["A", "B", "C", "D", "E"][j]), v))
            .collect();
        format!(r#"<row r="{r}">{cells}{f}</row>"#)
    };
    let sheet = [
        row(
            1,
            ["Nivel", "ID", "Tenant", "Estado", "Notas"],
            &text("F1", "Cuenta"),
        ),
        row(
            2,
            ["🔴 CRÍTICO", "T-1", "Uno", "Contactado", "x"],
            r#"<c r="F2"><f t="shared" ref="F2:F3" si="4000000000">B2*2</f><v>0</v></c>"#,
        ),
        row(
            3,
            ["🔴 CRÍTICO", "T-2", "Dos", "Pendiente", "y"],
            r#"<c r="F3"><f t="shared" si="4000000000"/><v>0</v></c>"#,
        ),
    ]
    .concat();
    let p = as_previous(&xlsx(&[("Worklist", &sheet)], None), Lang::Es).unwrap();
    assert_eq!(
        p.summary.previous.as_ref().unwrap().added_columns,
        ["Cuenta"]
    );
    // Typed formulas are carried as their text, the shared one shifted.
    let carried = format!(
        "{:?}",
        p.items
            .iter()
            .map(|w| &w.tracking.added)
            .collect::<Vec<_>>()
    );
    assert!(
        carried.contains("=B2*2") && carried.contains("=B3*2"),
        "{carried}"
    );
}

#[test]
fn a_summary_sheet_with_a_far_cell_is_read_as_its_cells() {
    // The tool's own worklist, with a value typed at XFD1048576 on every
    // sheet but the worklist (the summary among them).
    let day1 = Run::new(TODAY.as_bytes(), &{
        let mut o = options(Lang::Es);
        o.as_of = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        o
    })
    .build()
    .unwrap()
    .xlsx;
    let with_cell = |cell: &str| {
        let mut src = zip::ZipArchive::new(Cursor::new(&day1[..])).unwrap();
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..src.len() {
            let mut f = src.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut body = String::new();
            std::io::Read::read_to_string(&mut f, &mut body).unwrap();
            if name.starts_with("xl/worksheets/sheet") && name != "xl/worksheets/sheet1.xml" {
                let c = format!(
                    r#"<row r="1048576"><c r="{cell}" t="inlineStr"><is><t>x</t></is></c></row></sheetData>"#
                );
                body = body.replacen("</sheetData>", &c, 1);
            }
            w.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(body.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    };
    let far = with_cell("XFD1048576");
    let p = as_previous(&far, Lang::Es).unwrap();
    let prev = p.summary.previous.as_ref().unwrap();
    assert_eq!(prev.as_of.as_deref(), Some("2026-11-26"));
    // One column further is past the grid: the summary sheet too is bounded by it.
    let e = as_previous(&with_cell("XFE1048576"), Lang::En).unwrap_err();
    assert_eq!(e.code(), "previous_cell_outside_grid", "{e:?}");
}

/// The workbook fuzz target's mutations, shared so a crash input replays
/// exactly as the fuzzer ran it.
#[path = "../../../fuzz/fuzz_targets/common/workbook.rs"]
mod fuzz_workbook;

/// Runs a fuzz input as the target does: a worklist or an error, never a
/// panic; an `Ok` keeps the summary's invariants.
fn replay(data: &[u8]) -> Option<Result<(), Error>> {
    let case = fuzz_workbook::case(data)?;
    let lang = if case.english { Lang::En } else { Lang::Es };
    let out = if case.as_previous {
        let export = fuzz_workbook::EXPORT.as_bytes().to_vec();
        Run::new(export, &options(lang))
            .previous(Some(&case.workbook))
            .build()
    } else {
        Run::new(&case.workbook, &options(lang)).build()
    };
    Some(out.map(|out| {
        let s = &out.summary;
        assert_eq!(
            s.rows,
            s.critical + s.high + s.medium + s.info + s.no_risk + s.rejected
        );
    }))
}

#[test]
fn the_fuzz_seeds_read_and_the_crash_inputs_it_found_stay_fixed() {
    // Every seed, unmutated, gives a worklist on its path: the exports
    // (LibreOffice's) as today's export, the worklists as the previous one.
    for i in 0..fuzz_workbook::SEEDS.len() as u8 {
        let flags = if (8..=10).contains(&i) { 0x40 } else { 0 };
        let r = replay(&[i, flags, 2]).expect("a zip seed");
        assert!(r.is_ok(), "seed {i} flags {flags:#x}: {r:?}");
    }
    // Each mutation kind runs on each seed.
    for i in 0..fuzz_workbook::SEEDS.len() as u8 {
        for op in 0..10u8 {
            let _ = replay(&[i, 1, 0, 0, 0, 0, op, 7, 0, 0, 0, 3, 1, 0, 0, 0]);
        }
    }
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/hostile-workbooks");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("fuzz-") {
            let _ = replay(&std::fs::read(&path).unwrap());
        }
    }
}

/// An .xls (LibreOffice's, tests/fixtures/sheets/) with `edit` applied to
/// its bytes.
fn xls_with(edit: impl Fn(&mut Vec<u8>)) -> Vec<u8> {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut b = std::fs::read(dir.join("tests/fixtures/sheets/en-db-comma.xls")).unwrap();
    edit(&mut b);
    b
}

/// Where `what` first occurs.
fn find(b: &[u8], what: &[u8]) -> usize {
    b.windows(what.len())
        .position(|w| w == what)
        .expect("in the file")
}

#[test]
fn an_xls_that_would_make_calamine_loop_panic_or_reserve_billions_is_refused() {
    let plain = xls_with(|_| {});
    assert!(Run::new(&plain, &options(Lang::Es)).analyze().is_ok());
    // DIMENSIONS: rows 0 to 4,294,967,295 of 256 columns (calamine reserved them).
    let dims = xls_with(|b| {
        let at = find(b, b"\x00\x02\x0e\x00") + 4;
        b[at..at + 4].copy_from_slice(&0u32.to_le_bytes());
        b[at + 4..at + 8].copy_from_slice(&u32::MAX.to_le_bytes());
        b[at + 10..at + 12].copy_from_slice(&256u16.to_le_bytes());
    });
    // The first row after the last (calamine's count wraps).
    let wrapped = xls_with(|b| {
        let at = find(b, b"\x00\x02\x0e\x00") + 4;
        b[at..at + 4].copy_from_slice(&9u32.to_le_bytes());
        b[at + 4..at + 8].copy_from_slice(&2u32.to_le_bytes());
    });
    // A cell at the last BIFF row and column: a 65,536 × 65,536 range.
    let far = xls_with(|b| {
        let at = find(b, b"\xfd\x00\x0a\x00") + 4;
        b[at..at + 4].copy_from_slice(&[0xFF; 4]);
    });
    // The directory's sector chain points to itself (calamine loops, growing).
    let looped = xls_with(|b| {
        let dir = u32::from_le_bytes(b[48..52].try_into().unwrap()) as usize;
        let fat = 512 + 512 * u32::from_le_bytes(b[76..80].try_into().unwrap()) as usize;
        b[fat + 4 * dir..fat + 4 * dir + 4].copy_from_slice(&(dir as u32).to_le_bytes());
    });
    // A sheet said to start past the stream (calamine slices and panics).
    let past = xls_with(|b| {
        let at = find(b, b"\x85\x00") + 4;
        b[at..at + 4].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes());
    });
    let cases: [(&[u8], &str); 5] = [
        (&dims, "too_many_cells"),
        (&wrapped, "false_count"),
        (&far, "too_many_cells"),
        (&looped, "broken_container"),
        (&past, "broken_container"),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (i, (bytes, code)) in cases.iter().enumerate() {
        for lang in [Lang::Es, Lang::En] {
            let e = Run::new(*bytes, &options(lang)).analyze().unwrap_err();
            assert_eq!(e.code(), *code, "case {i}: {e:?}");
            let m = e.message(lang);
            assert!(
                m.contains(if lang == Lang::Es {
                    "dañado"
                } else {
                    "damaged"
                }),
                "{m}"
            );
        }
        let said = cli_refuses(dir.path(), bytes, false, "es");
        assert!(said.contains("El libro está dañado"), "case {i}: {said}");
    }
}

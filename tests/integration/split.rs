//! One workbook per account executive: the engine's
//! `split_by_executive` and its ZIP, and the CLI's `--split-by-executive`.

use crate::common::{cli, options, scratch_dir, Book};
use retention_worklist::{
    split_by_executive, split_zip_name, zip_split_files, Analysis, CellValue, Lang, Options, Run,
    SplitFile, VERSION_LINE,
};
use std::io::{Cursor, Read};
use std::path::Path;
use tempfile::TempDir;

/// Three executives (one with accents), rows with none, a problem on a
/// worklist row (bad email), one on a no-risk row (bad date) and a
/// rejected row.
const CSV: &str = "\
id,name,email,ejecutivo,status,trial_ends_at,payment_failed\n\
T-1,Acme,ana@acme.com,Ana Pérez,active,,yes\n\
T-2,Beta,no-es-correo,Luis Gómez,active,,yes\n\
T-3,Gamma,g@gamma.com,Ana Pérez,trialing,2026-12-01,no\n\
T-4,Delta,d@delta.com,,trialing,2026-11-27,no\n\
T-5,Epsilon,e@eps.com,Luis Gómez,active,31/02/2026,no\n\
,,x@x.com,Ana Pérez,active,,yes\n\
T-7,Zeta,z@zeta.com,Ana Pérez,trialing,2026-11-28,no\n\
T-8,Eta,e@eta.com,Zoë,active,,yes\n";

fn opts(lang: Lang) -> Options {
    let mut o = options();
    o.lang = lang;
    o
}

fn split(csv: &str, o: &Options) -> (Analysis, Vec<SplitFile>) {
    let a = Run::new(csv.as_bytes(), o).analyze().unwrap();
    let files = split_by_executive(&a, o).unwrap();
    (a, files)
}

fn names(files: &[SplitFile]) -> Vec<(&str, &str, u64)> {
    files
        .iter()
        .map(|f| (f.name.as_str(), f.executive.as_str(), f.rows))
        .collect()
}

/// A column of a sheet, from the second row (the header's values excluded).
fn column(book: &Book, sheet: &str, col: u32) -> Vec<String> {
    let rows = book.range(sheet).height() as u32;
    (1..rows).map(|r| book.text(sheet, r, col)).collect()
}

/// The value beside a label on the Resumen sheet.
fn fact(book: &Book, sheet: &str, label: &str) -> String {
    let rows = book.range(sheet).height() as u32;
    let r = (0..rows)
        .find(|&r| book.text(sheet, r, 0) == label)
        .unwrap_or_else(|| panic!("no {label} on {sheet}"));
    book.text(sheet, r, 1)
}

#[test]
fn split_files_in_spanish_hold_their_rows_counts_campaign_and_problems() {
    let o = opts(Lang::Es);
    let (a, files) = split(CSV, &o);
    assert_eq!(
        names(&files),
        [
            ("worklist-2026-11-26-sin-asignar.xlsx", "", 1),
            ("worklist-2026-11-26-ana-perez.xlsx", "Ana Pérez", 3),
            ("worklist-2026-11-26-luis-gomez.xlsx", "Luis Gómez", 1),
            ("worklist-2026-11-26-zoe.xlsx", "Zoë", 1),
        ]
    );
    assert_eq!(
        files.iter().map(|f| f.rows).sum::<u64>(),
        a.items.len() as u64
    );
    let ana = Book::new(files[1].xlsx.clone());
    assert_eq!(
        ana.sheet_names(),
        ["Worklist", "Resumen", "Campaña", "Protocolo", "Problemas"]
    );
    // Its rows only, most urgent first (Worklist column H is Ejecutivo).
    assert_eq!(column(&ana, "Worklist", 2), ["T-1", "T-7", "T-3"]);
    assert!(column(&ana, "Worklist", 7).iter().all(|e| e == "Ana Pérez"));
    // Its counts: rows = its worklist rows, no no-risk or rejected rows.
    assert_eq!(fact(&ana, "Resumen", "🔴 CRÍTICO"), "1");
    assert_eq!(fact(&ana, "Resumen", "🟠 ALTO"), "1");
    assert_eq!(fact(&ana, "Resumen", "🟡 MEDIO"), "1");
    assert_eq!(fact(&ana, "Resumen", "Filas leídas"), "3");
    assert_eq!(fact(&ana, "Resumen", "Sin riesgo"), "0");
    assert_eq!(fact(&ana, "Resumen", "Archivo"), "test.csv");
    assert_eq!(fact(&ana, "Resumen", "Generado con"), VERSION_LINE);
    assert_eq!(fact(&ana, "Resumen", "Ana Pérez"), "1");
    assert_eq!(column(&ana, "Campaña", 0).len(), 1, "its one MEDIO row");
    // The rejected row (no id, no name) is on Ana's line of the export but
    // on no worklist: its problem is in the whole workbook only.
    assert_eq!(
        column(&ana, "Problemas", 0),
        ["Sin problemas: todas las filas se leyeron completas."]
    );
    let luis = Book::new(files[2].xlsx.clone());
    assert_eq!(column(&luis, "Worklist", 2), ["T-2"]);
    // T-2's bad email is Luis's; T-5's bad date is on a no-risk row: no file.
    assert_eq!(column(&luis, "Problemas", 0), ["3"]);
    assert_eq!(fact(&luis, "Resumen", "Problemas en los datos"), "1");
    let whole = Book::new(Run::new(CSV.as_bytes(), &o).build().unwrap().xlsx);
    assert_eq!(column(&whole, "Problemas", 0), ["3", "6", "7"]);
    let unassigned = Book::new(files[0].xlsx.clone());
    assert_eq!(column(&unassigned, "Worklist", 2), ["T-4"]);
    assert_eq!(fact(&unassigned, "Resumen", "(sin asignar)"), "0");
}

#[test]
fn split_files_in_english_are_named_in_english() {
    let (_, files) = split(CSV, &opts(Lang::En));
    let n: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        n,
        [
            "worklist-2026-11-26-unassigned.xlsx",
            "worklist-2026-11-26-ana-perez.xlsx",
            "worklist-2026-11-26-luis-gomez.xlsx",
            "worklist-2026-11-26-zoe.xlsx",
        ]
    );
    let book = Book::new(files[1].xlsx.clone());
    assert_eq!(
        book.sheet_names(),
        ["Worklist", "Summary", "Campaign", "Protocol", "Problems"]
    );
    assert_eq!(fact(&book, "Summary", "Generated by"), VERSION_LINE);
    assert_eq!(
        split_zip_name(&opts(Lang::En)),
        "worklist-2026-11-26-by-executive.zip"
    );
    assert_eq!(
        split_zip_name(&opts(Lang::Es)),
        "worklist-2026-11-26-por-ejecutivo.zip"
    );
}

#[test]
fn rows_with_no_executive_go_to_one_file() {
    let csv = "id,csm,payment_failed\nT-1,,yes\nT-2,Ana,yes\nT-3,,yes\nT-4,  ,yes\n";
    let (_, files) = split(csv, &opts(Lang::Es));
    assert_eq!(
        names(&files),
        [
            ("worklist-2026-11-26-sin-asignar.xlsx", "", 3),
            ("worklist-2026-11-26-ana.xlsx", "Ana", 1),
        ]
    );
    let book = Book::new(files[0].xlsx.clone());
    assert_eq!(column(&book, "Worklist", 2), ["T-1", "T-3", "T-4"]);
}

#[test]
fn colliding_slugs_get_distinct_names_in_name_order_on_every_run() {
    let csv = "id,csm,payment_failed\n\
               T-1,ana perez,yes\nT-2,Ana Pérez,yes\nT-3,ANA PÉREZ,yes\n\
               T-4,Sin Asignar,yes\nT-5,李,yes\nT-6,Ana Perez 2,yes\nT-7,,yes\n";
    let o = opts(Lang::Es);
    let (_, files) = split(csv, &o);
    // Byte order of the names: "ANA PÉREZ" < "Ana Perez 2" < "Ana Pérez" < "Sin…" < "ana…" < "李".
    assert_eq!(
        names(&files),
        [
            ("worklist-2026-11-26-sin-asignar.xlsx", "", 1),
            ("worklist-2026-11-26-ana-perez.xlsx", "ANA PÉREZ", 1),
            ("worklist-2026-11-26-ana-perez-2.xlsx", "Ana Perez 2", 1),
            ("worklist-2026-11-26-ana-perez-3.xlsx", "Ana Pérez", 1),
            ("worklist-2026-11-26-sin-asignar-2.xlsx", "Sin Asignar", 1),
            ("worklist-2026-11-26-ana-perez-4.xlsx", "ana perez", 1),
            ("worklist-2026-11-26-ejecutivo.xlsx", "李", 1),
        ]
    );
    let again = split(csv, &o).1;
    assert_eq!(files, again, "same names and bytes on every run");
}

#[test]
fn one_executive_gives_one_file_with_every_row() {
    let csv = "id,ejecutivo,payment_failed,trial_ends_at\nT-1,Ana,yes,\nT-2,Ana,no,2026-11-28\nT-3,Ana,no,\n";
    let o = opts(Lang::Es);
    let (a, files) = split(csv, &o);
    assert_eq!(names(&files), [("worklist-2026-11-26-ana.xlsx", "Ana", 2)]);
    // Only the counts differ from the whole workbook (no no-risk row here).
    let book = Book::new(files[0].xlsx.clone());
    assert_eq!(column(&book, "Worklist", 2), ["T-1", "T-2"]);
    assert_eq!(a.summary.no_risk, 1);
    assert_eq!(fact(&book, "Resumen", "Sin riesgo"), "0");
}

#[test]
fn no_executive_column_gives_one_unassigned_file() {
    let csv = "id,payment_failed\nT-1,yes\nT-2,yes\nT-3,no\n";
    let (_, files) = split(csv, &opts(Lang::Es));
    assert_eq!(
        names(&files),
        [("worklist-2026-11-26-sin-asignar.xlsx", "", 2)]
    );
    let (_, en) = split(csv, &opts(Lang::En));
    assert_eq!(names(&en), [("worklist-2026-11-26-unassigned.xlsx", "", 2)]);
    // No worklist rows at all: no file.
    let (_, none) = split("id,payment_failed\nT-1,no\n", &opts(Lang::Es));
    assert!(none.is_empty());
}

#[test]
fn split_files_keep_the_teams_columns_and_carry_no_changes_sheet() {
    let o = opts(Lang::Es);
    let day1 = Run::new(CSV.as_bytes(), &{
        let mut o = o.clone();
        o.as_of = o.as_of.pred_opt().unwrap();
        o
    })
    .build()
    .unwrap();
    let mut a = Run::new(CSV.replace("T-8,", "T-9,").as_bytes(), &o)
        .previous(Some(&day1.xlsx))
        .analyze()
        .unwrap();
    assert_eq!(a.left.len(), 1, "T-8 left");
    a.added_columns = vec!["Llamado por".into()];
    for w in &mut a.items {
        w.tracking.added = vec![CellValue::Text(format!("quien-{}", w.contact.id))];
    }
    let files = split_by_executive(&a, &o).unwrap();
    let ana = Book::new(files[1].xlsx.clone());
    assert!(!ana.sheet_names().iter().any(|s| s.starts_with("Cambios")));
    let header: Vec<String> = (0..30).map(|c| ana.text("Worklist", 0, c)).collect();
    let at = header.iter().position(|h| h == "Llamado por").unwrap() as u32;
    assert_eq!(
        column(&ana, "Worklist", at),
        ["quien-T-1", "quien-T-7", "quien-T-3"]
    );
    // T-1 is a CRÍTICO still Pendiente a day after it appeared: overdue.
    assert_eq!(
        column(&ana, "Worklist", 13),
        ["VENCIDO (1 día) · SIGUE", "SIGUE", "SIGUE"]
    );
    let whole = Book::new(retention_worklist::render(&a, &o).unwrap());
    assert!(whole.sheet_names().iter().any(|s| s == "Cambios"));
}

#[test]
fn the_zip_holds_the_files_sorted_dated_and_byte_identical() {
    let o = opts(Lang::Es);
    let (_, files) = split(CSV, &o);
    let zip = zip_split_files(&files, &o).unwrap();
    assert_eq!(zip, zip_split_files(&split(CSV, &o).1, &o).unwrap());
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
    let mut sorted: Vec<&SplitFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(archive.len(), files.len());
    for (i, f) in sorted.iter().enumerate() {
        let mut entry = archive.by_index(i).unwrap();
        assert_eq!(entry.name().unwrap(), f.name);
        assert_eq!(entry.unix_mode(), Some(0o100644));
        let t = entry.last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day(), t.hour()), (2026, 11, 26, 0));
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        assert!(bytes == f.xlsx, "{} differs in the ZIP", f.name);
    }
}

// ---- The CLI ----

/// A scratch folder holding the export as `test.csv`.
fn scratch() -> TempDir {
    let d = scratch_dir();
    std::fs::write(d.path().join("test.csv"), CSV).unwrap();
    d
}

fn run(dir: &Path, args: &[&str]) -> (String, String) {
    let o = cli()
        .current_dir(dir)
        .args([
            "test.csv",
            "--as-of",
            "2026-11-26",
            "--tz",
            "America/Mexico_City",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn the_cli_writes_the_engines_files_and_lists_them() {
    let s = scratch();
    let (json, human) = run(
        s.path(),
        &["--split-by-executive", "por/ejecutivo", "--json"],
    );
    // Without -o only the per-executive files are written.
    assert_eq!(listing(s.path()), ["por", "test.csv"]);
    let (_, files) = split(CSV, &opts(Lang::Es));
    let dir = s.path().join("por/ejecutivo");
    let mut expected: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
    expected.sort();
    assert_eq!(listing(&dir), expected);
    for f in &files {
        assert!(
            std::fs::read(dir.join(&f.name)).unwrap() == f.xlsx,
            "{}",
            f.name
        );
    }
    assert!(json.contains(
        "\"split\":[{\"file\":\"worklist-2026-11-26-sin-asignar.xlsx\",\"executive\":\"\",\"rows\":1},\
         {\"file\":\"worklist-2026-11-26-ana-perez.xlsx\",\"executive\":\"Ana Pérez\",\"rows\":3},"
    ));
    assert!(json.starts_with("{\"rows\":8,"), "{json}");
    assert!(
        human.contains("por ejecutivo: 4 archivos en por/ejecutivo"),
        "{human}"
    );
    assert!(
        human.contains("worklist-2026-11-26-ana-perez.xlsx         3 filas"),
        "{human}"
    );

    // In English: the same JSON but for the unassigned file's name.
    let (json_en, _) = run(
        s.path(),
        &["--split-by-executive", "en", "--json", "--lang", "en"],
    );
    assert_eq!(
        json_en.replace("-unassigned.xlsx", "-sin-asignar.xlsx"),
        json
    );
    assert!(s
        .path()
        .join("en/worklist-2026-11-26-unassigned.xlsx")
        .exists());

    // With -o the whole workbook too, the same bytes as without the split.
    run(
        s.path(),
        &[
            "-o",
            "todo.xlsx",
            "--split-by-executive",
            "por/ejecutivo",
            "-q",
        ],
    );
    run(s.path(), &["-o", "solo.xlsx", "-q"]);
    let whole = std::fs::read(s.path().join("todo.xlsx")).unwrap();
    assert!(whole == std::fs::read(s.path().join("solo.xlsx")).unwrap());
    assert!(
        whole
            == Run::new(CSV.as_bytes(), &opts(Lang::Es))
                .build()
                .unwrap()
                .xlsx
    );
    // The JSON without the flag has no split.
    let (plain, _) = run(s.path(), &["-o", "solo.xlsx", "--json"]);
    assert!(!plain.contains("\"split\""));
    let cut = json.find(",\"split\":").unwrap();
    assert_eq!(
        format!("{}}}\n", &json[..cut]),
        plain,
        "the summary's keys as without it"
    );
}

#[test]
fn a_folder_that_cannot_be_made_is_a_write_error() {
    let s = scratch();
    let o = cli()
        .current_dir(s.path())
        .args(["test.csv", "--split-by-executive", "test.csv/x"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("test.csv/x"), "{err}");
}

#[test]
fn the_version_is_one_string_for_the_cli_and_the_workbook() {
    let o = cli().arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        format!("{VERSION_LINE}\n")
    );
    let book = Book::new(
        Run::new(CSV.as_bytes(), &opts(Lang::Es))
            .build()
            .unwrap()
            .xlsx,
    );
    assert_eq!(fact(&book, "Resumen", "Generado con"), VERSION_LINE);
}

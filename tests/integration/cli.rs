//! The native CLI as a scheduled job uses it: files, stdin, JSON, exit codes.

use crate::common::{cli, fixture, options, path, scratch_dir};
use std::process::Stdio;

fn json_field(json: &str, key: &str) -> i64 {
    let at = json
        .find(&format!("\"{key}\":"))
        .unwrap_or_else(|| panic!("no {key} in {json}"))
        + key.len()
        + 3;
    json[at..]
        .split([',', '}'])
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn json_summary_and_the_rows_invariant() {
    let dir = scratch_dir();
    let out = dir.path().join("w.xlsx");
    let o = cli()
        .arg(path("www/sample/tenants-ejemplo.csv"))
        .args([
            "-o",
            out.to_str().unwrap(),
            "--as-of",
            "2026-11-26",
            "--tz",
            "America/Mexico_City",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json = String::from_utf8(o.stdout).unwrap();
    assert_eq!(json.lines().count(), 1, "one JSON object on stdout");
    let n = |k| json_field(&json, k);
    assert_eq!(
        n("rows"),
        n("critical") + n("high") + n("medium") + n("info") + n("no_risk") + n("rejected")
    );
    assert!(n("critical") > 0 && n("problems") > 0);
    assert!(
        json.contains("\"encoding\":\"UTF-8 (BOM)\"")
            && json.contains("\"delimiter\":\";\"")
            && json.contains("\"date_order\":\"dmy\"")
    );
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(
        stderr.contains("🔴 CRÍTICO") && stderr.contains("filas leídas"),
        "{stderr}"
    );
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
}

#[test]
fn default_output_name_uses_the_as_of_date_and_stdin_works() {
    let dir = scratch_dir();
    let input = fixture("en-db-comma.csv");
    let mut child = cli()
        .current_dir(dir.path())
        .args([
            "-",
            "--as-of",
            "2026-11-26",
            "--tz",
            "UTC",
            "--lang",
            "en",
            "-q",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stderr.is_empty(), "--quiet prints nothing");
    let written: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written, ["worklist-2026-11-26.xlsx"]);
}

#[test]
fn cli_and_library_give_the_same_bytes() {
    let dir = scratch_dir();
    let out = dir.path().join("w.xlsx");
    let o = cli()
        .arg(path("tests/fixtures/es-excel-semicolon.csv"))
        .args([
            "-o",
            out.to_str().unwrap(),
            "--as-of",
            "2026-11-26",
            "--tz",
            "America/Mexico_City",
            "-q",
        ])
        .output()
        .unwrap();
    assert!(o.status.success());
    let mut opts = options();
    opts.file_name = "es-excel-semicolon.csv".into();
    let lib = retention_worklist::Run::new(fixture("es-excel-semicolon.csv"), &opts)
        .build()
        .unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), lib.xlsx);
}

#[test]
fn unusable_input_fails_clearly_and_writes_nothing() {
    let dir = scratch_dir();
    for f in [
        "unusable-empty.csv",
        "unusable-binary.bin",
        "unusable-no-columns.csv",
    ] {
        let out = dir.path().join("w.xlsx");
        let o = cli()
            .arg(path(&format!("tests/fixtures/{f}")))
            .args(["-o", out.to_str().unwrap(), "--as-of", "2026-11-26"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{f}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(
            err.starts_with("retention-worklist: ") && err.len() > 40,
            "{f}: {err}"
        );
        assert!(!out.exists(), "{f}: no output file");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "{f}: no temp file left"
        );
    }
}

#[test]
fn bad_options_exit_2_with_the_expected_form() {
    for (args, fragment) in [
        (vec!["--as-of", "26/11/2026"], "AAAA-MM-DD"),
        (vec!["--tz", "Mars/Olympus"], "America/Mexico_City"),
        (vec!["--lang", "fr"], "es | en"),
        (vec!["--high-days", "9"], "medium-days"),
        (vec!["--column", "nada=Algo"], "trial_ends_at"),
    ] {
        let o = cli()
            .arg(path("tests/fixtures/en-db-comma.csv"))
            .args(&args)
            .args(["-o", "/nonexistent/x.xlsx"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(err.contains(fragment), "{args:?}: {err}");
    }
}

#[test]
fn unwritable_output_is_a_clear_error() {
    let o = cli()
        .arg(path("tests/fixtures/en-db-comma.csv"))
        .args(["-o", "/nonexistent-dir/w.xlsx", "--as-of", "2026-11-26"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8(o.stderr)
        .unwrap()
        .contains("/nonexistent-dir"));
}

#[test]
fn help_documents_every_option_with_an_example() {
    let o = cli().arg("--help").output().unwrap();
    let help = String::from_utf8(o.stdout).unwrap();
    for opt in [
        "--output",
        "--as-of",
        "--tz",
        "--lang",
        "--json",
        "--quiet",
        "--file-name",
        "--product-name",
        "--high-days",
        "--medium-days",
        "--usage-percent",
        "--date-order",
        "--column",
    ] {
        assert!(help.contains(opt), "--help lacks {opt}");
    }
    assert!(help.matches("Example").count() >= 10, "examples in --help");
}

#[test]
fn json_is_the_same_bytes_in_every_language() {
    // Facts only: counts, codes, field names. Fixtures with problems, notices
    // and rules not evaluated, so every part of the summary is there.
    let dir = scratch_dir();
    for fixture in [
        "www/sample/tenants-ejemplo.csv",
        "tests/fixtures/windows-1252.csv",
        "tests/fixtures/partial-trial-only.csv",
        "tests/fixtures/bad-rows.csv",
    ] {
        let json = |lang: &str| {
            let o = cli()
                .arg(path(fixture))
                .args(["--as-of", "2026-11-26", "--tz", "UTC", "--json", "-q"])
                .args(["--lang", lang, "-o"])
                .arg(dir.path().join(format!("w-{lang}.xlsx")))
                .output()
                .unwrap();
            assert!(
                o.status.success(),
                "{fixture}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            o.stdout
        };
        let (es, en) = (json("es"), json("en"));
        assert_eq!(
            String::from_utf8_lossy(&es),
            String::from_utf8_lossy(&en),
            "{fixture}"
        );
        assert!(es.len() > 200, "{fixture}: a real summary");
        // The workbooks, on the other hand, speak their language.
        let es_book = std::fs::read(dir.path().join("w-es.xlsx")).unwrap();
        let en_book = std::fs::read(dir.path().join("w-en.xlsx")).unwrap();
        assert_ne!(es_book, en_book, "{fixture}");
    }
}

#[test]
fn file_errors_speak_the_chosen_language() {
    let missing = path("tests/fixtures/no-such-export.csv");
    let err = |lang: &str| {
        let o = cli()
            .arg(&missing)
            .args(["--lang", lang, "--as-of", "2026-11-26"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{lang}");
        String::from_utf8(o.stderr).unwrap()
    };
    let es = err("es");
    assert!(
        es.contains("No se pudo leer")
            && es.contains("no existe")
            && es.contains("no-such-export.csv"),
        "{es}"
    );
    let en = err("en");
    assert!(
        en.contains("Cannot read")
            && en.contains("does not exist")
            && en.contains("no-such-export.csv"),
        "{en}"
    );
    // An unwritable output, likewise.
    let o = cli()
        .arg(path("tests/fixtures/en-db-comma.csv"))
        .args(["-o", "/nonexistent-dir/w.xlsx", "--lang", "en"])
        .output()
        .unwrap();
    let e = String::from_utf8(o.stderr).unwrap();
    assert!(
        e.contains("Cannot write") && e.contains("/nonexistent-dir"),
        "{e}"
    );
}

#[test]
fn help_shows_the_engines_defaults() {
    let o = cli().arg("--help").output().unwrap();
    let help = String::from_utf8(o.stdout).unwrap();
    let d = retention_worklist::DEFAULTS;
    for shown in [
        format!("[default: {}]", d.thresholds.high_days),
        format!("[default: {}]", d.thresholds.medium_days),
        format!("[default: {}]", d.thresholds.usage_percent),
        format!("[default: {}]", d.product_name),
    ] {
        assert!(help.contains(&shown), "--help lacks {shown}");
    }
}

#[test]
fn a_workbook_export_reads_like_its_csv_and_sheet_picks_a_sheet() {
    let dir = scratch_dir();
    let json = |input: &str, extra: &[&str]| {
        let o = cli()
            .arg(path(input))
            .args(["--as-of", "2026-11-26", "--tz", "UTC", "--json", "-q", "-o"])
            .arg(dir.path().join("w.xlsx"))
            .args(extra)
            .output()
            .unwrap();
        (
            o.status.code(),
            String::from_utf8(o.stdout).unwrap(),
            String::from_utf8(o.stderr).unwrap(),
        )
    };
    let (code, csv, _) = json("www/sample/tenants-ejemplo.csv", &[]);
    assert_eq!(code, Some(0));
    let (code, ods, _) = json("tests/fixtures/sheets/tenants-ejemplo.ods", &[]);
    assert_eq!(code, Some(0));
    for k in [
        "rows", "critical", "high", "medium", "info", "no_risk", "rejected", "problems",
    ] {
        assert_eq!(json_field(&csv, k), json_field(&ods, k), "{k}");
    }
    assert!(
        ods.contains("\"sheet\":\"tenants-ejemplo\"") && ods.contains("\"encoding\":\"ods\""),
        "{ods}"
    );
    let (code, _, err) = json(
        "tests/fixtures/sheets/tenants-ejemplo.xlsx",
        &["--sheet", "Nope"],
    );
    assert_eq!(code, Some(2), "a sheet that is not there is a usage error");
    assert!(
        err.contains("«Nope»") && err.contains("tenants-ejemplo"),
        "{err}"
    );
    let o = cli().arg("--help").output().unwrap();
    let help = String::from_utf8(o.stdout).unwrap();
    assert!(help.contains("--sheet") && help.contains(".xlsx") && help.contains(".ods"));
}

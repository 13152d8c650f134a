//! One workbook per account executive: the day's worklist cut
//! by the `Ejecutivo` column, each part rendered by [`render`] like the
//! whole, and all of them in one ZIP for the page.
//!
//! **What a file holds.** Its executive's worklist rows (most urgent first,
//! with the team's own columns), a Resumen with its counts, its Campaña
//! rows, the Protocolo and the problems of its rows (the export's problems
//! on a line that is one of its rows). Rows with no executive go to one
//! file, `sin-asignar` (`unassigned` in English); an export without an
//! executive column gives that file alone, and one with no worklist rows
//! gives no file.
//!
//! **What it leaves to the whole workbook.** The problems of rows that are
//! on no worklist (rejected, no risk), the previous worklist's own problems,
//! and the changes against it: the tenants that left have no executive, so
//! a file carries no `Cambios` sheet nor the Resumen's changes section (its
//! rows still say `NUEVO`/`SIGUE`/… and carry their typed cells). The
//! workbook [`render`] makes of the whole analysis has all of it.
//!
//! **Names.** `worklist-<as-of>-<slug>.xlsx`, the slug from the executive's
//! name ([`slug`]); executives whose names give the same slug are told
//! apart by `-2`, `-3`… in the order of their names, after the unassigned
//! file's name, which is always kept for it. The same analysis and options
//! give the same names and bytes on every run, natively and in WebAssembly.

use crate::analyze::Analysis;
use crate::analyze::{by_executive, overdue_counts};
use crate::error::Error;
use crate::model::{Expected, Level, LevelCounts, Stage, Summary};
use crate::options::Options;
use crate::plan::{mrr_at_risk, WorkItem};
use crate::render::render;
use crate::text::split::words;
use rustc_hash::FxHashSet;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Write};

/// One executive's workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitFile {
    /// The file name, `worklist-2026-11-26-ana-perez.xlsx`.
    pub name: String,
    /// The executive as written in the export (empty: unassigned).
    pub executive: String,
    /// Its worklist rows.
    pub rows: u64,
    /// The workbook.
    pub xlsx: Vec<u8>,
}

/// A file as the CLI's `--json` (`split`) and the page list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SplitListing {
    /// The file name.
    pub file: String,
    /// The executive as written (empty: unassigned).
    pub executive: String,
    /// Its worklist rows.
    pub rows: u64,
}

impl SplitFile {
    /// The file without its bytes, for a list.
    pub fn listing(&self) -> SplitListing {
        SplitListing {
            file: self.name.clone(),
            executive: self.executive.clone(),
            rows: self.rows,
        }
    }
}

/// The longest slug kept (a file name stays well under 255 bytes).
const MAX_SLUG: usize = 60;

/// A name as part of a file name: lower-case ASCII letters and digits,
/// accents dropped (`á` → `a`, `ñ` → `n`, `ß` → `ss`), every run of other
/// characters one `-`, none at either end, at most 60 characters. Empty
/// when nothing is left (the caller picks a word then).
///
/// ```
/// use retention_worklist::slug;
/// assert_eq!(slug("Ana Pérez"), "ana-perez");
/// assert_eq!(slug("  José  Ñúñez / Zona Sur "), "jose-nunez-zona-sur");
/// assert_eq!(slug("李"), "");
/// ```
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in name.chars() {
        // A combining accent (a decomposed `é`) belongs to its letter.
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        let mut buf = [0u8; 4];
        let folded = if c.is_ascii() {
            &*c.encode_utf8(&mut buf)
        } else {
            fold(c)
        };
        if folded.is_empty() || !folded.bytes().all(|b| b.is_ascii_alphanumeric()) {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push('-');
        }
        gap = false;
        out.push_str(&folded.to_ascii_lowercase());
    }
    if out.len() > MAX_SLUG {
        out.truncate(MAX_SLUG);
        out.truncate(out.trim_end_matches('-').len());
    }
    out
}

/// A Latin letter with an accent, as ASCII (empty: not one).
fn fold(c: char) -> &'static str {
    match c {
        'à'..='å' | 'À'..='Å' | 'ā' | 'Ā' | 'ă' | 'Ă' | 'ą' | 'Ą' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' | 'ć' | 'Ć' | 'č' | 'Č' => "c",
        'ð' | 'Ð' | 'ď' | 'Ď' | 'đ' | 'Đ' => "d",
        'è'..='ë' | 'È'..='Ë' | 'ē' | 'Ē' | 'ę' | 'Ę' | 'ě' | 'Ě' => "e",
        'ğ' | 'Ğ' => "g",
        'ì'..='ï' | 'Ì'..='Ï' | 'ī' | 'Ī' | 'ı' | 'İ' => "i",
        'ł' | 'Ł' => "l",
        'ñ' | 'Ñ' | 'ń' | 'Ń' | 'ň' | 'Ň' => "n",
        'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' | 'ō' | 'Ō' | 'ő' | 'Ő' => "o",
        'œ' | 'Œ' => "oe",
        'ř' | 'Ř' => "r",
        'ś' | 'Ś' | 'š' | 'Š' | 'ş' | 'Ş' => "s",
        'ß' => "ss",
        'ť' | 'Ť' | 'ţ' | 'Ţ' => "t",
        'þ' | 'Þ' => "th",
        'ù'..='ü' | 'Ù'..='Ü' | 'ū' | 'Ū' | 'ů' | 'Ů' | 'ű' | 'Ű' => "u",
        'ý' | 'Ý' | 'ÿ' | 'Ÿ' => "y",
        'ź' | 'Ź' | 'ż' | 'Ż' | 'ž' | 'Ž' => "z",
        _ => "",
    }
}

/// The report date as it starts every file name: `worklist-2026-11-26`.
fn stem(o: &Options) -> String {
    format!("worklist-{}", o.as_of.format("%Y-%m-%d"))
}

/// The name of the ZIP that holds every file:
/// `worklist-2026-11-26-por-ejecutivo.zip` (`-by-executive` in English).
pub fn split_zip_name(o: &Options) -> String {
    format!("{}-{}.zip", stem(o), words(o.lang).zip)
}

/// Each executive's file name, in the order of `executives` (sorted, the
/// unassigned `""` first): the slug, or the fallback word when the name
/// has none, with `-2`, `-3`… for a name already taken.
fn file_names(executives: &[&str], o: &Options) -> Vec<String> {
    let w = words(o.lang);
    let mut taken: BTreeSet<String> = BTreeSet::new();
    taken.insert(w.unassigned.to_string());
    let stem = stem(o);
    executives
        .iter()
        .map(|e| {
            if e.is_empty() {
                return format!("{stem}-{}.xlsx", w.unassigned);
            }
            let base = Some(slug(e))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| w.fallback.to_string());
            let mut name = base.clone();
            let mut k = 2;
            while taken.contains(&name) {
                name = format!("{base}-{k}");
                k += 1;
            }
            taken.insert(name.clone());
            format!("{stem}-{name}.xlsx")
        })
        .collect()
}

/// The previous worklist's own problems (their lines are that file's rows).
fn from_previous(e: Expected) -> bool {
    matches!(
        e,
        Expected::SnoozeDate | Expected::ListedOnce | Expected::PreviousIdentity
    )
}

/// One workbook per account executive, in the order of the Resumen's
/// counts per executive (the unassigned rows first, then by name).
///
/// Each file's Resumen is rendered from a [`Summary`] whose counts are the
/// executive's: `critical`, `high`, `medium`, `info`, `rows` (its worklist
/// rows, so `no_risk`, `rejected` and `blank_rows` are 0 and
/// `rows == critical + high + medium + info`), `problems` and
/// `problem_list` (its rows' problems), `by_executive` (its one line) and
/// `carried`; `previous` and `changes` are `None` (no `Cambios`, see the
/// module's docs). Every other field is the whole export's: the file read,
/// its encoding, sheet, delimiter and date order, the as-of date and zone,
/// thresholds, rules not evaluated, columns and notices.
///
/// ```
/// use retention_worklist::{split_by_executive, Options, Run};
/// let o = Options::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
/// let csv = "id,payment_failed,ejecutivo\nT-1,yes,Ana Pérez\nT-2,yes,\nT-3,yes,Ana Pérez\n";
/// let files = split_by_executive(&Run::new(csv.as_bytes(), &o).analyze().unwrap(), &o).unwrap();
/// let names: Vec<_> = files.iter().map(|f| (f.name.as_str(), f.rows)).collect();
/// assert_eq!(names, [
///     ("worklist-2026-11-26-sin-asignar.xlsx", 1),
///     ("worklist-2026-11-26-ana-perez.xlsx", 2),
/// ]);
/// ```
pub fn split_by_executive(a: &Analysis, o: &Options) -> Result<Vec<SplitFile>, Error> {
    split_by_executive_with_progress(a, o, &mut |_, _| {})
}

/// [`split_by_executive`] reporting [`Stage::Writing`] with the fraction
/// of the worklist's rows whose file is built.
pub fn split_by_executive_with_progress(
    a: &Analysis,
    o: &Options,
    progress: &mut dyn FnMut(Stage, f64),
) -> Result<Vec<SplitFile>, Error> {
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, w) in a.items.iter().enumerate() {
        groups.entry(&w.contact.executive).or_default().push(i);
    }
    let executives: Vec<&str> = groups.keys().copied().collect();
    let names = file_names(&executives, o);
    // The whole export's facts, once; each file's counts replace its own.
    let template = Summary {
        problem_list: Vec::new(),
        by_executive: Vec::new(),
        previous: None,
        changes: None,
        history: Vec::new(),
        ..a.summary.clone()
    };
    let total = a.items.len().max(1) as f64;
    let mut done = 0;
    let mut files = Vec::with_capacity(groups.len());
    progress(Stage::Writing, 0.0);
    for ((executive, rows), name) in groups.into_iter().zip(names) {
        let items: Vec<WorkItem> = rows.iter().map(|&i| a.items[i].clone()).collect();
        let part = Analysis {
            summary: summary_of(&template, &a.summary, &items),
            items,
            added_columns: a.added_columns.clone(),
            left: Vec::new(),
            executive_history: Vec::new(),
        };
        let xlsx = render(&part, o)?;
        done += rows.len();
        progress(Stage::Writing, done as f64 / total);
        files.push(SplitFile {
            name,
            executive: executive.to_string(),
            rows: rows.len() as u64,
            xlsx,
        });
    }
    Ok(files)
}

/// An executive's summary (see [`split_by_executive`]).
fn summary_of(template: &Summary, whole: &Summary, items: &[WorkItem]) -> Summary {
    let mut levels = LevelCounts::default();
    for w in items {
        levels.add(w.level);
    }
    let lines: FxHashSet<u64> = items.iter().map(|w| w.line).collect();
    let problem_list: Vec<_> = whole
        .problem_list
        .iter()
        .filter(|p| !from_previous(p.expected) && lines.contains(&p.line))
        .cloned()
        .collect();
    Summary {
        rows: items.len() as u64,
        critical: levels.get(Level::Critical),
        high: levels.get(Level::High),
        medium: levels.get(Level::Medium),
        info: levels.get(Level::Info),
        no_risk: 0,
        rejected: 0,
        blank_rows: 0,
        problems: problem_list.len() as u64,
        problem_list,
        by_executive: by_executive(items, template.mrr_at_risk.is_some()),
        carried: items.iter().filter(|w| w.tracking.carried).count() as u64,
        mrr_at_risk: template.mrr_at_risk.as_ref().map(|_| mrr_at_risk(items)),
        overdue: overdue_counts(items),
        ..template.clone()
    }
}

/// The files in one ZIP, the same bytes on every run: entries sorted by
/// name, stored as they are (a workbook is compressed already), dated the
/// report date at 00:00 (1980-01-01 for a date a ZIP cannot hold), mode
/// `0644`, no comment or extra fields.
///
/// ```
/// use retention_worklist::{split_by_executive, zip_split_files, Options, Run};
/// let o = Options::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
/// let a = Run::new(b"id,payment_failed,csm\nT-1,yes,Ana\nT-2,yes,Luis\n", &o).analyze().unwrap();
/// let files = split_by_executive(&a, &o).unwrap();
/// let zip = zip_split_files(&files, &o).unwrap();
/// assert!(zip.starts_with(b"PK"));
/// assert_eq!(zip, zip_split_files(&files, &o).unwrap());
/// ```
pub fn zip_split_files(files: &[SplitFile], o: &Options) -> Result<Vec<u8>, Error> {
    use chrono::Datelike;
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, DateTime, System};
    let zip_err = |e: zip::result::ZipError| Error::Render(e.to_string());
    let d = o.as_of;
    let date = u16::try_from(d.year())
        .ok()
        .and_then(|y| DateTime::from_date_and_time(y, d.month() as u8, d.day() as u8, 0, 0, 0).ok())
        .unwrap_or(DateTime::DEFAULT);
    let size: usize = files
        .iter()
        .map(|f| f.xlsx.len() + 2 * f.name.len() + 100)
        .sum();
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(size + 100)));
    let mut sorted: Vec<&SplitFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    for f in sorted {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Stored)
            .system(System::Unix)
            .unix_permissions(0o644)
            .last_modified_time(date)
            .large_file(f.xlsx.len() as u64 >= u64::from(u32::MAX));
        zip.start_file(f.name.as_str(), options).map_err(zip_err)?;
        zip.write_all(&f.xlsx).map_err(|e| zip_err(e.into()))?;
    }
    Ok(zip.finish().map_err(zip_err)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_drop_accents_and_join_the_rest_with_dashes() {
        assert_eq!(slug("Ana Pérez"), "ana-perez");
        assert_eq!(slug("ÁNGEL MUÑOZ"), "angel-munoz");
        assert_eq!(slug("Pe\u{301}rez"), "perez");
        assert_eq!(slug("--Zoë  O'Brien--"), "zoe-o-brien");
        assert_eq!(slug("Straße 9"), "strasse-9");
        assert_eq!(slug("李 小龙"), "");
        assert_eq!(slug(&"a b".repeat(40)).len(), MAX_SLUG);
        assert!(!slug(&"ab-".repeat(40)).ends_with('-'));
    }

    #[test]
    fn names_that_collide_get_numbers_in_name_order() {
        let o = Options::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
        let names = file_names(
            &["", "Ana Pérez", "Sin asignar", "ana perez", "李", "王"],
            &o,
        );
        let short: Vec<&str> = names
            .iter()
            .map(|n| &n["worklist-2026-11-26-".len()..n.len() - 5])
            .collect();
        assert_eq!(
            short,
            [
                "sin-asignar",
                "ana-perez",
                "sin-asignar-2",
                "ana-perez-2",
                "ejecutivo",
                "ejecutivo-2"
            ]
        );
    }
}

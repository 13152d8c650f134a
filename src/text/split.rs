//! The words of the per-executive files: the parts of their
//! names that are words, and the CLI's list of them.

use super::{format_int, pick};
use crate::model::Lang;

/// The words in the per-executive files' names. Lower-case ASCII words
/// joined by `-`, as the rest of a file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SplitWords {
    /// The file of the rows with no account executive: `sin-asignar`.
    pub unassigned: &'static str,
    /// An executive whose name has no letter or digit a file name can keep
    /// (`李`, `—`): `ejecutivo`.
    pub fallback: &'static str,
    /// The ZIP that holds every file: `por-ejecutivo`.
    pub zip: &'static str,
}

const ES: SplitWords = SplitWords {
    unassigned: "sin-asignar",
    fallback: "ejecutivo",
    zip: "por-ejecutivo",
};

const EN: SplitWords = SplitWords {
    unassigned: "unassigned",
    fallback: "executive",
    zip: "by-executive",
};

/// The file-name words in a language.
///
/// ```
/// use retention_worklist::{text::split::words, Lang};
/// assert_eq!(words(Lang::Es).unassigned, "sin-asignar");
/// ```
pub fn words(lang: Lang) -> &'static SplitWords {
    pick(lang, &ES, &EN)
}

/// The CLI's lines about the per-executive files written into `dir`:
/// `(file name, worklist rows)` each.
pub fn cli_files(dir: &str, files: &[(&str, u64)], lang: Lang) -> String {
    let mut out = pick(
        lang,
        format!("  por ejecutivo: {} archivos en {dir}\n", files.len()),
        format!("  by executive: {} files in {dir}\n", files.len()),
    );
    let width = files
        .iter()
        .map(|(f, _)| f.chars().count())
        .max()
        .unwrap_or(0);
    for (file, rows) in files {
        let rows_word = match (rows, lang) {
            (1, _) => pick(lang, "fila", "row"),
            _ => pick(lang, "filas", "rows"),
        };
        out.push_str(&format!(
            "    {file:<width$} {:>7} {rows_word}\n",
            format_int(*rows, lang)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cli_lists_each_file_with_its_rows() {
        let s = cli_files("out", &[("a.xlsx", 1), ("bb.xlsx", 1200)], Lang::Es);
        assert_eq!(
            s,
            "  por ejecutivo: 2 archivos en out\n    a.xlsx        1 fila\n    bb.xlsx   1.200 filas\n"
        );
        assert!(cli_files("out", &[], Lang::En).starts_with("  by executive: 0 files"));
    }
}

//! The words of the CLI's progress bar on a terminal.

use super::pick;
use crate::model::{Lang, Stage};

/// What the engine is doing, for the progress bar: `leyendo`, …
pub fn stage(stage: Stage, lang: Lang) -> &'static str {
    match stage {
        Stage::Previous => pick(
            lang,
            "leyendo el worklist anterior",
            "reading the previous worklist",
        ),
        Stage::Reading => pick(lang, "leyendo", "reading"),
        Stage::Classifying => pick(lang, "clasificando", "classifying"),
        Stage::Writing => pick(lang, "escribiendo", "writing"),
    }
}

/// The unit of the rows shown beside the bar: `filas`.
pub fn rows(lang: Lang) -> &'static str {
    pick(lang, "filas", "rows")
}

//! The options' words: what each one is called on the page, what its help
//! says (the page's hint and the command line's `--help`), an example, what a
//! valid value looks like, and the names of its choices. Keyed by
//! [`OptionName`], the options' one table being `model::option`.

use super::{level_word, pick, shared};
use crate::model::{Lang, Level, OptionName};

/// The option's label on the page's settings form.
///
/// ```
/// use retention_worklist::{text, Lang, OptionName};
/// assert_eq!(text::options::label(OptionName::HighDays, Lang::Es), "ALTO: el trial vence en ≤ días");
/// assert_eq!(text::options::label(OptionName::AsOf, Lang::En), "As-of date");
/// ```
pub fn label(option: OptionName, lang: Lang) -> String {
    let rule =
        |level, es: &str, en: &str| format!("{}: {}", level_word(level, lang), pick(lang, es, en));
    match option {
        OptionName::AsOf => shared::words(lang).as_of.to_string(),
        OptionName::Tz => shared::words(lang).time_zone.to_string(),
        OptionName::DateOrder => {
            pick(lang, "Fechas como 03/04/2026", "Dates like 03/04/2026").into()
        }
        OptionName::HighDays => rule(
            Level::High,
            "el trial vence en ≤ días",
            "trial ends in ≤ days",
        ),
        OptionName::MediumDays => rule(
            Level::Medium,
            "el trial vence en ≤ días",
            "trial ends in ≤ days",
        ),
        OptionName::UsagePercent => rule(Level::Info, "uso de mensajes > %", "message usage > %"),
        OptionName::CriticalOverdueDays => rule(
            Level::Critical,
            "vencido tras ≥ días en la lista",
            "overdue after ≥ days on the list",
        ),
        OptionName::HighOverdueDays => rule(
            Level::High,
            "vencido tras ≥ días en la lista",
            "overdue after ≥ days on the list",
        ),
        OptionName::ProductName => pick(
            lang,
            "Nombre del producto (en los emails)",
            "Product name (in the emails)",
        )
        .into(),
        OptionName::Lang => pick(lang, "Idioma", "Language").into(),
        OptionName::FileName => pick(lang, "Nombre del archivo", "File name").into(),
        OptionName::SameDayFileName => pick(
            lang,
            "Nombre del worklist de hoy ya escrito",
            "Today's earlier worklist's file name",
        )
        .into(),
        OptionName::PreviousFileName => pick(
            lang,
            "Nombre del worklist anterior",
            "Previous worklist's file name",
        )
        .into(),
        OptionName::Sheet => pick(lang, "Hoja", "Sheet").into(),
        OptionName::Columns => pick(lang, "Columnas", "Columns").into(),
    }
}

/// What the option does and its default when that is not a fixed value:
/// the page's hint under a field and the command line's help.
pub fn help(option: OptionName, lang: Lang) -> &'static str {
    match option {
        OptionName::AsOf => pick(lang, "Fecha del reporte («hoy» para la lista). Por defecto: hoy en la zona del reporte.", "Report date (\"today\" for the worklist). Default: today in the report's zone."),
        OptionName::Tz => pick(lang, "Zona IANA (America/Mexico_City) o desfase (-06:00, UTC). Por defecto: la zona de esta computadora.", "IANA zone (America/Mexico_City) or offset (-06:00, UTC). Default: this computer's zone."),
        OptionName::DateOrder => pick(lang, "Orden de las fechas NN/NN/AAAA: dmy o mdy. Por defecto: se detecta (día primero salvo que los datos digan otra cosa).", "Order of NN/NN/YYYY dates: dmy or mdy. Default: detected (day first unless the data says otherwise)."),
        OptionName::HighDays => pick(lang, "ALTO cuando el trial vence en a lo sumo estos días.", "ALTO when the trial ends in at most this many days."),
        OptionName::MediumDays => pick(lang, "MEDIO cuando el trial vence en a lo sumo estos días.", "MEDIO when the trial ends in at most this many days."),
        OptionName::UsagePercent => pick(lang, "INFORMATIVO cuando el uso supera este porcentaje del límite.", "INFORMATIVO when usage is above this percentage of the limit."),
        OptionName::CriticalOverdueDays => pick(lang, "Un CRÍTICO que sigue en su primer Estado este número de días después de entrar en la lista está VENCIDO (protocolo: llamar de inmediato).", "A CRÍTICO still at its first Estado this many days after it joined the list is overdue (protocol: call at once)."),
        OptionName::HighOverdueDays => pick(lang, "Un ALTO que sigue en su primer Estado este número de días después de entrar en la lista está VENCIDO.", "An ALTO still at its first Estado this many days after it joined the list is overdue."),
        OptionName::ProductName => pick(lang, "Nombre del producto en los asuntos y borradores de los emails.", "Product name used in email subjects and drafts."),
        OptionName::Lang => pick(lang, "Idioma del libro y de los mensajes: es o en.", "Language of the workbook and messages: es or en."),
        OptionName::FileName => pick(lang, "Nombre de archivo que muestra la hoja de resumen. Por defecto: el nombre de la entrada (`stdin` para `-`).", "File name shown on the summary sheet. Default: the input's file name (`stdin` for `-`)."),
        OptionName::PreviousFileName => pick(lang, "Nombre del worklist anterior que muestra la hoja de resumen.", "The previous worklist's file name shown on the summary sheet."),
        OptionName::SameDayFileName => pick(lang, "Nombre del worklist de hoy de una ejecución anterior (lo escrito en él se conserva).", "The file name of today's worklist from an earlier run (what was typed in it is kept)."),
        OptionName::Sheet => pick(lang, "Cuando la exportación es un libro (.xlsx, .xls, .ods): la hoja a leer. Por defecto: la primera hoja visible con columnas de una exportación de tenants.", "When the export is a workbook (.xlsx, .xls, .ods): the sheet to read. Default: the first visible sheet with a tenant export's columns."),
        OptionName::Columns => pick(lang, "Asigna una columna a mano, CAMPO=ENCABEZADO (se puede repetir).", "Map a column by hand, FIELD=HEADER (repeatable)."),
    }
}

/// The command line's help for an option: its help in English, the
/// language of `--help`, and an example.
pub fn cli_help(option: OptionName) -> String {
    match example(option) {
        "" => help(option, Lang::En).to_string(),
        e => format!("{} Example: `{e}`", help(option, Lang::En)),
    }
}

/// An example of the option on the command line.
pub fn example(option: OptionName) -> &'static str {
    match option {
        OptionName::AsOf => "--as-of 2026-11-26",
        OptionName::Tz => "--tz America/Mexico_City",
        OptionName::DateOrder => "--date-order mdy",
        OptionName::HighDays => "--high-days 3",
        OptionName::MediumDays => "--medium-days 7",
        OptionName::UsagePercent => "--usage-percent 90",
        OptionName::CriticalOverdueDays => "--critical-overdue-days 1",
        OptionName::HighOverdueDays => "--high-overdue-days 2",
        OptionName::ProductName => "--product-name ImagineCRM",
        OptionName::Lang => "--lang en",
        OptionName::FileName => "--file-name tenants-2026-11-26.csv",
        OptionName::PreviousFileName | OptionName::SameDayFileName => "",
        OptionName::Sheet => "--sheet \"Hoja1\"",
        OptionName::Columns => "--column trial_ends_at=\"Vence el\"",
    }
}

/// What a valid value of an option looks like (after "Se esperaba").
pub fn expected(option: OptionName, lang: Lang) -> &'static str {
    match option {
        OptionName::AsOf => pick(lang, "una fecha AAAA-MM-DD, por ejemplo 2026-11-26", "a date as YYYY-MM-DD, for example 2026-11-26"),
        OptionName::Tz => pick(lang, "una zona IANA como America/Mexico_City, UTC, o un desfase como -06:00", "an IANA zone such as America/Mexico_City, UTC, or an offset such as -06:00"),
        OptionName::Lang => "es | en",
        OptionName::HighDays => pick(lang, "un número entero de días de 0 a 365", "a whole number of days from 0 to 365"),
        OptionName::MediumDays => pick(lang, "un número entero de días, al menos el de ALTO y como máximo 365", "a whole number of days, at least HIGH's and at most 365"),
        OptionName::UsagePercent => pick(lang, "un porcentaje mayor que 0 (por ejemplo 90)", "a percentage above 0 (for example 90)"),
        OptionName::CriticalOverdueDays | OptionName::HighOverdueDays => pick(lang, "un número entero de días de 1 a 365", "a whole number of days from 1 to 365"),
        OptionName::ProductName => pick(lang, "un nombre no vacío de hasta 100 caracteres", "a non-empty name of at most 100 characters"),
        OptionName::DateOrder => "dmy | mdy",
        OptionName::Columns => pick(lang, "CAMPO=ENCABEZADO con un campo como trial_ends_at, tenant_id, owner_email, messages_used; por ejemplo trial_ends_at=\"Vence el\"", "FIELD=HEADER with a field such as trial_ends_at, tenant_id, owner_email, messages_used; for example trial_ends_at=\"Vence el\""),
        OptionName::FileName | OptionName::PreviousFileName | OptionName::SameDayFileName => {
            pick(lang, "un nombre de archivo", "a file name")
        }
        OptionName::Sheet => pick(lang, "el nombre de una hoja", "a sheet's name"),
    }
}

/// The words for one of an option's choices; `""` is "not given" (the
/// run decides: the date order is detected).
pub fn choice(option: OptionName, value: &str, lang: Lang) -> &'static str {
    match (option, value) {
        (OptionName::DateOrder, "") => {
            pick(lang, "Detectar automáticamente", "Detect automatically")
        }
        (OptionName::DateOrder, "dmy") => pick(lang, "Día/mes/año", "Day/month/year"),
        (OptionName::DateOrder, "mdy") => pick(lang, "Mes/día/año", "Month/day/year"),
        (OptionName::Lang, "es") => "Español",
        (OptionName::Lang, "en") => "English",
        _ => "",
    }
}

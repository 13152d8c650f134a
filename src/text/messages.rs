//! Messages: errors, data problems, notices, rules not evaluated, and the
//! command line's summary and interrupt notice.

use super::{level_label, pick};
use crate::error::{Damage, Error, IoKind, IoProblem, PreviousError};
use crate::model::Summary;
use crate::model::{Expected, Field, Lang, Level, Notice, RuleNotEvaluated};
use std::fmt;

impl Error {
    /// The message shown to the person, in a language.
    ///
    /// ```
    /// use retention_worklist::{Error, Lang};
    /// let e = Error::EmptyInput;
    /// assert!(e.message(Lang::Es).contains("vacío"));
    /// assert!(e.message("en".parse().unwrap()).contains("empty"));
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        let es = lang == Lang::Es;
        match self {
            Error::EmptyInput => pick(
                lang,
                "El archivo está vacío: no contiene una fila de encabezados ni datos. Exporta los tenants como CSV con encabezados (por ejemplo tenant_id, tenant_name, trial_ends_at).",
                "The file is empty: it has no header row and no data. Export the tenants as CSV with headers (for example tenant_id, tenant_name, trial_ends_at).",
            )
            .to_string(),
            Error::BinaryInput { offset } => if es {
                format!("El archivo no es un CSV de texto: contiene bytes binarios (el primero en la posición {offset}). ¿Es una imagen, un PDF o un archivo comprimido? Exporta los tenants como CSV o como hoja de cálculo (.xlsx, .xls, .ods).")
            } else {
                format!("The file is not a text CSV: it contains binary bytes (the first at byte {offset}). Is it an image, a PDF or a compressed file? Export the tenants as CSV or as a spreadsheet (.xlsx, .xls, .ods).")
            },
            Error::NoKnownColumns { headers } => if es {
                format!("Ninguna columna es reconocible. Encabezados encontrados en la línea 1: {}. Se esperaba al menos un identificador ({}) y las columnas de una regla ({}). Asigna las columnas a mano (en la página, o con --column CAMPO=\"Encabezado\").", list(headers, lang), fields_with_headers(&IDENTITY, lang), fields_with_headers(&RULES, lang))
            } else {
                format!("No column is recognisable. Headers found on line 1: {}. Expected at least an identifier ({}) and one rule's columns ({}). Map the columns by hand (on the page, or with --column FIELD=\"Header\").", list(headers, lang), fields_with_headers(&IDENTITY, lang), fields_with_headers(&RULES, lang))
            },
            Error::NoIdentityColumn { headers } => if es {
                format!("No hay columna de identificación del tenant: se esperaba {}. Encabezados encontrados: {}.", fields_with_headers(&IDENTITY, lang), list(headers, lang))
            } else {
                format!("There is no tenant identity column: expected {}. Headers found: {}.", fields_with_headers(&IDENTITY, lang), list(headers, lang))
            },
            Error::NoRuleEvaluable { headers } => if es {
                format!("Ninguna regla se puede evaluar: faltan las columnas de pago, de fin de trial y de uso ({}). Encabezados encontrados: {}.", fields_with_headers(&RULES, lang), list(headers, lang))
            } else {
                format!("No rule can be evaluated: the payment, trial end and usage columns are all missing ({}). Headers found: {}.", fields_with_headers(&RULES, lang), list(headers, lang))
            },
            Error::UnreadableWorkbook { detail } => if es {
                format!("El archivo parece una hoja de cálculo (.xlsx, .xls u .ods) pero no se pudo leer: está dañado, incompleto o no es una hoja de cálculo (¿un .docx?). Ábrelo en Excel y guárdalo de nuevo, o exporta los tenants como CSV. (Detalle: {detail})")
            } else {
                format!("The file looks like a spreadsheet (.xlsx, .xls or .ods) but could not be read: it is damaged, incomplete or not a spreadsheet (a .docx?). Open it in Excel and save it again, or export the tenants as CSV. (Detail: {detail})")
            },
            Error::EncryptedWorkbook => pick(lang, "El libro está protegido con contraseña: no se puede leer. Guárdalo sin contraseña (Archivo → Información → Proteger libro) o exporta los tenants como CSV.", "The workbook is password-protected: it cannot be read. Save it without a password (File → Info → Protect Workbook) or export the tenants as CSV.").to_string(),
            Error::WorkbookTooLarge { unpacked } => if es {
                format!("El libro declara {} MB sin comprimir, más de lo que puede ser una lista de tenants (máximo 1.024 MB): no se abre. Exporta los tenants como CSV.", unpacked / (1 << 20))
            } else {
                format!("The workbook declares {} MB uncompressed, more than a tenant list can be (at most 1,024 MB): it is not opened. Export the tenants as CSV.", unpacked / (1 << 20))
            },
            Error::SheetTooLong { sheet, rows } => if es {
                format!("La hoja «{sheet}» tiene {rows} filas, más que el límite de Excel (1.048.576).")
            } else {
                format!("The sheet \"{sheet}\" has {rows} rows, more than Excel's limit (1,048,576).")
            },
            Error::SheetNotFound { name, sheets } => if es {
                format!("El libro no tiene una hoja «{name}». Sus hojas: {}.", list(sheets, lang))
            } else {
                format!("The workbook has no sheet \"{name}\". Its sheets: {}.", list(sheets, lang))
            },
            Error::NoDataSheet { sheets } => if es {
                format!("Ninguna hoja del libro tiene datos. Hojas: {}.", list(sheets, lang))
            } else {
                format!("No sheet of the workbook has data. Sheets: {}.", list(sheets, lang))
            },
            Error::MappedColumnMissing { field, header } => if es {
                format!("La columna «{header}» indicada para {} ({}) no está en el archivo.", field_label(*field, lang), field.name())
            } else {
                format!("The column \"{header}\" given for {} ({}) is not in the file.", field_label(*field, lang), field.name())
            },
            Error::InvalidOption { option, value } => if es {
                format!("Valor no válido para {}: «{value}». Se esperaba {}.", option.flag(), super::options::expected(*option, lang))
            } else {
                format!("Invalid value for {}: \"{value}\". Expected {}.", option.flag(), super::options::expected(*option, lang))
            },
            Error::UnknownOption { name } => if es {
                format!("Opción desconocida: «{name}». Opciones válidas: {}.", crate::known_keys().collect::<Vec<_>>().join(", "))
            } else {
                format!("Unknown option: \"{name}\". Valid options: {}.", crate::known_keys().collect::<Vec<_>>().join(", "))
            },
            Error::ReadInput { path, io } => if es {
                format!("No se pudo leer «{path}»: {}", io_words(io, lang))
            } else {
                format!("Cannot read \"{path}\": {}", io_words(io, lang))
            },
            Error::WriteOutput { path, io } => if es {
                format!("No se pudo escribir «{path}»: {}", io_words(io, lang))
            } else {
                format!("Cannot write \"{path}\": {}", io_words(io, lang))
            },
            Error::Render(detail) => if es {
                format!("No se pudo generar el XLSX: {detail}")
            } else {
                format!("Could not write the XLSX: {detail}")
            },
            Error::Previous(p) => previous_message(p, lang),
            Error::SameDay(p) => same_day_message(p, lang),
            Error::Archive { path, io } => if es {
                format!("No se puede usar la carpeta del archivo «{path}» (--archive): {}", io_words(io, lang))
            } else {
                format!("Cannot use the archive folder \"{path}\" (--archive): {}", io_words(io, lang))
            },
            Error::SplitFolderMissing => pick(
                lang,
                "--split-by-executive necesita una carpeta (--split-by-executive CARPETA), salvo con --archive CARPETA, que escribe los archivos por ejecutivo en CARPETA/<fecha de corte>/.",
                "--split-by-executive needs a folder (--split-by-executive DIR), unless --archive DIR is given, which writes the per-executive files into DIR/<as-of>/.",
            )
            .to_string(),
            Error::Damaged(d) => if es {
                format!("El libro está dañado: {} No se leyó. Ábrelo en Excel o LibreOffice y guárdalo de nuevo, o exporta los tenants como CSV.", damage(d, lang))
            } else {
                format!("The workbook is damaged: {} It was not read. Open it in Excel or LibreOffice and save it again, or export the tenants as CSV.", damage(d, lang))
            },
        }
    }
}

/// What is wrong with a damaged workbook, and where (one sentence).
fn damage(d: &Damage, lang: Lang) -> String {
    let n = |x: u64| super::format_int(x, lang);
    match (d, lang == Lang::Es) {
        (Damage::CellOutsideGrid { sheet, cell }, true) => format!("la hoja «{sheet}» tiene una celda en {cell}, fuera de la cuadrícula de Excel (columnas A a XFD, filas 1 a 1.048.576)."),
        (Damage::CellOutsideGrid { sheet, cell }, false) => format!("the sheet \"{sheet}\" has a cell at {cell}, outside Excel's grid (columns A to XFD, rows 1 to 1,048,576)."),
        (Damage::FalseCount { part, declared, found }, true) => format!("«{part}» declara {} elementos y contiene como mucho {}.", n(*declared), n(*found)),
        (Damage::FalseCount { part, declared, found }, false) => format!("\"{part}\" declares {} entries and holds at most {}.", n(*declared), n(*found)),
        (Damage::TooManyCells { sheet, cells, limit }, true) => format!("la hoja «{sheet}» se despliega en {} celdas (filas y columnas repetidas o celdas muy separadas), más de las {} que se leen.", n(*cells), n(*limit)),
        (Damage::TooManyCells { sheet, cells, limit }, false) => format!("the sheet \"{sheet}\" unfolds into {} cells (repeated rows and columns, or cells far apart), more than the {} that are read.", n(*cells), n(*limit)),
        (Damage::Container { detail }, true) => format!("su estructura interna está rota ({detail})."),
        (Damage::Container { detail }, false) => format!("its internal structure is broken ({detail})."),
    }
}

/// Why the previous worklist cannot be used, and what to do.
fn previous_message(p: &PreviousError, lang: Lang) -> String {
    let head = pick(
        lang,
        "El worklist anterior no se puede usar",
        "The previous worklist cannot be used",
    );
    format!("{head}: {}", previous_why(p, lang))
}

/// Why today's own worklist from an earlier run cannot be used, and what to do.
fn same_day_message(p: &PreviousError, lang: Lang) -> String {
    let head = pick(
        lang,
        "El worklist de hoy de una ejecución anterior no se puede usar",
        "Today's worklist from an earlier run cannot be used",
    );
    format!("{head}: {}", previous_why(p, lang))
}

/// What is wrong with a worklist given to carry from (one sentence or two).
fn previous_why(p: &PreviousError, lang: Lang) -> String {
    let es = lang == Lang::Es;
    match p {
        PreviousError::NotXlsx => pick(lang, "no es un libro XLSX. Elige el .xlsx que generó esta herramienta (guardado en Excel o LibreOffice como .xlsx).", "it is not an XLSX workbook. Choose the .xlsx this tool wrote (saved from Excel or LibreOffice as .xlsx).").to_string(),
        PreviousError::Unreadable { detail } => if es { format!("el archivo está dañado o incompleto ({detail}). Ábrelo en Excel y vuelve a guardarlo.") } else { format!("the file is damaged or incomplete ({detail}). Open it in Excel and save it again.") },
        PreviousError::Encrypted => pick(lang, "está protegido con contraseña. Guárdalo sin contraseña.", "it is password-protected. Save it without a password.").to_string(),
        PreviousError::TooLarge { bytes, limit } => if es { format!("pesa {} MB y el límite es {} MB.", bytes / 1_000_000, limit / 1_000_000) } else { format!("it is {} MB and the limit is {} MB.", bytes / 1_000_000, limit / 1_000_000) },
        PreviousError::ZipBomb { unpacked } => if es { format!("declara {} MB descomprimido: no parece un worklist.", unpacked / 1_000_000) } else { format!("it declares {} MB unpacked: it does not look like a worklist.", unpacked / 1_000_000) },
        PreviousError::NoWorklistSheet { sheets } => if es { format!("ninguna hoja tiene las columnas del worklist (ID o Tenant, Nivel y Estado). Hojas: {}.", sheets.join(", ")) } else { format!("no sheet has the worklist's columns (ID or Tenant, Level and Status). Sheets: {}.", sheets.join(", ")) },
        PreviousError::SheetTooLong { sheet, rows } => if es { format!("la hoja «{sheet}» tiene {rows} filas, más que el límite de Excel (1.048.576).") } else { format!("sheet \"{sheet}\" has {rows} rows, more than Excel's limit (1,048,576).") },
        PreviousError::Damaged(d) => if es { format!("está dañado: {} Ábrelo en Excel o LibreOffice y vuelve a guardarlo.", damage(d, lang)) } else { format!("it is damaged: {} Open it in Excel or LibreOffice and save it again.", damage(d, lang)) },
        PreviousError::AfterAsOf { previous, as_of } => if es { format!("es del {}, posterior a la fecha de corte ({}). Elige el worklist de un día anterior o cambia la fecha de corte.", super::format_date(*previous, lang), super::format_date(*as_of, lang)) } else { format!("it is from {}, after the as-of date ({}). Choose the worklist of an earlier day or change the as-of date.", super::format_date(*previous, lang), super::format_date(*as_of, lang)) },
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// The fields that identify a tenant.
const IDENTITY: [Field; 2] = [Field::TenantId, Field::TenantName];
/// The fields the rules read.
const RULES: [Field; 6] = [
    Field::PaymentFailed,
    Field::LastPaymentStatus,
    Field::SubscriptionStatus,
    Field::TrialEndsAt,
    Field::MessagesUsed,
    Field::MessagesLimit,
];

/// Fields by their label, each with the headers accepted for it:
/// `«ID» (id, id_tenant, tenant_id) o «Tenant» (tenant, nombre, …)`.
fn fields_with_headers(fields: &[Field], lang: Lang) -> String {
    let one = |f: &Field| {
        let names = f.names();
        // The Spanish aliases first in Spanish: they are what the team types.
        let mut shown: Vec<&str> = names[1..].to_vec();
        shown.push(names[0]);
        format!("«{}» ({})", field_label(*f, lang), shown.join(", "))
    };
    let parts: Vec<String> = fields.iter().map(one).collect();
    parts.join(pick(lang, " o ", " or "))
}

/// Header cells as a list: «a», «b» (at most 30).
fn list(headers: &[String], lang: Lang) -> String {
    if headers.is_empty() {
        return pick(lang, "(ninguna)", "(none)").to_string();
    }
    headers
        .iter()
        .take(30)
        .map(|s| format!("«{s}»"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a file failure means for the person, then the system's words.
fn io_words(io: &IoProblem, lang: Lang) -> String {
    let what = match io.kind {
        IoKind::NotFound => pick(lang, "no existe", "it does not exist"),
        IoKind::PermissionDenied => pick(lang, "no hay permiso", "permission denied"),
        IoKind::IsADirectory => pick(
            lang,
            "es una carpeta, no un archivo",
            "it is a folder, not a file",
        ),
        IoKind::NotADirectory => pick(
            lang,
            "es un archivo, no una carpeta",
            "it is a file, not a folder",
        ),
        IoKind::StorageFull => pick(lang, "el disco está lleno", "the disk is full"),
        IoKind::ReadOnly => pick(
            lang,
            "el sistema de archivos es de solo lectura",
            "the file system is read-only",
        ),
        IoKind::Other => pick(lang, "error del sistema", "system error"),
    };
    format!("{what} ({}).", io.detail)
}

/// A file-level notice.
pub fn notice(n: Notice, lang: Lang) -> &'static str {
    match n {
        Notice::ReplacedBytes => pick(lang, "Algunos bytes no se pudieron decodificar y se reemplazaron por «�». Revisa la codificación del export.", "Some bytes could not be decoded and were replaced with \"�\". Check the export's encoding."),
        Notice::Windows1252 => pick(lang, "El archivo no era UTF-8: se leyó como Windows-1252 (Excel en Windows).", "The file was not UTF-8: it was read as Windows-1252 (Excel on Windows)."),
    }
}

/// Why a rule was not evaluated (the fields it lacks are in the facts).
pub fn rule_not_evaluated(rule: &RuleNotEvaluated, lang: Lang) -> &'static str {
    match rule.level {
        Level::Critical => pick(lang, "CRÍTICO no evaluado: faltan las columnas payment_failed, last_payment_status y subscription_status", "CRITICAL not evaluated: the payment_failed, last_payment_status and subscription_status columns are missing"),
        Level::High | Level::Medium => pick(lang, "ALTO y MEDIO no evaluados: falta la columna trial_ends_at (fin del trial)", "HIGH and MEDIUM not evaluated: the trial_ends_at column is missing"),
        Level::Info => pick(lang, "INFORMATIVO no evaluado: faltan las columnas messages_used y/o messages_limit", "INFO not evaluated: the messages_used and/or messages_limit columns are missing"),
    }
}

/// The command line's summary of a run, for standard error.
pub fn cli_summary(s: &Summary, output: &str, lang: Lang) -> String {
    let es = lang == Lang::Es;
    let mut out = if es {
        format!("{} filas leídas de {} → {output}\n", s.rows, s.file_name)
    } else {
        format!("{} rows read from {} → {output}\n", s.rows, s.file_name)
    };
    for l in Level::ALL {
        out.push_str(&format!(
            "  {:<16} {:>7}\n",
            level_label(l, lang),
            s.count(l)
        ));
    }
    out.push_str(&if es {
        format!(
            "  sin riesgo {} · rechazadas {} · problemas {}\n",
            s.no_risk, s.rejected, s.problems
        )
    } else {
        format!(
            "  no risk {} · rejected {} · problems {}\n",
            s.no_risk, s.rejected, s.problems
        )
    });
    if let Some(sheet) = &s.sheet {
        out.push_str(&format!("  {}: {sheet}\n", pick(lang, "hoja", "sheet")));
    }
    out.push_str(&if es {
        format!(
            "  codificación {} · delimitador {} · fechas {} · fecha de corte {} ({})\n",
            s.encoding, s.delimiter, s.date_order, s.as_of, s.tz
        )
    } else {
        format!(
            "  encoding {} · delimiter {} · dates {} · as of {} ({})\n",
            s.encoding, s.delimiter, s.date_order, s.as_of, s.tz
        )
    });
    if let (Some(c), Some(p)) = (&s.changes, &s.previous) {
        out.push_str(&if es {
            format!(
                "  desde {}: nuevos {} · siguen {} · subieron {} · bajaron {} · pospuestos {} · salieron {} · traídos {}\n",
                p.file_name, c.new, c.same, c.up, c.down, c.snoozed, c.left, s.carried
            )
        } else {
            format!(
                "  since {}: new {} · same {} · up {} · down {} · snoozed {} · left {} · carried {}\n",
                p.file_name, c.new, c.same, c.up, c.down, c.snoozed, c.left, s.carried
            )
        });
    }
    if let Some(t) = &s.same_day {
        out.push_str(&if es {
            format!(
                "  de hoy, {}: se conserva lo escrito ({} filas)\n",
                t.file_name, t.rows
            )
        } else {
            format!(
                "  today's {}: what was typed is kept ({} rows)\n",
                t.file_name, t.rows
            )
        });
    }
    for r in &s.rules_not_evaluated {
        out.push_str(&format!("  ! {}\n", rule_not_evaluated(r, lang)));
    }
    for n in &s.notices {
        out.push_str(&format!("  ! {}\n", notice(*n, lang)));
    }
    out
}

/// Said on standard error when Ctrl-C or SIGTERM stops the CLI.
pub fn interrupted(lang: Lang) -> &'static str {
    pick(
        lang,
        "interrumpido: no se escribió el workbook y no queda ningún archivo a medias.",
        "interrupted: no workbook was written, and no half-written file was left behind.",
    )
}

/// Said on standard error when Ctrl-C or SIGTERM stops a run with
/// `--archive`: a file renamed into the archive is kept (it may have
/// replaced this morning's, which is then gone).
pub fn interrupted_archive(lang: Lang) -> &'static str {
    pick(
        lang,
        "interrumpido: cada archivo del archivo es el de hoy completo o el que ya estaba; no queda ningún archivo a medias.",
        "interrupted: each file in the archive is either today's complete one or the one already there; no half-written file was left behind.",
    )
}

/// After an error about a worklist `--archive` chose by itself: which file it was.
pub fn archive_file(path: &str, lang: Lang) -> String {
    if lang == Lang::Es {
        format!("(archivo elegido por --archive: «{path}»)")
    } else {
        format!("(file chosen by --archive: \"{path}\")")
    }
}

/// What a cell should have contained.
pub fn expected_text(e: Expected, lang: Lang) -> String {
    let es = lang == Lang::Es;
    match e {
        Expected::Boolean => if es { "sí/no (true/false, 1/0, x o vacío)" } else { "yes/no (true/false, 1/0, x or empty)" }.into(),
        Expected::Count => if es { "un número entero ≥ 0 (se admite 9.400, 9,400 o 9 400)" } else { "a whole number ≥ 0 (9,400, 9.400 and 9 400 are accepted)" }.into(),
        Expected::Date => if es { "una fecha real: AAAA-MM-DD, DD/MM/AAAA o DD-MM-AAAA (con hora y zona opcionales)" } else { "a real date: YYYY-MM-DD, DD/MM/YYYY or DD-MM-YYYY (time and offset optional)" }.into(),
        Expected::DateInOrder => if es { "una fecha válida en el orden de fechas del archivo (día/mes o mes/día)" } else { "a date valid in the file's date order (day/month or month/day)" }.into(),
        Expected::Status => if es { "un estado: trialing/prueba, active/activo, past_due, unpaid, incomplete, canceled/cancelado, paused" } else { "a status: trialing/trial, active, past_due, unpaid, incomplete, canceled, paused" }.into(),
        Expected::PaymentStatus => if es { "un estado de pago: failed/fallido, declined/rechazado, requires_payment_method, succeeded/pagado, pending/pendiente…" } else { "a payment status: failed, declined, requires_payment_method, succeeded, paid, pending…" }.into(),
        Expected::Amount => if es { "un monto (33.00, 1.234,56 o 1,234.56)" } else { "an amount (33.00, 1,234.56 or 1.234,56)" }.into(),
        Expected::Interval => if es { "un intervalo de cobro: month/mes, year/año, week/semana, day/día (o quarter/trimestre)" } else { "a billing interval: month, year, week, day (or quarter)" }.into(),
        Expected::IntervalCount => if es { "un número entero de intervalos ≥ 1" } else { "a whole number of intervals ≥ 1" }.into(),
        Expected::Currency => if es { "un código de moneda ISO de tres letras (USD, MXN, EUR)" } else { "a three-letter ISO currency code (USD, MXN, EUR)" }.into(),
        Expected::Identity => if es { "un ID o un nombre de tenant: la fila se rechazó" } else { "a tenant id or name: the row was rejected" }.into(),
        Expected::UniqueId => if es { "un ID que no se repita (ID duplicado; la fila se procesa igualmente)" } else { "an id that appears once (duplicated id; the row is still processed)" }.into(),
        Expected::Email => if es { "una dirección de email (nombre@dominio): se muestra sin enlace" } else { "an email address (name@domain): shown without a link" }.into(),
        Expected::CellLength => if es { "un texto de hasta 32.767 caracteres (límite de Excel): se cortó" } else { "text of at most 32,767 characters (Excel's limit): it was cut" }.into(),
        Expected::FieldCount { header_fields } => if es { format!("{header_fields} campos, como el encabezado") } else { format!("{header_fields} fields, like the header") },
        Expected::SnoozeDate => if es { "una fecha en «Posponer hasta» del worklist anterior (DD/MM/AAAA o una celda de fecha): se copió tal cual y la fila no se pospuso" } else { "a date in the previous worklist's \"Snooze until\" (YYYY-MM-DD or a date cell): copied as typed, and the row was not snoozed" }.into(),
        Expected::ListedOnce => if es { "un tenant una sola vez en el worklist anterior: esta fila repetida no se trasladó" } else { "a tenant listed once in the previous worklist: this repeated row was not carried" }.into(),
        Expected::PreviousIdentity => if es { "un ID o un tenant en la fila del worklist anterior: lo escrito no se pudo asignar a ningún tenant" } else { "a tenant id or name in the previous worklist's row: what was typed could not be matched to a tenant" }.into(),
        Expected::SwallowedLines { lines } => if es { format!("comillas cerradas en su sitio: este campo abarca {lines} línea(s) con forma de fila, que no se leyeron como filas; corrige las comillas y vuelve a exportar") } else { format!("quotes closed where they belong: this field spans {lines} line(s) shaped like rows, which were not read as rows; fix the quotes and export again") },
    }
}

/// A field's name for people.
pub fn field_label(field: Field, lang: Lang) -> &'static str {
    let es = lang == Lang::Es;
    match field {
        Field::TenantId => "ID",
        Field::TenantName => "Tenant",
        Field::OwnerName => "Owner",
        Field::OwnerEmail => "Email",
        Field::OwnerPhone => {
            if es {
                "Teléfono"
            } else {
                "Phone"
            }
        }
        Field::AccountExecutive => {
            if es {
                "Ejecutivo"
            } else {
                "Account executive"
            }
        }
        Field::Plan => "Plan",
        Field::SubscriptionStatus => {
            if es {
                "Estado de suscripción"
            } else {
                "Subscription status"
            }
        }
        Field::TrialEndsAt => {
            if es {
                "Fin del trial"
            } else {
                "Trial end"
            }
        }
        Field::PaymentFailed => {
            if es {
                "Pago fallido"
            } else {
                "Payment failed"
            }
        }
        Field::LastPaymentStatus => {
            if es {
                "Estado del último pago"
            } else {
                "Last payment status"
            }
        }
        Field::MessagesUsed => {
            if es {
                "Mensajes usados"
            } else {
                "Messages used"
            }
        }
        Field::MessagesLimit => {
            if es {
                "Límite de mensajes"
            } else {
                "Message limit"
            }
        }
        Field::Mrr => "MRR",
        Field::Amount => pick(lang, "Monto", "Amount"),
        Field::Quantity => pick(lang, "Cantidad", "Quantity"),
        Field::Interval => pick(lang, "Intervalo de cobro", "Billing interval"),
        Field::IntervalCount => pick(lang, "Intervalos por cobro", "Intervals per bill"),
        Field::Currency => pick(lang, "Moneda", "Currency"),
        Field::DeclineCode => pick(lang, "Motivo de rechazo", "Decline code"),
        Field::CancelAtPeriodEnd => {
            pick(lang, "Cancela al final del periodo", "Cancel at period end")
        }
        Field::CurrentPeriodEnd => pick(lang, "Fin del periodo actual", "Current period end"),
    }
}

//! Labels the workbook and the page both show. The WebAssembly API exports
//! them (`engine_info().words`), so the page never types them a second time.

use super::pick;
use crate::model::{Lang, WorklistColumn};
use serde::Serialize;

/// The worklist's column headers, in the sheet's order. The first 13 (who,
/// why, what to do and the tracking columns) are the printed part; the
/// email material follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)] // each field is the header of the column it names
pub struct WorklistHeaders {
    pub level: &'static str,
    pub days: &'static str,
    pub id: &'static str,
    pub tenant: &'static str,
    pub owner: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub executive: &'static str,
    pub plan: &'static str,
    pub mrr: &'static str,
    pub reason: &'static str,
    pub action: &'static str,
    pub status: &'static str,
    pub notes: &'static str,
    pub change: &'static str,
    pub snooze: &'static str,
    pub since: &'static str,
    pub trial_end: &'static str,
    pub usage: &'static str,
    pub subject: &'static str,
    pub draft: &'static str,
    pub goal: &'static str,
    pub other_signals: &'static str,
    pub line: &'static str,
}

impl WorklistHeaders {
    /// The headers in column order.
    pub fn in_order(&self) -> [&'static str; 24] {
        WorklistColumn::ALL.map(|c| self.of(c))
    }

    /// The header of a column.
    pub fn of(&self, column: WorklistColumn) -> &'static str {
        use WorklistColumn as C;
        match column {
            C::Level => self.level,
            C::Days => self.days,
            C::Id => self.id,
            C::Tenant => self.tenant,
            C::Owner => self.owner,
            C::Phone => self.phone,
            C::Email => self.email,
            C::Executive => self.executive,
            C::Plan => self.plan,
            C::Mrr => self.mrr,
            C::Reason => self.reason,
            C::Action => self.action,
            C::Status => self.status,
            C::Notes => self.notes,
            C::Change => self.change,
            C::Snooze => self.snooze,
            C::Since => self.since,
            C::TrialEnd => self.trial_end,
            C::Usage => self.usage,
            C::Subject => self.subject,
            C::Draft => self.draft,
            C::Goal => self.goal,
            C::OtherSignals => self.other_signals,
            C::Line => self.line,
        }
    }
}

/// The worklist column a header names, in either language (a worklist
/// written in English is read back by a Spanish run), ignoring case and
/// surrounding spaces.
///
/// ```
/// use retention_worklist::text::shared::worklist_column;
/// use retention_worklist::WorklistColumn;
/// assert_eq!(worklist_column(" notas "), Some(WorklistColumn::Notes));
/// assert_eq!(worklist_column("Snooze until"), Some(WorklistColumn::Snooze));
/// assert_eq!(worklist_column("Llamado por"), None);
/// ```
pub fn worklist_column(header: &str) -> Option<WorklistColumn> {
    let h = header.trim().to_lowercase();
    WorklistColumn::ALL.into_iter().find(|&c| {
        [&ES, &EN]
            .iter()
            .any(|w| w.worklist.of(c).to_lowercase() == h)
    })
}

/// The problems list's column headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)] // each field is the header of the column it names
pub struct ProblemHeaders {
    pub line: &'static str,
    pub tenant: &'static str,
    pub column: &'static str,
    pub value: &'static str,
    pub expected: &'static str,
}

impl ProblemHeaders {
    /// The headers in column order.
    pub fn in_order(&self) -> [&'static str; 5] {
        [
            self.line,
            self.tenant,
            self.column,
            self.value,
            self.expected,
        ]
    }
}

/// The labels of the run's facts and counts (the Resumen sheet, the page's
/// facts and cards).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)] // each field is the label of the fact it names
pub struct SharedWords {
    pub as_of: &'static str,
    pub time_zone: &'static str,
    pub file: &'static str,
    pub sheet: &'static str,
    pub skipped_sheets: &'static str,
    pub encoding: &'static str,
    pub delimiter: &'static str,
    pub date_order: &'static str,
    pub thresholds: &'static str,
    pub tenants_per_level: &'static str,
    pub count: &'static str,
    pub no_risk: &'static str,
    pub rejected_rows: &'static str,
    pub rows_read: &'static str,
    pub data_problems: &'static str,
    pub blank_rows: &'static str,
    pub per_executive: &'static str,
    pub unassigned: &'static str,
    pub total: &'static str,
    pub mrr_at_risk: &'static str,
    pub to_escalate: &'static str,
    pub overdue: &'static str,
    pub mrr_per_executive: &'static str,
    pub no_currency: &'static str,
    pub rules_not_evaluated: &'static str,
    pub all_rules_evaluated: &'static str,
    pub recognised_columns: &'static str,
    pub header_in_file: &'static str,
    pub ignored_columns: &'static str,
    pub notice: &'static str,
    pub version: &'static str,
    pub worklist: WorklistHeaders,
    pub problems: ProblemHeaders,
}

const ES: SharedWords = SharedWords {
    as_of: "Fecha de corte",
    time_zone: "Zona horaria",
    file: "Archivo",
    sheet: "Hoja",
    skipped_sheets: "Hojas omitidas",
    encoding: "Codificación",
    delimiter: "Delimitador",
    date_order: "Orden de fechas",
    thresholds: "Umbrales",
    tenants_per_level: "Tenants por nivel",
    count: "Cantidad",
    no_risk: "Sin riesgo",
    rejected_rows: "Filas rechazadas",
    rows_read: "Filas leídas",
    data_problems: "Problemas en los datos",
    blank_rows: "Filas en blanco omitidas",
    per_executive: "Por ejecutivo de cuenta",
    unassigned: "(sin asignar)",
    total: "Total",
    mrr_at_risk: "MRR en riesgo",
    to_escalate: "Para escalar",
    overdue: "Vencidos",
    mrr_per_executive: "MRR en riesgo por ejecutivo",
    no_currency: "(sin moneda)",
    rules_not_evaluated: "Reglas no evaluadas",
    all_rules_evaluated: "Ninguna: todas las reglas se evaluaron",
    recognised_columns: "Columnas reconocidas",
    header_in_file: "Encabezado en el archivo",
    ignored_columns: "Columnas ignoradas",
    notice: "Aviso",
    version: "Generado con",
    worklist: WorklistHeaders {
        level: "Nivel",
        days: "Días",
        id: "ID",
        tenant: "Tenant",
        owner: "Owner",
        phone: "Teléfono",
        email: "Email",
        executive: "Ejecutivo",
        plan: "Plan",
        mrr: "MRR",
        reason: "Motivo",
        action: "Acción",
        status: "Estado",
        notes: "Notas",
        change: "Cambio",
        snooze: "Posponer hasta",
        since: "En lista desde",
        trial_end: "Fin del trial",
        usage: "Uso de mensajes",
        subject: "Asunto email",
        draft: "Borrador email",
        goal: "Objetivo",
        other_signals: "Otras señales",
        line: "Línea",
    },
    problems: ProblemHeaders {
        line: "Línea",
        tenant: "Tenant",
        column: "Columna",
        value: "Valor",
        expected: "Se esperaba",
    },
};

const EN: SharedWords = SharedWords {
    as_of: "As-of date",
    time_zone: "Time zone",
    file: "File",
    sheet: "Sheet",
    skipped_sheets: "Sheets skipped",
    encoding: "Encoding",
    delimiter: "Delimiter",
    date_order: "Date order",
    thresholds: "Thresholds",
    tenants_per_level: "Tenants per level",
    count: "Count",
    no_risk: "No risk",
    rejected_rows: "Rejected rows",
    rows_read: "Rows read",
    data_problems: "Data problems",
    blank_rows: "Blank rows skipped",
    per_executive: "Per account executive",
    unassigned: "(unassigned)",
    total: "Total",
    mrr_at_risk: "MRR at risk",
    to_escalate: "To escalate",
    overdue: "Overdue",
    mrr_per_executive: "MRR at risk per executive",
    no_currency: "(no currency)",
    rules_not_evaluated: "Rules not evaluated",
    all_rules_evaluated: "None: every rule was evaluated",
    recognised_columns: "Recognised columns",
    header_in_file: "Header in the file",
    ignored_columns: "Ignored columns",
    notice: "Notice",
    version: "Generated by",
    worklist: WorklistHeaders {
        level: "Level",
        days: "Days",
        id: "ID",
        tenant: "Tenant",
        owner: "Owner",
        phone: "Phone",
        email: "Email",
        executive: "Account executive",
        plan: "Plan",
        mrr: "MRR",
        reason: "Reason",
        action: "Action",
        status: "Status",
        notes: "Notes",
        change: "Change",
        snooze: "Snooze until",
        since: "On list since",
        trial_end: "Trial end",
        usage: "Message usage",
        subject: "Email subject",
        draft: "Email draft",
        goal: "Goal",
        other_signals: "Other signals",
        line: "Line",
    },
    problems: ProblemHeaders {
        line: "Line",
        tenant: "Tenant",
        column: "Column",
        value: "Value",
        expected: "Expected",
    },
};

/// The shared labels in a language.
///
/// ```
/// use retention_worklist::text::shared::words;
/// use retention_worklist::Lang;
/// assert_eq!(words(Lang::Es).as_of, "Fecha de corte");
/// ```
pub fn words(lang: Lang) -> &'static SharedWords {
    pick(lang, &ES, &EN)
}

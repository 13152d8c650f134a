// retention-worklist page: reads a tenant export chosen by the person, runs the WebAssembly
// engine in a Web Worker, shows the day's worklist and offers the XLSX for download.
// Nothing leaves this page: no request but same-origin static files (the engine and the sample).
//
// Rule for this file: data from the export is only ever put in the DOM with textContent
// (never innerHTML), so a tenant called <img src=x onerror=alert(1)> shows literally.

/**
 * Largest file the page accepts; checked before reading the file. The engine needs about 8 bytes
 * of WebAssembly memory per input byte (a 158 MB export of 1,000,000 tenants peaked at 1.24 GB),
 * and wasm32 memory ends at 4 GB: 256 MB keeps a safe margin, also for the page's own copy.
 */
export const MAX_BYTES = 256 * 1024 * 1024;
/** Rows of the preview table rendered at once (the XLSX always has every row). */
const MAX_TABLE_ROWS = 1000;
const MAX_PROBLEM_ROWS = 1000;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const STORAGE_KEY = 'retention-worklist.settings.v1';
const LEVELS = ['critical', 'high', 'medium', 'info'];
/** The page's loading step, then the engine's stages. */
const STAGES = ['load', 'reading', 'classifying', 'writing'];
const DEFAULTS = Object.freeze({
  lang: 'es',
  highDays: 3,
  mediumDays: 7,
  usagePercent: 90,
  productName: 'ImagineCRM',
  dateOrder: '',
});
const COMMON_ZONES = [
  'America/Mexico_City', 'America/Monterrey', 'America/Cancun', 'America/Tijuana', 'America/Hermosillo',
  'America/Chihuahua', 'America/Mazatlan', 'America/Bogota', 'America/Lima', 'America/Guayaquil',
  'America/Caracas', 'America/Santiago', 'America/Argentina/Buenos_Aires', 'America/Montevideo',
  'America/Asuncion', 'America/La_Paz', 'America/Sao_Paulo', 'America/Guatemala', 'America/El_Salvador',
  'America/Tegucigalpa', 'America/Managua', 'America/Costa_Rica', 'America/Panama',
  'America/Santo_Domingo', 'America/Puerto_Rico', 'America/Havana', 'America/New_York', 'America/Chicago',
  'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'Europe/Madrid', 'Europe/London', 'UTC',
];

// ---------------------------------------------------------------------------------------------
// Text. Spanish by default; English when the language is "en".

const I18N = {
  es: {
    docTitle: 'Lista de trabajo de retención',
    skip: 'Saltar al contenido',
    title: 'Lista de trabajo de retención',
    subtitle: 'Protocolo diario de retención y upselling',
    language: 'Idioma',
    intakeTitle: 'Exportación de tenants',
    dropMain: 'Suelta aquí el CSV o elige un archivo',
    chooseFile: 'Elegir archivo',
    dropHelp: 'CSV, TXT o TSV exportado de ImagineCRM, Excel o la base de datos',
    dropActive: 'Suelta el archivo para procesarlo',
    limitNote: 'Tamaño máximo: {max}. Los archivos más grandes se rechazan antes de leerlos.',
    sample: 'Probar con datos de ejemplo',
    privacy: 'El archivo se procesa en esta computadora y nunca se sube a ningún servidor.',
    settings: 'Ajustes del reporte',
    asOf: 'Fecha de corte',
    tz: 'Zona horaria',
    tzHelp: 'Zona IANA (America/Mexico_City) o desfase (-06:00, UTC)',
    highDays: 'ALTO: el trial vence en ≤ días',
    mediumDays: 'MEDIO: el trial vence en ≤ días',
    usagePercent: 'INFORMATIVO: uso de mensajes > %',
    dateOrder: 'Fechas como 03/04/2026',
    dateOrderAuto: 'Detectar automáticamente',
    dateOrderDmy: 'Día/mes/año',
    dateOrderMdy: 'Mes/día/año',
    productName: 'Nombre del producto (en los emails)',
    resetSettings: 'Restablecer valores del protocolo',
    resultsTitle: 'Resultado',
    stageLoad: 'Cargando el archivo',
    stageReading: 'Leyendo filas',
    stageClassifying: 'Clasificando tenants',
    stageWriting: 'Generando el XLSX',
    errorTitle: 'No se pudo procesar el archivo',
    errorHint: 'Revisa que sea la exportación de tenants (CSV con encabezados) y los ajustes del reporte. Puedes elegir otro archivo en cualquier momento.',
    emptyTitle: 'Cómo funciona',
    how1: 'Exporta los tenants de la mañana como CSV.',
    how2: 'Suéltalo aquí: se clasifica al instante en los cuatro niveles del protocolo.',
    how3: 'Revisa la vista previa y descarga el XLSX con la lista de trabajo del día.',
    levelsLegend: 'Niveles del protocolo',
    legendCritical: 'CRÍTICO — pago fallido',
    legendHigh: 'ALTO — el trial vence en ≤ 3 días',
    legendMedium: 'MEDIO — el trial vence en 4–7 días',
    legendInfo: 'INFORMATIVO — más del 90 % del límite de mensajes',
    download: 'Descargar XLSX',
    cardsLabel: 'Conteo por nivel',
    cardCritical: 'Crítico',
    cardCriticalSub: 'Pago fallido',
    cardHigh: 'Alto',
    cardMedium: 'Medio',
    cardInfo: 'Informativo',
    cardNoRisk: 'Sin riesgo',
    cardNoRiskSub: 'Sin acción hoy',
    cardRejected: 'Rechazadas',
    cardRejectedSub: 'Sin ID ni nombre',
    cardProblems: 'Problemas',
    cardProblemsSub: 'Datos por revisar',
    subHigh: 'Trial vence en ≤\u00a0{n}\u00a0días',
    subMedium: 'Trial vence en {a}–{b}\u00a0días',
    subInfo: 'Uso de mensajes >\u00a0{n}\u00a0%',
    previewTitle: 'Lista de trabajo',
    levelFilter: 'Nivel',
    allLevels: 'Todos los niveles',
    optCritical: '🔴 Crítico',
    optHigh: '🟠 Alto',
    optMedium: '🟡 Medio',
    optInfo: '🔵 Informativo',
    search: 'Buscar',
    searchPlaceholder: 'Tenant, owner, email, ejecutivo…',
    colLevel: 'Nivel',
    colTenant: 'Tenant',
    colContact: 'Contacto',
    colExecutive: 'Ejecutivo',
    colReason: 'Motivo',
    colAction: 'Acción',
    colLine: 'Línea',
    colColumn: 'Columna',
    colValue: 'Valor',
    colExpected: 'Esperado',
    colField: 'Campo',
    colHeader: 'Encabezado en el archivo',
    problemsTitle: 'Problemas en los datos',
    problemsIntro: 'Estas filas se clasificaron con las señales que sí se pudieron leer; corrige el dato en el sistema de origen. La línea es la del archivo, como la muestra un editor de texto.',
    problemsNone: 'Ningún problema: todos los valores se leyeron correctamente.',
    problemsCapped: 'Se muestran los primeros {shown} de {total}; el XLSX los tiene todos en la hoja de problemas.',
    columnsTitle: 'Columnas reconocidas',
    executivesTitle: 'Por ejecutivo de cuenta',
    colTotal: 'Total',
    unassigned: '(sin asignar)',
    factBlank: 'Filas vacías omitidas',
    orderSource: { option: 'ajuste', default: 'por defecto', detected: 'detectado' },
    duplicateColumns: 'Columnas repetidas (se usó la primera): {list}',
    tableCount: 'Mostrando {shown} de {total} tenants',
    tableCountCapped: 'Mostrando los primeros {shown} de {total} tenants que coinciden; el XLSX los tiene todos.',
    tableEmptyFiltered: 'Ningún tenant coincide con el filtro.',
    tableEmptyNone: 'Ningún tenant requiere acción hoy según el protocolo.',
    idPrefix: 'ID',
    lineN: 'línea {n}',
    alsoPrefix: 'También:',
    factFile: 'Archivo',
    factRows: 'Filas leídas',
    factEncoding: 'Codificación',
    factDelimiter: 'Delimitador',
    factDateOrder: 'Fechas',
    factAsOf: 'Fecha de corte',
    factTz: 'Zona horaria',
    factTime: 'Procesado en',
    delimComma: 'coma (,)',
    delimSemicolon: 'punto y coma (;)',
    delimTab: 'tabulador',
    delimPipe: 'barra vertical (|)',
    orderDmy: 'día/mes/año',
    orderMdy: 'mes/día/año',
    rulesNotEvaluated: 'Reglas no evaluadas',
    rulesNotEvaluatedIntro: 'Al archivo le faltan columnas para estas reglas; el resto de la lista sí es válido.',
    unknownColumns: 'Columnas ignoradas (no reconocidas): {list}',
    levelName: { critical: '🔴 CRÍTICO', high: '🟠 ALTO', medium: '🟡 MEDIO', info: '🔵 INFORMATIVO' },
    statusReadingFile: 'Cargando {name}…',
    statusStage: { reading: 'Leyendo filas de {name}…', classifying: 'Clasificando tenants…', writing: 'Generando el XLSX…' },
    statusDone: 'Listo: {rows} filas leídas. Crítico {critical}, alto {high}, medio {medium}, informativo {info}; {problems} problemas.',
    statusError: 'Error: {message}',
    statusDownloaded: 'Se descargó {name}.',
    statusInvalidSettings: 'Revisa los ajustes: {field}: {message}',
    tooBig: 'El archivo «{name}» pesa {size}; el máximo que acepta esta página es {max}. Para archivos más grandes usa la línea de comandos (retention-worklist).',
    emptyPick: 'No se eligió ningún archivo.',
    readFailed: 'No se pudo leer el archivo «{name}»: {detail}',
    workerDied: 'El motor se detuvo mientras procesaba el archivo (posiblemente por falta de memoria{detail}). La página sigue funcionando: prueba con un archivo más pequeño o con la línea de comandos.',
    workerBadMessage: 'El motor devolvió un resultado que no se pudo leer.',
    sampleFailed: 'No se pudo cargar el archivo de ejemplo ({detail}).',
    sampleDated: 'Los datos de ejemplo son del 26/11/2026: la fecha de corte se fijó en ese día.',
    downloadNothing: 'Todavía no hay un XLSX para descargar.',
    footer: 'Todo el cálculo ocurre en tu navegador con WebAssembly; esta página no envía datos a ningún servidor.',
    seconds: '{n} s',
  },
  en: {
    docTitle: 'Retention worklist',
    skip: 'Skip to content',
    title: 'Retention worklist',
    subtitle: 'Daily retention and upselling protocol',
    language: 'Language',
    intakeTitle: 'Tenant export',
    dropMain: 'Drop the CSV here or choose a file',
    chooseFile: 'Choose file',
    dropHelp: 'CSV, TXT or TSV exported from ImagineCRM, Excel or the database',
    dropActive: 'Drop the file to process it',
    limitNote: 'Maximum size: {max}. Larger files are refused before they are read.',
    sample: 'Try it with sample data',
    privacy: 'The file is processed on this computer and is never uploaded to any server.',
    settings: 'Report settings',
    asOf: 'As-of date',
    tz: 'Time zone',
    tzHelp: 'IANA zone (America/Mexico_City) or offset (-06:00, UTC)',
    highDays: 'HIGH: trial ends in ≤ days',
    mediumDays: 'MEDIUM: trial ends in ≤ days',
    usagePercent: 'INFO: message usage > %',
    dateOrder: 'Dates like 03/04/2026',
    dateOrderAuto: 'Detect automatically',
    dateOrderDmy: 'Day/month/year',
    dateOrderMdy: 'Month/day/year',
    productName: 'Product name (in the emails)',
    resetSettings: 'Reset to the protocol defaults',
    resultsTitle: 'Result',
    stageLoad: 'Loading the file',
    stageReading: 'Reading rows',
    stageClassifying: 'Classifying tenants',
    stageWriting: 'Writing the XLSX',
    errorTitle: 'The file could not be processed',
    errorHint: 'Check that it is the tenant export (a CSV with headers) and the report settings. You can choose another file at any time.',
    emptyTitle: 'How it works',
    how1: "Export the morning's tenants as CSV.",
    how2: "Drop it here: it is sorted at once into the protocol's four levels.",
    how3: "Review the preview and download the XLSX with the day's worklist.",
    levelsLegend: 'Protocol levels',
    legendCritical: 'CRITICAL — failed payment',
    legendHigh: 'HIGH — trial ends in ≤ 3 days',
    legendMedium: 'MEDIUM — trial ends in 4–7 days',
    legendInfo: 'INFO — over 90 % of the message limit',
    download: 'Download XLSX',
    cardsLabel: 'Count per level',
    cardCritical: 'Critical',
    cardCriticalSub: 'Failed payment',
    cardHigh: 'High',
    cardMedium: 'Medium',
    cardInfo: 'Info',
    cardNoRisk: 'No risk',
    cardNoRiskSub: 'No action today',
    cardRejected: 'Rejected',
    cardRejectedSub: 'No ID and no name',
    cardProblems: 'Problems',
    cardProblemsSub: 'Data to review',
    subHigh: 'Trial ends in ≤\u00a0{n}\u00a0days',
    subMedium: 'Trial ends in {a}–{b}\u00a0days',
    subInfo: 'Message usage >\u00a0{n}\u00a0%',
    previewTitle: 'Worklist',
    levelFilter: 'Level',
    allLevels: 'All levels',
    optCritical: '🔴 Critical',
    optHigh: '🟠 High',
    optMedium: '🟡 Medium',
    optInfo: '🔵 Info',
    search: 'Search',
    searchPlaceholder: 'Tenant, owner, email, executive…',
    colLevel: 'Level',
    colTenant: 'Tenant',
    colContact: 'Contact',
    colExecutive: 'Executive',
    colReason: 'Reason',
    colAction: 'Action',
    colLine: 'Line',
    colColumn: 'Column',
    colValue: 'Value',
    colExpected: 'Expected',
    colField: 'Field',
    colHeader: 'Header in the file',
    problemsTitle: 'Data problems',
    problemsIntro: 'These rows were classified on the signals that could be read; fix the value in the source system. The line is the line in the file, as a text editor shows it.',
    problemsNone: 'No problems: every value was read correctly.',
    problemsCapped: 'Showing the first {shown} of {total}; the XLSX has all of them on the problems sheet.',
    columnsTitle: 'Recognised columns',
    executivesTitle: 'By account executive',
    colTotal: 'Total',
    unassigned: '(unassigned)',
    factBlank: 'Blank rows skipped',
    orderSource: { option: 'setting', default: 'default', detected: 'detected' },
    duplicateColumns: 'Repeated columns (the first one was used): {list}',
    tableCount: 'Showing {shown} of {total} tenants',
    tableCountCapped: 'Showing the first {shown} of {total} matching tenants; the XLSX has all of them.',
    tableEmptyFiltered: 'No tenant matches the filter.',
    tableEmptyNone: 'No tenant needs action today according to the protocol.',
    idPrefix: 'ID',
    lineN: 'line {n}',
    alsoPrefix: 'Also:',
    factFile: 'File',
    factRows: 'Rows read',
    factEncoding: 'Encoding',
    factDelimiter: 'Delimiter',
    factDateOrder: 'Dates',
    factAsOf: 'As-of date',
    factTz: 'Time zone',
    factTime: 'Processed in',
    delimComma: 'comma (,)',
    delimSemicolon: 'semicolon (;)',
    delimTab: 'tab',
    delimPipe: 'pipe (|)',
    orderDmy: 'day/month/year',
    orderMdy: 'month/day/year',
    rulesNotEvaluated: 'Rules not evaluated',
    rulesNotEvaluatedIntro: 'The file lacks the columns for these rules; the rest of the worklist is valid.',
    unknownColumns: 'Ignored columns (not recognised): {list}',
    levelName: { critical: '🔴 CRITICAL', high: '🟠 HIGH', medium: '🟡 MEDIUM', info: '🔵 INFO' },
    statusReadingFile: 'Loading {name}…',
    statusStage: { reading: 'Reading rows of {name}…', classifying: 'Classifying tenants…', writing: 'Writing the XLSX…' },
    statusDone: 'Done: {rows} rows read. Critical {critical}, high {high}, medium {medium}, info {info}; {problems} problems.',
    statusError: 'Error: {message}',
    statusDownloaded: 'Downloaded {name}.',
    statusInvalidSettings: 'Check the settings: {field}: {message}',
    tooBig: 'The file “{name}” is {size}; the largest this page accepts is {max}. For larger files use the command line (retention-worklist).',
    emptyPick: 'No file was chosen.',
    readFailed: 'The file “{name}” could not be read: {detail}',
    workerDied: 'The engine stopped while processing the file (possibly out of memory{detail}). The page still works: try a smaller file or the command line.',
    workerBadMessage: 'The engine returned a result that could not be read.',
    sampleFailed: 'The sample file could not be loaded ({detail}).',
    sampleDated: 'The sample data is from 2026-11-26: the as-of date was set to that day.',
    downloadNothing: 'There is no XLSX to download yet.',
    footer: 'All computation happens in your browser with WebAssembly; this page sends no data to any server.',
    seconds: '{n} s',
  },
};

// ---------------------------------------------------------------------------------------------
// State

const state = {
  lang: DEFAULTS.lang,
  /** @type {{ name: string, bytes: Uint8Array } | null} the loaded file, kept to re-run */
  file: null,
  /** @type {{ xlsx: Uint8Array, summary: any, preview: any[], options: any, ms: number } | null} */
  result: null,
  filter: 'all',
  search: '',
  asOfTouched: false,
  runs: 0,
};

const $ = (id) => document.getElementById(id);
const el = {};

function t(key, vars) {
  const dict = I18N[state.lang] || I18N.es;
  let s = dict[key] ?? I18N.es[key] ?? key;
  if (typeof s === 'string' && vars) {
    s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  }
  return s;
}

function fmtInt(n) {
  return new Intl.NumberFormat(state.lang === 'en' ? 'en-US' : 'es-MX').format(Number(n) || 0);
}

function fmtBytes(n) {
  const locale = state.lang === 'en' ? 'en-US' : 'es-MX';
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: i === 0 ? 0 : 1 }).format(v)} ${units[i]}`;
}

/** Lower-case, accent-free text for searching. */
function fold(s) {
  return String(s ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function setText(node, text) {
  node.textContent = text == null ? '' : String(text);
}

// ---------------------------------------------------------------------------------------------
// Settings

function browserZone() {
  try {
    const z = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (z && z !== 'Etc/Unknown') return z;
  } catch {
    /* fall through */
  }
  return 'UTC';
}

/** Today's date (YYYY-MM-DD) in an IANA zone or a fixed offset; null if the zone is unknown. */
function todayIn(zone) {
  const now = new Date();
  const z = String(zone || '').trim();
  const off = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(z);
  if (/^(utc|gmt|z)$/i.test(z) || off) {
    const minutes = off ? (off[1] === '-' ? -1 : 1) * (Number(off[2]) * 60 + Number(off[3] || 0)) : 0;
    return new Date(now.getTime() + minutes * 60000).toISOString().slice(0, 10);
  }
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: z, year: 'numeric', month: '2-digit', day: '2-digit',
    }).formatToParts(now);
    const get = (type) => parts.find((p) => p.type === type)?.value;
    return `${get('year')}-${get('month')}-${get('day')}`;
  } catch {
    return null;
  }
}

function loadStoredSettings() {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return {};
    const v = JSON.parse(raw);
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}

function storeSettings() {
  try {
    const s = readSettings();
    localStorage.setItem(STORAGE_KEY, JSON.stringify({
      lang: state.lang,
      highDays: s.highDays,
      mediumDays: s.mediumDays,
      usagePercent: s.usagePercent,
      productName: s.productName,
      dateOrder: s.dateOrder,
    }));
  } catch {
    /* storage unavailable: settings just are not remembered */
  }
}

function applyStoredSettings() {
  const s = { ...DEFAULTS, ...loadStoredSettings() };
  state.lang = s.lang === 'en' ? 'en' : 'es';
  el.lang.value = state.lang;
  el.highDays.value = String(intOr(s.highDays, DEFAULTS.highDays));
  el.mediumDays.value = String(intOr(s.mediumDays, DEFAULTS.mediumDays));
  el.usagePercent.value = String(intOr(s.usagePercent, DEFAULTS.usagePercent));
  el.productName.value = typeof s.productName === 'string' && s.productName.trim() ? s.productName : DEFAULTS.productName;
  el.dateOrder.value = s.dateOrder === 'dmy' || s.dateOrder === 'mdy' ? s.dateOrder : '';
  el.tz.value = browserZone();
  el.asOf.value = todayIn(el.tz.value) || new Date().toISOString().slice(0, 10);
}

function intOr(v, d) {
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : d;
}

function readSettings() {
  return {
    asOf: el.asOf.value,
    tz: el.tz.value.trim(),
    lang: state.lang,
    highDays: Number(el.highDays.value),
    mediumDays: Number(el.mediumDays.value),
    usagePercent: Number(el.usagePercent.value),
    productName: el.productName.value.trim(),
    dateOrder: el.dateOrder.value,
  };
}

/** The engine's options for the current settings and file (null + message when a setting is invalid). */
function engineOptions(fileName) {
  for (const input of [el.asOf, el.tz, el.highDays, el.mediumDays, el.usagePercent, el.productName]) {
    if (!input.checkValidity()) {
      const label = document.querySelector(`label[for="${input.id}"]`)?.textContent ?? input.id;
      return { error: t('statusInvalidSettings', { field: label, message: input.validationMessage }), input };
    }
  }
  const s = readSettings();
  const options = {
    asOf: s.asOf,
    tz: s.tz,
    lang: s.lang,
    fileName,
    productName: s.productName,
    highDays: s.highDays,
    mediumDays: s.mediumDays,
    usagePercent: s.usagePercent,
  };
  if (s.dateOrder) options.dateOrder = s.dateOrder;
  return { options };
}

// ---------------------------------------------------------------------------------------------
// Page text

function applyLanguage() {
  document.documentElement.lang = state.lang;
  document.title = `${t('docTitle')} · ${el.productName.value.trim() || DEFAULTS.productName}`;
  for (const node of document.querySelectorAll('[data-i18n]')) {
    const v = t(node.dataset.i18n);
    if (typeof v === 'string') node.textContent = v;
  }
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
    node.placeholder = t(node.dataset.i18nPlaceholder);
  }
  for (const node of document.querySelectorAll('[data-i18n-aria]')) {
    node.setAttribute('aria-label', t(node.dataset.i18nAria));
  }
  setText(el.limitNote, t('limitNote', { max: fmtBytes(MAX_BYTES) }));
  setText(el.brandProduct, el.productName.value.trim() || DEFAULTS.productName);
  if (state.result) renderResult();
}

// ---------------------------------------------------------------------------------------------
// The engine in a worker

let worker = null;
/** @type {{ id: number, resolve: Function, reject: Function, onStage: Function } | null} */
let pending = null;
let nextId = 1;

class Superseded extends Error {}

function getWorker() {
  if (worker) return worker;
  worker = new Worker('./worker.js', { type: 'module' });
  worker.addEventListener('message', onWorkerMessage);
  worker.addEventListener('error', onWorkerError);
  worker.addEventListener('messageerror', onWorkerMessageError);
  return worker;
}

function discardWorker() {
  if (!worker) return;
  worker.removeEventListener('message', onWorkerMessage);
  worker.removeEventListener('error', onWorkerError);
  worker.removeEventListener('messageerror', onWorkerMessageError);
  worker.terminate();
  worker = null;
}

function onWorkerMessage(ev) {
  const msg = ev.data;
  if (!pending || !msg || msg.id !== pending.id) return;
  if (msg.type === 'progress') {
    pending.onStage(msg.stage, msg.fraction);
  } else if (msg.type === 'result') {
    const p = pending;
    pending = null;
    p.resolve(msg);
  } else if (msg.type === 'error') {
    const p = pending;
    pending = null;
    // A wasm trap can leave the engine's memory inconsistent: start a fresh worker next time.
    if (msg.fatal) discardWorker();
    p.reject(new Error(String(msg.message || 'error')));
  }
}

/** The worker died (uncaught error, failed to load, out of memory): report it and start afresh next time. */
function onWorkerError(ev) {
  ev.preventDefault?.();
  const detail = ev && ev.message ? `: ${ev.message}` : '';
  discardWorker();
  if (pending) {
    const p = pending;
    pending = null;
    p.reject(new Error(t('workerDied', { detail })));
  }
}

function onWorkerMessageError() {
  discardWorker();
  if (pending) {
    const p = pending;
    pending = null;
    p.reject(new Error(t('workerBadMessage')));
  }
}

function runEngine(bytes, options, onStage) {
  if (pending) {
    // A newer run replaces the one in progress: stop it at once.
    const p = pending;
    pending = null;
    discardWorker();
    p.reject(new Superseded('superseded'));
  }
  const w = getWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending = { id, resolve, reject, onStage };
    // Copy: the page keeps its bytes to re-run when a setting changes; the copy is transferred.
    const copy = bytes.slice();
    try {
      w.postMessage({ id, bytes: copy, options }, [copy.buffer]);
    } catch (e) {
      pending = null;
      discardWorker();
      reject(e);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Flow

function setBusy() {
  document.body.dataset.state = 'busy';
  el.main.setAttribute('aria-busy', 'true');
}

let announceTimer = 0;
function announce(text) {
  // Clear first so the same message is announced again.
  clearTimeout(announceTimer);
  el.status.textContent = '';
  announceTimer = setTimeout(() => setText(el.status, text), 40);
}

function showProgress(name, stage, fraction) {
  el.progress.hidden = false;
  const current = Math.max(0, STAGES.indexOf(stage));
  // Overall bar: each stage is a quarter; within a stage the engine's fraction when it gives one.
  const within = typeof fraction === 'number' && Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  el.progressBar.value = (current + within) / STAGES.length;
  setText(el.progressFile, name);
  for (const li of el.steps.children) {
    const i = STAGES.indexOf(li.dataset.stage);
    li.classList.toggle('done', i < current);
    li.classList.toggle('current', i === current);
    if (i === current) li.setAttribute('aria-current', 'step');
    else li.removeAttribute('aria-current');
  }
}

function hideProgress() {
  el.progress.hidden = true;
}

function showError(message, fileName = state.file && state.file.name) {
  state.result = null;
  hideProgress();
  el.results.hidden = true;
  el.empty.hidden = true;
  el.error.hidden = false;
  setText(el.errorFile, fileName || '');
  el.errorFile.hidden = !fileName;
  setText(el.errorMessage, message);
  setText(el.errorHint, t('errorHint'));
  document.body.dataset.state = 'error';
  announce(t('statusError', { message }));
}

function finishRun() {
  state.runs++;
  document.body.dataset.runs = String(state.runs);
  el.main.setAttribute('aria-busy', 'false');
}

/** Accept a File from the input or a drop: check its size first, then read and process it. */
async function acceptFile(file) {
  if (!file) {
    announce(t('emptyPick'));
    return;
  }
  if (file.size > MAX_BYTES) {
    state.file = null;
    showError(t('tooBig', { name: file.name, size: fmtBytes(file.size), max: fmtBytes(MAX_BYTES) }), file.name);
    finishRun();
    return;
  }
  document.body.dataset.state = 'busy';
  el.error.hidden = true;
  showProgress(file.name, 'load');
  announce(t('statusReadingFile', { name: file.name }));
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    state.file = null;
    showError(t('readFailed', { name: file.name, detail: e && e.message ? e.message : String(e) }), file.name);
    finishRun();
    return;
  }
  state.file = { name: file.name, bytes };
  await processNewFile();
}

/** The day the bundled sample export was taken. */
const SAMPLE_AS_OF = '2026-11-26';

async function loadSample() {
  const name = 'tenants-ejemplo.csv';
  el.error.hidden = true;
  showProgress(name, 'load');
  document.body.dataset.state = 'busy';
  announce(t('statusReadingFile', { name }));
  try {
    const res = await fetch('./sample/tenants-ejemplo.csv', { cache: 'no-cache', credentials: 'same-origin' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    state.file = { name, bytes };
    // The sample is a snapshot: read on another day its trials would all be
    // long expired, so it is shown as of the day it was exported.
    el.asOf.value = SAMPLE_AS_OF;
    state.asOfTouched = true;
    announce(t('sampleDated'));
  } catch (e) {
    showError(t('sampleFailed', { detail: e && e.message ? e.message : String(e) }), name);
    finishRun();
    return;
  }
  await processNewFile();
}

/** A new file shows all its rows: clear the filter and the search, then process it. */
function processNewFile() {
  state.filter = 'all';
  state.search = '';
  el.search.value = '';
  el.levelFilter.value = 'all';
  return process();
}

/** Run the engine on the loaded file with the current settings. */
async function process() {
  const file = state.file;
  if (!file) return;
  const { options, error, input } = engineOptions(file.name);
  if (error) {
    showError(error);
    input?.setAttribute('aria-invalid', 'true');
    finishRun();
    return;
  }
  for (const i of el.settingsForm.querySelectorAll('[aria-invalid]')) i.removeAttribute('aria-invalid');

  setBusy();
  el.error.hidden = true;
  showProgress(file.name, 'reading');
  announce(t('statusStage').reading.replace('{name}', file.name));
  const started = performance.now();
  let msg;
  try {
    let lastStage = 'reading';
    msg = await runEngine(file.bytes, options, (stage, fraction) => {
      if (!['reading', 'classifying', 'writing'].includes(stage)) return;
      showProgress(file.name, stage, fraction);
      // Announce each stage once, not every fraction.
      if (stage !== lastStage) announce(t('statusStage')[stage].replace('{name}', file.name));
      lastStage = stage;
    });
  } catch (e) {
    if (e instanceof Superseded) return; // a newer run owns the page now
    showError(e && e.message ? e.message : String(e));
    finishRun();
    return;
  }
  if (state.file !== file) return;
  const xlsx = msg.xlsx instanceof Uint8Array ? msg.xlsx : new Uint8Array(msg.xlsx);
  state.result = {
    xlsx,
    summary: msg.summary || {},
    preview: Array.isArray(msg.preview) ? msg.preview : [],
    options,
    ms: performance.now() - started,
  };
  hideProgress();
  renderResult();
  document.body.dataset.state = 'done';
  const s = state.result.summary;
  announce(t('statusDone', {
    rows: fmtInt(s.rows), critical: fmtInt(s.critical), high: fmtInt(s.high),
    medium: fmtInt(s.medium), info: fmtInt(s.info), problems: fmtInt(s.problems),
  }));
  finishRun();
}

let rerunTimer = 0;
function scheduleRerun() {
  storeSettings();
  clearTimeout(rerunTimer);
  if (!state.file) return;
  rerunTimer = setTimeout(() => process(), 150);
}

function download() {
  const r = state.result;
  if (!r) {
    announce(t('downloadNothing'));
    return;
  }
  const asOf = r.summary.as_of || r.options.asOf;
  const name = `worklist-${asOf}.xlsx`;
  const url = URL.createObjectURL(new Blob([r.xlsx], { type: XLSX_MIME }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  announce(t('statusDownloaded', { name }));
}

// ---------------------------------------------------------------------------------------------
// Rendering (textContent only for anything that came from the file)

function renderResult() {
  const r = state.result;
  if (!r) return;
  const s = r.summary;
  el.empty.hidden = true;
  el.error.hidden = true;
  el.results.hidden = false;

  setText(el.resultTitle, s.file_name || r.options.fileName || '');
  renderFacts(s, r);

  for (const node of el.cards.querySelectorAll('[data-count]')) {
    setText(node, fmtInt(s[node.dataset.count]));
  }
  const th = s.thresholds || {};
  const high = Number(th.high_days ?? r.options.highDays);
  const medium = Number(th.medium_days ?? r.options.mediumDays);
  const usage = Number(th.usage_percent ?? r.options.usagePercent);
  const nf = new Intl.NumberFormat(state.lang === 'en' ? 'en-US' : 'es-MX', { maximumFractionDigits: 2 });
  setText($('card-high-sub'), t('subHigh', { n: high }));
  setText($('card-medium-sub'), t('subMedium', { a: high + 1, b: medium }));
  setText($('card-info-sub'), t('subInfo', { n: nf.format(usage) }));

  renderNotices(s);
  renderFilterState();
  renderTable();
  renderExecutives(s);
  renderProblems(s);
  renderColumns(s);
}

function renderExecutives(s) {
  const list = Array.isArray(s.by_executive) ? s.by_executive : [];
  const frag = document.createDocumentFragment();
  for (const e of list) {
    const tr = document.createElement('tr');
    const name = textCell(tr, e.executive || t('unassigned'));
    if (!e.executive) name.className = 'muted';
    let total = 0;
    for (const level of LEVELS) {
      const n = Number(e[level]) || 0;
      total += n;
      textCell(tr, n ? fmtInt(n) : '–', 'num');
    }
    textCell(tr, fmtInt(total), 'num total');
    frag.append(tr);
  }
  el.executivesBody.replaceChildren(frag);
  el.executives.hidden = list.length === 0;
}

function renderFacts(s, r) {
  const delims = { ',': t('delimComma'), ';': t('delimSemicolon'), '\t': t('delimTab'), '|': t('delimPipe') };
  const orders = { dmy: t('orderDmy'), mdy: t('orderMdy') };
  const secs = new Intl.NumberFormat(state.lang === 'en' ? 'en-US' : 'es-MX', { maximumFractionDigits: 1 })
    .format(r.ms / 1000);
  const facts = [
    ['factRows', fmtInt(s.rows), 'rows'],
    ['factEncoding', s.encoding, 'encoding'],
    ['factDelimiter', delims[s.delimiter] ?? s.delimiter, 'delimiter'],
    ['factDateOrder', (orders[s.date_order] ?? s.date_order) +
      (t('orderSource')[s.date_order_source] ? ` (${t('orderSource')[s.date_order_source]})` : ''), 'date-order'],
    ['factAsOf', s.as_of, 'as-of'],
    ['factTz', s.tz, 'tz'],
    ['factTime', t('seconds', { n: secs }), 'time'],
  ];
  if (Number(s.blank_rows) > 0) facts.splice(1, 0, ['factBlank', fmtInt(s.blank_rows), 'blank-rows']);
  const frag = document.createDocumentFragment();
  for (const [label, value, key] of facts) {
    const div = document.createElement('div');
    div.dataset.fact = key;
    const dt = document.createElement('dt');
    setText(dt, t(label));
    const dd = document.createElement('dd');
    setText(dd, value);
    div.append(dt, dd);
    frag.append(div);
  }
  el.facts.replaceChildren(frag);
}

function renderNotices(s) {
  const frag = document.createDocumentFragment();
  const rules = Array.isArray(s.rules_not_evaluated) ? s.rules_not_evaluated : [];
  if (rules.length) {
    const box = document.createElement('div');
    box.className = 'notice notice-warn';
    box.id = 'rules-not-evaluated';
    const h = document.createElement('h3');
    setText(h, t('rulesNotEvaluated'));
    const p = document.createElement('p');
    setText(p, t('rulesNotEvaluatedIntro'));
    const ul = document.createElement('ul');
    for (const rule of rules) {
      const li = document.createElement('li');
      const b = document.createElement('strong');
      setText(b, t('levelName')[rule.level] ?? rule.level);
      li.append(b, document.createTextNode(` — ${rule.reason ?? ''}`));
      ul.append(li);
    }
    box.append(h, p, ul);
    frag.append(box);
  }
  for (const note of Array.isArray(s.notices) ? s.notices : []) {
    const box = document.createElement('p');
    box.className = 'notice notice-warn engine-notice';
    setText(box, note);
    frag.append(box);
  }
  const dup = Array.isArray(s.duplicate_columns) ? s.duplicate_columns : [];
  if (dup.length) {
    const box = document.createElement('p');
    box.className = 'notice notice-info';
    box.id = 'duplicate-columns';
    setText(box, t('duplicateColumns', { list: dup.join(', ') }));
    frag.append(box);
  }
  const unknown = Array.isArray(s.unknown_columns) ? s.unknown_columns : [];
  if (unknown.length) {
    const box = document.createElement('p');
    box.className = 'notice notice-info';
    box.id = 'unknown-columns';
    setText(box, t('unknownColumns', { list: unknown.join(', ') }));
    frag.append(box);
  }
  el.notices.replaceChildren(frag);
}

function renderFilterState() {
  for (const card of el.cards.querySelectorAll('[data-filter]')) {
    card.setAttribute('aria-pressed', String(card.dataset.filter === state.filter));
  }
  el.levelFilter.value = state.filter;
}

function searchText(row) {
  if (row.__search == null) {
    row.__search = fold([row.id, row.tenant, row.owner, row.email, row.phone, row.executive, row.plan,
      row.reason, row.action, row.other_signals, row.level_label].join('\u0001'));
  }
  return row.__search;
}

function filteredRows() {
  const rows = state.result ? state.result.preview : [];
  const q = fold(state.search.trim());
  const terms = q ? q.split(/\s+/) : [];
  return rows.filter((row) =>
    (state.filter === 'all' || row.level === state.filter) &&
    (!terms.length || terms.every((term) => searchText(row).includes(term))));
}

function textCell(tr, text, cls) {
  const td = document.createElement('td');
  if (cls) td.className = cls;
  setText(td, text);
  tr.append(td);
  return td;
}

/** Text with break opportunities after @ and . (long emails wrap at sensible places). */
function appendBreakable(node, text) {
  const parts = String(text).split(/(?<=[@.])/);
  parts.forEach((part, i) => {
    if (i) node.append(document.createElement('wbr'));
    node.append(document.createTextNode(part));
  });
}

function renderTable() {
  const all = state.result ? state.result.preview : [];
  const rows = filteredRows();
  const shown = rows.slice(0, MAX_TABLE_ROWS);
  const frag = document.createDocumentFragment();
  for (const row of shown) {
    const level = LEVELS.includes(row.level) ? row.level : 'info';
    const tr = document.createElement('tr');
    tr.className = `lvl-${level}`;
    tr.dataset.level = level;

    const lv = document.createElement('td');
    lv.className = 'c-level';
    const pill = document.createElement('span');
    pill.className = 'level-pill';
    setText(pill, row.level_label || t('levelName')[level]);
    lv.append(pill);
    tr.append(lv);

    const tenant = document.createElement('td');
    tenant.className = 'c-tenant';
    const name = document.createElement('span');
    name.className = 'tenant-name';
    setText(name, row.tenant);
    tenant.append(name);
    const meta = [];
    if (row.id != null && row.id !== '') meta.push(`${t('idPrefix')} ${row.id}`);
    if (row.plan) meta.push(String(row.plan));
    if (row.line) meta.push(t('lineN', { n: row.line }));
    if (meta.length) {
      const sub = document.createElement('span');
      sub.className = 'sub';
      setText(sub, meta.join(' · '));
      tenant.append(sub);
    }
    tr.append(tenant);

    const contact = document.createElement('td');
    contact.className = 'c-contact';
    if (row.owner) {
      const o = document.createElement('span');
      o.className = 'owner';
      setText(o, row.owner);
      contact.append(o);
    }
    if (row.email) {
      const a = document.createElement('a');
      a.className = 'sub';
      const email = String(row.email).trim();
      // Only a plain address becomes a link; the scheme is fixed, the address is encoded.
      if (/^[^\s@<>"]+@[^\s@<>"]+$/.test(email)) a.href = `mailto:${encodeURI(email)}`;
      appendBreakable(a, email);
      contact.append(a);
    }
    if (row.phone) {
      const phone = String(row.phone).trim();
      const a = document.createElement('a');
      a.className = 'sub';
      const digits = phone.replace(/[^\d+]/g, '');
      if (digits.length >= 5) a.href = `tel:${digits}`;
      setText(a, phone);
      contact.append(a);
    }
    tr.append(contact);

    textCell(tr, row.executive, 'c-exec');
    const reason = textCell(tr, row.reason, 'c-reason');
    if (row.other_signals) {
      const other = document.createElement('span');
      other.className = 'sub other-signals';
      setText(other, `${t('alsoPrefix')} ${row.other_signals}`);
      reason.append(other);
    }
    textCell(tr, row.action, 'c-action');
    frag.append(tr);
  }
  el.tableBody.replaceChildren(frag);

  const total = rows.length;
  el.tableEmpty.hidden = total > 0;
  el.tableScroll.hidden = total === 0;
  if (total === 0) {
    setText(el.tableEmpty, all.length ? t('tableEmptyFiltered') : t('tableEmptyNone'));
  }
  setText(el.tableCount, total > shown.length
    ? t('tableCountCapped', { shown: fmtInt(shown.length), total: fmtInt(total) })
    : t('tableCount', { shown: fmtInt(total), total: fmtInt(all.length) }));
}

function renderProblems(s) {
  const list = Array.isArray(s.problem_list) ? s.problem_list : [];
  const shown = list.slice(0, MAX_PROBLEM_ROWS);
  const frag = document.createDocumentFragment();
  for (const p of shown) {
    const tr = document.createElement('tr');
    textCell(tr, p.line, 'num');
    textCell(tr, p.tenant);
    textCell(tr, p.column);
    textCell(tr, p.value, 'c-value');
    textCell(tr, p.expected);
    frag.append(tr);
  }
  el.problemsBody.replaceChildren(frag);
  el.problemsScroll.hidden = list.length === 0;
  let intro = list.length ? t('problemsIntro') : t('problemsNone');
  if (list.length > shown.length) intro += ' ' + t('problemsCapped', { shown: fmtInt(shown.length), total: fmtInt(list.length) });
  setText(el.problemsIntro, intro);
}

function renderColumns(s) {
  const cols = Array.isArray(s.columns) ? s.columns : [];
  const frag = document.createDocumentFragment();
  for (const c of cols) {
    const tr = document.createElement('tr');
    textCell(tr, c.field);
    textCell(tr, c.header);
    frag.append(tr);
  }
  el.columnsBody.replaceChildren(frag);
  el.columnsDetails.hidden = cols.length === 0;
}

function setFilter(level) {
  state.filter = level === state.filter && level !== 'all' ? 'all' : level;
  renderFilterState();
  renderTable();
}

// ---------------------------------------------------------------------------------------------
// Wiring

function fillZoneList() {
  const zones = new Set([browserZone(), ...COMMON_ZONES]);
  try {
    for (const z of Intl.supportedValuesOf('timeZone')) zones.add(z);
  } catch {
    /* older browsers: the common list is enough */
  }
  const frag = document.createDocumentFragment();
  for (const z of zones) {
    const o = document.createElement('option');
    o.value = z;
    frag.append(o);
  }
  el.tzList.replaceChildren(frag);
}

function wireDragAndDrop() {
  let depth = 0;
  const hasFiles = (ev) => Array.from(ev.dataTransfer?.types || []).includes('Files');
  window.addEventListener('dragenter', (ev) => {
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    depth++;
    el.dropzone.classList.add('dragging');
  });
  window.addEventListener('dragover', (ev) => {
    if (!hasFiles(ev)) return;
    ev.preventDefault(); // allow dropping anywhere on the page (and keep the browser from opening the file)
    ev.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('dragleave', (ev) => {
    if (!hasFiles(ev)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) el.dropzone.classList.remove('dragging');
  });
  window.addEventListener('drop', (ev) => {
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    depth = 0;
    el.dropzone.classList.remove('dragging');
    const file = ev.dataTransfer.files && ev.dataTransfer.files[0];
    acceptFile(file);
  });
}

function init() {
  Object.assign(el, {
    main: $('main'),
    lang: $('lang'),
    file: $('file'),
    dropzone: $('dropzone'),
    limitNote: $('limit-note'),
    sample: $('sample'),
    settingsForm: $('settings-form'),
    asOf: $('asOf'),
    tz: $('tz'),
    tzList: $('tz-list'),
    highDays: $('highDays'),
    mediumDays: $('mediumDays'),
    usagePercent: $('usagePercent'),
    dateOrder: $('dateOrder'),
    productName: $('productName'),
    resetSettings: $('reset-settings'),
    brandProduct: $('brand-product'),
    status: $('status'),
    progress: $('progress'),
    progressFile: $('progress-file'),
    steps: $('steps'),
    error: $('error'),
    errorMessage: $('error-message'),
    errorFile: $('error-file'),
    errorHint: $('error-hint'),
    empty: $('empty'),
    results: $('results'),
    resultTitle: $('result-title'),
    facts: $('facts'),
    download: $('download'),
    cards: $('cards'),
    notices: $('notices'),
    levelFilter: $('level-filter'),
    search: $('search'),
    tableCount: $('table-count'),
    tableScroll: $('table-scroll'),
    tableBody: $('worklist-body'),
    tableEmpty: $('table-empty'),
    problemsBody: $('problems-body'),
    problemsScroll: $('problems-scroll'),
    problemsIntro: $('problems-intro'),
    columnsBody: $('columns-body'),
    executives: $('executives'),
    executivesBody: $('executives-body'),
    progressBar: $('progress-bar'),
    columnsDetails: $('columns-details'),
  });

  applyStoredSettings();
  fillZoneList();
  // In a narrow window the settings start folded so the results come sooner.
  if (window.matchMedia && window.matchMedia('(max-width: 759px)').matches) $('settings').open = false;
  applyLanguage();
  document.body.dataset.state = 'idle';
  document.body.dataset.runs = '0';

  el.file.addEventListener('change', () => {
    const file = el.file.files && el.file.files[0];
    acceptFile(file);
    // Allow choosing the same file again (e.g. after fixing it on disk).
    el.file.value = '';
  });
  el.sample.addEventListener('click', () => loadSample());
  el.download.addEventListener('click', download);

  el.lang.addEventListener('change', () => {
    state.lang = el.lang.value === 'en' ? 'en' : 'es';
    applyLanguage();
    scheduleRerun();
  });
  el.asOf.addEventListener('input', () => { state.asOfTouched = true; });
  el.tz.addEventListener('change', () => {
    if (!state.asOfTouched) {
      const today = todayIn(el.tz.value);
      if (today) el.asOf.value = today;
    }
    scheduleRerun();
  });
  for (const input of [el.asOf, el.highDays, el.mediumDays, el.usagePercent, el.dateOrder]) {
    input.addEventListener('change', scheduleRerun);
  }
  el.productName.addEventListener('change', () => {
    applyLanguage();
    scheduleRerun();
  });
  el.settingsForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    scheduleRerun();
  });
  el.resetSettings.addEventListener('click', () => {
    el.highDays.value = String(DEFAULTS.highDays);
    el.mediumDays.value = String(DEFAULTS.mediumDays);
    el.usagePercent.value = String(DEFAULTS.usagePercent);
    el.productName.value = DEFAULTS.productName;
    el.dateOrder.value = DEFAULTS.dateOrder;
    applyLanguage();
    scheduleRerun();
  });

  for (const card of el.cards.querySelectorAll('[data-filter]')) {
    card.addEventListener('click', () => setFilter(card.dataset.filter));
  }
  el.levelFilter.addEventListener('change', () => setFilter(el.levelFilter.value));
  let searchTimer = 0;
  el.search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      state.search = el.search.value;
      renderTable();
    }, 120);
  });

  wireDragAndDrop();
  // Start the worker early so the engine is compiled by the time a file arrives.
  try {
    getWorker();
  } catch {
    /* reported when a file is processed */
  }
}

init();

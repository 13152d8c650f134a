// The page's own words, Spanish and English, and the number formats that go with them.
//
// Only words the page alone uses live here. Words the page shares with the workbook (level
// labels and triggers, "Fecha de corte", "Sin riesgo", the problems sheet's headers, notices,
// rules not evaluated, what a cell should have contained) come from the engine: engine_info()
// and the result of build_worklist (see levels.js and results.js).

/** The Spanish words; every English word has the same key. */
const ES = {
  docTitle: 'Lista de trabajo de retención',
  skip: 'Saltar al contenido',
  title: 'Lista de trabajo de retención',
  subtitle: 'Protocolo diario de retención y upselling',
  language: 'Idioma',
  intakeTitle: 'Exportación de tenants',
  dropMain: 'Suelta aquí el CSV o la hoja de cálculo, o elige un archivo',
  chooseFile: 'Elegir archivo',
  dropHelp: 'CSV, TXT, TSV, XLSX, XLS u ODS exportado de {product}, Excel o la base de datos',
  limitNote: 'Tamaño máximo: {max}. Los archivos más grandes se rechazan antes de leerlos.',
  sample: 'Probar con datos de ejemplo',
  privacy: 'El archivo se procesa en esta computadora y nunca se sube a ningún servidor.',
  settings: 'Ajustes del reporte',
  resetSettings: 'Restablecer valores del protocolo',
  resultsTitle: 'Resultado',
  stageLoad: 'Cargando el archivo',
  stageReading: 'Leyendo filas',
  stageClassifying: 'Clasificando tenants',
  errorTitle: 'No se pudo procesar el archivo',
  errorHint: 'Revisa que sea la exportación de tenants (CSV con encabezados) y los ajustes del reporte. Puedes elegir otro archivo en cualquier momento.',
  emptyTitle: 'Cómo funciona',
  how1: 'Exporta los tenants de la mañana como CSV.',
  how2: 'Suéltalo aquí: se clasifica al instante en los cuatro niveles del protocolo.',
  how3: 'Revisa la vista previa y descarga el XLSX con la lista de trabajo del día.',
  levelsLegend: 'Niveles del protocolo',
  download: 'Descargar XLSX',
  downloadSplit: 'Descargar por ejecutivo (ZIP)',
  splitFiles: 'Archivos del ZIP',
  splitFile: '{file}: {rows} filas',
  splitNone: 'No hay filas en la lista: el ZIP no tendría archivos.',
  previousLabel: 'Worklist anterior (opcional)',
  previousHelp: 'El XLSX de un día anterior, tal como lo dejó el equipo: se traen Estado, Notas, Posponer hasta, En lista desde y las columnas propias.',
  previousClear: 'Quitar',
  previousTooBig: '«{name}» pesa {size}; el máximo para el worklist anterior es {max}.',
  engineVersion: 'Motor: {version}',
  cardsLabel: 'Conteo por nivel',
  cardNoRiskSub: 'Sin acción hoy',
  cardRejectedSub: 'Sin ID ni nombre',
  cardProblemsSub: 'Datos por revisar',
  previewTitle: 'Lista de trabajo',
  allLevels: 'Todos los niveles',
  search: 'Buscar',
  searchPlaceholder: 'Tenant, owner, email, ejecutivo…',
  colContact: 'Contacto',
  colField: 'Campo',
  colCurrency: 'Moneda',
  overdueOnly: 'Solo vencidos',
  problemsIntro: 'Estas filas se clasificaron con las señales que sí se pudieron leer; corrige el dato en el sistema de origen. La línea es la del archivo, como la muestra un editor de texto.',
  problemsNone: 'Ningún problema: todos los valores se leyeron correctamente.',
  problemsCapped: 'Se muestran los primeros {shown} de {total}; el XLSX los tiene todos en la hoja de problemas.',
  duplicateColumns: 'Columnas repetidas (se usó la primera): {list}',
  unknownColumns: 'Columnas ignoradas (no reconocidas): {list}',
  rulesNotEvaluatedIntro: 'Al archivo le faltan columnas para estas reglas; el resto de la lista sí es válido.',
  tableCount: 'Mostrando {shown} de {total} tenants',
  tableCountCapped: 'Mostrando los primeros {shown} de {total} tenants que coinciden (desplázate para ver más); el XLSX los tiene todos.',
  tableEmptyFiltered: 'Ningún tenant coincide con el filtro.',
  rowsFailed: 'No se pudieron obtener las filas ({detail}).',
  tableEmptyNone: 'Ningún tenant requiere acción hoy según el protocolo.',
  idPrefix: 'ID',
  lineN: 'línea {n}',
  alsoPrefix: 'También:',
  factTime: 'Procesado en',
  seconds: '{n} s',
  statusReadingFile: 'Cargando {name}…',
  statusReading: 'Leyendo filas de {name}…',
  statusClassifying: 'Clasificando tenants…',
  statusDone: 'Listo: {rows} filas leídas. {levels}; {problems} problemas.',
  statusError: 'Error: {message}',
  statusDownloaded: 'Se descargó {name}.',
  tooBig: 'El archivo «{name}» pesa {size}; el máximo que acepta esta página es {max}. Para archivos más grandes usa la línea de comandos (retention-worklist).',
  emptyPick: 'No se eligió ningún archivo.',
  readFailed: 'No se pudo leer el archivo «{name}»: {detail}',
  engineLoad: 'No se pudo cargar el motor WebAssembly ({detail}). Constrúyelo con "npm run build" y recarga la página.',
  workerDied: 'El motor se detuvo mientras procesaba el archivo (posiblemente por falta de memoria{detail}). La página sigue funcionando: prueba con un archivo más pequeño o con la línea de comandos.',
  engineMemory: 'El motor se quedó sin memoria y se reinició.',
  fileMemory: '«{name}» necesita más memoria de la que el navegador da a esta página: el motor se reinició. Usa la línea de comandos para este archivo.',
  previousMemory: 'El worklist anterior «{name}» necesita más memoria de la que el navegador da a esta página: no se cargó y el motor se reinició.',
  workerBadMessage: 'El motor devolvió un resultado que no se pudo leer.',
  sampleFailed: 'No se pudo cargar el archivo de ejemplo ({detail}).',
  sampleDated: 'Datos de ejemplo: se clasifican con su propia fecha, {date}. Tus archivos usan la fecha de corte de los ajustes.',
  asOfSample: 'la de los datos de ejemplo',
  fieldInvalid: '{field}: «{value}» no es válido; se espera {expected}.',
  fieldMissing: '{field}: {message}',
  fieldEmpty: '{field}: falta el valor; se espera {expected}.',
  staleResults: 'Estos resultados son de los ajustes anteriores. Corrige el ajuste marcado y se actualizan solos.',
  mappingTitle: 'Asignar columnas',
  mappingIntro: 'Estos encabezados no los reconoce el protocolo. Elige qué columna del archivo corresponde a cada campo; la asignación se recuerda para los archivos con los mismos encabezados.',
  unassigned: '— sin asignar —',
  mappingApply: 'Aplicar asignación',
  mappingForget: 'Quitar asignación',
  mappingInUse: 'Columnas asignadas',
  mappingAuto: 'Se aplicó la asignación guardada para estos encabezados.',
  preparingXlsx: 'Preparando el XLSX…',
  emailToggle: 'Asunto y borrador',
  emailToggleFor: 'Asunto y borrador para {tenant}',
  emailSubject: 'Asunto',
  emailDraft: 'Borrador',
  copy: 'Copiar',
  copied: 'Copiado al portapapeles.',
  copyFailed: 'No se pudo copiar: selecciona el texto y cópialo a mano.',
  openMail: 'Abrir en el correo',
  emailFailed: 'No se pudo obtener el borrador ({detail}).',
  downloadNothing: 'Todavía no hay un XLSX para descargar.',
  footer: 'Todo el cálculo ocurre en tu navegador con WebAssembly; esta página no envía datos a ningún servidor.',
};

/** @type {typeof ES} */
const EN = {
  docTitle: 'Retention worklist',
  skip: 'Skip to content',
  title: 'Retention worklist',
  subtitle: 'Daily retention and upselling protocol',
  language: 'Language',
  intakeTitle: 'Tenant export',
  dropMain: 'Drop the CSV or spreadsheet here, or choose a file',
  chooseFile: 'Choose file',
  dropHelp: 'CSV, TXT, TSV, XLSX, XLS or ODS exported from {product}, Excel or the database',
  limitNote: 'Maximum size: {max}. Larger files are refused before they are read.',
  sample: 'Try it with sample data',
  privacy: 'The file is processed on this computer and is never uploaded to any server.',
  settings: 'Report settings',
  resetSettings: 'Reset to the protocol defaults',
  resultsTitle: 'Result',
  stageLoad: 'Loading the file',
  stageReading: 'Reading rows',
  stageClassifying: 'Classifying tenants',
  errorTitle: 'The file could not be processed',
  errorHint: 'Check that it is the tenant export (a CSV with headers) and the report settings. You can choose another file at any time.',
  emptyTitle: 'How it works',
  how1: "Export the morning's tenants as CSV.",
  how2: "Drop it here: it is sorted at once into the protocol's four levels.",
  how3: "Review the preview and download the XLSX with the day's worklist.",
  levelsLegend: 'Protocol levels',
  download: 'Download XLSX',
  downloadSplit: 'Download per executive (ZIP)',
  splitFiles: 'Files in the ZIP',
  splitFile: '{file}: {rows} rows',
  splitNone: 'The list has no rows: the ZIP would hold no files.',
  previousLabel: 'Previous worklist (optional)',
  previousHelp: "An earlier day's XLSX, as the team left it: Status, Notes, Snooze until, On list since and the team's own columns are carried.",
  previousClear: 'Remove',
  previousTooBig: '"{name}" is {size}; the limit for the previous worklist is {max}.',
  engineVersion: 'Engine: {version}',
  cardsLabel: 'Count per level',
  cardNoRiskSub: 'No action today',
  cardRejectedSub: 'No ID and no name',
  cardProblemsSub: 'Data to review',
  previewTitle: 'Worklist',
  allLevels: 'All levels',
  search: 'Search',
  searchPlaceholder: 'Tenant, owner, email, executive…',
  colContact: 'Contact',
  colField: 'Field',
  colCurrency: 'Currency',
  overdueOnly: 'Overdue only',
  problemsIntro: 'These rows were classified on the signals that could be read; fix the value in the source system. The line is the line in the file, as a text editor shows it.',
  problemsNone: 'No problems: every value was read correctly.',
  problemsCapped: 'Showing the first {shown} of {total}; the XLSX has all of them on the problems sheet.',
  duplicateColumns: 'Repeated columns (the first one was used): {list}',
  unknownColumns: 'Ignored columns (not recognised): {list}',
  rulesNotEvaluatedIntro: 'The file lacks the columns for these rules; the rest of the worklist is valid.',
  tableCount: 'Showing {shown} of {total} tenants',
  tableCountCapped: 'Showing the first {shown} of {total} matching tenants (scroll for more); the XLSX has all of them.',
  tableEmptyFiltered: 'No tenant matches the filter.',
  rowsFailed: 'The rows could not be fetched ({detail}).',
  tableEmptyNone: 'No tenant needs action today according to the protocol.',
  idPrefix: 'ID',
  lineN: 'line {n}',
  alsoPrefix: 'Also:',
  factTime: 'Processed in',
  seconds: '{n} s',
  statusReadingFile: 'Loading {name}…',
  statusReading: 'Reading rows of {name}…',
  statusClassifying: 'Classifying tenants…',
  statusDone: 'Done: {rows} rows read. {levels}; {problems} problems.',
  statusError: 'Error: {message}',
  statusDownloaded: 'Downloaded {name}.',
  tooBig: 'The file “{name}” is {size}; the largest this page accepts is {max}. For larger files use the command line (retention-worklist).',
  emptyPick: 'No file was chosen.',
  readFailed: 'The file “{name}” could not be read: {detail}',
  engineLoad: 'The WebAssembly engine could not be loaded ({detail}). Build it with "npm run build" and reload the page.',
  workerDied: 'The engine stopped while processing the file (possibly out of memory{detail}). The page still works: try a smaller file or the command line.',
  engineMemory: 'The engine ran out of memory and was restarted.',
  fileMemory: '“{name}” needs more memory than the browser gives this page: the engine was restarted. Use the command line for this file.',
  previousMemory: 'The previous worklist “{name}” needs more memory than the browser gives this page: it was not loaded, and the engine was restarted.',
  workerBadMessage: 'The engine returned a result that could not be read.',
  sampleFailed: 'The sample file could not be loaded ({detail}).',
  sampleDated: 'Sample data: classified as of its own date, {date}. Your files use the as-of date in the settings.',
  asOfSample: "the sample data's",
  fieldInvalid: '{field}: “{value}” is not valid; expected {expected}.',
  fieldMissing: '{field}: {message}',
  fieldEmpty: '{field}: no value; expected {expected}.',
  staleResults: 'These results are from the previous settings. Fix the marked setting and they update by themselves.',
  mappingTitle: 'Map columns',
  mappingIntro: 'The protocol does not recognise these headers. Choose which column of the file holds each field; the mapping is remembered for files with the same headers.',
  unassigned: '— not mapped —',
  mappingApply: 'Apply mapping',
  mappingForget: 'Remove mapping',
  mappingInUse: 'Mapped columns',
  mappingAuto: 'The saved mapping for these headers was applied.',
  preparingXlsx: 'Preparing the XLSX…',
  emailToggle: 'Subject and draft',
  emailToggleFor: 'Subject and draft for {tenant}',
  emailSubject: 'Subject',
  emailDraft: 'Draft',
  copy: 'Copy',
  copied: 'Copied to the clipboard.',
  copyFailed: 'Could not copy: select the text and copy it by hand.',
  openMail: 'Open in email',
  emailFailed: 'The draft could not be fetched ({detail}).',
  downloadNothing: 'There is no XLSX to download yet.',
  footer: 'All computation happens in your browser with WebAssembly; this page sends no data to any server.',
};

const WORDS = { es: ES, en: EN };

/** The keys of the page's words ({name} placeholders filled by t()). @typedef {keyof typeof ES} TextKey */
/** A language the page has words for. @typedef {keyof typeof WORDS} PageLang */

/**
 * Whether the page has words for a language.
 * @param {unknown} lang
 * @returns {lang is PageLang}
 */
export const hasWords = (lang) => typeof lang === 'string' && Object.hasOwn(WORDS, lang);

/**
 * The page's language. The engine decides the default (engine_info().defaults.lang, applied by
 * info.js); until it answers, the page's words are in the language the document is written in
 * (index.html's lang attribute, which the markup must declare before any script runs).
 * @type {PageLang}
 */
let current = /** @type {PageLang} */ (document.documentElement.lang);

/**
 * The page's language: one it has words for (anything else leaves it as it is).
 * @param {unknown} lang
 */
export function setLang(lang) {
  if (hasWords(lang)) current = lang;
  return current;
}

export function getLang() {
  return current;
}

/**
 * A page word, with its {name} placeholders filled from `vars` (as text: a value is never read as a
 * replacement pattern).
 * @param {TextKey} key
 * @param {Record<string, unknown>} [vars]
 * @returns {string}
 */
export function t(key, vars) {
  const s = WORDS[current][key];
  return vars ? s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m)) : s;
}

/** engine_info().format: how the language writes dates and numbers (the workbook's way). */
/** @type {import('./engine-api').Format} */
let format = { date: 'dd/mm/yyyy', thousands: '.', decimal: ',', wholeCurrencies: [] };

/** @param {import('./engine-api').Format | undefined} f */
export function setFormat(f) {
  if (f && typeof f.date === 'string') {
    format = { ...format, ...f, wholeCurrencies: Array.isArray(f.wholeCurrencies) ? f.wholeCurrencies : [] };
  }
}

/** @param {string} digits */
function grouped(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, format.thousands);
}

/**
 * A whole number the engine's way (9.400 in Spanish, 9,400 in English).
 * @param {unknown} n
 */
export function fmtInt(n) {
  const v = Math.round(Number(n) || 0);
  return (v < 0 ? '-' : '') + grouped(String(Math.abs(v)));
}

/**
 * @param {unknown} n
 * @param {number} [maximumFractionDigits]
 */
export function fmtDecimal(n, maximumFractionDigits = 1) {
  const v = Number(n) || 0;
  const [whole, frac] = Math.abs(v).toFixed(maximumFractionDigits).split('.');
  const f = (frac || '').replace(/0+$/, '');
  return (v < 0 ? '-' : '') + grouped(whole) + (f ? format.decimal + f : '');
}

/**
 * An amount of money the workbook's way: two decimals, none in a currency the engine writes in
 * whole units (engine_info().format.wholeCurrencies: JPY, CLP…), then the currency's code (none
 * when the export names no currency): `1.497,00 MXN`, `9.800 JPY`.
 * @param {unknown} n
 * @param {string} currency
 */
export function fmtMoney(n, currency) {
  const v = Number(n) || 0;
  const decimals = format.wholeCurrencies.includes(currency) ? 0 : 2;
  const [whole, frac] = Math.abs(v).toFixed(decimals).split('.');
  // A negative amount that rounds to zero is written as zero.
  const sign = v < 0 && /[1-9]/.test(whole + (frac || '')) ? '-' : '';
  const amount = sign + grouped(whole) + (frac ? format.decimal + frac : '');
  return currency ? `${amount} ${currency}` : amount;
}

/**
 * A YYYY-MM-DD date the engine's way (26/11/2026 in Spanish); anything else as it is.
 * @param {unknown} iso
 */
export function fmtDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso ?? ''));
  if (!m) return String(iso ?? '');
  return format.date.replace('yyyy', m[1]).replace('mm', m[2]).replace('dd', m[3]);
}

/** @param {number} n */
export function fmtBytes(n) {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${fmtDecimal(v, i === 0 ? 0 : 1)} ${units[i]}`;
}

/**
 * Puts the page words into the document: `data-i18n` (text), `data-i18n-placeholder`,
 * `data-i18n-aria` (aria-label). `vars` fills placeholders such as {product} and {max}.
 * @param {Record<string, unknown>} vars
 */
export function applyPageWords(vars) {
  document.documentElement.lang = current;
  /** The word of a markup hook (its key as written in index.html, checked by the browser tests). */
  const word = (/** @type {string | undefined} */ key) => t(/** @type {TextKey} */ (key), vars);
  for (const node of document.querySelectorAll('[data-i18n]')) {
    if (node instanceof HTMLElement) node.textContent = word(node.dataset.i18n);
  }
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
    if (node instanceof HTMLInputElement) node.placeholder = word(node.dataset.i18nPlaceholder);
  }
  for (const node of document.querySelectorAll('[data-i18n-aria]')) {
    if (node instanceof HTMLElement) node.setAttribute('aria-label', word(node.dataset.i18nAria));
  }
}

// The types of the WebAssembly engine's JavaScript API (src/wasm/, built into www/pkg by
// scripts/build-wasm.sh) and of the worker's messages (worker.js ↔ engine.js), for the type check
// of the page's JavaScript (`npm run lint`). Nothing here runs: the page is plain JavaScript.
//
// wasm-bindgen's own www/pkg/retention_worklist.d.ts types every JsValue as `any`; these are the
// shapes src/wasm/ builds (serde names: snake_case for the facts of `--json`, camelCase for the
// options and engine_info's own keys). The check does not need a built engine.

/** A level's key, as the engine names it. */
export type LevelKey = 'critical' | 'high' | 'medium' | 'info';

/** The stages a run reports: `previous` only when a previous worklist was given. */
export type Stage = 'previous' | 'reading' | 'classifying' | 'writing';

/** `(stage, fraction 0..1)`: a run's progress. */
export type OnProgress = (stage: Stage, fraction: number) => void;

/**
 * The options of build_worklist, analyze_worklist and engine_info (RawOptions, camelCased): the
 * keys of engine_info().options. The settings form makes its options from that table (any key it
 * declares); these are the ones the page's code names.
 */
export interface EngineOptions {
  asOf?: string;
  tz?: string;
  lang?: string;
  fileName?: string;
  previousFileName?: string;
  productName?: string;
  highDays?: number;
  mediumDays?: number;
  usagePercent?: number;
  dateOrder?: 'dmy' | 'mdy';
  /** Field key → the header in the file that holds it. */
  columns?: Record<string, string>;
  sheet?: string;
  /** The previous worklist's bytes (build_worklist and analyze_worklist only). */
  previous?: Uint8Array;
}

/** The facts the engine puts on an `Error` it throws (src/wasm/errors.rs, js_error). */
export interface EngineErrorFacts {
  /** `no_identity_column`, `invalid_option`, … */
  code?: string;
  /** Which input is at fault. */
  input?: 'export' | 'previous' | 'same_day';
  /** The JavaScript name of the option at fault (`columns` for a mapping). */
  option?: string;
  value?: string;
  /** What the option accepts, in words. */
  expected?: string;
  /** A mapped field whose header is missing. */
  field?: string;
  /** The file's header cells (errors about its columns). */
  headers?: string[];
}

/** The counts of one account executive. */
export interface ExecutiveCounts {
  /** As written; empty: unassigned. */
  executive: string;
  critical: number;
  high: number;
  medium: number;
  info: number;
  /** Their overdue rows (VENCIDO: to escalate). */
  overdue: number;
  /** Their MRR per currency and level, when the export has money columns. */
  mrr_at_risk?: MrrAtRisk[];
}

/** The worklist's MRR in one currency, per level, in units of the currency. */
export interface MrrAtRisk {
  /** ISO code; empty when the export names none. */
  currency: string;
  critical: number;
  high: number;
  medium: number;
  info: number;
}

/** The changes against the previous worklist. */
export interface Changes {
  new: number;
  same: number;
  up: number;
  down: number;
  snoozed: number;
  left: number;
  left_by: Record<string, number>;
}

/** The previous worklist a run carried from. */
export interface PreviousFacts {
  file_name: string;
  as_of?: string;
  sheets: string[];
  rows: number;
  added_columns: string[];
}

/** One report date's worklist, counted (the workbook's Historial sheet). */
export interface HistoryRow {
  as_of: string;
  critical: number;
  high: number;
  medium: number;
  info: number;
  snoozed: number;
  new: number;
  up: number;
  down: number;
  left: number;
  overdue: number;
}

/** The run's facts: the CLI's `--json`. */
export interface Summary {
  rows: number;
  critical: number;
  high: number;
  medium: number;
  info: number;
  no_risk: number;
  rejected: number;
  problems: number;
  blank_rows: number;
  /** The text encoding, or for a workbook its format (`xlsx`, `xls`, `ods`). */
  encoding: string;
  sheet?: string;
  skipped_sheets?: string[];
  /** `,` `;` `\t` (written so: a backslash and a t) `|`; empty for a workbook. */
  delimiter: string;
  date_order: 'dmy' | 'mdy';
  date_order_source: 'option' | 'default' | 'detected';
  as_of: string;
  tz: string;
  file_name: string;
  product_name: string;
  thresholds: { high_days: number; medium_days: number; usage_percent: number };
  rules_not_evaluated: { level: LevelKey; [fact: string]: unknown }[];
  columns: { field: string; header: string }[];
  unknown_columns: string[];
  duplicate_columns: string[];
  /** Notices as codes (their words are `notices` of the result). */
  notices: string[];
  by_executive: ExecutiveCounts[];
  /** Per currency, sorted by currency; only when the export has money columns. */
  mrr_at_risk?: MrrAtRisk[];
  previous?: PreviousFacts;
  /** Today's own worklist from an earlier run (the CLI's --archive only). */
  same_day?: PreviousFacts;
  changes?: Changes;
  carried: number;
  /** Overdue rows (VENCIDO) per level with a deadline. */
  overdue: { critical: number; high: number };
  /** One row per report date, oldest first: the previous worklist's history and today's row. */
  history: HistoryRow[];
  problem_list: unknown[];
}

/** A worklist row as the page's preview shows it (src/preview.rs, PreviewRow). */
export interface PreviewRow {
  level: LevelKey;
  level_label: string;
  line: number;
  id: string;
  tenant: string;
  owner: string;
  email: string;
  phone: string;
  executive: string;
  plan: string;
  reason: string;
  days_left: number | null;
  usage: number | null;
  /** The MRR in units of `currency`, when the export has money columns. */
  mrr: number | null;
  /** The MRR's currency (ISO code; empty when the export names none). */
  currency: string;
  action: string;
  other_signals: string;
  mailto: string | null;
  tel: string | null;
  change: string;
  change_code: 'new' | 'same' | 'up' | 'down' | null;
  snoozed: boolean;
  status: string;
  notes: string;
  /** Days past its deadline when the row is overdue (VENCIDO), else null. */
  overdue: number | null;
}

/** A data problem in words (src/preview.rs, ProblemRow). */
export interface ProblemRow {
  line: number;
  tenant: string;
  column: string;
  value: string;
  expected: string;
}

/** A rule not evaluated, in words: the engine's sentence names the level itself. */
export interface RuleText {
  level: LevelKey;
  text: string;
}

/** The run's facts that take words, as the workbook's Resumen writes them (text::workbook::fact_words). */
export interface FactWords {
  /** The delimiter as the Resumen shows it (`;`, `\t` for a tab); empty for a workbook. */
  delimiter: string;
  /** The date order and where it came from: `dmy (detectado en los datos)`. */
  date_order: string;
}

/** The facts and words of a run (build_worklist and Worklist.result). */
export interface RunResult {
  summary: Summary;
  /** The summary's facts that take words, in the options' language. */
  facts: FactWords;
  preview: PreviewRow[];
  problems: ProblemRow[];
  notices: string[];
  rules_not_evaluated: RuleText[];
}

/**
 * Worklist.preview(query): the engine keeps one level's rows (none: every level) and those a search
 * finds (case and accents aside, every word in one of the row's texts; blank: every row), then
 * gives `count` of them (engine_info().preview.first when not given) from `offset` (0).
 */
export interface PreviewQuery {
  level?: LevelKey;
  search?: string;
  /** Only the overdue rows (VENCIDO). */
  overdue?: boolean;
  offset?: number;
  count?: number;
}

/** A window of preview rows: `indices` are their row numbers (for Worklist.email). */
export interface PreviewPage {
  total: number;
  indices: Uint32Array;
  rows: PreviewRow[];
}

/** A row's email: `mailto` is null when the address gets no link. */
export interface Email {
  subject: string;
  draft: string;
  mailto: string | null;
}

/** One file of the per-executive split. */
export interface SplitFile {
  file: string;
  executive: string;
  rows: number;
}

/** A classified export kept in the engine (analyze_worklist). */
export interface Worklist {
  /** The facts and words, with the first `first` preview rows (engine_info().preview.first when not given). */
  result(first?: number): RunResult & { preview_rows: number };
  preview(query?: PreviewQuery): PreviewPage;
  workbook(): Uint8Array;
  email(index: number): Email | undefined;
  rows(): number;
  split(): { name: string; zip: Uint8Array; files: SplitFile[] };
  free(): void;
}

/** A level as the page shows it. */
export interface LevelInfo {
  key: LevelKey;
  emoji: string;
  word: string;
  label: string;
  /** `#RRGGBB`: the workbook's fill. */
  fill: string;
  /** `#RRGGBB`: the text on that fill (the workbook's; at least 4.5:1 on it). */
  text: string;
  /** `#RRGGBB`: the level's line on the history chart (the workbook's; at least 3:1 on white). */
  line: string;
  trigger: string;
}

/** A field as the column mapping shows it. */
export interface FieldInfo {
  key: string;
  label: string;
  aliases: string[];
}

/**
 * The options' fixed defaults, by key (those of engine_info().options whose `default` is not
 * null): the language, the thresholds, the product name.
 */
export interface Defaults {
  lang: string;
  productName: string;
  [key: string]: string | number;
}

/**
 * What kind of value an option takes: `date` YYYY-MM-DD; `zone` an IANA zone or an offset;
 * `choice` one of `choices`; `integer` a whole number from `min` to `max` (both allowed); `number`
 * a number strictly between `min` and `max`; `name` a non-blank text of at most `maxChars`
 * characters; `text` any text; `columns` FIELD=HEADER pairs (the column mapping).
 */
export type OptionKind = 'date' | 'zone' | 'choice' | 'integer' | 'number' | 'name' | 'text' | 'columns';

/** One of an option's choices, with its words. */
export interface OptionChoice {
  /** `''`: not given, the run decides (the date order is detected). */
  value: string;
  label: string;
}

/** An option, as the engine's table declares it (model::option), in words (text::options). */
export interface OptionInfo {
  /** The JavaScript option's name (`highDays`): a settings field's id, and error.option. */
  key: string;
  /** The command line's flag without `--` (`high-days`); null when the CLI has none. */
  flag: string | null;
  kind: OptionKind;
  /** `integer`: the smallest allowed; `number`: every value is above it. Null for other kinds. */
  min: number | null;
  /** `integer`: the largest allowed; `number`: every value is below it. Null for other kinds. */
  max: number | null;
  /** `name`: the most characters. Null for other kinds. */
  maxChars: number | null;
  /** `choice`: the values and their words, `''` first when the run decides by default; else []. */
  choices: OptionChoice[];
  /** The fixed default; null when the run decides (today, the computer's zone, detected, none). */
  default: number | string | null;
  /** Whether the settings form shows it (else the page shows it elsewhere, or not at all). */
  settings: boolean;
  /** The whole label, in the asked language (`ALTO: el trial vence en ≤ días`). */
  label: string;
  /** The hint under the field (and the command line's help). */
  help: string;
  /** What a valid value looks like (as error.expected says it). */
  expected: string;
}

/** How many preview rows the page asks for at a time (src/preview.rs, PAGING). */
export interface Paging {
  /** Rows that come with the counts. */
  first: number;
  /** Rows a view (a level, a search) shows before it is scrolled. */
  view: number;
  /** Rows each scroll past the last one adds. */
  more: number;
}

/** Words the page shares with the workbook: a word, or a group of them by key. */
export interface Words {
  [key: string]: string | Words;
}

/** How the language writes dates and numbers (the workbook's way). */
export interface Format {
  date: string;
  thousands: string;
  decimal: string;
  /** The currencies (ISO codes) whose amounts are written without decimals (JPY, CLP…); the others take two. */
  wholeCurrencies: string[];
}

/** The history's words: the workbook's Historial sheet's name, its chart's title, its columns. */
export interface HistoryWords {
  title: string;
  chart: string;
  /** The columns `summary.history` has, in the sheet's order: their key there and their header. */
  columns: { key: keyof HistoryRow; label: string }[];
}

/** engine_info(options). */
export interface EngineInfo {
  version: string;
  snoozedFill: string;
  /** `#RRGGBB`: the text of a snoozed row (at least 4.5:1 on `snoozedFill`). */
  snoozedText: string;
  previousMaxBytes: number;
  changeWords: Record<string, string | string[]>;
  defaults: Defaults;
  /** Every option, in the order the CLI's help and the settings form show them. */
  options: OptionInfo[];
  preview: Paging;
  levels: LevelInfo[];
  words: Words;
  fields: FieldInfo[];
  format: Format;
  history: HistoryWords;
}

/** The module www/pkg/retention_worklist.js. */
export interface EngineModule {
  default(): Promise<unknown>;
  build_worklist(bytes: Uint8Array, options?: EngineOptions, onProgress?: OnProgress): RunResult & { xlsx: Uint8Array };
  analyze_worklist(bytes: Uint8Array, options?: EngineOptions, onProgress?: OnProgress): Worklist;
  engine_info(options?: EngineOptions): EngineInfo;
  version(): string;
}

// ------------------------------------------------------------------------------------------------
// The worker's messages (worker.js ↔ engine.js)

/** The preview rows a page's view asks for: a level (or all), a search, and whether only the overdue rows. */
export interface ViewQuery {
  level: 'all' | LevelKey;
  search: string;
  overdue: boolean;
}

/** The rows that come with an analysis: the view's first `first` (the engine's first page when not given). */
export interface ResultView extends ViewQuery {
  first?: number;
}

/** Page → worker. */
export type WorkerRequest =
  | { id: number; type: 'analyze'; bytes?: Uint8Array; file?: Blob; own?: boolean; options: EngineOptions; view: ResultView }
  | ({ id: number; type: 'rows'; run: number; offset: number; count: number } & ViewQuery)
  | { id: number; type: 'workbook'; run: number }
  | { id: number; type: 'email'; run: number; index: number }
  | { id: number; type: 'split'; run: number }
  | { id: number; type: 'build'; bytes: Uint8Array; options: EngineOptions }
  | { id: number; type: 'info'; options: EngineOptions };

/** An analysis as the worker sends it: the counts and the view's first rows, of `total`. */
export interface AnalyzeReply {
  id: number;
  type: 'result';
  run: number;
  summary: Summary;
  facts: FactWords;
  preview_rows: number;
  rows: PreviewRow[];
  indices: Uint32Array;
  total: number;
  problems: ProblemRow[];
  notices: string[];
  rules_not_evaluated: RuleText[];
  /** The file's bytes, when the worker read it. */
  bytes?: Uint8Array;
}

/**
 * Why a request failed, beyond the engine's own codes: `engine-load` (the module did not load),
 * `gone` (the worker no longer has the run), `read` (the file could not be read), `engine-memory`
 * (the engine needed more memory than the worker can have: a WebAssembly trap with no panic),
 * `engine-panic` (a bug in the engine: its message says so).
 */
export interface WorkerErrorFacts extends EngineErrorFacts {
  code?: string;
}

/** Worker → page. */
export type WorkerReply =
  | { id: number; type: 'progress'; stage: Stage; fraction?: number }
  | AnalyzeReply
  | { id: number; type: 'rows'; rows: PreviewRow[]; indices: Uint32Array; total: number }
  | { id: number; type: 'workbook'; xlsx: Uint8Array<ArrayBuffer>; summary?: Summary }
  | { id: number; type: 'email'; email: Email | null }
  | { id: number; type: 'info'; info: EngineInfo }
  | { id: number; type: 'split'; name: string; files: SplitFile[]; zip: Uint8Array<ArrayBuffer> }
  | ({ id: number; type: 'error'; message: string; fatal: boolean } & WorkerErrorFacts);

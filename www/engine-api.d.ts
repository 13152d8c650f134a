// The types of the WebAssembly engine's JavaScript API (src/wasm.rs, built into www/pkg by
// scripts/build-wasm.sh) and of the worker's messages (worker.js ↔ engine.js), for the type check
// of the page's JavaScript (`npm run lint`). Nothing here runs: the page is plain JavaScript.
//
// wasm-bindgen's own www/pkg/retention_worklist.d.ts types every JsValue as `any`; these are the
// shapes src/wasm.rs builds (serde names: snake_case for the facts of `--json`, camelCase for the
// options and engine_info's own keys). The check does not need a built engine.

/** A level's key, as the engine names it. */
export type LevelKey = 'critical' | 'high' | 'medium' | 'info';

/** The stages a run reports: `previous` only when a previous worklist was given. */
export type Stage = 'previous' | 'reading' | 'classifying' | 'writing';

/** `(stage, fraction 0..1)`: a run's progress. */
export type OnProgress = (stage: Stage, fraction: number) => void;

/** The options of build_worklist, analyze_worklist and engine_info (RawOptions, camelCased). */
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

/** The facts the engine puts on an `Error` it throws (src/wasm.rs, js_error). */
export interface EngineErrorFacts {
  /** `no_identity_column`, `invalid_option`, … */
  code?: string;
  /** Which input is at fault. */
  input?: 'export' | 'previous';
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
  /** `,` `;` `\t` `|` (a workbook: the engine's word for none). */
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
  previous?: PreviousFacts;
  changes?: Changes;
  carried: number;
  problem_list: unknown[];
}

/** A worklist row as the page's preview shows it (src/report.rs, PreviewRow). */
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
  action: string;
  other_signals: string;
  mailto: string | null;
  tel: string | null;
  change: string;
  change_code: 'new' | 'same' | 'up' | 'down' | null;
  snoozed: boolean;
  status: string;
  notes: string;
}

/** A data problem in words (src/report.rs, ProblemRow). */
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

/** The facts and words of a run (build_worklist and Worklist.result). */
export interface RunResult {
  summary: Summary;
  preview: PreviewRow[];
  problems: ProblemRow[];
  notices: string[];
  rules_not_evaluated: RuleText[];
}

/** Worklist.preview(query): the engine keeps a level's rows and those a search finds. */
export interface PreviewQuery {
  level?: LevelKey;
  search?: string;
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
  trigger: string;
}

/** A field as the column mapping shows it. */
export interface FieldInfo {
  key: string;
  label: string;
  aliases: string[];
}

/** The engine's defaults, as options. */
export interface Defaults {
  lang: 'es' | 'en';
  highDays: number;
  mediumDays: number;
  usagePercent: number;
  productName: string;
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
}

/** engine_info(options). */
export interface EngineInfo {
  version: string;
  snoozedFill: string;
  previousMaxBytes: number;
  changeWords: Record<string, string | string[]>;
  defaults: Defaults;
  levels: LevelInfo[];
  words: Words;
  fields: FieldInfo[];
  format: Format;
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

/** The preview rows a page's view asks for: a level (or all) and a search. */
export interface ViewQuery {
  level: 'all' | LevelKey;
  search: string;
}

/** The rows that come with an analysis: every row when there are at most `whole`, else `first`. */
export interface ResultView extends ViewQuery {
  first: number;
  whole: number;
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

/** An analysis as the worker sends it: the counts and the view's first rows. */
export interface AnalyzeReply {
  id: number;
  type: 'result';
  run: number;
  summary: Summary;
  preview_rows: number;
  /** `rows` are every preview row. */
  complete: boolean;
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

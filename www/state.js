// The page's state, in one place: what the person gave (today's export, the previous worklist,
// the settings they touched), what the engine answered (its defaults, the last run's result) and
// what the page shows of it (the level, search and overdue filter of the preview). Modules keep only private
// bookkeeping of their own (timers, sequence numbers, caches).

/** @typedef {import('./engine-api').Defaults} Defaults */
/** @typedef {import('./engine-api').EngineOptions} EngineOptions */
/** @typedef {import('./engine-api').Email} Email */
/** @typedef {import('./engine-api').FactWords} FactWords */
/** @typedef {import('./engine-api').OptionInfo} OptionInfo */
/** @typedef {import('./engine-api').Paging} Paging */
/** @typedef {import('./engine-api').LevelKey} LevelKey */
/** @typedef {import('./engine-api').PreviewRow} PreviewRow */
/** @typedef {import('./engine-api').ProblemRow} ProblemRow */
/** @typedef {import('./engine-api').RuleText} RuleText */
/** @typedef {import('./engine-api').Summary} Summary */

/** @typedef {'all' | LevelKey} Filter the preview's level: one level, or all */

/**
 * A preview row on the page: the engine's, with its number in the whole preview (`__index`, for
 * the engine's email of the row) and its email once asked for.
 * @typedef {PreviewRow & { __index?: number, __email?: Email | null }} ShownRow
 */

/**
 * Today's export, kept to run again when a setting changes.
 * @typedef {object} LoadedFile
 * @property {string} name
 * @property {Uint8Array | null} bytes  null until the worker read `blob` and sent its bytes back
 * @property {Blob} [blob]  the File chosen (the worker reads it)
 * @property {boolean} sample  the bundled sample (read as of its own day)
 * @property {Record<string, string> | null} columns  the column mapping in force (field → header)
 * @property {boolean} mapTried  a saved mapping was looked for (tried once per file)
 * @property {boolean} [autoMapped]  the mapping in force is a saved one, applied by the page
 */

/**
 * The previous worklist (optional), carried into today's by the engine.
 * @typedef {object} PreviousFile
 * @property {string} name
 * @property {number} size
 * @property {Uint8Array} bytes
 * @property {number} id  tells two chosen files apart (their bytes are not compared)
 */

/**
 * The preview rows of a level and search (and only the overdue ones, when asked), as the engine
 * chose them: those loaded so far, of `total`.
 * @typedef {object} View
 * @property {Filter} level
 * @property {string} search
 * @property {boolean} overdue  only the overdue rows (VENCIDO)
 * @property {string} key  tells views apart (the level, the search, overdue)
 * @property {ShownRow[]} rows
 * @property {number} total
 */

/**
 * The last successful run: the engine's result, the options it ran with and its time.
 * @typedef {object} Result
 * @property {number} run  the worker's number for the run (its rows, workbook and emails)
 * @property {Uint8Array | null} bytes  the export's bytes (to build the workbook again)
 * @property {Uint8Array<ArrayBuffer> | null} xlsx  the workbook, once built
 * @property {Promise<Uint8Array<ArrayBuffer>> | null} [xlsxPromise]  the workbook being built
 * @property {Summary} summary
 * @property {FactWords} facts  the facts in the Resumen's words (delimiter, date order)
 * @property {View | null} view  the rows of the level and search in force (the engine keeps the others)
 * @property {number} previewRows  how many preview rows there are
 * @property {ProblemRow[]} problems
 * @property {string[]} notices
 * @property {RuleText[]} rules_not_evaluated
 * @property {EngineOptions} options  the options of the run (with the previous worklist's bytes)
 * @property {boolean} sample
 * @property {Record<string, string> | null} columns  the column mapping it ran with
 * @property {boolean} autoMapped
 * @property {boolean} stale  from settings since changed (a setting is refused)
 * @property {number} ms  how long the run took
 */

export const state = {
  /** @type {LoadedFile | null} */
  file: null,
  /** @type {PreviousFile | null} */
  previous: null,
  /** @type {Result | null} */
  result: null,
  /** @type {Filter} */
  filter: 'all',
  /** The preview's search, as typed. */
  search: '',
  /**
   * Only the overdue rows (VENCIDO) in the preview: offered when the run compared with a previous
   * worklist (the engine keeps those rows).
   */
  overdue: false,
  /**
   * The settings fields the person changed (by id: 'asOf', 'lang', …): start-up work and a zone
   * change never overwrite them.
   * @type {Set<string>}
   */
  touched: new Set(),
  /** engine_info().defaults, once the engine answered. @type {Defaults | null} */
  defaults: null,
  /**
   * The settings form's options (engine_info().options with `settings`), in the engine's order and
   * the language in force; none before the engine answered.
   * @type {OptionInfo[]}
   */
  settings: [],
  /** engine_info().preview: how many preview rows to ask for at a time. @type {Paging | null} */
  paging: null,
  /** engine_info().version: the same string as `retention-worklist --version`. */
  engineVersion: '',
  /** What the run in force was asked with (options and previous worklist), or null. @type {string | null} */
  runKey: null,
  /** The header cells the mapping panel offers. @type {string[]} */
  mappingHeaders: [],
  /** Finished runs (success or error), for the tests: body[data-runs]. */
  runs: 0,
};

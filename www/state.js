// The page's state, shared by its modules.

export const state = {
  /**
   * The loaded file, kept to re-run: its bytes (null until the worker read a chosen file: then
   * `blob` is the File it reads).
   * @type {{ name: string, bytes: Uint8Array | null, blob?: Blob } | null}
   */
  file: null,
  /**
   * The previous worklist (optional), carried into today's by the engine.
   * @type {{ name: string, size: number, bytes: Uint8Array, id: number } | null}
   */
  previous: null,
  /**
   * The last successful run: the engine's result plus the options it ran with and its time.
   * `all`: every preview row (a short preview) or null (the engine keeps them); `view`: the rows
   * of the level and search in force loaded so far, of `total` ({ key, level, search, rows, total }).
   * @type {{ xlsx: Uint8Array, summary: any, all: any[] | null, view: any, previewRows: number,
   *          problems: any[], notices: string[],
   *          rules_not_evaluated: any[], options: any, ms: number } | null}
   */
  result: null,
  /** 'all' or a level key. */
  filter: 'all',
  search: '',
  /** The person chose the as-of date (a zone change then leaves it alone). */
  asOfTouched: false,
  runs: 0,
};

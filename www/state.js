// The page's state, shared by its modules.

export const state = {
  /** @type {{ name: string, bytes: Uint8Array } | null} the loaded file, kept to re-run */
  file: null,
  /**
   * The last successful run: the engine's result plus the options it ran with and its time.
   * @type {{ xlsx: Uint8Array, summary: any, preview: any[], problems: any[], notices: string[],
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

/**
 * The one way the add-in runs an Excel batch. Every Excel.run passes `delayForCellEdit: true`:
 * without it, a batch that reaches Excel while the user is editing a cell fails (Excel.RunOptions,
 * @types/office-js: "When false, if the user is in cell edit when the batch request is processed by
 * the host, the batch automatically fails"; false is the default) — exactly when the pane's debounced
 * refresh lands after the user typed an α. With it, Excel holds the batch until the user leaves the
 * cell.
 *
 * The option carries no API set in the typings. office.js itself checks it (onBeforeExcelRun in the
 * Excel runtime): it sets request flag 64 only where `isSetSupported("DelayForCellEdit")`, and clears
 * it elsewhere — so on a host without the feature the option is ignored, never an error, and the
 * batch behaves as before (a refresh during cell edit then fails and the next change retries).
 *
 * A test scans src/ so that no other Excel.run call exists.
 */

/** The options of every batch of the add-in. */
export const RUN_OPTIONS: Readonly<Excel.RunOptions> = Object.freeze({ delayForCellEdit: true });

/** What the wrapper needs of the Excel namespace (injectable for tests). */
export interface ExcelRunner {
  run<T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

/** Runs `batch` in a new request context with the add-in's run options. */
export function runExcel<T>(excel: ExcelRunner, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return excel.run({ ...RUN_OPTIONS }, batch);
}

/**
 * The bounds on everything read from outside (returned workbooks, assessment files, the open workbook
 * in the task pane). One definition, used by every reader: the .xlsx reader (Node and browser), the
 * exchange-format reader, the Office.js reader of the pane and the command line. A file that hits a
 * bound gets a clear finding for that file; other files are still scored.
 *
 * The values leave ample room for any real template (a 50-rater form is ~15,000 cells and under
 * 1 MB of sheet XML) while keeping one hostile file far below the 300 MB memory budget.
 */
export const LIMITS = {
  /** bytes of one input file as stored on disk (an .xlsx is compressed) */
  fileBytes: 5 * 1024 * 1024,
  /** bytes one zip part may inflate to */
  partBytes: 24 * 1024 * 1024,
  /** bytes all the zip parts read from one file may inflate to, together */
  totalInflatedBytes: 64 * 1024 * 1024,
  /** entries in one zip file */
  zipEntries: 2000,
  /** worksheets in one workbook */
  sheets: 64,
  /** defined names in one workbook */
  definedNames: 1000,
  /**
   * cells read from one worksheet. Measured: the .xlsx reader keeps ~140 bytes per cell (Node 20),
   * so 400,000 cells are ~55 MB; three sheets of 249,000 cells each peaked at 228 MB RSS in
   * `qcs score`, which is why the workbook bound is well below 3 × this one.
   */
  cellsPerSheet: 200_000,
  /** cells read from all worksheets of one workbook */
  cellsPerWorkbook: 400_000,
  /**
   * merged ranges, data validations, conditional formats and hidden row/column records kept from one worksheet (rows and
   * columns that are not hidden are not kept, so they need no bound of their own)
   */
  rangesPerSheet: 50_000,
  /** cell formats (cellXfs) and number formats of the styles part (Excel's own limit is 64,000 formats) */
  styles: 64_000,
  /** custom and core document properties */
  properties: 1000,
  /** entries of the shared-string table */
  sharedStrings: 250_000,
  /** characters of one cell's text (Excel's own limit) */
  cellChars: 32_767,
  /** rows × columns one workbook name may cover when its cells are read */
  nameCells: 20_000,
  /** nesting depth of XML elements and of JSON values */
  depth: 64,
  /**
   * values in one JSON assessment (every number, string, object and array counts one). A 1,000-rater
   * file with every α, evidence text and record is ~60,000; `[{},{},…]` packs 1.7 million objects into
   * 5 MB, which this bound refuses before they are built.
   */
  jsonValues: 1_000_000,
  /** rater (visit) columns read from one assessment file */
  raters: 1000,
  /**
   * rows of a workbook's nonconformity table: the most a returned workbook's stamp may claim (the model
   * it is compared with is built with that many rows: a stamp claiming 10,000,000 took 4.3 GB) and the
   * most `qcs template --from` writes
   */
  nonconformityRows: 1000,
  /** findings listed for one file; the rest are counted, not listed */
  findingsPerFile: 200,
} as const;

/** The bounds as a type: readers take them as a parameter (tests pass smaller ones). */
export type Limits = { readonly [K in keyof typeof LIMITS]: number };

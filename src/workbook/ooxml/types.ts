/** What the bounded .xlsx reader gives back (see xlsx.ts). */
import type { Display } from "./format";
import type { OoxmlFault } from "./fault";

export type SheetState = "visible" | "hidden" | "veryHidden";
export type SheetKind = "worksheet" | "chartsheet" | "dialogsheet" | "macrosheet" | "unknown";

export interface SheetInfo {
  /** position in workbook order, from 0 (what localSheetId counts) */
  index: number;
  name: string;
  sheetId: number;
  state: SheetState;
  kind: SheetKind;
  /** the zip part holding the sheet, or null when its relationship points nowhere */
  path: string | null;
}

export interface DefinedName {
  name: string;
  /** the sheet (index in workbook order) the name is local to; absent for a workbook-level name */
  localSheetId?: number;
  hidden: boolean;
  /** the formula as stored, without "=" ("'Sheet'!$C$5:$E$23") */
  formula: string;
}

export interface CellFormat {
  numFmtId: number;
  /** the format code: the file's own, or a builtin one that does not depend on the locale; undefined otherwise */
  formatCode: string | undefined;
  /** protection flags (Excel's defaults when the xf has none: locked, not hidden) */
  locked: boolean;
  hidden: boolean;
}

export interface Styles {
  /** the file's own number formats: numFmtId → format code */
  numFmts: ReadonlyMap<number, string>;
  /** cell formats, by the index cells give in their s attribute */
  cellXfs: readonly CellFormat[];
  /** differential formats (what conditional formats apply), by dxfId: the number format each sets, if any */
  dxfs: readonly { numFmt?: string }[];
}

export type PropertyValue =
  | { type: "string"; value: string }
  | { type: "number"; value: number }
  | { type: "boolean"; value: boolean }
  /** ISO text as stored (vt:filetime, vt:date) */
  | { type: "date"; value: string }
  /** any other variant type, as text; vt is its element name ("vt:cy") */
  | { type: "other"; vt: string; value: string };

/** n number, s shared string, str formula text, b boolean, e error, inlineStr inline text, d ISO date */
export type CellType = "n" | "s" | "str" | "b" | "e" | "inlineStr" | "d";

export type FormulaType = "normal" | "shared" | "array" | "dataTable";

export interface Cell {
  row: number;
  col: number;
  /** "C5" */
  readonly ref: string;
  t: CellType;
  /** style index (into styles.cellXfs) */
  s: number;
  /** the stored value text: <v>…</v>, or the text of <is> for inline strings; undefined when absent */
  raw: string | undefined;
  /**
   * The value: a number (t n), text (s, str, inlineStr, d as its ISO text), a boolean (b), the error
   * text "#N/A" (e, see isError), or null when there is none. For a formula cell this is the value
   * cached by the program that last saved the file.
   */
  value: number | string | boolean | null;
  readonly isError: boolean;
  /** the formula without "=", shared formulas expanded to this cell as Excel does (on each access) */
  readonly formula?: string;
  formulaType?: FormulaType;
  /** the range of an array formula (or of a shared formula's master) */
  formulaRef?: string;
  /** whether the cell holds a value (<v>) next to its formula */
  readonly hasCachedValue: boolean;
}

export interface DataValidation {
  type: string;
  /** as stored, or the schema's default "between" */
  operator: string;
  sqref: string;
  formula1?: string;
  formula2?: string;
  allowBlank: boolean;
  showErrorMessage: boolean;
  /** as stored, or the schema's default "stop" */
  errorStyle: string;
  /** where it was stored: the main dataValidations element, or the x14 extension (lists from other sheets) */
  source: "main" | "x14";
}

/** One rule of a conditional format: what a viewer sees in its cells may differ from their values. */
export interface ConditionalFormat {
  sqref: string;
  type: string;
  /** main rules: the differential format (styles dxfs) the rule applies */
  dxfId?: number;
  /** x14 rules carry their differential format inline: the number format it sets */
  numFmt?: string;
  formulas: string[];
  /** a data bar or icon set with showValue="0": the cells' values are not shown */
  hidesValue: boolean;
  source: "main" | "x14";
}

/** A header or footer of the printed sheet (oddHeader, oddFooter, evenHeader …) as stored. */
export interface HeaderFooter {
  kind: string;
  text: string;
}

export interface SheetProtection {
  /** sheet="1": the protection is on */
  sheet: boolean;
  /** every attribute as stored (password hashes, allowed actions) */
  attributes: ReadonlyMap<string, string>;
}

export interface SheetData {
  info: SheetInfo;
  /** the cells in document order (by row, then column) */
  cells: readonly Cell[];
  cell(ref: string): Cell | undefined;
  cellAt(row: number, col: number): Cell | undefined;
  /** "A1:B2" */
  merges: readonly string[];
  validations: readonly DataValidation[];
  protection: SheetProtection | null;
  hiddenRows: readonly number[];
  /** column ranges (1-based, inclusive) marked hidden */
  hiddenCols: readonly { min: number; max: number }[];
  /** sheetFormatPr zeroHeight: rows without their own height are hidden */
  rowsHiddenByDefault: boolean;
  dimension?: string;
  /** conditional formatting rules (main and x14), bounded with the ranges */
  conditionalFormats: readonly ConditionalFormat[];
  /**
   * what the sheet shows besides its cells, by element: drawing (shapes, text boxes, pictures, charts),
   * legacyDrawing (notes), legacyDrawingHF (header/footer pictures), picture (a background), oleObjects,
   * controls
   */
  objects: readonly string[];
  headerFooter: readonly HeaderFooter[];
}

export interface WorkbookProtection {
  lockStructure: boolean;
  lockWindows: boolean;
  attributes: ReadonlyMap<string, string>;
}

export interface XlsxDoc {
  kind: "xlsx";
  sheets: readonly SheetInfo[];
  names: readonly DefinedName[];
  sharedStrings: readonly string[];
  styles: Styles;
  /** docProps/custom.xml: name → typed value */
  customProperties: ReadonlyMap<string, PropertyValue>;
  /** docProps/core.xml: element local name ("title", "creator", "modified" …) → text */
  coreProperties: ReadonlyMap<string, string>;
  /** workbookPr date1904 */
  date1904: boolean;
  /** calcPr: whether the file asks for a full recalculation when opened, and the calculation mode */
  calc: { fullCalcOnLoad: boolean; calcMode?: string };
  workbookProtection: WorkbookProtection | null;
  /** a sheet by position or name (names compare case-insensitively, as Excel's do): read on first use, then kept */
  sheet(which: number | string): SheetData | OoxmlFault | undefined;
  /** the format code of a style index, when known */
  formatCode(style: number): string | undefined;
  /** what a viewer sees in the cell: its value through its number format (or why that is unknown) */
  display(cell: Cell): Display;
  /** bytes inflated from the file so far */
  readonly inflatedBytes: number;
}

/**
 * The template model's types: what every writer renders and every reader compares against.
 * Pure data, no behaviour.
 */
import type { Lang } from "../../scheme/types";
import type { SourceRecord } from "../../engine/exchange";

/**
 * Version of the template layout; printed on the result sheet and kept in the stamp. Bump when cells
 * move: readers compare a returned workbook with the model of this version.
 */
export const TEMPLATE_VERSION = "2.0";

export const MIN_RATERS = 1;
export const MAX_RATERS = 50;
export const DEFAULT_RATERS = 3;

/** The audit fields of QCS_AUDIT, in order (records.ts lays them out, records-read.ts reads them back). */
export const AUDIT_FIELDS = ["reportNo", "from", "to", "leader", "team", "reviewer", "decisionMaker", "decisionDate"] as const;
/** The QMS fields of QCS_QMS, in order. */
export const QMS_FIELDS = ["certified", "certificateNo", "issuer", "accredited", "validUntil", "riskEvaluation", "exemption", "scope"] as const;

export type SheetKey = "service" | "evidence" | "maturity" | "records" | "result" | "sources" | "stamp";
/** Every sheet a workbook can have, in workbook order. */
export const SHEET_KEYS: readonly SheetKey[] = ["service", "evidence", "maturity", "records", "result", "sources", "stamp"];

/** What kind of workbook: the whole assessment (default) or one rater's (visit's) form sent to a client. */
export type WorkbookKind = "assessment" | "form" | "form-maturity";

/** What the stamp of a written workbook says (issue 10): who it was issued to, when, for what. */
export interface StampInfo {
  /** a random id of this workbook */
  formId: string;
  /** YYYY-MM-DD */
  issued: string;
  organization?: string;
  rater?: string;
  kind?: "person" | "visit";
}

export interface TemplateOptions {
  /** rater (or visit) columns, MIN_RATERS–MAX_RATERS, default 3 */
  raters: number;
  lang: Lang;
  /** sheet protection password; none by default */
  password?: string;
  /** sheet names to use instead of the defaults (the Office.js writer passes " (2)" names here) */
  sheetNames?: Partial<Record<SheetKey, string>>;
  /** the whole assessment (default) or a form */
  kind?: WorkbookKind;
  /** the returned forms a merged panel was made from (the sources sheet); none by default */
  sources?: SourceRecord[];
  /** the stamp; none (no stamp sheet) by default */
  stamp?: StampInfo;
  /** rows of the nonconformity table (at least records.NC_ROWS) */
  nonconformityRows?: number;
}

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  /** points */
  size?: number;
  /** "RRGGBB" */
  color?: string;
  /** "RRGGBB" */
  fill?: string;
  wrap?: boolean;
  h?: "left" | "center" | "right";
  v?: "top" | "middle" | "bottom";
  border?: boolean;
}

export interface CellModel {
  /** "C5" */
  ref: string;
  value?: string | number | boolean | null;
  /** without the leading "=" */
  formula?: string;
  /** an unlocked input cell */
  input?: boolean;
  style?: CellStyle;
  numFmt?: string;
}

export interface ColumnModel {
  /** 1-based */
  index: number;
  /** in characters */
  width: number;
  hidden?: boolean;
}

export interface RowModel {
  /** 1-based */
  index: number;
  /** points */
  height?: number;
  hidden?: boolean;
}

export interface ValidationModel {
  /** "F5:H23" */
  range: string;
  /** custom formula, a list of values, any date, or any value (only the prompt) */
  kind: "custom" | "list" | "date" | "any";
  /** custom: formula relative to the range's top-left cell, no "=" */
  formula?: string;
  /** list: the allowed values */
  list?: string[];
  prompt: { title: string; text: string };
  error: { title: string; text: string };
}

export interface ConditionalFormatModel {
  /** "F5:H23" */
  range: string;
  /** formula relative to the range's top-left cell, no "=" */
  formula: string;
  /** "RRGGBB" */
  fill: string;
  /** "RRGGBB" */
  fontColor?: string;
}

export interface PrintModel {
  orientation: "portrait" | "landscape";
  /** rows repeated on every page, e.g. [3, 4] */
  titleRows: [number, number];
  /** "A1:S39" */
  area: string;
  /** fit all columns on one page width; as many pages down as needed */
  fitToWidth: true;
  /** footer parts, with &P / &N page fields */
  footer: { left: string; right: string };
}

export interface SheetModel {
  key: SheetKey;
  name: string;
  /** "veryHidden": not listed in Excel's Unhide dialog (the stamp) */
  state?: "visible" | "veryHidden";
  cells: CellModel[];
  columns: ColumnModel[];
  rows: RowModel[];
  merges: string[];
  validations: ValidationModel[];
  conditionalFormats: ConditionalFormatModel[];
  /** rows and columns frozen at the top / left */
  freeze: { rows: number; columns: number };
  /** every sheet is protected; only `input` cells are unlocked */
  protection: { password?: string; allowFormatRows: boolean; allowFormatColumns: boolean };
  print: PrintModel;
  tabColor?: string;
}

export interface NameModel {
  name: string;
  /** the sheet's display name */
  sheet: string;
  /** "E6:G24" */
  ref: string;
}

/** Where things are, for readers and tests (1-based rows and columns). */
export interface TemplateLayout {
  raters: number;
  service: ServiceLayout;
  /** absent in a form without Appendix 3 */
  maturity?: MaturityLayout;
  /** absent in forms */
  result?: ResultLayout;
}

export interface ServiceLayout {
    raters: number;
    /** rows of the columns' kind and name (5.1.2 particulars) */
    kindRow: number;
    nameRow: number;
    firstItemRow: number;
    weightCol: number;
    /** column of rater r (0-based) is alphaCol + r */
    alphaCol: number;
    actualCol: number;
    labelCol: number;
    spreadCol: number;
    stateCol: number;
    bandCol: number;
    panelCol: number;
    scoredRow: number;
    scoreRow: number;
    statusRow: number;
    /** row of characteristic c (0-based, scheme order) is firstCharRow + c */
    firstCharRow: number;
    countedRow: number;
    invalidRow: number;
}

export interface MaturityLayout {
  firstClauseRow: number;
  levelCol: number;
  pointsCol: number;
  weightCol: number;
  statusRow: number;
  totalRow: number;
  levelRow: number;
  ratedCol: number;
  stateCol: number
}

export interface ResultLayout {
  gradeRow: number;
  reasonRow: number;
  nextRow: number;
  marginRow: number;
  statusRow: number;
  conformityRow: number;
  schemeRow: number;
}

export interface TemplateModel {
  scheme: { id: string; version: string };
  templateVersion: string;
  kind: WorkbookKind;
  lang: Lang;
  profile: string;
  sheets: SheetModel[];
  names: NameModel[];
  layout: TemplateLayout;
  /**
   * SHA-256 (hex) of the fixed content: every cell that is not an input (value, formula, number
   * format), merges, validations, conditional formats and names of every sheet but the stamp and the
   * sources. A returned workbook's stamp carries it; readers recompute it from the model they expect.
   */
  fingerprint: string;
  /** what the stamp records (key → value), also written as custom document properties; absent without a stamp */
  stamp?: [string, string][];
}

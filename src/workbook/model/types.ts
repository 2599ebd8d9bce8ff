/**
 * The template model's types: what every writer renders and every reader compares against.
 * Pure data, no behaviour.
 */
import type { Lang } from "../../scheme/types";

/** Version of the template layout; printed on the result sheet. Bump when cells move. */
export const TEMPLATE_VERSION = "1.0";

export const MIN_RATERS = 1;
export const MAX_RATERS = 50;
export const DEFAULT_RATERS = 3;

export type SheetKey = "service" | "maturity" | "result";
export const SHEET_KEYS: readonly SheetKey[] = ["service", "maturity", "result"];

export interface TemplateOptions {
  /** rater (or visit) columns, 1–10, default 3 */
  raters: number;
  lang: Lang;
  /** sheet protection password; none by default */
  password?: string;
  particulars?: { organization?: string; auditors?: string; dates?: string };
  /** sheet names to use instead of the defaults (the Office.js writer passes " (2)" names here) */
  sheetNames?: Partial<Record<SheetKey, string>>;
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
  kind: "custom" | "list";
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
  maturity: MaturityLayout;
  result: ResultLayout;
}

export interface ServiceLayout {
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
  totalRow: number;
  levelRow: number;
  ratedCol: number;
  stateCol: number
}

export interface ResultLayout {
  gradeRow: number;
  reasonRow: number;
  statusRow: number
  organizationRow: number;
  schemeRow: number;
}

export interface TemplateModel {
  scheme: { id: string; version: string };
  templateVersion: string;
  lang: Lang;
  profile: string;
  sheets: SheetModel[];
  names: NameModel[];
  layout: TemplateLayout;
}

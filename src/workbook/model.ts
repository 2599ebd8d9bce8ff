/**
 * The scoring templates as one declarative model, built from the scheme: Appendix 1 (service
 * evaluation), Appendix 3 (management maturity) and the result sheet. Two writers render it — ExcelJS
 * to a file (./xlsx/write.ts) and Office.js into the open workbook (./excel/insert.ts) — and the
 * readers compare a workbook against it to detect altered weights and formulas.
 *
 * Pure: no ExcelJS, Office.js or DOM here.
 *
 * Formulas are native and portable (Excel, Excel on the web, LibreOffice, WPS, Excel 2007): helper
 * columns instead of array formulas; only IF/AND/OR/NOT/ISNUMBER/TRIM/UPPER/SUM/SUMIF/COUNT/COUNTIF/
 * AVERAGE/MAX/MIN/INT/ROUND/CHOOSE/INDEX/SUBSTITUTE/FIXED; no INDIRECT/OFFSET/TODAY/NOW (volatile),
 * no function that needs an `_xlfn.` prefix, no text-to-number coercion, no TEXT() format codes.
 * Every weight is read from its cell; every band edge, gate and label is generated from the scheme.
 */
import { findProfile } from "../scheme";
import type { Lang, RuleProfile, Scheme, Text } from "../scheme/types";
import { explainGrade, fmt, grade, describeProfile } from "../engine";
import { NAMES } from "./contract";
import { a1, area, col, quoteSheet } from "./a1";
import { pick, t } from "./labels";

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
  service: {
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
  };
  maturity: { firstClauseRow: number; levelCol: number; pointsCol: number; totalRow: number; levelRow: number; ratedCol: number; stateCol: number };
  result: { gradeRow: number; reasonRow: number; statusRow: number };
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

// ---------------------------------------------------------------------------------------------
// formula text helpers

/** A string literal in a formula ("" doubled). Excel limits literals to 255 characters. */
export function lit(s: string): string {
  if (s.length > 255) throw new Error(`string literal over 255 characters: ${s.slice(0, 40)}…`);
  return `"${s.replace(/"/g, '""')}"`;
}

/** A number as formula text, never in exponent notation and never with a locale separator. */
export function num(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  const s = String(n);
  if (/e/i.test(s)) throw new Error(`number needs exponent notation: ${n}`);
  return s;
}

/** A label with {placeholders} as a concatenation: placeholders become the given formula expressions. */
function concat(template: string, exprs: Record<string, string>): string {
  const parts: string[] = [];
  let last = 0;
  const re = /\{(\w+)\}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(template))) {
    if (!(m[1] in exprs)) continue;
    if (m.index > last) parts.push(lit(template.slice(last, m.index)));
    parts.push(exprs[m[1]]);
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(lit(template.slice(last)));
  return parts.join("&");
}

/** IF chain: the first (condition, value) that holds, else `otherwise`. */
function ifChain(pairs: [string, string][], otherwise: string): string {
  return pairs.reduceRight((acc, [cond, val]) => `IF(${cond},${val},${acc})`, otherwise);
}

/**
 * Decimal-safe half-up rounding of a non-negative x to d decimals: ROUND(x·10^d, 9) removes the binary
 * noise (89.95 computed as 89.94999999999999 becomes exactly 899.5), then INT(… + 0.5) rounds half up
 * without relying on how a program rounds a binary near-tie.
 */
export function roundFormula(x: string, decimals: number): string {
  const f = num(10 ** decimals);
  return decimals === 0 ? `INT(ROUND(${x},9)+0.5)` : `INT(ROUND(${x}*${f},9)+0.5)/${f}`;
}

// ---------------------------------------------------------------------------------------------
// layout helpers

const GREY = "F2F2F2";
const INPUT = "FFF9E6";
const HEAD = "DDEBF7";
const BAND_FILL = "F8CBAD";
const INVALID_FILL = "FF9999";

const headStyle: CellStyle = { bold: true, fill: HEAD, wrap: true, h: "center", v: "middle", border: true };
const textStyle: CellStyle = { wrap: true, v: "top", border: true };
const centerStyle: CellStyle = { wrap: true, h: "center", v: "middle", border: true };
const inputStyle: CellStyle = { fill: INPUT, h: "center", v: "middle", border: true };
const calcStyle: CellStyle = { fill: GREY, h: "center", v: "middle", border: true, wrap: true };

/** Display width of a text in "0"-character units (CJK and full-width characters count about two). */
function textUnits(s: string, size = 10): number {
  let u = 0;
  for (const ch of s) u += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 1.65 : 0.95;
  return (u * size) / 10;
}

/** Row height (points) that shows `text` wrapped in a column `width` characters wide. */
export function heightFor(text: string, width: number, size = 10): number {
  const per = Math.max(1, width - 1.5);
  let lines = 0;
  for (const para of text.split("\n")) lines += Math.max(1, Math.ceil(textUnits(para, size) / per));
  return Math.min(409, Math.max(18, Math.ceil(lines * size * 1.4 + 6)));
}

class SheetBuilder {
  cells = new Map<string, CellModel>();
  heights = new Map<number, number>();
  hiddenRows = new Set<number>();
  merges: string[] = [];
  constructor(public widths: Map<number, number>) {}
  put(c: number, r: number, cell: Omit<CellModel, "ref">): void {
    const ref = a1(c, r);
    this.cells.set(ref, { ref, ...cell });
  }
  merge(c1: number, r1: number, c2: number, r2: number): void {
    if (c1 !== c2 || r1 !== r2) this.merges.push(area(c1, r1, c2, r2));
  }
  /** make row r at least tall enough for `text` in columns c1..c2 */
  fit(r: number, text: string, c1: number, c2 = c1, size = 10): void {
    let w = 0;
    for (let c = c1; c <= c2; c++) w += this.widths.get(c) ?? 8.43;
    this.heights.set(r, Math.max(this.heights.get(r) ?? 15, heightFor(text, w, size)));
  }
  rows(): RowModel[] {
    const idx = new Set([...this.heights.keys(), ...this.hiddenRows]);
    return [...idx].sort((a, b) => a - b).map((index) => ({ index, height: this.heights.get(index), hidden: this.hiddenRows.has(index) || undefined }));
  }
  columns(hidden: Set<number>): ColumnModel[] {
    return [...this.widths.entries()].sort((a, b) => a[0] - b[0]).map(([index, width]) => ({ index, width, hidden: hidden.has(index) || undefined }));
  }
  list(): CellModel[] {
    return [...this.cells.values()];
  }
}

export function defaultSheetNames(lang: Lang): Record<SheetKey, string> {
  return { service: t("sheetService", lang), maturity: t("sheetMaturity", lang), result: t("sheetResult", lang) };
}

function checkOptions(scheme: Scheme, opts: TemplateOptions): void {
  if (!Number.isInteger(opts.raters) || opts.raters < MIN_RATERS || opts.raters > MAX_RATERS) {
    throw new RangeError(`raters must be a whole number ${MIN_RATERS}–${MAX_RATERS}, not ${opts.raters}`);
  }
  if (opts.lang !== "zh-CN" && opts.lang !== "en-US") throw new RangeError(`lang must be zh-CN or en-US, not ${String(opts.lang)}`);
  scheme.maturityBands.forEach((b, i) => {
    if (b.level !== i + 1) throw new Error("maturity bands must be levels 1, 2, 3 … in order");
  });
  scheme.likert.forEach((b, i) => {
    if (b.band !== i + 1) throw new Error("Likert bands must be 1, 2, 3 … in order");
  });
}

/** The whole template for a scheme. Pure. */
export function buildTemplate(scheme: Scheme, opts: TemplateOptions): TemplateModel {
  checkOptions(scheme, opts);
  const lang = opts.lang;
  const profile = findProfile(scheme, scheme.defaultProfile);
  if (!profile) throw new Error(`scheme ${scheme.id} has no default profile ${scheme.defaultProfile}`);
  const names = { ...defaultSheetNames(lang), ...(opts.sheetNames ?? {}) };
  const footer = { left: scheme.id.replace(/&/g, "&&"), right: t("footer", lang) };
  const protection = { password: opts.password || undefined, allowFormatRows: true, allowFormatColumns: false };

  const svc = serviceSheet(scheme, profile, opts, names, footer, protection);
  const mat = maturitySheet(scheme, opts, names, footer, protection);
  const res = resultSheet(scheme, profile, opts, names, footer, protection, svc.layout, mat.layout);

  const S = svc.layout;
  const M = mat.layout;
  const n = opts.raters;
  const lastItemRow = S.firstItemRow + scheme.items.length - 1;
  const lastClauseRow = M.firstClauseRow + scheme.clauses.length - 1;
  const nameList: NameModel[] = [
    { name: NAMES.alpha, sheet: names.service, ref: area(S.alphaCol, S.firstItemRow, S.alphaCol + n - 1, lastItemRow) },
    { name: NAMES.weights, sheet: names.service, ref: area(S.weightCol, S.firstItemRow, S.weightCol, lastItemRow) },
    { name: NAMES.levels, sheet: names.maturity, ref: area(M.levelCol, M.firstClauseRow, M.levelCol, lastClauseRow) },
    { name: NAMES.clauseWeights, sheet: names.maturity, ref: area(M.levelCol - 1, M.firstClauseRow, M.levelCol - 1, lastClauseRow) },
    { name: NAMES.serviceScore, sheet: names.service, ref: a1(S.panelCol, S.scoreRow) },
    { name: NAMES.maturityTotal, sheet: names.maturity, ref: a1(M.pointsCol, M.totalRow) },
    { name: NAMES.maturityLevel, sheet: names.maturity, ref: a1(M.pointsCol, M.levelRow) },
    { name: NAMES.grade, sheet: names.result, ref: a1(2, res.layout.gradeRow) },
    { name: NAMES.organization, sheet: names.result, ref: a1(2, res.layout.organizationRow) },
    { name: NAMES.scheme, sheet: names.result, ref: a1(2, res.layout.schemeRow) },
  ];
  return {
    scheme: { id: scheme.id, version: scheme.version },
    templateVersion: TEMPLATE_VERSION,
    lang,
    profile: profile.id,
    sheets: [svc.sheet, mat.sheet, res.sheet],
    names: nameList,
    layout: {
      raters: n,
      service: S,
      maturity: M,
      result: { gradeRow: res.layout.gradeRow, reasonRow: res.layout.reasonRow, statusRow: res.layout.statusRow },
    },
  };
}

type Footer = PrintModel["footer"];
type Protection = SheetModel["protection"];

// ---------------------------------------------------------------------------------------------
// Appendix 1

function serviceSheet(scheme: Scheme, profile: RuleProfile, opts: TemplateOptions, names: Record<SheetKey, string>, footer: Footer, protection: Protection) {
  const lang = opts.lang;
  const n = opts.raters;
  const items = scheme.items;
  const nItems = items.length;
  const likert = scheme.likert;
  const lo = likert[0].min;
  const hi = likert[likert.length - 1].max;

  // columns
  const cChar = 1, cId = 2, cDim = 3, cCrit = 4, cW = 5;
  const cAlpha = 6;
  const cAct = cAlpha + n;
  const cLab = cAct + n;
  const cSpread = cLab + n;
  const cState = cSpread + 1;
  const cBand = cState + n;
  const cScored = cBand + n;
  const lastVisible = cSpread;
  const lastCol = cScored;

  // rows
  const rTitle = 1, rNote = 2, rHead1 = 3, rHead2 = 4, r0 = 5;
  const rLast = r0 + nItems - 1;
  const rSumHead = rLast + 2;
  const rScored = rSumHead + 1;
  const rAtt = rScored + 1;
  const rAct = rAtt + 1;
  const rScore = rAct + 1;
  const rStatus = rScore + 1;
  const rCharHead = rStatus + 2;
  const rChar0 = rCharHead + 1;
  const rCharLast = rChar0 + scheme.characteristics.length - 1;
  const rCounted = rCharLast + 2;
  const rInvalid = rCounted + 1;
  const rBlank = rInvalid + 1;
  const rRaw = rBlank + 1;
  const cPanel = cW;

  const widths = new Map<number, number>([[cChar, 11], [cId, 6], [cDim, 10], [cCrit, 44], [cW, 8]]);
  for (let r = 0; r < n; r++) {
    widths.set(cAlpha + r, 8);
    widths.set(cAct + r, 7);
    widths.set(cLab + r, 8.5);
    widths.set(cState + r, 5);
    widths.set(cBand + r, 5);
  }
  widths.set(cSpread, 7);
  widths.set(cScored, 6);
  const hidden = new Set<number>();
  for (let c = cState; c <= lastCol; c++) hidden.add(c);

  const b = new SheetBuilder(widths);
  const raterHead = (r: number) => t("hRater", lang, { n: r + 1 });

  // title and note
  b.put(cChar, rTitle, { value: t("titleService", lang), style: { bold: true, size: 14, h: "center", v: "middle" } });
  b.merge(cChar, rTitle, lastVisible, rTitle);
  b.heights.set(rTitle, 24);
  const note = t("noteService", lang, { d: profile.decimals, k: scheme.disagreementBands });
  b.put(cChar, rNote, { value: note, style: { wrap: true, v: "top", size: 9, italic: true } });
  b.merge(cChar, rNote, lastVisible, rNote);
  b.fit(rNote, note, cChar, lastVisible, 9);

  // headings
  const heads: [number, string][] = [[cChar, t("hCharacteristic", lang)], [cId, t("hItem", lang)], [cDim, t("hDimension", lang)], [cCrit, t("hCriterion", lang)], [cW, t("hWeight", lang)], [cSpread, t("hSpread", lang)]];
  for (const [c, text] of heads) {
    b.put(c, rHead1, { value: text, style: headStyle });
    b.put(c, rHead2, { value: null, style: headStyle });
    b.merge(c, rHead1, c, rHead2);
  }
  const blocks: [number, string][] = [[cAlpha, t("hAlpha", lang)], [cAct, t("hActual", lang)], [cLab, t("hLikert", lang)]];
  for (const [c0, text] of blocks) {
    for (let r = 0; r < n; r++) {
      b.put(c0 + r, rHead1, { value: r === 0 ? text : null, style: headStyle });
      b.put(c0 + r, rHead2, { value: raterHead(r), style: headStyle });
    }
    b.merge(c0, rHead1, c0 + n - 1, rHead1);
  }
  b.fit(rHead1, t("hAlpha", lang), cAlpha, cAlpha + n - 1);
  b.fit(rHead1, t("hCharacteristic", lang), cChar);
  b.fit(rHead1, t("hDimension", lang), cDim);
  b.fit(rHead2, raterHead(0), cAct);
  // hidden helper headings (for whoever unhides them)
  for (let r = 0; r < n; r++) {
    b.put(cState + r, rHead2, { value: `state ${r + 1}` });
    b.put(cBand + r, rHead2, { value: `band ${r + 1}` });
  }
  b.put(cScored, rHead2, { value: "scored" });

  // item rows
  const naTests = (x: string) => scheme.notApplicable.map((na) => `UPPER(TRIM(${x}))=${lit(na.toUpperCase())}`).join(",");
  const W = (i: number) => `$${col(cW)}${r0 + i}`;
  items.forEach((it, i) => {
    const r = r0 + i;
    const ch = scheme.characteristics.find((c) => c.id === it.characteristic);
    const chWeight = items.filter((x) => x.characteristic === it.characteristic).reduce((s, x) => s + x.weight, 0);
    const firstOfChar = items.findIndex((x) => x.characteristic === it.characteristic) === i;
    const charText = ch ? t("charRow", lang, { id: ch.id, name: pick(ch.name, lang), w: chWeight }) : it.characteristic;
    b.put(cChar, r, { value: firstOfChar ? charText : null, style: { ...centerStyle } });
    b.put(cId, r, { value: it.id, style: centerStyle });
    b.put(cDim, r, { value: pick(scheme.dimensions[it.dimension], lang), style: centerStyle });
    const crit = pick(it.criterion, lang);
    b.put(cCrit, r, { value: crit, style: { ...textStyle, v: "middle" } });
    b.fit(r, crit, cCrit);
    b.fit(r, pick(scheme.dimensions[it.dimension], lang), cDim);
    b.put(cW, r, { value: it.weight, style: centerStyle, numFmt: "0" });
    for (let k = 0; k < n; k++) {
      const x = a1(cAlpha + k, r);
      const st = a1(cState + k, r);
      const band = a1(cBand + k, r);
      b.put(cAlpha + k, r, { value: null, input: true, style: inputStyle });
      // state: 0 blank, 1 a number in [lo, hi], 2 not applicable, 3 invalid
      b.put(cState + k, r, {
        formula: `IF(ISNUMBER(${x}),IF(AND(${x}>=${num(lo)},${x}<=${num(hi)}),1,3),IF(TRIM(${x})="",0,IF(OR(${naTests(x)}),2,3)))`,
      });
      b.put(cBand + k, r, {
        formula: `IF(${st}=1,${ifChain(likert.slice(0, -1).map((l) => [`${x}<=${num(l.max)}`, String(l.band)]), String(likert[likert.length - 1].band))},"")`,
      });
      b.put(cAct + k, r, { formula: `IF(${st}=1,${W(i)}*${x},"")`, style: calcStyle, numFmt: "0.00" });
      b.put(cLab + k, r, {
        formula: `IF(${st}=1,CHOOSE(${band},${likert.map((l) => lit(pick(l.label, lang))).join(",")}),IF(${st}=2,${lit(t("naLabel", lang))},IF(${st}=3,${lit(t("invalid", lang))},"")))`,
        style: { ...calcStyle, size: 9 },
      });
    }
    const bands = area(cBand, r, cBand + n - 1, r);
    b.put(cSpread, r, { formula: `IF(COUNT(${bands})>=2,MAX(${bands})-MIN(${bands}),0)`, style: calcStyle, numFmt: '0;-0;""' });
    const states = area(cState, r, cState + n - 1, r);
    b.put(cScored, r, { formula: `COUNTIF(${states},1)+COUNTIF(${states},2)` });
  });
  // merge the characteristic column over its items
  for (const ch of scheme.characteristics) {
    const idx = items.map((it, i) => (it.characteristic === ch.id ? i : -1)).filter((i) => i >= 0);
    if (idx.length) b.merge(cChar, r0 + idx[0], cChar, r0 + idx[idx.length - 1]);
  }

  // summary
  const labelRow = (r: number, key: Parameters<typeof t>[0], vars: Record<string, string | number> = {}) => {
    b.put(cChar, r, { value: t(key, lang, vars), style: { ...headStyle, h: "right" } });
    for (let c = cChar + 1; c <= cCrit; c++) b.put(c, r, { value: null, style: headStyle });
    b.merge(cChar, r, cCrit, r);
  };
  labelRow(rSumHead, "hSummary");
  b.put(cPanel, rSumHead, { value: t("hPanel", lang), style: headStyle });
  for (let k = 0; k < n; k++) b.put(cAlpha + k, rSumHead, { value: raterHead(k), style: headStyle });
  b.fit(rSumHead, raterHead(0), cAlpha);

  const stRange = (k: number, r1 = r0, r2 = rLast) => `${a1(cState + k, r1)}:${a1(cState + k, r2)}`;
  const weights = `$${col(cW)}$${r0}:$${col(cW)}$${rLast}`;
  const raterCols = (r: number) => area(cAlpha, r, cAlpha + n - 1, r);
  const K = a1(cPanel, rCounted);
  const itemsFmt = `0" / ${nItems}"`;

  labelRow(rScored, "rScored");
  labelRow(rAtt, "rAttainable");
  labelRow(rAct, "rActual");
  labelRow(rScore, "rScore");
  labelRow(rStatus, "hStatus");
  b.fit(rAtt, t("rAttainable", lang), cChar, cCrit);
  for (let k = 0; k < n; k++) {
    const c = cAlpha + k;
    const counted = a1(c, rCounted);
    const invalid = a1(c, rInvalid);
    const blank = a1(c, rBlank);
    b.put(c, rCounted, { formula: `IF(${blank}=${nItems},0,1)` });
    b.put(c, rInvalid, { formula: `COUNTIF(${stRange(k)},3)` });
    b.put(c, rBlank, { formula: `COUNTIF(${stRange(k)},0)` });
    b.put(c, rScored, { formula: `COUNTIF(${stRange(k)},1)+COUNTIF(${stRange(k)},2)`, style: calcStyle, numFmt: itemsFmt });
    b.put(c, rAtt, { formula: `SUMIF(${stRange(k)},1,${weights})`, style: calcStyle, numFmt: "0" });
    b.put(c, rAct, { formula: `SUM(${a1(cAct + k, r0)}:${a1(cAct + k, rLast)})`, style: calcStyle, numFmt: "0.00" });
    b.put(c, rScore, {
      formula: `IF(AND(${counted}=1,${blank}=0,${invalid}=0,${a1(c, rAtt)}>0),100*${a1(c, rAct)}/${a1(c, rAtt)},"")`,
      style: { ...calcStyle, bold: true },
      numFmt: "0.00",
    });
    b.put(c, rStatus, {
      formula: ifChain(
        [
          [`${counted}=0`, lit(t("stNotCounted", lang))],
          [`${invalid}>0`, lit(t("stInvalid", lang))],
          [`${blank}>0`, lit(t("stIncomplete", lang))],
          [`${a1(c, rAtt)}=0`, lit(t("stAllNa", lang))],
        ],
        lit(t("stDone", lang))
      ),
      style: { ...calcStyle, size: 9 },
    });
  }
  // panel
  b.put(cPanel, rCounted, { formula: `SUM(${raterCols(rCounted)})` });
  b.put(cPanel, rInvalid, { formula: `SUM(${raterCols(rInvalid)})` });
  b.put(cPanel, rRaw, { formula: `IF(AND(${K}>0,COUNT(${raterCols(rScore)})=${K}),AVERAGE(${raterCols(rScore)}),"")` });
  b.put(cPanel, rScored, {
    formula: `IF(${K}=0,0,COUNTIF(${a1(cScored, r0)}:${a1(cScored, rLast)},${K}))`,
    style: calcStyle,
    numFmt: itemsFmt,
  });
  b.put(cPanel, rAtt, { value: null, style: calcStyle });
  b.put(cPanel, rAct, { value: null, style: calcStyle });
  const raw = a1(cPanel, rRaw);
  b.put(cPanel, rScore, {
    formula: `IF(ISNUMBER(${raw}),${roundFormula(raw, profile.decimals)},"")`,
    style: { ...calcStyle, bold: true, size: 12, fill: "FFE699" },
    numFmt: profile.decimals > 0 ? `0.${"0".repeat(profile.decimals)}` : "0",
  });
  b.put(cPanel, rStatus, {
    formula: ifChain(
      [
        [`${a1(cPanel, rInvalid)}>0`, lit(t("stInvalid", lang))],
        [`${K}=0`, lit(t("stNotStarted", lang))],
        [`ISNUMBER(${a1(cPanel, rScore)})`, lit(t("stDone", lang))],
      ],
      lit(t("stIncomplete", lang))
    ),
    style: { ...calcStyle, size: 9 },
  });
  b.fit(rStatus, t("stNotStarted", lang), cPanel);

  // per-characteristic subtotals
  labelRow(rCharHead, "hCharacteristics");
  b.put(cPanel, rCharHead, { value: t("hPanel", lang), style: headStyle });
  for (let k = 0; k < n; k++) b.put(cAlpha + k, rCharHead, { value: raterHead(k), style: headStyle });
  b.fit(rCharHead, raterHead(0), cAlpha);
  scheme.characteristics.forEach((ch, ci) => {
    const r = rChar0 + ci;
    const idx = items.map((it, i) => (it.characteristic === ch.id ? i : -1)).filter((i) => i >= 0);
    const w = idx.reduce((s, i) => s + items[i].weight, 0);
    labelRow(r, "charRow", { id: ch.id, name: pick(ch.name, lang), w });
    const r1 = r0 + idx[0];
    const r2 = r0 + idx[idx.length - 1];
    for (let k = 0; k < n; k++) {
      const sts = stRange(k, r1, r2);
      const att = `SUMIF(${sts},1,${a1(cW, r1)}:${a1(cW, r2)})`;
      b.put(cAlpha + k, r, {
        formula: `IF(COUNTIF(${sts},1)+COUNTIF(${sts},2)=${idx.length},IF(${att}>0,100*SUM(${a1(cAct + k, r1)}:${a1(cAct + k, r2)})/${att},""),"")`,
        style: calcStyle,
        numFmt: "0.0",
      });
    }
    b.put(cPanel, r, { formula: `IF(COUNT(${raterCols(r)})>0,AVERAGE(${raterCols(r)}),"")`, style: { ...calcStyle, bold: true }, numFmt: "0.0" });
  });
  for (const r of [rCounted, rInvalid, rBlank, rRaw]) b.hiddenRows.add(r);
  for (const [r, label] of [[rCounted, "counted"], [rInvalid, "invalid"], [rBlank, "blank"], [rRaw, "raw panel"]] as const) {
    b.put(cCrit, r, { value: label });
  }

  const alphaRange = area(cAlpha, r0, cAlpha + n - 1, rLast);
  const na = scheme.notApplicable.join(" / ");
  const x0 = a1(cAlpha, r0);
  const sheet: SheetModel = {
    key: "service",
    name: names.service,
    cells: b.list(),
    columns: b.columns(hidden),
    rows: b.rows(),
    merges: b.merges,
    validations: [
      {
        range: alphaRange,
        kind: "custom",
        formula: `OR(AND(ISNUMBER(${x0}),${x0}>=${num(lo)},${x0}<=${num(hi)}),${naTests(x0)})`,
        prompt: { title: t("vAlphaTitle", lang), text: t("vAlphaPrompt", lang, { na }) },
        error: { title: t("vAlphaTitle", lang), text: t("vAlphaError", lang, { na }) },
      },
    ],
    conditionalFormats: [
      // raters' bands scheme.disagreementBands or more apart: the item's α cells and its spread
      { range: alphaRange, formula: `$${col(cSpread)}${r0}>=${scheme.disagreementBands}`, fill: BAND_FILL },
      { range: area(cSpread, r0, cSpread, rLast), formula: `$${col(cSpread)}${r0}>=${scheme.disagreementBands}`, fill: BAND_FILL },
      // invalid α (relative: each α cell looks at its own state cell)
      { range: alphaRange, formula: `${a1(cState, r0)}=3`, fill: INVALID_FILL },
    ],
    freeze: { rows: rHead2, columns: cId },
    protection,
    print: { orientation: "landscape", titleRows: [rHead1, rHead2], area: area(cChar, rTitle, lastVisible, rCharLast), fitToWidth: true, footer },
    tabColor: "2F75B5",
  };
  return {
    sheet,
    layout: {
      firstItemRow: r0,
      weightCol: cW,
      alphaCol: cAlpha,
      actualCol: cAct,
      labelCol: cLab,
      spreadCol: cSpread,
      stateCol: cState,
      bandCol: cBand,
      panelCol: cPanel,
      scoredRow: rScored,
      scoreRow: rScore,
      statusRow: rStatus,
      firstCharRow: rChar0,
      countedRow: rCounted,
      invalidRow: rInvalid,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Appendix 3 (with Appendix 2 and 4 texts)

function maturitySheet(scheme: Scheme, opts: TemplateOptions, names: Record<SheetKey, string>, footer: Footer, protection: Protection) {
  const lang = opts.lang;
  const clauses = scheme.clauses;
  const lo = scheme.minClauseLevel;
  const hi = scheme.maxClauseLevel;
  const bands = scheme.maturityBands;
  const cGroup = 1, cId = 2, cTitle = 3, cW = 4, cLevel = 5, cPts = 6, cDesc = 7, cAudit = 8, cNote = 9;
  const cState = 10, cText0 = 11;
  const nLevels = hi - lo + 1;
  const lastVisible = cNote;
  const rTitle = 1, rNote = 2, rHead = 3, r0 = 4;
  const rLast = r0 + clauses.length - 1;
  const rTotal = rLast + 1;
  const rLevel = rTotal + 1;
  const rStatus = rLevel + 1;

  const widths = new Map<number, number>([[cGroup, 10], [cId, 6], [cTitle, 14], [cW, 7], [cLevel, 8], [cPts, 7], [cDesc, 34], [cAudit, lang === "en-US" ? 80 : 62], [cNote, 24], [cState, 5]]);
  for (let l = 0; l < nLevels; l++) widths.set(cText0 + l, 10);
  const hidden = new Set<number>([cState]);
  for (let l = 0; l < nLevels; l++) hidden.add(cText0 + l);
  const b = new SheetBuilder(widths);

  b.put(cGroup, rTitle, { value: t("titleMaturity", lang), style: { bold: true, size: 14, h: "center", v: "middle" } });
  b.merge(cGroup, rTitle, lastVisible, rTitle);
  b.heights.set(rTitle, 24);
  const bandText = bands
    .map((bd, i) => `${pick(bd.label, lang)} ${bd.min} ≤ T ${i === bands.length - 1 ? "≤" : "<"} ${bd.max}`)
    .join(lang === "en-US" ? "; " : "；");
  const note = t("noteMaturity", lang, { lo, hi, bands: bandText });
  b.put(cGroup, rNote, { value: note, style: { wrap: true, v: "top", size: 9, italic: true } });
  b.merge(cGroup, rNote, lastVisible, rNote);
  b.fit(rNote, note, cGroup, lastVisible, 9);

  const heads: [number, string][] = [
    [cGroup, t("hGroup", lang)], [cId, t("hClause", lang)], [cTitle, t("hClauseTitle", lang)], [cW, t("hClauseWeight", lang)],
    [cLevel, t("hLevel", lang)], [cPts, t("hPoints", lang)], [cDesc, t("hLevelText", lang)], [cAudit, t("hAudit", lang)], [cNote, t("hEvidence", lang)],
  ];
  for (const [c, text] of heads) {
    b.put(c, rHead, { value: text, style: headStyle });
    b.fit(rHead, text, c);
  }
  b.put(cState, rHead, { value: "state" });

  clauses.forEach((cl, i) => {
    const r = r0 + i;
    const g = scheme.groups.find((x) => x.id === cl.group);
    const firstOfGroup = clauses.findIndex((x) => x.group === cl.group) === i;
    const gText = g ? `${g.id}. ${pick(g.name, lang)}` : cl.group;
    b.put(cGroup, r, { value: firstOfGroup ? gText : null, style: centerStyle });
    b.put(cId, r, { value: cl.id, style: centerStyle });
    const title = pick(cl.title, lang);
    b.put(cTitle, r, { value: title, style: { ...textStyle, v: "middle" } });
    b.fit(r, title, cTitle);
    b.put(cW, r, { value: cl.weight, style: centerStyle, numFmt: "0" });
    const lv = a1(cLevel, r);
    const st = a1(cState, r);
    b.put(cLevel, r, { value: null, input: true, style: inputStyle });
    b.put(cState, r, { formula: `IF(ISNUMBER(${lv}),IF(AND(${lv}>=${lo},${lv}<=${hi},${lv}=INT(${lv})),1,3),IF(TRIM(${lv})="",0,3))` });
    b.put(cPts, r, { formula: `IF(${st}=1,${lv}*${a1(cW, r)}/${hi},IF(${st}=3,${lit(t("invalid", lang))},""))`, style: calcStyle, numFmt: "0" });
    // Appendix 2: the chosen level's description, looked up from hidden cells (texts exceed formula literal limits)
    (g ? g.levels : []).forEach((txt, l) => b.put(cText0 + l, r, { value: pick(txt, lang) }));
    b.put(cDesc, r, { formula: `IF(${st}=1,INDEX(${area(cText0, r, cText0 + nLevels - 1, r)},1,${lv}-${lo - 1}),"")`, style: { ...textStyle, fill: GREY, size: 9 } });
    // tall enough for the longest description the level dropdown can bring up
    for (const txt of g ? g.levels : []) b.fit(r, pick(txt, lang), cDesc, cDesc, 9);
    const audit = pick(cl.audit, lang);
    b.put(cAudit, r, { value: audit, style: { ...textStyle, size: 9 } });
    b.fit(r, audit, cAudit, cAudit, 9);
    b.put(cNote, r, { value: null, input: true, style: { ...textStyle, fill: INPUT } });
  });
  for (const g of scheme.groups) {
    const idx = clauses.map((c, i) => (c.group === g.id ? i : -1)).filter((i) => i >= 0);
    if (idx.length) b.merge(cGroup, r0 + idx[0], cGroup, r0 + idx[idx.length - 1]);
  }

  const states = `${a1(cState, r0)}:${a1(cState, rLast)}`;
  const total = a1(cPts, rTotal);
  const level = a1(cPts, rLevel);
  const label = (r: number, key: Parameters<typeof t>[0]) => {
    b.put(cGroup, r, { value: t(key, lang), style: { ...headStyle, h: "right" } });
    for (let c = cGroup + 1; c <= cTitle; c++) b.put(c, r, { value: null, style: headStyle });
    b.merge(cGroup, r, cTitle, r);
  };
  label(rTotal, "rTotal");
  label(rLevel, "rLevel");
  label(rStatus, "rRated");
  b.put(cW, rTotal, { formula: `SUM(${a1(cW, r0)}:${a1(cW, rLast)})`, style: calcStyle, numFmt: "0" });
  b.put(cLevel, rTotal, { value: null, style: calcStyle });
  b.put(cPts, rTotal, {
    formula: `IF(COUNTIF(${states},1)=${clauses.length},SUM(${a1(cPts, r0)}:${a1(cPts, rLast)}),"")`,
    style: { ...calcStyle, bold: true, size: 12, fill: "FFE699" },
    numFmt: "0",
  });
  const top = bands[bands.length - 1];
  b.put(cPts, rLevel, {
    formula: `IF(ISNUMBER(${total}),IF(OR(${total}<${num(bands[0].min)},${total}>${num(top.max)}),"",${ifChain(
      bands.slice(0, -1).map((bd) => [`${total}<${num(bd.max)}`, String(bd.level)]),
      String(top.level)
    )}),"")`,
    style: { ...calcStyle, bold: true, size: 12, fill: "FFE699" },
    numFmt: "0",
  });
  b.put(cDesc, rLevel, {
    formula: `IF(ISNUMBER(${level}),${ifChain(bands.slice(0, -1).map((bd) => [`${level}=${bd.level}`, lit(pick(bd.label, lang))]), lit(pick(top.label, lang)))},"")`,
    style: { ...calcStyle, h: "left" },
  });
  b.put(cPts, rStatus, { formula: `COUNTIF(${states},1)`, style: calcStyle, numFmt: `0" / ${clauses.length}"` });
  b.put(cDesc, rStatus, {
    formula: ifChain(
      [
        [`COUNTIF(${states},3)>0`, lit(t("stInvalid", lang))],
        [`COUNTIF(${states},1)=${clauses.length}`, lit(t("stDone", lang))],
        [`COUNTIF(${states},1)=0`, lit(t("stNotStarted", lang))],
      ],
      lit(t("stIncomplete", lang))
    ),
    style: { ...calcStyle, h: "left" },
  });

  const levelRange = area(cLevel, r0, cLevel, rLast);
  const sheet: SheetModel = {
    key: "maturity",
    name: names.maturity,
    cells: b.list(),
    columns: b.columns(hidden),
    rows: b.rows(),
    merges: b.merges,
    validations: [
      {
        range: levelRange,
        kind: "list",
        list: Array.from({ length: nLevels }, (_, l) => String(lo + l)),
        prompt: { title: t("vLevelTitle", lang), text: t("vLevelPrompt", lang, { lo, hi }) },
        error: { title: t("vLevelTitle", lang), text: t("vLevelError", lang, { lo, hi }) },
      },
    ],
    conditionalFormats: [{ range: levelRange, formula: `${a1(cState, r0)}=3`, fill: INVALID_FILL }],
    freeze: { rows: rHead, columns: cId },
    protection,
    print: { orientation: "landscape", titleRows: [rHead, rHead], area: area(cGroup, rTitle, lastVisible, rStatus), fitToWidth: true, footer },
    tabColor: "548235",
  };
  return {
    sheet,
    layout: { firstClauseRow: r0, levelCol: cLevel, pointsCol: cPts, totalRow: rTotal, levelRow: rLevel, ratedCol: cPts, stateCol: cState },
  };
}

// ---------------------------------------------------------------------------------------------
// Result

/** The reason texts, one per (maturity level, service interval), with "{S}" where the score goes. */
export function reasonTable(scheme: Scheme, profile: RuleProfile, lang: Lang): { thresholds: number[]; texts: string[] } {
  const thresholds = [...new Set(profile.gates.map((g) => g.minService))].sort((a, b) => a - b);
  const SENTINEL = 987.6;
  const mark = fmt(SENTINEL, profile.decimals);
  const texts: string[] = [];
  for (const band of scheme.maturityBands) {
    for (let j = 0; j <= thresholds.length; j++) {
      const s = j === 0 ? Math.min(0, thresholds[0] - 1) : thresholds[j - 1];
      const g = grade(s, band.level, profile);
      const text = pick(explainGrade({ ...g, service: SENTINEL }, scheme) as Text, lang);
      if (text.split(mark).length !== 2) throw new Error("reason text must show the score exactly once");
      texts.push(text.replace(mark, "{S}"));
    }
  }
  return { thresholds, texts };
}

function resultSheet(
  scheme: Scheme,
  profile: RuleProfile,
  opts: TemplateOptions,
  names: Record<SheetKey, string>,
  footer: Footer,
  protection: Protection,
  S: ReturnType<typeof serviceSheet>["layout"],
  M: ReturnType<typeof maturitySheet>["layout"]
) {
  const lang = opts.lang;
  const cA = 1, cB = 2, cC = 3, cReason = 5;
  const widths = new Map<number, number>([[cA, 20], [cB, 16], [cC, 62], [4, 2], [cReason, 12]]);
  const b = new SheetBuilder(widths);
  const svc = (ref: string) => `${quoteSheet(names.service)}!${ref}`;
  const mat = (ref: string) => `${quoteSheet(names.maturity)}!${ref}`;

  let r = 1;
  b.put(cA, r, { value: t("titleResult", lang), style: { bold: true, size: 14, h: "center", v: "middle" } });
  b.merge(cA, r, cC, r);
  b.heights.set(r, 24);
  const rTitle = r;
  const section = (key: Parameters<typeof t>[0]) => {
    r++;
    b.put(cA, r, { value: t(key, lang), style: { ...headStyle, h: "left" } });
    b.put(cB, r, { value: null, style: headStyle });
    b.put(cC, r, { value: null, style: headStyle });
    b.merge(cA, r, cC, r);
  };
  const row = (key: Parameters<typeof t>[0], cell: Omit<CellModel, "ref">, merge = true) => {
    r++;
    b.put(cA, r, { value: t(key, lang), style: { ...textStyle, bold: true, v: "middle" } });
    b.put(cB, r, cell);
    if (merge) {
      b.put(cC, r, { value: null, style: cell.style });
      b.merge(cB, r, cC, r);
    }
    return r;
  };
  section("sParticulars");
  const p = opts.particulars ?? {};
  const inp: CellStyle = { ...inputStyle, h: "left", wrap: true };
  const rOrg = row("pOrganization", { value: p.organization ?? null, input: true, style: inp });
  row("pDates", { value: p.dates ?? null, input: true, style: inp });
  row("pAuditors", { value: p.auditors ?? null, input: true, style: inp });
  const fixed: CellStyle = { ...textStyle, v: "middle" };
  const rScheme = row("pScheme", { value: scheme.id, style: fixed });
  row("pSchemeVersion", { value: scheme.version, style: fixed });
  row("pTemplateVersion", { value: TEMPLATE_VERSION, style: fixed });
  const rule = `${pick(profile.name, lang)}：${pick(describeProfile(profile, scheme), lang)}`;
  const rRule = row("pProfile", { value: rule, style: { ...fixed, size: 9 } });
  b.fit(rRule, rule, cB, cC, 9);
  r++;
  section("sResult");

  const score = svc(a1(S.panelCol, S.scoreRow));
  const sProg = svc(a1(S.panelCol, S.scoredRow));
  const total = mat(a1(M.pointsCol, M.totalRow));
  const level = mat(a1(M.pointsCol, M.levelRow));
  const mProg = mat(a1(M.pointsCol, M.levelRow + 1));
  const big: CellStyle = { ...calcStyle, bold: true, size: 12, fill: "FFE699" };
  const side: CellStyle = { ...calcStyle, h: "left" };
  const rSvc = row("resService", { formula: `IF(ISNUMBER(${score}),${score},"")`, style: big, numFmt: profile.decimals > 0 ? `0.${"0".repeat(profile.decimals)}` : "0" }, false);
  b.put(cC, rSvc, { formula: concat(`{p} / ${scheme.items.length}`, { p: sProg }), style: side });
  const rTot = row("resTotal", { formula: `IF(ISNUMBER(${total}),${total},"")`, style: big, numFmt: "0" }, false);
  b.put(cC, rTot, { formula: concat(`{p} / ${scheme.clauses.length}`, { p: mProg }), style: side });
  const rLvl = row("resLevel", { formula: `IF(ISNUMBER(${level}),${level},"")`, style: big, numFmt: "0" }, false);
  const Lc = a1(cB, rLvl);
  const Sc = a1(cB, rSvc);
  const bands = scheme.maturityBands;
  b.put(cC, rLvl, {
    formula: `IF(ISNUMBER(${Lc}),${ifChain(bands.slice(0, -1).map((bd) => [`${Lc}=${bd.level}`, lit(pick(bd.label, lang))]), lit(pick(bands[bands.length - 1].label, lang)))},"")`,
    style: side,
  });
  // the grade: the highest gate of the default profile whose two minimums hold, on the rounded score
  const gradeExpr = ifChain(
    profile.gates.map((g) => [`AND(${Sc}>=${num(g.minService)},${Lc}>=${num(g.minLevel)})`, lit(g.code)]),
    lit("NONE")
  );
  const rGrade = row("resGrade", { formula: `IF(AND(ISNUMBER(${Sc}),ISNUMBER(${Lc})),${gradeExpr},"")`, style: { ...big, size: 14 } }, false);
  const G = a1(cB, rGrade);
  const codes = Object.keys(scheme.gradeLabels) as (keyof Scheme["gradeLabels"])[];
  b.put(cC, rGrade, {
    formula: `IF(${G}="","",${ifChain(codes.slice(0, -1).map((c) => [`${G}=${lit(c)}`, lit(pick(scheme.gradeLabels[c], lang))]), lit(pick(scheme.gradeLabels[codes[codes.length - 1]], lang)))})`,
    style: { ...side, bold: true, size: 12 },
  });
  b.heights.set(rGrade, 24);

  // reason: a table of generated texts (hidden column), picked by level and score interval
  const { thresholds, texts } = reasonTable(scheme, profile, lang);
  texts.forEach((txt, i) => b.put(cReason, i + 1, { value: txt }));
  const perLevel = thresholds.length + 1;
  const sIdx = ifChain(
    [...thresholds].reverse().map((th, j) => [`${Sc}>=${num(th)}`, String(thresholds.length + 1 - j)]),
    "1"
  );
  const reasons = `$${col(cReason)}$1:$${col(cReason)}$${texts.length}`;
  const rReason = row("resReason", {
    formula: `IF(${G}="","",SUBSTITUTE(INDEX(${reasons},(${Lc}-1)*${perLevel}+${sIdx}),"{S}",FIXED(${Sc},${profile.decimals},TRUE)))`,
    style: { ...textStyle, v: "top" },
  });
  b.fit(rReason, texts.reduce((a, x) => (textUnits(x) > textUnits(a) ? x : a), ""), cB, cC);
  const svcInvalid = svc(a1(S.panelCol, S.invalidRow));
  const matInvalid = `COUNTIF(${mat(`${a1(M.stateCol, M.firstClauseRow)}:${a1(M.stateCol, M.firstClauseRow + scheme.clauses.length - 1)}`)},3)`;
  const rStatus = row("resStatus", {
    formula: ifChain(
      [
        [`OR(${svcInvalid}>0,${matInvalid}>0)`, lit(t("resInvalid", lang))],
        [`${G}<>""`, lit(t("resDone", lang))],
      ],
      concat(t("resPending", lang), { s: sProg, ns: String(scheme.items.length), m: mProg, nm: String(scheme.clauses.length) })
    ),
    style: { ...textStyle, v: "middle" },
  });
  b.fit(rStatus, t("resPending", lang), cB, cC);
  b.fit(rStatus, t("resInvalid", lang), cB, cC);

  const sheet: SheetModel = {
    key: "result",
    name: names.result,
    cells: b.list(),
    columns: b.columns(new Set([4, cReason])),
    rows: b.rows(),
    merges: b.merges,
    validations: [],
    conditionalFormats: [],
    freeze: { rows: 0, columns: 0 },
    protection,
    print: { orientation: "portrait", titleRows: [rTitle, rTitle], area: area(cA, rTitle, cC, rStatus), fitToWidth: true, footer },
    tabColor: "C00000",
  };
  return { sheet, layout: { gradeRow: rGrade, reasonRow: rReason, statusRow: rStatus, organizationRow: rOrg, schemeRow: rScheme } };
}

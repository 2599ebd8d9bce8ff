/**
 * The shared sheet builder of the template model: styles, row heights that fit wrapped text, and a
 * SheetBuilder that collects cells, merges, widths and heights for one sheet.
 */
import type { Lang, RuleProfile, Scheme } from "../../scheme/types";
import type { CellModel, CellStyle, ColumnModel, PrintModel, RowModel, SheetKey, SheetModel, TemplateOptions } from "./types";
import { a1, area } from "../a1";

export const GREY = "F2F2F2";
export const INPUT = "FFF9E6";
export const HEAD = "DDEBF7";
export const BAND_FILL = "F8CBAD";
export const INVALID_FILL = "FF9999";

export const headStyle: CellStyle = { bold: true, fill: HEAD, wrap: true, h: "center", v: "middle", border: true };
export const textStyle: CellStyle = { wrap: true, v: "top", border: true };
export const centerStyle: CellStyle = { wrap: true, h: "center", v: "middle", border: true };
export const inputStyle: CellStyle = { fill: INPUT, h: "center", v: "middle", border: true };
export const calcStyle: CellStyle = { fill: GREY, h: "center", v: "middle", border: true, wrap: true };

/** Display width of a text in "0"-character units (CJK and full-width characters count about two). */
export function textUnits(s: string, size = 10): number {
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

export class SheetBuilder {
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
  /** widen column c so that the longest word of `text` fits on one line (English headings must not break inside a word) */
  fitWords(c: number, text: string, size = 10): void {
    const longest = Math.max(0, ...text.split(/[\s/]+/).map((w) => textUnits(w, size)));
    this.widths.set(c, Math.max(this.widths.get(c) ?? 8.43, Math.ceil((longest + 1.5) * 10) / 10));
  }
  /** a heading cell: written, its row made tall enough and its column wide enough for its words */
  head(c: number, r: number, text: string, style: CellStyle = headStyle, c2 = c): void {
    this.put(c, r, { value: text, style });
    if (c2 === c) this.fitWords(c, text, style.size ?? 10);
    this.fit(r, text, c, c2, style.size ?? 10);
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


export type Footer = PrintModel["footer"];
export type Protection = SheetModel["protection"];

/** What every sheet builder is given: the scheme, the default profile, the options and the shared print/protection settings. */
export interface SheetContext {
  scheme: Scheme;
  profile: RuleProfile;
  opts: TemplateOptions;
  lang: Lang;
  /** the sheet names in use (defaults or the caller's) */
  names: Record<SheetKey, string>;
  footer: Footer;
  protection: Protection;
  /**
   * The page band's formula (no "="): organisation and report number, from the records sheet when the
   * workbook has one, else the stamp's organisation as text. Every sheet prints it in its first row and
   * repeats it on every page (RULES.md §6).
   */
  band: string;
}

/** Date cells: shown as ISO dates whatever the locale. */
export const DATE_FMT = "yyyy-mm-dd";
export const DATE_STYLE: CellStyle = { fill: INPUT, h: "center", v: "middle", border: true };
export const BAND_STYLE: CellStyle = { size: 9, color: "595959", h: "left", v: "middle" };
/** wraps: a title wider than its merged cells (the English records title) takes two lines, never runs off the page */
export const TITLE_STYLE: CellStyle = { bold: true, size: 14, h: "center", v: "middle", wrap: true };
export const NOTE_STYLE: CellStyle = { wrap: true, v: "top", size: 9, italic: true };
export const SECTION_STYLE: CellStyle = { ...headStyle, h: "left" };
export const LABEL_STYLE: CellStyle = { ...textStyle, bold: true, v: "middle" };
export const INPUT_TEXT: CellStyle = { ...inputStyle, h: "left", wrap: true };

/** The band and the title of a sheet, rows 1 and 2, across columns c1..c2. */
export function bandAndTitle(b: SheetBuilder, ctx: SheetContext, title: string, c1: number, c2: number): void {
  b.put(c1, 1, { formula: ctx.band, style: BAND_STYLE });
  b.merge(c1, 1, c2, 1);
  b.heights.set(1, 16);
  b.put(c1, 2, { value: title, style: TITLE_STYLE });
  b.merge(c1, 2, c2, 2);
  b.fit(2, title, c1, c2, 14);
  b.heights.set(2, Math.max(24, b.heights.get(2) ?? 0));
}

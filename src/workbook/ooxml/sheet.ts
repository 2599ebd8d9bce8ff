/**
 * One worksheet part: cells (values, formulas with shared formulas expanded, cached values), merges,
 * data validations, sheet protection, hidden rows and columns, conditional formats, headers and footers
 * and which objects (drawings, notes, pictures) it has. Every kept record is bounded.
 */
import { fault, limitFault, num } from "./fault";
import { SharedFormula } from "./formula";
import { intAttr, truthy, type Package } from "./package";
import { richText, unescapeXstring } from "./parts";
import { col as colLetters } from "../a1";
import { type Cell, type CellType, type ConditionalFormat, type DataValidation, type FormulaType, type HeaderFooter, type SheetData, type SheetInfo, type SheetProtection } from "./types";
import { CLOSE, OPEN, type XmlPull } from "./xml";

const MAX_ROW = 1048576;
const MAX_COL = 16384;
const CELL_TYPES = new Set<string>(["n", "s", "str", "b", "e", "inlineStr", "d"]);
const FORMULA_TYPES = new Set<string>(["normal", "shared", "array", "dataTable"]);

/** "AB12" → [row, col], or null (no $, no sheet). */
export function parseRef(ref: string): [number, number] | null {
  let i = 0;
  let col = 0;
  while (i < ref.length && i < 4) {
    const c = ref.charCodeAt(i) | 32;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
    i++;
  }
  if (i === 0 || i > 3 || col > MAX_COL) return null;
  let row = 0;
  const r0 = i;
  while (i < ref.length) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57 || i - r0 > 7) return null;
    row = row * 10 + (c - 48);
    i++;
  }
  if (i === r0 || row < 1 || row > MAX_ROW) return null;
  return [row, col];
}

class XCell implements Cell {
  constructor(
    readonly row: number,
    readonly col: number,
    readonly t: CellType,
    readonly s: number,
    readonly raw: string | undefined,
    readonly value: number | string | boolean | null,
    /** the formula text, or the shared formula it is expanded from (on demand: a 32 KB master shared by
     * 200,000 cells would otherwise be 6 GB of text) */
    private readonly f?: string | SharedFormula,
    readonly formulaType?: FormulaType,
    readonly formulaRef?: string
  ) {}
  get formula(): string | undefined {
    const f = this.f;
    return f === undefined || typeof f === "string" ? f : f.at(this.row, this.col);
  }
  get ref(): string {
    return colLetters(this.col) + this.row;
  }
  get isError(): boolean {
    return this.t === "e";
  }
  get hasCachedValue(): boolean {
    return this.raw !== undefined;
  }
}

class Sheet implements SheetData {
  readonly cells: Cell[] = [];
  /** row → index of its first cell in `cells`; the row's cells follow, in column order */
  readonly rowStart = new Map<number, number>();
  readonly merges: string[] = [];
  readonly validations: DataValidation[] = [];
  protection: SheetProtection | null = null;
  readonly hiddenRows: number[] = [];
  readonly hiddenCols: { min: number; max: number }[] = [];
  rowsHiddenByDefault = false;
  dimension?: string;
  readonly conditionalFormats: ConditionalFormat[] = [];
  readonly objects: string[] = [];
  readonly headerFooter: HeaderFooter[] = [];
  constructor(readonly info: SheetInfo) {}
  cell(ref: string): Cell | undefined {
    const p = parseRef(ref.replace(/\$/g, ""));
    return p ? this.cellAt(p[0], p[1]) : undefined;
  }
  cellAt(row: number, col: number): Cell | undefined {
    const start = this.rowStart.get(row);
    if (start === undefined) return undefined;
    // columns ascend strictly within a row, so column `col` is at most col - 1 places after the row's first cell
    const cells = this.cells;
    let lo = start;
    let hi = Math.min(start + col - 1, cells.length - 1);
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = cells[mid];
      if (c.row < row || (c.row === row && c.col < col)) lo = mid + 1;
      else if (c.row > row || c.col > col) hi = mid - 1;
      else return c;
    }
    return undefined;
  }
}

export interface SheetContext {
  pkg: Package;
  sharedStrings: readonly string[];
  /** cells read so far from the whole workbook (the per-workbook bound) */
  cellsRead: { n: number };
}

export function readSheet(ctx: SheetContext, info: SheetInfo, part: string): SheetData {
  const { pkg } = ctx;
  const limits = pkg.limits;
  const x = pkg.xml(part);
  if (!x) throw fault("structure", { zh: `工作表 ${info.name} 的部件 ${part} 不存在`, en: `the part ${part} of the sheet ${info.name} is missing` }, part);
  pkg.root(x, part, "worksheet", "chartsheet", "dialogsheet", "macrosheet");
  const sh = new Sheet(info);
  let ranges = 0;
  const addRange = () => {
    if (++ranges > limits.rangesPerSheet) {
      throw limitFault("rangesPerSheet", limits.rangesPerSheet, { zh: `工作表 ${info.name} 的合并区域、数据验证、条件格式和隐藏行列记录`, en: `merged ranges, data validations, conditional formats and hidden row/column records in the sheet ${info.name}` }, part);
    }
  };
  const bad = (en: string, zh: string) => fault("damaged", { zh: `工作表 ${info.name}：${zh}`, en: `sheet ${info.name}: ${en}` }, part);
  const text = () => x.readText(limits.cellChars, () => pkg.tooLong(part));

  const validation = (source: "main" | "x14") => {
    addRange();
    const dv: DataValidation = {
      type: x.attr("type") ?? "none",
      operator: x.attr("operator") ?? "between",
      sqref: pkg.bounded(x.attr("sqref") ?? "", part),
      allowBlank: truthy(x.attr("allowBlank")),
      showErrorMessage: truthy(x.attr("showErrorMessage")),
      errorStyle: x.attr("errorStyle") ?? "stop",
      source,
    };
    x.children((l) => {
      if (l === "formula1" || l === "formula2") {
        // main: text; x14: <xm:f>text</xm:f>
        const f = text();
        if (l === "formula1") dv.formula1 = f;
        else dv.formula2 = f;
      } else if (l === "sqref") dv.sqref = text();
    });
    sh.validations.push(dv);
  };

  /** one cfRule (main: dxfId, <formula>; x14: <xm:f>, an inline <x14:dxf>, and the sqref after the rules) */
  const cfRule = (sqref: string, source: "main" | "x14"): ConditionalFormat => {
    addRange();
    const dxfId = intAttr(x.attr("dxfId"));
    const cf: ConditionalFormat = { sqref, type: x.attr("type") ?? "", ...(dxfId !== undefined ? { dxfId } : {}), formulas: [], hidesValue: false, source };
    x.children((l) => {
      if (l === "formula" || l === "f") cf.formulas.push(text());
      else if (l === "dataBar" || l === "iconSet") cf.hidesValue ||= x.attr("showValue") === "0" || x.attr("showValue") === "false";
      else if (l === "dxf") {
        x.children((l2) => {
          if (l2 === "numFmt") cf.numFmt = pkg.bounded(x.attr("formatCode") ?? `#${x.attr("numFmtId") ?? ""}`, part);
        });
      }
    });
    sh.conditionalFormats.push(cf);
    return cf;
  };

  x.children((local) => {
    switch (local) {
      case "conditionalFormatting": {
        const sqref = pkg.bounded(x.attr("sqref") ?? "", part);
        x.children((l) => {
          if (l === "cfRule") cfRule(sqref, "main");
        });
        break;
      }
      case "drawing":
      case "legacyDrawing":
      case "legacyDrawingHF":
      case "picture":
      case "oleObjects":
      case "controls":
        if (!sh.objects.includes(local)) sh.objects.push(local);
        break;
      case "headerFooter":
        x.children((l) => {
          if (sh.headerFooter.length < 6) sh.headerFooter.push({ kind: l, text: text() });
        });
        break;
      case "sheetData":
        readSheetData(ctx, x, sh, part, addRange, bad);
        break;
      case "dimension":
        sh.dimension = x.attr("ref");
        break;
      case "sheetFormatPr":
        sh.rowsHiddenByDefault = truthy(x.attr("zeroHeight"));
        break;
      case "cols":
        x.children((l) => {
          if (l !== "col" || !truthy(x.attr("hidden"))) return;
          const min = intAttr(x.attr("min"));
          const max = intAttr(x.attr("max"));
          if (min === undefined || max === undefined || min < 1 || max < min || max > MAX_COL) throw bad("a column record with a bad range", "列记录的范围无效");
          addRange();
          sh.hiddenCols.push({ min, max });
        });
        break;
      case "mergeCells":
        x.children((l) => {
          if (l !== "mergeCell") return;
          addRange();
          sh.merges.push(pkg.bounded(x.attr("ref") ?? "", part));
        });
        break;
      case "dataValidations":
        x.children((l) => {
          if (l === "dataValidation") validation("main");
        });
        break;
      case "sheetProtection": {
        const attributes = new Map<string, string>();
        for (let k = 0; k < x.attrCount; k++) attributes.set(x.attrName(k), pkg.bounded(x.attrValue(k), part));
        sh.protection = { sheet: truthy(attributes.get("sheet")), attributes };
        break;
      }
      case "extLst":
        // x14 data validations (lists whose source is on another sheet)
        // and x14 conditional formats (their rules before their sqref)
        x.children((ext) => {
          if (ext !== "ext") return;
          x.children((l) => {
            if (l === "dataValidations") {
              x.children((dv) => {
                if (dv === "dataValidation") validation("x14");
              });
            } else if (l === "conditionalFormattings") {
              x.children((cfs) => {
                if (cfs !== "conditionalFormatting") return;
                const rules: ConditionalFormat[] = [];
                x.children((r) => {
                  if (r === "cfRule") rules.push(cfRule("", "x14"));
                  else if (r === "sqref") {
                    const q = pkg.bounded(text(), part);
                    for (const cf of rules) cf.sqref = q;
                  }
                });
              });
            }
          });
        });
        break;
      default:
        break;
    }
  });
  return sh;
}

/** The rows and cells of <sheetData>. */
function readSheetData(
  ctx: SheetContext,
  x: XmlPull,
  sh: Sheet,
  part: string,
  addRange: () => void,
  bad: (en: string, zh: string) => Error
): void {
  const { pkg, sharedStrings } = ctx;
  const limits = pkg.limits;
  const maxChars = limits.cellChars;
  const tooLong = () => pkg.tooLong(part);
  const masters = new Map<number, SharedFormula>();
  const sheetDepth = x.depth;
  let rowNum = 0;
  let count = 0;
  for (;;) {
    const ev = x.next();
    if (ev === CLOSE) {
      if (x.depth < sheetDepth) return;
      continue;
    }
    if (ev !== OPEN) continue;
    if (x.local !== "row") {
      x.skip();
      continue;
    }
    const r = x.attr("r");
    const rn = r === undefined ? rowNum + 1 : intAttr(r);
    if (rn === undefined || rn < 1 || rn > MAX_ROW || rn <= rowNum) throw bad(`the row number ${r ?? rowNum + 1} is out of range or out of order`, `行号 ${r ?? rowNum + 1} 超出范围或顺序错误`);
    rowNum = rn;
    if (truthy(x.attr("hidden"))) {
      addRange();
      sh.hiddenRows.push(rowNum);
    }
    const rowDepth = x.depth;
    let colNum = 0;
    for (;;) {
      const ev2 = x.next();
      if (ev2 === CLOSE) {
        if (x.depth < rowDepth) break;
        continue;
      }
      if (ev2 !== OPEN) continue;
      if ((x.local as string) !== "c") {
        x.skip();
        continue;
      }
      // ---- one cell
      const ref = x.attr("r");
      let row = rowNum;
      let col = colNum + 1;
      if (ref !== undefined) {
        const p = parseRef(ref);
        if (!p) throw bad(`the cell reference ${JSON.stringify(ref.slice(0, 20))} is not valid`, `单元格引用 ${JSON.stringify(ref.slice(0, 20))} 无效`);
        [row, col] = p;
        if (row !== rowNum) throw bad(`the cell ${ref} is inside row ${rowNum}`, `单元格 ${ref} 位于第 ${rowNum} 行之内`);
      }
      if (col <= colNum || col > MAX_COL) throw bad(`the cell ${colLetters(col)}${row} is out of range or out of order`, `单元格 ${colLetters(col)}${row} 超出范围或顺序错误`);
      colNum = col;
      const tAttr = x.attr("t") ?? "n";
      if (!CELL_TYPES.has(tAttr)) throw bad(`the cell ${colLetters(col)}${row} has the unknown type ${JSON.stringify(tAttr.slice(0, 20))}`, `单元格 ${colLetters(col)}${row} 的类型 ${JSON.stringify(tAttr.slice(0, 20))} 未知`);
      const t = tAttr as CellType;
      const s = intAttr(x.attr("s")) ?? 0;
      let raw: string | undefined;
      let fText: string | undefined;
      let fType: FormulaType | undefined;
      let fRef: string | undefined;
      let si: number | undefined;
      let inline: string | undefined;
      const cellDepth = x.depth;
      for (;;) {
        const ev3 = x.next();
        if (ev3 === CLOSE) {
          if (x.depth < cellDepth) break;
          continue;
        }
        if (ev3 !== OPEN) continue;
        const l: string = x.local;
        if (l === "v") raw = x.readText(maxChars, tooLong);
        else if (l === "f") {
          const ft = x.attr("t") ?? "normal";
          if (!FORMULA_TYPES.has(ft)) throw bad(`the formula of ${colLetters(col)}${row} has the unknown type ${JSON.stringify(ft.slice(0, 20))}`, `${colLetters(col)}${row} 的公式类型未知`);
          fType = ft as FormulaType;
          fRef = x.attr("ref");
          si = intAttr(x.attr("si"));
          fText = x.readText(maxChars, tooLong);
        } else if (l === "is") inline = richText(x, pkg, part);
        else x.skip();
      }
      if (++count > limits.cellsPerSheet) {
        throw limitFault("cellsPerSheet", limits.cellsPerSheet, { zh: `工作表 ${sh.info.name} 的单元格数`, en: `cells in the sheet ${sh.info.name}` }, part);
      }
      if (++ctx.cellsRead.n > limits.cellsPerWorkbook) {
        throw limitFault("cellsPerWorkbook", limits.cellsPerWorkbook, { zh: "整个工作簿读取的单元格数", en: "cells read from the whole workbook" }, part);
      }
      // the formula, shared formulas expanded
      let formula: string | SharedFormula | undefined;
      if (fType === "shared") {
        if (si === undefined) throw bad(`the shared formula of ${colLetters(col)}${row} has no index`, `${colLetters(col)}${row} 的共享公式没有编号`);
        if (fText) {
          formula = fText;
          if (fRef !== undefined) masters.set(si, new SharedFormula(row, col, fText));
        } else {
          const m = masters.get(si);
          if (!m) throw bad(`${colLetters(col)}${row} uses the shared formula ${si}, which no cell before it defines`, `${colLetters(col)}${row} 使用的共享公式 ${si} 在它之前没有定义`);
          formula = m;
        }
      } else if (fType !== undefined) formula = fText;
      // the value
      let value: number | string | boolean | null = null;
      if (t === "inlineStr") {
        raw = inline ?? raw;
        value = raw ?? null;
      } else if (raw !== undefined) {
        if (t === "s") {
          const k = intAttr(raw);
          if (k === undefined || k >= sharedStrings.length) {
            throw bad(`${colLetters(col)}${row} refers to the shared string ${JSON.stringify(raw.slice(0, 20))} of ${num(sharedStrings.length)}`, `${colLetters(col)}${row} 引用了不存在的共享字符串 ${JSON.stringify(raw.slice(0, 20))}`);
          }
          value = sharedStrings[k];
        } else if (t === "b") value = raw === "1" || raw === "true" ? true : raw === "0" || raw === "false" ? false : raw;
        else if (t === "n") {
          const n = raw.trim() === "" ? NaN : Number(raw);
          value = Number.isFinite(n) ? n : raw;
        } else if (t === "str") value = unescapeXstring(raw);
        else value = raw; // e (error text), d (ISO date)
      }
      // a cell with no value, no formula and the default style says nothing an absent cell does not
      // (it still counts towards the bounds above)
      if (raw === undefined && formula === undefined && s === 0 && t !== "inlineStr") continue;
      if (!sh.rowStart.has(row)) sh.rowStart.set(row, sh.cells.length);
      sh.cells.push(new XCell(row, col, t, s, raw, value, formula, fType, fRef));
    }
  }
}

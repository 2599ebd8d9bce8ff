/**
 * One worksheet part: cells (order, style and shared-string indexes, formulas), columns, merges, data
 * validation, conditional formatting, header and footer — each against the rules Excel applies when it
 * opens a file. Limits are Microsoft's "Excel specifications and limits"
 * (https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3)
 * unless another source is named.
 */
import { LIMITS } from "../../src/workbook/limits";
import { checkFormula, scan } from "./formula";
import type { Report } from "./problem";
import { cellRef, overlaps, rectRef, showRect, sqref, type Rect } from "./refs";
import type { StyleInfo } from "./workbook";
import { attr, kid, kids, textOf, type XElem } from "./xml";

export interface SheetContext {
  part: string;
  sheetName: string;
  sheetNames: readonly string[];
  styles: StyleInfo;
  sharedStrings: number;
}

/**
 * Lengths of the data-validation texts Excel keeps: titles 32, input message 255, error message 225
 * characters ([MS-XLSB] 2.5.37 DValStrings; the same in [MS-XLS] 2.4.95 Dv and [MS-XLSX] for the
 * x14 form). The explicit list of a list validation is one string constant in formula1, so the
 * 255-character bound on a text value in a formula applies to it (formula.ts; excelize, which writes
 * these lists for Excel, enforces the same 255 UTF-16 code units).
 */
export const DV_LIMITS = { title: 32, prompt: 255, error: 225, list: 255 } as const;

export function checkWorksheet(ws: XElem, ctx: SheetContext, report: Report): void {
  const at = (rule: string, msg: string) => report(rule, `${ctx.sheetName}: ${msg}`, ctx.part);
  const formula = (f: string, where: string) => {
    for (const i of checkFormula(f, ctx.sheetNames)) at(i.rule, `${where}: ${i.message}`);
  };
  const styleIndex = (s: string | undefined, where: string) => {
    if (s !== undefined && !(Number.isInteger(Number(s)) && Number(s) >= 0 && Number(s) < ctx.styles.cellXfs)) {
      at("style-index", `${where}: style ${s}, but cellXfs has ${ctx.styles.cellXfs}`);
    }
  };

  const dim = kid(ws, "dimension");
  if (dim && !rectRef(attr(dim, "ref") ?? "")) at("reference", `dimension ref "${attr(dim, "ref")}" is not an area`);

  // columns: ranges ascending and not overlapping; widths within Excel's 255 characters
  const cols = kid(ws, "cols");
  let lastMax = 0;
  for (const c of cols ? kids(cols, "col") : []) {
    const min = Number(attr(c, "min"));
    const max = Number(attr(c, "max"));
    if (!(min >= 1 && max >= min && max <= 16384)) at("reference", `<col min=${min} max=${max}> is not a column range`);
    if (min <= lastMax) at("reference", `<col min=${min}> overlaps or precedes the previous <col> (max ${lastMax})`);
    lastMax = Math.max(lastMax, max);
    const w = attr(c, "width");
    if (w !== undefined && Number(w) > 255) at("limit", `column width ${w} (Excel: at most 255 characters)`);
    styleIndex(attr(c, "style"), `columns ${min}–${max}`);
  }

  // cells: rows ascending, cells ascending within their row (Excel repairs a file otherwise)
  const data = kid(ws, "sheetData");
  const sharedMasters = new Set<string>();
  const sharedUses: { si: string; ref: string }[] = [];
  let lastRow = 0;
  for (const row of data ? kids(data, "row") : []) {
    const r = attr(row, "r") !== undefined ? Number(attr(row, "r")) : lastRow + 1;
    if (!(Number.isInteger(r) && r >= 1 && r <= 1_048_576))
      at("reference", `row r="${attr(row, "r")}" is not a row number`);
    if (r <= lastRow) at("cell-order", `row ${r} follows row ${lastRow}`);
    lastRow = r;
    const ht = attr(row, "ht");
    if (ht !== undefined && Number(ht) > 409) at("limit", `row ${r} is ${ht} points high (Excel: at most 409)`);
    if (attr(row, "customFormat") === "1" || attr(row, "customFormat") === "true")
      styleIndex(attr(row, "s"), `row ${r}`);
    let lastCol = 0;
    for (const c of kids(row, "c")) {
      const ref = attr(c, "r");
      const pos = ref !== undefined ? cellRef(ref) : { row: r, col: lastCol + 1 };
      const name = ref ?? `row ${r} cell ${lastCol + 1}`;
      if (!pos) {
        at("reference", `cell r="${ref}" is not a cell reference`);
        continue;
      }
      if (pos.row !== r) at("cell-order", `cell ${name} is inside row ${r}`);
      if (pos.col <= lastCol) at("cell-order", `cell ${name} does not follow the previous cell of its row`);
      lastCol = pos.col;
      styleIndex(attr(c, "s"), `cell ${name}`);
      const t = attr(c, "t") ?? "n";
      const v = kid(c, "v");
      if (t === "s" && v) {
        const k = Number(textOf(v));
        if (!(Number.isInteger(k) && k >= 0 && k < ctx.sharedStrings))
          at("shared-string", `cell ${name} uses shared string ${textOf(v)}, but there are ${ctx.sharedStrings}`);
      }
      if (t === "inlineStr") {
        const is = kid(c, "is");
        const text = is ? textOf(is) : "";
        if (text.length > LIMITS.cellChars)
          at("limit", `cell ${name} holds ${text.length} characters (Excel: at most ${LIMITS.cellChars})`);
      }
      if (t === "str" && v && textOf(v).length > LIMITS.cellChars)
        at("limit", `cell ${name} holds ${textOf(v).length} characters (Excel: at most ${LIMITS.cellChars})`);
      const f = kid(c, "f");
      if (f) {
        const ft = attr(f, "t") ?? "normal";
        const text = textOf(f);
        if (ft === "shared") {
          const si = attr(f, "si") ?? "";
          if (text) {
            if (!attr(f, "ref")) at("formula", `cell ${name}: the master of shared formula ${si} has no ref`);
            sharedMasters.add(si);
            formula(text, `cell ${name}`);
          } else sharedUses.push({ si, ref: name });
        } else if (ft === "dataTable") {
          // what-if tables hold no formula text to parse
        } else formula(text, `cell ${name}`);
      }
    }
  }
  for (const u of sharedUses)
    if (!sharedMasters.has(u.si)) at("formula", `cell ${u.ref} uses shared formula ${u.si}, which no cell defines`);

  // merged cells: each an area of two or more cells, none overlapping another
  const merges: { owner: string; rect: Rect }[] = [];
  const mc = kid(ws, "mergeCells");
  for (const m of mc ? kids(mc, "mergeCell") : []) {
    const ref = attr(m, "ref") ?? "";
    const rect = rectRef(ref);
    if (!rect) at("reference", `merge "${ref}" is not an area`);
    else if (rect.top === rect.bottom && rect.left === rect.right) at("merge", `merge ${ref} is a single cell`);
    else merges.push({ owner: ref, rect });
  }
  for (const o of overlaps(merges)) at("merge-overlap", `merges ${o.a} and ${o.b} overlap at ${showRect(o.where)}`);

  checkValidations(ws, ctx, at, formula);
  checkConditionalFormats(ws, ctx, at, formula);

  // header and footer: Excel's limit is 255 characters each
  const hf = kid(ws, "headerFooter");
  for (const part of hf ? kids(hf) : []) {
    const text = textOf(part);
    if (text.length > 255) at("limit", `${part.local} has ${text.length} characters (Excel: at most 255)`);
  }
}

type At = (rule: string, msg: string) => void;
type FormulaCheck = (f: string, where: string) => void;

function checkValidations(ws: XElem, ctx: SheetContext, at: At, formula: FormulaCheck): void {
  const dvs = kid(ws, "dataValidations");
  const areas: { owner: string; rect: Rect }[] = [];
  for (const dv of dvs ? kids(dvs, "dataValidation") : []) {
    const ref = attr(dv, "sqref") ?? "";
    const rects = sqref(ref);
    const where = `data validation ${ref}`;
    if (!rects) {
      at("reference", `${where}: sqref is not a list of areas`);
      continue;
    }
    for (const rect of rects) areas.push({ owner: ref, rect });
    const type = attr(dv, "type") ?? "none";
    const f1 = kid(dv, "formula1");
    const f2 = kid(dv, "formula2");
    if (type !== "none" && !f1) at("validation", `${where}: a ${type} validation without formula1`);
    for (const [f, label] of [
      [f1, "formula1"],
      [f2, "formula2"],
    ] as const) {
      if (!f) continue;
      const text = textOf(f);
      formula(text, `${where} ${label}`);
      if (type === "list" && label === "formula1" && text.trim().startsWith('"')) {
        const s = scan(text.trim());
        const list = s.literals.join("");
        if (list.length > DV_LIMITS.list)
          at(
            "limit",
            `${where}: the list "${list.slice(0, 40)}…" has ${list.length} characters (Excel: at most ${DV_LIMITS.list})`
          );
      }
    }
    for (const [a, max] of [
      ["promptTitle", DV_LIMITS.title],
      ["errorTitle", DV_LIMITS.title],
      ["prompt", DV_LIMITS.prompt],
      ["error", DV_LIMITS.error],
    ] as const) {
      const v = attr(dv, a);
      if (v !== undefined && v.length > max)
        at("limit", `${where}: ${a} has ${v.length} characters (Excel: at most ${max})`);
    }
  }
  for (const o of overlaps(areas))
    at("validation-overlap", `data validations ${o.a} and ${o.b} overlap at ${showRect(o.where)}`);
  void ctx;
}

function checkConditionalFormats(ws: XElem, ctx: SheetContext, at: At, formula: FormulaCheck): void {
  const priorities = new Map<string, string>();
  for (const cf of kids(ws, "conditionalFormatting")) {
    const ref = attr(cf, "sqref") ?? "";
    const where = `conditional format ${ref}`;
    if (!sqref(ref)) at("reference", `${where}: sqref is not a list of areas`);
    for (const rule of kids(cf, "cfRule")) {
      // ECMA-376 Part 1 §18.3.1.10: priority orders the rules of a sheet; Excel writes each value once
      const p = attr(rule, "priority") ?? "";
      if (!/^[1-9]\d*$/.test(p)) at("cf-priority", `${where}: priority "${p}" is not a whole number ≥ 1`);
      else if (priorities.has(p))
        at("cf-priority", `${where}: priority ${p} is also the priority of the rule on ${priorities.get(p)}`);
      priorities.set(p, ref);
      const dxf = attr(rule, "dxfId");
      if (dxf !== undefined && !(Number(dxf) >= 0 && Number(dxf) < ctx.styles.dxfs))
        at("style-index", `${where}: dxfId ${dxf}, but there are ${ctx.styles.dxfs} dxfs`);
      for (const f of kids(rule, "formula")) formula(textOf(f), where);
    }
  }
}

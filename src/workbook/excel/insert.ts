/**
 * The template model inserted into the open workbook with Office.js.
 *
 * No Excel.* enum is used at run time (string literals instead), so the module needs no global Excel.
 *
 * Batches (context.sync() calls), whatever the rater count:
 *   1. read the existing sheet and workbook names;
 *   2. the data batch — add every sheet with all its values, formulas, number formats, formats,
 *      column widths, row heights, merges, unlocked input cells, validation, conditional formats,
 *      and the workbook names;
 *   3. the print batch — freeze panes, then page layout (paper, orientation, fit to width, centring),
 *      print area, print titles, footers. Its own sync, caught: a failure here is a warning in the
 *      result (InsertResult.warnings), never a rollback — an Excel build that rejects a print setting
 *      still gets complete, protected templates;
 *   4. protection of the three sheets.
 *   R. only if 2 or 4 failed: remove what was created (all-or-nothing), then rethrow.
 *
 * Why protection comes last, after printing: neither the typings (@types/office-js) nor Microsoft's
 * docs say whether PageLayout setters, setPrintArea/setPrintTitleRows or freeze panes work on a
 * protected sheet (WorksheetProtectionOptions has no page-setup option; the only protection caveats
 * in the typings are on AllowEditRange), and format writes to locked cells of a protected sheet fail.
 * So nothing is written to a sheet once it is protected, and no unprotect/reprotect dance (whose own
 * failure would leave a sheet unprotected) is needed. Data, names, validation and protection remain
 * all-or-nothing: a failure in 4 removes the sheets and names of 2 like a failure in 2 does.
 *
 * Requests are small (see plan.ts): one 2-D write of formulas and one of number formats per sheet;
 * every format property set once per value on a multi-area range (Worksheet.getRanges, ExcelApi 1.9);
 * input cells unlocked the same way; column widths and row heights by value on whole-column/row runs.
 * An existing sheet is never overwritten: the new one is inserted as "name (2)" and reported.
 */
import type { Scheme, Text } from "../../scheme/types";
import { buildTemplate, defaultSheetNames, SHEET_KEYS, STAMP_PROPERTY_PREFIX, type SheetKey, type SheetModel, type TemplateOptions } from "../model";
import { area } from "../a1";
import { BORDER_COLOR, cellGrids, columnPlan, formatGroups, mergePlan, rectAddress, rowPlan, type FormatGroup } from "./plan";

/** Excel's limit on sheet names. */
const MAX_SHEET_NAME = 31;

export interface InsertResult {
  sheets: { key: string; name: string; renamed: boolean }[];
  /** workbook names that already existed and were left pointing where they were */
  namesKept: string[];
  /** what did not work but needs no rollback (print setup, freeze panes), zh/en, for the pane to show */
  warnings: Text[];
}

/** A free sheet name: `base`, else "base (2)", "base (3)" … (case-insensitive, as Excel compares). */
export function freeSheetName(base: string, taken: Set<string>): string {
  const isTaken = (n: string) => taken.has(n.toLowerCase());
  if (!isTaken(base)) return base;
  for (let k = 2; ; k++) {
    const suffix = ` (${k})`;
    const name = base.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
    if (!isTaken(name)) return name;
  }
}

/** Column width in characters → points (Office.js columnWidth is in points). */
export const widthPoints = (chars: number): number => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;

const hex = (rgb: string) => `#${rgb}`;

type Target = Excel.Range | Excel.RangeAreas;

/** One proxy per address within a sheet: properties sharing an address share its object paths. */
function targets(ws: Excel.Worksheet): (address: string) => Target {
  const cache = new Map<string, Target>();
  return (address) => {
    let t = cache.get(address);
    if (!t) cache.set(address, (t = address.includes(",") ? ws.getRanges(address) : ws.getRange(address)));
    return t;
  };
}

const EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const;

/** One (property, value) on one (multi-area) range; write-only navigation, nothing is read. */
function setFormat(t: Target, g: FormatGroup): void {
  const f = t.format;
  const v = g.value;
  switch (g.prop) {
    case "font.name":
      f.font.name = String(v);
      return;
    case "font.size":
      f.font.size = Number(v);
      return;
    case "font.bold":
      f.font.bold = Boolean(v);
      return;
    case "font.italic":
      f.font.italic = Boolean(v);
      return;
    case "font.color":
      f.font.color = String(v);
      return;
    case "fill.color":
      f.fill.color = String(v);
      return;
    case "wrapText":
      f.wrapText = Boolean(v);
      return;
    case "horizontalAlignment":
      f.horizontalAlignment = String(v) as Excel.HorizontalAlignment;
      return;
    case "verticalAlignment":
      f.verticalAlignment = String(v) as Excel.VerticalAlignment;
      return;
    case "protection.locked":
      f.protection.locked = Boolean(v);
      return;
    case "borders":
      for (const e of EDGES) {
        const b = f.borders.getItem(e);
        b.style = "Continuous";
        b.color = BORDER_COLOR;
      }
      return;
  }
}

/** Queues the data of one sheet of the model (no sync): everything but print setup and protection. */
export function queueSheet(ws: Excel.Worksheet, sh: SheetModel): void {
  const at = targets(ws);
  // number formats first, per rectangle ("@" keeps "1.1" text), then values and formulas in one 2-D write
  const grids = cellGrids(sh);
  for (const { format, rects } of grids.numberFormats) {
    for (const x of rects) ws.getRange(rectAddress(x)).numberFormat = Array.from({ length: x.bottom - x.top + 1 }, () => new Array(x.right - x.left + 1).fill(format));
  }
  for (const box of grids.boxes) ws.getRange(box.address).formulas = box.formulas;

  const cols = columnPlan(sh, widthPoints);
  for (const { size, addresses } of cols.sizes) for (const a of addresses) at(a).format.columnWidth = size;
  for (const a of cols.hidden) ws.getRange(a).columnHidden = true;
  const rows = rowPlan(sh);
  for (const { size, addresses } of rows.sizes) for (const a of addresses) at(a).format.rowHeight = size;
  for (const a of rows.hidden) ws.getRange(a).rowHidden = true;

  for (const g of formatGroups(sh)) for (const a of g.addresses) setFormat(at(a), g);
  for (const m of mergePlan(sh)) ws.getRange(m.address).merge(m.across);

  for (const v of sh.validations) {
    const dv = at(v.range).dataValidation;
    dv.ignoreBlanks = true;
    // "any": no rule, only the prompt (the default rule of a range is "any value")
    if (v.kind !== "any") {
      dv.rule =
        v.kind === "list"
          ? { list: { inCellDropDown: true, source: (v.list ?? []).join(",") } }
          : v.kind === "date"
            ? { date: { formula1: "1900-01-01", operator: "GreaterThan" } }
            : { custom: { formula: `=${v.formula}` } };
      dv.errorAlert = { showAlert: true, style: "Stop", title: v.error.title, message: v.error.text };
    }
    dv.prompt = { showPrompt: true, title: v.prompt.title, message: v.prompt.text };
  }
  for (const cf of sh.conditionalFormats) {
    const c = at(cf.range).conditionalFormats.add("Custom");
    c.custom.rule.formula = `=${cf.formula}`;
    c.custom.format.fill.color = hex(cf.fill);
    if (cf.fontColor) c.custom.format.font.color = hex(cf.fontColor);
  }
  if (sh.tabColor) ws.tabColor = hex(sh.tabColor);
}

/** Queues freeze panes and print setup of one sheet (no sync). */
export function queuePrint(ws: Excel.Worksheet, sh: SheetModel): void {
  if (sh.freeze.rows || sh.freeze.columns) {
    if (sh.freeze.columns) ws.freezePanes.freezeAt(ws.getRange(area(1, 1, sh.freeze.columns, Math.max(1, sh.freeze.rows))));
    else ws.freezePanes.freezeRows(sh.freeze.rows);
  }
  const pl = ws.pageLayout;
  pl.paperSize = "A4";
  pl.orientation = sh.print.orientation === "landscape" ? "Landscape" : "Portrait";
  pl.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  pl.centerHorizontally = true;
  pl.setPrintArea(sh.print.area);
  pl.setPrintTitleRows(`$${sh.print.titleRows[0]}:$${sh.print.titleRows[1]}`);
  pl.headersFooters.defaultForAllPages.leftFooter = sh.print.footer.left;
  pl.headersFooters.defaultForAllPages.rightFooter = sh.print.footer.right;
}

/** Queues the protection of one sheet (no sync): only its input cells stay editable. */
export function queueProtection(ws: Excel.Worksheet, sh: SheetModel): void {
  ws.protection.protect(
    {
      allowFormatRows: sh.protection.allowFormatRows,
      allowFormatColumns: sh.protection.allowFormatColumns,
      allowFormatCells: false,
      allowInsertRows: false,
      allowInsertColumns: false,
      allowDeleteRows: false,
      allowDeleteColumns: false,
      allowSort: false,
      allowAutoFilter: false,
      selectionMode: "Normal",
    },
    sh.protection.password
  );
}

/** A short description of an Office.js error: message and, where office.js gives it, the failing call. */
export function describeError(e: unknown): string {
  const err = e as { message?: unknown; code?: unknown; debugInfo?: { errorLocation?: unknown } };
  const message = typeof err?.message === "string" && err.message ? err.message : String(e);
  const where = typeof err?.debugInfo?.errorLocation === "string" && err.debugInfo.errorLocation ? ` [${err.debugInfo.errorLocation}]` : "";
  return `${message}${where}`.slice(0, 300);
}

export function printWarning(e: unknown): Text {
  const d = describeError(e);
  return {
    zh: `打印设置或冻结窗格未能全部应用（${d}）。评分表的数据、公式、名称和保护已完整插入；如需打印，请在 Excel 的“页面布局”中设置。`,
    en: `Print setup or freeze panes were not fully applied (${d}). The scoring sheets' data, formulas, names and protection were inserted completely; set up printing under Page Layout in Excel if needed.`,
  };
}

export async function insertTemplates(context: Excel.RequestContext, scheme: Scheme, opts: TemplateOptions): Promise<InsertResult> {
  const wb = context.workbook;
  const sheets = wb.worksheets;
  sheets.load("items/name");
  wb.names.load("items/name");
  await context.sync(); // 1

  const taken = new Set(sheets.items.map((s) => s.name.toLowerCase()));
  const existingNames = new Set(wb.names.items.map((n) => n.name.toUpperCase()));
  const defaults = { ...defaultSheetNames(opts.lang), ...(opts.sheetNames ?? {}) };
  const chosen = {} as Record<SheetKey, string>;
  for (const key of SHEET_KEYS) {
    chosen[key] = freeSheetName(defaults[key], taken);
    taken.add(chosen[key].toLowerCase());
  }
  const model = buildTemplate(scheme, { ...opts, sheetNames: chosen });

  const created: string[] = [];
  const added: string[] = [];
  const namesKept: string[] = [];
  const warnings: Text[] = [];
  const ws: Partial<Record<SheetKey, Excel.Worksheet>> = {};
  /** all-or-nothing: removes what was created, then rethrows */
  const rollback = async (error: unknown): Promise<never> => {
    // A failed batch keeps what ran before the failure; sheets and names were queued in order, so
    // deleting in the same order removes exactly what exists (the first missing item ends the batch).
    try {
      for (const name of created) sheets.getItem(name).delete();
      for (const name of added) wb.names.getItem(name).delete();
      await context.sync(); // R
    } catch {
      // the first item that was never created stops the clean-up batch, as intended
    }
    throw error;
  };

  try {
    for (const sh of model.sheets) {
      ws[sh.key] = sheets.add(sh.name);
      created.push(sh.name);
    }
    for (const sh of model.sheets) queueSheet(ws[sh.key] as Excel.Worksheet, sh);
    for (const n of model.names) {
      if (existingNames.has(n.name.toUpperCase())) {
        namesKept.push(n.name);
        continue;
      }
      const sheet = model.sheets.find((s) => s.name === n.sheet);
      const target = sheet ? ws[sheet.key] : undefined;
      if (!target) continue;
      wb.names.add(n.name, target.getRange(n.ref));
      added.push(n.name);
    }
    // the stamp: a very hidden sheet (not in Excel's Unhide list) and the workbook's custom properties
    for (const sh of model.sheets) if (sh.state === "veryHidden") (ws[sh.key] as Excel.Worksheet).visibility = "VeryHidden";
    for (const [k, v] of model.stamp ?? []) wb.properties.custom.add(STAMP_PROPERTY_PREFIX + k, v);
    const service = ws.service as Excel.Worksheet;
    service.activate();
    const L = model.layout.service;
    service.getRange(area(L.alphaCol, L.firstItemRow, L.alphaCol, L.firstItemRow)).select();
    await context.sync(); // 2
  } catch (error) {
    return rollback(error);
  }

  // The sheets are taken again by name: what worksheets.add() returned is a method's result, which
  // office.js treats as invalid after the sync that ran it unless Excel returned a reference for it.
  try {
    for (const sh of model.sheets) queuePrint(sheets.getItem(sh.name), sh);
    await context.sync(); // 3
  } catch (error) {
    warnings.push(printWarning(error));
  }

  try {
    for (const sh of model.sheets) queueProtection(sheets.getItem(sh.name), sh);
    await context.sync(); // 4
  } catch (error) {
    return rollback(error);
  }

  return {
    sheets: model.sheets.map((s) => ({ key: s.key, name: s.name, renamed: s.name !== defaults[s.key] })),
    namesKept,
    warnings,
  };
}

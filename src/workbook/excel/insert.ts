/**
 * The template model inserted into the open workbook with Office.js.
 *
 * No Excel.* enum is used at run time (string literals instead), so the module needs no global Excel.
 *
 * Batches (context.sync() calls), whatever the rater count — one read, then two write batches:
 *   1. read the existing sheet and workbook names;
 *   2. the data batch, all or nothing — add every sheet with all its values, formulas, number formats,
 *      formats, column widths, row heights, merges, unlocked input cells, validation, conditional
 *      formats, the workbook names and the stamp, and last the protection of every sheet;
 *   3. the print batch — per sheet: unprotect, freeze panes, page layout (paper, orientation, fit to
 *      width, centring), print area, print titles, footers, protect again. Its own sync, caught: a
 *      failure here is a warning in the result (InsertResult.warnings), never a rollback — an Excel
 *      build that rejects a print setting still gets complete, protected templates.
 *   R. only if 2 failed: remove what was created (all-or-nothing), then rethrow.
 *   P. only if 3 failed: office.js ran the print batch up to the failing call, which may have left
 *      that sheet unprotected; one read of every sheet's protection and one batch protecting those
 *      that are not (a warning says so should that fail too).
 *
 * Why the print batch unprotects first: neither the typings (@types/office-js) nor Microsoft's docs say
 * whether PageLayout setters, setPrintArea/setPrintTitleRows or freeze panes work on a protected sheet
 * (WorksheetProtectionOptions has no page-setup option; Excel's own Page Layout commands are disabled
 * on a protected sheet). Unprotecting within the same batch makes the print setup independent of that
 * answer, while protection stays in the all-or-nothing data batch, as issue 8 asks.
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

/**
 * One proxy per address within a sheet: properties sharing an address share its object paths.
 * `untrack()` releases every proxy made from Excel.run's automatic tracking before the batch is sent.
 *
 * Why: inside Excel.run, office.js tracks every Range and RangeAreas a batch creates (it queues a
 * `_KeepReference` for each, so the object stays valid across syncs) and, after the run, sends a
 * clean-up request releasing them all (`_RemoveReference`). These ranges are written to in the batch
 * that creates them and never used again, so the tracking is pure weight: for 10 raters about 32 KB of
 * _KeepReference actions and a 37 KB clean-up request. `context.trackedObjects.remove()` is documented
 * for exactly this (@types/office-js, OfficeExtension.TrackedObjects.remove: "If the given proxy object
 * isn't in this collection, the proxy object won't be stored after context.sync() is called. This
 * speeds up instances where many objects are created for single-use operations."); called before the
 * sync it takes the pending
 * _KeepReference out of the batch (ClientRequestBase._removeKeepReferenceAction in office.js), and as
 * Excel then never gives the object a reference id, the clean-up has nothing to release for it.
 * Within its own batch the range is addressed by its object path, as outside Excel.run.
 */
function targets(ws: Excel.Worksheet): { at: (address: string) => Target; untrack: () => void } {
  const cache = new Map<string, Target>();
  return {
    at: (address) => {
      let t = cache.get(address);
      if (!t) cache.set(address, (t = address.includes(",") ? ws.getRanges(address) : ws.getRange(address)));
      return t;
    },
    untrack: () => {
      if (cache.size) ws.context.trackedObjects.remove([...cache.values()]);
    },
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
  const { at, untrack } = targets(ws);
  const range = (address: string) => at(address) as Excel.Range;
  // number formats first, per rectangle ("@" keeps "1.1" text), then values and formulas in one 2-D write
  const grids = cellGrids(sh);
  for (const { format, rects } of grids.numberFormats) {
    for (const x of rects) range(rectAddress(x)).numberFormat = Array.from({ length: x.bottom - x.top + 1 }, () => new Array(x.right - x.left + 1).fill(format));
  }
  for (const box of grids.boxes) range(box.address).formulas = box.formulas;

  const cols = columnPlan(sh, widthPoints);
  for (const { size, addresses } of cols.sizes) for (const a of addresses) at(a).format.columnWidth = size;
  for (const a of cols.hidden) range(a).columnHidden = true;
  const rows = rowPlan(sh);
  for (const { size, addresses } of rows.sizes) for (const a of addresses) at(a).format.rowHeight = size;
  for (const a of rows.hidden) range(a).rowHidden = true;

  for (const g of formatGroups(sh)) for (const a of g.addresses) setFormat(at(a), g);
  for (const m of mergePlan(sh)) range(m.address).merge(m.across);

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
  untrack();
}

/** Queues freeze panes and print setup of one sheet (no sync). */
export function queuePrint(ws: Excel.Worksheet, sh: SheetModel): void {
  if (sh.freeze.rows || sh.freeze.columns) {
    if (sh.freeze.columns) {
      const corner = ws.getRange(area(1, 1, sh.freeze.columns, Math.max(1, sh.freeze.rows)));
      ws.freezePanes.freezeAt(corner);
      ws.context.trackedObjects.remove(corner); // used in this batch only (see targets())
    }
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

/** A warning naming sheets that could not be protected again after a failed print batch. */
export function unprotectedWarning(sheetNames: string[]): Text {
  return {
    zh: `以下工作表可能没有加保护：${sheetNames.join("、")}。请在 Excel 的“审阅 > 保护工作表”中手动保护，或删除后重新插入。`,
    en: `These sheets may be left unprotected: ${sheetNames.join(", ")}. Protect them under Review > Protect Sheet in Excel, or delete them and insert again.`,
  };
}

/**
 * After a failed print batch: protects again every inserted sheet that is not protected (one read,
 * one write). Returns the sheets still unprotected (all of them if the recovery itself failed).
 */
async function reprotect(context: Excel.RequestContext, models: SheetModel[]): Promise<string[]> {
  const sheets = context.workbook.worksheets;
  try {
    const state = models.map((sh) => {
      const p = sheets.getItem(sh.name).protection;
      p.load("protected");
      return { sh, p };
    });
    await context.sync(); // P1
    const open = state.filter((x) => x.p.protected !== true);
    if (!open.length) return [];
    for (const { sh } of open) queueProtection(sheets.getItem(sh.name), sh);
    await context.sync(); // P2
    return [];
  } catch {
    return models.map((sh) => sh.name);
  }
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
      const r = target.getRange(n.ref);
      wb.names.add(n.name, r);
      context.trackedObjects.remove(r); // used in this batch only (see targets())
      added.push(n.name);
    }
    // the stamp: a very hidden sheet (not in Excel's Unhide list) and the workbook's custom properties
    for (const sh of model.sheets) if (sh.state === "veryHidden") (ws[sh.key] as Excel.Worksheet).visibility = "VeryHidden";
    for (const [k, v] of model.stamp ?? []) wb.properties.custom.add(STAMP_PROPERTY_PREFIX + k, v);
    const service = ws.service as Excel.Worksheet;
    service.activate();
    const L = model.layout.service;
    const first = service.getRange(area(L.alphaCol, L.firstItemRow, L.alphaCol, L.firstItemRow));
    first.select();
    context.trackedObjects.remove(first);
    // protection last: nothing of this batch writes to a sheet after it is protected
    for (const sh of model.sheets) queueProtection(ws[sh.key] as Excel.Worksheet, sh);
    await context.sync(); // 2
  } catch (error) {
    return rollback(error);
  }

  // The sheets are taken again by name: what worksheets.add() returned is a method's result, which
  // office.js treats as invalid after the sync that ran it unless Excel returned a reference for it.
  try {
    for (const sh of model.sheets) {
      const s = sheets.getItem(sh.name);
      s.protection.unprotect(sh.protection.password);
      queuePrint(s, sh);
      queueProtection(s, sh);
    }
    await context.sync(); // 3
  } catch (error) {
    warnings.push(printWarning(error));
    const unprotected = await reprotect(context, model.sheets);
    if (unprotected.length) warnings.push(unprotectedWarning(unprotected));
  }

  return {
    sheets: model.sheets.map((s) => ({ key: s.key, name: s.name, renamed: s.name !== defaults[s.key] })),
    namesKept,
    warnings,
  };
}

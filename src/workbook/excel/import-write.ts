/**
 * How the pane's import changes the open workbook with Office.js: from one filled template model (the
 * workbook as it is) to another (as it will be), sheet by sheet, queued into ONE batch (no sync here).
 * The same function undoes a failed import (from the intended state back to the state read first).
 *
 * For each sheet of the target model:
 *  - identical: nothing;
 *  - only some cells differ (input cells of the import, a formula that names more columns, the stamp's
 *    values): those cells, as few rectangles, each one 2-D `formulas` write; the sheet is unprotected
 *    for it only when a locked cell is among them (input cells are unlocked);
 *  - anything else differs (columns, merges, formats, validation — the Appendix 1 sheets for another
 *    column count, the sources sheet with more rows): rebuilt in place — the sheet keeps its identity
 *    (id, tab, page setup, position, references from other sheets), its used area is cleared (values,
 *    formats, merges, validation, conditional formats), the columns and rows the old layout sized,
 *    hid or that the new one no longer sizes are reset (unhidden, autofit), then the model is written
 *    as the insert writes it (insert.ts queueSheet) and the print area set;
 *  - a sheet only the target has is added (the sources sheet, placed after the template's sheets,
 *    with the insert's print setup: insert.ts queuePrint);
 *    a sheet only the source has is deleted (undoing an added sources sheet).
 * Workbook names whose sheet or area differ are deleted and added again; the stamp's custom document
 * properties that differ are set (CustomPropertyCollection.add "creates a new or sets an existing
 * custom property"). Sheets end protected as they were (a new sheet protected, as the model says).
 *
 * Text written into cells that Excel would read as a formula, number, date or boolean ("=…", "-5",
 * "007", "TRUE") is written with a leading apostrophe, so it stays the text it was (a returned form's
 * evidence "=WEBSERVICE(…)" never becomes a formula); a rebuilt sheet gets the "@" format for such
 * text, as the insert does.
 */
import { a1, area, col, parseArea, parseCell } from "../a1";
import type { CellModel, SheetModel, TemplateModel } from "../model";
import { STAMP_PROPERTY_PREFIX } from "../model";
import { sheetChange } from "../import-cells";
import type { ImportChanges } from "../import-plan";
import { coercible, cover, rectAddress } from "./plan";
import { queuePrint, queueProtection, queueSheet } from "./insert";

/** What is known about a sheet of the open workbook when a batch is queued. */
export interface SheetState {
  protected: boolean;
}

export interface ChangeContext {
  /** the sheets that exist now, by name (lower case) → state */
  sheets: Map<string, SheetState>;
  /** whether each existing sheet must end protected (absent: as the target model says) */
  protect: Map<string, boolean>;
  /** workbook names that exist now (upper case) */
  names: Set<string>;
  /** the stamp properties as they are now (key without prefix → value); null: the workbook has none */
  stamp: Record<string, string> | null;
  /** 0-based position for an added sheet */
  position: number;
}

/** What a queued change does, for the caller's report and tests. */
export type ChangeSummary = ImportChanges;

/** A cell as `formulas` takes it: a formula with "=", text that would be converted with an apostrophe. */
export function formulaOf(c: CellModel | undefined): string | number | boolean {
  if (!c) return "";
  if (c.formula !== undefined) return `=${c.formula}`;
  const v = c.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return coercible(v) ? `'${v}` : v;
  return v;
}

/** The smallest area covering a sheet model's cells, columns and rows (1-based corners). */
function extent(sh: SheetModel): { right: number; bottom: number } {
  let right = 1;
  let bottom = 1;
  for (const c of sh.cells) {
    const p = parseCell(c.ref);
    right = Math.max(right, p.c);
    bottom = Math.max(bottom, p.r);
  }
  for (const c of sh.columns) right = Math.max(right, c.index);
  for (const r of sh.rows) bottom = Math.max(bottom, r.index);
  const pa = parseArea(sh.print.area);
  return { right: Math.max(right, pa.right), bottom: Math.max(bottom, pa.bottom) };
}

/** Runs of indexes as "C:E" / "3:5" parts. */
function runsOf(xs: number[], f: (a: number, b: number) => string): string[] {
  const sorted = [...new Set(xs)].sort((a, b) => a - b);
  const out: string[] = [];
  let start = -1;
  let prev = -1;
  for (const x of sorted) {
    if (x === prev + 1 && start >= 0) prev = x;
    else {
      if (start >= 0) out.push(f(start, prev));
      start = prev = x;
    }
  }
  if (start >= 0) out.push(f(start, prev));
  return out;
}
const colRun = (a: number, b: number) => `${col(a)}:${col(b)}`;
const rowRun = (a: number, b: number) => `${a}:${b}`;

/** Clears a sheet's used area (old and new layout) and resets what the old layout sized or hid. */
function queueReset(ws: Excel.Worksheet, from: SheetModel, to: SheetModel): void {
  const a = extent(from);
  const b = extent(to);
  const used = ws.getRange(area(1, 1, Math.max(a.right, b.right), Math.max(a.bottom, b.bottom)));
  used.unmerge();
  used.clear("All");
  used.dataValidation.clear();
  used.conditionalFormats.clearAll();
  const toCols = new Map(to.columns.map((c) => [c.index, c]));
  const toRows = new Map(to.rows.map((r) => [r.index, r]));
  // hidden before, not hidden after: show; sized before, not sized after: back to automatic
  for (const addr of runsOf(from.columns.filter((c) => c.hidden && !toCols.get(c.index)?.hidden).map((c) => c.index), colRun)) ws.getRange(addr).columnHidden = false;
  for (const addr of runsOf(from.columns.filter((c) => !toCols.has(c.index)).map((c) => c.index), colRun)) ws.getRange(addr).format.autofitColumns();
  for (const addr of runsOf(from.rows.filter((r) => r.hidden && !toRows.get(r.index)?.hidden).map((r) => r.index), rowRun)) ws.getRange(addr).rowHidden = false;
  for (const addr of runsOf(from.rows.filter((r) => r.height && !toRows.get(r.index)?.height).map((r) => r.index), rowRun)) ws.getRange(addr).format.autofitRows();
}

/** The changed cells as rectangles, each written with one 2-D `formulas` write. */
function queueCells(ws: Excel.Worksheet, cells: CellModel[]): void {
  const byRef = new Map(cells.map((c) => [c.ref, c]));
  for (const x of cover(cells.map((c) => parseCell(c.ref)))) {
    const grid: (string | number | boolean)[][] = [];
    for (let r = x.top; r <= x.bottom; r++) {
      const row: (string | number | boolean)[] = [];
      for (let c = x.left; c <= x.right; c++) row.push(formulaOf(byRef.get(a1(c, r))));
      grid.push(row);
    }
    ws.getRange(rectAddress(x)).formulas = grid;
  }
}

/**
 * Queues the change of the workbook from model `from` to model `to` (both filled). Nothing is synced.
 * Order: unprotect what must be; delete; write cells and rebuild; add; names; properties; protect.
 */
export function queueChanges(context: Excel.RequestContext, from: TemplateModel, to: TemplateModel, ctx: ChangeContext): ChangeSummary {
  const wb = context.workbook;
  const sheets = wb.worksheets;
  const out: ChangeSummary = { rebuilt: [], patched: [], added: [], deleted: [], names: [], properties: [] };
  const exists = (name: string) => ctx.sheets.has(name.toLowerCase());
  const isProtected = (name: string) => !!ctx.sheets.get(name.toLowerCase())?.protected;
  const fromByName = new Map(from.sheets.map((s) => [s.name, s]));
  const toNames = new Set(to.sheets.map((s) => s.name));

  type Job = { sheet: SheetModel; prev: SheetModel | undefined; how: "cells" | "rebuild" | "add"; cells?: CellModel[] };
  const jobs: Job[] = [];
  for (const sh of to.sheets) {
    const prev = fromByName.get(sh.name);
    if (!prev || !exists(sh.name)) {
      jobs.push({ sheet: sh, prev, how: "add" });
      continue;
    }
    const change = sheetChange(prev, sh);
    if (change.kind === "cells") jobs.push({ sheet: sh, prev, how: "cells", cells: change.cells });
    else if (change.kind === "rebuild") jobs.push({ sheet: sh, prev, how: "rebuild" });
  }
  const removed = from.sheets.filter((s) => !toNames.has(s.name) && exists(s.name));

  // 1. unprotect the sheets whose locked cells change
  const unprotected = new Set<string>();
  for (const j of jobs) {
    if (j.how === "add" || !isProtected(j.sheet.name)) continue;
    if (j.how === "cells" && (j.cells ?? []).every((c) => c.input)) continue;
    sheets.getItem(j.sheet.name).protection.unprotect();
    unprotected.add(j.sheet.name);
  }
  // 2. sheets the target does not have (an added sources sheet, when undoing)
  for (const s of removed) {
    sheets.getItem(s.name).delete();
    out.deleted.push(s.name);
  }
  // 3. cells and rebuilds
  for (const j of jobs) {
    if (j.how === "add") continue;
    const ws = sheets.getItem(j.sheet.name);
    if (j.how === "cells") {
      queueCells(ws, j.cells ?? []);
      out.patched.push(j.sheet.name);
    } else {
      queueReset(ws, j.prev as SheetModel, j.sheet);
      queueSheet(ws, j.sheet);
      if (j.sheet.print.area !== j.prev?.print.area) ws.pageLayout.setPrintArea(j.sheet.print.area);
      out.rebuilt.push(j.sheet.name);
    }
  }
  // 4. sheets only the target has: added after the template's sheets, written, print set up
  let position = ctx.position;
  for (const j of jobs) {
    if (j.how !== "add") continue;
    const ws = sheets.add(j.sheet.name);
    ws.position = position++;
    queueSheet(ws, j.sheet);
    queuePrint(ws, j.sheet);
    if (j.sheet.state === "veryHidden") ws.visibility = "VeryHidden";
    out.added.push(j.sheet.name);
  }
  // 5. names whose sheet or area differ
  const before = new Map(from.names.map((n) => [n.name, n]));
  for (const n of to.names) {
    const b = before.get(n.name);
    if (b && b.sheet === n.sheet && b.ref === n.ref && ctx.names.has(n.name.toUpperCase())) continue;
    if (ctx.names.has(n.name.toUpperCase())) wb.names.getItem(n.name).delete();
    wb.names.add(n.name, sheets.getItem(n.sheet).getRange(n.ref));
    out.names.push(n.name);
  }
  // 6. the stamp's document properties
  if (ctx.stamp && to.stamp) {
    for (const [k, v] of to.stamp) {
      if (ctx.stamp[k] === v) continue;
      wb.properties.custom.add(STAMP_PROPERTY_PREFIX + k, v);
      out.properties.push(k);
    }
  }
  // 7. protection as it was (or as the model says, for an added sheet)
  for (const j of jobs) {
    const name = j.sheet.name;
    const want = j.how === "add" ? true : (ctx.protect.get(name.toLowerCase()) ?? true);
    const now = j.how === "add" ? false : isProtected(name) && !unprotected.has(name);
    if (want && !now) queueProtection(sheets.getItem(name), j.sheet);
  }
  return out;
}

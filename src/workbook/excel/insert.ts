/**
 * The template model inserted into the open workbook with Office.js.
 *
 * No Excel.* enum is used at run time (string literals instead), so the module needs no global Excel.
 *
 * At most three context.sync() calls, whatever the rater count:
 *   1. read the existing sheet and workbook names;
 *   2. add every sheet with all its cells, formats, validation, conditional formats, print setup,
 *      protection, and the workbook names — one batch;
 *   3. only if 2 failed: remove what was created (all-or-nothing), then rethrow.
 * An existing sheet is never overwritten: the new one is inserted as "name (2)" and reported.
 */
import type { Scheme } from "../../scheme/types";
import { buildTemplate, defaultSheetNames, SHEET_KEYS, type CellModel, type CellStyle, type SheetKey, type SheetModel, type TemplateOptions } from "../model";
import { area, col as colName, parseCell } from "../a1";

/** Excel's limit on sheet names. */
const MAX_SHEET_NAME = 31;

export interface InsertResult {
  sheets: { key: string; name: string; renamed: boolean }[];
  /** workbook names that already existed and were left pointing where they were */
  namesKept: string[];
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
const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", middle: "Center", bottom: "Bottom" } as const;

/** Horizontal runs of cells with the same style (fewer proxy objects in the batch). */
function styleRuns(cells: CellModel[]): { range: string; style: CellStyle; numFmt?: string }[] {
  const byRow = new Map<number, { c: number; key: string; cell: CellModel }[]>();
  for (const cell of cells) {
    if (!cell.style && !cell.numFmt && !cell.input) continue;
    const p = parseCell(cell.ref);
    const key = JSON.stringify([cell.style ?? {}, cell.numFmt ?? ""]);
    const row = byRow.get(p.r) ?? [];
    row.push({ c: p.c, key, cell });
    byRow.set(p.r, row);
  }
  const out: { range: string; style: CellStyle; numFmt?: string }[] = [];
  for (const [r, row] of byRow) {
    row.sort((a, b) => a.c - b.c);
    let i = 0;
    while (i < row.length) {
      let j = i;
      while (j + 1 < row.length && row[j + 1].c === row[j].c + 1 && row[j + 1].key === row[i].key) j++;
      out.push({ range: area(row[i].c, r, row[j].c, r), style: row[i].cell.style ?? {}, numFmt: row[i].cell.numFmt });
      i = j + 1;
    }
  }
  return out;
}

/** Queues one sheet of the model (no sync). */
export function queueSheet(ws: Excel.Worksheet, sh: SheetModel): void {
  // values and formulas in one 2-D write over the used box; text cells are formatted as text first so
  // "1.1" stays an item id and is not turned into a number
  let bottom = 1;
  let right = 1;
  for (const c of sh.cells) {
    const p = parseCell(c.ref);
    bottom = Math.max(bottom, p.r);
    right = Math.max(right, p.c);
  }
  const formulas: (string | number | boolean)[][] = Array.from({ length: bottom }, () => new Array(right).fill(""));
  const formats: string[][] = Array.from({ length: bottom }, () => new Array(right).fill("General"));
  for (const c of sh.cells) {
    const p = parseCell(c.ref);
    if (c.formula !== undefined) formulas[p.r - 1][p.c - 1] = `=${c.formula}`;
    else if (c.value !== undefined && c.value !== null) formulas[p.r - 1][p.c - 1] = c.value;
    if (typeof c.value === "string") formats[p.r - 1][p.c - 1] = "@";
    else if (c.numFmt) formats[p.r - 1][p.c - 1] = c.numFmt;
  }
  const box = ws.getRange(area(1, 1, right, bottom));
  box.numberFormat = formats;
  box.formulas = formulas;

  for (const col of sh.columns) {
    const r = ws.getRange(`${colName(col.index)}:${colName(col.index)}`);
    r.format.columnWidth = widthPoints(col.width);
    if (col.hidden) r.columnHidden = true;
  }
  for (const row of sh.rows) {
    const r = ws.getRange(`${row.index}:${row.index}`);
    if (row.height) r.format.rowHeight = row.height;
    if (row.hidden) r.rowHidden = true;
  }
  for (const run of styleRuns(sh.cells)) {
    const r = ws.getRange(run.range);
    const s = run.style;
    // write-only navigation through r.format (nothing is read, so nothing needs a load or sync)
    r.format.font.name = "Microsoft YaHei";
    r.format.font.size = s.size ?? 10;
    if (s.bold) r.format.font.bold = true;
    if (s.italic) r.format.font.italic = true;
    if (s.color) r.format.font.color = hex(s.color);
    if (s.fill) r.format.fill.color = hex(s.fill);
    if (s.wrap) r.format.wrapText = true;
    if (s.h) r.format.horizontalAlignment = H_ALIGN[s.h];
    if (s.v) r.format.verticalAlignment = V_ALIGN[s.v];
    if (s.border) {
      const edges: ("EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideVertical")[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"];
      if (run.range.includes(":")) edges.push("InsideVertical");
      for (const e of edges) {
        const b = r.format.borders.getItem(e);
        b.style = "Continuous";
        b.color = "#A6A6A6";
      }
    }
  }
  for (const c of sh.cells) if (c.input) ws.getRange(c.ref).format.protection.locked = false;
  for (const m of sh.merges) ws.getRange(m).merge(false);

  for (const v of sh.validations) {
    const dv = ws.getRange(v.range).dataValidation;
    dv.ignoreBlanks = true;
    dv.rule = v.kind === "list" ? { list: { inCellDropDown: true, source: (v.list ?? []).join(",") } } : { custom: { formula: `=${v.formula}` } };
    dv.prompt = { showPrompt: true, title: v.prompt.title, message: v.prompt.text };
    dv.errorAlert = { showAlert: true, style: "Stop", title: v.error.title, message: v.error.text };
  }
  for (const cf of sh.conditionalFormats) {
    const c = ws.getRange(cf.range).conditionalFormats.add("Custom");
    c.custom.rule.formula = `=${cf.formula}`;
    c.custom.format.fill.color = hex(cf.fill);
    if (cf.fontColor) c.custom.format.font.color = hex(cf.fontColor);
  }
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
  if (sh.tabColor) ws.tabColor = hex(sh.tabColor);
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
  try {
    const ws: Partial<Record<SheetKey, Excel.Worksheet>> = {};
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
    (ws.service as Excel.Worksheet).activate();
    (ws.service as Excel.Worksheet).getRange(area(model.layout.service.alphaCol, model.layout.service.firstItemRow, model.layout.service.alphaCol, model.layout.service.firstItemRow)).select();
    await context.sync(); // 2
  } catch (error) {
    // A failed batch keeps what ran before the failure; sheets and names were queued in order, so
    // deleting in the same order removes exactly what exists (the first missing item ends the batch).
    try {
      for (const name of created) sheets.getItem(name).delete();
      for (const name of added) wb.names.getItem(name).delete();
      await context.sync(); // 3
    } catch {
      // the first item that was never created stops the clean-up batch, as intended
    }
    throw error;
  }
  return {
    sheets: model.sheets.map((s) => ({ key: s.key, name: s.name, renamed: s.name !== defaults[s.key] })),
    namesKept,
  };
}


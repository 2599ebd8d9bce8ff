/**
 * The template model rendered with ExcelJS, to a file. Formulas are written without cached results
 * (and the workbook asks for a full calculation on load), so every program computes them itself.
 */
import * as fs from "fs";
import ExcelJS from "exceljs";
import type { Scheme } from "../../scheme/types";
import { buildTemplate, type CellModel, type CellStyle, type SheetModel, type TemplateModel, type TemplateOptions } from "../model";
import { absolute, parseArea, quoteSheet } from "../a1";

const argb = (rgb: string) => ({ argb: `FF${rgb.toUpperCase()}` });
const THIN = { style: "thin" as const, color: argb("A6A6A6") };

function font(s: CellStyle | undefined): Partial<ExcelJS.Font> {
  return { name: "Microsoft YaHei", size: s?.size ?? 10, bold: s?.bold || undefined, italic: s?.italic || undefined, color: s?.color ? argb(s.color) : undefined };
}

function applyCell(cell: ExcelJS.Cell, m: CellModel): void {
  if (m.formula !== undefined) cell.value = { formula: m.formula } as ExcelJS.CellFormulaValue;
  else if (m.value !== undefined && m.value !== null) cell.value = m.value;
  const s = m.style;
  cell.font = font(s);
  if (s) {
    cell.alignment = { wrapText: s.wrap || undefined, horizontal: s.h, vertical: s.v };
    if (s.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: argb(s.fill) };
    if (s.border) cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  }
  if (m.numFmt) cell.numFmt = m.numFmt;
  if (m.input) cell.protection = { locked: false };
}

async function renderSheet(wb: ExcelJS.Workbook, sh: SheetModel): Promise<ExcelJS.Worksheet> {
  const p = sh.print;
  const ws = wb.addWorksheet(sh.name, {
    properties: { tabColor: sh.tabColor ? argb(sh.tabColor) : undefined, defaultRowHeight: 15 },
    views: sh.freeze.rows || sh.freeze.columns ? [{ state: "frozen", xSplit: sh.freeze.columns, ySplit: sh.freeze.rows }] : [{}],
    pageSetup: {
      paperSize: 9, // A4
      orientation: p.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.2, footer: 0.25 },
      printArea: absolute(p.area),
      printTitlesRow: `${p.titleRows[0]}:${p.titleRows[1]}`,
    },
    headerFooter: { oddFooter: `&L&8${p.footer.left}&R&8${p.footer.right}`, evenFooter: `&L&8${p.footer.left}&R&8${p.footer.right}` },
  });
  for (const c of sh.columns) {
    const column = ws.getColumn(c.index);
    column.width = c.width;
    if (c.hidden) column.hidden = true;
  }
  for (const r of sh.rows) {
    const row = ws.getRow(r.index);
    if (r.height) row.height = r.height;
    if (r.hidden) row.hidden = true;
  }
  for (const c of sh.cells) applyCell(ws.getCell(c.ref), c);
  for (const m of sh.merges) ws.mergeCells(m);
  for (const v of sh.validations) {
    const a = parseArea(v.range);
    for (let r = a.top; r <= a.bottom; r++) {
      for (let c = a.left; c <= a.right; c++) {
        // relative formulas are written once per range by ExcelJS (it merges equal validations), so
        // keep the formula relative to the range's top-left cell
        ws.getCell(r, c).dataValidation = {
          type: v.kind,
          allowBlank: true,
          formulae: v.kind === "list" ? [`"${(v.list ?? []).join(",")}"`] : [v.formula as string],
          showInputMessage: true,
          promptTitle: v.prompt.title,
          prompt: v.prompt.text,
          showErrorMessage: true,
          errorStyle: "stop",
          errorTitle: v.error.title,
          error: v.error.text,
        };
      }
    }
  }
  for (const cf of sh.conditionalFormats) {
    ws.addConditionalFormatting({
      ref: cf.range,
      rules: [
        {
          type: "expression",
          priority: 1,
          formulae: [cf.formula],
          style: { fill: { type: "pattern", pattern: "solid", bgColor: argb(cf.fill) }, font: cf.fontColor ? { color: argb(cf.fontColor) } : undefined },
        },
      ],
    });
  }
  await ws.protect(sh.protection.password ?? "", {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatRows: sh.protection.allowFormatRows,
    formatColumns: sh.protection.allowFormatColumns,
    formatCells: false,
    insertRows: false,
    insertColumns: false,
    deleteRows: false,
    deleteColumns: false,
    sort: false,
    autoFilter: false,
    spinCount: 100000,
  });
  return ws;
}

/** The model as an ExcelJS workbook (not yet written). */
export async function modelWorkbook(model: TemplateModel): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "qcs";
  wb.title = `${model.scheme.id} scoring templates`;
  wb.subject = model.scheme.id;
  wb.calcProperties.fullCalcOnLoad = true;
  for (const sh of model.sheets) await renderSheet(wb, sh);
  for (const n of model.names) wb.definedNames.add(`${quoteSheet(n.sheet)}!${absolute(n.ref)}`, n.name);
  return wb;
}

export async function templateWorkbook(scheme: Scheme, opts: TemplateOptions): Promise<{ workbook: ExcelJS.Workbook; model: TemplateModel }> {
  const model = buildTemplate(scheme, opts);
  return { workbook: await modelWorkbook(model), model };
}

export async function templateBuffer(scheme: Scheme, opts: TemplateOptions): Promise<Buffer> {
  const { workbook } = await templateWorkbook(scheme, opts);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function writeTemplateFile(path: string, scheme: Scheme, opts: TemplateOptions): Promise<void> {
  const buf = await templateBuffer(scheme, opts);
  await fs.promises.writeFile(path, buf);
}

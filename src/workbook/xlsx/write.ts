/**
 * The template model rendered with ExcelJS, to a file. Formulas are written without cached results
 * (and the workbook asks for a full calculation on load), so every program computes them itself.
 */
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { Scheme } from "../../scheme/types";
import { buildTemplate, STAMP_PROPERTY_PREFIX, type CellModel, type CellStyle, type SheetModel, type TemplateModel, type TemplateOptions, type ValidationModel } from "../model";
import { absolute, area, parseArea, quoteSheet } from "../a1";

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

/**
 * ExcelJS 4.4 writes a print area as `'<sheet>'!$<top-left>:$<bottom-right>` (prepare() in
 * lib/xlsx/xform/book/workbook-xform.js): it puts the "$" before each corner itself, so an absolute
 * area came out as `$$A$1:$$O$39`, which Excel cannot read. It gets the area with only its rows
 * absolute ("A1:O39" → "A$1:O$39"), and writes "$A$1:$O$39". (The sheet name is quoted there without
 * doubling its apostrophes; workbookBuffer() mends that.)
 */
export function exceljsPrintArea(ref: string): string {
  return ref
    .split(":")
    .map((p) => {
      const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(p);
      if (!m) throw new Error(`not a cell of a print area: ${p}`);
      return `${m[1].toUpperCase()}$${m[2]}`;
    })
    .join(":");
}

/** ExcelJS's form of one data-validation rule of the model. */
function validation(v: ValidationModel): ExcelJS.DataValidation {
  return {
    // "any": ExcelJS writes no type (any value) and keeps only the prompt
    type: v.kind as ExcelJS.DataValidation["type"],
    allowBlank: true,
    ...(v.kind === "date" ? { operator: "greaterThan" as const } : {}),
    formulae: v.kind === "list" ? [`"${(v.list ?? []).join(",")}"`] : v.kind === "date" ? [new Date(Date.UTC(1900, 0, 1))] : v.kind === "any" ? [] : [v.formula as string],
    showInputMessage: true,
    promptTitle: v.prompt.title,
    prompt: v.prompt.text,
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: v.error.title,
    error: v.error.text,
  };
}

/** ExcelJS keeps a sheet's validations keyed by address (lib/doc/data-validations.js); not in its typings. */
interface ValidationStore {
  add(address: string, validation: ExcelJS.DataValidation): void;
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
      printArea: exceljsPrintArea(p.area),
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
  if (sh.state === "veryHidden") ws.state = "veryHidden";
  for (const c of sh.cells) applyCell(ws.getCell(c.ref), c);
  for (const m of sh.merges) ws.mergeCells(m);
  // One rule per validation of the model, over exactly its range, its formula relative to the range's
  // top-left cell. Per-cell rules (cell.dataValidation) are merged again by ExcelJS in a string sort of
  // the addresses ("F10" < "F5"), which wrote F10:H23 on top of F5:H23 with F5's formula, so in Excel
  // rows 10–23 were checked against the cell five rows up. A range-keyed entry is written as it is.
  const store = (ws as unknown as { dataValidations: ValidationStore }).dataValidations;
  for (const v of sh.validations) {
    const a = parseArea(v.range);
    // the key in ExcelJS's own canonical form ("F5:H23", or "F5" for one cell), which its writer needs
    store.add(area(a.left, a.top, a.right, a.bottom), validation(v));
  }
  // Each rule its own priority (ECMA-376 Part 1 §18.3.1.10; Excel writes every value once per sheet):
  // the last rule of the model gets 1, the top priority, as Office.js's conditionalFormats.add() puts
  // each new format on top when the pane inserts the same model.
  sh.conditionalFormats.forEach((cf, i) => {
    ws.addConditionalFormatting({
      ref: cf.range,
      rules: [
        {
          type: "expression",
          priority: sh.conditionalFormats.length - i,
          formulae: [cf.formula],
          style: { fill: { type: "pattern", pattern: "solid", bgColor: argb(cf.fill) }, font: cf.fontColor ? { color: argb(cf.fontColor) } : undefined },
        },
      ],
    });
  });
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

const ENTITY: Record<string, string> = { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" };
const xmlText = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
const xmlDecode = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (_m, e: string) => {
    if (e[0] !== "#") return ENTITY[e.toLowerCase()];
    return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });

/**
 * The print names ExcelJS writes for a sheet whose name holds an apostrophe read `'O'Brien'!$A$1:…`,
 * which ends the quoted name early; Excel needs `'O''Brien'!$A$1:…`. Rewrites them in xl/workbook.xml.
 * Returns the package unchanged when no sheet name needs it.
 */
function mendPrintNames(xlsx: Uint8Array, sheetNames: string[]): Uint8Array {
  if (!sheetNames.some((n) => n.includes("'"))) return xlsx;
  const files = unzipSync(xlsx);
  const path = "xl/workbook.xml";
  if (!files[path]) throw new Error("ExcelJS wrote no xl/workbook.xml");
  const xml = strFromU8(files[path]).replace(
    /(<definedName\b[^>]*\bname="_xlnm\.Print_(?:Area|Titles)"[^>]*\blocalSheetId="(\d+)"[^>]*>)([^<]*)(<\/definedName>)/g,
    (_m, open: string, id: string, text: string, close: string) => {
      const name = sheetNames[Number(id)];
      if (name === undefined) throw new Error(`print name for sheet ${id}, which ExcelJS did not write`);
      const fixed = xmlDecode(text).split(`'${name}'!`).join(`${quoteSheet(name)}!`);
      return open + xmlText(fixed) + close;
    }
  );
  files[path] = strToU8(xml);
  return zipSync(files, { level: 6 });
}

/** Writes a workbook made by modelWorkbook() (and perhaps filled in since) as .xlsx bytes. */
export async function workbookBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  const raw = new Uint8Array(await workbook.xlsx.writeBuffer());
  return Buffer.from(mendPrintNames(raw, workbook.worksheets.map((w) => w.name)));
}

/** The XML of docProps/custom.xml for the stamp (ECMA-376 Part 1 §22.3, shared-documentPropertiesCustom.xsd). */
function customXml(entries: [string, string][]): string {
  const esc = (x: string) => x.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const props = entries
    .map(([k, v], i) => `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${esc(STAMP_PROPERTY_PREFIX + k)}"><vt:lpwstr>${esc(v)}</vt:lpwstr></property>`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${props}</Properties>`;
}

/** Adds the stamp as custom document properties to a written package (ExcelJS writes none). */
export function withCustomProperties(xlsx: Uint8Array, entries: [string, string][]): Uint8Array {
  const files = unzipSync(xlsx);
  const ct = strFromU8(files["[Content_Types].xml"]);
  const rels = strFromU8(files["_rels/.rels"]);
  if (!ct || !rels) throw new Error("the package has no content types or root relationships");
  files["docProps/custom.xml"] = strToU8(customXml(entries));
  files["[Content_Types].xml"] = strToU8(
    ct.replace("</Types>", '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>')
  );
  const ids = [...rels.matchAll(/Id="rId(\d+)"/g)].map((m) => Number(m[1]));
  const id = `rId${Math.max(0, ...ids) + 1}`;
  files["_rels/.rels"] = strToU8(
    rels.replace("</Relationships>", `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>`)
  );
  return zipSync(files, { level: 6 });
}

/** A (filled) model as .xlsx bytes: print names mended, the stamp as custom document properties. */
export async function modelBuffer(model: TemplateModel): Promise<Uint8Array> {
  const raw = new Uint8Array(await workbookBuffer(await modelWorkbook(model)));
  return model.stamp ? withCustomProperties(raw, model.stamp) : raw;
}

export async function templateBuffer(scheme: Scheme, opts: TemplateOptions): Promise<Buffer> {
  const { workbook } = await templateWorkbook(scheme, opts);
  return workbookBuffer(workbook);
}

/**
 * Reads a filled template (.xlsx) with ExcelJS through the workbook names (contract.ts), and checks
 * every formula of the template model against the file, so a workbook whose weights or formulas were
 * altered is reported rather than trusted.
 */
import ExcelJS from "exceljs";
import type { Scheme } from "../../scheme/types";
import { finding, type AssessmentInput, type Finding } from "../../engine";
import { NAMES, type RangeSnapshot, type WorkbookSnapshot } from "../contract";
import { parseArea, quoteSheet, splitAddress } from "../a1";
import { assessmentFromSnapshot, expectedModel, formulaFindings, locateFindings } from "../snapshot";

/** At most this many "formula altered" findings are listed one by one. */
const MAX_FORMULA_FINDINGS = 20;

/** A cell's value as a reader of the contract expects it: number, text, boolean or null. */
export function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") {
    if ("richText" in v && Array.isArray(v.richText)) return v.richText.map((p) => p.text).join("");
    if ("formula" in v || "sharedFormula" in v) return cellValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ("error" in v) return (v as ExcelJS.CellErrorValue).error;
    if ("text" in v) return (v as { text: string }).text;
  }
  return String(v);
}

/** The formula of a cell ("=…"), or undefined when it holds a value. */
function cellFormula(cell: ExcelJS.Cell): string | undefined {
  const f = cell.formula;
  return f ? `=${f}` : undefined;
}

/** The named ranges of a workbook as a snapshot (values and formulas). */
export function snapshotOf(wb: ExcelJS.Workbook): WorkbookSnapshot {
  const snap: WorkbookSnapshot = { ranges: {} };
  const wanted = new Set<string>(Object.values(NAMES));
  for (const dn of wb.definedNames.model as { name: string; ranges: string[] }[]) {
    if (!wanted.has(dn.name) || dn.ranges.length !== 1) continue;
    const { sheet, ref } = splitAddress(dn.ranges[0]);
    const ws = sheet ? wb.getWorksheet(sheet) : undefined;
    if (!ws || !sheet) continue;
    const a = parseArea(ref);
    const values: unknown[][] = [];
    const formulas: unknown[][] = [];
    for (let r = a.top; r <= a.bottom; r++) {
      const vr: unknown[] = [];
      const fr: unknown[] = [];
      for (let c = a.left; c <= a.right; c++) {
        const cell = ws.getCell(r, c);
        const v = cellValue(cell.value);
        vr.push(v);
        fr.push(cellFormula(cell) ?? v);
      }
      values.push(vr);
      formulas.push(fr);
    }
    const range: RangeSnapshot = { address: `${quoteSheet(sheet)}!${ref}`, values, formulas };
    snap.ranges[dn.name] = range;
  }
  return snap;
}

/** Every formula cell of the template model, compared with the file. */
export function workbookFormulaFindings(wb: ExcelJS.Workbook, snap: WorkbookSnapshot, scheme: Scheme): Finding[] {
  const model = expectedModel(snap, scheme, "zh-CN");
  if (!model) return [];
  const found = new Map<string, unknown>();
  for (const sh of model.sheets) {
    const ws = wb.getWorksheet(sh.name);
    if (!ws) continue;
    for (const c of sh.cells) {
      if (c.formula === undefined) continue;
      const cell = ws.getCell(c.ref);
      found.set(`${quoteSheet(sh.name)}!${c.ref}`, cellFormula(cell) ?? cellValue(cell.value));
    }
  }
  const fs = formulaFindings(found, scheme, snap);
  if (fs.length <= MAX_FORMULA_FINDINGS) return fs;
  return [
    ...fs.slice(0, MAX_FORMULA_FINDINGS),
    finding("altered", "error", {
      zh: `另有 ${fs.length - MAX_FORMULA_FINDINGS} 个公式与模板不一致`,
      en: `${fs.length - MAX_FORMULA_FINDINGS} more formulas differ from the template's`,
    }),
  ];
}

/** What reading a workbook gives: the assessment, findings, and a way to put cell addresses on the engine's findings. */
export interface WorkbookRead {
  input: AssessmentInput | null;
  findings: Finding[];
  /** adds the cell address to findings that name a rater and item, or a clause */
  locate: (findings: Finding[]) => Finding[];
}

/** Reads an ExcelJS workbook: the assessment and the findings (names, shapes, weights, formulas). */
export function readWorkbook(wb: ExcelJS.Workbook, scheme: Scheme): WorkbookRead {
  const snap = snapshotOf(wb);
  // the named output cells are checked as part of the whole-workbook comparison below
  const bare: WorkbookSnapshot = { ranges: {} };
  for (const [k, v] of Object.entries(snap.ranges)) if (v) bare.ranges[k] = { address: v.address, values: v.values };
  const read = assessmentFromSnapshot(bare, scheme);
  const findings = [...read.findings, ...workbookFormulaFindings(wb, snap, scheme)];
  return { input: read.input, findings, locate: (fs) => locateFindings(fs, snap, scheme) };
}

export async function readWorkbookFile(path: string, scheme: Scheme): Promise<WorkbookRead> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return {
      input: null,
      findings: [finding("bad-field", "error", { zh: `无法读取 .xlsx 文件：${msg}`, en: `cannot read the .xlsx file: ${msg}` }, { field: path })],
      locate: (fs) => fs,
    };
  }
  return readWorkbook(wb, scheme);
}


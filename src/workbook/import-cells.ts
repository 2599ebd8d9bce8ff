/**
 * Cell-level helpers of the pane's import (./import-plan.ts): the input cells of a template model by
 * workbook name, the raw content of a cell as a reader gives it (a value, or the formula of the
 * auditor's own workbook), the rows of a sources sheet, and which sheets of a template change when its
 * column count changes. Pure: no Office.js, DOM or Node APIs.
 */
import type { SourceRecord } from "../engine";
import type { RangeSnapshot } from "./contract";
import { a1, col as colLetters, parseArea } from "./a1";
import type { Scheme } from "../scheme/types";
import { buildTemplate, type CellModel, type SheetModel, type TemplateModel } from "./model";

/**
 * One input cell as read from the open workbook: a value (number, text, boolean, null for blank) or
 * a formula the auditor typed into an input cell ({ f: "0.5+0.4" }, without "="), kept as a formula.
 */
export type RawCell = string | number | boolean | null | { f: string };

export type Grid = RawCell[][];

export const isFormula = (c: RawCell): c is { f: string } => typeof c === "object" && c !== null;

export const blankCell = (c: unknown): boolean => c === null || c === undefined || (typeof c === "string" && c.trim() === "");

/**
 * The raw grid of a named range as a reader gave it. A cell is a formula when the reader's formula
 * text starts with "=" and differs from its value (a text cell "=x" typed with a leading apostrophe
 * reads back as "=x" in both, and stays text).
 */
export function rawGrid(range: RangeSnapshot | undefined): Grid | null {
  if (!range || range.unread) return null;
  return range.values.map((row, i) =>
    (Array.isArray(row) ? row : []).map((v, j): RawCell => {
      const f = range.formulas?.[i]?.[j];
      if (typeof f === "string" && f.startsWith("=") && f !== v) return { f: f.slice(1) };
      if (v === undefined || v === "") return null;
      if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v === null) return v;
      return String(v);
    })
  );
}

/** rows × cols of nulls */
export const blankGrid = (rows: number, cols: number): Grid => Array.from({ length: rows }, () => new Array<RawCell>(cols).fill(null));

/** The input names of a model (every cell of the name is an input) with their sheet, area and size. */
export function inputNames(model: TemplateModel): { name: string; sheet: string; ref: string; rows: number; cols: number }[] {
  const cells = new Map(model.sheets.map((sh) => [sh.name, new Map(sh.cells.map((c) => [c.ref, c]))]));
  const out: { name: string; sheet: string; ref: string; rows: number; cols: number }[] = [];
  for (const n of model.names) {
    const a = parseArea(n.ref);
    const m = cells.get(n.sheet);
    let all = !!m;
    for (let r = a.top; all && r <= a.bottom; r++) for (let c = a.left; all && c <= a.right; c++) all = !!m?.get(a1(c, r))?.input;
    if (all) out.push({ name: n.name, sheet: n.sheet, ref: n.ref, rows: a.bottom - a.top + 1, cols: a.right - a.left + 1 });
  }
  return out;
}

/** The values a filled model holds in a name's cells (row-major; blank as null). */
export function modelGrid(model: TemplateModel, name: string): Grid | null {
  const n = model.names.find((x) => x.name === name);
  const sh = n && model.sheets.find((s) => s.name === n.sheet);
  if (!n || !sh) return null;
  const a = parseArea(n.ref);
  const cells = new Map(sh.cells.map((c) => [c.ref, c]));
  const out: Grid = [];
  for (let r = a.top; r <= a.bottom; r++) {
    const row: RawCell[] = [];
    for (let c = a.left; c <= a.right; c++) {
      const cell = cells.get(a1(c, r));
      const v = cell?.formula !== undefined ? { f: cell.formula } : (cell?.value ?? null);
      row.push(v === "" ? null : (v as RawCell));
    }
    out.push(row);
  }
  return out;
}

/**
 * A copy of the model with the input cells of the given names set (cells outside a grid, or grids of
 * names the model lacks, are ignored; a grid larger than its name is cut to it). Only input cells are
 * touched: a grid can never change a formula, a weight or a label of the template.
 */
export function fillInputs(model: TemplateModel, grids: Partial<Record<string, Grid>>): TemplateModel {
  const sheets = model.sheets.map((sh) => ({ ...sh, cells: sh.cells.map((c) => ({ ...c })) }));
  const bySheet = new Map(sheets.map((sh) => [sh.name, new Map(sh.cells.map((c) => [c.ref, c]))]));
  for (const n of model.names) {
    const g = grids[n.name];
    if (!g) continue;
    const a = parseArea(n.ref);
    const cells = bySheet.get(n.sheet);
    for (let r = a.top; r <= a.bottom; r++) {
      for (let c = a.left; c <= a.right; c++) {
        const cell = cells?.get(a1(c, r));
        if (!cell?.input) continue;
        const v = g[r - a.top]?.[c - a.left] ?? null;
        delete cell.formula;
        if (isFormula(v)) {
          cell.formula = v.f;
          cell.value = null;
        } else cell.value = v;
      }
    }
  }
  return { ...model, sheets };
}

/** The rows of a sources sheet as read (values, row-major, from its first cell), as records. */
export function sourcesFromValues(values: unknown[][], scheme: Scheme, lang: TemplateModel["lang"]): SourceRecord[] {
  const { header, columns } = sourcesLayout(scheme, lang);
  const out: SourceRecord[] = [];
  for (let r = header; r < values.length; r++) {
    const row = values[r] ?? [];
    const rec: Record<string, string> = {};
    for (const [key, c] of columns) {
      const v = row[c - 1];
      if (!blankCell(v)) rec[key] = String(v);
    }
    if (!Object.keys(rec).length) break; // the rows are written without gaps: the first blank row ends them
    out.push({ file: rec.file ?? "", sha256: rec.sha256 ?? "", verdict: rec.verdict ?? "", ...pickDefined(rec, ["formId", "rater", "kind", "date"]) });
  }
  return out;
}

function pickDefined(rec: Record<string, string>, keys: string[]): Partial<SourceRecord> {
  const out: Record<string, string> = {};
  for (const k of keys) if (rec[k] !== undefined) out[k] = rec[k];
  return out;
}

const LAYOUTS = new Map<string, { header: number; columns: [string, number][]; headings: string[] }>();

/**
 * The rows of a sheet read as a sources sheet (values from its first cell), or null when it is not a
 * sources sheet this tool wrote: its heading row must be the model's, in either language.
 */
export function sourcesRows(values: unknown[][], scheme: Scheme): SourceRecord[] | null {
  for (const lang of ["zh-CN", "en-US"] as const) {
    const l = sourcesLayout(scheme, lang);
    const head = values[l.header - 1] ?? [];
    if (l.columns.every(([, c], i) => head[c - 1] === l.headings[i])) return sourcesFromValues(values, scheme, lang);
  }
  return null;
}

/**
 * Where the sources sheet puts each field: learnt from the model itself (a sheet written for one
 * record whose every field holds its own key), so the column order lives only in model/sources.ts.
 * `header` is the 1-based row of the first record less one, i.e. the rows before the records.
 */
export function sourcesLayout(scheme: Scheme, lang: TemplateModel["lang"]): { header: number; columns: [string, number][]; headings: string[] } {
  const key = `${scheme.id}|${lang}`;
  let l = LAYOUTS.get(key);
  if (l) return l;
  const probe: SourceRecord = { file: "file", sha256: "sha256", formId: "formId", rater: "rater", kind: "kind", date: "date", verdict: "verdict" };
  const sh = buildTemplate(scheme, { raters: 1, lang, kind: "form", sources: [probe] }).sheets.find((x) => x.key === "sources");
  if (!sh) throw new Error("the template model has no sources sheet");
  const columns: [string, number][] = [];
  let row = 0;
  for (const c of sh.cells) {
    if (typeof c.value === "string" && c.value in probe && (probe as unknown as Record<string, string>)[c.value] === c.value) {
      const p = /^([A-Z]+)(\d+)$/.exec(c.ref);
      if (!p) continue;
      row = Number(p[2]);
      columns.push([c.value, [...p[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0)]);
    }
  }
  // the heading of each column: the row above the first record
  const headings = columns.map(([, c]) => {
    const ref = `${colLetters(c)}${row - 1}`;
    const v = sh.cells.find((x) => x.ref === ref)?.value;
    return typeof v === "string" ? v : "";
  });
  l = { header: row - 1, columns, headings };
  LAYOUTS.set(key, l);
  return l;
}

/** How one sheet of the template differs between two models of the same workbook. */
export type SheetChange = { kind: "same" } | { kind: "cells"; cells: CellModel[] } | { kind: "rebuild" };

const cellKey = (c: CellModel) => JSON.stringify([c.value ?? null, c.formula ?? null]);
const shapeKey = (c: CellModel) => JSON.stringify([c.ref, c.input ?? false, c.style ?? null, c.numFmt ?? null]);

/**
 * "same" when the sheet is identical; "cells" when only some cells' values or formulas differ (the
 * cells of the second model are listed); "rebuild" when anything else differs (columns, rows,
 * merges, formats, validations, print area …).
 */
export function sheetChange(a: SheetModel, b: SheetModel): SheetChange {
  if (JSON.stringify(a) === JSON.stringify(b)) return { kind: "same" };
  const rest = (s: SheetModel) => JSON.stringify({ ...s, cells: s.cells.map(shapeKey) });
  if (rest(a) !== rest(b)) return { kind: "rebuild" };
  const cells = b.cells.filter((c, i) => cellKey(c) !== cellKey(a.cells[i]));
  return { kind: "cells", cells };
}

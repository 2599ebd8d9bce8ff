/**
 * The import of returned forms into the preview's in-memory workbook: the same plan the Office port
 * carries out (../workbook/import-plan.ts), applied by replacing the workbook with the plan's model of
 * the workbook after the import. Loaded on first use (MemoryPort.readForImport / importForms).
 */
import type { Scheme } from "../scheme/types";
import { MAX_SOURCE_ROWS, planImport, type ImportOutcome, type ImportRequest, type OpenWorkbook } from "../workbook/import-plan";
import { sheetChange, sourcesLayout, sourcesRows } from "../workbook/import-cells";
import type { MemoryPort } from "./memory-port";

/** What the import needs to know about the in-memory workbook (as the Office port reads it). */
export function openWorkbookOf(port: MemoryPort, scheme: Scheme): OpenWorkbook {
  const list = port.sheetList();
  const src = list.find((s) => s.key === "sources");
  let sources: OpenWorkbook["sources"] = null;
  if (src) {
    const l = sourcesLayout(scheme, "zh-CN");
    const rows = sourcesRows(port.valuesOf(src.name, l.header + MAX_SOURCE_ROWS + 1, Math.max(...l.columns.map(([, c]) => c))), scheme);
    if (rows) sources = { sheet: src.name, rows };
  }
  return { snapshot: port.readNow(), stamp: null, sheets: list.map((s) => s.name), sources };
}

/** Plans the import on the workbook as it is now and, unless refused, applies it. */
export function importInto(port: MemoryPort, req: ImportRequest, scheme: Scheme): ImportOutcome {
  const plan = planImport(openWorkbookOf(port, scheme), req, scheme);
  if (plan.refusals.length || !plan.afterModel || !plan.beforeModel) return { plan, written: false };
  const before = new Map(plan.beforeModel.sheets.map((s) => [s.name, s]));
  const changes = { rebuilt: [] as string[], patched: [] as string[], added: [] as string[], deleted: [] as string[], names: [] as string[], properties: [] as string[] };
  for (const sh of plan.afterModel.sheets) {
    const b = before.get(sh.name);
    const c = b ? sheetChange(b, sh) : null;
    if (!c) changes.added.push(sh.name);
    else if (c.kind === "cells") changes.patched.push(sh.name);
    else if (c.kind === "rebuild") changes.rebuilt.push(sh.name);
  }
  const names = new Map(plan.beforeModel.names.map((n) => [n.name, `${n.sheet}!${n.ref}`]));
  for (const n of plan.afterModel.names) if (names.get(n.name) !== `${n.sheet}!${n.ref}`) changes.names.push(n.name);
  port.load(plan.afterModel);
  return { plan, written: true, changes };
}

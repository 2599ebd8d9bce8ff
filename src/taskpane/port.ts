/**
 * What the pane needs from a workbook. Two implementations: Office (Excel.run) and an in-memory
 * preview workbook for a plain browser. The pane never touches Office.js directly.
 */
import type { Text } from "../scheme/types";
import type { WorkbookSnapshot } from "../workbook/contract";
import type { ImportOutcome, ImportRequest, OpenWorkbook } from "../workbook/import-plan";
import { splitAddress } from "../workbook/a1";
import { cellAt, locate } from "../workbook/snapshot";

export interface InsertedSheet {
  key: string;
  name: string;
  renamed: boolean;
}

/** The sheets an insert created; `warnings` (zh/en) say what did not work but needed no rollback. */
export type InsertedSheets = InsertedSheet[] & { warnings?: Text[] };

export interface WorkbookPort {
  readonly kind: "office" | "preview";
  /** insert the scoring templates for `raters` raters; returns the sheets created */
  insertTemplates(raters: number): Promise<InsertedSheets>;
  /** every contract name the workbook has, read at once */
  read(): Promise<WorkbookSnapshot>;
  /** calls `cb` (debounced) when a template sheet changes; returns an unsubscribe function */
  onChanged(cb: () => void): () => void;
  /** selects a cell or range, "'Sheet'!C5" */
  select(address: string): Promise<void>;
  /** shows a sheet by name */
  activate(sheet: string): Promise<void>;
  /**
   * What an import of returned forms needs to know about the open workbook (its names, sheets, stamp
   * and sources sheet), read without writing: the pane plans and previews the import on it.
   */
  readForImport(): Promise<OpenWorkbook>;
  /**
   * Imports returned forms, all or nothing: reads the workbook again (what `seen` found must still be
   * there), plans the import on that read (../workbook/import-plan.ts) and writes it, or writes
   * nothing when the plan is refused.
   */
  importForms(req: ImportRequest, seen: OpenWorkbook): Promise<ImportOutcome>;
}

export type { ImportOutcome, ImportRequest, OpenWorkbook };

/** The address of the cell at (row i, column j), 0-based, inside a named range's address. */
export function cellIn(address: string, i: number, j: number): string {
  const loc = locate({ address, values: [] });
  if (!loc) throw new Error(`not a range address: ${address}`);
  return cellAt(loc, i, j);
}

/** The sheet name of an address ("" when it has none). */
export function sheetOf(address: string): string {
  return splitAddress(address).sheet ?? "";
}

export { splitAddress, locate };

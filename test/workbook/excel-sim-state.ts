/**
 * The simulated workbook's state (excel-sim.ts): sheets, cells and what a batch step designates.
 * Test helper only.
 */
import { parseArea } from "../../src/workbook/a1";

export interface SimCell {
  /** what was written through `formulas` / `values` (text written with a leading apostrophe: without it) */
  formula?: unknown;
  /** written as text (a leading apostrophe): never a formula or number */
  text?: boolean;
  numFmt?: string;
  font: { name?: string; size?: number; bold?: boolean; italic?: boolean; color?: string };
  fill?: string;
  wrap?: boolean;
  h?: string;
  v?: string;
  locked?: boolean;
}

export interface SimSheet {
  name: string;
  cells: Map<string, SimCell>;
  /** column index → width (points) / hidden */
  cols: Map<number, { width?: number; hidden?: boolean }>;
  rows: Map<number, { height?: number; hidden?: boolean }>;
  /** border segments: "H r,c" = the line above cell (r,c); "V r,c" = the line left of cell (r,c) */
  borders: Map<string, { style?: string; color?: string }>;
  merges: string[];
  validations: { areas: string[]; ignoreBlanks?: boolean; rule?: unknown; prompt?: unknown; errorAlert?: unknown }[];
  conditionalFormats: { areas: string[]; type: string; formula?: string; fill?: string; fontColor?: string }[];
  freeze?: { rows: number; columns: number };
  page: Record<string, unknown>;
  protection?: { options: unknown; password?: string };
  tabColor?: string;
  /** "Visible" unless set ("Hidden", "VeryHidden") */
  visibility?: string;
}

export interface SimFailure {
  /** e.g. "pageLayout.zoom", "worksheets.add", "names.add", "protection.protect" */
  op: string;
  /** the nth matching operation fails (1-based; default 1) */
  nth?: number;
  message?: string;
}

export type Step = { get: string } | { call: string; args: unknown[] };

export const STEPS = Symbol("steps");

export const key = (r: number, c: number) => `${r},${c}`;

export function areasOf(address: string): ReturnType<typeof parseArea>[] {
  return address
    .split(/[,;]/)
    .map((a) => a.trim())
    .filter(Boolean)
    .map((a) => {
      // whole columns "C:E" and whole rows "3:5"
      const cols = /^\$?([A-Z]+):\$?([A-Z]+)$/i.exec(a);
      if (cols) return parseArea(`${cols[1]}1:${cols[2]}1048576`);
      const rows = /^\$?(\d+):\$?(\d+)$/.exec(a);
      if (rows) return parseArea(`A${rows[1]}:XFD${rows[2]}`);
      return parseArea(a.replace(/\$/g, ""));
    });
}

export const isWholeColumns = (address: string) =>
  address.split(/[,;]/).every((a) => /^\$?[A-Z]+:\$?[A-Z]+$/i.test(a.trim()));
export const isWholeRows = (address: string) => address.split(/[,;]/).every((a) => /^\$?\d+:\$?\d+$/.test(a.trim()));

export function newSheet(name: string): SimSheet {
  return {
    name,
    cells: new Map(),
    cols: new Map(),
    rows: new Map(),
    borders: new Map(),
    merges: [],
    validations: [],
    conditionalFormats: [],
    page: {},
  };
}

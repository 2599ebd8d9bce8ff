/**
 * How one sheet of the template model is written through Office.js with few, small requests: pure
 * planning, no Office.js here (insert.ts turns the plan into calls).
 *
 * Formats are planned per property, not per cell: for each property (font size, fill colour, bold,
 * alignment, border, lock …) and each value it takes, the cells with that value are covered by
 * rectangles, and the rectangles are joined into multi-area addresses ("A5:C23,F5:H23") that one
 * `Worksheet.getRanges` call (RangeAreas, ExcelApi 1.9) carries. Each cell ends with exactly the
 * values the model gives it and nothing on the cells the model leaves plain, as the earlier per-run
 * writer did, in a request a fraction of the size.
 */
import { area, col as colName, parseCell } from "../a1";
import type { CellModel, SheetModel } from "../model";

/**
 * Longest multi-area address passed to one getRanges call. Microsoft documents no limit for
 * getRanges (getRange: 8,192 characters); reports of getRanges failing on long lists of areas exist
 * (OfficeDev/office-js#5198), and 255 characters is the limit of a reference string elsewhere in
 * Excel, so the plan stays at or below it.
 */
export const MAX_AREAS_ADDRESS = 255;

/** The font every styled cell gets (as in the .xlsx writer). */
export const FONT_NAME = "Microsoft YaHei";
export const BORDER_COLOR = "#A6A6A6";

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const KEY = 20000; // > 16,384 columns
const keyOf = (r: number, c: number) => r * KEY + c;

/** Greedy rectangles: from each uncovered cell, as far right (or down) as possible, then as far down (right). */
function greedy(cells: Set<number>, rowsFirst: boolean): Rect[] {
  const order = [...cells].sort((a, b) => {
    const [ra, ca, rb, cb] = [Math.floor(a / KEY), a % KEY, Math.floor(b / KEY), b % KEY];
    return rowsFirst ? ra - rb || ca - cb : ca - cb || ra - rb;
  });
  const done = new Set<number>();
  const free = (r: number, c: number) => cells.has(keyOf(r, c)) && !done.has(keyOf(r, c));
  const out: Rect[] = [];
  for (const k of order) {
    if (done.has(k)) continue;
    const top = Math.floor(k / KEY);
    const left = k % KEY;
    let bottom = top;
    let right = left;
    if (rowsFirst) {
      while (free(top, right + 1)) right++;
      const rowFree = (r: number) => {
        for (let c = left; c <= right; c++) if (!free(r, c)) return false;
        return true;
      };
      while (rowFree(bottom + 1)) bottom++;
    } else {
      while (free(bottom + 1, left)) bottom++;
      const colFree = (c: number) => {
        for (let r = top; r <= bottom; r++) if (!free(r, c)) return false;
        return true;
      };
      while (colFree(right + 1)) right++;
    }
    for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) done.add(keyOf(r, c));
    out.push({ top, left, bottom, right });
  }
  return out;
}

/** Disjoint rectangles covering exactly the given cells (the smaller of two greedy covers). */
export function cover(cells: Iterable<{ r: number; c: number }>): Rect[] {
  const set = new Set<number>();
  for (const { r, c } of cells) set.add(keyOf(r, c));
  if (set.size === 0) return [];
  const a = greedy(set, true);
  const b = greedy(set, false);
  return b.length < a.length ? b : a;
}

export const rectAddress = (x: Rect): string => area(x.left, x.top, x.right, x.bottom);

/** Addresses joined by "," into chunks of at most `max` characters (one rectangle may stand alone). */
export function chunkAddresses(parts: string[], max = MAX_AREAS_ADDRESS): string[] {
  const out: string[] = [];
  let cur = "";
  for (const p of parts) {
    if (cur && cur.length + 1 + p.length > max) {
      out.push(cur);
      cur = "";
    }
    cur = cur ? `${cur},${p}` : p;
  }
  if (cur) out.push(cur);
  return out;
}

/** The format properties the writer sets, as Office.js names them under Range.format. */
export type FormatProp =
  | "font.name"
  | "font.size"
  | "font.bold"
  | "font.italic"
  | "font.color"
  | "fill.color"
  | "wrapText"
  | "horizontalAlignment"
  | "verticalAlignment"
  | "protection.locked"
  | "borders";

export interface FormatGroup {
  prop: FormatProp;
  value: string | number | boolean;
  /** multi-area addresses, each within MAX_AREAS_ADDRESS */
  addresses: string[];
}

const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", middle: "Center", bottom: "Bottom" } as const;
const hex = (rgb: string) => `#${rgb}`;

/** The value of each property on one cell (absent: the writer leaves it alone). */
function propsOf(cell: CellModel): [FormatProp, string | number | boolean][] {
  const out: [FormatProp, string | number | boolean][] = [];
  const styled = !!(cell.style || cell.numFmt || cell.input);
  const s = cell.style ?? {};
  if (styled) {
    out.push(["font.name", FONT_NAME], ["font.size", s.size ?? 10]);
    if (s.bold) out.push(["font.bold", true]);
    if (s.italic) out.push(["font.italic", true]);
    if (s.color) out.push(["font.color", hex(s.color)]);
    if (s.fill) out.push(["fill.color", hex(s.fill)]);
    if (s.wrap) out.push(["wrapText", true]);
    if (s.h) out.push(["horizontalAlignment", H_ALIGN[s.h]]);
    if (s.v) out.push(["verticalAlignment", V_ALIGN[s.v]]);
    if (s.border) out.push(["borders", true]);
  }
  if (cell.input) out.push(["protection.locked", false]);
  return out;
}

/** Every (property, value) of the sheet with the cells that take it, as multi-area addresses. */
export function formatGroups(sh: SheetModel, max = MAX_AREAS_ADDRESS): FormatGroup[] {
  const groups = new Map<string, { prop: FormatProp; value: string | number | boolean; cells: { r: number; c: number }[] }>();
  for (const cell of sh.cells) {
    const p = parseCell(cell.ref);
    for (const [prop, value] of propsOf(cell)) {
      const k = JSON.stringify([prop, value]);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { prop, value, cells: [] }));
      g.cells.push(p);
    }
  }
  return [...groups.values()].map((g) => ({ prop: g.prop, value: g.value, addresses: chunkAddresses(cover(g.cells).map(rectAddress), max) }));
}

/** Runs of consecutive indexes: [3,4,5,9] → [[3,5],[9,9]]. */
export function runs(indexes: number[]): [number, number][] {
  const xs = [...new Set(indexes)].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const x of xs) {
    const last = out[out.length - 1];
    if (last && x === last[1] + 1) last[1] = x;
    else out.push([x, x]);
  }
  return out;
}

const colRun = ([a, b]: [number, number]) => `${colName(a)}:${colName(b)}`;
const rowRun = ([a, b]: [number, number]) => `${a}:${b}`;

export interface DimensionPlan {
  /** points → whole-column (or whole-row) multi-area addresses */
  sizes: { size: number; addresses: string[] }[];
  /** whole-column (or whole-row) runs to hide, one contiguous run each (RangeAreas has no hidden flag) */
  hidden: string[];
}

/** Column widths (points, by `toPoints`) grouped by value; hidden columns as runs. */
export function columnPlan(sh: SheetModel, toPoints: (chars: number) => number, max = MAX_AREAS_ADDRESS): DimensionPlan {
  const bySize = new Map<number, number[]>();
  for (const c of sh.columns) {
    const w = toPoints(c.width);
    bySize.set(w, [...(bySize.get(w) ?? []), c.index]);
  }
  return {
    sizes: [...bySize].map(([size, idx]) => ({ size, addresses: chunkAddresses(runs(idx).map(colRun), max) })),
    hidden: runs(sh.columns.filter((c) => c.hidden).map((c) => c.index)).map(colRun),
  };
}

/** Row heights grouped by value; hidden rows as runs. */
export function rowPlan(sh: SheetModel, max = MAX_AREAS_ADDRESS): DimensionPlan {
  const bySize = new Map<number, number[]>();
  for (const r of sh.rows) if (r.height) bySize.set(r.height, [...(bySize.get(r.height) ?? []), r.index]);
  return {
    sizes: [...bySize].map(([size, idx]) => ({ size, addresses: chunkAddresses(runs(idx).map(rowRun), max) })),
    hidden: runs(sh.rows.filter((r) => r.hidden).map((r) => r.index)).map(rowRun),
  };
}

/**
 * Text Excel would turn into something else when written through `formulas`: a number ("1.1", "2.0"),
 * a date or time, a percentage or currency, TRUE/FALSE, or a formula. Such text needs the "@" format.
 */
export function coercible(text: string): boolean {
  const t = text.trim();
  if (/^[=+\-@]/.test(t)) return true;
  if (/^(true|false)$/i.test(t)) return true;
  return t !== "" && /^[\d\s.,:/%$¥€£()eE年月日时分秒-]+$/.test(t);
}

/** Bytes one more write costs (its range object and its action), against ~3 bytes per empty cell written. */
const BOX_COST = 250;

/**
 * The values and formulas of one sheet as few 2-D writes: the rows are cut into bands (by dynamic
 * programming on the bytes of empty cells written against the cost of one more write), each band one
 * rectangle from column A to its rightmost used column. Number formats come as rectangles per format
 * (cells left General are not written): "@" only on text that Excel would otherwise convert (item ids
 * "1.1", versions "2.0"); insert.ts sets them before the values.
 */
export function cellGrids(sh: SheetModel): { boxes: { address: string; formulas: (string | number | boolean)[][] }[]; numberFormats: { format: string; rects: Rect[] }[] } {
  const content = new Map<number, Map<number, string | number | boolean>>();
  const byFormat = new Map<string, { r: number; c: number }[]>();
  let bottom = 0;
  for (const c of sh.cells) {
    const p = parseCell(c.ref);
    const v = c.formula !== undefined ? `=${c.formula}` : c.value !== undefined && c.value !== null && c.value !== "" ? c.value : undefined;
    if (v !== undefined) {
      const row = content.get(p.r) ?? new Map();
      row.set(p.c, v);
      content.set(p.r, row);
      bottom = Math.max(bottom, p.r);
    }
    const fmt = typeof c.value === "string" && coercible(c.value) ? "@" : c.numFmt;
    if (fmt && fmt !== "General") {
      const list = byFormat.get(fmt) ?? [];
      list.push(p);
      byFormat.set(fmt, list);
    }
  }
  const right = (r: number) => Math.max(0, ...(content.get(r)?.keys() ?? []));
  // best[j]: least cost of writing rows 1..j; cut[j]: where the last band starts
  const best = new Array<number>(bottom + 1).fill(0);
  const cut = new Array<number>(bottom + 1).fill(1);
  for (let j = 1; j <= bottom; j++) {
    best[j] = Infinity;
    let width = 0;
    let used = 0;
    for (let i = j; i >= 1; i--) {
      width = Math.max(width, right(i));
      used += content.get(i)?.size ?? 0;
      const cost = best[i - 1] + BOX_COST + 3 * ((j - i + 1) * Math.max(1, width) - used);
      if (cost < best[j]) {
        best[j] = cost;
        cut[j] = i;
      }
    }
  }
  const boxes: { address: string; formulas: (string | number | boolean)[][] }[] = [];
  for (let j = bottom; j >= 1; j = cut[j] - 1) {
    const i = cut[j];
    let width = 1;
    for (let r = i; r <= j; r++) width = Math.max(width, right(r));
    if (![...Array(j - i + 1).keys()].some((k) => content.has(i + k))) continue;
    const formulas = Array.from({ length: j - i + 1 }, (_, k) => Array.from({ length: width }, (_, c) => content.get(i + k)?.get(c + 1) ?? ""));
    boxes.unshift({ address: area(1, i, width, j), formulas });
  }
  const numberFormats = [...byFormat.entries()].map(([format, cells]) => ({ format, rects: cover(cells) }));
  return { boxes, numberFormats };
}

/**
 * The sheet's merges as few calls: single-row merges over the same columns in consecutive rows become
 * one block merged row by row (`Range.merge(true)`, ExcelApi 1.2: "merge cells in each row of the
 * specified range as separate merged cells"); every other merge stays one `merge(false)`.
 */
export function mergePlan(sh: SheetModel): { address: string; across: boolean }[] {
  const single = new Map<string, number[]>();
  const out: { address: string; across: boolean }[] = [];
  for (const m of sh.merges) {
    const [a, b] = m.split(":");
    const p = parseCell(a);
    const q = parseCell(b ?? a);
    if (p.r === q.r) {
      const key = `${p.c}:${q.c}`;
      single.set(key, [...(single.get(key) ?? []), p.r]);
    } else out.push({ address: m, across: false });
  }
  for (const [key, rows] of single) {
    const [c1, c2] = key.split(":").map(Number);
    rows.sort((x, y) => x - y);
    let start = rows[0];
    for (let i = 1; i <= rows.length; i++) {
      if (i < rows.length && rows[i] === rows[i - 1] + 1) continue;
      const end = rows[i - 1];
      out.push({ address: area(c1, start, c2, end), across: end > start });
      start = rows[i];
    }
  }
  return out;
}

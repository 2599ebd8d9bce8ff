/** Where a named range of a snapshot sits, and the address of a cell inside it. */
import type { RangeSnapshot } from "./contract";
import { a1, parseArea, quoteSheet, splitAddress } from "./a1";

/** Where a named range sits: sheet name and top-left corner. */
export interface Located {
  sheet: string;
  top: number;
  left: number;
  rows: number;
  cols: number;
}

export function locate(range: RangeSnapshot): Located | null {
  try {
    const { sheet, ref } = splitAddress(range.address);
    const p = parseArea(ref);
    return { sheet: sheet ?? "", top: p.top, left: p.left, rows: p.bottom - p.top + 1, cols: p.right - p.left + 1 };
  } catch {
    return null;
  }
}

/** "'Sheet'!F9" for row i, column j (0-based) inside a located range. */
export function cellAt(loc: Located, i: number, j: number): string {
  return `${quoteSheet(loc.sheet)}!${a1(loc.left + j, loc.top + i)}`;
}


/**
 * Reading what Excel passes to a custom function: scalars, ranges (2-D arrays), blanks ("" or null),
 * numbers written as text and error values from cells. Faults are thrown as #VALUE! / #N/A with a
 * message that names the parameter, the position and the fault.
 */
import { isBlank } from "../engine";
import type { Text } from "../scheme/types";
import { cellError, invalid, notAvailable } from "./errors";

const NUMERIC_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Both languages of a short phrase. */
const t = (zh: string, en: string): Text => ({ zh, en });

/** Throws for an Excel error value: #N/A stays #N/A (an incomplete input upstream), others become #VALUE!. */
export function rejectError(v: unknown, where: Text): void {
  const e = cellError(v);
  if (!e) return;
  const up = e.message ? ` (${e.message})` : "";
  const msg = t(`${where.zh} 为错误值 ${e.code}${up}`, `${where.en} holds the error ${e.code}${up}`);
  if (e.code === "#N/A") notAvailable(msg);
  invalid(msg);
}

/**
 * A cell value as a plain value. The generated metadata allows custom data for `any` parameters, so
 * Excel may pass a data type (a formatted number, an entity…) as an object; its `basicValue` is what
 * the cell shows.
 */
export function plain(v: unknown): unknown {
  if (typeof v === "object" && v !== null && !Array.isArray(v) && "basicValue" in v) {
    return (v as { basicValue: unknown }).basicValue;
  }
  return v;
}

/** A scalar parameter: error values thrown, data types unwrapped. */
export function readScalar(v: unknown, where: Text): unknown {
  rejectError(v, where);
  return plain(v);
}

/** A parameter's name in messages. */
export const param = (name: string): Text => t(`参数 ${name}`, `${name}`);

/**
 * A number from a scalar parameter: a finite number or numeric text. Blank is #N/A ("not there yet"),
 * anything else #VALUE!.
 */
export function readNumber(raw: unknown, where: Text): number {
  const v = readScalar(raw, where);
  if (isBlank(v)) notAvailable(t(`${where.zh} 为空`, `${where.en} is blank`));
  let n: number | undefined;
  if (typeof v === "number") n = v;
  else if (typeof v === "string" && NUMERIC_TEXT.test(v.trim())) n = Number(v.trim());
  if (n === undefined || !Number.isFinite(n)) {
    const shown = typeof v === "string" ? JSON.stringify(v) : String(v);
    invalid(t(`${where.zh} ${shown} 不是数`, `${where.en} ${shown} is not a number`));
  }
  return n;
}

/** A range as Excel passes it (a 2-D array), or a scalar treated as a 1 × 1 range. */
export interface Grid {
  rows: number;
  cols: number;
  /** row-major cells */
  cells: unknown[];
}

/** Reads a range parameter and rejects error values in it, naming the cell's position. */
export function readGrid(v: unknown, where: Text): Grid {
  let rowsIn: unknown[][];
  if (!Array.isArray(v)) rowsIn = [[v]];
  else if (v.length > 0 && !v.every(Array.isArray)) rowsIn = [v as unknown[]];
  else rowsIn = v as unknown[][];
  const rows = rowsIn.length;
  const cols = rows ? rowsIn[0].length : 0;
  const cells: unknown[] = new Array(rows * cols);
  let k = 0;
  for (let r = 0; r < rows; r++) {
    const row = rowsIn[r];
    if (row.length !== cols) {
      invalid(t(`${where.zh} 不是矩形区域`, `${where.en} is not a rectangular range`));
    }
    for (let c = 0; c < cols; c++) {
      let cell = row[c];
      if (cell !== null && typeof cell === "object") cell = plainCell(cell, r, c, where);
      else if (typeof cell === "string" && cell.charCodeAt(0) === 35 /* # */ && cellError(cell)) {
        plainCell(cell, r, c, where);
      }
      cells[k++] = cell;
    }
  }
  return { rows, cols, cells };
}

function plainCell(cell: unknown, r: number, c: number, where: Text): unknown {
  rejectError(cell, t(`${where.zh} 第 ${r + 1} 行第 ${c + 1} 列`, `${where.en} row ${r + 1}, column ${c + 1}`));
  return plain(cell);
}

/** "19 × 1" */
export const shapeText = (g: Grid): string => `${g.rows} × ${g.cols}`;

/**
 * The cells of a one-row or one-column range of exactly `n` cells. `what` names the cells in the
 * message: "expected 21 levels, got 20".
 */
export function readVector(g: Grid, n: number, what: Text, where: Text): unknown[] {
  const count = g.rows * g.cols;
  if (count !== n) {
    invalid(
      t(`${where.zh}：应为 ${n} 个${what.zh}，实际 ${count} 个`, `${where.en}: expected ${n} ${what.en}, got ${count}`)
    );
  }
  if (g.rows !== 1 && g.cols !== 1) {
    invalid(
      t(
        `${where.zh}：${n} 个${what.zh}应在一列或一行中，实际为 ${shapeText(g)}`,
        `${where.en}: expected ${n} ${what.en} in one column or one row, got ${shapeText(g)}`
      )
    );
  }
  return g.cells;
}

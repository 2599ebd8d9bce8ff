/**
 * Shared formulas (`<f t="shared" si="0" ref="B2:B9">A2*2</f>` in the first cell, `<f t="shared"
 * si="0"/>` in the others) expanded to each cell as Excel does: every relative reference of the
 * master's formula moves by the cell's offset from the master; absolute parts ($A, $1) stay. A
 * reference moved off the sheet becomes #REF!. Strings, quoted sheet names, structured references
 * ([…]), function names (LOG10( …) and defined names are left alone.
 */
import { col as colLetters } from "../a1";

const MAX_COL = 16384;
const MAX_ROW = 1048576;

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** characters that continue a name: a reference must not be glued to one */
const isNameChar = (c: number) => isLetter(c) || isDigit(c) || c === 95 || c === 46 || c === 92 || c === 63 || c > 127;

function scanCol(f: string, i: number): { end: number; abs: boolean; col: number } | null {
  let j = i;
  const abs = f.charCodeAt(j) === 36;
  if (abs) j++;
  const c0 = j;
  let col = 0;
  while (j < f.length && isLetter(f.charCodeAt(j)) && j - c0 < 4) {
    col = col * 26 + ((f.charCodeAt(j) | 32) - 96);
    j++;
  }
  if (j - c0 < 1 || j - c0 > 3 || col > MAX_COL) return null;
  return { end: j, abs, col };
}

function scanRow(f: string, i: number): { end: number; abs: boolean; row: number } | null {
  let j = i;
  const abs = f.charCodeAt(j) === 36;
  if (abs) j++;
  const r0 = j;
  let row = 0;
  while (j < f.length && isDigit(f.charCodeAt(j)) && j - r0 < 8) {
    row = row * 10 + (f.charCodeAt(j) - 48);
    j++;
  }
  if (j === r0 || row < 1 || row > MAX_ROW) return null;
  return { end: j, abs, row };
}

/** A cell reference at i ("$AB$12": column letters, then row digits), or null. */
function scanCell(f: string, i: number): { end: number; colAbs: boolean; col: number; rowAbs: boolean; row: number } | null {
  const c = scanCol(f, i);
  const r = c ? scanRow(f, c.end) : null;
  return c && r ? { end: r.end, colAbs: c.abs, col: c.col, rowAbs: r.abs, row: r.row } : null;
}

const cellText = (colAbs: boolean, col: number, rowAbs: boolean, row: number) =>
  col < 1 || col > MAX_COL || row < 1 || row > MAX_ROW ? "#REF!" : `${colAbs ? "$" : ""}${colLetters(col)}${rowAbs ? "$" : ""}${row}`;

/**
 * The formula `f` moved by (dr, dc) as Excel moves a shared formula: one pass over the text, no
 * intermediate token list (memory is the output only).
 */
export function shiftFormula(f: string, dr: number, dc: number): string {
  let out = "";
  let i = 0;
  const glued = (end: number) => {
    const after = f.charCodeAt(end);
    return end < f.length && (isNameChar(after) || after === 40 || after === 33 || after === 36);
  };
  while (i < f.length) {
    const c = f.charCodeAt(i);
    if (c === 34 || c === 39) {
      // "string" or 'sheet name': copied as is (a doubled quote stays inside)
      let j = i + 1;
      while (j < f.length) {
        if (f.charCodeAt(j) === c) {
          if (f.charCodeAt(j + 1) === c) j += 2;
          else break;
        } else j++;
      }
      out += f.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === 91) {
      // [structured reference] or [external workbook]: nested brackets, copied as is
      let depth = 0;
      let j = i;
      for (; j < f.length; j++) {
        const d = f.charCodeAt(j);
        if (d === 39 && j + 1 < f.length) {
          j++; // ' escapes the next character inside structured references
          continue;
        }
        if (d === 91) depth++;
        else if (d === 93 && --depth === 0) break;
      }
      out += f.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? f.charCodeAt(i - 1) : 0;
    const boundary = i === 0 || !(isNameChar(prev) || prev === 36);
    if (boundary && (c === 36 || isLetter(c) || isDigit(c))) {
      const cell = isDigit(c) ? null : scanCell(f, i);
      if (cell && !glued(cell.end)) {
        out += cellText(cell.colAbs, cell.colAbs ? cell.col : cell.col + dc, cell.rowAbs, cell.rowAbs ? cell.row : cell.row + dr);
        i = cell.end;
        continue;
      }
      // A:B column range
      const ca = isDigit(c) ? null : scanCol(f, i);
      if (ca && f.charCodeAt(ca.end) === 58) {
        const cb = scanCol(f, ca.end + 1);
        if (cb && !glued(cb.end)) {
          const a = ca.abs ? ca.col : ca.col + dc;
          const b = cb.abs ? cb.col : cb.col + dc;
          out += a < 1 || b < 1 || a > MAX_COL || b > MAX_COL ? "#REF!" : `${ca.abs ? "$" : ""}${colLetters(a)}:${cb.abs ? "$" : ""}${colLetters(b)}`;
          i = cb.end;
          continue;
        }
      }
      // 1:3 row range
      const ra = c === 36 || isDigit(c) ? scanRow(f, i) : null;
      if (ra && f.charCodeAt(ra.end) === 58) {
        const rb = scanRow(f, ra.end + 1);
        const after = rb ? f.charCodeAt(rb.end) : 0;
        if (rb && !(rb.end < f.length && (isNameChar(after) || after === 40 || after === 33))) {
          const a = ra.abs ? ra.row : ra.row + dr;
          const b = rb.abs ? rb.row : rb.row + dr;
          out += a < 1 || b < 1 || a > MAX_ROW || b > MAX_ROW ? "#REF!" : `${ra.abs ? "$" : ""}${a}:${rb.abs ? "$" : ""}${b}`;
          i = rb.end;
          continue;
        }
      }
      // a name, function or number: copy the whole run
      let j = i + 1;
      while (j < f.length && (isNameChar(f.charCodeAt(j)) || f.charCodeAt(j) === 36)) j++;
      out += f.slice(i, j);
      i = j;
      continue;
    }
    out += f[i];
    i++;
  }
  return out;
}

/** A shared formula's master: gives the formula of any cell of its range, on demand. */
export class SharedFormula {
  constructor(
    readonly row: number,
    readonly col: number,
    readonly text: string
  ) {}

  /** The formula of the cell at (row, col). */
  at(row: number, col: number): string {
    if (row === this.row && col === this.col) return this.text;
    return shiftFormula(this.text, row - this.row, col - this.col);
  }
}

/**
 * Shared formulas (`<f t="shared" si="0" ref="B2:B9">A2*2</f>` in the first cell, `<f t="shared"
 * si="0"/>` in the others) expanded to each cell as Excel does: every relative reference of the
 * master's formula moves by the cell's offset from the master; absolute parts ($A, $1) stay. A
 * reference moved off the sheet becomes #REF!. Strings, quoted sheet names, structured references
 * ([…]), function names (LOG10( …) and defined names are left alone.
 */

const MAX_COL = 16384;
const MAX_ROW = 1048576;

type Part =
  | { kind: "text"; text: string }
  | { kind: "cell"; colAbs: boolean; col: number; rowAbs: boolean; row: number }
  | { kind: "cols"; a: { abs: boolean; col: number }; b: { abs: boolean; col: number } }
  | { kind: "rows"; a: { abs: boolean; row: number }; b: { abs: boolean; row: number } };

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** characters that continue a name: a reference must not be glued to one */
const isNameChar = (c: number) => isLetter(c) || isDigit(c) || c === 95 || c === 46 || c === 92 || c === 63 || c > 127;

function colLetters(n: number): string {
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** [col letters, row digits] at i: "$AB$12" → end index, or -1 */
function scanCell(f: string, i: number): { end: number; colAbs: boolean; col: number; rowAbs: boolean; row: number } | null {
  let j = i;
  const colAbs = f.charCodeAt(j) === 36;
  if (colAbs) j++;
  const c0 = j;
  let col = 0;
  while (j < f.length && isLetter(f.charCodeAt(j)) && j - c0 < 4) {
    col = col * 26 + ((f.charCodeAt(j) | 32) - 96);
    j++;
  }
  const letters = j - c0;
  if (letters < 1 || letters > 3 || col > MAX_COL) return null;
  const rowAbs = f.charCodeAt(j) === 36;
  if (rowAbs) j++;
  const r0 = j;
  let row = 0;
  while (j < f.length && isDigit(f.charCodeAt(j)) && j - r0 < 8) {
    row = row * 10 + (f.charCodeAt(j) - 48);
    j++;
  }
  if (j === r0 || row < 1 || row > MAX_ROW) return null;
  return { end: j, colAbs, col, rowAbs, row };
}

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

/** The formula split into literal text and references. */
export function tokenizeRefs(f: string): Part[] {
  const parts: Part[] = [];
  let text = "";
  let i = 0;
  const flush = () => {
    if (text) parts.push({ kind: "text", text });
    text = "";
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
      text += f.slice(i, j + 1);
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
      text += f.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? f.charCodeAt(i - 1) : 0;
    const boundary = i === 0 || !(isNameChar(prev) || prev === 36);
    if (boundary && (c === 36 || isLetter(c) || isDigit(c))) {
      const cell = isDigit(c) ? null : scanCell(f, i);
      if (cell) {
        const after = f.charCodeAt(cell.end);
        const glued = cell.end < f.length && (isNameChar(after) || after === 40 || after === 33 || after === 36);
        if (!glued) {
          flush();
          parts.push({ kind: "cell", colAbs: cell.colAbs, col: cell.col, rowAbs: cell.rowAbs, row: cell.row });
          i = cell.end;
          continue;
        }
      }
      // A:B column range
      const ca = isDigit(c) ? null : scanCol(f, i);
      if (ca && f.charCodeAt(ca.end) === 58) {
        const cb = scanCol(f, ca.end + 1);
        const after = cb ? f.charCodeAt(cb.end) : 0;
        if (cb && !(cb.end < f.length && (isNameChar(after) || after === 40 || after === 33 || after === 36))) {
          flush();
          parts.push({ kind: "cols", a: { abs: ca.abs, col: ca.col }, b: { abs: cb.abs, col: cb.col } });
          i = cb.end;
          continue;
        }
      }
      // 1:3 row range
      const ra = c === 36 || isDigit(c) ? scanRow(f, i) : null;
      if (ra && f.charCodeAt(ra.end) === 58) {
        const rb = scanRow(f, ra.end + 1);
        const after = rb ? f.charCodeAt(rb.end) : 0;
        if (rb && !(rb.end < f.length && (isNameChar(after) || after === 40 || after === 33 || after === 46))) {
          flush();
          parts.push({ kind: "rows", a: { abs: ra.abs, row: ra.row }, b: { abs: rb.abs, row: rb.row } });
          i = rb.end;
          continue;
        }
      }
      // a name, function or number: copy the whole run
      let j = i + 1;
      while (j < f.length && (isNameChar(f.charCodeAt(j)) || f.charCodeAt(j) === 36)) j++;
      text += f.slice(i, j);
      i = j;
      continue;
    }
    text += f[i];
    i++;
  }
  flush();
  return parts;
}

/** Renders the parts moved by (dr, dc). */
function render(parts: Part[], dr: number, dc: number): string {
  let out = "";
  for (const p of parts) {
    if (p.kind === "text") out += p.text;
    else if (p.kind === "cell") {
      const col = p.colAbs ? p.col : p.col + dc;
      const row = p.rowAbs ? p.row : p.row + dr;
      if (col < 1 || col > MAX_COL || row < 1 || row > MAX_ROW) out += "#REF!";
      else out += `${p.colAbs ? "$" : ""}${colLetters(col)}${p.rowAbs ? "$" : ""}${row}`;
    } else if (p.kind === "cols") {
      const a = p.a.abs ? p.a.col : p.a.col + dc;
      const b = p.b.abs ? p.b.col : p.b.col + dc;
      if (a < 1 || b < 1 || a > MAX_COL || b > MAX_COL) out += "#REF!";
      else out += `${p.a.abs ? "$" : ""}${colLetters(a)}:${p.b.abs ? "$" : ""}${colLetters(b)}`;
    } else {
      const a = p.a.abs ? p.a.row : p.a.row + dr;
      const b = p.b.abs ? p.b.row : p.b.row + dr;
      if (a < 1 || b < 1 || a > MAX_ROW || b > MAX_ROW) out += "#REF!";
      else out += `${p.a.abs ? "$" : ""}${a}:${p.b.abs ? "$" : ""}${b}`;
    }
  }
  return out;
}

/** A shared formula's master, ready to give the formula of any cell of its range. */
export class SharedFormula {
  private readonly parts: Part[];
  constructor(
    readonly row: number,
    readonly col: number,
    readonly text: string
  ) {
    this.parts = tokenizeRefs(text);
  }

  /** The formula of the cell at (row, col). */
  at(row: number, col: number): string {
    if (row === this.row && col === this.col) return this.text;
    return render(this.parts, row - this.row, col - this.col);
  }
}

/** The formula `f`, written for the cell (r0, c0), as Excel shows it in the cell (r1, c1). */
export function shiftFormula(f: string, dr: number, dc: number): string {
  return render(tokenizeRefs(f), dr, dc);
}

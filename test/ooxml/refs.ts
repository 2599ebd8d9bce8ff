/**
 * Cell references as they appear in SpreadsheetML attributes (ECMA-376 Part 1 §18.18.62 ST_Ref,
 * §18.18.76 ST_Sqref), written here independently of src/workbook/a1.ts so that the checker does not
 * share the product's mistakes. Excel's grid: 1,048,576 rows × 16,384 columns (XFD), per "Excel
 * specifications and limits".
 */
export const MAX_ROW = 1_048_576;
export const MAX_COL = 16_384;

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function colNum(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "B7" (no "$", as in r= attributes) → {row, col}; null when it is not a cell in Excel's grid. */
export function cellRef(ref: string): { row: number; col: number } | null {
  const m = /^([A-Z]{1,3})([1-9][0-9]{0,6})$/.exec(ref);
  if (!m) return null;
  const col = colNum(m[1]);
  const row = Number(m[2]);
  return col <= MAX_COL && row <= MAX_ROW ? { row, col } : null;
}

/** "A1:C3" or "B2" → a rectangle; null when malformed or outside the grid. */
export function rectRef(ref: string): Rect | null {
  const [a, b, extra] = ref.split(":");
  if (extra !== undefined) return null;
  const p = cellRef(a);
  const q = b === undefined ? p : cellRef(b);
  if (!p || !q) return null;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

/** A space-separated list of areas (sqref); null when any is malformed. */
export function sqref(list: string): Rect[] | null {
  const parts = list.trim().split(/\s+/).filter(Boolean);
  if (!parts.length) return null;
  const out: Rect[] = [];
  for (const p of parts) {
    const r = rectRef(p);
    if (!r) return null;
    out.push(r);
  }
  return out;
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const r = {
    top: Math.max(a.top, b.top),
    left: Math.max(a.left, b.left),
    bottom: Math.min(a.bottom, b.bottom),
    right: Math.min(a.right, b.right),
  };
  return r.top <= r.bottom && r.left <= r.right ? r : null;
}

export function colLetters(n: number): string {
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function showRect(r: Rect): string {
  const a = `${colLetters(r.left)}${r.top}`;
  const b = `${colLetters(r.right)}${r.bottom}`;
  return a === b ? a : `${a}:${b}`;
}

/** Pairs of rectangles (from different owners, or the same owner's own list) that overlap. */
export function overlaps<T>(items: { owner: T; rect: Rect }[]): { a: T; b: T; where: Rect }[] {
  const out: { a: T; b: T; where: Rect }[] = [];
  const sorted = [...items].sort((x, y) => x.rect.top - y.rect.top);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j].rect.top <= sorted[i].rect.bottom; j++) {
      const w = intersect(sorted[i].rect, sorted[j].rect);
      if (w) out.push({ a: sorted[i].owner, b: sorted[j].owner, where: w });
    }
  }
  return out;
}

/** A1 addressing helpers shared by the model, the writers and the readers. */

/** 1 → "A", 27 → "AA" */
export function col(n: number): string {
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "AA" → 27 */
export function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** (3, 5) → "C5" */
export const a1 = (c: number, r: number): string => `${col(c)}${r}`;

/** "C5:E9" from corners */
export const area = (c1: number, r1: number, c2: number, r2: number): string =>
  c1 === c2 && r1 === r2 ? a1(c1, r1) : `${a1(c1, r1)}:${a1(c2, r2)}`;

/** "$C$5:$E$9" */
export function absolute(ref: string): string {
  return ref
    .split(":")
    .map((p) => p.replace(/^\$?([A-Z]+)\$?(\d+)$/i, "$$$1$$$2"))
    .join(":");
}

export interface CellPos {
  c: number;
  r: number;
}

/** "$C$5" or "C5" → {c: 3, r: 5} */
export function parseCell(ref: string): CellPos {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(ref.trim());
  if (!m) throw new Error(`not a cell reference: ${ref}`);
  return { c: colNumber(m[1]), r: Number(m[2]) };
}

export interface AreaPos {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "C5:E9" (or one cell) → corners */
export function parseArea(ref: string): AreaPos {
  const [a, b] = ref.split(":");
  const p = parseCell(a);
  const q = b ? parseCell(b) : p;
  return { top: Math.min(p.r, q.r), left: Math.min(p.c, q.c), bottom: Math.max(p.r, q.r), right: Math.max(p.c, q.c) };
}

/** A sheet name as it must appear in a formula or an address: always quoted, quotes doubled. */
export const quoteSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/** "'Sheet'!$C$5:$E$9" → { sheet: "Sheet", ref: "C5:E9" } */
export function splitAddress(address: string): { sheet: string | null; ref: string } {
  const i = address.lastIndexOf("!");
  if (i < 0) return { sheet: null, ref: address.replace(/\$/g, "") };
  let sheet = address.slice(0, i);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, ref: address.slice(i + 1).replace(/\$/g, "") };
}

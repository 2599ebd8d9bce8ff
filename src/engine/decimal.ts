/**
 * Decimal-safe rounding. Scores are sums of products of decimal inputs (0.89 × 5 …) computed in
 * binary floating point, so 89.95 may arrive as 89.94999999999999. A value within a hair (1e-9 of a
 * unit of the last kept decimal, far below any input's precision and far above binary noise) of a
 * half is treated as that half, and halves round up.
 */
const HAIR = 1e-9;

export function roundHalfUp(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** decimals;
  const s = Math.abs(x) * f;
  const fl = Math.floor(s);
  const r = (s - fl >= 0.5 - HAIR ? fl + 1 : fl) / f;
  return x < 0 ? -r : r;
}

/** The same value with binary noise removed (to 1e-9), for display and comparison. */
export function clean(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 1e9) / 1e9 : x;
}

/** Fixed-decimal text of a number, for reports: 90 → "90.0". */
export function fmt(x: number, decimals = 1): string {
  return roundHalfUp(x, decimals).toFixed(decimals);
}

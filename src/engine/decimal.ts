/**
 * Decimal-safe rounding. Scores are sums of products of decimal inputs (0.89 × 5 …) computed in
 * binary floating point, so 89.95 may arrive as 89.94999999999999. We first cut the binary noise by
 * going through 12 significant digits (far more than any input carries), then round half up.
 */
export function roundHalfUp(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** decimals;
  const scaled = Number((Math.abs(x) * f).toPrecision(12));
  const r = Math.floor(scaled + 0.5) / f;
  return x < 0 ? -r : r;
}

/** The same value with binary noise removed (12 significant digits), for display and comparison. */
export function clean(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(12)) : x;
}

/** Fixed-decimal text of a number, for reports: 90 → "90.0". */
export function fmt(x: number, decimals = 1): string {
  return roundHalfUp(x, decimals).toFixed(decimals);
}

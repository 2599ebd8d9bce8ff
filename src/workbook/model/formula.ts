/**
 * Formula text helpers for the template model: literals, numbers, concatenations, IF chains and the
 * decimal-safe rounding formula. Everything the sheets write as a formula goes through these.
 */

/** A string literal in a formula ("" doubled). Excel limits literals to 255 characters. */
export function lit(s: string): string {
  if (s.length > 255) throw new Error(`string literal over 255 characters: ${s.slice(0, 40)}…`);
  return `"${s.replace(/"/g, '""')}"`;
}

/** Text of any length as literals of at most 255 characters joined by "&" (one literal when it fits). */
export function text(s: string): string {
  if (s.length <= 255) return lit(s);
  const parts: string[] = [];
  for (let i = 0; i < s.length; i += 255) parts.push(lit(s.slice(i, i + 255)));
  return parts.join("&");
}

/** A number as formula text, never in exponent notation and never with a locale separator. */
export function num(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  const s = String(n);
  if (/e/i.test(s)) throw new Error(`number needs exponent notation: ${n}`);
  return s;
}

/** A label with {placeholders} as a concatenation: placeholders become the given formula expressions. */
export function concat(template: string, exprs: Record<string, string>): string {
  const parts: string[] = [];
  let last = 0;
  const re = /\{(\w+)\}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(template))) {
    if (!(m[1] in exprs)) continue;
    if (m.index > last) parts.push(text(template.slice(last, m.index)));
    parts.push(exprs[m[1]]);
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(text(template.slice(last)));
  return parts.join("&");
}

/** IF chain: the first (condition, value) that holds, else `otherwise`. */
export function ifChain(pairs: [string, string][], otherwise: string): string {
  return pairs.reduceRight((acc, [cond, val]) => `IF(${cond},${val},${acc})`, otherwise);
}

/**
 * Decimal-safe half-up rounding of a non-negative x to d decimals: ROUND(x·10^d, 9) removes the binary
 * noise (89.95 computed as 89.94999999999999 becomes exactly 899.5), then INT(… + 0.5) rounds half up
 * without relying on how a program rounds a binary near-tie.
 */
export function roundFormula(x: string, decimals: number): string {
  const f = num(10 ** decimals);
  return decimals === 0 ? `INT(ROUND(${x},9)+0.5)` : `INT(ROUND(${x}*${f},9)+0.5)/${f}`;
}
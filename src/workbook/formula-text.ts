/**
 * Comparing formulas as different programs write them back: "=" or not, spacing, case, "$", quoted or
 * unquoted sheet names, `_xlfn.` prefixes, TRUE written as TRUE() or 1 … String literals are kept as is.
 */

/** Splits a formula into literal and code parts; literal parts keep their quotes. */
function parts(f: string): { code: boolean; text: string }[] {
  const out: { code: boolean; text: string }[] = [];
  let i = 0;
  let cur = "";
  while (i < f.length) {
    const ch = f[i];
    if (ch === '"') {
      if (cur) out.push({ code: true, text: cur });
      cur = "";
      let j = i + 1;
      while (j < f.length) {
        if (f[j] === '"' && f[j + 1] === '"') j += 2;
        else if (f[j] === '"') break;
        else j++;
      }
      out.push({ code: false, text: f.slice(i, j + 1) });
      i = j + 1;
    } else if (ch === "'") {
      // a quoted sheet name: keep its content, drop the quotes
      let j = i + 1;
      let name = "";
      while (j < f.length) {
        if (f[j] === "'" && f[j + 1] === "'") {
          name += "'";
          j += 2;
        } else if (f[j] === "'") break;
        else name += f[j++];
      }
      cur += `[${name.toUpperCase()}]`;
      i = j + 1;
    } else {
      cur += ch;
      i++;
    }
  }
  if (cur) out.push({ code: true, text: cur });
  return out;
}

/** A canonical form of a formula for comparison. */
export function normalizeFormula(f: string): string {
  let s = f.trim();
  if (s.startsWith("=")) s = s.slice(1);
  return parts(s)
    .map((p) => {
      if (!p.code) return p.text;
      let c = p.text.replace(/\s+/g, "").replace(/\$/g, "").toUpperCase();
      c = c.replace(/_XLFN\.|_XLWS\.|_XLUDF\./g, "");
      c = c.replace(/\bTRUE\(\)/g, "TRUE").replace(/\bFALSE\(\)/g, "FALSE");
      // unquoted sheet names: Name!A1 → [NAME]!A1
      c = c.replace(/(^|[(,=<>&+\-*/^:;])([^[\](),=<>&+\-*/^:;!"]+)!/g, (_m, pre: string, name: string) => `${pre}[${name}]!`);
      return c;
    })
    .join("");
}

export function sameFormula(a: string, b: string): boolean {
  return normalizeFormula(a) === normalizeFormula(b);
}

/**
 * What a viewer of the file would see in a cell: its value through its number format, for the formats
 * the templates use and the common builtin ones — General, 0, 0.0, 0.00, #,##0, 0%, 0.00E+00, literal
 * text ("…", \x), sections (positive;negative;zero;text, so `;;;"AAAAA"` shows AAAAA for any text),
 * `0" / 19"`, colours, `_x` and `*x`. Anything else (dates and times, fractions, conditions, literals
 * between digits) is reported as unknown, never guessed.
 *
 * Numbers are rounded as Excel does: to 15 significant digits first, then half away from zero in
 * decimal. General shows at most 11 characters (Excel's rule for a column wide enough; a narrower
 * column shows fewer digits).
 */
import type { Text } from "../../scheme/types";

export type Display = { known: true; text: string } | { known: false; reason: Text };

/** The builtin number formats whose code does not depend on the viewer's locale. */
export const BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yy h:mm",
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

export type DisplayValue = number | string | boolean | null | undefined | { error: string };

const unknown = (zh: string, en: string): Display => ({ known: false, reason: { zh, en } });
const known = (text: string): Display => ({ known: true, text });

/** Splits a format code at the ";" that separate sections (not inside quotes, brackets or after \). */
export function sections(code: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"') {
      const j = code.indexOf('"', i + 1);
      const end = j < 0 ? code.length : j;
      cur += code.slice(i, end + 1);
      i = end;
    } else if (ch === "\\" || ch === "_" || ch === "*") {
      cur += code.slice(i, i + 2);
      i++;
    } else if (ch === "[") {
      const j = code.indexOf("]", i + 1);
      const end = j < 0 ? code.length : j;
      cur += code.slice(i, end + 1);
      i = end;
    } else if (ch === ";") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** A decimal number: value = 0.DIGITS × 10^point (digits without leading zeros; "" for zero). */
interface Dec {
  digits: string;
  point: number;
}

/** |x| to 15 significant digits, as Excel keeps numbers. */
function toDec(x: number): Dec {
  const a = Math.abs(x);
  if (a === 0) return { digits: "", point: 0 };
  const [mant, e] = a.toExponential(14).split("e");
  const digits = mant.replace(".", "").replace(/0+$/, "");
  return { digits, point: Number(e) + 1 };
}

/** Rounds half away from zero to `frac` digits after the point. */
function roundDec(d: Dec, frac: number): Dec {
  const keep = d.point + frac;
  if (keep < 0 || d.digits === "") return { digits: "", point: 0 };
  if (d.digits.length <= keep) return d;
  let digits = d.digits.slice(0, keep);
  let point = d.point;
  if (d.digits.charCodeAt(keep) >= 53) {
    // add one at the last kept digit
    const arr = digits.split("").map(Number);
    let k = arr.length - 1;
    while (k >= 0 && arr[k] === 9) arr[k--] = 0;
    if (k < 0) {
      arr.unshift(1);
      point++;
    } else arr[k]++;
    digits = arr.join("");
  }
  digits = digits.replace(/0+$/, "");
  if (digits === "") point = 0;
  return { digits, point };
}

/** integer and fraction digit strings of a decimal */
function split(d: Dec): { int: string; frac: string } {
  if (d.digits === "") return { int: "", frac: "" };
  if (d.point <= 0) return { int: "", frac: "0".repeat(-d.point) + d.digits };
  const int = d.digits.length >= d.point ? d.digits.slice(0, d.point) : d.digits + "0".repeat(d.point - d.digits.length);
  return { int, frac: d.digits.slice(d.point) };
}

function scientific(d: Dec, fracDigits: number, expDigits: number, plus: boolean, step = 1): string {
  if (d.digits === "") return `${"0"}${fracDigits ? "." + "0".repeat(fracDigits) : ""}E${plus ? "+" : ""}${"0".repeat(expDigits)}`;
  let exp = d.point - 1;
  if (step > 1) exp = Math.floor(exp / step) * step;
  let m = roundDec({ digits: d.digits, point: d.point - exp }, fracDigits);
  if (step === 1 && m.point > 1) {
    // 9.99 → 10.0: renormalise
    exp += m.point - 1;
    m = roundDec({ digits: d.digits, point: d.point - exp }, fracDigits);
  }
  const { int, frac } = split(m);
  const e = Math.abs(exp).toString().padStart(expDigits, "0");
  const fr = fracDigits ? "." + frac.padEnd(fracDigits, "0") : "";
  return `${int || "0"}${fr}E${exp < 0 ? "-" : plus ? "+" : ""}${e}`;
}

/** Excel's General for a number: at most 11 characters, scientific when it does not fit. */
export function generalNumber(x: number): string {
  if (!Number.isFinite(x)) return "#NUM!";
  if (x === 0) return "0";
  const neg = x < 0;
  const width = neg ? 10 : 11;
  const d = toDec(x);
  const a = Math.abs(x);
  const sci = () => {
    // d.ddddE+xx: keep as many mantissa digits as fit in the width
    const expLen = Math.abs(d.point - 1) >= 100 ? 3 : 2;
    const fr = Math.max(0, width - 2 - 2 - expLen);
    let s = scientific(d, fr, 2, true);
    s = s.replace(/\.?0+E/, "E");
    return (neg ? "-" : "") + s;
  };
  if (a >= 1e11 || a < 1e-9) return sci();
  const intLen = d.point > 0 ? d.point : 1;
  const frac = Math.max(0, width - intLen - 1);
  const r = roundDec(d, frac);
  const { int, frac: f } = split(r);
  const text = (int || "0") + (f ? "." + f : "");
  if (text.length > width) return sci();
  return (neg && r.digits !== "" ? "-" : "") + text;
}

/** One format section, parsed. */
interface Section {
  /** literal text before and after the number */
  pre: string;
  post: string;
  /** the numeric pattern, if any */
  intPh: string;
  fracPh: string;
  hasPoint: boolean;
  thousands: boolean;
  scale: number;
  percent: number;
  exp: { digits: number; plus: boolean } | null;
  general: boolean;
  /** the section contains @ (text placeholder): pre/post surround the text */
  text: boolean;
}

const DATE_LETTERS = /[yYmMdDhHsSeEgGbBnN]/;

function parseSection(src: string): Section | Display {
  const s: Section = { pre: "", post: "", intPh: "", fracPh: "", hasPoint: false, thousands: false, scale: 0, percent: 0, exp: null, general: false, text: false };
  let stage: "pre" | "int" | "frac" | "exp" | "post" = "pre";
  const lit = (t: string) => {
    if (stage === "pre") s.pre += t;
    else if (stage === "int" || stage === "frac" || stage === "exp") {
      stage = "post";
      s.post += t;
    } else s.post += t;
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '"') {
      const j = src.indexOf('"', i + 1);
      if (j < 0) return unknown("格式中的引号没有结束", "an unterminated quote in the format");
      lit(src.slice(i + 1, j));
      i = j;
    } else if (ch === "\\") {
      lit(src[i + 1] ?? "");
      i++;
    } else if (ch === "_") {
      lit(" ");
      i++;
    } else if (ch === "*") {
      i++; // fill character: repeated to the column width; nothing when the text fits
    } else if (ch === "[") {
      const j = src.indexOf("]", i + 1);
      if (j < 0) return unknown("格式中的方括号没有结束", "an unterminated bracket in the format");
      const inner = src.slice(i + 1, j);
      if (/^(black|blue|cyan|green|magenta|red|white|yellow|color\s*\d+)$/i.test(inner)) {
        // a colour: does not change the text
      } else if (inner.startsWith("$")) {
        const dash = inner.indexOf("-");
        lit(dash < 0 ? inner.slice(1) : inner.slice(1, dash));
      } else if (/^[<>=]/.test(inner)) return unknown("带条件的数字格式（如 [>100]）无法确定显示内容", "a conditional number format (such as [>100])");
      else return unknown(`日期/时间或未知的格式代码 [${inner}]`, `a date/time or unknown format code [${inner}]`);
      i = j;
    } else if (/^general/i.test(src.slice(i, i + 7))) {
      if (stage !== "pre") return unknown("General 与数字占位符混用", "General mixed with digit placeholders");
      s.general = true;
      stage = "post";
      i += 6;
    } else if (ch === "@") {
      s.text = true;
      if (stage !== "pre") return unknown("@ 与数字占位符混用", "@ mixed with digit placeholders");
      stage = "post";
    } else if (ch === "0" || ch === "#" || ch === "?") {
      if (stage === "pre") stage = "int";
      if (stage === "int") s.intPh += ch;
      else if (stage === "frac") s.fracPh += ch;
      else if (stage === "exp" && s.exp && ch === "0") s.exp.digits++;
      else return unknown("数字之间夹有文字的格式", "literal text between digit placeholders");
    } else if (ch === ".") {
      if (stage === "pre" || stage === "int") {
        stage = "frac";
        s.hasPoint = true;
      } else if (stage === "post") lit(".");
      else return unknown("格式中有多个小数点", "more than one decimal point in the format");
    } else if (ch === ",") {
      if (stage === "int") {
        // between placeholders: thousands; after the last one: scaling by 1000 (decided below)
        const rest = src.slice(i + 1);
        if (/^[0#?]/.test(rest)) s.thousands = true;
        else s.scale++;
      } else if (stage === "frac") s.scale++;
      else lit(",");
    } else if (ch === "%") {
      s.percent++;
      lit("%");
    } else if ((ch === "E" || ch === "e") && (src[i + 1] === "+" || src[i + 1] === "-") && (stage === "int" || stage === "frac")) {
      s.exp = { digits: 0, plus: src[i + 1] === "+" };
      stage = "exp";
      i++;
    } else if (DATE_LETTERS.test(ch) || /[A-Za-z]/.test(ch)) {
      return unknown("日期/时间格式或未知的格式代码", `a date/time or unknown format code (${ch})`);
    } else if (ch === "/") {
      if (stage === "int" || stage === "frac") return unknown("分数格式", "a fraction format");
      lit(ch);
    } else lit(ch);
  }
  return s;
}

const isDisplay = (x: Section | Display): x is Display => "known" in x;

function formatNumber(a: number, sec: Section): string {
  let d = toDec(a);
  if (d.digits !== "") d = { digits: d.digits, point: d.point + 2 * sec.percent - 3 * sec.scale };
  if (sec.general) return sec.pre + generalNumber(d.digits === "" ? 0 : Number(`0.${d.digits}e${d.point}`)) + sec.post;
  if (!sec.intPh && !sec.fracPh) return sec.pre + sec.post;
  if (sec.exp) {
    const step = sec.intPh.length > 1 && sec.intPh.includes("#") ? sec.intPh.length : 1;
    return sec.pre + scientific(d, sec.fracPh.length, Math.max(1, sec.exp.digits), sec.exp.plus, step) + sec.post;
  }
  const r = roundDec(d, sec.fracPh.length);
  let { int, frac } = split(r);
  // integer part: at least as many digits as placeholders from the first 0 or ?
  const firstReq = sec.intPh.search(/[0?]/);
  const minInt = firstReq < 0 ? 0 : sec.intPh.length - firstReq;
  if (int.length < minInt) {
    const pad = sec.intPh.slice(firstReq, firstReq + (minInt - int.length));
    int = pad.replace(/\?/g, " ") + int;
  }
  if (sec.thousands) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  // fraction: pad to the placeholders; trailing zeros dropped at # and shown as spaces at ?
  frac = frac.padEnd(sec.fracPh.length, "0");
  let cut = frac.length;
  while (cut > 0 && frac[cut - 1] === "0" && sec.fracPh[cut - 1] !== "0") cut--;
  let tail = frac.slice(0, cut);
  for (let k = cut; k < sec.fracPh.length; k++) if (sec.fracPh[k] === "?") tail += " ";
  return sec.pre + int + (sec.hasPoint ? "." + tail : "") + sec.post;
}

/**
 * The text a viewer sees for a value under a format code. Errors and booleans show as themselves;
 * an empty cell shows nothing.
 */
export function displayText(value: DisplayValue, code: string): Display {
  if (value === null || value === undefined || value === "") return known("");
  if (typeof value === "object") return known(value.error);
  if (typeof value === "boolean") return known(value ? "TRUE" : "FALSE");
  const secs = sections(code);
  if (secs.length > 4) return unknown("格式的段数超过 4", "a format with more than four sections");
  const parsed: Section[] = [];
  for (const src of secs) {
    const p = parseSection(src);
    if (isDisplay(p)) return p;
    parsed.push(p);
  }
  if (typeof value === "string") {
    const textSec = parsed.length === 4 ? parsed[3] : parsed.length === 1 && parsed[0].text ? parsed[0] : null;
    if (!textSec) return known(value);
    return known(textSec.text ? textSec.pre + value + textSec.post : textSec.pre + textSec.post);
  }
  if (!Number.isFinite(value)) return known("#NUM!");
  let sec = parsed[0];
  let sign = "";
  if (parsed.length === 1 && parsed[0].text) return known(generalNumber(value));
  if (value < 0 && parsed.length >= 2 && !parsed[1].text) sec = parsed[1];
  else if (value === 0 && parsed.length >= 3 && !parsed[2].text) sec = parsed[2];
  else if (value < 0) sign = "-";
  // Excel keeps the minus even when the number rounds to zero ("-0.0")
  return known(sign + formatNumber(Math.abs(value), sec));
}

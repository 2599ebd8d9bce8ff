import type { Scheme } from "../scheme/types";
import { finding, quote, type Finding, type Place } from "./findings";

/** One α cell after reading: a number in [0, 1], not applicable, or blank (not scored yet). */
export type Alpha = number | "NA" | null;

export interface ReadOptions {
  /**
   * Accept numbers written as text ("0.9"), as spreadsheet cells may hold them. The exchange format
   * is strict (off); spreadsheet adapters turn it on.
   */
  numericText?: boolean;
}

const NUMERIC_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A spreadsheet blank: null, undefined or a string of white space only. */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

function isNotApplicable(v: string, scheme: Scheme): boolean {
  const t = v.trim().toUpperCase();
  return scheme.notApplicable.some((na) => na.toUpperCase() === t);
}

/** Reads a number from a cell value: a finite number, or (with numericText) numeric text. */
function toNumber(v: unknown, opts: ReadOptions): number | undefined {
  if (typeof v === "number") return v;
  if (opts.numericText && typeof v === "string" && NUMERIC_TEXT.test(v.trim())) return Number(v.trim());
  return undefined;
}

/**
 * Reads one α. Returns the value, or a finding that names the place and the fault
 * ("rater 2, item 2.3: α 1.2 is outside [0, 1]").
 */
export function readAlpha(
  v: unknown,
  scheme: Scheme,
  place: Place = {},
  opts: ReadOptions = {}
): { alpha: Alpha; finding?: undefined } | { alpha?: undefined; finding: Finding } {
  if (isBlank(v)) return { alpha: null };
  if (typeof v === "string" && isNotApplicable(v, scheme)) return { alpha: "NA" };
  const n = toNumber(v, opts);
  if (n === undefined || Number.isNaN(n)) {
    const accepted = scheme.notApplicable.join(" / ");
    return {
      finding: finding(
        "alpha-not-number",
        "error",
        {
          zh: `α ${quote(v)} 不是 0 到 1 之间的数，也不是 ${accepted}`,
          en: `α ${quote(v)} is not a number in [0, 1] nor ${accepted}`,
        },
        place
      ),
    };
  }
  const lo = scheme.likert[0].min;
  const hi = scheme.likert[scheme.likert.length - 1].max;
  if (!(n >= lo && n <= hi)) {
    return {
      finding: finding(
        "alpha-range",
        "error",
        { zh: `α ${quote(n)} 超出 [${lo}, ${hi}]`, en: `α ${quote(n)} is outside [${lo}, ${hi}]` },
        place
      ),
    };
  }
  return { alpha: n };
}

/** Reads one clause level: an integer within the scheme's levels (1…5). Blank is null. */
export function readLevel(
  v: unknown,
  scheme: Scheme,
  place: Place = {},
  opts: ReadOptions = {}
): { level: number | null; finding?: undefined } | { level?: undefined; finding: Finding } {
  if (isBlank(v)) return { level: null };
  const n = toNumber(v, opts);
  const { minClauseLevel: lo, maxClauseLevel: hi } = scheme;
  if (n === undefined || !Number.isInteger(n) || n < lo || n > hi) {
    return {
      finding: finding(
        "level-invalid",
        "error",
        {
          zh: `成熟度等级 ${quote(v)} 不是 ${lo} 到 ${hi} 的整数`,
          en: `maturity level ${quote(v)} is not an integer ${lo}–${hi}`,
        },
        place
      ),
    };
  }
  return { level: n };
}

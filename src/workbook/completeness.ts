/**
 * Whether a verified workbook is filled in (issue 10): every α of its rater (visit) columns scored and
 * valid — a column left entirely blank is not a rater (RULES.md §1) — and, where its kind has
 * Appendix 3, every clause rated. `qcs verify` reports it; the merge takes from a file only what it
 * holds, so it asks whether that part is filled (`filled`). Pure: Node and the browser alike.
 */
import type { Scheme } from "../scheme/types";
import type { Finding, RaterInput } from "../engine";
import type { Verified } from "./verify";

/** One rater (visit) column of the workbook, in workbook order. */
export interface ColumnFill {
  /** 1-based column among the rater columns */
  column: number;
  name?: string;
  /** items with a valid α (a number in [0, 1] or N/A) */
  scored: number;
  /** items with an invalid α (out of range, not a number) */
  invalid: number;
  of: number;
  /** nothing at all in the column: α, name, kind, date, method and evidence all empty */
  empty: boolean;
  /** some α in the column (a column without any α is not a rater, RULES.md §1, whatever its particulars) */
  hasAlpha: boolean;
  /** the engine gives the column a score: every α valid and scored, not every item N/A */
  scoredFully: boolean;
}

export interface Completeness {
  /** the workbook as an assessment of its kind: at least one rater column scored fully, every other used one too, every level where the kind has Appendix 3 */
  complete: boolean;
  /**
   * what the workbook holds is filled — what a merge takes from it: every column with any α scored
   * fully, its levels (if it has any) all valid, and it holds at least some α, levels or records
   */
  filled: boolean;
  columns: ColumnFill[];
  /** null when the workbook has no Appendix 3 */
  levels: { rated: number; invalid: number; of: number; any: boolean } | null;
  /** the engine's findings about α and levels (invalid, blank), with their cells */
  findings: Finding[];
}

const FILL_CODES = new Set(["alpha-range", "alpha-not-number", "alpha-blank", "rater-all-na", "no-raters", "level-invalid", "level-blank", "total-range"]);
const blank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** A rater column that holds anything at all (α or particulars or evidence). */
export function columnUsed(r: RaterInput): boolean {
  return hasAlpha(r) || Boolean(r.name || r.kind || r.date || r.method) || (r.evidence ?? []).some((e) => !blank(e));
}

/** A rater column with some α: a rater (RULES.md §1). A form's column prefilled with a name but no α is not one. */
export function hasAlpha(r: RaterInput): boolean {
  return r.alphas.some((a) => !blank(a));
}

/** The completeness of a verified workbook; null when it could not be read as one. */
export function completeness(v: Verified, scheme: Scheme): Completeness | null {
  const input = v.input;
  const result = v.result;
  if (!input || !result) return null;
  const errorsOf = (col: number) => result.findings.filter((f) => f.rater === col && f.severity === "error" && (f.code === "alpha-range" || f.code === "alpha-not-number")).length;
  const columns: ColumnFill[] = input.raters.map((r, j) => {
    const rr = result.service.raters.find((x) => x.rater === j + 1);
    const invalid = errorsOf(j + 1);
    return {
      column: j + 1,
      ...(r.name ? { name: r.name } : {}),
      scored: rr ? rr.scored : 0,
      invalid,
      of: scheme.items.length,
      empty: !columnUsed(r),
      hasAlpha: hasAlpha(r),
      scoredFully: Boolean(rr && rr.score !== null),
    };
  });
  const hasMaturity = v.kind !== "form";
  const levelErrors = result.maturity.findings.filter((f) => f.severity === "error").length;
  const levels = hasMaturity ? { rated: result.maturity.progress.rated, invalid: levelErrors, of: result.maturity.progress.of, any: input.levels.some((l) => !blank(l)) } : null;
  const rated = columns.filter((c) => c.hasAlpha);
  const levelsDone = result.maturity.level !== null;
  // the engine's panel score exists only when at least one column counts and every counted one is scored fully
  const complete = result.service.score !== null && (!hasMaturity || levelsDone);
  const records = Object.keys(input.records ?? {}).length > 0;
  const filled = rated.every((c) => c.scoredFully) && (!levels || !levels.any || levelsDone) && (rated.length > 0 || Boolean(levels?.any) || records);
  const findings = v.locate(result.findings.filter((f) => FILL_CODES.has(f.code) && (hasMaturity || (!f.code.startsWith("level") && f.code !== "total-range"))));
  return { complete, filled, columns, levels, findings };
}

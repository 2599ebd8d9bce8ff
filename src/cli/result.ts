/**
 * The JSON line `qcs score --json` prints for one file (one object per file, in the order given).
 * The readable report is ./report.ts.
 */
import type { GradeCode, Lang, Scheme, Text } from "../scheme/types";
import { capFindings, LIMITS, writeExchange, type AssessmentInput, type AssessmentResult, type Finding, type Robustness } from "../engine";

export const pick = (t: Text, lang: Lang): string => (lang === "en-US" ? t.en : t.zh);

/** The JSON line `qcs score --json` prints for one file. */
export interface ScoreLine {
  file: string;
  ok: boolean;
  scheme: string;
  profile: string | null;
  organization?: string;
  serviceScore: number | null;
  serviceScoreRaw: number | null;
  raters: { rater: number; name?: string; score: number | null; unscored: string[] }[];
  characteristics: { id: string; name: string; weight: number; score: number | null }[];
  progress: { items: { scored: number; of: number }; clauses: { rated: number; of: number } } | null;
  maturityTotal: number | null;
  maturityLevel: number | null;
  grade: string | null;
  gradeLabel: string | null;
  limitedBy: string | null;
  reason: string | null;
  nextGrade: {
    grade: string;
    gradeLabel: string;
    serviceRise: number;
    maturityTotalRise: number;
    maturityLevelReached: number;
    clauseMoves: { clause: string; from: number; to: number; points: number }[];
    /** items where raising α gains the most service points (top 5) */
    serviceItems: { item: string; meanAlpha: number | null; gain: number }[];
    text: string;
  } | null;
  disagreements: { item: string; bands: (number | null)[] }[];
  findings: { severity: string; code: string; message: string; item?: string; clause?: string; rater?: number; field?: string; cell?: string }[];
  /** RULES §7; null when the result is not certified or not complete */
  robustness: RobustnessLine | null;
  /** RULES §5: no conformity review recorded, the grade is provisional */
  provisional: boolean;
  /** RULES §5: passed, failed or absent; null when the file could not be read */
  conformity: "passed" | "failed" | "absent" | null;
  /** RULES §6: what is recorded and what is missing */
  records: { key: string; title: string; filled: number; of: number; missing: string[] }[];
  /** the assessment as read, in the exchange format (every α, level and record): JSON → workbook → JSON loses nothing */
  assessment: Record<string, unknown> | null;
}

/**
 * `robustness` of a JSON line, as issue 12 specifies it. Rater indexes count from 0 in input order (the
 * position of the rater in service.raters, or of the rater column in a template); a blank column keeps
 * its position and is never a step.
 */
export interface RobustnessLine {
  serviceMargin: number;
  maturityMargin: number;
  robust: boolean;
  flips: { alpha: number; clause: number; rater: number };
  steps: (
    | { kind: "alpha"; rater: number; item: string; to: GradeCode }
    | { kind: "clause"; clause: string; to: GradeCode }
    | { kind: "rater"; rater: number; to: GradeCode }
  )[];
}

/** The engine's robustness as the JSON line carries it (only the fields issue 12 names). */
export function robustnessLine(rb: Robustness): RobustnessLine {
  return {
    serviceMargin: rb.serviceMargin,
    maturityMargin: rb.maturityMargin,
    robust: rb.robust,
    flips: { alpha: rb.flips.alpha, clause: rb.flips.clause, rater: rb.flips.rater },
    steps: rb.steps.map((s) =>
      s.kind === "alpha"
        ? { kind: s.kind, rater: s.rater, item: s.item, to: s.to }
        : s.kind === "clause"
          ? { kind: s.kind, clause: s.clause, to: s.to }
          : { kind: s.kind, rater: s.rater, to: s.to }
    ),
  };
}

export function findingLine(f: Finding, lang: Lang): ScoreLine["findings"][number] {
  const out: ScoreLine["findings"][number] = { severity: f.severity, code: f.code, message: pick(f.message, lang) };
  if (f.item) out.item = f.item;
  if (f.clause) out.clause = f.clause;
  if (f.rater !== undefined) out.rater = f.rater;
  if (f.field) out.field = f.field;
  if (f.cell) out.cell = f.cell;
  return out;
}

/** A rater column with no α, no particulars and no evidence. */
function isEmptyRater(r: AssessmentInput["raters"][number]): boolean {
  const blank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");
  return r.alphas.every(blank) && !r.name && !r.kind && !r.date && !r.method && !(r.evidence ?? []).some((e) => !blank(e));
}

/** A file that could not be read at all. */
export function failedLine(file: string, scheme: Scheme, findings: Finding[], lang: Lang): ScoreLine {
  return {
    file,
    ok: false,
    scheme: scheme.id,
    profile: null,
    serviceScore: null,
    serviceScoreRaw: null,
    raters: [],
    characteristics: [],
    progress: null,
    maturityTotal: null,
    maturityLevel: null,
    grade: null,
    gradeLabel: null,
    limitedBy: null,
    reason: null,
    nextGrade: null,
    disagreements: [],
    findings: capFindings(findings, LIMITS.findingsPerFile).map((f) => findingLine(f, lang)),
    robustness: null,
    provisional: false,
    conformity: null,
    records: [],
    assessment: null,
  };
}

export function scoreLine(
  file: string,
  r: AssessmentResult,
  scheme: Scheme,
  lang: Lang,
  extra: Finding[] = [],
  input?: AssessmentInput
): ScoreLine {
  const organization = input?.organization;
  const all = capFindings([...extra, ...r.findings], LIMITS.findingsPerFile);
  const ok = r.complete && !all.some((f) => f.severity !== "warning");
  return {
    file,
    ok,
    scheme: r.scheme,
    profile: r.profile,
    ...(organization ? { organization } : {}),
    serviceScore: r.service.score,
    serviceScoreRaw: r.service.raw,
    raters: r.service.raters.map((x) => ({ rater: x.rater, ...(x.name ? { name: x.name } : {}), score: x.score, unscored: x.unscored })),
    characteristics: r.service.characteristics.map((c) => ({
      id: c.id,
      name: pick(scheme.characteristics.find((k) => k.id === c.id)!.name, lang),
      weight: c.weight,
      score: c.score,
    })),
    progress: {
      items: r.service.progress,
      clauses: r.maturity.progress,
    },
    maturityTotal: r.maturity.total,
    maturityLevel: r.maturity.level,
    grade: ok ? r.gradeCode : null,
    gradeLabel: ok && r.gradeLabel ? pick(r.gradeLabel, lang) : null,
    limitedBy: ok && r.grade ? r.grade.limitedBy : null,
    reason: ok && r.reason ? pick(r.reason, lang) : null,
    nextGrade:
      ok && r.next && r.nextText
        ? {
            grade: r.next.code,
            gradeLabel: pick(scheme.gradeLabels[r.next.code], lang),
            serviceRise: r.next.serviceRise,
            maturityTotalRise: r.next.totalRise,
            maturityLevelReached: r.next.levelReached,
            clauseMoves: r.maturityMoves,
            serviceItems: r.next.serviceRise > 0 ? r.headroom.slice(0, 5) : [],
            text: pick(r.nextText, lang),
          }
        : null,
    disagreements: r.service.disagreements.map((d) => ({ item: d.item, bands: d.bands })),
    findings: all.map((f) => findingLine(f, lang)),
    robustness: ok && r.robustness && r.gradeCode !== "NONE" ? robustnessLine(r.robustness) : null,
    provisional: ok && r.provisional,
    conformity: r.conformity,
    records: r.records.map((x) => ({ key: x.key, title: pick(x.title, lang), filled: x.filled, of: x.of, missing: x.missing.map((m) => pick(m, lang)) })),
    // columns with nothing in them are not raters (RULES.md §1): a template's unused columns are left out
    assessment: input ? writeExchange({ ...input, raters: input.raters.filter((x) => !isEmptyRater(x)) }, scheme) : null,
  };
}


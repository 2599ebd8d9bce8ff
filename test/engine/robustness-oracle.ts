/**
 * An independent oracle for RULES.md §7: every single step applied to the recorded input by
 * rebuilding it, each scored by the full assess(). The Likert edges are RULES §7's literal numbers,
 * not the scheme's data, so the oracle does not share the implementation's reading of the scheme.
 */
import { DEFAULT_SCHEME as S, type GradeCode, type RuleProfile } from "../../src/scheme";
import { assess, type AssessmentInput } from "../../src/engine";

/** RULES §1 bands by their literal edges: α ≤ 0.2 → 1, ≤ 0.4 → 2, ≤ 0.6 → 3, ≤ 0.8 → 4, else 5. */
export const bandOf = (a: number): number => (a <= 0.2 ? 1 : a <= 0.4 ? 2 : a <= 0.6 ? 3 : a <= 0.8 ? 4 : 5);
/** RULES §7: band 5 → 0.8, 4 → 0.6, 3 → 0.4, 2 → 0.2. */
export const EDGE_BELOW: Record<number, number> = { 5: 0.8, 4: 0.6, 3: 0.4, 2: 0.2 };

const blankCell = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");
export const isBlankColumn = (alphas: ReadonlyArray<unknown>) => S.items.every((_, i) => blankCell(alphas[i]));

export interface OracleStep {
  kind: "alpha" | "clause" | "rater";
  rater?: number;
  item?: string;
  clause?: string;
  /** the result the rebuilt input gets from assess() */
  to: GradeCode;
  service: number;
  total: number;
}

export const rankIn = (profile: RuleProfile) => (code: GradeCode) => {
  const i = profile.gates.findIndex((g) => g.code === code);
  return i < 0 ? profile.gates.length : i;
};

/** Every single step of RULES §7 on `input`, each with what the full engine gives for it. */
export function everyStep(input: AssessmentInput, profile: RuleProfile): OracleStep[] {
  const out: OracleStep[] = [];
  const score = (changed: AssessmentInput, step: Omit<OracleStep, "to" | "service" | "total">) => {
    const r = assess(changed, S, { profile: profile.id });
    if (!r.complete || r.gradeCode === null) throw new Error(`a single step made the assessment incomplete: ${JSON.stringify(step)}`);
    out.push({ ...step, to: r.gradeCode, service: r.service.score as number, total: r.maturity.total as number });
  };
  const counted = input.raters.map((r, ri) => (isBlankColumn(r.alphas) ? -1 : ri)).filter((ri) => ri >= 0);
  for (const ri of counted) {
    S.items.forEach((it, i) => {
      const a = input.raters[ri].alphas[i];
      if (typeof a !== "number" || bandOf(a) === 1) return;
      const changed = structuredClone(input);
      const alphas = [...changed.raters[ri].alphas];
      alphas[i] = EDGE_BELOW[bandOf(a)];
      changed.raters[ri] = { ...changed.raters[ri], alphas };
      score(changed, { kind: "alpha", rater: ri, item: it.id });
    });
  }
  S.clauses.forEach((c, i) => {
    const l = input.levels[i] as number;
    if (l <= 1) return;
    const changed = structuredClone(input);
    changed.levels[i] = l - 1;
    score(changed, { kind: "clause", clause: c.id });
  });
  if (counted.length >= 2) {
    for (const ri of counted) {
      const changed = structuredClone(input);
      changed.raters.splice(ri, 1);
      score(changed, { kind: "rater", rater: ri });
    }
  }
  return out;
}

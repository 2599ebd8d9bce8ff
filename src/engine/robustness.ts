/**
 * How robust a result is (RULES.md §7): the margins over the gate that was met, and the single-step
 * changes of the recorded judgements that would lower the result.
 *
 * A step is one of: one rater's α on one item lowered one Likert band, to the upper edge of the band
 * below (the edges are the scheme's `likert` data); one clause one level lower; one rater (or visit)
 * left out when two or more are counted. Each is applied alone; it **flips** the result when the result
 * it gives is lower in the profile's gate order.
 *
 * Cost: no step rescores the assessment. A changed α changes one term of one rater's sum (the rater's
 * score moves by 100 × weight × Δα / attainable, the panel mean by that / n); leaving a rater out removes
 * one term of the panel sum; a clause step changes the maturity total by one level's points. Floating
 * point sums depend on their order, and the engine's rounding is decided on values that can sit exactly
 * on a half (89.95): so when a step's panel mean lands within GUARD of a rounding half, that step is
 * recomputed exactly as panelScore() computes it (same terms, same order of additions, same clean()),
 * and every result goes through the engine's roundHalfUp() and grade(). The maturity total is always
 * recomputed in the engine's order (21 terms). Cost O(items × raters), plus O(items + raters) for each
 * step that lands on a half (a rater's steps that give the same score share one such sum): with
 * decimal α that is common, so the worst case is O(items × raters²) — 50 raters: well under 1 ms.
 *
 * Rater indexes are 0-based positions among the rater columns as given (the input order), so they
 * point at the column a reader sees. An entirely blank column is not a rater (RULES §1): it is never
 * a step, is not counted, and keeps its position, so the raters after it keep theirs (with a blank
 * first column, the first counted rater is index 1).
 */
import type { GradeCode, RuleProfile, Scheme } from "../scheme/types";
import { clean, roundHalfUp } from "./decimal";
import { grade, type GradeResult } from "./grade";
import { maturityBand, maturityPoints, type MaturityResult } from "./maturity";
import { likertBand, type PanelResult, type RaterResult } from "./service";

export type StepKind = "alpha" | "clause" | "rater";

/** One rater's α on one item, one Likert band lower. */
export interface AlphaStep {
  kind: "alpha";
  /** 0-based position of the rater column in the input */
  rater: number;
  item: string;
  /** the recorded α */
  from: number;
  /** the upper edge of the band below */
  lowered: number;
  /** the service score (rounded as graded) the step gives */
  service: number;
  /** the result the step gives */
  to: GradeCode;
}

/** One clause one level lower. */
export interface ClauseStep {
  kind: "clause";
  clause: string;
  from: number;
  lowered: number;
  /** the maturity total the step gives */
  total: number;
  /** the overall maturity level the step gives */
  level: number;
  to: GradeCode;
}

/** One rater (or visit) left out. */
export interface RaterStep {
  kind: "rater";
  /** 0-based position of the rater column in the input */
  rater: number;
  service: number;
  to: GradeCode;
}

export type RobustnessStep = AlphaStep | ClauseStep | RaterStep;

export interface Robustness {
  /** S − the met gate's minimum service score, on S rounded as graded (profile decimals) */
  serviceMargin: number;
  /** T − the lowest total of the met gate's minimum maturity level (Appendix 3 band) */
  maturityMargin: number;
  /** no single step lowers the result */
  robust: boolean;
  /** flipping steps by kind */
  flips: Record<StepKind, number>;
  /** single steps examined, by kind (steps that exist: α in band 2–5, clauses above level 1, raters when ≥ 2) */
  checked: Record<StepKind, number>;
  /** the flipping steps: α steps (rater, then item order), clause steps, rater steps */
  steps: RobustnessStep[];
}

/** Service margin of a graded result: S − the met gate's minService (1 decimal); null for NONE. */
export function serviceMargin(g: GradeResult, profile: RuleProfile): number | null {
  return g.gate ? roundHalfUp(g.service - g.gate.minService, profile.decimals) : null;
}

/** Maturity margin of a graded result: T − the lowest total that has the met gate's minimum level; null for NONE. */
export function maturityMargin(g: GradeResult, total: number, scheme: Scheme): number | null {
  const gate = g.gate;
  if (!gate) return null;
  let lowest = Infinity;
  for (const b of scheme.maturityBands) if (b.level >= gate.minLevel && b.min < lowest) lowest = b.min;
  return Number.isFinite(lowest) ? clean(total - lowest) : null;
}

/**
 * Distance (in units of the last kept decimal) from a rounding half within which a step is recomputed
 * exactly. The fast path differs from the engine's value by clean()'s quantum (5e-10, twice) plus a few
 * ulps of the panel sum: a few times 1e-8 of such a unit even for 10⁵ raters, a thousandth of GUARD.
 * Only a value that near a half can round differently (the engine's tie tolerance, HAIR, is 1e-9).
 */
const GUARD = 1e-5;

function nearHalf(x: number, decimals: number): boolean {
  const s = Math.abs(x) * 10 ** decimals;
  return Math.abs(s - Math.floor(s) - 0.5) < GUARD;
}

/** The parts of an assessment result robustness needs. */
export interface RobustnessInput {
  service: PanelResult;
  maturity: MaturityResult;
  grade: GradeResult | null;
}

/**
 * RULES §7 for a graded, complete result; null when the result is not graded (NONE) or incomplete.
 * `profile` must be the one the grade was decided under (its gates order the results; its decimals
 * round the service score).
 */
export function robustness(r: RobustnessInput, scheme: Scheme, profile: RuleProfile): Robustness | null {
  const g = r.grade;
  const total = r.maturity.total;
  const level = r.maturity.level;
  const raters = r.service.raters;
  if (!g || !g.gate || total === null || level === null || r.service.score === null) return null;
  if (!raters.length || raters.some((x) => x.score === null)) return null;
  const sm = serviceMargin(g, profile);
  const mm = maturityMargin(g, total, scheme);
  if (sm === null || mm === null) return null;

  const gates = profile.gates;
  const rank = (code: GradeCode): number => {
    const i = gates.findIndex((x) => x.code === code);
    return i < 0 ? gates.length : i;
  };
  const now = rank(g.code);
  const decimals = profile.decimals;
  const steps: RobustnessStep[] = [];
  const flips: Record<StepKind, number> = { alpha: 0, clause: 0, rater: 0 };
  const checked: Record<StepKind, number> = { alpha: 0, clause: 0, rater: 0 };

  // --- service: the panel sum as panelScore() forms it, and its prefixes
  const n = raters.length;
  const scores = raters.map((x) => x.score as number);
  const prefix = new Array<number>(n + 1);
  prefix[0] = 0;
  for (let k = 0; k < n; k++) prefix[k + 1] = prefix[k] + scores[k];
  const sum = prefix[n];
  /** the engine's panel mean over `count` raters when rater k's term is `x` (or left out: x = null) */
  const exactMean = (k: number, x: number | null, count: number): number => {
    let s = x === null ? prefix[k] : prefix[k] + x;
    for (let j = k + 1; j < n; j++) s += scores[j];
    return clean(s / count);
  };
  const gradeAt = (service: number, lv: number): GradeCode => grade(service, lv, profile).code;

  // 1. α one band lower
  const items = scheme.items;
  const bands = scheme.likert;
  for (let k = 0; k < n; k++) {
    const rt = raters[k];
    let before: number[] | null = null; // the rater's running sum before each item, built on demand
    const exact = new Map<number, number>(); // this rater's exact score → the engine's panel mean
    for (let i = 0; i < items.length; i++) {
      const a = rt.alphas[i];
      if (typeof a !== "number") continue;
      const band = likertBand(a, scheme);
      const b = band ? bands.indexOf(band) : -1;
      if (b <= 0) continue; // band 1 (or no band): no lower band
      checked.alpha++;
      const lowered = bands[b - 1].max;
      const w = items[i].weight;
      let mean = (sum + (100 * w * (lowered - a)) / rt.attainable) / n;
      if (nearHalf(mean, decimals)) {
        before ??= runningSums(rt, scheme);
        const x = raterScore(rt, scheme, before, i, lowered);
        let m = exact.get(x);
        if (m === undefined) exact.set(x, (m = exactMean(k, x, n)));
        mean = m;
      }
      const service = roundHalfUp(mean, decimals);
      const to = gradeAt(service, level);
      if (rank(to) > now) {
        flips.alpha++;
        steps.push({ kind: "alpha", rater: rt.rater - 1, item: items[i].id, from: a, lowered, service, to });
      }
    }
  }

  // 2. one clause one level lower: the total in the engine's order of additions
  const clauses = scheme.clauses;
  const points = r.maturity.clauses.map((c) => c.points as number);
  for (let i = 0; i < clauses.length; i++) {
    const from = r.maturity.clauses[i].level as number;
    if (from <= scheme.minClauseLevel) continue;
    checked.clause++;
    let t = 0;
    for (let j = 0; j < clauses.length; j++) t += j === i ? maturityPoints(from - 1, clauses[j].weight, scheme) : points[j];
    const band = maturityBand(t, scheme);
    if (!band) continue; // a total below the bands cannot come from valid levels
    const to = gradeAt(r.service.score, band.level);
    if (rank(to) > now) {
      flips.clause++;
      steps.push({ kind: "clause", clause: clauses[i].id, from, lowered: from - 1, total: t, level: band.level, to });
    }
  }

  // 3. one rater left out
  if (n >= 2) {
    for (let k = 0; k < n; k++) {
      checked.rater++;
      let mean = (sum - scores[k]) / (n - 1);
      if (nearHalf(mean, decimals)) mean = exactMean(k, null, n - 1);
      const service = roundHalfUp(mean, decimals);
      const to = gradeAt(service, level);
      if (rank(to) > now) {
        flips.rater++;
        steps.push({ kind: "rater", rater: raters[k].rater - 1, service, to });
      }
    }
  }

  return { serviceMargin: sm, maturityMargin: mm, robust: steps.length === 0, flips, checked, steps };
}

/** The rater's running Σ weight × α before each item, formed as panelScore() forms it. */
function runningSums(rt: RaterResult, scheme: Scheme): number[] {
  const out = new Array<number>(scheme.items.length);
  let actual = 0;
  for (let i = 0; i < scheme.items.length; i++) {
    out[i] = actual;
    const a = rt.alphas[i];
    if (typeof a === "number") actual += scheme.items[i].weight * a;
  }
  return out;
}

/** The rater's score with item i at α = `alpha`, exactly as panelScore() computes it. */
function raterScore(rt: RaterResult, scheme: Scheme, before: number[], i: number, alpha: number): number {
  let actual = before[i] + scheme.items[i].weight * alpha;
  for (let j = i + 1; j < scheme.items.length; j++) {
    const a = rt.alphas[j];
    if (typeof a === "number") actual += scheme.items[j].weight * a;
  }
  return clean((100 * actual) / rt.attainable);
}

/**
 * The sample audit the preview opens with: three raters and a level per clause, so that the summary
 * has something to say (a grade held back by one track, a disagreement, next-grade moves). It is demo
 * input only; every figure shown for it is computed by the engine.
 */
import type { AssessmentInput } from "../engine";
import type { Scheme } from "../scheme/types";

// α per item in scheme order (1.1 … 6.3, 7.1), one row per rater
const ALPHAS: number[][] = [
  [0.95, 0.9, 0.92, 0.96, 0.9, 0.94, 0.88, 0.9, 0.93, 0.95, 0.9, 0.92, 0.86, 0.9, 0.9, 0.97, 0.93, 0.95, 0.9],
  [0.92, 0.88, 0.9, 0.95, 0.92, 0.9, 0.9, 0.86, 0.9, 0.96, 0.92, 0.9, 0.88, 0.85, 0.9, 0.95, 0.9, 0.92, 0.95],
  [0.9, 0.93, 0.94, 0.93, 0.95, 0.92, 0.92, 0.88, 0.95, 0.94, 0.94, 0.93, 0.5, 0.9, 0.92, 0.96, 0.95, 0.9, 0.92],
];

// maturity level per clause in scheme order (1.1 … 7.2)
const LEVELS: number[] = [4, 3, 3, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3];

export function sampleAssessment(scheme: Scheme): AssessmentInput {
  return {
    raters: ALPHAS.map((a) => ({ alphas: scheme.items.map((_, i) => a[i] ?? null) })),
    levels: scheme.clauses.map((_, i) => LEVELS[i] ?? null),
  };
}

export const SAMPLE_RATERS = ALPHAS.length;

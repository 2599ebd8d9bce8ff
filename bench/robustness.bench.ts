/**
 * Robustness figures (RULES §7): robustness() per assessment for 3 and 50 raters on random assessments
 * near the grade lines, the worst case where every step lands on a rounding half (each recomputed
 * exactly), and the whole assess() with robustness for comparison.
 */
import { DEFAULT_SCHEME as S } from "../src/scheme";
import { assess, robustness, type AssessmentInput, type AssessmentResult } from "../src/engine";
import type { BenchRow } from "./types";
import { nsPerCall, rng } from "./util";

const profile = S.profiles.find((p) => p.id === S.defaultProfile)!;

/** Random assessments with S near 90 and T near 95 (two-decimal α, so some steps land on halves). */
function nearLines(raters: number, count: number, seed: number): AssessmentInput[] {
  const rnd = rng(seed);
  return Array.from({ length: count }, () => ({
    raters: Array.from({ length: raters }, () => ({ alphas: S.items.map(() => Math.round(85 + rnd() * 10) / 100) })),
    levels: S.clauses.map((c) => (c.weight === 10 ? 3 : 3 + Math.floor(rnd() * 2))),
  }));
}

const results = (inputs: AssessmentInput[]): AssessmentResult[] => {
  const out = inputs.map((i) => assess(i, S));
  if (out.some((r) => !r.robustness)) throw new Error("bench inputs must be graded");
  return out;
};

const usPerCall = (n: number, rs: AssessmentResult[]) =>
  nsPerCall(n, (i) => robustness(rs[i % rs.length], S, profile)?.steps.length) / 1000;

export async function run(): Promise<BenchRow[]> {
  const r3 = results(nearLines(3, 64, 7));
  const r50 = results(nearLines(50, 16, 11));
  // every rater at S = 90.46 (α 0.9, item 1.1 0.992): each of the 800 steps of a 5-point item 0.9 → 0.8
  // moves the mean by −0.01 to exactly 90.45, a rounding half, so each takes the exact path
  const tie = results([
    { raters: Array.from({ length: 50 }, () => ({ alphas: S.items.map((it) => (it.id === "1.1" ? 0.992 : 0.9)) })), levels: S.clauses.map(() => 4) },
  ]);
  const us3 = usPerCall(20_000, r3);
  const us50 = usPerCall(1_000, r50);
  const usTie = usPerCall(1_000, tie);
  const inputs3 = nearLines(3, 64, 13);
  const assess3 = nsPerCall(5_000, (i) => assess(inputs3[i & 63], S).robustness) / 1000;
  const flips3 = r3.reduce((s, r) => s + r.robustness!.steps.length, 0) / r3.length;
  const flips50 = r50.reduce((s, r) => s + r.robustness!.steps.length, 0) / r50.length;
  return [
    { area: "robustness", name: `robustness(), 3 raters × 19 items, per assessment (mean ${flips3.toFixed(0)} flips)`, value: us3, unit: "µs", target: "≤ 200 µs", ok: us3 <= 200 },
    { area: "robustness", name: `robustness(), 50 raters × 19 items, per assessment (mean ${flips50.toFixed(0)} flips)`, value: us50, unit: "µs", target: "≤ 5000 µs", ok: us50 <= 5000 },
    { area: "robustness", name: "robustness(), 50 raters, 800 of 950 α steps on a rounding half (exact path)", value: usTie, unit: "µs", target: "≤ 5000 µs", ok: usTie <= 5000 },
    { area: "robustness", name: "assess() with robustness, 3 raters, per assessment", value: assess3, unit: "µs" },
  ];
}

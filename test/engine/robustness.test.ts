/** RULES.md §7: margins and the single steps that flip a result, against hand-checked cases and the full engine. */
import { DEFAULT_SCHEME as S, type RuleProfile } from "../../src/scheme";
import { assess, robustness, type AssessmentInput, type Robustness } from "../../src/engine";
import { uniform } from "../helpers";
import { everyStep, rankIn } from "./robustness-oracle";

const table = S.profiles.find((p) => p.id === "table")!;
const paired = S.profiles.find((p) => p.id === "paired")!;

const col = (alpha: unknown, by: Record<string, unknown> = {}) => ({ alphas: S.items.map((it) => (it.id in by ? by[it.id] : alpha)) });
const blank = () => ({ alphas: S.items.map(() => null) });

/** Levels with maturity total 95 (level 4): the 10-point clauses at 3 (48), 5-point ones 4,4,…,3 (47). */
const levels95 = (): number[] => {
  let fivesAtFour = 8;
  return S.clauses.map((c) => (c.weight === 10 ? 3 : fivesAtFour-- > 0 ? 4 : 3));
};

/** The report of the engine must equal the oracle's flipping steps, one for one. */
function expectAgreesWithOracle(input: AssessmentInput, profile: RuleProfile = table): Robustness {
  const r = assess(input, S, { profile: profile.id });
  const rb = r.robustness!;
  expect(rb).not.toBeNull();
  const rank = rankIn(profile);
  const all = everyStep(input, profile);
  const flipping = all.filter((s) => rank(s.to) > rank(r.gradeCode!));
  const key = (s: { kind: string; rater?: number; item?: string; clause?: string }) => `${s.kind} ${s.rater ?? ""} ${s.item ?? s.clause ?? ""}`;
  expect(rb.steps.map((s) => `${key(s)} → ${s.to}`)).toEqual(flipping.map((s) => `${key(s)} → ${s.to}`));
  for (const s of rb.steps) {
    const o = flipping.find((f) => key(f) === key(s))!;
    if (s.kind === "clause") expect(s.total).toBe(o.total);
    else expect(s.service).toBe(o.service);
  }
  const count = (k: string, list: { kind: string }[]) => list.filter((s) => s.kind === k).length;
  expect(rb.flips).toEqual({ alpha: count("alpha", flipping), clause: count("clause", flipping), rater: count("rater", flipping) });
  expect(rb.checked).toEqual({ alpha: count("alpha", all), clause: count("clause", all), rater: count("rater", all) });
  expect(rb.robust).toBe(flipping.length === 0);
  return rb;
}

describe("robustness (RULES §7)", () => {
  test("the §7 example: every α 0.9, every clause 4 → AAAA, margins 0.0 and 21, all 19 α steps flip to AAA, no clause step", () => {
    const input = uniform(0.9, 4);
    const r = assess(input, S);
    expect(r.gradeCode).toBe("AAAA");
    const rb = expectAgreesWithOracle(input);
    expect(rb.serviceMargin).toBe(0);
    expect(rb.maturityMargin).toBe(21); // 116 − 95
    expect(rb.robust).toBe(false);
    expect(rb.flips).toEqual({ alpha: 19, clause: 0, rater: 0 });
    expect(rb.checked).toEqual({ alpha: 19, clause: 21, rater: 0 });
    expect(rb.steps.every((s) => s.kind === "alpha" && s.to === "AAA" && s.rater === 0)).toBe(true);
    expect(rb.steps[0]).toEqual({ kind: "alpha", rater: 0, item: "1.1", from: 0.9, lowered: 0.8, service: 89.5, to: "AAA" });
    // the lowest clause step, a 10-point clause 4 → 3, gives 114: still level 5
    const lowest = everyStep(input, table).filter((s) => s.kind === "clause");
    expect(Math.min(...lowest.map((s) => s.total))).toBe(114);
  });

  test("a step that lands on a rounding half is rounded as the engine rounds it (89.95 → 90.0 keeps AAAA)", () => {
    // S = 90.45; lowering a 5-point item 0.9 → 0.8 gives exactly 89.95, shown and graded as 90.0
    const input = uniform(0.9, 4, { alphaBy: { "1.1": 0.99 } });
    expect(assess(input, S).service.raw).toBeCloseTo(90.45, 9);
    const rb = expectAgreesWithOracle(input);
    expect(rb.serviceMargin).toBe(0.5);
    expect(rb.steps.map((s) => (s.kind === "alpha" ? `${s.item} ${s.service}` : s.kind))).toEqual(["1.1 89.5", "1.2 89.8", "7.1 89.7"]);
  });

  test("a step within 1e-9 of a half is decided as the full engine decides it (clean() then roundHalfUp)", () => {
    // after 1.1 → 0.8 the actual sum is 89.95 − 3e-10: the engine's clean() makes it 89.95 → 90.0 (AAAA),
    // while plain delta arithmetic gives 89.94999999965 → 89.9 (a false flip to AAA)
    const input = uniform(0.9, 4, { alphaBy: { "3.1": 0.99 - 6e-11, "1.1": 0.9 + 7e-11 } });
    const rb = expectAgreesWithOracle(input);
    expect(rb.steps.some((s) => s.kind === "alpha" && s.item === "1.1")).toBe(false);
    const after = assess(uniform(0.9, 4, { alphaBy: { "3.1": 0.99 - 6e-11, "1.1": 0.8 } }), S);
    expect([after.service.score, after.gradeCode]).toEqual([90, "AAAA"]);
  });

  test("leaving out a rater: a mean within 1e-9 of a half is decided as the full engine decides it", () => {
    // three raters at 89.95 − 1e-9, 89.95, 89.95 and one at 100: without the last, the mean is
    // 89.95 − 3.3e-10, which the engine's clean() shows and grades as 90.0
    const input: AssessmentInput = {
      raters: [col(0.9, { "3.1": 0.89 - 2e-10 }), col(0.9, { "3.1": 0.89 }), col(0.9, { "3.1": 0.89 }), col(1)],
      levels: S.clauses.map(() => 4),
    };
    const rb = expectAgreesWithOracle(input);
    expect(rb.steps.filter((s) => s.kind === "rater")).toEqual([]);
    const without = assess({ ...input, raters: input.raters.slice(0, 3) }, S);
    expect([without.service.score, without.gradeCode]).toEqual([90, "AAAA"]);
  });

  test("rater indexes are input positions: a blank column is not a rater and keeps its place", () => {
    const input: AssessmentInput = { raters: [blank(), col(0.9), col(""), col(0.9)], levels: S.clauses.map(() => 4) };
    const r = assess(input, S);
    expect(r.service.counted).toBe(2);
    const rb = expectAgreesWithOracle(input);
    expect(new Set(rb.steps.map((s) => (s.kind === "clause" ? -1 : s.rater)))).toEqual(new Set([1, 3]));
    expect(rb.flips).toEqual({ alpha: 38, clause: 0, rater: 0 }); // each lowering gives 89.75 → 89.8
    expect(rb.checked.rater).toBe(2);
  });

  test("leaving out a rater flips only when it lowers the result (leaving out the low one raises it)", () => {
    const input: AssessmentInput = { raters: [col(1), col(0.8)], levels: S.clauses.map(() => 4) };
    expect(assess(input, S).gradeCode).toBe("AAAA"); // (100 + 80) / 2 = 90.0
    const rb = expectAgreesWithOracle(input);
    expect(rb.steps.filter((s) => s.kind === "rater")).toEqual([{ kind: "rater", rater: 0, service: 80, to: "AAA" }]);
  });

  test("T = 95 (the level-4 edge): every clause step drops maturity to level 3 and the result to AAA", () => {
    const input: AssessmentInput = { raters: [col(0.95)], levels: levels95() };
    const r = assess(input, S);
    expect([r.maturity.total, r.gradeCode]).toEqual([95, "AAAAA"]);
    const rb = expectAgreesWithOracle(input);
    expect(rb.maturityMargin).toBe(0);
    expect(rb.serviceMargin).toBe(0);
    expect(rb.flips.clause).toBe(21);
    expect(rb.steps.filter((s) => s.kind === "clause").every((s) => s.to === "AAA" && s.kind === "clause" && s.level === 3)).toBe(true);
    // α steps drop S below 95: AAAA
    expect(rb.steps.filter((s) => s.kind === "alpha").every((s) => s.to === "AAAA")).toBe(true);
  });

  test("robust: every α 1 and every clause 5 (AAAAA, S = 100) survives any single step", () => {
    const rb = expectAgreesWithOracle(uniform(1, 5, { raters: 3 }));
    expect(rb).toMatchObject({ serviceMargin: 5, maturityMargin: 50, robust: true, flips: { alpha: 0, clause: 0, rater: 0 }, steps: [] });
    expect(rb.checked).toEqual({ alpha: 57, clause: 21, rater: 3 });
  });

  test("band 1 α, N/A and level-1 clauses have no step", () => {
    const input = uniform(0.9, 4, { alphaBy: { "1.1": 0.2, "1.2": "N/A", "2.1": 0 }, levelBy: { "1.1": 1 } });
    const rb = expectAgreesWithOracle(input);
    expect(rb.checked).toEqual({ alpha: 16, clause: 20, rater: 0 });
  });

  test("BASIC is graded (margins over the BASIC gate); NONE and incomplete results have none", () => {
    const basic = assess(uniform(0.85, 2), S);
    expect(basic.gradeCode).toBe("BASIC");
    expect(basic.robustness).toMatchObject({ serviceMargin: 25, maturityMargin: 13 }); // 85 − 60; 58 − 45
    expectAgreesWithOracle(uniform(0.85, 2));
    expect(assess(uniform(0.5, 1), S).robustness).toBeNull();
    expect(assess(uniform(0.9, 4, { alphaBy: { "3.1": null } }), S).robustness).toBeNull();
    expect(assess(uniform(0.9, 4, { levelBy: { "3.1": "" } }), S).robustness).toBeNull();
    expect(assess(uniform(0.9, 4, { alphaBy: { "3.1": 1.2 } }), S).robustness).toBeNull();
  });

  test("paired profile: margins and flips follow its gates", () => {
    const input = uniform(0.9, 3); // table: AAA (capped by level 3); paired: AAAA needs level 3
    expect(assess(input, S, { profile: "paired" }).gradeCode).toBe("AAAA");
    const rb = expectAgreesWithOracle(input, paired);
    expect([rb.serviceMargin, rb.maturityMargin]).toEqual([0, 17]); // 90 − 90; 87 − 70
    const t = expectAgreesWithOracle(input, table);
    expect([t.serviceMargin, t.maturityMargin]).toEqual([10, 17]); // AAA: 90 − 80; 87 − 70
  });

  test("robustness() itself returns null for a NONE grade", () => {
    const r = assess(uniform(0.5, 1), S);
    expect(robustness({ service: r.service, maturity: r.maturity, grade: r.grade }, S, table)).toBeNull();
  });
});

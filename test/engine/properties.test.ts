/** Property-based tests (fast-check): the engine's arithmetic is monotone, bounded and consistent. */
import fc from "fast-check";
import { DEFAULT_SCHEME as S, type GradeCode, type Scheme } from "../../src/scheme";
import { assess, grade, maturityBand, panelScore, type AssessmentInput } from "../../src/engine";

const RANK: Record<GradeCode, number> = { NONE: 0, BASIC: 1, AAA: 2, AAAA: 3, AAAAA: 4 };
const profile = S.profiles.find((p) => p.id === S.defaultProfile)!;

const alphaArb = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 0.2, 0.4, 0.6, 0.8, 1, 0.85, 0.89, 0.9) },
  { weight: 1, arbitrary: fc.constant("N/A") }
);
const raterArb = fc
  .array(alphaArb, { minLength: S.items.length, maxLength: S.items.length })
  .filter((a) => a.some((x) => typeof x === "number"));
const levelsArb = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: S.clauses.length, maxLength: S.clauses.length });
const inputArb = fc.record({
  raters: fc.array(raterArb.map((alphas) => ({ alphas })), { minLength: 1, maxLength: 4 }),
  levels: levelsArb,
});

const run = (input: AssessmentInput) => {
  const r = assess(input, S);
  expect(r.complete).toBe(true);
  return r;
};

describe("engine properties", () => {
  test("raising any α never lowers the score or the grade", () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (input, ri, ii, t) => {
        const before = run(input);
        const r = ri % input.raters.length;
        const numeric = input.raters[r].alphas.map((a, i) => (typeof a === "number" ? i : -1)).filter((i) => i >= 0);
        const i = numeric[ii % numeric.length];
        const a = input.raters[r].alphas[i] as number;
        const raised = structuredClone(input);
        raised.raters[r].alphas[i] = a + (1 - a) * t;
        const after = run(raised);
        expect(after.service.raw!).toBeGreaterThanOrEqual(before.service.raw! - 1e-9);
        expect(after.service.score!).toBeGreaterThanOrEqual(before.service.score!);
        expect(RANK[after.gradeCode!]).toBeGreaterThanOrEqual(RANK[before.gradeCode!]);
      })
    );
  });

  test("raising any clause level never lowers the total, the level or the grade", () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), (input, ci) => {
        const i = ci % S.clauses.length;
        fc.pre((input.levels[i] as number) < 5);
        const before = run(input);
        const raised = structuredClone(input);
        raised.levels[i] = (input.levels[i] as number) + 1;
        const after = run(raised);
        expect(after.maturity.total!).toBeGreaterThan(before.maturity.total!);
        expect(after.maturity.level!).toBeGreaterThanOrEqual(before.maturity.level!);
        expect(RANK[after.gradeCode!]).toBeGreaterThanOrEqual(RANK[before.gradeCode!]);
      })
    );
  });

  test("marking an item N/A equals deleting it from the scheme", () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), (input, ii) => {
        const i = ii % S.items.length;
        const withNA = structuredClone(input);
        for (const r of withNA.raters) r.alphas[i] = "N/A";
        fc.pre(withNA.raters.every((r) => r.alphas.some((a) => typeof a === "number")));
        const reduced: Scheme = { ...S, items: S.items.filter((_, k) => k !== i) };
        const deleted = structuredClone(input);
        for (const r of deleted.raters) r.alphas = r.alphas.filter((_, k) => k !== i);
        const a = panelScore(withNA.raters, S);
        const b = panelScore(deleted.raters, reduced);
        expect(a.raw).not.toBeNull();
        expect(a.raw!).toBeCloseTo(b.raw!, 9);
        expect(a.score).toBe(b.score);
      })
    );
  });

  test("service score stays in [0, 100] and the maturity total in [29, 145]", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = run(input);
        expect(r.service.score!).toBeGreaterThanOrEqual(0);
        expect(r.service.score!).toBeLessThanOrEqual(100);
        for (const c of r.service.characteristics) if (c.score !== null) expect(c.score).toBeLessThanOrEqual(100 + 1e-9);
        expect(r.maturity.total!).toBeGreaterThanOrEqual(29);
        expect(r.maturity.total!).toBeLessThanOrEqual(145);
        expect(Number.isInteger(r.maturity.total)).toBe(true);
      })
    );
  });

  test("a panel of identical raters equals one rater", () => {
    fc.assert(
      fc.property(raterArb, fc.integer({ min: 2, max: 10 }), (alphas, n) => {
        const one = panelScore([{ alphas }], S);
        const many = panelScore(Array.from({ length: n }, () => ({ alphas })), S);
        expect(many.raw!).toBeCloseTo(one.raw!, 9);
        expect(many.score).toBe(one.score);
        expect(many.disagreements).toEqual([]);
      })
    );
  });

  test("the grade is monotone in both tracks and a shown score is never graded below its band", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 1, max: 5 }), (s, l) => {
        const g = grade(s, l, profile);
        expect(RANK[grade(Math.min(100, s + 0.5), l, profile).code]).toBeGreaterThanOrEqual(RANK[g.code]);
        expect(RANK[grade(s, Math.min(5, l + 1), profile).code]).toBeGreaterThanOrEqual(RANK[g.code]);
        if (g.gate) expect(g.service).toBeGreaterThanOrEqual(g.gate.minService);
      })
    );
  });

  test("the next-grade gap, when applied, reaches that grade", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = run(input);
        if (!r.next) return expect(r.gradeCode).toBe("AAAAA");
        const total = r.maturity.total! + r.next.totalRise;
        expect(maturityBand(total, S)!.level).toBe(r.next.levelReached);
        expect(r.next.levelReached).toBeGreaterThanOrEqual(r.next.gate.minLevel);
        const reached = grade(r.service.score! + r.next.serviceRise, r.next.levelReached, profile);
        expect(RANK[reached.code]).toBeGreaterThanOrEqual(RANK[r.next.code]);
        expect(total).toBeLessThanOrEqual(145);
        // the clause moves proposed give at least the missing points
        const pts = r.maturityMoves.reduce((s, m) => s + m.points, 0);
        expect(pts).toBeGreaterThanOrEqual(r.next.totalRise);
      })
    );
  });
});

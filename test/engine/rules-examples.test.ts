/** RULES.md §4: every hand-checked example, on the default profile. */
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { assess, likertBand, maturity, maturityBand, readAlpha } from "../../src/engine";
import { reviewed, uniform } from "../helpers";

const cases: [string, ReturnType<typeof uniform>, number, number, number, string][] = [
  ["all max", uniform(1, 5), 100.0, 145, 5, "AAAAA"],
  ["uniform 0.9, L4", uniform(0.9, 4), 90.0, 116, 5, "AAAA"],
  ["capped", uniform(0.9, 3), 90.0, 87, 3, "AAA"],
  ["basic", uniform(0.85, 2), 85.0, 58, 2, "BASIC"],
  ["rounding", uniform(0.9, 4, { alphaBy: { "3.1": 0.89 } }), 90.0, 116, 5, "AAAA"],
  ["N/A", uniform(0.9, 5, { alphaBy: { "7.1": "N/A" } }), 90.0, 145, 5, "AAAA"],
  [
    "panel",
    { raters: [{ alphas: S.items.map(() => 0.9) }, { alphas: S.items.map(() => 0.8) }], levels: S.clauses.map(() => 4) },
    85.0,
    116,
    5,
    "AAA",
  ],
  ["low", uniform(0.5, 1), 50.0, 29, 1, "NONE"],
];

describe("RULES.md §4 examples", () => {
  test.each(cases)("%s (conformity review passed)", (_name, input, service, total, level, code) => {
    const r = assess(reviewed(input), S);
    expect(r.findings).toEqual([]);
    expect(r.complete).toBe(true);
    expect(r.service.score).toBe(service);
    expect(r.maturity.total).toBe(total);
    expect(r.maturity.level).toBe(level);
    expect(r.gradeCode).toBe(code);
    expect(r.provisional).toBe(false);
  });

  test.each(cases)("%s (no conformity review recorded: the same grade, provisional)", (_name, input, service, _total, _level, code) => {
    const r = assess(input, S);
    expect(r.complete).toBe(true);
    expect(r.service.score).toBe(service);
    expect(r.gradeCode).toBe(code);
    expect(r.provisional).toBe(code !== "NONE");
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual(code === "NONE" ? [] : [["provisional", "warning"]]);
  });

  test("rounding: the raw score is 89.95 and is graded as the shown 90.0", () => {
    const r = assess(uniform(0.9, 4, { alphaBy: { "3.1": 0.89 } }), S);
    expect(r.service.raw).toBeCloseTo(89.95, 10);
    expect(r.service.score).toBe(90);
  });

  test("labels in both languages", () => {
    expect(assess(reviewed(uniform(0.85, 2)), S).gradeLabel).toEqual({ zh: "基本级（不定级）", en: "basic, not graded" });
    expect(assess(reviewed(uniform(0.5, 1)), S).gradeLabel).toEqual({ zh: "不予认证", en: "not certified" });
    expect(assess(uniform(0.85, 2), S).gradeLabel).toEqual({ zh: "基本级（不定级）（待符合性审查）", en: "basic, not graded (pending conformity review)" });
    expect(assess(uniform(0.5, 1), S).gradeLabel).toEqual({ zh: "不予认证", en: "not certified" });
  });

  test("band edges: T = 95 is level 4, T = 94 is level 3", () => {
    // 95 = 13 five-point clauses at 5 (65) + 8 ten-point clauses at 3 (48)... built from levels:
    const levelsFor = (target: number): number[] => {
      // start at all 1 (29 points) and raise until the total is reached
      const lv = S.clauses.map(() => 1);
      let t = 29;
      for (let i = 0; t < target; i = (i + 1) % lv.length) {
        const step = S.clauses[i].weight / 5;
        if (lv[i] < 5 && t + step <= target) {
          lv[i]++;
          t += step;
        }
      }
      return lv;
    };
    for (const [t, l] of [[95, 4], [94, 3]]) {
      const m = maturity(levelsFor(t), S);
      expect(m.total).toBe(t);
      expect(m.level).toBe(l);
    }
    expect(maturityBand(95, S)?.level).toBe(4);
    expect(maturityBand(94, S)?.level).toBe(3);
  });

  test("Likert: 0.2 → 1; 0.21 → 2; 0.6 → 3; 0.61 → 4; 1 → 5; 1.01 → error", () => {
    expect(likertBand(0.2, S)?.band).toBe(1);
    expect(likertBand(0.2000001, S)?.band).toBe(2);
    expect(likertBand(0.21, S)?.band).toBe(2);
    expect(likertBand(0.6, S)?.band).toBe(3);
    expect(likertBand(0.61, S)?.band).toBe(4);
    expect(likertBand(1, S)?.band).toBe(5);
    expect(likertBand(0, S)?.band).toBe(1);
    expect(likertBand(1.01, S)).toBeUndefined();
    expect(readAlpha(1.01, S).finding?.message.en).toBe("α 1.01 is outside [0, 1]");
  });
});

describe("why: the 5.3 row that set the result and the track that limits it", () => {
  test("capped: row 2 gives AAA, row 3 needs level 4 — limited by maturity", () => {
    const r = assess(uniform(0.9, 3), S);
    expect(r.grade?.limitedBy).toBe("maturity");
    expect(r.reason!.en).toContain(`AAA needs service score ≥ 80 and maturity level 3 or above (the level per ${S.gradeRows[2].en}); this holds`);
    expect(r.reason!.en).toContain(`AAAA also needs maturity level 4 or above (${S.gradeRows[3].en}): limited by maturity.`);
    expect(r.reason!.zh).toContain(`AAAA 还需管理成熟度四级及以上（${S.gradeRows[3].zh}），由管理成熟度限制。`);
    expect(r.nextText!.en).toBe("Maturity total +8 (level 4) for AAAA.");
  });
  test("uniform 0.9, L4: limited by the service score", () => {
    const r = assess(uniform(0.9, 4), S);
    expect(r.grade?.limitedBy).toBe("service");
    expect(r.nextText!.en).toBe("+5.0 service points for AAAAA.");
  });
  test("low: neither track meets row 1", () => {
    const r = assess(uniform(0.5, 1), S);
    expect(r.grade?.limitedBy).toBe("both");
    expect(r.reason!.en).toContain(`Basic, not graded needs service score ≥ 60 and maturity level 2 or above (the level per ${S.gradeRows[1].en}): neither is met.`);
    expect(r.nextText!.en).toBe("+10.0 service points and maturity total +16 (level 2) for basic, not graded.");
  });
  test("all max: nothing above", () => {
    const r = assess(uniform(1, 5), S);
    expect(r.grade?.limitedBy).toBeNull();
    expect(r.next).toBeNull();
    expect(r.nextText!.en).toBe("This is already the highest result.");
  });
});

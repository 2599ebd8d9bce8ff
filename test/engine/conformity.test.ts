/** RULES.md §5 (the conformity review gate of 5.3) and the end of §3 (how reasons cite the 5.3 table). */
import { DEFAULT_SCHEME as S, findProfile } from "../../src/scheme";
import { applyConformity, assess, explainGrade, grade } from "../../src/engine";
import { reviewed, uniform } from "../helpers";

const table = findProfile(S, "table")!;
const paired = findProfile(S, "paired")!;

describe("RULES.md §5: conformity.passed", () => {
  test("false: not certified whatever S and L; the reason names the failed review; limited by conformity", () => {
    for (const [alpha, level] of [[1, 5], [0.9, 4], [0.85, 2]] as const) {
      const r = assess(reviewed(uniform(alpha, level), false), S);
      expect(r.gradeCode).toBe("NONE");
      expect(r.grade?.limitedBy).toBe("conformity");
      expect(r.grade?.scored).not.toBe("NONE");
      expect(r.provisional).toBe(false);
      expect(r.reason!.zh).toContain("管理要求符合性审查未通过");
      expect(r.reason!.en).toContain("conformity review was not passed");
      expect(r.reason!.zh).toContain(`仅按得分为 ${S.gradeLabels[r.grade!.scored].zh}`);
      expect(r.next?.code).toBe(r.grade?.scored);
      expect(r.nextText!.zh).toBe(`达到 ${S.gradeLabels[r.grade!.scored].zh} 需要：通过管理要求符合性审查。`);
      expect(r.findings.filter((f) => f.severity !== "warning")).toEqual([]);
    }
  });

  test("false on scores that give NONE anyway: still NONE, still the review named", () => {
    const r = assess(reviewed(uniform(0.5, 1), false), S);
    expect(r.gradeCode).toBe("NONE");
    expect(r.grade?.limitedBy).toBe("conformity");
    expect(r.reason!.zh).toContain("符合性审查未通过");
  });

  test("true: the grade of §3, no warning", () => {
    const r = assess(reviewed(uniform(0.9, 4)), S);
    expect(r.gradeCode).toBe("AAAA");
    expect(r.provisional).toBe(false);
    expect(r.gradeLabel).toEqual(S.gradeLabels.AAAA);
    expect(r.findings).toEqual([]);
  });

  test("absent: the grade of §3 marked provisional (a warning, the label, the reason)", () => {
    const r = assess(uniform(0.9, 4), S);
    expect(r.gradeCode).toBe("AAAA");
    expect(r.provisional).toBe(true);
    expect(r.gradeLabel).toEqual({ zh: "AAAA（待符合性审查）", en: "AAAA (pending conformity review)" });
    expect(r.findings.map((f) => f.code)).toEqual(["provisional"]);
    expect(r.reason!.zh).toContain("此结果为暂定");
    expect(r.reason!.en).toContain("provisional");
  });

  test("passed with an open major nonconformity, or a 4.2.2 point not conforming: warnings, the grade stands", () => {
    const base = reviewed(uniform(0.9, 4));
    const r = assess(
      {
        ...base,
        records: {
          ...base.records,
          nonconformities: [
            { clause: "4.2", description: "培训记录缺失", severity: "major", status: "open" },
            { clause: "6.2", description: "内审未覆盖", severity: "minor" },
            { clause: "5.1", description: "已关闭", severity: "major", status: "closed" },
          ],
          specificRequirements: { "2.1": { result: "nonconform", evidence: "无服务蓝图" }, "1": { result: "conform" } },
        },
      },
      S
    );
    expect(r.gradeCode).toBe("AAAA");
    const warnings = r.findings.filter((f) => f.code === "record");
    expect(warnings.map((f) => f.severity)).toEqual(["warning", "warning"]);
    expect(warnings[0].message.zh).toContain("1 项严重不符合未关闭");
    expect(warnings[1].message.zh).toContain("2) ①");
  });

  test("applyConformity leaves a passed review untouched and keeps the scored result", () => {
    const g = grade(92, 3, table);
    expect(applyConformity(g, "passed")).toEqual({ ...g, conformity: "passed" });
    expect(applyConformity(g, "failed").code).toBe("NONE");
    expect(applyConformity(g, "failed").scored).toBe("AAA");
  });
});

describe("RULES.md §3: a reason cites the gate, never a row's score range that S contradicts", () => {
  test("S = 100, level 3: AAA needs ≥ 80 and level 3 (row 2's management level); no '80—90'", () => {
    const why = explainGrade(grade(100, 3, table), S);
    expect(why.zh).toContain("AAA 需服务特性测评得分 ≥ 80 且管理成熟度三级及以上（管理级别依据5.3 表第 2 行）");
    expect(why.en).toContain("AAA needs service score ≥ 80 and maturity level 3 or above (the level per 5.3 table row 2)");
    for (const t of [why.zh, why.en]) expect(t).not.toMatch(/80\s*[—–-]\s*90|60\s*[—–-]\s*79/);
  });

  test("paired: AAA cites row 1's level and requires ≥ 80, never '60—79'", () => {
    const why = explainGrade(grade(85, 2, paired), S);
    expect(why.zh).toContain("AAA 需服务特性测评得分 ≥ 80 且管理成熟度二级及以上（管理级别依据5.3 表第 1 行）");
    expect(why.zh).not.toMatch(/60\s*[—–-]\s*79/);
  });

  test("every (S, L, profile) reason states the score once and no score range", () => {
    for (const p of S.profiles) {
      for (const s of [0, 59.9, 60, 79.9, 80, 89.9, 90, 94.9, 95, 100]) {
        for (const l of [1, 2, 3, 4, 5]) {
          const why = explainGrade(grade(s, l, p), S);
          for (const t of [why.zh, why.en]) {
            expect(t).not.toMatch(/\d+\s*[—–]\s*\d+/);
            expect(t).toContain(s.toFixed(1));
          }
        }
      }
    }
  });
});

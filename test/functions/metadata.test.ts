/**
 * dist/functions.json (English, from the JSDoc) and dist/functions.zh-CN.json (from
 * src/functions/i18n.zh-CN.ts): the ten functions of issue 3 and the three of issue 12 (robustness),
 * with types, and a description in both languages for every function and parameter.
 */
import { readDistJson, type Metadata } from "./dist";
import { ZH_CN } from "../../src/functions/i18n.zh-CN";
import { FUNCTIONS } from "../../src/functions/functions";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { coverageProblems, localize } = require("../../scripts/gen-functions-zh.js");

/** The tables of issue 3 and issue 12: id → parameters (optional ones marked "?"). */
const ISSUE_TABLE: Record<string, string[]> = {
  LIKERT_BAND: ["alpha"],
  LIKERT_LABEL: ["alpha", "lang?"],
  ITEM_SCORE: ["weight", "alpha"],
  SERVICE_SCORE: ["alphas", "weights?"],
  PANEL_SCORE: ["alphaMatrix", "weights?"],
  MATURITY_POINTS: ["level", "weight"],
  MATURITY_TOTAL: ["levels"],
  MATURITY_LEVEL: ["total"],
  CERT_GRADE: ["serviceScore", "maturityLevel", "profile?", "conformity?"],
  GRADE_REASON: ["serviceScore", "maturityLevel", "profile?", "lang?", "conformity?"],
  FLIP_COUNT: ["alphaMatrix", "levels", "profile?"],
  SERVICE_MARGIN: ["serviceScore", "maturityLevel", "profile?"],
  MATURITY_MARGIN: ["serviceScore", "maturityTotal", "profile?"],
};
const RANGES = new Set(["alphas", "weights", "alphaMatrix", "levels"]);

describe("custom functions metadata", () => {
  const en = readDistJson<Metadata>("functions.json");
  const zh = readDistJson<Metadata>("functions.zh-CN.json");

  test("exactly the functions of the issues, ids uppercase, name = id", () => {
    expect(en.functions.map((f) => f.id).sort()).toEqual(Object.keys(ISSUE_TABLE).sort());
    for (const f of en.functions) {
      expect(f.id).toMatch(/^[A-Z][A-Z0-9_.]{2,}$/);
      expect(f.name).toBe(f.id);
      expect(f.parameters.map((p) => p.name + (p.optional ? "?" : ""))).toEqual(ISSUE_TABLE[f.id]);
    }
    expect(Object.keys(FUNCTIONS).sort()).toEqual(Object.keys(ISSUE_TABLE).sort());
  });

  test("parameter and result types: ranges are any[][] matrices, cells any, options string", () => {
    for (const f of en.functions) {
      expect(["number", "string"]).toContain(f.result.type);
      for (const p of f.parameters) {
        if (RANGES.has(p.name)) {
          expect(p).toMatchObject({ type: "any", dimensionality: "matrix" });
        } else if (p.name === "lang" || p.name === "profile") {
          expect(p.type).toBe("string");
        } else {
          expect(p.type).toBe("any");
          expect(p.dimensionality ?? "scalar").toBe("scalar");
        }
      }
    }
  });

  test("error values from cells reach the functions (allowErrorForDataTypeAny)", () => {
    expect(en.allowErrorForDataTypeAny).toBe(true);
    expect(zh.allowErrorForDataTypeAny).toBe(true);
  });

  test("every function and parameter has an English and a Chinese description", () => {
    expect(coverageProblems(en, ZH_CN)).toEqual([]);
    const cjk = /[\u4e00-\u9fff]/;
    for (const f of zh.functions) {
      expect(f.description).toMatch(cjk);
      for (const p of f.parameters) expect(p.description).toMatch(cjk);
    }
    for (const f of en.functions) {
      expect(f.description).toBeTruthy();
      for (const p of f.parameters) expect(p.description).toBeTruthy();
    }
  });

  test("the zh-CN twin has the same ids, names, parameters and types; only descriptions differ", () => {
    const strip = (m: Metadata) =>
      m.functions.map((f) => ({
        ...f,
        description: undefined,
        parameters: f.parameters.map((p) => ({ ...p, description: undefined })),
      }));
    expect(strip(zh)).toEqual(strip(en));
    expect(zh).toEqual(localize(en, ZH_CN));
  });

  test("a missing translation is reported (the build fails on it)", () => {
    const { CERT_GRADE: _dropped, ...rest } = ZH_CN;
    expect(coverageProblems(en, rest)).toContain("CERT_GRADE: no Chinese translation in src/functions/i18n.zh-CN.ts");
    const noParam = { ...ZH_CN, LIKERT_LABEL: { ...ZH_CN.LIKERT_LABEL, parameters: { alpha: "α" } } };
    expect(coverageProblems(en, noParam)).toEqual(["LIKERT_LABEL(lang): no Chinese description"]);
    const noEnglish = {
      ...en,
      functions: en.functions.map((f) => (f.id === "ITEM_SCORE" ? { ...f, description: "" } : f)),
    };
    expect(coverageProblems(noEnglish, ZH_CN)).toEqual(["ITEM_SCORE: no English description (JSDoc)"]);
    expect(() => localize(en, rest)).toThrow(/translation incomplete/);
  });
});

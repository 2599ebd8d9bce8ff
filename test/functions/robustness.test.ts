/**
 * QCS.FLIP_COUNT, QCS.SERVICE_MARGIN and QCS.MATURITY_MARGIN (RULES.md §7): the §7 example, the
 * worksheet cases (blank columns, numbers as text, N/A, wrong shapes, error cells) and agreement with
 * the engine.
 */
import fc from "fast-check";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { assess } from "../../src/engine";
import { FunctionError, setMessageLanguage } from "../../src/functions/errors";
import { FLIP_COUNT, MATURITY_MARGIN, MATURITY_TOTAL, PANEL_SCORE, SERVICE_MARGIN } from "../../src/functions/functions";

type Cell = unknown;
const alphaColumn = (alpha: Cell, by: Record<string, Cell> = {}): Cell[][] => S.items.map((it) => [it.id in by ? by[it.id] : alpha]);
const matrix = (...cols: Cell[][][]): Cell[][] => S.items.map((_, i) => cols.map((c) => c[i][0]));
const levelColumn = (level: Cell, by: Record<string, Cell> = {}): Cell[][] => S.clauses.map((c) => [c.id in by ? by[c.id] : level]);

function errorOf(f: () => unknown): FunctionError {
  try {
    const v = f();
    throw new Error(`expected an error, got ${JSON.stringify(v)}`);
  } catch (e) {
    if (!(e instanceof FunctionError)) throw e;
    return e;
  }
}

afterEach(() => setMessageLanguage("en-US"));

describe("RULES §7 through the functions", () => {
  test("the §7 example: every α 0.9, every clause 4 → 19 flips, service margin 0.0, maturity margin 21", () => {
    const alphas = alphaColumn(0.9);
    const levels = levelColumn(4);
    expect(FLIP_COUNT(alphas, levels)).toBe(19);
    expect(SERVICE_MARGIN(PANEL_SCORE(alphas), MATURITY_TOTAL(levels))).toBe(0);
    expect(MATURITY_MARGIN(PANEL_SCORE(alphas), MATURITY_TOTAL(levels))).toBe(21);
  });

  test("robust: every α 1, every clause 5, three raters → 0; margins 5 and 50", () => {
    const m = matrix(alphaColumn(1), alphaColumn(1), alphaColumn(1));
    expect(FLIP_COUNT(m, levelColumn(5))).toBe(0);
    expect(SERVICE_MARGIN(100, 145)).toBe(5);
    expect(MATURITY_MARGIN(100, 145)).toBe(50);
  });

  test("blank rater columns are not raters; numbers as text and N/A are read as in PANEL_SCORE", () => {
    // 甲 every α 1, 乙 every α 0.8 (as text), a blank column between: 38 α steps and leaving out 甲 flip
    const m = matrix(alphaColumn(1), alphaColumn(""), alphaColumn("0.8"));
    expect(PANEL_SCORE(m)).toBe(90);
    expect(FLIP_COUNT(m, levelColumn("4"))).toBe(39);
    expect(FLIP_COUNT(alphaColumn(0.9, { "7.1": "N/A", "1.1": "不适用" }), levelColumn(4))).toBe(17);
  });

  test("the profile argument: every α 0.9, every clause 3 is AAA under table, AAAA under paired", () => {
    const alphas = alphaColumn(0.9);
    const levels = levelColumn(3);
    expect(SERVICE_MARGIN(90, 87)).toBe(10); // AAA: 90 − 80
    expect(SERVICE_MARGIN(90, 87, "paired")).toBe(0); // AAAA: 90 − 90
    expect(MATURITY_MARGIN(90, 87, "paired")).toBe(17); // level 3 starts at 70
    expect(FLIP_COUNT(alphas, levels, "paired")).toBe(assess({ raters: [{ alphas: alphas.map((r) => r[0]) }], levels: levels.map((r) => r[0]) }, S, { profile: "paired" }).robustness!.steps.length);
    expect(FLIP_COUNT(alphas, levels, "paired")).toBeGreaterThan(0);
  });

  test("SERVICE_MARGIN grades the rounded score (89.95 → 90.0 is AAAA, margin 0) and takes a level or a total", () => {
    expect(SERVICE_MARGIN(89.95, 5)).toBe(0);
    expect(SERVICE_MARGIN(89.95, 116)).toBe(0);
    expect(SERVICE_MARGIN(92.34, 3)).toBe(12.3); // AAA: 92.3 − 80
    expect(SERVICE_MARGIN("85", 2)).toBe(25); // BASIC: 85 − 60
  });

  test("MATURITY_MARGIN: the total over the lowest total of the needed level", () => {
    expect(MATURITY_MARGIN(92, 95)).toBe(0); // AAAA needs level 4: 95
    expect(MATURITY_MARGIN(92, 94)).toBe(24); // level 3 → AAA, which needs level 3: 70
    expect(MATURITY_MARGIN(85, 58)).toBe(13); // BASIC: 58 − 45
  });
});

describe("errors, like the other functions", () => {
  test("#N/A when the result is not certified", () => {
    for (const call of [() => FLIP_COUNT(alphaColumn(0.5), levelColumn(1)), () => SERVICE_MARGIN(50, 1), () => MATURITY_MARGIN(95, 29)]) {
      const e = errorOf(call);
      expect(e.code).toBe("#N/A");
      expect(e.message).toBe("the result is not certified: there is no grade threshold met, so no margin and no flips");
    }
    setMessageLanguage("zh-CN");
    expect(errorOf(() => SERVICE_MARGIN(50, 1)).message).toBe("结果为不予认证：没有已达到的认证门槛，因此没有余量和翻转");
  });

  test("#N/A naming what is missing while the assessment is incomplete", () => {
    expect(errorOf(() => FLIP_COUNT(alphaColumn(0.9, { "3.1": "" }), levelColumn(4)))).toMatchObject({ code: "#N/A", message: "rater 1: unscored items: 3.1" });
    expect(errorOf(() => FLIP_COUNT(alphaColumn(0.9), levelColumn(4, { "4.1": null })))).toMatchObject({
      code: "#N/A",
      message: "clauses without a maturity level: 4.1",
    });
    expect(errorOf(() => FLIP_COUNT(alphaColumn(null), levelColumn(4))).code).toBe("#N/A");
    expect(errorOf(() => SERVICE_MARGIN("", 4)).code).toBe("#N/A");
  });

  test("#VALUE! for bad input", () => {
    expect(errorOf(() => FLIP_COUNT(alphaColumn(0.9, { "2.3": 1.2 }), levelColumn(4)))).toMatchObject({
      code: "#VALUE!",
      message: "rater 1, item 2.3: α 1.2 is outside [0, 1]",
    });
    expect(errorOf(() => FLIP_COUNT(alphaColumn(0.9).slice(1), levelColumn(4))).message).toBe(
      "alphaMatrix: expected 19 rows (items in Appendix 1 order) × rater columns, got 18 × 1"
    );
    expect(errorOf(() => FLIP_COUNT(alphaColumn(0.9), levelColumn(4).slice(1))).message).toBe("levels: expected 21 levels, got 20");
    expect(errorOf(() => FLIP_COUNT(alphaColumn(0.9), levelColumn(4, { "1.1": 6 }))).code).toBe("#VALUE!");
    expect(errorOf(() => FLIP_COUNT(alphaColumn(0.9), levelColumn(4), "x")).message).toBe('unknown rule profile "x" (known: table, paired)');
    expect(errorOf(() => FLIP_COUNT(alphaColumn(0.9, { "1.1": { code: "#DIV/0!" } }), levelColumn(4))).message).toBe(
      "alphaMatrix row 1, column 1 holds the error #DIV/0!"
    );
    expect(errorOf(() => SERVICE_MARGIN(101, 4)).message).toBe("serviceScore 101 is outside [0, 100]");
    expect(errorOf(() => MATURITY_MARGIN(92, 4)).message).toBe(
      "maturityTotal 4 is a maturity level, not a total: give the maturity total (QCS.MATURITY_TOTAL)"
    );
    expect(errorOf(() => MATURITY_MARGIN(92, 146)).message).toBe("maturity total 146 is outside [20, 145]");
  });

  test("an upstream #N/A stays #N/A", () => {
    expect(errorOf(() => SERVICE_MARGIN({ code: "#N/A" }, 4)).code).toBe("#N/A");
    expect(errorOf(() => MATURITY_MARGIN(90, { code: "#N/A" })).code).toBe("#N/A");
  });
});

describe("the functions agree with the engine", () => {
  const alpha = fc.oneof(
    { weight: 10, arbitrary: fc.integer({ min: 80, max: 100 }).map((x) => x / 100) },
    { weight: 1, arbitrary: fc.constant("N/A") }
  );
  const column = fc.array(alpha, { minLength: S.items.length, maxLength: S.items.length }).filter((c) => c.some((a) => a !== "N/A"));
  const levels = fc.array(fc.integer({ min: 2, max: 5 }), { minLength: S.clauses.length, maxLength: S.clauses.length });

  test("FLIP_COUNT = the engine's number of flipping steps; the margins = the engine's margins", () => {
    fc.assert(
      fc.property(fc.array(column, { minLength: 1, maxLength: 4 }), levels, fc.constantFrom("table", "paired"), (cols, lv, profile) => {
        const r = assess({ raters: cols.map((alphas) => ({ alphas })), levels: lv }, S, { profile });
        const m = S.items.map((_, i) => cols.map((c) => c[i]));
        const l = lv.map((x) => [x]);
        if (!r.robustness) {
          expect(errorOf(() => FLIP_COUNT(m, l, profile)).code).toBe("#N/A");
          return;
        }
        expect(FLIP_COUNT(m, l, profile)).toBe(r.robustness.steps.length);
        const s = PANEL_SCORE(m);
        const t = MATURITY_TOTAL(l);
        expect(SERVICE_MARGIN(s, t, profile)).toBe(r.robustness.serviceMargin);
        expect(MATURITY_MARGIN(s, t, profile)).toBe(r.robustness.maturityMargin);
      }),
      { numRuns: 150 }
    );
  });
});

/**
 * QCS.* custom functions on the RULES.md §4 hand-checked examples (inputs built from the scheme,
 * expected values from RULES.md) and on what worksheets really pass: blanks ("" and null), N/A text,
 * wrong shapes, numbers as text, Excel error values from cells, bad options.
 */
import fc from "fast-check";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { FunctionError, setMessageLanguage } from "../../src/functions/errors";
import {
  CERT_GRADE,
  FUNCTIONS,
  GRADE_REASON,
  ITEM_SCORE,
  LIKERT_BAND,
  LIKERT_LABEL,
  MATURITY_LEVEL,
  MATURITY_POINTS,
  MATURITY_TOTAL,
  PANEL_SCORE,
  SERVICE_SCORE,
} from "../../src/functions/functions";

type Cell = unknown;

/** One α column (19 × 1) in Appendix 1 order: every item `alpha`, some overridden by item id. */
const alphaColumn = (alpha: Cell, by: Record<string, Cell> = {}): Cell[][] =>
  S.items.map((it) => [it.id in by ? by[it.id] : alpha]);

/** Rater columns side by side (19 × N). */
const matrix = (...cols: Cell[][][]): Cell[][] => S.items.map((_, i) => cols.map((c) => c[i][0]));

/** 21 levels (21 × 1) in Appendix 3 order. */
const levelColumn = (level: Cell, by: Record<string, Cell> = {}): Cell[][] =>
  S.clauses.map((c) => [c.id in by ? by[c.id] : level]);

/** Levels whose points add up to `target` (start at all 1 and raise clause by clause). */
function levelsFor(target: number): number[][] {
  const lv = S.clauses.map(() => S.minClauseLevel);
  let total = S.clauses.reduce((s, c) => s + (c.weight * S.minClauseLevel) / S.maxClauseLevel, 0);
  for (let guard = 0; total < target && guard < 10_000; guard++) {
    const i = guard % lv.length;
    const step = S.clauses[i].weight / S.maxClauseLevel;
    if (lv[i] < S.maxClauseLevel && total + step <= target) {
      lv[i]++;
      total += step;
    }
  }
  expect(total).toBe(target);
  return lv.map((l) => [l]);
}

/** Calls f and returns the thrown function error (fails when it returns or throws anything else). */
function errorOf(f: () => unknown): FunctionError {
  let thrown: unknown;
  try {
    const v = f();
    thrown = new Error(`expected an error, got ${JSON.stringify(v)}`);
  } catch (e) {
    thrown = e;
  }
  if (!(thrown instanceof FunctionError)) throw thrown;
  return thrown;
}

const label = (code: keyof typeof S.gradeLabels): string => S.gradeLabels[code].zh;

describe("RULES.md §4 examples through the functions (default profile)", () => {
  // [case, α columns (one per rater), levels, service, maturity total, maturity level, result code]
  const cases: [string, Cell[][][], Cell[][], number, number, number, keyof typeof S.gradeLabels][] = [
    ["all max", [alphaColumn(1)], levelColumn(5), 100.0, 145, 5, "AAAAA"],
    ["uniform 0.9, L4", [alphaColumn(0.9)], levelColumn(4), 90.0, 116, 5, "AAAA"],
    ["capped", [alphaColumn(0.9)], levelColumn(3), 90.0, 87, 3, "AAA"],
    ["basic", [alphaColumn(0.85)], levelColumn(2), 85.0, 58, 2, "BASIC"],
    ["rounding", [alphaColumn(0.9, { "3.1": 0.89 })], levelColumn(4), 90.0, 116, 5, "AAAA"],
    ["N/A", [alphaColumn(0.9, { "7.1": "N/A" })], levelColumn(5), 90.0, 145, 5, "AAAA"],
    ["panel", [alphaColumn(0.9), alphaColumn(0.8)], levelColumn(4), 85.0, 116, 5, "AAA"],
    ["low", [alphaColumn(0.5)], levelColumn(1), 50.0, 29, 1, "NONE"],
  ];

  test.each(cases)("%s", (_name, cols, levels, service, total, level, code) => {
    const panel = PANEL_SCORE(matrix(...cols));
    expect(panel).toBe(service);
    expect(MATURITY_TOTAL(levels)).toBe(total);
    expect(MATURITY_LEVEL(total)).toBe(level);
    expect(CERT_GRADE(panel, MATURITY_LEVEL(MATURITY_TOTAL(levels)), undefined, true)).toBe(label(code));
    // without a review result the same grade, marked provisional (RULES.md §5)
    expect(CERT_GRADE(panel, MATURITY_LEVEL(MATURITY_TOTAL(levels)))).toBe(code === "NONE" ? label(code) : `${label(code)}（待符合性审查）`);
    if (cols.length === 1) {
      // one rater: SERVICE_SCORE is unrounded, CERT_GRADE rounds it the same way
      expect(SERVICE_SCORE(cols[0])).toBeCloseTo(service, 1);
      expect(CERT_GRADE(SERVICE_SCORE(cols[0]), level, undefined, "通过")).toBe(label(code));
      const reason = GRADE_REASON(SERVICE_SCORE(cols[0]), level, null as never, "en-US");
      expect(reason.toLowerCase()).toContain(`the result is ${S.gradeLabels[code].en.toLowerCase()}`);
    }
  });

  test("rounding: SERVICE_SCORE is 89.95, PANEL_SCORE shows 90.0, both grade AAAA", () => {
    const col = alphaColumn(0.9, { "3.1": 0.89 });
    expect(SERVICE_SCORE(col)).toBeCloseTo(89.95, 10);
    expect(PANEL_SCORE(col)).toBe(90);
    expect(CERT_GRADE(SERVICE_SCORE(col), 5, undefined, true)).toBe("AAAA");
  });

  test("RULES.md §3: S = 92 with L = 3 is AAA; S = 85 with L = 2 is basic", () => {
    expect(CERT_GRADE(92, 3, undefined, true)).toBe("AAA");
    expect(CERT_GRADE(85, 2, undefined, true)).toBe(label("BASIC"));
    expect(CERT_GRADE(85, 2, undefined, "passed")).toBe("基本级（不定级）");
    expect(CERT_GRADE(50, 1)).toBe("不予认证");
  });

  test("band edges: T = 95 is level 4, T = 94 is level 3 (levels built from the scheme)", () => {
    expect(MATURITY_TOTAL(levelsFor(95))).toBe(95);
    expect(MATURITY_LEVEL(MATURITY_TOTAL(levelsFor(95)))).toBe(4);
    expect(MATURITY_TOTAL(levelsFor(94))).toBe(94);
    expect(MATURITY_LEVEL(MATURITY_TOTAL(levelsFor(94)))).toBe(3);
  });

  test("Likert: 0.2 → 1; 0.21 → 2; 0.6 → 3; 0.61 → 4; 1 → 5; 1.01 → error", () => {
    expect([0.2, 0.21, 0.6, 0.61, 1].map((a) => LIKERT_BAND(a))).toEqual([1, 2, 3, 4, 5]);
    expect(LIKERT_BAND(0.2000001)).toBe(2);
    const e = errorOf(() => LIKERT_BAND(1.01));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe("α 1.01 is outside [0, 1]");
  });
});

describe("LIKERT_LABEL", () => {
  test("Chinese by default, English on request, labels from the scheme", () => {
    S.likert.forEach((b) => {
      expect(LIKERT_LABEL(b.max)).toBe(b.label.zh);
      expect(LIKERT_LABEL(b.max, "zh-CN")).toBe(b.label.zh);
      expect(LIKERT_LABEL(b.max, "en-US")).toBe(b.label.en);
      expect(LIKERT_LABEL(b.max, "en")).toBe(b.label.en);
    });
    expect(LIKERT_LABEL(0.1)).toBe("远低于预期");
    expect(LIKERT_LABEL(0.9)).toBe("远高于预期");
    expect(LIKERT_LABEL(0.9, null as never)).toBe("远高于预期");
    expect(LIKERT_LABEL(0.9, "")).toBe("远高于预期");
  });
  test("an unknown language is #VALUE! naming it", () => {
    const e = errorOf(() => LIKERT_LABEL(0.9, "fr-FR"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain('"fr-FR"');
  });
});

describe("scalars: blanks, N/A, numbers as text, error values", () => {
  test("numbers as text are read", () => {
    expect(LIKERT_BAND("0.61")).toBe(4);
    expect(ITEM_SCORE("7", " 0.9 ")).toBeCloseTo(6.3, 12);
    expect(MATURITY_POINTS("3", "10")).toBe(6);
    expect(MATURITY_LEVEL("116")).toBe(5);
    expect(CERT_GRADE("95", "4", undefined, true)).toBe("AAAAA");
  });
  test("ITEM_SCORE = weight × α, MATURITY_POINTS = level × weight / 5 (every clause)", () => {
    S.items.forEach((it) => expect(ITEM_SCORE(it.weight, 0.5)).toBeCloseTo(it.weight * 0.5, 12));
    S.clauses.forEach((c) => expect(MATURITY_POINTS(S.maxClauseLevel, c.weight)).toBe(c.weight));
  });
  test.each([null, "", "   "])("blank α %p is #N/A (not scored yet)", (blank) => {
    const e = errorOf(() => LIKERT_BAND(blank));
    expect(e.code).toBe("#N/A");
    expect(e.message).toMatch(/blank/);
    expect(errorOf(() => ITEM_SCORE(5, blank)).code).toBe("#N/A");
  });
  test.each(S.notApplicable)("α %p (not applicable) is #N/A: no band, no score", (na) => {
    expect(errorOf(() => LIKERT_BAND(na)).code).toBe("#N/A");
    expect(errorOf(() => ITEM_SCORE(5, na.toLowerCase())).message).toMatch(/N\/A/);
  });
  test("text that is not a number is #VALUE! quoting it", () => {
    const e = errorOf(() => LIKERT_BAND("high"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain('"high"');
    expect(errorOf(() => MATURITY_LEVEL("lots")).message).toBe('total "lots" is not a number');
    expect(errorOf(() => LIKERT_BAND(true)).code).toBe("#VALUE!");
  });
  test("error values from cells become #VALUE! with a message (#N/A stays #N/A)", () => {
    const div0 = { code: "#DIV/0!" };
    for (const f of [
      () => LIKERT_BAND(div0),
      () => ITEM_SCORE(div0, 0.5),
      () => MATURITY_LEVEL("#DIV/0!"),
      () => CERT_GRADE(div0, 4),
      () => MATURITY_POINTS({ type: "Error", basicValue: "#DIV/0!", errorType: "Div0" }, 5),
    ]) {
      const e = errorOf(f);
      expect(e.code).toBe("#VALUE!");
      expect(e.message).toContain("#DIV/0!");
    }
    const na = errorOf(() => CERT_GRADE({ code: "#N/A", message: "unscored items: 1.2" }, 4));
    expect(na.code).toBe("#N/A");
    expect(na.message).toContain("unscored items: 1.2");
  });
  test("out-of-range values name the fault", () => {
    expect(errorOf(() => MATURITY_LEVEL(146)).message).toBe("maturity total 146 is outside [20, 145]");
    expect(errorOf(() => MATURITY_LEVEL(19)).code).toBe("#VALUE!");
    expect(errorOf(() => MATURITY_POINTS(6, 5)).message).toContain("not an integer 1–5");
    expect(errorOf(() => MATURITY_POINTS(2.5, 5)).code).toBe("#VALUE!");
    expect(errorOf(() => ITEM_SCORE(-5, 0.5)).message).toContain("not a positive number");
    expect(errorOf(() => CERT_GRADE(101, 4)).message).toBe("serviceScore 101 is outside [0, 100]");
    expect(errorOf(() => CERT_GRADE(90, 116)).message).toContain("QCS.MATURITY_LEVEL");
    expect(errorOf(() => CERT_GRADE(null, 4)).code).toBe("#N/A");
  });
  test("data types (allowCustomDataForDataTypeAny) are read through their basicValue", () => {
    expect(LIKERT_BAND({ type: "FormattedNumber", basicValue: 0.9, numberFormat: "0.00" })).toBe(5);
  });
});

describe("SERVICE_SCORE", () => {
  test("a 1 × 19 row works like a 19 × 1 column", () => {
    const col = alphaColumn(0.9, { "3.1": 0.89 });
    expect(SERVICE_SCORE([col.map((r) => r[0])])).toBe(SERVICE_SCORE(col));
  });
  test.each([
    ["blank as null", null],
    ["blank as empty text", ""],
  ])("incomplete (%s) is #N/A listing the unscored items", (_n, blank) => {
    const e = errorOf(() => SERVICE_SCORE(alphaColumn(0.9, { "1.2": blank, "3.1": blank })));
    expect(e.code).toBe("#N/A");
    expect(e.message).toBe("unscored items: 1.2, 3.1");
  });
  test("every α blank is #N/A", () => {
    expect(errorOf(() => SERVICE_SCORE(alphaColumn(null))).code).toBe("#N/A");
  });
  test("N/A text in any spelling leaves both sums", () => {
    const expected = SERVICE_SCORE(alphaColumn(0.9, { "7.1": "N/A" }));
    for (const na of [...S.notApplicable, " na ", "n/a"]) {
      expect(SERVICE_SCORE(alphaColumn(0.9, { "7.1": na }))).toBe(expected);
    }
  });
  test("all items N/A is #VALUE!", () => {
    expect(errorOf(() => SERVICE_SCORE(alphaColumn("N/A"))).message).toContain("every item is N/A");
  });
  test("a bad α names the item: #VALUE! item 1.2: α 1.2 is outside [0, 1]", () => {
    const e = errorOf(() => SERVICE_SCORE(alphaColumn(0.9, { "1.2": 1.2 })));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe("item 1.2: α 1.2 is outside [0, 1]");
  });
  test("numbers as text are read", () => {
    expect(SERVICE_SCORE(alphaColumn("0.9"))).toBe(SERVICE_SCORE(alphaColumn(0.9)));
  });
  test("wrong shapes are #VALUE! naming the count or the shape", () => {
    expect(errorOf(() => SERVICE_SCORE(alphaColumn(0.9).slice(1))).message).toBe("alphas: expected 19 α cells, got 18");
    const two = alphaColumn(0.9).map((r) => [r[0], r[0]]);
    expect(errorOf(() => SERVICE_SCORE(two)).message).toContain("expected 19 α cells, got 38");
    const ragged = alphaColumn(0.9).map((r, i) => (i === 3 ? [r[0], 1] : r));
    expect(errorOf(() => SERVICE_SCORE(ragged)).message).toContain("not a rectangular range");
  });
  test("an error value in the range names its position", () => {
    const col = alphaColumn(0.9);
    col[2] = [{ code: "#DIV/0!" }];
    const e = errorOf(() => SERVICE_SCORE(col));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe("alphas row 3, column 1 holds the error #DIV/0!");
    col[2] = ["#REF!"];
    expect(errorOf(() => SERVICE_SCORE(col)).message).toContain("#REF!");
  });
  test("custom weights: any range with a same-shaped weights range", () => {
    // 100 × (5·1 + 10·0.5) / 15
    // (the engine keeps 12 significant digits)
    expect(SERVICE_SCORE([[1, 0.5]], [[5, 10]])).toBeCloseTo((100 * (5 * 1 + 10 * 0.5)) / 15, 8);
    // the standard's weights given explicitly give the default result
    const weights = S.items.map((it) => [it.weight]);
    const col = alphaColumn(0.9, { "3.1": 0.89, "7.1": "N/A" });
    expect(SERVICE_SCORE(col, weights)).toBe(SERVICE_SCORE(col));
    expect(errorOf(() => SERVICE_SCORE([[1, 0.5]], [[5]])).message).toContain("same shape");
    expect(errorOf(() => SERVICE_SCORE([[1, null]], [[5, 10]])).message).toBe("unscored items: #2");
    expect(errorOf(() => SERVICE_SCORE([[1, 0.5]], [[5, "x"]])).code).toBe("#VALUE!");
  });
  test("an omitted weights argument may arrive as null or [[null]]", () => {
    const col = alphaColumn(0.8);
    expect(SERVICE_SCORE(col, null as never)).toBe(SERVICE_SCORE(col));
    expect(SERVICE_SCORE(col, [[null]])).toBe(SERVICE_SCORE(col));
    expect(SERVICE_SCORE(col, [[""]])).toBe(SERVICE_SCORE(col));
  });
});

describe("PANEL_SCORE", () => {
  test('entirely blank rater columns are ignored (null or "")', () => {
    const a = alphaColumn(0.9);
    const b = alphaColumn(0.8);
    expect(PANEL_SCORE(matrix(a, alphaColumn(null), b, alphaColumn("")))).toBe(85);
  });
  test("a partly blank column is #N/A naming rater and items", () => {
    const e = errorOf(() => PANEL_SCORE(matrix(alphaColumn(0.9), alphaColumn(0.8, { "1.2": "", "3.1": null }))));
    expect(e.code).toBe("#N/A");
    expect(e.message).toBe("rater 2: unscored items: 1.2, 3.1");
  });
  test("no rater at all is #N/A", () => {
    expect(errorOf(() => PANEL_SCORE(matrix(alphaColumn(null), alphaColumn("")))).code).toBe("#N/A");
  });
  test("a bad α is #VALUE! naming rater and item", () => {
    const e = errorOf(() => PANEL_SCORE(matrix(alphaColumn(0.9), alphaColumn(0.8, { "2.3": 1.2 }))));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe("rater 2, item 2.3: α 1.2 is outside [0, 1]");
  });
  test("rounded half-up to the profile's decimals, decimal-safe", () => {
    const col = alphaColumn(0.9, { "3.1": 0.89 });
    expect(PANEL_SCORE(col)).toBe(90);
    const v = PANEL_SCORE(matrix(alphaColumn(0.9), alphaColumn(0.8, { "1.1": 0.77 })));
    expect(Number(v.toFixed(S.profiles[0].decimals))).toBe(v);
  });
  test("N/A text and numbers as text", () => {
    expect(PANEL_SCORE(matrix(alphaColumn("0.9", { "7.1": "不适用" }), alphaColumn(0.9, { "7.1": "NA" })))).toBe(90);
  });
  test("wrong shapes: 19 rows needed without weights", () => {
    const e = errorOf(() => PANEL_SCORE(alphaColumn(0.9).slice(0, 18)));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain("expected 19 rows");
    expect(errorOf(() => PANEL_SCORE([alphaColumn(0.9).map((r) => r[0])])).message).toContain("got 1 × 19");
  });
  test("custom weights: one per row", () => {
    expect(
      PANEL_SCORE(
        [
          [1, 0.5],
          [0.5, 1],
        ],
        [[5], [5]]
      )
    ).toBe(75);
    expect(
      errorOf(() =>
        PANEL_SCORE(
          [
            [1, 0.5],
            [0.5, 1],
          ],
          [[5], [5], [5]]
        )
      ).message
    ).toContain("expected 2 weights, got 3");
  });
  test("an error value in the matrix names its position", () => {
    const m = matrix(alphaColumn(0.9), alphaColumn(0.8));
    m[4][1] = { code: "#DIV/0!" };
    expect(errorOf(() => PANEL_SCORE(m)).message).toBe("alphaMatrix row 5, column 2 holds the error #DIV/0!");
  });
});

describe("MATURITY_TOTAL", () => {
  test("expected 21 levels, got 20", () => {
    const e = errorOf(() => MATURITY_TOTAL(levelColumn(4).slice(1)));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain("expected 21 levels, got 20");
  });
  test("a 1 × 21 row works; a 3 × 7 block does not", () => {
    expect(MATURITY_TOTAL([levelColumn(4).map((r) => r[0])])).toBe(116);
    const block = [0, 1, 2].map((r) =>
      levelColumn(4)
        .slice(r * 7, r * 7 + 7)
        .map((x) => x[0])
    );
    expect(errorOf(() => MATURITY_TOTAL(block)).message).toContain("one column or one row");
  });
  test('blank levels (null or "") are #N/A naming the clauses', () => {
    const e = errorOf(() => MATURITY_TOTAL(levelColumn(4, { "4.1": null, "6.3": "" })));
    expect(e.code).toBe("#N/A");
    expect(e.message).toBe("clauses without a maturity level: 4.1, 6.3");
  });
  test("invalid levels are #VALUE! naming the clause; no N/A for clauses", () => {
    expect(errorOf(() => MATURITY_TOTAL(levelColumn(4, { "2.2": 6 }))).message).toBe(
      "clause 2.2: maturity level 6 is not an integer 1–5"
    );
    expect(errorOf(() => MATURITY_TOTAL(levelColumn(4, { "2.2": "N/A" }))).code).toBe("#VALUE!");
  });
  test("numbers as text", () => {
    expect(MATURITY_TOTAL(levelColumn("3"))).toBe(87);
  });
  test("an error value among the levels is #VALUE! naming its position", () => {
    const e = errorOf(() => MATURITY_TOTAL(levelColumn(4, { "1.3": { code: "#DIV/0!" } })));
    expect(e.message).toBe("levels row 3, column 1 holds the error #DIV/0!");
  });
});

describe("CERT_GRADE and GRADE_REASON: the conformity review (RULES.md §5)", () => {
  test("passed: the grade; not passed: not certified with the reason; blank: provisional", () => {
    for (const passed of [true, 1, "通过", "passed", " Passed "]) expect(CERT_GRADE(96, 4, undefined, passed)).toBe("AAAAA");
    for (const failed of [false, 0, "未通过", "not passed"]) expect(CERT_GRADE(96, 4, undefined, failed)).toBe("不予认证");
    for (const blank of [undefined, null, "", "  "]) expect(CERT_GRADE(96, 4, undefined, blank)).toBe("AAAAA（待符合性审查）");
    expect(CERT_GRADE(50, 1, undefined, null)).toBe("不予认证");
    expect(GRADE_REASON(96, 4, null as never, "zh-CN", false)).toContain("管理要求符合性审查未通过");
    expect(GRADE_REASON(96, 4, null as never, "zh-CN", false)).toContain("达到 AAAAA 需要：通过管理要求符合性审查。");
    expect(GRADE_REASON(96, 4, null as never, "en-US")).toContain("provisional");
    expect(GRADE_REASON(96, 4, null as never, "en-US", true)).not.toContain("provisional");
    const e = errorOf(() => CERT_GRADE(96, 4, undefined, "maybe"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain("conformity");
  });
});

describe("CERT_GRADE and GRADE_REASON options", () => {
  test("profile paired: AAA needs level 2 (RULES.md §3)", () => {
    expect(CERT_GRADE(85, 2, "paired", true)).toBe("AAA");
    expect(CERT_GRADE(85, 2, "table", true)).toBe(label("BASIC"));
    expect(CERT_GRADE(85, 2, " Table ", true)).toBe(label("BASIC"));
    expect(CERT_GRADE(85, 2, "", true)).toBe(label("BASIC"));
  });
  test("an unknown profile is #VALUE! listing the known ones", () => {
    const e = errorOf(() => CERT_GRADE(85, 2, "strict"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe(`unknown rule profile "strict" (known: ${S.profiles.map((p) => p.id).join(", ")})`);
  });
  test("GRADE_REASON says what set the grade and what the next one needs", () => {
    const en = GRADE_REASON(92, 3, null as never, "en-US");
    expect(en).toContain("the result is AAA");
    expect(en).toContain("limited by maturity");
    expect(en).toContain("for AAAA");
    const zh = GRADE_REASON(92, 3);
    expect(zh).toContain("结果为 AAA");
    expect(zh).toContain("达到 AAAA 需要");
  });
  test("GRADE_REASON with the maturity total names the exact rise (RULES.md: +service and total)", () => {
    const en = GRADE_REASON(87.6, 87, null as never, "en");
    expect(en).toContain("+2.4 service points");
    expect(en).toContain("maturity total +8 (level 4)");
    expect(en).toContain("for AAAA");
  });
  test("GRADE_REASON at the top says so", () => {
    expect(GRADE_REASON(100, 5, null as never, "en")).toContain("already the highest result");
  });
  test("GRADE_REASON rejects a value that is neither a level nor a total", () => {
    expect(errorOf(() => GRADE_REASON(90, 12)).message).toContain("neither a maturity level");
  });
});

describe("message language follows Excel's display language", () => {
  afterEach(() => setMessageLanguage("en-US"));
  test("Chinese messages from the engine's findings and the adapters' own texts", () => {
    setMessageLanguage("zh-CN");
    expect(errorOf(() => LIKERT_BAND(1.2)).message).toBe("α 1.2 超出 [0, 1]");
    expect(errorOf(() => MATURITY_TOTAL(levelColumn(4).slice(1))).message).toBe(
      "参数 levels：应为 21 个等级，实际 20 个"
    );
    expect(errorOf(() => SERVICE_SCORE(alphaColumn(0.9, { "1.2": null }))).message).toBe("未评分项目：1.2");
    setMessageLanguage("en-GB");
    expect(errorOf(() => LIKERT_BAND(1.2)).message).toBe("α 1.2 is outside [0, 1]");
  });
});

describe("no unhandled exception, ever", () => {
  const anyCell = fc.oneof(
    fc.double({ noNaN: false }),
    fc.integer({ min: -5, max: 200 }),
    fc.string({ maxLength: 6 }),
    fc.constantFrom(null, undefined, "", "N/A", "#DIV/0!", "0.5", true),
    fc.constant({ code: "#NUM!" }),
    fc.object({ maxDepth: 1 })
  );
  const anyArg = fc.oneof(anyCell, fc.array(fc.array(anyCell, { maxLength: 25 }), { maxLength: 25 }));

  test.each(Object.keys(FUNCTIONS))("%s returns a value or throws a function error", (id) => {
    const fn = FUNCTIONS[id];
    fc.assert(
      fc.property(fc.array(anyArg, { minLength: fn.length, maxLength: fn.length }), (args) => {
        try {
          const v = fn(...args);
          expect(["number", "string"]).toContain(typeof v);
          if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(FunctionError);
          expect(["#VALUE!", "#N/A"]).toContain((e as FunctionError).code);
          expect((e as FunctionError).message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 }
    );
  });
});

describe("overflow", () => {
  test("weights so large that the sums overflow give #VALUE!, never NaN or Infinity", () => {
    const huge = 1.7e308;
    for (const call of [
      () => PANEL_SCORE([[0.5], [0.5]], [[huge], [huge]]),
      () => SERVICE_SCORE([[0.5], [0.5]], [[huge], [huge]]),
      () => MATURITY_POINTS(5, huge),
    ]) {
      const e = errorOf(call);
      expect(e.code).toBe("#VALUE!");
      expect(e.message).toBe("the result is not a finite number (an input is too large)");
    }
  });
});

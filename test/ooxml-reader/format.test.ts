/**
 * The display helper: what a viewer sees for a value under a number format (the templates' formats,
 * the common builtin ones, literal-text sections), and "unknown" for what it does not model.
 */
import { BUILTIN_FORMATS, displayText, generalNumber, sections } from "../../src/workbook/ooxml/format";

const shown = (v: Parameters<typeof displayText>[0], code: string) => {
  const d = displayText(v, code);
  return d.known ? d.text : `?${d.reason.en}`;
};

describe("number-format display", () => {
  test("General: integers, decimals to 11 characters, scientific when it does not fit, text as is", () => {
    const cases: [number, string][] = [
      [0, "0"],
      [90, "90"],
      [89.95, "89.95"],
      [0.1 + 0.2, "0.3"],
      [1 / 3, "0.333333333"],
      [-1 / 3, "-0.33333333"],
      [100 / 3, "33.33333333"],
      [12345678901, "12345678901"],
      [123456789012, "1.23457E+11"],
      [1e-10, "1E-10"],
      [0.000123456789, "0.000123457"],
      [-5, "-5"],
    ];
    for (const [v, want] of cases) expect([v, generalNumber(v)]).toEqual([v, want]);
    expect(shown("AAAA", "General")).toBe("AAAA");
    expect(shown(true, "0.0")).toBe("TRUE");
    expect(shown({ error: "#DIV/0!" }, "0.0")).toBe("#DIV/0!");
    expect(shown(null, "0.0")).toBe("");
    expect(shown("", '"x"')).toBe("");
  });

  test("0, 0.0, 0.00, #,##0 and percentages, rounded half away from zero on 15 digits as Excel does", () => {
    const cases: [number, string, string][] = [
      [89.95, "0.0", "90.0"],
      [89.94999, "0.0", "89.9"],
      [1.005, "0.00", "1.01"],
      [2.5, "0", "3"],
      [-2.5, "0", "-3"],
      [-0.04, "0.0", "-0.0"],
      [0.5, "#", "1"],
      [0.4, "#", ""],
      [0.5, "#.00", ".50"],
      [1234567.891, "#,##0.00", "1,234,567.89"],
      [1234, "#,##0", "1,234"],
      [0.256, "0%", "26%"],
      [0.29, "0%", "29%"],
      [0.12345, "0.00%", "12.35%"],
      [5, "00", "05"],
      [5, "?0", " 5"],
      [1.5, "0.0#", "1.5"],
      [1.25, "0.0#", "1.25"],
      [1.5, "0.??", "1.5 "],
      [12345, "0.00E+00", "1.23E+04"],
      [0.00012, "0.00E+00", "1.20E-04"],
      [12345, "##0.0E+0", "12.3E+3"],
      [1500, "0,", "2"],
      [7, "0_);(0)", "7 "],
    ];
    for (const [v, code, want] of cases) expect([v, code, shown(v, code)]).toEqual([v, code, want]);
  });

  test("the templates' formats: 0;-0;\"\", 0\" / 19\", 0.0", () => {
    expect(shown(17, '0" / 19"')).toBe("17 / 19");
    expect(shown(21, '0" / 21"')).toBe("21 / 21");
    expect(shown(5, '0;-0;""')).toBe("5");
    expect(shown(-3, '0;-0;""')).toBe("-3");
    expect(shown(0, '0;-0;""')).toBe("");
    expect(shown(90, "0.0")).toBe("90.0");
  });

  test("literal-text sections show what the format says, not the value: the forgery cases of issue 9", () => {
    expect(shown("AAA", ';;;"AAAAA"')).toBe("AAAAA");
    expect(shown(85, ';;;"AAAAA"')).toBe("");
    expect(shown(85, '"99.9"')).toBe("99.9");
    expect(shown(-85, '"99.9"')).toBe("-99.9");
    expect(shown(85, '"99.9";"99.9";"99.9"')).toBe("99.9");
    expect(shown(85.2, '0.0;;;"x"')).toBe("85.2");
    expect(shown(85, '[Red]"AAAAA"')).toBe("AAAAA");
    expect(shown(85, '\\A\\A\\A0')).toBe("AAA85");
    expect(shown("x", '@" pts"')).toBe("x pts");
    expect(shown("x", '"[" @ "]"')).toBe("[ x ]");
    expect(shown(3, "@")).toBe("3");
    expect(shown(85, '[$¥-804]0.0')).toBe("¥85.0");
    expect(shown(85, "[$-804]0")).toBe("85");
    expect(shown(85, 'General" 分"')).toBe("85 分");
    expect(shown(85, "0分")).toBe("85分");
  });

  test("unknown formats are reported as unknown, never guessed", () => {
    for (const code of ["yyyy-mm-dd", "h:mm", "[h]:mm:ss", "# ?/?", "[>=90]0;0", "000-0000", "mm-dd-yy", "0 pts", "a;b;c;d;e"]) {
      const d = displayText(95, code);
      expect([code, d.known]).toEqual([code, false]);
      if (!d.known) expect(d.reason.zh.length).toBeGreaterThan(0);
    }
  });

  test("sections split outside quotes, brackets and escapes; the builtin table has the common ids", () => {
    expect(sections('0;"a;b";\\;;[Red]0')).toEqual(["0", '"a;b"', "\\;", "[Red]0"]);
    expect(BUILTIN_FORMATS[0]).toBe("General");
    expect(BUILTIN_FORMATS[2]).toBe("0.00");
    expect(BUILTIN_FORMATS[9]).toBe("0%");
    expect(BUILTIN_FORMATS[49]).toBe("@");
  });
});

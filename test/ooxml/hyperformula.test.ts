/**
 * A second, independent spreadsheet engine computes the written templates: the cells of each filled
 * .xlsx (formulas, shared strings, numbers — read from the file's XML, not from ExcelJS) are loaded
 * into HyperFormula, and the score, maturity total and level, grade and reason it computes are the
 * scoring engine's (LibreOffice does the same in test/workbook/libreoffice.test.ts).
 *
 * HyperFormula 3.5 has no FIXED; a plugin implements it here as Microsoft documents it
 * (https://support.microsoft.com/office/fixed-function-ffd5723c-324c-45e9-8b96-e41be2a8274a).
 */
import { DetailedCellError, FunctionArgumentType, FunctionPlugin, HyperFormula } from "hyperformula";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { assess, type AssessmentInput } from "../../src/engine";
import { NAMES } from "../../src/workbook/contract";
import { workbookBuffer } from "../../src/workbook/xlsx/write";
import { reviewed, uniform } from "../helpers";
import { filledTemplate } from "../workbook/lo";
import { scan } from "./formula";
import { contentTypes, readPackage, relationships, xmlOf } from "./package";
import type { Problem, Report } from "./problem";
import { cellRef } from "./refs";
import { REL } from "./workbook";
import { attr, kid, kids, NS, preprocess, textOf, type XElem } from "./xml";

jest.setTimeout(120_000);

/** FIXED(number, [decimals = 2], [no_commas = FALSE]): rounded half away from zero, as text. */
export function fixedText(n: number, decimals: number, noCommas: boolean): string {
  const d = Math.trunc(decimals);
  const scale = 10 ** Math.abs(d);
  // decimal-safe: 89.95 * 10 is 899.4999…, so round the scaled value to 9 places first
  const scaled = d >= 0 ? Math.abs(n) * scale : Math.abs(n) / scale;
  const rounded = Math.round(Math.round(scaled * 1e9) / 1e9);
  const value = d >= 0 ? rounded / scale : rounded * scale;
  let text = value.toFixed(Math.max(d, 0));
  if (!noCommas) {
    const [int, frac] = text.split(".");
    text = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac !== undefined ? `.${frac}` : "");
  }
  return (n < 0 && value !== 0 ? "-" : "") + text;
}

class FixedPlugin extends FunctionPlugin {
  static override implementedFunctions = {
    FIXED: {
      method: "fixed",
      parameters: [
        { argumentType: FunctionArgumentType.NUMBER },
        { argumentType: FunctionArgumentType.NUMBER, defaultValue: 2 },
        { argumentType: FunctionArgumentType.BOOLEAN, defaultValue: false },
      ],
    },
  };

  fixed(ast: { args: unknown[] }, state: unknown) {
    return this.runFunction(
      ast.args as never,
      state as never,
      this.metadata("FIXED"),
      (n: number, d: number, noCommas: boolean) => fixedText(n, d, noCommas)
    );
  }
}

type Raw = string | number | boolean | null;

interface Loaded {
  sheets: Record<string, Raw[][]>;
  names: Map<string, string>;
}

/** The cells of a written .xlsx as HyperFormula takes them, read from its XML. */
function load(bytes: Uint8Array): Loaded {
  const problems: Problem[] = [];
  const report: Report = (rule, message, part) => problems.push({ file: "hf", part, rule, message });
  const pkg = readPackage(bytes, report);
  if (!pkg) throw new Error("unreadable package");
  contentTypes(pkg, report);
  const rels = relationships(pkg, report);
  const doc = (name: string): XElem => {
    const p = pkg.parts.get(name);
    const x = p ? xmlOf(p, report) : null;
    if (!x) throw new Error(`no part ${name}: ${JSON.stringify(problems)}`);
    return preprocess(x).root;
  };
  const wbPart = (rels.get("/") ?? []).find((r) => r.type === REL.officeDocument)?.target as string;
  const wb = doc(wbPart);
  const wbRels = rels.get(wbPart) ?? [];
  const sstPart = wbRels.find((r) => r.type === REL.sharedStrings)?.target;
  const sst = sstPart
    ? kids(doc(sstPart), "si").map(
        (si) =>
          kids(si, "t").map(textOf).join("") +
          kids(si, "r")
            .map((r) => textOf(kid(r, "t") as XElem))
            .join("")
      )
    : [];
  const sheets: Record<string, Raw[][]> = {};
  for (const s of kids(kid(wb, "sheets") as XElem, "sheet")) {
    const target = wbRels.find((r) => r.id === attr(s, "id", NS.r))?.target as string;
    const grid: Raw[][] = [];
    for (const row of kids(kid(doc(target), "sheetData") as XElem, "row")) {
      for (const c of kids(row, "c")) {
        const pos = cellRef(attr(c, "r") ?? "");
        if (!pos) throw new Error(`cell ${attr(c, "r")}`);
        const f = kid(c, "f");
        const v = kid(c, "v");
        const t = attr(c, "t") ?? "n";
        let raw: Raw = null;
        if (f) raw = `=${scan(textOf(f)).forHf}`;
        else if (t === "s" && v) raw = `'${sst[Number(textOf(v))]}`;
        else if ((t === "str" || t === "inlineStr") && (v || kid(c, "is")))
          raw = `'${textOf((v ?? kid(c, "is")) as XElem)}`;
        else if (t === "b" && v) raw = textOf(v) === "1";
        else if (v) raw = Number(textOf(v));
        (grid[pos.row - 1] ??= [])[pos.col - 1] = raw;
      }
    }
    for (let r = 0; r < grid.length; r++) grid[r] = Array.from(grid[r] ?? [], (x) => x ?? null);
    sheets[attr(s, "name") as string] = grid;
  }
  const names = new Map<string, string>();
  for (const d of kids(kid(wb, "definedNames") as XElem, "definedName"))
    if (attr(d, "localSheetId") === undefined) names.set(attr(d, "name") as string, textOf(d));
  return { sheets, names };
}

function valueAt(hf: HyperFormula, names: Map<string, string>, name: string): unknown {
  const m = /^'((?:[^']|'')+)'!\$([A-Z]+)\$(\d+)$/.exec(names.get(name) ?? "");
  if (!m) throw new Error(`name ${name} is not one cell: ${names.get(name)}`);
  const sheet = hf.getSheetId(m[1].replace(/''/g, "'"));
  const pos = cellRef(`${m[2]}${m[3]}`);
  if (sheet === undefined || !pos) throw new Error(`name ${name}: no such cell`);
  return hf.getCellValue({ sheet, row: pos.row - 1, col: pos.col - 1 });
}

const blank = (v: unknown) => (v === "" || v === null ? null : v);

interface Case {
  name: string;
  input: AssessmentInput;
  columns?: number;
  at?: number[];
  lang?: "zh-CN" | "en-US";
}

const CASES: Case[] = [
  { name: "all max", input: uniform(1, 5) },
  { name: "uniform 0.9, L4", input: uniform(0.9, 4) },
  { name: "capped", input: uniform(0.9, 3) },
  { name: "basic", input: uniform(0.85, 2) },
  { name: "rounding 89.95", input: uniform(0.9, 4, { alphaBy: { "3.1": 0.89 } }) },
  { name: "N/A", input: uniform(0.9, 5, { alphaBy: { "7.1": "N/A" } }) },
  {
    name: "panel",
    input: {
      raters: [{ alphas: S.items.map(() => 0.9) }, { alphas: S.items.map(() => 0.8) }],
      levels: S.clauses.map(() => 4),
    },
  },
  { name: "low", input: uniform(0.5, 1) },
  { name: "partly blank", input: uniform(0.9, 4, { alphaBy: { "4.2": null }, raters: 2 }) },
  { name: "invalid α", input: uniform(0.9, 4, { alphaBy: { "5.1": 1.01 } }) },
  {
    name: "N/A spellings, English",
    input: uniform(0.7, 3, { alphaBy: { "1.1": "NA", "1.2": "不适用", "1.3": " n/a " } }),
    lang: "en-US",
  },
  {
    name: "blank column in the middle",
    input: { raters: uniform(0.93, 4).raters.concat(uniform(0.97, 4).raters), levels: S.clauses.map(() => 4) },
    columns: 4,
    at: [0, 2],
  },
  // RULES.md §5 in the native formulas: the review result is an input of the result sheet
  { name: "review passed", input: reviewed(uniform(0.92, 3)) },
  { name: "review not passed", input: reviewed(uniform(0.96, 4), false) },
  { name: "review not passed, the scores give no result either", input: reviewed(uniform(0.5, 1), false), lang: "en-US" },
  { name: "review not passed, English", input: reviewed(uniform(0.85, 2), false), lang: "en-US" },
  {
    name: "50 columns, 3 raters",
    input: uniform(0.88, 4, { raters: 3, alphaBy: { "2.2": 0.41 } }),
    columns: 50,
    at: [0, 24, 49],
  },
];

describe("HyperFormula computes the written templates as the engine does", () => {
  beforeAll(() => {
    HyperFormula.registerFunctionPlugin(FixedPlugin, { enGB: { FIXED: "FIXED" } });
  });
  afterAll(() => HyperFormula.unregisterFunction("FIXED"));

  it("FIXED as Microsoft documents it", () => {
    expect(fixedText(1234.567, 1, false)).toBe("1,234.6");
    expect(fixedText(1234.567, -1, false)).toBe("1,230");
    expect(fixedText(-1234.567, -1, true)).toBe("-1230");
    expect(fixedText(44.332, 2, false)).toBe("44.33");
    expect(fixedText(89.95, 1, true)).toBe("90.0");
  });

  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const { workbook, model } = await filledTemplate(c.input, { columns: c.columns, at: c.at, lang: c.lang });
    const { sheets, names } = load(new Uint8Array(await workbookBuffer(workbook)));
    // array arithmetic: SUMPRODUCT evaluates its arguments as arrays, as Excel does (no array formula involved)
    const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: "gpl-v3", useArrayArithmetic: true });
    try {
      const engine = assess(c.input, S);
      expect(blank(valueAt(hf, names, NAMES.serviceScore))).toBe(engine.service.score);
      expect(blank(valueAt(hf, names, NAMES.maturityTotal))).toBe(engine.maturity.total);
      expect(blank(valueAt(hf, names, NAMES.maturityLevel))).toBe(engine.maturity.level);
      expect(blank(valueAt(hf, names, NAMES.grade))).toBe(engine.gradeCode);
      const resultSheet = hf.getSheetId(model.sheets.find((s) => s.key === "result")!.name) as number;
      const at = (row: number) => blank(hf.getCellValue({ sheet: resultSheet, row: row - 1, col: 1 }));
      const pick = (t: { zh: string; en: string } | null) => (t ? (c.lang === "en-US" ? t.en : t.zh) : null);
      expect(at(model.layout.result!.reasonRow)).toBe(pick(engine.reason));
      expect(at(model.layout.result!.nextRow)).toBe(engine.grade ? pick(engine.nextText) : null);
      // RULES.md §7's margins, as the engine gives them
      const sm = blank(valueAt(hf, names, NAMES.serviceMargin));
      const mm = blank(valueAt(hf, names, NAMES.maturityMargin));
      if (engine.robustness) {
        expect(sm).toBeCloseTo(engine.robustness.serviceMargin, 9);
        expect(mm).toBe(engine.robustness.maturityMargin);
      } else expect([sm, mm]).toEqual([null, null]);
      // and no cell anywhere evaluates to an error
      const errors: string[] = [];
      for (const name of hf.getSheetNames()) {
        const id = hf.getSheetId(name) as number;
        hf.getSheetValues(id).forEach((row, r) =>
          row.forEach((v, col) => {
            if (v instanceof DetailedCellError) errors.push(`${name}!R${r + 1}C${col + 1}: ${v.value} ${v.message}`);
          })
        );
      }
      expect(errors).toEqual([]);
    } finally {
      hf.destroy();
    }
  });
});

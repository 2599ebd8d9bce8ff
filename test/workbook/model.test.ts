/**
 * The template model: built from the scheme, portable formulas, contract names, snapshot reading,
 * `qcs template`, and `qcs score` on a filled template equal to the same assessment as JSON.
 */
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { assess, readExchange, type AssessmentInput } from "../../src/engine";
import { NAMES, type WorkbookSnapshot } from "../../src/workbook/contract";
import { buildTemplate, roundFormula, MAX_RATERS, type TemplateModel } from "../../src/workbook/model";
import { assessmentFromSnapshot, locateFindings } from "../../src/workbook/snapshot";
import { formulaFindings } from "../../src/workbook/snapshot-model";
import { normalizeFormula } from "../../src/workbook/formula-text";
import { readWorkbookFile } from "../../src/workbook/xlsx/read";
import { templateCommand } from "../../src/cli/template";
import { uniform, toExchange } from "../helpers";
import { filledTemplate, tmpDir } from "./lo";
import { a1, quoteSheet } from "../../src/workbook/a1";

const formulas = (m: TemplateModel) => m.sheets.flatMap((s) => s.cells.filter((c) => c.formula).map((c) => c.formula as string));

describe("template model", () => {
  const zh = buildTemplate(S, { raters: 3, lang: "zh-CN" });
  const en = buildTemplate(S, { raters: 3, lang: "en-US" });

  it("has the assessment's sheets (forms fewer), Chinese by default and English on request", () => {
    expect(zh.sheets.map((s) => s.key)).toEqual(["service", "evidence", "maturity", "records", "result"]);
    expect(buildTemplate(S, { raters: 1, lang: "zh-CN", kind: "form" }).sheets.map((s) => s.key)).toEqual(["service", "evidence"]);
    expect(buildTemplate(S, { raters: 1, lang: "zh-CN", kind: "form-maturity" }).sheets.map((s) => s.key)).toEqual(["service", "evidence", "maturity"]);
    expect(zh.sheets[0].name).toBe("服务能力评价评分表");
    expect(en.sheets.map((s) => s.name).join("")).toMatch(/^[\x20-\x7e]+$/);
  });

  it("prints every item and clause text of the scheme, and each weight once (in its weight cell)", () => {
    const values = (m: TemplateModel, key: string) => (m.sheets.find((s) => s.key === key) as TemplateModel["sheets"][number]).cells.map((c) => c.value);
    for (const it of S.items) expect(values(zh, "service")).toContain(it.criterion.zh);
    for (const it of S.items) expect(values(en, "service")).toContain(it.criterion.en);
    for (const c of S.clauses) {
      const lead = S.groups.find((g) => g.id === c.group)?.auditLead;
      expect(values(zh, "maturity")).toContain(lead ? `${lead.zh}\n${c.audit.zh}` : c.audit.zh);
      expect(values(zh, "maturity")).toContain(c.title.zh);
    }
    // all five Appendix 2 texts of every clause's group stand beside it (RULES.md §8), printable
    for (const g of S.groups) for (const l of g.levels) expect(values(zh, "maturity")).toContain(l.zh);
    for (const p of S.specificRequirements) expect(values(zh, "records").some((v) => typeof v === "string" && v.endsWith(p.text.zh))).toBe(true);
    // no formula carries a weight: they read the weight cells
    const L = zh.layout.service;
    for (let i = 0; i < S.items.length; i++) {
      const w = zh.sheets[0].cells.find((c) => c.ref === a1(L.weightCol, L.firstItemRow + i));
      expect(w?.value).toBe(S.items[i].weight);
    }
    for (const f of formulas(zh)) expect(f).not.toMatch(/\*\s*(7|8)\b/);
  });

  it("generates band edges and grade gates from the scheme (change the scheme, the formulas follow)", () => {
    const all = formulas(zh).join("\n");
    for (const b of S.likert.slice(0, -1)) expect(all).toContain(`>${b.max})`);
    for (const b of S.maturityBands.slice(0, -1)) expect(all).toContain(`<${b.max},${b.level}`);
    const table = S.profiles.find((p) => p.id === S.defaultProfile);
    for (const g of table?.gates ?? []) expect(all).toMatch(new RegExp(`>=${g.minService},[A-Z]+\\d+>=${g.minLevel}\\),"${g.code}"`));
    const altered = { ...S, likert: S.likert.map((b, i) => (i === 0 ? { ...b, max: 0.25 } : i === 1 ? { ...b, min: 0.25 } : b)) };
    expect(formulas(buildTemplate(altered, { raters: 3, lang: "zh-CN" })).join("\n")).toContain(">0.25)");
  });

  it("uses only portable, non-volatile functions without _xlfn prefixes, no array formulas", () => {
    const allowed = new Set(["IF", "AND", "OR", "NOT", "ISNUMBER", "TRIM", "UPPER", "SUM", "SUMIF", "SUMPRODUCT", "COUNT", "COUNTIF", "AVERAGE", "MAX", "MIN", "INT", "ROUND", "CHOOSE", "INDEX", "SUBSTITUTE", "FIXED", "LEFT", "LEN"]);
    for (const m of [zh, en, buildTemplate(S, { raters: MAX_RATERS, lang: "zh-CN" })]) {
      const fs_ = [...formulas(m), ...m.sheets.flatMap((s) => [...s.validations.map((v) => v.formula ?? ""), ...s.conditionalFormats.map((c) => c.formula)])];
      for (const f of fs_) {
        const code = f.replace(/"(?:[^"]|"")*"/g, '""');
        for (const fn of code.match(/[A-Z][A-Z0-9.]*(?=\()/g) ?? []) expect([fn, allowed.has(fn)]).toEqual([fn, true]);
        expect(code).not.toMatch(/_xlfn|\{|INDIRECT|OFFSET|TODAY|NOW|RAND|TEXT\(|VALUE\(/);
        expect(f.length).toBeLessThan(8192);
      }
    }
  });

  it("rounds half up without relying on binary ties", () => {
    expect(roundFormula("X", 1)).toBe("INT(ROUND(X*10,9)+0.5)/10");
    // the same arithmetic in JS: 89.95 computed in binary
    const x = (100 * (0.89 * 5 + 0.9 * 95)) / 100;
    expect(Math.floor(Number((x * 10).toFixed(9)) + 0.5) / 10).toBe(90);
  });

  it("names the contract ranges with the documented shapes", () => {
    for (const raters of [1, 3, 10]) {
      const m = buildTemplate(S, { raters, lang: "zh-CN" });
      const byName = Object.fromEntries(m.names.map((n) => [n.name, n]));
      for (const v of Object.values(NAMES)) expect(byName[v]).toBeDefined();
      const L = m.layout.service;
      expect(byName[NAMES.alpha].ref).toBe(`${a1(L.alphaCol, L.firstItemRow)}:${a1(L.alphaCol + raters - 1, L.firstItemRow + S.items.length - 1)}`);
      expect(byName[NAMES.levels].ref).toMatch(new RegExp(`^[A-Z]+${m.layout.maturity!.firstClauseRow}:[A-Z]+${m.layout.maturity!.firstClauseRow + S.clauses.length - 1}$`));
    }
  });

  it("rejects rater counts outside 1–MAX_RATERS", () => {
    expect(() => buildTemplate(S, { raters: 0, lang: "zh-CN" })).toThrow(RangeError);
    expect(() => buildTemplate(S, { raters: MAX_RATERS + 1, lang: "zh-CN" })).toThrow(RangeError);
    expect(() => buildTemplate(S, { raters: 2.5, lang: "zh-CN" })).toThrow(RangeError);
  });

  it("protects every sheet, unlocks only the inputs, validates α and levels", () => {
    const p = buildTemplate(S, { raters: 2, lang: "zh-CN", password: "pw" });
    for (const s of p.sheets) expect(s.protection.password).toBe("pw");
    for (const s of zh.sheets) expect(s.protection.password).toBeUndefined();
    const inputs = zh.sheets.flatMap((s) => s.cells.filter((c) => c.input));
    expect(inputs.every((c) => c.formula === undefined)).toBe(true);
    expect(zh.sheets[0].validations[0].formula).toMatch(/ISNUMBER/);
    for (const na of S.notApplicable) expect(zh.sheets[0].validations[0].formula).toContain(`"${na.toUpperCase()}"`);
    expect(zh.sheets.find((s) => s.key === "maturity")?.validations[0].list).toEqual(["1", "2", "3", "4", "5"]);
    // the records are inputs with their own validation: lists in the sheet's language, dates as dates
    const lists = zh.sheets.flatMap((s) => s.validations.filter((v) => v.kind === "list").map((v) => v.list?.join("/")));
    expect(lists).toEqual(expect.arrayContaining(["人员/走访", "符合/不符合/不适用", "严重/一般", "未关闭/已关闭", "不免除/部分免除", "是/否", "通过/未通过"]));
    const enLists = en.sheets.flatMap((s) => s.validations.filter((v) => v.kind === "list").map((v) => v.list?.join("/")));
    expect(enLists.join("|")).toMatch(/^[\x20-\x7e|]+$/);
    expect(zh.sheets.flatMap((s) => s.validations.filter((v) => v.kind === "date")).length).toBeGreaterThanOrEqual(5);
  });
});

describe("assessmentFromSnapshot", () => {
  const m = buildTemplate(S, { raters: 2, lang: "zh-CN" });
  const addr = (name: string) => {
    const n = m.names.find((x) => x.name === name) as TemplateModel["names"][number];
    return `${quoteSheet(n.sheet)}!${n.ref}`;
  };
  const snap = (over: Partial<Record<string, unknown[][]>> = {}): WorkbookSnapshot => ({
    ranges: {
      [NAMES.alpha]: { address: addr(NAMES.alpha), values: over.alpha ?? S.items.map(() => ["0.9", 0.8]) },
      [NAMES.weights]: { address: addr(NAMES.weights), values: over.weights ?? S.items.map((it) => [it.weight]) },
      [NAMES.levels]: { address: addr(NAMES.levels), values: S.clauses.map(() => [4]) },
      [NAMES.clauseWeights]: { address: addr(NAMES.clauseWeights), values: S.clauses.map((c) => [c.weight]) },
      [NAMES.serviceScore]: { address: addr(NAMES.serviceScore), values: [[85]] },
      [NAMES.maturityTotal]: { address: addr(NAMES.maturityTotal), values: [[116]] },
      [NAMES.maturityLevel]: { address: addr(NAMES.maturityLevel), values: [[5]] },
      [NAMES.grade]: { address: addr(NAMES.grade), values: [["AAA"]], formulas: over.grade ?? undefined },
    },
  });

  it("turns the names into the engine's input (numbers as text accepted)", () => {
    const r = assessmentFromSnapshot(snap(), S, formulaFindings);
    // the α stored as text is scored, with a warning per cell (the sheet shows it as invalid)
    expect(r.findings.length).toBe(S.items.length);
    expect(r.findings.every((f) => f.severity === "warning" && f.code === "alpha-not-number" && f.rater === 1 && f.cell)).toBe(true);
    const res = assess(r.input as AssessmentInput, S, { numericText: true });
    const same = assess({ raters: [{ alphas: S.items.map(() => 0.9) }, { alphas: S.items.map(() => 0.8) }], levels: S.clauses.map(() => 4) }, S);
    expect(res.service.score).toBe(same.service.score);
    expect(res.gradeCode).toBe(same.gradeCode);
  });

  it("reports a changed weight with its cell, and never scores with it", () => {
    const w = S.items.map((it) => [it.weight]);
    w[1] = [9];
    const r = assessmentFromSnapshot(snap({ weights: w }), S, formulaFindings);
    const f = r.findings.find((x) => x.code === "altered");
    expect(f?.severity).toBe("error");
    expect(f?.item).toBe(S.items[1].id);
    expect(f?.cell).toBe(`'服务能力评价评分表'!${a1(m.layout.service.weightCol, m.layout.service.firstItemRow + 1)}`);
  });

  it("reports missing names and wrong shapes", () => {
    const s = snap();
    delete s.ranges[NAMES.levels];
    const r = assessmentFromSnapshot(s, S, formulaFindings);
    expect(r.input).toBeNull();
    expect(r.findings.some((f) => f.code === "shape" && f.field === NAMES.levels && f.severity === "error")).toBe(true);
    const bad = assessmentFromSnapshot(snap({ alpha: [[0.9]] }), S, formulaFindings);
    expect(bad.input).toBeNull();
    expect(bad.findings.some((f) => f.code === "shape" && f.field === NAMES.alpha)).toBe(true);
  });

  it("compares formulas (Office.js style, with '=') with the model", () => {
    const gn = m.names.find((n) => n.name === NAMES.grade) as TemplateModel["names"][number];
    const g = m.sheets.find((s) => s.key === "result")?.cells.find((c) => c.ref === gn.ref)?.formula as string;
    expect(g).toMatch(/NONE/);
    expect(assessmentFromSnapshot(snap({ grade: [[`=${g}`]] }), S, formulaFindings).findings.filter((f) => f.severity !== "warning")).toEqual([]);
    const r = assessmentFromSnapshot(snap({ grade: [['="AAAAA"']] }), S, formulaFindings);
    expect(r.findings.some((f) => f.code === "altered" && f.cell?.endsWith(`!${gn.ref}`))).toBe(true);
    expect(normalizeFormula(`='A b'!$C$5 + 1`)).toBe(normalizeFormula(`'A b'!C5+1`));
  });

  it("locates engine findings at their cells", () => {
    const s = snap({ alpha: S.items.map((_, i) => (i === 3 ? [1.5, 0.8] : [0.9, 0.8])) });
    const r = assessmentFromSnapshot(s, S, formulaFindings);
    const res = assess(r.input as AssessmentInput, S, { numericText: true });
    const located = locateFindings(res.findings, s, S);
    const f = located.find((x) => x.code === "alpha-range");
    expect(f?.cell).toBe(`'服务能力评价评分表'!${a1(m.layout.service.alphaCol, m.layout.service.firstItemRow + 3)}`);
  });
});

describe("qcs template / qcs score on a filled template", () => {
  const dir = tmpDir("qcs-template-cli-");
  let out = "";
  let err = "";
  beforeEach(() => {
    out = "";
    err = "";
    jest.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
    jest.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  });
  afterEach(() => jest.restoreAllMocks());

  it("writes a template that reads back as an empty assessment, without cached formula results", async () => {
    const f = path.join(dir, "t.xlsx");
    expect(await templateCommand(["--out", f, "--raters", "4", "--lang", "en-US", "--password", "pw"])).toBe(0);
    expect(fs.existsSync(f)).toBe(true);
    const r = await readWorkbookFile(f, S);
    expect(r.findings).toEqual([]);
    expect(r.input?.raters.length).toBe(4);
    // no cached values: no <v> after any <f> in the sheets
    const JSZip = require("jszip");
    const zip = await JSZip.loadAsync(fs.readFileSync(f));
    const sheets = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    expect(sheets.length).toBe(6);
    for (const name of sheets) {
      const xml: string = await zip.file(name).async("string");
      // every sheet computes, except the stamp (data only, the last sheet, very hidden)
      if (name !== "xl/worksheets/sheet6.xml") expect(xml).toContain("<f>");
      expect(xml).not.toMatch(/<\/f><v>/);
      expect(xml).toContain("<sheetProtection");
    }
    expect(await zip.file("xl/workbook.xml").async("string")).toMatch(/<sheet sheetId="6" name="qcs_stamp" state="veryHidden"/);
    expect(await zip.file("docProps/custom.xml").async("string")).toContain('name="qcs.fingerprint"');
    expect(await templateCommand(["--out", f])).toBe(2); // exists, no --force
    expect(err).toMatch(/--force/);
  });

  it("explains itself and rejects bad arguments with exit code 2", async () => {
    expect(await templateCommand(["--help"])).toBe(0);
    expect(out).toMatch(/--raters/);
    expect(await templateCommand(["--out", path.join(dir, "x.xlsx"), "--raters", String(MAX_RATERS + 1)])).toBe(2);
    expect(await templateCommand(["--out", path.join(dir, "x.xlsx"), "--lang", "fr"])).toBe(2);
    expect(await templateCommand([])).toBe(2);
  });

  it.each([
    ["uniform 0.9, L4", uniform(0.9, 4, { raters: 3 })],
    ["N/A and panel", { raters: [{ alphas: S.items.map((_, i) => (i === 18 ? "不适用" : 0.9)) }, { alphas: S.items.map(() => 0.8) }], levels: S.clauses.map(() => 3) }],
    ["incomplete", uniform(0.9, 4, { alphaBy: { "2.2": null } })],
  ] as [string, AssessmentInput][])("scores a filled template as the same assessment in JSON (%s)", async (_name, input) => {
    const { workbook } = await filledTemplate(input, { columns: input.raters.length + 1 });
    const f = path.join(dir, `filled-${_name.replace(/\W+/g, "-")}.xlsx`);
    await workbook.xlsx.writeFile(f);
    const fromXlsx = await readWorkbookFile(f, S);
    expect(fromXlsx.findings).toEqual([]);
    const fromJson = readExchange(toExchange(input), S);
    const a = assess(fromXlsx.input as AssessmentInput, S, { numericText: true });
    const b = assess(fromJson.input as AssessmentInput, S);
    expect(JSON.stringify({ ...a, service: { ...a.service, raters: a.service.raters.map((r) => ({ ...r, rater: 0 })) } })).toBe(
      JSON.stringify({ ...b, service: { ...b.service, raters: b.service.raters.map((r) => ({ ...r, rater: 0 })) } })
    );
  });
});

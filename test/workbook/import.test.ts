/**
 * The pane's import of returned forms through Office.js (src/workbook/excel/import.ts), against the
 * simulated workbook (excel-sim.ts) with the templates inserted by the add-in's own insert:
 *  - into empty rater columns: the workbook afterwards is exactly the template model filled with the
 *    existing and the imported inputs plus the sources sheet (as if written so from the start), in one
 *    read and one write;
 *  - with too few empty columns: the Appendix 1 sheets rebuilt for the larger count, names and the
 *    dependent result formula updated, the stamp too — again exactly the filled model;
 *  - nothing written on a conflict, by the preview, or when the workbook changed after the preview;
 *  - a failure at any point of the write leaves the workbook as it was (every cell, format, name,
 *    property and protection);
 *  - the pane's summary of the imported workbook equals the engine's result for the same inputs.
 */
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { assess, type AssessmentInput } from "../../src/engine";
import { NAMES } from "../../src/workbook/contract";
import { defaultSheetNames, STAMP_PROPERTY_PREFIX } from "../../src/workbook/model";
import { parseCell } from "../../src/workbook/a1";
import { summarize } from "../../src/taskpane/summary";
import { checkFile } from "../../src/taskpane/import/read-files";
import type { ImportRequest, OpenWorkbook } from "../../src/workbook/import-plan";
import type { ReturnedFile } from "../../src/workbook/merge";
import { formBytes, picked, rater } from "../taskpane/import-forms";
import { inserted, simPort, stateOf, STAMP, written } from "./import-sim";
import type { SimWorkbook } from "./excel-sim";

jest.setTimeout(120_000);

const zh = defaultSheetNames("zh-CN");
const levels = S.clauses.map((_, i) => (i % 2 ? 3 : 4));
const own = [rater("审核员甲", 0.9), rater("审核员乙", 0.88)];

async function returned(name: string, r: ReturnType<typeof rater>, extra: Parameters<typeof formBytes>[0]["stamp"] = {}): Promise<ReturnedFile> {
  const c = await checkFile(picked(name, await formBytes({ rater: r, stamp: extra })), S);
  if (!c.returned) throw new Error(`${name}: ${JSON.stringify(c.findings.map((f) => f.message.en))}`);
  return c.returned;
}

async function importInto(sim: SimWorkbook, req: ImportRequest) {
  const port = simPort(sim);
  const seen = await port.readForImport();
  const syncs = sim.syncs;
  const out = await port.importForms(req, seen);
  return { port, seen, out, syncs: sim.syncs - syncs };
}

/** The panel the engine scores for these inputs (as JSON would give them). */
function expected(raters: AssessmentInput["raters"]): AssessmentInput {
  return { raters, levels };
}

describe("import into empty rater columns", () => {
  test("two forms into a 3-column workbook with one rater: exactly the filled model, one read and one write", async () => {
    const sim = await inserted(3, { raters: [own[0]], levels });
    const people = [rater("张三", 0.85), rater("走访一", 0.8, { "7.1": "N/A" }, "visit")];
    const files = [await returned("张三.xlsx", people[0]), await returned("走访一.xlsx", people[1])];
    const { out, syncs, port } = await importInto(sim, { files });
    expect(out.plan.refusals).toEqual([]);
    expect(out.written).toBe(true);
    expect(out.plan.grow).toBe(false);
    expect(syncs).toBe(2);
    expect(out.changes?.rebuilt).toEqual([]);
    expect(out.changes?.added).toEqual([zh.sources]);
    // the workbook is the model filled with the existing and the imported inputs, plus the sources sheet
    expect(stateOf(sim)).toEqual(stateOf(await written(out.plan.afterModel!)));
    // the sources sheet comes right after the template's sheets, before the (very hidden) stamp
    expect(sim.sheets.map((s) => s.name)).toEqual(["Sheet1", zh.service, zh.evidence, zh.maturity, zh.records, zh.result, zh.sources, zh.stamp]);
    expect(sim.customProperties.get(`${STAMP_PROPERTY_PREFIX}sources`)).toBe("2");
    expect(sim.customProperties.get(`${STAMP_PROPERTY_PREFIX}formId`)).toBe(STAMP.formId);
    // the pane's summary equals the engine's result for the same inputs
    const sum = summarize(await port.read(), S);
    expect(JSON.stringify(sum.result)).toBe(JSON.stringify(assess(expected([own[0], ...people]), S, { numericText: true })));
  });

  test("a second import extends the sources sheet; a form imported before is refused and nothing is written", async () => {
    const sim = await inserted(4, { raters: [own[0]], levels });
    const a = await returned("a.xlsx", rater("甲", 0.9));
    await importInto(sim, { files: [a] });
    const b = await returned("b.xlsx", rater("乙", 0.7));
    const second = await importInto(sim, { files: [b] });
    expect(second.out.written).toBe(true);
    expect(second.out.changes?.rebuilt).toEqual([zh.sources]);
    expect(second.out.plan.sources.map((x) => x.file)).toEqual(["a.xlsx", "b.xlsx"]);
    expect(stateOf(sim)).toEqual(stateOf(await written(second.out.plan.afterModel!)));
    const before = stateOf(sim);
    const again = await importInto(sim, { files: [a] });
    expect(again.out.written).toBe(false);
    expect(again.syncs).toBe(1);
    expect(again.out.plan.refusals.map((f) => f.message.en).join(" ")).toMatch(/imported before/);
    expect(stateOf(sim)).toEqual(before);
  });

  test("text a client typed that Excel would read as a formula stays text", async () => {
    const sim = await inserted(2);
    const r = rater("=HYPERLINK(\"http://x\")", 0.9);
    r.evidence = S.items.map((_, i) => (i === 0 ? "=WEBSERVICE(\"http://example.invalid/\")" : i === 1 ? "-5" : null));
    const { out } = await importInto(sim, { files: [await returned("x.xlsx", r)] });
    expect(out.written).toBe(true);
    const cells = [...sim.sheet(zh.evidence).cells.values(), ...sim.sheet(zh.service).cells.values()].filter((c) => typeof c.formula === "string" && /WEBSERVICE|HYPERLINK|^-5$/.test(c.formula as string));
    expect(cells).toHaveLength(3);
    for (const c of cells) expect(c.text).toBe(true);
  });
});

describe("import that needs more columns: the template rebuilt in place", () => {
  test("three forms into a 3-column workbook with two raters: 5 columns, names and the result formula updated", async () => {
    const sim = await inserted(3, { raters: own, levels });
    const ids = { service: sim.sheet(zh.service), result: sim.sheet(zh.result) };
    const people = [rater("张三", 0.85), rater("李四", 0.95, { "3.1": 0.6 }), rater("王五", 0.7)];
    const files = await Promise.all(people.map((p, i) => returned(`f${i}.xlsx`, p)));
    const { out, syncs, port } = await importInto(sim, { files });
    expect(out.written).toBe(true);
    expect(out.plan.grow).toBe(true);
    expect(out.plan.columns).toEqual({ before: 3, used: 2, imported: 3, after: 5 });
    expect(syncs).toBe(2);
    expect(out.changes?.rebuilt.sort()).toEqual([zh.evidence, zh.service].sort());
    expect(out.changes?.patched).toEqual(expect.arrayContaining([zh.result, zh.stamp]));
    expect(out.changes?.names.sort()).toEqual([NAMES.alpha, NAMES.evidence, NAMES.raterInfo].sort());
    // rebuilt in place: the same sheet objects (identity, page setup, position)
    expect(sim.sheet(zh.service)).toBe(ids.service);
    expect(sim.sheet(zh.result)).toBe(ids.result);
    expect(stateOf(sim)).toEqual(stateOf(await written(out.plan.afterModel!)));
    expect(sim.names.get(NAMES.alpha)).toEqual({ sheet: zh.service, ref: "F9:J27" });
    expect(sim.customProperties.get(`${STAMP_PROPERTY_PREFIX}raters`)).toBe("5");
    expect(sim.customProperties.get(`${STAMP_PROPERTY_PREFIX}fingerprint`)).toBe(out.plan.afterModel!.fingerprint);
    const sum = summarize(await port.read(), S);
    expect(JSON.stringify(sum.result)).toBe(JSON.stringify(assess(expected([...own, ...people]), S, { numericText: true })));
  });

  test("50 columns: a 3-column workbook with one rater takes 49 forms", async () => {
    const sim = await inserted(3, { raters: [own[0]], levels });
    const files = await Promise.all(Array.from({ length: 49 }, (_, i) => returned(`f${i}.xlsx`, rater(`评价 ${i + 1}`, 0.6 + (i % 5) * 0.08))));
    const { out, syncs } = await importInto(sim, { files });
    expect(out.written).toBe(true);
    expect(out.plan.columns.after).toBe(50);
    expect(syncs).toBe(2);
    expect(stateOf(sim)).toEqual(stateOf(await written(out.plan.afterModel!)));
    const one = await returned("one-more.xlsx", rater("多一个", 0.9));
    const more = await importInto(sim, { files: [one] });
    expect(more.out.written).toBe(false);
    expect(more.out.plan.refusals[0].message.en).toMatch(/51 rater columns, more than 50/);
  });
});

describe("nothing is written", () => {
  test("the preview reads only; a conflict (the same form twice, another organisation) writes nothing", async () => {
    const sim = await inserted(3, { raters: [own[0]], levels, organization: "甲公司" });
    const before = stateOf(sim);
    const bytes = await formBytes({ rater: rater("张三", 0.85) });
    const a = (await checkFile(picked("a.xlsx", bytes), S)).returned!;
    const a2 = (await checkFile(picked("a-copy.xlsx", bytes), S)).returned!;
    const port = simPort(sim);
    const seen = await port.readForImport();
    expect(stateOf(sim)).toEqual(before);
    const out = await port.importForms({ files: [a, a2] }, seen);
    expect(out.written).toBe(false);
    expect(out.plan.refusals[0].message.en).toMatch(/the same form .* more than once: a\.xlsx, a-copy\.xlsx/);
    expect(stateOf(sim)).toEqual(before);
    // another organisation than the workbook's (a stamp's organisation)
    const other = await returned("other.xlsx", rater("李四", 0.9), { organization: "乙公司" });
    const out2 = await port.importForms({ files: [other], force: true }, await port.readForImport());
    expect(out2.written).toBe(false);
    expect(out2.plan.refusals.map((f) => f.message.zh).join(" ")).toMatch(/乙公司.*甲公司/);
    expect(stateOf(sim)).toEqual(before);
  });

  test("the workbook changed after the preview (a name moved): refused in the read, nothing written", async () => {
    const sim = await inserted(3);
    const port = simPort(sim);
    const seen: OpenWorkbook = await port.readForImport();
    sim.names.set(NAMES.alpha, { sheet: zh.service, ref: "F9:G27" });
    const before = stateOf(sim);
    const f = await returned("a.xlsx", rater("甲", 0.9));
    await expect(port.importForms({ files: [f] }, seen)).rejects.toThrow(/changed after the preview/);
    expect(stateOf(sim)).toEqual(before);
  });
});

describe("a failure in the write leaves the workbook as it was", () => {
  /** Runs an import with `fail` injected into its write; returns the error. */
  async function failing(sim: SimWorkbook, files: ReturnedFile[], ...fails: { op: string; nth?: number }[]) {
    const port = simPort(sim);
    const seen = await port.readForImport();
    for (const f of fails) sim.failOn(f);
    return (await port.importForms({ files }, seen).then(
      () => null,
      (x: Error & { restored?: boolean }) => x
    )) as (Error & { restored?: boolean }) | null;
  }
  const both: [string, { op: string; nth?: number }][] = [
    ["the first cell write", { op: ".formulas", nth: 1 }],
    ["a later cell write", { op: ".formulas", nth: 4 }],
    ["adding the sources sheet", { op: "worksheets.add" }],
    ["the sources sheet's print area", { op: "pageLayout.setPrintArea" }],
    ["a stamp property", { op: "properties.custom.add", nth: 2 }],
    ["protecting again", { op: "protection.protect", nth: 1 }],
    ["a format", { op: "format.fill.color", nth: 1 }],
  ];
  // only a rebuild clears sheets and moves names
  const growing: [string, { op: string; nth?: number }][] = [...both, ["clearing a sheet", { op: ".clear" }], ["a workbook name", { op: "names.add", nth: 2 }], ["unprotecting the second sheet", { op: "protection.unprotect", nth: 2 }]];

  test.each(both)("in place, %s", async (_label, fail) => {
    const sim = await inserted(3, { raters: [own[0]], levels });
    const before = stateOf(sim);
    const files = [await returned("a.xlsx", rater("甲", 0.9)), await returned("b.xlsx", rater("乙", 0.8))];
    const e = await failing(sim, files, fail);
    expect(e?.message).toMatch(/simulated failure/);
    expect(e?.restored).toBe(true);
    expect(stateOf(sim)).toEqual(before);
  });

  test.each(growing)("growing the columns, %s", async (_label, fail) => {
    const sim = await inserted(2, { raters: own, levels });
    const before = stateOf(sim);
    const files = [await returned("a.xlsx", rater("甲", 0.9)), await returned("b.xlsx", rater("乙", 0.8))];
    const e = await failing(sim, files, fail);
    expect(e?.message).toMatch(/simulated failure/);
    expect(e?.restored).toBe(true);
    expect(stateOf(sim)).toEqual(before);
  });

  test("when the recovery fails too, the error says the workbook could not be restored", async () => {
    const sim = await inserted(3, { raters: [own[0]], levels });
    const files = [await returned("a.xlsx", rater("甲", 0.9))];
    const e = await failing(sim, files, { op: ".formulas", nth: 1 }, { op: ".formulas", nth: 2 });
    expect(e?.restored).toBe(false);
    expect(e?.message).toMatch(/未能完全恢复/);
    expect(e?.message).toMatch(/could not be fully restored/);
  });
});

test("the imported α sit where the template's names say (column order: existing, then imported)", async () => {
  // an empty column between two raters: the non-empty ones first, then the imported one
  const sim = await inserted(3);
  const alpha = sim.names.get(NAMES.alpha)!;
  const top = parseCell(alpha.ref.split(":")[0]);
  for (let i = 0; i < S.items.length; i++) {
    sim.cell(sim.sheet(zh.service), top.r + i, top.c).formula = 0.9;
    sim.cell(sim.sheet(zh.service), top.r + i, top.c + 2).formula = 0.7;
  }
  const { out } = await importInto(sim, { files: [await returned("a.xlsx", rater("甲", 0.5))] });
  expect(out.written).toBe(true);
  const col = (j: number) => Array.from({ length: S.items.length }, (_, i) => sim.sheet(zh.service).cells.get(`${top.r + i},${top.c + j}`)?.formula);
  expect(col(0).every((v) => v === 0.9)).toBe(true);
  expect(col(1).every((v) => v === 0.7)).toBe(true);
  expect(col(2).every((v) => v === 0.5)).toBe(true);
});

test("without ExcelApi 1.9 the import refuses with a zh/en message before any batch", async () => {
  const sim = await inserted(3);
  const port = new (await import("../../src/taskpane/office-port")).OfficePort({
    scheme: S,
    lang: () => "zh-CN",
    excel: { run: (_o, batch) => batch(sim.context) },
    requirements: { isSetSupported: (_n: string, v?: string) => !v || Number(v.split(".")[1]) <= 8 },
  });
  await expect(port.readForImport()).rejects.toThrow(/ExcelApi 1\.9.*\/ This Excel cannot import/);
  expect(sim.syncs).toBe(0);
});

/**
 * The import's plan (src/workbook/import-plan.ts), over the in-memory workbook: which cells an import
 * writes, and the rules that keep the open workbook the auditor's own — maturity levels only into a
 * workbook without any, the organisation only into a blank cell, audit records never; files and forms
 * imported before refused; every input of a rebuilt sheet carried over.
 */
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { NAMES } from "../../src/workbook/contract";
import { buildTemplate, type SheetKey } from "../../src/workbook/model";
import { parseArea, a1 } from "../../src/workbook/a1";
import { planImport, MAX_IMPORT_FILES } from "../../src/workbook/import-plan";
import { inputNames } from "../../src/workbook/import-cells";
import { MemoryPort } from "../../src/taskpane/memory-port";
import { checkFile } from "../../src/taskpane/import/read-files";
import type { ReturnedFile } from "../../src/workbook/merge";
import { formBytes, picked, rater, type FormSpec } from "../taskpane/import-forms";

jest.setTimeout(60_000);

const levels = S.clauses.map(() => 3);
const selfLevels = S.clauses.map(() => 5);

async function returned(name: string, spec: FormSpec): Promise<ReturnedFile> {
  return (await checkFile(picked(name, await formBytes(spec)), S)).returned!;
}

function workbook(opts: { levels?: unknown[]; raters?: number; organization?: string } = {}) {
  const port = new MemoryPort({ scheme: S, lang: "zh-CN", raters: opts.raters ?? 3 });
  port.fill({ raters: [{ alphas: rater("甲", 0.9).alphas }], levels: opts.levels ?? S.clauses.map(() => null) }, false);
  if (opts.organization) port.write(port.addressOf(NAMES.organization)!, opts.organization);
  return port;
}

test("a self-assessment's levels go into a workbook without levels, with the note saying so", async () => {
  const port = workbook();
  const f = await returned("self.xlsx", { rater: rater("客户", 0.8), kind: "form-maturity", levels: selfLevels });
  const plan = planImport(await port.readForImport(), { files: [f] }, S);
  expect(plan.refusals).toEqual([]);
  expect(plan.levels).toEqual({ note: "written", from: "self.xlsx" });
  expect(plan.writes[NAMES.levels]).toEqual(selfLevels.map((l) => [l]));
  expect(plan.notes.map((n) => n.en).join(" ")).toMatch(/taken from self\.xlsx \(this workbook had none\)/);
});

test("…and never over the workbook's own levels", async () => {
  const port = workbook({ levels });
  const f = await returned("self.xlsx", { rater: rater("客户", 0.8), kind: "form-maturity", levels: selfLevels });
  const plan = planImport(await port.readForImport(), { files: [f] }, S);
  expect(plan.refusals).toEqual([]);
  expect(plan.levels.note).toBe("kept");
  expect(plan.writes[NAMES.levels]).toBeUndefined();
  await port.importForms({ files: [f] }, await port.readForImport());
  const read = port.readNow().ranges[NAMES.levels]!.values.map((r) => r[0]);
  expect(read).toEqual(levels);
});

test("the organisation: written into a blank cell, kept when equal, a different one refused", async () => {
  const f = await returned("a.xlsx", { rater: rater("乙", 0.8), stamp: { organization: "甲公司" } });
  const blank = planImport(await workbook().readForImport(), { files: [f], force: true }, S);
  expect(blank.organization).toEqual({ note: "written", value: "甲公司" });
  expect(blank.writes[NAMES.organization]).toEqual([["甲公司"]]);
  const same = planImport(await workbook({ organization: "甲公司" }).readForImport(), { files: [f], force: true }, S);
  expect(same.refusals).toEqual([]);
  expect(same.writes[NAMES.organization]).toBeUndefined();
  const other = planImport(await workbook({ organization: "丙公司" }).readForImport(), { files: [f], force: true }, S);
  expect(other.refusals.map((x) => x.message.zh).join()).toMatch(/甲公司.*丙公司/);
});

test("a form imported before is refused (by form id, and by the file's SHA-256); no columns to import is refused", async () => {
  const port = workbook({ raters: 5 });
  const spec: FormSpec = { rater: rater("乙", 0.8) };
  const bytes = await formBytes(spec);
  const f = (await checkFile(picked("a.xlsx", bytes), S)).returned!;
  await port.importForms({ files: [f] }, await port.readForImport());
  const again = planImport(await port.readForImport(), { files: [{ ...f, file: "copy.xlsx" }] }, S);
  expect(again.refusals.map((x) => x.message.en).join()).toMatch(/the form .* has been imported before \(source: a\.xlsx\): copy\.xlsx/);
  // the same bytes without a form id to go by: the SHA-256 recorded in the sources sheet
  const unstamped = { ...f, file: "copy.xlsx", verified: { ...f.verified, stamp: { ...f.verified.stamp, formId: "" } } };
  const bySha = planImport(await port.readForImport(), { files: [unstamped] }, S);
  expect(bySha.refusals.map((x) => x.message.en).join()).toMatch(/the same file has been imported before \(source: a\.xlsx\): copy\.xlsx/);
  const empty = await returned("empty.xlsx", { rater: { alphas: S.items.map(() => null) } });
  // not filled in: refused by the merge unless imported anyway; imported anyway, there is still no column to write
  const unforced = planImport(await port.readForImport(), { files: [empty] }, S);
  expect(unforced.refusals.map((x) => x.message.en).join()).toMatch(/not filled in.*: empty\.xlsx/);
  const none = planImport(await port.readForImport(), { files: [empty], force: true }, S);
  expect(none.refusals.map((x) => x.message.en).join()).toMatch(/no filled rater column/);
});

test("more files than the bound is refused as a whole", async () => {
  const port = workbook();
  const f = await returned("a.xlsx", { rater: rater("乙", 0.8) });
  const many = Array.from({ length: MAX_IMPORT_FILES + 1 }, (_, i) => ({ ...f, file: `f${i}.xlsx` }));
  const plan = planImport(await port.readForImport(), { files: many }, S);
  expect(plan.refusals[0].message.en).toMatch(new RegExp(`at most ${MAX_IMPORT_FILES} files`));
});

test("a workbook without templates: refused, saying to insert them", async () => {
  const port = new MemoryPort({ scheme: S, lang: "zh-CN", raters: 3, empty: true });
  const f = await returned("a.xlsx", { rater: rater("乙", 0.8) });
  const plan = planImport(await port.readForImport(), { files: [f] }, S);
  expect(plan.refusals[0].message.en).toMatch(/insert them first/);
});

test("an English workbook is imported in English (labels, sheet names)", async () => {
  const port = new MemoryPort({ scheme: S, lang: "en-US", raters: 2 });
  const f = await returned("a.xlsx", { rater: rater("Visit 1", 0.8, { "1.1": "N/A" }, "visit") });
  const out = await port.importForms({ files: [f] }, await port.readForImport());
  expect(out.written).toBe(true);
  expect(out.plan.layout?.lang).toBe("en-US");
  const alpha = port.readNow().ranges[NAMES.alpha]!.values;
  expect(alpha[0][0]).toBe("N/A");
  const info = port.readNow().ranges[NAMES.raterInfo]!.values;
  expect(info[0][0]).toBe(S.vocabulary.raterKind.visit.en);
});

test("every input cell of the sheets an import may rebuild is under a workbook name (nothing is lost)", () => {
  for (const raters of [1, 3, 50]) {
    const model = buildTemplate(S, { raters, lang: "zh-CN" });
    const named = new Set<string>();
    for (const n of inputNames(model)) {
      const a = parseArea(n.ref);
      for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) named.add(`${n.sheet}!${a1(c, r)}`);
    }
    for (const key of ["service", "evidence"] as SheetKey[]) {
      const sh = model.sheets.find((s) => s.key === key)!;
      const loose = sh.cells.filter((c) => c.input && !named.has(`${sh.name}!${c.ref}`)).map((c) => c.ref);
      expect({ raters, key, loose }).toEqual({ raters, key, loose: [] });
    }
  }
});

/**
 * The merge itself (src/workbook/merge.ts, pure) and what a merged panel is: every refusal and where
 * each part comes from; a merged panel's sources sheet checked like any other sheet by verify.ts; and
 * 50 returned forms merged by `qcs merge` into a 50-column panel that `qcs score` scores as the engine
 * does (51 are refused for a workbook, accepted for JSON).
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { assess, readExchangeText, type AssessmentInput } from "../../src/engine";
import { mergeForms, panelModel, type ReturnedFile } from "../../src/workbook/merge";
import { buildTemplate, fillModel, MAX_RATERS, type WorkbookKind } from "../../src/workbook/model";
import { newFormId } from "../../src/workbook/form-id";
import { modelBuffer } from "../../src/workbook/xlsx/write";
import { readWorkbookBytes } from "../../src/workbook/xlsx/read";
import { verifyLine, verifyText } from "../../src/cli/verify";
import { tmpDir } from "../workbook/lo";

jest.setTimeout(180_000);

const root = path.join(__dirname, "../..");
const qcs = (args: string[]) => spawnSync(process.execPath, [path.join(root, "bin/qcs.js"), ...args], { cwd: root, encoding: "utf8" });
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

interface FormSpec {
  org?: string;
  rater?: string;
  alphas?: unknown[];
  levels?: unknown[];
  kind?: WorkbookKind;
  raters?: number;
  input?: Partial<AssessmentInput>;
  formId?: string;
}

/** A returned workbook as `qcs forms` writes it and a client fills it (the same model, filled through fillModel). */
async function formBytes(o: FormSpec): Promise<Uint8Array> {
  const kind = o.kind ?? (o.levels ? "form-maturity" : "form");
  const org = o.org ?? "ACME";
  const model = buildTemplate(S, {
    raters: o.raters ?? 1,
    lang: "zh-CN",
    kind,
    stamp: { formId: o.formId ?? newFormId(), issued: "2026-11-20", organization: org, ...(o.rater ? { rater: o.rater, kind: "person" as const } : {}) },
  });
  const input: AssessmentInput = {
    raters: o.rater || o.alphas ? [{ alphas: o.alphas ?? [], ...(o.rater ? { name: o.rater, kind: "person" as const } : {}) }] : [],
    levels: o.levels ?? [],
    organization: org,
    ...o.input,
  };
  return modelBuffer(fillModel(model, input, S));
}

const returned = (file: string, bytes: Uint8Array): ReturnedFile => {
  const read = readWorkbookBytes(bytes, S);
  if (!read.verified) throw new Error(`${file}: ${read.findings.map((f) => f.message.en).join("; ")}`);
  return { file, sha256: sha(bytes), verified: read.verified };
};

const alphas = (k: number) => S.items.map((_, i) => Math.round((0.55 + ((i * 11 + k * 7) % 45) / 100) * 100) / 100);
const LEVELS = S.clauses.map((_, i) => 2 + (i % 4));

describe("mergeForms (pure)", () => {
  let a: ReturnedFile, b: ReturnedFile, self: ReturnedFile;
  beforeAll(async () => {
    a = returned("a.xlsx", await formBytes({ rater: "A", alphas: alphas(0) }));
    b = returned("b.xlsx", await formBytes({ rater: "B", alphas: alphas(1) }));
    self = returned("self.xlsx", await formBytes({ rater: "自评", levels: LEVELS }));
  });

  test("columns in the order given, levels from the one file that carries them, a source row per file", () => {
    const m = mergeForms([b, self, a], S);
    expect(m.refusals).toEqual([]);
    expect(m.input?.raters.map((r) => r.name)).toEqual(["B", "A"]);
    expect(m.input?.levels).toEqual(LEVELS);
    expect(m.input?.organization).toBe("ACME");
    expect(m.carriers.levels).toBe("self.xlsx");
    expect(m.sources.map((s) => [s.file, s.rater, s.kind, s.date, s.verdict])).toEqual([
      ["b.xlsx", "B", "person", "2026-11-20", "完整，通过核验"],
      ["self.xlsx", "自评", "person", "2026-11-20", "完整，通过核验"],
      ["a.xlsx", "A", "person", "2026-11-20", "完整，通过核验"],
    ]);
    expect(m.sources[0].sha256).toBe(b.sha256);
    expect(m.sources[0].formId).toBe(b.verified.stamp?.formId);
  });

  test("no files; an unreadable file (never merged, even when forced)", () => {
    expect(mergeForms([], S).refusals.map((f) => f.message.en)).toEqual(["no files to merge"]);
    const broken: ReturnedFile = { file: "broken.xlsx", sha256: "00", verified: { stamp: null, kind: null, lang: null, model: null, input: null, findings: [], intact: false, result: null, displayed: [], locate: (x) => x } };
    const m = mergeForms([a, broken], S, { force: true });
    expect(m.input).toBeNull();
    expect(m.refusals.map((f) => f.message.en)).toEqual(["a file cannot be read as a workbook of this tool and cannot be merged: broken.xlsx"]);
    expect(m.sources[1].verdict).toBe("无法读取");
  });

  test("the same bytes twice (no form id needed); the same form id twice", async () => {
    const m = mergeForms([a, { ...a, file: "a-copy.xlsx" }], S);
    expect(m.refusals.map((f) => f.message.en)).toEqual([`the same form (id ${a.verified.stamp?.formId}) is given more than once: a.xlsx, a-copy.xlsx`]);
    const sameId = returned("a2.xlsx", await formBytes({ rater: "A2", alphas: alphas(3), formId: a.verified.stamp?.formId }));
    expect(mergeForms([a, sameId], S).refusals[0].message.en).toContain("is given more than once: a.xlsx, a2.xlsx");
    const unstamped = { ...a, verified: { ...a.verified, stamp: null } };
    expect(mergeForms([unstamped, { ...unstamped, file: "x.xlsx" }], S).refusals[0].message.en).toBe(`the same file (SHA-256 ${a.sha256.slice(0, 12)}…) is given more than once: a.xlsx, x.xlsx`);
  });

  test("a form returned without any α, and one with an invalid α: not filled in — refused, or accepted with findings when forced", async () => {
    const empty = returned("empty.xlsx", await formBytes({ rater: "C" }));
    const invalid = returned("invalid.xlsx", await formBytes({ rater: "D", alphas: alphas(2).map((x, i) => (i === 4 ? 1.2 : x)) }));
    const m = mergeForms([a, empty, invalid], S);
    expect(m.input).toBeNull();
    expect(m.refusals.map((f) => f.message.en)).toEqual(["a file has verify findings or is not filled in (merged only when forced, then recorded as accepted with findings): empty.xlsx, invalid.xlsx"]);
    expect(m.problems["invalid.xlsx"].map((f) => f.message.en)).toEqual([`cell '服务能力评价评分表'!F13, rater 1 (D), item 2.2: α 1.2 is outside [0, 1]`]);
    const forced = mergeForms([a, empty, invalid], S, { force: true, lang: "en-US" });
    expect(forced.refusals).toEqual([]);
    expect(forced.sources.map((s) => s.verdict)).toEqual(["intact, verified", "accepted with findings: not filled in", "accepted with findings: not filled in"]);
    // the empty form gives no column (a column without α is not a rater); the invalid α is kept, and makes the panel invalid
    expect(forced.input?.raters.map((r) => r.name)).toEqual(["A", "D"]);
    expect(assess(forced.input as AssessmentInput, S).complete).toBe(false);
  });

  test("different levels, different records, different organisations: refused naming the files", async () => {
    const other = returned("other.xlsx", await formBytes({ rater: "X", levels: LEVELS.map((l, i) => (i === 0 ? 1 : l)) }));
    expect(mergeForms([a, self, other], S).refusals.map((f) => f.message.en)).toEqual(["the files give different maturity levels: self.xlsx, other.xlsx"]);
    const rec1 = returned("r1.xlsx", await formBytes({ kind: "assessment", raters: 2, input: { records: { audit: { reportNo: "R-1" } } } }));
    const rec2 = returned("r2.xlsx", await formBytes({ kind: "assessment", raters: 2, input: { records: { audit: { reportNo: "R-2" } } } }));
    expect(mergeForms([a, rec1, rec2], S).refusals.map((f) => f.message.en)).toEqual(["the files give different audit particulars: r1.xlsx, r2.xlsx"]);
    const elsewhere = returned("z.xlsx", await formBytes({ org: "Zeta Ltd", rater: "Z", alphas: alphas(5) }));
    expect(mergeForms([a, elsewhere], S).refusals.map((f) => f.message.en)).toEqual(['the files are for different organisations: "ACME" (a.xlsx), "Zeta Ltd" (z.xlsx)']);
    expect(mergeForms([a, elsewhere], S).refusals.map((f) => f.message.zh)).toEqual(['文件属于不同的受评组织："ACME"（a.xlsx）、"Zeta Ltd"（z.xlsx）']);
  });

  test("levels and records from different files: each from the file that carries it; equal copies agree", async () => {
    const audit = returned("audit.xlsx", await formBytes({ kind: "assessment", raters: 3, input: { records: { audit: { reportNo: "R-7", leader: "组长" }, conformity: { passed: true, date: "2026-11-21" } } } }));
    const m = mergeForms([a, self, audit, b], S);
    expect(m.refusals).toEqual([]);
    expect(m.carriers).toEqual({ levels: "self.xlsx", records: { audit: "audit.xlsx", conformity: "audit.xlsx" } });
    expect(m.input?.records).toEqual({ audit: { reportNo: "R-7", leader: "组长" }, conformity: { passed: true, date: "2026-11-21" } });
    expect(m.input?.raters.map((r) => r.name)).toEqual(["A", "B"]); // the assessment workbook's three empty columns give none
    const again = returned("self-again.xlsx", await formBytes({ rater: "自评2", levels: LEVELS }));
    expect(mergeForms([a, self, again], S).refusals).toEqual([]);
  });

  test("more columns than a workbook holds: refused for a workbook, accepted up to LIMITS.raters for JSON", () => {
    const many = Array.from({ length: MAX_RATERS + 1 }, (_, k) => ({ ...a, file: `f${k}.xlsx`, sha256: String(k), verified: { ...a.verified, stamp: { ...a.verified.stamp, formId: `id-${k}` } as Record<string, string> } }));
    expect(mergeForms(many, S).refusals.map((f) => f.message.en)).toEqual([`the panel would have ${MAX_RATERS + 1} rater columns; a panel holds at most ${MAX_RATERS}`]);
    expect(mergeForms(many, S, { maxRaters: 1000 }).input?.raters).toHaveLength(MAX_RATERS + 1);
  });
});

describe("a merged panel's sources sheet is checked like any other sheet", () => {
  let bytes: Uint8Array;
  let sheetName: string;
  beforeAll(async () => {
    const a = returned("a.xlsx", await formBytes({ rater: "A", alphas: alphas(0) }));
    const self = returned("self.xlsx", await formBytes({ rater: "自评", levels: LEVELS }));
    const m = mergeForms([a, self], S);
    const model = panelModel(m.input as AssessmentInput, m.sources, S, { lang: "zh-CN", formId: newFormId(), issued: "2026-11-26" });
    sheetName = model.sheets.find((s) => s.key === "sources")!.name;
    bytes = await modelBuffer(model);
  });
  const tampered = async (fn: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    fn(wb.getWorksheet(sheetName) as ExcelJS.Worksheet, wb);
    return readWorkbookBytes(new Uint8Array(await wb.xlsx.writeBuffer()), S).verified!;
  };

  test("as written: intact, its rows read back", () => {
    const v = readWorkbookBytes(bytes, S).verified!;
    expect(v.intact).toBe(true);
    expect(v.findings).toEqual([]);
    expect(v.sources?.map((s) => [s.file, s.rater, s.verdict])).toEqual([
      ["a.xlsx", "A", "完整，通过核验"],
      ["self.xlsx", "自评", "完整，通过核验"],
    ]);
  });

  test("a row added, a heading changed, the protection removed, the sheet deleted: not intact, with the cell", async () => {
    const added = await tampered((ws) => (ws.getCell("A6").value = "forged.xlsx"));
    expect([added.intact, added.findings.map((f) => [f.code, f.cell])]).toEqual([false, [["extra", `'${sheetName}'!A6`]]]);
    const heading = await tampered((ws) => (ws.getCell("G3").value = "结论"));
    expect(heading.intact).toBe(false);
    expect(heading.findings.map((f) => f.cell)).toEqual([`'${sheetName}'!G3`]);
    const open = await tampered((ws) => ws.unprotect());
    expect(open.intact).toBe(false);
    expect(open.findings.map((f) => f.message.en)).toEqual([`field ${sheetName}: the sheet is no longer protected`]);
    const cleared = await tampered((ws) => ws.getRow(5).eachCell((c) => (c.value = null)));
    expect(cleared.intact).toBe(false);
    expect(cleared.findings.map((f) => f.message.en)).toEqual([`field ${sheetName}: 1 row(s) of the sources sheet have no file name or SHA-256 (the stamp counts 2 sources)`]);
    const gone = await tampered((_ws, wb) => wb.removeWorksheet(sheetName));
    expect(gone.intact).toBe(false);
    expect(gone.findings.map((f) => f.message.en)).toContain(`field ${sheetName}: the sheet "${sheetName}" is missing`);
  });
});

describe("qcs verify's report of what a file displays", () => {
  test("a saved result that is not what the engine computes: a finding with the cell, ✗ in the report, not intact", async () => {
    const bytes = await formBytes({ rater: "A", alphas: alphas(0) });
    const v0 = readWorkbookBytes(bytes, S).verified!;
    const computed = v0.result?.service.score as number;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const dn = (wb.definedNames.model as { name: string; ranges: string[] }[]).find((d) => d.name === "QCS_SERVICE_SCORE")!;
    const [sheet, ref] = dn.ranges[0].split("!");
    const cell = wb.getWorksheet(sheet.replace(/^'|'$/g, ""))!.getCell(ref.replace(/\$/g, ""));
    const formula = (cell.value as ExcelJS.CellFormulaValue).formula;
    cell.value = { formula, result: 99.5 } as ExcelJS.CellFormulaValue;
    const after = new Uint8Array(await wb.xlsx.writeBuffer());
    const line = verifyLine({ file: "a.xlsx", sha256: sha(after), verified: readWorkbookBytes(after, S).verified! }, S, "en-US");
    expect([line.ok, line.intact, line.complete]).toEqual([false, false, true]);
    const where = `'服务能力评价评分表'!${ref.replace(/\$/g, "")}`;
    expect(line.displayed).toEqual([{ name: "QCS_SERVICE_SCORE", cell: where, shows: 99.5, computed, same: false }]);
    expect(line.findings.find((f) => f.code === "displayed")?.message).toBe(`cell ${where}, field QCS_SERVICE_SCORE: the file shows 99.5; recomputed from its inputs it is ${computed}`);
    const text = verifyText(line, S, "en-US");
    expect(text).toContain(`  ✗ QCS_SERVICE_SCORE ${where}: shows 99.5, computed ${computed}`);
    expect(text).toContain("Displayed: 1 differ from the engine");
    const zh = verifyText(verifyLine({ file: "a.xlsx", sha256: "", verified: readWorkbookBytes(after, S).verified! }, S, "zh-CN"), S, "zh-CN");
    expect(zh).toContain(`  ✗ QCS_SERVICE_SCORE ${where}：显示 99.5，计算 ${computed}`);
    expect(zh).toContain("结论：未通过：内容与模板不一致");
  });

  test("a rater column renamed by the client is pointed out; file content on the terminal is escaped", async () => {
    const bytes = await formBytes({ rater: "A", input: { raters: [{ alphas: alphas(0), name: "A\u001b[2J\u202eB", kind: "person" }] } });
    const line = verifyLine({ file: "x\u001b.xlsx", sha256: "", verified: readWorkbookBytes(bytes, S).verified! }, S, "zh-CN");
    expect([line.ok, line.intact, line.complete]).toEqual([true, true, true]);
    const text = verifyText(line, S, "zh-CN");
    expect(text).not.toMatch(/[\u001b\u202e]/);
    // (the writer drops the escape character itself, which XML cannot hold; the direction override stays and is shown escaped)
    expect(text).toContain('  注意：评价人列的姓名为 "A[2J\\u202eB"，表单发放给 "A"');
    expect(text).toContain("== x\\x1b.xlsx");
  });
});

describe("50 returned forms → qcs merge → a 50-column panel", () => {
  const dir = tmpDir("qcs-merge50-");
  const files: string[] = [];
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeAll(async () => {
    for (let k = 0; k <= MAX_RATERS; k++) {
      const f = path.join(dir, `ACME-R${String(k + 1).padStart(2, "0")}.xlsx`);
      fs.writeFileSync(f, await formBytes({ rater: `R${k + 1}`, alphas: alphas(k) }));
      files.push(f);
    }
    const self = path.join(dir, "ACME-self.xlsx");
    fs.writeFileSync(self, await formBytes({ rater: "self", levels: LEVELS }));
    files.push(self);
  });

  test("qcs merge of 50 forms and the levels: 50 columns, intact, scored as the engine scores the same inputs", () => {
    const fifty = [...files.slice(0, MAX_RATERS), files[MAX_RATERS + 1]];
    const out = path.join(dir, "panel.xlsx");
    const t0 = Date.now();
    const r = qcs(["merge", ...fifty, "--out", out, "--lang", "en-US"]);
    const ms = Date.now() - t0;
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`51 file(s), ${MAX_RATERS} rater column(s)`);
    // eslint-disable-next-line no-console
    console.log(`qcs merge of ${MAX_RATERS} forms + 1: ${ms} ms`);
    const read = readWorkbookBytes(new Uint8Array(fs.readFileSync(out)), S);
    expect(read.verified?.intact).toBe(true);
    expect(read.verified?.findings).toEqual([]);
    expect(read.input?.raters).toHaveLength(MAX_RATERS);
    expect(read.verified?.sources).toHaveLength(MAX_RATERS + 1);
    const expected: AssessmentInput = { organization: "ACME", raters: Array.from({ length: MAX_RATERS }, (_, k) => ({ name: `R${k + 1}`, kind: "person", alphas: alphas(k) })), levels: LEVELS };
    const e = assess(expected, S);
    const s = JSON.parse(qcs(["score", "--json", out]).stdout);
    expect([s.ok, s.serviceScore, s.serviceScoreRaw, s.maturityTotal, s.grade]).toEqual([true, e.service.score, e.service.raw, e.maturity.total, e.gradeCode]);
    expect(s.raters.map((x: { name: string }) => x.name)).toEqual(expected.raters.map((x) => x.name));
    const j = path.join(dir, "panel.json");
    expect(qcs(["merge", ...fifty, "--out", j]).status).toBe(0);
    const fromJson = JSON.parse(qcs(["score", "--json", j]).stdout);
    expect({ ...fromJson, file: "" }).toEqual({ ...s, file: "" });
  });

  test("51 forms: refused for a workbook (nothing written), merged into JSON", () => {
    const out = path.join(dir, "panel51.xlsx");
    const r = qcs(["merge", ...files, "--out", out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`合并后有 ${MAX_RATERS + 1} 个评价人列，评分表最多 ${MAX_RATERS} 个`);
    expect(fs.existsSync(out)).toBe(false);
    const j = path.join(dir, "panel51.json");
    expect(qcs(["merge", ...files, "--out", j]).status).toBe(0);
    const read = readExchangeText(fs.readFileSync(j, "utf8"), S);
    expect(read.input?.raters).toHaveLength(MAX_RATERS + 1);
  });
});

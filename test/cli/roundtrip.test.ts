/**
 * The client round trip on the command line (issue 10's acceptance): `qcs forms` for three raters and a
 * client's self-assessment form with Appendix 3 → each form filled through the workbook names on the
 * written files (as a client's spreadsheet program edits them) → `qcs verify` exits 0 → one weight
 * changed in one form → `qcs verify` exits 2 naming that file and cell → `qcs merge` of the intact
 * forms and the self-assessment → `qcs score` of the merged workbook gives exactly the result that
 * `qcs score` gives for the same inputs as JSON. Then every refusal of the merge, --force, and the
 * JSON output with its sources.
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import Ajv2020 from "ajv/dist/2020";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { assess, readExchangeText, type AssessmentInput } from "../../src/engine";
import { NAMES } from "../../src/workbook/contract";
import { a1, parseArea, splitAddress } from "../../src/workbook/a1";
import { buildTemplate } from "../../src/workbook/model";
import { today } from "../../src/workbook/form-id";
import { putByName, tmpDir } from "../workbook/lo";

jest.setTimeout(120_000);

const root = path.join(__dirname, "../..");
const qcs = (args: string[]) => {
  expect(fs.existsSync(path.join(root, "lib/cli/main.js"))).toBe(true);
  return spawnSync(process.execPath, [path.join(root, "bin/qcs.js"), ...args], { cwd: root, encoding: "utf8" });
};
const lines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));

/** Opens a written file in ExcelJS, lets `fn` edit it, saves it (as a client's spreadsheet program would). */
async function edit(file: string, fn: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  fn(wb);
  await wb.xlsx.writeFile(file);
}

/** The cell a workbook name points to, row i and column j of it. */
function cellOf(wb: ExcelJS.Workbook, name: string, i: number, j = 0): ExcelJS.Cell {
  const dn = (wb.definedNames.model as { name: string; ranges: string[] }[]).find((d) => d.name === name);
  if (!dn) throw new Error(`no name ${name}`);
  const { sheet, ref } = splitAddress(dn.ranges[0]);
  const a = parseArea(ref);
  return (wb.getWorksheet(sheet as string) as ExcelJS.Worksheet).getCell(a.top + i, a.left + j);
}

const ORG = "示例服务有限公司";
const RATERS = ["张三", "李四", "王五"];
const SELF = "自评";
const file = (dir: string, name: string, org = ORG) => path.join(dir, `${org}-${name}.xlsx`);

/** Rater k's α: different for every rater, one N/A, two decimals. */
const alphasOf = (k: number): (number | string)[] => S.items.map((_, i) => (k === 1 && i === 18 ? "N/A" : Math.round((0.62 + ((i * 7 + k * 13) % 37) / 100) * 100) / 100));
const LEVELS = S.clauses.map((_, i) => [4, 5, 3, 4][i % 4]);
const CLAUSE_EVIDENCE = "自评报告第 3 节；管理评审记录 2026-10";

describe("qcs forms → fill → qcs verify → qcs merge → qcs score", () => {
  const dir = tmpDir("qcs-roundtrip-");
  const forms = path.join(dir, "forms");
  const expected: AssessmentInput = {
    organization: ORG,
    raters: RATERS.map((name, k) => ({ name, kind: "person", alphas: alphasOf(k) })),
    levels: LEVELS,
    records: { maturityEvidence: { [S.clauses[0].id]: CLAUSE_EVIDENCE } },
  };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const a = qcs(["forms", "--out", forms, "--organization", ORG, ...RATERS.flatMap((r) => ["--rater", r])]);
    expect(a.stderr).toBe("");
    expect(a.status).toBe(0);
    const b = qcs(["forms", "--out", forms, "--organization", ORG, "--rater", SELF, "--with-maturity"]);
    expect(b.status).toBe(0);
    // each rater types α into the cells the workbook names point to; the client rates Appendix 3
    for (let k = 0; k < RATERS.length; k++) await edit(file(forms, RATERS[k]), (wb) => putByName(wb, NAMES.alpha, alphasOf(k).map((x) => [x])));
    await edit(file(forms, SELF), (wb) => {
      putByName(wb, NAMES.levels, LEVELS.map((x) => [x]));
      cellOf(wb, NAMES.clauseEvidence, 0).value = CLAUSE_EVIDENCE;
    });
  });

  test("qcs forms writes one stamped form per name, the column's name and kind filled in", () => {
    const names = fs.readdirSync(forms).sort();
    expect(names).toEqual([...RATERS, SELF].map((r) => `${ORG}-${r}.xlsx`).sort());
    const r = qcs(["verify", "--json", ...RATERS.map((x) => file(forms, x))]);
    const ls = lines(r.stdout);
    ls.forEach((l, k) => {
      expect(l.stamp).toMatchObject({ organization: ORG, rater: RATERS[k], raterKind: "person", kind: "form", issued: today(), templateVersion: "2.0", scheme: S.id });
      expect(l.stamp.formId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(l.completeness.columns).toEqual([{ column: 1, name: RATERS[k], scored: 19, invalid: 0, of: 19, scoredFully: true }]);
    });
    expect(new Set(ls.map((l) => l.stamp.formId)).size).toBe(3);
  });

  test("qcs verify: the three filled forms are intact and complete (exit 0)", () => {
    const r = qcs(["verify", ...RATERS.map((x) => file(forms, x))]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("固定内容：完整，与模板一致");
    expect(r.stdout).toContain("共 3 个文件：3 个通过，0 个未通过");
    const j = qcs(["verify", "--json", ...RATERS.map((x) => file(forms, x))]);
    expect(j.status).toBe(0);
    for (const l of lines(j.stdout)) expect([l.ok, l.intact, l.complete, l.findings]).toEqual([true, true, true, []]);
  });

  test("the self-assessment form is intact but not complete (no α): qcs verify says so and exits 2", () => {
    const r = qcs(["verify", "--json", "--lang", "en-US", file(forms, SELF)]);
    expect(r.status).toBe(2);
    const [l] = lines(r.stdout);
    expect([l.intact, l.complete, l.kind]).toEqual([true, false, "form-maturity"]);
    expect(l.completeness.levels).toEqual({ rated: 21, invalid: 0, of: 21 });
    expect(r.stderr).toContain("not complete");
  });

  test("one weight changed in one form: qcs verify exits 2 naming that file and cell", async () => {
    const altered = path.join(dir, "altered");
    fs.mkdirSync(altered);
    const bad = path.join(altered, path.basename(file(forms, RATERS[1])));
    fs.copyFileSync(file(forms, RATERS[1]), bad);
    const i = S.items.findIndex((it) => it.id === "2.1");
    await edit(bad, (wb) => (cellOf(wb, NAMES.weights, i).value = S.items[i].weight + 4));
    const L = buildTemplate(S, { raters: 1, lang: "zh-CN", kind: "form" }).layout.service;
    const cell = `'服务能力评价评分表'!${a1(L.weightCol, L.firstItemRow + i)}`;

    const r = qcs(["verify", "--json", file(forms, RATERS[0]), bad, file(forms, RATERS[2])]);
    expect(r.status).toBe(2);
    const ls = lines(r.stdout);
    expect(ls.map((l) => l.ok)).toEqual([true, false, true]);
    expect(ls[1].file).toBe(path.normalize(bad));
    expect(ls[1].intact).toBe(false);
    const f = ls[1].findings.find((x: { cell?: string }) => x.cell === cell);
    expect(f).toMatchObject({ severity: "error", code: "altered", item: "2.1" });
    expect(r.stderr).toContain(bad);
    expect(r.stderr).toContain(cell);
    // the text report too: the file, the cell, the verdict
    const t = qcs(["verify", "--lang", "en-US", bad]);
    expect(t.status).toBe(2);
    expect(t.stdout).toContain(`== ${bad}`);
    expect(t.stdout).toContain(`cell ${cell}, item 2.1: the weight was changed to ${S.items[i].weight + 4}`);
    expect(t.stdout).toContain("Verdict: fails: not intact");
  });

  test("qcs merge of the three intact forms and the self-assessment: qcs score of the panel = qcs score of the same inputs as JSON", () => {
    const panel = path.join(dir, "panel.xlsx");
    const m = qcs(["merge", ...RATERS.map((x) => file(forms, x)), file(forms, SELF), "--out", panel]);
    expect(m.stderr).toBe("");
    expect(m.status).toBe(0);
    expect(m.stdout).toContain(`成熟度等级来自：${ORG}-${SELF}.xlsx`);

    const json = path.join(dir, "expected.json");
    fs.writeFileSync(json, JSON.stringify({ scheme: S.id, organization: ORG, service: { raters: RATERS.map((name, k) => ({ name, kind: "person", alpha: Object.fromEntries(S.items.map((it, i) => [it.id, alphasOf(k)[i]])) })) }, maturity: Object.fromEntries(S.clauses.map((c, i) => [c.id, LEVELS[i]])), maturityEvidence: { [S.clauses[0].id]: CLAUSE_EVIDENCE } }));
    const fromXlsx = qcs(["score", "--json", panel]);
    const fromJson = qcs(["score", "--json", json]);
    expect(fromXlsx.stderr).toBe("");
    expect([fromXlsx.status, fromJson.status]).toEqual([0, 0]);
    const [x] = lines(fromXlsx.stdout);
    const [y] = lines(fromJson.stdout);
    expect({ ...x, file: "" }).toEqual({ ...y, file: "" });
    // and that is the engine's result for those inputs
    const engine = assess(expected, S);
    expect([x.serviceScore, x.serviceScoreRaw, x.maturityTotal, x.maturityLevel, x.grade]).toEqual([engine.service.score, engine.service.raw, engine.maturity.total, engine.maturity.level, engine.gradeCode]);
    expect(x.raters.map((r: { name: string }) => r.name)).toEqual(RATERS);
    expect(x.ok).toBe(true);

    // the merged workbook verifies intact and complete, its sources sheet listed
    const v = qcs(["verify", "--json", panel]);
    expect(v.status).toBe(0);
    const [l] = lines(v.stdout);
    expect([l.intact, l.complete, l.kind, l.stamp.kind]).toEqual([true, true, "assessment", "assessment"]);
    expect(l.sources.map((s: { file: string }) => s.file)).toEqual([...RATERS, SELF].map((r) => `${ORG}-${r}.xlsx`));
  });

  test("qcs merge --out PANEL.json: the exchange format with a sources array (file, SHA-256, form id, rater, kind, date, verdict)", () => {
    const out = path.join(dir, "panel.json");
    const inputs = [...RATERS.map((x) => file(forms, x)), file(forms, SELF)];
    const m = qcs(["merge", ...inputs, "--out", out, "--lang", "en-US"]);
    expect(m.status).toBe(0);
    const text = fs.readFileSync(out, "utf8");
    const read = readExchangeText(text, S);
    expect(read.findings).toEqual([]);
    const panel = JSON.parse(text);
    // valid against the exchange schema (which has no "sources" property but allows further ones)
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(fs.readFileSync(path.join(root, "../shared/spec/assessment.schema.json"), "utf8")));
    expect([validate(panel), validate.errors]).toEqual([true, null]);
    const stamps = lines(qcs(["verify", "--json", ...inputs]).stdout).map((l) => l.stamp);
    expect(panel.sources).toEqual(
      inputs.map((f, k) => ({
        file: path.basename(f),
        sha256: createHash("sha256").update(fs.readFileSync(f)).digest("hex"),
        formId: stamps[k].formId,
        rater: [...RATERS, SELF][k],
        kind: "person",
        date: today(),
        verdict: "intact, verified",
      }))
    );
    expect(panel.service.raters.map((r: { name: string }) => r.name)).toEqual(RATERS);
    const a = assess(read.input as AssessmentInput, S);
    const e = assess(expected, S);
    expect([a.service.score, a.maturity.total, a.gradeCode]).toEqual([e.service.score, e.maturity.total, e.gradeCode]);
  });

  describe("refusals: a message naming the files, exit 2, nothing written", () => {
    const refused = (args: string[], out: string) => {
      const r = qcs(["merge", ...args, "--out", out]);
      expect(r.status).toBe(2);
      expect(fs.existsSync(out)).toBe(false);
      return r.stderr;
    };

    test("the same form twice (a copy under another name)", () => {
      const copy = path.join(dir, "copy-of-zhang.xlsx");
      fs.copyFileSync(file(forms, RATERS[0]), copy);
      const err = refused([file(forms, RATERS[0]), copy, file(forms, RATERS[1])], path.join(dir, "r1.xlsx"));
      expect(err).toMatch(/同一表单（编号 [0-9a-f-]+）出现多次/);
      expect(err).toContain(`${ORG}-${RATERS[0]}.xlsx、copy-of-zhang.xlsx`);
    });

    test("different organisations", async () => {
      const other = path.join(dir, "other");
      expect(qcs(["forms", "--out", other, "--organization", "另一家公司", "--rater", "赵六"]).status).toBe(0);
      await edit(file(other, "赵六", "另一家公司"), (wb) => putByName(wb, NAMES.alpha, alphasOf(4).map((x) => [x])));
      const err = refused([file(forms, RATERS[0]), file(other, "赵六", "另一家公司")], path.join(dir, "r2.json"));
      expect(err).toContain("文件属于不同的受评组织");
      expect(err).toContain(`"${ORG}"（${ORG}-${RATERS[0]}.xlsx）`);
      expect(err).toContain(`"另一家公司"（另一家公司-赵六.xlsx）`);
    });

    test("two files with different maturity levels", async () => {
      const second = path.join(dir, "second");
      expect(qcs(["forms", "--out", second, "--organization", ORG, "--rater", "审核组", "--with-maturity", "--lang", "en-US"]).status).toBe(0);
      await edit(file(second, "审核组"), (wb) => putByName(wb, NAMES.levels, LEVELS.map((x, i) => [i === 5 ? 2 : x])));
      const err = refused([file(forms, RATERS[0]), file(forms, SELF), file(second, "审核组")], path.join(dir, "r3.xlsx"));
      expect(err).toContain(`不同文件中的成熟度等级不一致：${ORG}-${SELF}.xlsx、${ORG}-审核组.xlsx`);
    });

    test("a file with findings, unless --force; with --force it is recorded as accepted with findings", () => {
      const bad = path.join(dir, "altered", `${ORG}-${RATERS[1]}.xlsx`);
      const args = [file(forms, RATERS[0]), bad, file(forms, RATERS[2]), file(forms, SELF)];
      const err = refused(args, path.join(dir, "r4.xlsx"));
      expect(err).toContain(`文件核验有问题或未填写完整（强制合并时记为“带问题接受”）：${ORG}-${RATERS[1]}.xlsx`);
      expect(err).toContain("分值被改为");
      expect(err).toContain("--force");

      const out = path.join(dir, "forced.json");
      const r = qcs(["merge", ...args, "--out", out, "--force"]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`注意：带问题接受：${ORG}-${RATERS[1]}.xlsx`);
      const sources = JSON.parse(fs.readFileSync(out, "utf8")).sources as { file: string; verdict: string }[];
      expect(sources.map((s) => s.verdict)).toEqual(["完整，通过核验", "带问题接受：核验问题 1 个（内容与模板不一致）", "完整，通过核验", "完整，通过核验"]);
      // the forced .xlsx records the verdict on its sources sheet, and verifies intact itself
      const xlsx = path.join(dir, "forced.xlsx");
      expect(qcs(["merge", ...args, "--out", xlsx, "--force"]).status).toBe(0);
      const [l] = lines(qcs(["verify", "--json", xlsx]).stdout);
      expect(l.intact).toBe(true);
      expect(l.sources[1].verdict).toBe("带问题接受：核验问题 1 个（内容与模板不一致）");
    });

    test("an existing output file is kept unless --force", () => {
      const out = path.join(dir, "exists.json");
      fs.writeFileSync(out, "keep");
      const r = qcs(["merge", file(forms, RATERS[0]), "--out", out]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("已存在");
      expect(fs.readFileSync(out, "utf8")).toBe("keep");
      expect(qcs(["merge", file(forms, RATERS[0]), "--out", out, "--force"]).status).toBe(0);
      expect(JSON.parse(fs.readFileSync(out, "utf8")).sources).toHaveLength(1);
    });

    test("usage errors exit 1: no --out, a wrong extension, the output among the inputs", () => {
      expect(qcs(["merge", file(forms, RATERS[0])]).status).toBe(1);
      expect(qcs(["merge", file(forms, RATERS[0]), "--out", path.join(dir, "x.csv")]).status).toBe(1);
      expect(qcs(["merge", file(forms, RATERS[0]), "--out", file(forms, RATERS[0]), "--force"]).status).toBe(1);
      expect(qcs(["verify"]).status).toBe(1);
      expect(qcs(["verify", file(forms, RATERS[0]), "--lang", "fr"]).status).toBe(1);
    });

    test("qcs verify of what is not a returned workbook: an assessment in JSON, a missing file, a damaged file (exit 2, each named)", () => {
      const damaged = path.join(dir, "damaged.xlsx");
      fs.writeFileSync(damaged, fs.readFileSync(file(forms, RATERS[0])).subarray(0, 2000));
      const r = qcs(["verify", "--json", "--lang", "en-US", "examples/01-all-max.json", path.join(dir, "missing.xlsx"), damaged]);
      expect(r.status).toBe(2);
      const ls = lines(r.stdout);
      expect(ls.map((l) => [l.ok, l.readable, l.intact])).toEqual([[false, false, false], [false, false, false], [false, false, false]]);
      expect(ls[0].findings[0].message).toBe("an assessment file (JSON), not a returned workbook: score it with qcs score");
      expect(ls[1].findings[0].message).toBe("the file does not exist or cannot be read");
      expect(ls[2].findings[0].message).toMatch(/^cannot read the \.xlsx file/);
      expect(r.stderr.trim().split("\n")).toHaveLength(3);
    });
  });
});

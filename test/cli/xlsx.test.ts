/**
 * `qcs score FILE.xlsx` on a filled template equals `qcs score` on the same assessment as JSON, and a
 * fault in the workbook is reported with its cell.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { buildTemplate } from "../../src/workbook/model";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { readExchange } from "../../src/engine";
import { filledTemplate, tmpDir } from "../workbook/lo";

const root = path.join(__dirname, "../..");
const qcs = (args: string[]) => {
  expect(fs.existsSync(path.join(root, "lib/cli/main.js"))).toBe(true);
  return spawnSync(process.execPath, [path.join(root, "bin/qcs.js"), ...args], { cwd: root, encoding: "utf8" });
};

describe("qcs score on filled templates", () => {
  const dir = tmpDir("qcs-xlsx-");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("every example scores the same from .xlsx as from .json", async () => {
    const examples = fs.readdirSync(path.join(root, "examples")).filter((f) => f.endsWith(".json")).sort();
    const xlsx: string[] = [];
    for (const f of examples) {
      const json = JSON.parse(fs.readFileSync(path.join(root, "examples", f), "utf8"));
      const { input } = readExchange(json, S);
      const { workbook } = await filledTemplate(input!, { columns: 3 });
      const out = path.join(dir, f.replace(/\.json$/, ".xlsx"));
      await workbook.xlsx.writeFile(out);
      xlsx.push(out);
    }
    const a = qcs(["score", "--json", ...examples.map((f) => `examples/${f}`)]);
    const b = qcs(["score", "--json", ...xlsx]);
    expect(a.status).toBe(0);
    expect(b.stderr).toBe("");
    expect(b.status).toBe(0);
    const strip = (l: string) => {
      const o = JSON.parse(l);
      delete o.file;
      delete o.organization;
      // rater names live in the JSON only; the template's columns are numbered
      o.raters = o.raters.map((r: { name?: string }) => ({ ...r, name: undefined }));
      return o;
    };
    const left = a.stdout.trim().split("\n").map(strip);
    const right = b.stdout.trim().split("\n").map(strip);
    expect(right).toEqual(left);
  });

  test("issue 11 round trip: every §6 record filled → qcs template --from → qcs score --json gives the same records and result", () => {
    const src = "examples/13-full-records.json";
    const full = JSON.parse(fs.readFileSync(path.join(root, src), "utf8"));
    // every record of RULES §6 is in the example (so the round trip covers them all)
    for (const k of ["conformity", "specificRequirements", "qms", "nonconformities", "audit", "maturityEvidence"]) expect(Object.keys(full)).toContain(k);
    expect(full.service.raters.every((r: Record<string, unknown>) => r.kind && r.name && r.date && r.method)).toBe(true);
    expect(full.service.raters.some((r: Record<string, unknown>) => r.evidence)).toBe(true);
    const out = path.join(dir, "full-records.xlsx");
    const t = qcs(["template", "--from", src, "--out", out]);
    expect([t.status, t.stderr]).toEqual([0, ""]);
    const a = qcs(["score", "--json", src]);
    const b = qcs(["score", "--json", out]);
    expect([a.status, b.status, b.stderr]).toEqual([0, 0, ""]);
    const left = JSON.parse(a.stdout);
    const right = JSON.parse(b.stdout);
    // the same assessment back, records included, and the same result
    expect(right.assessment).toEqual(full);
    delete left.file;
    delete right.file;
    expect(right).toEqual(left);
    expect(right).toMatchObject({ grade: left.grade, conformity: "passed", provisional: false });
  });

  test("a bad α in the workbook is reported with its cell, and altered weights are refused", async () => {
    const json = JSON.parse(fs.readFileSync(path.join(root, "examples/02-uniform-0.9-L4.json"), "utf8"));
    const { input } = readExchange(json, S);
    const alphas = [...input!.raters[0].alphas];
    alphas[S.items.findIndex((it) => it.id === "2.3")] = 1.2;
    input!.raters[0] = { alphas };
    const { workbook } = await filledTemplate(input!, { columns: 2 });
    const bad = path.join(dir, "bad-alpha.xlsx");
    await workbook.xlsx.writeFile(bad);
    const r = qcs(["score", "--json", "--lang", "en-US", bad]);
    expect(r.status).toBe(2);
    const line = JSON.parse(r.stdout);
    expect(line.grade).toBeNull();
    const f = line.findings.find((x: { item?: string }) => x.item === "2.3");
    const first = buildTemplate(S, { raters: 1, lang: "zh-CN" }).layout.service.firstItemRow;
    expect(f.cell).toMatch(new RegExp(`^'.+'!\\$?[A-Z]+\\$?${first + 5}$`)); // item 2.3 is the 6th row of QCS_ALPHA
    expect(f.message).toBe(`cell ${f.cell}, rater 1, item 2.3: α 1.2 is outside [0, 1]`);

    const good = await filledTemplate(readExchange(json, S).input!, { columns: 1 });
    const dn = (good.workbook.definedNames.model as { name: string; ranges: string[] }[]).find((d) => d.name === "QCS_WEIGHTS")!;
    const [sheet, ref] = dn.ranges[0].split("!");
    const ws = good.workbook.getWorksheet(sheet.replace(/^'|'$/g, ""))!;
    ws.getCell(ref.split(":")[0].replace(/\$/g, "")).value = 50; // item 1.1's weight 5 → 50
    const altered = path.join(dir, "altered.xlsx");
    await good.workbook.xlsx.writeFile(altered);
    const r2 = qcs(["score", "--json", "--lang", "en-US", altered]);
    expect(r2.status).toBe(2);
    const l2 = JSON.parse(r2.stdout);
    expect(l2.grade).toBeNull();
    expect(l2.findings.some((x: { code: string }) => x.code === "altered")).toBe(true);
  });
});

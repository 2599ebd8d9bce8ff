/**
 * `npx qcs score examples/*.json` gives exactly the results in the RULES.md §4 table. The table is read
 * from ../shared/spec/RULES.md itself, so the test follows the binding document.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const root = path.join(__dirname, "../..");
const bin = path.join(root, "bin/qcs.js");
const rulesPath = path.join(root, "../shared/spec/RULES.md");

function qcs(args: string[]) {
  expect(fs.existsSync(path.join(root, "lib/cli/main.js"))).toBe(true); // built by `npm run build:cli` (npm ci does it)
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8" });
}

/** RULES.md §4 rows that have a result: case → { service, total, level, result }. */
function rulesTable(): Map<string, { service: number; total: number; level: number; result: string }> {
  const text = fs.readFileSync(rulesPath, "utf8");
  const section = text.slice(text.indexOf("## 4."));
  const rows = new Map();
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length < 7 || !/^\d/.test(cells[3] ?? "")) continue;
    const [, name, , service, maturity, result] = cells;
    const [total, level] = maturity.split("/").map((x) => Number(x.trim()));
    const shown = service.includes("→") ? service.split("→")[1].trim() : service;
    rows.set(name, { service: Number(shown), total, level, result });
  }
  return rows;
}

// which example file holds which RULES.md case
const FILES: Record<string, string> = {
  "all max": "01-all-max.json",
  "uniform 0.9, L4": "02-uniform-0.9-L4.json",
  capped: "03-capped.json",
  basic: "04-basic.json",
  rounding: "05-rounding.json",
  "N/A": "06-na.json",
  panel: "07-panel.json",
  low: "08-low.json",
};

describe("qcs score examples/*.json", () => {
  const table = rulesTable();

  test("RULES.md §4 has the eight graded cases", () => {
    expect([...table.keys()].sort()).toEqual(Object.keys(FILES).sort());
  });

  test("every example gives the RULES.md result", () => {
    const files = fs.readdirSync(path.join(root, "examples")).filter((f) => f.endsWith(".json")).sort();
    const r = qcs(["score", "--json", "--lang", "en-US", ...files.map((f) => `examples/${f}`)]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => path.basename(l.file))).toEqual(files); // in the order given
    const byFile = new Map(lines.map((l) => [path.basename(l.file), l]));
    for (const [name, want] of table) {
      const got = byFile.get(FILES[name])!;
      expect({ name, service: got.serviceScore, total: got.maturityTotal, level: got.maturityLevel, result: got.gradeLabel }).toEqual({
        name,
        ...want,
      });
      for (const key of ["file", "serviceScore", "serviceScoreRaw", "raters", "characteristics", "maturityTotal", "maturityLevel", "grade", "gradeLabel", "limitedBy", "nextGrade", "findings"]) {
        expect(got).toHaveProperty(key);
      }
    }
    // the band-edge examples: T = 95 is level 4, T = 94 level 3
    expect(byFile.get("09-band-edge-95.json")).toMatchObject({ maturityTotal: 95, maturityLevel: 4 });
    expect(byFile.get("10-band-edge-94.json")).toMatchObject({ maturityTotal: 94, maturityLevel: 3 });
    expect(byFile.get("05-rounding.json").serviceScoreRaw).toBeCloseTo(89.95, 9);
    // RULES.md §5: the same assessment with the review not passed, and with no review recorded
    expect(byFile.get("11-conformity-failed.json")).toMatchObject({ ok: true, grade: "NONE", limitedBy: "conformity", provisional: false, conformity: "failed" });
    expect(byFile.get("12-provisional.json")).toMatchObject({ ok: true, grade: "AAAA", gradeLabel: "AAAA (pending conformity review)", provisional: true, conformity: "absent" });
    expect(byFile.get("02-uniform-0.9-L4.json")).toMatchObject({ grade: "AAAA", gradeLabel: "AAAA", provisional: false, conformity: "passed" });
    // every record of the full example is read and reported back
    const full = JSON.parse(fs.readFileSync(path.join(root, "examples/13-full-records.json"), "utf8"));
    expect(byFile.get("13-full-records.json").assessment).toEqual(full);
  });

  test("the readable report says the grade, why and what the next grade needs", () => {
    const r = qcs(["score", "examples/03-capped.json"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("认证结果：AAA（规则：table）");
    expect(r.stdout).toContain("管理成熟度：87 分，三级");
    // Chinese punctuation in the Chinese report: no ASCII ": " or ", " between words
    expect(r.stdout).not.toMatch(/[\u4e00-\u9fff]: |[\u4e00-\u9fff], |\[(error|incomplete|warning)\]/);
    expect(r.stdout).toContain("由管理成熟度限制");
    expect(r.stdout).toContain("达到 AAAA 需要：管理成熟度总分 +8（达到四级）");
    const en = qcs(["score", "--lang", "en-US", "examples/07-panel.json"]);
    expect(en.stdout).toContain("Raters: A 90.0 · B 80.0");
    expect(en.stdout).toContain("+5.0 service points for AAAA.");
  });

  test("a bad file is named with its field, the others are still scored, exit code 2", () => {
    const dir = fs.mkdtempSync(path.join(require("os").tmpdir(), "qcs-cli-"));
    const bad = path.join(dir, "bad.json");
    const json = JSON.parse(fs.readFileSync(path.join(root, "examples/02-uniform-0.9-L4.json"), "utf8"));
    json.service.raters[0].alpha["2.3"] = 1.2;
    fs.writeFileSync(bad, JSON.stringify(json));
    const r = qcs(["score", "--json", "--progress", "examples/01-all-max.json", bad, "examples/08-low.json"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${bad}: 评价人 1，项目 2.3：α 1.2 超出 [0, 1]`);
    expect(r.stderr).toMatch(/\[#+\] 3\/3 100%/);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.ok, l.grade])).toEqual([
      [true, "AAAAA"],
      [false, null],
      [true, "NONE"],
    ]);
    expect(lines[1].findings[0]).toMatchObject({ severity: "error", rater: 1, item: "2.3" });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("usage errors", () => {
    expect(qcs(["score"]).status).toBe(1);
    expect(qcs(["score", "--profile", "strict", "examples/01-all-max.json"]).stderr).toContain("--profile must be one of table, paired");
    expect(qcs(["frobnicate"]).status).toBe(1);
    expect(qcs(["score", "--profile", "paired", "--json", "examples/04-basic.json"]).stdout).toContain('"grade":"AAA"');
  });
});

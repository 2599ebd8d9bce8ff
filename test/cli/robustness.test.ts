/**
 * `qcs score` and RULES.md §7: the `robustness` field of --json exactly as issue 12 specifies it, and the
 * report's one or two lines, in Chinese and English.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_SCHEME as S } from "../../src/scheme";

const root = path.join(__dirname, "../..");
const bin = path.join(root, "bin/qcs.js");

function qcs(args: string[]) {
  expect(fs.existsSync(path.join(root, "lib/cli/main.js"))).toBe(true); // built by `npm run build:cli` (npm ci does it)
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8" });
}

const jsonLines = (args: string[]) => {
  const r = qcs(["score", "--json", ...args]);
  return { status: r.status, lines: r.stdout.trim().split("\n").map((l) => JSON.parse(l)) };
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qcs-robust-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, json: unknown) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, JSON.stringify(json));
  return f;
};
const alphas = (a: number | string) => Object.fromEntries(S.items.map((it) => [it.id, a]));
const levels = (l: number) => Object.fromEntries(S.clauses.map((c) => [c.id, l]));

/** A blank first column, then 甲 (every α 1) and 乙 (every α 0.8): mean 90.0, AAAA. */
const panel = () =>
  write("panel.json", {
    scheme: S.id,
    service: { raters: [{ name: "空列", alpha: {} }, { name: "甲", alpha: alphas(1) }, { name: "乙", alpha: alphas(0.8) }] },
    maturity: levels(4),
  });

describe("qcs score: robustness (RULES §7)", () => {
  test("--json on the §7 example (examples/02: every α 0.9, every clause 4): exactly the issue's shape", () => {
    const input = JSON.parse(fs.readFileSync(path.join(root, "examples/02-uniform-0.9-L4.json"), "utf8"));
    expect(Object.values(input.service.raters[0].alpha)).toEqual(S.items.map(() => 0.9));
    expect(Object.values(input.maturity)).toEqual(S.clauses.map(() => 4));
    const { status, lines } = jsonLines(["examples/02-uniform-0.9-L4.json"]);
    expect(status).toBe(0);
    expect(lines[0].grade).toBe("AAAA");
    expect(lines[0].robustness).toEqual({
      serviceMargin: 0,
      maturityMargin: 21,
      robust: false,
      flips: { alpha: 19, clause: 0, rater: 0 },
      steps: S.items.map((it) => ({ kind: "alpha", rater: 0, item: it.id, to: "AAA" })),
    });
  });

  test("--json: rater indexes count from 0 in input order; a blank column keeps its index and is never a step", () => {
    const { lines } = jsonLines([panel()]);
    const rb = lines[0].robustness;
    expect(lines[0].grade).toBe("AAAA");
    expect(rb.flips).toEqual({ alpha: 38, clause: 0, rater: 1 });
    expect(new Set(rb.steps.filter((s: { kind: string }) => s.kind === "alpha").map((s: { rater: number }) => s.rater))).toEqual(new Set([1, 2]));
    // leaving out 甲 gives 80.0 (AAA); leaving out 乙 gives 100.0, higher, so it is no flip
    expect(rb.steps.filter((s: { kind: string }) => s.kind === "rater")).toEqual([{ kind: "rater", rater: 1, to: "AAA" }]);
    for (const s of rb.steps) expect(Object.keys(s).sort()).toEqual(s.kind === "alpha" ? ["item", "kind", "rater", "to"] : ["kind", "rater", "to"]);
  });

  test("--json: null when not certified, incomplete or unreadable; robust when nothing flips", () => {
    const incomplete = write("incomplete.json", { scheme: S.id, service: { raters: [{ alpha: { "1.1": 0.9 } }] }, maturity: levels(4) });
    const { lines } = jsonLines(["examples/08-low.json", incomplete, path.join(dir, "missing.json"), "examples/01-all-max.json"]);
    expect(lines.map((l) => l.robustness === null)).toEqual([true, true, true, false]);
    expect(lines[3].robustness).toEqual({ serviceMargin: 5, maturityMargin: 50, robust: true, flips: { alpha: 0, clause: 0, rater: 0 }, steps: [] });
  });

  test("the report says it in two lines, Chinese punctuation in Chinese", () => {
    const zh = qcs(["score", "examples/02-uniform-0.9-L4.json", "examples/01-all-max.json"]).stdout;
    expect(zh).toContain("稳健性：距 AAAA 门槛的余量为服务得分 +0.0，管理成熟度总分 +21。\n");
    expect(zh).toContain(
      "脆弱：以下 19 项判断中任一项降低一档即降为 AAA：项目 1.1、项目 1.2、项目 1.3、项目 2.1、项目 2.2、项目 2.3、项目 3.1、项目 3.2，另有 11 项。\n"
    );
    expect(zh).toContain("稳健性：距 AAAAA 门槛的余量为服务得分 +5.0，管理成熟度总分 +50。\n稳健：任何一项判断降低一档都不会降低结果。\n");
    const en = qcs(["score", "--lang", "en-US", "examples/02-uniform-0.9-L4.json"]).stdout;
    expect(en).toContain("Robustness: margins over the AAAA thresholds: service score +0.0, maturity total +21.\n");
    expect(en).toContain(
      "Fragile: lowering any one of these 19 judgements by one step lowers the result to AAA: item 1.1, item 1.2, item 1.3, item 2.1, item 2.2, item 2.3, item 3.1, item 3.2, and 11 more.\n"
    );
  });

  test("the report names raters as its rater line does, and says when a rater left out flips", () => {
    const f = panel();
    const zh = qcs(["score", f]).stdout;
    expect(zh).toContain("脆弱：以下 39 项中任一项（判断降低一档或去掉一名评价人）即降为 AAA：项目 1.1（评价人 甲）、");
    expect(zh).toContain("，另有 31 项。\n");
    const en = qcs(["score", "--lang", "en-US", f]).stdout;
    expect(en).toContain("Fragile: any one of these 39 changes (a judgement one step lower, or a rater left out) lowers the result to AAA: item 1.1 (rater 甲), ");
  });

  test("steps that give different results are each marked with theirs", () => {
    // S = 95.0 (every α 0.95) and T = 95 (level 4): α steps give AAAA, clause steps AAA
    let fivesAtFour = 8;
    const lv = S.clauses.map((c) => (c.weight === 10 ? 3 : fivesAtFour-- > 0 ? 4 : 3));
    const total = S.clauses.reduce((s, c, i) => s + (lv[i] * c.weight) / 5, 0);
    expect(total).toBe(95);
    const f = write("mixed.json", { scheme: S.id, service: { raters: [{ alpha: alphas(0.95) }] }, maturity: Object.fromEntries(S.clauses.map((c, i) => [c.id, lv[i]])) });
    const zh = qcs(["score", f]).stdout;
    expect(zh).toContain("脆弱：以下 40 项判断中任一项降低一档即降低结果：项目 1.1 → AAAA、");
    const { lines } = jsonLines([f]);
    expect(lines[0].robustness.flips).toEqual({ alpha: 19, clause: 21, rater: 0 });
    expect(lines[0].robustness.steps.find((s: { kind: string }) => s.kind === "clause")).toEqual({ kind: "clause", clause: "1.1", to: "AAA" });
  });
});

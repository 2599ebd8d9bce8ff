/**
 * Bounds a returned workbook's claims cannot lift (classes 3 and 4 of issue 9 beyond those of
 * test/ooxml-reader/hostile.test.ts): the stamp says how many nonconformity rows and rater columns the
 * template had, and the model the file is compared with is built from that claim, so the claim itself
 * is bounded (LIMITS.nonconformityRows, the template's 1–50 columns). Each file is measured in a child
 * (≤ 10 s, ≤ 300 MB). And the writer's side: `qcs template --from` refuses an assessment with more
 * nonconformities than a workbook holds; `qcs score … | head` ends quietly.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { LIMITS } from "../../src/engine";
import { exampleJson, filledWorkbook, lines, MAX_MS, MAX_RSS_MB, measure, Parts, QCS, qcs, root, tmp } from "./kit";

jest.setTimeout(180_000);

describe("a stamp's claims are bounded", () => {
  const dir = tmp("qcs-claims-");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each([
    ["ncRows 10,000,000 (was 4.3 GB and a crash)", "ncRows", "10000000", /^field qcs_stamp: the stamp claims "10000000" rows of nonconformities, over the bound of 1,000 \(LIMITS\.nonconformityRows\); not read$/],
    ["ncRows 100,000 (was 668 MB, 5 s)", "ncRows", "100000", /over the bound of 1,000 \(LIMITS\.nonconformityRows\)/],
    ["ncRows 1,000 (at the bound: compared, and the claim does not fit the file)", "ncRows", "1000", /fingerprint does not match|differs from the template|not in the template/],
    ["raters 1,000,000,000", "raters", "1000000000", /the number of rater columns cannot be told/],
    ["raters 50 (at the bound: compared, and the claim does not fit the file)", "raters", "50", /fingerprint does not match|differs from the template|not in the template|changed/],
  ])("%s: ≤ 10 s, ≤ 300 MB, not ok, the claim named", async (name, key, value, says) => {
    const { bytes } = await filledWorkbook();
    const f = path.join(dir, `${key}-${value}.xlsx`);
    fs.writeFileSync(f, new Parts(bytes).setStamp(key, value).bytes());
    const m = measure(["score", "--json", "--lang", "en-US", f]);
    expect([name, m.ms <= MAX_MS, m.rssMb <= MAX_RSS_MB]).toEqual([name, true, true]);
    const [l] = lines(m.stdout);
    expect([m.status, l.ok, l.grade]).toEqual([2, false, null]);
    expect(l.findings.filter((x) => x.severity === "error").map((x) => x.message)).toContainEqual(expect.stringMatching(says));
    // eslint-disable-next-line no-console
    console.log(`${name}: ${m.ms} ms, ${m.rssMb.toFixed(0)} MB`);
  });
});

describe("qcs template --from: no more nonconformities than a workbook holds", () => {
  const dir = tmp("qcs-ncrows-");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const withNcs = (n: number) => {
    const j = exampleJson();
    j.nonconformities = Array.from({ length: n }, (_, i) => ({ description: `finding ${i + 1}`, severity: "minor", status: "closed" }));
    const f = path.join(dir, `nc-${n}.json`);
    fs.writeFileSync(f, JSON.stringify(j));
    return f;
  };

  test(`${LIMITS.nonconformityRows + 1} nonconformities (110,000 took 1.4 GB and 24 s): exit 2, a message, nothing written`, () => {
    const out = path.join(dir, "too-many.xlsx");
    const r = qcs(["template", "--from", withNcs(LIMITS.nonconformityRows + 1), "--out", out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`has ${LIMITS.nonconformityRows + 1} nonconformities; a workbook holds at most ${LIMITS.nonconformityRows} (LIMITS.nonconformityRows)`);
    expect(fs.existsSync(out)).toBe(false);
  });

  test(`${LIMITS.nonconformityRows} nonconformities: written, and scored back with every one of them`, () => {
    const out = path.join(dir, "at-bound.xlsx");
    const w = qcs(["template", "--from", withNcs(LIMITS.nonconformityRows), "--out", out]);
    expect([w.status, w.stderr]).toEqual([0, ""]);
    const m = measure(["score", "--json", out]);
    expect(m.ms).toBeLessThanOrEqual(MAX_MS);
    const [l] = lines(m.stdout);
    expect([l.ok, l.grade]).toEqual([true, "AAAA"]);
    expect((l.assessment as { nonconformities: unknown[] }).nonconformities).toHaveLength(LIMITS.nonconformityRows);
  });
});

test("qcs score … | head: the command ends quietly when its reader stops (no EPIPE stack trace)", () => {
  const files = Array.from({ length: 200 }, () => path.join(root, "examples/02-uniform-0.9-L4.json"));
  const r = spawnSync("sh", ["-c", `n="$0"; q="$1"; shift; "$n" "$q" score --json "$@" | head -c 100`, process.execPath, QCS, ...files], { encoding: "utf8" });
  expect(r.stdout).toHaveLength(100);
  expect(r.stderr).toBe("");
});

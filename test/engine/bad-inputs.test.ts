/** Bad input is reported as data that names the place and the fault, never as a crash. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { assess, panelScore, readExchange } from "../../src/engine";
import { loadAssessment } from "../../src/cli/score";
import { failedLine, scoreLine } from "../../src/cli/result";
import { toExchange, uniform } from "../helpers";

/** Everything said about an exchange-format object, in English. */
function messages(json: unknown): string[] {
  const read = readExchange(json, S);
  const out = read.findings.map((f) => f.message.en);
  if (read.input) out.push(...assess(read.input, S).findings.map((f) => f.message.en));
  return out;
}

const base = () => toExchange(uniform(0.9, 4, { raters: 2 })) as {
  service: { raters: { alpha: Record<string, unknown> }[] };
  maturity: Record<string, unknown>;
  [k: string]: unknown;
};
const withAlpha = (v: unknown) => {
  const j = base();
  j.service.raters[1].alpha["2.3"] = v;
  return j;
};
const withLevel = (v: unknown) => {
  const j = base();
  j.maturity["4.2"] = v;
  return j;
};

describe("bad inputs: each with its message", () => {
  test.each([
    ["α −0.1", withAlpha(-0.1), "rater 2, item 2.3: α -0.1 is outside [0, 1]"],
    ["α 1.01", withAlpha(1.01), "rater 2, item 2.3: α 1.01 is outside [0, 1]"],
    ["α 1.2", withAlpha(1.2), "rater 2, item 2.3: α 1.2 is outside [0, 1]"],
    ["α \"abc\"", withAlpha("abc"), 'rater 2, item 2.3: α "abc" is not a number in [0, 1] nor N/A / NA / 不适用'],
    ["α \"0.9\" (text in the strict exchange format)", withAlpha("0.9"), 'rater 2, item 2.3: α "0.9" is not a number in [0, 1] nor N/A / NA / 不适用'],
    ["level 0", withLevel(0), "clause 4.2: maturity level 0 is not an integer 1–5"],
    ["level 6", withLevel(6), "clause 4.2: maturity level 6 is not an integer 1–5"],
    ["level 2.5", withLevel(2.5), "clause 4.2: maturity level 2.5 is not an integer 1–5"],
    ["level \"三\"", withLevel("三"), 'clause 4.2: maturity level "三" is not an integer 1–5'],
    [
      "missing clause",
      (() => {
        const j = base();
        delete j.maturity["6.2"];
        return j;
      })(),
      "clauses without a maturity level: 6.2",
    ],
    [
      "unknown item id",
      (() => {
        const j = base();
        j.service.raters[0].alpha["8.1"] = 0.5;
        return j;
      })(),
      'field service.raters[0].alpha, rater 1: unknown item id "8.1"',
    ],
    [
      "unknown clause id",
      (() => {
        const j = base();
        j.maturity["5.3"] = 3;
        return j;
      })(),
      'field maturity: unknown clause id "5.3"',
    ],
    [
      "no raters",
      (() => {
        const j = base();
        j.service.raters = [];
        return j;
      })(),
      "field service.raters: there are no raters",
    ],
    ["every item N/A", toExchange(uniform("N/A", 4)), "rater 1: every item is N/A; there is nothing to score"],
    [
      "a partly blank rater",
      (() => {
        const j = base();
        delete j.service.raters[0].alpha["1.2"];
        delete j.service.raters[0].alpha["3.1"];
        return j;
      })(),
      "rater 1: unscored items: 1.2, 3.1",
    ],
    ["not an object", [1, 2], "field (root): an assessment must be a JSON object"],
    ["unknown profile", { ...base(), profile: "lenient" }, 'field profile: unknown rule profile "lenient" (known: table, paired)'],
  ])("%s", (_name, json, expected) => {
    const said = messages(json);
    expect(said).toContain(expected);
    const read = readExchange(json, S);
    const all = [...read.findings, ...(read.input ? assess(read.input, S).findings : [])];
    expect(all.some((f) => f.severity !== "warning")).toBe(true);
    // what `qcs score` makes of it: not gradable
    const line = read.input
      ? scoreLine("x.json", assess(read.input, S), S, "en-US", read.findings)
      : failedLine("x.json", S, read.findings, "en-US");
    expect(line.ok).toBe(false);
    expect(line.grade).toBeNull();
  });

  test.each([
    ["NaN", NaN, "rater 1, item 1.1: α NaN is not a number in [0, 1] nor N/A / NA / 不适用"],
    ["Infinity", Infinity, "rater 1, item 1.1: α Infinity is outside [0, 1]"],
    ["-Infinity", -Infinity, "rater 1, item 1.1: α -Infinity is outside [0, 1]"],
    ["an object", { a: 1 }, 'rater 1, item 1.1: α {"a":1} is not a number in [0, 1] nor N/A / NA / 不适用'],
  ])("engine input α %s", (_name, v, expected) => {
    const alphas = S.items.map((_, i) => (i === 0 ? v : 0.5));
    const p = panelScore([{ alphas }], S);
    expect(p.findings.map((f) => f.message.en)).toContain(expected);
    expect(p.score).toBeNull();
  });

  test("an invalid cell is reported as invalid, not also as unscored", () => {
    const alphas = S.items.map((it) => (it.id === "2.3" ? 1.2 : it.id === "4.1" ? null : 0.5));
    const p = panelScore([{ alphas }], S);
    expect(p.findings.map((f) => f.message.en)).toEqual(["rater 1, item 2.3: α 1.2 is outside [0, 1]"]);
    expect(p.raters[0].unscored).toEqual(["4.1"]);
    expect(p.unscored).toEqual(["4.1"]);
  });

  test("the Chinese message names the same place", () => {
    const read = readExchange(withAlpha(1.2), S);
    const f = assess(read.input!, S).findings[0];
    expect(f.message.zh).toBe("评价人 2，项目 2.3：α 1.2 超出 [0, 1]");
  });

  describe("files", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qcs-bad-"));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test("malformed JSON", async () => {
      const f = path.join(dir, "bad.json");
      fs.writeFileSync(f, '{"service": {"raters": [ }');
      const r = await loadAssessment(f, S);
      expect(r.input).toBeNull();
      expect(r.findings[0].message.en).toBe('malformed JSON (line 1, column 26): unexpected "}"');
    });

    test("a 50 MB file is refused without being read", async () => {
      const f = path.join(dir, "huge.json");
      const fd = fs.openSync(f, "w");
      fs.ftruncateSync(fd, 50 * 1024 * 1024);
      fs.closeSync(fd);
      const t = Date.now();
      const r = await loadAssessment(f, S);
      expect(Date.now() - t).toBeLessThan(500);
      expect(r.input).toBeNull();
      expect(r.findings[0].message.en).toBe("the file is 50.0 MB, over the 5.0 MB limit for one assessment; not read");
    });

    test("a missing file", async () => {
      const r = await loadAssessment(path.join(dir, "nope.json"), S);
      expect(r.findings[0].message.en).toBe("the file does not exist or cannot be read");
    });
  });
});

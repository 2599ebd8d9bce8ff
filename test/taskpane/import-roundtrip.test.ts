/**
 * Issue 10's acceptance, the pane's part: returned forms written by the model and the .xlsx writer are
 * read and verified by the pane's import path, imported into an in-memory (preview) workbook, and the
 * pane's summary equals the engine's result for the same inputs as JSON.
 */
import { TextDecoder } from "util";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { assess, readExchange, writeExchange, type AssessmentInput } from "../../src/engine";
import { MemoryPort } from "../../src/taskpane/memory-port";
import { summarize } from "../../src/taskpane/summary";
import { checkFiles } from "../../src/taskpane/import/read-files";
import { formBytes, picked, rater } from "./import-forms";

jest.setTimeout(60_000);

test("three forms into a 3-rater workbook holding one rater and the levels: summary = engine", async () => {
  (globalThis as { TextDecoder?: unknown }).TextDecoder ??= TextDecoder;
  const own = rater("审核员甲", 0.9);
  const port = new MemoryPort({ scheme: S, lang: "zh-CN", raters: 3 });
  const levels = S.clauses.map((_, i) => (i % 3 === 0 ? 4 : 3));
  port.fill({ raters: [{ alphas: own.alphas }], levels }, false);
  const people = [rater("张三", 0.85), rater("李四", 0.92, { "3.1": 0.6 }), rater("走访一", 0.8, { "7.1": "N/A" }, "visit")];
  const files = await Promise.all(people.map(async (r, i) => picked(`form-${i + 1}.xlsx`, await formBytes({ rater: r }))));
  const { checks, refused } = await checkFiles(files, S);
  expect(refused).toBeNull();
  expect(checks.map((c) => c.verdict)).toEqual(["intact", "intact", "intact"]);
  const seen = await port.readForImport();
  const out = await port.importForms({ files: checks.map((c) => c.returned!) }, seen);
  expect(out.plan.refusals).toEqual([]);
  expect(out.written).toBe(true);
  expect(out.plan.grow).toBe(true); // 1 used + 3 imported > 3 columns
  expect(port.raterCount()).toBe(4);

  const expected: AssessmentInput = { raters: [{ alphas: own.alphas }, ...people], levels };
  const json = JSON.parse(JSON.stringify(writeExchange(expected, S)));
  const fromJson = readExchange(json, S).input!;
  const engine = assess(fromJson, S, { numericText: true });
  const pane = summarize(port.readNow(), S).result!;
  expect(pane.gradeCode).not.toBeNull();
  expect(JSON.stringify(pane)).toBe(JSON.stringify(engine));
});

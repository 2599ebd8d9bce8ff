/**
 * Issue 9, class 7: a formula in an input cell is never trusted through its cached result. An α cell
 * `=0.1` cached as 1, `=WEBSERVICE("http://…")` cached as 0.9, a weight `=50` cached as 5 and a level
 * `=4` cached as 5: each is a finding naming the cell, the cached value is not scored, and nothing is
 * fetched (a local HTTP server counts the requests). And the other way round (formula injection): text
 * from an assessment that looks like a formula is written into a template as text, never as a formula.
 */
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import type { AddressInfo } from "net";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { NAMES } from "../../src/workbook/contract";
import { quoteSheet } from "../../src/workbook/a1";
import { readWorkbookBytes } from "../../src/workbook/xlsx/read";
import { reviewed, uniform } from "../helpers";
import { cellsOf, exampleJson, filledWorkbook, lines, Parts, qcs, splitName, tmp } from "./kit";

jest.setTimeout(120_000);

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** three raters, every α 0.9, every clause level 4, the conformity review passed: AAAA */
const THREE = reviewed(uniform(0.9, 4, { raters: 3 }));

describe("formulas in input cells (class 7)", () => {
  const dir = tmp("qcs-formula-inputs-");
  let server: http.Server;
  let requests = 0;
  let url = "";
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      requests++;
      res.end("1");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alpha`;
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await new Promise((resolve) => server.close(resolve));
  });

  test("α =0.1 cached 1, =WEBSERVICE(url) cached 0.9, weight =50 cached 5, level =4 cached 5: reported, never scored, nothing fetched", async () => {
    const { bytes, model } = await filledWorkbook(THREE);
    const alpha = model.names.find((n) => n.name === NAMES.alpha)!;
    const [a11, a12] = cellsOf(alpha.ref); // item 1.1, raters 1 and 2
    const weight = splitName(model, NAMES.weights);
    const level = splitName(model, NAMES.levels);
    const cases = [
      { name: "alpha-formula", edit: (p: Parts) => p.setCell(alpha.sheet, a11, `<f>0.1</f><v>1</v>`), cell: `${quoteSheet(alpha.sheet)}!${a11}` },
      { name: "alpha-webservice", edit: (p: Parts) => p.setCell(alpha.sheet, a12, `<f>${esc(`WEBSERVICE("${url}")`)}</f><v>0.9</v>`), cell: `${quoteSheet(alpha.sheet)}!${a12}` },
      { name: "weight-formula", edit: (p: Parts) => p.setCell(weight.sheet, weight.ref, `<f>50</f><v>5</v>`), cell: `${quoteSheet(weight.sheet)}!${weight.ref}` },
      { name: "level-formula", edit: (p: Parts) => p.setCell(level.sheet, level.ref, `<f>4</f><v>5</v>`), cell: `${quoteSheet(level.sheet)}!${level.ref}` },
    ];
    const files = cases.map((c) => {
      const p = new Parts(bytes);
      c.edit(p);
      const file = path.join(dir, `${c.name}.xlsx`);
      fs.writeFileSync(file, p.bytes());
      return file;
    });
    const r = qcs(["score", "--json", "--lang", "en-US", ...files]);
    expect(r.status).toBe(2);
    const out = lines(r.stdout);
    expect(out).toHaveLength(cases.length);
    cases.forEach((c, i) => {
      const line = out[i];
      expect([c.name, line.ok, line.grade]).toEqual([c.name, false, null]);
      const at = line.findings.filter((f) => f.cell === c.cell && f.severity === "error");
      expect([c.name, at.length > 0]).toEqual([c.name, true]);
    });
    // the α formulas: "inputs must be values", and the cached value is not what is scored
    expect(out[0].findings.find((f) => f.cell === cases[0].cell)?.message).toMatch(/holds the formula =0\.1: inputs must be values; the formula and its cached result are not trusted/);
    expect(out[1].findings.find((f) => f.cell === cases[1].cell)?.message).toContain("=WEBSERVICE(");
    for (const k of [0, 1]) expect((out[k].assessment as { service: { raters: { alpha: Record<string, unknown> }[] } }).service.raters[k].alpha["1.1"]).toBeUndefined();
    // the weight: its formula is reported as an altered weight (the scheme's weight is 5)
    expect(out[2].findings.find((f) => f.cell === cases[2].cell)?.message).toMatch(/=50/);
    expect(requests).toBe(0);
  });

  test("in process: the α cell's cached 1 never reaches the engine (the rater's α for 1.1 is blank)", async () => {
    const { bytes, model } = await filledWorkbook(THREE);
    const alpha = model.names.find((n) => n.name === NAMES.alpha)!;
    const p = new Parts(bytes).setCell(alpha.sheet, cellsOf(alpha.ref)[0], `<f>0.1</f><v>1</v>`);
    const r = readWorkbookBytes(p.bytes(), S);
    expect(r.input?.raters[0].alphas[0]).toBeNull();
    expect(r.input?.raters[1].alphas[0]).toBe(0.9);
    expect(r.verified?.intact).toBe(false);
  });
});

describe("formula injection in texts (kept as handled)", () => {
  const dir = tmp("qcs-injection-");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("organisation, rater names and evidence that look like formulas are written as text, read back as text", () => {
    const json = exampleJson() as { organization: string; service: { raters: { name?: string; evidence?: Record<string, string>; alpha: Record<string, number> }[] } };
    const texts = ["=1+1", '=HYPERLINK("http://evil.example/","click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "=WEBSERVICE(\"http://127.0.0.1:9/\")"];
    json.organization = texts[0];
    json.service.raters[0].name = texts[1];
    json.service.raters[0].evidence = Object.fromEntries(S.items.slice(0, 4).map((it, i) => [it.id, texts[i + 2]]));
    const src = path.join(dir, "inject.json");
    fs.writeFileSync(src, JSON.stringify(json));
    const out = path.join(dir, "inject.xlsx");
    const w = qcs(["template", "--from", src, "--out", out]);
    expect([w.status, w.stderr]).toEqual([0, ""]);
    const bytes = new Uint8Array(fs.readFileSync(out));
    // no cell of the written workbook holds a formula starting with any of these texts
    const p = new Parts(bytes);
    for (const [name, xml] of p.map) {
      if (!name.startsWith("xl/worksheets/")) continue;
      for (const m of xml.matchAll(/<f>([^<]*)<\/f>/g)) for (const t of texts) expect([name, m[1].startsWith(esc(t.slice(1)))]).toEqual([name, false]);
    }
    // and reading it back gives the same texts, as values
    const r = readWorkbookBytes(bytes, S);
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(r.input?.organization).toBe(texts[0]);
    expect(r.input?.raters[0].name).toBe(texts[1]);
    expect(r.input?.raters[0].evidence?.slice(0, 4)).toEqual(texts.slice(2));
    const scored = qcs(["score", "--json", out]);
    expect(lines(scored.stdout)[0].organization).toBe(texts[0]);
  });
});

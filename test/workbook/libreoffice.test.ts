/**
 * The templates' own formulas, computed by a real spreadsheet engine (LibreOffice headless), agree with
 * the scoring engine: ≥ 30 assessments (the RULES.md examples plus seeded random ones with several
 * raters, blank rater columns and N/A), written with ExcelJS without cached values, recalculated by
 * LibreOffice in one batch, read back through the workbook names.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { assess, likertBand, type AssessmentInput, type AssessmentResult } from "../../src/engine";
import { NAMES } from "../../src/workbook/contract";
import { a1, parseArea, splitAddress } from "../../src/workbook/a1";
import { fillModel, MAX_RATERS, type TemplateModel } from "../../src/workbook/model";
import { readWorkbookBytes, readWorkbookFile } from "../../src/workbook/xlsx/read";
import { modelBuffer } from "../../src/workbook/xlsx/write";
import { mergeForms, panelModel, type ReturnedFile } from "../../src/workbook/merge";
import { formModel } from "../../src/cli/forms";
import { verifyLine } from "../../src/cli/verify";
import { reviewed, rng, uniform } from "../helpers";
import { convert, filledTemplate, loProfile, tmpDir } from "./lo";

jest.setTimeout(180_000);

/** An ExcelJS cell value as a plain value (what LibreOffice computed, read back by ExcelJS). */
function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") {
    if ("richText" in v && Array.isArray(v.richText)) return v.richText.map((p) => p.text).join("");
    if ("formula" in v || "sharedFormula" in v) return cellValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ("error" in v) return (v as ExcelJS.CellErrorValue).error;
    if ("text" in v) return (v as { text: string }).text;
  }
  return String(v);
}

interface Case {
  name: string;
  input: AssessmentInput;
  columns?: number;
  at?: number[];
  lang?: "zh-CN" | "en-US";
  /** the file as written by another path than filledTemplate (a merged panel) */
  written?: { bytes: Uint8Array; model: TemplateModel };
}

/**
 * A merged panel as `qcs merge` writes it: MAX_RATERS returned forms (seeded α, N/A among them) and a
 * form with Appendix 3 carrying the levels, each written, read and verified, merged by mergeForms and
 * written by panelModel with the sources sheet and a stamp.
 */
async function mergedPanelCase(): Promise<Case> {
  const rand = rng(20261126);
  const returned: ReturnedFile[] = [];
  const add = async (k: number, alphas: unknown[], levels: unknown[]) => {
    const spec = { organization: "示例公司", rater: `评价人 ${k + 1}`, kind: "person" as const, withMaturity: levels.length > 0, lang: "zh-CN" as const, issued: "2026-11-20" };
    const m = formModel(S, spec);
    const bytes = await modelBuffer(fillModel(m, { raters: [{ alphas, name: spec.rater, kind: "person" }], levels, organization: spec.organization }, S));
    const v = readWorkbookBytes(bytes, S).verified;
    if (!v) throw new Error(`form ${k + 1} cannot be read back`);
    returned.push({ file: `示例公司-评价人 ${k + 1}.xlsx`, sha256: `${k}`.padStart(64, "0"), verified: v });
  };
  for (let k = 0; k < MAX_RATERS; k++) {
    const base = 0.45 + rand() * 0.5;
    await add(k, S.items.map(() => (rand() < 0.04 ? "N/A" : Math.round(Math.min(1, Math.max(0, base + (rand() - 0.5) * 0.3)) * 100) / 100)), []);
  }
  await add(MAX_RATERS, [], S.clauses.map(() => 3 + Math.floor(rand() * 3)));
  const merged = mergeForms(returned, S);
  if (!merged.input) throw new Error(merged.refusals.map((f) => f.message.en).join("; "));
  const model = panelModel(merged.input, merged.sources, S, { lang: "zh-CN", formId: "00000000-0000-4000-8000-000000000050", issued: "2026-11-26" });
  return { name: `merged panel of ${MAX_RATERS} forms`, input: merged.input, columns: MAX_RATERS, written: { bytes: await modelBuffer(model), model } };
}

function levelsFor(total: number): number[] {
  // start from every clause at 3 (87) and walk up/down with weight-10 clauses (±2) then weight-5 (±1)
  const levels = S.clauses.map(() => 3);
  let t = S.clauses.reduce((s, c) => s + (3 * c.weight) / 5, 0);
  for (const w of [10, 5]) {
    for (let i = 0; i < S.clauses.length && t !== total; i++) {
      const step = w / 5;
      while (S.clauses[i].weight === w && Math.abs(total - t) >= step && levels[i] > 1 && levels[i] < 5) {
        const dir = total > t ? 1 : -1;
        levels[i] += dir;
        t += dir * step;
      }
    }
  }
  if (t !== total) throw new Error(`cannot build total ${total}`);
  return levels;
}

function cases(): Case[] {
  const out: Case[] = [
    // RULES.md §4
    { name: "all max", input: uniform(1, 5) },
    { name: "uniform 0.9, L4", input: uniform(0.9, 4) },
    { name: "capped", input: uniform(0.9, 3) },
    { name: "basic", input: uniform(0.85, 2) },
    { name: "rounding 89.95", input: uniform(0.9, 4, { alphaBy: { "3.1": 0.89 } }) },
    { name: "N/A", input: uniform(0.9, 5, { alphaBy: { "7.1": "N/A" } }) },
    {
      name: "panel",
      input: { raters: [{ alphas: S.items.map(() => 0.9) }, { alphas: S.items.map(() => 0.8) }], levels: S.clauses.map(() => 4) },
    },
    { name: "low", input: uniform(0.5, 1) },
    { name: "band edge 95", input: { raters: uniform(0.9, 1).raters, levels: levelsFor(95) } },
    { name: "band edge 94", input: { raters: uniform(0.9, 1).raters, levels: levelsFor(94) } },
    {
      name: "Likert edges",
      input: uniform(0.5, 4, { alphaBy: { "1.1": 0.2, "1.2": 0.21, "1.3": 0.6, "2.1": 0.61, "2.2": 1, "2.3": 0, "3.1": 0.8, "3.2": 0.4, "3.3": 0.2000001 } }),
    },
    // incomplete / invalid
    { name: "partly blank", input: uniform(0.9, 4, { alphaBy: { "4.2": null }, raters: 2 }) },
    { name: "alpha out of range", input: uniform(0.9, 4, { alphaBy: { "5.1": 1.01 } }) },
    { name: "level blank", input: uniform(0.9, 4, { levelBy: { "6.3": null } }) },
    { name: "level not integer", input: uniform(0.9, 4, { levelBy: { "6.3": 3.5 } }) },
    { name: "all N/A", input: uniform("不适用", 4) },
    { name: "N/A spellings", input: uniform(0.7, 3, { alphaBy: { "1.1": "NA", "1.2": "不适用", "1.3": " n/a ", "2.1": "na" } }) },
    { name: "blank column in the middle", input: { raters: uniform(0.93, 4).raters.concat(uniform(0.97, 4).raters), levels: S.clauses.map(() => 4) }, columns: 4, at: [0, 2] },
    { name: "English", input: uniform(0.9, 3, { raters: 2 }), lang: "en-US" },
    // RULES.md §5, every row: the review passed (the grade), not passed (NONE whatever the scores),
    // not recorded (the grade, marked provisional) — the uniform() cases above have no review
    { name: "review passed", input: reviewed(uniform(0.92, 3)) },
    { name: "review passed, English", input: reviewed(uniform(1, 5)), lang: "en-US" },
    { name: "review not passed", input: reviewed(uniform(0.96, 4), false) },
    { name: "review not passed, English", input: reviewed(uniform(0.85, 2), false), lang: "en-US" },
    { name: "review not recorded, English", input: uniform(0.9, 4), lang: "en-US" },
  ];
  const rand = rng(20260401);
  const naSpell = ["N/A", "NA", "不适用", "n/a"];
  for (let k = 0; out.length < 40; k++) {
    const raters = 1 + Math.floor(rand() * 4);
    const blanks = Math.floor(rand() * 3);
    const columns = Math.min(10, raters + blanks);
    const slots = Array.from({ length: columns }, (_, i) => i).sort(() => rand() - 0.5).slice(0, raters).sort((a, b) => a - b);
    const base = 0.3 + rand() * 0.7;
    const input: AssessmentInput = {
      raters: Array.from({ length: raters }, () => ({
        alphas: S.items.map(() => {
          const u = rand();
          if (u < 0.08) return naSpell[Math.floor(rand() * naSpell.length)];
          const spread = rand() < 0.15 ? 0.6 : 0.15;
          const a = Math.min(1, Math.max(0, base + (rand() - 0.5) * 2 * spread));
          return Math.round(a * 100) / 100;
        }),
      })),
      levels: S.clauses.map(() => 1 + Math.floor(rand() * 5)),
    };
    if (k % 7 === 3) input.levels = S.clauses.map(() => 4); // reach the upper grades too
    out.push({ name: `random ${k + 1} (${raters} raters in ${columns} columns)`, input, columns, at: slots, lang: k % 5 === 4 ? "en-US" : "zh-CN" });
  }
  return out;
}

function valueOfName(wb: ExcelJS.Workbook, name: string): unknown[][] {
  const dn = (wb.definedNames.model as { name: string; ranges: string[] }[]).find((d) => d.name === name);
  if (!dn) throw new Error(`converted workbook lost the name ${name}`);
  const { sheet, ref } = splitAddress(dn.ranges[0]);
  const ws = wb.getWorksheet(sheet as string) as ExcelJS.Worksheet;
  const a = parseArea(ref);
  const rows: unknown[][] = [];
  for (let r = a.top; r <= a.bottom; r++) {
    const row: unknown[] = [];
    for (let c = a.left; c <= a.right; c++) row.push(cellValue(ws.getCell(r, c).value));
    rows.push(row);
  }
  return rows;
}

const blank = (v: unknown) => v === null || v === undefined || v === "";

describe("templates recalculated by LibreOffice agree with the engine", () => {
  const all = cases();
  const dir = tmpDir("qcs-lo-agree-");
  const inDir = path.join(dir, "in");
  const outDir = path.join(dir, "out");
  const results: { c: Case; model: TemplateModel; engine: AssessmentResult; wb: ExcelJS.Workbook; file: string }[] = [];

  beforeAll(async () => {
    fs.mkdirSync(inDir);
    fs.mkdirSync(outDir);
    const t = Date.now();
    all.push(await mergedPanelCase());
    // eslint-disable-next-line no-console
    console.log(`${MAX_RATERS} forms written, read, verified and merged in ${Date.now() - t} ms`);
    const files: string[] = [];
    const models: TemplateModel[] = [];
    for (let i = 0; i < all.length; i++) {
      const c = all[i];
      const f = path.join(inDir, `case${String(i).padStart(2, "0")}.xlsx`);
      if (c.written) {
        fs.writeFileSync(f, c.written.bytes);
        models.push(c.written.model);
      } else {
        const { workbook, model } = await filledTemplate(c.input, { columns: c.columns, at: c.at, lang: c.lang });
        await workbook.xlsx.writeFile(f);
        models.push(model);
      }
      files.push(f);
    }
    const t0 = Date.now();
    const outs = convert(files, "xlsx", outDir, loProfile());
    // eslint-disable-next-line no-console
    console.log(`LibreOffice recalculated ${outs.length} workbooks in ${Date.now() - t0} ms`);
    for (let i = 0; i < all.length; i++) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(outs[i]);
      results.push({ c: all[i], model: models[i], engine: assess(all[i].input, S), wb, file: outs[i] });
    }
  });

  it("has at least 30 assessments, several raters, blank columns and N/A among them", () => {
    expect(all.length).toBeGreaterThanOrEqual(30);
    expect(all.some((c) => c.input.raters.length >= 3)).toBe(true);
    expect(all.some((c) => (c.columns ?? 0) > c.input.raters.length)).toBe(true);
    expect(all.some((c) => c.input.raters.some((r) => r.alphas.some((a) => typeof a === "string")))).toBe(true);
    expect(new Set(results.map((r) => r.engine.gradeCode)).size).toBeGreaterThanOrEqual(4);
  });

  it("service score (±0.05), maturity total and level, grade: as the engine", () => {
    for (const { c, engine, wb } of results) {
      const ctx = `${c.name}`;
      const score = valueOfName(wb, NAMES.serviceScore)[0][0];
      if (engine.service.score === null) expect([ctx, blank(score)]).toEqual([ctx, true]);
      else {
        expect([ctx, typeof score]).toEqual([ctx, "number"]);
        expect(Math.abs((score as number) - engine.service.score)).toBeLessThanOrEqual(0.05);
      }
      const total = valueOfName(wb, NAMES.maturityTotal)[0][0];
      const level = valueOfName(wb, NAMES.maturityLevel)[0][0];
      const g = valueOfName(wb, NAMES.grade)[0][0];
      expect([ctx, blank(total) ? null : total]).toEqual([ctx, engine.maturity.total]);
      expect([ctx, blank(level) ? null : level]).toEqual([ctx, engine.maturity.level]);
      expect([ctx, blank(g) ? null : g]).toEqual([ctx, engine.gradeCode]);
    }
  });

  it("the rounded score is exact, decimal-safe (89.95 → 90.0)", () => {
    for (const { c, engine, wb } of results) {
      if (engine.service.score === null) continue;
      expect([c.name, valueOfName(wb, NAMES.serviceScore)[0][0]]).toEqual([c.name, engine.service.score]);
    }
    const r = results.find((x) => x.c.name === "rounding 89.95");
    expect(r?.engine.service.score).toBe(90);
  });

  it("RULES §5: the conformity gate and the label as shown (provisional mark while no review is recorded)", () => {
    const rows = { passed: 0, failed: 0, absent: 0 };
    for (const { c, engine, wb, model } of results) {
      const res = model.sheets.find((s) => s.key === "result") as TemplateModel["sheets"][number];
      const shown = cellValue((wb.getWorksheet(res.name) as ExcelJS.Worksheet).getCell(a1(2, model.layout.result!.gradeRow)).value);
      const want = engine.gradeLabel ? (c.lang === "en-US" ? engine.gradeLabel.en : engine.gradeLabel.zh) : null;
      expect([c.name, blank(shown) ? null : shown]).toEqual([c.name, want]);
      if (engine.gradeCode !== null) rows[engine.conformity]++;
      if (engine.conformity === "failed") expect([c.name, valueOfName(wb, NAMES.grade)[0][0]]).toEqual([c.name, "NONE"]);
    }
    // every row of the §5 table was computed by LibreOffice, a failed review over scores that give AAAAA among them
    expect(rows.passed).toBeGreaterThanOrEqual(2);
    expect(rows.failed).toBeGreaterThanOrEqual(2);
    expect(rows.absent).toBeGreaterThanOrEqual(10);
    const failed = results.find((x) => x.c.name === "review not passed")!;
    expect([failed.engine.gradeCode, assess(uniform(0.96, 4), S).gradeCode]).toEqual(["NONE", "AAAAA"]);
    const provisional = results.find((x) => x.c.name === "review not recorded, English")!;
    expect(provisional.engine.gradeLabel!.en).toBe("AAAA (pending conformity review)");
  });

  it("the reason in words is the engine's explanation, in the sheet's language", () => {
    for (const { c, engine, wb, model } of results) {
      const res = model.sheets.find((s) => s.key === "result") as TemplateModel["sheets"][number];
      const cell = cellValue((wb.getWorksheet(res.name) as ExcelJS.Worksheet).getCell(a1(2, model.layout.result!.reasonRow)).value);
      const want = engine.reason ? (c.lang === "en-US" ? engine.reason.en : engine.reason.zh) : null;
      expect([c.name, blank(cell) ? null : cell]).toEqual([c.name, want]);
    }
  });

  it("per-rater scores, progress, characteristic subtotals, Likert labels and disagreement highlight", () => {
    for (const { c, engine, wb, model } of results) {
      const L = model.layout.service;
      const ws = wb.getWorksheet(model.sheets[0].name) as ExcelJS.Worksheet;
      const v = (col: number, row: number) => cellValue(ws.getCell(row, col).value);
      // progress: items scored by every counted rater
      expect([c.name, "progress", v(L.panelCol, L.scoredRow)]).toEqual([c.name, "progress", engine.service.progress.scored]);
      const at = c.at ?? c.input.raters.map((_, i) => i);
      engine.service.raters.forEach((r) => {
        const col = L.alphaCol + at[r.rater - 1];
        const got = v(col, L.scoreRow);
        if (r.score === null) expect([c.name, r.rater, blank(got)]).toEqual([c.name, r.rater, true]);
        else expect(Math.abs((got as number) - r.score)).toBeLessThan(1e-9);
      });
      engine.service.characteristics.forEach((ch, i) => {
        const got = v(L.panelCol, L.firstCharRow + i);
        if (ch.score === null) expect([c.name, ch.id, blank(got)]).toEqual([c.name, ch.id, true]);
        else expect([c.name, ch.id, Math.abs((got as number) - ch.score) < 1e-9]).toEqual([c.name, ch.id, true]);
      });
      const flagged = new Set(engine.service.disagreements.map((d) => d.item));
      S.items.forEach((it, i) => {
        const spread = v(L.spreadCol, L.firstItemRow + i) as number;
        expect([c.name, it.id, spread >= 2]).toEqual([c.name, it.id, flagged.has(it.id)]);
        c.input.raters.forEach((r, k) => {
          const a = r.alphas[i];
          if (typeof a !== "number") return;
          const band = likertBand(a, S);
          const label = v(L.labelCol + at[k], L.firstItemRow + i);
          if (band) expect([c.name, it.id, label]).toEqual([c.name, it.id, c.lang === "en-US" ? band.label.en : band.label.zh]);
        });
      });
    }
  });

  it("LibreOffice computes no error value anywhere (no Err:xxx, #NAME?, #VALUE! …)", () => {
    for (const { c, wb } of results) {
      wb.eachSheet((ws) =>
        ws.eachRow({ includeEmpty: false }, (row) =>
          row.eachCell({ includeEmpty: false }, (cell) => {
            const v = cellValue(cell.value);
            const bad = (typeof v === "string" && /^(Err:\d+|#[A-Z0-9/]+[?!]?)$/.test(v)) || (typeof cell.value === "object" && cell.value !== null && "error" in cell.value);
            if (bad) throw new Error(`${c.name}: ${ws.name}!${cell.address} = ${String(v)}`);
          })
        )
      );
    }
  });

  it("reads back through the names (after LibreOffice rewrote the file) to the same result, with no false 'altered'", async () => {
    for (const { c, engine, file } of results) {
      const read = await readWorkbookFile(file, S);
      expect([c.name, read.findings.map((f) => f.message.en)]).toEqual([c.name, []]);
      expect(read.input).not.toBeNull();
      const again = assess(read.input as AssessmentInput, S, { numericText: true });
      expect([c.name, again.service.score, again.maturity.total, again.gradeCode]).toEqual([c.name, engine.service.score, engine.maturity.total, engine.gradeCode]);
    }
  });

  it(`a merged ${MAX_RATERS}-column panel, recalculated by LibreOffice: the engine's result, intact, and what it displays is what the engine computes`, async () => {
    const m = results.find((r) => r.c.written);
    expect(m).toBeDefined();
    const { engine, file } = m as (typeof results)[number];
    expect(engine.complete).toBe(true);
    expect(engine.service.counted).toBe(MAX_RATERS);
    const read = await readWorkbookFile(file, S);
    const v = read.verified;
    expect(v?.intact).toBe(true);
    expect(v?.findings).toEqual([]);
    expect(v?.sources).toHaveLength(MAX_RATERS + 1);
    // LibreOffice saved its results: every named output is displayed, and as the engine computes it
    // (score, total and level are shown twice: their own cells and the report's repeats, each compared)
    expect([...new Set(v?.displayed.map((d) => d.name))].sort()).toEqual([NAMES.grade, NAMES.maturityLevel, NAMES.maturityMargin, NAMES.maturityTotal, NAMES.serviceMargin, NAMES.serviceScore, "gradeLabel"].sort());
    expect(v?.displayed.length).toBe(10);
    const line = verifyLine({ file, sha256: "", verified: v! }, S, "en-US");
    expect(line.displayed.every((d) => d.same)).toBe(true);
    expect([line.ok, line.intact, line.complete]).toEqual([true, true, true]);
    expect([v?.result?.service.score, v?.result?.maturity.total, v?.result?.gradeCode]).toEqual([engine.service.score, engine.maturity.total, engine.gradeCode]);
  });

  it("detects an altered weight and an altered formula in a recalculated file", async () => {
    const { wb, model } = results[1];
    const ws = wb.getWorksheet(model.sheets[0].name) as ExcelJS.Worksheet;
    const L = model.layout.service;
    ws.getCell(L.firstItemRow + 1, L.weightCol).value = 9;
    ws.getCell(L.scoreRow, L.panelCol).value = { formula: "100", result: 100 } as ExcelJS.CellFormulaValue;
    const read = readWorkbookBytes(new Uint8Array(await wb.xlsx.writeBuffer()), S);
    const codes = read.findings.filter((f) => f.code === "altered");
    expect(codes.some((f) => f.item === S.items[1].id && f.cell === `'${model.sheets[0].name}'!${a1(L.weightCol, L.firstItemRow + 1)}`)).toBe(true);
    expect(codes.some((f) => f.cell === `'${model.sheets[0].name}'!${a1(L.panelCol, L.scoreRow)}`)).toBe(true);
  });
});

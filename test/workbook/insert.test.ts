/**
 * Office.js insertion against a simulated workbook (excel-sim.ts, which replaces the earlier
 * office-addin-mock stand-in: the mock cannot keep a workbook cell by cell): the workbook the writer
 * leaves behind must hold exactly the template model — every cell's formula or value, number
 * format, font, fill, alignment, borders and lock, the column widths, row heights, merges, validation,
 * conditional formats, names, print setup, freeze panes and protection — whatever way the writer
 * batches its writes. Never overwriting a sheet; data, names, validation and protection all-or-nothing;
 * print setup and freeze panes in their own batch whose failure is a warning, never a rollback.
 */
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { insertTemplates, freeSheetName, widthPoints } from "../../src/workbook/excel/insert";
import { buildTemplate, defaultSheetNames, STAMP_PROPERTY_PREFIX, type SheetModel, type TemplateModel } from "../../src/workbook/model";
import { cellGrids, coercible } from "../../src/workbook/excel/plan";
import { NAMES } from "../../src/workbook/contract";
import { parseCell } from "../../src/workbook/a1";
import { SimWorkbook, type SimSheet } from "./excel-sim";

const zh = defaultSheetNames("zh-CN");
/** the sheets of an assessment workbook, in order */
const ZH_SHEETS = [zh.service, zh.evidence, zh.maturity, zh.records, zh.result];
const allNames = Object.values(NAMES);
const H = { left: "Left", center: "Center", right: "Right" } as const;
const V = { top: "Top", middle: "Center", bottom: "Bottom" } as const;

/** The state every model cell must end in, and nothing on the other cells. */
function expectSheetMatches(sim: SimSheet, sh: SheetModel): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  const bordered = new Set<string>();
  for (const c of sh.cells) {
    const p = parseCell(c.ref);
    const k = `${p.r},${p.c}`;
    seen.add(k);
    const got = sim.cells.get(k);
    const say = (what: string, want: unknown, have: unknown) => {
      if (JSON.stringify(want) !== JSON.stringify(have)) problems.push(`${sh.name}!${c.ref} ${what}: want ${JSON.stringify(want)}, have ${JSON.stringify(have)}`);
    };
    const formula = c.formula !== undefined ? `=${c.formula}` : (c.value ?? "");
    say("formula/value", formula, got?.formula ?? "");
    say("number format", typeof c.value === "string" && coercible(c.value) ? "@" : (c.numFmt ?? "General"), got?.numFmt ?? "General");
    const styled = !!(c.style || c.numFmt || c.input);
    const s = c.style ?? {};
    say("font name", styled ? "Microsoft YaHei" : undefined, got?.font.name);
    say("font size", styled ? (s.size ?? 10) : undefined, got?.font.size);
    say("bold", !!s.bold, !!got?.font.bold);
    say("italic", !!s.italic, !!got?.font.italic);
    say("font color", s.color ? `#${s.color}` : undefined, got?.font.color);
    say("fill", s.fill ? `#${s.fill}` : undefined, got?.fill);
    say("wrap", !!s.wrap, !!got?.wrap);
    say("horizontal alignment", s.h ? H[s.h] : undefined, got?.h);
    say("vertical alignment", s.v ? V[s.v] : undefined, got?.v);
    say("locked", c.input ? false : undefined, got?.locked);
    if (s.border) for (const seg of [`H ${p.r},${p.c}`, `H ${p.r + 1},${p.c}`, `V ${p.r},${p.c}`, `V ${p.r},${p.c + 1}`]) bordered.add(seg);
  }
  for (const [k, cell] of sim.cells) {
    if (seen.has(k)) continue;
    const blank = (cell.formula ?? "") === "" && (cell.numFmt ?? "General") === "General" && Object.keys(cell.font).length === 0 && !cell.fill && !cell.wrap && !cell.h && !cell.v && cell.locked === undefined;
    if (!blank) problems.push(`${sh.name} cell (row,col ${k}) is not in the model but holds ${JSON.stringify(cell)}`);
  }
  for (const seg of bordered) {
    const b = sim.borders.get(seg);
    if (b?.style !== "Continuous" || b?.color !== "#A6A6A6") problems.push(`${sh.name} border ${seg}: ${JSON.stringify(b)}`);
  }
  for (const seg of sim.borders.keys()) if (!bordered.has(seg)) problems.push(`${sh.name} border ${seg} set but no bordered cell touches it`);
  expect(problems.slice(0, 20)).toEqual([]);

  const widths = new Map<number, { width?: number; hidden?: boolean }>();
  for (const col of sh.columns) widths.set(col.index, { width: widthPoints(col.width), ...(col.hidden ? { hidden: true } : {}) });
  expect(new Map([...sim.cols].map(([i, e]) => [i, { width: e.width, ...(e.hidden ? { hidden: true } : {}) }]))).toEqual(widths);
  const rows = new Map<number, { height?: number; hidden?: boolean }>();
  for (const row of sh.rows) if (row.height || row.hidden) rows.set(row.index, { ...(row.height ? { height: row.height } : {}), ...(row.hidden ? { hidden: true } : {}) });
  expect(new Map([...sim.rows].map(([i, e]) => [i, { ...(e.height ? { height: e.height } : {}), ...(e.hidden ? { hidden: true } : {}) }]))).toEqual(rows);

  expect([...sim.merges].sort()).toEqual([...sh.merges].sort());
  // "any": only the prompt (no rule, no error alert); "date": any date after 1900-01-01
  const dv = (v: SheetModel["validations"][number]) => ({
    areas: [v.range],
    ignoreBlanks: true,
    ...(v.kind === "any"
      ? {}
      : {
          rule:
            v.kind === "list"
              ? { list: { inCellDropDown: true, source: (v.list ?? []).join(",") } }
              : v.kind === "date"
                ? { date: { formula1: "1900-01-01", operator: "GreaterThan" } }
                : { custom: { formula: `=${v.formula}` } },
          errorAlert: { showAlert: true, style: "Stop", title: v.error.title, message: v.error.text },
        }),
    prompt: { showPrompt: true, title: v.prompt.title, message: v.prompt.text },
  });
  /** key order does not matter */
  const sortKeys = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(sortKeys) : x && typeof x === "object" ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sortKeys(v)])) : x;
  const norm = (xs: unknown[]) => xs.map((x) => JSON.stringify(sortKeys(x))).sort();
  expect(norm(sim.validations)).toEqual(norm(sh.validations.map(dv)));
  const cf = (c: SheetModel["conditionalFormats"][number]) => ({ areas: [c.range], type: "Custom", formula: `=${c.formula}`, fill: `#${c.fill}`, ...(c.fontColor ? { fontColor: `#${c.fontColor}` } : {}) });
  expect(norm(sim.conditionalFormats)).toEqual(norm(sh.conditionalFormats.map(cf)));

  expect(sim.tabColor).toBe(sh.tabColor ? `#${sh.tabColor}` : undefined);
  expect(sim.protection).toEqual({
    options: {
      allowFormatRows: sh.protection.allowFormatRows,
      allowFormatColumns: sh.protection.allowFormatColumns,
      allowFormatCells: false,
      allowInsertRows: false,
      allowInsertColumns: false,
      allowDeleteRows: false,
      allowDeleteColumns: false,
      allowSort: false,
      allowAutoFilter: false,
      selectionMode: "Normal",
    },
    password: sh.protection.password,
  });
}

/** Print setup and freeze panes of a sheet, as the model asks. */
function expectPrintMatches(sim: SimSheet, sh: SheetModel): void {
  expect(sim.page).toEqual({
    paperSize: "A4",
    orientation: sh.print.orientation === "landscape" ? "Landscape" : "Portrait",
    zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
    centerHorizontally: true,
    setPrintArea: sh.print.area,
    setPrintTitleRows: `$${sh.print.titleRows[0]}:$${sh.print.titleRows[1]}`,
    "headersFooters.defaultForAllPages.leftFooter": sh.print.footer.left,
    "headersFooters.defaultForAllPages.rightFooter": sh.print.footer.right,
  });
  const f = sh.freeze;
  expect(sim.freeze).toEqual(f.rows || f.columns ? { rows: f.columns ? Math.max(1, f.rows) : f.rows, columns: f.columns } : undefined);
}

function expectWorkbookMatches(sim: SimWorkbook, model: TemplateModel, opts: { print?: boolean } = {}): void {
  for (const sh of model.sheets) {
    expectSheetMatches(sim.sheet(sh.name), sh);
    if (opts.print !== false) expectPrintMatches(sim.sheet(sh.name), sh);
  }
  for (const n of model.names) expect(sim.names.get(n.name)).toEqual({ sheet: n.sheet, ref: n.ref });
}

describe("insertTemplates (Office.js) leaves exactly the template model", () => {
  it.each([[1], [3], [10], [50]])("%i raters: every cell, format, border, lock, name and print setting", async (raters) => {
    const sim = new SimWorkbook(["Sheet1"]);
    const r = await insertTemplates(sim.context, S, { raters, lang: "zh-CN" });
    expect(r.warnings).toEqual([]);
    expect(sim.sheets.map((s) => s.name)).toEqual(["Sheet1", ...ZH_SHEETS]);
    expect(r.sheets.map((s) => [s.key, s.name, s.renamed])).toEqual(
      (["service", "evidence", "maturity", "records", "result"] as const).map((k) => [k, zh[k], false])
    );
    expect([...sim.names.keys()].sort()).toEqual([...allNames].sort());
    const model = buildTemplate(S, { raters, lang: "zh-CN" });
    expectWorkbookMatches(sim, model);
    // values and formulas: a few 2-D writes per sheet (bands of rows), as planned
    expect(sim.log.filter((p) => p.endsWith(".formulas")).length).toBe(model.sheets.reduce((n, sh) => n + cellGrids(sh).boxes.length, 0));
    expect(sim.active).toBe(zh.service);
    expect(sim.selection?.sheet).toBe(zh.service);
    // one read, then two write batches: data with protection (all or nothing), print setup
    expect(sim.syncs).toBe(3);
    // every range of the data batch is released from Excel.run's tracking (write-only, one batch)
    expect(sim.tracked.removed).toBeGreaterThan(model.sheets.length);
  });

  it("a stamp: the very hidden stamp sheet and the same entries as custom document properties", async () => {
    const sim = new SimWorkbook(["Sheet1"]);
    const stamp = { formId: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", issued: "2026-11-26", organization: "某某公司" };
    await insertTemplates(sim.context, S, { raters: 2, lang: "zh-CN", stamp });
    const model = buildTemplate(S, { raters: 2, lang: "zh-CN", stamp });
    expect(sim.sheets.map((s) => s.name)).toEqual(["Sheet1", ...ZH_SHEETS, zh.stamp]);
    expect(sim.sheet(zh.stamp).visibility).toBe("VeryHidden");
    expect(Object.fromEntries(sim.customProperties)).toEqual(Object.fromEntries((model.stamp ?? []).map(([k, v]) => [STAMP_PROPERTY_PREFIX + k, v])));
    expect(sim.customProperties.get(`${STAMP_PROPERTY_PREFIX}fingerprint`)).toBe(model.fingerprint);
    expectWorkbookMatches(sim, model);
  });

  it("a password reaches the protection of every sheet", async () => {
    const sim = new SimWorkbook(["Sheet1"]);
    await insertTemplates(sim.context, S, { raters: 2, lang: "en-US", password: "pw" });
    for (const s of sim.sheets.slice(1)) expect(sim.sheet(s.name).protection?.password).toBe("pw");
  });

  it("never overwrites: existing sheet names get \" (2)\", are reported, and the existing names are kept", async () => {
    const before = ["Sheet1", zh.service, zh.maturity, `${zh.maturity} (2)`, zh.result];
    const sim = new SimWorkbook(before, [...allNames]);
    const r = await insertTemplates(sim.context, S, { raters: 3, lang: "zh-CN" });
    expect(sim.sheets.slice(0, before.length).map((s) => s.name)).toEqual(before);
    expect(r.sheets.map((s) => [s.name, s.renamed])).toEqual([
      [`${zh.service} (2)`, true],
      [zh.evidence, false],
      [`${zh.maturity} (3)`, true],
      [zh.records, false],
      [`${zh.result} (2)`, true],
    ]);
    expect(r.namesKept.sort()).toEqual([...allNames].sort());
    expect(sim.names.size).toBe(allNames.length);
    // the inserted result sheet computes from the inserted (renamed) sheets
    const formulas = [...sim.sheet(`${zh.result} (2)`).cells.values()].map((c) => c.formula);
    expect(formulas.some((f) => typeof f === "string" && f.includes(`'${zh.service} (2)'!`))).toBe(true);
    expect(formulas.some((f) => typeof f === "string" && f.includes(`'${zh.service}'!`))).toBe(false);
  });

  it.each([
    ["the second sheet", { op: "worksheets.add", nth: 2 }],
    ["the third sheet", { op: "worksheets.add", nth: 3 }],
    ["a workbook name", { op: "names.add", nth: 4 }],
    ["a data validation", { op: "dataValidation.rule", nth: 2 }],
    ["a cell format", { op: "format.fill.color", nth: 5 }],
    ["the protection of the third sheet", { op: "protection.protect", nth: 3 }],
  ])("is all-or-nothing: a failure in %s removes what was created", async (_label, fail) => {
    const before = ["Sheet1", "Data"];
    const sim = new SimWorkbook(before, ["Other"]).failOn(fail);
    await expect(insertTemplates(sim.context, S, { raters: 3, lang: "en-US" })).rejects.toThrow(/simulated failure/);
    expect(sim.sheets.map((s) => s.name)).toEqual(before);
    expect([...sim.names.keys()]).toEqual(["Other"]);
    expect(sim.syncs).toBeLessThanOrEqual(5);
  });

  it.each([
    ["page layout (zoom)", "pageLayout.zoom"],
    ["the print area", "pageLayout.setPrintArea"],
    ["a footer", "headersFooters.defaultForAllPages.rightFooter"],
    ["freeze panes", "freezePanes.freezeAt"],
  ])("a failure in %s is a warning, never a rollback: the data, names and protection stay", async (_label, op) => {
    const sim = new SimWorkbook(["Sheet1"]).failOn({ op, message: `simulated print failure (${op})` });
    const r = await insertTemplates(sim.context, S, { raters: 3, lang: "zh-CN" });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0].zh).toMatch(/打印|冻结/);
    expect(r.warnings[0].en).toMatch(/print|freeze/i);
    expect(r.warnings[0].en).toContain(`simulated print failure (${op})`);
    expect(sim.sheets.map((s) => s.name)).toEqual(["Sheet1", ...ZH_SHEETS]);
    expectWorkbookMatches(sim, buildTemplate(S, { raters: 3, lang: "zh-CN" }), { print: false });
  });

  it("a print failure that leaves a sheet unprotected: the sheet is protected again", async () => {
    // the print batch fails on the third sheet's zoom, after that sheet was unprotected
    const sim = new SimWorkbook(["Sheet1"]).failOn({ op: "pageLayout.zoom", nth: 3, message: "simulated print failure" });
    const r = await insertTemplates(sim.context, S, { raters: 3, lang: "zh-CN" });
    expect(r.warnings).toHaveLength(1);
    for (const name of ZH_SHEETS) expect(sim.sheet(name).protection).toBeDefined();
    expectWorkbookMatches(sim, buildTemplate(S, { raters: 3, lang: "zh-CN" }), { print: false });
    // read, data, print, then the recovery: one read of the protection, one write
    expect(sim.syncs).toBe(5);
  });

  it("a sheet that cannot be protected again is named in a second warning", async () => {
    const sim = new SimWorkbook(["Sheet1"])
      .failOn({ op: "pageLayout.zoom", nth: 2, message: "simulated print failure" })
      .failOn({ op: "protection.protect", nth: 7, message: "simulated protection failure" });
    const r = await insertTemplates(sim.context, S, { raters: 3, lang: "en-US" });
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings[1].en).toMatch(/unprotected/);
    expect(r.warnings[1].zh).toMatch(/保护/);
    expect(sim.sheets).toHaveLength(1 + ZH_SHEETS.length);
  });

  it("print setup does not depend on Excel allowing page layout on a protected sheet", async () => {
    const sim = new SimWorkbook(["Sheet1"]);
    sim.pageLayoutBlockedByProtection = true;
    const r = await insertTemplates(sim.context, S, { raters: 3, lang: "zh-CN" });
    expect(r.warnings).toEqual([]);
    expectWorkbookMatches(sim, buildTemplate(S, { raters: 3, lang: "zh-CN" }));
  });

  it("freeSheetName respects Excel's 31-character limit and compares names case-insensitively", () => {
    expect(freeSheetName("Result", new Set(["result"]))).toBe("Result (2)");
    const long = "x".repeat(31);
    const n = freeSheetName(long, new Set([long]));
    expect(n.length).toBeLessThanOrEqual(31);
    expect(n.endsWith(" (2)")).toBe(true);
  });
});

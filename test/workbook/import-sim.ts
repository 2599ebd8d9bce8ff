/**
 * Helpers of the import tests over the simulated workbook (excel-sim.ts): a workbook with the templates
 * inserted by the add-in's own insert and the auditor's inputs typed into its input cells, a workbook
 * written straight from a filled model (what the import must leave behind), the workbook's whole state
 * in a comparable form, and an Office port running on the simulation.
 */
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import type { AssessmentInput } from "../../src/engine";
import { insertTemplates, queuePrint, queueProtection, queueSheet } from "../../src/workbook/excel/insert";
import { buildTemplate, fillModel, STAMP_PROPERTY_PREFIX, type TemplateModel } from "../../src/workbook/model";
import { parseCell } from "../../src/workbook/a1";
import { OfficePort } from "../../src/taskpane/office-port";
import { SimWorkbook, type SimSheet } from "./excel-sim";

export const STAMP = { formId: "9a9a9a9a-0000-4000-8000-000000000001", issued: "2026-03-01" };

/** A workbook with the templates inserted for `raters` columns and `input` typed into its input cells. */
export async function inserted(raters: number, input?: AssessmentInput, lang: "zh-CN" | "en-US" = "zh-CN"): Promise<SimWorkbook> {
  const sim = new SimWorkbook(["Sheet1"]);
  await insertTemplates(sim.context, S, { raters, lang, stamp: STAMP });
  if (input) typeInto(sim, fillModel(buildTemplate(S, { raters, lang, stamp: STAMP }), input, S));
  sim.syncs = 0;
  return sim;
}

/** Types the input cells of a filled model into the simulated workbook (as the auditor would). */
export function typeInto(sim: SimWorkbook, model: TemplateModel): void {
  for (const sh of model.sheets) {
    for (const c of sh.cells) {
      if (!c.input || c.value === null || c.value === undefined || c.value === "") continue;
      const p = parseCell(c.ref);
      sim.cell(sim.sheet(sh.name), p.r, p.c).formula = c.value;
    }
  }
}

/** A fresh workbook holding exactly a filled model, written as the insert writes (data, print, protection, stamp). */
export async function written(model: TemplateModel): Promise<SimWorkbook> {
  const sim = new SimWorkbook(["Sheet1"]);
  const ctx = sim.context;
  for (const sh of model.sheets) queueSheet(ctx.workbook.worksheets.add(sh.name), sh);
  for (const n of model.names) ctx.workbook.names.add(n.name, ctx.workbook.worksheets.getItem(n.sheet).getRange(n.ref));
  for (const sh of model.sheets) if (sh.state === "veryHidden") ctx.workbook.worksheets.getItem(sh.name).visibility = "VeryHidden";
  for (const [k, v] of model.stamp ?? []) ctx.workbook.properties.custom.add(STAMP_PROPERTY_PREFIX + k, v);
  await ctx.sync();
  for (const sh of model.sheets) queuePrint(ctx.workbook.worksheets.getItem(sh.name), sh);
  await ctx.sync();
  for (const sh of model.sheets) queueProtection(ctx.workbook.worksheets.getItem(sh.name), sh);
  await ctx.sync();
  return sim;
}

const sortedBy = <T>(xs: T[]) => [...xs].map((x) => JSON.stringify(x)).sort();

/**
 * The whole workbook in a comparable form: sheets in order with every non-blank cell (content, text
 * flag, number format, formats, lock), borders, column and row sizes (an entry that only says "not
 * hidden" or "automatic" is the default), merges, validations, conditional formats, freeze panes,
 * page setup, protection, tab colour and visibility; the names; the custom properties.
 */
export function stateOf(sim: SimWorkbook): unknown {
  const sheet = (s: SimSheet) => {
    const cells: Record<string, unknown> = {};
    for (const [k, c] of s.cells) {
      const content = c.formula === undefined || c.formula === "" ? undefined : c.formula;
      const v = { content, text: content !== undefined && c.text ? true : undefined, numFmt: c.numFmt && c.numFmt !== "General" ? c.numFmt : undefined, font: Object.keys(c.font).length ? c.font : undefined, fill: c.fill, wrap: c.wrap || undefined, h: c.h, v: c.v, locked: c.locked };
      if (Object.values(v).some((x) => x !== undefined)) cells[k] = JSON.parse(JSON.stringify(v));
    }
    const dims = (m: Map<number, { width?: number; height?: number; hidden?: boolean }>) =>
      Object.fromEntries(
        [...m]
          .map(([i, e]) => [i, { size: e.width ?? e.height, hidden: e.hidden || undefined }] as const)
          .filter(([, e]) => e.size !== undefined || e.hidden)
          .sort((a, b) => a[0] - b[0])
          .map(([i, e]) => [i, JSON.parse(JSON.stringify(e))])
      );
    return {
      name: s.name,
      cells,
      borders: Object.fromEntries([...s.borders].sort()),
      cols: dims(s.cols),
      rows: dims(s.rows),
      merges: [...s.merges].sort(),
      validations: sortedBy(s.validations),
      conditionalFormats: sortedBy(s.conditionalFormats),
      freeze: s.freeze,
      page: s.page,
      protection: s.protection,
      tabColor: s.tabColor,
      visibility: s.visibility,
    };
  };
  return {
    sheets: sim.sheets.map(sheet),
    names: Object.fromEntries([...sim.names].sort()),
    properties: Object.fromEntries([...sim.customProperties].sort()),
  };
}

/** An Office port whose every batch runs on the simulated workbook. */
export function simPort(sim: SimWorkbook): OfficePort {
  return new OfficePort({
    scheme: S,
    lang: () => "zh-CN",
    excel: { run: (_options, batch) => batch(sim.context) },
    requirements: { isSetSupported: () => true },
  });
}

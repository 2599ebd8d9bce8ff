/**
 * Insert request: the serialised requests of one template insert from the pane, measured without
 * Excel by Microsoft's office.js runtime (excel-web-16.00.debug.js) in jsdom with a request executor
 * that captures each batch (test/workbook/office-request.ts), run through office.js's own Excel.run
 * with the add-in's options as the pane runs it (so Excel.run's object tracking and its clean-up
 * request are included). Rows for 1, 3, 10 and 50 raters: bytes and actions of all requests of the
 * insert, and the add-in's syncs (the clean-up request not counted). Excel on the web refuses a
 * request over 5 MB; the targets are ≤ 400 KB and ≤ 3,000 actions for 10 raters.
 */
import type { BenchRow } from "./types";
import { DEFAULT_SCHEME as S } from "../src/scheme";
import { insertTemplates } from "../src/workbook/excel/insert";
import { capturingContext, settle, totals } from "../test/workbook/office-request";

const AREA = "insert";

export async function measureInsert(raters: number) {
  const { run, batches } = capturingContext();
  await run((ctx) => insertTemplates(ctx, S, { raters, lang: "zh-CN" }));
  await settle();
  return { ...totals(batches), batches };
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const raters of [1, 3, 10, 50]) {
    const m = await measureInsert(raters);
    const kb = m.bytes / 1024;
    const target10 = raters === 10;
    rows.push({
      area: AREA,
      name: `insert request, ${raters} rater${raters > 1 ? "s" : ""}: bytes (all batches; largest ${(m.largest / 1024).toFixed(0)} KB)`,
      value: kb,
      unit: "KB",
      target: target10 ? "≤ 400 KB" : "< 5120 KB (one request)",
      ok: target10 ? kb <= 400 : m.largest < 5 * 1024 * 1024,
    });
    rows.push({
      area: AREA,
      name: `insert request, ${raters} rater${raters > 1 ? "s" : ""}: actions`,
      value: m.actions,
      unit: "actions",
      ...(target10 ? { target: "≤ 3000", ok: m.actions <= 3000 } : {}),
    });
    rows.push({ area: AREA, name: `insert request, ${raters} rater${raters > 1 ? "s" : ""}: syncs`, value: m.syncs, unit: "syncs" });
  }
  return rows;
}

/**
 * What the pane's import sends to Excel, measured with Microsoft's office.js runtime (excel-web-16.00
 * in jsdom, batches captured by office-request.ts), through office.js's own Excel.run with the
 * add-in's run options: the read request (sync 1) and the write request (sync 2), for 10 one-rater
 * forms into a 3-rater workbook (the columns grow to 10), into empty columns of a larger workbook (in
 * place) and for the largest growth (50 forms into a 3-rater workbook: 50 columns); the recovery's
 * restore request too. Every Office.js member in them is in api-uses.ts with its requirement set.
 *
 * The plan and the models come from the same import run on the simulated workbook (import-sim.ts);
 * the read request is what importForms queues (office.js serialises it before any answer is used).
 */
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { importForms } from "../../src/workbook/excel/import";
import { queueChanges, type ChangeContext } from "../../src/workbook/excel/import-write";
import { planImport, type ImportPlan, type ImportRequest } from "../../src/workbook/import-plan";
import { API_USES } from "../../src/workbook/excel/api-uses";
import { checkFile } from "../../src/taskpane/import/read-files";
import { capturingContext, settle, totals, type CapturedBatch } from "./office-request";
import { inserted, simPort } from "./import-sim";
import { formBytes, picked, rater } from "../taskpane/import-forms";

jest.setTimeout(180_000);

const MB = 1024 * 1024;
const levels = S.clauses.map(() => 4);

async function files(n: number) {
  return Promise.all(Array.from({ length: n }, async (_, i) => (await checkFile(picked(`f${i}.xlsx`, await formBytes({ rater: rater(`评价人 ${i + 1}`, 0.7 + (i % 4) * 0.05) })), S)).returned!));
}

/** The import's requests: the read, the write, and (for a failed write) the recovery's probe and restore. */
async function measure(raters: number, used: number, count: number) {
  const sim = await inserted(raters, { raters: Array.from({ length: used }, (_, i) => rater(`审核员 ${i + 1}`, 0.9)), levels });
  const port = simPort(sim);
  const seen = await port.readForImport();
  const req: ImportRequest = { files: await files(count) };
  const plan: ImportPlan = planImport(seen, req, S);
  expect(plan.refusals).toEqual([]);
  const wb = sim.sheets;
  const ctx: ChangeContext = {
    sheets: new Map(wb.map((s) => [s.name.toLowerCase(), { protected: !!s.protection }])),
    protect: new Map(wb.map((s) => [s.name.toLowerCase(), !!s.protection])),
    names: new Set([...sim.names.keys()].map((n) => n.toUpperCase())),
    stamp: seen.stamp,
    position: 6,
  };
  // 1. the read: what importForms queues before it plans (answers are not needed to measure the request)
  const read = capturingContext(() => ({}));
  await read.run((c) => importForms(c, S, req, seen)).catch(() => undefined);
  await settle();
  const readBatch = read.batches.filter((b) => !b.cleanup)[0];
  // 2. the write: the whole change in one batch
  const write = capturingContext(() => ({}));
  await write.run(async (c) => {
    queueChanges(c, plan.beforeModel!, plan.afterModel!, ctx);
    await c.sync();
  });
  await settle();
  // R. the recovery's restore batch (after its one-sync probe): the change back
  const restore = capturingContext(() => ({}));
  await restore.run(async (c) => {
    queueChanges(c, plan.afterModel!, plan.beforeModel!, { ...ctx, stamp: {} });
    await c.sync();
  });
  await settle();
  return { plan, read: readBatch, write: totals(write.batches), writeBatches: write.batches, restore: totals(restore.batches), all: [...read.batches, ...write.batches, ...restore.batches] };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const report: string[] = [];
afterAll(() => {
  // the measured figures (reported, not asserted beyond the limits below)
  console.log(report.join("\n"));
});

test("10 one-rater forms into a 3-rater workbook: one read, one write, well under 5 MB", async () => {
  const m = await measure(3, 0, 10);
  expect(m.plan.grow).toBe(true);
  expect(m.plan.columns.after).toBe(10);
  expect(m.read.bytes).toBeLessThan(64 * 1024);
  expect(m.write.syncs).toBe(1);
  expect(m.write.largest).toBeLessThan(5 * MB);
  expect(m.write.bytes).toBeLessThan(1 * MB);
  report.push(`10 forms → 3-rater workbook (10 columns): read ${kb(m.read.bytes)} / ${m.read.actions} actions; write ${kb(m.write.bytes)} / ${m.write.actions} actions; restore ${kb(m.restore.bytes)} / ${m.restore.actions} actions`);
});

test("10 one-rater forms into empty columns of a 12-rater workbook: in place, a small write", async () => {
  const m = await measure(12, 1, 10);
  expect(m.plan.grow).toBe(false);
  expect(m.write.bytes).toBeLessThan(200 * 1024);
  report.push(`10 forms → empty columns of a 12-rater workbook: read ${kb(m.read.bytes)} / ${m.read.actions} actions; write ${kb(m.write.bytes)} / ${m.write.actions} actions; restore ${kb(m.restore.bytes)} / ${m.restore.actions} actions`);
});

test("50 forms into a 3-rater workbook (50 columns): well under 5 MB", async () => {
  const m = await measure(3, 0, 50);
  expect(m.plan.columns.after).toBe(50);
  expect(m.write.largest).toBeLessThan(5 * MB);
  expect(m.restore.largest).toBeLessThan(5 * MB);
  report.push(`50 forms → 3-rater workbook (50 columns): read ${kb(m.read.bytes)} / ${m.read.actions} actions; write ${kb(m.write.bytes)} / ${m.write.actions} actions; restore ${kb(m.restore.bytes)} / ${m.restore.actions} actions`);

  // every Office.js member the import's requests use is listed with its requirement set
  const seen = new Set<string>();
  for (const b of m.all as CapturedBatch[]) {
    for (const a of b.body.Actions as { Name: string; QueryInfo?: { Select?: string[]; Expand?: string[] } }[]) {
      if (a.Name) seen.add(a.Name);
      for (const s of a.QueryInfo?.Select ?? []) for (const part of s.split("/")) seen.add(part);
      for (const s of a.QueryInfo?.Expand ?? []) for (const part of s.split("/")) seen.add(part);
    }
    for (const p of Object.values(b.body.ObjectPaths)) if (p.Name) seen.add(p.Name);
  }
  const known = new Set(API_USES.map((u) => u.member.toLowerCase()));
  const internal = new Set(["_keepreference", "_removereference", "_validatearraysize", "items"]);
  expect([...seen].filter((n) => !known.has(n.toLowerCase()) && !internal.has(n.toLowerCase()))).toEqual([]);
});

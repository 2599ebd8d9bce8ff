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
import { API_USES } from "../../src/workbook/excel/api-uses";
import type { CapturedBatch } from "./office-request";
import { measureImport as measure } from "./import-measure";

jest.setTimeout(180_000);

const MB = 1024 * 1024;

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
  expect(m.readSyncs).toBe(1);
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

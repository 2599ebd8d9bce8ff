/**
 * The pane's import of returned forms (issue 10):
 *  - time: 10 (and 50) one-rater forms, as the pane handles them in the browser — each file's bytes
 *    read and verified (the bounded .xlsx reader and the whole-workbook comparison, SHA-256), then
 *    merged and planned against the open (in-memory) workbook; median of 5 runs, forms written
 *    beforehand by the .xlsx writer (not timed);
 *  - the Office.js requests of the import (office.js's own runtime in jsdom, test/workbook/
 *    import-measure.ts): the read (sync 1) and the write (sync 2) for 10 forms into a 3-rater workbook
 *    (the columns grow to 10), 10 forms into empty columns (in place) and 50 forms (50 columns).
 */
import type { BenchRow } from "./types";
import { DEFAULT_SCHEME as S } from "../src/scheme";
import { checkFile, type PickedFile } from "../src/taskpane/import/read-files";
import { MemoryPort } from "../src/taskpane/memory-port";
import { planImport } from "../src/workbook/import-plan";
import { formBytes, picked, rater } from "../test/taskpane/import-forms";
import { measureImport } from "../test/workbook/import-measure";

const AREA = "import";
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeImport(n: number): Promise<{ check: number; plan: number; total: number }> {
  const files: PickedFile[] = await Promise.all(Array.from({ length: n }, async (_, i) => picked(`f${i}.xlsx`, await formBytes({ rater: rater(`评价人 ${i + 1}`, 0.7 + (i % 4) * 0.05) }))));
  const port = new MemoryPort({ scheme: S, lang: "zh-CN", raters: 3 });
  const open = await port.readForImport();
  const check: number[] = [];
  const plan: number[] = [];
  for (let round = 0; round < 6; round++) {
    const t0 = performance.now();
    const checks = [];
    for (const f of files) checks.push(await checkFile(f, S));
    const t1 = performance.now();
    const p = planImport(open, { files: checks.map((c) => c.returned!) }, S);
    const t2 = performance.now();
    if (p.refusals.length) throw new Error(p.refusals.map((x) => x.message.en).join("; "));
    if (round > 0) {
      check.push(t1 - t0);
      plan.push(t2 - t1);
    }
  }
  return { check: median(check), plan: median(plan), total: median(check.map((c, i) => c + plan[i])) };
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const n of [10, 50]) {
    const t = await timeImport(n);
    rows.push({ area: AREA, name: `pane import of ${n} one-rater forms: read + verify (median of 5)`, value: t.check, unit: "ms" });
    rows.push({ area: AREA, name: `pane import of ${n} one-rater forms: merge + plan against a 3-rater workbook (median of 5)`, value: t.plan, unit: "ms" });
    rows.push({ area: AREA, name: `pane import of ${n} one-rater forms: read + verify + merge + plan (median of 5)`, value: t.total, unit: "ms" });
  }
  for (const [label, raters, used, count] of [
    ["10 forms into a 3-rater workbook (grows to 10 columns)", 3, 0, 10],
    ["10 forms into empty columns (12-rater workbook, in place)", 12, 1, 10],
    ["50 forms into a 3-rater workbook (grows to 50 columns)", 3, 0, 50],
  ] as const) {
    const m = await measureImport(raters, used, count);
    rows.push({ area: AREA, name: `import request, ${label}: read (sync 1), ${m.read.actions} actions`, value: m.read.bytes / 1024, unit: "KB" });
    rows.push({
      area: AREA,
      name: `import request, ${label}: write (sync 2), ${m.write.actions} actions`,
      value: m.write.bytes / 1024,
      unit: "KB",
      target: "< 5120 KB (one request)",
      ok: m.write.largest < 5 * 1024 * 1024,
    });
    rows.push({ area: AREA, name: `import request, ${label}: syncs (read + write; a failed write adds 2 for the recovery)`, value: m.readSyncs + m.write.syncs, unit: "syncs", target: "≤ 2", ok: m.readSyncs + m.write.syncs <= 2 });
  }
  return rows;
}

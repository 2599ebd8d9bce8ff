/**
 * The pane import's requests as office.js serialises them (office-request.ts), for the tests and the
 * bench: the read (sync 1), the write (sync 2) and the recovery's restore batch, on a workbook with the
 * templates inserted by the add-in (the plan and the models from the same import on the simulation).
 */
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { importForms } from "../../src/workbook/excel/import";
import { queueChanges, type ChangeContext } from "../../src/workbook/excel/import-write";
import { planImport, type ImportPlan, type ImportRequest } from "../../src/workbook/import-plan";
import { checkFile } from "../../src/taskpane/import/read-files";
import { capturingContext, settle, totals } from "./office-request";
import { inserted, simPort } from "./import-sim";
import { formBytes, picked, rater } from "../taskpane/import-forms";

const levels = S.clauses.map(() => 4);

/** `n` returned one-rater forms, read and verified as the pane does. */
export async function returnedForms(n: number) {
  return Promise.all(Array.from({ length: n }, async (_, i) => (await checkFile(picked(`f${i}.xlsx`, await formBytes({ rater: rater(`评价人 ${i + 1}`, 0.7 + (i % 4) * 0.05) })), S)).returned!));
}

/** The import's requests: `count` forms into a `raters`-column workbook with `used` raters typed. */
export async function measureImport(raters: number, used: number, count: number) {
  const sim = await inserted(raters, { raters: Array.from({ length: used }, (_, i) => rater(`审核员 ${i + 1}`, 0.9)), levels });
  const port = simPort(sim);
  const seen = await port.readForImport();
  const req: ImportRequest = { files: await returnedForms(count) };
  const plan: ImportPlan = planImport(seen, req, S);
  if (plan.refusals.length) throw new Error(plan.refusals.map((f) => f.message.en).join("; "));
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
  const readSyncs = read.batches.filter((b) => !b.cleanup).length;
  return { plan, read: readBatch, readSyncs, write: totals(write.batches), restore: totals(restore.batches), all: [...read.batches, ...write.batches, ...restore.batches] };
}

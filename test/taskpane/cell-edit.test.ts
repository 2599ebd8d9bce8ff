/**
 * Refresh during cell edit: every Excel.run of the add-in passes delayForCellEdit (one wrapper,
 * src/workbook/excel/run.ts), so a batch is held while the user edits a cell instead of failing.
 *  - a stand-in Excel.run that refuses any batch without the option (as Excel does in cell-edit mode)
 *    is never hit by insert, read, select, activate or the change subscription;
 *  - office.js itself turns the option into request flag 64 (its own Excel runtime in jsdom);
 *  - no other Excel.run exists in src/.
 */
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { NAMES } from "../../src/workbook/contract";
import { OfficePort } from "../../src/taskpane/office-port";
import { RUN_OPTIONS, runExcel, type ExcelRunner } from "../../src/workbook/excel/run";
import { insertTemplates } from "../../src/workbook/excel/insert";
import { SimWorkbook } from "../workbook/excel-sim";
import { capturingContext, settle } from "../workbook/office-request";
import { ALL, mockExcel, strictRunner } from "./office-mock";

test("insert, read, select, activate and the change subscription all run with delayForCellEdit", async () => {
  const sim = new SimWorkbook(["Sheet1"]);
  const insertRunner = strictRunner(() => sim.context);
  const inserting = new OfficePort({ scheme: S, lang: () => "zh-CN", excel: insertRunner.runner, requirements: { isSetSupported: () => true } });
  const sheets = await inserting.insertTemplates(3);
  // the assessment's five sheets and the stamp
  expect(sheets).toHaveLength(6);
  expect(sheets.warnings).toEqual([]);

  const m = mockExcel({ present: ALL });
  const p = new OfficePort({ scheme: S, lang: () => "zh-CN", excel: m.runner.runner, requirements: { isSetSupported: () => true } });
  const snap = await p.read();
  expect(snap.ranges[NAMES.alpha]).toBeDefined();
  const alpha = m.model.names.find((n) => n.name === NAMES.alpha)!;
  await p.select(`'${alpha.sheet}'!${alpha.ref}`);
  await p.activate(alpha.sheet);
  p.onChanged(() => undefined);
  for (let i = 0; i < 5; i++) await Promise.resolve();
  expect(m.handlers).toHaveLength(1);

  const all = [...insertRunner.calls, ...m.runner.calls];
  expect(all.length).toBe(5); // insert, read, select, activate, subscribe
  expect(insertRunner.refused() + m.runner.refused()).toBe(0);
  for (const options of all) expect(options).toEqual({ delayForCellEdit: true });
});

test("the stand-in does refuse a batch without the option (the test above would notice a forgotten one)", async () => {
  const r = strictRunner(() => ({}));
  await expect((r.runner.run as unknown as (f: () => Promise<void>) => Promise<void>)(async () => undefined)).rejects.toThrow(/cell-editing/);
  await expect(r.runner.run({}, async () => undefined)).rejects.toThrow(/cell-editing/);
  expect(r.refused()).toBe(2);
});

test("office.js sends the option as request flag 64 on every batch of an insert", async () => {
  const { batches, run, context } = capturingContext();
  // the wrapper, with office.js's own Excel.run on the capturing context
  const runner: ExcelRunner = { run: (options, batch) => run(batch, options) };
  const r = await runExcel(runner, (ctx) => insertTemplates(ctx, S, { raters: 3, lang: "zh-CN" }));
  await settle();
  expect(r.warnings).toEqual([]);
  const own = batches.filter((b) => !b.cleanup);
  expect(own.length).toBe(3);
  for (const b of own) expect(b.flags & 64).toBe(64);
  // without the option office.js clears the flag: the check is not vacuous
  const plain = capturingContext();
  await plain.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
    await ctx.sync();
  }, {});
  expect(plain.batches[0].flags & 64).toBe(0);
  expect(RUN_OPTIONS).toEqual({ delayForCellEdit: true });
  expect(context).toBeDefined();
});

test("no Excel.run outside src/workbook/excel/run.ts", () => {
  const root = path.join(__dirname, "..", "..", "src");
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx)$/.test(e.name) && !p.endsWith(path.join("excel", "run.ts"))) {
        const text = fs.readFileSync(p, "utf8");
        if (/\b(Excel|excel)\s*\.\s*run\s*\(|\.run\s*\(\s*(async\s*)?\(?\s*context\b/.test(text)) offenders.push(path.relative(root, p));
      }
    }
  };
  walk(root);
  expect(offenders).toEqual([]);
});

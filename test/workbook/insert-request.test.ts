/**
 * What the add-in sends to Excel, measured with Microsoft's office.js runtime (excel-web-16.00.debug.js
 * in jsdom, batches captured by test/workbook/office-request.ts), through office.js's own Excel.run
 * with the add-in's run options — so Excel.run's object tracking (_KeepReference) and its clean-up
 * request are counted too.
 *
 * Targets (issue 8): one template insert for 10 raters ≤ 400 KB and ≤ 3,000 actions; the data in one
 * batch; 50 raters well under Excel on the web's 5 MB request limit. Measured before this change:
 * 10 raters 1.76 MB / 12,629 actions in its data batch (1.62 MB / 10,907 without Excel.run's tracking).
 */
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { insertTemplates } from "../../src/workbook/excel/insert";
import { NAMES } from "../../src/workbook/contract";
import { buildTemplate } from "../../src/workbook/model";
import { parseArea, splitAddress } from "../../src/workbook/a1";
import { OfficePort } from "../../src/taskpane/office-port";
import type { ExcelRunner } from "../../src/workbook/excel/run";
import { capturingContext, emptyWorkbook, settle, totals, type CapturedBatch, type RequestBody, type RequestObjectPath, type Responder } from "./office-request";

const MB = 1024 * 1024;

/** An empty workbook whose sheets answer a read of their protection as not protected. */
const unprotectedSheets: Responder = (op, action, body) => (op?.Name === "Protection" ? { Protected: false } : emptyWorkbook(op, action, body));

async function measure(raters: number, fail?: Parameters<typeof capturingContext>[1]) {
  const { batches, run } = capturingContext(unprotectedSheets, fail);
  let result: Awaited<ReturnType<typeof insertTemplates>> | undefined;
  let error: unknown;
  try {
    result = await run((ctx) => insertTemplates(ctx, S, { raters, lang: "zh-CN" }));
  } catch (e) {
    error = e;
  }
  await settle();
  return { batches, result, error, ...totals(batches) };
}

const names = (b: CapturedBatch) => b.body.Actions.map((a) => a.Name);
const pathNames = (b: CapturedBatch) => Object.values(b.body.ObjectPaths).map((p) => p.Name);

describe("insert request (office.js runtime)", () => {
  test("10 raters: ≤ 400 KB and ≤ 3,000 actions in all; one read, then two write batches", async () => {
    const m = await measure(10);
    expect(m.error).toBeUndefined();
    // 400 KB read strictly (400,000 bytes), every request included: Excel.run's clean-up too
    expect(m.bytes).toBeLessThanOrEqual(400_000);
    expect(m.actions).toBeLessThanOrEqual(3000);
    // read, data with protection (all or nothing), print setup — and no clean-up request: nothing tracked
    expect(m.syncs).toBe(3);
    expect(m.batches.filter((b) => b.cleanup)).toEqual([]);
    const sheets = buildTemplate(S, { raters: 10, lang: "zh-CN" }).sheets.length;
    const data = m.batches[1];
    expect(pathNames(data).filter((n) => n === "Add").length).toBeGreaterThanOrEqual(3 + Object.keys(NAMES).length);
    expect(names(data).filter((n) => n === "Formulas").length).toBeGreaterThanOrEqual(3);
    expect(names(data)).not.toContain("_KeepReference");
    expect(names(data)).not.toContain("SetPrintArea");
    // protection is the data batch's last write
    expect(names(data).filter((n) => n === "Protect").length).toBe(sheets);
    const lastWrite = [...data.body.Actions].reverse().find((a) => a.ActionType !== 1);
    expect(lastWrite?.Name).toBe("Protect");
    // print: per sheet unprotect, print setup, protect
    const print = names(m.batches[2]).filter((n) => n !== "");
    expect(print).toContain("SetPrintArea");
    expect(print.filter((n) => n === "Unprotect").length).toBe(sheets);
    expect(print.filter((n) => n === "Protect").length).toBe(sheets);
    expect(print.indexOf("Unprotect")).toBeLessThan(print.indexOf("SetPrintArea"));
    expect(print.lastIndexOf("Protect")).toBeGreaterThan(print.lastIndexOf("SetPrintArea"));
    // multi-area ranges carry the formats
    expect(pathNames(data)).toContain("GetRanges");
    for (const op of Object.values(data.body.ObjectPaths)) {
      if (op.Name === "GetRanges") expect(String(op.ArgumentInfo?.Arguments?.[0]).length).toBeLessThanOrEqual(255);
    }
  });

  test("50 raters: every request and the whole insert well under 5 MB", async () => {
    const m = await measure(50);
    expect(m.error).toBeUndefined();
    expect(m.largest).toBeLessThan(5 * MB);
    expect(m.bytes).toBeLessThan(2 * MB);
  });

  test("an insert whose page-layout call throws still inserts the data and reports a warning", async () => {
    const pageLayout = (body: RequestBody) => Object.values(body.ObjectPaths).some((p) => p.Name === "PageLayout");
    const m = await measure(3, (body) => (pageLayout(body) ? { code: "InvalidArgument", message: "The argument is invalid or missing or has an incorrect format.", location: "PageLayout.zoom" } : null));
    expect(m.error).toBeUndefined();
    expect(m.result?.warnings).toHaveLength(1);
    expect(m.result?.warnings[0].en).toContain("The argument is invalid");
    expect(m.result?.warnings[0].en).toContain("PageLayout.zoom");
    expect(m.result?.warnings[0].zh).toContain("打印");
    // never a rollback: nothing deleted; the protection was in the data batch, and after the failed
    // print batch the protection is read (P1) and every sheet not protected is protected again (P2)
    for (const b of m.batches) expect(names(b)).not.toContain("Delete");
    const sheets = buildTemplate(S, { raters: 3, lang: "zh-CN" }).sheets.length;
    expect(names(m.batches[1]).filter((n) => n === "Protect").length).toBe(sheets);
    expect(m.batches[3].body.Actions.filter((a) => a.ActionType === 2).length).toBe(sheets);
    expect(names(m.batches[4]).filter((n) => n === "Protect").length).toBe(sheets);
  });

  test("a failed data batch is rolled back and rethrown", async () => {
    const m = await measure(3, (_body, n) => (n === 1 ? { code: "GeneralException", message: "simulated data failure" } : null));
    expect(String((m.error as Error)?.message)).toContain("simulated data failure");
    const rollback = m.batches[2];
    expect(names(rollback).filter((n) => n === "Delete").length).toBeGreaterThanOrEqual(3);
  });
});

/**
 * Answers the pane's read as a workbook holding the template (3 raters), one name possibly widened.
 * Property names as Excel sends them (PascalCase; office.js's Range._handleResult reads "RowCount" …).
 */
function templateWorkbook(widen?: { name: string; ref: string }) {
  const model = buildTemplate(S, { raters: 3, lang: "zh-CN" });
  const nameOf = (body: RequestBody, op: RequestObjectPath | undefined): string | undefined => {
    for (let p = op; p; p = p.ParentObjectPathId !== undefined ? body.ObjectPaths[String(p.ParentObjectPathId)] : undefined) {
      if (p.Name === "GetItemOrNullObject") return String(p.ArgumentInfo?.Arguments?.[0]);
    }
    return undefined;
  };
  return (op: RequestObjectPath | undefined, _a: unknown, body: RequestBody): unknown => {
    const name = nameOf(body, op);
    const n = model.names.find((x) => x.name === name);
    if (!n || !op) return null;
    const ref = widen?.name === n.name ? widen.ref : n.ref;
    const a = parseArea(ref);
    const rows = a.bottom - a.top + 1;
    const cols = a.right - a.left + 1;
    if (op.Name === "GetRangeOrNullObject") return { Address: `'${n.sheet}'!${ref}`, RowIndex: a.top - 1, ColumnIndex: a.left - 1, RowCount: rows, ColumnCount: cols };
    if (op.Name === "Worksheet") return { Id: `{${n.sheet}}` };
    if (op.Name === "GetIntersection") {
      const r = Math.min(rows, 200);
      const c = Math.min(cols, 100);
      const grid = Array.from({ length: r }, () => new Array(c).fill(0.9));
      return { Values: grid, Formulas: grid };
    }
    return null;
  };
}

describe("the pane's read (office.js runtime)", () => {
  const portOn = (respond: ReturnType<typeof templateWorkbook>) => {
    const cap = capturingContext(respond);
    const runner: ExcelRunner = { run: (options, batch) => cap.run(batch, options) };
    return { cap, port: new OfficePort({ scheme: S, lang: () => "zh-CN", excel: runner, requirements: { isSetSupported: () => true } }) };
  };
  /** every query that loads cells, with the member that produced the object it loads from */
  const cellLoads = (b: CapturedBatch) =>
    b.body.Actions.filter((a) => a.ActionType === 2 && JSON.stringify(a).match(/"(values|formulas)"/)).map((a) => b.body.ObjectPaths[String(a.ObjectPathId)]?.Name);

  test("one request; cells are loaded only from the bounded box, never from a name's own range", async () => {
    const { cap, port } = portOn(templateWorkbook());
    const snap = await port.read();
    await settle();
    expect(cap.batches.filter((b) => !b.cleanup)).toHaveLength(1);
    expect(cellLoads(cap.batches[0]).length).toBe(Object.keys(NAMES).length);
    expect(new Set(cellLoads(cap.batches[0]))).toEqual(new Set(["GetIntersection"]));
    const resized = Object.values(cap.batches[0].body.ObjectPaths).filter((p) => p.Name === "GetResizedRange");
    for (const p of resized) expect(p.ArgumentInfo?.Arguments).toEqual([199, 99]);
    expect(snap.ranges[NAMES.alpha]?.values).toHaveLength(S.items.length);
    expect(snap.ranges[NAMES.alpha]?.values[0]).toHaveLength(3);
  });

  test("a name widened to the whole sheet: reported with its size, its cells not used", async () => {
    const { port } = portOn(templateWorkbook({ name: NAMES.alpha, ref: "A1:XFD1048576" }));
    const snap = await port.read();
    expect(snap.ranges[NAMES.alpha]?.unread).toEqual({ rows: 1048576, cols: 16384 });
    expect(snap.ranges[NAMES.alpha]?.values).toEqual([]);
    expect(splitAddress(snap.ranges[NAMES.alpha]!.address).ref).toBe("A1:XFD1048576");
  });
});

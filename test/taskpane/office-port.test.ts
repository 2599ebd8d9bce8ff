/**
 * The Office adapter against office-addin-mock: a refresh reads every contract name with one
 * context.sync() when the templates are complete; reads are bounded (a name's own cells are never
 * loaded: the mock's named ranges have no values to load, so trying would throw); a name too large is
 * reported, not read; change events are filtered to the template sheets and debounced; every batch
 * goes through Excel.run with delayForCellEdit (the stub run refuses any other call).
 */
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { NAMES } from "../../src/workbook/contract";
import { col } from "../../src/workbook/a1";
import { OfficePort } from "../../src/taskpane/office-port";
import { summarize } from "../../src/taskpane/summary";
import { ALL, mockExcel } from "./office-mock";

const port = (m: ReturnType<typeof mockExcel>, debounceMs?: number) =>
  new OfficePort({ scheme: S, lang: () => "zh-CN", excel: m.runner.runner, debounceMs, requirements: { isSetSupported: () => true } });

describe("OfficePort.read", () => {
  test("complete templates: every contract name with exactly one context.sync(), the cells bounded", async () => {
    const m = mockExcel({ present: ALL });
    const p = port(m);
    const snap = await p.read();
    expect(m.syncs()).toBe(1);
    expect([...m.requested].sort()).toEqual([...ALL].sort());
    for (const n of ALL) {
      expect(snap.ranges[n]).toBeDefined();
      expect(snap.ranges[n]?.address).toMatch(/^'.+'!/);
      expect(snap.ranges[n]?.unread).toBeUndefined();
    }
    expect(snap.ranges[NAMES.alpha]?.values).toHaveLength(S.items.length);
    expect(snap.ranges[NAMES.alpha]?.values[0]).toHaveLength(2);
    // a second refresh costs one more sync, not more
    await p.read();
    expect(m.syncs()).toBe(2);
    expect(m.runner.refused()).toBe(0);
  });

  test.each([
    ["null objects propagate", true],
    ["methods on null objects are refused", false],
  ])("names the workbook lacks are left out (%s)", async (_label, nullObjectsPropagate) => {
    const m = mockExcel({ present: [NAMES.alpha, NAMES.levels], nullObjectsPropagate });
    const p = port(m);
    const snap = await p.read();
    expect(Object.keys(snap.ranges).sort()).toEqual([NAMES.alpha, NAMES.levels].sort());
    expect(snap.ranges[NAMES.alpha]?.values).toHaveLength(S.items.length);
    // the one-sync read, or (refused) the careful read: addresses, then the cells
    expect(m.syncs()).toBe(nullObjectsPropagate ? 1 : 2);
    // names still missing: the next refresh reads carefully, two syncs
    const before = m.syncs();
    const again = await p.read();
    expect(m.syncs() - before).toBe(2);
    expect(Object.keys(again.ranges).sort()).toEqual([NAMES.alpha, NAMES.levels].sort());
    expect(m.runner.refused()).toBe(0);
  });

  test("no templates at all: one sync per refresh, an empty snapshot", async () => {
    const m = mockExcel({ present: [] });
    const p = port(m);
    expect((await p.read()).ranges).toEqual({});
    const before = m.syncs();
    expect((await p.read()).ranges).toEqual({});
    expect(m.syncs() - before).toBe(1);
  });

  test.each([
    ["the whole sheet", "A1:XFD1048576", 1048576, 16384],
    ["a whole column", "F1:F1048576", 1048576, 1],
    ["19 rows but 2,000 columns", `F5:${col(6 + 1999)}23`, 19, 2000],
  ])("a name widened to %s is reported with its true size and not read", async (_label, ref, rows, cols) => {
    const m = mockExcel({ present: ALL, widened: { [NAMES.alpha]: ref } });
    const p = port(m);
    const snap = await p.read();
    expect(snap.ranges[NAMES.alpha]?.unread).toEqual({ rows, cols });
    expect(snap.ranges[NAMES.alpha]?.values).toEqual([]);
    expect(snap.ranges[NAMES.alpha]?.address).toMatch(new RegExp(`!${ref}$`));
    const sum = summarize(snap, S);
    expect(sum.result).toBeNull();
    const f = sum.findings.find((x) => x.field === NAMES.alpha);
    expect(f?.code).toBe("shape");
    expect(f?.severity).toBe("error");
    expect(f?.message.en).toContain(`${rows} rows × ${cols} columns`);
    expect(f?.message.zh).toContain(`${rows} 行 × ${cols} 列`);
    // the careful read on the next refresh reads the other names and still not this one
    const again = await p.read();
    expect(again.ranges[NAMES.alpha]?.unread).toEqual({ rows, cols });
    expect(again.ranges[NAMES.levels]?.values).toHaveLength(S.clauses.length);
  });
});

describe("OfficePort change events", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test("debounced: a burst of changes on a template sheet refreshes once", async () => {
    const m = mockExcel({ present: ALL });
    const p = port(m, 300);
    await p.read(); // learns the template sheets
    const cb = jest.fn();
    p.onChanged(cb);
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(m.handlers).toHaveLength(1);
    const fire = m.handlers[0];
    const templateSheet = `{${m.model.names.find((n) => n.name === NAMES.alpha)!.sheet}}`;
    for (let i = 0; i < 5; i++) {
      await fire({ worksheetId: templateSheet });
      jest.advanceTimersByTime(100);
    }
    expect(cb).not.toHaveBeenCalled();
    jest.advanceTimersByTime(300);
    expect(cb).toHaveBeenCalledTimes(1);
    // changes on other sheets are ignored
    await fire({ worksheetId: "{some other sheet}" });
    jest.advanceTimersByTime(1000);
    expect(cb).toHaveBeenCalledTimes(1);
    // a second subscriber does not register a second Excel handler
    p.onChanged(jest.fn());
    await Promise.resolve();
    expect(m.handlers).toHaveLength(1);
  });

  test("without ExcelApi 1.9 no worksheet event is registered (refresh on demand only)", async () => {
    const m = mockExcel({ present: ALL });
    const p = new OfficePort({ scheme: S, lang: () => "zh-CN", excel: m.runner.runner, requirements: { isSetSupported: (_n, v) => v !== "1.9" } });
    p.onChanged(jest.fn());
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(m.handlers).toHaveLength(0);
  });
});

describe("select and activate", () => {
  test("select activates the sheet and selects the cell; activate shows a sheet", async () => {
    const m = mockExcel({ present: ALL });
    const p = port(m);
    const alpha = m.model.names.find((n) => n.name === NAMES.alpha)!;
    await p.select(`'${alpha.sheet}'!${alpha.ref}`);
    expect(m.activated).toEqual([alpha.sheet]);
    expect(m.selected).toEqual([`${alpha.sheet}!${alpha.ref}`]);
    await p.activate(alpha.sheet);
    expect(m.activated).toEqual([alpha.sheet, alpha.sheet]);
    expect(m.runner.refused()).toBe(0);
  });
});

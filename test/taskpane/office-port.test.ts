/**
 * The Office adapter against office-addin-mock: a refresh reads every contract name with exactly one
 * context.sync(); change events are filtered to the template sheets and debounced.
 */
import { OfficeMockObject } from "office-addin-mock";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { NAMES } from "../../src/workbook/contract";
import { buildTemplate } from "../../src/workbook/model";
import { OfficePort } from "../../src/taskpane/office-port";

type Mock = OfficeMockObject & Record<string, any>;

/** A mock workbook holding the given contract names (others are absent: null objects). */
function mockExcel(present: string[]) {
  const model = buildTemplate(S, { raters: 2, lang: "zh-CN" });
  const items: Record<string, unknown> = {};
  for (const n of model.names) {
    if (!present.includes(n.name)) continue;
    const rows = n.ref.includes(":") ? Number(n.ref.split(":")[1].replace(/\D/g, "")) - Number(n.ref.split(":")[0].replace(/\D/g, "")) + 1 : 1;
    const values = Array.from({ length: rows }, () => [0.9]);
    items[n.name] = {
      range: {
        address: `'${n.sheet}'!${n.ref}`,
        values,
        formulas: values,
        worksheet: { id: `{${n.sheet}}` },
      },
    };
  }
  const requested: string[] = [];
  const handlers: ((e: { worksheetId: string }) => Promise<void>)[] = [];
  const data = {
    host: "excel",
    context: {
      workbook: {
        names: {
          items,
          nullRange: { address: "", values: [[]], formulas: [[]], worksheet: { id: "" } },
          getItemOrNullObject: function (this: Mock, name: string) {
            requested.push(name);
            const it = this.items[name];
            const range = it ? it.range : this.nullRange;
            return { getRangeOrNullObject: () => range };
          },
        },
        worksheets: {
          onChanged: {
            add: function (h: (e: { worksheetId: string }) => Promise<void>) {
              handlers.push(h);
              return {};
            },
          },
        },
      },
    },
    run: async function (this: Mock, cb: (ctx: unknown) => Promise<unknown>) {
      return cb(this.context);
    },
  };
  const mock = new OfficeMockObject(data) as Mock;
  mock.context.workbook.names.nullRange.isNullObject = true;
  let syncs = 0;
  const realSync = mock.context.sync.bind(mock.context);
  mock.context.sync = async () => {
    syncs++;
    await realSync();
    // the mock propagates loads through nested objects over a few microtasks
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  return { mock, requested, syncs: () => syncs, model, handlers };
}

const ALL = Object.values(NAMES) as string[];

describe("OfficePort.read", () => {
  test("reads every contract name with exactly one context.sync()", async () => {
    const { mock, requested, syncs } = mockExcel(ALL);
    const port = new OfficePort({ scheme: S, lang: () => "zh-CN", excel: mock as unknown as typeof Excel });
    const snap = await port.read();
    expect(syncs()).toBe(1);
    expect([...requested].sort()).toEqual([...ALL].sort());
    for (const n of ALL) {
      expect(snap.ranges[n]).toBeDefined();
      expect(snap.ranges[n]?.address).toMatch(/^'.+'!/);
    }
    expect(snap.ranges[NAMES.alpha]?.values).toHaveLength(S.items.length);
    // a second refresh costs one more sync, not more
    await port.read();
    expect(syncs()).toBe(2);
  });

  test("names the workbook lacks are left out, still with one sync", async () => {
    const { mock, syncs } = mockExcel([NAMES.alpha, NAMES.levels]);
    const port = new OfficePort({ scheme: S, lang: () => "zh-CN", excel: mock as unknown as typeof Excel });
    const snap = await port.read();
    expect(syncs()).toBe(1);
    expect(Object.keys(snap.ranges).sort()).toEqual([NAMES.alpha, NAMES.levels].sort());
  });
});

describe("OfficePort change events", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test("debounced: a burst of changes on a template sheet refreshes once", async () => {
    const { mock, model, handlers } = mockExcel(ALL);
    const port = new OfficePort({ scheme: S, lang: () => "zh-CN", excel: mock as unknown as typeof Excel, debounceMs: 300 });
    await port.read(); // learns the template sheets
    const cb = jest.fn();
    port.onChanged(cb);
    await Promise.resolve();
    await Promise.resolve();
    expect(handlers).toHaveLength(1);
    const fire = handlers[0];
    const templateSheet = `{${model.names.find((n) => n.name === NAMES.alpha)!.sheet}}`;
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
    port.onChanged(jest.fn());
    await Promise.resolve();
    expect(handlers).toHaveLength(1);
  });
});

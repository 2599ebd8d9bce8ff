/**
 * office-addin-mock workbooks for the Office port's tests: the contract names (some absent, some
 * widened), the careful read's sheets, worksheet events; and a stand-in for Excel.run that refuses any
 * batch without delayForCellEdit, as Excel refuses a batch while the user edits a cell.
 */
import { OfficeMockObject } from "office-addin-mock";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { NAMES } from "../../src/workbook/contract";
import { buildTemplate } from "../../src/workbook/model";
import { parseArea } from "../../src/workbook/a1";
import { READ_COLS, READ_ROWS } from "../../src/taskpane/office-port";
import type { ExcelRunner } from "../../src/workbook/excel/run";

export type Mock = OfficeMockObject & Record<string, any>;

export const ALL = Object.values(NAMES) as string[];

export interface MockOptions {
  /** contract names present */
  present: string[];
  /** names widened to another reference */
  widened?: Record<string, string>;
  /** whether Excel lets a batch call methods on a null object (not documented either way) */
  nullObjectsPropagate?: boolean;
}

/** A mock workbook holding the given contract names (others are absent: null objects). */
export function mockExcel(opts: MockOptions) {
  const model = buildTemplate(S, { raters: 2, lang: "zh-CN" });
  const items: Record<string, unknown> = {};
  const sheetsByName: Record<string, { id: string; cells: Record<string, object>; activate: () => void }> = {};
  const selected: string[] = [];
  const activated: string[] = [];
  const sheet = (name: string) =>
    (sheetsByName[name] ??= {
      id: `{${name}}`,
      cells: {},
      activate: () => {
        activated.push(name);
      },
    });
  for (const n of model.names) {
    if (!opts.present.includes(n.name)) continue;
    const ref = opts.widened?.[n.name] ?? n.ref;
    const a = parseArea(ref);
    const rows = a.bottom - a.top + 1;
    const cols = a.right - a.left + 1;
    // the cells a bounded read may see: never more than the read box
    const seen = Array.from({ length: Math.min(rows, READ_ROWS) }, () => new Array(Math.min(cols, READ_COLS)).fill(0.9));
    items[n.name] = {
      range: {
        address: `'${n.sheet}'!${ref}`,
        rowIndex: a.top - 1,
        columnIndex: a.left - 1,
        rowCount: rows,
        columnCount: cols,
        worksheet: { id: `{${n.sheet}}` },
        cell0: {
          box: {
            clip: { values: seen, formulas: seen },
            getIntersection: function (this: Mock) {
              return this.clip;
            },
          },
          getResizedRange: function (this: Mock, dr: number, dc: number) {
            if (dr !== READ_ROWS - 1 || dc !== READ_COLS - 1) throw new Error("unexpected box");
            return this.box;
          },
        },
        getCell: function (this: Mock) {
          return this.cell0;
        },
      },
    };
    sheet(n.sheet).cells[ref] = { values: seen, formulas: seen, select: () => selected.push(`${n.sheet}!${ref}`) };
  }
  const requested: string[] = [];
  const handlers: ((e: { worksheetId: string }) => Promise<void>)[] = [];
  // what methods on a null object give where Excel propagates null objects: more null objects
  const nullCell0 = {
    box: {
      clip: { values: [[]], formulas: [[]] },
      getIntersection: function (this: Mock) {
        return this.clip;
      },
    },
    getResizedRange: function (this: Mock) {
      return this.box;
    },
  };
  const data = {
    context: {
      workbook: {
        names: {
          items,
          nullRange: {
            address: "",
            rowIndex: 0,
            columnIndex: 0,
            rowCount: 0,
            columnCount: 0,
            worksheet: { id: "" },
            cell0: nullCell0,
            getCell: function (this: Mock) {
              if (!opts.nullObjectsPropagate) throw new Error("InvalidArgument: a method was called on a null object");
              return this.cell0;
            },
          },
          getItemOrNullObject: function (this: Mock, name: string) {
            requested.push(name);
            const it = this.items[name];
            const range = it ? it.range : this.nullRange;
            return { getRangeOrNullObject: () => range };
          },
        },
        worksheets: {
          // plain objects (outside the mock's tree): the careful read's second batch
          getItem: function (name: string) {
            const s = sheetsByName[name];
            if (!s) throw new Error(`ItemNotFound: ${name}`);
            return { ...s, load: () => undefined, getRange: (ref: string) => ({ ...s.cells[ref], load: () => undefined }) };
          },
          onChanged: {
            add: function (h: (e: { worksheetId: string }) => Promise<void>) {
              handlers.push(h);
              return {};
            },
          },
        },
      },
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
  const runner = strictRunner(() => mock.context);
  return { mock, requested, syncs: () => syncs, model, handlers, runner, selected, activated };
}

/** A stand-in for Excel.run that refuses, as Excel does during cell edit, any batch without delayForCellEdit. */
export function strictRunner(context: () => unknown) {
  const calls: unknown[] = [];
  let refused = 0;
  const runner: ExcelRunner = {
    run: ((...args: unknown[]) => {
      calls.push(args[0]);
      const options = args[0] as { delayForCellEdit?: boolean } | undefined;
      if (args.length !== 2 || typeof args[1] !== "function" || options?.delayForCellEdit !== true) {
        refused++;
        return Promise.reject(new Error("InvalidOperationInCellEditMode: Excel is in cell-editing mode"));
      }
      return (args[1] as (c: unknown) => Promise<unknown>)(context());
    }) as ExcelRunner["run"],
  };
  return { runner, calls, refused: () => refused };
}


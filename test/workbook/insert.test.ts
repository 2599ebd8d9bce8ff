/**
 * Office.js insertion, against office-addin-mock's OfficeMockObject with a small simulated workbook:
 * at most 3 context.sync() calls whatever the rater count, never overwriting a sheet, all-or-nothing.
 *
 * The simulation follows Excel's batch semantics: queued operations run in order at sync; the first
 * failing one ends the batch (what ran before it stays done) and sync rejects.
 */
import { OfficeMockObject } from "office-addin-mock";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { insertTemplates, freeSheetName } from "../../src/workbook/excel/insert";
import { buildTemplate, defaultSheetNames } from "../../src/workbook/model";
import { NAMES } from "../../src/workbook/contract";

interface Sim {
  sheets: string[];
  names: string[];
  /** every property set on a range or sheet: [sheet, path, value] */
  writes: [string, string, unknown][];
  syncs: number;
  context: Excel.RequestContext;
}

/** A proxy that accepts any property write or method call below it, recording writes. */
function sink(record: (path: string, value: unknown) => void, path: string, queue: (f: () => void) => void): unknown {
  const target = function () {} as unknown as Record<string, unknown>;
  return new Proxy(target, {
    get: (_t, prop) => (prop === "then" ? undefined : sink(record, `${path}.${String(prop)}`, queue)),
    set: (_t, prop, value) => {
      queue(() => record(`${path}.${String(prop)}`, value));
      return true;
    },
    apply: (_t, _this, args) => {
      queue(() => record(`${path}()`, args));
      return sink(record, `${path}()`, queue);
    },
  });
}

function simulate(existing: string[], existingNames: string[] = [], fail?: { op: "add" | "name"; nth: number }): Sim {
  const sim = { sheets: [...existing], names: [...existingNames], writes: [], syncs: 0 } as unknown as Sim;
  let pending: (() => void)[] = [];
  const queue = (f: () => void) => pending.push(f);
  let adds = 0;
  let nameAdds = 0;
  const fault = (msg: string) => () => {
    throw new Error(msg);
  };
  const worksheet = (name: string) =>
    new Proxy(
      {},
      {
        get: (_t, prop) => {
          if (prop === "delete")
            return () =>
              queue(() => {
                const i = sim.sheets.indexOf(name);
                if (i < 0) throw new Error(`ItemNotFound: ${name}`);
                sim.sheets.splice(i, 1);
              });
          if (prop === "then") return undefined;
          return sink((p, v) => sim.writes.push([name, p, v]), String(prop), queue);
        },
        set: (_t, prop, value) => {
          queue(() => sim.writes.push([name, String(prop), value]));
          return true;
        },
      }
    );
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        worksheets: {
          load: function (this: { items: unknown }) {
            queue(() => (this.items = sim.sheets.map((name) => ({ name }))));
          },
          add: (name: string) => {
            adds++;
            if (fail?.op === "add" && adds === fail.nth) queue(fault("simulated failure adding a sheet"));
            else
              queue(() => {
                if (sim.sheets.some((s) => s.toLowerCase() === name.toLowerCase())) throw new Error(`ItemAlreadyExists: ${name}`);
                sim.sheets.push(name);
              });
            return worksheet(name);
          },
          getItem: (name: string) => worksheet(name),
        },
        names: {
          load: function (this: { items: unknown }) {
            queue(() => (this.items = sim.names.map((name) => ({ name }))));
          },
          add: (name: string) => {
            nameAdds++;
            if (fail?.op === "name" && nameAdds === fail.nth) queue(fault("simulated failure adding a name"));
            else
              queue(() => {
                if (sim.names.includes(name)) throw new Error(`ItemAlreadyExists: ${name}`);
                sim.names.push(name);
              });
          },
          getItem: (name: string) => ({
            delete: () =>
              queue(() => {
                const i = sim.names.indexOf(name);
                if (i < 0) throw new Error(`ItemNotFound: ${name}`);
                sim.names.splice(i, 1);
              }),
          }),
        },
      },
    },
  }) as unknown as { context: { sync: () => Promise<void> } };
  const ctx = mock.context;
  const mockSync = ctx.sync.bind(ctx);
  ctx.sync = async () => {
    sim.syncs++;
    const ops = pending;
    pending = [];
    for (const op of ops) op(); // the first throw ends the batch, as in Excel
    await mockSync();
  };
  sim.context = ctx as unknown as Excel.RequestContext;
  return sim;
}

const zh = defaultSheetNames("zh-CN");
const allNames = Object.values(NAMES);

describe("insertTemplates (Office.js)", () => {
  it.each([[1], [3], [10]])("inserts all sheets and names with at most 3 syncs (%i raters)", async (raters) => {
    const sim = simulate(["Sheet1"]);
    const r = await insertTemplates(sim.context, S, { raters, lang: "zh-CN" });
    expect(sim.syncs).toBeLessThanOrEqual(3);
    expect(sim.syncs).toBe(2);
    expect(sim.sheets).toEqual(["Sheet1", zh.service, zh.maturity, zh.result]);
    expect(r.sheets.map((s) => [s.key, s.name, s.renamed])).toEqual([
      ["service", zh.service, false],
      ["maturity", zh.maturity, false],
      ["result", zh.result, false],
    ]);
    expect([...sim.names].sort()).toEqual([...allNames].sort());
    // every model formula was written as a formula ("=…"), and the input cells were unlocked
    const model = buildTemplate(S, { raters, lang: "zh-CN" });
    const formulaWrites = sim.writes.filter(([, p]) => p.endsWith(".formulas"));
    expect(formulaWrites.length).toBe(3);
    const nFormulas = model.sheets.reduce((n, s) => n + s.cells.filter((c) => c.formula).length, 0);
    const written = formulaWrites.flatMap(([, , v]) => (v as unknown[][]).flat()).filter((v) => typeof v === "string" && v.startsWith("="));
    expect(written.length).toBe(nFormulas);
    const unlocked = sim.writes.filter(([, p, v]) => p.endsWith("protection.locked") && v === false).length;
    expect(unlocked).toBe(model.sheets.reduce((n, s) => n + s.cells.filter((c) => c.input).length, 0));
    expect(sim.writes.filter(([, p]) => p.endsWith("protection.protect()")).length).toBe(3);
    expect(sim.writes.some(([, p, v]) => p.endsWith("dataValidation.rule") && JSON.stringify(v).includes("custom"))).toBe(true);
  });

  it("never overwrites: existing sheet names get \" (2)\", are reported, and the existing names are kept", async () => {
    const before = ["Sheet1", zh.service, zh.maturity, `${zh.maturity} (2)`, zh.result];
    const sim = simulate(before, [...allNames]);
    const r = await insertTemplates(sim.context, S, { raters: 3, lang: "zh-CN" });
    expect(sim.syncs).toBeLessThanOrEqual(3);
    expect(sim.sheets.slice(0, before.length)).toEqual(before);
    expect(r.sheets.map((s) => [s.name, s.renamed])).toEqual([
      [`${zh.service} (2)`, true],
      [`${zh.maturity} (3)`, true],
      [`${zh.result} (2)`, true],
    ]);
    expect(r.namesKept.sort()).toEqual([...allNames].sort());
    expect(sim.names.length).toBe(allNames.length);
    // the inserted result sheet computes from the inserted (renamed) sheets
    const formulas = sim.writes.filter(([s, p]) => s === `${zh.result} (2)` && p.endsWith(".formulas")).flatMap(([, , v]) => (v as unknown[][]).flat());
    expect(formulas.some((f) => typeof f === "string" && f.includes(`'${zh.service} (2)'!`))).toBe(true);
    expect(formulas.some((f) => typeof f === "string" && f.includes(`'${zh.service}'!`))).toBe(false);
  });

  it.each([
    ["the second sheet", { op: "add" as const, nth: 2 }],
    ["the third sheet", { op: "add" as const, nth: 3 }],
    ["a workbook name", { op: "name" as const, nth: 4 }],
  ])("is all-or-nothing: a failure adding %s removes what was created (≤ 3 syncs)", async (_label, fail) => {
    const before = ["Sheet1", "Data"];
    const sim = simulate(before, ["Other"], fail);
    await expect(insertTemplates(sim.context, S, { raters: 3, lang: "en-US" })).rejects.toThrow(/simulated failure/);
    expect(sim.syncs).toBeLessThanOrEqual(3);
    expect(sim.sheets).toEqual(before);
    expect(sim.names).toEqual(["Other"]);
  });

  it("freeSheetName respects Excel's 31-character limit and compares names case-insensitively", () => {
    expect(freeSheetName("Result", new Set(["result"]))).toBe("Result (2)");
    const long = "x".repeat(31);
    const n = freeSheetName(long, new Set([long]));
    expect(n.length).toBeLessThanOrEqual(31);
    expect(n.endsWith(" (2)")).toBe(true);
  });
});

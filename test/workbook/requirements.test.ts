/**
 * The add-in's Office.js members and their requirement sets (src/workbook/excel/requirements.ts),
 * checked against the typings (@types/office-js/index.d.ts): each member exists on its type with the
 * "[Api set: …]" the list gives, and none is above the declared minimum (ExcelApi 1.9). The insert
 * refuses clearly without it; the Office port degrades without worksheet events.
 */
import * as fs from "fs";
import * as path from "path";
import { MIN_EXCEL_API, atMost, missingForInsert } from "../../src/workbook/excel/requirements";
import { API_USES } from "../../src/workbook/excel/api-uses";
import { OfficePort } from "../../src/taskpane/office-port";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { strictRunner } from "../taskpane/office-mock";

const DTS = fs.readFileSync(path.join(__dirname, "..", "..", "node_modules", "@types", "office-js", "index.d.ts"), "utf8");

/** The body of `class|interface <type>` in namespace Excel (the first one: the current API, not the Interfaces copies). */
function body(type: string): string {
  const start = DTS.search(new RegExp(`\\n    (?:class|interface) ${type}\\b[^{]*\\{`));
  if (start < 0) throw new Error(`no type ${type} in the typings`);
  const open = DTS.indexOf("{", start);
  let depth = 0;
  for (let i = open; i < DTS.length; i++) {
    if (DTS[i] === "{") depth++;
    else if (DTS[i] === "}" && --depth === 0) return DTS.slice(open, i);
  }
  throw new Error(`unterminated ${type}`);
}

/** The "[Api set: …]" in the doc comment right before `member`'s declaration (null: none). */
function apiSet(type: string, member: string): string | null {
  const b = body(type);
  const decl = new RegExp(`\\n        (?:readonly )?${member}\\??(?:\\(|:)`).exec(b);
  if (!decl) throw new Error(`${type}.${member} is not in the typings`);
  const before = b.slice(0, decl.index);
  const comment = before.slice(before.lastIndexOf("/**"));
  const m = /\[Api set: (ExcelApi [^\]]+)\]/.exec(comment);
  return m ? m[1] : null;
}

describe("Office.js members used and their requirement sets", () => {
  test.each(API_USES.map((u) => [`${u.type}.${u.member}`, u] as const))("%s", (_n, u) => {
    expect(apiSet(u.type, u.member)).toBe(u.set);
    if (u.set) expect(atMost(u.set, `ExcelApi ${MIN_EXCEL_API}`)).toBe(true);
  });

  test("ExcelApi 1.9 is the highest set used", () => {
    const sets = API_USES.map((u) => u.set).filter((s): s is string => !!s);
    expect(sets.some((s) => s === `ExcelApi ${MIN_EXCEL_API}`)).toBe(true);
    expect(sets.every((s) => atMost(s, `ExcelApi ${MIN_EXCEL_API}`))).toBe(true);
  });

  test("without ExcelApi 1.9 the insert refuses with a zh/en message before any batch", async () => {
    const none = { isSetSupported: (_n: string, v?: string) => !v || atMost(`ExcelApi ${v}`, "ExcelApi 1.8") };
    expect(missingForInsert(none)).toMatch(/ExcelApi 1\.9.*\/ This Excel/);
    expect(missingForInsert({ isSetSupported: () => true })).toBeNull();
    const r = strictRunner(() => ({}));
    const port = new OfficePort({ scheme: S, lang: () => "zh-CN", excel: r.runner, requirements: none });
    await expect(port.insertTemplates(3)).rejects.toThrow(/ExcelApi 1\.9/);
    expect(r.calls).toHaveLength(0);
  });
});

describe("the list is complete: every member in the add-in's real requests is in it", () => {
  test("insert (with print setup), both reads, select and activate, as office.js serialises them", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { capturingContext, settle } = require("./office-request") as typeof import("./office-request");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { insertTemplates } = require("../../src/workbook/excel/insert") as typeof import("../../src/workbook/excel/insert");
    const seen = new Set<string>();
    const collect = (batches: { body: { Actions: { Name: string; QueryInfo?: { Select?: string[] } }[]; ObjectPaths: Record<string, { Name: string }> } }[]) => {
      for (const b of batches) {
        for (const a of b.body.Actions) {
          if (a.Name) seen.add(a.Name);
          for (const s of a.QueryInfo?.Select ?? []) seen.add(s);
        }
        for (const p of Object.values(b.body.ObjectPaths)) if (p.Name) seen.add(p.Name);
      }
    };
    const ins = capturingContext();
    await ins.run((ctx) => insertTemplates(ctx, S, { raters: 10, lang: "zh-CN" }));
    // the reads: names absent (the one-sync read, then the careful one), then select and activate
    const rd = capturingContext(() => null);
    const port = new OfficePort({ scheme: S, lang: () => "zh-CN", excel: { run: (o, f) => rd.run(f, o) }, requirements: { isSetSupported: () => true } });
    await port.read();
    await port.read();
    await port.select("'Sheet1'!A1");
    await port.activate("Sheet1");
    await settle();
    collect(ins.batches);
    collect(rd.batches);
    const known = new Set(API_USES.map((u) => u.member.toLowerCase()));
    // office.js's own bookkeeping (tracking, releasing, its array-size check before a 2-D write)
    const internal = new Set(["_keepreference", "_removereference", "_validatearraysize"]);
    const unknown = [...seen].filter((n) => !known.has(n.toLowerCase()) && !internal.has(n.toLowerCase()));
    expect(unknown).toEqual([]);
    expect(seen.size).toBeGreaterThan(40);
  });
});

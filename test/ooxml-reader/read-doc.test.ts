/**
 * The template read through the bounded reader (src/workbook/xlsx/read-doc.ts): names with huge or
 * odd extents are findings (not read), and a template saved with shared formulas (as Excel saves
 * repeated formulas) reads without false "altered" findings while a changed one is caught.
 */
import { buildTemplate } from "../../src/workbook/model";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { assess, readExchange, type AssessmentInput } from "../../src/engine";
import { nameArea, readWorkbookBytes } from "../../src/workbook/xlsx/read";
import { ZipArchive } from "../../src/workbook/ooxml/zip";
import { shiftFormula } from "../../src/workbook/ooxml/formula";
import { filledTemplate } from "../workbook/lo";
import { makeZip } from "./kit";
import * as fs from "fs";
import * as path from "path";

const root = path.join(__dirname, "../..");

async function filledBytes(): Promise<Uint8Array> {
  const json = JSON.parse(fs.readFileSync(path.join(root, "examples/02-uniform-0.9-L4.json"), "utf8"));
  const { workbook } = await filledTemplate(readExchange(json, S).input!, { columns: 3 });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function parts(bytes: Uint8Array): Map<string, string> {
  const z = ZipArchive.open(bytes);
  return new Map(z.entries.map((e) => [e.name, new TextDecoder().decode(z.read(e.name))]));
}
const pack = (p: Map<string, string>) => new Uint8Array(makeZip([...p].map(([name, data]) => ({ name, data }))));

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Rewrites each column's formulas in rows first..last as one shared formula where a cell's formula is
 * the first one moved (as Excel saves a filled-down column); returns how many cells now share.
 */
function shareColumns(sheetXml: string, first: number, last: number): { xml: string; shared: number } {
  const re = /<c r="([A-Z]+)(\d+)"([^>]*)><f>([^<]*)<\/f><\/c>/g;
  const cells = new Map<string, { row: number; attrs: string; f: string }>();
  for (const m of sheetXml.matchAll(re)) cells.set(`${m[1]}${m[2]}`, { row: Number(m[2]), attrs: m[3], f: unescape(m[4]) });
  let si = 0;
  let shared = 0;
  const out = new Map<string, string>();
  const cols = new Set([...cells.keys()].map((k) => k.replace(/\d+/, "")));
  for (const col of cols) {
    const master = cells.get(`${col}${first}`);
    if (!master) continue;
    const members = [];
    for (let r = first + 1; r <= last; r++) {
      const c = cells.get(`${col}${r}`);
      if (!c || c.f !== shiftFormula(master.f, r - first, 0)) break;
      members.push(r);
    }
    if (!members.length) continue;
    const end = members[members.length - 1];
    out.set(`${col}${first}`, `<c r="${col}${first}"${master.attrs}><f t="shared" ref="${col}${first}:${col}${end}" si="${si}">${escape(master.f)}</f></c>`);
    for (const r of members) {
      out.set(`${col}${r}`, `<c r="${col}${r}"${cells.get(`${col}${r}`)?.attrs}><f t="shared" si="${si}"/></c>`);
      shared++;
    }
    si++;
  }
  const xml = sheetXml.replace(re, (whole, c: string, r: string) => out.get(`${c}${r}`) ?? whole);
  return { xml, shared };
}

describe("names", () => {
  test("nameArea: one range, whole columns and rows, or nothing", () => {
    expect(nameArea("'服务 表'!$F$5:$H$23")).toEqual({ sheet: "服务 表", top: 5, left: 6, bottom: 23, right: 8 });
    expect(nameArea("Sheet1!$B$2")).toEqual({ sheet: "Sheet1", top: 2, left: 2, bottom: 2, right: 2 });
    expect(nameArea("S!$A:$XFD")).toEqual({ sheet: "S", top: 1, left: 1, bottom: 1048576, right: 16384 });
    expect(nameArea("S!$3:$5")).toEqual({ sheet: "S", top: 3, left: 1, bottom: 5, right: 16384 });
    for (const f of ["#REF!", "S!A1,S!B2", "$A$1", "S!$A$1:$B", "OFFSET(S!A1,0,0,5,5)", "[1]S!A1", "S!XFE1", "S!A1048577"]) expect([f, nameArea(f)]).toEqual([f, null]);
  });

  test("QCS_ALPHA widened to $A$1:$XFD$1048576: never followed (the template's cells are read), reported, fast", async () => {
    const p = parts(await filledBytes());
    const wb = p.get("xl/workbook.xml") as string;
    p.set("xl/workbook.xml", wb.replace(/(<definedName name="QCS_ALPHA">)[^<]*/, (_m, open: string) => `${open}&apos;服务能力评价评分表&apos;!$A$1:$XFD$1048576`));
    const t0 = Date.now();
    const r = readWorkbookBytes(pack(p), S);
    expect(Date.now() - t0).toBeLessThan(2000);
    const alpha = r.findings.filter((f) => f.field === "QCS_ALPHA");
    expect(alpha.map((f) => [f.code, f.severity])).toEqual([["altered", "error"]]);
    expect(alpha[0].message.en).toContain("$A$1:$XFD$1048576");
    expect(r.verified?.intact).toBe(false);
    // the inputs are where the template says they are, whatever the name says
    expect(r.input?.raters[0].alphas[0]).toBe(0.9);
  });

  test("a contract name defined twice (also in another case) or not one range is a finding, not read", async () => {
    const p = parts(await filledBytes());
    const wb = p.get("xl/workbook.xml") as string;
    const twice = new Map(p);
    twice.set("xl/workbook.xml", wb.replace("</definedNames>", `<definedName name="qcs_levels">&apos;管理要求成熟度&apos;!$A$1:$A$21</definedName></definedNames>`));
    const r = readWorkbookBytes(pack(twice), S);
    expect(r.verified?.intact).toBe(false);
    expect(r.findings.map((f) => f.message.en)).toContain("field QCS_LEVELS: the name qcs_levels is defined more than once");
    const multi = new Map(p);
    multi.set("xl/workbook.xml", wb.replace(/(<definedName name="QCS_WEIGHTS">)[^<]*/, (_m, open: string) => `${open}S!$A$1,S!$B$2`));
    const r2 = readWorkbookBytes(pack(multi), S);
    expect(r2.findings.some((f) => f.field === "QCS_WEIGHTS" && f.code === "altered" && /points to "S!\$A\$1,S!\$B\$2"/.test(f.message.en))).toBe(true);
  });

  test("a sheet-local name of the same name does not replace the workbook name", async () => {
    const p = parts(await filledBytes());
    const wb = p.get("xl/workbook.xml") as string;
    p.set("xl/workbook.xml", wb.replace("</definedNames>", `<definedName name="QCS_ALPHA" localSheetId="0">&apos;服务能力评价评分表&apos;!$A$1:$C$19</definedName></definedNames>`));
    const r = readWorkbookBytes(pack(p), S);
    expect(r.findings).toEqual([]);
    expect(r.input?.raters.length).toBe(3);
  });
});

describe("values", () => {
  test("an α cell with a date number format is read as the number it holds (issue 9, item 10)", async () => {
    const json = JSON.parse(fs.readFileSync(path.join(root, "examples/02-uniform-0.9-L4.json"), "utf8"));
    const { workbook } = await filledTemplate(readExchange(json, S).input!, { columns: 1 });
    const dn = (workbook.definedNames.model as { name: string; ranges: string[] }[]).find((d) => d.name === "QCS_ALPHA")!;
    const [sheet, ref] = dn.ranges[0].split("!");
    const cell = workbook.getWorksheet(sheet.replace(/^'|'$/g, ""))!.getCell(ref.split(":")[0].replace(/\$/g, ""));
    cell.numFmt = "yyyy-mm-dd";
    expect(cell.value).toBe(0.9);
    const r = readWorkbookBytes(new Uint8Array(await workbook.xlsx.writeBuffer()), S);
    expect(r.findings).toEqual([]);
    expect(r.input?.raters[0].alphas[0]).toBe(0.9);
  });
});

describe("a template saved with shared formulas", () => {
  test("reads the same formulas (no false 'altered'); a child that differs from the master's is caught", async () => {
    const bytes = await filledBytes();
    const plain = readWorkbookBytes(bytes, S);
    expect(plain.findings).toEqual([]);
    const p = parts(bytes);
    let shared = 0;
    for (const name of [...p.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
      // the item rows of the service sheet, then the clause rows of the maturity sheet, as Excel would share them
      const first = buildTemplate(S, { raters: 3, lang: "zh-CN" }).layout.service.firstItemRow;
      const s = shareColumns(p.get(name) as string, first, first + S.items.length - 1);
      const t = shareColumns(s.xml, 4, 24);
      p.set(name, t.xml);
      shared += s.shared + t.shared;
    }
    expect(shared).toBeGreaterThan(200);
    const r = readWorkbookBytes(pack(p), S);
    expect(r.findings).toEqual([]);
    const a = assess(r.input as AssessmentInput, S, { numericText: true });
    const b = assess(plain.input as AssessmentInput, S, { numericText: true });
    expect([a.service.score, a.maturity.total, a.gradeCode]).toEqual([b.service.score, b.maturity.total, b.gradeCode]);

    // one child of a shared group now holds its own (different) formula
    const s1 = p.get("xl/worksheets/sheet1.xml") as string;
    const row = buildTemplate(S, { raters: 3, lang: "zh-CN" }).layout.service.firstItemRow + 1;
    const altered = s1.replace(new RegExp(`<c r="I${row}"([^>]*)><f t="shared" si="\\d+"\\/><\\/c>`), `<c r="I${row}"$1><f>$E${row}*F${row}*2</f></c>`);
    expect(altered).not.toBe(s1);
    p.set("xl/worksheets/sheet1.xml", altered);
    const r2 = readWorkbookBytes(pack(p), S);
    expect(r2.findings.map((f) => f.cell)).toEqual([`'服务能力评价评分表'!I${row}`]);
    expect(r2.findings[0].code).toBe("altered");
  });
});

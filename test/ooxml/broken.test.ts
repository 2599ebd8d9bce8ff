/**
 * The checker fails on what Excel would reject: a written template, made broken one way at a time by
 * editing its XML, must produce the matching problem (and the unbroken file none).
 */
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { buildTemplate, type TemplateOptions } from "../../src/workbook/model";
import { templateBuffer, templateWorkbook, workbookBuffer } from "../../src/workbook/xlsx/write";
import { agreesWith } from "./agreement";
import { checkMany, checkXlsx, type Problem } from "./check";
import { checkFormula, releaseParser } from "./formula";
import { formatProblems } from "./problem";
import { definedNameIssues, sheetNameIssues } from "./workbook";

jest.setTimeout(60_000);

const OPTS: TemplateOptions = { raters: 3, lang: "zh-CN" };
let base: Uint8Array;

beforeAll(async () => {
  base = new Uint8Array(await templateBuffer(S, OPTS));
});
afterAll(() => releaseParser());

/** The file with one part's text edited; the edit must change something. */
function edit(bytes: Uint8Array, part: string, change: (xml: string) => string): Uint8Array {
  const files = unzipSync(bytes);
  const before = strFromU8(files[part]);
  const after = change(before);
  if (after === before) throw new Error(`the edit of ${part} changed nothing`);
  files[part] = strToU8(after);
  return zipSync(files);
}

/** String.replace (so "$1" in `to` is a group; "$$" a single "$"), failing when nothing matched. */
function replaceOnce(xml: string, from: string | RegExp, to: string): string {
  const out = xml.replace(from, to);
  if (out === xml) throw new Error(`"${String(from)}" not found`);
  return out;
}

async function problemsOf(bytes: Uint8Array): Promise<Problem[]> {
  return checkXlsx(bytes, "broken");
}

function expectProblem(problems: Problem[], rule: string, message: RegExp): void {
  const hit = problems.some((p) => p.rule === rule && message.test(p.message));
  if (!hit)
    throw new Error(`expected a [${rule}] problem matching ${message}, got:\n${formatProblems(problems) || "(none)"}`);
}

it("the unbroken template passes (the fixtures below differ from it by one edit each)", async () => {
  expect(formatProblems(await problemsOf(base))).toBe("");
});

type Fixture = [name: string, part: string, change: (xml: string) => string, rule: string, message: RegExp];

const FIXTURES: Fixture[] = [
  [
    "a double-$ print area (defect 1 as ExcelJS wrote it)",
    "xl/workbook.xml",
    (x) => replaceOnce(x, "!$A$1:$O$50", "!$$$$A$$1:$$$$O$$50"),
    "defined-name",
    /HyperFormula cannot parse it: '服务能力评价评分表'!\$\$A\$1:\$\$O\$50/,
  ],
  [
    "an unclosed formula",
    "xl/worksheets/sheet1.xml",
    (x) => replaceOnce(x, /<f>IF\(P9=1,\$E9\*F9,&quot;&quot;\)<\/f>/, "<f>IF(P9=1,$E9*F9,&quot;&quot;</f>"),
    "formula",
    /unclosed "\("/,
  ],
  [
    "an unclosed string in a formula",
    "xl/worksheets/sheet1.xml",
    (x) => replaceOnce(x, /<f>IF\(P9=1,\$E9\*F9,&quot;&quot;\)<\/f>/, "<f>IF(P9=1,$E9*F9,&quot;)</f>"),
    "formula",
    /unclosed string literal/,
  ],
  [
    "a function Excel does not have",
    "xl/worksheets/sheet1.xml",
    (x) => replaceOnce(x, "INDEX($W$9:$W$15,", "INDEXX($W$9:$W$15,"),
    "function",
    /unknown function INDEXX/,
  ],
  [
    "a reference to a sheet that does not exist",
    "xl/workbook.xml",
    (x) => replaceOnce(x, /&apos;认证结果&apos;!(\$B\$\d+)<\/definedName>/, "&apos;结果&apos;!$1</definedName>"),
    "defined-name",
    /sheet "结果" the workbook does not have/,
  ],
  [
    "#REF! in a formula",
    "xl/worksheets/sheet1.xml",
    (x) => replaceOnce(x, "IF(P9=1,$E9*F9,", "IF(P9=1,$E9*#REF!,"),
    "formula",
    /#REF!/,
  ],
  [
    "a string literal of 256 characters",
    "xl/worksheets/sheet1.xml",
    (x) => replaceOnce(x, "&quot;有无效值&quot;", `&quot;${"长".repeat(256)}&quot;`),
    "limit",
    /string literal of 256 characters/,
  ],
  [
    "functions nested 65 deep",
    "xl/worksheets/sheet1.xml",
    (x) => replaceOnce(x, "<f>IF(P9=1,$E9*F9,&quot;&quot;)</f>", `<f>${"ABS(".repeat(65)}1${")".repeat(65)}</f>`),
    "limit",
    /nested 65 deep/,
  ],
  [
    "a formula of 8,193 characters",
    "xl/worksheets/sheet1.xml",
    (x) => replaceOnce(x, "<f>IF(P9=1,$E9*F9,&quot;&quot;)</f>", `<f>${"1+".repeat(4096)}1</f>`),
    "limit",
    /8193 characters/,
  ],
  [
    "an overlapping data validation (defect 2 as ExcelJS wrote it)",
    "xl/worksheets/sheet1.xml",
    (x) =>
      replaceOnce(
        x,
        /(<dataValidation [^>]*)sqref="F9:H27"(.*?<\/dataValidation>)/,
        '$1sqref="F10:H27"$2$1sqref="F9:H27"$2'
      ),
    "validation-overlap",
    /F10:H27.*F9:H27|F9:H27.*F10:H27/,
  ],
  [
    "overlapping merges",
    "xl/worksheets/sheet1.xml",
    (x) => replaceOnce(x, '<mergeCell ref="A2:O2"/>', '<mergeCell ref="A2:O2"/><mergeCell ref="B2:C3"/>'),
    "merge-overlap",
    /A2:O2 and B2:C3|B2:C3 and A2:O2/,
  ],
  [
    "a shared formula without its master",
    "xl/worksheets/sheet1.xml",
    (x) => replaceOnce(x, "<f>IF(P9=1,$E9*F9,&quot;&quot;)</f>", '<f t="shared" si="7"/>'),
    "formula",
    /uses shared formula 7, which no cell defines/,
  ],
  [
    "a collection whose count is wrong",
    "xl/worksheets/sheet1.xml",
    (x) => replaceOnce(x, /<mergeCells count="(\d+)">/, '<mergeCells count="1">'),
    "count",
    /<mergeCells count="1"> has \d+ entries/,
  ],
  [
    "a cell style index out of range",
    "xl/worksheets/sheet1.xml",
    (x) => replaceOnce(x, /<c r="A2" s="\d+"/, '<c r="A2" s="9999"'),
    "style-index",
    /cell A2: style 9999/,
  ],
  [
    "a shared string index out of range",
    "xl/worksheets/sheet1.xml",
    (x) => replaceOnce(x, /(<c r="A2" s="\d+" t="s"><v>)\d+</, "$199999<"),
    "shared-string",
    /shared string 99999/,
  ],
  [
    "a conditional-format dxf that does not exist",
    "xl/worksheets/sheet1.xml",
    (x) => replaceOnce(x, 'dxfId="0"', 'dxfId="77"'),
    "style-index",
    /dxfId 77/,
  ],
  [
    "two conditional formats of the same priority",
    "xl/worksheets/sheet1.xml",
    (x) => replaceOnce(x, 'priority="3"', 'priority="1"'),
    "cf-priority",
    /priority 1 is also/,
  ],
  [
    "cells out of order",
    "xl/worksheets/sheet1.xml",
    (x) => replaceOnce(x, /<c r="B2"/, '<c r="A2"'),
    "cell-order",
    /does not follow/,
  ],
  [
    "a list validation source of 256 characters",
    "xl/worksheets/sheet3.xml",
    (x) =>
      replaceOnce(
        x,
        /<formula1>&quot;1,2,3,4,5&quot;<\/formula1>/,
        `<formula1>&quot;${"1,".repeat(128)}&quot;</formula1>`
      ),
    "limit",
    /has 256 characters/,
  ],
  [
    "a validation title of 33 characters",
    "xl/worksheets/sheet3.xml",
    (x) => replaceOnce(x, 'promptTitle="成熟度等级"', `promptTitle="${"题".repeat(33)}"`),
    "limit",
    /promptTitle has 33 characters/,
  ],
  [
    "a schema violation: an attribute value outside its enumeration",
    "xl/worksheets/sheet1.xml",
    (x) => replaceOnce(x, 'orientation="landscape"', 'orientation="sideways"'),
    "schema",
    /orientation.*sideways/,
  ],
  [
    "a schema violation: an element out of order",
    "xl/worksheets/sheet1.xml",
    (x) => replaceOnce(x, /(<printOptions [^>]*\/>)(<pageMargins [^>]*\/>)/, "$2$1"),
    "schema",
    /printOptions/,
  ],
  [
    "a schema violation: an element of a namespace no consumer understands",
    "xl/worksheets/sheet1.xml",
    (x) => replaceOnce(x, "<sheetData>", '<foo:bar xmlns:foo="urn:example:unknown"/><sheetData>'),
    "schema",
    /bar/,
  ],
  ["XML that is not well-formed", "xl/styles.xml", (x) => replaceOnce(x, "</styleSheet>", ""), "xml", /never closed/],
  [
    "a sheet named History",
    "xl/workbook.xml",
    (x) => replaceOnce(x, 'name="认证结果"', 'name="History"'),
    "sheet-name",
    /reserved/,
  ],
  [
    "a sheet name of 32 characters",
    "xl/workbook.xml",
    (x) => replaceOnce(x, 'name="认证结果"', `name="${"表".repeat(32)}"`),
    "sheet-name",
    /32 characters/,
  ],
  [
    "a defined name that is a cell reference",
    "xl/workbook.xml",
    (x) => replaceOnce(x, 'name="QCS_GRADE"', 'name="AB12"'),
    "defined-name",
    /is a cell reference/,
  ],
  [
    "a relationship to a part that is not there",
    "xl/_rels/workbook.xml.rels",
    (x) => replaceOnce(x, 'Target="worksheets/sheet3.xml"', 'Target="worksheets/sheet9.xml"'),
    "relationship",
    /sheet9\.xml.*not in the package/,
  ],
  [
    "a content-type override for a part that is not there",
    "[Content_Types].xml",
    (x) =>
      replaceOnce(
        x,
        "</Types>",
        '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>'
      ),
    "content-type",
    /calcChain\.xml, which is not in the package/,
  ],
  [
    "a part of a content type the checker does not know",
    "[Content_Types].xml",
    (x) =>
      replaceOnce(
        x,
        '<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>',
        '<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.example.unknown+xml"/>'
      ),
    "part",
    /not one these checks know/,
  ],
];

/** All fixtures checked in one run (one xmllint process), by name. */
const found = new Map<string, Problem[]>();

describe("fails on", () => {
  beforeAll(async () => {
    const inputs = FIXTURES.map(([name, part, change]) => ({ label: name, bytes: edit(base, part, change) }));
    const problems = await checkMany(inputs);
    for (const [name] of FIXTURES)
      found.set(
        name,
        problems.filter((p) => p.file === name)
      );
  });

  it.each(FIXTURES)("%s", (name, _part, _change, rule, message) => {
    expectProblem(found.get(name) ?? [], rule, message);
  });
});

it("fails on a part without a content type", async () => {
  const files = unzipSync(base);
  files["xl/extra.bin"] = new Uint8Array([1, 2, 3]);
  expectProblem(await problemsOf(zipSync(files)), "content-type", /no content type/);
});

it("fails on a file that is not a zip", async () => {
  expectProblem(await problemsOf(strToU8("PK not really")), "zip", /not a readable zip/);
});

it("ignores what markup compatibility lets a consumer ignore (x14ac attributes, mc:AlternateContent fallbacks)", async () => {
  const fixed = edit(base, "xl/worksheets/sheet1.xml", (x) =>
    replaceOnce(
      x,
      "<sheetData>",
      '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" Requires="x14"><x14:unknown/></mc:Choice><mc:Fallback/></mc:AlternateContent><sheetData>'
    )
  );
  expect(formatProblems(await problemsOf(fixed))).toBe("");
});

it("ExcelJS's own writer fails with a sheet name holding an apostrophe; workbookBuffer() mends it", async () => {
  const opts: TemplateOptions = { raters: 2, lang: "en-US", sheetNames: { service: "Auditor's sheet" } };
  const { workbook } = await templateWorkbook(S, opts);
  const raw = new Uint8Array(await workbook.xlsx.writeBuffer());
  expectProblem(await problemsOf(raw), "defined-name", /unclosed quoted sheet name: 'Auditor's sheet'!\$A\$1/);
  expect(formatProblems(await problemsOf(new Uint8Array(await workbookBuffer(workbook))))).toBe("");
});

it("validations written cell by cell (the old writer) overlap and disagree with the model", async () => {
  const { workbook, model } = await templateWorkbook(S, OPTS);
  const ws = workbook.getWorksheet(model.sheets[0].name) as ExcelJS.Worksheet;
  (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model = {};
  const v = model.sheets[0].validations[0];
  const [a, b] = v.range.split(":").map((r) => ws.getCell(r));
  for (let r = Number(a.row); r <= Number(b.row); r++) {
    for (let c = Number(a.col); c <= Number(b.col); c++)
      ws.getCell(r, c).dataValidation = { type: "custom", allowBlank: true, formulae: [v.formula] };
  }
  const bytes = new Uint8Array(await workbookBuffer(workbook));
  const problems = await checkMany([{ label: "old", bytes, also: agreesWith(buildTemplate(S, OPTS)) }]);
  expectProblem(problems, "validation-overlap", /F9:H27 and F10:H27|F10:H27 and F9:H27/);
  expectProblem(problems, "model", /data validations/);
});

describe("the rules themselves", () => {
  it("sheet names", () => {
    expect(sheetNameIssues("服务能力评价评分表")).toEqual([]);
    expect(sheetNameIssues("Auditor's sheet")).toEqual([]);
    for (const bad of ["", "a".repeat(32), "a:b", "a/b", "a\\b", "a?b", "a*b", "a[b", "a]b", "'ab", "ab'", "history"])
      expect(sheetNameIssues(bad)).not.toEqual([]);
  });

  it("defined names", () => {
    for (const ok of ["QCS_ALPHA", "_xlnm.Print_Area", "\\x", "a.b_c1", "名称", "XFE1", "A1048577"])
      expect(definedNameIssues(ok)).toEqual([]);
    for (const bad of [
      "A1",
      "xfd1048576",
      "R1C1",
      "rc",
      "R",
      "c",
      "TRUE",
      "1abc",
      "a b",
      "a-b",
      "_xlnm.Print_Nothing",
      "n".repeat(256),
    ])
      expect(definedNameIssues(bad)).not.toEqual([]);
  });

  it("formulas: doubled quotes inside a literal are Excel syntax (HyperFormula escapes differently; the checker translates)", () => {
    expect(checkFormula('IF(A1="x","a""b","")', [])).toEqual([]);
    expect(checkFormula("FIXED(1.25,1,TRUE)", [])).toEqual([]);
    expect(checkFormula("'O''Brien'!A1+1", ["O'Brien"])).toEqual([]);
    expect(checkFormula("SUM(A1:A3", []).map((i) => i.rule)).toContain("formula");
    expect(checkFormula("QCS.SERVICE_SCORE(A1:A19)", []).map((i) => i.rule)).toContain("function");
  });
});

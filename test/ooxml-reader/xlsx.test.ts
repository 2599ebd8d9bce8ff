/**
 * readXlsx on real (ExcelJS-written) and hand-written packages: everything it gives, shared formulas
 * expanded as Excel does, sheets read lazily, and every bound of limits.ts a clear fault.
 */
import ExcelJS from "exceljs";
import { LIMITS, type Limits } from "../../src/workbook/limits";
import { isFault, readXlsx, type OoxmlFault, type SheetData, type XlsxDoc } from "../../src/workbook/ooxml/xlsx";
import { shiftFormula } from "../../src/workbook/ooxml/formula";
import { makeXlsx, makeZip, ref, xlsxParts } from "./kit";

function doc(bytes: Uint8Array, limits: Limits = LIMITS): XlsxDoc {
  const d = readXlsx(bytes, limits);
  if (isFault(d)) throw new Error(`unexpected fault: ${d.text.en}`);
  return d;
}
function sheet(d: XlsxDoc, which: number | string): SheetData {
  const s = d.sheet(which);
  if (!s || isFault(s)) throw new Error(`unexpected: ${s ? s.text.en : "no sheet"}`);
  return s;
}
function fault(x: unknown): OoxmlFault {
  if (!isFault(x)) throw new Error("expected a fault");
  return x;
}

describe("readXlsx on a workbook written by ExcelJS", () => {
  let bytes: Uint8Array;
  let ej: ExcelJS.Workbook;

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    wb.creator = "kit";
    wb.title = "标题 title";
    const a = wb.addWorksheet("数据 Data");
    a.getCell("A1").value = 0.9;
    a.getCell("A2").value = "N/A";
    a.getCell("A3").value = { richText: [{ text: "rich " }, { font: { bold: true }, text: "text" }] };
    a.getCell("A4").value = true;
    a.getCell("A5").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    a.getCell("A6").value = "";
    a.getCell("B1").value = { formula: "A1*2", result: 1.8 } as ExcelJS.CellFormulaValue;
    a.getCell("B2").value = { formula: "SUM(A1:A2)" } as ExcelJS.CellFormulaValue;
    a.getCell("C1").value = 89.95;
    a.getCell("C1").numFmt = "0.0";
    a.getCell("C2").value = 0.256;
    a.getCell("C2").numFmt = "0%";
    a.getCell("C3").value = "AAA";
    a.getCell("C3").numFmt = ';;;"AAAAA"';
    a.getCell("C4").value = 17;
    a.getCell("C4").numFmt = '0" / 19"';
    a.getCell("D1").protection = { locked: false };
    a.getCell("D2").protection = { locked: true, hidden: true };
    // shared formulas: a master in E1 over E1:G4 and the other cells sharing it
    a.getCell("E1").value = { formula: "$A1+A$1+A1*2+SUM($A$1:A1)", result: 0, shareType: "shared", ref: "E1:G4" } as unknown as ExcelJS.CellFormulaValue;
    for (let r = 1; r <= 4; r++)
      for (let c = 5; c <= 7; c++) {
        if (r === 1 && c === 5) continue;
        a.getCell(r, c).value = { sharedFormula: "E1", result: 0 } as ExcelJS.CellSharedFormulaValue;
      }
    a.mergeCells("H1:I2");
    a.getCell("J1").dataValidation = { type: "decimal", operator: "between", allowBlank: true, showErrorMessage: true, formulae: [0, 1] };
    a.getCell("A7").value = "in a hidden row";
    a.getRow(7).hidden = true;
    a.getColumn(11).hidden = true;
    await a.protect("", { selectLockedCells: true });
    const h = wb.addWorksheet("Hidden", { state: "hidden" });
    h.getCell("A1").value = "h";
    const v = wb.addWorksheet("VeryHidden", { state: "veryHidden" });
    v.getCell("A1").value = 1;
    wb.definedNames.add("'数据 Data'!$A$1:$A$6", "QCS_ALPHA");
    wb.definedNames.add("Hidden!$A$1", "LOCALNAME");
    bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    ej = new ExcelJS.Workbook();
    await ej.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  });

  test("sheets in workbook order with their state and part", () => {
    const d = doc(bytes);
    expect(d.sheets.map((s) => [s.index, s.name, s.sheetId, s.state, s.kind])).toEqual([
      [0, "数据 Data", 1, "visible", "worksheet"],
      [1, "Hidden", 2, "hidden", "worksheet"],
      [2, "VeryHidden", 3, "veryHidden", "worksheet"],
    ]);
    expect(d.sheets.every((s) => s.path && /^xl\/worksheets\/sheet\d\.xml$/.test(s.path))).toBe(true);
    expect(d.coreProperties.get("creator")).toBe("kit");
    expect(d.coreProperties.get("title")).toBe("标题 title");
  });

  test("defined names with their formula text", () => {
    const d = doc(bytes);
    const byName = new Map(d.names.map((n) => [n.name, n]));
    expect(byName.get("QCS_ALPHA")?.formula).toBe("'数据 Data'!$A$1:$A$6");
    expect(byName.get("LOCALNAME")?.formula).toBe("Hidden!$A$1");
  });

  test("cell values, types and formulas agree with ExcelJS reading the same file", () => {
    const d = doc(bytes);
    const s = sheet(d, "数据 Data");
    const ws = ej.getWorksheet("数据 Data") as ExcelJS.Worksheet;
    expect(s.cell("A1")?.value).toBe(0.9);
    expect(s.cell("A2")?.value).toBe("N/A");
    expect(s.cell("A3")?.value).toBe("rich text");
    expect(s.cell("A4")?.value).toBe(true);
    expect(s.cell("A5")?.isError).toBe(true);
    expect(s.cell("A5")?.value).toBe("#N/A");
    expect(s.cell("B1")).toMatchObject({ formula: "A1*2", value: 1.8, hasCachedValue: true });
    expect(s.cell("B2")).toMatchObject({ formula: "SUM(A1:A2)", value: null, hasCachedValue: false });
    let shared = 0;
    ws.eachRow((row) =>
      row.eachCell((c) => {
        const ours = s.cell(c.address);
        if (c.formula) {
          expect([c.address, ours?.formula]).toEqual([c.address, c.formula]);
          if (c.type === ExcelJS.ValueType.Formula && (c.value as ExcelJS.CellSharedFormulaValue).sharedFormula) shared++;
        }
      })
    );
    expect(shared).toBe(11);
    expect(s.cell("G4")?.formula).toBe("$A4+C$1+C4*2+SUM($A$1:C4)");
    expect(s.cell("G4")?.formulaType).toBe("shared");
  });

  test("styles: number formats and protection flags; the display helper on them", () => {
    const d = doc(bytes);
    const s = sheet(d, 0);
    const fmt = (r: string) => d.formatCode((s.cell(r) as { s: number }).s);
    expect(fmt("C1")).toBe("0.0");
    expect(fmt("C2")).toBe("0%");
    expect(fmt("C3")).toBe(';;;"AAAAA"');
    expect(fmt("C4")).toBe('0" / 19"');
    expect(fmt("A1")).toBe("General");
    const disp = (r: string) => d.display(s.cell(r) as never);
    expect(disp("C1")).toEqual({ known: true, text: "90.0" });
    expect(disp("C2")).toEqual({ known: true, text: "26%" });
    expect(disp("C3")).toEqual({ known: true, text: "AAAAA" });
    expect(disp("C4")).toEqual({ known: true, text: "17 / 19" });
    expect(disp("A1")).toEqual({ known: true, text: "0.9" });
    expect(disp("A5")).toEqual({ known: true, text: "#N/A" });
    const xf = (r: string) => d.styles.cellXfs[(s.cell(r) as { s: number }).s];
    expect(xf("D1")).toMatchObject({ locked: false, hidden: false });
    expect(xf("D2")).toMatchObject({ locked: true, hidden: true });
    expect(xf("A1")).toMatchObject({ locked: true, hidden: false });
  });

  test("merges, data validations, protection, hidden rows and columns", () => {
    const s = sheet(doc(bytes), 0);
    expect(s.merges).toEqual(["H1:I2"]);
    expect(s.validations).toEqual([expect.objectContaining({ type: "decimal", operator: "between", sqref: "J1", formula1: "0", formula2: "1", allowBlank: true, showErrorMessage: true, source: "main" })]);
    expect(s.protection?.sheet).toBe(true);
    expect(s.protection?.attributes.get("sheet")).toBe("1");
    expect(s.hiddenRows).toEqual([7]);
    expect(s.hiddenCols).toEqual([{ min: 11, max: 11 }]);
    expect(sheet(doc(bytes), 1).protection).toBeNull();
  });
});

describe("readXlsx on hand-written packages", () => {
  test("shared formulas: strings, quoted sheets, whole columns/rows, functions with digits, names, out-of-sheet moves", () => {
    const master = `IF(A1="A1",'Sheet 2'!B1+LOG10(C$1)+SUM(D:D)+SUM(2:3)+MyName1+Tbl[Col1]+$E$1,"x")`;
    const data =
      `<row r="2"><c r="B2"><f t="shared" ref="B2:C4" si="7">${master.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}</f></c><c r="C2"><f t="shared" si="7"/></c></row>` +
      `<row r="4"><c r="C4"><f t="shared" si="7"/></c></row>` +
      `<row r="5"><c r="A5"><f t="shared" ref="A5:A6" si="8">B4</f></c></row><row r="6"><c r="A6"><f t="shared" si="8"/></c></row>` +
      `<row r="7"><c r="B7"><f t="shared" ref="B7:B8" si="9">A1048576</f></c></row><row r="8"><c r="B8"><f t="shared" si="9"/></c></row>`;
    const s = sheet(doc(makeXlsx({ sheets: [{ name: "S", data }] })), 0);
    expect(s.cell("B2")?.formula).toBe(master);
    expect(s.cell("C2")?.formula).toBe(`IF(B1="A1",'Sheet 2'!C1+LOG10(D$1)+SUM(E:E)+SUM(2:3)+MyName1+Tbl[Col1]+$E$1,"x")`);
    expect(s.cell("C4")?.formula).toBe(`IF(B3="A1",'Sheet 2'!C3+LOG10(D$1)+SUM(E:E)+SUM(4:5)+MyName1+Tbl[Col1]+$E$1,"x")`);
    expect(s.cell("A6")?.formula).toBe("B5");
    expect(s.cell("B8")?.formula).toBe("#REF!");
    expect(shiftFormula("A1:B2*$C3", 2, 1)).toBe("B3:C4*$C5");
  });

  test("array formulas, inline strings, _xHHHH_ escapes, phonetic runs, rows and cells without r", () => {
    const sst = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><t>漢</t></r><r><t xml:space="preserve"> 字</t></r><rPh sb="0" eb="1"><t>カン</t></rPh></si><si><t>a_x000D_b</t></si></sst>`;
    const data =
      `<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="inlineStr"><is><t>inline</t></is></c></row>` +
      `<row><c r="A2"><f t="array" ref="A2:A3">B2:B3*2</f><v>4</v></c><c t="b"><v>0</v></c><c t="str"><f>"x"</f><v>x</v></c><c t="d"><v>2026-01-02T00:00:00Z</v></c></row>`;
    const s = sheet(doc(makeXlsx({ sheets: [{ name: "S", data }], sharedStrings: sst })), 0);
    expect(s.cell("A1")?.value).toBe("漢 字");
    expect(s.cell("B1")?.value).toBe("a\rb");
    expect(s.cell("C1")).toMatchObject({ t: "inlineStr", value: "inline" });
    expect(s.cell("A2")).toMatchObject({ formula: "B2:B3*2", formulaType: "array", formulaRef: "A2:A3", value: 4 });
    expect(s.cell("B2")?.value).toBe(false);
    expect(s.cell("C2")).toMatchObject({ t: "str", value: "x", formula: '"x"' });
    expect(s.cell("D2")).toMatchObject({ t: "d", value: "2026-01-02T00:00:00Z" });
  });

  test("custom and core document properties, typed; workbook settings", () => {
    const custom = `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">
      <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="qcs.formId"><vt:lpwstr>f-123</vt:lpwstr></property>
      <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="qcs.version"><vt:i4>3</vt:i4></property>
      <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="4" name="flag"><vt:bool>true</vt:bool></property>
      <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="5" name="when"><vt:filetime>2026-11-26T00:00:00Z</vt:filetime></property>
      <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="6" name="money"><vt:cy>1.5</vt:cy></property></Properties>`;
    const core = `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title><dc:creator>C</dc:creator></cp:coreProperties>`;
    const d = doc(
      makeXlsx({
        sheets: [{ name: "S", data: "" }],
        custom,
        core,
        workbookExtra: `<calcPr calcId="191029" fullCalcOnLoad="1" calcMode="manual"/><workbookProtection lockStructure="1"/>`,
      })
    );
    expect(Object.fromEntries(d.customProperties)).toEqual({
      "qcs.formId": { type: "string", value: "f-123" },
      "qcs.version": { type: "number", value: 3 },
      flag: { type: "boolean", value: true },
      when: { type: "date", value: "2026-11-26T00:00:00Z" },
      money: { type: "other", vt: "cy", value: "1.5" },
    });
    expect(Object.fromEntries(d.coreProperties)).toEqual({ title: "T", creator: "C" });
    expect(d.calc).toEqual({ fullCalcOnLoad: true, calcMode: "manual" });
    expect(d.workbookProtection?.lockStructure).toBe(true);
  });

  test("reading one sheet does not read the others (a broken sheet 2 does not stop sheet 1)", () => {
    const bytes = makeXlsx({ sheets: [{ name: "Good", data: `<row r="1"><c r="A1"><v>1</v></c></row>` }, { name: "Broken", xml: "<worksheet><sheetData><row>" }] });
    const d = doc(bytes);
    expect(sheet(d, "good").cell("A1")?.value).toBe(1);
    const before = d.inflatedBytes;
    expect(fault(d.sheet("Broken")).text.en).toContain("truncated");
    expect(d.inflatedBytes).toBeGreaterThan(before);
    expect(d.sheet("nope")).toBeUndefined();
  });

  test("damaged sheets: duplicate or out-of-order cells, bad references, shared strings out of range, unknown shared formula", () => {
    const cases: [string, RegExp][] = [
      [`<row r="1"><c r="A1"><v>1</v></c><c r="A1"><v>2</v></c></row>`, /out of range or out of order/],
      [`<row r="2"/><row r="1"/>`, /out of range or out of order/],
      [`<row r="1"><c r="A2"><v>1</v></c></row>`, /inside row 1/],
      [`<row r="1"><c r="XFE1"><v>1</v></c></row>`, /not valid/],
      [`<row r="1"><c r="A1" t="s"><v>5</v></c></row>`, /shared string/],
      [`<row r="1"><c r="A1"><f t="shared" si="3"/></c></row>`, /shared formula 3/],
      [`<row r="1"><c r="A1" t="zz"><v>1</v></c></row>`, /unknown type/],
    ];
    for (const [data, msg] of cases) {
      const f = fault(doc(makeXlsx({ sheets: [{ name: "S", data }], sharedStrings: ["x"] })).sheet(0));
      expect([data, f.code]).toEqual([data, "damaged"]);
      expect(f.text.en).toMatch(msg);
    }
  });

  test("not a workbook, or a package with a broken workbook part: clear faults", () => {
    expect(fault(readXlsx(makeZip([{ name: "word/document.xml", data: "<w/>" }]))).text.en).toContain("not an Excel workbook");
    const parts = xlsxParts({ sheets: [{ name: "S", data: "" }] });
    parts["xl/workbook.xml"] = `<!DOCTYPE x [<!ENTITY a "b">]><workbook/>`;
    expect(fault(readXlsx(makeZip(Object.entries(parts).map(([name, data]) => ({ name, data }))))).code).toBe("doctype");
    const twice = makeXlsx({ sheets: [{ name: "S", data: "" }, { name: "s", data: "" }] });
    expect(fault(readXlsx(twice)).text.en).toContain("appears twice");
  });
});

describe("every bound of limits.ts is a clear fault naming the bound and its value", () => {
  const small: Limits = { ...LIMITS, cellsPerSheet: 100, cellsPerWorkbook: 150, sheets: 3, definedNames: 5, sharedStrings: 10, cellChars: 50, rangesPerSheet: 5, styles: 4, properties: 3 };
  const row = (r: number, n: number) => `<row r="${r}">${Array.from({ length: n }, (_, c) => `<c r="${ref(c + 1, r)}"><v>1</v></c>`).join("")}</row>`;
  const check = (f: OoxmlFault, name: keyof Limits) => {
    expect(f.code).toBe("limit");
    expect(f.limit).toEqual({ name, value: small[name] });
    expect(f.text.en).toContain(`LIMITS.${name}`);
    expect(f.text.zh).toContain(`LIMITS.${name}`);
  };

  test("cells per sheet and per workbook", () => {
    const big = Array.from({ length: 11 }, (_, r) => row(r + 1, 10)).join("");
    check(fault(doc(makeXlsx({ sheets: [{ name: "S", data: big }] }), small).sheet(0)), "cellsPerSheet");
    const ninety = Array.from({ length: 9 }, (_, r) => row(r + 1, 10)).join("");
    const d = doc(makeXlsx({ sheets: [{ name: "A", data: ninety }, { name: "B", data: ninety }] }), small);
    expect(sheet(d, 0).cells.length).toBe(90);
    check(fault(d.sheet(1)), "cellsPerWorkbook");
  });

  test("sheets, names, shared strings, characters, ranges, styles, properties", () => {
    check(fault(readXlsx(makeXlsx({ sheets: ["a", "b", "c", "d"].map((name) => ({ name, data: "" })) }), small)), "sheets");
    const names = Array.from({ length: 6 }, (_, i) => `<definedName name="N${i}">S!$A$1</definedName>`).join("");
    check(fault(readXlsx(makeXlsx({ sheets: [{ name: "S", data: "" }], names }), small)), "definedNames");
    check(fault(readXlsx(makeXlsx({ sheets: [{ name: "S", data: "" }], sharedStrings: Array.from({ length: 11 }, (_, i) => `s${i}`) }), small)), "sharedStrings");
    check(fault(readXlsx(makeXlsx({ sheets: [{ name: "S", data: "" }], sharedStrings: ["x".repeat(51)] }), small)), "cellChars");
    check(fault(doc(makeXlsx({ sheets: [{ name: "S", data: `<row r="1"><c r="A1" t="inlineStr"><is><t>${"y".repeat(51)}</t></is></c></row>` }] }), small).sheet(0)), "cellChars");
    const hidden = Array.from({ length: 6 }, (_, r) => `<row r="${r + 1}" hidden="1"/>`).join("");
    check(fault(doc(makeXlsx({ sheets: [{ name: "S", data: hidden }] }), small).sheet(0)), "rangesPerSheet");
    const merges = `<mergeCells>${Array.from({ length: 6 }, (_, i) => `<mergeCell ref="A${i + 1}:B${i + 1}"/>`).join("")}</mergeCells>`;
    check(fault(doc(makeXlsx({ sheets: [{ name: "S", data: "", after: merges }] }), small).sheet(0)), "rangesPerSheet");
    const styles = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs>${"<xf numFmtId=\"0\"/>".repeat(5)}</cellXfs></styleSheet>`;
    check(fault(readXlsx(makeXlsx({ sheets: [{ name: "S", data: "" }], styles }), small)), "styles");
    const props = `<Properties xmlns:vt="v">${Array.from({ length: 4 }, (_, i) => `<property name="p${i}"><vt:lpwstr>x</vt:lpwstr></property>`).join("")}</Properties>`;
    check(fault(readXlsx(makeXlsx({ sheets: [{ name: "S", data: "" }], custom: props }), small)), "properties");
  });

  test("a 1,048,576-row sheet: the part or the cell bound stops it, the rest of the file is still readable", () => {
    // rows without r are numbered one after the other; identical rows compress to almost nothing
    const rows = "<row><c/></row>".repeat(1048576);
    const d = doc(makeXlsx({ sheets: [{ name: "Big", data: rows }, { name: "Small", data: row(1, 3) }] }));
    const t0 = Date.now();
    const f = fault(d.sheet("Big"));
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(f.limit).toEqual({ name: "cellsPerSheet", value: LIMITS.cellsPerSheet });
    expect(sheet(d, "Small").cells.length).toBe(3);
  });
});

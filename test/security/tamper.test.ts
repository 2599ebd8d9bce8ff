/**
 * Issue 9, classes 5 and 6: the comparison with the template cannot be switched off, and what a viewer
 * of the file would see as the result is compared with what the engine computes. Every forged workbook
 * is generated here from a filled template (example 02: AAAA, service 90.0, maturity 116 / level 5)
 * and scored by `node bin/qcs.js score --json`: none may come out ok:true, none may be graded, and the
 * finding must name the forged cell. A control (the same file with true cached values, as Excel saves
 * it) is scored ok:true, so the checks are not just rejecting everything.
 */
import * as fs from "fs";
import * as path from "path";
import { NAMES } from "../../src/workbook/contract";
import { quoteSheet } from "../../src/workbook/a1";
import { buildTemplate, type TemplateModel } from "../../src/workbook/model";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { filledWorkbook, lines, Parts, qcs, splitName, tmp, type Line } from "./kit";

jest.setTimeout(120_000);

interface Forgery {
  name: string;
  make: (p: Parts, m: TemplateModel) => void;
  /** the forged cells or fields: each must be named by an error finding */
  names: (m: TemplateModel) => string[];
  /** or: at least one error finding with one of these codes */
  codes?: string[];
  /** and an error finding saying this */
  says?: RegExp;
}

const at = (m: TemplateModel, name: string) => {
  const { sheet, ref } = splitName(m, name);
  return { sheet, ref, cell: `${quoteSheet(sheet)}!${ref}` };
};
/** a cell of a sheet by key */
const cellOf = (m: TemplateModel, key: string, ref: string) => {
  const sheet = m.sheets.find((s) => s.key === key)?.name as string;
  return { sheet, ref, cell: `${quoteSheet(sheet)}!${ref}` };
};
const typeOver = (p: Parts, c: { sheet: string; ref: string }, v: number | string) =>
  typeof v === "number" ? p.setCell(c.sheet, c.ref, `<v>${v}</v>`) : p.setCell(c.sheet, c.ref, `<is><t>${v}</t></is>`, { t: "inlineStr" });

const OUTPUT_NAMES = [NAMES.serviceScore, NAMES.maturityTotal, NAMES.maturityLevel, NAMES.grade, NAMES.serviceMargin, NAMES.maturityMargin];

const forgeries: Forgery[] = [
  // class 5: switching the check off
  {
    name: "QCS_ALPHA widened to 11 columns, the service score typed over with 99.9",
    make: (p, m) => {
      const a = m.names.find((n) => n.name === NAMES.alpha)!;
      p.setName(NAMES.alpha, `${quoteSheet(a.sheet)}!$F$9:$P$27`);
      typeOver(p, at(m, NAMES.serviceScore), 99.9);
    },
    names: (m) => [NAMES.alpha, at(m, NAMES.serviceScore).cell],
  },
  {
    name: "the output names deleted, the score typed over with 99.9 and the grade with AAAAA",
    make: (p, m) => {
      for (const n of OUTPUT_NAMES) p.setName(n, null);
      typeOver(p, at(m, NAMES.serviceScore), 99.9);
      typeOver(p, at(m, NAMES.grade), "AAAAA");
    },
    names: (m) => [at(m, NAMES.serviceScore).cell, at(m, NAMES.grade).cell, ...OUTPUT_NAMES],
  },
  {
    name: "widened, names deleted and every result cell of the result sheet typed over",
    make: (p, m) => {
      const a = m.names.find((n) => n.name === NAMES.alpha)!;
      p.setName(NAMES.alpha, `${quoteSheet(a.sheet)}!$F$9:$P$27`);
      for (const n of OUTPUT_NAMES) p.setName(n, null);
      typeOver(p, cellOf(m, "result", "B17"), 99.9);
      typeOver(p, cellOf(m, "result", "B59"), "AAAAA");
      typeOver(p, cellOf(m, "result", "F59"), "AAAAA");
      typeOver(p, cellOf(m, "result", "F60"), "AAAAA");
    },
    names: (m) => [cellOf(m, "result", "B17").cell, cellOf(m, "result", "B59").cell, cellOf(m, "result", "F60").cell],
  },
  {
    name: "the stamp removed (sheet and properties), the score typed over",
    make: (p, m) => {
      const wb = p.get("xl/workbook.xml");
      const rid = /<sheet [^>]*name="qcs_stamp"[^>]*r:id="([^"]+)"\/>/.exec(wb)!;
      p.edit("xl/workbook.xml", rid[0], "");
      p.edit("xl/workbook.xml", /<definedName name="_xlnm\.Print_(?:Area|Titles)" localSheetId="5">[^<]*<\/definedName>/g, "");
      p.edit("docProps/custom.xml", /<property [^>]*name="qcs\.[^"]*"[^>]*>[\s\S]*?<\/property>/g, "");
      typeOver(p, at(m, NAMES.serviceScore), 99.9);
    },
    names: (m) => [at(m, NAMES.serviceScore).cell],
  },
  {
    name: "the stamp claims 11 rater columns (a false claim), the score typed over",
    make: (p, m) => {
      p.setStamp("raters", "11");
      // the fingerprint of the claimed 11-column template, so the stamp is self-consistent
      p.setStamp("fingerprint", buildTemplate(S, { raters: 11, lang: "zh-CN" }).fingerprint);
      typeOver(p, at(m, NAMES.serviceScore), 99.9);
    },
    // the workbook is compared with the 11-column template it claims to be: its cells differ
    names: () => [],
    codes: ["altered", "extra"],
  },
  {
    name: "the stamp claims a one-rater form (kind form): the result sheets are not skipped",
    make: (p, m) => {
      p.setStamp("kind", "form");
      typeOver(p, at(m, NAMES.grade), "AAAAA");
    },
    names: () => ["认证结果"],
  },
  {
    name: "the sheet protection removed and the weight of item 1.1 typed over with 50",
    make: (p, m) => {
      const w = at(m, NAMES.weights);
      p.edit(p.sheetPart(w.sheet), /<sheetProtection[^>]*\/>/, "");
      p.setCell(w.sheet, w.ref, "<v>50</v>");
    },
    names: (m) => [at(m, NAMES.weights).sheet, at(m, NAMES.weights).cell],
  },
  // class 6: what a viewer sees
  {
    name: "formulas intact, cached values 99.9 (score) and AAAAA (grade, grade label)",
    make: (p, m) => {
      p.cache(at(m, NAMES.serviceScore).sheet, at(m, NAMES.serviceScore).ref, 99.9);
      p.cache(at(m, NAMES.grade).sheet, at(m, NAMES.grade).ref, "AAAAA");
      p.cache(cellOf(m, "result", "B59").sheet, "B59", "AAAAA");
    },
    names: (m) => [at(m, NAMES.serviceScore).cell, at(m, NAMES.grade).cell, cellOf(m, "result", "B59").cell],
  },
  {
    name: "formulas intact, the result sheet's service score and maturity level cached as 99.9 and 5",
    make: (p, m) => {
      p.cache(cellOf(m, "result", "B17").sheet, "B17", 99.9);
      p.cache(cellOf(m, "result", "B29").sheet, "B29", 5);
    },
    names: (m) => [cellOf(m, "result", "B17").cell],
  },
  {
    name: 'a number format on the score cell that shows "99.9"',
    make: (p, m) => {
      const c = at(m, NAMES.serviceScore);
      p.setCell(c.sheet, c.ref, `<f>${p.formulaOf(c.sheet, c.ref)!.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")}</f>`, { s: p.numberFormat(p.styleOf(c.sheet, c.ref), '"99.9"') });
    },
    names: (m) => [at(m, NAMES.serviceScore).cell],
  },
  {
    name: ';;;"AAAAA" on the grade label cell (any text shows AAAAA)',
    make: (p, m) => {
      const c = cellOf(m, "result", "B59");
      p.setCell(c.sheet, c.ref, `<f>${p.formulaOf(c.sheet, c.ref)!.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")}</f>`, { s: p.numberFormat(p.styleOf(c.sheet, c.ref), ';;;"AAAAA"') });
    },
    names: (m) => [cellOf(m, "result", "B59").cell],
  },
  {
    name: ';;;"AAAAA" on the QCS_GRADE cell, "0.0" shown as 99.9 by a [>0]"99.9" section on the result page',
    make: (p, m) => {
      const g = at(m, NAMES.grade);
      p.setCell(g.sheet, g.ref, `<f>${escapeF(p.formulaOf(g.sheet, g.ref)!)}</f>`, { s: p.numberFormat(p.styleOf(g.sheet, g.ref), ';;;"AAAAA"') });
      const b = cellOf(m, "result", "B17");
      p.setCell(b.sheet, b.ref, `<f>${escapeF(p.formulaOf(b.sheet, b.ref)!)}</f>`, { s: p.numberFormat(p.styleOf(b.sheet, b.ref), '[>0]"99.9";0.0') });
    },
    names: (m) => [at(m, NAMES.grade).cell, cellOf(m, "result", "B17").cell],
  },
  // class 6, beyond the cell's own format: conditional formats, objects over cells, headers and footers
  {
    name: 'a conditional format whose format shows "99.9" on the score cell (dxf with a number format)',
    make: (p, m) => {
      const c = at(m, NAMES.serviceScore);
      p.edit("xl/styles.xml", /<dxfs count="(\d+)">/, (_m, n) => `<dxfs count="${Number(n) + 1}">`);
      p.edit("xl/styles.xml", "</dxfs>", '<dxf><numFmt numFmtId="300" formatCode="&quot;99.9&quot;"/></dxf></dxfs>');
      const dxfId = (p.get("xl/styles.xml").match(/<dxf>/g) ?? []).length - 1;
      p.addSheetChild(c.sheet, `<conditionalFormatting sqref="${c.ref}"><cfRule type="expression" dxfId="${dxfId}" priority="99"><formula>TRUE</formula></cfRule></conditionalFormatting>`, ["dataValidations", "hyperlinks", "printOptions", "pageMargins"]);
    },
    names: (m) => [at(m, NAMES.serviceScore).cell],
    says: /^cell '服务能力评价评分表'!E33, field 服务能力评价评分表: a conditional format gives E33 the number format "\\"99\.9\\"": a viewer may not see the cells' values$/,
  },
  {
    name: 'an x14 conditional format with an inline ;;;"AAAAA" format on the grade label',
    make: (p, m) => {
      const c = cellOf(m, "result", "B59");
      const x14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main";
      const xm = "http://schemas.microsoft.com/office/excel/2006/main";
      p.addSheetChild(
        c.sheet,
        `<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="${x14}"><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="${xm}"><x14:cfRule type="expression" priority="99" id="{00000000-0000-4000-8000-000000000001}"><xm:f>TRUE</xm:f><x14:dxf><numFmt numFmtId="301" formatCode=";;;&quot;AAAAA&quot;"/></x14:dxf></x14:cfRule><xm:sqref>B59</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>`,
        []
      );
    },
    names: (m) => [cellOf(m, "result", "B59").cell],
    says: /a conditional format gives B59 the number format ";;;\\"AAAAA\\""/,
  },
  {
    name: "a data bar without its value over the result page's score",
    make: (p, m) => {
      const c = cellOf(m, "result", "B17");
      p.addSheetChild(c.sheet, `<conditionalFormatting sqref="B17"><cfRule type="dataBar" priority="99"><dataBar showValue="0"><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar></cfRule></conditionalFormatting>`, ["dataValidations", "hyperlinks", "printOptions", "pageMargins"]);
    },
    names: (m) => [cellOf(m, "result", "B17").cell],
    says: /a conditional format \(data bar or icon set\) hides the values of B17/,
  },
  {
    name: "a text box saying AAAAA laid over the grade cell (a drawing)",
    make: (p, m) => {
      const c = cellOf(m, "result", "B59");
      const drawing = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>58</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>59</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="2" name="TextBox 1"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="FFE699"/></a:solidFill></xdr:spPr><xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>AAAAA</a:t></a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;
      const id = p.relate(c.sheet, "drawing", "../drawings/drawing1.xml", "application/vnd.openxmlformats-officedocument.drawing+xml", drawing);
      p.addSheetChild(c.sheet, `<drawing r:id="${id}"/>`);
    },
    names: () => ["认证结果"],
    says: /the sheet holds drawings \(shapes, text boxes, pictures or charts\) that the template does not have/,
  },
  {
    name: "a printed header saying AAAAA, and the footer's text changed",
    make: (p, m) => {
      const c = cellOf(m, "result", "B59");
      p.edit(p.sheetPart(c.sheet), "<headerFooter><oddFooter>", "<headerFooter><oddHeader>&amp;C&amp;14认证结果：AAAAA</oddHeader><oddFooter>");
      p.edit(p.sheetPart(at(m, NAMES.serviceScore).sheet), /(<oddFooter>&amp;L&amp;8)([^&]*)/, "$1$2 — AAAAA");
    },
    names: () => ["认证结果", "服务能力评价评分表"],
    says: /the printed header \(oddHeader\) says "认证结果：AAAAA", which the template does not/,
  },
];

function escapeF(f: string): string {
  return f.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

describe("forged workbooks are never ok:true (classes 5 and 6)", () => {
  const dir = tmp("qcs-tamper-");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  let model: TemplateModel;
  const files: string[] = [];
  let out: Line[] = [];
  let control: Line;
  let stderr = "";
  let status: number | null = null;

  beforeAll(async () => {
    const { bytes, model: m } = await filledWorkbook();
    model = m;
    forgeries.forEach((f, i) => {
      const p = new Parts(bytes);
      f.make(p, m);
      const file = path.join(dir, `forged-${String(i).padStart(2, "0")}.xlsx`);
      fs.writeFileSync(file, p.bytes());
      files.push(file);
    });
    // the control: the true values cached as Excel would save them
    const p = new Parts(bytes);
    p.cache(at(m, NAMES.serviceScore).sheet, at(m, NAMES.serviceScore).ref, 90);
    p.cache(at(m, NAMES.maturityTotal).sheet, at(m, NAMES.maturityTotal).ref, 116);
    p.cache(at(m, NAMES.maturityLevel).sheet, at(m, NAMES.maturityLevel).ref, 5);
    p.cache(at(m, NAMES.grade).sheet, at(m, NAMES.grade).ref, "AAAA");
    p.cache(cellOf(m, "result", "B59").sheet, "B59", "AAAA");
    p.cache(cellOf(m, "result", "B17").sheet, "B17", 90);
    p.cache(cellOf(m, "result", "B29").sheet, "B29", 5);
    const good = path.join(dir, "control.xlsx");
    fs.writeFileSync(good, p.bytes());
    const r = qcs(["score", "--json", "--lang", "en-US", ...files, good]);
    out = lines(r.stdout);
    control = out.pop() as Line;
    stderr = r.stderr;
    status = r.status;
  });

  test("the control (true cached values, as Excel saves them) is scored ok:true, AAAA, with no finding", () => {
    expect(control.findings).toEqual([]);
    expect([control.ok, control.grade, control.serviceScore]).toEqual([true, "AAAA", 90]);
  });

  test.each(forgeries.map((f, i) => [f.name, i] as const))("%s: not ok, not graded, the forged place named", (_name, i) => {
    const line = out[i];
    expect(line.file).toBe(path.normalize(files[i]));
    expect([line.ok, line.grade]).toEqual([false, null]);
    const errors = line.findings.filter((f) => f.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    if (forgeries[i].codes) expect(errors.some((f) => forgeries[i].codes?.includes(f.code))).toBe(true);
    const says = forgeries[i].says;
    if (says) expect(errors.map((f) => f.message)).toContainEqual(expect.stringMatching(says));
    for (const place of forgeries[i].names(model)) {
      const named = errors.some((f) => f.cell === place || f.field === place || (f.cell ?? "").startsWith(`${place}!`) || (f.cell ?? "").startsWith(`${quoteSheet(place)}!`) || f.message.includes(place));
      expect([place, named]).toEqual([place, true]);
    }
  });

  test("exit code 2, and each forged file's first error on stderr", () => {
    expect(status).toBe(2);
    for (const f of files) expect(stderr).toContain(path.basename(f));
  });
});

describe("a note on a cell", () => {
  test("is a warning naming the sheet (a client may explain an answer in a note); the file is still scored", async () => {
    const { bytes, model } = await filledWorkbook();
    const p = new Parts(bytes);
    const c = at(model, NAMES.serviceScore);
    const comments = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>client</author></authors><commentList><comment ref="${c.ref}" authorId="0"><text><t>we think this should be 99.9</t></text></comment></commentList></comments>`;
    const vml = `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shape type="#_x0000_t202" style="position:absolute;visibility:hidden"><x:ClientData ObjectType="Note"><x:Row>32</x:Row><x:Column>4</x:Column></x:ClientData></v:shape></xml>`;
    p.relate(c.sheet, "comments", "../comments1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml", comments);
    const id = p.relate(c.sheet, "vmlDrawing", "../drawings/vmlDrawing1.vml", "application/vnd.openxmlformats-officedocument.vmlDrawing", vml);
    p.addSheetChild(c.sheet, `<legacyDrawing r:id="${id}"/>`);
    const dir = tmp("qcs-note-");
    const f = path.join(dir, "note.xlsx");
    fs.writeFileSync(f, p.bytes());
    const r = qcs(["score", "--json", "--lang", "en-US", f]);
    fs.rmSync(dir, { recursive: true, force: true });
    const [l] = lines(r.stdout);
    expect([r.status, l.ok, l.grade]).toEqual([0, true, "AAAA"]);
    expect(l.findings).toEqual([expect.objectContaining({ severity: "warning", code: "extra", field: c.sheet, message: `field ${c.sheet}: the sheet has notes: read them; a note shown open can cover cells` })]);
  });
});

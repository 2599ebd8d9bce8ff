/**
 * What a viewer of a returned workbook sees besides its cells' values and number formats (issue 9,
 * class 6): a conditional format can give a cell another number format (a score shown as "99.9") or
 * hide its value (a data bar without the value); a text box, picture or object can lie over a cell; a
 * printed header or footer can state a result. The templates have none of these but their footers, so
 * each one is a finding naming the sheet; notes are reported as a warning (a client may explain an
 * answer in a note, and a note shown open can cover cells). Called by verify.ts for every sheet of the
 * template. Pure: Node and the browser alike.
 */
import { finding, quote, type Finding } from "../engine";
import { quoteSheet } from "./a1";
import type { SheetModel } from "./model";
import type { SheetData, XlsxDoc } from "./ooxml/xlsx";

const OBJECTS: Record<string, { zh: string; en: string }> = {
  drawing: { zh: "图形（形状、文本框、图片或图表）", en: "drawings (shapes, text boxes, pictures or charts)" },
  legacyDrawingHF: { zh: "页眉页脚中的图片", en: "pictures in the header or footer" },
  picture: { zh: "工作表背景图片", en: "a background picture" },
  oleObjects: { zh: "嵌入的对象", en: "embedded objects" },
  controls: { zh: "表单控件", en: "form controls" },
};

/** The literal text of one header/footer section: the &-codes (fields, fonts, sizes, colours) left out. */
function literal(section: string): string {
  return section
    .replace(/&&/g, "\uE000") // a private-use character stands for a literal "&" meanwhile
    .replace(/&"[^"]*"/g, "")
    .replace(/&K(?:[0-9A-Fa-f]{6}|\d\d[+-]\d{3})/g, "")
    .replace(/&\d+/g, "")
    .replace(/&[A-Za-z]/g, "")
    .replace(/\uE000/g, "&")
    .trim();
}

/** The literal texts of a header/footer, by section (&L, &C, &R; text before any is centred). */
function sections(text: string): string[] {
  return text
    .split(/&[LCR]/)
    .map(literal)
    .filter((s) => s !== "");
}

export function viewFindings(doc: XlsxDoc, ws: SheetData, sh: SheetModel): Finding[] {
  const out: Finding[] = [];
  const at = (ref: string) => `${quoteSheet(sh.name)}!${ref}`;
  for (const cf of ws.conditionalFormats) {
    const numFmt = cf.numFmt ?? (cf.dxfId !== undefined ? doc.styles.dxfs[cf.dxfId]?.numFmt : undefined);
    if (numFmt !== undefined) {
      out.push(
        finding(
          "altered",
          "error",
          {
            zh: `条件格式为 ${cf.sqref} 设置了数字格式 ${quote(numFmt)}：查看者看到的可能不是单元格的值`,
            en: `a conditional format gives ${cf.sqref} the number format ${quote(numFmt)}: a viewer may not see the cells' values`,
          },
          { cell: at(cf.sqref), field: sh.name }
        )
      );
    }
    if (cf.hidesValue) {
      out.push(
        finding(
          "altered",
          "error",
          { zh: `条件格式（数据条或图标集）隐藏了 ${cf.sqref} 的值`, en: `a conditional format (data bar or icon set) hides the values of ${cf.sqref}` },
          { cell: at(cf.sqref), field: sh.name }
        )
      );
    }
  }
  for (const o of ws.objects) {
    if (o === "legacyDrawing") {
      out.push(
        finding(
          "extra",
          "warning",
          { zh: "工作表中有批注：请阅读；显示出来的批注可能遮住单元格", en: "the sheet has notes: read them; a note shown open can cover cells" },
          { field: sh.name }
        )
      );
      continue;
    }
    const what = OBJECTS[o] ?? { zh: o, en: o };
    out.push(
      finding(
        "extra",
        "error",
        { zh: `工作表中有模板没有的${what.zh}：它们可能遮住单元格并显示其他内容`, en: `the sheet holds ${what.en} that the template does not have: they can cover cells and show something else` },
        { field: sh.name }
      )
    );
  }
  // printed headers and footers: the template's footer texts, and nothing else
  const allowed = new Set([sh.print.footer.left, sh.print.footer.right].map(literal).filter(Boolean));
  for (const hf of ws.headerFooter) {
    const extra = sections(hf.text).filter((s) => /Header$/.test(hf.kind) || !allowed.has(s));
    if (extra.length) {
      out.push(
        finding(
          "altered",
          "error",
          {
            zh: `打印的${/Header$/.test(hf.kind) ? "页眉" : "页脚"}（${hf.kind}）写着 ${quote(extra.join(" "))}，模板中没有`,
            en: `the printed ${/Header$/.test(hf.kind) ? "header" : "footer"} (${hf.kind}) says ${quote(extra.join(" "))}, which the template does not`,
          },
          { field: sh.name }
        )
      );
    }
  }
  return out;
}

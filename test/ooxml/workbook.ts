/**
 * The workbook level of SpreadsheetML: the sheets and their names, the defined names, the style sheet
 * and the shared strings. Excel's rules are cited where they are checked.
 */
import { LIMITS } from "../../src/workbook/limits";
import { checkFormula, unionParts } from "./formula";
import type { Relationship } from "./package";
import type { Report } from "./problem";
import { MAX_COL, MAX_ROW, colNum } from "./refs";
import { attr, kid, kids, NS, textOf, type XElem } from "./xml";

export const REL = {
  officeDocument: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  worksheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  styles: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
  sharedStrings: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
} as const;

export interface SheetInfo {
  name: string;
  /** 0-based position (localSheetId) */
  index: number;
  part?: string;
}

export interface StyleInfo {
  /** number of <xf> in cellXfs: a cell's s= must be below it */
  cellXfs: number;
  /** number of <dxf>: a cfRule's dxfId must be below it */
  dxfs: number;
}

/**
 * Excel's rules for a sheet name: 1–31 characters, none of : \ / ? * [ ], not beginning or ending with
 * an apostrophe, not "History" (Microsoft support, "Rename a worksheet",
 * https://support.microsoft.com/office/rename-a-worksheet-3f1f7148-ee83-404d-8ef0-9ff99fbad1f9; the
 * same rules for BrtBundleSh.strName in [MS-XLSB] 2.4.313). Names are compared case-insensitively.
 */
export function sheetNameIssues(name: string): string[] {
  const out: string[] = [];
  if (name.length < 1 || name.length > 31) out.push(`sheet name "${name}" has ${name.length} characters (Excel: 1–31)`);
  if (/[:\\/?*[\]]/.test(name)) out.push(`sheet name "${name}" contains one of : \\ / ? * [ ]`);
  if (name.startsWith("'") || name.endsWith("'")) out.push(`sheet name "${name}" begins or ends with an apostrophe`);
  if (name.toLowerCase() === "history") out.push(`sheet name "${name}" is reserved by Excel`);
  return out;
}

/** The built-in names Excel defines (ECMA-376 Part 1 §18.2.5, "Built-in defined names"). */
const BUILTIN = new Set([
  "_xlnm.print_area",
  "_xlnm.print_titles",
  "_xlnm.criteria",
  "_xlnm._filterdatabase",
  "_xlnm.extract",
  "_xlnm.consolidate_area",
  "_xlnm.sheet_title",
]);

/**
 * A defined name's own syntax: starts with a letter, "_" or "\", continues with letters, digits, "_"
 * and "."; not TRUE/FALSE, not "C"/"R", not a cell reference in A1 or R1C1 style; at most 255
 * characters (Microsoft support, "Define and use names in formulas" → "Learn about syntax rules for
 * names", https://support.microsoft.com/office/define-and-use-names-in-formulas-4d0f13ac-53b7-422e-afd2-abd7ff379c64;
 * ECMA-376 Part 1 §18.17.2.5 "Names"; [MS-OI29500] caps name attributes at 255 characters).
 */
export function definedNameIssues(name: string): string[] {
  const out: string[] = [];
  if (name.length > 255) out.push(`defined name of ${name.length} characters (Excel: at most 255)`);
  if (name.toLowerCase().startsWith("_xlnm.")) {
    if (!BUILTIN.has(name.toLowerCase())) out.push(`"${name}" is not one of Excel's built-in names`);
    return out;
  }
  if (!/^[\p{L}_\\][\p{L}\p{Nd}_.\\]*$/u.test(name)) out.push(`defined name "${name}" breaks the name syntax`);
  if (/^(true|false|r|c)$/i.test(name)) out.push(`defined name "${name}" is reserved`);
  const a1 = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
  if (a1 && colNum(a1[1]) <= MAX_COL && Number(a1[2]) >= 1 && Number(a1[2]) <= MAX_ROW)
    out.push(`defined name "${name}" is a cell reference`);
  if (/^[Rr]\d*[Cc]\d*$/.test(name)) out.push(`defined name "${name}" is an R1C1 reference`);
  return out;
}

export function checkSheets(wb: XElem, wbPart: string, wbRels: Relationship[], report: Report): SheetInfo[] {
  const sheetsEl = kid(wb, "sheets");
  const list = sheetsEl ? kids(sheetsEl, "sheet") : [];
  if (!list.length) report("workbook", "the workbook has no sheet", wbPart);
  const out: SheetInfo[] = [];
  const names = new Set<string>();
  const ids = new Set<string>();
  let visible = 0;
  list.forEach((s, index) => {
    const name = attr(s, "name") ?? "";
    for (const msg of sheetNameIssues(name)) report("sheet-name", msg, wbPart);
    if (names.has(name.toLowerCase()))
      report("sheet-name", `two sheets named "${name}" (names are compared case-insensitively)`, wbPart);
    names.add(name.toLowerCase());
    const id = attr(s, "sheetId") ?? "";
    if (ids.has(id)) report("workbook", `sheetId ${id} used twice`, wbPart);
    ids.add(id);
    if ((attr(s, "state") ?? "visible") === "visible") visible++;
    const rid = attr(s, "id", NS.r);
    const rel = wbRels.find((r) => r.id === rid);
    if (!rel)
      report("relationship", `sheet "${name}" names relationship ${rid}, which the workbook does not have`, wbPart);
    else if (rel.type !== REL.worksheet)
      report(
        "relationship",
        `sheet "${name}" is a ${rel.type.split("/").pop()}, not a worksheet (the only kind these checks read)`,
        wbPart
      );
    out.push({ name, index, part: rel?.target });
  });
  if (list.length && !visible) report("workbook", "no sheet is visible", wbPart);
  return out;
}

export function checkDefinedNames(wb: XElem, wbPart: string, sheets: SheetInfo[], report: Report): void {
  const dn = kid(wb, "definedNames");
  if (!dn) return;
  const seen = new Set<string>();
  const sheetNames = sheets.map((s) => s.name);
  for (const d of kids(dn, "definedName")) {
    const name = attr(d, "name") ?? "";
    const local = attr(d, "localSheetId");
    const where = `defined name ${name}${local !== undefined ? ` (sheet ${local})` : ""}`;
    for (const msg of definedNameIssues(name)) report("defined-name", msg, wbPart);
    const key = `${name.toLowerCase()}|${local ?? ""}`;
    if (seen.has(key)) report("defined-name", `${where} is defined twice in the same scope`, wbPart);
    seen.add(key);
    const sheet = local !== undefined ? sheets[Number(local)] : undefined;
    if (local !== undefined && !sheet) report("defined-name", `${where}: localSheetId ${local} names no sheet`, wbPart);
    const text = textOf(d);
    const builtin = name.toLowerCase().startsWith("_xlnm.print_");
    if (builtin && !sheet) report("defined-name", `${where} must be local to a sheet`, wbPart);
    for (const part of unionParts(text)) {
      for (const i of checkFormula(part, sheetNames))
        report(i.rule === "formula" ? "defined-name" : i.rule, `${where}: ${i.message}`, wbPart);
      if (builtin && sheet) {
        // Excel writes these as absolute areas of their own sheet: 'Sheet'!$A$1:$O$39, 'Sheet'!$3:$4, 'Sheet'!$A:$B
        const m =
          /^(?:'((?:[^']|'')+)'|([^'!]+))!(\$[A-Z]{1,3}\$\d+(?::\$[A-Z]{1,3}\$\d+)?|\$\d+:\$\d+|\$[A-Z]{1,3}:\$[A-Z]{1,3})$/.exec(
            part
          );
        if (!m) report("defined-name", `${where}: "${part}" is not an absolute area of one sheet`, wbPart);
        else if ((m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]) !== sheet.name)
          report("defined-name", `${where}: "${part}" is not on its own sheet "${sheet.name}"`, wbPart);
      }
    }
  }
}

/** The style sheet: every index inside it resolves; returns the counts cells and rules refer to. */
export function checkStyles(styles: XElem | null, part: string | undefined, report: Report): StyleInfo {
  if (!styles || !part) {
    report("style-index", "the workbook has no style sheet");
    return { cellXfs: 0, dxfs: 0 };
  }
  const count = (el: string, child: string) => {
    const e = kid(styles, el);
    return e ? kids(e, child).length : 0;
  };
  const fonts = count("fonts", "font");
  const fills = count("fills", "fill");
  const borders = count("borders", "border");
  const cellStyleXfs = count("cellStyleXfs", "xf");
  const numFmts = new Set(
    (kid(styles, "numFmts") ? kids(kid(styles, "numFmts") as XElem, "numFmt") : []).map((n) =>
      Number(attr(n, "numFmtId"))
    )
  );
  const xfs = kid(styles, "cellXfs") ? kids(kid(styles, "cellXfs") as XElem, "xf") : [];
  if (!xfs.length) report("style-index", "cellXfs is empty (every cell's style 0 must exist)", part);
  const checkXf = (xf: XElem, i: number, what: string, parentCount?: number) => {
    const idx = (a: string, max: number) => {
      const v = attr(xf, a);
      if (v !== undefined && !(Number(v) >= 0 && Number(v) < max))
        report("style-index", `${what} ${i}: ${a}=${v}, but there are ${max}`, part);
    };
    idx("fontId", fonts);
    idx("fillId", fills);
    idx("borderId", borders);
    if (parentCount !== undefined) idx("xfId", parentCount);
    const nf = attr(xf, "numFmtId");
    // ids 0–163 are Excel's built-in formats (ECMA-376 Part 1 §18.8.30 lists 0–49; the rest are reserved
    // for built-ins), custom ones must be defined in numFmts
    if (nf !== undefined && Number(nf) > 163 && !numFmts.has(Number(nf)))
      report("style-index", `${what} ${i}: numFmtId=${nf} is neither built in nor defined`, part);
  };
  xfs.forEach((xf, i) => checkXf(xf, i, "cellXfs xf", cellStyleXfs));
  (kid(styles, "cellStyleXfs") ? kids(kid(styles, "cellStyleXfs") as XElem, "xf") : []).forEach((xf, i) =>
    checkXf(xf, i, "cellStyleXfs xf")
  );
  // unique cell formats (Excel: 65,490)
  if (xfs.length > 65490) report("limit", `${xfs.length} cell formats (Excel: at most 65,490)`, part);
  return { cellXfs: xfs.length, dxfs: count("dxfs", "dxf") };
}

/** The shared strings: returns how many there are; every text within Excel's cell limit. */
export function checkSharedStrings(sst: XElem | null, part: string | undefined, report: Report): number {
  if (!sst || !part) return 0;
  const items = kids(sst, "si");
  items.forEach((si, i) => {
    const t =
      kids(si, "t").map(textOf).join("") +
      kids(si, "r")
        .map((r) => kids(r, "t").map(textOf).join(""))
        .join("");
    if (t.length > LIMITS.cellChars)
      report(
        "limit",
        `shared string ${i} has ${t.length} characters (Excel: at most ${LIMITS.cellChars} in a cell)`,
        part
      );
  });
  return items.length;
}

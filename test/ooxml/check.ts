/**
 * Would Excel open this .xlsx without its "We found a problem with some content" prompt? As far as a
 * machine without Excel can tell:
 *   (a) every XML part, reduced by the markup-compatibility rules, is valid against the ECMA-376
 *       Transitional / OPC schemas (xmllint; schema.ts), and its root is the one its content type needs;
 *   (b) every formula — cells, defined names, data validation, conditional formats — parses with an
 *       independent parser (HyperFormula) and names only known functions (formula.ts);
 *   (c) Excel's documented limits and the package's internal references hold: sheet and defined
 *       names, list sources, formula length and nesting, literals, no overlapping validations or
 *       merges, every style / shared-string / dxf index, every relationship target, every content
 *       type override (package.ts, workbook.ts, worksheet.ts).
 * Schema validity is necessary, not sufficient, and so is all of this: the first real Excel still
 * has the last word (docs/excel-checklist.md).
 */
import { contentTypes, readPackage, relationships, xmlOf, type Pkg, type Relationship } from "./package";
import type { Problem, Report } from "./problem";
import { CONTENT_TYPES, rootProblem, ROOTS, SchemaBatch } from "./schema";
import { checkDefinedNames, checkSharedStrings, checkSheets, checkStyles, REL } from "./workbook";
import { checkWorksheet } from "./worksheet";
import { attr, kids, NS, preprocess, serialize, type XElem } from "./xml";

export type { Problem, Report } from "./problem";

export interface CheckOptions {
  /** run xmllint (default true); the cheap checks always run */
  schema?: boolean;
}

/** What the checker read from a package, for further checks of the caller's own (agreement.ts). */
export interface ReadPackage {
  pkg: Pkg;
  rels: Map<string, Relationship[]>;
  /** every XML part by name, after markup-compatibility preprocessing */
  docs: Map<string, XElem>;
}

export interface FileInput {
  label: string;
  bytes: Uint8Array;
  /** false: this file skips xmllint (default true) */
  schema?: boolean;
  /** more checks on what was read; their problems join the checker's */
  also?: (read: ReadPackage, report: Report) => void;
}

/** Everything but xmllint; the parts go to `schema` (a batch for xmllint) when it is given. */
function prepare(file: FileInput, schema: ((part: string, xml: string) => void) | null): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (rule, message, part) => problems.push({ file: file.label, part, rule, message });
  const pkg = readPackage(file.bytes, report);
  if (!pkg) return problems;
  contentTypes(pkg, report);
  const rels = relationships(pkg, report);

  // every part: of a content type these checks know (an unknown part is a failure, not a skip),
  // well-formed, markup compatibility resolved, the root its content type needs, queued for xmllint
  const docs = new Map<string, XElem>();
  for (const part of pkg.parts.values()) {
    const contentType = part.name === "/[Content_Types].xml" ? CONTENT_TYPES : part.contentType;
    if (!contentType) continue; // contentTypes() reported it
    if (!ROOTS[contentType]) {
      report(
        "part",
        `content type ${contentType} is not one these checks know (an unknown part is a failure)`,
        part.name
      );
      continue;
    }
    const raw = xmlOf(part, report);
    if (!raw) continue;
    const mc = preprocess(raw);
    for (const e of mc.errors) report("mc", e, part.name);
    const wrong = rootProblem(contentType, mc.root);
    if (wrong) {
      report("part", wrong, part.name);
      continue;
    }
    docs.set(part.name, mc.root);
    schema?.(part.name, serialize(mc.root));
  }
  spreadsheet(pkg, rels, docs, report);
  file.also?.({ pkg, rels, docs }, report);
  return problems;
}

function spreadsheet(pkg: Pkg, rels: Map<string, Relationship[]>, docs: Map<string, XElem>, report: Report): void {
  const main = (rels.get("/") ?? []).filter((r) => r.type === REL.officeDocument);
  if (main.length !== 1) {
    report("relationship", `the package has ${main.length} officeDocument relationships, not 1`, "/_rels/.rels");
    return;
  }
  const wbPart = main[0].target;
  const wb = docs.get(wbPart);
  if (!wb) {
    report("workbook", `the workbook part ${wbPart} could not be read`);
    return;
  }
  const wbRels = rels.get(wbPart) ?? [];
  const sheets = checkSheets(wb, wbPart, wbRels, report);
  checkDefinedNames(wb, wbPart, sheets, report);
  const one = (type: string) => {
    const list = wbRels.filter((r) => r.type === type);
    if (list.length > 1) report("relationship", `${list.length} ${type.split("/").pop()} relationships`, wbPart);
    return list[0]?.target;
  };
  const stylesPart = one(REL.styles);
  const styles = checkStyles(stylesPart ? (docs.get(stylesPart) ?? null) : null, stylesPart, report);
  const sstPart = one(REL.sharedStrings);
  const sharedStrings = checkSharedStrings(sstPart ? (docs.get(sstPart) ?? null) : null, sstPart, report);
  for (const [part, doc] of docs) counts(doc, part, report);
  const sheetNames = sheets.map((s) => s.name);
  for (const s of sheets) {
    const ws = s.part ? docs.get(s.part) : undefined;
    if (!s.part || !ws) continue;
    checkWorksheet(ws, { part: s.part, sheetName: s.name, sheetNames, styles, sharedStrings }, report);
  }
  void pkg;
}

/**
 * SpreadsheetML collections carry a count of their children (fonts, cellXfs, mergeCells,
 * dataValidations …; sst's uniqueCount). Excel writes them exact; a wrong one is a sign that a writer
 * lost or duplicated an entry.
 */
function counts(root: XElem, part: string, report: Report): void {
  if (root.ns !== NS.sml) return;
  const walk = (el: XElem, depth: number) => {
    const declared = el.local === "sst" ? attr(el, "uniqueCount") : attr(el, "count");
    if (declared !== undefined && COUNTED.has(el.local)) {
      const n = kids(el).filter((k) => k.local !== "extLst").length;
      if (Number(declared) !== n)
        report(
          "count",
          `<${el.local} ${el.local === "sst" ? "uniqueCount" : "count"}="${declared}"> has ${n} entries`,
          part
        );
    }
    if (depth < 2) for (const k of kids(el)) walk(k, depth + 1);
  };
  walk(root, 0);
}

const COUNTED = new Set([
  "sst",
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "mergeCells",
  "dataValidations",
]);

/**
 * Checks many files, one after the other (a file is written only when its turn comes, so a long list
 * never sits in memory); one xmllint run at the end validates the parts of all of them.
 */
export async function checkMany(
  files: Iterable<FileInput> | AsyncIterable<FileInput>,
  opts: CheckOptions = {}
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const batch = opts.schema !== false ? new SchemaBatch() : null;
  try {
    const labels: string[] = [];
    for await (const f of files) {
      const i = labels.length;
      labels.push(f.label);
      const toSchema =
        batch && f.schema !== false ? (part: string, xml: string) => batch.add(`${i}\u0000${part}`, xml) : null;
      problems.push(...prepare(f, toSchema));
    }
    if (batch) {
      for (const [key, errors] of batch.run()) {
        const [i, part] = key.split("\u0000");
        for (const e of errors) problems.push({ file: labels[Number(i)], part, rule: "schema", message: e });
      }
    }
  } finally {
    batch?.dispose();
  }
  return problems;
}

/** Checks one written .xlsx: [] when it passes everything. */
export async function checkXlsx(buf: Uint8Array, label: string, opts: CheckOptions = {}): Promise<Problem[]> {
  return checkMany([{ label, bytes: buf }], opts);
}

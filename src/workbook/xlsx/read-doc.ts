/**
 * A filled template read with the bounded reader (../ooxml): the workbook names (contract.ts) as a
 * WorkbookSnapshot, and every formula of the template model compared with the file, so a workbook
 * whose weights or formulas were altered is reported rather than trusted. Pure: no Node or Office
 * APIs, so the task pane can load it in the browser as well.
 */
import type { Scheme } from "../../scheme/types";
import { finding, type AssessmentInput, type Finding } from "../../engine";
import { NAMES, type RangeSnapshot, type WorkbookSnapshot } from "../contract";
import { a1, quoteSheet } from "../a1";
import { LIMITS, type Limits } from "../limits";
import { assessmentFromSnapshot, locateFindings } from "../snapshot";
import { expectedModel, formulaFindings } from "../snapshot-model";
import { isFault, readXlsx, type Cell, type OoxmlFault, type SheetData, type XlsxDoc } from "../ooxml/xlsx";
import { verifyDoc, type Verified } from "../verify";

/** At most this many "formula altered" findings are listed one by one. */
const MAX_FORMULA_FINDINGS = 20;
const MAX_ROW = 1048576;
const MAX_COL = 16384;

/** What reading a workbook gives: the assessment, findings, and a way to put cell addresses on the engine's findings. */
export interface WorkbookRead {
  input: AssessmentInput | null;
  findings: Finding[];
  /** adds the cell address to findings that name a rater and item, or a clause */
  locate: (findings: Finding[]) => Finding[];
  /** the whole comparison with the template, when the file could be read */
  verified?: Verified;
}

/** A cell's value as the contract expects it: number, text, boolean, the error text, or null. */
export const valueOf = (c: Cell | undefined): unknown => (c ? c.value : null);

/** A cell's formula ("=…"), or its value when it holds none. */
export const formulaOf = (c: Cell | undefined): unknown => (c?.formula !== undefined ? `=${c.formula}` : valueOf(c));

/** The area a name refers to: one range on one sheet (whole columns and rows included), or null. */
export function nameArea(formula: string): { sheet: string; top: number; left: number; bottom: number; right: number } | null {
  const f = formula.trim().replace(/^=/, "");
  // the sheet: 'quoted, with '' for a quote' or a plain name (no quote, space, punctuation or brackets)
  let sheet: string;
  let rest: string;
  if (f.startsWith("'")) {
    let i = 1;
    sheet = "";
    for (;;) {
      if (i >= f.length) return null;
      if (f[i] === "'") {
        if (f[i + 1] === "'") {
          sheet += "'";
          i += 2;
          continue;
        }
        break;
      }
      sheet += f[i++];
    }
    if (f[i + 1] !== "!") return null;
    rest = f.slice(i + 2);
  } else {
    const m = /^([^'!,()\s[\]:*?/\\]+)!(.*)$/.exec(f);
    if (!m) return null;
    [, sheet, rest] = m;
  }
  if (!sheet || sheet.includes("[") || sheet.includes("]")) return null;
  const ref = rest.replace(/\$/g, "");
  if (/[^A-Za-z0-9:]/.test(ref)) return null;
  const parts = ref.split(":");
  if (parts.length > 2) return null;
  const cell = /^([A-Za-z]{1,3})(\d{1,7})$/;
  const colOnly = /^([A-Za-z]{1,3})$/;
  const rowOnly = /^(\d{1,7})$/;
  const colNum = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const ends = parts.map((p) => {
    let m = cell.exec(p);
    if (m) return { c: colNum(m[1]), r: Number(m[2]) };
    m = colOnly.exec(p);
    if (m && parts.length === 2) return { c: colNum(m[1]), r: null };
    m = rowOnly.exec(p);
    if (m && parts.length === 2) return { c: null, r: Number(m[1]) };
    return null;
  });
  if (ends.some((e) => e === null)) return null;
  const [p, q] = [ends[0], ends[ends.length - 1]] as { c: number | null; r: number | null }[];
  if ((p.c === null) !== (q.c === null) || (p.r === null) !== (q.r === null)) return null;
  const top = Math.min(p.r ?? 1, q.r ?? 1);
  const bottom = Math.max(p.r ?? MAX_ROW, q.r ?? MAX_ROW);
  const left = Math.min(p.c ?? 1, q.c ?? 1);
  const right = Math.max(p.c ?? MAX_COL, q.c ?? MAX_COL);
  if (top < 1 || left < 1 || bottom > MAX_ROW || right > MAX_COL) return null;
  return { sheet, top, left, bottom, right };
}

/** A read that failed as a whole: one finding, no input. */
function failed(f: Finding): WorkbookRead {
  return { input: null, findings: [f], locate: (fs) => fs };
}

/** The fault of the reader as a finding of `qcs score`. */
export function faultFinding(f: OoxmlFault): Finding {
  const code = f.code === "limit" ? "too-large" : "bad-field";
  const part = f.part ? { zh: `（部件 ${f.part}）`, en: ` (part ${f.part})` } : { zh: "", en: "" };
  const fault = f.code === "limit" ? { zh: f.text.zh + part.zh, en: f.text.en + part.en } : { zh: `无法读取 .xlsx 文件：${f.text.zh}${part.zh}`, en: `cannot read the .xlsx file: ${f.text.en}${part.en}` };
  return finding(code, "error", fault);
}

class SheetFault extends Error {
  constructor(readonly fault: OoxmlFault) {
    super(fault.text.en);
  }
}

/** The sheet by name, read on first use; a fault of the sheet is a fault of the whole file. */
function sheetOf(doc: XlsxDoc, name: string): SheetData | undefined {
  const s = doc.sheet(name);
  if (s && isFault(s)) throw new SheetFault(s);
  return s;
}

/**
 * The contract names as a snapshot (values and formulas), and findings about names that cannot be
 * read: defined twice, not one range, or covering more cells than LIMITS.nameCells.
 */
export function snapshotOfDoc(doc: XlsxDoc, limits: Limits = LIMITS): { snap: WorkbookSnapshot; findings: Finding[]; unread: Set<string> } {
  const snap: WorkbookSnapshot = { ranges: {} };
  const findings: Finding[] = [];
  const unread = new Set<string>();
  const wanted = new Map(Object.values(NAMES).map((n) => [n.toUpperCase(), n as string]));
  const global = doc.names.filter((n) => n.localSheetId === undefined && wanted.has(n.name.toUpperCase()));
  const seen = new Map<string, number>();
  for (const n of global) seen.set(wanted.get(n.name.toUpperCase()) as string, (seen.get(wanted.get(n.name.toUpperCase()) as string) ?? 0) + 1);
  for (const dn of global) {
    const name = wanted.get(dn.name.toUpperCase()) as string;
    if (unread.has(name) || snap.ranges[name]) continue;
    if ((seen.get(name) ?? 0) > 1) {
      unread.add(name);
      findings.push(finding("shape", "error", { zh: `名称 ${name} 被定义了不止一次，未读取`, en: `the name ${name} is defined more than once; not read` }, { field: name }));
      continue;
    }
    const area = nameArea(dn.formula);
    if (!area) {
      unread.add(name);
      findings.push(
        finding("shape", "error", { zh: `名称 ${name} 不是指向一个区域（${JSON.stringify(dn.formula.slice(0, 80))}），未读取`, en: `the name ${name} does not refer to one range (${JSON.stringify(dn.formula.slice(0, 80))}); not read` }, { field: name })
      );
      continue;
    }
    const rows = area.bottom - area.top + 1;
    const cols = area.right - area.left + 1;
    if (rows * cols > limits.nameCells) {
      unread.add(name);
      findings.push(
        finding(
          "too-large",
          "error",
          {
            zh: `名称 ${name} 覆盖 ${rows.toLocaleString("en-US")} 行 × ${cols.toLocaleString("en-US")} 列，超过上限 ${limits.nameCells.toLocaleString("en-US")} 个单元格（LIMITS.nameCells），未读取`,
            en: `the name ${name} covers ${rows.toLocaleString("en-US")} rows × ${cols.toLocaleString("en-US")} columns, over the bound of ${limits.nameCells.toLocaleString("en-US")} cells (LIMITS.nameCells); not read`,
          },
          { field: name }
        )
      );
      continue;
    }
    const ws = sheetOf(doc, area.sheet);
    if (!ws) continue; // a name on a sheet that is not there: reported as a missing name
    const values: unknown[][] = [];
    const formulas: unknown[][] = [];
    for (let r = area.top; r <= area.bottom; r++) {
      const vr: unknown[] = [];
      const fr: unknown[] = [];
      for (let c = area.left; c <= area.right; c++) {
        const cell = ws.cellAt(r, c);
        vr.push(valueOf(cell));
        fr.push(formulaOf(cell));
      }
      values.push(vr);
      formulas.push(fr);
    }
    const ref = rows === 1 && cols === 1 ? a1(area.left, area.top) : `${a1(area.left, area.top)}:${a1(area.right, area.bottom)}`;
    const range: RangeSnapshot = { address: `${quoteSheet(ws.info.name)}!${ref}`, values, formulas };
    snap.ranges[name] = range;
  }
  if (doc.date1904) snap.date1904 = true;
  return { snap, findings, unread };
}

/** Every formula cell of the template model, compared with the file. */
export function docFormulaFindings(doc: XlsxDoc, snap: WorkbookSnapshot, scheme: Scheme): Finding[] {
  const model = expectedModel(snap, scheme, "zh-CN");
  if (!model) return [];
  const found = new Map<string, unknown>();
  for (const sh of model.sheets) {
    const ws = sheetOf(doc, sh.name);
    if (!ws) continue;
    for (const c of sh.cells) {
      if (c.formula === undefined) continue;
      found.set(`${quoteSheet(sh.name)}!${c.ref}`, formulaOf(ws.cell(c.ref)));
    }
  }
  const fs = formulaFindings(found, scheme, snap);
  if (fs.length <= MAX_FORMULA_FINDINGS) return fs;
  return [
    ...fs.slice(0, MAX_FORMULA_FINDINGS),
    finding("altered", "error", {
      zh: `另有 ${fs.length - MAX_FORMULA_FINDINGS} 个公式与模板不一致`,
      en: `${fs.length - MAX_FORMULA_FINDINGS} more formulas differ from the template's`,
    }),
  ];
}

/** Reads a parsed workbook: the assessment and the findings (names, shapes, weights, formulas). */
export function readWorkbook(doc: XlsxDoc, scheme: Scheme, limits: Limits = LIMITS): WorkbookRead {
  try {
    const { snap, findings: nameFindings, unread } = snapshotOfDoc(doc, limits);
    // the named output cells are checked as part of the whole-workbook comparison below
    const bare: WorkbookSnapshot = { ranges: {} };
    for (const [k, v] of Object.entries(snap.ranges)) if (v) bare.ranges[k] = { address: v.address, values: v.values };
    const read = assessmentFromSnapshot(bare, scheme, formulaFindings);
    // a name reported above as unreadable is not also reported as missing
    const own = read.findings.filter((f) => !(f.code === "shape" && f.field !== undefined && unread.has(f.field) && f.cell === undefined));
    const findings = [...nameFindings, ...own, ...docFormulaFindings(doc, snap, scheme)];
    return { input: nameFindings.length ? null : read.input, findings, locate: (fs) => locateFindings(fs, snap, scheme) };
  } catch (e) {
    if (e instanceof SheetFault) return failed(faultFinding(e.fault));
    throw e;
  }
}

/**
 * Reads an .xlsx held in memory (Node or browser) as an untrusted returned workbook: the inputs read
 * where the template says they are, everything else compared with the template (../verify.ts).
 */
export function readWorkbookBytes(bytes: Uint8Array, scheme: Scheme, limits: Limits = LIMITS): WorkbookRead {
  const doc = readXlsx(bytes, limits);
  if (isFault(doc)) return failed(faultFinding(doc));
  try {
    const v = verifyDoc(doc, scheme);
    return { input: v.input, findings: v.findings, locate: v.locate, verified: v };
  } catch (e) {
    if (e instanceof SheetFault) return failed(faultFinding(e.fault));
    throw e;
  }
}

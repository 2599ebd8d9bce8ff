/**
 * A returned workbook, checked as an untrusted file (issue 9's principle): its result is what the
 * engine computes from its INPUT cells; everything else — every other cell's value, formula and number
 * format, the sheets, the workbook names, the protection, the stamp — is compared with the template
 * model of the version, kind, language and size the workbook claims, and every difference is a finding
 * naming the cell. Nothing in the file can switch this comparison off: the model is built from the
 * claim (the stamp, or what the sheets show when there is none), and a false claim only makes more
 * cells differ. What a viewer of the file would see as the result (the cached values) is compared with
 * what the engine computes. Pure: Node and the browser (the pane's import) alike.
 */
import type { Lang, Scheme } from "../scheme/types";
import { assess, capFindings, finding, FindingList, quote, type AssessmentInput, type AssessmentResult, type Finding, type SourceRecord } from "../engine";
import { LIMITS } from "./limits";
import { NAMES, type WorkbookSnapshot } from "./contract";
import { a1, parseArea, quoteSheet } from "./a1";
import { normalizeFormula } from "./formula-text";
import { pick, t } from "./labels";
import { buildTemplate, defaultSheetNames, fingerprintOf, KIND_SHEETS, MAX_RATERS, NC_ROWS, STAMP_FORMAT, STAMP_PROPERTY_PREFIX, TEMPLATE_VERSION, type SheetKey, type TemplateModel, type WorkbookKind } from "./model";
import { assessmentFromSnapshot, locateFindings } from "./snapshot";
import { formulaFindings } from "./snapshot-model";
import { isFault, type Cell, type SheetData, type XlsxDoc } from "./ooxml/xlsx";
import { faultFinding, nameArea } from "./xlsx/read-doc";
import { viewFindings } from "./verify-view";

/** What a returned workbook is and says. */
export interface Verified {
  /** the stamp as read (sheet, else custom properties); null when the workbook has none */
  stamp: Record<string, string> | null;
  kind: WorkbookKind | null;
  lang: Lang | null;
  /** the model the workbook was compared with */
  model: TemplateModel | null;
  /** the assessment from the input cells; null when the workbook cannot be read as a template */
  input: AssessmentInput | null;
  /** every finding (bounded: LIMITS.findingsPerFile, the rest counted) */
  findings: Finding[];
  /** nothing but the inputs differs from the template (no altered, missing, extra or forged content) */
  intact: boolean;
  /** the engine's result for the inputs (null when there is no input) */
  result: AssessmentResult | null;
  /** what the file shows for each output it has a cached value for, and what the engine computes */
  displayed: { name: string; cell: string; shows: unknown; computed: unknown }[];
  /** the rows of the sources sheet of a merged panel, as the file shows them (compared with the sheet's model); absent without one */
  sources?: SourceRecord[];
  locate: (fs: Finding[]) => Finding[];
}

const STAMP_SHEET = "qcs_stamp";
/** The first data row of the sources sheet (model/sources.ts: band, title, heading) and its columns. */
const SOURCES_FIRST_ROW = 4;
const SOURCE_KEYS: (keyof SourceRecord)[] = ["file", "sha256", "formId", "rater", "kind", "date", "verdict"];
/** Findings that mean the file is not what it was issued as (anything but the inputs' own faults). */
const TAMPER_CODES = new Set(["altered", "shape", "stamp", "displayed", "extra", "too-large", "bad-field"]);

const blank = (v: unknown) => v === null || v === undefined || v === "";
const altered = (cell: string, zh: string, en: string): Finding => finding("altered", "error", { zh, en }, { cell });

/** The stamp: the very hidden sheet's key/value rows, else the custom document properties. */
function readStamp(doc: XlsxDoc, out: FindingList): Record<string, string> | null {
  const fromProps: Record<string, string> = {};
  for (const [k, v] of doc.customProperties) if (k.startsWith(STAMP_PROPERTY_PREFIX)) fromProps[k.slice(STAMP_PROPERTY_PREFIX.length)] = String(v.value);
  const info = doc.sheets.find((s) => s.name === STAMP_SHEET);
  let fromSheet: Record<string, string> | null = null;
  if (info) {
    const ws = doc.sheet(info.index);
    if (ws && !isFault(ws)) {
      fromSheet = {};
      for (let r = 1; r <= 40; r++) {
        const k = ws.cellAt(r, 1)?.value;
        if (typeof k !== "string" || !k) continue;
        const v = ws.cellAt(r, 2)?.value;
        fromSheet[k] = v === null || v === undefined ? "" : String(v);
      }
    }
  }
  const hasProps = Object.keys(fromProps).length > 0;
  if (fromSheet && hasProps) {
    const keys = new Set([...Object.keys(fromSheet), ...Object.keys(fromProps)]);
    const differ = [...keys].filter((k) => fromSheet?.[k] !== fromProps[k]);
    if (differ.length) {
      out.push(
        finding(
          "stamp",
          "error",
          { zh: `印记工作表与文档属性不一致：${differ.join(", ")}`, en: `the stamp sheet and the document properties disagree: ${differ.join(", ")}` },
          { field: STAMP_SHEET }
        )
      );
    }
  }
  return fromSheet ?? (hasProps ? fromProps : null);
}

/** The claim a workbook makes about itself: from its stamp, else from what its sheets show. */
interface Claim {
  kind: WorkbookKind;
  lang: Lang;
  raters: number;
  ncRows: number;
  /** rows of the sources sheet: 0 without one, -1 when the sheet is there without a stamp that counts them */
  sources: number;
  /** the stamp's organisation: a form without a records sheet prints it in every page band */
  organization: string;
  /** the sheet names in use, by key */
  names: Record<SheetKey, string>;
  /** the names the stamp says the workbook was issued with (for the fingerprint) */
  issuedNames: Record<SheetKey, string> | null;
}

function langOfSheets(doc: XlsxDoc): Lang {
  const en = defaultSheetNames("en-US");
  return doc.sheets.some((s) => Object.values(en).includes(s.name) && s.name !== STAMP_SHEET) ? "en-US" : "zh-CN";
}

/** The rater columns of an unstamped service sheet: where its "actual score" heading stands. */
function ratersOfSheet(ws: SheetData, lang: Lang, scheme: Scheme): number | null {
  const L = buildTemplate(scheme, { raters: 1, lang }).layout.service;
  const head = t("hActual", lang);
  for (const c of ws.cells) if (c.row === L.firstItemRow - 2 && c.value === head) return c.col - L.alphaCol;
  return null;
}

function claimOf(doc: XlsxDoc, stamp: Record<string, string> | null, scheme: Scheme, out: FindingList): Claim | null {
  const lang: Lang = stamp?.lang === "en-US" || stamp?.lang === "zh-CN" ? stamp.lang : langOfSheets(doc);
  const defaults = defaultSheetNames(lang);
  const sheets = doc.sheets.filter((s) => s.name !== STAMP_SHEET);
  let kind: WorkbookKind;
  if (stamp?.kind && stamp.kind in KIND_SHEETS) kind = stamp.kind as WorkbookKind;
  else if (sheets.some((s) => s.name === defaults.records || s.name === defaults.result) || sheets.length >= 5) kind = "assessment";
  else kind = sheets.length >= 3 ? "form-maturity" : "form";
  const sourcesCount = Number(stamp?.sources ?? (sheets.some((s) => s.name === defaults.sources) ? NaN : 0));
  const keys = KIND_SHEETS[kind];
  const names = { ...defaults };
  keys.forEach((k, i) => {
    if (sheets[i]) names[k] = sheets[i].name;
  });
  const hasSources = sourcesCount > 0 || Number.isNaN(sourcesCount);
  if (hasSources && sheets[keys.length]) names.sources = sheets[keys.length].name;
  let issuedNames: Record<SheetKey, string> | null = null;
  if (stamp?.sheets) {
    try {
      const list = JSON.parse(stamp.sheets) as unknown;
      if (Array.isArray(list) && list.every((x) => typeof x === "string")) {
        issuedNames = { ...defaults };
        keys.forEach((k, i) => {
          if (list[i]) (issuedNames as Record<SheetKey, string>)[k] = list[i] as string;
        });
      }
    } catch {
      out.push(finding("stamp", "error", { zh: "印记中的工作表名称无法读取", en: "the stamp's sheet names cannot be read" }, { field: STAMP_SHEET }));
    }
  }
  let raters = Number(stamp?.raters);
  if (!stamp?.raters) {
    const ws = doc.sheet(names.service);
    if (ws && isFault(ws)) {
      out.push(faultFinding(ws));
      return null;
    }
    raters = (ws ? ratersOfSheet(ws, lang, scheme) : null) ?? NaN;
  }
  if (!Number.isInteger(raters) || raters < 1 || raters > MAX_RATERS) {
    out.push(finding("shape", "error", { zh: "无法确定评价列数：不是本工具写出的评分表", en: "the number of rater columns cannot be told: not a workbook written by this tool" }));
    return null;
  }
  const ncRows = Math.max(NC_ROWS, Number(stamp?.ncRows) || NC_ROWS);
  if (ncRows > LIMITS.nonconformityRows) {
    const n = LIMITS.nonconformityRows.toLocaleString("en-US");
    out.push(finding("too-large", "error", { zh: `印记声称不符合项表有 ${quote(stamp?.ncRows)} 行，超过上限 ${n}（LIMITS.nonconformityRows）：未读取`, en: `the stamp claims ${quote(stamp?.ncRows)} rows of nonconformities, over the bound of ${n} (LIMITS.nonconformityRows); not read` }, { field: STAMP_SHEET }));
    return null;
  }
  // the number of sources rows: the stamp's count (bounded), else as many rows as the sheet shows
  const sources = !hasSources ? 0 : Number.isInteger(sourcesCount) && sourcesCount > 0 && sourcesCount <= LIMITS.raters ? sourcesCount : -1;
  if (Number.isInteger(sourcesCount) && sourcesCount > LIMITS.raters) {
    out.push(finding("stamp", "error", { zh: `印记中的来源数 ${sourcesCount} 超过上限 ${LIMITS.raters}`, en: `the stamp's number of sources ${sourcesCount} is over the bound of ${LIMITS.raters}` }, { field: STAMP_SHEET }));
  }
  // a form prints the stamp's organisation in its page band; an assessment's band is a formula over its records
  const organization = kind === "assessment" ? "" : (stamp?.organization ?? "");
  return { kind, lang, raters, ncRows, sources, organization, names, issuedNames };
}

const MODELS = new Map<string, TemplateModel>();
/**
 * Built models by claim: verifying many files builds each model once. The stamp's organisation is part
 * of a form's fixed content (its page band); the model carries no stamp sheet (the stamp is read, not
 * compared). With `sources`, the model has the sources sheet of those rows (a merged panel: one per file).
 */
function modelFor(scheme: Scheme, c: Claim, names: Record<SheetKey, string>, sources?: SourceRecord[]): TemplateModel {
  const build = () => {
    const m = buildTemplate(scheme, {
      raters: c.raters,
      lang: c.lang,
      kind: c.kind,
      sheetNames: names,
      nonconformityRows: c.ncRows,
      stamp: { formId: "", issued: "", organization: c.organization },
      ...(sources ? { sources } : {}),
    });
    const { stamp: _stamp, ...rest } = m;
    return { ...rest, sheets: m.sheets.filter((sh) => sh.key !== "stamp") };
  };
  if (sources) return build();
  const key = JSON.stringify([scheme.id, scheme.version, c.kind, c.lang, c.raters, c.ncRows, c.organization, names]);
  let m = MODELS.get(key);
  if (!m) {
    m = build();
    if (MODELS.size > 64) MODELS.clear();
    MODELS.set(key, m);
  }
  return m;
}

/**
 * The rows of a merged panel's sources sheet as the file shows them: `count` rows (the stamp's), or
 * when no stamp counts them, the rows down to the first empty one (at most LIMITS.raters).
 */
function sourceRows(ws: SheetData, count: number): SourceRecord[] {
  const rows: SourceRecord[] = [];
  const max = count > 0 ? count : LIMITS.raters;
  for (let k = 0; k < max; k++) {
    const r = SOURCES_FIRST_ROW + k;
    const values = SOURCE_KEYS.map((_, i) => ws.cellAt(r, i + 1)?.value ?? null);
    if (count <= 0 && values.every(blank)) break;
    const row: Record<string, unknown> = {};
    SOURCE_KEYS.forEach((key, i) => {
      if (!blank(values[i])) row[key] = values[i];
    });
    rows.push(row as unknown as SourceRecord);
  }
  return rows;
}

const sameNumber = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const fmtKey = (f: string | undefined) => (f ?? "General").replace(/\\/g, "").replace(/"/g, "").toLowerCase();

/** Compares one sheet of the model with the file, cell by cell. */
function compareSheet(doc: XlsxDoc, ws: SheetData, sh: TemplateModel["sheets"][number], skip: Set<string>, out: FindingList): void {
  const at = (ref: string) => `${quoteSheet(sh.name)}!${ref}`;
  const inModel = new Set<string>();
  for (const c of sh.cells) {
    inModel.add(c.ref);
    if (out.full) {
      out.tally("error");
      continue;
    }
    const d = ws.cell(c.ref);
    if (c.input) {
      if (d?.formula !== undefined) {
        out.push(
          finding(
            "altered",
            "error",
            { zh: `输入单元格中是公式 =${d.formula.slice(0, 60)}：输入单元格只能填写值，公式及其缓存结果不予采信`, en: `an input cell holds the formula =${d.formula.slice(0, 60)}: inputs must be values; the formula and its cached result are not trusted` },
            { cell: at(c.ref) }
          )
        );
      }
      continue;
    }
    if (skip.has(c.ref)) continue;
    if (c.formula !== undefined) {
      if (d?.formula === undefined) out.push(altered(at(c.ref), `公式被替换为值 ${quote(d?.value ?? null)}`, `the formula was replaced by the value ${quote(d?.value ?? null)}`));
      else if (normalizeFormula(d.formula) !== normalizeFormula(c.formula)) out.push(altered(at(c.ref), "公式与模板不一致", "the formula differs from the template's"));
    } else {
      const want = c.value ?? null;
      const got = d?.formula !== undefined ? `=${d.formula}` : (d?.value ?? null);
      const same = blank(want) ? blank(got) : typeof want === "number" ? typeof got === "number" && sameNumber(want, got) : got === want;
      if (!same) out.push(altered(at(c.ref), `内容被改为 ${quote(got)}，模板为 ${quote(want)}`, `the content was changed to ${quote(got)}; the template has ${quote(want)}`));
    }
    // what a viewer sees: the number format of every computed or formatted cell
    if (c.numFmt !== undefined || c.formula !== undefined) {
      const got = d ? doc.formatCode(d.s) : undefined;
      if (fmtKey(got) !== fmtKey(c.numFmt)) out.push(altered(at(c.ref), `数字格式被改为 ${quote(got ?? "General")}，模板为 ${quote(c.numFmt ?? "General")}`, `the number format was changed to ${quote(got ?? "General")}; the template has ${quote(c.numFmt ?? "General")}`));
    }
  }
  for (const d of ws.cells) {
    if (inModel.has(d.ref)) continue;
    if (d.formula === undefined && blank(d.value)) continue;
    if (out.full) {
      out.tally("error");
      continue;
    }
    out.push(finding("extra", "error", { zh: `模板中没有的内容 ${quote(d.formula !== undefined ? `=${d.formula}` : d.value)}`, en: `content that is not in the template: ${quote(d.formula !== undefined ? `=${d.formula}` : d.value)}` }, { cell: at(d.ref) }));
  }
  if (!ws.protection?.sheet) out.push(finding("altered", "error", { zh: "工作表的保护被取消", en: "the sheet is no longer protected" }, { field: sh.name }));
}

/** The value of an input cell as the snapshot carries it (a formula is never trusted through its cached value). */
function inputValue(d: Cell | undefined): unknown {
  if (!d || d.formula !== undefined) return null;
  return d.value;
}

export function verifyDoc(doc: XlsxDoc, scheme: Scheme): Verified {
  const out = new FindingList(LIMITS.findingsPerFile);
  /** the file cannot be read as a template: the reason first (a bound hit, a damaged part), then what else was found */
  const none = (first?: Finding): Verified => ({ stamp, kind: null, lang: null, model: null, input: null, findings: first ? capFindings([first, ...out.list()], LIMITS.findingsPerFile) : out.list(), intact: false, result: null, displayed: [], locate: (fs) => fs });
  const stamp = readStamp(doc, out);
  if (!stamp) out.push(finding("stamp", "warning", { zh: "没有印记：不是本工具写出的评分表，或印记已被删除", en: "no stamp: not written by this tool, or the stamp was removed" }, { field: STAMP_SHEET }));
  if (stamp) {
    if (stamp.format !== STAMP_FORMAT) out.push(finding("stamp", "error", { zh: `印记格式 ${quote(stamp.format)} 不是本工具的 ${STAMP_FORMAT}`, en: `the stamp's format ${quote(stamp.format)} is not this tool's ${STAMP_FORMAT}` }, { field: STAMP_SHEET }));
    if (stamp.scheme !== scheme.id) out.push(finding("stamp", "error", { zh: `评分表是为 ${quote(stamp.scheme)} 制作的，本工具按 ${quote(scheme.id)} 计分`, en: `the workbook was made for ${quote(stamp.scheme)}; this tool scores ${quote(scheme.id)}` }, { field: STAMP_SHEET }));
    if (stamp.templateVersion !== TEMPLATE_VERSION) {
      out.push(
        finding(
          "stamp",
          "error",
          { zh: `评分表模板版本为 ${quote(stamp.templateVersion)}，本工具读取 ${TEMPLATE_VERSION}：请用本工具重新发放`, en: `the workbook's template version is ${quote(stamp.templateVersion)}; this tool reads ${TEMPLATE_VERSION}: issue it again with this tool` },
          { field: STAMP_SHEET }
        )
      );
      return none();
    }
  }
  const claim = claimOf(doc, stamp, scheme, out);
  if (!claim) return none();
  // a merged panel's sources sheet: its rows are data, everything around them is compared like any sheet
  let sources: SourceRecord[] | undefined;
  if (claim.sources !== 0) {
    const ws = doc.sheets.some((s) => s.name === claim.names.sources) ? doc.sheet(claim.names.sources) : undefined;
    if (ws && isFault(ws)) return none(faultFinding(ws));
    sources = ws ? sourceRows(ws, claim.sources) : [];
    // every row the stamp counts names its file (a merge writes the name and the SHA-256 of every file)
    const empty = ws && claim.sources > 0 ? sources.filter((r) => blank(r.file) || blank(r.sha256)).length : 0;
    if (empty) {
      out.push(
        finding(
          "shape",
          "error",
          { zh: `来源工作表中有 ${empty} 行没有文件名或 SHA-256（印记记录了 ${claim.sources} 个来源）`, en: `${empty} row(s) of the sources sheet have no file name or SHA-256 (the stamp counts ${claim.sources} sources)` },
          { field: claim.names.sources }
        )
      );
    }
  }
  let model: TemplateModel;
  try {
    model = modelFor(scheme, claim, claim.names, sources);
  } catch (e) {
    out.push(finding("shape", "error", { zh: `无法按印记建立模板：${(e as Error).message}`, en: `no template fits the stamp: ${(e as Error).message}` }));
    return none();
  }
  // the stamp's fingerprint is the fixed content of the template as issued
  if (stamp?.fingerprint) {
    const issued = claim.issuedNames ? modelFor(scheme, claim, claim.issuedNames) : model;
    if (fingerprintOf(issued) !== stamp.fingerprint) {
      out.push(finding("stamp", "error", { zh: "印记中的指纹与该模板版本的固定内容不符（印记被改动，或不是本版本写出的）", en: "the stamp's fingerprint does not match the fixed content of this template version (the stamp was edited, or another version wrote it)" }, { field: STAMP_SHEET }));
    }
  }

  // the sheets: the template's, in order; the stamp and the sources sheet; nothing else
  const wanted = new Set([...model.sheets.map((s) => s.name), STAMP_SHEET, ...(claim.sources ? [claim.names.sources] : [])]);
  for (const s of doc.sheets) if (!wanted.has(s.name)) out.push(finding("extra", "error", { zh: `模板中没有的工作表 ${quote(s.name)}`, en: `a sheet that is not in the template: ${quote(s.name)}` }, { field: s.name }));
  // weights are reported by the reader below with the scheme's value
  const weightRefs = new Map<string, Set<string>>();
  for (const n of model.names.filter((x) => x.name === NAMES.weights || x.name === NAMES.clauseWeights)) {
    const a = parseArea(n.ref);
    const set = weightRefs.get(n.sheet) ?? new Set<string>();
    for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) set.add(a1(c, r));
    weightRefs.set(n.sheet, set);
  }
  const sheets = new Map<string, SheetData>();
  for (const sh of model.sheets) {
    const ws = doc.sheet(sh.name);
    if (ws && isFault(ws)) return none(faultFinding(ws));
    if (!ws || !doc.sheets.some((s) => s.name === sh.name)) {
      out.push(finding("shape", "error", { zh: `缺少工作表 ${quote(sh.name)}`, en: `the sheet ${quote(sh.name)} is missing` }, { field: sh.name }));
      continue;
    }
    const info = doc.sheets.find((s) => s.name === sh.name);
    if (info && info.state !== "visible") out.push(finding("altered", "error", { zh: "工作表被隐藏", en: "the sheet was hidden" }, { field: sh.name }));
    sheets.set(sh.name, ws);
    compareSheet(doc, ws, sh, weightRefs.get(sh.name) ?? new Set(), out);
    out.push(...viewFindings(doc, ws, sh)); // conditional formats, objects over cells, headers and footers
  }

  // the workbook names: exactly the template's (QCS_*), pointing where the template says
  const globals = doc.names.filter((n) => n.localSheetId === undefined);
  const docNames = new Map(globals.map((n) => [n.name.toUpperCase(), n]));
  for (const [k, d] of docNames) {
    if (k.startsWith("QCS_") && globals.filter((n) => n.name.toUpperCase() === k).length > 1) {
      out.push(finding("altered", "error", { zh: `名称 ${d.name} 被定义了不止一次`, en: `the name ${d.name} is defined more than once` }, { field: k }));
    }
  }
  for (const n of model.names) {
    const d = docNames.get(n.name.toUpperCase());
    const area = d ? nameArea(d.formula) : null;
    const want = parseArea(n.ref);
    if (!d) out.push(finding("shape", "error", { zh: `缺少名称 ${n.name}`, en: `the name ${n.name} is missing` }, { field: n.name }));
    else if (!area || area.sheet !== n.sheet || area.top !== want.top || area.left !== want.left || area.bottom !== want.bottom || area.right !== want.right) {
      out.push(finding("altered", "error", { zh: `名称 ${n.name} 指向 ${quote(d.formula)}，模板为 ${quoteSheet(n.sheet)}!${n.ref}`, en: `the name ${n.name} points to ${quote(d.formula)}; the template has ${quoteSheet(n.sheet)}!${n.ref}` }, { field: n.name }));
    }
  }
  for (const [k, d] of docNames) if (k.startsWith("QCS_") && !model.names.some((n) => n.name === k)) out.push(finding("extra", "error", { zh: `模板中没有的名称 ${d.name}`, en: `a name that is not in the template: ${d.name}` }, { field: d.name }));

  // the inputs, read where the TEMPLATE says they are (the file's names are compared above, never followed)
  const snap: WorkbookSnapshot = { ranges: {}, date1904: doc.date1904 };
  for (const n of model.names) {
    const ws = sheets.get(n.sheet);
    if (!ws) continue;
    const a = parseArea(n.ref);
    const values: unknown[][] = [];
    for (let r = a.top; r <= a.bottom; r++) {
      const row: unknown[] = [];
      for (let c = a.left; c <= a.right; c++) {
        const d = ws.cellAt(r, c);
        // a weight is read as it stands, a formula as its text (a weight "=50" is an altered weight, whatever it shows)
        if (n.name === NAMES.weights || n.name === NAMES.clauseWeights) row.push(d?.formula !== undefined ? `=${d.formula}` : (d?.value ?? null));
        else row.push(inputValue(d));
      }
      values.push(row);
    }
    snap.ranges[n.name] = { address: `${quoteSheet(n.sheet)}!${n.ref}`, values };
  }
  const read = assessmentFromSnapshot(snap, scheme, formulaFindings);
  out.push(...read.findings);
  const result = read.input ? assess(read.input, scheme, { numericText: true }) : null;

  // what a viewer sees against what the engine computes (where the file carries computed values)
  const displayed: Verified["displayed"] = [];
  if (result) {
    const computed: Record<string, unknown> = {
      [NAMES.serviceScore]: result.service.score,
      [NAMES.maturityTotal]: result.maturity.total,
      [NAMES.maturityLevel]: result.maturity.level,
      [NAMES.grade]: result.gradeCode,
      [NAMES.serviceMargin]: result.robustness?.serviceMargin ?? null,
      [NAMES.maturityMargin]: result.robustness?.maturityMargin ?? null,
    };
    const res = model.layout.result;
    const gradeLabel = res ? { name: "gradeLabel", ref: a1(2, res.gradeRow), sheet: claim.names.result } : null;
    const outputs = model.names.filter((n) => n.name in computed).map((n) => ({ name: n.name, ref: n.ref, sheet: n.sheet }));
    if (gradeLabel) outputs.push(gradeLabel);
    if (gradeLabel) computed.gradeLabel = result.gradeLabel ? pick(result.gradeLabel, claim.lang) : null;
    // cells that only repeat an output, `IF(ISNUMBER(x),x,"")` (the result page's score, total and level), show the same value
    for (const sh of model.sheets) {
      for (const c of sh.cells) {
        const m = c.formula ? /^IF\(ISNUMBER\(((?:'(?:[^']|'')+'|[^'!(),]+)!)?\$?([A-Z]{1,3})\$?(\d+)\),(.*)\)$/.exec(c.formula) : null;
        if (!m || m[4] !== `${m[1] ?? ""}${m[2]}${m[3]},""` || m[4].includes("$")) continue;
        const sheet = m[1] ? m[1].slice(0, -1).replace(/^'|'$/g, "").replace(/''/g, "'") : sh.name;
        const o = outputs.find((x) => x.sheet === sheet && x.ref.replace(/\$/g, "") === `${m[2]}${m[3]}`);
        if (o) outputs.push({ name: o.name, ref: c.ref, sheet: sh.name });
      }
    }
    for (const o of outputs) {
      const d = sheets.get(o.sheet)?.cell(o.ref);
      if (!d || !d.hasCachedValue) continue;
      const want = computed[o.name];
      const shows = d.value;
      const same = blank(want) ? blank(shows) : typeof want === "number" ? typeof shows === "number" && sameNumber(want, shows) : shows === want;
      displayed.push({ name: o.name, cell: `${quoteSheet(o.sheet)}!${o.ref}`, shows, computed: want ?? null });
      if (!same) {
        out.push(
          finding(
            "displayed",
            "error",
            { zh: `文件显示 ${quote(shows)}，按输入重新计算为 ${quote(want ?? "")}`, en: `the file shows ${quote(shows)}; recomputed from its inputs it is ${quote(want ?? "")}` },
            { cell: `${quoteSheet(o.sheet)}!${o.ref}`, field: o.name }
          )
        );
      }
    }
  }
  const findings = out.list();
  const intact = !findings.some((f) => f.severity === "error" && TAMPER_CODES.has(f.code));
  return { stamp, kind: claim.kind, lang: claim.lang, model, input: read.input, findings, intact, result, displayed, ...(sources ? { sources } : {}), locate: (fs) => locateFindings(fs, snap, scheme) };
}

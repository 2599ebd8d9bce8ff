/**
 * The pane's import of returned forms (issue 10), planned before anything is written: from what the
 * open workbook holds and what the verified files bring, exactly which input cells an import writes
 * and whether the Appendix 1 needs more rater columns. Both workbook ports (Office.js and the
 * in-memory preview) carry out the same plan; the pane shows it first. Pure.
 *
 * The rules (docs/round-trip.md, "任务窗格导入 / Import in the task pane"):
 *  - The files are combined by mergeForms (same refusals as `qcs merge`: a form id twice, different
 *    organisations, schemes or maturity levels, unreadable files, files with findings unless accepted).
 *  - Rater columns: the open workbook's non-empty columns first (in their order), then the imported
 *    columns in file order. An empty column is one with no α, no particulars and no evidence.
 *  - The open workbook is the auditor's own: none of its non-blank inputs is ever overwritten. The
 *    files' maturity levels (and clause evidence) are written only when the workbook has no level at
 *    all; the organisation only when the workbook has none (a different one refuses the import); the
 *    files' other records (audit, conformity review, nonconformities, 4.2.2, 5.2.2) are never written.
 *  - Refused as well: a form already listed in the workbook's sources sheet (by form id or by the
 *    file's SHA-256) or the workbook's own form id, more than MAX_RATERS columns, no columns to import.
 */
import type { Lang, Scheme, Text } from "../scheme/types";
import { finding, type AssessmentInput, type Finding, type RaterInput, type SourceRecord } from "../engine";
import { NAMES, type WorkbookSnapshot } from "./contract";
import { quoteSheet } from "./a1";
import { buildTemplate, defaultSheetNames, fillModel, MAX_RATERS, NC_ROWS, type SheetKey, type StampInfo, type TemplateModel, type WorkbookKind } from "./model";
import { mergeForms, type MergeResult, type ReturnedFile } from "./merge";
import { kindOf } from "./snapshot";
import { locate } from "./snapshot-locate";
import { freeSheetName } from "./excel/insert";
import { blankCell, blankGrid, fillInputs, inputNames, modelGrid, rawGrid, type Grid, type RawCell } from "./import-cells";

/** Files one import takes (the chosen bound: no more files than a workbook has rater columns). */
export const MAX_IMPORT_FILES = MAX_RATERS;
/** Rows of a sources sheet read back (more refuses the import: the sheet is not one this tool wrote). */
export const MAX_SOURCE_ROWS = 1000;

/** What an import needs to know about the open workbook. */
export interface OpenWorkbook {
  /** the contract names: values, and formulas where the reader has them */
  snapshot: WorkbookSnapshot;
  /** the stamp (key → value), as the workbook's custom document properties carry it; null: none */
  stamp: Record<string, string> | null;
  /** every sheet of the workbook, in order */
  sheets: string[];
  /** the sources sheet and its rows, when the workbook has one */
  sources: { sheet: string; rows: SourceRecord[] } | null;
}

export interface ImportRequest {
  /** the files the auditor accepts, read and verified, in the order chosen */
  files: ReturnedFile[];
  /** files with verify findings are among them, accepted as such (recorded "accepted with findings") */
  force?: boolean;
}

/** What an import changed in the workbook (sheet and name lists), for the pane's report and tests. */
export interface ImportChanges {
  rebuilt: string[];
  patched: string[];
  added: string[];
  deleted: string[];
  names: string[];
  properties: string[];
}

/** What a port's import did: the plan it carried out (or refused) and whether anything was written. */
export interface ImportOutcome {
  plan: ImportPlan;
  /** the workbook was changed (false: refused, nothing written) */
  written: boolean;
  changes?: ImportChanges;
}

/** The template the open workbook holds: kind, language, size and sheet names. */
export interface OpenLayout {
  kind: WorkbookKind;
  lang: Lang;
  raters: number;
  ncRows: number;
  names: Record<SheetKey, string>;
  stamp: StampInfo | null;
}

export type LevelsNote = "written" | "kept" | "none" | "no-sheet";

export interface ImportPlan {
  /** why nothing may be written (empty: the plan can be carried out) */
  refusals: Finding[];
  merged: MergeResult;
  layout: OpenLayout | null;
  columns: { before: number; used: number; imported: number; after: number };
  /** the Appendix 1 has too few empty columns: the template is rebuilt for `columns.after` columns */
  grow: boolean;
  /** the input cells the import changes, by contract name: the whole named block in the layout after the import */
  writes: Partial<Record<string, Grid>>;
  /** every input name of the workbook as read (for a rebuild and for undoing one) */
  before: Partial<Record<string, Grid>>;
  /** the template as it is, filled with what was read; and as it will be, filled with the result */
  beforeModel: TemplateModel | null;
  afterModel: TemplateModel | null;
  /** the sources sheet's rows after the import, and the new ones */
  sources: SourceRecord[];
  added: SourceRecord[];
  /** the imported rater columns, in order */
  raters: RaterInput[];
  levels: { note: LevelsNote; from?: string };
  organization: { note: "written" | "kept" | "none"; value?: string };
  /** what the auditor should know (zh/en): columns added, levels kept, records not imported */
  notes: Text[];
}

const t = (zh: string, en: string): Text => ({ zh, en });
const refusal = (zh: string, en: string): Finding => finding("bad-field", "error", { zh, en });

/** A cell as text (trimmed), or "" for anything else. */
const textOf = (v: RawCell | undefined): string => (typeof v === "string" || typeof v === "number" ? String(v).trim() : "");

/** The stamp as what a model needs to write it again (form id, date, organisation, rater, kind). */
function stampInfo(stamp: Record<string, string> | null): StampInfo | null {
  if (!stamp?.formId) return null;
  const kind = stamp.raterKind === "person" || stamp.raterKind === "visit" ? stamp.raterKind : undefined;
  return { formId: stamp.formId, issued: stamp.issued ?? "", organization: stamp.organization ?? "", rater: stamp.rater ?? "", ...(kind ? { kind } : {}) };
}

/** Which template the workbook holds, from its names (and its stamp for the language). */
export function layoutOf(open: OpenWorkbook, scheme: Scheme, out: Finding[]): OpenLayout | null {
  const r = open.snapshot.ranges;
  const alpha = r[NAMES.alpha];
  const la = alpha && !alpha.unread ? locate(alpha) : null;
  if (!la) {
    out.push(refusal("此工作簿中没有评分表（名称 QCS_ALPHA）：请先插入评分表", "this workbook has no scoring templates (name QCS_ALPHA): insert them first"));
    return null;
  }
  for (const name of [NAMES.raterInfo, NAMES.evidence]) {
    const x = r[name];
    const l = x && !x.unread ? locate(x) : null;
    if (!l || l.cols !== la.cols) {
      out.push(
        refusal(
          `评分表缺少名称 ${name}（或其列数与 QCS_ALPHA 不同）：请插入本版本的评分表后再导入`,
          `the templates lack the name ${name} (or its columns differ from QCS_ALPHA's): insert this version's templates, then import`
        )
      );
      return null;
    }
  }
  if (la.cols < 1 || la.cols > MAX_RATERS || la.rows !== scheme.items.length) {
    out.push(refusal(`名称 QCS_ALPHA 为 ${la.rows} 行 × ${la.cols} 列，不是模板的形状`, `the name QCS_ALPHA is ${la.rows} rows × ${la.cols} columns, not the template's shape`));
    return null;
  }
  const sheetOf = (name: string) => {
    const x = r[name];
    return x ? (locate(x)?.sheet ?? null) : null;
  };
  const en = defaultSheetNames("en-US");
  const base = la.sheet.replace(/ \(\d+\)$/, "");
  const lang: Lang = open.stamp?.lang === "en-US" || open.stamp?.lang === "zh-CN" ? open.stamp.lang : base === en.service ? "en-US" : "zh-CN";
  const names = { ...defaultSheetNames(lang) };
  names.service = la.sheet;
  for (const [key, name] of [["evidence", NAMES.evidence], ["maturity", NAMES.levels], ["records", NAMES.audit], ["result", NAMES.grade]] as [SheetKey, string][]) {
    const s = sheetOf(name);
    if (s) names[key] = s;
  }
  names.sources = open.sources?.sheet ?? freeSheetName(names.sources, new Set(open.sheets.map((s) => s.toLowerCase())));
  const nc = r[NAMES.nonconformities];
  const ncFromName = nc && !nc.unread ? locate(nc)?.rows : undefined;
  const ncFromStamp = Number(open.stamp?.ncRows);
  const ncRows = Math.max(NC_ROWS, ncFromName ?? (Number.isInteger(ncFromStamp) ? ncFromStamp : NC_ROWS));
  return { kind: kindOf(open.snapshot), lang, raters: la.cols, ncRows, names, stamp: stampInfo(open.stamp) };
}

/** The model of the workbook's template for `raters` columns and these sources. */
export function modelOf(scheme: Scheme, layout: OpenLayout, raters: number, sources: SourceRecord[] | undefined): TemplateModel {
  return buildTemplate(scheme, {
    raters,
    lang: layout.lang,
    kind: layout.kind,
    sheetNames: layout.names,
    nonconformityRows: layout.ncRows,
    ...(sources ? { sources } : {}),
    ...(layout.stamp ? { stamp: layout.stamp } : {}),
  });
}

/** Column j of a grid (rows long; missing cells blank). */
const columnOf = (g: Grid | null | undefined, rows: number, j: number): RawCell[] => Array.from({ length: rows }, (_, i) => g?.[i]?.[j] ?? null);

/** Columns (each `rows` long) as a rows × width grid, padded with blank columns. */
function fromColumns(cols: RawCell[][], rows: number, width: number): Grid {
  const g = blankGrid(rows, width);
  cols.forEach((c, j) => c.forEach((v, i) => (g[i][j] = v)));
  return g;
}

const sameGrid = (a: Grid | null | undefined, b: Grid) => JSON.stringify(a ?? null) === JSON.stringify(b);

/** The plan of an import; nothing is written here. */
export function planImport(open: OpenWorkbook, req: ImportRequest, scheme: Scheme): ImportPlan {
  const refusals: Finding[] = [];
  const notes: Text[] = [];
  const layout = layoutOf(open, scheme, refusals);
  const lang = layout?.lang ?? "zh-CN";
  if (req.files.length > MAX_IMPORT_FILES) {
    refusals.push(refusal(`一次最多导入 ${MAX_IMPORT_FILES} 个文件，选择了 ${req.files.length} 个`, `at most ${MAX_IMPORT_FILES} files can be imported at once; ${req.files.length} were chosen`));
  }
  const merged = mergeForms(req.files.slice(0, MAX_IMPORT_FILES), scheme, { force: req.force, lang });
  refusals.push(...merged.refusals);
  const none: ImportPlan = {
    refusals,
    merged,
    layout,
    columns: { before: layout?.raters ?? 0, used: 0, imported: 0, after: layout?.raters ?? 0 },
    grow: false,
    writes: {},
    before: {},
    beforeModel: null,
    afterModel: null,
    sources: open.sources?.rows ?? [],
    added: [],
    raters: [],
    levels: { note: "none" },
    organization: { note: "none" },
    notes,
  };
  if (!layout || !merged.input) return none;
  const input: AssessmentInput = merged.input;
  const snap = open.snapshot;
  const n = layout.raters;
  const items = scheme.items.length;

  // the workbook's organisation against the files'
  const orgRange = snap.ranges[NAMES.organization];
  const openOrg = textOf(rawGrid(orgRange)?.[0]?.[0]) || (open.stamp?.organization ?? "").trim();
  const filesOrg = (input.organization ?? "").trim();
  if (openOrg && filesOrg && openOrg !== filesOrg) {
    refusals.push(refusal(`文件的受评组织（${filesOrg}）与此工作簿的（${openOrg}）不同`, `the files are for another organisation (${filesOrg}) than this workbook (${openOrg})`));
  }

  // forms and files already imported (the sources sheet), or this workbook itself
  const seenIds = new Map<string, string>();
  const seenSha = new Map<string, string>();
  for (const row of open.sources?.rows ?? []) {
    if (row.formId) seenIds.set(row.formId, row.file);
    if (row.sha256) seenSha.set(row.sha256.toLowerCase(), row.file);
  }
  if (open.stamp?.formId) seenIds.set(open.stamp.formId, lang === "en-US" ? "this workbook" : "此工作簿");
  for (const f of req.files) {
    const id = f.verified.stamp?.formId;
    if (id && seenIds.has(id)) {
      refusals.push(refusal(`表单 ${id} 已经导入过（来源：${seenIds.get(id)}）：${f.file}`, `the form ${id} has been imported before (source: ${seenIds.get(id)}): ${f.file}`));
    } else if (seenSha.has(f.sha256.toLowerCase())) {
      refusals.push(refusal(`同一文件已经导入过（来源：${seenSha.get(f.sha256.toLowerCase())}）：${f.file}`, `the same file has been imported before (source: ${seenSha.get(f.sha256.toLowerCase())}): ${f.file}`));
    }
  }

  // the columns: the workbook's non-empty ones first, then the imported ones
  const alpha = rawGrid(snap.ranges[NAMES.alpha]);
  const info = rawGrid(snap.ranges[NAMES.raterInfo]);
  const evidence = rawGrid(snap.ranges[NAMES.evidence]);
  const infoRows = info?.length ?? 4;
  const used = Array.from({ length: n }, (_, j) => j).filter((j) => [alpha, info, evidence].some((g) => g?.some((row) => !blankCell(row[j]))));
  const k = input.raters.length;
  const after = used.length + k;
  if (k === 0) refusals.push(refusal("所选文件中没有填写过的评价列，没有可导入的内容", "the files hold no filled rater column: nothing to import"));
  if (after > MAX_RATERS) {
    refusals.push(refusal(`导入后共有 ${after} 个评价列，超过上限 ${MAX_RATERS}`, `the import would make ${after} rater columns, more than ${MAX_RATERS}`));
  }
  const sources = [...(open.sources?.rows ?? []), ...merged.sources];
  if (sources.length > MAX_SOURCE_ROWS) refusals.push(refusal(`来源表将超过 ${MAX_SOURCE_ROWS} 行`, `the sources sheet would have more than ${MAX_SOURCE_ROWS} rows`));
  const columns = { before: n, used: used.length, imported: k, after };
  if (refusals.length) return { ...none, columns };

  // the imported cells, converted as the template writes them (labels, N/A, dates): fillModel itself
  const evidenceOf = input.records?.maturityEvidence;
  let filled: TemplateModel;
  try {
    filled = fillModel(buildTemplate(scheme, { raters: Math.max(1, k), lang, kind: "form-maturity" }), { raters: input.raters, levels: input.levels, ...(evidenceOf ? { records: { maturityEvidence: evidenceOf } } : {}) }, scheme);
  } catch (e) {
    return { ...none, columns, refusals: [refusal(`导入的内容无法写入评分表：${(e as Error).message}`, `the imported content does not fit the template: ${(e as Error).message}`)] };
  }
  const grow = after > n;
  const width = grow ? after : n;
  const writes: Partial<Record<string, Grid>> = {};
  const block = (g: Grid | null, imp: Grid | null, rows: number) =>
    fromColumns([...used.map((j) => columnOf(g, rows, j)), ...Array.from({ length: k }, (_, j) => columnOf(imp, rows, j))], rows, width);
  const raterBlocks: [string, Grid | null, number][] = [[NAMES.alpha, alpha, items], [NAMES.raterInfo, info, infoRows], [NAMES.evidence, evidence, items]];
  for (const [name, g, rows] of raterBlocks) {
    const next = block(g, modelGrid(filled, name), rows);
    if (grow || !sameGrid(g, next)) writes[name] = next;
  }

  // maturity levels: only into a workbook that has none
  const levels = rawGrid(snap.ranges[NAMES.levels]);
  const carrier = req.files.find((f) => f.verified.input?.levels.some((l) => !blankCell(l)));
  let levelsNote: ImportPlan["levels"] = { note: "none" };
  if (carrier) {
    if (!levels) {
      levelsNote = { note: "no-sheet", from: carrier.file };
      notes.push(t(`文件 ${carrier.file} 中的成熟度等级未导入：此工作簿没有成熟度评分表`, `The maturity levels in ${carrier.file} are not imported: this workbook has no maturity sheet`));
    } else if (levels.some((row) => !blankCell(row[0]))) {
      levelsNote = { note: "kept", from: carrier.file };
      notes.push(t(`文件 ${carrier.file} 中的成熟度等级未导入：此工作簿已有自己的成熟度等级，保持不变`, `The maturity levels in ${carrier.file} are not imported: this workbook has its own levels, which are kept`));
    } else {
      levelsNote = { note: "written", from: carrier.file };
      writes[NAMES.levels] = modelGrid(filled, NAMES.levels) ?? undefined;
      const ce = rawGrid(snap.ranges[NAMES.clauseEvidence]);
      const imp = modelGrid(filled, NAMES.clauseEvidence);
      if (ce && imp) {
        const next = ce.map((row, i) => [blankCell(row[0]) ? (imp[i]?.[0] ?? null) : row[0]]);
        if (!sameGrid(ce, next)) writes[NAMES.clauseEvidence] = next;
      }
      notes.push(t(`成熟度等级取自文件 ${carrier.file}（此工作簿中尚无等级）`, `The maturity levels are taken from ${carrier.file} (this workbook had none)`));
    }
  }
  let organization: ImportPlan["organization"] = { note: "none" };
  if (filesOrg && orgRange && !textOf(rawGrid(orgRange)?.[0]?.[0])) {
    writes[NAMES.organization] = [[filesOrg]];
    organization = { note: "written", value: filesOrg };
  } else if (filesOrg) organization = { note: "kept", value: openOrg || filesOrg };
  const withRecords = req.files.filter((f) => {
    const rec = f.verified.input?.records;
    return rec && Object.keys(rec).some((key) => key !== "maturityEvidence");
  });
  if (withRecords.length) {
    const fs = withRecords.map((f) => f.file).join(lang === "en-US" ? ", " : "、");
    notes.push(t(`文件 ${fs} 中的审核记录（审核信息、符合性审查、不符合项、4.2.2、5.2.2）不导入：这些由此工作簿记录`, `The audit records in ${fs} (particulars, conformity review, nonconformities, 4.2.2, 5.2.2) are not imported: this workbook keeps its own`));
  }

  // the template before and after, filled (a rebuild writes the after model; undoing one, the before)
  const beforeModel0 = modelOf(scheme, layout, n, open.sources ? open.sources.rows : undefined);
  const before: Partial<Record<string, Grid>> = {};
  const missing: string[] = [];
  for (const x of inputNames(beforeModel0)) {
    const g = rawGrid(snap.ranges[x.name]);
    if (g) before[x.name] = g;
    else missing.push(x.name);
  }
  const afterModel0 = modelOf(scheme, layout, width, sources);
  if (grow) {
    // a rebuild needs every input of the rebuilt sheets, and the workbook laid out as the template says
    const moved = beforeModel0.names.filter((m) => {
      const x = snap.ranges[m.name];
      return x && x.address.replace(/\$/g, "") !== `${quoteSheet(m.sheet)}!${m.ref}`;
    });
    if (missing.length || moved.length) {
      const list = [...missing, ...moved.map((m) => m.name)].join(", ");
      return {
        ...none,
        columns,
        refusals: [
          refusal(
            `需要增加评价列，但工作簿与模板布局不一致（${list}），无法重建评分表；请把文件分批导入到空列中，或重新插入评分表`,
            `more rater columns are needed, but the workbook differs from the template's layout (${list}), so the sheets cannot be rebuilt; import fewer files into empty columns, or insert the templates again`
          ),
        ],
      };
    }
    notes.push(t(`评价列由 ${n} 列增加到 ${width} 列：重建“${layout.names.service}”和“${layout.names.evidence}”工作表并更新相关公式和名称`, `The rater columns grow from ${n} to ${width}: the sheets “${layout.names.service}” and “${layout.names.evidence}” are rebuilt, dependent formulas and names updated`));
  }
  const inputsAfter: Partial<Record<string, Grid>> = { ...before, ...writes };
  return {
    ...none,
    refusals,
    columns,
    grow,
    writes,
    before,
    beforeModel: fillInputs(beforeModel0, before),
    afterModel: fillInputs(afterModel0, inputsAfter),
    sources,
    added: merged.sources,
    raters: input.raters,
    levels: levelsNote,
    organization,
    notes,
  };
}

/**
 * The pane's import of returned forms into the open workbook with Office.js (issue 10).
 *
 * The preview (readOpen, read only): what the workbook holds — the contract names (read by the pane's
 * own bounded read), the sheets, the stamp (custom document properties) and the sources sheet an
 * earlier import wrote — so the pane can show the plan (../import-plan.ts) before anything is written.
 *
 * The import (importForms), all or nothing, in two syncs:
 *   1. one read — the names the preview found (each name's address checked against the preview's, the
 *      cells read at that address: never more cells than the preview's bounded read saw), the sheets
 *      with their position and protection, the workbook names, the stamp properties, the sources sheet
 *      (a bounded box); the plan is made again from this fresh read, and a refusal ends the import here;
 *   2. one write — the whole change queued in one batch (import-write.ts).
 * Should the write fail, office.js has run the batch up to the failing operation; a recovery then
 * reads which sheets and names exist and how they are protected (one sync) and queues the change back
 * from the intended models to the models read in step 1 (one sync): the previous content is restored.
 * No context.sync() in a loop; every batch runs through run.ts (delayForCellEdit).
 */
import type { Scheme, Text } from "../../scheme/types";
import type { RangeSnapshot, WorkbookSnapshot } from "../contract";
import { col, splitAddress } from "../a1";
import { defaultSheetNames, KIND_SHEETS, STAMP_KEYS, STAMP_PROPERTY_PREFIX } from "../model";
import { MAX_SOURCE_ROWS, planImport, type ImportOutcome, type ImportPlan, type ImportRequest, type OpenWorkbook } from "../import-plan";
import { sourcesLayout, sourcesRows } from "../import-cells";
import { describeError } from "./insert";
import { MIN_EXCEL_API, missingForInsert } from "./requirements";
import { queueChanges, type ChangeContext, type ChangeSummary, type SheetState } from "./import-write";

/** A zh/en message when the host lacks what the import writes with (as the insert: ExcelApi 1.9), else null. */
export function missingForImport(requirements: { isSetSupported(name: string, minVersion?: string): boolean } | undefined): string | null {
  if (!missingForInsert(requirements)) return null;
  return `此 Excel 版本不支持导入回收的评分表（需要 ExcelApi ${MIN_EXCEL_API}：Microsoft 365 或 Excel 2021 及以上）。可改用 qcs merge。 / This Excel cannot import returned forms (ExcelApi ${MIN_EXCEL_API} is needed: Microsoft 365 or Excel 2021 and later). Use qcs merge instead.`;
}

/** The box a sources sheet is read in: its columns, the rows before the records and MAX_SOURCE_ROWS + 1 records. */
function sourcesBox(scheme: Scheme): string {
  const l = sourcesLayout(scheme, "zh-CN");
  const right = Math.max(...l.columns.map(([, c]) => c));
  return `A1:${col(right)}${l.header + MAX_SOURCE_ROWS + 1}`;
}

/** Candidate sources sheets: the one the stamp lists after the template's sheets, then any "来源"/"Sources" (n). */
function sourceCandidates(sheets: string[], stamp: Record<string, string> | null): string[] {
  const out: string[] = [];
  if (stamp?.sheets && stamp.kind && stamp.kind in KIND_SHEETS) {
    try {
      const list = JSON.parse(stamp.sheets) as unknown;
      const at = Array.isArray(list) ? list[KIND_SHEETS[stamp.kind as keyof typeof KIND_SHEETS].length] : undefined;
      if (typeof at === "string" && sheets.includes(at)) out.push(at);
    } catch {
      // an unreadable list names no sheet
    }
  }
  const bases = [defaultSheetNames("zh-CN").sources, defaultSheetNames("en-US").sources];
  for (const s of sheets) if (!out.includes(s) && bases.some((b) => s === b || new RegExp(`^${b} \\(\\d+\\)$`).test(s))) out.push(s);
  return out.slice(0, 8);
}

/** The stamp from the custom document properties loaded for every stamp key (null when there is none). */
function stampOf(props: Excel.CustomProperty[]): Record<string, string> | null {
  const out: Record<string, string> = {};
  props.forEach((p, i) => {
    if (!p.isNullObject) out[STAMP_KEYS[i]] = String(p.value ?? "");
  });
  return Object.keys(out).length ? out : null;
}

function loadStamp(context: Excel.RequestContext): Excel.CustomProperty[] {
  return STAMP_KEYS.map((k) => {
    const p = context.workbook.properties.custom.getItemOrNullObject(STAMP_PROPERTY_PREFIX + k);
    p.load("value");
    return p;
  });
}

/**
 * The preview's read (nothing written): sheets, stamp and sources sheet, around the snapshot the pane
 * read. One sync, two when the workbook has sheets that may be a sources sheet.
 */
export async function readOpen(context: Excel.RequestContext, scheme: Scheme, snapshot: WorkbookSnapshot): Promise<OpenWorkbook> {
  const ws = context.workbook.worksheets;
  ws.load("items/name");
  const props = loadStamp(context);
  await context.sync();
  const sheets = ws.items.map((s) => s.name);
  const stamp = stampOf(props);
  const candidates = sourceCandidates(sheets, stamp);
  let sources: OpenWorkbook["sources"] = null;
  if (candidates.length) {
    const box = sourcesBox(scheme);
    const ranges = candidates.map((name) => {
      const r = ws.getItem(name).getRange(box);
      r.load("values");
      return { name, r };
    });
    await context.sync();
    for (const { name, r } of ranges) {
      const rows = sourcesRows(r.values, scheme);
      if (rows) {
        sources = { sheet: name, rows };
        break;
      }
    }
  }
  return { snapshot, stamp, sheets, sources };
}

/** The names the preview read (all of them fit the pane's bounded read), with their addresses. */
function namesOf(seen: OpenWorkbook): { name: string; address: string }[] {
  return Object.entries(seen.snapshot.ranges)
    .filter((e): e is [string, RangeSnapshot] => !!e[1] && !e[1].unread)
    .map(([name, r]) => ({ name, address: r.address }));
}

export class ImportChangedError extends Error {}

interface Read1 {
  open: OpenWorkbook;
  sheets: Map<string, SheetState & { position: number }>;
  names: Set<string>;
}

/** Step 1: the fresh read the import is planned on. */
async function readAgain(context: Excel.RequestContext, scheme: Scheme, seen: OpenWorkbook): Promise<Read1> {
  const wb = context.workbook;
  wb.worksheets.load("items/name,items/position,items/protection/protected");
  wb.names.load("items/name");
  const reads = namesOf(seen).map(({ name, address }) => {
    const named = wb.names.getItem(name).getRange();
    named.load("address");
    const { sheet, ref } = splitAddress(address);
    const cells = (sheet === null ? wb.worksheets.getActiveWorksheet() : wb.worksheets.getItem(sheet)).getRange(ref);
    cells.load("values,formulas");
    return { name, address, named, cells };
  });
  const props = loadStamp(context);
  const src = seen.sources ? wb.worksheets.getItem(seen.sources.sheet).getRange(sourcesBox(scheme)) : null;
  src?.load("values");
  await context.sync(); // 1
  const norm = (a: string) => a.replace(/\$/g, "");
  const changed = reads.filter((r) => norm(r.named.address) !== norm(r.address)).map((r) => r.name);
  if (changed.length) throw new ImportChangedError(changedText(changed));
  const snapshot: WorkbookSnapshot = { ranges: {} };
  for (const r of reads) snapshot.ranges[r.name] = { address: r.address, values: r.cells.values, formulas: r.cells.formulas };
  let sources: OpenWorkbook["sources"] = null;
  if (seen.sources && src) {
    const rows = sourcesRows(src.values, scheme);
    if (!rows) throw new ImportChangedError(changedText([seen.sources.sheet]));
    sources = { sheet: seen.sources.sheet, rows };
  }
  const sheets = new Map(wb.worksheets.items.map((s) => [s.name.toLowerCase(), { protected: s.protection.protected, position: s.position }]));
  const open: OpenWorkbook = { snapshot, stamp: stampOf(props), sheets: wb.worksheets.items.map((s) => s.name), sources };
  return { open, sheets, names: new Set(wb.names.items.map((n) => n.name.toUpperCase())) };
}

function changedText(what: string[]): string {
  return `工作簿在预览后有变动（${what.join("、")}），未写入任何内容：请重新选择文件 / The workbook changed after the preview (${what.join(", ")}); nothing was written: choose the files again`;
}

/** Where an added sheet goes: right after the last of the template's sheets. */
function positionAfter(plan: ImportPlan, sheets: Map<string, { position: number }>): number {
  const keys = plan.layout ? KIND_SHEETS[plan.layout.kind] : [];
  const positions = keys.map((k) => sheets.get((plan.layout?.names[k] ?? "").toLowerCase())?.position).filter((p): p is number => p !== undefined);
  return positions.length ? Math.max(...positions) + 1 : sheets.size;
}

/** The import: one read, the plan, one write; undone if the write fails. */
export async function importForms(context: Excel.RequestContext, scheme: Scheme, req: ImportRequest, seen: OpenWorkbook): Promise<ImportOutcome> {
  const first = await readAgain(context, scheme, seen);
  const plan = planImport(first.open, req, scheme);
  if (plan.refusals.length || !plan.beforeModel || !plan.afterModel) return { plan, written: false };
  const original = new Map([...first.sheets].map(([k, v]) => [k, v.protected]));
  const ctx: ChangeContext = { sheets: first.sheets, protect: original, names: first.names, stamp: first.open.stamp, position: positionAfter(plan, first.sheets) };
  let summary: ChangeSummary;
  try {
    summary = queueChanges(context, plan.beforeModel, plan.afterModel, ctx);
    await context.sync(); // 2
  } catch (error) {
    throw await recover(context, plan, ctx, error);
  }
  return { plan, written: true, changes: summary };
}

/** Undoes a failed write: reads what exists now, then changes the intended state back to the one read. */
async function recover(context: Excel.RequestContext, plan: ImportPlan, ctx: ChangeContext, error: unknown): Promise<Error> {
  const cause = describeError(error);
  try {
    const wb = context.workbook;
    wb.worksheets.load("items/name,items/protection/protected");
    wb.names.load("items/name");
    await context.sync(); // R1
    const now: ChangeContext = {
      sheets: new Map(wb.worksheets.items.map((s) => [s.name.toLowerCase(), { protected: s.protection.protected }])),
      protect: ctx.protect,
      names: new Set(wb.names.items.map((n) => n.name.toUpperCase())),
      stamp: ctx.stamp ? {} : null,
      position: ctx.position,
    };
    queueChanges(context, plan.afterModel as NonNullable<ImportPlan["afterModel"]>, plan.beforeModel as NonNullable<ImportPlan["beforeModel"]>, now);
    await context.sync(); // R2
  } catch (again) {
    const text: Text = {
      zh: `导入失败（${cause}），且未能完全恢复原内容（${describeError(again)}）：请关闭工作簿不保存，或检查评分表`,
      en: `The import failed (${cause}) and the previous content could not be fully restored (${describeError(again)}): close the workbook without saving, or check the sheets`,
    };
    return Object.assign(new Error(`${text.zh} / ${text.en}`), { text, restored: false });
  }
  const text: Text = { zh: `导入失败（${cause}），工作簿已恢复原状，未写入任何内容`, en: `The import failed (${cause}); the workbook was restored, nothing was written` };
  return Object.assign(new Error(`${text.zh} / ${text.en}`), { text, restored: true });
}

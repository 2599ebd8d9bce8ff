/**
 * The template model a workbook snapshot should match, and the comparison of the formulas found in
 * it with that model's ("altered" findings). Separate from snapshot.ts because it builds the model:
 * Node readers import it at once, the pane loads it on demand (see snapshot.ts `FormulaCheck`).
 */
import type { Lang, Scheme } from "../scheme/types";
import { finding, quote, type Finding } from "../engine";
import { NAMES, type WorkbookSnapshot } from "./contract";
import { quoteSheet } from "./a1";
import { buildTemplate, defaultSheetNames, MAX_RATERS, type SheetKey, type TemplateModel } from "./model";
import { normalizeFormula } from "./formula-text";
import { locate } from "./snapshot-locate";
import type { FormulaCheck } from "./snapshot";

/**
 * The template model the workbook should match: its sheet names and rater count taken from the
 * snapshot, in the language given (or tried in both by the caller).
 */
export function expectedModel(snap: WorkbookSnapshot, scheme: Scheme, lang: Lang): TemplateModel | null {
  const alpha = snap.ranges[NAMES.alpha];
  const levels = snap.ranges[NAMES.levels];
  const grade = snap.ranges[NAMES.grade];
  if (!alpha || !levels || !grade) return null;
  const la = locate(alpha);
  const ll = locate(levels);
  const lg = locate(grade);
  if (!la || !ll || !lg || la.cols < 1 || la.cols > MAX_RATERS) return null;
  const sheetOf = (name: string) => {
    const x = snap.ranges[name];
    return x ? locate(x)?.sheet : undefined;
  };
  const sheetNames: Record<SheetKey, string> = {
    ...defaultSheetNames(lang),
    service: la.sheet,
    maturity: ll.sheet,
    result: lg.sheet,
    ...(sheetOf(NAMES.evidence) ? { evidence: sheetOf(NAMES.evidence) as string } : {}),
    ...(sheetOf(NAMES.audit) ? { records: sheetOf(NAMES.audit) as string } : {}),
  };
  const key = JSON.stringify([la.cols, lang, sheetNames]);
  let memo = MODELS.get(scheme);
  if (!memo) MODELS.set(scheme, (memo = new Map()));
  if (memo.has(key)) return memo.get(key) ?? null;
  let model: TemplateModel | null = null;
  try {
    model = buildTemplate(scheme, { raters: la.cols, lang, sheetNames });
  } catch {
    model = null;
  }
  if (memo.size > 64) memo.clear();
  memo.set(key, model);
  return model;
}

/** Built models by scheme and (raters, language, sheet names): reading many files builds each once. */
const MODELS = new WeakMap<Scheme, Map<string, TemplateModel | null>>();
const NORMALIZED = new WeakMap<TemplateModel, Map<string, string>>();

/** Formula cells of a model, keyed "'Sheet'!A1". */
export function modelFormulas(model: TemplateModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const sh of model.sheets) for (const c of sh.cells) if (c.formula !== undefined) out.set(`${quoteSheet(sh.name)}!${c.ref}`, c.formula);
  return out;
}

/**
 * Compares formulas found in the workbook (address → formula text, "" or a value where the formula is
 * gone) with the model in either language; returns "altered" findings against the closer language.
 */
export const formulaFindings: FormulaCheck = (found: Map<string, unknown>, scheme: Scheme, snap: WorkbookSnapshot): Finding[] => {
  let best: Finding[] | null = null;
  for (const lang of ["zh-CN", "en-US"] as Lang[]) {
    const model = expectedModel(snap, scheme, lang);
    if (!model) continue;
    let expected = NORMALIZED.get(model);
    if (!expected) {
      expected = new Map([...modelFormulas(model)].map(([k, f]) => [k, normalizeFormula(f)]));
      NORMALIZED.set(model, expected);
    }
    const fs: Finding[] = [];
    for (const [cell, got] of found) {
      const want = expected.get(cell);
      if (want === undefined) continue;
      const text = typeof got === "string" ? got : got === null || got === undefined ? "" : String(got);
      if (!text.trim().startsWith("=") && !looksLikeFormula(got)) {
        fs.push(altered(cell, { zh: `公式被替换为值 ${quote(got)}`, en: `the formula was replaced by the value ${quote(got)}` }));
      } else if (normalizeFormula(text) !== want) {
        fs.push(altered(cell, { zh: "公式与模板不一致", en: "the formula differs from the template's" }));
      }
    }
    if (best === null || fs.length < best.length) best = fs;
    if (fs.length === 0) break;
  }
  return best ?? [];
}

/** Readers pass ExcelJS formulas without "="; Office.js with. */
function looksLikeFormula(v: unknown): boolean {
  return typeof v === "object" && v !== null && "formula" in v;
}

function altered(cell: string, fault: { zh: string; en: string }): Finding {
  return finding("altered", "error", fault, { cell });
}


/**
 * The scoring templates as one declarative model, built from the scheme: Appendix 1 (service
 * evaluation, ./service.ts), Appendix 3 (management maturity, ./maturity.ts) and the result sheet
 * (./result.ts), over a shared builder (./builder.ts) and formula helpers (./formula.ts). Two writers
 * render it — ExcelJS to a file (../xlsx/write.ts) and Office.js into the open workbook
 * (../excel/insert.ts) — and the readers compare a workbook against it to detect altered weights and
 * formulas.
 *
 * Pure: no ExcelJS, Office.js or DOM here.
 *
 * Formulas are native and portable (Excel, Excel on the web, LibreOffice, WPS, Excel 2007): helper
 * columns instead of array formulas; only IF/AND/OR/NOT/ISNUMBER/TRIM/UPPER/SUM/SUMIF/COUNT/COUNTIF/
 * AVERAGE/MAX/MIN/INT/ROUND/CHOOSE/INDEX/SUBSTITUTE/FIXED; no INDIRECT/OFFSET/TODAY/NOW (volatile),
 * no function that needs an `_xlfn.` prefix, no text-to-number coercion, no TEXT() format codes.
 * Every weight is read from its cell; every band edge, gate and label is generated from the scheme.
 */
import { findProfile } from "../../scheme";
import type { Lang, Scheme } from "../../scheme/types";
import { NAMES } from "../contract";
import { a1, area } from "../a1";
import { t } from "../labels";
import type { SheetContext } from "./builder";
import { serviceSheet } from "./service";
import { maturitySheet } from "./maturity";
import { resultSheet } from "./result";
import { MAX_RATERS, MIN_RATERS, TEMPLATE_VERSION, type NameModel, type SheetKey, type TemplateModel, type TemplateOptions } from "./types";

export * from "./types";
export { lit, num, roundFormula } from "./formula";
export { heightFor } from "./builder";
export { reasonTable } from "./result";

export function defaultSheetNames(lang: Lang): Record<SheetKey, string> {
  return { service: t("sheetService", lang), maturity: t("sheetMaturity", lang), result: t("sheetResult", lang) };
}

function checkOptions(scheme: Scheme, opts: TemplateOptions): void {
  if (!Number.isInteger(opts.raters) || opts.raters < MIN_RATERS || opts.raters > MAX_RATERS) {
    throw new RangeError(`raters must be a whole number ${MIN_RATERS}–${MAX_RATERS}, not ${opts.raters}`);
  }
  if (opts.lang !== "zh-CN" && opts.lang !== "en-US") throw new RangeError(`lang must be zh-CN or en-US, not ${String(opts.lang)}`);
  scheme.maturityBands.forEach((b, i) => {
    if (b.level !== i + 1) throw new Error("maturity bands must be levels 1, 2, 3 … in order");
  });
  scheme.likert.forEach((b, i) => {
    if (b.band !== i + 1) throw new Error("Likert bands must be 1, 2, 3 … in order");
  });
}

/** The whole template for a scheme. Pure. */
export function buildTemplate(scheme: Scheme, opts: TemplateOptions): TemplateModel {
  checkOptions(scheme, opts);
  const lang = opts.lang;
  const profile = findProfile(scheme, scheme.defaultProfile);
  if (!profile) throw new Error(`scheme ${scheme.id} has no default profile ${scheme.defaultProfile}`);
  const names = { ...defaultSheetNames(lang), ...(opts.sheetNames ?? {}) };
  const footer = { left: scheme.id.replace(/&/g, "&&"), right: t("footer", lang) };
  const protection = { password: opts.password || undefined, allowFormatRows: true, allowFormatColumns: false };

  const ctx: SheetContext = { scheme, profile, opts, lang, names, footer, protection };
  const svc = serviceSheet(ctx);
  const mat = maturitySheet(ctx);
  const res = resultSheet(ctx, svc.layout, mat.layout);

  const S = svc.layout;
  const M = mat.layout;
  const n = opts.raters;
  const lastItemRow = S.firstItemRow + scheme.items.length - 1;
  const lastClauseRow = M.firstClauseRow + scheme.clauses.length - 1;
  const nameList: NameModel[] = [
    { name: NAMES.alpha, sheet: names.service, ref: area(S.alphaCol, S.firstItemRow, S.alphaCol + n - 1, lastItemRow) },
    { name: NAMES.weights, sheet: names.service, ref: area(S.weightCol, S.firstItemRow, S.weightCol, lastItemRow) },
    { name: NAMES.levels, sheet: names.maturity, ref: area(M.levelCol, M.firstClauseRow, M.levelCol, lastClauseRow) },
    { name: NAMES.clauseWeights, sheet: names.maturity, ref: area(M.levelCol - 1, M.firstClauseRow, M.levelCol - 1, lastClauseRow) },
    { name: NAMES.serviceScore, sheet: names.service, ref: a1(S.panelCol, S.scoreRow) },
    { name: NAMES.maturityTotal, sheet: names.maturity, ref: a1(M.pointsCol, M.totalRow) },
    { name: NAMES.maturityLevel, sheet: names.maturity, ref: a1(M.pointsCol, M.levelRow) },
    { name: NAMES.grade, sheet: names.result, ref: a1(2, res.layout.gradeRow) },
    { name: NAMES.organization, sheet: names.result, ref: a1(2, res.layout.organizationRow) },
    { name: NAMES.scheme, sheet: names.result, ref: a1(2, res.layout.schemeRow) },
  ];
  return {
    scheme: { id: scheme.id, version: scheme.version },
    templateVersion: TEMPLATE_VERSION,
    lang,
    profile: profile.id,
    sheets: [svc.sheet, mat.sheet, res.sheet],
    names: nameList,
    layout: {
      raters: n,
      service: S,
      maturity: M,
      result: res.layout,
    },
  };
}


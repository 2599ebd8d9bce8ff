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
import { t } from "../labels";
import type { SheetContext } from "./builder";
import { serviceSheet } from "./service";
import { evidenceSheet } from "./evidence";
import { maturitySheet } from "./maturity";
import { recordsSheet } from "./records";
import { resultSheet } from "./result";
import { sourcesSheet } from "./sources";
import { fingerprintOf, stampEntries, stampSheet, xmlText } from "./stamp";
import { concat, lit } from "./formula";
import { MAX_RATERS, MIN_RATERS, TEMPLATE_VERSION, type NameModel, type SheetKey, type SheetModel, type TemplateModel, type TemplateOptions, type WorkbookKind } from "./types";

export * from "./types";
export { lit, num, roundFormula } from "./formula";
export { heightFor } from "./builder";
export { textTable } from "./result";
export { AUDIT_FIELDS, QMS_FIELDS, NC_ROWS } from "./records";
export { fillModel } from "./fill";
export { fingerprintOf, fixedContent, STAMP_FORMAT, STAMP_KEYS, STAMP_PROPERTY_PREFIX, type StampKey } from "./stamp";

export function defaultSheetNames(lang: Lang): Record<SheetKey, string> {
  return {
    service: t("sheetService", lang),
    evidence: t("sheetEvidence", lang),
    maturity: t("sheetMaturity", lang),
    records: t("sheetRecords", lang),
    result: t("sheetResult", lang),
    sources: t("sheetSources", lang),
    stamp: t("sheetStamp", lang),
  };
}

/** The sheets of each kind of workbook, in order (the sources and the stamp are added when asked for). */
export const KIND_SHEETS: Record<WorkbookKind, SheetKey[]> = {
  assessment: ["service", "evidence", "maturity", "records", "result"],
  form: ["service", "evidence"],
  "form-maturity": ["service", "evidence", "maturity"],
};

function checkOptions(scheme: Scheme, opts: TemplateOptions): void {
  if (!Number.isInteger(opts.raters) || opts.raters < MIN_RATERS || opts.raters > MAX_RATERS) {
    throw new RangeError(`raters must be a whole number ${MIN_RATERS}–${MAX_RATERS}, not ${opts.raters}`);
  }
  if (opts.lang !== "zh-CN" && opts.lang !== "en-US") throw new RangeError(`lang must be zh-CN or en-US, not ${String(opts.lang)}`);
  if (opts.kind !== undefined && !(opts.kind in KIND_SHEETS)) throw new RangeError(`kind must be one of ${Object.keys(KIND_SHEETS).join(", ")}, not ${String(opts.kind)}`);
  scheme.maturityBands.forEach((b, i) => {
    if (b.level !== i + 1) throw new Error("maturity bands must be levels 1, 2, 3 … in order");
  });
  scheme.likert.forEach((b, i) => {
    if (b.band !== i + 1) throw new Error("Likert bands must be 1, 2, 3 … in order");
  });
}

/** The whole workbook for a scheme: the sheets of its kind, their names, the fingerprint and the stamp. Pure. */
export function buildTemplate(scheme: Scheme, given: TemplateOptions): TemplateModel {
  checkOptions(scheme, given);
  // the stamp's texts as a file can carry them (they are also printed in the page band of a form)
  const st = given.stamp;
  const opts: TemplateOptions = st
    ? { ...given, stamp: { ...st, ...(st.organization !== undefined ? { organization: xmlText(st.organization) } : {}), ...(st.rater !== undefined ? { rater: xmlText(st.rater) } : {}) } }
    : given;
  const lang = opts.lang;
  const kind = opts.kind ?? "assessment";
  const profile = findProfile(scheme, scheme.defaultProfile);
  if (!profile) throw new Error(`scheme ${scheme.id} has no default profile ${scheme.defaultProfile}`);
  const names = { ...defaultSheetNames(lang), ...(opts.sheetNames ?? {}) };
  const footer = { left: scheme.id.replace(/&/g, "&&"), right: t("footer", lang) };
  const protection = { password: opts.password || undefined, allowFormatRows: true, allowFormatColumns: false };
  const keys = KIND_SHEETS[kind];
  // the band of every page: from the records sheet when there is one, else the stamp's organisation
  const ctx: SheetContext = { scheme, profile, opts, lang, names, footer, protection, band: "" };
  const sheets: SheetModel[] = [];
  const nameList: NameModel[] = [];
  const svc = serviceSheet(ctx);
  sheets.push(svc.sheet);
  nameList.push(...svc.names);
  const ev = evidenceSheet(ctx, svc.layout);
  sheets.push(ev.sheet);
  nameList.push(...ev.names);
  let mat: ReturnType<typeof maturitySheet> | undefined;
  if (keys.includes("maturity")) {
    mat = maturitySheet(ctx);
    sheets.push(mat.sheet);
    nameList.push(...mat.names);
  }
  let res: ReturnType<typeof resultSheet> | undefined;
  if (keys.includes("records") && mat) {
    const rec = recordsSheet(ctx);
    res = resultSheet(ctx, svc.layout, mat.layout, rec.refs);
    sheets.push(rec.sheet, res.sheet);
    nameList.push(...rec.names, ...res.names);
    const shown = (ref: string) => `IF(${ref}="","",${ref})`;
    ctx.band = concat(t("band", lang), { org: shown(rec.refs.organization), no: shown(rec.refs.audit.reportNo) });
  } else {
    ctx.band = lit(t("band", lang, { org: opts.stamp?.organization ?? "", no: "" }).replace(/\s+$/, ""));
  }
  // every sheet's first cell is its band (built before the records' addresses were known)
  for (const sh of sheets) {
    const a1cell = sh.cells.find((c) => c.ref === "A1");
    if (a1cell) a1cell.formula = ctx.band;
  }
  const fingerprint = fingerprintOf({ sheets, names: nameList });
  if (opts.sources) sheets.push(sourcesSheet(ctx, opts.sources));
  let stamp: [string, string][] | undefined;
  if (opts.stamp) {
    stamp = stampEntries(ctx, fingerprint, kind, TEMPLATE_VERSION, sheets.map((sh) => sh.name));
    sheets.push(stampSheet(ctx, stamp));
  }
  return {
    scheme: { id: scheme.id, version: scheme.version },
    templateVersion: TEMPLATE_VERSION,
    kind,
    lang,
    profile: profile.id,
    sheets,
    names: nameList,
    layout: { raters: opts.raters, service: svc.layout, maturity: mat?.layout, result: res?.layout },
    fingerprint,
    ...(stamp ? { stamp } : {}),
  };
}

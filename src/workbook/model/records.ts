/**
 * The audit records sheet (RULES.md §6): the particulars and sign-off, the 4.2.2 checklist, the 5.2.2
 * QMS exemption and the nonconformities — each an input of its own, validated and protected like the
 * rest. The result sheet (the report) shows them; nothing here is arithmetic.
 */
import type { Text } from "../../scheme/types";
import { a1, area, col, quoteSheet } from "../a1";
import { NAMES } from "../contract";
import { pick, t, type LabelKey } from "../labels";
import { DATE_FMT, DATE_STYLE, INPUT_TEXT, LABEL_STYLE, NOTE_STYLE, SECTION_STYLE, SheetBuilder, bandAndTitle, centerStyle, textStyle, type SheetContext } from "./builder";
import { dateValidation, joinValidations, listValidation, promptOnly } from "./validation";
import type { NameModel, SheetModel, ValidationModel } from "./types";

/** Rows of the nonconformity table (more when an assessment written into the template has more). */
export const NC_ROWS = 12;

import { AUDIT_FIELDS, QMS_FIELDS } from "./types";
export { AUDIT_FIELDS, QMS_FIELDS };

/** Which audit fields are dates, and their labels. */
const AUDIT_LABELS: Record<(typeof AUDIT_FIELDS)[number], LabelKey> = {
  reportNo: "pReportNo",
  from: "pFrom",
  to: "pTo",
  leader: "pLeader",
  team: "pTeam",
  reviewer: "pReviewer",
  decisionMaker: "pDecisionMaker",
  decisionDate: "pDecisionDate",
};
const AUDIT_DATES = new Set(["from", "to", "decisionDate"]);

const QMS_LABELS: Record<(typeof QMS_FIELDS)[number], LabelKey> = {
  certified: "qCertified",
  certificateNo: "qCertificateNo",
  issuer: "qIssuer",
  accredited: "qAccredited",
  validUntil: "qValidUntil",
  riskEvaluation: "qRisk",
  exemption: "qExemption",
  scope: "qScope",
};

/** Where the result sheet finds the records. */
export interface RecordsRefs {
  /** "'审核记录'!$B$4" … absolute, with the sheet */
  organization: string;
  audit: Record<(typeof AUDIT_FIELDS)[number], string>;
  /** the result column of the 4.2.2 table */
  specificResults: string;
  exemption: string;
  scope: string;
  ncDescriptions: string;
  ncSeverities: string;
  ncStatuses: string;
}

export function recordsSheet(ctx: SheetContext): { sheet: SheetModel; names: NameModel[]; refs: RecordsRefs } {
  const { scheme, lang, names, protection, footer } = ctx;
  const v = scheme.vocabulary;
  const labels = (o: Record<string, Text>) => Object.values(o).map((x) => pick(x, lang));
  const cA = 1, cB = 2, cC = 3, cD = 4;
  const widths = new Map<number, number>([[cA, 16], [cB, 48], [cC, 12], [cD, 30]]);
  const b = new SheetBuilder(widths);
  bandAndTitle(b, ctx, t("titleRecords", lang), cA, cD);
  const validations: ValidationModel[] = [];
  const sheetRef = (c: number, r: number) => `${quoteSheet(names.records)}!$${col(c)}$${r}`;
  let r = 2;
  const section = (key: LabelKey) => {
    r += 2;
    b.put(cA, r, { value: t(key, lang), style: SECTION_STYLE });
    for (let c = cB; c <= cD; c++) b.put(c, r, { value: null, style: SECTION_STYLE });
    b.merge(cA, r, cD, r);
  };
  /** a label in A and an input over B:D */
  const field = (key: LabelKey, kind: "text" | "date" | "list" | "long", list?: string[]) => {
    r++;
    b.put(cA, r, { value: t(key, lang), style: LABEL_STYLE });
    b.fit(r, t(key, lang), cA);
    if (kind === "date") b.put(cB, r, { value: null, input: true, style: { ...DATE_STYLE, h: "left" }, numFmt: DATE_FMT });
    else b.put(cB, r, { value: null, input: true, style: INPUT_TEXT });
    for (let c = cC; c <= cD; c++) b.put(c, r, { value: null, style: INPUT_TEXT });
    b.merge(cB, r, cD, r);
    if (kind === "date") validations.push(dateValidation(a1(cB, r), lang));
    if (kind === "list" && list) validations.push(listValidation(a1(cB, r), list, lang, t(key, lang)));
    if (kind === "long") b.heights.set(r, 48);
    return r;
  };

  // particulars and sign-off
  section("sParticulars");
  const rOrg = field("pOrganization", "text");
  const audit = {} as RecordsRefs["audit"];
  let rAudit0 = 0;
  for (const f of AUDIT_FIELDS) {
    const row = field(AUDIT_LABELS[f], AUDIT_DATES.has(f) ? "date" : "text");
    if (!rAudit0) rAudit0 = row;
    audit[f] = sheetRef(cB, row);
  }
  validations.push(promptOnly(a1(cB, rAudit0 + AUDIT_FIELDS.indexOf("team")), t("pTeam", lang), lang === "en-US" ? "Names separated by commas." : "姓名之间用顿号“、”分隔。"));

  // 4.2.2
  section("sSpecific");
  r++;
  for (const [c, key] of [[cA, "hPoint"], [cB, "hRequirement"], [cC, "hResult"], [cD, "hEvidence"]] as const) b.head(c, r, t(key, lang));
  const rSpec0 = r + 1;
  for (const p of scheme.specificRequirements) {
    r++;
    const text = (p.id.startsWith("2.") ? pick(scheme.specificLead2, lang) + (lang === "en-US" ? " " : "") : "") + pick(p.text, lang);
    b.put(cA, r, { value: p.label, style: centerStyle });
    b.put(cB, r, { value: text, style: { ...textStyle, size: 9 } });
    b.fit(r, text, cB, cB, 9);
    b.put(cC, r, { value: null, input: true, style: { ...INPUT_TEXT, h: "center" } });
    b.put(cD, r, { value: null, input: true, style: { ...INPUT_TEXT, size: 9 } });
  }
  const rSpecLast = r;
  validations.push(listValidation(area(cC, rSpec0, cC, rSpecLast), labels(v.specificResult), lang, t("hResult", lang)));

  // 5.2.2
  section("sQms");
  r++;
  const text522 = pick(scheme.qmsExemption, lang);
  b.put(cA, r, { value: text522, style: NOTE_STYLE });
  b.merge(cA, r, cD, r);
  b.fit(r, text522, cA, cD, 9);
  let rQms0 = 0;
  const qms: Record<string, number> = {};
  for (const f of QMS_FIELDS) {
    const kind = f === "certified" || f === "accredited" || f === "exemption" ? "list" : f === "validUntil" ? "date" : f === "riskEvaluation" || f === "scope" ? "long" : "text";
    const list = f === "exemption" ? labels(v.exemption) : labels(v.yesNo);
    const row = field(QMS_LABELS[f], kind, list);
    if (!rQms0) rQms0 = row;
    qms[f] = row;
  }

  // nonconformities
  section("sNc");
  r++;
  for (const [c, key] of [[cA, "hNcClause"], [cB, "hNcDescription"], [cC, "hNcSeverity"], [cD, "hNcStatus"]] as const) b.head(c, r, t(key, lang));
  const rNc0 = r + 1;
  const ncRows = Math.max(NC_ROWS, ctx.opts.nonconformityRows ?? 0);
  for (let k = 0; k < ncRows; k++) {
    r++;
    for (let c = cA; c <= cD; c++) b.put(c, r, { value: null, input: true, style: { ...INPUT_TEXT, h: c === cB ? "left" : "center", size: 9 } });
    b.heights.set(r, 30);
  }
  const rNcLast = r;
  validations.push(listValidation(area(cC, rNc0, cC, rNcLast), labels(v.severity), lang, t("hNcSeverity", lang)));
  validations.push(listValidation(area(cD, rNc0, cD, rNcLast), labels(v.ncStatus), lang, t("hNcStatus", lang)));

  const rec = names.records;
  const sheet: SheetModel = {
    key: "records",
    name: rec,
    cells: b.list(),
    columns: b.columns(new Set()),
    rows: b.rows(),
    merges: b.merges,
    validations: joinValidations(validations),
    conditionalFormats: [],
    freeze: { rows: 0, columns: 0 },
    protection,
    print: { orientation: "portrait", titleRows: [1, 1], area: area(cA, 1, cD, rNcLast), fitToWidth: true, footer },
    tabColor: "7030A0",
  };
  const absCol = (c: number, r1: number, r2: number) => `${quoteSheet(rec)}!$${col(c)}$${r1}:$${col(c)}$${r2}`;
  return {
    sheet,
    names: [
      { name: NAMES.organization, sheet: rec, ref: a1(cB, rOrg) },
      { name: NAMES.audit, sheet: rec, ref: area(cB, rAudit0, cB, rAudit0 + AUDIT_FIELDS.length - 1) },
      { name: NAMES.specific, sheet: rec, ref: area(cC, rSpec0, cD, rSpecLast) },
      { name: NAMES.qms, sheet: rec, ref: area(cB, rQms0, cB, rQms0 + QMS_FIELDS.length - 1) },
      { name: NAMES.nonconformities, sheet: rec, ref: area(cA, rNc0, cD, rNcLast) },
    ],
    refs: {
      organization: sheetRef(cB, rOrg),
      audit,
      specificResults: absCol(cC, rSpec0, rSpecLast),
      exemption: sheetRef(cB, qms.exemption),
      scope: sheetRef(cB, qms.scope),
      ncDescriptions: absCol(cB, rNc0, rNcLast),
      ncSeverities: absCol(cC, rNc0, rNcLast),
      ncStatuses: absCol(cD, rNc0, rNcLast),
    },
  };
}

/**
 * The result sheet, written as the assessment report: particulars; the conformity review of 5.3 (an
 * input here: the gate is in the native formulas, RULES.md §5); the service score with the
 * per-characteristic table; maturity with the clause table; 4.2.2, 5.2.2 and the nonconformities; the
 * result with its reason, what the next result needs and its margins (RULES.md §7); the sign-off.
 * Every figure is a native formula over the other sheets; every sentence comes from the engine's own
 * wording (a hidden table generated here), so the sheet and the engine say the same thing.
 */
import type { GradeCode, Lang, RuleProfile, Scheme } from "../../scheme/types";
import { applyConformity, describeProfile, explainGrade, explainNext, fmt, grade, nextGrade, withReview, type GradeResult } from "../../engine";
import { a1, area, col, quoteSheet } from "../a1";
import { NAMES } from "../contract";
import { pick, t, type LabelKey } from "../labels";
import {
  DATE_FMT,
  DATE_STYLE,
  INPUT_TEXT,
  LABEL_STYLE,
  SECTION_STYLE,
  SheetBuilder,
  bandAndTitle,
  calcStyle,
  headStyle,
  textStyle,
  textUnits,
  type SheetContext,
} from "./builder";
import { concat, ifChain, lit, num, text } from "./formula";
import type { RecordsRefs } from "./records";
import { listValidation, dateValidation } from "./validation";
import { TEMPLATE_VERSION, type CellModel, type CellStyle, type MaturityLayout, type NameModel, type ResultLayout, type ServiceLayout, type SheetModel } from "./types";

/** One row of the hidden text table: for a (maturity level, service interval), what the engine says. */
export interface TextRow {
  /** the reason with "{S}" where the score goes (review passed or absent) */
  reason: string;
  /** what the next result needs, with "{DS}" / "{DT}" for the service and total rises */
  next: string;
  /** the next gate's minimum service score and the lowest total of its level ("" at the top) */
  upMin: number | "";
  upBand: number | "";
  /** the met gate's minimum service score and the lowest total of its level ("" for NONE): the margins' bases */
  metMin: number | "";
  metBand: number | "";
}

const SENT_S = 987.6;
const SENT_DS = 876.5;
const SENT_DT = 777;

/**
 * The engine's sentences for every (level, service interval) of a profile: the score intervals are
 * bounded by the gates' minimum scores, so within one interval and level the grade, the gate, the
 * next gate and which rises are needed are fixed; only the numbers vary, and they are placeholders.
 */
export function textTable(
  scheme: Scheme,
  profile: RuleProfile,
  lang: Lang
): { thresholds: number[]; rows: TextRow[]; provisional: string; failedReason: string; failedNext: string } {
  const thresholds = [...new Set(profile.gates.map((g) => g.minService))].sort((a, b) => a - b);
  const mark = fmt(SENT_S, profile.decimals);
  const bandMin = (level: number | undefined) => scheme.maturityBands.find((b) => b.level === level)?.min ?? "";
  const withScore = (g: GradeResult, what: string) => {
    const text = pick(explainGrade({ ...g, service: SENT_S }, scheme), lang);
    if (text.split(mark).length !== 2) throw new Error(`${what} must show the score exactly once`);
    return text.replace(mark, "{S}");
  };
  const rows: TextRow[] = [];
  let provisional = "";
  // a failed review: one sentence for every row, with the level ("{L}") and the scores' grade ("{G}") as placeholders
  const lvlText = (level: number) => pick(scheme.maturityBands.find((b) => b.level === level)?.label ?? { zh: "", en: "" }, lang);
  const sample = applyConformity(grade(profile.gates[profile.gates.length - 1].minService, profile.gates[profile.gates.length - 1].minLevel, profile), "failed");
  const fill = (tpl: string, level: number, code: GradeCode) => tpl.split("{L}").join(lvlText(level)).split("{G}").join(pick(scheme.gradeLabels[code], lang));
  const failedReason = withScore(sample, "reason").split(lvlText(sample.level)).join("{L}").split(pick(scheme.gradeLabels[sample.scored], lang)).join("{G}");
  const failedNext = pick(explainNext(nextGrade(sample, 0, scheme, profile), scheme), lang).split(pick(scheme.gradeLabels[sample.scored], lang)).join("{G}");
  for (const band of scheme.maturityBands) {
    for (let j = 0; j <= thresholds.length; j++) {
      const s = j === 0 ? Math.min(0, thresholds[0] - 1) : thresholds[j - 1];
      const g = grade(s, band.level, profile);
      const failed = applyConformity(g, "failed");
      const n = nextGrade(g, band.min, scheme, profile);
      const nextText = pick(explainNext(n ? { ...n, serviceRise: n.serviceRise > 0 ? SENT_DS : 0, totalRise: n.totalRise > 0 ? SENT_DT : 0 } : null, scheme), lang)
        .replace(`+${fmt(SENT_DS)}`, "+{DS}")
        .replace(`+${SENT_DT}`, "+{DT}");
      // the failed-review sentences of this row must be exactly the placeholders filled in (when the
      // scores give no result, the row's own next sentence with the review added)
      if (fill(failedReason, band.level, failed.scored) !== withScore(failed, "reason")) throw new Error("the failed-review reason does not follow one pattern");
      const fn = nextGrade(failed, band.min, scheme, profile);
      const fnText = pick(explainNext(fn ? { ...fn, serviceRise: fn.serviceRise > 0 ? SENT_DS : 0, totalRise: fn.totalRise > 0 ? SENT_DT : 0 } : null, scheme), lang)
        .replace(`+${fmt(SENT_DS)}`, "+{DS}")
        .replace(`+${SENT_DT}`, "+{DT}");
      const want = failed.scored === "NONE" ? pick(withReview({ zh: nextText, en: nextText }), lang) : fill(failedNext, band.level, failed.scored);
      if (fnText !== want) throw new Error("the failed-review next step does not follow one pattern");
      rows.push({
        reason: withScore(g, "reason"),
        next: nextText,
        upMin: g.up ? g.up.minService : "",
        upBand: g.up ? bandMin(g.up.minLevel) : "",
        metMin: g.gate ? g.gate.minService : "",
        metBand: g.gate ? bandMin(g.gate.minLevel) : "",
      });
      if (!provisional && g.gate) {
        const plain = pick(explainGrade(g, scheme), lang);
        const marked = pick(explainGrade(applyConformity(g, "absent"), scheme), lang);
        if (!marked.startsWith(plain)) throw new Error("the provisional reason must extend the plain one");
        provisional = marked.slice(plain.length);
      }
    }
  }
  return { thresholds, rows, provisional, failedReason, failedNext };
}

export function resultSheet(
  ctx: SheetContext,
  S: ServiceLayout,
  M: MaturityLayout,
  R: RecordsRefs
): { sheet: SheetModel; layout: ResultLayout; names: NameModel[] } {
  const { scheme, profile, lang, names, protection, footer } = ctx;
  const en = lang === "en-US";
  const cA = 1, cB = 2, cC = 3, cD = 4, cE = 5, cF = 6, cT0 = 7;
  const widths = new Map<number, number>([[cA, 18], [cB, 14], [cC, 14], [cD, 14], [cE, 34], [cF, 8]]);
  for (let c = cT0; c < cT0 + 8; c++) widths.set(c, 12);
  const b = new SheetBuilder(widths);
  const svc = (ref: string) => `${quoteSheet(names.service)}!${ref}`;
  const mat = (ref: string) => `${quoteSheet(names.maturity)}!${ref}`;
  /** a reference shown blank when the referenced input is blank (a bare reference would show 0) */
  const shown = (ref: string) => `IF(${ref}="","",${ref})`;
  const vocab = scheme.vocabulary;

  bandAndTitle(b, ctx, t("titleResult", lang), cA, cE);
  let r = 2;
  const section = (key: LabelKey) => {
    r += 2;
    b.put(cA, r, { value: t(key, lang), style: SECTION_STYLE });
    for (let c = cB; c <= cE; c++) b.put(c, r, { value: null, style: SECTION_STYLE });
    b.merge(cA, r, cE, r);
  };
  /** a label in A and a value over B..c2 */
  const row = (key: LabelKey, cell: Omit<CellModel, "ref">, c2 = cE) => {
    r++;
    b.put(cA, r, { value: t(key, lang), style: LABEL_STYLE });
    b.fit(r, t(key, lang), cA);
    b.put(cB, r, cell);
    for (let c = cB + 1; c <= c2; c++) b.put(c, r, { value: null, style: cell.style });
    if (c2 > cB) b.merge(cB, r, c2, r);
    return r;
  };
  const fixed: CellStyle = { ...textStyle, v: "middle" };
  const side: CellStyle = { ...calcStyle, h: "left" };
  const big: CellStyle = { ...calcStyle, bold: true, size: 12, fill: "FFE699" };

  // particulars (from the records sheet)
  section("sParticulars");
  row("pOrganization", { formula: shown(R.organization), style: fixed });
  row("pReportNo", { formula: shown(R.audit.reportNo), style: fixed });
  const rDates = row("pDates", { formula: shown(R.audit.from), style: { ...fixed, h: "left" }, numFmt: DATE_FMT }, cB);
  b.put(cC, rDates, { value: "—", style: { ...fixed, h: "center" } });
  b.put(cD, rDates, { formula: shown(R.audit.to), style: { ...fixed, h: "left" }, numFmt: DATE_FMT });
  b.put(cE, rDates, { value: null, style: fixed });
  const sepList = en ? ", " : "、";
  const leaderNote = en ? " (leader)" : "（组长）";
  row("pTeamAll", {
    formula: `IF(${R.audit.leader}="","",${R.audit.leader}&${lit(leaderNote)})&IF(AND(${R.audit.leader}<>"",${R.audit.team}<>""),${lit(sepList)},"")&IF(${R.audit.team}="","",${R.audit.team})`,
    style: fixed,
  });

  // the 4.2.2 and nonconformity counts (the report shows them; a passed review with open ones is pointed out)
  const res = vocab.specificResult;
  const countOf = (w: { zh: string; en: string }) => `(COUNTIF(${R.specificResults},${lit(w.zh)})+COUNTIF(${R.specificResults},${lit(w.en)}))`;
  const nSpec = scheme.specificRequirements.length;
  const closed = vocab.ncStatus.closed;
  const major = vocab.severity.major;
  const open = `SUMPRODUCT((${R.ncDescriptions}<>"")*(${R.ncStatuses}<>${lit(closed.zh)})*(${R.ncStatuses}<>${lit(closed.en)}))`;
  const openMajor = `SUMPRODUCT((${R.ncDescriptions}<>"")*(${R.ncStatuses}<>${lit(closed.zh)})*(${R.ncStatuses}<>${lit(closed.en)})*((${R.ncSeverities}=${lit(major.zh)})+(${R.ncSeverities}=${lit(major.en)})))`;
  // the conformity review of 5.3: inputs here
  section("sConformity");
  const rConf = row("cResult", { value: null, input: true, style: { ...INPUT_TEXT, h: "center", bold: true } }, cC);
  b.put(cD, rConf, { value: pick(scheme.conformityText, lang), style: { ...textStyle, size: 8, italic: true } });
  b.put(cE, rConf, { value: null, style: { ...textStyle, size: 8 } });
  b.merge(cD, rConf, cE, rConf);
  b.fit(rConf, pick(scheme.conformityText, lang), cD, cE, 8);
  row("cDate", { value: null, input: true, style: { ...DATE_STYLE, h: "left" }, numFmt: DATE_FMT }, cC);
  b.put(cD, r, { value: null, style: fixed });
  b.put(cE, r, { value: null, style: fixed });
  b.merge(cD, r, cE, r);
  row("cNote", { value: null, input: true, style: INPUT_TEXT });
  b.heights.set(r, 32);
  const conf = a1(cB, rConf);
  const failedWords = [vocab.conformity.failed.zh, vocab.conformity.failed.en];
  const failed = `OR(${failedWords.map((w) => `UPPER(TRIM(${conf}))=${lit(w.toUpperCase())}`).join(",")})`;
  const absent = `TRIM(${conf})=""`;
  // RULES.md §5: a passed review with an open major nonconformity or a 4.2.2 point not conforming is pointed out
  const passedWords = [vocab.conformity.passed.zh, vocab.conformity.passed.en];
  const passed = `OR(${passedWords.map((w) => `UPPER(TRIM(${conf}))=${lit(w.toUpperCase())}`).join(",")})`;
  const rWarn = row("cWarnings", {
    formula: `IF(${passed},IF(${openMajor}>0,${concat(t("warnOpenMajor", lang), { m: openMajor })},"")&IF(${countOf(res.nonconform)}>0,${concat(t("warnSpecific", lang), { n: countOf(res.nonconform) })},""),"")`,
    style: { ...textStyle, color: "C00000", size: 9 },
  });
  b.fit(rWarn, t("warnOpenMajor", lang) + t("warnSpecific", lang), cB, cE, 9);

  // service
  section("sServiceResult");
  const score = svc(a1(S.panelCol, S.scoreRow));
  const sProg = svc(a1(S.panelCol, S.scoredRow));
  const rSvc = row("resService", { formula: `IF(ISNUMBER(${score}),${score},"")`, style: big, numFmt: profile.decimals > 0 ? `0.${"0".repeat(profile.decimals)}` : "0" }, cB);
  const counted = svc(area(S.alphaCol, S.countedRow, S.alphaCol + S.raters - 1, S.countedRow));
  const kinds = svc(area(S.alphaCol, S.kindRow, S.alphaCol + S.raters - 1, S.kindRow));
  const kindCount = (w: { zh: string; en: string }) => `SUMPRODUCT((${counted}=1)*((${kinds}=${lit(w.zh)})+(${kinds}=${lit(w.en)})))`;
  const nP = kindCount(vocab.raterKind.person);
  const nV = kindCount(vocab.raterKind.visit);
  b.put(cC, rSvc, {
    formula: `${concat(`{p} / ${scheme.items.length}`, { p: sProg })}&${lit(en ? "  ·  " : "　")}&${concat(t("resColumns", lang), { p: nP, v: nV, u: `(SUM(${counted})-${nP}-${nV})` })}`,
    style: side,
  });
  for (let c = cD; c <= cE; c++) b.put(c, rSvc, { value: null, style: side });
  b.merge(cC, rSvc, cE, rSvc);
  r++;
  b.put(cA, r, { value: t("hCharacteristic", lang), style: headStyle });
  for (let c = cB; c <= cC; c++) b.put(c, r, { value: null, style: headStyle });
  b.merge(cA, r, cC, r);
  b.put(cD, r, { value: t("hWeight", lang), style: headStyle });
  b.put(cE, r, { value: t("hPoints", lang), style: headStyle });
  scheme.characteristics.forEach((ch, ci) => {
    r++;
    const idx = scheme.items.map((it, i) => (it.characteristic === ch.id ? i : -1)).filter((i) => i >= 0);
    b.put(cA, r, { value: `${ch.id}. ${pick(ch.name, lang)}`, style: fixed });
    for (let c = cB; c <= cC; c++) b.put(c, r, { value: null, style: fixed });
    b.merge(cA, r, cC, r);
    b.put(cD, r, { formula: `SUM(${svc(area(S.weightCol, S.firstItemRow + idx[0], S.weightCol, S.firstItemRow + idx[idx.length - 1]))})`, style: { ...calcStyle }, numFmt: "0" });
    const cs = svc(a1(S.panelCol, S.firstCharRow + ci));
    b.put(cE, r, { formula: `IF(ISNUMBER(${cs}),${cs},"")`, style: calcStyle, numFmt: "0.0" });
  });

  // maturity
  section("sMaturityResult");
  const total = mat(a1(M.pointsCol, M.totalRow));
  const level = mat(a1(M.pointsCol, M.levelRow));
  const mProg = mat(a1(M.pointsCol, M.statusRow));
  const rTot = row("resTotal", { formula: `IF(ISNUMBER(${total}),${total},"")`, style: big, numFmt: "0" }, cB);
  const rLvl = r + 1;
  const Lc = a1(cB, rLvl);
  const bands = scheme.maturityBands;
  b.put(cC, rTot, { formula: concat(`{p} / ${scheme.clauses.length}`, { p: mProg }), style: side });
  for (let c = cD; c <= cE; c++) b.put(c, rTot, { value: null, style: side });
  b.merge(cC, rTot, cE, rTot);
  row("resLevel", { formula: `IF(ISNUMBER(${level}),${level},"")`, style: big, numFmt: "0" }, cB);
  b.put(cC, rLvl, {
    formula: `IF(ISNUMBER(${Lc}),${ifChain(bands.slice(0, -1).map((bd) => [`${Lc}=${bd.level}`, lit(pick(bd.label, lang))]), lit(pick(bands[bands.length - 1].label, lang)))},"")`,
    style: side,
  });
  for (let c = cD; c <= cE; c++) b.put(c, rLvl, { value: null, style: side });
  b.merge(cC, rLvl, cE, rLvl);
  r++;
  b.put(cA, r, { value: t("hClauseRow", lang), style: headStyle });
  b.put(cB, r, { value: t("hClauseTitle", lang), style: headStyle });
  for (let c = cC; c <= cC; c++) b.put(c, r, { value: null, style: headStyle });
  b.merge(cB, r, cC, r);
  b.put(cD, r, { value: t("hLevelShort", lang), style: headStyle });
  b.put(cE, r, { value: t("hPointsOf", lang), style: headStyle });
  scheme.clauses.forEach((cl, i) => {
    r++;
    const mr = M.firstClauseRow + i;
    const lv = mat(a1(M.levelCol, mr));
    const pts = mat(a1(M.pointsCol, mr));
    b.put(cA, r, { value: cl.id, style: { ...fixed, h: "center", size: 9 } });
    b.put(cB, r, { value: pick(cl.title, lang), style: { ...fixed, size: 9 } });
    b.put(cC, r, { value: null, style: fixed });
    b.merge(cB, r, cC, r);
    b.fit(r, pick(cl.title, lang), cB, cC, 9);
    b.put(cD, r, { formula: `IF(ISNUMBER(${lv}),${lv},"")`, style: { ...calcStyle, size: 9 }, numFmt: "0" });
    b.put(cE, r, { formula: `IF(ISNUMBER(${pts}),${pts}&" / "&${mat(a1(M.weightCol, mr))},"")`, style: { ...calcStyle, size: 9 } });
  });

  // 4.2.2, 5.2.2, nonconformities
  section("sOther");
  r++;
  b.put(cA, r, {
    formula: concat(t("resSpecific", lang), {
      c: countOf(res.conform),
      n: countOf(res.nonconform),
      a: countOf(res.na),
      u: `(${nSpec}-${countOf(res.conform)}-${countOf(res.nonconform)}-${countOf(res.na)})`,
    }),
    style: fixed,
  });
  for (let c = cB; c <= cE; c++) b.put(c, r, { value: null, style: fixed });
  b.merge(cA, r, cE, r);
  row("resQms", { formula: `${shown(R.exemption)}&IF(${R.scope}="","",${lit(en ? ": " : "：")}&${R.scope})`, style: fixed });
  r++;
  b.put(cA, r, { formula: concat(t("resNc", lang), { t: `COUNTIF(${R.ncDescriptions},"?*")`, o: open, m: openMajor }), style: fixed });
  for (let c = cB; c <= cE; c++) b.put(c, r, { value: null, style: fixed });
  b.merge(cA, r, cE, r);

  // the result
  section("sResult");
  const rGrade = r + 1;
  const Sc = a1(cB, rSvc);
  const Tc = a1(cB, rTot);
  // hidden helpers in column F: the grade the scores give, the final grade (QCS_GRADE), the table row
  const scored = a1(cF, rGrade);
  const final = a1(cF, rGrade + 1);
  const kRow = a1(cF, rGrade + 2);
  const gradeExpr = ifChain(
    profile.gates.map((g) => [`AND(${Sc}>=${num(g.minService)},${Lc}>=${num(g.minLevel)})`, lit(g.code)]),
    lit("NONE")
  );
  b.put(cF, rGrade, { formula: `IF(AND(ISNUMBER(${Sc}),ISNUMBER(${Lc})),${gradeExpr},"")` });
  b.put(cF, rGrade + 1, { formula: `IF(${scored}="","",IF(${failed},"NONE",${scored}))` });
  const codes = Object.keys(scheme.gradeLabels) as GradeCode[];
  const labelOf = (g: string) => ifChain(codes.slice(0, -1).map((c) => [`${g}=${lit(c)}`, lit(pick(scheme.gradeLabels[c], lang))]), lit(pick(scheme.gradeLabels[codes[codes.length - 1]], lang)));
  const provisionalMark = pick(scheme.provisionalMark, lang);
  const isProvisional = `AND(${absent},${final}<>"NONE")`;
  row("resGrade", { formula: `IF(${final}="","",${labelOf(final)}&IF(${isProvisional},${lit((en ? " " : "") + provisionalMark)},""))`, style: { ...big, size: 14, h: "center" } }, cC);
  b.put(cD, rGrade, { value: null, style: fixed });
  b.put(cE, rGrade, { value: null, style: fixed });
  b.merge(cD, rGrade, cE, rGrade);
  b.heights.set(rGrade, 26);

  const { thresholds, rows, provisional, failedReason, failedNext } = textTable(scheme, profile, lang);
  const cols = ["reason", "next", "upMin", "upBand", "metMin", "metBand"] as const;
  rows.forEach((tr, i) => cols.forEach((k, j) => b.put(cT0 + j, i + 1, { value: tr[k] === "" ? null : tr[k] })));
  const perLevel = thresholds.length + 1;
  const sIdx = ifChain(
    [...thresholds].reverse().map((th, j) => [`${Sc}>=${num(th)}`, String(thresholds.length + 1 - j)]),
    "1"
  );
  b.put(cF, rGrade + 2, { formula: `IF(${final}="","",(${Lc}-1)*${perLevel}+${sIdx})` });
  const tcol = (k: (typeof cols)[number]) => `$${col(cT0 + cols.indexOf(k))}$1:$${col(cT0 + cols.indexOf(k))}$${rows.length}`;
  const at = (k: (typeof cols)[number]) => `INDEX(${tcol(k)},${kRow})`;
  const rReason = row("resReason", {
    formula: `IF(${final}="","",IF(${failed},${concat(failedReason, { S: `FIXED(${Sc},${profile.decimals},TRUE)`, L: a1(cC, rLvl), G: labelOf(scored) })},SUBSTITUTE(${at("reason")},"{S}",FIXED(${Sc},${profile.decimals},TRUE))&IF(${isProvisional},${text(provisional)},"")))`,
    style: { ...textStyle, v: "top" },
  });
  const longest = (k: "reason" | "next") => rows.reduce((a, x) => (textUnits(x[k]) > textUnits(a) ? x[k] : a), "");
  b.fit(rReason, longest("reason") + provisional, cB, cE);
  const widestLabel = codes.map((c) => pick(scheme.gradeLabels[c], lang)).reduce((a, x) => (textUnits(x) > textUnits(a) ? x : a), "");
  b.fit(rReason, failedReason + widestLabel, cB, cE);
  const nextFilled = `SUBSTITUTE(SUBSTITUTE(${at("next")},"{DS}",FIXED(${at("upMin")}-${Sc},${profile.decimals},TRUE)),"{DT}",${at("upBand")}-${Tc})`;
  // a failed review on scores that give no result: the same sentence, its full stop replaced by the review
  const reviewSuffix = pick(withReview({ zh: "。", en: "." }), lang);
  const rNext = row("resNext", {
    formula: `IF(${final}="","",IF(${failed},IF(${scored}<>"NONE",${concat(failedNext, { G: labelOf(scored) })},LEFT(${nextFilled},LEN(${nextFilled})-1)&${text(reviewSuffix)}),${nextFilled}))`,
    style: { ...textStyle, v: "top" },
  });
  b.fit(rNext, longest("next"), cB, cE);
  const graded = `AND(${final}<>"",${final}<>"NONE")`;
  const rMargin = row("resMargins", { formula: `IF(${graded},${Sc}-${at("metMin")},"")`, style: { ...calcStyle, bold: true }, numFmt: "+0.0;-0.0;0.0" }, cB);
  b.put(cC, rMargin, { formula: `IF(${graded},${Tc}-${at("metBand")},"")`, style: { ...calcStyle, bold: true }, numFmt: "+0;-0;0" });
  b.put(cD, rMargin, {
    formula: `IF(${graded},${concat(t("resMarginText", lang), { s: `FIXED(${a1(cB, rMargin)},${profile.decimals},TRUE)`, t: a1(cC, rMargin) })},"")`,
    style: { ...side, size: 9 },
  });
  b.put(cE, rMargin, { value: null, style: side });
  b.merge(cD, rMargin, cE, rMargin);
  b.fit(rMargin, t("resMarginText", lang, { s: "0.0", t: "00" }), cD, cE, 9);

  const svcInvalid = svc(a1(S.panelCol, S.invalidRow));
  const matInvalid = `COUNTIF(${mat(`${a1(M.stateCol, M.firstClauseRow)}:${a1(M.stateCol, M.firstClauseRow + scheme.clauses.length - 1)}`)},3)`;
  const rStatus = row("resStatus", {
    formula: ifChain(
      [
        [`OR(${svcInvalid}>0,${matInvalid}>0)`, lit(t("resInvalid", lang))],
        [`${final}<>""`, lit(t("resDone", lang))],
      ],
      concat(t("resPending", lang), { s: sProg, ns: String(scheme.items.length), m: mProg, nm: String(scheme.clauses.length) })
    ),
    style: { ...textStyle, v: "middle" },
  });
  b.fit(rStatus, t("resPending", lang), cB, cE);

  // sign-off
  section("sSignoff");
  const sign = (key: LabelKey, who: string) => {
    const rr = row(key, { formula: shown(who), style: fixed }, cC);
    b.put(cD, rr, { value: t("sign", lang), style: { ...fixed, h: "right" } });
    b.put(cE, rr, { value: null, style: fixed });
    b.heights.set(rr, 30);
  };
  sign("pLeader", R.audit.leader);
  sign("pReviewer", R.audit.reviewer);
  sign("pDecisionMaker", R.audit.decisionMaker);
  row("pDecisionDate", { formula: shown(R.audit.decisionDate), style: { ...fixed, h: "left" }, numFmt: DATE_FMT }, cC);
  b.put(cD, r, { value: null, style: fixed });
  b.put(cE, r, { value: null, style: fixed });
  b.merge(cD, r, cE, r);

  // scheme and template
  section("sScheme");
  const rScheme = row("pScheme", { value: scheme.id, style: fixed });
  row("pSchemeVersion", { value: scheme.version, style: fixed });
  row("pTemplateVersion", { value: TEMPLATE_VERSION, style: fixed });
  const rule = `${pick(profile.name, lang)}${en ? ": " : "："}${pick(describeProfile(profile, scheme), lang)}`;
  const rRule = row("pProfile", { value: rule, style: { ...fixed, size: 9 } });
  b.fit(rRule, rule, cB, cE, 9);

  const hiddenCols = new Set<number>([cF]);
  for (let c = cT0; c < cT0 + cols.length; c++) hiddenCols.add(c);
  const sheet: SheetModel = {
    key: "result",
    name: names.result,
    cells: b.list(),
    columns: b.columns(hiddenCols),
    rows: b.rows(),
    merges: b.merges,
    validations: [
      listValidation(conf, Object.values(vocab.conformity).map((w) => pick(w, lang)), lang, t("cResult", lang)),
      dateValidation(a1(cB, rConf + 1), lang),
    ],
    conditionalFormats: [],
    freeze: { rows: 0, columns: 0 },
    protection,
    print: { orientation: "portrait", titleRows: [1, 1], area: area(cA, 1, cE, r), fitToWidth: true, footer },
    tabColor: "C00000",
  };
  const resName = names.result;
  return {
    sheet,
    names: [
      { name: NAMES.grade, sheet: resName, ref: final },
      { name: NAMES.scheme, sheet: resName, ref: a1(cB, rScheme) },
      { name: NAMES.conformity, sheet: resName, ref: area(cB, rConf, cB, rConf + 2) },
      { name: NAMES.serviceMargin, sheet: resName, ref: a1(cB, rMargin) },
      { name: NAMES.maturityMargin, sheet: resName, ref: a1(cC, rMargin) },
    ],
    layout: { gradeRow: rGrade, reasonRow: rReason, nextRow: rNext, marginRow: rMargin, statusRow: rStatus, conformityRow: rConf, schemeRow: rScheme },
  };
}

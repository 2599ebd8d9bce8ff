/**
 * The result sheet: particulars, the service score, the maturity total and level, the grade under the
 * default profile and the reason in words — all native formulas over the other two sheets.
 */
import type { Lang, RuleProfile, Scheme, Text } from "../../scheme/types";
import { describeProfile, explainGrade, fmt, grade } from "../../engine";
import { a1, area, col, quoteSheet } from "../a1";
import { pick, t } from "../labels";
import { SheetBuilder, calcStyle, headStyle, inputStyle, textStyle, textUnits, type SheetContext } from "./builder";
import { concat, ifChain, lit, num } from "./formula";
import { TEMPLATE_VERSION, type CellModel, type CellStyle, type MaturityLayout, type ResultLayout, type ServiceLayout, type SheetModel } from "./types";

/** The reason texts, one per (maturity level, service interval), with "{S}" where the score goes. */
export function reasonTable(scheme: Scheme, profile: RuleProfile, lang: Lang): { thresholds: number[]; texts: string[] } {
  const thresholds = [...new Set(profile.gates.map((g) => g.minService))].sort((a, b) => a - b);
  const SENTINEL = 987.6;
  const mark = fmt(SENTINEL, profile.decimals);
  const texts: string[] = [];
  for (const band of scheme.maturityBands) {
    for (let j = 0; j <= thresholds.length; j++) {
      const s = j === 0 ? Math.min(0, thresholds[0] - 1) : thresholds[j - 1];
      const g = grade(s, band.level, profile);
      const text = pick(explainGrade({ ...g, service: SENTINEL }, scheme) as Text, lang);
      if (text.split(mark).length !== 2) throw new Error("reason text must show the score exactly once");
      texts.push(text.replace(mark, "{S}"));
    }
  }
  return { thresholds, texts };
}

export function resultSheet(ctx: SheetContext, S: ServiceLayout, M: MaturityLayout): { sheet: SheetModel; layout: ResultLayout } {
  const { scheme, profile, opts, lang, names, protection, footer } = ctx;
  const cA = 1, cB = 2, cC = 3, cReason = 5;
  const widths = new Map<number, number>([[cA, 20], [cB, 16], [cC, 62], [4, 2], [cReason, 12]]);
  const b = new SheetBuilder(widths);
  const svc = (ref: string) => `${quoteSheet(names.service)}!${ref}`;
  const mat = (ref: string) => `${quoteSheet(names.maturity)}!${ref}`;

  let r = 1;
  b.put(cA, r, { value: t("titleResult", lang), style: { bold: true, size: 14, h: "center", v: "middle" } });
  b.merge(cA, r, cC, r);
  b.heights.set(r, 24);
  const rTitle = r;
  const section = (key: Parameters<typeof t>[0]) => {
    r++;
    b.put(cA, r, { value: t(key, lang), style: { ...headStyle, h: "left" } });
    b.put(cB, r, { value: null, style: headStyle });
    b.put(cC, r, { value: null, style: headStyle });
    b.merge(cA, r, cC, r);
  };
  const row = (key: Parameters<typeof t>[0], cell: Omit<CellModel, "ref">, merge = true) => {
    r++;
    b.put(cA, r, { value: t(key, lang), style: { ...textStyle, bold: true, v: "middle" } });
    b.put(cB, r, cell);
    if (merge) {
      b.put(cC, r, { value: null, style: cell.style });
      b.merge(cB, r, cC, r);
    }
    return r;
  };
  section("sParticulars");
  const p = opts.particulars ?? {};
  const inp: CellStyle = { ...inputStyle, h: "left", wrap: true };
  const rOrg = row("pOrganization", { value: p.organization ?? null, input: true, style: inp });
  row("pDates", { value: p.dates ?? null, input: true, style: inp });
  row("pAuditors", { value: p.auditors ?? null, input: true, style: inp });
  const fixed: CellStyle = { ...textStyle, v: "middle" };
  const rScheme = row("pScheme", { value: scheme.id, style: fixed });
  row("pSchemeVersion", { value: scheme.version, style: fixed });
  row("pTemplateVersion", { value: TEMPLATE_VERSION, style: fixed });
  const rule = `${pick(profile.name, lang)}：${pick(describeProfile(profile, scheme), lang)}`;
  const rRule = row("pProfile", { value: rule, style: { ...fixed, size: 9 } });
  b.fit(rRule, rule, cB, cC, 9);
  r++;
  section("sResult");

  const score = svc(a1(S.panelCol, S.scoreRow));
  const sProg = svc(a1(S.panelCol, S.scoredRow));
  const total = mat(a1(M.pointsCol, M.totalRow));
  const level = mat(a1(M.pointsCol, M.levelRow));
  const mProg = mat(a1(M.pointsCol, M.levelRow + 1));
  const big: CellStyle = { ...calcStyle, bold: true, size: 12, fill: "FFE699" };
  const side: CellStyle = { ...calcStyle, h: "left" };
  const rSvc = row("resService", { formula: `IF(ISNUMBER(${score}),${score},"")`, style: big, numFmt: profile.decimals > 0 ? `0.${"0".repeat(profile.decimals)}` : "0" }, false);
  b.put(cC, rSvc, { formula: concat(`{p} / ${scheme.items.length}`, { p: sProg }), style: side });
  const rTot = row("resTotal", { formula: `IF(ISNUMBER(${total}),${total},"")`, style: big, numFmt: "0" }, false);
  b.put(cC, rTot, { formula: concat(`{p} / ${scheme.clauses.length}`, { p: mProg }), style: side });
  const rLvl = row("resLevel", { formula: `IF(ISNUMBER(${level}),${level},"")`, style: big, numFmt: "0" }, false);
  const Lc = a1(cB, rLvl);
  const Sc = a1(cB, rSvc);
  const bands = scheme.maturityBands;
  b.put(cC, rLvl, {
    formula: `IF(ISNUMBER(${Lc}),${ifChain(bands.slice(0, -1).map((bd) => [`${Lc}=${bd.level}`, lit(pick(bd.label, lang))]), lit(pick(bands[bands.length - 1].label, lang)))},"")`,
    style: side,
  });
  // the grade: the highest gate of the default profile whose two minimums hold, on the rounded score
  const gradeExpr = ifChain(
    profile.gates.map((g) => [`AND(${Sc}>=${num(g.minService)},${Lc}>=${num(g.minLevel)})`, lit(g.code)]),
    lit("NONE")
  );
  const rGrade = row("resGrade", { formula: `IF(AND(ISNUMBER(${Sc}),ISNUMBER(${Lc})),${gradeExpr},"")`, style: { ...big, size: 14 } }, false);
  const G = a1(cB, rGrade);
  const codes = Object.keys(scheme.gradeLabels) as (keyof Scheme["gradeLabels"])[];
  b.put(cC, rGrade, {
    formula: `IF(${G}="","",${ifChain(codes.slice(0, -1).map((c) => [`${G}=${lit(c)}`, lit(pick(scheme.gradeLabels[c], lang))]), lit(pick(scheme.gradeLabels[codes[codes.length - 1]], lang)))})`,
    style: { ...side, bold: true, size: 12 },
  });
  b.heights.set(rGrade, 24);

  // reason: a table of generated texts (hidden column), picked by level and score interval
  const { thresholds, texts } = reasonTable(scheme, profile, lang);
  texts.forEach((txt, i) => b.put(cReason, i + 1, { value: txt }));
  const perLevel = thresholds.length + 1;
  const sIdx = ifChain(
    [...thresholds].reverse().map((th, j) => [`${Sc}>=${num(th)}`, String(thresholds.length + 1 - j)]),
    "1"
  );
  const reasons = `$${col(cReason)}$1:$${col(cReason)}$${texts.length}`;
  const rReason = row("resReason", {
    formula: `IF(${G}="","",SUBSTITUTE(INDEX(${reasons},(${Lc}-1)*${perLevel}+${sIdx}),"{S}",FIXED(${Sc},${profile.decimals},TRUE)))`,
    style: { ...textStyle, v: "top" },
  });
  b.fit(rReason, texts.reduce((a, x) => (textUnits(x) > textUnits(a) ? x : a), ""), cB, cC);
  const svcInvalid = svc(a1(S.panelCol, S.invalidRow));
  const matInvalid = `COUNTIF(${mat(`${a1(M.stateCol, M.firstClauseRow)}:${a1(M.stateCol, M.firstClauseRow + scheme.clauses.length - 1)}`)},3)`;
  const rStatus = row("resStatus", {
    formula: ifChain(
      [
        [`OR(${svcInvalid}>0,${matInvalid}>0)`, lit(t("resInvalid", lang))],
        [`${G}<>""`, lit(t("resDone", lang))],
      ],
      concat(t("resPending", lang), { s: sProg, ns: String(scheme.items.length), m: mProg, nm: String(scheme.clauses.length) })
    ),
    style: { ...textStyle, v: "middle" },
  });
  b.fit(rStatus, t("resPending", lang), cB, cC);
  b.fit(rStatus, t("resInvalid", lang), cB, cC);

  const sheet: SheetModel = {
    key: "result",
    name: names.result,
    cells: b.list(),
    columns: b.columns(new Set([4, cReason])),
    rows: b.rows(),
    merges: b.merges,
    validations: [],
    conditionalFormats: [],
    freeze: { rows: 0, columns: 0 },
    protection,
    print: { orientation: "portrait", titleRows: [rTitle, rTitle], area: area(cA, rTitle, cC, rStatus), fitToWidth: true, footer },
    tabColor: "C00000",
  };
  return { sheet, layout: { gradeRow: rGrade, reasonRow: rReason, statusRow: rStatus, organizationRow: rOrg, schemeRow: rScheme } };
}

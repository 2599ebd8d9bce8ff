/**
 * Appendix 3 (with the Appendix 2 level descriptions and the Appendix 4 audit points): one row per
 * clause; the level is chosen from a list; all five level descriptions stand beside the clause, printed,
 * so the auditor compares them before choosing (RULES.md §8), and the chosen one is shaded; points,
 * total and overall level below.
 */
import { a1, area, col } from "../a1";
import { NAMES } from "../contract";
import { pick, t } from "../labels";
import { INPUT, INVALID_FILL, NOTE_STYLE, SheetBuilder, bandAndTitle, calcStyle, centerStyle, headStyle, inputStyle, textStyle, type SheetContext } from "./builder";
import { concat, ifChain, lit, num } from "./formula";
import type { MaturityLayout, NameModel, SheetModel } from "./types";

/** Shading of the chosen level's description. */
const CHOSEN_FILL = "E2EFDA";

export function maturitySheet(ctx: SheetContext): { sheet: SheetModel; layout: MaturityLayout; names: NameModel[] } {
  const { scheme, lang, names, protection, footer } = ctx;
  const clauses = scheme.clauses;
  const lo = scheme.minClauseLevel;
  const hi = scheme.maxClauseLevel;
  const bands = scheme.maturityBands;
  const nLevels = hi - lo + 1;
  const cGroup = 1, cId = 2, cTitle = 3, cW = 4, cLevel = 5, cPts = 6, cText0 = 7;
  const cAudit = cText0 + nLevels;
  const cNote = cAudit + 1;
  const cState = cNote + 1;
  const lastVisible = cNote;
  const rHead = 3, r0 = 4;
  const rLast = r0 + clauses.length - 1;
  const rTotal = rLast + 1;
  const rLevel = rTotal + 1;
  const rStatus = rLevel + 1;
  const rNote = rStatus + 2;

  const en = lang === "en-US";
  const widths = new Map<number, number>([[cGroup, 10], [cId, 6], [cTitle, 14], [cW, 7], [cLevel, 8], [cPts, 7], [cAudit, en ? 52 : 44], [cNote, 22], [cState, 5]]);
  for (let l = 0; l < nLevels; l++) widths.set(cText0 + l, en ? 20 : 17);
  const b = new SheetBuilder(widths);
  bandAndTitle(b, ctx, t("titleMaturity", lang), cGroup, lastVisible);

  const heads: [number, string][] = [
    [cGroup, t("hGroup", lang)], [cId, t("hClause", lang)], [cTitle, t("hClauseTitle", lang)], [cW, t("hClauseWeight", lang)],
    [cLevel, t("hLevel", lang)], [cPts, t("hPoints", lang)], [cAudit, t("hAudit", lang)], [cNote, t("hEvidence", lang)],
  ];
  for (let l = 0; l < nLevels; l++) heads.push([cText0 + l, t("hLevelN", lang, { level: pick(bands[l]?.label ?? { zh: `${lo + l}`, en: `${lo + l}` }, lang) })]);
  for (const [c, text] of heads) b.head(c, rHead, text);
  b.put(cState, rHead, { value: "state" });

  clauses.forEach((cl, i) => {
    const r = r0 + i;
    const g = scheme.groups.find((x) => x.id === cl.group);
    const firstOfGroup = clauses.findIndex((x) => x.group === cl.group) === i;
    const gText = g ? `${g.id}. ${pick(g.name, lang)}` : cl.group;
    b.put(cGroup, r, { value: firstOfGroup ? gText : null, style: centerStyle });
    b.put(cId, r, { value: cl.id, style: centerStyle });
    const title = pick(cl.title, lang);
    b.put(cTitle, r, { value: title, style: { ...textStyle, v: "middle" } });
    b.fit(r, title, cTitle);
    b.put(cW, r, { value: cl.weight, style: centerStyle, numFmt: "0" });
    const lv = a1(cLevel, r);
    const st = a1(cState, r);
    b.put(cLevel, r, { value: null, input: true, style: inputStyle });
    b.put(cState, r, { formula: `IF(ISNUMBER(${lv}),IF(AND(${lv}>=${lo},${lv}<=${hi},${lv}=INT(${lv})),1,3),IF(TRIM(${lv})="",0,3))` });
    b.put(cPts, r, { formula: `IF(${st}=1,${lv}*${a1(cW, r)}/${hi},IF(${st}=3,${lit(t("invalid", lang))},""))`, style: calcStyle, numFmt: "0" });
    // Appendix 2: the group's text at each level, as printed (RULES.md §8)
    (g ? g.levels : []).forEach((txt, l) => {
      b.put(cText0 + l, r, { value: pick(txt, lang), style: { ...textStyle, size: 8 } });
      b.fit(r, pick(txt, lang), cText0 + l, cText0 + l, 8);
    });
    // Appendix 4, with the chapter's lead sentence where it has one (chapter 7, RULES.md §6)
    const audit = (g?.auditLead ? pick(g.auditLead, lang) + "\n" : "") + pick(cl.audit, lang);
    b.put(cAudit, r, { value: audit, style: { ...textStyle, size: 8 } });
    b.fit(r, audit, cAudit, cAudit, 8);
    b.put(cNote, r, { value: null, input: true, style: { ...textStyle, fill: INPUT, size: 9 } });
  });
  for (const g of scheme.groups) {
    const idx = clauses.map((c, i) => (c.group === g.id ? i : -1)).filter((i) => i >= 0);
    if (idx.length) b.merge(cGroup, r0 + idx[0], cGroup, r0 + idx[idx.length - 1]);
  }

  const states = `${a1(cState, r0)}:${a1(cState, rLast)}`;
  const total = a1(cPts, rTotal);
  const level = a1(cPts, rLevel);
  const label = (r: number, key: Parameters<typeof t>[0]) => {
    b.put(cGroup, r, { value: t(key, lang), style: { ...headStyle, h: "right" } });
    for (let c = cGroup + 1; c <= cLevel; c++) b.put(c, r, { value: null, style: headStyle });
    b.merge(cGroup, r, cLevel, r);
  };
  label(rTotal, "rTotal");
  label(rLevel, "rLevel");
  label(rStatus, "rRated");
  const side = { ...calcStyle, h: "left" as const };
  b.put(cPts, rTotal, {
    formula: `IF(COUNTIF(${states},1)=${clauses.length},SUM(${a1(cPts, r0)}:${a1(cPts, rLast)}),"")`,
    style: { ...calcStyle, bold: true, size: 12, fill: "FFE699" },
    numFmt: "0",
  });
  // the attainable total, read from the weights and stated apart from the score ("out of 145")
  b.put(cText0, rTotal, { formula: concat(t("rTotalMax", lang), { max: `SUM(${a1(cW, r0)}:${a1(cW, rLast)})` }), style: side });
  const top = bands[bands.length - 1];
  b.put(cPts, rLevel, {
    formula: `IF(ISNUMBER(${total}),IF(OR(${total}<${num(bands[0].min)},${total}>${num(top.max)}),"",${ifChain(
      bands.slice(0, -1).map((bd) => [`${total}<${num(bd.max)}`, String(bd.level)]),
      String(top.level)
    )}),"")`,
    style: { ...calcStyle, bold: true, size: 12, fill: "FFE699" },
    numFmt: "0",
  });
  b.put(cText0, rLevel, {
    formula: `IF(ISNUMBER(${level}),${ifChain(bands.slice(0, -1).map((bd) => [`${level}=${bd.level}`, lit(pick(bd.label, lang))]), lit(pick(top.label, lang)))},"")`,
    style: side,
  });
  b.put(cPts, rStatus, { formula: `COUNTIF(${states},1)`, style: calcStyle, numFmt: `0" / ${clauses.length}"` });
  b.put(cText0, rStatus, {
    formula: ifChain(
      [
        [`COUNTIF(${states},3)>0`, lit(t("stInvalid", lang))],
        [`COUNTIF(${states},1)=${clauses.length}`, lit(t("stDone", lang))],
        [`COUNTIF(${states},1)=0`, lit(t("stNotStarted", lang))],
      ],
      lit(t("stIncomplete", lang))
    ),
    style: side,
  });
  for (const r of [rTotal, rLevel, rStatus]) {
    for (let c = cText0 + 1; c <= lastVisible; c++) b.put(c, r, { value: null, style: side });
    b.merge(cText0, r, lastVisible, r);
  }
  const bandText = bands
    .map((bd, i) => `${pick(bd.label, lang)} ${bd.min} ≤ T ${i === bands.length - 1 ? "≤" : "<"} ${bd.max}`)
    .join(en ? "; " : "；");
  const note = t("noteMaturity", lang, { lo, hi, bands: bandText });
  b.put(cGroup, rNote, { value: note, style: NOTE_STYLE });
  b.merge(cGroup, rNote, lastVisible, rNote);
  b.fit(rNote, note, cGroup, lastVisible, 9);

  const levelRange = area(cLevel, r0, cLevel, rLast);
  const sheet: SheetModel = {
    key: "maturity",
    name: names.maturity,
    cells: b.list(),
    columns: b.columns(new Set([cState])),
    rows: b.rows(),
    merges: b.merges,
    validations: [
      {
        range: levelRange,
        kind: "list",
        list: Array.from({ length: nLevels }, (_, l) => String(lo + l)),
        prompt: { title: t("vLevelTitle", lang), text: t("vLevelPrompt", lang, { lo, hi }) },
        error: { title: t("vLevelTitle", lang), text: t("vLevelError", lang, { lo, hi }) },
      },
    ],
    conditionalFormats: [
      { range: levelRange, formula: `${a1(cState, r0)}=3`, fill: INVALID_FILL },
      // the chosen level's description (each column looks at the row's level)
      ...Array.from({ length: nLevels }, (_, l) => ({ range: area(cText0 + l, r0, cText0 + l, rLast), formula: `$${col(cLevel)}${r0}=${lo + l}`, fill: CHOSEN_FILL })),
    ],
    freeze: { rows: rHead, columns: cId },
    protection,
    print: { orientation: "landscape", titleRows: [1, rHead], area: area(cGroup, 1, lastVisible, rNote), fitToWidth: true, footer },
    tabColor: "548235",
  };
  const mat = names.maturity;
  return {
    sheet,
    names: [
      { name: NAMES.levels, sheet: mat, ref: levelRange },
      { name: NAMES.clauseWeights, sheet: mat, ref: area(cW, r0, cW, rLast) },
      { name: NAMES.maturityTotal, sheet: mat, ref: total },
      { name: NAMES.maturityLevel, sheet: mat, ref: level },
      { name: NAMES.clauseEvidence, sheet: mat, ref: area(cNote, r0, cNote, rLast) },
    ],
    layout: { firstClauseRow: r0, levelCol: cLevel, pointsCol: cPts, weightCol: cW, totalRow: rTotal, levelRow: rLevel, ratedCol: cPts, statusRow: rStatus, stateCol: cState },
  };
}

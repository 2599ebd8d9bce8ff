/**
 * Appendix 3 (with the Appendix 2 level descriptions and the Appendix 4 audit points): one row per
 * clause, the level chosen from a list, points, total and overall level.
 */
import { a1, area } from "../a1";
import { pick, t } from "../labels";
import { GREY, INPUT, INVALID_FILL, SheetBuilder, calcStyle, centerStyle, headStyle, inputStyle, textStyle, type SheetContext } from "./builder";
import { ifChain, lit, num } from "./formula";
import type { MaturityLayout, SheetModel } from "./types";

export function maturitySheet(ctx: SheetContext): { sheet: SheetModel; layout: MaturityLayout } {
  const { scheme, lang, names, protection, footer } = ctx;
  const clauses = scheme.clauses;
  const lo = scheme.minClauseLevel;
  const hi = scheme.maxClauseLevel;
  const bands = scheme.maturityBands;
  const cGroup = 1, cId = 2, cTitle = 3, cW = 4, cLevel = 5, cPts = 6, cDesc = 7, cAudit = 8, cNote = 9;
  const cState = 10, cText0 = 11;
  const nLevels = hi - lo + 1;
  const lastVisible = cNote;
  const rTitle = 1, rNote = 2, rHead = 3, r0 = 4;
  const rLast = r0 + clauses.length - 1;
  const rTotal = rLast + 1;
  const rLevel = rTotal + 1;
  const rStatus = rLevel + 1;

  const widths = new Map<number, number>([[cGroup, 10], [cId, 6], [cTitle, 14], [cW, 7], [cLevel, 8], [cPts, 7], [cDesc, 34], [cAudit, lang === "en-US" ? 80 : 62], [cNote, 24], [cState, 5]]);
  for (let l = 0; l < nLevels; l++) widths.set(cText0 + l, 10);
  const hidden = new Set<number>([cState]);
  for (let l = 0; l < nLevels; l++) hidden.add(cText0 + l);
  const b = new SheetBuilder(widths);

  b.put(cGroup, rTitle, { value: t("titleMaturity", lang), style: { bold: true, size: 14, h: "center", v: "middle" } });
  b.merge(cGroup, rTitle, lastVisible, rTitle);
  b.heights.set(rTitle, 24);
  const bandText = bands
    .map((bd, i) => `${pick(bd.label, lang)} ${bd.min} ≤ T ${i === bands.length - 1 ? "≤" : "<"} ${bd.max}`)
    .join(lang === "en-US" ? "; " : "；");
  const note = t("noteMaturity", lang, { lo, hi, bands: bandText });
  b.put(cGroup, rNote, { value: note, style: { wrap: true, v: "top", size: 9, italic: true } });
  b.merge(cGroup, rNote, lastVisible, rNote);
  b.fit(rNote, note, cGroup, lastVisible, 9);

  const heads: [number, string][] = [
    [cGroup, t("hGroup", lang)], [cId, t("hClause", lang)], [cTitle, t("hClauseTitle", lang)], [cW, t("hClauseWeight", lang)],
    [cLevel, t("hLevel", lang)], [cPts, t("hPoints", lang)], [cDesc, t("hLevelText", lang)], [cAudit, t("hAudit", lang)], [cNote, t("hEvidence", lang)],
  ];
  for (const [c, text] of heads) {
    b.put(c, rHead, { value: text, style: headStyle });
    b.fit(rHead, text, c);
  }
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
    // Appendix 2: the chosen level's description, looked up from hidden cells (texts exceed formula literal limits)
    (g ? g.levels : []).forEach((txt, l) => b.put(cText0 + l, r, { value: pick(txt, lang) }));
    b.put(cDesc, r, { formula: `IF(${st}=1,INDEX(${area(cText0, r, cText0 + nLevels - 1, r)},1,${lv}-${lo - 1}),"")`, style: { ...textStyle, fill: GREY, size: 9 } });
    // tall enough for the longest description the level dropdown can bring up
    for (const txt of g ? g.levels : []) b.fit(r, pick(txt, lang), cDesc, cDesc, 9);
    const audit = pick(cl.audit, lang);
    b.put(cAudit, r, { value: audit, style: { ...textStyle, size: 9 } });
    b.fit(r, audit, cAudit, cAudit, 9);
    b.put(cNote, r, { value: null, input: true, style: { ...textStyle, fill: INPUT } });
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
    for (let c = cGroup + 1; c <= cTitle; c++) b.put(c, r, { value: null, style: headStyle });
    b.merge(cGroup, r, cTitle, r);
  };
  label(rTotal, "rTotal");
  label(rLevel, "rLevel");
  label(rStatus, "rRated");
  b.put(cW, rTotal, { formula: `SUM(${a1(cW, r0)}:${a1(cW, rLast)})`, style: calcStyle, numFmt: "0" });
  b.put(cLevel, rTotal, { value: null, style: calcStyle });
  b.put(cPts, rTotal, {
    formula: `IF(COUNTIF(${states},1)=${clauses.length},SUM(${a1(cPts, r0)}:${a1(cPts, rLast)}),"")`,
    style: { ...calcStyle, bold: true, size: 12, fill: "FFE699" },
    numFmt: "0",
  });
  const top = bands[bands.length - 1];
  b.put(cPts, rLevel, {
    formula: `IF(ISNUMBER(${total}),IF(OR(${total}<${num(bands[0].min)},${total}>${num(top.max)}),"",${ifChain(
      bands.slice(0, -1).map((bd) => [`${total}<${num(bd.max)}`, String(bd.level)]),
      String(top.level)
    )}),"")`,
    style: { ...calcStyle, bold: true, size: 12, fill: "FFE699" },
    numFmt: "0",
  });
  b.put(cDesc, rLevel, {
    formula: `IF(ISNUMBER(${level}),${ifChain(bands.slice(0, -1).map((bd) => [`${level}=${bd.level}`, lit(pick(bd.label, lang))]), lit(pick(top.label, lang)))},"")`,
    style: { ...calcStyle, h: "left" },
  });
  b.put(cPts, rStatus, { formula: `COUNTIF(${states},1)`, style: calcStyle, numFmt: `0" / ${clauses.length}"` });
  b.put(cDesc, rStatus, {
    formula: ifChain(
      [
        [`COUNTIF(${states},3)>0`, lit(t("stInvalid", lang))],
        [`COUNTIF(${states},1)=${clauses.length}`, lit(t("stDone", lang))],
        [`COUNTIF(${states},1)=0`, lit(t("stNotStarted", lang))],
      ],
      lit(t("stIncomplete", lang))
    ),
    style: { ...calcStyle, h: "left" },
  });

  const levelRange = area(cLevel, r0, cLevel, rLast);
  const sheet: SheetModel = {
    key: "maturity",
    name: names.maturity,
    cells: b.list(),
    columns: b.columns(hidden),
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
    conditionalFormats: [{ range: levelRange, formula: `${a1(cState, r0)}=3`, fill: INVALID_FILL }],
    freeze: { rows: rHead, columns: cId },
    protection,
    print: { orientation: "landscape", titleRows: [rHead, rHead], area: area(cGroup, rTitle, lastVisible, rStatus), fitToWidth: true, footer },
    tabColor: "548235",
  };
  return {
    sheet,
    layout: { firstClauseRow: r0, levelCol: cLevel, pointsCol: cPts, totalRow: rTotal, levelRow: rLevel, ratedCol: cPts, stateCol: cState },
  };
}

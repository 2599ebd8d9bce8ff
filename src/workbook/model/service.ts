/**
 * Appendix 1: the service evaluation sheet — one row per item, one α column per rater or visit, each
 * rater's actual scores and Likert labels, the panel score and the per-characteristic subtotals.
 */
import { col, a1, area } from "../a1";
import { pick, t } from "../labels";
import { NAMES } from "../contract";
import {
  BAND_FILL,
  DATE_FMT,
  DATE_STYLE,
  INPUT_TEXT,
  INVALID_FILL,
  NOTE_STYLE,
  SheetBuilder,
  bandAndTitle,
  calcStyle,
  centerStyle,
  headStyle,
  inputStyle,
  textStyle,
  type SheetContext,
} from "./builder";
import { ifChain, lit, num, roundFormula } from "./formula";
import { dateValidation, listValidation, promptOnly } from "./validation";
import type { NameModel, ServiceLayout, SheetModel } from "./types";

export function serviceSheet(ctx: SheetContext): { sheet: SheetModel; layout: ServiceLayout; names: NameModel[] } {
  const { scheme, profile, opts, lang, names, protection, footer } = ctx;
  const n = opts.raters;
  const items = scheme.items;
  const nItems = items.length;
  const likert = scheme.likert;
  const lo = likert[0].min;
  const hi = likert[likert.length - 1].max;

  // columns
  const cChar = 1, cId = 2, cDim = 3, cCrit = 4, cW = 5;
  const cAlpha = 6;
  const cAct = cAlpha + n;
  const cLab = cAct + n;
  const cSpread = cLab + n;
  const cState = cSpread + 1;
  const cBand = cState + n;
  const cScored = cBand + n;
  /** hidden: the Likert labels, then the N/A and invalid labels, looked up by the label cells */
  const cLabels = cScored + 1;
  const lastVisible = cSpread;
  const lastCol = cLabels;

  // rows: band, title, the rater (visit) particulars, two heading rows, the items
  const rKind = 3, rName = 4, rDate = 5, rMethod = 6, rHead1 = 7, rHead2 = 8, r0 = 9;
  const rLast = r0 + nItems - 1;
  const rSumHead = rLast + 2;
  const rScored = rSumHead + 1;
  const rAtt = rScored + 1;
  const rAct = rAtt + 1;
  const rScore = rAct + 1;
  const rStatus = rScore + 1;
  const rCharHead = rStatus + 2;
  const rChar0 = rCharHead + 1;
  const rCharLast = rChar0 + scheme.characteristics.length - 1;
  const rCounted = rCharLast + 2;
  const rInvalid = rCounted + 1;
  const rBlank = rInvalid + 1;
  const rRaw = rBlank + 1;
  const rNote = rRaw + 2;
  const cPanel = cW;

  const widths = new Map<number, number>([[cChar, 11], [cId, 6], [cDim, 10], [cCrit, 44], [cW, 8]]);
  for (let r = 0; r < n; r++) {
    widths.set(cAlpha + r, 8);
    widths.set(cAct + r, 7);
    widths.set(cLab + r, 8.5);
    widths.set(cState + r, 5);
    widths.set(cBand + r, 5);
  }
  widths.set(cSpread, 7);
  widths.set(cScored, 6);
  widths.set(cLabels, 10);
  const hidden = new Set<number>();
  for (let c = cState; c <= lastCol; c++) hidden.add(c);

  const b = new SheetBuilder(widths);
  // a column's heading: its name when one is given, else "评价 k"
  const raterHead = (k: number) => {
    const name = a1(cAlpha + k, rName);
    return `IF(TRIM(${name})="",${lit(t("hRater", lang, { n: k + 1 }))},${name})`;
  };

  bandAndTitle(b, ctx, t("titleService", lang), cChar, lastVisible);

  // the particulars of each column (5.1.2: each person's or each visit's evaluation)
  const info: [number, Parameters<typeof t>[0]][] = [[rKind, "hRaterKind"], [rName, "hRaterName"], [rDate, "hRaterDate"], [rMethod, "hRaterMethod"]];
  for (const [r, key] of info) {
    b.put(cChar, r, { value: t(key, lang), style: { ...headStyle, h: "right" } });
    for (let c = cChar + 1; c <= cW; c++) b.put(c, r, { value: null, style: headStyle });
    b.merge(cChar, r, cW, r);
    for (let k = 0; k < n; k++) {
      const c = cAlpha + k;
      if (r === rDate) b.put(c, r, { value: null, input: true, style: { ...DATE_STYLE, size: 9 }, numFmt: DATE_FMT });
      else b.put(c, r, { value: null, input: true, style: { ...INPUT_TEXT, size: 9, h: "center" } });
    }
  }
  b.fit(rMethod, t("hRaterMethod", lang), cChar, cW);

  // headings
  const heads: [number, string][] = [[cChar, t("hCharacteristic", lang)], [cId, t("hItem", lang)], [cDim, t("hDimension", lang)], [cCrit, t("hCriterion", lang)], [cW, t("hWeight", lang)], [cSpread, t("hSpread", lang)]];
  for (const [c, text] of heads) {
    b.put(c, rHead1, { value: text, style: headStyle });
    b.put(c, rHead2, { value: null, style: headStyle });
    b.merge(c, rHead1, c, rHead2);
  }
  const blocks: [number, string][] = [[cAlpha, t("hAlpha", lang)], [cAct, t("hActual", lang)], [cLab, t("hLikert", lang)]];
  for (const [c0, text] of blocks) {
    for (let r = 0; r < n; r++) {
      b.put(c0 + r, rHead1, { value: r === 0 ? text : null, style: headStyle });
      // the α block works the heading out; the other blocks show it
      b.put(c0 + r, rHead2, { formula: c0 === cAlpha ? raterHead(r) : a1(cAlpha + r, rHead2), style: { ...headStyle, size: 9 } });
    }
    b.merge(c0, rHead1, c0 + n - 1, rHead1);
    if (n === 1) b.fitWords(c0, text);
  }
  for (const [c, text] of heads) b.fitWords(c, text);
  b.fit(rHead1, t("hAlpha", lang), cAlpha, cAlpha + n - 1);
  b.fit(rHead1, t("hCharacteristic", lang), cChar);
  b.fit(rHead1, t("hDimension", lang), cDim);
  b.fit(rHead1, t("hSpread", lang), cSpread);
  b.fit(rHead2, t("hRater", lang, { n: 10 }), cAct, cAct, 9);
  // hidden helper headings (for whoever unhides them)
  for (let r = 0; r < n; r++) {
    b.put(cState + r, rHead2, { value: `state ${r + 1}` });
    b.put(cBand + r, rHead2, { value: `band ${r + 1}` });
  }
  b.put(cScored, rHead2, { value: "scored" });

  // the label table (hidden), one cell per label: the label cells look their text up here
  const labelTexts = [...likert.map((l) => pick(l.label, lang)), t("naLabel", lang), t("invalid", lang)];
  labelTexts.forEach((text, i) => b.put(cLabels, r0 + i, { value: text }));
  const labelTable = `$${col(cLabels)}$${r0}:$${col(cLabels)}$${r0 + labelTexts.length - 1}`;

  // a label column is wide enough for the longest word of any label (English must not break inside a word)
  for (let k = 0; k < n; k++) for (const text of labelTexts) b.fitWords(cLab + k, text, 9);

  // item rows
  // text without letters (不适用) has no case to ignore: compared as typed, trimmed
  const naTests = (x: string) =>
    scheme.notApplicable.map((na) => (na.toUpperCase() === na.toLowerCase() ? `TRIM(${x})=${lit(na)}` : `UPPER(TRIM(${x}))=${lit(na.toUpperCase())}`)).join(",");
  const W = (i: number) => `$${col(cW)}${r0 + i}`;
  items.forEach((it, i) => {
    const r = r0 + i;
    const ch = scheme.characteristics.find((c) => c.id === it.characteristic);
    const chWeight = items.filter((x) => x.characteristic === it.characteristic).reduce((s, x) => s + x.weight, 0);
    const firstOfChar = items.findIndex((x) => x.characteristic === it.characteristic) === i;
    const charText = ch ? t("charRow", lang, { id: ch.id, name: pick(ch.name, lang), w: chWeight }) : it.characteristic;
    b.put(cChar, r, { value: firstOfChar ? charText : null, style: { ...centerStyle } });
    b.put(cId, r, { value: it.id, style: centerStyle });
    b.put(cDim, r, { value: pick(scheme.dimensions[it.dimension], lang), style: centerStyle });
    const crit = pick(it.criterion, lang);
    b.put(cCrit, r, { value: crit, style: { ...textStyle, v: "middle" } });
    b.fit(r, crit, cCrit);
    b.fit(r, pick(scheme.dimensions[it.dimension], lang), cDim);
    b.put(cW, r, { value: it.weight, style: centerStyle, numFmt: "0" });
    for (let k = 0; k < n; k++) {
      const x = a1(cAlpha + k, r);
      const st = a1(cState + k, r);
      const band = a1(cBand + k, r);
      b.put(cAlpha + k, r, { value: null, input: true, style: inputStyle });
      // state: 0 blank, 1 a number in [lo, hi], 2 not applicable, 3 invalid
      b.put(cState + k, r, {
        // a number: 1 inside [lo, hi], else 3
        formula: `IF(ISNUMBER(${x}),3-2*(${x}>=${num(lo)})*(${x}<=${num(hi)}),IF(TRIM(${x})="",0,IF(OR(${naTests(x)}),2,3)))`,
      });
      // the band: the first band plus one for every upper edge below α (lower edges are open, RULES.md §1)
      b.put(cBand + k, r, {
        formula: `IF(${st}=1,${likert[0].band}${likert
          .slice(0, -1)
          .map((l) => `+(${x}>${num(l.max)})`)
          .join("")},"")`,
      });
      b.put(cAct + k, r, { formula: `IF(${st}=1,${W(i)}*${x},"")`, style: calcStyle, numFmt: "0.00" });
      // state 1: the band's label; 2 and 3: the N/A and invalid labels after the bands'
      b.put(cLab + k, r, {
        formula: `IF(${st}=0,"",INDEX(${labelTable},IF(${st}=1,${band},${st}+${likert.length - 1})))`,
        style: { ...calcStyle, size: 9 },
      });
    }
    const bands = area(cBand, r, cBand + n - 1, r);
    b.put(cSpread, r, { formula: `IF(COUNT(${bands})>=2,MAX(${bands})-MIN(${bands}),0)`, style: calcStyle, numFmt: '0;-0;""' });
    const states = area(cState, r, cState + n - 1, r);
    b.put(cScored, r, { formula: `COUNTIF(${states},1)+COUNTIF(${states},2)` });
  });
  // merge the characteristic column over its items
  for (const ch of scheme.characteristics) {
    const idx = items.map((it, i) => (it.characteristic === ch.id ? i : -1)).filter((i) => i >= 0);
    if (idx.length) b.merge(cChar, r0 + idx[0], cChar, r0 + idx[idx.length - 1]);
  }

  // summary
  const labelRow = (r: number, key: Parameters<typeof t>[0], vars: Record<string, string | number> = {}) => {
    b.put(cChar, r, { value: t(key, lang, vars), style: { ...headStyle, h: "right" } });
    for (let c = cChar + 1; c <= cCrit; c++) b.put(c, r, { value: null, style: headStyle });
    b.merge(cChar, r, cCrit, r);
  };
  labelRow(rSumHead, "hSummary");
  b.put(cPanel, rSumHead, { value: t("hPanel", lang), style: headStyle });
  for (let k = 0; k < n; k++) b.put(cAlpha + k, rSumHead, { formula: a1(cAlpha + k, rHead2), style: { ...headStyle, size: 9 } });
  b.fit(rSumHead, t("hRater", lang, { n: 10 }), cAlpha, cAlpha, 9);

  const stRange = (k: number, r1 = r0, r2 = rLast) => `${a1(cState + k, r1)}:${a1(cState + k, r2)}`;
  const weights = `$${col(cW)}$${r0}:$${col(cW)}$${rLast}`;
  const raterCols = (r: number) => area(cAlpha, r, cAlpha + n - 1, r);
  const K = a1(cPanel, rCounted);
  const itemsFmt = `0" / ${nItems}"`;

  labelRow(rScored, "rScored");
  labelRow(rAtt, "rAttainable");
  labelRow(rAct, "rActual");
  labelRow(rScore, "rScore");
  labelRow(rStatus, "hStatus");
  b.fit(rAtt, t("rAttainable", lang), cChar, cCrit);
  for (let k = 0; k < n; k++) {
    const c = cAlpha + k;
    const counted = a1(c, rCounted);
    const invalid = a1(c, rInvalid);
    const blank = a1(c, rBlank);
    b.put(c, rCounted, { formula: `IF(${blank}=${nItems},0,1)` });
    b.put(c, rInvalid, { formula: `COUNTIF(${stRange(k)},3)` });
    b.put(c, rBlank, { formula: `COUNTIF(${stRange(k)},0)` });
    b.put(c, rScored, { formula: `COUNTIF(${stRange(k)},1)+COUNTIF(${stRange(k)},2)`, style: calcStyle, numFmt: itemsFmt });
    b.put(c, rAtt, { formula: `SUMIF(${stRange(k)},1,${weights})`, style: calcStyle, numFmt: "0" });
    b.put(c, rAct, { formula: `SUM(${a1(cAct + k, r0)}:${a1(cAct + k, rLast)})`, style: calcStyle, numFmt: "0.00" });
    b.put(c, rScore, {
      formula: `IF(AND(${counted}=1,${blank}=0,${invalid}=0,${a1(c, rAtt)}>0),100*${a1(c, rAct)}/${a1(c, rAtt)},"")`,
      style: { ...calcStyle, bold: true },
      numFmt: "0.00",
    });
    b.put(c, rStatus, {
      formula: ifChain(
        [
          [`${counted}=0`, lit(t("stNotCounted", lang))],
          [`${invalid}>0`, lit(t("stInvalid", lang))],
          [`${blank}>0`, lit(t("stIncomplete", lang))],
          [`${a1(c, rAtt)}=0`, lit(t("stAllNa", lang))],
        ],
        lit(t("stDone", lang))
      ),
      style: { ...calcStyle, size: 9 },
    });
  }
  // panel
  b.put(cPanel, rCounted, { formula: `SUM(${raterCols(rCounted)})` });
  b.put(cPanel, rInvalid, { formula: `SUM(${raterCols(rInvalid)})` });
  b.put(cPanel, rRaw, { formula: `IF(AND(${K}>0,COUNT(${raterCols(rScore)})=${K}),AVERAGE(${raterCols(rScore)}),"")` });
  b.put(cPanel, rScored, {
    formula: `IF(${K}=0,0,COUNTIF(${a1(cScored, r0)}:${a1(cScored, rLast)},${K}))`,
    style: calcStyle,
    numFmt: itemsFmt,
  });
  b.put(cPanel, rAtt, { value: null, style: calcStyle });
  b.put(cPanel, rAct, { value: null, style: calcStyle });
  const raw = a1(cPanel, rRaw);
  b.put(cPanel, rScore, {
    formula: `IF(ISNUMBER(${raw}),${roundFormula(raw, profile.decimals)},"")`,
    style: { ...calcStyle, bold: true, size: 12, fill: "FFE699" },
    numFmt: profile.decimals > 0 ? `0.${"0".repeat(profile.decimals)}` : "0",
  });
  b.put(cPanel, rStatus, {
    formula: ifChain(
      [
        [`${a1(cPanel, rInvalid)}>0`, lit(t("stInvalid", lang))],
        [`${K}=0`, lit(t("stNotStarted", lang))],
        [`ISNUMBER(${a1(cPanel, rScore)})`, lit(t("stDone", lang))],
      ],
      lit(t("stIncomplete", lang))
    ),
    style: { ...calcStyle, size: 9 },
  });
  b.fit(rStatus, t("stNotStarted", lang), cPanel);

  // per-characteristic subtotals
  labelRow(rCharHead, "hCharacteristics");
  b.put(cPanel, rCharHead, { value: t("hPanel", lang), style: headStyle });
  for (let k = 0; k < n; k++) b.put(cAlpha + k, rCharHead, { formula: a1(cAlpha + k, rHead2), style: { ...headStyle, size: 9 } });
  b.fit(rCharHead, t("hRater", lang, { n: 10 }), cAlpha, cAlpha, 9);
  scheme.characteristics.forEach((ch, ci) => {
    const r = rChar0 + ci;
    const idx = items.map((it, i) => (it.characteristic === ch.id ? i : -1)).filter((i) => i >= 0);
    const w = idx.reduce((s, i) => s + items[i].weight, 0);
    labelRow(r, "charRow", { id: ch.id, name: pick(ch.name, lang), w });
    const r1 = r0 + idx[0];
    const r2 = r0 + idx[idx.length - 1];
    for (let k = 0; k < n; k++) {
      const sts = stRange(k, r1, r2);
      const att = `SUMIF(${sts},1,${a1(cW, r1)}:${a1(cW, r2)})`;
      b.put(cAlpha + k, r, {
        formula: `IF(COUNTIF(${sts},1)+COUNTIF(${sts},2)=${idx.length},IF(${att}>0,100*SUM(${a1(cAct + k, r1)}:${a1(cAct + k, r2)})/${att},""),"")`,
        style: calcStyle,
        numFmt: "0.0",
      });
    }
    b.put(cPanel, r, { formula: `IF(COUNT(${raterCols(r)})>0,AVERAGE(${raterCols(r)}),"")`, style: { ...calcStyle, bold: true }, numFmt: "0.0" });
  });
  for (const r of [rCounted, rInvalid, rBlank, rRaw]) b.hiddenRows.add(r);
  for (const [r, label] of [[rCounted, "counted"], [rInvalid, "invalid"], [rBlank, "blank"], [rRaw, "raw panel"]] as const) {
    b.put(cCrit, r, { value: label });
  }

  const note = t("noteService", lang, { d: profile.decimals, k: scheme.disagreementBands });
  b.put(cChar, rNote, { value: note, style: NOTE_STYLE });
  b.merge(cChar, rNote, lastVisible, rNote);
  b.fit(rNote, note, cChar, lastVisible, 9);

  const alphaRange = area(cAlpha, r0, cAlpha + n - 1, rLast);
  const na = scheme.notApplicable.join(" / ");
  const x0 = a1(cAlpha, r0);
  const kinds = Object.values(scheme.vocabulary.raterKind).map((k) => pick(k, lang));
  const sheet: SheetModel = {
    key: "service",
    name: names.service,
    cells: b.list(),
    columns: b.columns(hidden),
    rows: b.rows(),
    merges: b.merges,
    validations: [
      {
        range: alphaRange,
        kind: "custom",
        formula: `OR(AND(ISNUMBER(${x0}),${x0}>=${num(lo)},${x0}<=${num(hi)}),${naTests(x0)})`,
        prompt: { title: t("vAlphaTitle", lang), text: t("vAlphaPrompt", lang, { na }) },
        error: { title: t("vAlphaTitle", lang), text: t("vAlphaError", lang, { na }) },
      },
      listValidation(area(cAlpha, rKind, cAlpha + n - 1, rKind), kinds, lang, t("vKindTitle", lang)),
      dateValidation(area(cAlpha, rDate, cAlpha + n - 1, rDate), lang),
      promptOnly(area(cAlpha, rMethod, cAlpha + n - 1, rMethod), t("vMethodTitle", lang), t("vMethodPrompt", lang)),
    ],
    conditionalFormats: [
      // raters' bands scheme.disagreementBands or more apart: the item's α cells and its spread
      { range: alphaRange, formula: `$${col(cSpread)}${r0}>=${scheme.disagreementBands}`, fill: BAND_FILL },
      { range: area(cSpread, r0, cSpread, rLast), formula: `$${col(cSpread)}${r0}>=${scheme.disagreementBands}`, fill: BAND_FILL },
      // invalid α (relative: each α cell looks at its own state cell)
      { range: alphaRange, formula: `${a1(cState, r0)}=3`, fill: INVALID_FILL },
    ],
    freeze: { rows: rHead2, columns: cId },
    protection,
    print: { orientation: "landscape", titleRows: [1, rHead2], area: area(cChar, 1, lastVisible, rNote), fitToWidth: true, footer },
    tabColor: "2F75B5",
  };
  const svc = names.service;
  const lastItemRow = rLast;
  const sheetNames: NameModel[] = [
    { name: NAMES.alpha, sheet: svc, ref: alphaRange },
    { name: NAMES.weights, sheet: svc, ref: area(cW, r0, cW, lastItemRow) },
    { name: NAMES.raterInfo, sheet: svc, ref: area(cAlpha, rKind, cAlpha + n - 1, rMethod) },
    { name: NAMES.serviceScore, sheet: svc, ref: a1(cPanel, rScore) },
  ];
  return {
    sheet,
    names: sheetNames,
    layout: {
      raters: n,
      kindRow: rKind,
      nameRow: rName,
      firstItemRow: r0,
      weightCol: cW,
      alphaCol: cAlpha,
      actualCol: cAct,
      labelCol: cLab,
      spreadCol: cSpread,
      stateCol: cState,
      bandCol: cBand,
      panelCol: cPanel,
      scoredRow: rScored,
      scoreRow: rScore,
      statusRow: rStatus,
      firstCharRow: rChar0,
      countedRow: rCounted,
      invalidRow: rInvalid,
    },
  };
}

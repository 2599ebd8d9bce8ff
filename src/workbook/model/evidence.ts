/**
 * The service evaluation evidence (RULES.md §6): what each rater or visit observed for each item, one
 * text cell per item and column, the columns matching the service sheet's evaluation columns.
 */
import { a1, area, quoteSheet } from "../a1";
import { NAMES } from "../contract";
import { pick, t } from "../labels";
import { INPUT_TEXT, NOTE_STYLE, SheetBuilder, bandAndTitle, centerStyle, headStyle, type SheetContext } from "./builder";
import { lit } from "./formula";
import type { NameModel, ServiceLayout, SheetModel } from "./types";

export function evidenceSheet(ctx: SheetContext, S: ServiceLayout): { sheet: SheetModel; names: NameModel[] } {
  const { scheme, opts, lang, names, protection, footer } = ctx;
  const n = opts.raters;
  const cId = 1, cName = 2, cEv = 3;
  const last = cEv + n - 1;
  const rNote = 3, rHead = 4, r0 = 5;
  const rLast = r0 + scheme.items.length - 1;
  const widths = new Map<number, number>([[cId, 6], [cName, 20]]);
  for (let k = 0; k < n; k++) widths.set(cEv + k, 28);
  const b = new SheetBuilder(widths);
  bandAndTitle(b, ctx, t("titleEvidence", lang), cId, last);
  const note = t("noteEvidence", lang);
  b.put(cId, rNote, { value: note, style: NOTE_STYLE });
  b.merge(cId, rNote, last, rNote);
  b.fit(rNote, note, cId, last, 9);

  b.head(cId, rHead, t("hItem", lang));
  b.head(cName, rHead, t("hItemShort", lang));
  const svc = quoteSheet(names.service);
  for (let k = 0; k < n; k++) {
    // the column's name as given on the service sheet, else "评价 k"
    const name = `${svc}!${a1(S.alphaCol + k, S.nameRow)}`;
    b.put(cEv + k, rHead, { formula: `IF(TRIM(${name})="",${lit(t("hRater", lang, { n: k + 1 }))},${name})`, style: headStyle });
  }
  scheme.items.forEach((it, i) => {
    const r = r0 + i;
    const ch = scheme.characteristics.find((c) => c.id === it.characteristic);
    const label = `${ch ? pick(ch.name, lang) : it.characteristic} · ${pick(scheme.dimensions[it.dimension], lang)}`;
    b.put(cId, r, { value: it.id, style: centerStyle });
    b.put(cName, r, { value: label, style: { ...centerStyle, h: "left", size: 9 } });
    b.fit(r, label, cName, cName, 9);
    b.heights.set(r, Math.max(b.heights.get(r) ?? 15, 42));
    for (let k = 0; k < n; k++) b.put(cEv + k, r, { value: null, input: true, style: { ...INPUT_TEXT, v: "top", size: 9 } });
  });
  const range = area(cEv, r0, last, rLast);
  const sheet: SheetModel = {
    key: "evidence",
    name: names.evidence,
    cells: b.list(),
    columns: b.columns(new Set()),
    rows: b.rows(),
    merges: b.merges,
    validations: [],
    conditionalFormats: [],
    freeze: { rows: rHead, columns: cName },
    protection,
    print: { orientation: "landscape", titleRows: [1, rHead], area: area(cId, 1, last, rLast), fitToWidth: true, footer },
    tabColor: "9BC2E6",
  };
  return { sheet, names: [{ name: NAMES.evidence, sheet: names.evidence, ref: range }] };
}

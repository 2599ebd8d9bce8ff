/**
 * The sources sheet of a merged panel (issue 10): one row per returned form — file name, SHA-256,
 * form id, rater, kind, date and the verdict it was accepted with. Data written by the merge, protected;
 * not part of the fingerprint (it differs for every panel).
 */
import type { SourceRecord } from "../../engine/exchange";
import { area } from "../a1";
import { t } from "../labels";
import { SheetBuilder, bandAndTitle, headStyle, textStyle, type SheetContext } from "./builder";
import type { SheetModel } from "./types";

const COLUMNS: [keyof SourceRecord, { zh: string; en: string }, number][] = [
  ["file", { zh: "文件", en: "File" }, 28],
  ["sha256", { zh: "SHA-256", en: "SHA-256" }, 36],
  ["formId", { zh: "表单编号", en: "Form id" }, 20],
  ["rater", { zh: "评价人 / 走访", en: "Rater / visit" }, 16],
  ["kind", { zh: "类型", en: "Kind" }, 8],
  ["date", { zh: "发放日期", en: "Issued" }, 12],
  ["verdict", { zh: "核验结论", en: "Verdict" }, 30],
];

export function sourcesSheet(ctx: SheetContext, sources: SourceRecord[]): SheetModel {
  const { lang, names, protection, footer } = ctx;
  const b = new SheetBuilder(new Map(COLUMNS.map(([, , w], i) => [i + 1, w])));
  const last = COLUMNS.length;
  bandAndTitle(b, ctx, t("titleSources", lang), 1, last);
  const rHead = 3;
  COLUMNS.forEach(([, h], i) => b.head(i + 1, rHead, lang === "en-US" ? h.en : h.zh, headStyle));
  sources.forEach((s, k) => {
    COLUMNS.forEach(([key], i) => b.put(i + 1, rHead + 1 + k, { value: s[key] ?? null, style: { ...textStyle, size: key === "sha256" ? 7 : 9 } }));
  });
  const rLast = rHead + Math.max(1, sources.length);
  return {
    key: "sources",
    name: names.sources,
    cells: b.list(),
    columns: b.columns(new Set()),
    rows: b.rows(),
    merges: b.merges,
    validations: [],
    conditionalFormats: [],
    freeze: { rows: rHead, columns: 0 },
    protection,
    print: { orientation: "landscape", titleRows: [1, rHead], area: area(1, 1, last, rLast), fitToWidth: true, footer },
    tabColor: "808080",
  };
}


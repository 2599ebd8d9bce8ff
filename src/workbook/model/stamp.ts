/**
 * The stamp of a written workbook (issue 10): scheme, data and template versions, kind, a random form
 * id, organisation, rater (visit) name and kind, issue date and the fingerprint of the fixed content —
 * on a very hidden sheet (not listed in Excel's Unhide dialog) and, by the .xlsx writer, as custom
 * document properties. Every reader reads it back; a reader trusts nothing in it without comparing the
 * workbook with the model it names.
 */
import { sha256Text } from "../sha256";
import { t } from "../labels";
import { SheetBuilder } from "./builder";
import { NC_ROWS } from "./records";
import type { SheetContext } from "./builder";
import type { SheetModel, TemplateModel } from "./types";

/** The stamp's format; bump when its keys change. */
export const STAMP_FORMAT = "qcs-stamp/1";

/** Prefix of the custom document properties that repeat the stamp. */
export const STAMP_PROPERTY_PREFIX = "qcs.";

/** The keys of the stamp, in order. */
export const STAMP_KEYS = [
  "format",
  "scheme",
  "schemeVersion",
  "templateVersion",
  "kind",
  "lang",
  "raters",
  "ncRows",
  "sheets",
  "sources",
  "formId",
  "issued",
  "organization",
  "rater",
  "raterKind",
  "fingerprint",
] as const;
export type StampKey = (typeof STAMP_KEYS)[number];

/**
 * The fixed content of a model as one canonical text: for every sheet but the stamp and the sources, its
 * key, name and every non-input cell (value, formula, number format), then merges, validations,
 * conditional formats; then the workbook names. Input cells count by position only, never by value, so
 * filling a form does not change its fingerprint.
 */
export function fixedContent(model: Pick<TemplateModel, "sheets" | "names">): string {
  const out: string[] = [];
  for (const sh of model.sheets) {
    if (sh.key === "stamp" || sh.key === "sources") continue;
    out.push(`sheet ${sh.key} ${JSON.stringify(sh.name)}`);
    const cells = [...sh.cells].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
    for (const c of cells) {
      if (c.input) out.push(`input ${c.ref}`);
      else out.push(`cell ${c.ref} ${JSON.stringify([c.value ?? null, c.formula ?? null, c.numFmt ?? null])}`);
    }
    for (const m of sh.merges) out.push(`merge ${m}`);
    for (const v of sh.validations) out.push(`validation ${JSON.stringify([v.range, v.kind, v.formula ?? null, v.list ?? null])}`);
    for (const cf of sh.conditionalFormats) out.push(`format ${JSON.stringify([cf.range, cf.formula])}`);
  }
  for (const n of model.names) out.push(`name ${n.name} ${JSON.stringify(n.sheet)} ${n.ref}`);
  return out.join("\n");
}

export function fingerprintOf(model: Pick<TemplateModel, "sheets" | "names">): string {
  return sha256Text(fixedContent(model));
}

/**
 * Characters XML 1.0 cannot carry (C0 controls but tab, LF, CR; U+FFFE, U+FFFF; lone surrogates).
 * Writers drop them from cell text and from document properties each in their own way, so a stamp
 * value keeps none: the stamp sheet and the custom properties then say the same.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export const xmlText = (s: string): string => s.replace(XML_INVALID, "");

/** The stamp entries of a model. */
export function stampEntries(ctx: SheetContext, fingerprint: string, kind: string, templateVersion: string, sheetNames: string[]): [StampKey, string][] {
  const s = ctx.opts.stamp;
  if (!s) return [];
  const v: Record<StampKey, string> = {
    format: STAMP_FORMAT,
    scheme: ctx.scheme.id,
    schemeVersion: ctx.scheme.version,
    templateVersion,
    kind,
    lang: ctx.lang,
    raters: String(ctx.opts.raters),
    ncRows: String(Math.max(NC_ROWS, ctx.opts.nonconformityRows ?? 0)),
    // the sheet names as issued, in workbook order (a reader maps renamed sheets by position)
    sheets: JSON.stringify(sheetNames),
    sources: String(ctx.opts.sources?.length ?? 0),
    formId: s.formId,
    issued: s.issued,
    organization: s.organization ?? "",
    rater: s.rater ?? "",
    raterKind: s.kind ?? "",
    fingerprint,
  };
  return STAMP_KEYS.map((k) => [k, v[k]]);
}

/** The very hidden stamp sheet: key | value. */
export function stampSheet(ctx: SheetContext, entries: [string, string][]): SheetModel {
  const b = new SheetBuilder(new Map([[1, 18], [2, 70]]));
  entries.forEach(([k, val], i) => {
    b.put(1, i + 1, { value: k });
    b.put(2, i + 1, { value: val });
  });
  return {
    key: "stamp",
    name: ctx.names.stamp,
    state: "veryHidden",
    cells: b.list(),
    columns: b.columns(new Set()),
    rows: [],
    merges: [],
    validations: [],
    conditionalFormats: [],
    freeze: { rows: 0, columns: 0 },
    protection: ctx.protection,
    print: { orientation: "portrait", titleRows: [1, 1], area: `A1:B${Math.max(1, entries.length)}`, fitToWidth: true, footer: { left: "", right: t("footer", ctx.lang) } },
  };
}

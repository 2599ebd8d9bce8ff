/** Data validations the sheets share: pick-from-a-list and any date, with prompts in the sheet's language. */
import type { Lang } from "../../scheme/types";
import { t } from "../labels";
import { area, parseArea } from "../a1";
import type { ValidationModel } from "./types";

/** A list validation of `values` (Excel limits a list source to 255 characters). */
export function listValidation(range: string, values: string[], lang: Lang, title?: string): ValidationModel {
  const shown = values.join(lang === "en-US" ? ", " : "、");
  return {
    range,
    kind: "list",
    list: values,
    prompt: { title: title ?? t("vListTitle", lang), text: t("vListPrompt", lang, { values: shown }) },
    error: { title: title ?? t("vListTitle", lang), text: t("vListError", lang, { values: shown }) },
  };
}

/** Any date (a date typed as text is rejected by the spreadsheet). */
export function dateValidation(range: string, lang: Lang): ValidationModel {
  return {
    range,
    kind: "date",
    prompt: { title: t("vDateTitle", lang), text: t("vDatePrompt", lang) },
    error: { title: t("vDateTitle", lang), text: t("vDateError", lang) },
  };
}

/** Any value: only an input prompt (what to write here). */
export function promptOnly(range: string, title: string, text: string): ValidationModel {
  return { range, kind: "any", prompt: { title, text }, error: { title, text } };
}

/**
 * Validations of one column whose ranges touch top to bottom and say the same thing, as one (writers
 * such as ExcelJS join them anyway; the model says what the file holds).
 */
export function joinValidations(list: ValidationModel[]): ValidationModel[] {
  const same = (a: ValidationModel, b: ValidationModel) =>
    a.kind === b.kind && a.formula === b.formula && JSON.stringify([a.list, a.prompt, a.error]) === JSON.stringify([b.list, b.prompt, b.error]);
  const out: ValidationModel[] = [];
  for (const v of list) {
    const prev = out[out.length - 1];
    const p = prev ? parseArea(prev.range) : null;
    const q = parseArea(v.range);
    // relative formulas would shift: only rules without one (lists, dates, prompts) are joined
    if (prev && p && same(prev, v) && v.formula === undefined && p.left === q.left && p.right === q.right && p.bottom + 1 === q.top) {
      out[out.length - 1] = { ...prev, range: area(p.left, p.top, p.right, q.bottom) };
    } else out.push(v);
  }
  return out;
}

/** Data validations the sheets share: pick-from-a-list and any date, with prompts in the sheet's language. */
import type { Lang } from "../../scheme/types";
import { t } from "../labels";
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

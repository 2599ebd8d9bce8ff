/**
 * Returned forms for the import tests: written as `qcs forms` writes them — the template model of kind
 * "form" (or "form-maturity"), stamped, its inputs filled through fillModel, rendered by the .xlsx
 * writer (modelBuffer) — and handed to the pane's import path as picked files.
 */
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import type { AssessmentInput, RaterInput } from "../../src/engine";
import { buildTemplate, fillModel, type StampInfo, type WorkbookKind } from "../../src/workbook/model";
import { NAMES } from "../../src/workbook/contract";
import { a1, parseArea } from "../../src/workbook/a1";
import { modelBuffer } from "../../src/workbook/xlsx/write";
import type { PickedFile } from "../../src/taskpane/import/read-files";

export interface FormSpec {
  rater: RaterInput;
  levels?: unknown[];
  kind?: WorkbookKind;
  lang?: "zh-CN" | "en-US";
  stamp?: Partial<StampInfo>;
}

let counter = 0;
/** A unique form id (hex groups, as newFormId writes them) for a test form. */
export const formId = () => {
  const n = (++counter).toString(16).padStart(12, "0");
  return `00000000-0000-4000-8000-${n}`;
};

/** One returned form's bytes. */
export async function formBytes(spec: FormSpec): Promise<Uint8Array> {
  const kind = spec.kind ?? "form";
  const stamp: StampInfo = { formId: formId(), issued: "2026-03-01", rater: spec.rater.name ?? "", kind: spec.rater.kind, ...spec.stamp };
  const model = buildTemplate(S, { raters: 1, lang: spec.lang ?? "zh-CN", kind, stamp });
  const input: AssessmentInput = { raters: [spec.rater], levels: spec.levels ?? S.clauses.map(() => null) };
  return modelBuffer(fillModel(model, input, S));
}

/**
 * A form whose first item weight was changed to 50 after it was filled (what verify reports as an
 * altered weight, naming the cell); returns the bytes and that cell ("'Sheet'!E9").
 */
export async function alteredForm(r: RaterInput): Promise<{ bytes: Uint8Array; cell: string }> {
  const model = fillModel(buildTemplate(S, { raters: 1, lang: "zh-CN", kind: "form", stamp: { formId: formId(), issued: "2026-03-01", rater: r.name ?? "" } }), { raters: [r], levels: [] }, S);
  const w = model.names.find((n) => n.name === NAMES.weights);
  const sheet = w && model.sheets.find((s) => s.name === w.sheet);
  if (!w || !sheet) throw new Error("no weights");
  const at = parseArea(w.ref);
  const ref = a1(at.left, at.top);
  const cell = sheet.cells.find((c) => c.ref === ref);
  if (!cell) throw new Error("no weight cell");
  cell.value = 50;
  return { bytes: await modelBuffer(model), cell: `'${w.sheet}'!${ref}` };
}

/** A picked file over bytes (what the pane gets from <input type="file">). */
export function picked(name: string, bytes: Uint8Array): PickedFile {
  return { name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer };
}

/** A rater whose every α is `alpha` (overrides by item id), with particulars and one evidence text. */
export function rater(name: string, alpha: number, by: Record<string, unknown> = {}, kind: "person" | "visit" = "person"): RaterInput {
  return {
    name,
    kind,
    date: "2026-03-05",
    method: kind === "visit" ? "神秘顾客" : "现场",
    alphas: S.items.map((it) => (it.id in by ? by[it.id] : alpha)),
    evidence: S.items.map((it, i) => (i === 0 ? `${name} 的观察：${it.id}` : null)),
  };
}

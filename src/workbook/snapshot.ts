/**
 * From what a reader found under the workbook names (contract.ts) to the engine's AssessmentInput,
 * with findings that name the cell: missing names, wrong shapes, weights that differ from the scheme,
 * formulas that differ from the template model. Pure; used by the task pane and by `qcs score`.
 */
import type { Scheme } from "../scheme/types";
import { finding, quote, type AssessmentInput, type Finding, type RaterInput } from "../engine";
import { NAMES, type NameKey, type RangeSnapshot, type WorkbookSnapshot } from "./contract";
import { raterRecords, recordsFromSnapshot } from "./records-read";
import { quoteSheet, splitAddress } from "./a1";
import { MAX_RATERS, type WorkbookKind } from "./model/types";
import { LIMITS } from "./limits";

const NUMERIC_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A cell value as a number (numbers and numeric text), else undefined. */
function asNumber(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && NUMERIC_TEXT.test(v.trim())) return Number(v.trim());
  return undefined;
}

export { locate, cellAt, type Located } from "./snapshot-locate";
import { locate, cellAt, type Located } from "./snapshot-locate";

const shapeOf = (values: unknown[][]): [number, number] => [values.length, values.reduce((m, r) => Math.max(m, Array.isArray(r) ? r.length : 0), 0)];

function missing(name: string, severity: "error" | "warning"): Finding {
  return finding(
    "shape",
    severity,
    { zh: `工作簿中没有名称 ${name}（不是本工具的模板，或名称被删除）`, en: `the workbook has no name ${name} (not a qcs template, or the name was deleted)` },
    { field: name }
  );
}

function wrongShape(name: string, loc: Located | null, addr: string, want: string, got: [number, number]): Finding {
  return finding(
    "shape",
    "error",
    { zh: `名称 ${name} 应为 ${want}，实际为 ${got[0]} 行 × ${got[1]} 列`, en: `name ${name} should be ${want}, but is ${got[0]} rows × ${got[1]} columns` },
    { field: name, cell: loc ? `${quoteSheet(loc.sheet)}!${splitAddress(addr).ref}` : addr }
  );
}

/** Checks a column of printed weights against the scheme's. */
function checkWeights(range: RangeSnapshot, want: number[], name: string, what: (i: number) => { item?: string; clause?: string }): Finding[] {
  const loc = locate(range);
  const [rows, cols] = shapeOf(range.values);
  if (rows !== want.length || cols !== 1) return [wrongShape(name, loc, range.address, `${want.length} × 1`, [rows, cols])];
  const out: Finding[] = [];
  want.forEach((w, i) => {
    const v = range.values[i][0];
    const n = asNumber(v);
    if (n !== w) {
      out.push(
        finding(
          "altered",
          "error",
          { zh: `分值被改为 ${quote(v)}，规范规定为 ${w}；不按改动后的分值计分`, en: `the weight was changed to ${quote(v)}; the scheme says ${w}. Altered weights are never used` },
          { ...what(i), cell: loc ? cellAt(loc, i, 0) : undefined }
        )
      );
    }
  });
  return out;
}

/** What kind of workbook a snapshot is, from the names it has: a form has no result, a plain form no Appendix 3. */
export function kindOf(snap: WorkbookSnapshot): WorkbookKind {
  const r = snap.ranges;
  if (r[NAMES.grade] || r[NAMES.audit]) return "assessment";
  return r[NAMES.levels] ? "form-maturity" : "form";
}

/** A name the reader did not read because it is larger than a reader may read (RangeSnapshot.unread). */
function tooLarge(name: string, range: RangeSnapshot): Finding {
  const { rows, cols } = range.unread as { rows: number; cols: number };
  const loc = locate(range);
  return finding(
    "shape",
    "error",
    {
      zh: `名称 ${name} 覆盖 ${rows} 行 × ${cols} 列，超出读取上限（${LIMITS.nameCells} 个单元格），未读取；请把名称恢复为模板中的范围`,
      en: `name ${name} covers ${rows} rows × ${cols} columns, more than may be read (${LIMITS.nameCells} cells): not read; restore the name to the template's range`,
    },
    { field: name, cell: loc ? `${quoteSheet(loc.sheet)}!${splitAddress(range.address).ref}` : range.address }
  );
}

/**
 * Compares the formulas found in the named output cells (address → formula text) with the template
 * model's; returns "altered" findings. snapshot-model.ts `formulaFindings` is the one implementation:
 * it builds the model, so it is passed in rather than imported — the pane loads it after its first
 * paint (the model is a third of the pane's code) and summarizes again with it.
 */
export type FormulaCheck = (found: Map<string, unknown>, scheme: Scheme, snap: WorkbookSnapshot) => Finding[];

/**
 * `check` compares output formulas with the model; null = not (yet) available, so formulas are not
 * compared — a caller that passes null must say so or check later (the pane does both).
 */
export function assessmentFromSnapshot(
  whole: WorkbookSnapshot,
  scheme: Scheme,
  check: FormulaCheck | null
): { input: AssessmentInput | null; findings: Finding[]; kind: WorkbookKind } {
  const findings: Finding[] = [];
  // names too large to read are reported and otherwise treated as absent (never scored)
  const snap: WorkbookSnapshot = { ranges: {} };
  for (const [name, range] of Object.entries(whole.ranges)) {
    if (range?.unread) findings.push(tooLarge(name, range));
    else snap.ranges[name] = range;
  }
  if (whole.date1904) snap.date1904 = true;
  const r = snap.ranges;
  const kind = kindOf(whole);
  const alpha = r[NAMES.alpha];
  const levels = r[NAMES.levels];
  // a name too large to read is reported as such, not also as missing
  const required: NameKey[] = kind === "form" ? ["alpha", "weights"] : ["alpha", "levels", "weights", "clauseWeights"];
  for (const key of required) if (!whole.ranges[NAMES[key]]) findings.push(missing(NAMES[key], "error"));
  const outputs: NameKey[] = kind === "assessment" ? ["serviceScore", "maturityTotal", "maturityLevel", "grade"] : kind === "form-maturity" ? ["serviceScore", "maturityTotal", "maturityLevel"] : ["serviceScore"];
  for (const key of outputs) if (!whole.ranges[NAMES[key]]) findings.push(missing(NAMES[key], "warning"));

  const schemeCell = r[NAMES.scheme];
  const schemeId = schemeCell?.values?.[0]?.[0];
  if (schemeCell && typeof schemeId === "string" && schemeId.trim() !== "" && schemeId.trim() !== scheme.id) {
    const loc = locate(schemeCell);
    findings.push(
      finding(
        "bad-field",
        "error",
        { zh: `模板是为 ${quote(schemeId)} 制作的，本工具按 ${quote(scheme.id)} 计分`, en: `the template was made for ${quote(schemeId)}; this tool scores ${quote(scheme.id)}` },
        { field: NAMES.scheme, cell: loc ? cellAt(loc, 0, 0) : undefined }
      )
    );
  }

  if (r[NAMES.weights]) findings.push(...checkWeights(r[NAMES.weights] as RangeSnapshot, scheme.items.map((it) => it.weight), NAMES.weights, (i) => ({ item: scheme.items[i].id })));
  if (r[NAMES.clauseWeights]) {
    findings.push(...checkWeights(r[NAMES.clauseWeights] as RangeSnapshot, scheme.clauses.map((c) => c.weight), NAMES.clauseWeights, (i) => ({ clause: scheme.clauses[i].id })));
  }

  let raters: RaterInput[] | null = null;
  if (alpha) {
    const [rows, cols] = shapeOf(alpha.values);
    if (rows !== scheme.items.length || cols < 1) {
      findings.push(wrongShape(NAMES.alpha, locate(alpha), alpha.address, `${scheme.items.length} × N (N ≥ 1)`, [rows, cols]));
    } else {
      if (cols > MAX_RATERS) {
        findings.push(finding("shape", "warning", { zh: `有 ${cols} 个评价人列（模板最多 ${MAX_RATERS} 个）`, en: `${cols} rater columns (templates have at most ${MAX_RATERS})` }, { field: NAMES.alpha }));
      }
      raters = Array.from({ length: cols }, (_, j) => ({ alphas: alpha.values.map((row) => (Array.isArray(row) ? row[j] : null)) }));
      // numbers stored as text are scored (numericText), but the sheet's own formulas show them as
      // invalid (text-to-number conversion is locale-dependent in spreadsheets): say so
      const loc = locate(alpha);
      alpha.values.forEach((row, i) =>
        (Array.isArray(row) ? row : []).forEach((v, j) => {
          if (typeof v === "string" && NUMERIC_TEXT.test(v.trim())) {
            findings.push(
              finding(
                "alpha-not-number",
                "warning",
                { zh: `α ${quote(v)} 以文本形式存储：按数值计分，但工作表本身显示为无效`, en: `α ${quote(v)} is stored as text: scored as a number, but the sheet itself shows it as invalid` },
                { rater: j + 1, item: scheme.items[i]?.id, cell: loc ? cellAt(loc, i, j) : undefined }
              )
            );
          }
        })
      );
    }
  }
  let lv: unknown[] | null = null;
  if (levels) {
    const [rows, cols] = shapeOf(levels.values);
    if (rows !== scheme.clauses.length || cols !== 1) {
      findings.push(wrongShape(NAMES.levels, locate(levels), levels.address, `${scheme.clauses.length} × 1`, [rows, cols]));
    } else lv = levels.values.map((row) => row[0]);
  }

  // formulas of the named output cells, when the reader has them
  const found = new Map<string, unknown>();
  for (const key of outputs) {
    const rs = r[NAMES[key]];
    const loc = rs ? locate(rs) : null;
    if (!rs || !rs.formulas || !loc) continue;
    found.set(cellAt(loc, 0, 0), rs.formulas[0]?.[0]);
  }
  if (found.size && check) findings.push(...check(found, scheme, snap));

  if (kind === "form" && !levels) lv = new Array(scheme.clauses.length).fill(null);
  if (!raters || !lv) return { input: null, findings, kind };
  const org = r[NAMES.organization]?.values?.[0]?.[0];
  const people = raterRecords(snap, scheme, raters.length, findings);
  raters = raters.map((x, j) => ({ ...people[j], ...x }));
  const records = recordsFromSnapshot(snap, scheme, findings);
  // a number typed as the organisation (a registration number) is its text, as a rater's name is; never dropped silently
  const orgText = typeof org === "number" && Number.isFinite(org) ? String(org) : typeof org === "string" ? org.trim() : "";
  const input: AssessmentInput = { raters, levels: lv, organization: orgText || undefined };
  if (Object.keys(records).length) input.records = records;
  return { input, findings, kind };
}



/**
 * Adds the cell address to engine findings that name a rater and item (α) or a clause (level), so a
 * reader can point at the cell: "'服务能力评价评分表'!G9".
 */
export function locateFindings(findings: Finding[], snap: WorkbookSnapshot, scheme: Scheme): Finding[] {
  const alpha = snap.ranges[NAMES.alpha];
  const levels = snap.ranges[NAMES.levels];
  const la = alpha ? locate(alpha) : null;
  const ll = levels ? locate(levels) : null;
  return findings.map((f) => {
    if (f.cell) return f;
    if (la && f.rater !== undefined && f.item) {
      const i = scheme.items.findIndex((it) => it.id === f.item);
      if (i >= 0) return finding(f.code, f.severity, f.fault, { ...placeOf(f), cell: cellAt(la, i, f.rater - 1) });
    }
    if (ll && f.clause) {
      const i = scheme.clauses.findIndex((c) => c.id === f.clause);
      if (i >= 0) return finding(f.code, f.severity, f.fault, { ...placeOf(f), cell: cellAt(ll, i, 0) });
    }
    return f;
  });
}

function placeOf(f: Finding) {
  const out: { rater?: number; rater_name?: string; item?: string; clause?: string; field?: string } = {};
  if (f.rater !== undefined) out.rater = f.rater;
  if (f.rater_name !== undefined) out.rater_name = f.rater_name;
  if (f.item !== undefined) out.item = f.item;
  if (f.clause !== undefined) out.clause = f.clause;
  if (f.field !== undefined) out.field = f.field;
  return out;
}

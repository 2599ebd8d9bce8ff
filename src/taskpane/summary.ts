/**
 * From a workbook snapshot to what the pane shows. Scoring is the engine's (assessmentFromSnapshot →
 * assess); this file only joins the pieces (findings get their cells from the snapshot reader).
 */
import { assess, type AssessmentResult, type Finding, type RecordSection, type RobustnessStep } from "../engine";
import { NAMES, type WorkbookSnapshot } from "../workbook/contract";
import { assessmentFromSnapshot, locateFindings, type FormulaCheck } from "../workbook/snapshot";
import type { Scheme } from "../scheme/types";
import { cellIn, sheetOf } from "./port";

export interface Summary {
  /** the contract's input names are present */
  hasTemplates: boolean;
  result: AssessmentResult | null;
  /** every finding once, with a cell address where one is known */
  findings: Finding[];
  /** the template sheets, in Appendix 1, Appendix 3, result order, with a cell to jump to */
  sheets: { name: string; address: string }[];
  /** for each of result.robustness.steps, the cell the step would change (α cell, clause level, the rater's column head) */
  stepCells: (string | undefined)[];
  /** for each records section key, the first cell of its named range */
  recordCells: Partial<Record<RecordSection["key"], string>>;
  /** the output formulas were compared with the template model (false until the pane has loaded it) */
  formulasChecked: boolean;
}

const RECORD_NAMES: Record<RecordSection["key"], string> = {
  raters: NAMES.raterInfo,
  evidence: NAMES.evidence,
  clauseEvidence: NAMES.clauseEvidence,
  specific: NAMES.specific,
  qms: NAMES.qms,
  conformity: NAMES.conformity,
  nonconformities: NAMES.nonconformities,
  signoff: NAMES.audit,
};

/** The cell a robustness step changes: the α, the clause's level, or the rater's first cell (their particulars, else their α column). */
function stepCell(step: RobustnessStep, snap: WorkbookSnapshot, scheme: Scheme): string | undefined {
  const at = (name: string, i: number, j: number) => {
    const r = snap.ranges[name];
    if (!r) return undefined;
    try {
      return cellIn(r.address, i, j);
    } catch {
      return undefined;
    }
  };
  if (step.kind === "alpha") {
    const i = scheme.items.findIndex((it) => it.id === step.item);
    return i >= 0 ? at(NAMES.alpha, i, step.rater) : undefined;
  }
  if (step.kind === "clause") {
    const i = scheme.clauses.findIndex((c) => c.id === step.clause);
    return i >= 0 ? at(NAMES.levels, i, 0) : undefined;
  }
  return at(NAMES.raterInfo, 0, step.rater) ?? at(NAMES.alpha, 0, step.rater);
}

const key = (f: Finding) => `${f.code}|${f.cell ?? ""}|${f.rater ?? ""}|${f.item ?? ""}|${f.clause ?? ""}|${f.field ?? ""}`;

/**
 * `check` compares the output formulas with the template model (snapshot-model.ts, loaded on demand
 * by the pane); null until it is there — the summary says so in `formulasChecked`.
 */
export function summarize(snap: WorkbookSnapshot, scheme: Scheme, check: FormulaCheck | null = null): Summary {
  const hasTemplates = !!snap.ranges[NAMES.alpha] && !!snap.ranges[NAMES.levels];
  const sheets: Summary["sheets"] = [];
  for (const n of [NAMES.alpha, NAMES.levels, NAMES.grade]) {
    const r = snap.ranges[n];
    if (!r) continue;
    const name = sheetOf(r.address);
    if (name && !sheets.some((s) => s.name === name)) sheets.push({ name, address: cellIn(r.address, 0, 0) });
  }
  const recordCells: Summary["recordCells"] = {};
  for (const [k, n] of Object.entries(RECORD_NAMES) as [RecordSection["key"], string][]) {
    const r = snap.ranges[n];
    if (r) {
      try {
        recordCells[k] = cellIn(r.address, 0, 0);
      } catch {
        /* not a range address: no link */
      }
    }
  }
  if (!hasTemplates) return { hasTemplates, result: null, findings: [], sheets, stepCells: [], recordCells, formulasChecked: !!check };
  const read = assessmentFromSnapshot(snap, scheme, check);
  const result = read.input ? assess(read.input, scheme, { numericText: true }) : null;
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const f of locateFindings([...read.findings, ...(result ? result.findings : [])], snap, scheme)) {
    // the reader may report a cell the engine reports again by rater and item: keep it once
    const keys = f.cell ? [key(f), `${f.code}|${f.cell}`] : [key(f)];
    if (keys.some((k) => seen.has(k))) continue;
    keys.forEach((k) => seen.add(k));
    findings.push(f);
  }
  const order = { error: 0, incomplete: 1, warning: 2 } as const;
  findings.sort((a, b) => order[a.severity] - order[b.severity]);
  const stepCells = result?.robustness ? result.robustness.steps.map((st) => stepCell(st, snap, scheme)) : [];
  return { hasTemplates, result, findings, sheets, stepCells, recordCells, formulasChecked: !!check };
}

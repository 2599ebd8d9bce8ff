/**
 * From a workbook snapshot to what the pane shows. Scoring is the engine's (assessmentFromSnapshot →
 * assess); this file only joins the pieces (findings get their cells from the snapshot reader).
 */
import { assess, type AssessmentResult, type Finding } from "../engine";
import { NAMES, type WorkbookSnapshot } from "../workbook/contract";
import { assessmentFromSnapshot, locateFindings } from "../workbook/snapshot";
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
}

const key = (f: Finding) => `${f.code}|${f.cell ?? ""}|${f.rater ?? ""}|${f.item ?? ""}|${f.clause ?? ""}|${f.field ?? ""}`;

export function summarize(snap: WorkbookSnapshot, scheme: Scheme): Summary {
  const hasTemplates = !!snap.ranges[NAMES.alpha] && !!snap.ranges[NAMES.levels];
  const sheets: Summary["sheets"] = [];
  for (const n of [NAMES.alpha, NAMES.levels, NAMES.grade]) {
    const r = snap.ranges[n];
    if (!r) continue;
    const name = sheetOf(r.address);
    if (name && !sheets.some((s) => s.name === name)) sheets.push({ name, address: cellIn(r.address, 0, 0) });
  }
  if (!hasTemplates) return { hasTemplates, result: null, findings: [], sheets };
  const read = assessmentFromSnapshot(snap, scheme);
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
  return { hasTemplates, result, findings, sheets };
}

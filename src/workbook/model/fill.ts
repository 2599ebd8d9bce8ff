/**
 * An assessment written into a model's input cells, through the workbook names: α, levels, the column
 * particulars, evidence and every record (RULES.md §6). The writers render the filled model as they
 * render a blank one; the readers (../snapshot.ts) read the same names back, so JSON → workbook → JSON
 * loses nothing. List cells get the label of the model's language; dates become date serial numbers.
 */
import type { Scheme, Text } from "../../scheme/types";
import type { AssessmentInput } from "../../engine";
import { NAMES } from "../contract";
import { a1, parseArea } from "../a1";
import { isoToSerial } from "../dates";
import { AUDIT_FIELDS, QMS_FIELDS } from "./records";
import type { CellModel, TemplateModel } from "./types";

/** A filled copy of the model (the model itself is not changed). Throws when the assessment does not fit. */
export function fillModel(model: TemplateModel, input: AssessmentInput, scheme: Scheme): TemplateModel {
  const lang = model.lang;
  const label = (t: Text) => (lang === "en-US" ? t.en : t.zh);
  const v = scheme.vocabulary;
  const sheets = model.sheets.map((sh) => ({ ...sh, cells: sh.cells.map((c) => ({ ...c })) }));
  const byName = new Map(model.names.map((n) => [n.name, n]));
  const cellsOf = new Map(sheets.map((sh) => [sh.name, new Map(sh.cells.map((c) => [c.ref, c]))]));

  /** the input cell at (row i, column j) of a name; undefined when the name is not in this workbook */
  const at = (name: string, i: number, j: number): CellModel | undefined => {
    const n = byName.get(name);
    if (!n) return undefined;
    const a = parseArea(n.ref);
    if (i > a.bottom - a.top || j > a.right - a.left) throw new RangeError(`${name} has no row ${i + 1}, column ${j + 1}`);
    const c = cellsOf.get(n.sheet)?.get(a1(a.left + j, a.top + i));
    if (!c || !c.input) throw new Error(`${name}: cell ${a1(a.left + j, a.top + i)} is not an input of the model`);
    return c;
  };
  const put = (name: string, i: number, j: number, value: unknown) => {
    if (value === null || value === undefined || value === "") return;
    const c = at(name, i, j);
    if (c) c.value = value as CellModel["value"];
  };
  const date = (iso: string | undefined) => (iso ? isoToSerial(iso) : undefined);
  const na = lang === "en-US" ? scheme.notApplicable[0] : scheme.notApplicable[scheme.notApplicable.length - 1];

  const cols = model.layout.raters;
  if (input.raters.length > cols) throw new RangeError(`the workbook has ${cols} rater column(s); the assessment has ${input.raters.length}`);
  input.raters.forEach((r, j) => {
    scheme.items.forEach((_, i) => put(NAMES.alpha, i, j, r.alphas[i] === "NA" ? na : r.alphas[i]));
    put(NAMES.raterInfo, 0, j, r.kind ? label(v.raterKind[r.kind]) : undefined);
    put(NAMES.raterInfo, 1, j, r.name);
    put(NAMES.raterInfo, 2, j, date(r.date));
    put(NAMES.raterInfo, 3, j, r.method);
    scheme.items.forEach((_, i) => put(NAMES.evidence, i, j, r.evidence?.[i]));
  });
  if (byName.has(NAMES.levels)) scheme.clauses.forEach((c, i) => put(NAMES.levels, i, 0, input.levels[i]));
  const rec = input.records ?? {};
  if (byName.has(NAMES.clauseEvidence)) scheme.clauses.forEach((c, i) => put(NAMES.clauseEvidence, i, 0, rec.maturityEvidence?.[c.id]));
  put(NAMES.organization, 0, 0, input.organization);
  if (byName.has(NAMES.audit)) {
    const a = rec.audit ?? {};
    AUDIT_FIELDS.forEach((f, i) => {
      const val = a[f];
      if (f === "from" || f === "to" || f === "decisionDate") put(NAMES.audit, i, 0, date(val as string | undefined));
      else if (f === "team") put(NAMES.audit, i, 0, (val as string[] | undefined)?.join(lang === "en-US" ? ", " : "、"));
      else put(NAMES.audit, i, 0, val);
    });
  }
  if (byName.has(NAMES.specific)) {
    scheme.specificRequirements.forEach((p, i) => {
      const s = rec.specificRequirements?.[p.id];
      if (!s) return;
      put(NAMES.specific, i, 0, label(v.specificResult[s.result]));
      put(NAMES.specific, i, 1, s.evidence);
    });
  }
  if (byName.has(NAMES.qms)) {
    const q = rec.qms ?? {};
    const yes = (b: boolean | undefined) => (b === undefined ? undefined : label(b ? v.yesNo.yes : v.yesNo.no));
    QMS_FIELDS.forEach((f, i) => {
      if (f === "certified" || f === "accredited") put(NAMES.qms, i, 0, yes(q[f]));
      else if (f === "validUntil") put(NAMES.qms, i, 0, date(q.validUntil));
      else if (f === "exemption") put(NAMES.qms, i, 0, q.exemption ? label(v.exemption[q.exemption]) : undefined);
      else put(NAMES.qms, i, 0, q[f]);
    });
  }
  if (byName.has(NAMES.nonconformities)) {
    const ncs = rec.nonconformities ?? [];
    const n = byName.get(NAMES.nonconformities);
    const rows = n ? parseArea(n.ref).bottom - parseArea(n.ref).top + 1 : 0;
    if (ncs.length > rows) throw new RangeError(`the workbook has room for ${rows} nonconformities; the assessment has ${ncs.length}`);
    ncs.forEach((nc, k) => {
      put(NAMES.nonconformities, k, 0, nc.clause);
      put(NAMES.nonconformities, k, 1, nc.description);
      put(NAMES.nonconformities, k, 2, label(v.severity[nc.severity]));
      put(NAMES.nonconformities, k, 3, nc.status ? label(v.ncStatus[nc.status]) : undefined);
    });
  }
  if (byName.has(NAMES.conformity) && rec.conformity) {
    put(NAMES.conformity, 0, 0, label(rec.conformity.passed ? v.conformity.passed : v.conformity.failed));
    put(NAMES.conformity, 1, 0, date(rec.conformity.date));
    put(NAMES.conformity, 2, 0, rec.conformity.note);
  }
  return { ...model, sheets };
}
